package web

import (
	"encoding/json"
	"io/fs"
	"net/http"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"
)

// maxRequestBody bounds what a request may carry: the portal reads no bodies, so a
// client cannot make the server hold a large one either.
const maxRequestBody = 1 << 10

// maxURL bounds the request target; queries longer than this are no one's search.
const maxURL = 4 << 10

const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// secure sets the security headers on every response, refuses every method but GET
// and HEAD (nothing writes through the web), and bounds the request.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		// The API and the bulk data are public and read-only: any site may read them.
		if isAPI(r) || strings.HasPrefix(r.URL.Path, "/data/") {
			h.Set("Access-Control-Allow-Origin", "*")
			h.Set("Cross-Origin-Resource-Policy", "cross-origin")
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			s.fail(w, r, &Error{EMethod, "只允许查看（GET）请求"}, http.StatusMethodNotAllowed)
			return
		}
		if len(r.URL.RawQuery)+len(r.URL.Path) > maxURL {
			s.fail(w, r, &Error{EInvalid, "请求地址过长"}, http.StatusRequestURITooLong)
			return
		}
		// No page or file has a name that is not UTF-8 or climbs out of its
		// folder; the file server would answer such a path with an English 500.
		if !utf8.ValidString(r.URL.Path) || strings.HasPrefix(r.URL.Path, "/static/") && !fs.ValidPath(strings.TrimPrefix(r.URL.Path, "/static/")) {
			s.fail(w, r, errNotFound, http.StatusNotFound)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxRequestBody)
		start := time.Now()
		cw := &errorCatcher{ResponseWriter: w, s: s, r: r}
		defer s.recoverPanic(cw, r)
		next.ServeHTTP(cw, r)
		if d := time.Since(start); d > 2*time.Second {
			s.log.Warn("slow request", "path", r.URL.Path, "duration", d)
		}
	})
}

// recoverPanic answers a handler's panic with the Chinese error page when
// nothing was sent yet, and logs it; the standard library would only drop
// the connection. A reply already begun is cut off as the standard library
// does, so that it cannot pass for a whole one.
func (s *Server) recoverPanic(cw *errorCatcher, r *http.Request) {
	p := recover()
	if p == nil {
		return
	}
	if p == http.ErrAbortHandler {
		panic(p)
	}
	s.log.Error("handler panicked", "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
	if cw.wrote {
		panic(http.ErrAbortHandler)
	}
	cw.wrote = true
	s.fail(cw.ResponseWriter, r, classify(nil), http.StatusInternalServerError)
}

// errorCatcher replaces the plain-text English error replies of the
// standard library's handlers (the file server's 404 and 500, the mux's 404
// and 405) by the portal's Chinese error page or JSON error. The portal's
// own handlers never answer an error in text/plain.
type errorCatcher struct {
	http.ResponseWriter
	s       *Server
	r       *http.Request
	wrote   bool // the status is sent
	swallow bool // the handler's own error text is dropped
}

func (c *errorCatcher) WriteHeader(code int) {
	if c.wrote {
		return
	}
	c.wrote = true
	h := c.Header()
	if code < 400 || !strings.HasPrefix(h.Get("Content-Type"), "text/plain") {
		c.ResponseWriter.WriteHeader(code)
		return
	}
	c.swallow = true
	for _, k := range []string{"Content-Type", "Content-Length", "Content-Encoding", "Content-Disposition", "Cache-Control", "ETag", "Last-Modified"} {
		h.Del(k)
	}
	e := stdlibError(code)
	if code == http.StatusForbidden {
		// A file that cannot be opened is one that does not exist, whatever the cause.
		code = http.StatusNotFound
	}
	c.s.fail(c.ResponseWriter, c.r, e, code)
}

// stdlibError is what a standard handler's error status means to a visitor.
func stdlibError(code int) *Error {
	switch {
	case code == http.StatusMethodNotAllowed:
		return &Error{EMethod, "只允许查看（GET）请求"}
	case code == http.StatusRequestedRangeNotSatisfiable:
		return &Error{EInvalid, "请求的下载范围超出了文件大小"}
	case code == http.StatusNotFound || code == http.StatusForbidden:
		return errNotFound
	case code < 500:
		return &Error{EInvalid, "请求有误"}
	}
	return classify(nil)
}

func (c *errorCatcher) Write(p []byte) (int, error) {
	if !c.wrote {
		c.wrote = true
	}
	if c.swallow {
		return len(p), nil
	}
	return c.ResponseWriter.Write(p)
}

// Flush passes on a flush, for long downloads.
func (c *errorCatcher) Flush() {
	if f, ok := c.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection (deadlines).
func (c *errorCatcher) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// fail answers with an error page, or JSON under /api/.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, e *Error, code int) {
	retryAfter(w, code)
	if isAPI(r) {
		writeJSONError(w, e, code)
		return
	}
	s.renderError(w, r, e, code)
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// page adapts a page handler: its error becomes a Chinese error page.
func (s *Server) page(fn func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			e := classify(err)
			if e.Code == EInternal || e.Code == ETimeout || e.Code == EOverload {
				s.log.Error("page failed", "path", r.URL.Path, "err", err)
			}
			retryAfter(w, status(e.Code))
			s.renderError(w, r, e, status(e.Code))
		}
	})
}

// retryAfterSeconds is when a client turned away for load may come back.
const retryAfterSeconds = "10"

// retryAfter tells a client turned away because the portal is busy (503,
// 429) when to try again.
func retryAfter(w http.ResponseWriter, code int) {
	if code == http.StatusServiceUnavailable || code == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", retryAfterSeconds)
	}
}

// api adapts an API handler: its error becomes {"error": {"code", "message"}}.
func (s *Server) api(fn func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			e := classify(err)
			if e.Code == EInternal || e.Code == ETimeout || e.Code == EOverload {
				s.log.Error("api failed", "path", r.URL.Path, "err", err)
			}
			retryAfter(w, status(e.Code))
			writeJSONError(w, e, status(e.Code))
		}
	})
}

type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func writeJSONError(w http.ResponseWriter, e *Error, code int) {
	var body apiError
	body.Error.Code, body.Error.Message = e.Code, e.Message
	writeJSON(w, code, body)
}

func writeJSON(w http.ResponseWriter, code int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	return enc.Encode(v)
}
