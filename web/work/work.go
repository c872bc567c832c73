// Package work is the work area of the preparation and publication workflow:
// login, sessions, CSRF protection, role- and scope-based authorisation, account
// management and the audit log, all under /work/. The public portal (package web)
// never imports it; cmd/yusuan mounts it beside the portal or on an address of
// its own.
package work

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"yusuan/account"
	"yusuan/store"
)

// Prefix is the path under which every page of the work area lives.
const Prefix = "/work/"

// Options tune a Server; zero values pick the defaults.
type Options struct {
	// SiteName heads every page.
	SiteName string
	// IdleTimeout ends a session after this long without a request (30 minutes).
	IdleTimeout time.Duration
	// MaxSessionAge ends a session this long after its login, however active (12 hours).
	MaxSessionAge time.Duration
	// LockAfter consecutive failed logins lock an account for LockFor (5, 15 minutes).
	LockAfter int
	LockFor   time.Duration
	// Window is the period over which failed logins are counted per login name and
	// per address (15 minutes); LoginLimit failures of an unknown login and
	// AddressLimit failures from one address refuse further attempts (5, 20).
	Window       time.Duration
	LoginLimit   int
	AddressLimit int
	// SecureCookies marks cookies Secure even when the request did not come over
	// TLS, for a server behind a TLS-terminating proxy. Requests over TLS always
	// get Secure cookies.
	SecureCookies bool
	// QueryTimeout bounds the store calls of one request (10 seconds).
	QueryTimeout time.Duration
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is believed
	// (proxy.go); none by default, when the TCP peer is the client.
	TrustedProxies []netip.Prefix
	// VerifyAllEvery is how often the audit page verifies the whole hash chain
	// rather than the entries since its last verification (24 hours).
	VerifyAllEvery time.Duration
	// Now is the clock (time.Now); tests move it.
	Now    func() time.Time
	Logger *slog.Logger
}

// Server serves the work area. It is an http.Handler for paths under Prefix.
type Server struct {
	st      *store.Store
	opts    Options
	log     *slog.Logger
	mux     *http.ServeMux
	byRoute map[string]access // route pattern → who may use it, for the menu
}

// New returns the work area over st.
func New(st *store.Store, opts Options) *Server {
	if opts.SiteName == "" {
		opts.SiteName = "预算编制与公开工作区"
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&opts.IdleTimeout, 30*time.Minute)
	def(&opts.MaxSessionAge, 12*time.Hour)
	def(&opts.LockFor, 15*time.Minute)
	def(&opts.Window, 15*time.Minute)
	def(&opts.QueryTimeout, 10*time.Second)
	def(&opts.VerifyAllEvery, 24*time.Hour)
	if opts.LockAfter <= 0 {
		opts.LockAfter = 5
	}
	if opts.LoginLimit <= 0 {
		opts.LoginLimit = 5
	}
	if opts.AddressLimit <= 0 {
		opts.AddressLimit = 20
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	s := &Server{st: st, opts: opts, log: opts.Logger, mux: http.NewServeMux(), byRoute: map[string]access{}}
	methods := map[string][]string{} // path → its routes' methods
	var paths []string
	for _, rt := range s.routes() {
		s.byRoute[rt.pattern] = rt.access
		s.mux.Handle(rt.pattern, s.guard(rt))
		method, path, _ := strings.Cut(rt.pattern, " ")
		if methods[path] == nil {
			paths = append(paths, path)
		}
		methods[path] = append(methods[path], method)
	}
	// Another method on a known path: a Chinese 405 page rather than the mux's English one.
	for _, path := range paths {
		allow := strings.Join(methods[path], ", ")
		s.mux.Handle(path, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", allow)
			s.renderError(w, r, &caller{}, &Error{http.StatusMethodNotAllowed, "不支持此请求方式（" + r.Method + "），应为 " + allow})
		}))
	}
	// Everything else under the prefix: a Chinese 404 page.
	s.mux.Handle(Prefix, s.guard(route{Prefix, public, func(http.ResponseWriter, *http.Request, *caller) error {
		return errNotFound
	}}))
	return s
}

// ServeHTTP serves a request under Prefix; anything else is not found.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.secure(s.mux).ServeHTTP(w, r)
}

// route is one page or action: its method and path, who may use it, and its handler.
type route struct {
	pattern string
	access  access
	handle  handler
}

// handler serves a request of caller c; an error becomes a Chinese error page.
type handler func(w http.ResponseWriter, r *http.Request, c *caller) error

// access says who may use a route: anyone (public), or a logged-in account whose
// role is one of roles (any role when roles is empty) and whose scope covers the
// region and department the request acts on, as scope finds them.
type access struct {
	public bool
	roles  []account.Role
	scope  scopeFunc
}

// scopeFunc returns the region and department a request acts on; a zero region
// means the caller's own (the request names no object outside it).
type scopeFunc func(s *Server, r *http.Request, c *caller) (regionID, deptID int64, err error)

var (
	public = access{public: true}
	anyone = access{}
)

func only(roles ...account.Role) []account.Role { return roles }

// routes lists every route of the work area with who may use it. Adding a page is
// one line here (the workflow's pages, in flow_*.go, add theirs below); the
// authorisation matrix test (authz_test.go) lists the same routes with the roles
// expected to pass, and fails for a route it does not list. A route's scope
// function names the region and department the request acts on (pathUser,
// pathDepartment, queryDepartment, formDepartment); guard refuses the request
// unless the caller's account reaches it. Handlers acting on several objects
// check each with caller.require.
func (s *Server) routes() []route {
	admins := only(account.Admin)
	auditors := only(account.Admin, account.BureauReviewer, account.DeptReviewer)
	return append([]route{
		{"GET /work/static/", public, s.serveStatic},
		{"GET /work/login", public, s.showLogin},
		{"POST /work/login", public, s.login},
		{"POST /work/logout", anyone, s.logout},
		{"GET /work/{$}", anyone, s.showHome},

		{"GET /work/users", access{roles: admins}, s.showUsers},
		{"POST /work/users", access{roles: admins, scope: formDepartment}, s.addUser},
		{"POST /work/users/{user}/disable", access{roles: admins, scope: pathUser}, s.disableUser},
		{"POST /work/users/{user}/enable", access{roles: admins, scope: pathUser}, s.enableUser},
		{"POST /work/users/{user}/reset", access{roles: admins, scope: pathUser}, s.resetUser},
		{"POST /work/settings/departments", access{roles: admins}, s.addDepartment},

		{"GET /work/audit", access{roles: auditors, scope: queryDepartment}, s.showAudit},
		{"GET /work/audit.csv", access{roles: auditors, scope: queryDepartment}, s.exportAudit},
	}, append(s.flowRoutes(), s.unitRoutes()...)...)
}

// menu is the work area's navigation: each entry shows to those its route admits.
var menu = []struct{ label, href, route, nav string }{
	{"首页", "/work/", "GET /work/{$}", "home"},
	{"报送进度", "/work/flow", "GET /work/flow", "flow"},
	{"账号管理", "/work/users", "GET /work/users", "users"},
	{"审计日志", "/work/audit", "GET /work/audit", "audit"},
}

// query returns a context for the store calls of one request.
func (s *Server) query(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), s.opts.QueryTimeout)
}

// allowedRole reports whether role passes a's role list.
func (a access) allowedRole(role account.Role) bool {
	if len(a.roles) == 0 {
		return true
	}
	for _, r := range a.roles {
		if r == role {
			return true
		}
	}
	return false
}

// roleNames lists the Chinese names of roles, for a refusal's message.
func roleNames(roles []account.Role) string {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = r.Label()
	}
	return strings.Join(names, "、")
}
