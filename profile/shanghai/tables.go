package shanghai

import (
	"fmt"

	"yusuan/budget"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/money"
)

var T = disclosure.T

// A writes an amount as the Shanghai tables print it: nothing for zero.
func A(a money.Amount) disclosure.Cell {
	if a == 0 {
		return T("")
	}
	return disclosure.A(a)
}

// tables lays the nine tables onto the shells that the readers and the checker share.
func (d *deriver) tables() []*disclosure.Table {
	shells := Shells(d.b.Year, d.dept())
	for _, t := range shells {
		t.Unlabeled = true
		t.Entity = d.subject
	}
	d.summary(shells[0])
	d.codeTable(shells[1], budget.All, func(s codeSplit) []money.Amount {
		return []money.Amount{s.total(), s.income["fiscal"], s.income["business"], s.income["operating"], s.income["other"]}
	})
	d.codeTable(shells[2], budget.All, totalBasicProject)
	d.fiscalSummary(shells[3])
	d.codeTable(shells[4], fromFund(budget.GeneralPublic), totalBasicProject)
	d.codeTable(shells[5], fromFund(budget.GovFund), totalBasicProject)
	d.codeTable(shells[6], fromFund(budget.StateCapital), totalBasicProject)
	d.basicTable(shells[7])
	d.sanGongTable(shells[8])
	return shells
}

// codeSplit is the money of one code: basic and project spending and the income
// columns it is paid from.
type codeSplit struct {
	budget.Split
	income map[string]money.Amount
}

func (s codeSplit) total() money.Amount { return s.Split.Total() }

func totalBasicProject(s codeSplit) []money.Amount {
	return []money.Amount{s.total(), s.Basic(), s.Project}
}

// codeTable fills a table of functional codes (表2, 3, 5, 6, 7): a row for every 类,
// 款 and 项 with money, codes in three columns, and 合计 at the bottom. A table
// without money keeps its 合计 row and says in a note that it is empty.
func (d *deriver) codeTable(t *disclosure.Table, f budget.Filter, values func(codeSplit) []money.Amount) {
	sel := d.in(f)
	split := func(g budget.Filter) codeSplit {
		s := codeSplit{Split: d.b.SplitOf(g), income: map[string]money.Amount{}}
		for _, k := range []string{"fiscal", "business", "operating", "other"} {
			s.income[k] = d.b.Sum(budget.And(g, ofColumn(k)))
		}
		return s
	}
	amounts := func(s codeSplit) []disclosure.Cell {
		var cells []disclosure.Cell
		for _, a := range values(s) {
			cells = append(cells, A(a))
		}
		return cells
	}
	for _, cs := range d.b.ByCode(classification.Functional, sel) {
		code := cs.Code
		cells := append(codeCells(code, 3), T(d.codeName(classification.Functional, code)))
		t.Rows = append(t.Rows, disclosure.Row{Code: code, Cells: append(cells, amounts(split(budget.And(sel, functionalClass(code))))...)})
	}
	// A table with code rows has content even where they print nothing.
	empty := len(t.Rows) == 0
	t.Rows = append(t.Rows, disclosure.Row{Kind: disclosure.TotalRow, Cells: append([]disclosure.Cell{T(""), T(""), T(""), T("合计")}, amounts(split(sel))...)})
	if empty && t.Kind != disclosure.IncomeTable && t.Kind != disclosure.SpendingTable {
		t.Empty = true
		t.Notes = []string{fmt.Sprintf("注:本%s%d年无%s财政拨款安排的预算，故本表为空表。", d.who, d.b.Year, fundOf(t.Kind))}
	}
}

// fundOf names the fund of a functional table, for its empty-table note.
func fundOf(k disclosure.TableKind) string {
	switch k {
	case disclosure.GovFundTable:
		return "政府性基金预算"
	case disclosure.StateCapitalTable:
		return "国有资本经营预算"
	}
	return "一般公共预算"
}

func functionalClass(code string) budget.Filter {
	return func(li *budget.LineItem) bool {
		return len(li.Functional) >= len(code) && li.Functional[:len(code)] == code
	}
}

// codeCells splits a code into n cells of 类 (3 digits) and 款 and 项 (2 each), the
// levels below the code's own left empty.
func codeCells(code string, n int) []disclosure.Cell {
	cells := make([]disclosure.Cell, n)
	for i := range cells {
		from, to := 0, 3
		if i > 0 {
			from, to = 3+2*(i-1), 3+2*i
		}
		if len(code) >= to {
			cells[i] = T(code[from:to])
		} else {
			cells[i] = T("")
		}
	}
	return cells
}

// summary fills 表1 财务收支预算总表: income by source as the template lists it, and
// spending by functional 类, in a 单位预算 split into 人员经费, 公用经费 and 项目支出.
func (d *deriver) summary(t *disclosure.Table) {
	fiscal := func(f budget.FundType) money.Amount { return d.sum(fromFund(f)) }
	income := []struct {
		name   string
		amount money.Amount
	}{
		{"一、财政拨款收入", d.sum(ofColumn("fiscal"))},
		{"1. 一般公共预算资金", fiscal(budget.GeneralPublic)},
		{"2. 政府性基金", fiscal(budget.GovFund)},
		{"3. 国有资本经营预算", fiscal(budget.StateCapital)},
		{"二、事业收入", d.sum(ofColumn("business"))},
		{"三、事业单位经营收入", d.sum(ofColumn("operating"))},
		{"四、其他收入", d.sum(ofColumn("other"))},
	}
	// The spending side's amounts are the shell's columns after spending_item.
	amounts := func(s budget.Split) []disclosure.Cell {
		by := map[string]money.Amount{"spending": s.Total(), "personnel": s.Personnel, "public": s.Public, "project": s.Project}
		var cells []disclosure.Cell
		for _, c := range t.Columns[3:] {
			cells = append(cells, A(by[c.Key]))
		}
		return cells
	}
	var spending [][]disclosure.Cell
	for i, cs := range d.classes(budget.All) {
		name := T(disclosure.ChineseNumber(i+1) + "、" + d.codeName(classification.Functional, cs.Code))
		spending = append(spending, append([]disclosure.Cell{name}, amounts(cs.Split)...))
	}
	for i := 0; i < len(income) || i < len(spending); i++ {
		cells := []disclosure.Cell{T(""), T("")}
		if i < len(income) {
			cells = []disclosure.Cell{T(income[i].name), A(income[i].amount)}
		}
		if i < len(spending) {
			cells = append(cells, spending[i]...)
		} else {
			for range t.Columns[2:] {
				cells = append(cells, T(""))
			}
		}
		t.Rows = append(t.Rows, disclosure.Row{Cells: cells})
	}
	total := []disclosure.Cell{T("收入总计"), A(d.sum(budget.All)), T("支出总计")}
	t.Rows = append(t.Rows, disclosure.Row{Kind: disclosure.TotalRow, Cells: append(total, amounts(d.b.SplitOf(d.sel))...)})
}

// classes are the functional 类 of the document's items that f selects.
func (d *deriver) classes(f budget.Filter) []budget.CodeSum {
	var out []budget.CodeSum
	for _, cs := range d.b.ByCode(classification.Functional, d.in(f)) {
		if classification.LevelOf(cs.Code) == 1 {
			out = append(out, cs)
		}
	}
	return out
}

// fiscalSummary fills 表4 财政拨款收支预算总表: income by fund, spending by 类 split
// by fund.
func (d *deriver) fiscalSummary(t *disclosure.Table) {
	names := []string{"一、一般公共预算资金", "二、政府性基金", "三、国有资本经营预算"}
	var spending [][]disclosure.Cell
	for i, cs := range d.classes(budget.Fiscal) {
		in := budget.And(budget.Fiscal, functionalClass(cs.Code))
		row := []disclosure.Cell{T(disclosure.ChineseNumber(i+1) + "、" + d.codeName(classification.Functional, cs.Code)), A(cs.Total())}
		for _, f := range budget.FiscalFunds {
			row = append(row, A(d.sum(budget.And(in, fromFund(f)))))
		}
		spending = append(spending, row)
	}
	for i := 0; i < len(names) || i < len(spending); i++ {
		cells := []disclosure.Cell{T(""), T("")}
		if i < len(names) {
			cells = []disclosure.Cell{T(names[i]), A(d.sum(fromFund(budget.FiscalFunds[i])))}
		}
		if i < len(spending) {
			cells = append(cells, spending[i]...)
		} else {
			cells = append(cells, T(""), T(""), T(""), T(""), T(""))
		}
		t.Rows = append(t.Rows, disclosure.Row{Cells: cells})
	}
	total := d.sum(budget.Fiscal)
	row := []disclosure.Cell{T("收入总计"), A(total), T("支出总计"), A(total)}
	for _, f := range budget.FiscalFunds {
		row = append(row, A(d.sum(fromFund(f))))
	}
	t.Rows = append(t.Rows, disclosure.Row{Kind: disclosure.TotalRow, Cells: row})
}

// basicTable fills 表8: 一般公共预算 basic spending by economic 类 and 款, split into
// 人员经费 and 公用经费.
func (d *deriver) basicTable(t *disclosure.Table) {
	sel := d.in(budget.And(fromFund(budget.GeneralPublic), budget.Basic))
	amounts := func(s budget.Split) []disclosure.Cell {
		return []disclosure.Cell{A(s.Total()), A(s.Personnel), A(s.Public)}
	}
	for _, cs := range d.b.ByCode(classification.Economic, sel) {
		cells := append(codeCells(cs.Code, 2), T(d.codeName(classification.Economic, cs.Code)))
		t.Rows = append(t.Rows, disclosure.Row{Code: cs.Code, Cells: append(cells, amounts(cs.Split)...)})
	}
	empty := len(t.Rows) == 0
	t.Rows = append(t.Rows, disclosure.Row{Kind: disclosure.TotalRow, Cells: append([]disclosure.Cell{T(""), T(""), T("合计")}, amounts(d.b.SplitOf(sel))...)})
	if empty {
		t.Empty = true
		t.Notes = []string{fmt.Sprintf("注:本%s%d年无一般公共预算基本支出，故本表为空表。", d.who, d.b.Year)}
	}
}

// sanGong is one set of 三公 figures.
type sanGong struct {
	Abroad, Reception, CarPurchase, CarRunning money.Amount
}

func (s sanGong) Car() money.Amount   { return s.CarPurchase + s.CarRunning }
func (s sanGong) Total() money.Amount { return s.Abroad + s.Reception + s.Car() }

// The economic codes that make up each part of 三公 (DOMAIN §5); 30913 is a car bought
// as a capital construction item.
var (
	abroadCodes      = budget.EconomicClass(classification.SanGongCodes("abroad")...)
	receptionCodes   = budget.EconomicClass(classification.SanGongCodes("reception")...)
	carPurchaseCodes = budget.EconomicClass(classification.SanGongCodes("car_purchase")...)
	carRunningCodes  = budget.EconomicClass(classification.SanGongCodes("car_running")...)
)

// sanGongThisYear sums this year's 三公 of the document from 财政拨款.
func (d *deriver) sanGongThisYear() sanGong {
	from := d.in(budget.Fiscal)
	return sanGong{
		Abroad:      d.b.Sum(budget.And(from, abroadCodes)),
		Reception:   d.b.Sum(budget.And(from, receptionCodes)),
		CarPurchase: d.b.Sum(budget.And(from, carPurchaseCodes)),
		CarRunning:  d.b.Sum(budget.And(from, carRunningCodes)),
	}
}

// sanGongLastYear sums last year's 三公 budget of the document's units.
func (d *deriver) sanGongLastYear() sanGong {
	var s sanGong
	for _, l := range d.b.LastYear.SanGong {
		if d.unit != nil && l.Unit != d.unit.Code {
			continue
		}
		s.Abroad += l.Abroad
		s.Reception += l.Reception
		s.CarPurchase += l.CarPurchase
		s.CarRunning += l.CarRunning
	}
	return s
}

// officeCost is this year's 机关运行经费: basic 公用经费 from 一般公共预算 in units that
// run an office (行政单位 and 参公 units); runs says whether there is such a unit.
func (d *deriver) officeCost() (cost money.Amount, runs bool) {
	for _, u := range d.b.Units {
		if d.unit == nil || u.Code == d.unit.Code {
			runs = runs || u.Kind.RunsOffice()
		}
	}
	cost = d.sum(func(li *budget.LineItem) bool {
		u := d.b.Unit(li.Unit)
		return u != nil && u.Kind.RunsOffice() && li.Kind == budget.Public && li.SourceFund() == budget.GeneralPublic
	})
	return cost, runs
}

// sanGongTable fills 表9 in 万元: one row of this year's 三公 and 机关运行经费.
func (d *deriver) sanGongTable(t *disclosure.Table) {
	s := d.sanGongThisYear()
	cost, _ := d.officeCost()
	t.Rows = []disclosure.Row{{Cells: []disclosure.Cell{
		A(s.Total()), A(s.Abroad), A(s.Reception), A(s.Car()), A(s.CarPurchase), A(s.CarRunning), A(cost),
	}}}
}
