package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
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
			s.fail(w, r, &Error{"method", "只允许查看（GET）请求"}, http.StatusMethodNotAllowed)
			return
		}
		if len(r.URL.RawQuery)+len(r.URL.Path) > maxURL {
			s.fail(w, r, &Error{EInvalid, "请求地址过长"}, http.StatusRequestURITooLong)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxRequestBody)
		start := time.Now()
		next.ServeHTTP(w, r)
		if d := time.Since(start); d > 2*time.Second {
			s.log.Warn("slow request", "path", r.URL.Path, "duration", d)
		}
	})
}

// fail answers with an error page, or JSON under /api/.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, e *Error, code int) {
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
			if e.Code == EInternal || e.Code == ETimeout {
				s.log.Error("page failed", "path", r.URL.Path, "err", err)
			}
			s.renderError(w, r, e, status(e.Code))
		}
	})
}

// api adapts an API handler: its error becomes {"error": {"code", "message"}}.
func (s *Server) api(fn func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			e := classify(err)
			if e.Code == EInternal || e.Code == ETimeout {
				s.log.Error("api failed", "path", r.URL.Path, "err", err)
			}
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
