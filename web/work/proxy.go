package work

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// ParseTrustedProxies reads the --trusted-proxy list: CIDR ranges or single
// addresses, separated by commas.
func ParseTrustedProxies(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("“%s”不是 IP 地址或 CIDR 网段（如 10.0.0.0/8、192.168.1.10）", f)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// address is the client's address, for login throttling and the audit log:
// the TCP peer's, or, when the peer is a trusted proxy, the rightmost address
// of X-Forwarded-For that is not a trusted proxy (the hops to its left were
// written by the client and prove nothing). An address that does not parse
// ends the walk at the hop to its right. Without trusted proxies the header is
// ignored.
func (s *Server) address(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil || !s.trusted(peer) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := parseHop(hops[i])
		if err != nil {
			break
		}
		client = hop
		if !s.trusted(hop) {
			break
		}
	}
	return client.String()
}

// parseHop reads one address of X-Forwarded-For, with or without a port.
func parseHop(h string) (netip.Addr, error) {
	h = strings.TrimSpace(h)
	if ap, err := netip.ParseAddrPort(h); err == nil {
		return ap.Addr().Unmap(), nil
	}
	a, err := netip.ParseAddr(h)
	return a.Unmap(), err
}

func (s *Server) trusted(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range s.opts.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
