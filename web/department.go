package web

import (
	"net/http"
	"slices"
	"sort"
	"strconv"

	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/store"
)

type departmentView struct {
	Department *store.Department
	Documents  []store.Document
	Years      []int // newest first
	Totals     []yearTotal
	Chart      chart
	SanGong    chart
}

type yearTotal struct {
	Year                  int
	Total, Basic, Project money.Amount
}

// showDepartment shows a department's documents by year, with its spending and 三公
// over the years.
func (s *Server) showDepartment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx, cancel := s.query(r)
	defer cancel()
	v := departmentView{}
	if v.Department, err = s.store.Department(ctx, id); err != nil {
		return err
	}
	if v.Documents, err = s.store.Documents(ctx, id); err != nil {
		return err
	}
	for _, d := range v.Documents {
		if !slices.Contains(v.Years, d.Year) {
			v.Years = append(v.Years, d.Year)
		}
	}
	byYear := map[int]*yearTotal{}
	err = s.store.Cells(ctx, store.CellFilter{DepartmentID: id, Kind: store.DepartmentBudget, TableKind: disclosure.GPFunctionalTable, Limit: 200_000},
		func(c store.Cell) error {
			if len(c.Code) != 3 {
				return nil
			}
			t := byYear[c.Year]
			if t == nil {
				t = &yearTotal{Year: c.Year}
				byYear[c.Year] = t
			}
			switch c.Column {
			case "total":
				t.Total += c.Amount
			case "basic":
				t.Basic += c.Amount
			case "project":
				t.Project += c.Amount
			}
			return nil
		})
	if err != nil {
		return err
	}
	for _, t := range byYear {
		v.Totals = append(v.Totals, *t)
	}
	sort.Slice(v.Totals, func(i, j int) bool { return v.Totals[i].Year < v.Totals[j].Year })
	v.Chart = chart{ID: "chart-years", Type: "stack", Title: "历年一般公共预算支出", Unit: "万元"}
	basic, project := series{Name: "基本支出"}, series{Name: "项目支出"}
	for _, t := range v.Totals {
		v.Chart.Labels = append(v.Chart.Labels, strconv.Itoa(t.Year)+"年")
		basic.Values = append(basic.Values, wanValue(t.Basic))
		project.Values = append(project.Values, wanValue(t.Project))
	}
	v.Chart.Series = []series{basic, project}
	if v.SanGong, err = s.sanGong(r, id); err != nil {
		return err
	}
	return s.render(w, r, "department", v.Department.Name, "", v)
}

// sanGong collects a department's 三公 figures over the years.
func (s *Server) sanGong(r *http.Request, deptID int64) (chart, error) {
	ctx, cancel := s.query(r)
	defer cancel()
	var cells []store.Cell
	for _, kind := range []disclosure.TableKind{disclosure.SanGongTable, disclosure.SanGongOfficeTable} {
		err := s.store.Cells(ctx, store.CellFilter{DepartmentID: deptID, Kind: store.DepartmentBudget, TableKind: kind, Limit: 100_000},
			func(c store.Cell) error {
				cells = append(cells, c)
				return nil
			})
		if err != nil {
			return chart{}, err
		}
	}
	return sanGongSeries(cells), nil
}
