package shenzhen

import (
	"fmt"
	"slices"
	"strings"

	"yusuan/budget"
	"yusuan/disclosure"
	"yusuan/money"
)

// The narrative's blocks.
var (
	para    = disclosure.P
	heading = disclosure.H
	item    = disclosure.Li
)

// sentence ends s with a full stop unless it already ends with punctuation.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	for _, p := range []string{"。", "；", "！", "？", "：", ".", ";"} {
		if strings.HasSuffix(s, p) {
			return s
		}
	}
	return s + "。"
}

// clause joins a leading clause and an optional explanation with a comma.
func clause(lead, reason string) string {
	reason = strings.TrimRight(strings.TrimSpace(reason), "。")
	if reason == "" {
		return lead + "。"
	}
	return lead + "，" + reason + "。"
}

func (d *deriver) narrative() []disclosure.Part {
	return []disclosure.Part{
		d.overview(),
		d.totals(),
		d.spending(),
		d.procurement(),
		d.sanGongPart(),
		d.performanceManagement(),
		d.keyProjects(),
		d.other(),
		d.glossary(defaultGlossary),
	}
}

func (d *deriver) overview() disclosure.Part {
	return d.overviewWith("二、机构设置情况", func(i int, g string, last bool) disclosure.Block {
		end := "；"
		if last {
			end = "。"
		}
		return item("%d. %s%s", i+1, strings.TrimRight(g, "；;。"), end)
	})
}

// overviewWith is 第一部分 部门概况 with the formats' own heading of the organisation
// and numbering of the goals.
func (d *deriver) overviewWith(orgHeading string, goal func(i int, g string, last bool) disclosure.Block) disclosure.Part {
	t := d.b.Text
	p := disclosure.Part{Number: 1, Title: "部门概况"}
	p.Blocks = append(p.Blocks, heading("一、部门职责"))
	for _, s := range t.Duties {
		p.Blocks = append(p.Blocks, para("%s", s))
	}
	p.Blocks = append(p.Blocks, heading(orgHeading))
	for _, s := range t.Organisation {
		p.Blocks = append(p.Blocks, para("%s", s))
	}
	p.Blocks = append(p.Blocks, heading(fmt.Sprintf("三、%d年主要工作目标", d.b.Year)))
	if len(t.Goals) > 0 {
		p.Blocks = append(p.Blocks, para("%s%d年主要工作目标包括：", d.subject, d.b.Year))
		for i, g := range t.Goals {
			p.Blocks = append(p.Blocks, goal(i, g, i == len(t.Goals)-1))
		}
	}
	return p
}

func (d *deriver) totals() disclosure.Part {
	b := d.b
	income := b.Sum(budget.All)
	spending := b.Sum(budget.All)
	p := disclosure.Part{Number: 2, Title: "部门预算收支总体情况"}
	p.Blocks = append(p.Blocks, para("%s%s部门预算收入%s，%s。%s部门预算支出%s，%s。",
		d.year(), d.subject, wan(income), change(income, b.LastYear.Income, d.lastYear(), "增长", "下降"),
		d.year(), wan(spending), change(spending, b.LastYear.Expenditure, d.lastYear(), "增长", "下降")))
	if r := strings.TrimSpace(b.Text.ChangeReason); r != "" {
		word := "增长"
		if spending < b.LastYear.Expenditure {
			word = "减少"
		} else if spending == b.LastYear.Expenditure {
			word = "变化"
		}
		p.Blocks = append(p.Blocks, para("预算收支%s主要原因：%s", word, sentence(r)))
	}
	return p
}

// basicParts are the three kinds of basic spending the Shenzhen text names.
func (d *deriver) basicParts() (personnel, public, family money.Amount) {
	personnel = d.b.Sum(budget.And(budget.Basic, budget.EconomicClass("301")))
	family = d.b.Sum(budget.And(budget.Basic, budget.EconomicClass("303")))
	public = d.b.Sum(budget.Basic) - personnel - family
	return
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return strings.TrimRight(strings.TrimSpace(s), "。")
}

func (d *deriver) spending() disclosure.Part {
	b := d.b
	personnel, public, family := d.basicParts()
	projects := b.Sum(budget.OfKind(budget.ProjectSp))
	p := disclosure.Part{Number: 3, Title: "部门预算支出具体情况"}
	p.Blocks = append(p.Blocks,
		para("%s预算%s，包括人员支出%s、公用经费%s、对个人和家庭的补助支出%s、项目支出%s。",
			d.subject, wan(b.Sum(budget.All)), wan(personnel), wan(public), wan(family), wan(projects)),
		para("（一）人员支出%s，主要是%s。", wan(personnel), orDefault(b.Text.PersonnelNote, "在职人员工资福利和社保缴费等相关支出")),
		para("（二）公用支出%s，主要包括%s。", wan(public), orDefault(b.Text.PublicNote, "办公费、水电费、物业管理费、工会经费和职工福利费等公用经费")),
		para("（三）对个人和家庭补助支出%s，主要是%s。", wan(family), orDefault(b.Text.FamilyNote, "离退休人员经费")),
	)
	if len(b.Projects) == 0 {
		p.Blocks = append(p.Blocks, para("（四）项目支出%s。", wan(projects)))
		return p
	}
	p.Blocks = append(p.Blocks, para("（四）项目支出%s，具体包括：", wan(projects)))
	n, secret := 0, 0
	var secretSum money.Amount
	for _, pr := range b.Projects {
		code := pr.Code
		amount := b.Sum(func(li *budget.LineItem) bool { return li.Project == code })
		if d.projectHidden(pr) {
			secret++
			secretSum += amount
			continue
		}
		n++
		text := fmt.Sprintf("%d. %s%s", n, pr.DisplayName(), wan(amount))
		if purpose := strings.TrimRight(strings.TrimSpace(pr.Purpose), "。"); purpose != "" {
			text += "，主要用于" + purpose
		}
		text += "。" + d.projectChange(pr, amount)
		p.Blocks = append(p.Blocks, item("%s", text))
	}
	if secret > 0 {
		p.Blocks = append(p.Blocks, item("%d. 涉密项目%d个，共%s，按要求不予公开。", n+1, secret, wan(secretSum)))
	}
	return p
}

// projectChange compares a project with last year's 年初预算.
func (d *deriver) projectChange(pr budget.Project, amount money.Amount) string {
	lastLabel := fmt.Sprintf("%d年年初预算", d.b.Year-1)
	if pr.LastYear == nil {
		return clause(fmt.Sprintf("该项目为%d年新增项目", d.b.Year), pr.ChangeReason)
	}
	last := *pr.LastYear
	diff := amount - last
	if diff.Hundredths(money.UnitWan) == 0 {
		return clause("与"+lastLabel+"数持平", pr.ChangeReason)
	}
	verb, word := "增加", "增幅"
	if diff < 0 {
		verb, word = "减少", "减幅"
	}
	s := fmt.Sprintf("较%s%s%s", lastLabel, verb, wan(diff.Abs()))
	if t, ok := money.Percent(amount, last); ok && printedBase(amount, last) {
		if t < 0 {
			t = -t
		}
		s += "，" + word + money.FormatTenths(t)
	}
	reason := strings.TrimSpace(pr.ChangeReason)
	if reason != "" && !strings.HasPrefix(reason, "主要") {
		reason = "主要原因是" + reason
	}
	return clause(s, reason)
}

func (d *deriver) procurement() disclosure.Part {
	p := disclosure.Part{Number: 4, Title: "政府采购预算情况"}
	by := map[budget.ProcurementCategory]money.Amount{}
	var total money.Amount
	for _, pr := range d.b.Procurement {
		by[pr.Category] += pr.Amount
		total += pr.Amount
	}
	if len(d.b.Procurement) == 0 {
		p.Blocks = append(p.Blocks, para("%s%d年部门预算未安排政府采购项目。", d.subject, d.b.Year))
		return p
	}
	p.Blocks = append(p.Blocks, para("%s纳入%d年部门预算的政府采购项目共有%s，其中：货物类项目%s、工程类项目%s、服务类项目%s。",
		d.subject, d.b.Year, wan(total), wan(by[budget.Goods]), wan(by[budget.Works]), wan(by[budget.Services])))
	return p
}

func (d *deriver) sanGongPart() disclosure.Part {
	this, last := d.sanGongTotals()
	r := d.b.Text.SanGong
	ly := d.lastYear()
	p := disclosure.Part{Number: 5, Title: "财政拨款“三公”经费预算情况"}
	p.Blocks = append(p.Blocks,
		para("%s", clause(fmt.Sprintf("%s财政拨款“三公”经费预算%s，%s", d.year(), wan(this.Total()), change(this.Total(), last.Total(), ly+"预算", "增长", "下降")), r.Total)),
		item("1. 因公出国（境）费用。%s", clause(fmt.Sprintf("%s预算数%s，%s", d.year(), wan(this.Abroad), change(this.Abroad, last.Abroad, ly, "增长", "下降")), r.Abroad)),
		item("2. 公务接待费。%s", clause(fmt.Sprintf("%s预算数%s，%s", d.year(), wan(this.Reception), change(this.Reception, last.Reception, ly, "增长", "下降")), r.Reception)),
		item("3. 公务用车购置和运行维护费。%s预算数%s，其中：", d.year(), wan(this.Car())),
		para("公务用车购置费%s", strings.TrimSuffix(clause(fmt.Sprintf("%s预算数%s，%s", d.year(), wan(this.CarPurchase), change(this.CarPurchase, last.CarPurchase, ly+"预算数", "增长", "下降")), r.CarPurchase), "。")+"；"),
		para("公务用车运行维护费%s", clause(fmt.Sprintf("%s预算数%s，%s", d.year(), wan(this.CarRunning), change(this.CarRunning, last.CarRunning, ly, "增长", "下降")), r.CarRunning)),
	)
	return p
}

// projectsWithTargets counts the projects that have a performance target: every one
// the document lists, and the unlisted (classified) ones that have money — a reader
// can tell those exist only from the amounts.
func (d *deriver) projectsWithTargets() (n int) {
	for _, pr := range d.b.Projects {
		if strings.TrimSpace(pr.Target) == "" {
			continue
		}
		amount := d.ix.projectAmount[pr.Code]
		if !d.projectHidden(pr) || amount.Hundredths(money.UnitWan) != 0 {
			n++
		}
	}
	return n
}

// unitScope names the units that performance management covers: each that may be
// named, and the classified ones counted.
func (d *deriver) unitScope() string {
	visible, classified := d.visibleUnits()
	var names []string
	for _, u := range visible {
		names = append(names, u.Name)
	}
	scope := strings.Join(names, "、")
	if classified > 0 {
		scope += fmt.Sprintf("及涉密单位%d家", classified)
	}
	return scope
}

func (d *deriver) performanceManagement() disclosure.Part {
	scope := d.unitScope()
	finance := d.region() + "财政部门"
	p := disclosure.Part{Number: 6, Title: "部门预算绩效管理情况"}
	p.Blocks = append(p.Blocks,
		heading("一、实施部门预算绩效管理的单位范围"),
		para("%s实施部门预算绩效管理的单位范围包括：%s，共%d家基层单位，已编制整体支出绩效目标，按要求开展部门整体绩效自评，%s将根据需要对部分基层单位或整个系统的部门整体支出实施重点绩效评价。",
			d.subject, scope, len(d.b.Units), finance),
		heading("二、实施部门预算绩效管理的项目情况及工作要求"),
		para("%d年%s所有项目支出预算纳入部门预算绩效管理，涉及预算资金%s，设置并编报%d个项目绩效目标。相关项目在执行时需在年中（8月底前）编报绩效监控情况，并在年度预算执行完毕或项目完成后，按要求开展绩效自评，并在单位自评的基础上选择重点项目开展部门评价。%s将选取部分政策或项目实施重点绩效评价。",
			d.b.Year, d.subject, wan(d.b.Sum(budget.OfKind(budget.ProjectSp))), d.projectsWithTargets(), finance),
	)
	return p
}

func (d *deriver) keyProjects() disclosure.Part {
	t := newKeyProjectTable([]disclosure.Column{
		{Key: "project", Kind: disclosure.TextCol, Width: 22},
		{Key: "total", Kind: disclosure.AmountCol, Width: 12},
		{Key: "target", Kind: disclosure.TextCol, Width: 46},
	}, "项目名称（一级项目）", "预算数（万元）", "绩效目标")
	for _, pr := range d.b.Projects {
		if d.projectHidden(pr) || strings.TrimSpace(pr.Target) == "" {
			continue
		}
		code := pr.Code
		t.Rows = append(t.Rows, disclosure.Row{Cells: []disclosure.Cell{
			T(pr.DisplayName()), A(d.b.Sum(func(li *budget.LineItem) bool { return li.Project == code })), T(pr.Target),
		}})
	}
	return d.keyProjectsPart(t, "本部门", "备注：涉密项目按要求不予公开。")
}

// newKeyProjectTable is the empty table of part 7 with the format's columns and their
// headings.
func newKeyProjectTable(columns []disclosure.Column, headings ...string) *disclosure.Table {
	var header []disclosure.Cell
	for _, h := range headings {
		header = append(header, T(h))
	}
	return &disclosure.Table{Kind: disclosure.KeyProjectTable, Unit: money.UnitWan, Columns: columns, Header: [][]disclosure.Cell{header}}
}

// keyProjectsPart is part 7 around its table t: the sentence that introduces the
// table, or says that self (本部门, 本单位) has no key project, and the note below.
func (d *deriver) keyProjectsPart(t *disclosure.Table, self, note string) disclosure.Part {
	p := disclosure.Part{Number: 7, Title: "重点项目预算绩效情况说明"}
	if len(t.Rows) == 0 {
		p.Blocks = append(p.Blocks, para("%d年，%s无设置绩效目标的重点项目。", d.b.Year, self))
	} else {
		p.Blocks = append(p.Blocks, para("%d年，%s重点项目绩效目标情况如下：", d.b.Year, self), disclosure.Block{Kind: disclosure.TableRef, Table: t})
	}
	p.Blocks = append(p.Blocks, disclosure.Block{Kind: disclosure.Note, Text: note})
	return p
}

// officeCost is this year's 机关运行经费: basic 公用经费 from 一般公共预算 in units that
// run an office (行政单位 and 参公 units).
func (d *deriver) officeCost() (money.Amount, bool) {
	return d.b.Sum(func(li *budget.LineItem) bool {
		u := d.b.Unit(li.Unit)
		return u != nil && u.Kind.RunsOffice() && li.Kind == budget.Public && li.Fund == budget.GeneralPublic
	}), d.runsOffice()
}

// runsOffice tells whether any unit runs an office (行政单位 or 参公): a department
// of institutions only has no 机关运行经费 to state.
func (d *deriver) runsOffice() bool {
	for _, u := range d.b.Units {
		if u.Kind.RunsOffice() {
			return true
		}
	}
	return false
}

func (d *deriver) other() disclosure.Part {
	b := d.b
	p := disclosure.Part{Number: 8, Title: "其他需要说明情况"}
	p.Blocks = append(p.Blocks, heading("一、机关运行经费"))
	if cost, runs := d.officeCost(); runs {
		lead := fmt.Sprintf("%s%s机关运行经费财政拨款预算%s，%s", d.year(), d.subject, wan(cost),
			change(cost, b.LastYear.OfficeCost, d.lastYear()+"预算", "增长", "下降"))
		text := lead + "。"
		if r := strings.TrimSpace(b.Text.OfficeCostReason); r != "" {
			text += sentence(r)
		}
		p.Blocks = append(p.Blocks, para("%s", text))
	} else {
		p.Blocks = append(p.Blocks, para("本部门所属单位均为事业单位，不安排机关运行经费。"))
	}

	p.Blocks = append(p.Blocks, heading("二、国有资产占用情况"))
	total, parts := d.vehicles()
	p.Blocks = append(p.Blocks,
		para("截至%d年底，本部门共有车辆%d辆，其中：%s；单价100万元以上设备%d台（套）。", b.Year-1, total, strings.Join(parts, "、"), b.Assets.Equipment),
		para("%d年计划购置车辆%d辆；新增单价100万元以上设备%d台（套）。", b.Year, b.Assets.PlannedVehicles, b.Assets.PlannedEquipment),
	)

	p.Blocks = append(p.Blocks, heading("三、其他"))
	absent := append(d.absentFunds(), b.Text.AlsoAbsent...)
	if len(absent) > 0 {
		p.Blocks = append(p.Blocks, para("本部门无%s预算。", joinAnd(absent)))
	}
	p.Blocks = append(p.Blocks, para("%d年部门预算中数字保留2位小数、百分比保留1位小数后列示，数据单位转换时可能存在尾数误差。", b.Year))
	return p
}

// absentFunds names the funds other than 一般公共预算 that the department spends
// nothing from, as 三、其他 of part 8 states them.
func (d *deriver) absentFunds() []string {
	var absent []string
	if !d.hasItems(budget.OfFund(budget.GovFund)) {
		absent = append(absent, "政府性基金预算支出")
	}
	if !d.hasItems(budget.OfFund(budget.StateCapital)) {
		absent = append(absent, "国有资本经营预算支出")
	}
	return absent
}

// vehicles counts the department's vehicles and words them by type: the types a
// Shenzhen document always lists, then any other type the department has, so that the
// parts always add up to the total.
func (d *deriver) vehicles() (total int, parts []string) {
	counts := map[string]int{}
	for _, v := range d.b.Assets.Vehicles {
		counts[v.Type] += v.Count
		total += v.Count
	}
	for _, ty := range vehicleTypes {
		parts = append(parts, fmt.Sprintf("%s%d辆", ty, counts[ty]))
	}
	for _, ty := range budget.VehicleTypes {
		if counts[ty] > 0 && !slices.Contains(vehicleTypes, ty) {
			parts = append(parts, fmt.Sprintf("%s%d辆", ty, counts[ty]))
		}
	}
	return total, parts
}

// vehicleTypes are the vehicle types a Shenzhen document always lists.
var vehicleTypes = []string{"机要通信用车", "应急保障用车", "执法执勤用车", "特种专业技术用车", "其他用车"}

// joinAnd joins items as 甲、乙和丙.
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], "、") + "和" + items[len(items)-1]
}

// glossary is part 9, 名词解释: the department's own terms, else the format's
// defaults.
func (d *deriver) glossary(defaults []budget.Term) disclosure.Part {
	terms := d.b.Text.Glossary
	if len(terms) == 0 {
		terms = defaults
	}
	p := disclosure.Part{Number: 9, Title: "名词解释"}
	for i, t := range terms {
		p.Blocks = append(p.Blocks, para("%s、%s：%s", disclosure.ChineseNumber(i+1), t.Term, sentence(t.Definition)))
	}
	return p
}
