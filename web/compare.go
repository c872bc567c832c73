package web

import (
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/store"
)

// kindOption is one entry of a table-kind select.
type kindOption struct {
	Kind     string
	Name     string
	Selected bool
}

func kindOptions(selected disclosure.TableKind) []kindOption {
	out := make([]kindOption, len(tableKinds))
	for i, k := range tableKinds {
		out[i] = kindOption{string(k.Kind), k.Name, k.Kind == selected}
	}
	return out
}

type compareIndexView struct {
	Departments []store.Department
	Years       []int
	Kinds       []kindOption
}

// showCompareIndex offers the two comparisons.
func (s *Server) showCompareIndex(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := s.query(r)
	defer cancel()
	v := compareIndexView{Kinds: kindOptions(disclosure.GPFunctionalTable)}
	var err error
	if v.Departments, err = s.store.Departments(ctx, ""); err != nil {
		return err
	}
	if v.Years, err = s.store.Years(ctx); err != nil {
		return err
	}
	return s.render(w, r, "compare", "比较", "compare", v)
}

type compareYearsView struct {
	Department *store.Department
	Years      []int
	A, B       int
	Kind       disclosure.TableKind
	KindName   string
	Kinds      []kindOption
	Rows       []store.Comparison // code × column, as the store matched them (the API's rows)
	Table      compareTable       // the same, one row per code
	Chart      chart
}

// compareYears reads and runs a comparison of two years of one department; the
// page and the API share it.
func (s *Server) compareYears(r *http.Request) (*compareYearsView, error) {
	id, err := idParam(r, "department")
	if err != nil {
		return nil, err
	}
	if id == 0 {
		return nil, invalidf("请选择部门")
	}
	kind, err := tableKind(r.URL.Query().Get("table"), disclosure.GPFunctionalTable)
	if err != nil {
		return nil, err
	}
	ctx, cancel := s.query(r)
	defer cancel()
	v := &compareYearsView{Kind: kind, KindName: tableKindName(kind), Kinds: kindOptions(kind)}
	if v.Department, err = s.store.Department(ctx, id); err != nil {
		return nil, err
	}
	docs, err := s.store.Documents(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		if d.Kind == store.DepartmentBudget && !slices.Contains(v.Years, d.Year) {
			v.Years = append(v.Years, d.Year)
		}
	}
	if v.A, err = yearParam(r, "a"); err != nil {
		return nil, err
	}
	if v.B, err = yearParam(r, "b"); err != nil {
		return nil, err
	}
	// By default the two newest years, the later one second.
	if v.B == 0 && len(v.Years) > 0 {
		v.B = v.Years[0]
	}
	if v.A == 0 && len(v.Years) > 1 {
		v.A = v.Years[1]
	}
	if v.A == 0 || v.B == 0 {
		return v, nil
	}
	if v.Rows, err = s.store.CompareYears(ctx, id, v.A, v.B, kind); err != nil {
		return nil, err
	}
	p := newPivot(2)
	for _, c := range v.Rows {
		if c.A != nil {
			p.add(c.Code, c.Name, c.Column, c.Header, 0, *c.A)
		}
		if c.B != nil {
			p.add(c.Code, c.Name, c.Column, c.Header, 1, *c.B)
		}
	}
	p.sort()
	// A column's header may name a year ("收入/2024年预算数"); over both years' figures it should not.
	for i, c := range p.cols {
		if h := strings.TrimSpace(yearInHeader.ReplaceAllString(c.header, "")); h != "" {
			p.cols[i].header = h
		}
	}
	a, b := strconv.Itoa(v.A)+"年", strconv.Itoa(v.B)+"年"
	v.Table = p.table("years", []subColumn{{Text: a}, {Text: b}, {Text: "增减额"}, {Text: "增减率"}}, yearCells)
	v.Table.Caption = v.KindName + "：" + a + "与" + b
	v.Chart = p.classChart("chart-years-compare", "（"+a+"与"+b+"）", []string{a, b})
	return v, nil
}

var yearInHeader = regexp.MustCompile(`\d{4}\s*年(度)?`)

// yearCells are a row's two years, the change and the change in per cent.
func yearCells(vals []*money.Amount) []compareCell {
	a, b := vals[0], vals[1]
	if a == nil && b == nil {
		return make([]compareCell, 4)
	}
	s := "num " + sign(a, b)
	return []compareCell{{Text: orDash(a, money.UnitWan), Class: "num"}, {Text: orDash(b, money.UnitWan), Class: "num"},
		{Text: changeText(a, b), Class: s}, {Text: percentText(a, b), Class: s}}
}

func (s *Server) showCompareYears(w http.ResponseWriter, r *http.Request) error {
	v, err := s.compareYears(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "compare_years", v.Department.Name+" "+strconv.Itoa(v.A)+"年与"+strconv.Itoa(v.B)+"年比较", "compare", v)
}

type compareDepartmentsView struct {
	Departments []store.Department // compared, in the order asked
	All         []store.Department // to pick from
	Year        int
	Years       []int
	Kind        disclosure.TableKind
	KindName    string
	Kinds       []kindOption
	Column      string    // the column Rows hold: total, or the table's first
	Rows        []sideRow // one column per department (the API's rows)
	Table       compareTable
	Chart       chart
}

// sideRow is one code or row name with one amount per compared department in the
// chosen column, and in every column by key.
type sideRow struct {
	Code     string
	Name     string
	Amounts  []*money.Amount
	ByColumn map[string][]*money.Amount
}

// compareDepartments lines up the same table of departments in one year, column
// "total" (or the table's first amount column), matched by code or row name.
func (s *Server) compareDepartments(r *http.Request) (*compareDepartmentsView, error) {
	q := r.URL.Query()["d"]
	if len(q) > maxCompared {
		return nil, invalidf("最多同时比较 " + strconv.Itoa(maxCompared) + " 个部门")
	}
	var ids []int64
	for _, s := range q {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return nil, invalidf("部门编号不正确")
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	kind, err := tableKind(r.URL.Query().Get("table"), disclosure.GPFunctionalTable)
	if err != nil {
		return nil, err
	}
	year, err := yearParam(r, "year")
	if err != nil {
		return nil, err
	}
	ctx, cancel := s.query(r)
	defer cancel()
	v := &compareDepartmentsView{Kind: kind, KindName: tableKindName(kind), Kinds: kindOptions(kind), Year: year}
	if v.All, err = s.store.Departments(ctx, ""); err != nil {
		return nil, err
	}
	if v.Years, err = s.store.Years(ctx); err != nil {
		return nil, err
	}
	if v.Year == 0 && len(v.Years) > 0 {
		v.Year = v.Years[0]
	}
	for _, id := range ids {
		d, err := s.store.Department(ctx, id)
		if err != nil {
			return nil, err
		}
		v.Departments = append(v.Departments, *d)
	}
	if len(ids) == 0 || v.Year == 0 {
		return v, nil
	}
	p := newPivot(len(ids))
	var sanGong []sanGongRows
	for i, id := range ids {
		var cells []store.Cell
		err := s.store.Cells(ctx, store.CellFilter{DepartmentID: id, Year: v.Year, Kind: store.DepartmentBudget, TableKind: kind, Limit: 100_000},
			func(c store.Cell) error {
				cells = append(cells, c)
				return nil
			})
		if err != nil {
			return nil, err
		}
		if kind == disclosure.SanGongTable {
			sanGong = append(sanGong, readSanGong(cells, v.Year))
			continue
		}
		if v.Column == "" {
			v.Column = pickColumn(cells)
		}
		for _, c := range cells {
			p.add(c.Code, c.Name, c.Column, c.Header, i, c.Amount)
		}
	}
	if kind == disclosure.SanGongTable {
		// The 三公 table prints years as rows and each item by fund: compared, its
		// items are the rows and the years the columns.
		p, v.Column = sanGongPivot(sanGong, v.Year), sgThis
	}
	p.sort()
	for _, row := range p.rows {
		sr := sideRow{Code: row.code, Name: row.name, Amounts: make([]*money.Amount, len(ids)), ByColumn: map[string][]*money.Amount{}}
		for j, c := range p.cols {
			if vals := row.vals[j]; vals != nil {
				sr.ByColumn[c.key] = vals
				if c.key == v.Column {
					copy(sr.Amounts, vals)
				}
			}
		}
		if slices.ContainsFunc(sr.Amounts, func(a *money.Amount) bool { return a != nil }) {
			v.Rows = append(v.Rows, sr)
		}
	}
	subs := make([]subColumn, len(v.Departments))
	names := make([]string, len(v.Departments))
	for i, d := range v.Departments {
		subs[i] = subColumn{Text: d.Name, URL: "/departments/" + strconv.FormatInt(d.ID, 10)}
		names[i] = d.Name
	}
	v.Table = p.table("departments", subs, func(vals []*money.Amount) []compareCell {
		out := make([]compareCell, len(vals))
		if slices.ContainsFunc(vals, func(a *money.Amount) bool { return a != nil }) {
			for i, a := range vals {
				out[i] = compareCell{Text: orDash(a, money.UnitWan), Class: "num"}
			}
		}
		return out
	})
	v.Table.Caption = v.KindName + "（" + strconv.Itoa(v.Year) + "年）"
	v.Chart = p.classChart("chart-departments", "（"+strconv.Itoa(v.Year)+"年）", names)
	if kind == disclosure.SanGongTable {
		v.Chart = sanGongChart(p, v.Year, names)
	}
	return v, nil
}

// pickColumn is "total" when the cells have it, else the first column they have.
func pickColumn(cells []store.Cell) string {
	for _, c := range cells {
		if c.Column == "total" {
			return "total"
		}
	}
	if len(cells) > 0 {
		return cells[0].Column
	}
	return ""
}

func (s *Server) showCompareDepartments(w http.ResponseWriter, r *http.Request) error {
	v, err := s.compareDepartments(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "compare_departments", "部门比较", "compare", v)
}
