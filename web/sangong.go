package web

import (
	"strconv"
	"strings"

	"yusuan/money"
	"yusuan/store"
)

// sanGongItems are the parts of Shenzhen's 三公 table (表9), by the part its column
// keys start with (abroad.general, abroad.gov_fund, …), in the table's order.
var sanGongItems = []struct{ key, name string }{
	{"total", "“三公”经费合计"},
	{"abroad", "因公出国（境）费"},
	{"reception", "公务接待费"},
	{"car", "公务用车购置及运行维护费"},
	{"car_purchase", "其中：公务用车购置费"},
	{"car_running", "公务用车运行维护费"},
}

// The rows of a 三公 table, as the comparison's column keys.
const (
	sgLast   = "last"
	sgThis   = "this"
	sgChange = "change"
)

// sanGongRows are a department's 三公 items in the three rows its table prints:
// last year's budget, this year's and the change, each item over all funds.
type sanGongRows map[string]map[string]money.Amount // row → item → amount

// readSanGong takes a department's 三公 amounts from the cells of the 三公 table
// (SanGongTable) of its 部门预算 for year. A document of several units prints
// the department's block of three rows first and then one block per unit, so only
// the first row of each kind is the department's: summing the blocks, as other
// tables' rows are, would count every unit twice. The change is the printed one.
func readSanGong(cells []store.Cell, year int) sanGongRows {
	rows := sanGongRows{}
	rowOf := map[int]string{} // table row → last, this or change
	taken := map[string]int{} // kind of row → the table row that is the department's
	for _, c := range cells {
		kind, ok := rowOf[c.Row]
		if !ok {
			kind = sanGongRowKind(c.Name, year)
			rowOf[c.Row] = kind
		}
		if kind == "" {
			continue
		}
		if r, ok := taken[kind]; ok && r != c.Row {
			continue
		}
		taken[kind] = c.Row
		part, _, _ := strings.Cut(c.Column, ".")
		if part == "sangong" {
			part = "total"
		}
		if rows[kind] == nil {
			rows[kind] = map[string]money.Amount{}
		}
		rows[kind][part] += c.Amount
	}
	return rows
}

// sanGongRowKind says which row of a 三公 table a label names: a year before the
// document's is last year's budget, the document's own year this year's, and
// 增减 the change; anything else is no row of the comparison.
func sanGongRowKind(label string, year int) string {
	if m := yearLabel.FindStringSubmatch(strings.TrimSpace(label)); m != nil {
		y, _ := strconv.Atoi(m[1])
		switch {
		case y == year:
			return sgThis
		case y < year:
			return sgLast
		}
		return ""
	}
	if strings.Contains(label, "增减") {
		return sgChange
	}
	return ""
}

// sanGongPivot lines up the departments' 三公 items: one row per item, one column
// per row of the table (last year, this year, change), one amount per department.
func sanGongPivot(byDept []sanGongRows, year int) *pivot {
	p := newPivot(len(byDept))
	heads := []struct{ key, header string }{
		{sgLast, strconv.Itoa(year-1) + "年预算数"},
		{sgThis, strconv.Itoa(year) + "年预算数"},
		{sgChange, "增减变化金额"},
	}
	for _, item := range sanGongItems {
		for _, h := range heads {
			for i, rows := range byDept {
				if a, ok := rows[h.key][item.key]; ok {
					p.add("", item.name, h.key, h.header, i, a)
				}
			}
		}
	}
	return p
}

// sanGongChart draws each department's items of this year's budget, the parts
// rather than their sums (合计 and 公务用车 小计) so that the bars do not count twice.
func sanGongChart(p *pivot, year int, names []string) chart {
	c := chart{ID: "chart-departments", Type: "group", Unit: "万元", Title: "“三公”经费按项目比较（" + strconv.Itoa(year) + "年预算数）"}
	col, ok := p.colIdx[sgThis]
	if !ok {
		return c
	}
	c.Series = make([]series, p.n)
	for i := range c.Series {
		c.Series[i].Name = names[i]
	}
	for _, r := range p.rows {
		if r.name == sanGongItems[0].name || r.name == sanGongItems[3].name || r.vals[col] == nil {
			continue
		}
		c.Labels = append(c.Labels, strings.TrimPrefix(r.name, "其中："))
		for i := range c.Series {
			var x float64
			if a := r.vals[col][i]; a != nil {
				x = wanValue(*a)
			}
			c.Series[i].Values = append(c.Series[i].Values, x)
		}
	}
	if len(c.Labels) == 0 {
		c.Series = nil
	}
	return c
}
