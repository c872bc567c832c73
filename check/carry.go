package check

import (
	"yusuan/disclosure"
	"yusuan/format"
	"yusuan/money"
)

// The identities of a 决算's carry-overs: what a department had at the start of the
// year and received during it is what it spent, distributed and kept for the next
// (BAL-04, tables 1 and 4); each fund table's rows carry over alike (BAL-05); and
// the tables that restate table 1's totals restate them.

// final reports whether the document is a 决算 (final accounts).
func (c *Doc) final() bool { return format.IsFinal(c.doc.Kind) }

// finalClassTails is the rounding a 决算's code table may carry in a 类:
// the code tables add up rounded 项 where table 1 rounds the 类, so a 类 may
// differ by half a unit for each of its n 项 and itself.
func finalClassTails(v *View, code string) int {
	if len(code) != 3 {
		return 0
	}
	n := 0
	for _, row := range v.T.Rows {
		if len(row.Code) == 7 && row.Code[:3] == code {
			n++
		}
	}
	return n + 1
}

// carryOver runs the 决算's carry-over rules.
func (c *Doc) carryOver() {
	if !c.final() {
		return
	}
	c.summaryCarry()
	c.fiscalCarry()
	for _, k := range []disclosure.TableKind{disclosure.GovFundTable, disclosure.StateCapitalTable} {
		c.fundCarry(c.tables[k])
	}
	c.restatedTotals()
	c.finalSanGongSums()
}

// finalSanGongSums: the 三公 table of a 决算 prints each part's 预算数 beside its
// 决算数; each of the two adds up alike (SUM-03): 合计 = 因公出国（境）费 + 公务用车
// 购置及运行费 + 公务接待费, 公务用车购置及运行费 = 购置费 + 运行费.
func (c *Doc) finalSanGongSums() {
	v := c.tables[disclosure.SanGongTable]
	if v == nil {
		return
	}
	for _, stage := range []string{"", "budget."} {
		if !v.Has(stage+"total") || !v.Has(stage+"abroad") || !v.Has(stage+"reception") || !v.Has(stage+"car") {
			continue
		}
		name := "决算数"
		if stage != "" {
			name = "预算数"
		}
		for r := range v.body {
			total, ok := v.Amount(r, stage+"total")
			if !ok {
				continue
			}
			abroad, _ := v.Amount(r, stage+"abroad")
			reception, _ := v.Amount(r, stage+"reception")
			car, _ := v.Amount(r, stage+"car")
			c.Balance("SUM-03", v.At(r, stage+"total"), v.Unit, "“三公”经费合计（"+name+"）", total, abroad, reception, car)
			if v.Has(stage+"car_purchase") && v.Has(stage+"car_running") {
				purchase, _ := v.Amount(r, stage+"car_purchase")
				running, _ := v.Amount(r, stage+"car_running")
				c.Balance("SUM-03", v.At(r, stage+"car"), v.Unit, "公务用车购置及运行费（"+name+"）", car, purchase, running)
			}
		}
	}
}

// sideRow finds a row of one side of a two-sided table by its item's name, with or
// without its numbering; -1 when the side prints none of the names.
func sideRow(v *View, key string, names ...string) int {
	return v.findNumberedRow(key, names...)
}

// sideAmount is the amount of a side's row found by name: zero, and still true,
// for an optional row the table does not print.
func sideAmount(v *View, key, amt string, optional bool, names ...string) (money.Amount, bool) {
	r := sideRow(v, key, names...)
	if r < 0 {
		return 0, optional
	}
	return v.Amount(r, amt)
}

var (
	carryInNames   = []string{"年初结转和结余"}
	carryOutNames  = []string{"年末结转和结余"}
	useNames       = []string{"使用非财政拨款结余（含专用结余）", "使用非财政拨款结余", "用事业基金弥补收支差额"}
	distNames      = []string{"结余分配"}
	incomeNames    = []string{"本年收入合计"}
	spendingNames  = []string{"本年支出合计"}
	totalNames     = []string{"总计"}
	fiscalInNames  = []string{"年初财政拨款结转和结余"}
	fiscalOutNames = []string{"年末财政拨款结转和结余"}
	fundNames      = []string{"一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"}
)

// summaryCarry: table 1's 总计 is 年初结转和结余 + 本年收入合计 + 使用非财政拨款结余 on
// the income side and 本年支出合计 + 结余分配 + 年末结转和结余 on the spending side.
func (c *Doc) summaryCarry() {
	v := c.tables[disclosure.SummaryTable]
	if v == nil || !v.Has("income_item") || !v.Has("spending_item") {
		return
	}
	if r := sideRow(v, "income_item", totalNames...); r >= 0 {
		total, ok1 := v.Amount(r, "income")
		in, ok2 := sideAmount(v, "income_item", "income", false, carryInNames...)
		this, ok3 := sideAmount(v, "income_item", "income", false, incomeNames...)
		use, ok4 := sideAmount(v, "income_item", "income", true, useNames...)
		if ok1 && ok2 && ok3 && ok4 {
			c.Balance("BAL-04", v.AtNamed(r, "income", "income_item"), v.Unit,
				"收入总计（年初结转和结余＋本年收入合计＋使用非财政拨款结余）", total, in, this, use)
		}
	}
	if r := sideRow(v, "spending_item", totalNames...); r >= 0 {
		total, ok1 := v.Amount(r, "spending")
		this, ok2 := sideAmount(v, "spending_item", "spending", false, spendingNames...)
		dist, ok3 := sideAmount(v, "spending_item", "spending", true, distNames...)
		out, ok4 := sideAmount(v, "spending_item", "spending", false, carryOutNames...)
		if ok1 && ok2 && ok3 && ok4 {
			c.Balance("BAL-04", v.AtNamed(r, "spending", "spending_item"), v.Unit,
				"支出总计（本年支出合计＋结余分配＋年末结转和结余）", total, this, dist, out)
		}
	}
}

// fiscalCarry: table 4's 总计 is 本年收入合计 + 年初财政拨款结转和结余 and 本年支出合计 +
// 年末财政拨款结转和结余, and the 年初 figure is the sum of the funds listed under it.
func (c *Doc) fiscalCarry() {
	v := c.tables[disclosure.FiscalSummaryTable]
	if v == nil || !v.Has("income_item") || !v.Has("spending_item") {
		return
	}
	in := sideRow(v, "income_item", fiscalInNames...)
	if r := sideRow(v, "income_item", totalNames...); r >= 0 && in >= 0 {
		total, ok1 := v.Amount(r, "income")
		this, ok2 := sideAmount(v, "income_item", "income", false, incomeNames...)
		carry, ok3 := v.Amount(in, "income")
		if ok1 && ok2 && ok3 {
			c.Balance("BAL-04", v.AtNamed(r, "income", "income_item"), v.Unit,
				"收入总计（本年收入合计＋年初财政拨款结转和结余）", total, this, carry)
		}
		// The funds listed under 年初财政拨款结转和结余, up to 总计.
		var parts []money.Amount
		for k := in + 1; k < r; k++ {
			name := ordinal.ReplaceAllString(v.Text(k, "income_item"), "")
			if !contains(fundNames, name) {
				continue
			}
			if a, ok := v.Amount(k, "income"); ok {
				parts = append(parts, a)
			}
		}
		if len(parts) > 0 && ok3 {
			c.Balance("BAL-04", v.AtNamed(in, "income", "income_item"), v.Unit, "年初财政拨款结转和结余（各项资金之和）", carry, parts...)
		}
	}
	if r := sideRow(v, "spending_item", totalNames...); r >= 0 {
		total, ok1 := v.Amount(r, "spending")
		this, ok2 := sideAmount(v, "spending_item", "spending", false, spendingNames...)
		out, ok3 := sideAmount(v, "spending_item", "spending", false, fiscalOutNames...)
		if ok1 && ok2 && ok3 {
			c.Balance("BAL-04", v.AtNamed(r, "spending", "spending_item"), v.Unit,
				"支出总计（本年支出合计＋年末财政拨款结转和结余）", total, this, out)
		}
	}
}

// fundCarry: in a fund table, each row's 年初结转和结余 + 本年收入 − 本年支出 is its
// 年末结转和结余.
func (c *Doc) fundCarry(v *View) {
	if v == nil || !v.Has("carry") || !v.Has("income") || !v.Has("spending") || !v.Has("carry_next") {
		return
	}
	for r := range v.body {
		out, ok1 := v.Amount(r, "carry_next")
		in, ok2 := v.Amount(r, "carry")
		income, ok3 := v.Amount(r, "income")
		spent, ok4 := v.Amount(r, "spending")
		if ok1 && ok2 && ok3 && ok4 {
			c.Balance("BAL-05", v.At(r, "carry_next"), v.Unit, "年末结转和结余（年初结转和结余＋本年收入－本年支出）", out, in, income, -spent)
		}
	}
}

// restatedTotals: tables 2 and 3 restate table 1's 本年收入合计 and 本年支出合计,
// table 2's 财政拨款收入 is table 4's 本年收入合计, and table 4's carry-overs, the
// fiscal part of table 1's, are no greater than them.
func (c *Doc) restatedTotals() {
	s1, s4 := c.tables[disclosure.SummaryTable], c.tables[disclosure.FiscalSummaryTable]
	side := func(v *View, item, amt string, names []string) (money.Amount, bool) {
		if v == nil || !v.Has(item) {
			return 0, false
		}
		r := sideRow(v, item, names...)
		if r < 0 {
			return 0, false
		}
		return v.Amount(r, amt)
	}
	total := func(kind disclosure.TableKind, key string) (money.Amount, Location, bool) {
		v := c.tables[kind]
		r := TopRow(v)
		if r < 0 || !v.Printed(r, key) {
			return 0, Location{}, false
		}
		a, ok := v.Amount(r, key)
		return a, v.At(r, key), ok
	}
	label := func(v *View) string { return v.Label }
	if want, ok := side(s1, "income_item", "income", incomeNames); ok {
		if got, loc, ok := total(disclosure.IncomeTable, "total"); ok {
			c.Equal("X-09", loc, c.tables[disclosure.IncomeTable].Unit, "合计（与"+label(s1)+"本年收入合计对照）", want, got, 0)
		}
	}
	if want, ok := side(s1, "spending_item", "spending", spendingNames); ok {
		if got, loc, ok := total(disclosure.SpendingTable, "total"); ok {
			c.Equal("X-09", loc, c.tables[disclosure.SpendingTable].Unit, "合计（与"+label(s1)+"本年支出合计对照）", want, got, 0)
		}
	}
	if want, ok := side(s4, "income_item", "income", incomeNames); ok {
		if got, loc, ok := total(disclosure.IncomeTable, "fiscal"); ok {
			c.Equal("X-09", loc, c.tables[disclosure.IncomeTable].Unit, "财政拨款收入（与"+label(s4)+"本年收入合计对照）", want, got, 0)
		}
	}
	for _, p := range []struct {
		item, amt, what string
		fiscal, all     []string
	}{
		{"income_item", "income", "年初财政拨款结转和结余", fiscalInNames, carryInNames},
		{"spending_item", "spending", "年末财政拨款结转和结余", fiscalOutNames, carryOutNames},
	} {
		part, ok1 := side(s4, p.item, p.amt, p.fiscal)
		whole, ok2 := side(s1, p.item, p.amt, p.all)
		if ok1 && ok2 && part > whole {
			r := sideRow(s4, p.item, p.fiscal...)
			u := s4.Unit
			c.Add(Finding{Rule: "X-09", Severity: Error, Location: s4.AtNamed(r, p.amt, p.item),
				Expected: "≤ " + whole.Format(u), Actual: part.Format(u), Difference: (part - whole).Format(u),
				Message: p.what + "为 " + part.Format(u) + "，是" + s1.Label + "中结转和结余的财政拨款部分，不应大于其 " + whole.Format(u)})
		}
	}
}
