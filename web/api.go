package web

import (
	_ "embed"
	"net/http"
	"strconv"

	"yusuan/check"
	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/store"
)

//go:embed openapi.json
var openAPI []byte

// The API's JSON shapes, named here rather than taken from the store so that the
// published contract (openapi.json) does not move when the store does. Amounts are
// integers in 分 (amount) with a display string in 元 (amount_yuan).

type apiRegion struct {
	Name        string `json:"name"`
	Departments int    `json:"departments"`
}

type apiDepartment struct {
	ID        int64  `json:"id"`
	Region    string `json:"region"`
	Name      string `json:"name"`
	Code      string `json:"code"`
	Synthetic bool   `json:"synthetic"`
	Documents int    `json:"documents"`
}

type apiDocument struct {
	ID           int64      `json:"id"`
	DepartmentID int64      `json:"department_id"`
	Department   string     `json:"department"`
	Region       string     `json:"region"`
	Year         int        `json:"year"`
	Kind         string     `json:"kind"`
	Subject      string     `json:"subject"`
	Versions     int        `json:"versions"`
	Current      apiVersion `json:"current"`
}

type apiVersion struct {
	ID         int64    `json:"id"`
	Number     int      `json:"number"`
	Title      string   `json:"title"`
	Profile    string   `json:"profile"`
	ImportedAt string   `json:"imported_at"`
	Current    bool     `json:"current"`
	Errors     int      `json:"errors"`
	Warnings   int      `json:"warnings"`
	Infos      int      `json:"infos"`
	Formats    []string `json:"formats"`
	// Published, SourceURL and Originals say where a version read from published
	// files came from; Originals link to the files as published.
	Published bool          `json:"published"`
	Source    string        `json:"source"`
	SourceURL string        `json:"source_url"`
	Originals []apiOriginal `json:"originals"`
}

type apiOriginal struct {
	Name string `json:"name"`
	Size int64  `json:"size"`
	URL  string `json:"url"`
}

func toAPIDepartment(d store.Department) apiDepartment {
	return apiDepartment{d.ID, d.Region, d.Name, d.Code, d.Synthetic, d.Documents}
}

func toAPIVersion(v store.VersionInfo) apiVersion {
	f := v.Formats
	if f == nil {
		f = []string{}
	}
	origs := []apiOriginal{}
	for _, o := range v.Originals {
		origs = append(origs, apiOriginal{o.Name, o.Size, originalURL(v.DocumentID, v.ID, o.Seq, v.Current())})
	}
	return apiVersion{ID: v.ID, Number: v.Number, Title: v.Title, Profile: v.Profile, ImportedAt: v.ImportedAt.UTC().Format("2006-01-02T15:04:05Z"),
		Current: v.Current(), Errors: v.Errors, Warnings: v.Warnings, Infos: v.Infos, Formats: f,
		Published: v.Published, Source: v.Source, SourceURL: v.SourceURL, Originals: origs}
}

func toAPIDocument(d store.Document) apiDocument {
	return apiDocument{d.ID, d.DepartmentID, d.Department, d.Region, d.Year, d.Kind, d.Subject, d.Versions, toAPIVersion(d.Current)}
}

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, err := w.Write(openAPI)
	return err
}

func (s *Server) apiRegions(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := s.query(r)
	defer cancel()
	regions, err := s.store.Regions(ctx)
	if err != nil {
		return err
	}
	out := make([]apiRegion, len(regions))
	for i, reg := range regions {
		out[i] = apiRegion{reg.Name, reg.Departments}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"regions": out})
}

func (s *Server) apiYears(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := s.query(r)
	defer cancel()
	years, err := s.store.Years(ctx)
	if err != nil {
		return err
	}
	if years == nil {
		years = []int{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"years": years})
}

func (s *Server) apiDepartment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx, cancel := s.query(r)
	defer cancel()
	d, err := s.store.Department(ctx, id)
	if err != nil {
		return err
	}
	docs, err := s.store.Documents(ctx, id)
	if err != nil {
		return err
	}
	out := make([]apiDocument, len(docs))
	for i, doc := range docs {
		out[i] = toAPIDocument(doc)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"department": toAPIDepartment(*d), "documents": out})
}

// apiDocument returns a document with the content of its current version (or of
// ?version=) as the disclosure JSON, and its history.
func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) error {
	dd, v, err := s.apiVersion(r)
	if err != nil {
		return err
	}
	history := make([]apiVersion, len(dd.History))
	for i, h := range dd.History {
		history[i] = toAPIVersion(h)
	}
	return writeJSON(w, http.StatusOK, map[string]any{
		"document":   toAPIDocument(dd.Document),
		"version":    toAPIVersion(v.VersionInfo),
		"disclosure": v.Disclosure,
		"history":    history,
	})
}

func (s *Server) apiVersion(r *http.Request) (*store.DocumentDetail, *store.Version, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, nil, err
	}
	versionID, err := idParam(r, "version")
	if err != nil {
		return nil, nil, err
	}
	ctx, cancel := s.query(r)
	defer cancel()
	dd, err := s.store.Document(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	v, err := s.version(r, dd, versionID)
	if err != nil {
		return nil, nil, err
	}
	return dd, v, nil
}

func (s *Server) apiFindings(w http.ResponseWriter, r *http.Request) error {
	_, v, err := s.apiVersion(r)
	if err != nil {
		return err
	}
	findings := v.Findings
	if findings == nil {
		findings = []check.Finding{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{
		"version":  toAPIVersion(v.VersionInfo),
		"summary":  map[string]int{"errors": v.Errors, "warnings": v.Warnings, "infos": v.Infos},
		"findings": findings,
	})
}

type apiCodeTotal struct {
	Code        string `json:"code"`
	Name        string `json:"name"`
	Level       int    `json:"level"`
	Column      string `json:"column"`
	Header      string `json:"header"`
	Amount      int64  `json:"amount"`
	AmountYuan  string `json:"amount_yuan"`
	Departments int    `json:"departments"`
}

func (s *Server) apiRegionTotals(w http.ResponseWriter, r *http.Request) error {
	region, err := textParam(r, "region")
	if err != nil {
		return err
	}
	year, err := yearParam(r, "year")
	if err != nil {
		return err
	}
	if region == "" || year == 0 {
		return invalidf("需要 region 和 year 参数")
	}
	kind, err := tableKind(r.URL.Query().Get("table"), disclosure.GPFunctionalTable)
	if err != nil {
		return err
	}
	ctx, cancel := s.query(r)
	defer cancel()
	totals, err := s.store.RegionTotals(ctx, region, year, kind)
	if err != nil {
		return err
	}
	out := make([]apiCodeTotal, len(totals))
	for i, t := range totals {
		out[i] = apiCodeTotal{t.Code, t.Name, t.Level(), t.Column, t.Header, int64(t.Amount), t.Amount.Plain(money.UnitYuan), t.Departments}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"region": region, "year": year, "table": kind, "totals": out})
}

type apiComparison struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Column string `json:"column"`
	Header string `json:"header"`
	A      *int64 `json:"a"`
	B      *int64 `json:"b"`
	Change *int64 `json:"change"`
}

func fen(a *money.Amount) *int64 {
	if a == nil {
		return nil
	}
	n := int64(*a)
	return &n
}

func fens(as []*money.Amount) []*int64 {
	out := make([]*int64, len(as))
	for i, a := range as {
		out[i] = fen(a)
	}
	return out
}

func (s *Server) apiCompareYears(w http.ResponseWriter, r *http.Request) error {
	v, err := s.compareYears(r)
	if err != nil {
		return err
	}
	// The units' rows come apart from the table's, as the page folds them.
	return writeJSON(w, http.StatusOK, map[string]any{
		"department": toAPIDepartment(*v.Department), "a": v.A, "b": v.B, "table": v.Kind, "rows": apiComparisons(v.Rows),
		"units": apiComparisons(v.UnitRows), "columns": apiColumns(v.Table),
	})
}

func apiComparisons(cs []comparison) []apiComparison {
	rows := make([]apiComparison, len(cs))
	for i, c := range cs {
		rows[i] = apiComparison{Code: c.Code, Name: c.Name, Column: c.Column, Header: c.Header, A: fen(c.A), B: fen(c.B)}
		if c.A != nil && c.B != nil {
			d := int64(*c.B - *c.A)
			rows[i].Change = &d
		}
	}
	return rows
}

// apiColumn is one amount column of a compared table, in the table's order: what a
// client needs to lay rows out as the portal does, one line per code.
type apiColumn struct {
	Key    string `json:"key"`
	Header string `json:"header"`
}

func apiColumns(t compareTable) []apiColumn {
	out := make([]apiColumn, len(t.Groups))
	for i, g := range t.Groups {
		out[i] = apiColumn{g.Key, g.Text}
	}
	return out
}

type apiSideRow struct {
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Amounts []*int64 `json:"amounts"`
	// ByColumn holds every column's amounts by key, amounts being the column's.
	ByColumn map[string][]*int64 `json:"by_column"`
}

func (s *Server) apiCompareDepartments(w http.ResponseWriter, r *http.Request) error {
	v, err := s.compareDepartments(r)
	if err != nil {
		return err
	}
	if len(v.Departments) == 0 {
		return invalidf("需要至少一个 d 参数（部门编号）")
	}
	// The amounts line up with the departments; those without a 部门预算 that
	// year are listed again apart, their amounts null.
	depts := make([]apiDepartment, len(v.Departments))
	for i, d := range v.Departments {
		depts[i] = toAPIDepartment(d)
	}
	missing := make([]apiDepartment, len(v.Missing))
	for i, d := range v.Missing {
		missing[i] = toAPIDepartment(d)
	}
	rows := make([]apiSideRow, len(v.Rows))
	for i, row := range v.Rows {
		rows[i] = apiSideRow{Code: row.Code, Name: row.Name, Amounts: fens(row.Amounts), ByColumn: map[string][]*int64{}}
		for key, amounts := range row.ByColumn {
			rows[i].ByColumn[key] = fens(amounts)
		}
	}
	return writeJSON(w, http.StatusOK, map[string]any{
		"departments": depts, "missing": missing, "year": v.Year, "table": v.Kind, "column": v.Column, "rows": rows,
		"units":   apiUnits(v.UnitRows),
		"columns": apiColumns(v.Table),
	})
}

// apiDeptUnits are one compared department's units, as the page folds them
// under its name.
type apiDeptUnits struct {
	DepartmentID int64        `json:"department_id"`
	Units        []apiUnitRow `json:"units"`
}

type apiUnitRow struct {
	Name     string            `json:"name"`
	ByColumn map[string]*int64 `json:"by_column"`
}

func apiUnits(us []deptUnits) []apiDeptUnits {
	out := make([]apiDeptUnits, len(us))
	for i, u := range us {
		out[i] = apiDeptUnits{DepartmentID: u.DepartmentID, Units: make([]apiUnitRow, len(u.Units))}
		for j, r := range u.Units {
			row := apiUnitRow{Name: r.Name, ByColumn: map[string]*int64{}}
			for k, a := range r.ByColumn {
				row.ByColumn[k] = fen(a)
			}
			out[i].Units[j] = row
		}
	}
	return out
}

type apiCell struct {
	Region       string `json:"region"`
	DepartmentID int64  `json:"department_id"`
	Department   string `json:"department"`
	DocumentID   int64  `json:"document_id"`
	Year         int    `json:"year"`
	Kind         string `json:"kind"`
	Subject      string `json:"subject"`
	Table        string `json:"table"`
	TableTitle   string `json:"table_title"`
	Row          int    `json:"row"`
	Code         string `json:"code"`
	Name         string `json:"name"`
	Col          int    `json:"col"`
	Column       string `json:"column"`
	Header       string `json:"header"`
	Amount       int64  `json:"amount"`
	AmountYuan   string `json:"amount_yuan"`
}

// apiCells pages through amount cells; the bulk CSV is the way to take them all.
func (s *Server) apiCells(w http.ResponseWriter, r *http.Request) error {
	var f store.CellFilter
	var err error
	if f.DepartmentID, err = idParam(r, "department"); err != nil {
		return err
	}
	if f.DocumentID, err = idParam(r, "document"); err != nil {
		return err
	}
	if f.Region, err = textParam(r, "region"); err != nil {
		return err
	}
	if f.Year, err = yearParam(r, "year"); err != nil {
		return err
	}
	if kind := r.URL.Query().Get("table"); kind != "" {
		if f.TableKind, err = tableKind(kind, ""); err != nil {
			return err
		}
	}
	switch k := r.URL.Query().Get("kind"); k {
	case "", store.DepartmentBudget, store.UnitBudget, store.FinalAccounts:
		f.Kind = k
	default:
		return invalidf("kind 应为 部门预算、单位预算 或 部门决算")
	}
	if f.CodePrefix, err = textParam(r, "code"); err != nil {
		return err
	}
	limit, err := limitParam(r, defaultLimit, maxLimit)
	if err != nil {
		return err
	}
	offset, err := intParam(r, "offset", "offset", 0, store.MaxCellsOffset)
	if err != nil {
		return err
	}
	ctx, cancel := s.query(r)
	defer cancel()
	// One more than asked tells whether there is a next page.
	cells, err := s.store.CellsPage(ctx, f, offset, limit+1)
	if err != nil {
		return err
	}
	next := ""
	if len(cells) > limit {
		cells = cells[:limit]
		q := r.URL.Query()
		q.Set("offset", strconv.Itoa(offset+limit))
		q.Set("limit", strconv.Itoa(limit))
		next = "/api/cells?" + q.Encode()
	}
	out := make([]apiCell, len(cells))
	for i, c := range cells {
		out[i] = apiCell{c.Region, c.DepartmentID, c.Department, c.DocumentID, c.Year, c.Kind, c.Subject, string(c.TableKind), c.TableTitle,
			c.Row, c.Code, c.Name, c.Col, c.Column, c.Header, int64(c.Amount), c.Amount.Plain(money.UnitYuan)}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"cells": out, "offset": offset, "limit": limit, "next": next})
}
