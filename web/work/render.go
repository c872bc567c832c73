package work

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"yusuan/store"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Error is an error a visitor may read: an HTTP status and a Chinese message.
type Error struct {
	Status  int
	Message string
}

func (e *Error) Error() string { return "work: " + e.Message }

var errNotFound = &Error{http.StatusNotFound, "页面不存在"}

func errForbidden(msg string) error { return &Error{http.StatusForbidden, "没有权限：" + msg} }

func errInvalid(msg string) error { return &Error{http.StatusBadRequest, msg} }

// classify turns any error into one a visitor may read; the text of an
// unexpected one stays in the log.
func classify(err error) *Error {
	var e *Error
	switch {
	case errors.As(err, &e):
		return e
	case errors.Is(err, store.ErrNotFound):
		return &Error{http.StatusNotFound, "所查找的内容不存在"}
	case errors.Is(err, store.ErrInvalid):
		return &Error{http.StatusBadRequest, "请求的参数不正确"}
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{http.StatusServiceUnavailable, "查询超时，请稍后重试"}
	}
	return &Error{http.StatusInternalServerError, "服务器内部错误，请稍后再试"}
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, c *caller, err error) {
	e := classify(err)
	if e.Status >= 500 {
		s.log.Error("work request failed", "path", r.URL.Path, "err", err)
	}
	s.renderError(w, r, c, e)
}

var funcs = template.FuncMap{
	"when": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Local().Format("2006-01-02 15:04:05")
	},
	"i64":    func(i int64) string { return formatID(i) },
	"flow":   flowPath,
	"action": actionLabel,
}

// pages holds every page template, each parsed once with the layout. A page is
// templates/NAME.html defining "content".
var pages = func() map[string]*template.Template {
	layout := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html"))
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		panic(err)
	}
	out := map[string]*template.Template{}
	for _, n := range names {
		base := path.Base(n)
		if base == "layout.html" {
			continue
		}
		out[strings.TrimSuffix(base, ".html")] = template.Must(template.Must(layout.Clone()).ParseFS(templateFiles, n))
	}
	return out
}()

// view is what every page template gets: the layout's fields and the page's own.
type view struct {
	Site  string
	Title string
	Nav   string
	User  *store.UserInfo // nil before login
	CSRF  string
	Menu  []menuItem
	Data  any
}

type menuItem struct {
	Label, Href string
	Current     bool
}

// render writes the page name with status code.
func (s *Server) render(w http.ResponseWriter, c *caller, code int, name, title, nav string, data any) error {
	v := view{Site: s.opts.SiteName, Title: title, Nav: nav, CSRF: c.CSRF, Data: data}
	if c.LoggedIn() {
		u := c.User
		v.User = &u
		for _, m := range menu {
			if a, ok := s.byRoute[m.route]; ok && a.allowedRole(u.Role) {
				v.Menu = append(v.Menu, menuItem{m.label, m.href, m.nav == nav})
			}
		}
	}
	var buf bytes.Buffer
	if err := pages[name].ExecuteTemplate(&buf, "layout.html", v); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_, err := w.Write(buf.Bytes())
	return err
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, c *caller, e *Error) {
	if c == nil {
		c = &caller{}
	}
	title := map[int]string{
		http.StatusBadRequest: "请求有误", http.StatusUnauthorized: "请先登录", http.StatusForbidden: "没有权限",
		http.StatusNotFound: "页面不存在", http.StatusTooManyRequests: "尝试次数过多",
		http.StatusMethodNotAllowed: "不支持的请求方式",
	}[e.Status]
	if title == "" {
		title = "服务器错误"
	}
	if err := s.render(w, c, e.Status, "error", title, "", e); err != nil {
		s.log.Error("render error page", "err", err)
	}
}

// serveStatic serves the work area's own stylesheet.
func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request, _ *caller) error {
	name := strings.TrimPrefix(r.URL.Path, "/work/")
	if !fs.ValidPath(name) {
		return errNotFound
	}
	data, err := staticFiles.ReadFile(name)
	if err != nil {
		return errNotFound
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
	return nil
}
