package check

import (
	"strings"

	"yusuan/disclosure"
	"yusuan/format"
	"yusuan/money"
)

// A row's totals are found from the header, whatever the table's format: a column
// headed 合计, 小计 or 总计 (or 金额, 预算数: the vocabulary's subtotals) adds up
// the other columns of the heading it stands under: the whole table's when it stands
// alone (总计 | 基本支出 | 项目支出), a group's when it stands under the group's
// heading (本年收入 › 小计 | 本年收入 › 事业收入 …). Where a group prints its own
// subtotal, that subtotal is the group's part and its columns are not counted again.
// Columns that only repeat part of others are left out: those under a heading that
// opens with 其中, money the vocabulary calls a subset (政府采购), changes against
// another year and columns of another year. A heading the vocabulary does not know
// may or may not be a part, so a total over one is not checked: unknown is not wrong.

// rowTotal is one subtotal column and the columns that add up to it.
type rowTotal struct {
	col   int
	parts []int
}

// headerTotals finds a table's row totals from its header.
func headerTotals(v *View) []rowTotal {
	t := v.T
	paths := format.HeaderPaths(t)
	if len(paths) != len(t.Columns) {
		return nil
	}
	// The printed path of each column, without the headings every column shares
	// (a fund heading the whole table: 一般公共预算支出).
	amount := func(j int) bool { return t.Columns[j].Kind == disclosure.AmountCol }
	var out []rowTotal
	for j, p := range paths {
		if !amount(j) || len(p) == 0 || !format.IsSubtotal(t.Kind, p[len(p)-1]) {
			continue
		}
		key := t.Columns[j].Key
		if key == "" || excluded(t.Kind, key) || whereof(p) {
			continue
		}
		scope := p[:len(p)-1]
		var cands []int
		for k, q := range paths {
			if k == j || !amount(k) || len(q) <= len(scope) || !prefix(q, scope) {
				continue
			}
			cands = append(cands, k)
		}
		// A group's own subtotal stands for the group.
		var groups [][]string
		for _, k := range cands {
			q := paths[k]
			if len(q) > len(scope)+1 && format.IsSubtotal(t.Kind, q[len(q)-1]) {
				groups = append(groups, q[:len(q)-1])
			}
		}
		var parts []int
		known := true
		for _, k := range cands {
			q := paths[k]
			inGroup := false
			for _, g := range groups {
				if prefix(q, g) && !(len(q) == len(g)+1 && format.IsSubtotal(t.Kind, q[len(q)-1])) {
					inGroup = true
				}
			}
			key := t.Columns[k].Key
			switch {
			case inGroup, whereof(q[len(scope):]):
			case key == "":
				known = false
			case excluded(t.Kind, key), lastYear(key) != lastYear(t.Columns[j].Key):
			default:
				parts = append(parts, k)
			}
		}
		if known && len(parts) > 1 {
			out = append(out, rowTotal{col: j, parts: parts})
		}
	}
	return out
}

// excluded reports whether a column with the key is never a part of a row's total.
func excluded(kind disclosure.TableKind, key string) bool {
	if strings.HasPrefix(key, "change") {
		return true
	}
	return kind != disclosure.ProcurementTable && format.IsSubset(key)
}

func lastYear(key string) bool { return strings.HasPrefix(key, "last.") }

// whereof reports whether any heading of a path opens with 其中.
func whereof(p []string) bool {
	for _, s := range p {
		if format.IsWhereof(s) {
			return true
		}
	}
	return false
}

func prefix(p, of []string) bool {
	if len(p) < len(of) {
		return false
	}
	for i := range of {
		if format.Fold(p[i]) != format.Fold(of[i]) {
			return false
		}
	}
	return true
}

// headerSums checks every row of a table against the totals its header shows.
func (c *Doc) headerSums(v *View, rule string) {
	for _, rt := range headerTotals(v) {
		for r := range v.body {
			total, ok := v.amountAt(r, rt.col)
			if !ok {
				continue
			}
			var as []money.Amount
			for _, k := range rt.parts {
				if a, ok := v.amountAt(r, k); ok {
					as = append(as, a)
				}
			}
			if len(as) == 0 {
				continue
			}
			loc := v.At(r, "")
			loc.Column = v.heads[rt.col]
			c.Balance(rule, loc, v.Unit, "“"+v.RowName(r)+"”"+v.heads[rt.col], total, as...)
		}
	}
}

// amountAt is the amount printed in row r, column j: false where the cell holds
// no amount and is not blank, or belongs to a cell spanning from elsewhere.
func (v *View) amountAt(r, j int) (money.Amount, bool) {
	if r < 0 || r >= len(v.body) || j < 0 || j >= v.ncols {
		return 0, false
	}
	g := v.body[r][j]
	if g.cell == nil || !g.origin {
		return 0, false
	}
	if g.cell.Amount == nil {
		return 0, false
	}
	return g.cell.Amount.Round(v.Unit.Scale() / 100), true
}
