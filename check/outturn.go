package check

import (
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/money"
)

// ReadOutturn derives the Outturn of a 决算 read from published files from what
// the document prints, and only that: every 类, 款 and 项 of the 一般公共预算财政
// 拨款支出决算表 (table 5) with its 决算数, a 项 bearing its 年初预算 when the
// narrative states it as 年初预算为A万元，支出决算为B万元 (at the precision printed);
// every 类 and 款 of the 基本支出决算表 (table 6) with its 决算数 and no budget; and
// each 三公 item table 7 prints with both its 预算数 and 决算数. A figure not
// printed, or a code printed twice, gives no row. It returns nil when the
// document is no 决算 or prints none of these.
func ReadOutturn(doc *disclosure.Document, opts Options) *disclosure.Outturn {
	c := newDoc(doc, opts)
	if !c.final() {
		return nil
	}
	o := &disclosure.Outturn{Read: true, Economic: c.readEconomic(), SanGong: c.readSanGong()}
	o.Functional, o.FunctionalTotal = c.readFunctional()
	if len(o.Functional) == 0 && len(o.Economic) == 0 && len(o.SanGong) == 0 {
		return nil
	}
	return o
}

// readFunctional are the rows of table 5 with their 决算数, each 项 with the
// 年初预算 the narrative states for it, and the 合计 the table prints (nil when it
// prints none, or no rows are read).
func (c *Doc) readFunctional() ([]disclosure.OutturnRow, *money.Amount) {
	v := c.tables[disclosure.GPFunctionalTable]
	if v == nil {
		return nil, nil
	}
	budgets := c.statedBudgets(v)
	var rows []disclosure.OutturnRow
	for r, row := range v.T.Rows {
		final, ok := v.Amount(r, "total")
		if classification.LevelOf(row.Code) == 0 || !ok {
			continue
		}
		rows = append(rows, disclosure.OutturnRow{Code: row.Code, Name: v.Text(r, "name"), Budget: budgets[row.Code], Final: final})
	}
	rows = once(rows)
	if len(rows) == 0 {
		return nil, nil
	}
	if r := TopRow(v); r >= 0 && v.T.Rows[r].Code == "" {
		if total, ok := v.Amount(r, "total"); ok {
			return rows, &total
		}
	}
	return rows, nil
}

// statedBudgets are the 年初预算 of the 项 the narrative states, by the code of
// table 5's one row bearing the 项's names; a 项 stated twice, or whose code
// cannot be told, has none.
func (c *Doc) statedBudgets(v *View) map[string]*money.Amount {
	out := map[string]*money.Amount{}
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
			if out[code] != nil {
				twice[code] = true
				continue
			}
			out[code] = &f.budget
		}
	}
	for code := range twice {
		delete(out, code)
	}
	return out
}

// readEconomic are the 类 and 款 of the 基本支出决算表 with their 决算数, from every
// half whose codes all read as codes (readHalves).
func (c *Doc) readEconomic() []disclosure.OutturnRow {
	v := c.tables[disclosure.GPBasicTable]
	if v == nil {
		return nil
	}
	var rows []disclosure.OutturnRow
	for _, h := range readHalves(v) {
		for _, it := range h.items {
			if final, ok := v.Amount(it.r, "total"+h.sfx); ok {
				rows = append(rows, disclosure.OutturnRow{Code: it.code, Name: it.name, Final: final})
			}
		}
	}
	return once(rows)
}

// once leaves out the rows of a code that comes more than once: which of its
// figures is the code's cannot be told.
func once(rows []disclosure.OutturnRow) []disclosure.OutturnRow {
	n := map[string]int{}
	for _, r := range rows {
		n[r.Code]++
	}
	kept := rows[:0]
	for _, r := range rows {
		if n[r.Code] == 1 {
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
		out = append(out, disclosure.OutturnRow{Code: it.Key, Name: it.Name, Budget: &budget, Final: final})
	}
	return out
}
