package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// stalledWriter is a client that reads nothing: its first Write signals
// started and then blocks until release is closed.
type stalledWriter struct {
	header  http.Header
	once    sync.Once
	started chan struct{}
	release chan struct{}
}

func newStalledWriter(release chan struct{}) *stalledWriter {
	return &stalledWriter{header: http.Header{}, started: make(chan struct{}), release: release}
}

func (w *stalledWriter) Header() http.Header { return w.header }
func (w *stalledWriter) WriteHeader(int)     {}
func (w *stalledWriter) Write(p []byte) (int, error) {
	w.once.Do(func() { close(w.started) })
	<-w.release
	return len(p), nil
}

// TestSlowBulkReadersDoNotBlockOthers starts as many bulk downloads as there
// are slots, by clients that stop reading, and checks that a third client
// still gets the whole file, and that the file is served with an ETag and
// ranges. Before the files were built once and served from disk, each slow
// client held a slot for as long as it was being sent to, and everyone else
// got 429 for up to BulkTimeout.
func TestSlowBulkReadersDoNotBlockOthers(t *testing.T) {
	p := newPortal(t, filepath.Join(t.TempDir(), "yusuan.db"))
	h := p.srv.Config.Handler
	release := make(chan struct{})
	var wg sync.WaitGroup
	defer wg.Wait()
	defer close(release)
	for range 2 { // MaxBulk's default
		sw := newStalledWriter(release)
		wg.Go(func() { h.ServeHTTP(sw, httptest.NewRequest(http.MethodGet, "/data/cells.csv", nil)) })
		select {
		case <-sw.started:
		case <-time.After(30 * time.Second):
			t.Fatal("a slow client never got the first byte")
		}
	}

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/data/cells.csv", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("third client: %d %s", rec.Code, rec.Body.String())
	}
	body := rec.Body.String()
	if !strings.HasPrefix(body, "\uFEFFregion,department,") || strings.Count(body, "\n") < 500 {
		t.Fatalf("third client got %d bytes: %.80q", len(body), body)
	}
	etag := rec.Header().Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}

	// Another region is another file, built on a free slot.
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/data/cells.csv?region="+"深圳市龙岗区", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "深圳市龙岗区") || strings.Contains(rec.Body.String(), "上海市普陀区") {
		t.Errorf("one region: %d, %d bytes", rec.Code, rec.Body.Len())
	}

	req := httptest.NewRequest(http.MethodGet, "/data/cells.csv", nil)
	req.Header.Set("Range", "bytes=0-99")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusPartialContent || rec.Body.String() != body[:100] {
		t.Errorf("range: %d, %q", rec.Code, rec.Body.String())
	}
	req = httptest.NewRequest(http.MethodGet, "/data/cells.csv", nil)
	req.Header.Set("If-None-Match", etag)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified {
		t.Errorf("If-None-Match: %d, want 304", rec.Code)
	}

	// A gzip client gets the compressed file, the same content.
	req = httptest.NewRequest(http.MethodGet, "/data/cells.csv", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Encoding") != "gzip" || rec.Header().Get("ETag") == etag {
		t.Fatalf("gzip: %d, %v", rec.Code, rec.Header())
	}
	if got := gunzip(t, rec.Body.Bytes()); got != body {
		t.Errorf("gzipped file differs from the plain one (%d and %d bytes)", len(got), len(body))
	}
}

func gunzip(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
