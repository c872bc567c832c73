package check

import (
	"fmt"

	"yusuan/disclosure"
	"yusuan/money"
)

// basicSplit: where the 收支总表 splits 基本支出 into 人员经费 and 公用经费 (the
// unit-budget format), its split is the economic table's: the 人员经费 and 公用经费
// of the 基本支出 table's total row. The two are compared only when they
// cover the same money (their 人员经费 + 公用经费 are equal): a split that differs
// then differs by the same amount each way, money put under the wrong heading.
func (c *Doc) basicSplit() {
	s := c.tables[disclosure.SummaryTable]
	if s == nil || !s.Has("personnel") || !s.Has("public") {
		return
	}
	r := s.FindRow("spending_item", "本年支出合计", "本年支出")
	if r < 0 {
		r = s.FindRow("spending_item", "支出总计")
	}
	sp, ok1 := s.Amount(r, "personnel")
	su, ok2 := s.Amount(r, "public")
	if r < 0 || !ok1 || !ok2 {
		return
	}
	for _, kind := range []disclosure.TableKind{disclosure.BasicTable, disclosure.GPBasicTable, disclosure.FiscalBasicTable} {
		e := c.tables[kind]
		top := TopRow(e)
		if top < 0 || !e.Has("personnel") || !e.Has("public") {
			continue
		}
		ep, ok1 := e.Amount(top, "personnel")
		eu, ok2 := e.Amount(top, "public")
		// Each figure at its own table's printed precision: tables printed alike
		// must agree exactly; a table in whole 元 against one in 万元 within a
		// last place of the coarser one.
		slack := money.Amount(0)
		if s.step != e.step {
			slack = max(s.step, e.step)
		}
		if !ok1 || !ok2 || (ep+eu-sp-su).Abs() > slack {
			continue
		}
		if (ep - sp).Abs() > slack {
			c.Add(Finding{Rule: "X-08", Severity: Error, Location: s.AtNamed(r, "personnel", "spending_item"),
				Expected: ep.Format(s.Unit), Actual: sp.Format(s.Unit), Difference: (sp - ep).Format(s.Unit),
				Message: fmt.Sprintf("基本支出中人员经费为 %s、公用经费为 %s，%s为 %s 和 %s，两者各差 %s", sp.Format(s.Unit), su.Format(s.Unit), e.Label, ep.Format(e.Unit), eu.Format(e.Unit), (sp - ep).Abs().Format(s.Unit))})
		}
		return
	}
}
