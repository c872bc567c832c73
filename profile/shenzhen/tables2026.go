package shenzhen

import (
	"fmt"

	"yusuan/budget"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/money"
)

// The notes the 2026 tables print (../shared/corpus/shenzhen-2026).
const (
	roundingNote = "注：本套报表金额单位转换时可能存在尾数误差。"
	emptyNote    = "注：本表本年无发生额。"
	fiscalNote   = "注：财政拨款收支情况包括一般公共预算、政府性基金预算、国有资本经营预算拨款收支情况；本套报表金额单位转换时可能存在尾数误差。"
)

// fundColumn is one income source and its name in the 2026 tables' headers and in
// the 收支总表's lines.
type fundColumn struct {
	fund budget.FundType
	name string
}

// The sources of the 2026 tables, in their order: 财政拨款, 财政专户管理资金, 单位资金.
var (
	fiscalColumns = []fundColumn{
		{budget.GeneralPublic, "一般公共预算拨款"},
		{budget.GovFund, "政府性基金预算拨款"},
		{budget.StateCapital, "国有资本经营预算拨款"},
	}
	ownColumns = []fundColumn{
		{budget.BusinessIncome, "事业收入"},
		{budget.OperatingIncome, "事业单位经营收入"},
		{budget.SuperiorSubsidy, "上级补助收入"},
		{budget.AffiliateRemit, "附属单位上缴收入"},
		{budget.OtherIncome, "其他收入"},
	}
)

func (d *deriver) tables2026() []*disclosure.Table {
	return []*disclosure.Table{
		d.summary2026(),
		d.incomeTable2026(),
		d.spendingTable2026(),
		d.basicTable2026(),
		d.projectTable2026(),
		d.fiscalSummary2026(),
		d.fundTable2026(7, disclosure.GPFunctionalTable, "一般公共预算支出表（按功能分类）", classification.Functional, budget.GeneralPublic),
		d.fundTable2026(8, disclosure.GPEconomicTable, "一般公共预算支出表（按经济分类）", classification.Economic, budget.GeneralPublic),
		d.sanGongTable2026(),
		d.fundTable2026(10, disclosure.GovFundTable, "政府性基金预算支出表", classification.Functional, budget.GovFund),
		d.fundTable2026(11, disclosure.StateCapitalTable, "国有资本经营预算支出表", classification.Functional, budget.StateCapital),
	}
}

// carriedForward sums what the selected units plan to carry into next year from
// fund f (any fund when f is empty).
func (d *deriver) carriedForward(unit func(code string) bool, f budget.FundType) money.Amount {
	var s money.Amount
	for _, c := range d.b.CarryForward {
		if unit(c.Unit) && (f == "" || c.Fund == f) {
			s += c.Amount
		}
	}
	return s
}

// income2026 is this year's income of fund f for the selected units: what they spend
// from it and what they carry of it into next year.
func (d *deriver) income2026(unit func(code string) bool, f budget.FundType) money.Amount {
	return d.b.Sum(func(li *budget.LineItem) bool { return li.Fund == f && unit(li.Unit) }) + d.carriedForward(unit, f)
}

func anyUnit(string) bool { return true }

// numberedSpending lists the functional codes of the selected items for the spending
// side of a 收支总表: each 类 numbered 一、二、…, its 款 and 项 indented below.
func (d *deriver) numberedSpending(sel budget.Filter) []incomeLine {
	var out []incomeLine
	n := 0
	for _, cs := range d.b.ByCode(classification.Functional, sel) {
		level := classification.LevelOf(cs.Code)
		name := d.codeName(classification.Functional, cs.Code)
		if level == 1 {
			n++
			name = disclosure.ChineseNumber(n) + "、" + name
		}
		out = append(out, incomeLine{name, cs.Total(), level - 1})
	}
	return out
}

// twoSided lays income and spending lines side by side, a row for each pair.
func twoSided(t *disclosure.Table, income, spending []incomeLine) {
	for i := 0; i < len(income) || i < len(spending); i++ {
		var row []disclosure.Cell
		for _, side := range [][]incomeLine{income, spending} {
			if i < len(side) {
				row = append(row, disclosure.Cell{Text: side[i].name, Indent: side[i].indent}, A(side[i].amount))
			} else {
				row = append(row, T(""), T(""))
			}
		}
		t.Rows = append(t.Rows, disclosure.Row{Cells: row})
	}
}

// summaryShell is a 收支总表 without rows: income and spending, each an item and
// this year's amount.
func (d *deriver) summaryShell(num int, kind disclosure.TableKind, title string) *disclosure.Table {
	t := d.newTable(num, kind, title)
	t.Columns = []disclosure.Column{
		{Key: "income_item", Kind: disclosure.TextCol, Width: 26},
		{Key: "income", Kind: disclosure.AmountCol, Width: 14},
		{Key: "spending_item", Kind: disclosure.TextCol, Width: 30},
		{Key: "spending", Kind: disclosure.AmountCol, Width: 14},
	}
	yearCol := fmt.Sprintf("%d年预算数", d.b.Year)
	t.Header = [][]disclosure.Cell{
		{{Text: "收入", ColSpan: 2}, {Text: "支出", ColSpan: 2}},
		{T("项目"), T(yearCol), T("项目"), T(yearCol)},
	}
	return t
}

// summary2026 builds 表1 收支总表: every source printed, even when zero.
func (d *deriver) summary2026() *disclosure.Table {
	t := d.summaryShell(1, disclosure.SummaryTable, "收支总表")
	var fiscal, own money.Amount
	var fiscalLines, ownLines []incomeLine
	for i, c := range fiscalColumns {
		a := d.income2026(anyUnit, c.fund)
		fiscal += a
		fiscalLines = append(fiscalLines, incomeLine{fmt.Sprintf("%d.%s", i+1, c.name), a, 1})
	}
	for i, c := range ownColumns {
		a := d.income2026(anyUnit, c.fund)
		own += a
		ownLines = append(ownLines, incomeLine{fmt.Sprintf("%d.%s", i+1, c.name), a, 1})
	}
	special := d.income2026(anyUnit, budget.SpecialAccount)
	income := append([]incomeLine{{"一、财政拨款", fiscal, 0}}, fiscalLines...)
	income = append(income, incomeLine{"二、财政专户管理资金", special, 0}, incomeLine{"三、单位资金", own, 0})
	income = append(income, ownLines...)
	twoSided(t, income, d.numberedSpending(budget.All))

	isCarry := budget.OfFund(budget.CarryOver)
	carry := d.b.Sum(isCarry)
	fiscalCarry := d.b.Sum(budget.And(isCarry, budget.Fiscal))
	spent := d.b.Sum(budget.All)
	next := d.carriedForward(anyUnit, "")
	yearIncome := fiscal + special + own
	t.Rows = append(t.Rows,
		disclosure.Row{Kind: disclosure.TotalRow, Cells: []disclosure.Cell{T("本年收入合计"), A(yearIncome), T("本年支出合计"), A(spent)}},
		disclosure.Row{Cells: []disclosure.Cell{T("上年结余、结转"), A(carry), T("结转下年"), A(next)}},
		disclosure.Row{Cells: []disclosure.Cell{{Text: "1.财政拨款结余、结转", Indent: 1}, A(fiscalCarry), T(""), T("")}},
		disclosure.Row{Cells: []disclosure.Cell{{Text: "2.非财政拨款结余、结转", Indent: 1}, A(carry - fiscalCarry), T(""), T("")}},
		disclosure.Row{Kind: disclosure.TotalRow, Cells: []disclosure.Cell{T("收入总计"), A(yearIncome + carry), T("支出总计"), A(spent + next)}},
	)
	t.Notes = []string{fiscalNote}
	return t
}

// fiscalSummary2026 builds 表6 财政拨款收支总表.
func (d *deriver) fiscalSummary2026() *disclosure.Table {
	t := d.summaryShell(6, disclosure.FiscalSummaryTable, "财政拨款收支总表")
	var fiscal, next money.Amount
	var income []incomeLine
	for i, c := range fiscalColumns {
		a := d.income2026(anyUnit, c.fund)
		fiscal += a
		next += d.carriedForward(anyUnit, c.fund)
		income = append(income, incomeLine{fmt.Sprintf("%d.%s", i+1, c.name), a, 1})
	}
	income = append([]incomeLine{{"财政拨款", fiscal, 0}}, income...)
	twoSided(t, income, d.numberedSpending(budget.Fiscal))

	isCarry := budget.And(budget.OfFund(budget.CarryOver), budget.Fiscal)
	carry := d.b.Sum(isCarry)
	spent := d.b.Sum(budget.Fiscal)
	t.Rows = append(t.Rows,
		disclosure.Row{Kind: disclosure.TotalRow, Cells: []disclosure.Cell{T("本年收入合计"), A(fiscal), T("本年支出合计"), A(spent)}},
		disclosure.Row{Cells: []disclosure.Cell{T("上年结余、结转"), A(carry), T("结转下年"), A(next)}},
	)
	for i, c := range fiscalColumns {
		f := c.fund
		a := d.b.Sum(budget.And(isCarry, func(li *budget.LineItem) bool { return li.SourceFund() == f }))
		t.Rows = append(t.Rows, disclosure.Row{Cells: []disclosure.Cell{{Text: fmt.Sprintf("%d.%s结余、结转", i+1, c.name), Indent: 1}, A(a), T(""), T("")}})
	}
	t.Rows = append(t.Rows, disclosure.Row{Kind: disclosure.TotalRow, Cells: []disclosure.Cell{T("收入总计"), A(fiscal + carry), T("支出总计"), A(spent + next)}})
	t.Notes = []string{roundingNote}
	return t
}

// sourceColumns are the columns of the tables that split an amount by source:
// 财政拨款 (with its 小计 when fiscalSubtotal), 财政专户管理资金, 单位资金 and 上年结余、结转.
func sourceColumns(fiscalSubtotal bool) []disclosure.Column {
	var cols []disclosure.Column
	if fiscalSubtotal {
		cols = append(cols, disclosure.Column{Key: "fiscal", Kind: disclosure.AmountCol, Width: 11})
	}
	for _, f := range sourceFunds {
		cols = append(cols, disclosure.Column{Key: f.Key(), Kind: disclosure.AmountCol, Width: 10})
	}
	return cols
}

// sourceHeader is the two header rows over sourceColumns, the first starting with lead.
func sourceHeader(lead []disclosure.Cell, fiscalSubtotal bool) [][]disclosure.Cell {
	fiscalSpan := len(fiscalColumns)
	if fiscalSubtotal {
		fiscalSpan++
	}
	// The groups' row and the leaves' row: a source without parts spans both.
	groups := []disclosure.Cell{{Text: "财政拨款", ColSpan: fiscalSpan}, {Text: "财政专户管理资金", RowSpan: 2},
		{Text: "单位资金", ColSpan: len(ownColumns)}, {Text: "上年结余、结转", RowSpan: 2}}
	var leaves []disclosure.Cell
	if fiscalSubtotal {
		leaves = append(leaves, T("小计"))
	}
	for _, c := range append(append([]fundColumn(nil), fiscalColumns...), ownColumns...) {
		leaves = append(leaves, T(c.name))
	}
	return [][]disclosure.Cell{append(lead, groups...), leaves}
}

// sourceFunds are the sources in column order: the funds of the year's income
// (财政拨款, 财政专户管理资金, 单位资金), then 上年结余、结转.
var sourceFunds = func() []budget.FundType {
	var out []budget.FundType
	for _, c := range fiscalColumns {
		out = append(out, c.fund)
	}
	out = append(out, budget.SpecialAccount)
	for _, c := range ownColumns {
		out = append(out, c.fund)
	}
	return append(out, budget.CarryOver)
}()

// sources is an amount split by source, in sourceFunds order.
type sources [10]money.Amount

func (s *sources) addTo(f budget.FundType, a money.Amount) {
	for i, g := range sourceFunds {
		if g == f {
			s[i] += a
			return
		}
	}
}

func (s *sources) add(li *budget.LineItem) { s.addTo(li.Fund, li.Amount) }

func (s *sources) total() money.Amount {
	var t money.Amount
	for _, a := range s {
		t += a
	}
	return t
}

// cells prints the split, led by the 财政拨款 小计 when fiscalSubtotal.
func (s *sources) cells(fiscalSubtotal bool) []disclosure.Cell {
	var cells []disclosure.Cell
	if fiscalSubtotal {
		var fiscal money.Amount
		for i := range fiscalColumns {
			fiscal += s[i]
		}
		cells = append(cells, A(fiscal))
	}
	for _, a := range s {
		cells = append(cells, A(a))
	}
	return cells
}

func sourcesOf(items []*budget.LineItem) *sources {
	var s sources
	for _, li := range items {
		s.add(li)
	}
	return &s
}

// incomeTable2026 builds 表2 收入总表: each unit's income by source, with what it
// carries into next year counted as income of its fund.
func (d *deriver) incomeTable2026() *disclosure.Table {
	t := d.newTable(2, disclosure.IncomeTable, "收入总表")
	t.Wide = true
	t.Columns = append([]disclosure.Column{{Key: "unit", Kind: disclosure.TextCol, Width: 24}, {Key: "total", Kind: disclosure.AmountCol, Width: 12}},
		sourceColumns(false)...)
	top := []disclosure.Cell{{Text: "预算单位", RowSpan: 3}, {Text: "收入总计", RowSpan: 3},
		{Text: "本年收入", ColSpan: len(sourceFunds) - 1}, {Text: "上年结余、结转", RowSpan: 3}}
	h := sourceHeader(nil, false)
	// 上年结余、结转 is not income of the year: it stands beside 本年收入, the whole depth.
	t.Header = [][]disclosure.Cell{top, h[0][:3], h[1]}
	for _, g := range d.groups() {
		s := sourcesOf(g.items)
		for _, c := range d.b.CarryForward {
			if g.units[c.Unit] {
				s.addTo(c.Fund, c.Amount)
			}
		}
		t.Rows = append(t.Rows, disclosure.Row{Kind: g.kind, Cells: append([]disclosure.Cell{T(g.name), A(s.total())}, s.cells(false)...)})
	}
	t.Notes = []string{roundingNote}
	return t
}

// procurementSum is procurement by code: the amount and the shares reserved.
type procurementSum struct{ amount, sme, small money.Amount }

func (p *procurementSum) add(pr budget.Procurement) {
	p.amount += pr.Amount
	p.sme += pr.ReservedSME
	p.small += pr.ReservedSmall
}

// procurementCode is the functional code a purchase is shown under: its own, or
// else the first code (in code order) that its project, or else its unit, spends on,
// so that the codes' rows always add up to their unit's.
func (d *deriver) procurementCode(pr budget.Procurement) string {
	if pr.Functional != "" {
		return pr.Functional
	}
	if c := d.ix.firstCode[pr.Project]; pr.Project != "" && c != "" {
		return c
	}
	return d.ix.firstCode["unit:"+pr.Unit]
}

// procurementByCode sums the procurement of the units by functional code at every
// level; the key "" holds the whole.
func (d *deriver) procurementByCode(units map[string]bool) map[string]*procurementSum {
	out := map[string]*procurementSum{"": {}}
	for _, pr := range d.b.Procurement {
		if !units[pr.Unit] {
			continue
		}
		out[""].add(pr)
		for c := d.procurementCode(pr); c != ""; c = classification.ParentOf(c) {
			if out[c] == nil {
				out[c] = &procurementSum{}
			}
			out[c].add(pr)
		}
	}
	return out
}

// spendingTable2026 builds 表3 支出总表: spending of each unit by functional code and
// kind, and the code's 政府采购 with the shares reserved for small enterprises.
func (d *deriver) spendingTable2026() *disclosure.Table {
	t := d.newTable(3, disclosure.SpendingTable, "支出总表")
	t.Wide = true
	t.Columns = []disclosure.Column{
		{Key: "unit", Kind: disclosure.TextCol, Width: 18},
		{Key: "code", Kind: disclosure.CodeCol, Width: 9},
		{Key: "name", Kind: disclosure.TextCol, Width: 20},
	}
	for _, k := range []string{"total", "basic", "project", "operating_spending", "subsidy", "remit", "procurement", "procurement_sme", "procurement_micro"} {
		t.Columns = append(t.Columns, disclosure.Column{Key: k, Kind: disclosure.AmountCol, Width: 11})
	}
	year := d.year()
	t.Header = [][]disclosure.Cell{
		{{Text: "预算单位", RowSpan: 2}, {Text: "科目编码", RowSpan: 2}, {Text: "科目名称", RowSpan: 2}, {Text: "支出总计", RowSpan: 2},
			{Text: "基本支出", RowSpan: 2}, {Text: "项目支出", RowSpan: 2}, {Text: "事业单位经营支出", RowSpan: 2}, {Text: "对附属单位补助支出", RowSpan: 2},
			{Text: "上缴上级支出", RowSpan: 2}, {Text: year + "政府采购项目", ColSpan: 3}},
		{T("小计"), T("其中：" + year + "政府采购项目中预留给中小企业的项目资金规模"), T("其中：" + year + "政府采购项目中预留给小型、微型企业的项目资金规模")},
	}
	amounts := func(s budget.Split, p *procurementSum) []disclosure.Cell {
		if p == nil {
			p = &procurementSum{}
		}
		return []disclosure.Cell{A(s.Total()), A(s.Basic()), A(s.Project), A(s.Operating), A(s.Subsidy), A(s.Remit), A(p.amount), A(p.sme), A(p.small)}
	}
	for _, g := range d.groups() {
		proc := d.procurementByCode(g.units)
		t.Rows = append(t.Rows, disclosure.Row{Kind: g.kind, Cells: append([]disclosure.Cell{T(g.name), T(""), T("")}, amounts(budget.SplitItems(g.items), proc[""])...)})
		if !g.named {
			continue
		}
		for _, cs := range budget.CodeSums(g.items, classification.Functional) {
			t.Rows = append(t.Rows, disclosure.Row{Code: cs.Code, Cells: append([]disclosure.Cell{
				T(""), T(cs.Code), {Text: d.codeName(classification.Functional, cs.Code), Indent: classification.LevelOf(cs.Code) - 1},
			}, amounts(cs.Split, proc[cs.Code])...)})
		}
	}
	t.Notes = []string{roundingNote}
	return t
}

// classifiedUnits names the row of all classified units together.
const classifiedUnits = "涉密单位（按要求不予公开）"

// basicTable2026 builds 表4 基本支出总表: each unit's basic spending by economic class
// (names only, as printed) and source.
func (d *deriver) basicTable2026() *disclosure.Table {
	t := d.newTable(4, disclosure.BasicTable, "基本支出总表")
	t.Wide = true
	t.Columns = append([]disclosure.Column{{Key: "name", Kind: disclosure.TextCol, Width: 24}, {Key: "total", Kind: disclosure.AmountCol, Width: 11}},
		sourceColumns(true)...)
	t.Header = sourceHeader([]disclosure.Cell{{Text: "支出项目类别", RowSpan: 2}, {Text: "总计", RowSpan: 2}}, true)
	empty := d.b.Sum(budget.Basic) == 0
	for _, g := range d.groups() {
		basic := selectItems(g.items, budget.Basic)
		s := sourcesOf(basic)
		t.Rows = append(t.Rows, disclosure.Row{Kind: g.kind, Cells: append([]disclosure.Cell{T(g.name), A(s.total())}, s.cells(true)...)})
		if !g.named || empty {
			continue
		}
		byCode := map[string]*sources{}
		for _, li := range basic {
			for c := li.Economic; c != ""; c = classification.ParentOf(c) {
				if byCode[c] == nil {
					byCode[c] = &sources{}
				}
				byCode[c].add(li)
			}
		}
		for _, cs := range budget.CodeSums(basic, classification.Economic) {
			t.Rows = append(t.Rows, disclosure.Row{Cells: append([]disclosure.Cell{
				{Text: d.codeName(classification.Economic, cs.Code), Indent: classification.LevelOf(cs.Code)}, A(cs.Total()),
			}, byCode[cs.Code].cells(true)...)})
		}
	}
	t.Notes = []string{roundingNote}
	if empty {
		t.Empty = true
		t.Notes = []string{emptyNote}
	}
	return t
}

// projectTable2026 builds 表5 项目支出总表: each unit's projects by source, in the
// order of their names (byPrintedName); a unit's classified projects, and those of
// classified units, in one row.
func (d *deriver) projectTable2026() *disclosure.Table {
	t := d.newTable(5, disclosure.ProjectTable, "项目支出总表")
	t.Wide = true
	t.Columns = append([]disclosure.Column{{Key: "project", Kind: disclosure.TextCol, Width: 24}, {Key: "total", Kind: disclosure.AmountCol, Width: 11}},
		sourceColumns(false)...)
	h := sourceHeader(nil, false)
	t.Header = [][]disclosure.Cell{
		{{Text: "支出项目类别", RowSpan: 3}, {Text: "总计", RowSpan: 3}, {Text: d.year() + "预算", ColSpan: len(t.Columns) - 2}},
		h[0], h[1],
	}
	projects := append([]budget.Project(nil), d.b.Projects...)
	byPrintedName(projects)
	byProject := map[string]*sources{}
	for i := range d.b.Items {
		if li := &d.b.Items[i]; li.Project != "" {
			if byProject[li.Project] == nil {
				byProject[li.Project] = &sources{}
			}
			byProject[li.Project].add(li)
		}
	}
	for _, g := range d.groups() {
		s := sourcesOf(selectItems(g.items, budget.OfKind(budget.ProjectSp)))
		t.Rows = append(t.Rows, disclosure.Row{Kind: g.kind, Cells: append([]disclosure.Cell{T(g.name), A(s.total())}, s.cells(false)...)})
		if g.kind == disclosure.TotalRow {
			continue
		}
		var hidden sources
		secret := 0
		for _, p := range projects {
			if !g.units[p.Unit] {
				continue
			}
			ps := byProject[p.Code]
			if ps == nil {
				ps = &sources{}
			}
			if d.projectHidden(p) {
				secret++
				for i, a := range ps {
					hidden[i] += a
				}
				continue
			}
			t.Rows = append(t.Rows, disclosure.Row{Cells: append([]disclosure.Cell{{Text: p.DisplayName(), Indent: 1}, A(ps.total())}, ps.cells(false)...)})
		}
		if secret > 0 {
			t.Rows = append(t.Rows, disclosure.Row{Cells: append([]disclosure.Cell{{Text: fmt.Sprintf("涉密项目%d个（按要求不予公开）", secret), Indent: 1}, A(hidden.total())},
				hidden.cells(false)...)})
		}
	}
	t.Notes = []string{roundingNote}
	if len(d.b.Projects) == 0 {
		t.Empty = true
		t.Notes = []string{emptyNote}
	}
	return t
}

// fundTable2026 builds a table of one fiscal fund's spending by code (tables 7, 8, 10
// and 11); carry-over of the fund counts as the fund's.
func (d *deriver) fundTable2026(num int, tk disclosure.TableKind, title string, kind classification.Kind, f budget.FundType) *disclosure.Table {
	t := d.codeShell(num, tk, title, totalBasicProject)
	ofFund := func(li *budget.LineItem) bool { return li.SourceFund() == f }
	// Amounts are never negative, so a zero sum means nothing is spent here.
	empty := d.b.Sum(ofFund) == 0
	for _, g := range d.groups() {
		items := selectItems(g.items, ofFund)
		t.Rows = append(t.Rows, disclosure.Row{Kind: g.kind, Cells: append([]disclosure.Cell{T(g.name), T(""), T("")}, totalBasicProject.cells(budget.SplitItems(items))...)})
		if !g.named || empty {
			continue
		}
		for _, cs := range budget.CodeSums(items, kind) {
			t.Rows = append(t.Rows, disclosure.Row{Code: cs.Code, Cells: append([]disclosure.Cell{
				T(""), T(cs.Code), {Text: d.codeName(kind, cs.Code), Indent: classification.LevelOf(cs.Code) - 1},
			}, totalBasicProject.cells(cs.Split)...)})
		}
	}
	t.Notes = []string{roundingNote}
	if empty {
		t.Empty = true
		t.Notes = []string{emptyNote}
	}
	return t
}

// sanGongTable2026 is the 三公 table of 2024 as 2026 prints it: under 部门名称, each
// unit's name on its first row rather than merged over its three, with the note on
// rounding.
func (d *deriver) sanGongTable2026() *disclosure.Table {
	t := d.sanGongShell()
	t.EntityLabel = "部门名称"
	t.Header[0][3].Text = "因公出国(境)费"
	// 增减变化金额 on one line: a year cell that wraps reads back split.
	t.Columns[1].Width = 13
	for _, g := range d.groups() {
		var last [3]sanGong
		for i, f := range budget.FiscalFunds {
			last[i] = d.sanGongLastYear(func(code string) bool { return g.units[code] }, f)
		}
		rows := d.sanGongRows(g.name, g.kind, sanGongOf(g.items), last)
		rows[0].Cells[0].RowSpan = 0
		for i := 1; i < len(rows); i++ {
			rows[i].Cells = append([]disclosure.Cell{T("")}, rows[i].Cells...)
		}
		t.Rows = append(t.Rows, rows...)
	}
	t.Notes = []string{roundingNote}
	return t
}
