package web

import (
	"slices"
	"strconv"
	"strings"

	"yusuan/money"
)

// pivot gathers the amounts of a compared table by row and column: a row is a code,
// or the row's label where it has none (totals, tables without codes); a column is
// a column key (total, basic, project). Each row and column holds one amount per
// compared thing (two years, or n departments), nil where that thing has none.
type pivot struct {
	n      int
	cols   []pivotColumn
	rows   []*pivotRow
	colIdx map[string]int
	rowIdx map[rowKey]*pivotRow
}

type pivotColumn struct {
	key, header string
}

type rowKey struct{ code, name string }

type pivotRow struct {
	code, name string
	total      bool              // the table's total, first whatever the order
	seq        int               // order of first appearance
	vals       [][]*money.Amount // by column, then by compared thing
	// summed marks the compared things whose total was added up from the 类 rows,
	// the table printing none.
	summed []bool
}

func newPivot(n int) *pivot {
	return &pivot{n: n, colIdx: map[string]int{}, rowIdx: map[rowKey]*pivotRow{}}
}

// add puts amount a of the row (code, name) and column key of compared thing i;
// a row that repeats (one block per unit) is summed. The first header and name
// seen name the column and the row.
func (p *pivot) add(code, name, key, header string, i int, a money.Amount) {
	k := rowKey{code, ""}
	if code == "" {
		k.name = name
	}
	p.put(k, code, name, key, header, i, a)
}

// column returns the index of the column key, adding it with its header if new.
func (p *pivot) column(key, header string) int {
	c, ok := p.colIdx[key]
	if !ok {
		c = len(p.cols)
		p.colIdx[key] = c
		p.cols = append(p.cols, pivotColumn{key, header})
		for _, r := range p.rows {
			r.vals = append(r.vals, nil)
		}
	}
	return c
}

// totalKey is the total row's key: no code and a name no printed row has.
var totalKey = rowKey{"", "\x00total"}

// addTotal puts amount a of compared thing i in the total row, named 合计, under
// column key; summed says it was added up from the 类 rows.
func (p *pivot) addTotal(key, header string, i int, a money.Amount, summed bool) {
	r := p.put(totalKey, "", "合计", key, header, i, a)
	r.total = true
	if r.summed == nil {
		r.summed = make([]bool, p.n)
	}
	r.summed[i] = r.summed[i] || summed
}

func (p *pivot) put(k rowKey, code, name, key, header string, i int, a money.Amount) *pivotRow {
	c := p.column(key, header)
	r := p.rowIdx[k]
	if r == nil {
		r = &pivotRow{code: code, name: name, seq: len(p.rows), vals: make([][]*money.Amount, len(p.cols))}
		p.rowIdx[k] = r
		p.rows = append(p.rows, r)
	}
	if r.vals[c] == nil {
		r.vals[c] = make([]*money.Amount, p.n)
	}
	if old := r.vals[c][i]; old != nil {
		a += *old
	}
	r.vals[c][i] = &a
	return r
}

// sort puts the total first, then the rows without a code in the order they came,
// and the codes after them in code order, which puts each 款 under its 类 and each
// 项 under its 款.
func (p *pivot) sort() {
	slices.SortStableFunc(p.rows, func(a, b *pivotRow) int {
		switch {
		case a.total != b.total:
			if a.total {
				return -1
			}
			return 1
		case a.code == b.code:
			return a.seq - b.seq
		case a.code < b.code:
			return -1
		}
		return 1
	})
}

// mainColumn is the column the chart draws: total when the table has it, else its
// first column.
func (p *pivot) mainColumn() int {
	if c, ok := p.colIdx["total"]; ok {
		return c
	}
	return 0
}

// classChart draws the 类 rows (three-digit codes) of the main column, one series
// per compared thing, titled by the column and what follows it; it has no labels
// when the table has no 类.
func (p *pivot) classChart(id, what string, names []string) chart {
	c := chart{ID: id, Type: "group", Unit: "万元"}
	if len(p.cols) == 0 {
		return c
	}
	col := p.mainColumn()
	c.Title = "按类比较：" + p.cols[col].header + what
	c.Series = make([]series, p.n)
	for i := range c.Series {
		c.Series[i].Name = names[i]
	}
	for _, r := range p.rows {
		if len(r.code) != 3 {
			continue
		}
		c.Labels = append(c.Labels, r.name)
		for i := range c.Series {
			var x float64
			if r.vals[col] != nil && r.vals[col][i] != nil {
				x = wanValue(*r.vals[col][i])
			}
			c.Series[i].Values = append(c.Series[i].Values, x)
		}
	}
	if len(c.Labels) == 0 {
		c.Series = nil
	}
	return c
}

// compareTable is a comparison laid out for the template: a first column naming
// the rows, then for each amount column of the compared table a group of
// sub-columns (two years, change and per cent; or one per department). Every cell
// names its group, sub-column and row header by id, as the two header rows would
// leave a screen reader guessing.
type compareTable struct {
	ID      string
	Caption string // names the scrolling region
	Groups  []headCell
	Subs    []headCell // len(Groups) × the sub-columns of one group
	Rows    []compareRow
	Codes   bool // some rows have a code
	// Sorted says the rows are sorted by a column; ResetURL restores the
	// table's own order.
	Sorted   bool
	ResetURL string
	Tips     map[string]string // definitions of the terms the headings name
}

type headCell struct {
	ID, Text, URL string
	// SortURL re-sorts the comparison by this sub-column; Sort is the
	// aria-sort value of the sub-column the rows are sorted by.
	SortURL, Sort string
	Key           string // a group's column key
	Class         string
	Span          int
}

type compareRow struct {
	ID     string
	Code   string
	Name   string
	Indent string // ind1, ind2 for a 款 and a 项
	Class  string // total for the rows without a code of a table with codes, group for a 类
	Cells  []compareCell
}

type compareCell struct {
	Text, Class, Headers string
	// Amount is the cell's figure, Tenths its per cent in tenths, for the
	// downloads, which write numbers rather than the page's text.
	Amount *money.Amount
	Tenths *int64
}

// subColumn is one sub-column of every group; URL, when set, links its heading.
type subColumn struct {
	Text, URL string
}

// table lays the pivot out with subs under each column; cells turns one row's
// amounts of one column into the cells under its group, len(subs) of them.
func (p *pivot) table(id string, subs []subColumn, cells func([]*money.Amount) []compareCell) compareTable {
	t := compareTable{ID: id}
	for _, r := range p.rows {
		t.Codes = t.Codes || r.code != ""
	}
	for g, c := range p.cols {
		gid := id + "-g" + strconv.Itoa(g)
		t.Groups = append(t.Groups, headCell{ID: gid, Text: c.header, Key: c.key, Span: len(subs)})
		for s, sub := range subs {
			h := headCell{ID: gid + "-s" + strconv.Itoa(s), Text: sub.Text, URL: sub.URL, Class: "num"}
			if s == 0 {
				h.Class += " start"
			}
			t.Subs = append(t.Subs, h)
		}
	}
	for i, r := range p.rows {
		row := compareRow{ID: id + "-r" + strconv.Itoa(i), Code: r.code, Name: r.name}
		switch len(r.code) {
		case 0:
			if r.total {
				row.Class = "total"
			}
		case 3:
			row.Class = "group"
		case 5:
			row.Indent = "ind1"
		default:
			row.Indent = "ind2"
		}
		for g := range p.cols {
			vals := r.vals[g]
			if vals == nil {
				vals = make([]*money.Amount, p.n)
			}
			for s, c := range cells(vals) {
				c.Headers = t.Groups[g].ID + " " + t.Subs[g*len(subs)+s].ID + " " + row.ID
				if s == 0 {
					// A rule between groups keeps the eye in one column's figures.
					c.Class = strings.TrimSpace(c.Class + " start")
				}
				row.Cells = append(row.Cells, c)
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// sortBy orders the rows by key, largest first when desc, rows without a value
// last either way. The total stays first and the hierarchy holds: each 类 (and
// each row without a code) among the top rows, each 款 among its 类's, each 项
// among its 款's.
func (p *pivot) sortBy(key func(*pivotRow) (int64, bool), desc bool) {
	p.sort()
	have := map[string]bool{}
	for _, r := range p.rows {
		if r.code != "" {
			have[r.code] = true
		}
	}
	children := map[string][]*pivotRow{}
	var top []*pivotRow
	var total *pivotRow
	for _, r := range p.rows {
		switch parent := parentCode(r.code, have); {
		case r.total:
			total = r
		case parent == "":
			top = append(top, r)
		default:
			children[parent] = append(children[parent], r)
		}
	}
	order := func(rows []*pivotRow) {
		slices.SortStableFunc(rows, func(a, b *pivotRow) int {
			x, okx := key(a)
			y, oky := key(b)
			switch {
			case okx != oky:
				if okx {
					return -1
				}
				return 1
			case !okx || x == y:
				return 0
			case (x < y) != desc:
				return -1
			}
			return 1
		})
	}
	p.rows = p.rows[:0]
	if total != nil {
		p.rows = append(p.rows, total)
	}
	var walk func([]*pivotRow)
	walk = func(rows []*pivotRow) {
		order(rows)
		for _, r := range rows {
			p.rows = append(p.rows, r)
			if r.code != "" {
				walk(children[r.code])
			}
		}
	}
	walk(top)
}

// parentCode is the nearest code above code (its 款, else its 类) among have, or
// "" for a 类, a row without a code, or a code whose levels above are missing.
func parentCode(code string, have map[string]bool) string {
	for l := len(code) - 2; l >= 3; l -= 2 {
		if have[code[:l]] {
			return code[:l]
		}
	}
	return ""
}
