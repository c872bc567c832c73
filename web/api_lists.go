package web

import (
	"errors"
	"net/http"
	"strconv"

	"yusuan/money"
	"yusuan/store"
)

// The API's searches and lists: one page at a time, the next page's URL in next,
// built from an opaque cursor rather than an offset, so that a deep page costs
// the same as the first.

type apiHit struct {
	Kind         string      `json:"kind"`
	Text         string      `json:"text"`
	Region       string      `json:"region"`
	DepartmentID int64       `json:"department_id"`
	Department   string      `json:"department"`
	DocumentID   int64       `json:"document_id,omitempty"`
	Year         int         `json:"year,omitempty"`
	Amount       *int64      `json:"amount"`
	AmountYuan   *string     `json:"amount_yuan"`
	Snippet      *apiSnippet `json:"snippet,omitempty"`
	URL          string      `json:"url"`
}

type apiSnippet struct {
	Before string `json:"before"`
	Match  string `json:"match"`
	After  string `json:"after"`
}

// apiAmount is an amount in 分 and in 元 for display, both null when there is none.
func apiAmount(a money.Amount, ok bool) (*int64, *string) {
	if !ok {
		return nil, nil
	}
	n, y := int64(a), a.Plain(money.UnitYuan)
	return &n, &y
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) error {
	limit, err := limitParam(r, 20, maxSearchLimit)
	if err != nil {
		return err
	}
	sr, err := readSearch(r)
	if err != nil {
		return err
	}
	if sr.q == "" {
		return invalidf("需要 q 参数（搜索词）")
	}
	page, hits, err := s.search(r, sr, limit)
	if err != nil {
		return err
	}
	out := make([]apiHit, len(hits))
	for i, h := range hits {
		out[i] = apiHit{Kind: h.Kind, Text: h.Text, Region: h.Region, DepartmentID: h.DepartmentID, Department: h.Department,
			DocumentID: h.DocumentID, Year: h.Year, URL: h.URL}
		out[i].Amount, out[i].AmountYuan = apiAmount(h.Amount, h.HasAmount)
		if h.Kind == store.TermText {
			out[i].Snippet = &apiSnippet{h.Snippet.Before, h.Snippet.Match, h.Snippet.After}
		}
	}
	resp := map[string]any{"query": sr.q, "hits": out, "next": nextURL(r, page.Next, limit)}
	if sr.cursor == "" {
		resp["total"] = page.Total
	}
	return writeJSON(w, http.StatusOK, resp)
}

// nextURL is the request's URL with cursor set to the next page's, or "" when
// there is none.
func nextURL(r *http.Request, cursor string, limit int) string {
	if cursor == "" {
		return ""
	}
	q := r.URL.Query()
	q.Set("cursor", cursor)
	q.Set("limit", strconv.Itoa(limit))
	return r.URL.Path + "?" + q.Encode()
}

// apiListedDepartment is a department in a list, with its amounts of year.
type apiListedDepartment struct {
	apiDepartment
	Year       int     `json:"year"`
	Amount     *int64  `json:"amount"`
	AmountYuan *string `json:"amount_yuan"`
	Basic      *int64  `json:"basic"`
	Project    *int64  `json:"project"`
}

// departmentFilter reads the department list's parameters, shared by the page
// and the API: region, year, name, sort and cursor.
func departmentFilter(r *http.Request) (store.DepartmentFilter, error) {
	var f store.DepartmentFilter
	var err error
	if f.Region, err = textParam(r, "region"); err != nil {
		return f, err
	}
	if f.Year, err = yearParam(r, "year"); err != nil {
		return f, err
	}
	if f.Name, err = textParam(r, "name"); err != nil {
		return f, err
	}
	switch f.Sort = r.URL.Query().Get("sort"); f.Sort {
	case "", store.ByName, store.ByAmount, store.ByAmountAsc:
	default:
		return f, invalidf("sort 应为 name、-amount 或 amount")
	}
	if f.Cursor = r.URL.Query().Get("cursor"); len(f.Cursor) > 1000 {
		return f, errBadCursor
	}
	return f, nil
}

// departmentList runs one page of the department list.
func (s *Server) departmentList(r *http.Request, f store.DepartmentFilter) (store.DepartmentPage, error) {
	ctx, cancel := s.query(r)
	defer cancel()
	page, err := s.store.DepartmentList(ctx, f)
	if err != nil && f.Cursor != "" && errors.Is(err, store.ErrInvalid) {
		return page, errBadCursor
	}
	return page, err
}

func (s *Server) apiDepartments(w http.ResponseWriter, r *http.Request) error {
	f, err := departmentFilter(r)
	if err != nil {
		return err
	}
	if f.Limit, err = limitParam(r, 100, store.MaxDeptLimit); err != nil {
		return err
	}
	page, err := s.departmentList(r, f)
	if err != nil {
		return err
	}
	out := make([]apiListedDepartment, len(page.Departments))
	for i, d := range page.Departments {
		out[i] = apiListedDepartment{apiDepartment: toAPIDepartment(d.Department), Year: d.Year}
		out[i].Amount, out[i].AmountYuan = apiAmount(d.Total, d.HasAmount)
		out[i].Basic, _ = apiAmount(d.Basic, d.HasAmount)
		out[i].Project, _ = apiAmount(d.Project, d.HasAmount)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"departments": out, "total": page.Total, "next": nextURL(r, page.Next, f.Limit)})
}
