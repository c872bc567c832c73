package work

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"yusuan/account"
	"yusuan/store"
)

// Cookies of the work area, both limited to its path.
const (
	sessionCookie = "yusuan_work"     // the session token
	preCookie     = "yusuan_work_pre" // the CSRF secret of the login form, before a session exists
)

// maxForm bounds a request body: the work area's forms are small.
const maxForm = 64 << 10

// touchEvery is how stale a session's last request may be before it is
// written again, so that every click is not a database write.
const touchEvery = time.Minute

const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// caller is who makes a request: the account and session when logged in, and
// always the address.
type caller struct {
	User    store.UserInfo
	Session store.Session
	token   string
	Address string
	// CSRF is the secret every form of the page carries: the session's, or before
	// login the one of the login form's cookie.
	CSRF string
	// Expired says the request brought a session that has ended.
	Expired bool
}

// LoggedIn reports whether the caller has a session.
func (c *caller) LoggedIn() bool { return c.User.ID != 0 }

// Actor is the caller as the audit log records it.
func (c *caller) Actor() account.Actor { return account.Actor{User: c.User.User, Address: c.Address} }

// secure sets the security headers of every answer, keeps every page out of
// caches, bounds the request and turns a panic into an error page.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		if !strings.HasPrefix(r.URL.Path, "/work/static/") {
			h.Set("Cache-Control", "no-store")
		}
		limit := int64(maxForm)
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/upload") {
			limit = maxUpload
		}
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/edit") {
			limit = maxEdit
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("work handler panicked", "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
				s.renderError(w, r, &caller{}, &Error{http.StatusInternalServerError, "服务器内部错误，请稍后再试"})
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// guard runs a route: it finds the caller's session, checks the CSRF secret of a
// POST, sends a visitor without a session to the login page, and checks the
// caller's role and scope before the handler runs.
func (s *Server) guard(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := s.caller(w, r)
		if err != nil {
			s.fail(w, r, &caller{Address: s.address(r)}, err)
			return
		}
		if !rt.access.public && !c.LoggedIn() {
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				to := "/work/login?next=" + url.QueryEscape(r.URL.RequestURI())
				if c.Expired {
					to += "&expired=1"
				}
				http.Redirect(w, r, to, http.StatusSeeOther)
				return
			}
			s.fail(w, r, c, &Error{http.StatusUnauthorized, "请先登录。登录可能已过期，请重新登录后再操作。"})
			return
		}
		if r.Method == http.MethodPost {
			if err := s.checkCSRF(r, c); err != nil {
				s.fail(w, r, c, err)
				return
			}
		}
		if !rt.access.public {
			if err := s.authorize(r, c, rt.access); err != nil {
				s.fail(w, r, c, err)
				return
			}
		}
		if err := rt.handle(w, r, c); err != nil {
			s.fail(w, r, c, err)
		}
	})
}

// authorize checks the caller's role against a's roles, and its scope against
// the region and department the request acts on.
func (s *Server) authorize(r *http.Request, c *caller, a access) error {
	if err := c.require(0, 0, a.roles...); err != nil || a.scope == nil {
		return err
	}
	region, dept, err := a.scope(s, r, c)
	if err != nil {
		return err
	}
	return c.require(region, dept, a.roles...)
}

// require checks that the caller's account is enabled, has one of roles (any
// role when none is given) and reaches the department dept of region regionID
// (a zero region: the caller's own scope, nothing to check). Handlers that act
// on several objects (bulk actions) call it for each; the error is a Chinese 403.
func (c *caller) require(regionID, dept int64, roles ...account.Role) error {
	if !c.LoggedIn() || c.User.Disabled {
		return errForbidden("账号未登录或已停用")
	}
	if !(access{roles: roles}).allowedRole(c.User.Role) {
		return errForbidden("此页面仅限" + roleNames(roles) + "使用，您的角色是" + c.User.Role.Label())
	}
	if regionID == 0 || c.User.Scope(regionID, dept) {
		return nil
	}
	if regionID != c.User.RegionID {
		return errForbidden("所操作的对象不属于您所在的地区")
	}
	return errForbidden("所操作的对象不属于您所在的部门")
}

// caller finds who makes the request. A session that has ended, or whose account
// was disabled, is deleted and its cookie cleared; the visitor is then anonymous.
func (s *Server) caller(w http.ResponseWriter, r *http.Request) (*caller, error) {
	c := &caller{Address: s.address(r)}
	ck, err := r.Cookie(sessionCookie)
	if err != nil || ck.Value == "" {
		return s.anonymous(w, r, c), nil
	}
	ctx, cancel := s.query(r)
	defer cancel()
	ses, err := s.st.Session(ctx, ck.Value)
	if errors.Is(err, store.ErrNotFound) {
		s.clearCookie(w, r, sessionCookie)
		c.Expired = true
		return s.anonymous(w, r, c), nil
	}
	if err != nil {
		return nil, err
	}
	now := s.opts.Now()
	if now.After(ses.Expires) || now.Sub(ses.LastSeen) > s.opts.IdleTimeout || ses.User.Disabled {
		if err := s.st.EndSession(ctx, account.Actor{}, ck.Value, "", "", now); err != nil {
			return nil, err
		}
		s.clearCookie(w, r, sessionCookie)
		c.Expired = true
		return s.anonymous(w, r, c), nil
	}
	if now.Sub(ses.LastSeen) > touchEvery {
		if err := s.st.TouchSession(ctx, ck.Value, now); err != nil {
			return nil, err
		}
	}
	c.User, c.Session, c.token, c.CSRF = ses.User, ses, ck.Value, ses.CSRF
	return c, nil
}

// anonymous gives a visitor without a session the CSRF secret of the login form,
// kept in a cookie of its own (double submit).
func (s *Server) anonymous(w http.ResponseWriter, r *http.Request, c *caller) *caller {
	if ck, err := r.Cookie(preCookie); err == nil && len(ck.Value) >= 32 && len(ck.Value) <= 64 {
		c.CSRF = ck.Value
		return c
	}
	c.CSRF = randomToken()
	s.setCookie(w, r, preCookie, c.CSRF, 0)
	return c
}

// checkCSRF refuses a POST from another site, or without the form's secret.
func (s *Server) checkCSRF(r *http.Request, c *caller) error {
	if site := r.Header.Get("Sec-Fetch-Site"); site == "cross-site" || site == "same-site" {
		return errCSRF
	}
	if origin := r.Header.Get("Origin"); origin != "" && origin != "null" {
		u, err := url.Parse(origin)
		if err != nil || u.Host != r.Host {
			return errCSRF
		}
	}
	got := r.PostFormValue("csrf")
	if c.CSRF == "" || subtle.ConstantTimeCompare([]byte(got), []byte(c.CSRF)) != 1 {
		return errCSRF
	}
	return nil
}

var errCSRF = &Error{http.StatusForbidden, "表单已失效或来源不明（CSRF 校验未通过）。请返回刷新页面后重新提交。"}

// setCookie sets a cookie of the work area: HttpOnly, SameSite=Lax, limited to
// the work area's path, and Secure when the request came over TLS.
func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge time.Duration) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: value, Path: Prefix, MaxAge: int(maxAge / time.Second),
		HttpOnly: true, Secure: r.TLS != nil || s.opts.SecureCookies, SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearCookie(w http.ResponseWriter, r *http.Request, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: Prefix, MaxAge: -1,
		HttpOnly: true, Secure: r.TLS != nil || s.opts.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// randomToken returns 32 random bytes in URL-safe base64 (43 characters).
func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported systems
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
