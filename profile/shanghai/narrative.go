package shanghai

import (
	"fmt"
	"regexp"
	"strings"

	"yusuan/budget"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/money"
)

// The narrative's blocks.
var (
	para    = disclosure.P
	heading = disclosure.H
	item    = disclosure.Li
)

// reason turns a department's explanation into the tail of a sentence:
// "，主要原因是……" or nothing.
func reason(s string) string {
	s = strings.TrimRight(strings.TrimSpace(s), "。；;")
	if s == "" {
		return ""
	}
	if !strings.HasPrefix(s, "主要") {
		s = "主要原因是" + s
	}
	return "，" + s
}

// numbered says whether a line of the department's text carries its own number
// (1、 2. （一）), so that it is printed as a list item.
var numbered = regexp.MustCompile(`^(?:[0-9]{1,2}[、.．]|（[一二三四五六七八九十]+）)`)

// textBlocks turns the department's lines into paragraphs and numbered items.
func textBlocks(lines []string) []disclosure.Block {
	var out []disclosure.Block
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if numbered.MatchString(l) {
			out = append(out, item("%s", l))
		} else {
			out = append(out, para("%s", l))
		}
	}
	return out
}

// narrative builds the parts in the template's order. The tables are the template's
// fifth part (部门预算表); they are the document's Tables, not a part of text.
func (d *deriver) narrative() []disclosure.Part {
	parts := []disclosure.Part{
		{Number: 1, Plain: true, Title: d.subject + "主要职能", Blocks: textBlocks(d.duties()), Sheet: d.sheet("主要职能", "职能")},
		{Number: 2, Plain: true, Title: d.subject + "机构设置", Blocks: textBlocks(d.organisation()), Sheet: d.who + "机构设置"},
		d.glossary(),
		d.explanation(),
		d.other(),
	}
	if d.dept() {
		parts = append(parts, d.projectParts()...)
	}
	return parts
}

// duties is the document's 职能: a unit's own when it wrote them, else the department's.
func (d *deriver) duties() []string {
	if d.unit != nil && len(d.unit.Duties) > 0 {
		return d.unit.Duties
	}
	return d.b.Text.Duties
}

// organisation is the document's 机构设置, chosen as duties is.
func (d *deriver) organisation() []string {
	if d.unit != nil && len(d.unit.Organisation) > 0 {
		return d.unit.Organisation
	}
	return d.b.Text.Organisation
}

// sheet names a part's sheet as the templates do: 部门主要职能 but 单位职能.
func (d *deriver) sheet(dept, unit string) string {
	if d.dept() {
		return "部门" + dept
	}
	return "单位" + unit
}

func (d *deriver) glossary() disclosure.Part {
	terms := d.b.Text.Glossary
	if len(terms) == 0 {
		terms = defaultGlossary
	}
	p := disclosure.Part{Number: 3, Plain: true, Title: "名词解释", Sheet: "名词解释"}
	for i, t := range terms {
		def := strings.TrimSpace(t.Definition)
		if !strings.HasSuffix(def, "。") {
			def += "。"
		}
		p.Blocks = append(p.Blocks, item("（%s）%s：%s", disclosure.ChineseNumber(i+1), t.Term, def))
	}
	return p
}

// explanation is the 预算编制说明: income and spending with the 财政拨款 figures against
// last year, the reason, and what each functional 项 of 财政拨款 pays for.
func (d *deriver) explanation() disclosure.Part {
	b := d.b
	ly, compare := d.lastYear()
	total := d.sum(budget.All)
	fiscal := d.sum(budget.Fiscal)
	by := func(f budget.FundType) money.Amount { return d.sum(fromFund(f)) }
	vs := func(this, last money.Amount, base string) string {
		if !compare {
			return ""
		}
		return "，" + change(this, last, fmt.Sprintf("%d年%s", b.Year-1, base))
	}
	fiscalIn := d.sum(ofColumn("fiscal"))
	p := disclosure.Part{Number: 4, Plain: true, Title: fmt.Sprintf("%d年%s预算编制说明", b.Year, d.who), Sheet: d.who + "编制说明"}
	p.Blocks = append(p.Blocks,
		para("%d年，%s收入预算%s万元，其中：财政拨款收入%s万元%s；事业收入%s万元；事业单位经营收入%s万元；其他收入%s万元。",
			b.Year, d.subject, wan(total), wan(fiscalIn), vs(fiscalIn, ly.FiscalIncome, "预算执行数"),
			wan(d.sum(ofColumn("business"))), wan(d.sum(ofColumn("operating"))), wan(d.sum(ofColumn("other")))),
		para("支出预算%s万元，其中：财政拨款支出预算%s万元%s。财政拨款支出预算中，一般公共预算拨款支出预算%s万元%s；政府性基金拨款支出预算%s万元%s；国有资本经营预算拨款支出预算%s万元%s。",
			wan(total), wan(fiscal), vs(fiscal, ly.FiscalSpending, "预算"),
			wan(by(budget.GeneralPublic)), vs(by(budget.GeneralPublic), ly.GeneralSpending, "预算"),
			wan(by(budget.GovFund)), vs(by(budget.GovFund), ly.GovFundSpending, "预算"),
			wan(by(budget.StateCapital)), vs(by(budget.StateCapital), ly.StateCapitalSpending, "预算")),
	)
	// The reason is the department's: a unit's document gives it only when it compares
	// with the department's figures, not with the unit's own.
	if r := strings.TrimRight(strings.TrimSpace(b.Text.ChangeReason), "。"); r != "" && compare && (d.dept() || d.unit.LastYear == nil) {
		word := "变化"
		switch diff := (fiscal - ly.FiscalSpending).Hundredths(money.UnitWan); {
		case diff > 0:
			word = "增加"
		case diff < 0:
			word = "减少"
		}
		p.Blocks = append(p.Blocks, para("财政拨款收入支出%s的主要原因是：%s。", word, r))
	}
	items := d.functionalItems()
	if len(items) > 0 {
		p.Blocks = append(p.Blocks, para("财政拨款支出主要内容如下："))
		p.Blocks = append(p.Blocks, items...)
	}
	return p
}

// lastYear is what the 编制说明 compares with: a unit's own figures when it has them,
// else the department's, which a unit's document may take only when the unit is the
// whole department. ok is false when there is nothing to compare with.
func (d *deriver) lastYear() (ly budget.LastYear, ok bool) {
	if d.unit != nil && d.unit.LastYear != nil {
		u := d.unit.LastYear
		return budget.LastYear{
			FiscalIncome: u.FiscalIncome, FiscalSpending: u.FiscalSpending, GeneralSpending: u.GeneralSpending,
			GovFundSpending: u.GovFundSpending, StateCapitalSpending: u.StateCapitalSpending, OfficeCost: u.OfficeCost,
		}, true
	}
	return d.b.LastYear, d.dept() || len(d.b.Units) == 1
}

// functionalItems lists each functional 项 paid from 财政拨款 once, with its total
// over the 一般公共预算, 政府性基金 and 国有资本经营 tables, and what it is for.
func (d *deriver) functionalItems() []disclosure.Block {
	notes := map[string]string{}
	for _, n := range d.b.Text.FunctionalNotes {
		notes[n.Code] = strings.TrimRight(strings.TrimSpace(n.Note), "。；;")
	}
	fiscal := d.in(func(li *budget.LineItem) bool { return li.SourceFund().Fiscal() })
	var out []disclosure.Block
	for _, cs := range d.b.ByCode(classification.Functional, fiscal) {
		if classification.LevelOf(cs.Code) != 3 || cs.Total() == 0 {
			continue
		}
		class, section := cs.Code[:3], cs.Code[:5]
		text := fmt.Sprintf("%d. “%s（类）%s（款）%s（项）”%s万元", len(out)+1,
			d.codeName(classification.Functional, class), d.codeName(classification.Functional, section),
			d.codeName(classification.Functional, cs.Code), wan(cs.Total()))
		if n := notes[cs.Code]; n != "" {
			text += "，主要用于" + strings.TrimPrefix(n, "主要用于")
		}
		out = append(out, item("%s。", text))
	}
	return out
}

// other is the 其他相关情况说明: 三公 against last year, 机关运行经费, 政府采购,
// 绩效目标 and 国有资产.
func (d *deriver) other() disclosure.Part {
	b := d.b
	year, last := b.Year, fmt.Sprintf("%d年预算", b.Year-1)
	this, prev := d.sanGongThisYear(), d.sanGongLastYear()
	r := b.Text.SanGong
	carReason := ""
	if strings.TrimSpace(r.CarPurchase) == strings.TrimSpace(r.CarRunning) {
		carReason = r.CarPurchase
	}
	p := disclosure.Part{Number: 6, Plain: true, Title: "其他相关情况说明", Sheet: "其他相关情况说明"}
	p.Blocks = append(p.Blocks,
		heading(fmt.Sprintf("一、%d年“三公”经费预算情况说明", year)),
		para("%d年“三公”经费预算数为%s万元，%s%s。其中：", year, wan(this.Total()), change(this.Total(), prev.Total(), last), reason(r.Total)),
		para("（一）因公出国（境）费%s万元，%s%s。", wan(this.Abroad), change(this.Abroad, prev.Abroad, last), reason(r.Abroad)),
		para("（二）公务用车购置及运行费%s万元，%s%s。其中：公务用车购置费%s万元，%s%s；公务用车运行费%s万元，%s%s。",
			wan(this.Car()), change(this.Car(), prev.Car(), last), reason(carReason),
			wan(this.CarPurchase), change(this.CarPurchase, prev.CarPurchase, last), reason(r.CarPurchase),
			wan(this.CarRunning), change(this.CarRunning, prev.CarRunning, last), reason(r.CarRunning)),
		para("（三）公务接待费%s万元，%s%s。", wan(this.Reception), change(this.Reception, prev.Reception, last), reason(r.Reception)),
		heading("二、机关运行经费预算"),
	)
	if cost, runs := d.officeCost(); runs {
		p.Blocks = append(p.Blocks, para("%d年%s财政拨款的机关运行经费预算为%s万元。", year, d.subject, wan(cost)))
	} else {
		p.Blocks = append(p.Blocks, para("本%s无机关运行经费。", d.who))
	}

	p.Blocks = append(p.Blocks, heading("三、政府采购预算情况"))
	by := map[budget.ProcurementCategory]money.Amount{}
	var total money.Amount
	n := 0
	for _, pr := range b.Procurement {
		if d.unit != nil && pr.Unit != d.unit.Code {
			continue
		}
		by[pr.Category] += pr.Amount
		total += pr.Amount
		n++
	}
	if n == 0 {
		p.Blocks = append(p.Blocks, para("%s%d年度未安排政府采购预算。", d.subject, year))
	} else {
		p.Blocks = append(p.Blocks, para("%d年度本%s政府采购预算%s万元，其中：政府采购货物预算%s万元、政府采购工程预算%s万元、政府采购服务预算%s万元。",
			year, d.who, wan(total), wan(by[budget.Goods]), wan(by[budget.Works]), wan(by[budget.Services])))
	}

	count, amount := d.projectsWithTargets()
	p.Blocks = append(p.Blocks,
		heading("四、绩效目标设置情况"),
		para("%d年度，本%s编报绩效目标的项目共%d个，涉及项目预算资金%s万元。", year, d.who, count, wan(amount)),
	)
	if blocks := d.assets(); blocks != nil {
		p.Blocks = append(p.Blocks, heading("五、国有资产占有使用情况"))
		p.Blocks = append(p.Blocks, blocks...)
	}
	return p
}

// projectsWithTargets counts the document's projects that have a performance target
// and adds up their money, classified ones included: only the totals are printed.
func (d *deriver) projectsWithTargets() (n int, amount money.Amount) {
	for _, pr := range d.b.Projects {
		if strings.TrimSpace(pr.Target) == "" || d.unit != nil && pr.Unit != d.unit.Code {
			continue
		}
		code := pr.Code
		a := d.b.Sum(func(li *budget.LineItem) bool { return li.Project == code })
		if a == 0 {
			continue
		}
		n++
		amount += a
	}
	return n, amount
}

// vehicleTypes are the types the Shanghai template lists, in its order.
var vehicleTypes = []string{"部级领导干部用车", "主要领导干部用车", "机要通信用车", "应急保障用车", "执法执勤用车", "特种专业技术用车", "离退休干部用车", "其他用车"}

// assets describes the vehicles and equipment: a unit's own when it has them, else
// the department's, which a unit's document has only when it is the only unit.
func (d *deriver) assets() []disclosure.Block {
	a := d.b.Assets
	switch {
	case d.unit != nil && d.unit.Assets != nil:
		a = *d.unit.Assets
	case !d.dept() && len(d.b.Units) > 1:
		return nil
	}
	asOf := a.AsOf
	if asOf == "" {
		asOf = fmt.Sprintf("%d年12月31日", d.b.Year-1)
	}
	list := func(counts []budget.VehicleCount) (int, string) {
		by := map[string]int{}
		total := 0
		for _, v := range counts {
			by[v.Type] += v.Count
			total += v.Count
		}
		var parts []string
		for _, ty := range vehicleTypes {
			parts = append(parts, fmt.Sprintf("%s%d辆", ty, by[ty]))
		}
		return total, strings.Join(parts, "、")
	}
	have, haveList := list(a.Vehicles)
	planned := a.PlannedTypes
	if len(planned) == 0 && a.PlannedVehicles > 0 {
		planned = []budget.VehicleCount{{Type: "其他用车", Count: a.PlannedVehicles}}
	}
	plan, planList := list(planned)
	return []disclosure.Block{
		para("截至%s，%s共有车辆%d辆，其中：%s；单价100万元（含）以上设备（不含车辆）%d台（套）。", asOf, d.subject, have, haveList, a.Equipment),
		para("%d年%s预算安排购置车辆%d辆，其中：%s；%s预算安排购置单价100万元（含）以上设备（不含车辆）%d台（套）。",
			d.b.Year, d.who, plan, planList, d.who, a.PlannedEquipment),
	}
}

// projectParts are the 项目经费情况说明, one part for each project that has a
// description and may be named.
func (d *deriver) projectParts() []disclosure.Part {
	var out []disclosure.Part
	for _, pr := range d.b.Projects {
		u := d.b.Unit(pr.Unit)
		if pr.Description == nil || pr.Classified || u != nil && u.Classified {
			continue
		}
		desc := pr.Description
		code := pr.Code
		amount := d.b.Sum(func(li *budget.LineItem) bool { return li.Project == code })
		implementer := desc.Implementer
		if implementer == "" && u != nil {
			implementer = u.Name
		}
		p := disclosure.Part{Number: 7, Plain: true, Title: pr.DisplayName() + "经费情况说明", Sheet: "项目经费情况说明"}
		p.Blocks = append(p.Blocks, heading("一、项目概述"))
		p.Blocks = append(p.Blocks, textBlocks([]string{desc.Overview})...)
		p.Blocks = append(p.Blocks, heading("二、立项依据"))
		for i, basis := range desc.Basis {
			p.Blocks = append(p.Blocks, item("%d、%s", i+1, basis))
		}
		budgetText := fmt.Sprintf("%d年度项目总预算%s万", d.b.Year, wan(amount))
		if n := strings.TrimSpace(desc.BudgetNote); n != "" {
			budgetText += "，其中" + strings.TrimPrefix(n, "其中")
		}
		if !strings.HasSuffix(budgetText, "。") {
			budgetText += "。"
		}
		for _, s := range []struct{ title, text string }{
			{"三、实施主体", implementer}, {"四、实施方案", desc.Plan}, {"五、实施周期", desc.Period},
			{"六、年度预算安排", budgetText}, {"七、绩效目标", "详见单位的项目绩效目标表"},
		} {
			p.Blocks = append(p.Blocks, heading(s.title))
			p.Blocks = append(p.Blocks, textBlocks([]string{s.text})...)
		}
		out = append(out, p)
	}
	return out
}
