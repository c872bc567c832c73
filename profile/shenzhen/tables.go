package shenzhen

import (
	"fmt"

	"yusuan/budget"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/money"
)

var (
	T = disclosure.T
	A = disclosure.A
)

func (d *deriver) tables() []*disclosure.Table {
	return []*disclosure.Table{
		d.summary(1, disclosure.SummaryTable, "收支总表", budget.All, false),
		d.incomeTable(),
		d.codeTable(3, disclosure.SpendingTable, "支出总表", classification.Functional, budget.All, totalBasicProject),
		d.codeTable(4, disclosure.BasicTable, "基本支出总表", classification.Economic, budget.Basic, totalPersonnelPublic),
		d.projectTable(),
		d.summary(6, disclosure.FiscalSummaryTable, "财政拨款收支总表", budget.Fiscal, true),
		d.codeTable(7, disclosure.GPFunctionalTable, "一般公共预算支出表（按功能分类）", classification.Functional, budget.OfFund(budget.GeneralPublic), totalBasicProject),
		d.codeTable(8, disclosure.GPEconomicTable, "一般公共预算支出表（按经济分类）", classification.Economic, budget.OfFund(budget.GeneralPublic), totalBasicProject),
		d.sanGongTable(),
		d.codeTable(10, disclosure.GovFundTable, "政府性基金预算支出表", classification.Functional, budget.OfFund(budget.GovFund), totalBasicProject),
		d.codeTable(11, disclosure.StateCapitalTable, "国有资本经营预算支出表", classification.Functional, budget.OfFund(budget.StateCapital), totalBasicProject),
		d.performanceTable(),
	}
}

func (d *deriver) newTable(num int, kind disclosure.TableKind, title string) *disclosure.Table {
	return &disclosure.Table{
		Number:      num,
		Kind:        kind,
		Title:       title,
		EntityLabel: "部门名称",
		Entity:      d.subject,
		Unit:        money.UnitWan,
	}
}

// incomeLine is one line of the income side of a 收支总表.
type incomeLine struct {
	name   string
	amount money.Amount
	indent int
}

// fundIncome is this year's income of fund f among the selected items (carry-over is
// not income of the year).
func (d *deriver) fundIncome(sel budget.Filter, f budget.FundType) money.Amount {
	return d.b.Sum(budget.And(sel, budget.OfFund(f)))
}

func fundIncomeName(f budget.FundType) string {
	switch f {
	case budget.GeneralPublic:
		return "一般公共预算资金"
	case budget.GovFund:
		return "政府性基金预算资金"
	case budget.StateCapital:
		return "国有资本经营预算资金"
	}
	return string(f)
}

// summary builds 表1 收支总表 (all funds) or 表6 财政拨款收支总表 (fiscal funds only).
func (d *deriver) summary(num int, kind disclosure.TableKind, title string, sel budget.Filter, fiscalOnly bool) *disclosure.Table {
	t := d.summaryShell(num, kind, title)
	var income []incomeLine
	var gov money.Amount
	for _, f := range budget.FiscalFunds {
		gov += d.fundIncome(sel, f)
	}
	if gov != 0 || fiscalOnly {
		income = append(income, incomeLine{"政府预算资金", gov, 0})
		for _, f := range budget.FiscalFunds {
			if a := d.fundIncome(sel, f); a != 0 {
				income = append(income, incomeLine{fundIncomeName(f), a, 1}, incomeLine{fundIncomeName(f), a, 2})
			}
		}
	}
	if !fiscalOnly {
		if a := d.fundIncome(sel, budget.SpecialAccount); a != 0 {
			income = append(income, incomeLine{"财政专户管理资金", a, 0})
		}
		own := []budget.FundType{budget.BusinessIncome, budget.OperatingIncome, budget.OtherIncome}
		var ownSum money.Amount
		for _, f := range own {
			ownSum += d.fundIncome(sel, f)
		}
		if ownSum != 0 {
			income = append(income, incomeLine{"单位资金", ownSum, 0})
			for _, f := range own {
				if a := d.fundIncome(sel, f); a != 0 {
					income = append(income, incomeLine{string(f), a, 1})
				}
			}
		}
	}

	var spending []incomeLine
	for _, cs := range d.b.ByCode(classification.Functional, sel) {
		spending = append(spending, incomeLine{d.codeName(classification.Functional, cs.Code), cs.Total(), classification.LevelOf(cs.Code) - 1})
	}
	twoSided(t, income, spending)

	var yearIncome money.Amount
	for _, l := range income {
		if l.indent == 0 {
			yearIncome += l.amount
		}
	}
	carry := d.b.Sum(budget.And(sel, budget.OfFund(budget.CarryOver)))
	spent := d.b.Sum(sel)
	t.Rows = append(t.Rows,
		disclosure.Row{Kind: disclosure.TotalRow, Cells: []disclosure.Cell{T("本年收入合计"), A(yearIncome), T("本年支出合计"), A(spent)}},
		disclosure.Row{Cells: []disclosure.Cell{T("上年结余、结转"), A(carry), T("结转下年"), A(0)}},
	)
	isCarry := budget.And(sel, budget.OfFund(budget.CarryOver))
	if fiscalOnly {
		for i, f := range budget.FiscalFunds {
			a := d.b.Sum(budget.And(isCarry, func(li *budget.LineItem) bool { return li.SourceFund() == f }))
			name := map[budget.FundType]string{
				budget.GeneralPublic: "一般公共预算拨款结余、结转",
				budget.GovFund:       "政府性基金预算拨款结余、结转",
				budget.StateCapital:  "国有资本经营预算拨款结余、结转",
			}[f]
			t.Rows = append(t.Rows, disclosure.Row{Cells: []disclosure.Cell{{Text: fmt.Sprintf("%d. %s", i+1, name), Indent: 1}, A(a), T(""), T("")}})
		}
	} else {
		fiscalCarry := d.b.Sum(budget.And(isCarry, budget.Fiscal))
		t.Rows = append(t.Rows,
			disclosure.Row{Cells: []disclosure.Cell{{Text: "1. 财政拨款结余、结转", Indent: 1}, A(fiscalCarry), T(""), T("")}},
			disclosure.Row{Cells: []disclosure.Cell{{Text: "2. 非财政拨款结余、结转", Indent: 1}, A(carry - fiscalCarry), T(""), T("")}},
		)
	}
	t.Rows = append(t.Rows, disclosure.Row{Kind: disclosure.TotalRow, Cells: []disclosure.Cell{
		T("收入总计"), A(yearIncome + carry), T("支出总计"), A(spent),
	}})
	if !fiscalOnly {
		t.Notes = []string{"注：财政拨款收支情况包括一般公共预算、政府性基金预算、国有资本经营预算拨款收支情况。"}
	}
	t.Notes = append(t.Notes, "本套报表金额单位转换时可能存在尾数误差。")
	return t
}

// incomeTable builds 表2 收入总表: each unit's income by fund.
func (d *deriver) incomeTable() *disclosure.Table {
	t := d.newTable(2, disclosure.IncomeTable, "收入总表")
	t.Wide = true
	// The 2024 table has its own columns; FundTypes has grown since.
	funds := []budget.FundType{budget.GeneralPublic, budget.GovFund, budget.StateCapital, budget.SpecialAccount,
		budget.BusinessIncome, budget.OperatingIncome, budget.OtherIncome, budget.CarryOver}
	t.Columns = []disclosure.Column{{Key: "unit", Kind: disclosure.TextCol, Width: 28}, {Key: "total", Kind: disclosure.AmountCol, Width: 12}}
	for _, f := range funds {
		t.Columns = append(t.Columns, disclosure.Column{Key: f.Key(), Kind: disclosure.AmountCol, Width: 11})
	}
	t.Header = [][]disclosure.Cell{
		{{Text: "预算单位", RowSpan: 2}, {Text: "合计", RowSpan: 2}, {Text: "政府预算资金", ColSpan: 3}, {Text: "财政专户管理资金", RowSpan: 2}, {Text: "单位资金", ColSpan: 3}, {Text: "上年结转", RowSpan: 2}},
		{T("一般公共预算"), T("政府性基金"), T("国有资本经营"), T("事业收入"), T("事业单位经营收入"), T("其他收入")},
	}
	row := func(name string, sel budget.Filter, kind disclosure.RowKind) disclosure.Row {
		cells := []disclosure.Cell{T(name), A(d.b.Sum(sel))}
		for _, f := range funds {
			cells = append(cells, A(d.b.Sum(budget.And(sel, budget.OfFund(f)))))
		}
		return disclosure.Row{Kind: kind, Cells: cells}
	}
	d.perUnit(t, func(name string, sel budget.Filter, kind disclosure.RowKind) {
		t.Rows = append(t.Rows, row(name, sel, kind))
	})
	return t
}

// perUnit calls add for the department total (when there is more than one row to
// add up), for each unit that may be named, and once for all classified units together.
func (d *deriver) perUnit(t *disclosure.Table, add func(name string, sel budget.Filter, kind disclosure.RowKind)) {
	visible, classified := d.visibleUnits()
	if len(visible)+classified > 1 {
		// The 2026 documents print the department's name here; 合计 is what readers
		// and checks know as the total, so both formats print it.
		add("合计", budget.All, disclosure.TotalRow)
	}
	// Each unit's row sums over a copy of the budget with the unit's items alone.
	whole, units := d.b, d.b.ByUnit()
	for _, u := range visible {
		d.b = units[u.Code]
		add(u.Name, budget.OfUnit(u.Code), disclosure.GroupRow)
	}
	d.b = whole
	if classified > 0 {
		add("涉密单位（按要求不予公开）", func(li *budget.LineItem) bool { return d.b.Unit(li.Unit).Classified }, disclosure.GroupRow)
	}
}

// columnsOf says which three amounts a code table shows for a split.
type columnsOf struct {
	keys   [3]string
	names  [3]string
	values func(budget.Split) [3]money.Amount
}

var (
	totalBasicProject = columnsOf{
		keys:   [3]string{"total", "basic", "project"},
		names:  [3]string{"支出总计", "基本支出", "项目支出"},
		values: func(s budget.Split) [3]money.Amount { return [3]money.Amount{s.Total(), s.Basic(), s.Project} },
	}
	totalPersonnelPublic = columnsOf{
		keys:   [3]string{"total", "personnel", "public"},
		names:  [3]string{"合计", "人员经费", "公用经费"},
		values: func(s budget.Split) [3]money.Amount { return [3]money.Amount{s.Total(), s.Personnel, s.Public} },
	}
)

// cells prints the three amounts of a split.
func (c columnsOf) cells(s budget.Split) []disclosure.Cell {
	v := c.values(s)
	return []disclosure.Cell{A(v[0]), A(v[1]), A(v[2])}
}

// codeShell is a table of spending by code without rows: unit, code, name and the
// three amounts.
func (d *deriver) codeShell(num int, tk disclosure.TableKind, title string, cols columnsOf) *disclosure.Table {
	t := d.newTable(num, tk, title)
	t.Columns = []disclosure.Column{
		{Key: "unit", Kind: disclosure.TextCol, Width: 20},
		{Key: "code", Kind: disclosure.CodeCol, Width: 9},
		{Key: "name", Kind: disclosure.TextCol, Width: 24},
		{Key: cols.keys[0], Kind: disclosure.AmountCol, Width: 12},
		{Key: cols.keys[1], Kind: disclosure.AmountCol, Width: 12},
		{Key: cols.keys[2], Kind: disclosure.AmountCol, Width: 12},
	}
	t.Header = [][]disclosure.Cell{{T("预算单位"), T("科目编码"), T("科目名称"), T(cols.names[0]), T(cols.names[1]), T(cols.names[2])}}
	return t
}

// codeTable builds a table of spending by classification code with three amount
// columns: tables 3, 4, 7, 8, 10 and 11.
func (d *deriver) codeTable(num int, tk disclosure.TableKind, title string, kind classification.Kind, sel budget.Filter, cols columnsOf) *disclosure.Table {
	t := d.codeShell(num, tk, title, cols)
	amounts := cols.cells
	// Amounts are never negative, so a zero sum means nothing is spent here.
	empty := d.b.Sum(sel) == 0
	d.perUnit(t, func(name string, unitSel budget.Filter, rowKind disclosure.RowKind) {
		s := budget.And(sel, unitSel)
		t.Rows = append(t.Rows, disclosure.Row{Kind: rowKind, Cells: append([]disclosure.Cell{T(name), T(""), T("")}, amounts(d.b.SplitOf(s))...)})
		if rowKind == disclosure.TotalRow || name == "涉密单位（按要求不予公开）" || empty {
			return
		}
		for _, cs := range d.b.ByCode(kind, s) {
			t.Rows = append(t.Rows, disclosure.Row{Code: cs.Code, Cells: append([]disclosure.Cell{
				T(""), T(cs.Code), {Text: d.codeName(kind, cs.Code), Indent: classification.LevelOf(cs.Code) - 1},
			}, amounts(cs.Split)...)})
		}
	})
	if empty {
		t.Empty = true
		t.Notes = []string{fmt.Sprintf("注：本部门%d年无%s，故本表为空表。", d.b.Year, emptySubject(title))}
	}
	return t
}

// emptySubject names what an empty table would have shown.
func emptySubject(title string) string {
	switch title {
	case "政府性基金预算支出表":
		return "政府性基金预算支出"
	case "国有资本经营预算支出表":
		return "国有资本经营预算支出"
	case "一般公共预算支出表（按功能分类）", "一般公共预算支出表（按经济分类）":
		return "一般公共预算支出"
	case "基本支出总表":
		return "基本支出"
	}
	return title + "数据"
}

func (d *deriver) hasItems(sel budget.Filter) bool {
	for i := range d.b.Items {
		if sel(&d.b.Items[i]) {
			return true
		}
	}
	return false
}

// projectTable builds 表5 项目支出总表: each project by fund.
func (d *deriver) projectTable() *disclosure.Table {
	t := d.newTable(5, disclosure.ProjectTable, "项目支出总表")
	t.Wide = true
	t.Columns = []disclosure.Column{
		{Key: "unit", Kind: disclosure.TextCol, Width: 20},
		{Key: "project", Kind: disclosure.TextCol, Width: 28},
		{Key: "category", Kind: disclosure.TextCol, Width: 10},
		{Key: "total", Kind: disclosure.AmountCol, Width: 12},
		{Key: "general", Kind: disclosure.AmountCol, Width: 12},
		{Key: "gov_fund", Kind: disclosure.AmountCol, Width: 11},
		{Key: "state_capital", Kind: disclosure.AmountCol, Width: 11},
		{Key: "other", Kind: disclosure.AmountCol, Width: 11},
	}
	t.Header = [][]disclosure.Cell{
		{{Text: "预算单位", RowSpan: 2}, {Text: "项目名称", RowSpan: 2}, {Text: "项目类别", RowSpan: 2}, {Text: "合计", RowSpan: 2}, {Text: "财政拨款", ColSpan: 3}, {Text: "其他资金", RowSpan: 2}},
		{T("一般公共预算"), T("政府性基金"), T("国有资本经营")},
	}
	amounts := func(b *budget.Budget, sel budget.Filter) []disclosure.Cell {
		total := b.Sum(sel)
		gp := b.Sum(budget.And(sel, budget.OfFund(budget.GeneralPublic)))
		gf := b.Sum(budget.And(sel, budget.OfFund(budget.GovFund)))
		sc := b.Sum(budget.And(sel, budget.OfFund(budget.StateCapital)))
		return []disclosure.Cell{A(total), A(gp), A(gf), A(sc), A(total - gp - gf - sc)}
	}
	projects := budget.OfKind(budget.ProjectSp)
	t.Rows = append(t.Rows, disclosure.Row{Kind: disclosure.TotalRow, Cells: append([]disclosure.Cell{T("合计"), T(""), T("")}, amounts(d.b, projects)...)})
	secret := 0
	units := d.b.ByUnit() // a project's items are all its unit's: sum over those alone
	for _, p := range d.b.Projects {
		if d.projectHidden(p) {
			secret++
			continue
		}
		unit, own := d.b.Unit(p.Unit), units[p.Unit]
		if own == nil {
			own = d.b
		}
		code := p.Code
		t.Rows = append(t.Rows, disclosure.Row{Cells: append([]disclosure.Cell{T(unit.Name), T(p.Name), T(p.Category)},
			amounts(own, func(li *budget.LineItem) bool { return li.Project == code })...)})
	}
	if secret > 0 {
		t.Rows = append(t.Rows, disclosure.Row{Cells: append([]disclosure.Cell{T(""), T(fmt.Sprintf("涉密项目%d个（按要求不予公开）", secret)), T("")},
			amounts(d.b, func(li *budget.LineItem) bool { return li.Kind == budget.ProjectSp && d.b.Classified(li) })...)})
	}
	if len(d.b.Projects) == 0 {
		t.Empty = true
		t.Notes = []string{fmt.Sprintf("注：本部门%d年无项目支出，故本表为空表。", d.b.Year)}
	}
	return t
}

// projectHidden reports whether a project may not be named: it is classified or
// belongs to a classified unit.
func (d *deriver) projectHidden(p budget.Project) bool {
	if p.Classified {
		return true
	}
	u := d.b.Unit(p.Unit)
	return u != nil && u.Classified
}
