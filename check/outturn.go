package check

import (
	"yusuan/classification"
	"yusuan/disclosure"
)

// ReadOutturn derives the Outturn of a 决算 read from published files from what
// the document prints, and only that: each functional 项 the narrative states as
// 年初预算为A万元，支出决算为B万元 (at the precision printed), coded by the one row
// of table 5 bearing its names; and each 三公 item table 7 prints with both its
// 预算数 and 决算数. A figure not printed gives no row. It returns nil when the
// document is no 决算 or prints none of these.
func ReadOutturn(doc *disclosure.Document, opts Options) *disclosure.Outturn {
	c := newDoc(doc, opts)
	if !c.final() {
		return nil
	}
	o := &disclosure.Outturn{Read: true, Functional: c.readFunctional(), SanGong: c.readSanGong()}
	if len(o.Functional) == 0 && len(o.SanGong) == 0 {
		return nil
	}
	return o
}

// readFunctional are the narrative's 项 with their printed budget and actual; a
// 项 stated twice, or whose code cannot be told, is left out.
func (c *Doc) readFunctional() []disclosure.OutturnRow {
	v := c.tables[disclosure.GPFunctionalTable]
	if v == nil {
		return nil
	}
	var out []disclosure.OutturnRow
	seen := map[string]bool{}
	twice := map[string]bool{}
	for _, g := range c.segments() {
		items := map[int]bool{}
		for _, f := range execFigures(g) {
			if !f.inItem || items[f.itemNumber] || len(f.itemName) != 3 || f.itemName[2] == "" {
				continue
			}
			items[f.itemNumber] = true // the item's first statement is its own
			r := findItemRow(v, f.itemName)
			if r < 0 {
				continue
			}
			code := v.T.Rows[r].Code
			if seen[code] {
				twice[code] = true
				continue
			}
			seen[code] = true
			name := v.Text(r, "name")
			if name == "" {
				name = f.itemName[2]
			}
			out = append(out, disclosure.OutturnRow{Code: code, Name: name, Budget: f.budget, Final: f.actual})
		}
	}
	kept := out[:0]
	for _, r := range out {
		if !twice[r.Code] {
			kept = append(kept, r)
		}
	}
	return kept
}

// readSanGong are the 三公 items whose 预算数 and 决算数 table 7 both prints.
func (c *Doc) readSanGong() []disclosure.OutturnRow {
	v := c.tables[disclosure.SanGongTable]
	if v == nil {
		return nil
	}
	r := TopRow(v)
	if len(v.body) == 1 {
		r = 0
	}
	if r < 0 {
		return nil
	}
	var out []disclosure.OutturnRow
	for _, it := range classification.SanGong {
		if !v.Has(it.Key) || !v.Has("budget."+it.Key) {
			continue
		}
		final, ok1 := v.Amount(r, it.Key)
		budget, ok2 := v.Amount(r, "budget."+it.Key)
		if !ok1 || !ok2 {
			continue
		}
		out = append(out, disclosure.OutturnRow{Code: it.Key, Name: it.Name, Budget: budget, Final: final})
	}
	return out
}
