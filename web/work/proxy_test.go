package work

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"yusuan/store"
)

// TestAddress takes the client's address from X-Forwarded-For only behind a
// trusted proxy, and then the rightmost hop that is not a trusted proxy: what
// a client writes into the header itself does not count.
func TestAddress(t *testing.T) {
	proxies, err := ParseTrustedProxies(" 10.0.0.0/8, 127.0.0.1,::1")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		peer, want string
		xff        []string
		trusted    bool
	}{
		{"203.0.113.5:1234", "203.0.113.5", []string{"1.2.3.4"}, true},    // not from a proxy: the header is a lie
		{"10.0.0.2:1234", "198.51.100.7", []string{"198.51.100.7"}, true}, // one proxy
		{"10.0.0.2:1234", "198.51.100.7", []string{"6.6.6.6, 198.51.100.7"}, true},
		{"10.0.0.2:1234", "198.51.100.7", []string{"6.6.6.6", "198.51.100.7, 10.0.0.3"}, true}, // two proxies, two header lines
		{"10.0.0.2:1234", "198.51.100.7", []string{"garbage, 198.51.100.7"}, true},
		{"10.0.0.2:1234", "10.0.0.2", []string{"198.51.100.7, garbage"}, true},
		{"10.0.0.2:1234", "10.0.0.2", nil, true},
		{"10.0.0.2:1234", "10.0.0.9", []string{"10.0.0.9"}, true}, // only proxies: the leftmost
		{"[::1]:1234", "2001:db8::1", []string{"[2001:db8::1]:4711"}, true},
		{"[::ffff:10.0.0.2]:1234", "198.51.100.7", []string{"198.51.100.7"}, true},
		{"127.0.0.1:1234", "127.0.0.1", []string{"198.51.100.7"}, false}, // no trusted proxies: ignored
	} {
		s := &Server{}
		if tc.trusted {
			s.opts.TrustedProxies = proxies
		}
		r := httptest.NewRequest(http.MethodGet, "/work/", nil)
		r.RemoteAddr = tc.peer
		for _, v := range tc.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		if got := s.address(r); got != tc.want {
			t.Errorf("peer %s, X-Forwarded-For %q: %s, want %s", tc.peer, tc.xff, got, tc.want)
		}
	}
	for _, bad := range []string{"10.0.0.0/33", "proxy.local", "10.0.0"} {
		if _, err := ParseTrustedProxies(bad); err == nil || !strings.Contains(err.Error(), "不是 IP 地址或 CIDR 网段") {
			t.Errorf("ParseTrustedProxies(%q) = %v", bad, err)
		}
	}
}

// TestForwardedLogins sends failed logins through a trusted proxy (the test
// server's peer, 127.0.0.1): the audit log records the forwarded address, and
// the address throttle counts per forwarded address, so that a client cannot
// escape it by writing another address to the left. Without trusted proxies
// the header changes nothing.
func TestForwardedLogins(t *testing.T) {
	e := newEnv(t, t.TempDir()+"/work.db")
	proxies, _ := ParseTrustedProxies("127.0.0.1")
	e.work = New(e.st, Options{Now: e.clock.Now, TrustedProxies: proxies, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	e.srv.Config.Handler = e.work
	login := func(xff, who, password string) int {
		t.Helper()
		c := e.client(t)
		c.get("/work/login")
		form := url.Values{"login": {who}, "password": {password}, "csrf": {c.csrf}}
		req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/work/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", xff)
		resp, _ := c.do(req)
		return resp.StatusCode
	}
	for i := range 20 {
		login("6.6.6."+formatID(int64(i))+", 198.51.100.7", "guess"+formatID(int64(i)), "whatever-it-is")
	}
	if got := login("1.1.1.1, 198.51.100.7", "admin", testPassword); got != http.StatusTooManyRequests {
		t.Errorf("the throttled client, another address written to the left: %d, want 429", got)
	}
	if got := login("198.51.100.8", "admin", testPassword); got != http.StatusSeeOther {
		t.Errorf("another client behind the proxy: %d, want 303", got)
	}
	list, err := e.st.ListAudit(context.Background(), store.AuditFilter{Action: "login.fail", Limit: 1})
	if err != nil || len(list) != 1 || list[0].Address != "198.51.100.7" {
		t.Errorf("audit of a forwarded login: %+v %v", list, err)
	}

	// Not a trusted proxy: the header is ignored.
	e.work = New(e.st, Options{Now: e.clock.Now, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	e.srv.Config.Handler = e.work
	login("198.51.100.9", "nobody", "whatever-it-is")
	list, err = e.st.ListAudit(context.Background(), store.AuditFilter{Action: "login.fail", Limit: 1})
	if err != nil || len(list) != 1 || list[0].Address != "127.0.0.1" {
		t.Errorf("audit of a login with a forged header: %+v %v", list, err)
	}
}
