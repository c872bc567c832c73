package web

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"yusuan/money"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// pages holds every page template, each parsed once with the layout.
var pages = parsePages()

var funcs = template.FuncMap{
	"wan":     func(a money.Amount) string { return a.Format(money.UnitWan) },
	"yuan":    func(a money.Amount) string { return a.Format(money.UnitYuan) },
	"wanp":    func(a *money.Amount) string { return orDash(a, money.UnitWan) },
	"change":  changeText,
	"percent": percentText,
	"sign":    sign,
	"cn":      chineseNumber,
	"query":   query,
	"inc":     func(i int) int { return i + 1 },
	"add":     func(a, b int) int { return a + b },
	"itoa":    strconv.Itoa,
	"table":   tableHTML,
	"term":    termHTML,
	"i64":     func(i int64) string { return strconv.FormatInt(i, 10) },
	"levelName": func(code string) string {
		switch len(code) {
		case 3:
			return "类"
		case 5:
			return "款"
		case 7:
			return "项"
		}
		return ""
	},
}

func parsePages() map[string]*template.Template {
	layout := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/partials.html"))
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		panic(err)
	}
	out := map[string]*template.Template{}
	for _, n := range names {
		base := path.Base(n)
		if base == "layout.html" || base == "partials.html" {
			continue
		}
		t := template.Must(template.Must(layout.Clone()).ParseFS(templateFiles, n))
		out[strings.TrimSuffix(base, ".html")] = t
	}
	return out
}

// view is what every page template gets: the layout's fields and the page's own.
type view struct {
	Site  string
	Title string
	Nav   string // the active menu entry
	Query string // the search box's text
	Data  any
}

// render writes page name with data; the page is rendered into a buffer first so
// that a template error becomes an error page rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name, title, nav string, data any) error {
	return s.renderStatus(w, r, http.StatusOK, name, title, nav, data)
}

func (s *Server) renderStatus(w http.ResponseWriter, r *http.Request, code int, name, title, nav string, data any) error {
	t := pages[name]
	var buf bytes.Buffer
	v := view{Site: s.opts.SiteName, Title: title, Nav: nav, Data: data}
	if name == "search" {
		v.Query = r.URL.Query().Get("q")
	}
	if err := t.ExecuteTemplate(&buf, "layout.html", v); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
	return nil
}

type errorView struct {
	Code    int
	Heading string
	Message string
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, e *Error, code int) {
	heading := title(e.Code)
	if code == http.StatusMethodNotAllowed {
		heading = "不支持的请求方式"
	}
	err := s.renderStatus(w, r, code, "error", heading, "", errorView{Code: code, Heading: heading, Message: e.Message})
	if err != nil {
		s.log.Error("error page failed", "err", err)
		http.Error(w, heading, code)
	}
}

func orDash(a *money.Amount, u money.Unit) string {
	if a == nil {
		return "—"
	}
	return a.Format(u)
}

// changeText is b − a in 万元, signed, or a dash when either is missing.
func changeText(a, b *money.Amount) string {
	if a == nil || b == nil {
		return "—"
	}
	d := *b - *a
	s := d.Format(money.UnitWan)
	if d > 0 {
		s = "+" + s
	}
	return s
}

// percentText is the change from a to b as a percentage with one decimal.
func percentText(a, b *money.Amount) string {
	if a == nil || b == nil {
		return "—"
	}
	t, ok := money.Percent(*b, *a)
	if !ok {
		return "—"
	}
	s := money.FormatTenths(t)
	if t > 0 {
		s = "+" + s
	}
	return s
}

// sign is "up", "down" or "" for styling a change.
func sign(a, b *money.Amount) string {
	if a == nil || b == nil || *a == *b {
		return ""
	}
	if *b > *a {
		return "up"
	}
	return "down"
}

func chineseNumber(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	if n >= 0 && n <= 10 {
		return digits[n]
	}
	return strconv.Itoa(n)
}

// query builds "?k=v&…" from pairs, leaving out empty values.
func query(pairs ...any) template.URL {
	v := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		k, _ := pairs[i].(string)
		var val string
		switch x := pairs[i+1].(type) {
		case string:
			val = x
		case int:
			if x != 0 {
				val = strconv.Itoa(x)
			}
		case int64:
			if x != 0 {
				val = strconv.FormatInt(x, 10)
			}
		}
		if val != "" {
			v.Add(k, val)
		}
	}
	if len(v) == 0 {
		return ""
	}
	return template.URL("?" + v.Encode())
}
