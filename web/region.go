package web

import (
	"net/http"
	"sort"
	"strings"

	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/store"
)

type regionView struct {
	regionYear
	Code  string
	Trail []store.CodeTotal // the codes above and at Code, 类 first
	Rows  []regionRow       // the codes one level below Code
	Total money.Amount
	Depts []deptAmount // departments spending on Code
	Chart chart
	Tips  map[string]string // tooltips of the terms shown
}

type regionRow struct {
	store.CodeTotal
	Basic, Project money.Amount
	Leaf           bool // a 项, with no level below
}

type deptAmount struct {
	ID     int64
	Name   string
	Amount money.Amount
}

// showRegion consolidates every department's 一般公共预算 spending by functional
// class, with a drill-down 类 → 款 → 项 and the departments behind a code.
func (s *Server) showRegion(w http.ResponseWriter, r *http.Request) error {
	code, err := textParam(r, "code")
	if err != nil {
		return err
	}
	if !validCode(code) {
		return invalidf("功能分类科目编码应为 3、5 或 7 位数字")
	}
	ctx, cancel := s.query(r)
	defer cancel()
	ry, err := s.pickRegionYear(ctx, r)
	if err != nil {
		return err
	}
	v := regionView{regionYear: ry, Code: code}
	if v.Region == "" {
		return s.render(w, r, "region", "地区汇总", "region", v)
	}
	totals, err := s.store.RegionTotals(ctx, v.Region, v.Year, disclosure.GPFunctionalTable)
	if err != nil {
		return err
	}
	byCode := map[string]*regionRow{}
	var order []string
	for _, t := range totals {
		row := byCode[t.Code]
		if row == nil {
			row = &regionRow{CodeTotal: store.CodeTotal{Code: t.Code, Name: t.Name}}
			byCode[t.Code] = row
			order = append(order, t.Code)
		}
		switch t.Column {
		case "total":
			row.Amount, row.Departments, row.Header = t.Amount, t.Departments, t.Header
		case "basic":
			row.Basic = t.Amount
		case "project":
			row.Project = t.Amount
		}
	}
	if code != "" && byCode[code] == nil {
		return notFoundf("该年度没有科目 " + code + " 的支出")
	}
	for l := 3; l <= len(code); l += 2 {
		if row := byCode[code[:l]]; row != nil {
			v.Trail = append(v.Trail, row.CodeTotal)
		}
	}
	sort.Strings(order)
	for _, c := range order {
		if len(c) == len(code)+2 && strings.HasPrefix(c, code) || code == "" && len(c) == 3 {
			row := *byCode[c]
			row.Leaf = len(c) >= 7
			v.Rows = append(v.Rows, row)
			v.Total += row.Amount
		}
	}
	// The total is what the documents print: each department's total row, or the
	// code's own rows, not its parts' separately rounded amounts added up.
	if code != "" {
		v.Total = byCode[code].Amount
	} else {
		printed, ok, err := s.regionPrinted(r, v.Region, v.Year)
		if err != nil {
			return err
		}
		if ok {
			v.Total = printed.Total
		}
	}
	v.Chart = chart{ID: "chart-drill", Type: "bar", Title: "一般公共预算支出（按功能分类）", Unit: "万元"}
	for _, row := range v.Rows {
		v.Chart.Labels = append(v.Chart.Labels, row.Name)
		v.Chart.Values = append(v.Chart.Values, wanValue(row.Amount))
		link := ""
		if !row.Leaf {
			link = "/region" + string(query("region", v.Region, "year", v.Year, "code", row.Code))
		}
		v.Chart.Links = append(v.Chart.Links, link)
	}
	if code != "" {
		if v.Depts, err = s.regionDepartments(r, v.Region, v.Year, code); err != nil {
			return err
		}
	}
	if v.Tips, err = s.tooltips(ctx, nil, ""); err != nil {
		return err
	}
	v.Chart.Tips = v.Tips
	return s.render(w, r, "region", v.Region+"部门预算汇总", "region", v)
}

// regionPrinted adds up the totals that the region's 部门预算 print on their
// 一般公共预算支出表（按功能分类）'s total rows (see printedTotals) for year; ok is
// false when the region has no such table that year.
func (s *Server) regionPrinted(r *http.Request, region string, year int) (total yearTotal, ok bool, err error) {
	ctx, cancel := s.query(r)
	defer cancel()
	var cells []store.Cell
	err = s.store.Cells(ctx, store.CellFilter{Region: region, Year: year, Kind: store.DepartmentBudget,
		TableKind: disclosure.GPFunctionalTable, Limit: store.MaxCells},
		func(c store.Cell) error {
			cells = append(cells, c)
			return nil
		})
	if err != nil {
		return yearTotal{}, false, err
	}
	for _, t := range printedTotals(cells) {
		if t.Year == year {
			return t, true, nil
		}
	}
	return yearTotal{}, false, nil
}

// regionDepartments sums each department's spending on one functional code.
func (s *Server) regionDepartments(r *http.Request, region string, year int, code string) ([]deptAmount, error) {
	ctx, cancel := s.query(r)
	defer cancel()
	sums := map[int64]*deptAmount{}
	err := s.store.Cells(ctx, store.CellFilter{Region: region, Year: year, Kind: store.DepartmentBudget,
		TableKind: disclosure.GPFunctionalTable, CodePrefix: code, Limit: 500_000},
		func(c store.Cell) error {
			if c.Code != code || c.Column != "total" {
				return nil
			}
			d := sums[c.DepartmentID]
			if d == nil {
				d = &deptAmount{ID: c.DepartmentID, Name: c.Department}
				sums[c.DepartmentID] = d
			}
			d.Amount += c.Amount
			return nil
		})
	if err != nil {
		return nil, err
	}
	out := make([]deptAmount, 0, len(sums))
	for _, d := range sums {
		out = append(out, *d)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Amount != out[j].Amount {
			return out[i].Amount > out[j].Amount
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

func validCode(code string) bool {
	if code == "" {
		return true
	}
	if len(code) != 3 && len(code) != 5 && len(code) != 7 {
		return false
	}
	for _, r := range code {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
