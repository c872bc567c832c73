package shanghai

import (
	"fmt"
	"sort"

	"yusuan/budget"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/money"
)

// finalClasses are the functional 类 that the 决算 template's two summary tables
// (1 and 4) list whether or not they have money, in its order and wording. A 类
// outside the list is printed at its code's place.
var finalClasses = []struct{ code, name string }{
	{"201", "一般公共服务支出"}, {"202", "外交支出"}, {"203", "国防支出"}, {"204", "公共安全支出"},
	{"205", "教育支出"}, {"206", "科学技术支出"}, {"207", "文化旅游体育与传媒支出"}, {"208", "社会保障和就业支出"},
	{"210", "卫生健康支出"}, {"211", "节能环保支出"}, {"212", "城乡社区支出"}, {"213", "农林水支出"},
	{"214", "交通运输支出"}, {"215", "资源勘探工业信息等支出"}, {"216", "商业服务业等支出"}, {"217", "金融支出"},
	{"219", "援助其他地区支出"}, {"220", "自然资源海洋气象等支出"}, {"221", "住房保障支出"}, {"222", "粮油物资储备支出"},
	{"223", "国有资本经营预算支出"}, {"224", "灾害防治及应急管理支出"}, {"229", "其他支出"}, {"231", "债务还本支出"},
	{"232", "债务付息支出"}, {"234", "抗疫特别国债安排的支出"},
}

// The economic 款 that the template's 基本支出决算表 lists on its left half
// (人员经费: 301, 303) and its right half (公用经费: 302, 310), printed or not.
var (
	personnelCodes = []string{"301", "30101", "30102", "30103", "30106", "30107", "30108", "30109", "30110", "30111",
		"30112", "30113", "30114", "30199", "303", "30301", "30302", "30303", "30304", "30305", "30307", "30308",
		"30309", "30310", "30311", "30399"}
	publicCodes = []string{"302", "30201", "30202", "30203", "30204", "30205", "30206", "30207", "30208", "30209",
		"30211", "30212", "30213", "30214", "30215", "30216", "30217", "30218", "30224", "30225", "30226", "30227",
		"30228", "30229", "30231", "30239", "30240", "30299", "310", "31001", "31002", "31003", "31007", "31013",
		"31019", "31021", "31022", "31099"}
)

// cent is the least printed step of a 万元 table: 0.01 万元.
const cent = money.Wan / 100

// printed is a rounded to the 0.01 万元 a table prints.
func printed(a money.Amount) money.Amount { return a.Round(cent) }

// tables builds the nine tables of the 决算.
func (d *finalDeriver) tables() []*disclosure.Table {
	out := []*disclosure.Table{
		d.summaryTable(), d.incomeTable(), d.spendingTable(), d.fiscalSummaryTable(), d.gpTable(),
		d.basicTable(), d.sanGongTable(), d.fundTable(8, budget.GovFund), d.fundTable(9, budget.StateCapital),
	}
	desc := finalFormat()
	for i, t := range out {
		t.Number, t.Kind, t.Title = i+1, FinalTables[i].Kind, FinalTables[i].Title
		// The description's title, when it is loaded: the one account of the format.
		if desc != nil {
			if dt := desc.Table(t.Kind); dt != nil {
				t.Title = dt.Title
			}
		}
		t.Unit, t.Unlabeled = money.UnitWan, true
	}
	return out
}

func span(s string, cols, rows int) disclosure.Cell {
	return disclosure.Cell{Text: s, ColSpan: cols, RowSpan: rows}
}

// classRows are the 类 rows of tables 1 and 4: the template's list and any other 类
// with money, numbered in order.
func (d *finalDeriver) classRows(amounts func(class string) []money.Amount) [][]disclosure.Cell {
	type class struct{ code, name string }
	var list []class
	known := map[string]bool{}
	for _, c := range finalClasses {
		list = append(list, class{c.code, c.name})
		known[c.code] = true
	}
	for _, cs := range d.act.ByCode(classification.Functional, budget.All) {
		if classification.LevelOf(cs.Code) == 1 && !known[cs.Code] {
			list = append(list, class{cs.Code, d.codeName(classification.Functional, cs.Code)})
			known[cs.Code] = true
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].code < list[j].code })
	out := make([][]disclosure.Cell, len(list))
	for i, c := range list {
		out[i] = []disclosure.Cell{T(disclosure.ChineseNumber(i+1) + "、" + c.name)}
		for _, a := range amounts(c.code) {
			out[i] = append(out[i], A(a))
		}
	}
	return out
}

// pairRows sets two sides of rows next to each other, the shorter side padded with
// empty cells.
func pairRows(left, right [][]disclosure.Cell, leftWidth, rightWidth int) []disclosure.Row {
	var rows []disclosure.Row
	for i := 0; i < len(left) || i < len(right); i++ {
		var cells []disclosure.Cell
		if i < len(left) {
			cells = append(cells, left[i]...)
		} else {
			for range leftWidth {
				cells = append(cells, T(""))
			}
		}
		if i < len(right) {
			cells = append(cells, right[i]...)
		} else {
			for range rightWidth {
				cells = append(cells, T(""))
			}
		}
		rows = append(rows, disclosure.Row{Cells: cells})
	}
	return rows
}

// summaryTable is 表1 收入支出决算总表: income by source and spending by 类, then the
// totals and carry-overs of both sides.
func (d *finalDeriver) summaryTable() *disclosure.Table {
	t := &disclosure.Table{
		Columns: []disclosure.Column{text("income_item", 26), amount("income"), text("spending_item", 26), amount("spending")},
		Header: [][]disclosure.Cell{
			{span("收入", 2, 1), span("支出", 2, 1)},
			{T("项目"), T("决算数"), T("项目"), T("决算数")},
		},
	}
	in := func(src ...budget.FundType) money.Amount { return d.income(incomeFrom(src...)) }
	income := [][]disclosure.Cell{
		{T("一、一般公共预算财政拨款收入"), A(in(budget.GeneralPublic))},
		{T("二、政府性基金预算财政拨款收入"), A(in(budget.GovFund))},
		{T("三、国有资本经营预算财政拨款收入"), A(in(budget.StateCapital))},
		{T("四、上级补助收入"), A(in(budget.SuperiorSubsidy))},
		{T("五、事业收入"), A(in(budget.BusinessIncome))},
		{T("六、经营收入"), A(in(budget.OperatingIncome))},
		{T("七、附属单位上缴收入"), A(in(budget.AffiliateRemit))},
		{T("八、其他收入"), A(in(budget.OtherIncome, budget.SpecialAccount))},
	}
	spending := d.classRows(func(class string) []money.Amount {
		return []money.Amount{d.actual(functionalClass(class))}
	})
	t.Rows = pairRows(income, spending, 2, 2)
	thisIncome, thisSpending := d.income(allIncome), d.actual(budget.All)
	use, carryIn := carries(d.f.UseBalance), carries(d.f.CarryIn)
	dist, carryOut := carries(d.f.Distribution), carries(d.f.CarryOut)
	t.Rows = append(t.Rows,
		disclosure.Row{Cells: []disclosure.Cell{T("本年收入合计"), A(thisIncome), T("本年支出合计"), A(thisSpending)}},
		disclosure.Row{Cells: []disclosure.Cell{T("使用非财政拨款结余（含专用结余）"), A(use), T("结余分配"), A(dist)}},
		disclosure.Row{Cells: []disclosure.Cell{T("年初结转和结余"), A(carryIn), T("年末结转和结余"), A(carryOut)}},
		disclosure.Row{Kind: disclosure.TotalRow, Cells: []disclosure.Cell{T("总计"), A(thisIncome + use + carryIn), T("总计"), A(thisSpending + dist + carryOut)}},
	)
	return t
}

// codeValues are a code table's amounts by 7-digit functional code.
type codeValues map[string][]money.Amount

// add adds vs to the code's amounts.
func (c codeValues) add(code string, vs ...money.Amount) {
	cur := c[code]
	if cur == nil {
		cur = make([]money.Amount, len(vs))
	}
	for i, v := range vs {
		cur[i] += v
	}
	c[code] = cur
}

// codeRows lays out a code table's rows: each 类, its 款 and their 项 in code order,
// a 项 printing its amounts rounded and a 类 or 款 the sum of its printed 项, as the
// 决算 system adds up its tables (Putuo 2024: 社会保障和就业支出 326.72 in the code
// tables, of 项 that print 84.65, 160.75, 80.38 and 0.94, but 326.71 in 表1 and 表4,
// which round the class's exact amount). Rows with no money are left out. total is
// the exact total of every column. A 项's total column (sum, when not negative)
// prints the sum of its printed parts (the columns after it up to the end, or the
// ones parts lists), so that every row adds up as printed.
func (d *finalDeriver) codeRows(vals codeValues, width, sum int, parts ...int) (rows []disclosure.Row, total []money.Amount) {
	total = make([]money.Amount, width)
	parents := map[string][]money.Amount{}
	shown := map[string][]money.Amount{}
	var items []string
	for code, vs := range vals {
		nonZero := false
		p := make([]money.Amount, width)
		for i, v := range vs {
			total[i] += v
			p[i] = printed(v)
			nonZero = nonZero || p[i] != 0
		}
		if !nonZero {
			continue
		}
		if sum >= 0 {
			p[sum] = 0
			for _, i := range parts {
				p[sum] += p[i]
			}
		}
		shown[code] = p
		items = append(items, code)
		for _, parent := range []string{code[:3], code[:5]} {
			if parents[parent] == nil {
				parents[parent] = make([]money.Amount, width)
			}
			for i, v := range p {
				parents[parent][i] += v
			}
		}
	}
	sort.Strings(items)
	row := func(code string, vs []money.Amount) disclosure.Row {
		cells := append(codeCells(code, 3), T(d.codeName(classification.Functional, code)))
		for _, v := range vs {
			cells = append(cells, A(printed(v)))
		}
		return disclosure.Row{Code: code, Cells: cells}
	}
	done := map[string]bool{}
	for _, code := range items {
		for _, p := range []string{code[:3], code[:5]} {
			if !done[p] {
				done[p] = true
				rows = append(rows, row(p, parents[p]))
			}
		}
		rows = append(rows, row(code, shown[code]))
	}
	return rows, total
}

// totalRow is a code table's 合计 row: the exact totals, each rounded on its own.
func totalRow(total []money.Amount) disclosure.Row {
	// 合计 spans the code and name columns, as the template prints it.
	cells := []disclosure.Cell{span("合计", 4, 1)}
	for _, v := range total {
		cells = append(cells, A(v))
	}
	return disclosure.Row{Kind: disclosure.TotalRow, Cells: cells}
}

// codeHeader is the header of a code table: 项目 over the codes and name, then the
// amount columns, each spanning the three header rows unless groups say otherwise.
func codeHeader(amounts ...disclosure.Cell) [][]disclosure.Cell {
	return [][]disclosure.Cell{
		append([]disclosure.Cell{span("项目", 4, 1)}, amounts...),
		{span("功能分类科目编码", 3, 1), span("科目名称", 1, 2)},
		{T("类"), T("款"), T("项")},
	}
}

func codeColumns(amounts ...string) []disclosure.Column {
	cols := []disclosure.Column{code("code_class"), code("code_section"), code("code_item"), text("name", 30)}
	for _, k := range amounts {
		cols = append(cols, amount(k))
	}
	return cols
}

func tall(s string) disclosure.Cell { return span(s, 1, 3) }

// incomeTable is 表2 收入决算表: the year's income by functional code and source,
// 合计 first.
func (d *finalDeriver) incomeTable() *disclosure.Table {
	keys := []string{"fiscal", "superior", "business", "operating", "affiliated", "other"}
	t := &disclosure.Table{
		Columns: codeColumns(append([]string{"total"}, keys...)...),
		Header: codeHeader(tall("本年收入合计"), tall("财政拨款收入"), tall("上级补助收入"), tall("事业收入"),
			tall("经营收入"), tall("附属单位上缴收入"), tall("其他收入")),
		Wide: true,
	}
	vals := codeValues{}
	for _, in := range d.f.Income {
		vs := make([]money.Amount, len(keys)+1)
		vs[0] = in.Amount
		for i, k := range keys {
			if incomeKey(in.Source) == k {
				vs[i+1] = in.Amount
			}
		}
		vals.add(in.Functional, vs...)
	}
	rows, total := d.codeRows(vals, len(keys)+1, 0, 1, 2, 3, 4, 5, 6)
	t.Rows = append([]disclosure.Row{totalRow(total)}, rows...)
	return t
}

// spendingValues are the 决算数 of the items f selects by 7-digit code, in the
// columns the values function gives of each item's split.
func (d *finalDeriver) spendingValues(f budget.Filter, values func(budget.Split) []money.Amount) codeValues {
	vals := codeValues{}
	for _, cs := range d.act.ByCode(classification.Functional, f) {
		if classification.LevelOf(cs.Code) == 3 {
			vals.add(cs.Code, values(cs.Split)...)
		}
	}
	return vals
}

// spendingTable is 表3 支出决算表: spending by functional code and kind, 合计 first.
func (d *finalDeriver) spendingTable() *disclosure.Table {
	t := &disclosure.Table{
		Columns: codeColumns("total", "basic", "project", "remit", "operating_spending", "subsidy"),
		Header: codeHeader(tall("本年支出合计"), tall("基本支出"), tall("项目支出"), tall("上缴上级支出"),
			tall("经营支出"), tall("对附属单位补助支出")),
		Wide: true,
	}
	vals := d.spendingValues(budget.All, func(s budget.Split) []money.Amount {
		return []money.Amount{s.Total(), s.Basic(), s.Project, s.Remit, s.Operating, s.Subsidy}
	})
	rows, total := d.codeRows(vals, 6, 0, 1, 2, 3, 4, 5)
	t.Rows = append([]disclosure.Row{totalRow(total)}, rows...)
	return t
}

// fiscalSummaryTable is 表4 财政拨款收入支出决算总表: fiscal income by fund and the
// fiscal carry-overs, fiscal spending by 类 and fund.
func (d *finalDeriver) fiscalSummaryTable() *disclosure.Table {
	t := &disclosure.Table{
		Columns: []disclosure.Column{text("income_item", 24), amount("income"), text("spending_item", 24), amount("spending"),
			amount("general"), amount("gov_fund"), amount("state_capital")},
		Header: [][]disclosure.Cell{
			{span("收入", 2, 1), span("支出", 5, 1)},
			{T("项目"), T("决算数"), T("项目"), T("合计"), T("一般公共预算财政拨款"), T("政府性基金预算财政拨款"), T("国有资本经营预算财政拨款")},
		},
		Wide: true,
	}
	funds := budget.FiscalFunds
	names := []string{"一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "三、国有资本经营预算财政拨款"}
	var income [][]disclosure.Cell
	for i, f := range funds {
		income = append(income, []disclosure.Cell{T(names[i]), A(d.income(incomeFrom(f)))})
	}
	spending := d.classRows(func(class string) []money.Amount {
		out := []money.Amount{d.actual(budget.And(budget.Fiscal, functionalClass(class)))}
		for _, f := range funds {
			out = append(out, d.actual(budget.And(fromFund(f), functionalClass(class))))
		}
		return out
	})
	t.Rows = pairRows(income, spending, 2, 5)
	byFund := func(each func(budget.FundType) money.Amount) []disclosure.Cell {
		var sum money.Amount
		var cells []disclosure.Cell
		for _, f := range funds {
			sum += each(f)
			cells = append(cells, A(each(f)))
		}
		return append([]disclosure.Cell{A(sum)}, cells...)
	}
	spent := func(f budget.FundType) money.Amount { return d.actual(fromFund(f)) }
	out := func(f budget.FundType) money.Amount { return carries(d.f.CarryOut, f) }
	thisIncome := d.income(fiscalIncome)
	carryIn := carries(d.f.CarryIn, funds...)
	blank := []disclosure.Cell{T(""), T(""), T(""), T(""), T("")}
	t.Rows = append(t.Rows,
		disclosure.Row{Cells: append([]disclosure.Cell{T("本年收入合计"), A(thisIncome), T("本年支出合计")}, byFund(spent)...)},
		disclosure.Row{Cells: append([]disclosure.Cell{T("年初财政拨款结转和结余"), A(carryIn), T("年末财政拨款结转和结余")}, byFund(out)...)},
	)
	for i, f := range funds {
		t.Rows = append(t.Rows, disclosure.Row{Cells: append([]disclosure.Cell{T(names[i]), A(carries(d.f.CarryIn, f))}, blank...)})
	}
	total := func(f budget.FundType) money.Amount { return spent(f) + out(f) }
	t.Rows = append(t.Rows, disclosure.Row{Kind: disclosure.TotalRow,
		Cells: append([]disclosure.Cell{T("总计"), A(thisIncome + carryIn), T("总计")}, byFund(total)...)})
	return t
}

// gpTable is 表5 一般公共预算财政拨款支出决算表, 合计 last.
func (d *finalDeriver) gpTable() *disclosure.Table {
	t := &disclosure.Table{
		Columns: codeColumns("total", "basic", "project"),
		Header:  codeHeader(tall("合计"), tall("基本支出"), tall("项目支出")),
	}
	vals := d.spendingValues(fromFund(budget.GeneralPublic), func(s budget.Split) []money.Amount {
		return []money.Amount{s.Total(), s.Basic(), s.Project + s.Remit + s.Operating + s.Subsidy}
	})
	rows, total := d.codeRows(vals, 3, 0, 1, 2)
	t.Rows = append(rows, totalRow(total))
	d.gpClasses, d.gpItems = nil, map[string]money.Amount{}
	for _, r := range rows {
		switch len(r.Code) {
		case 3:
			d.gpClasses = append(d.gpClasses, printedClass{r.Code, *r.Cells[4].Amount})
		case 7:
			d.gpItems[r.Code] = *r.Cells[4].Amount
		}
	}
	return t
}

// basicTable is 表6 一般公共预算财政拨款基本支出决算表: the economic 类 and 款 in two
// halves side by side, 人员经费 (301, 303) on the left and 公用经费 (302, 310 and any
// other class) on the right, every 款 of the template listed; each cell rounds its
// exact amount.
func (d *finalDeriver) basicTable() *disclosure.Table {
	t := &disclosure.Table{
		Columns: []disclosure.Column{code("code_class"), code("code_section"), text("name", 22), amount("personnel"),
			code("code_class_2"), code("code_section_2"), text("name_2", 22), amount("public")},
		Header: [][]disclosure.Cell{
			{span("经济分类科目编码", 2, 1), span("科目名称", 1, 2), span("决算数", 1, 2),
				span("经济分类科目编码", 2, 1), span("科目名称", 1, 2), span("决算数", 1, 2)},
			{T("类"), T("款"), T("类"), T("款")},
		},
		Wide: true,
	}
	sel := budget.And(fromFund(budget.GeneralPublic), budget.Basic)
	sums := map[string]money.Amount{}
	for _, cs := range d.act.ByCode(classification.Economic, sel) {
		sums[cs.Code] = cs.Total()
	}
	personnel, public := append([]string(nil), personnelCodes...), append([]string(nil), publicCodes...)
	listed := map[string]bool{}
	for _, c := range append(personnelCodes, publicCodes...) {
		listed[c] = true
	}
	for code, a := range sums {
		if listed[code] || a == 0 {
			continue
		}
		if code[:3] == "301" || code[:3] == "303" {
			personnel = append(personnel, code)
		} else {
			public = append(public, code)
		}
		listed[code] = true
	}
	// A 类 of another code than the template's joins the right half with its 款.
	for code := range listed {
		if len(code) == 5 && !listed[code[:3]] {
			public = append(public, code[:3])
			listed[code[:3]] = true
		}
	}
	sort.Strings(personnel)
	sort.Strings(public)
	half := func(codes []string) [][]disclosure.Cell {
		var out [][]disclosure.Cell
		for _, c := range codes {
			out = append(out, append(codeCells(c, 2), T(d.codeName(classification.Economic, c)), A(sums[c])))
		}
		return out
	}
	t.Rows = pairRows(half(personnel), half(public), 4, 4)
	pers := d.actual(budget.And(sel, budget.OfKind(budget.Personnel)))
	pub := d.actual(budget.And(sel, budget.OfKind(budget.Public)))
	t.Rows = append(t.Rows, disclosure.Row{Kind: disclosure.TotalRow, Cells: []disclosure.Cell{
		span("人员经费合计", 3, 1), A(pers), span("公用经费合计", 3, 1), A(pub)}})
	return t
}

// finalSanGong is the 三公 决算数: the Final block's lines when given, else the line
// items' 决算数 in the 三公 codes from 财政拨款.
func (d *finalDeriver) finalSanGong() sanGong {
	if len(d.f.SanGong) == 0 {
		return sumSanGong(d.act)
	}
	var s sanGong
	for _, l := range d.f.SanGong {
		s.Abroad += l.Abroad
		s.Reception += l.Reception
		s.CarPurchase += l.CarPurchase
		s.CarRunning += l.CarRunning
	}
	return s
}

// sumSanGong adds the 三公 of b's items from 财政拨款.
func sumSanGong(b *budget.Budget) sanGong {
	return sanGong{
		Abroad:      b.Sum(budget.And(budget.Fiscal, abroadCodes)),
		Reception:   b.Sum(budget.And(budget.Fiscal, receptionCodes)),
		CarPurchase: b.Sum(budget.And(budget.Fiscal, carPurchaseCodes)),
		CarRunning:  b.Sum(budget.And(budget.Fiscal, carRunningCodes)),
	}
}

// sanGongTable is 表7 财政拨款“三公”经费支出决算表: each part's 预算数 (the 年初预算
// of the line items in its codes) and 决算数, in one row.
func (d *finalDeriver) sanGongTable() *disclosure.Table {
	t := &disclosure.Table{
		Columns: []disclosure.Column{amount("budget.total"), amount("total"), amount("budget.abroad"), amount("abroad"),
			amount("budget.car"), amount("car"), amount("budget.car_purchase"), amount("car_purchase"),
			amount("budget.car_running"), amount("car_running"), amount("budget.reception"), amount("reception")},
		Header: [][]disclosure.Cell{
			{span("财政拨款“三公”经费", 12, 1)},
			{span("合计", 2, 2), span("因公出国（境）费", 2, 2), span("公务用车购置及运行费", 6, 1), span("公务接待费", 2, 2)},
			{span("小计", 2, 1), span("公务用车购置费", 2, 1), span("公务用车运行费", 2, 1)},
			{T("预算数"), T("决算数"), T("预算数"), T("决算数"), T("预算数"), T("决算数"), T("预算数"), T("决算数"), T("预算数"), T("决算数"), T("预算数"), T("决算数")},
		},
		Wide: true,
	}
	p, f := sumSanGong(d.b), d.finalSanGong()
	t.Rows = []disclosure.Row{{Cells: []disclosure.Cell{
		A(p.Total()), A(f.Total()), A(p.Abroad), A(f.Abroad), A(p.Car()), A(f.Car()),
		A(p.CarPurchase), A(f.CarPurchase), A(p.CarRunning), A(f.CarRunning), A(p.Reception), A(f.Reception),
	}}}
	return t
}

// fundTable is 表8 or 表9, a fund's 财政拨款收入支出决算表: per functional code the
// carry-overs given by code, the year's income and spending (basic and project); an
// empty table keeps its 合计 row and says why it is empty.
func (d *finalDeriver) fundTable(n int, fund budget.FundType) *disclosure.Table {
	t := &disclosure.Table{
		Columns: codeColumns("carry", "this_year", "total", "basic", "project", "carry_next"),
		Header: [][]disclosure.Cell{
			{span("项目", 4, 1), tall("年初结转和结余"), tall("本年收入"), span("本年支出", 3, 1), tall("年末结转和结余")},
			{span("功能分类科目编码", 3, 1), span("科目名称", 1, 2), span("小计", 1, 2), span("基本支出", 1, 2), span("项目支出", 1, 2)},
			{T("类"), T("款"), T("项")},
		},
		Wide: true,
	}
	vals := codeValues{}
	for _, c := range d.f.CarryIn {
		if c.Fund == fund && len(c.Functional) == 7 {
			vals.add(c.Functional, c.Amount, 0, 0, 0, 0, 0)
		}
	}
	for _, in := range d.f.Income {
		if in.Source == fund {
			vals.add(in.Functional, 0, in.Amount, 0, 0, 0, 0)
		}
	}
	for code, vs := range d.spendingValues(fromFund(fund), func(s budget.Split) []money.Amount {
		return []money.Amount{0, 0, s.Total(), s.Basic(), s.Total() - s.Basic(), 0}
	}) {
		vals.add(code, vs...)
	}
	for _, c := range d.f.CarryOut {
		if c.Fund == fund && len(c.Functional) == 7 {
			vals.add(c.Functional, 0, 0, 0, 0, 0, c.Amount)
		}
	}
	rows, total := d.codeRows(vals, 6, 2, 3, 4)
	// The 合计 row's carry-overs are every one of the fund's, by code or not.
	total[0], total[5] = carries(d.f.CarryIn, fund), carries(d.f.CarryOut, fund)
	t.Rows = append(rows, totalRow(total))
	empty := true
	for _, v := range total {
		empty = empty && printed(v) == 0
	}
	if empty {
		t.Empty = true
		what := "政府性基金预算"
		if fund == budget.StateCapital {
			what = "国有资本经营预算"
		}
		t.Notes = []string{fmt.Sprintf("注：%s无%s财政拨款支出，故本表无数据。", d.subject, what)}
	}
	return t
}
