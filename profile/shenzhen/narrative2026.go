package shenzhen

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"yusuan/budget"
	"yusuan/disclosure"
	"yusuan/format"
	"yusuan/money"
)

// document2026 builds the city format of 2026: nine parts and eleven tables, worded
// as the departments' documents of ../shared/corpus/shenzhen-2026 (深圳市财政局（本级）
// above all).
func (d *deriver) document2026(f *format.Format) *disclosure.Document {
	doc := &disclosure.Document{
		Profile:     "shenzhen",
		Format:      f.ID,
		FormatLabel: f.Label,
		Kind:        "部门预算",
		Year:        d.b.Year,
		Department:  d.b.Department.Name,
		Subject:     d.subject,
		Title:       fmt.Sprintf("%d年%s部门预算", d.b.Year, d.subject),
		Unit:        money.UnitWan,
	}
	doc.Tables = d.tables2026()
	doc.Parts = []disclosure.Part{
		d.overview2026(),
		d.totals2026(),
		d.spending2026(),
		d.procurement(),
		d.sanGong2026(),
		d.performance2026(),
		d.keyProjects2026(),
		d.other2026(),
		d.glossary(glossary2026),
	}
	return doc
}

// self is how the document calls its publisher: 本单位 for a department of one unit,
// 本部门 for one of several.
func (d *deriver) self() string {
	if len(d.b.Units) == 1 {
		return "本单位"
	}
	return "本部门"
}

// lastBudget names what 2026 compares with: last year's 年初预算.
func (d *deriver) lastBudget() string { return fmt.Sprintf("%d年年初预算", d.b.Year-1) }

// change2026 describes this year against last year's 年初预算: "较2025年年初预算减少
// 16,640.31万元，下降30.8%", "与2025年年初预算持平"; withPct false leaves the percentage
// out, as the 三公 part does.
func (d *deriver) change2026(this, last money.Amount, withPct bool) string {
	diff := this - last
	if diff.Hundredths(money.UnitWan) == 0 {
		return "与" + d.lastBudget() + "持平"
	}
	verb, pct := "增加", "增长"
	if diff < 0 {
		verb, pct = "减少", "下降"
	}
	s := fmt.Sprintf("较%s%s%s", d.lastBudget(), verb, wan(diff.Abs()))
	if t, ok := money.Percent(this, last); ok && withPct && printedBase(this, last) {
		if t < 0 {
			t = -t
		}
		s += fmt.Sprintf("，%s%s", pct, money.FormatTenths(t))
	}
	return s
}

func (d *deriver) overview2026() disclosure.Part {
	return d.overviewWith("二、机构编制", func(i int, g string, _ bool) disclosure.Block {
		return item("%d.%s", i+1, sentence(g))
	})
}

func (d *deriver) totals2026() disclosure.Part {
	b := d.b
	income := b.Sum(budget.All) + d.carriedForward(anyUnit, "")
	spending := income
	p := disclosure.Part{Number: 2, Title: "部门预算收支总体情况"}
	p.Blocks = append(p.Blocks,
		para("%s%s部门预算收入%s，%s。", d.year(), d.subject, wan(income), d.change2026(income, b.LastYear.Income, true)),
		para("%s%s部门预算支出%s，%s。", d.year(), d.subject, wan(spending), d.change2026(spending, b.LastYear.Expenditure, true)))
	if r := strings.TrimSpace(b.Text.ChangeReason); r != "" {
		word := "增加"
		if diff := (spending - b.LastYear.Expenditure).Hundredths(money.UnitWan); diff < 0 {
			word = "减少"
		} else if diff == 0 {
			word = "变化"
		}
		p.Blocks = append(p.Blocks, para("预算收支%s主要原因说明：%s", word, sentence(r)))
	}
	return p
}

// unitSpending is one unit's spending as part 3 names it.
type unitSpending struct {
	total, staff, public, family, growth, project money.Amount
	operating, subsidy, remit                     money.Amount
}

// spendingOf sums the items as part 3 names them: 在职人员经费 (301), 公用经费,
// 对个人和家庭的补助支出 (303), 增人增资 (personnel marked as such), 项目支出 and the
// institutions' own kinds.
func spendingOf(items []*budget.LineItem) unitSpending {
	var s unitSpending
	for _, li := range items {
		s.total += li.Amount
		switch {
		case li.StaffGrowth:
			s.growth += li.Amount
		case li.Kind.Basic() && strings.HasPrefix(li.Economic, "301"):
			s.staff += li.Amount
		case li.Kind.Basic() && strings.HasPrefix(li.Economic, "303"):
			s.family += li.Amount
		case li.Kind.Basic():
			s.public += li.Amount
		case li.Kind == budget.OperatingSp:
			s.operating += li.Amount
		case li.Kind == budget.SubsidySp:
			s.subsidy += li.Amount
		case li.Kind == budget.RemitSp:
			s.remit += li.Amount
		default:
			s.project += li.Amount
		}
	}
	return s
}

// spendingLine is one kind of spending of part 3: its name in the opening sentence,
// its amount, and what follows the amount in its own paragraph.
type spendingLine struct {
	name, lead string
	amount     money.Amount
	note       string
	always     bool
}

func (d *deriver) spending2026() disclosure.Part {
	p := disclosure.Part{Number: 3, Title: "部门预算支出具体情况"}
	visible, classified := d.visibleUnits()
	n := 0
	for _, u := range visible {
		n++
		p.Blocks = append(p.Blocks, heading(disclosure.ChineseNumber(n)+"、"+u.Name))
		p.Blocks = append(p.Blocks, d.unitSpending2026(u)...)
	}
	if classified > 0 {
		n++
		hidden := func(li *budget.LineItem) bool { return d.ix.units[li.Unit].Classified }
		p.Blocks = append(p.Blocks, heading(disclosure.ChineseNumber(n)+"、涉密单位"),
			para("涉密单位%d家，预算%s，按要求不予公开。", classified, wan(d.b.Sum(hidden))))
	}
	return p
}

// unitSpending2026 is one unit's section of part 3.
func (d *deriver) unitSpending2026(u budget.Unit) []disclosure.Block {
	t := d.b.Text
	s := spendingOf(d.ix.unitItems[u.Code])
	lines := []spendingLine{
		{"在职人员经费", "在职人员经费", s.staff, "主要是" + orDefault(t.PersonnelNote, "在职人员工资福利和社保缴费等相关支出"), true},
		{"公用经费", "公用经费", s.public, "主要包括" + orDefault(t.PublicNote, "公用综合定额经费、水电费、物业管理费、工会经费和职工福利费等公用经费"), true},
		{"对个人和家庭的补助支出", "对个人和家庭补助支出", s.family, "主要是" + orDefault(t.FamilyNote, "离退休人员经费"), true},
		{"增人增资", "增人增资", s.growth, "主要用于满足单位在预算执行中的增人及晋级增资、伤残及死亡抚恤金、丧葬费需求", false},
		{"事业单位经营支出", "事业单位经营支出", s.operating, "", false},
		{"对附属单位补助支出", "对附属单位补助支出", s.subsidy, "", false},
		{"上缴上级支出", "上缴上级支出", s.remit, "", false},
	}
	var shown []spendingLine
	for _, l := range lines {
		if l.always || l.amount != 0 {
			shown = append(shown, l)
		}
	}
	var names []string
	for _, l := range shown {
		names = append(names, l.name+wan(l.amount))
	}
	names = append(names, "项目支出"+wan(s.project))
	blocks := []disclosure.Block{para("%s预算%s，包括%s。", u.Name, wan(s.total), strings.Join(names, "、"))}
	for i, l := range shown {
		text := fmt.Sprintf("（%s）%s%s", disclosure.ChineseNumber(i+1), l.lead, wan(l.amount))
		blocks = append(blocks, para("%s", clause(text, l.note)))
	}
	projectsHead := fmt.Sprintf("（%s）项目支出%s", disclosure.ChineseNumber(len(shown)+1), wan(s.project))
	var items []disclosure.Block
	secret := 0
	var secretSum money.Amount
	for _, pr := range d.b.Projects {
		if pr.Unit != u.Code {
			continue
		}
		amount := d.ix.projectAmount[pr.Code]
		if d.projectHidden(pr) {
			secret++
			secretSum += amount
			continue
		}
		items = append(items, item("%d.%s%s%s", len(items)+1, pr.DisplayName(), wan(amount), purpose2026(pr.Purpose)))
	}
	if secret > 0 {
		items = append(items, item("%d.涉密项目%d个，共%s，按要求不予公开。", len(items)+1, secret, wan(secretSum)))
	}
	if len(items) == 0 {
		return append(blocks, para("%s。", projectsHead))
	}
	return append(append(blocks, para("%s，具体包括：", projectsHead)), items...)
}

// purpose2026 words a project's purpose after its amount: as the department wrote it
// when it starts as the documents' purposes do (主要用于、主要包括：、为……), else after
// 主要用于.
func purpose2026(purpose string) string {
	p := strings.TrimSpace(purpose)
	if p == "" {
		return "。"
	}
	for _, lead := range []string{"主要", "用于", "为", "包括", "是", "含"} {
		if strings.HasPrefix(p, lead) {
			return "，" + sentence(p)
		}
	}
	return "，主要用于" + sentence(p)
}

func (d *deriver) sanGong2026() disclosure.Part {
	this, last := d.sanGongTotals()
	r := d.b.Text.SanGong
	p := disclosure.Part{Number: 5, Title: "财政拨款“三公”经费预算情况"}
	figure := func(a, l money.Amount) string {
		return fmt.Sprintf("%s预算数%s，%s", d.year(), wan(a), d.change2026(a, l, false))
	}
	p.Blocks = append(p.Blocks,
		para("%s", clause(fmt.Sprintf("%s财政拨款“三公”经费预算%s，%s", d.year(), wan(this.Total()), d.change2026(this.Total(), last.Total(), false)), r.Total)),
		item("1.因公出国（境）费用。%s", clause(figure(this.Abroad, last.Abroad), r.Abroad)),
		item("2.公务接待费。%s", clause(figure(this.Reception, last.Reception), r.Reception)),
		item("3.公务用车购置和运行维护费。%s预算数%s，其中：", d.year(), wan(this.Car())),
		para("公务用车购置费%s", strings.TrimSuffix(clause(figure(this.CarPurchase, last.CarPurchase), r.CarPurchase), "。")+"；"),
		para("公务用车运行维护费%s", clause(figure(this.CarRunning, last.CarRunning), r.CarRunning)),
	)
	return p
}

func (d *deriver) performance2026() disclosure.Part {
	scope := d.unitScope()
	p := disclosure.Part{Number: 6, Title: "部门预算绩效管理情况"}
	p.Blocks = append(p.Blocks,
		heading("一、实施部门预算绩效管理的单位范围"),
		para("%s实施部门预算绩效管理的单位范围包括：%s共%d家基层单位，均已编制整体支出绩效目标，按要求开展部门整体绩效自评。",
			d.subject, scope, len(d.b.Units)),
		heading("二、实施部门预算绩效管理的项目情况及工作要求"),
		para("%d年%s所有项目支出预算纳入部门预算绩效管理，涉及预算资金%s，设置并编报%d个项目绩效目标。相关项目在执行时需在年中（8月底前）编报绩效监控情况，并在年度预算执行完毕或项目完成后，按要求开展绩效自评，并在单位自评的基础上选择重点项目开展部门评价。",
			d.b.Year, d.subject, wan(d.b.Sum(budget.OfKind(budget.ProjectSp))), d.projectsWithTargets()),
	)
	return p
}

// keyProjects2026 lists the projects with targets, largest first, under their unit.
func (d *deriver) keyProjects2026() disclosure.Part {
	t := newKeyProjectTable([]disclosure.Column{
		{Key: "unit", Kind: disclosure.TextCol, Width: 18},
		{Key: "project", Kind: disclosure.TextCol, Width: 16},
		{Key: "total", Kind: disclosure.AmountCol, Width: 16},
		{Key: "target", Kind: disclosure.TextCol, Width: 36},
	}, "二级预算单位名称", "一级项目名称", "预算数（万元）", "绩效目标")
	type keyProject struct {
		p      budget.Project
		amount money.Amount
	}
	var list []keyProject
	hidden := false
	for _, pr := range d.b.Projects {
		if d.projectHidden(pr) {
			hidden = true
			continue
		}
		if strings.TrimSpace(pr.Target) == "" {
			continue
		}
		list = append(list, keyProject{pr, d.ix.projectAmount[pr.Code]})
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].amount > list[j].amount })
	for _, k := range list {
		t.Rows = append(t.Rows, disclosure.Row{Cells: []disclosure.Cell{T(d.b.Unit(k.p.Unit).Name), T(k.p.DisplayName()), A(k.amount), T(k.p.Target)}})
	}
	note := "备注：无。"
	if hidden {
		note = "备注：涉密项目按要求不予公开。"
	}
	return d.keyProjectsPart(t, d.self(), note)
}

// officeCodes are the economic codes whose money is 机关运行经费, as the Shenzhen
// 名词解释 lists them (办公费 … 其他交通工具购置).
var officeCodes = budget.EconomicClass("30201", "30202", "30205", "30206", "30207", "30208", "30209", "30211", "30212", "30213",
	"30214", "30215", "30216", "30217", "30218", "30224", "30231", "30239", "30307", "31002", "31003", "31007", "31013", "31019")

// officeCost2026 is this year's 机关运行经费 as the 2026 documents state it: the
// 一般公共预算 money, basic or project, of 行政 and 参公 units on the office codes.
func (d *deriver) officeCost2026() (money.Amount, bool) {
	return d.b.Sum(func(li *budget.LineItem) bool {
		u := d.ix.units[li.Unit]
		return u != nil && u.Kind.RunsOffice() && li.SourceFund() == budget.GeneralPublic && officeCodes(li)
	}), d.runsOffice()
}

func (d *deriver) other2026() disclosure.Part {
	b := d.b
	p := disclosure.Part{Number: 8, Title: "其他需要说明情况"}
	p.Blocks = append(p.Blocks, heading("一、机关运行经费"))
	if cost, runs := d.officeCost2026(); runs {
		text := fmt.Sprintf("%s%s机关运行经费财政拨款预算%s，%s。", d.year(), d.self(), wan(cost), d.change2026(cost, b.LastYear.OfficeCost, true))
		if r := strings.TrimSpace(b.Text.OfficeCostReason); r != "" {
			if !strings.HasPrefix(r, "主要") {
				r = "主要是" + r
			}
			text += sentence(r)
		}
		p.Blocks = append(p.Blocks, para("%s", text))
	} else {
		p.Blocks = append(p.Blocks, para("%s所属单位均为事业单位，不安排机关运行经费。", d.self()))
	}

	p.Blocks = append(p.Blocks, heading("二、国有资产占用情况"))
	total, parts := d.vehicles()
	asOf := b.Assets.AsOf
	if asOf == "" {
		asOf = fmt.Sprintf("%d年底", b.Year-1)
	}
	p.Blocks = append(p.Blocks,
		para("截至%s，%s共有车辆%d辆，其中：%s；单价100万元以上设备%d台（套）。", asOf, d.subject, total, strings.Join(parts, "、"), b.Assets.Equipment),
		para("%s计划购置%s；%s。", d.year(), d.plannedVehicles(), d.plannedEquipment()))

	p.Blocks = append(p.Blocks, heading("三、其他"))
	absent := d.absentFunds()
	for _, a := range b.Text.AlsoAbsent {
		if !slices.Contains(absent, a) {
			absent = append(absent, a)
		}
	}
	if len(absent) > 0 {
		p.Blocks = append(p.Blocks, para("%s无%s。", d.self(), listOf(absent)))
	}
	p.Blocks = append(p.Blocks, para("%s预算金额单位转换时可能存在尾数误差。", d.self()))
	return p
}

// plannedVehicles words the vehicles to buy: how many, what they cost (the car
// purchase codes of the year), and of which types.
func (d *deriver) plannedVehicles() string {
	a := d.b.Assets
	cost := d.b.Sum(carPurchaseCodes)
	if a.PlannedVehicles == 0 {
		return fmt.Sprintf("车辆0辆、%s，主要是%s无计划购置车辆", wan(cost), d.self())
	}
	s := fmt.Sprintf("车辆%d辆、%s", a.PlannedVehicles, wan(cost))
	var types []string
	for _, v := range a.PlannedTypes {
		if v.Count > 0 {
			types = append(types, fmt.Sprintf("%d辆%s", v.Count, v.Type))
		}
	}
	if len(types) > 0 {
		s += "，主要是购置" + strings.Join(types, "、")
	}
	return s
}

func (d *deriver) plannedEquipment() string {
	if n := d.b.Assets.PlannedEquipment; n > 0 {
		return fmt.Sprintf("单价100万元以上设备%d台（套）", n)
	}
	return fmt.Sprintf("单价100万元以上设备0台（套）、%s，主要是%s无计划购置单价100万元以上的设备", wan(0), d.self())
}

// listOf joins items as the 2026 documents do: 甲、乙 for two, 甲、乙和丙 for more.
func listOf(items []string) string {
	if len(items) <= 2 {
		return strings.Join(items, "、")
	}
	return strings.Join(items[:len(items)-1], "、") + "和" + items[len(items)-1]
}
