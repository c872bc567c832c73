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
	seq        int               // order of first appearance
	vals       [][]*money.Amount // by column, then by compared thing
}

func newPivot(n int) *pivot {
	return &pivot{n: n, colIdx: map[string]int{}, rowIdx: map[rowKey]*pivotRow{}}
}

// add puts amount a of the row (code, name) and column key of compared thing i;
// a row that repeats (one block per unit) is summed. The first header and name
// seen name the column and the row.
func (p *pivot) add(code, name, key, header string, i int, a money.Amount) {
	c, ok := p.colIdx[key]
	if !ok {
		c = len(p.cols)
		p.colIdx[key] = c
		p.cols = append(p.cols, pivotColumn{key, header})
		for _, r := range p.rows {
			r.vals = append(r.vals, nil)
		}
	}
	k := rowKey{code, ""}
	if code == "" {
		k.name = name
	}
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
}

// sort puts the rows without a code first, in the order they came (合计, then the
// units of a table printed in one block per unit), and the codes after them in code
// order, which puts each 款 under its 类 and each 项 under its 款. The codes of a
// table printed per unit are summed over the units, so they follow all the unit
// rows rather than the first unit's.
func (p *pivot) sort() {
	slices.SortStableFunc(p.rows, func(a, b *pivotRow) int {
		switch {
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
}

type headCell struct {
	ID, Text, URL string
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
			if t.Codes {
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
