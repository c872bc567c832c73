package web

import (
	"io"
	"net/http"
	"path/filepath"
	"testing"
)

// TestStaticCached: an embedded file carries an ETag that answers a repeated
// request with 304, for the plain and the gzipped form alike, and the gzipped
// form is the same bytes every time (compressed once, not per request).
func TestStaticCached(t *testing.T) {
	p := newPortal(t, filepath.Join(t.TempDir(), "yusuan.db"))
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get := func(path string, header map[string]string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, p.srv.URL+path, nil)
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, body
	}
	const js = "/static/vendor/echarts/echarts.min.js"
	for _, enc := range []string{"", "gzip"} {
		first, body1 := get(js, map[string]string{"Accept-Encoding": enc})
		etag := first.Header.Get("ETag")
		if first.StatusCode != http.StatusOK || etag == "" || first.Header.Get("Content-Encoding") != enc {
			t.Fatalf("%q: %d, ETag %q, Content-Encoding %q", enc, first.StatusCode, etag, first.Header.Get("Content-Encoding"))
		}
		if first.Header.Get("Content-Type") != "text/javascript; charset=utf-8" {
			t.Errorf("%q: Content-Type %q", enc, first.Header.Get("Content-Type"))
		}
		_, body2 := get(js, map[string]string{"Accept-Encoding": enc})
		if string(body1) != string(body2) {
			t.Errorf("%q: two requests gave different bytes", enc)
		}
		again, body := get(js, map[string]string{"Accept-Encoding": enc, "If-None-Match": etag})
		if again.StatusCode != http.StatusNotModified || len(body) != 0 {
			t.Errorf("%q: If-None-Match %s gave %d with %d bytes", enc, etag, again.StatusCode, len(body))
		}
	}
	plain, _ := get(js, nil)
	zipped, _ := get(js, map[string]string{"Accept-Encoding": "gzip"})
	if plain.Header.Get("ETag") == zipped.Header.Get("ETag") {
		t.Error("the plain and the gzipped form share an ETag")
	}
	for _, bad := range []string{"/static/", "/static/js/", "/static/nothing.js", "/static/..%2fweb.go", "/static/..%c0%af"} {
		if resp, _ := get(bad, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", bad, resp.StatusCode)
		}
	}
}
