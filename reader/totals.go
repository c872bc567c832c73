package reader

import (
	"yusuan/disclosure"
	"yusuan/format"
)

// departmentTotals marks as its total row the first row of a table listing a
// department's units when that row carries the department's name, as Shenzhen's
// unit-level tables print it where others print 合计 (深圳市水务局 over 深圳市水务局
// （本级） and the units after it). The document must list units so in a table
// of codes, where a unit's rows are plain to see (its name, then its codes): a
// unit's own document names the unit (深圳市卫生健康委员会（本级）), which layout
// text may wrap before （本级） in a table without codes. The 三公 table's first
// row is only the department's first year.
func departmentTotals(doc *disclosure.Document) {
	dep := format.Fold(doc.Department)
	if dep == "" {
		return
	}
	// heads reports whether t opens with the department's row and lists another
	// row without a code after it (a unit, or a project where there are no
	// codes); with codes, that row must be followed by codes.
	heads := func(t *disclosure.Table, codes bool) bool {
		if t == nil || t.Kind == disclosure.SanGongTable || len(t.Rows) < 2 {
			return false
		}
		first := &t.Rows[0]
		if first.Code != "" || format.Fold(rowLabel(first, t)) != dep {
			return false
		}
		for i := 1; i < len(t.Rows); i++ {
			r := &t.Rows[i]
			l := format.Fold(rowLabel(r, t))
			if r.Code != "" || r.Kind == disclosure.TotalRow || l == "" || l == dep {
				continue
			}
			if !codes || i+1 < len(t.Rows) && t.Rows[i+1].Code != "" {
				return true
			}
		}
		return false
	}
	units := false
	for _, t := range doc.Tables {
		units = units || heads(t, true)
	}
	if !units {
		return
	}
	for _, t := range doc.Tables {
		if heads(t, false) {
			t.Rows[0].Kind = disclosure.TotalRow
		}
	}
}
