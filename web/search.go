package web

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"yusuan/store"
)

type searchView struct {
	Query string
	Hits  []hitView
	Limit int
	Error string
}

type hitView struct {
	store.Hit
	KindName string
	URL      string
}

var hitKinds = map[string]string{store.TermDepartment: "部门", store.TermUnit: "单位", store.TermProject: "项目"}

// search reads and runs a search; the page and the API share it.
func (s *Server) search(r *http.Request, limit int) ([]hitView, string, error) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" {
		return nil, "", nil
	}
	if utf8.RuneCountInString(q) > maxQueryRunes {
		return nil, q, invalidf("搜索词过长：最多 " + strconv.Itoa(maxQueryRunes) + " 个字")
	}
	ctx, cancel := s.query(r)
	defer cancel()
	hits, err := s.store.Search(ctx, q, limit)
	if err != nil {
		return nil, q, err
	}
	out := make([]hitView, len(hits))
	for i, h := range hits {
		out[i] = hitView{Hit: h, KindName: hitKinds[h.Kind], URL: "/departments/" + strconv.FormatInt(h.DepartmentID, 10)}
		if h.DocumentID != 0 {
			out[i].URL = "/documents/" + strconv.FormatInt(h.DocumentID, 10)
		}
	}
	return out, q, nil
}

// showSearch finds departments, units and projects by name.
func (s *Server) showSearch(w http.ResponseWriter, r *http.Request) error {
	hits, q, err := s.search(r, maxSearchLimit)
	v := searchView{Query: q, Hits: hits, Limit: maxSearchLimit}
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
	if q != "" {
		title = "搜索：" + q
	}
	return s.render(w, r, "search", title, "", v)
}
