package web

import (
	"compress/gzip"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompression: text answers are gzipped for clients that accept it, and read
// back whole; others, ranges and binary files are sent as they are.
func TestCompression(t *testing.T) {
	p := newPortal(t, filepath.Join(t.TempDir(), "yusuan.db"))
	get := func(path string, header map[string]string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, p.srv.URL+path, nil)
		for k, v := range header {
			req.Header.Set(k, v)
		}
		// The transport would ask for gzip and undo it silently; ask explicitly.
		tr := &http.Transport{DisableCompression: true}
		resp, err := (&http.Client{Transport: tr}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, body
	}
	plainResp, plain := get("/static/vendor/echarts/echarts.min.js", nil)
	if plainResp.Header.Get("Content-Encoding") != "" || len(plain) < 500_000 {
		t.Fatalf("echarts without gzip: %q, %d bytes", plainResp.Header.Get("Content-Encoding"), len(plain))
	}
	for _, path := range []string{"/static/vendor/echarts/echarts.min.js", "/", "/api/regions", "/data/cells.csv"} {
		resp, body := get(path, map[string]string{"Accept-Encoding": "gzip, deflate, br"})
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s: %d, Content-Encoding %q, Vary %q", path, resp.StatusCode, resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
			continue
		}
		zr, err := gzip.NewReader(strings.NewReader(string(body)))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		whole, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if path == "/static/vendor/echarts/echarts.min.js" {
			if string(whole) != string(plain) {
				t.Errorf("echarts gzipped does not read back whole")
			}
			if len(body)*3 > len(plain) {
				t.Errorf("echarts gzipped is %d of %d bytes", len(body), len(plain))
			}
		}
	}
	if resp, _ := get("/static/vendor/echarts/echarts.min.js", map[string]string{"Accept-Encoding": "gzip", "Range": "bytes=0-99"}); resp.StatusCode != http.StatusPartialContent || resp.Header.Get("Content-Encoding") != "" {
		t.Errorf("a range request: %d %q", resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
	if resp, _ := get("/static/vendor/echarts/echarts.min.js", map[string]string{"Accept-Encoding": "gzip;q=0"}); resp.Header.Get("Content-Encoding") != "" {
		t.Error("gzip refused with q=0 but sent")
	}
}
