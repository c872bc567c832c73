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
	Tips       map[string]string // tooltips of the terms shown
	// Finals are the years that have a 部门决算, newest first, for the 预算与决算 view.
	Finals []int
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
		if d.Kind == store.FinalAccounts {
			v.Finals = append(v.Finals, d.Year)
		}
	}
	var cells []store.Cell
	err = s.store.Cells(ctx, store.CellFilter{DepartmentID: id, Kind: store.DepartmentBudget, TableKind: disclosure.GPFunctionalTable, Limit: 200_000},
		func(c store.Cell) error {
			cells = append(cells, c)
			return nil
		})
	if err != nil {
		return err
	}
	v.Totals = printedTotals(cells)
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
	if v.Tips, err = s.tooltips(ctx, nil, ""); err != nil {
		return err
	}
	v.Chart.Tips, v.SanGong.Tips = v.Tips, v.Tips
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

// printedTotals returns each year's total, basic and project spending of a
// department's 一般公共预算支出表（按功能分类）, from the cells of its 部门预算 of
// each year: the figures the table prints on its total row (合计, or the
// department's own row heading a table of several units), so that the page shows
// what the document does. Only a table without such a row has its 类 rows summed,
// whose separately rounded amounts can miss the printed total by a few 分.
func printedTotals(cells []store.Cell) []yearTotal {
	type docRows struct {
		year  int
		order []int // rows in table order
		rows  map[int]*tableRow
	}
	docs := map[int64]*docRows{}
	var ids []int64
	for _, c := range cells {
		d := docs[c.DocumentID]
		if d == nil {
			d = &docRows{year: c.Year, rows: map[int]*tableRow{}}
			docs[c.DocumentID] = d
			ids = append(ids, c.DocumentID)
		}
		r := d.rows[c.Row]
		if r == nil {
			r = &tableRow{code: c.Code, name: c.Name}
			d.rows[c.Row] = r
			d.order = append(d.order, c.Row)
		}
		r.add(c.Column, c.Amount)
	}
	byYear := map[int]*yearTotal{}
	for _, id := range ids {
		d := docs[id]
		t := byYear[d.year]
		if t == nil {
			t = &yearTotal{Year: d.year}
			byYear[d.year] = t
		}
		rows := make([]*tableRow, len(d.order))
		for i, n := range d.order {
			rows[i] = d.rows[n]
		}
		total := totalRow(rows)
		t.Total += total.total
		t.Basic += total.basic
		t.Project += total.project
	}
	out := make([]yearTotal, 0, len(byYear))
	for _, t := range byYear {
		out = append(out, *t)
	}
	return out
}

// tableRow is one row of a functional table: its code, label and amounts.
type tableRow struct {
	code, name            string
	total, basic, project money.Amount
}

func (r *tableRow) add(column string, a money.Amount) {
	switch column {
	case "total":
		r.total += a
	case "basic":
		r.basic += a
	case "project":
		r.project += a
	}
}

// totalRow is a functional table's total: its 合计 (总计) row; else its first row
// when that has no code, as the department's row heads Shenzhen's 2026 tables;
// else the sum of its 类 rows.
func totalRow(rows []*tableRow) tableRow {
	if i := disclosure.PrintedTotalRow(len(rows), func(i int) string { return rows[i].code }, func(i int) string { return rows[i].name }); i >= 0 {
		return *rows[i]
	}
	var sum tableRow
	for _, r := range rows {
		if len(r.code) == 3 {
			sum.total += r.total
			sum.basic += r.basic
			sum.project += r.project
		}
	}
	return sum
}
