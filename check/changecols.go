package check

import (
	"fmt"
	"slices"
	"strings"

	"yusuan/disclosure"
	"yusuan/money"
)

// changeColumns: a table that prints, beside this year's and an earlier year's
// figures, their change (2026年预算数比2025年执行数: 增减额 | 增减(%)) prints a
// percentage that is the change over the earlier figure, and a change that is the
// difference of the two figures. The header says which columns are the change
// and its percentage, not which two columns they compare (2025年执行数 or
// 扣除中央基建投资后执行数): the earlier figure is the column over which the
// percentage holds on nearly every row, and this year's the column that, less
// it, gives the change on nearly every row; a row where either does not hold is
// an error (SUM-05). The 三公 tables' changes are SUM-03's.
func (c *Doc) changeColumns() {
	for _, t := range c.doc.Tables {
		v := c.tables[t.Kind]
		if v == nil || v.T != t || t.Kind == disclosure.SanGongTable || t.Kind == disclosure.SanGongOfficeTable {
			continue
		}
		for p, col := range t.Columns {
			if !strings.HasPrefix(col.Key, "change_pct") {
				continue
			}
			ch := v.changeSibling(p)
			if ch < 0 {
				continue
			}
			b, ok := v.fittingColumn(func(b int) rowTest { return func(r int) (bool, bool) { return v.pctHolds(p, ch, b, r) } })
			if !ok {
				continue
			}
			for r := range v.body {
				if holds, known := v.pctHolds(p, ch, b, r); known && !holds {
					c.wrongPct(v, r, p, ch, b)
				}
			}
			a, ok := v.fittingColumn(func(a int) rowTest {
				return func(r int) (bool, bool) {
					if a == b {
						return false, false
					}
					return v.diffHolds(ch, a, b, r)
				}
			})
			if !ok {
				continue
			}
			for r := range v.body {
				if holds, known := v.diffHolds(ch, a, b, r); known && !holds {
					this, _ := v.AmountIn(r, a)
					last, _ := v.AmountIn(r, b)
					change, _ := v.AmountIn(r, ch)
					c.Add(Finding{Rule: "SUM-05", Severity: Error, Location: v.AtColumn(r, ch),
						Expected: (this - last).Format(v.Unit), Actual: change.Format(v.Unit), Difference: (change - (this - last)).Format(v.Unit),
						Message: fmt.Sprintf("“%s”%s为 %s，但%s %s 减%s %s 为 %s", v.RowName(r), v.heads[ch], change.Format(v.Unit),
							v.heads[a], this.Format(v.Unit), v.heads[b], last.Format(v.Unit), (this - last).Format(v.Unit))})
				}
			}
		}
	}
}

// changeSibling is the column of the change whose percentage column p is: the
// column of the same heading whose key is a change's.
func (v *View) changeSibling(p int) int {
	parent := func(j int) string {
		h := v.heads[j]
		if i := strings.LastIndex(h, "/"); i >= 0 {
			return h[:i]
		}
		return ""
	}
	for j, col := range v.T.Columns {
		if j != p && strings.HasPrefix(col.Key, "change") && !strings.HasPrefix(col.Key, "change_pct") && parent(j) == parent(p) && parent(p) != "" {
			return j
		}
	}
	return -1
}

// rowTest judges one row: whether an identity holds there, and whether the row
// has the figures to tell.
type rowTest func(r int) (holds, known bool)

// fittingColumn finds the one column of amounts, other than changes, whose test
// holds on at least three rows and on four in five of the rows it can judge.
// Another column that holds as often but fails elsewhere makes the choice
// unsure: none is taken.
func (v *View) fittingColumn(test func(j int) rowTest) (int, bool) {
	best, bestN, tie := -1, 0, false
	var bestFails []int
	for j, col := range v.T.Columns {
		if col.Kind != disclosure.AmountCol || strings.HasPrefix(col.Key, "change") {
			continue
		}
		n, fails := 0, []int(nil)
		f := test(j)
		for r := range v.body {
			switch holds, known := f(r); {
			case !known:
			case holds:
				n++
			default:
				fails = append(fails, r)
			}
		}
		if n < 3 || 5*n < 4*(n+len(fails)) {
			continue
		}
		switch {
		case n > bestN:
			best, bestN, bestFails, tie = j, n, fails, false
		case n == bestN && !slices.Equal(fails, bestFails):
			tie = true
		}
	}
	return best, best >= 0 && !tie
}

// pctAt is the percentage printed in row r, column j (-60.86%), and its decimals.
func (v *View) pctAt(r, j int) (percent, bool) {
	if r < 0 || r >= len(v.body) || v.body[r][j].cell == nil || !v.body[r][j].origin {
		return percent{}, false
	}
	s := strings.TrimSpace(strings.ReplaceAll(v.body[r][j].cell.Text, "−", "-"))
	if !strings.HasSuffix(s, "%") {
		return percent{}, false
	}
	return parsePercent(strings.TrimSuffix(s, "%"))
}

// pctHolds reports whether the percentage in column p of row r is the change in
// column ch over the amount in column b, within the rounding of the three printed
// figures; known is false where a figure is missing or the base is too small.
func (v *View) pctHolds(p, ch, b, r int) (holds, known bool) {
	pct, ok := v.pctAt(r, p)
	if !ok {
		return false, false
	}
	change, ok1 := v.AmountIn(r, ch)
	base, ok2 := v.AmountIn(r, b)
	half := v.step / 2
	if !ok1 || !ok2 || base <= 2*half {
		return false, false
	}
	q, ok := pctRange(change, base, v.step)
	return ok && pct.fits(q), ok
}

// pctRange is the range of change/base×100 over the figures within half of
// step of those printed (in half steps, so that half of 1分 stays whole).
func pctRange(change, base, step money.Amount) (quotients, bool) {
	return percentOf(int64(2*change-step), int64(2*change+step), int64(2*base-step), int64(2*base+step))
}

// diffHolds reports whether the change in column ch of row r is column a less
// column b, within the rounding of the three printed figures.
func (v *View) diffHolds(ch, a, b, r int) (holds, known bool) {
	change, ok := v.AmountIn(r, ch)
	this, ok1 := v.AmountIn(r, a)
	last, ok2 := v.AmountIn(r, b)
	if !ok || !ok1 || !ok2 || change == 0 && this == 0 && last == 0 {
		return false, false
	}
	return withinTails(change-(this-last), 3, v.step), true
}

// wrongPct reports the percentage of row r that is not its change over its base.
func (c *Doc) wrongPct(v *View, r, p, ch, b int) {
	pct, _ := v.pctAt(r, p)
	change, _ := v.AmountIn(r, ch)
	base, _ := v.AmountIn(r, b)
	exact := percentString(int64(change), int64(base), max(pct.digits, 1))
	printed := strings.TrimSpace(v.body[r][p].cell.Text)
	f := Finding{Rule: "SUM-05", Severity: Error, Location: v.AtColumn(r, p), Expected: exact + "%", Actual: printed,
		Message: fmt.Sprintf("“%s”%s为 %s，按%s %s、%s %s 应为 %s%%", v.RowName(r), v.heads[p], printed,
			v.heads[ch], change.Format(v.Unit), v.heads[b], base.Format(v.Unit), exact)}
	if q, ok := pctRange(change, base, v.step); ok && pct.cutFrom(q) {
		f.Rule, f.Severity = "TAIL-01", Info
		f.Message = fmt.Sprintf("“%s”%s为 %s，按%s %s、%s %s 四舍五入应为 %s%%，似为截尾所致", v.RowName(r), v.heads[p], printed,
			v.heads[ch], change.Format(v.Unit), v.heads[b], base.Format(v.Unit), exact)
	}
	c.Add(f)
}
