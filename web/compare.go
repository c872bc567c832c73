package web

import (
	"net/http"
	"slices"
	"strconv"

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
	Rows       []store.Comparison
	TotalA     *money.Amount
	TotalB     *money.Amount
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
	return v, nil
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
	Column      string
	Rows        []sideRow
	Chart       chart
}

// sideRow is one code or row name with one amount per compared department.
type sideRow struct {
	Code    string
	Name    string
	Amounts []*money.Amount
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
	type key struct{ code, name string }
	index := map[key]int{}
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
		col := pickColumn(cells)
		if v.Column == "" {
			v.Column = col
		}
		for _, c := range cells {
			if c.Column != col {
				continue
			}
			k := key{c.Code, ""}
			if c.Code == "" {
				k.name = c.Name
			}
			j, ok := index[k]
			if !ok {
				j = len(v.Rows)
				index[k] = j
				v.Rows = append(v.Rows, sideRow{Code: c.Code, Name: c.Name, Amounts: make([]*money.Amount, len(ids))})
			}
			a := c.Amount
			if v.Rows[j].Amounts[i] != nil {
				a += *v.Rows[j].Amounts[i]
			}
			v.Rows[j].Amounts[i] = &a
		}
	}
	// Codes in code order after the rows without a code, which are the totals.
	slices.SortStableFunc(v.Rows, func(a, b sideRow) int {
		switch {
		case a.Code == b.Code:
			return 0
		case a.Code == "":
			return -1
		case b.Code == "":
			return 1
		case a.Code < b.Code:
			return -1
		}
		return 1
	})
	v.Chart = chart{ID: "chart-departments", Type: "bar", Title: v.KindName + "（" + strconv.Itoa(v.Year) + "年，按类）", Unit: "万元"}
	for i, d := range v.Departments {
		sr := series{Name: d.Name}
		for _, row := range v.Rows {
			if len(row.Code) != 3 {
				continue
			}
			if i == 0 {
				v.Chart.Labels = append(v.Chart.Labels, row.Name)
			}
			var x float64
			if row.Amounts[i] != nil {
				x = wanValue(*row.Amounts[i])
			}
			sr.Values = append(sr.Values, x)
		}
		v.Chart.Series = append(v.Chart.Series, sr)
	}
	v.Chart.Type = "group"
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
