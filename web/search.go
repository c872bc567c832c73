package web

import (
	"errors"
	"html"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"yusuan/money"
	"yusuan/store"
)

// searchPageSize is how many hits a page of the search shows.
const searchPageSize = 20

// maxPageNumber bounds the page number a search or list link carries for display.
const maxPageNumber = 100_000

type searchView struct {
	Query string
	Kind  string
	Kinds []kindChoice
	Hits  []hitView
	// HitsHTML are the hits as the list's items (hitsHTML).
	HitsHTML template.HTML
	// Total counts the matches on the first page (Page 1), at most
	// store.MaxSearchCount; More says there are at least that many.
	Total int
	More  bool
	Page  int
	Start int    // the number of the page's first hit
	Next  string // the next page's URL, empty on the last
	First string // the first page's URL, on later pages
	Error string
}

type kindChoice struct {
	Value, Name string
}

type hitView struct {
	store.Hit
	KindName string
	URL      string
}

var hitKinds = map[string]string{store.TermDepartment: "部门", store.TermUnit: "单位", store.TermProject: "项目", store.TermText: "文字说明"}

// searchKinds are the choices of the search page's kind filter, in its order.
var searchKinds = []kindChoice{{"", "全部"}, {store.TermDepartment, "部门"}, {store.TermUnit, "单位"}, {store.TermProject, "项目"}, {store.TermText, "文字说明"}}

// searchRequest is a search as a request asks for it.
type searchRequest struct {
	q, kind, cursor string
}

// readSearch reads q, kind and cursor.
func readSearch(r *http.Request) (searchRequest, error) {
	sr := searchRequest{q: strings.TrimSpace(r.URL.Query().Get("q")), kind: r.URL.Query().Get("kind"), cursor: r.URL.Query().Get("cursor")}
	if utf8.RuneCountInString(sr.q) > maxQueryRunes {
		return sr, invalidf("搜索词过长：最多 " + strconv.Itoa(maxQueryRunes) + " 个字")
	}
	if _, ok := hitKinds[sr.kind]; !ok && sr.kind != "" {
		return sr, invalidf("kind 应为 department、unit、project 或 text")
	}
	if len(sr.cursor) > 1000 {
		return sr, errBadCursor
	}
	return sr, nil
}

var errBadCursor = invalidf("翻页参数 cursor 不正确，请从第一页重新开始")

// search runs one page of a search; the page and the API share it.
func (s *Server) search(r *http.Request, sr searchRequest, limit int) (store.SearchPage, []hitView, error) {
	q := store.SearchQuery{Query: sr.q, Cursor: sr.cursor, Limit: limit, Count: sr.cursor == ""}
	if sr.kind != "" {
		q.Kinds = []string{sr.kind}
	}
	ctx, cancel := s.query(r)
	defer cancel()
	page, err := s.store.SearchPage(ctx, q)
	if err != nil {
		if sr.cursor != "" && errors.Is(err, store.ErrInvalid) {
			return page, nil, errBadCursor
		}
		return page, nil, err
	}
	out := make([]hitView, len(page.Hits))
	for i, h := range page.Hits {
		out[i] = hitView{Hit: h, KindName: hitKinds[h.Kind], URL: "/departments/" + strconv.FormatInt(h.DepartmentID, 10)}
		if h.DocumentID != 0 {
			out[i].URL = "/documents/" + strconv.FormatInt(h.DocumentID, 10)
		}
	}
	return page, out, nil
}

// showSearch finds departments, units, projects and narrative text, a page at a time.
func (s *Server) showSearch(w http.ResponseWriter, r *http.Request) error {
	v := searchView{Kinds: searchKinds, Page: 1}
	sr, err := readSearch(r)
	v.Query, v.Kind = sr.q, sr.kind
	if err == nil {
		v.Page, err = intParam(r, "page", "页码", 1, maxPageNumber)
		v.Page = max(v.Page, 1)
		v.Start = (v.Page-1)*searchPageSize + 1
	}
	if err == nil && sr.q != "" {
		var page store.SearchPage
		page, v.Hits, err = s.search(r, sr, searchPageSize)
		v.HitsHTML = hitsHTML(v.Hits)
		v.Total, v.More = page.Total, page.Total >= store.MaxSearchCount
		if page.Next != "" {
			v.Next = "/search" + string(query("q", sr.q, "kind", sr.kind, "cursor", page.Next, "page", v.Page+1))
		}
		if sr.cursor != "" {
			v.First = "/search" + string(query("q", sr.q, "kind", sr.kind))
		}
	}
	if err != nil {
		e := classify(err)
		if e.Code != EInvalid {
			return err
		}
		// A bad query is answered on the search page itself, so the visitor can fix it.
		v.Error = e.Message
		return s.renderStatus(w, r, http.StatusBadRequest, "search", "搜索", "", v)
	}
	title := "搜索"
	if sr.q != "" {
		title = "搜索：" + sr.q
		if v.Page > 1 {
			title += "（第 " + strconv.Itoa(v.Page) + " 页）"
		}
	}
	return s.render(w, r, "search", title, "", v)
}

// hitsHTML writes hits as the items of the search page's list, every text
// escaped. Written here rather than by the page's template, whose reflection per
// field was half the cost of a search page asked for the first time.
func hitsHTML(hits []hitView) template.HTML {
	var b strings.Builder
	e := html.EscapeString
	for _, h := range hits {
		b.WriteString(`<li><span class="tag">` + e(h.KindName) + `</span> <a href="` + e(h.URL) + `">` + e(h.Text) + `</a>`)
		if h.HasAmount {
			label := "项目金额"
			switch h.Kind {
			case store.TermDepartment:
				label = strconv.Itoa(h.Year) + "年一般公共预算支出"
			case store.TermUnit:
				label = "一般公共预算支出"
			}
			b.WriteString(` <span class="amount">` + label + ` <strong>` + h.Amount.Format(money.UnitWan) + `</strong> 万元</span>`)
		}
		b.WriteString("\n" + `<span class="muted">` + e(h.Region))
		if h.Text != h.Department {
			b.WriteString(" · " + e(h.Department))
		}
		if h.Year != 0 && h.Kind != store.TermDepartment {
			b.WriteString(" · " + strconv.Itoa(h.Year) + "年")
		}
		b.WriteString("</span>")
		if h.Kind == store.TermText {
			b.WriteString("\n" + `<p class="snippet">` + e(h.Snippet.Before) + "<mark>" + e(h.Snippet.Match) + "</mark>" + e(h.Snippet.After) + "</p>")
		}
		b.WriteString("</li>\n")
	}
	return template.HTML(b.String())
}
