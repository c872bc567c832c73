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
	Picker      deptPicker
}

// deptPicker is the departments' checkboxes: All to pick from, Departments checked.
type deptPicker struct {
	Departments, All []store.Department
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
	v.Picker.All = v.Departments
	return s.render(w, r, "compare", "比较", "compare", v)
}

type compareYearsView struct {
	Department *store.Department
	Years      []int // of the department's 部门预算, newest first
	A, B       int
	// Missing are the years asked for that the department has no 部门预算 of.
	Missing  []int
	Kind     disclosure.TableKind
	KindName string
	Kinds    []kindOption
	Rows     []comparison // code × column, one per amount column (the API's rows)
	UnitRows []comparison // the units' rows, likewise
	Table    compareTable // the same, one row per code, the total first
	Units    compareTable // the department's units, by name
	Summed   bool         // a year's total was added up, its table printing none
	NoTotal  bool         // a year's table prints no total and has no 类 to add
	Chart    chart
	Export   []compareLink
}

// Title names the comparison, or the department alone while no two years are chosen.
func (v *compareYearsView) Title() string {
	if v.A == 0 || v.B == 0 || len(v.Missing) > 0 {
		return v.Department.Name + " 年度比较"
	}
	return v.Department.Name + " " + strconv.Itoa(v.A) + "年与" + strconv.Itoa(v.B) + "年比较"
}

// compareYears reads and runs a comparison of two years of one department; the
// page, the API and the downloads share it.
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
	order, err := readSort(r)
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
	slices.SortFunc(v.Years, func(a, b int) int { return b - a })
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
	for _, y := range []int{v.A, v.B} {
		if y != 0 && !slices.Contains(v.Years, y) && !slices.Contains(v.Missing, y) {
			v.Missing = append(v.Missing, y)
		}
	}
	if v.A == 0 || v.B == 0 || len(v.Missing) > 0 {
		return v, nil
	}
	sides, err := s.readSides(ctx, []store.Department{*v.Department, *v.Department}, []int{v.A, v.B}, kind)
	if err != nil {
		return nil, err
	}
	if !sides[0].Cells && !sides[1].Cells {
		return v, nil
	}
	a, b := strconv.Itoa(v.A)+"年", strconv.Itoa(v.B)+"年"
	p, units := sidePivot(sides), newPivot(2)
	for i, sd := range sides {
		for _, c := range sd.Units {
			units.add("", c.Name, c.Column, sd.Headers[c.Column], i, c.Amount)
		}
	}
	// A column's header may name a year ("收入/2024年预算数"); over both years' figures it should not.
	for _, q := range []*pivot{p, units} {
		for i, c := range q.cols {
			if h := strings.TrimSpace(yearInHeader.ReplaceAllString(c.header, "")); h != "" {
				q.cols[i].header = h
			}
		}
	}
	subs := []subColumn{{Text: a}, {Text: b}, {Text: "增减额"}, {Text: "增减率"}}
	if err := order.apply(p, len(subs), yearKey); err != nil {
		return nil, err
	}
	v.Table = p.table("years", subs, yearCells)
	v.Table.Caption = v.KindName + "：" + a + "与" + b
	v.Summed, v.NoTotal = markTotals(&v.Table, p, sides)
	order.link(&v.Table, r)
	units.sort()
	v.Units = units.table("years-units", subs, yearCells)
	v.Units.Caption = v.Department.Name + "所属单位：" + a + "与" + b
	v.Rows, v.UnitRows = comparisons(p), comparisons(units)
	v.Chart = p.classChart("chart-years-compare", "（"+a+"与"+b+"）", []string{a, b})
	v.Export = exportLinks(r)
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
	var change *money.Amount
	if a != nil && b != nil {
		d := *b - *a
		change = &d
	}
	pct := compareCell{Text: percentText(a, b), Class: s}
	if a != nil && b != nil {
		if t, ok := money.Percent(*b, *a); ok {
			pct.Tenths = &t
		}
	}
	return []compareCell{{Text: orDash(a, money.UnitWan), Class: "num", Amount: a}, {Text: orDash(b, money.UnitWan), Class: "num", Amount: b},
		{Text: changeText(a, b), Class: s, Amount: change}, pct}
}

// yearKey is what sub-column sub of a year comparison sorts by: either year's
// amount, the change, or the change in tenths of a per cent.
func yearKey(vals []*money.Amount, sub int) (int64, bool) {
	a, b := vals[0], vals[1]
	switch sub {
	case 0, 1:
		if vals[sub] == nil {
			return 0, false
		}
		return int64(*vals[sub]), true
	case 2:
		if a == nil || b == nil {
			return 0, false
		}
		return int64(*b - *a), true
	}
	if a == nil || b == nil {
		return 0, false
	}
	return money.Percent(*b, *a)
}

// comparison is one row and column of a table in two years, as the API lists a
// year comparison. A nil amount means the year's table has no such cell.
type comparison struct {
	Code   string // empty for rows without a code, which are matched by Name
	Name   string
	Column string
	Header string
	A, B   *money.Amount
}

// comparisons are the API's rows of a year comparison: one per row and column.
func comparisons(p *pivot) []comparison {
	var out []comparison
	for _, r := range p.rows {
		for c, col := range p.cols {
			if vals := r.vals[c]; vals != nil {
				out = append(out, comparison{Code: r.code, Name: r.name, Column: col.key, Header: col.header, A: vals[0], B: vals[1]})
			}
		}
	}
	return out
}

func (s *Server) showCompareYears(w http.ResponseWriter, r *http.Request) error {
	v, err := s.compareYears(r)
	if err != nil {
		return err
	}
	if f := r.URL.Query().Get("format"); f != "" {
		name := v.Department.Name + "_" + strconv.Itoa(v.A) + "-" + strconv.Itoa(v.B) + "_" + v.KindName
		return writeComparison(w, f, name, v.Table.Caption, v.Table, []unitBlock{{Table: v.Units}}, v.Table.Rows != nil)
	}
	tips, err := s.pageTooltips(r)
	if err != nil {
		return err
	}
	v.Table.Tips, v.Units.Tips, v.Chart.Tips = tips, tips, tips
	return s.render(w, r, "compare_years", v.Title(), "compare", v)
}

type compareDepartmentsView struct {
	Departments []store.Department // asked for, in the order asked
	Compared    []store.Department // those with the table that year: the columns
	Missing     []store.Department // those without a 部门预算 that year
	All         []store.Department // to pick from
	Year        int
	Years       []int
	Kind        disclosure.TableKind
	KindName    string
	Kinds       []kindOption
	Column      string    // the column Rows hold: total, or the table's first
	Rows        []sideRow // one amount per department asked (the API's rows)
	Table       compareTable
	Units       []unitBlock // each department's units
	UnitRows    []deptUnits // the same, for the API
	Summed      bool
	NoTotal     bool
	Chart       chart
	Export      []compareLink
}

// Picker is the form's departments: every one, the asked ones checked.
func (v *compareDepartmentsView) Picker() deptPicker { return deptPicker{v.Departments, v.All} }

// unitBlock is one department's units, folded under its name.
type unitBlock struct {
	Department string // empty in a year comparison, of one department
	Index      int    // the department's place among the compared
	Table      compareTable
}

// deptUnits are one department's units with their amounts by column key.
type deptUnits struct {
	DepartmentID int64
	Units        []unitRow
}

type unitRow struct {
	Name     string
	ByColumn map[string]*money.Amount
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
	order, err := readSort(r)
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
	for _, d := range v.Departments {
		docs, err := s.store.Documents(ctx, d.ID)
		if err != nil {
			return nil, err
		}
		if slices.ContainsFunc(docs, func(doc store.Document) bool { return doc.Kind == store.DepartmentBudget && doc.Year == v.Year }) {
			v.Compared = append(v.Compared, d)
		} else {
			v.Missing = append(v.Missing, d)
		}
	}
	if len(v.Compared) == 0 {
		return v, nil
	}
	n := len(v.Compared)
	names := make([]string, n)
	years := make([]int, n)
	for i, d := range v.Compared {
		names[i], years[i] = d.Name, v.Year
	}
	var p *pivot
	var sides []side
	if kind == disclosure.SanGongTable {
		// The 三公 table prints years as rows and each item by fund: compared, its
		// items are the rows and the years the columns.
		sanGong := make([]sanGongRows, n)
		for i, d := range v.Compared {
			cells, err := s.tableCells(ctx, d.ID, v.Year, kind)
			if err != nil {
				return nil, err
			}
			sanGong[i] = readSanGong(cells, v.Year)
		}
		p, v.Column = sanGongPivot(sanGong, v.Year), sgThis
	} else {
		if sides, err = s.readSides(ctx, v.Compared, years, kind); err != nil {
			return nil, err
		}
		p = sidePivot(sides)
		if _, ok := p.colIdx["total"]; ok {
			v.Column = "total"
		} else if len(p.cols) > 0 {
			v.Column = p.cols[0].key
		}
	}
	subs := make([]subColumn, n)
	for i, d := range v.Compared {
		subs[i] = subColumn{Text: d.Name, URL: "/departments/" + strconv.FormatInt(d.ID, 10)}
	}
	if err := order.apply(p, n, func(vals []*money.Amount, sub int) (int64, bool) {
		if vals[sub] == nil {
			return 0, false
		}
		return int64(*vals[sub]), true
	}); err != nil {
		return nil, err
	}
	// The API's rows keep one amount per department asked, nil for those without
	// the table that year.
	asked := make([]int, n)
	for i, d := range v.Compared {
		asked[i] = slices.IndexFunc(v.Departments, func(x store.Department) bool { return x.ID == d.ID })
	}
	spread := func(vals []*money.Amount) []*money.Amount {
		out := make([]*money.Amount, len(v.Departments))
		for i, a := range vals {
			out[asked[i]] = a
		}
		return out
	}
	for _, row := range p.rows {
		sr := sideRow{Code: row.code, Name: row.name, Amounts: make([]*money.Amount, len(v.Departments)), ByColumn: map[string][]*money.Amount{}}
		for j, c := range p.cols {
			if vals := row.vals[j]; vals != nil {
				sr.ByColumn[c.key] = spread(vals)
				if c.key == v.Column {
					sr.Amounts = spread(vals)
				}
			}
		}
		if slices.ContainsFunc(sr.Amounts, func(a *money.Amount) bool { return a != nil }) {
			v.Rows = append(v.Rows, sr)
		}
	}
	v.Table = p.table("departments", subs, amountCells)
	v.Table.Caption = v.KindName + "（" + strconv.Itoa(v.Year) + "年）"
	if sides != nil {
		v.Summed, v.NoTotal = markTotals(&v.Table, p, sides)
	}
	order.link(&v.Table, r)
	for i, sd := range sides {
		if len(sd.Units) == 0 {
			continue
		}
		up := newPivot(1)
		for _, c := range sd.Units {
			up.add("", c.Name, c.Column, sd.Headers[c.Column], 0, c.Amount)
		}
		up.sort()
		t := up.table("units-"+strconv.Itoa(i), []subColumn{{Text: "金额"}}, amountCells)
		t.Caption = v.Compared[i].Name + "所属单位"
		v.Units = append(v.Units, unitBlock{v.Compared[i].Name, i, t})
		var rows []unitRow
		for _, r := range up.rows {
			u := unitRow{Name: r.name, ByColumn: map[string]*money.Amount{}}
			for j, c := range up.cols {
				if r.vals[j] != nil {
					u.ByColumn[c.key] = r.vals[j][0]
				}
			}
			rows = append(rows, u)
		}
		v.UnitRows = append(v.UnitRows, deptUnits{v.Compared[i].ID, rows})
	}
	v.Chart = p.classChart("chart-departments", "（"+strconv.Itoa(v.Year)+"年）", names)
	if kind == disclosure.SanGongTable {
		v.Chart = sanGongChart(p, v.Year, names)
	}
	v.Export = exportLinks(r)
	return v, nil
}

// amountCells are a row's amounts, one per compared department, or no text at all
// where none of them has the row.
func amountCells(vals []*money.Amount) []compareCell {
	out := make([]compareCell, len(vals))
	if slices.ContainsFunc(vals, func(a *money.Amount) bool { return a != nil }) {
		for i, a := range vals {
			out[i] = compareCell{Text: orDash(a, money.UnitWan), Class: "num", Amount: a}
		}
	}
	return out
}

// sidePivot lines the sides up: the total row first, then every subject row.
// Columns come in the order the first side that has them prints them.
func sidePivot(sides []side) *pivot {
	p := newPivot(len(sides))
	for i, sd := range sides {
		for _, c := range sd.Subjects {
			p.column(c.Column, sd.Headers[c.Column])
		}
		for _, c := range sd.Units {
			p.column(c.Column, sd.Headers[c.Column])
		}
		for _, col := range sortedKeys(sd.Total, p) {
			p.addTotal(col, sd.Headers[col], i, sd.Total[col], sd.Summed)
		}
	}
	for i, sd := range sides {
		for _, c := range sd.Subjects {
			p.add(c.Code, c.Name, c.Column, sd.Headers[c.Column], i, c.Amount)
		}
	}
	p.sort()
	return p
}

// sortedKeys are the column keys of a total in the pivot's column order, keys the
// pivot does not have yet last.
func sortedKeys(total map[string]money.Amount, p *pivot) []string {
	keys := make([]string, 0, len(total))
	for k := range total {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		ia, oka := p.colIdx[a]
		ib, okb := p.colIdx[b]
		switch {
		case oka && okb:
			return ia - ib
		case oka != okb:
			if oka {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	return keys
}

// markTotals notes on the total row the compared things whose total was added up
// from the 类 rows, and adds a total row saying 未列合计 where a side has none;
// it reports whether either happened.
func markTotals(t *compareTable, p *pivot, sides []side) (summed, noTotal bool) {
	if len(p.rows) == 0 || !p.rows[0].total || len(t.Rows) == 0 {
		return false, false // no side prints or adds up a total
	}
	for _, sd := range sides {
		summed = summed || sd.Summed
		noTotal = noTotal || sd.Total == nil && sd.Cells
	}
	if !summed && !noTotal {
		return false, false
	}
	row := &t.Rows[0]
	per := len(t.Subs) / max(len(t.Groups), 1)
	for j := range row.Cells {
		i := j % per
		if i >= len(sides) {
			continue
		}
		switch {
		case sides[i].Summed && row.Cells[j].Text != "" && row.Cells[j].Text != "—":
			row.Cells[j].Text += "＊"
		case sides[i].Total == nil && sides[i].Cells:
			row.Cells[j].Text = "未列合计"
		}
	}
	return summed, noTotal
}
func (s *Server) showCompareDepartments(w http.ResponseWriter, r *http.Request) error {
	v, err := s.compareDepartments(r)
	if err != nil {
		return err
	}
	if f := r.URL.Query().Get("format"); f != "" {
		name := strconv.Itoa(v.Year) + "_" + v.KindName + "_部门比较"
		return writeComparison(w, f, name, v.Table.Caption, v.Table, v.Units, v.Table.Rows != nil)
	}
	tips, err := s.pageTooltips(r)
	if err != nil {
		return err
	}
	v.Table.Tips, v.Chart.Tips = tips, tips
	for i := range v.Units {
		v.Units[i].Table.Tips = tips
	}
	return s.render(w, r, "compare_departments", "部门比较", "compare", v)
}
