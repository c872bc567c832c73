package shanghai

import (
	"fmt"
	"strings"

	"yusuan/budget"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/money"
)

// parts are the 决算's narrative: 第一部分 概况, 第三部分 情况说明 and 第四部分 名词解释
// (第二部分 is the tables). Each numbered section is a part of its own under its
// heading (一、主要职能 …), as the format description lists them and a reader of the
// published document finds them; the 第…部分 headings are parts without text.
func (d *finalDeriver) parts() []disclosure.Part {
	year := d.b.Year
	parts := []disclosure.Part{{Number: 1, Plain: true, Title: "第一部分 " + d.subject + "概况"}}
	parts = append(parts, d.overview()...)
	parts = append(parts, disclosure.Part{Number: 3, Plain: true, Title: fmt.Sprintf("第三部分 %s%d年度部门决算情况说明", d.subject, year)})
	parts = append(parts, d.explanation()...)
	return append(parts, d.finalGlossary())
}

// overview is 第一部分: the duties and the units the 决算 covers.
func (d *finalDeriver) overview() []disclosure.Part {
	duties := disclosure.Part{Number: 1, Plain: true, Title: "一、主要职能", Blocks: textBlocks(d.b.Text.Duties)}
	units := disclosure.Part{Number: 1, Plain: true, Title: "二、部门决算单位构成"}
	units.Blocks = append(units.Blocks,
		para("从预算单位构成看，%s部门决算包括：%s本级决算、下属行政事业单位决算。纳入%s%d年度部门决算编制范围的单位包括：",
			d.subject, d.subject, d.subject, d.b.Year))
	t := &disclosure.Table{
		Title:   "部门决算单位构成",
		Columns: []disclosure.Column{text("no", 6), text("unit", 30), text("note", 24)},
		Header:  [][]disclosure.Cell{{T("序号"), T("单位名称"), T("备注")}},
	}
	n := 0
	row := func(name, note string) {
		n++
		t.Rows = append(t.Rows, disclosure.Row{Cells: []disclosure.Cell{T(fmt.Sprint(n)), T(name), T(note)}})
	}
	for _, u := range d.b.Units {
		if !u.Classified {
			row(u.Name, "")
		}
	}
	for _, m := range d.f.Text.Members {
		row(m.Name, m.Note)
	}
	units.Blocks = append(units.Blocks, disclosure.Block{Kind: disclosure.TableRef, Table: t})
	return []disclosure.Part{duties, units}
}

// explanation is 第三部分 部门决算情况说明, sections 一 to 十一, a part each.
func (d *finalDeriver) explanation() []disclosure.Part {
	f, year := d.f, d.b.Year
	last := fmt.Sprintf("%d年度", year-1)
	var out []disclosure.Part
	section := func(i int, bs ...disclosure.Block) {
		out = append(out, disclosure.Part{Number: 3, Plain: true, Title: finalSections[i], Blocks: bs})
	}

	// 一 and 二, 三: the totals of 表1.
	thisIncome, thisSpending := d.income(allIncome), d.actual(budget.All)
	total := thisIncome + carries(f.UseBalance) + carries(f.CarryIn)
	text := fmt.Sprintf("%s%d年度收入支出总计%s万元。", d.subject, year, plain(total))
	if f.LastYear.Total != 0 {
		text += fmt.Sprintf("与%s相比，收入支出总计%s。", last, versus(total, f.LastYear.Total))
	}
	section(0, para("%s%s", text, because("主要原因：", f.Text.TotalReason)))

	sources := []struct {
		name string
		src  []budget.FundType
	}{
		{"财政拨款收入", budget.FiscalFunds}, {"上级补助收入", []budget.FundType{budget.SuperiorSubsidy}},
		{"事业收入", []budget.FundType{budget.BusinessIncome}}, {"经营收入", []budget.FundType{budget.OperatingIncome}},
		{"附属单位上缴收入", []budget.FundType{budget.AffiliateRemit}},
		{"其他收入", []budget.FundType{budget.OtherIncome, budget.SpecialAccount}},
	}
	var parts []string
	for _, s := range sources {
		if a := d.income(incomeFrom(s.src...)); printed(a) != 0 {
			parts = append(parts, fmt.Sprintf("%s%s万元%s", s.name, plain(a), share(a, thisIncome)))
		}
	}
	section(1, para("本年收入合计%s万元%s。", plain(thisIncome), list("，其中：", parts)))

	split := d.act.SplitOf(budget.All)
	parts = nil
	for _, k := range []struct {
		name string
		a    money.Amount
	}{{"基本支出", split.Basic()}, {"项目支出", split.Project}, {"上缴上级支出", split.Remit}, {"经营支出", split.Operating}, {"对附属单位补助支出", split.Subsidy}} {
		if printed(k.a) != 0 {
			parts = append(parts, fmt.Sprintf("%s%s万元%s", k.name, plain(k.a), share(k.a, thisSpending)))
		}
	}
	section(2, para("本年支出合计%s万元%s。", plain(thisSpending), list("，其中：", parts)))

	// 四: 表4's 总计.
	fiscalTotal := d.income(fiscalIncome) + carries(f.CarryIn, budget.FiscalFunds...)
	text = fmt.Sprintf("%s%d年度财政拨款收入支出总计%s万元。", d.subject, year, plain(fiscalTotal))
	if f.LastYear.FiscalTotal != 0 {
		text += fmt.Sprintf("与%s相比，财政拨款收入支出总计%s。", last, versus(fiscalTotal, f.LastYear.FiscalTotal))
	}
	section(3, para("%s%s", text, because("主要原因：", f.Text.FiscalReason)))

	// 五: 表5.
	gp := d.actual(fromFund(budget.GeneralPublic))
	text = fmt.Sprintf("一般公共预算财政拨款支出%s万元%s。", plain(gp), strings.Replace(share(gp, thisSpending), "，占", "，占本年支出合计的", 1))
	if f.LastYear.GeneralSpending != 0 {
		text += fmt.Sprintf("与%s相比，一般公共预算财政拨款支出%s。", last, versus(gp, f.LastYear.GeneralSpending))
	}
	five := []disclosure.Block{heading("（一）一般公共预算财政拨款支出决算总体情况"),
		para("%s%s", text, because("主要原因：", f.Text.GeneralReason))}
	parts = nil
	for _, c := range d.gpClasses {
		parts = append(parts, fmt.Sprintf("%s（类）%s万元%s", d.codeName(classification.Functional, c.code), plain(c.amount), share(c.amount, gp)))
	}
	five = append(five, heading("（二）一般公共预算财政拨款支出决算结构情况"),
		para("一般公共预算财政拨款支出%s万元%s。", plain(gp), list("，主要用于以下方面：", parts)),
		heading("（三）一般公共预算财政拨款支出决算具体情况"))
	section(4, append(five, d.execution()...)...)

	// 六: 表6; 七: 表7.
	section(5, d.basicParagraph())
	section(6, d.sanGongText()...)

	// 八, 九: 表8 and 表9.
	for i, fund := range []budget.FundType{budget.GovFund, budget.StateCapital} {
		name := []string{"政府性基金预算", "国有资本经营预算"}[i]
		in, out := d.income(incomeFrom(fund)), d.actual(fromFund(fund))
		if printed(in) == 0 && printed(out) == 0 {
			section(7+i, para("%s%d年度无%s财政拨款收入和支出。", d.subject, year, name))
		} else {
			section(7+i, para("%s%d年度%s财政拨款收入%s万元，支出%s万元。", d.subject, year, name, plain(in), plain(out)))
		}
	}

	// 十: 绩效; 十一: 机关运行经费, 政府采购, 国有资产.
	section(9, d.performanceParagraph())
	section(10, d.otherMatters()...)
	return out
}

// list joins parts after a lead-in, or nothing when there are none.
func list(lead string, parts []string) string {
	if len(parts) == 0 {
		return ""
	}
	return lead + strings.Join(parts, "；")
}

// direction says how the 决算数 b compares with the 年初预算 a at the printed
// precision, with the department's reason.
func direction(b, a money.Amount, reason string) string {
	switch diff := b.Hundredths(money.UnitWan) - a.Hundredths(money.UnitWan); {
	case diff == 0:
		return "决算数与预算数基本持平。"
	case diff > 0:
		return withReason("决算数大于预算数", reason)
	}
	return withReason("决算数小于预算数", reason)
}

func withReason(s, reason string) string {
	if r := because("的主要原因：", reason); r != "" {
		return s + r
	}
	return s + "。"
}

// execution is 五（三）: the 一般公共预算 决算 against its 年初预算 in total and for
// each functional 项, with what the 项 pays for and why it differs.
func (d *finalDeriver) execution() []disclosure.Block {
	gp := fromFund(budget.GeneralPublic)
	a, b := d.planned(gp), d.actual(gp)
	head := fmt.Sprintf("一般公共预算财政拨款支出年初预算为%s万元，支出决算为%s万元，完成年初预算的%s。", plain(a), plain(b), completion(b, a))
	if a.Hundredths(money.UnitWan) != b.Hundredths(money.UnitWan) {
		head += direction(b, a, d.f.Text.ExecutionReason)
	}
	out := []disclosure.Block{para("%s其中：", head)}
	notes, reasons := map[string]string{}, map[string]string{}
	for _, n := range d.b.Text.FunctionalNotes {
		notes[n.Code] = strings.TrimRight(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(n.Note), "主要用于")), "。；;：:")
	}
	for _, r := range d.f.Reasons {
		reasons[r.Code] = r.Note
	}
	planned, actual := d.b.ByCode(classification.Functional, gp), d.act.ByCode(classification.Functional, gp)
	amounts := map[string][2]money.Amount{}
	var codes []string
	for _, cs := range planned {
		if classification.LevelOf(cs.Code) == 3 {
			v := amounts[cs.Code]
			v[0] = cs.Total()
			amounts[cs.Code] = v
			codes = append(codes, cs.Code)
		}
	}
	for _, cs := range actual {
		if classification.LevelOf(cs.Code) == 3 {
			v := amounts[cs.Code]
			v[1] = cs.Total()
			// The 决算数 as 表5 prints it: the sum of its printed columns.
			if p, ok := d.gpItems[cs.Code]; ok {
				v[1] = p
			}
			amounts[cs.Code] = v
		}
	}
	n := 0
	for _, code := range codes {
		v := amounts[code]
		if printed(v[0]) == 0 && printed(v[1]) == 0 {
			continue
		}
		n++
		text := fmt.Sprintf("%d、%s（类）%s（款）%s（项）。", n, d.codeName(classification.Functional, code[:3]),
			d.codeName(classification.Functional, code[:5]), d.codeName(classification.Functional, code))
		if note := notes[code]; note != "" {
			text += "主要用于：" + note + "。"
		}
		text += fmt.Sprintf("年初预算为%s万元，支出决算为%s万元。", plain(v[0]), plain(v[1]))
		out = append(out, item("%s%s", text, direction(v[1], v[0], reasons[code])))
	}
	return out
}

// basicParagraph is 六: 人员经费 and 公用经费 with the 款 each includes, as 表6 prints
// them.
func (d *finalDeriver) basicParagraph() disclosure.Block {
	sel := budget.And(fromFund(budget.GeneralPublic), budget.Basic)
	names := func(k budget.SpendKind) string {
		var out []string
		for _, cs := range d.act.ByCode(classification.Economic, budget.And(sel, budget.OfKind(k))) {
			if classification.LevelOf(cs.Code) == 2 && printed(cs.Total()) != 0 {
				out = append(out, d.codeName(classification.Economic, cs.Code))
			}
		}
		return list("，主要包括：", []string{strings.Join(out, "、")})
	}
	pers := d.actual(budget.And(sel, budget.OfKind(budget.Personnel)))
	pub := d.actual(budget.And(sel, budget.OfKind(budget.Public)))
	return para("一般公共预算财政拨款基本支出%s万元。其中：人员经费%s万元%s；公用经费%s万元%s。",
		plain(pers+pub), plain(pers), names(budget.Personnel), plain(pub), names(budget.Public))
}

// sanGongText is 七: the 三公 决算 against its 预算 and against last year's 决算.
func (d *finalDeriver) sanGongText() []disclosure.Block {
	year := d.b.Year
	p, f := sumSanGong(d.b), d.finalSanGong()
	out := []disclosure.Block{heading("（一）“三公”经费财政拨款支出决算总体情况说明。")}
	text := fmt.Sprintf("“三公”经费财政拨款支出年初预算为%s万元，支出决算为%s万元，完成预算的%s，其中：因公出国（境）费决算为%s万元，完成预算的%s；公务用车购置及运行维护费支出决算为%s万元，完成预算的%s；公务接待费支出决算为%s万元，完成预算的%s。",
		plain(p.Total()), plain(f.Total()), completion(f.Total(), p.Total()),
		plain(f.Abroad), completion(f.Abroad, p.Abroad), plain(f.Car()), completion(f.Car(), p.Car()),
		plain(f.Reception), completion(f.Reception, p.Reception))
	if p.Total().Hundredths(money.UnitWan) != f.Total().Hundredths(money.UnitWan) {
		text += fmt.Sprintf("%d年度“三公”经费支出%s", year, direction(f.Total(), p.Total(), d.f.Text.SanGongReason))
	}
	out = append(out, para("%s", text))
	ly := d.f.LastYear
	if len(ly.SanGong) > 0 || ly.CompareSanGong {
		var prev sanGong
		for _, l := range ly.SanGong {
			prev.Abroad += l.Abroad
			prev.Reception += l.Reception
			prev.CarPurchase += l.CarPurchase
			prev.CarRunning += l.CarRunning
		}
		vs := func(this, last money.Amount) string {
			if v := versus(this, last); v != "持平" {
				return "比" + fmt.Sprintf("%d年度", year-1) + v
			}
			return "持平"
		}
		total := vs(f.Total(), prev.Total())
		if total == "持平" {
			total = fmt.Sprintf("与%d年度持平", year-1)
		}
		out = append(out, para("%d年度“三公”经费财政拨款支出决算数%s。其中：因公出国（境）费支出决算%s；公务用车购置及运行维护费支出决算%s；公务接待费支出决算%s。%s",
			year, total, vs(f.Abroad, prev.Abroad), vs(f.Car(), prev.Car()), vs(f.Reception, prev.Reception),
			because("主要原因：", d.f.Text.SanGongLastReason)))
	}
	out = append(out, heading("（二）“三公”经费财政拨款支出决算具体情况说明。"))
	if printed(f.Total()) == 0 {
		out = append(out, para("%s%d年度无“三公”经费财政拨款支出。", d.subject, year))
	} else {
		out = append(out, para("%s%d年度“三公”经费财政拨款支出决算%s万元，其中：因公出国（境）费%s万元%s；公务用车购置费%s万元%s；公务用车运行维护费%s万元%s；公务接待费%s万元%s。",
			d.subject, year, plain(f.Total()), plain(f.Abroad), share(f.Abroad, f.Total()), plain(f.CarPurchase), share(f.CarPurchase, f.Total()),
			plain(f.CarRunning), share(f.CarRunning, f.Total()), plain(f.Reception), share(f.Reception, f.Total())))
	}
	return out
}

// performanceParagraph is 十: the department's account and the counts of its
// projects' 绩效 work.
func (d *finalDeriver) performanceParagraph() disclosure.Block {
	pf, year := d.f.Performance, d.b.Year
	text := fmt.Sprintf("%s%d年度预算绩效管理工作开展情况如下：%s", d.subject, year, strings.TrimSpace(pf.Intro))
	text += fmt.Sprintf("编报绩效目标的%d年度项目%d个，涉及预算金额%s万元；绩效跟踪评价的%d年度项目%d个，涉及预算金额%s万元；绩效自评的%d年度项目%d个，涉及预算金额%s万元",
		year, pf.Targets, plain(pf.TargetAmount), year, pf.Tracked, plain(pf.TrackedAmount), year, pf.Evaluated, plain(pf.EvaluatedAmount))
	if s := strings.TrimSpace(pf.Score); s != "" {
		text += "，平均得分" + s + "分"
	}
	text += fmt.Sprintf("（其中，绩效评级为“优”的项目%d个；绩效评级为“良”的项目%d个；绩效评级为“合格”的项目%d个；绩效评级为“不合格”的项目%d个。绩效自评中共发现问题%d个，已经完成整改的%d个，正在整改的%d个）。",
		pf.Excellent, pf.Good, pf.Pass, pf.Fail, pf.Problems, pf.Fixed, pf.Fixing)
	return para("%s", text)
}

// finalOfficeCost is the year's 机关运行经费: the 决算数 of basic 公用经费 from 一般公共
// 预算 in units that run an office.
func (d *finalDeriver) finalOfficeCost() (cost money.Amount, runs bool) {
	for _, u := range d.b.Units {
		runs = runs || u.Kind.RunsOffice()
	}
	cost = d.actual(func(li *budget.LineItem) bool {
		u := d.b.Unit(li.Unit)
		return u != nil && u.Kind.RunsOffice() && li.Kind == budget.Public && li.SourceFund() == budget.GeneralPublic
	})
	return cost, runs
}

// otherMatters is 十一: 机关运行经费, 政府采购 and 国有资产.
func (d *finalDeriver) otherMatters() []disclosure.Block {
	year, ly := d.b.Year, d.f.LastYear
	out := []disclosure.Block{heading("（一）机关运行经费支出情况")}
	if cost, runs := d.finalOfficeCost(); runs {
		text := fmt.Sprintf("机关运行经费支出%s万元", plain(cost))
		if ly.OfficeCost != 0 {
			if v := versus(cost, ly.OfficeCost); v == "持平" {
				text += fmt.Sprintf("，与%d年度持平", year-1)
			} else {
				text += fmt.Sprintf("，比%d年度%s", year-1, v)
			}
		}
		out = append(out, para("%s。%s", text, because("主要原因是", d.f.Text.OfficeCostReason)))
	} else {
		out = append(out, para("%s无机关运行经费支出。", d.subject))
	}
	pr := d.f.Procurement
	out = append(out, heading("（二）政府采购支出情况"))
	if pr.Sum() == 0 {
		out = append(out, para("%s%d年度无政府采购支出。", d.subject, year))
	} else {
		out = append(out,
			para("%s%d年度政府采购金额（以合同签订为准）为%s万元，其中：货物采购金额%s万元、工程采购金额%s万元、服务采购金额%s万元。",
				d.subject, year, plainOrZero(pr.Sum()), plainOrZero(pr.Goods), plainOrZero(pr.Works), plainOrZero(pr.Services)),
			para("%d年度本部门面向中小企业预留政府采购项目预算金额%s万元，面向小微企业预留政府采购项目预算金额%s万元。在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额%s万元；在面向小微企业预留政府采购项目中，由小微企业供应商中标或成交的，采购金额%s万元；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额%s万元。",
				year, plainOrZero(pr.ReservedSME), plainOrZero(pr.ReservedSmall), plainOrZero(pr.AwardedSME), plainOrZero(pr.AwardedSmall), plainOrZero(pr.AwardedOther)))
	}
	a := d.b.Assets
	asOf := a.AsOf
	if asOf == "" {
		asOf = fmt.Sprintf("%d年12月31日", year)
	}
	by := map[string]int{}
	total := 0
	for _, v := range a.Vehicles {
		by[v.Type] += v.Count
		total += v.Count
	}
	var types []string
	for _, ty := range vehicleTypes {
		types = append(types, fmt.Sprintf("%s%d辆", ty, by[ty]))
	}
	out = append(out, heading("（三）国有资产占有使用情况说明"),
		para("截至%s，%s共有车辆%d辆，其中：%s。单价100万元（含）以上设备（不含车辆）%d台（套）。",
			asOf, d.subject, total, strings.Join(types, "、"), a.Equipment))
	return out
}

// finalGlossary is 第四部分 名词解释: the department's terms when it wrote them, else
// the template's.
func (d *finalDeriver) finalGlossary() disclosure.Part {
	terms := d.b.Text.Glossary
	if len(terms) == 0 {
		terms = finalGlossary
	}
	p := disclosure.Part{Number: 4, Plain: true, Title: "第四部分 名词解释"}
	for i, t := range terms {
		def := strings.TrimSpace(t.Definition)
		if !strings.HasSuffix(def, "。") {
			def += "。"
		}
		p.Blocks = append(p.Blocks, item("%s、%s：%s", disclosure.ChineseNumber(i+1), t.Term, def))
	}
	return p
}

// finalGlossary is the 名词解释 of the 决算 template (and of the Putuo 决算).
var finalGlossary = []budget.Term{
	{Term: "财政拨款收入", Definition: "指单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。"},
	{Term: "事业收入", Definition: "指事业单位开展专业业务活动及辅助活动所取得的收入。"},
	{Term: "经营收入", Definition: "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。"},
	{Term: "其他收入", Definition: "指除上述“财政拨款收入”“事业收入”“经营收入”等以外的收入。"},
	{Term: "年初结转和结余", Definition: "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"},
	{Term: "年末结转和结余", Definition: "指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。"},
	{Term: "基本支出", Definition: "指单位为保障机构正常运转、完成日常工作任务而发生的各项支出。"},
	{Term: "项目支出", Definition: "指单位为完成特定的行政工作任务或事业发展目标，在基本支出之外发生的各项支出。"},
	{Term: "经营支出", Definition: "指事业单位在专业活动及辅助活动之外开展非独立核算经营活动发生的支出。"},
	{Term: "“三公”经费", Definition: "指单位使用本级财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。其中:因公出国（境）费反映单位参加国际合作交流、重大项目洽谈、境外培训研修等的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务接待费反映全国性专业会议、国家重大政策调研、专项检查以及外事团组接待交流等执行公务或开展业务所需住宿费、交通费、伙食费等支出；公务用车购置及运行维护费反映编制内公务车辆的报废更新，以及用于安排市内因公出差、公务文件交换、日常工作开展等所需公务用车燃料费、维修费、过路过桥费、保险费等支出。"},
	{Term: "机关运行经费", Definition: "指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。"},
}
