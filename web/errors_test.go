package web

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"yusuan/store"
)

// chinesePage reports what is wrong with an error reply that a visitor
// should read as the portal's Chinese error page, or "".
func chinesePage(h http.Header, body, heading string) string {
	switch {
	case !strings.HasPrefix(h.Get("Content-Type"), "text/html"):
		return "content type " + h.Get("Content-Type")
	case !strings.Contains(body, `lang="zh-CN"`) || !strings.Contains(body, heading):
		return "not the Chinese page headed " + heading
	case strings.Contains(body, "Internal Server Error") || strings.Contains(body, "page not found") || strings.Contains(body, "Method Not Allowed"):
		return "English text"
	case h.Get("Cache-Control") != "no-cache":
		return "cacheable: " + h.Get("Cache-Control")
	}
	return ""
}

// TestErrorPagesChinese: the file server's and the mux's errors, and paths no
// handler can take, are the Chinese error page (JSON under /api/).
func TestErrorPagesChinese(t *testing.T) {
	p := newPortal(t, filepath.Join(t.TempDir(), "yusuan.db"))
	for _, path := range []string{
		"/static/..%c0%af",
		"/static/%ff",
		"/static/..%2f..%2fetc/passwd",
		"/static/nope.css",
		"/static/",
		"/static//x",
		"/static/%2e%2e/x",
		"/%c0",
		"/documents/abc",
		"/nope",
	} {
		code, h, body := p.get(t, path)
		if code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, code)
		}
		if why := chinesePage(h, body, "页面不存在"); why != "" {
			t.Errorf("GET %s: %s\n%s", path, why, truncate(body, 200))
		}
	}
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
		code, h, body := p.do(t, m, "/static/app.css")
		if code != http.StatusMethodNotAllowed || chinesePage(h, body, "不支持的请求方式") != "" {
			t.Errorf("%s: %d %s", m, code, chinesePage(h, body, "不支持的请求方式"))
		}
	}
	code, h, body := p.get(t, "/api/%c0")
	if code != http.StatusNotFound || !strings.HasPrefix(h.Get("Content-Type"), "application/json") || !strings.Contains(body, "页面不存在") {
		t.Errorf("/api/%%c0: %d %s %s", code, h.Get("Content-Type"), body)
	}
}

// TestStandardErrorsCaught: whatever a standard handler answers with
// http.Error, or a panic, reaches the visitor as the Chinese page.
func TestStandardErrorsCaught(t *testing.T) {
	s := New(nil, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	tests := []struct {
		name    string
		handler http.HandlerFunc
		code    int
		heading string
	}{
		{"not found", http.NotFound, 404, "页面不存在"},
		{"forbidden", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "403 Forbidden", http.StatusForbidden) }, 404, "页面不存在"},
		{"bad request", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "bad", 400) }, 400, "请求有误"},
		{"method", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "Method Not Allowed", http.StatusMethodNotAllowed)
		}, 405, "不支持的请求方式"},
		{"range", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Range", "bytes */10")
			http.Error(w, "invalid range", http.StatusRequestedRangeNotSatisfiable)
		}, 416, "请求有误"},
		{"internal", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Cache-Control", "public, max-age=3600")
			http.Error(w, "500 Internal Server Error", 500)
		}, 500, "服务器错误"},
		{"panic", func(w http.ResponseWriter, r *http.Request) { panic("boom") }, 500, "服务器错误"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			s.secure(tc.handler).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/x", nil))
			body := rec.Body.String()
			if rec.Code != tc.code {
				t.Errorf("status %d, want %d", rec.Code, tc.code)
			}
			if why := chinesePage(rec.Header(), body, tc.heading); why != "" {
				t.Errorf("%s\n%s", why, truncate(body, 300))
			}
			if strings.Count(body, "<html") != 1 {
				t.Errorf("%d pages in the reply", strings.Count(body, "<html"))
			}
		})
	}
	// The portal's own replies pass as they are.
	rec := httptest.NewRecorder()
	s.secure(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "User-agent: *\n")
	})).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/robots.txt", nil))
	if rec.Code != 200 || rec.Body.String() != "User-agent: *\n" {
		t.Errorf("plain 200: %d %q", rec.Code, rec.Body.String())
	}
}

// TestOverload: a request the database turns away for load is a 503 with
// Retry-After and the Chinese page, never a 500.
func TestOverload(t *testing.T) {
	s := New(nil, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	for _, err := range []error{
		// As the store wraps the drivers' errors for load (store's TestBusySQLite
		// and TestBusyPostgres make them from real ones).
		fmt.Errorf("store: departments: commit: %w", fmt.Errorf("%w: %w", store.ErrBusy, sql.ErrTxDone)),
		fmt.Errorf("store: search: %w", fmt.Errorf("%w: %w", store.ErrBusy, errors.New("database is locked (5) (SQLITE_BUSY)"))),
		fmt.Errorf("store: search: begin: %w", fmt.Errorf("%w: %w", store.ErrBusy, errors.New("FATAL: sorry, too many clients already (SQLSTATE 53300)"))),
		// A request given up while it waited.
		fmt.Errorf("store: search: %w", context.Canceled),
	} {
		for _, path := range []string{"/page", "/api/x"} {
			h := s.page(func(http.ResponseWriter, *http.Request) error { return err })
			if strings.HasPrefix(path, "/api/") {
				h = s.api(func(http.ResponseWriter, *http.Request) error { return err })
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
			if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
				t.Errorf("%s %v: %d, Retry-After %q", path, err, rec.Code, rec.Header().Get("Retry-After"))
			}
			if !strings.Contains(rec.Body.String(), "请稍后再试") {
				t.Errorf("%s %v: %s", path, err, truncate(rec.Body.String(), 200))
			}
		}
	}

	// A driver's text alone is not taken for load: the store says which
	// errors are (store.ErrBusy).
	if got := classify(fmt.Errorf("store: search: %w", errors.New("database is locked (5) (SQLITE_BUSY)"))); got.Code != EInternal {
		t.Errorf("text without store.ErrBusy: %s", got.Code)
	}

	// A portal whose every query runs out of time.
	p := newPortal(t, filepath.Join(t.TempDir(), "yusuan.db"))
	srv := httptest.NewServer(New(p.st, Options{QueryTimeout: time.Nanosecond, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	defer srv.Close()
	for _, path := range []string{"/", "/search?q=局", "/api/departments"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
			t.Errorf("GET %s: %d, Retry-After %q", path, resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		if !strings.HasPrefix(path, "/api/") {
			if why := chinesePage(resp.Header, string(body), "查询超时"); why != "" {
				t.Errorf("GET %s: %s", path, why)
			}
		}
	}
}
