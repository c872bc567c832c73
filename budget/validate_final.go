package budget

import (
	"slices"
	"strings"

	"yusuan/classification"
	"yusuan/money"
)

// Actuals returns a copy of b whose line items carry their 决算数 as Amount, so that
// the sums of a 预算 (Sum, SplitOf, ByCode) give a 决算's figures. Units, projects
// and everything else are shared with b.
func (b *Budget) Actuals() *Budget {
	out := &Budget{
		Profile: b.Profile, Format: b.Format, Document: b.Document, Year: b.Year, Department: b.Department,
		Units: b.Units, Projects: b.Projects, Procurement: b.Procurement, CarryForward: b.CarryForward,
		LastYear: b.LastYear, Assets: b.Assets, Performance: b.Performance, Text: b.Text, Final: b.Final,
	}
	out.Items = make([]LineItem, len(b.Items))
	for i := range b.Items {
		out.Items[i] = b.Items[i]
		out.Items[i].Amount = b.Items[i].FinalAmount()
	}
	return out
}

// CarryBalance is one unit and fund's side of the carry-over identity of a 决算:
// 年初结转和结余 + 本年收入 + 使用非财政拨款结余 = 本年支出 + 结余分配 + 年末结转和结余.
type CarryBalance struct {
	Unit                                                string
	Fund                                                FundType
	In, Income, UseBalance, Spending, Distribution, Out money.Amount
}

// Gap is what the left side exceeds the right by; zero when the identity holds.
func (c CarryBalance) Gap() money.Amount {
	return c.In + c.Income + c.UseBalance - c.Spending - c.Distribution - c.Out
}

// CarryBalances adds up the carry-over identity of each unit and fund that has any
// figure, in the order of the units and of CarryFunds.
func (b *Budget) CarryBalances() []CarryBalance {
	type key struct {
		unit string
		fund FundType
	}
	m := map[key]*CarryBalance{}
	at := func(unit string, fund FundType) *CarryBalance {
		k := key{unit, fund}
		if m[k] == nil {
			m[k] = &CarryBalance{Unit: unit, Fund: fund}
		}
		return m[k]
	}
	for i := range b.Items {
		li := &b.Items[i]
		at(li.Unit, CarryFund(li.SourceFund())).Spending += li.FinalAmount()
	}
	if f := b.Final; f != nil {
		for _, in := range f.Income {
			at(in.Unit, CarryFund(in.Source)).Income += in.Amount
		}
		for _, c := range f.CarryIn {
			at(c.Unit, c.Fund).In += c.Amount
		}
		for _, c := range f.CarryOut {
			at(c.Unit, c.Fund).Out += c.Amount
		}
		for _, c := range f.Distribution {
			at(c.Unit, c.Fund).Distribution += c.Amount
		}
		for _, c := range f.UseBalance {
			at(c.Unit, c.Fund).UseBalance += c.Amount
		}
	}
	var out []CarryBalance
	seen := map[string]bool{}
	units := make([]string, 0, len(b.Units))
	for _, u := range b.Units {
		units = append(units, u.Code)
		seen[u.Code] = true
	}
	for k := range m {
		if !seen[k.unit] {
			seen[k.unit] = true
			units = append(units, k.unit)
		}
	}
	for _, u := range units {
		for _, f := range CarryFunds {
			if c := m[key{u, f}]; c != nil {
				out = append(out, *c)
			}
		}
	}
	return out
}

// final validates what a 部门决算 needs: the document kind, every line item's 决算数,
// the Final block's references and amounts, and the carry-over identity per unit
// and fund.
func (v *validator) final(b *Budget, units map[string]*Unit) {
	switch b.Document {
	case "", DocBudget, DocFinal:
	default:
		v.add(b.Department.Src, "公开文件", "公开文件应为“%s”或“%s”，实际为“%s”", DocBudget, DocFinal, b.Document)
		return
	}
	for i := range b.Items {
		li := &b.Items[i]
		if li.Final != nil && *li.Final < 0 {
			v.add(li.Src, "决算数", "决算数不能为负数，实际为 %s", li.Final)
		}
		if li.Adjusted != nil && *li.Adjusted < 0 {
			v.add(li.Src, "调整预算数", "调整预算数不能为负数，实际为 %s", li.Adjusted)
		}
	}
	if !b.IsFinal() {
		return
	}
	missing := 0
	for i := range b.Items {
		li := &b.Items[i]
		if li.Final != nil {
			continue
		}
		if missing++; missing <= 20 {
			v.add(li.Src, "决算数", "生成部门决算需要每条支出明细的决算数：本行（单位“%s”、功能科目“%s”、经济科目“%s”）没有填写决算数（没有支出请填 0）", li.Unit, li.Functional, li.Economic)
		}
	}
	if missing > 20 {
		v.add(b.Department.Src, "决算数", "另有 %d 条支出明细没有填写决算数", missing-20)
	}
	f := b.Final
	if f == nil {
		f = &Final{}
	}
	for i := range f.Income {
		in := &f.Income[i]
		v.unitRef(in.Src, units, in.Unit)
		if err := v.cat.Check(classification.Functional, in.Functional, "", 3); err != nil {
			v.add(in.Src, "功能科目", "%v", err)
		}
		if !in.Source.Valid() || in.Source == CarryOver {
			v.add(in.Src, "收入来源", "收入来源应为“上年结转”以外的%s之一，实际为“%s”", quoteAll(FundTypes), in.Source)
		}
		v.amount(in.Src, in.Amount)
	}
	for _, l := range f.CarryLists() {
		seen := map[string]*FinalCarry{}
		for i := range *l.List {
			c := &(*l.List)[i]
			v.unitRef(c.Src, units, c.Unit)
			if !slices.Contains(CarryFunds, c.Fund) {
				v.add(c.Src, "资金性质", "%s的资金性质应为%s之一，实际为“%s”", l.Label, quoteAll(CarryFunds), c.Fund)
			}
			if c.Amount < 0 {
				v.add(c.Src, "金额", "%s不能为负数，实际为 %s", l.Label, c.Amount)
			}
			if c.Functional != "" {
				if err := v.cat.Check(classification.Functional, c.Functional, "", 3); err != nil {
					v.add(c.Src, "功能科目", "%v", err)
				}
			}
			k := c.Unit + "\x00" + string(c.Fund) + "\x00" + c.Functional
			if first := seen[k]; first != nil {
				v.addJoint(c.Src, "", "%s与%s重复（同一单位、资金性质和功能科目），请合并为一行", l.Label, first.Src.Describe(""))
			}
			seen[k] = c
		}
	}
	for i := range f.SanGong {
		s := &f.SanGong[i]
		v.unitRef(s.Src, units, s.Unit)
		if !s.Fund.Fiscal() {
			v.add(s.Src, "资金性质", "“三公”经费的资金性质应为一般公共预算、政府性基金或国有资本经营，实际为“%s”", s.Fund)
		}
		if s.Abroad < 0 || s.Reception < 0 || s.CarPurchase < 0 || s.CarRunning < 0 {
			v.add(s.Src, "", "“三公”经费决算数不能为负数")
		}
	}
	v.fundCarries(b, f)
	for _, c := range b.CarryBalances() {
		if gap := c.Gap(); gap != 0 {
			v.addJoint(f.Src, "年末结转和结余", "单位“%s”的%s资金结转和结余不平衡：年初结转和结余 %s + 本年收入 %s + 使用非财政拨款结余 %s − 本年支出（决算数）%s − 结余分配 %s = %s，而年末结转和结余为 %s（相差 %s）",
				c.Unit, c.Fund, c.In, c.Income, c.UseBalance, c.Spending, c.Distribution, c.In+c.Income+c.UseBalance-c.Spending-c.Distribution, c.Out, gap)
		}
	}
	seen := map[string]bool{}
	for _, r := range f.Reasons {
		if err := v.cat.Check(classification.Functional, r.Code, "", 3); err != nil {
			v.add(r.Src, "功能科目", "%v", err)
		}
		if seen[r.Code] {
			v.add(r.Src, "功能科目", "功能科目“%s”的决算说明重复", r.Code)
		}
		seen[r.Code] = true
	}
	p := f.Performance
	if grades := p.Excellent + p.Good + p.Pass + p.Fail; grades != 0 && grades != p.Evaluated {
		v.add(p.Src, "绩效自评", "绩效评级为优、良、合格、不合格的项目共 %d 个，与绩效自评的项目 %d 个不一致", grades, p.Evaluated)
	}
	if p.Fixed+p.Fixing > p.Problems {
		v.add(p.Src, "发现问题", "已经完成整改的 %d 个和正在整改的 %d 个问题多于发现的问题 %d 个", p.Fixed, p.Fixing, p.Problems)
	}
	for _, n := range []int{p.Targets, p.Tracked, p.Evaluated, p.Excellent, p.Good, p.Pass, p.Fail, p.Problems, p.Fixed, p.Fixing} {
		if n < 0 {
			v.add(p.Src, "绩效", "项目和问题的个数不能为负数")
			break
		}
	}
	if s := strings.TrimSpace(p.Score); s != "" {
		if _, err := money.Parse(s, money.UnitYuan); err != nil {
			v.add(p.Src, "平均得分", "平均得分应为最多两位小数的数字，实际为“%s”", s)
		}
	}
	pr := f.Procurement
	for _, a := range []money.Amount{pr.Goods, pr.Works, pr.Services, pr.ReservedSME, pr.ReservedSmall, pr.AwardedSME, pr.AwardedSmall, pr.AwardedOther} {
		if a < 0 {
			v.add(pr.Src, "政府采购", "政府采购金额不能为负数")
			break
		}
	}
	if pr.ReservedSmall > pr.ReservedSME {
		v.add(pr.Src, "政府采购", "面向小微企业预留的 %s 超过面向中小企业预留的 %s（前者是后者的一部分）", pr.ReservedSmall, pr.ReservedSME)
	}
	ly := f.LastYear
	v.nonNegative(ly.Src, []labelled{{"上年收入支出总计", ly.Total}, {"上年财政拨款收入支出总计", ly.FiscalTotal},
		{"上年一般公共预算财政拨款支出", ly.GeneralSpending}, {"上年机关运行经费", ly.OfficeCost}})
	for i := range ly.SanGong {
		s := &ly.SanGong[i]
		v.unitRef(s.Src, units, s.Unit)
		if s.Abroad < 0 || s.Reception < 0 || s.CarPurchase < 0 || s.CarRunning < 0 {
			v.add(s.Src, "", "上年“三公”经费决算数不能为负数")
		}
	}
}

// fundCarries checks the carry-overs of 政府性基金 and 国有资本经营, which their
// 决算 tables print by functional code: each needs its code, and the identity holds
// for each unit, fund and code.
func (v *validator) fundCarries(b *Budget, f *Final) {
	type key struct {
		unit, code string
		fund       FundType
	}
	gap := map[key]money.Amount{}
	var order []key
	add := func(k key, a money.Amount) {
		if _, ok := gap[k]; !ok {
			order = append(order, k)
		}
		gap[k] += a
	}
	byCode := func(fund FundType) bool { return fund == GovFund || fund == StateCapital }
	for _, l := range []struct {
		list []FinalCarry
		sign money.Amount
	}{{f.CarryIn, 1}, {f.UseBalance, 1}, {f.Distribution, -1}, {f.CarryOut, -1}} {
		for i := range l.list {
			c := &l.list[i]
			if !byCode(c.Fund) {
				continue
			}
			if c.Functional == "" {
				v.add(c.Src, "功能科目", "%s的结转和结余需填写功能科目（决算表按科目列示）", c.Fund)
				continue
			}
			add(key{c.Unit, c.Functional, c.Fund}, l.sign*c.Amount)
		}
	}
	for _, in := range f.Income {
		if byCode(in.Source) {
			add(key{in.Unit, in.Functional, in.Source}, in.Amount)
		}
	}
	for i := range b.Items {
		li := &b.Items[i]
		if fund := li.SourceFund(); byCode(fund) {
			add(key{li.Unit, li.Functional, fund}, -li.FinalAmount())
		}
	}
	for _, k := range order {
		if g := gap[k]; g != 0 {
			v.addJoint(f.Src, "年末结转和结余", "单位“%s”%s资金在功能科目“%s”上不平衡：年初结转和结余 + 本年收入 − 本年支出（决算数）− 年末结转和结余 相差 %s", k.unit, k.fund, k.code, g)
		}
	}
}
