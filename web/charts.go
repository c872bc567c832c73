package web

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/store"
)

// chart is what charts.js draws: the data only, so that the page needs no inline
// script under its Content-Security-Policy.
type chart struct {
	ID     string    `json:"-"`
	Type   string    `json:"type"` // pie, bar, stack or line
	Title  string    `json:"title"`
	Unit   string    `json:"unit"`
	Labels []string  `json:"labels"`
	Values []float64 `json:"values,omitempty"`
	// Series, for a stacked bar, replace Values.
	Series []series `json:"series,omitempty"`
	// Codes, when set, say what each label links to (the region view's drill-down).
	Links []string `json:"links,omitempty"`
	// Tips are the definitions of the terms its title may name (glossary.go).
	Tips map[string]string `json:"-"`
}

type series struct {
	Name   string    `json:"name"`
	Values []float64 `json:"values"`
}

// Empty reports whether the chart has nothing to draw.
func (c chart) Empty() bool {
	for _, v := range c.Values {
		if v != 0 {
			return false
		}
	}
	for _, s := range c.Series {
		for _, v := range s.Values {
			if v != 0 {
				return false
			}
		}
	}
	return true
}

// wanValue is a in 万元 as a number for a chart axis, from its rounded hundredths so
// that the chart and the tables print the same figure.
func wanValue(a money.Amount) float64 { return float64(a.Hundredths(money.UnitWan)) / 100 }

// documentCharts draws a document's spending by functional and by economic class and
// its basic against project spending.
func documentCharts(doc *disclosure.Document) []chart {
	var out []chart
	fn := findTable(doc, disclosure.GPFunctionalTable)
	if fn != nil {
		c := chart{ID: "chart-functional", Type: "pie", Title: "一般公共预算支出（按功能分类）", Unit: "万元"}
		for _, r := range classRows(fn, "total") {
			c.Labels = append(c.Labels, r.name)
			c.Values = append(c.Values, wanValue(r.amount))
		}
		out = append(out, c)
	}
	econ := findTable(doc, disclosure.GPEconomicTable)
	title := "一般公共预算支出（按经济分类）"
	if econ == nil {
		econ, title = findTable(doc, disclosure.GPBasicTable), "一般公共预算基本支出（按经济分类）"
	}
	if econ != nil {
		c := chart{ID: "chart-economic", Type: "bar", Title: title, Unit: "万元"}
		for _, r := range classRows(econ, "total") {
			c.Labels = append(c.Labels, r.name)
			c.Values = append(c.Values, wanValue(r.amount))
		}
		out = append(out, c)
	}
	if fn != nil {
		total := totalRow(tableRows(fn))
		out = append(out, chart{ID: "chart-basic", Type: "pie", Title: "基本支出与项目支出", Unit: "万元",
			Labels: []string{"基本支出", "项目支出"}, Values: []float64{wanValue(total.basic), wanValue(total.project)}})
	}
	return out
}

// tableRows are the rows of a functional table with their code, their first
// label and their total, basic and project amounts, for totalRow.
func tableRows(t *disclosure.Table) []*tableRow {
	var out []*tableRow
	for r, row := range disclosure.Grid(t.BodyCells(), len(t.Columns)) {
		tr := &tableRow{code: t.Rows[r].Code}
		for _, p := range row {
			switch {
			case p.Amount != nil && p.Col < len(t.Columns):
				tr.add(t.Columns[p.Col].Key, *p.Amount)
			case p.Amount == nil && tr.name == "" && hasHan(p.Text) && (p.Col >= len(t.Columns) || t.Columns[p.Col].Kind != disclosure.CodeCol):
				tr.name = p.Text
			}
		}
		out = append(out, tr)
	}
	return out
}

func findTable(doc *disclosure.Document, kind disclosure.TableKind) *disclosure.Table {
	for _, t := range doc.Tables {
		if t != nil && t.Kind == kind {
			return t
		}
	}
	return nil
}

type classRow struct {
	code, name string
	amount     money.Amount
}

// classRows returns the 类 rows (three-digit codes) of a classification table with
// their amount in the column keyed key; rows that repeat a code (one block per unit)
// are added together.
func classRows(t *disclosure.Table, key string) []classRow {
	col := -1
	for i, c := range t.Columns {
		if c.Key == key {
			col = i
		}
	}
	if col < 0 {
		return nil
	}
	var out []classRow
	index := map[string]int{}
	for r, row := range disclosure.Grid(t.BodyCells(), len(t.Columns)) {
		code := t.Rows[r].Code
		if len(code) != 3 {
			continue
		}
		var name string
		var amount money.Amount
		for _, p := range row {
			switch {
			case p.Col == col && p.Amount != nil:
				amount = *p.Amount
			case p.Amount == nil && name == "" && hasHan(p.Text) && (p.Col >= len(t.Columns) || t.Columns[p.Col].Kind != disclosure.CodeCol):
				name = p.Text
			}
		}
		if name == "" {
			name = code
		}
		if i, ok := index[code]; ok {
			out[i].amount += amount
			continue
		}
		index[code] = len(out)
		out = append(out, classRow{code, name, amount})
	}
	return out
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

var yearLabel = regexp.MustCompile(`^(\d{4})\s*年`)

// sanGongTotal reports whether a 三公 table's column key is its total, whole or
// one fund's share: 总计 (total) or 三公经费合计 (sangong).
func sanGongTotal(key string) bool {
	for _, k := range []string{"total", "sangong"} {
		if key == k || strings.HasPrefix(key, k+".") {
			return true
		}
	}
	return false
}

// sanGongSeries collects a department's 三公 totals by year from the cells of its
// 部门预算: Shenzhen's table prints last year and this year as rows; Shanghai's
// prints this year's total. A year's own document wins over a later one's
// restatement of it.
func sanGongSeries(cells []store.Cell) chart {
	type fig struct {
		amount money.Amount
		own    bool
	}
	years := map[int]*fig{}
	put := func(year int, a money.Amount, own bool) {
		f := years[year]
		switch {
		case f == nil:
			years[year] = &fig{a, own}
		case own && !f.own:
			*f = fig{a, true}
		}
	}
	// A table may split each part by fund (total.general, total.gov_fund, …):
	// first sum the total columns of each row.
	type rowKey struct {
		doc      int64
		row      int
		year     int
		docYear  int
		isOffice bool
	}
	sums := map[rowKey]money.Amount{}
	var keys []rowKey
	for _, c := range cells {
		var k rowKey
		switch {
		case c.TableKind == disclosure.SanGongTable:
			m := yearLabel.FindStringSubmatch(c.Name)
			if m == nil || !sanGongTotal(c.Column) {
				continue
			}
			y, _ := strconv.Atoi(m[1])
			k = rowKey{c.DocumentID, c.Row, y, c.Year, false}
		case c.TableKind == disclosure.SanGongOfficeTable && sanGongTotal(c.Column):
			k = rowKey{c.DocumentID, c.Row, c.Year, c.Year, true}
		default:
			continue
		}
		if _, ok := sums[k]; !ok {
			keys = append(keys, k)
		}
		sums[k] += c.Amount
	}
	for _, k := range keys {
		put(k.year, sums[k], k.year == k.docYear)
	}
	var ys []int
	for y := range years {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	c := chart{ID: "chart-sangong", Type: "line", Title: "“三公”经费历年预算", Unit: "万元"}
	for _, y := range ys {
		c.Labels = append(c.Labels, strconv.Itoa(y)+"年")
		c.Values = append(c.Values, wanValue(years[y].amount))
	}
	return c
}
