package shenzhen

import (
	"fmt"

	"yusuan/budget"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/money"
)

// sanGong is one set of 三公 figures.
type sanGong struct {
	Abroad, Reception, CarPurchase, CarRunning money.Amount
}

func (s sanGong) Car() money.Amount   { return s.CarPurchase + s.CarRunning }
func (s sanGong) Total() money.Amount { return s.Abroad + s.Reception + s.Car() }

func (s sanGong) minus(o sanGong) sanGong {
	return sanGong{s.Abroad - o.Abroad, s.Reception - o.Reception, s.CarPurchase - o.CarPurchase, s.CarRunning - o.CarRunning}
}

func (s *sanGong) plus(o sanGong) {
	s.Abroad += o.Abroad
	s.Reception += o.Reception
	s.CarPurchase += o.CarPurchase
	s.CarRunning += o.CarRunning
}

// The economic codes that make up each part of 三公 (DOMAIN §5); 30913 is a car bought
// as a capital construction item.
var (
	abroadCodes      = budget.EconomicClass(classification.SanGongCodes("abroad")...)
	receptionCodes   = budget.EconomicClass(classification.SanGongCodes("reception")...)
	carPurchaseCodes = budget.EconomicClass(classification.SanGongCodes("car_purchase")...)
	carRunningCodes  = budget.EconomicClass(classification.SanGongCodes("car_running")...)
)

// sanGongThisYear sums this year's 三公 spending from fiscal fund f among sel.
func (d *deriver) sanGongThisYear(sel budget.Filter, f budget.FundType) sanGong {
	from := budget.And(sel, func(li *budget.LineItem) bool { return li.SourceFund() == f })
	return sanGong{
		Abroad:      d.b.Sum(budget.And(from, abroadCodes)),
		Reception:   d.b.Sum(budget.And(from, receptionCodes)),
		CarPurchase: d.b.Sum(budget.And(from, carPurchaseCodes)),
		CarRunning:  d.b.Sum(budget.And(from, carRunningCodes)),
	}
}

// sanGongLastYear sums last year's 三公 budget of fund f for the units that unit selects.
func (d *deriver) sanGongLastYear(unit func(code string) bool, f budget.FundType) sanGong {
	var s sanGong
	for _, l := range d.b.LastYear.SanGong {
		if l.Fund == f && unit(l.Unit) {
			s.plus(sanGong{l.Abroad, l.Reception, l.CarPurchase, l.CarRunning})
		}
	}
	return s
}

// sanGongTotals returns this and last year's 三公 of all fiscal funds together.
func (d *deriver) sanGongTotals() (this, last sanGong) {
	for _, f := range budget.FiscalFunds {
		this.plus(d.sanGongThisYear(budget.All, f))
		last.plus(d.sanGongLastYear(func(string) bool { return true }, f))
	}
	return this, last
}

// sanGongTable builds 表9 财政拨款“三公”经费支出表.
func (d *deriver) sanGongTable() *disclosure.Table {
	t := d.sanGongShell()
	// Last year's lines summed by unit once, rather than all of them read again for
	// every unit's row (a thousand units' lines a thousand times).
	lastBy := map[string]*[3]sanGong{}
	var codes []string
	for _, l := range d.b.LastYear.SanGong {
		for i, f := range budget.FiscalFunds {
			if l.Fund != f {
				continue
			}
			by := lastBy[l.Unit]
			if by == nil {
				by = new([3]sanGong)
				lastBy[l.Unit] = by
				codes = append(codes, l.Unit)
			}
			by[i].plus(sanGong{l.Abroad, l.Reception, l.CarPurchase, l.CarRunning})
		}
	}
	var probe budget.LineItem
	d.perUnit(t, func(name string, sel budget.Filter, kind disclosure.RowKind) {
		var this, last [3]sanGong
		for i, f := range budget.FiscalFunds {
			this[i] = d.sanGongThisYear(sel, f)
		}
		for _, code := range codes {
			probe.Unit = code
			if d.b.Unit(code) == nil || !sel(&probe) {
				continue
			}
			for i := range last {
				last[i].plus(lastBy[code][i])
			}
		}
		t.Rows = append(t.Rows, d.sanGongRows(name, kind, this, last)...)
	})
	return t
}

// sanGongRows are one unit's three rows of 表9: last year, this year and the change,
// each by part and fund; the name spans the three.
func (d *deriver) sanGongRows(name string, kind disclosure.RowKind, this, last [3]sanGong) []disclosure.Row {
	values := func(by [3]sanGong) []disclosure.Cell {
		var cells []disclosure.Cell
		for _, get := range []func(sanGong) money.Amount{sanGong.Total, func(s sanGong) money.Amount { return s.Abroad },
			func(s sanGong) money.Amount { return s.Reception }, sanGong.Car,
			func(s sanGong) money.Amount { return s.CarPurchase }, func(s sanGong) money.Amount { return s.CarRunning }} {
			for _, s := range by {
				cells = append(cells, A(get(s)))
			}
		}
		return cells
	}
	var diff [3]sanGong
	for i := range diff {
		diff[i] = this[i].minus(last[i])
	}
	return []disclosure.Row{
		{Kind: kind, Cells: append([]disclosure.Cell{{Text: name, RowSpan: 3}, T(d.lastYear())}, values(last)...)},
		{Kind: kind, Cells: append([]disclosure.Cell{T(d.year())}, values(this)...)},
		{Kind: kind, Cells: append([]disclosure.Cell{T("增减变化金额")}, values(diff)...)},
	}
}

// sanGongShell is 表9 without rows.
func (d *deriver) sanGongShell() *disclosure.Table {
	t := d.newTable(9, disclosure.SanGongTable, "财政拨款“三公”经费支出表")
	t.EntityLabel = "单位名称"
	t.Wide = true
	t.Columns = []disclosure.Column{{Key: "unit", Kind: disclosure.TextCol, Width: 16}, {Key: "year", Kind: disclosure.TextCol, Width: 10}}
	parts := []string{"total", "abroad", "reception", "car", "car_purchase", "car_running"}
	funds := []string{"一般公共预算", "政府性基金预算", "国有资本经营预算"}
	var fundHeads []disclosure.Cell
	for _, p := range parts {
		for i, f := range budget.FiscalFunds {
			t.Columns = append(t.Columns, disclosure.Column{Key: p + "." + f.Key(), Kind: disclosure.AmountCol, Width: 7})
			fundHeads = append(fundHeads, T(funds[i]))
		}
	}
	t.Header = [][]disclosure.Cell{
		{{Text: "预算单位", RowSpan: 3}, {Text: "年度", RowSpan: 3}, {Text: "总计", ColSpan: 3, RowSpan: 2}, {Text: "因公出国（境）费", ColSpan: 3, RowSpan: 2},
			{Text: "公务接待费", ColSpan: 3, RowSpan: 2}, {Text: "公务用车购置及运行维护费", ColSpan: 9}},
		{{Text: "小计", ColSpan: 3}, {Text: "公务用车购置费", ColSpan: 3}, {Text: "公务用车运行维护费", ColSpan: 3}},
		fundHeads,
	}
	return t
}

// sanGongOf sums the items' 三公 spending by fiscal fund, in FiscalFunds order.
func sanGongOf(items []*budget.LineItem) [3]sanGong {
	var out [3]sanGong
	for _, li := range items {
		for i, f := range budget.FiscalFunds {
			if li.SourceFund() != f {
				continue
			}
			s := &out[i]
			switch {
			case abroadCodes(li):
				s.Abroad += li.Amount
			case receptionCodes(li):
				s.Reception += li.Amount
			case carPurchaseCodes(li):
				s.CarPurchase += li.Amount
			case carRunningCodes(li):
				s.CarRunning += li.Amount
			}
		}
	}
	return out
}

// performanceTable builds 表12 单位整体支出绩效目标表.
func (d *deriver) performanceTable() *disclosure.Table {
	p := d.b.Performance
	t := &disclosure.Table{
		Number: 12,
		Kind:   disclosure.PerformanceTable,
		Title:  "单位整体支出绩效目标表",
		Period: fmt.Sprintf("%d年度", d.b.Year),
		Unit:   money.UnitWan,
	}
	t.Columns = []disclosure.Column{
		{Key: "section", Kind: disclosure.TextCol, Width: 7},
		{Key: "task", Kind: disclosure.TextCol, Width: 13},
		{Key: "content", Kind: disclosure.TextCol, Width: 26},
		{Key: "total", Kind: disclosure.AmountCol, Width: 20},
		{Key: "fiscal", Kind: disclosure.AmountCol, Width: 13},
		{Key: "other", Kind: disclosure.AmountCol, Width: 13},
	}
	row := func(cells ...disclosure.Cell) { t.Rows = append(t.Rows, disclosure.Row{Cells: cells}) }
	row(disclosure.Cell{Text: "单位名称", ColSpan: 2}, T(d.subject), T("主管部门"), disclosure.Cell{Text: d.b.Department.Name, ColSpan: 2})
	row(disclosure.Cell{Text: "任务名称", ColSpan: 2, RowSpan: 2}, disclosure.Cell{Text: "主要内容", RowSpan: 2}, disclosure.Cell{Text: "预算金额（万元）", ColSpan: 3})
	row(T("总额"), T("其中：财政拨款"), T("其中：其他资金"))

	// Consecutive tasks with the same name share one merged cell.
	type group struct{ start, n int }
	var groups []group
	for i, task := range p.Tasks {
		if i > 0 && task.Task == p.Tasks[i-1].Task {
			groups[len(groups)-1].n++
			continue
		}
		groups = append(groups, group{i, 1})
	}
	var total, fiscal, other money.Amount
	first := true
	for _, g := range groups {
		for i := g.start; i < g.start+g.n; i++ {
			task := p.Tasks[i]
			var cells []disclosure.Cell
			if first {
				cells = append(cells, disclosure.Cell{Text: "年度主要任务", RowSpan: len(p.Tasks) + 1})
				first = false
			}
			if i == g.start {
				cells = append(cells, disclosure.Cell{Text: task.Task, RowSpan: g.n})
			}
			cells = append(cells, T(task.Content), A(task.Total()), A(task.Fiscal), A(task.Other))
			row(cells...)
			total += task.Total()
			fiscal += task.Fiscal
			other += task.Other
		}
	}
	sum := []disclosure.Cell{{Text: "金额合计", ColSpan: 2}, A(total), A(fiscal), A(other)}
	if first {
		sum = append([]disclosure.Cell{T("年度主要任务")}, sum...)
	}
	t.Rows = append(t.Rows, disclosure.Row{Kind: disclosure.TotalRow, Cells: sum})

	goals := ""
	for i, g := range p.Goals {
		if i > 0 {
			goals += "\n"
		}
		goals += g
	}
	row(T("年度总体目标"), disclosure.Cell{Text: goals, ColSpan: 5})

	inds := p.Indicators
	row(disclosure.Cell{Text: "年度绩效指标", RowSpan: len(inds) + 1}, T("一级指标"), T("二级指标"), T("三级指标"), disclosure.Cell{Text: "目标值", ColSpan: 2})
	for i := 0; i < len(inds); i++ {
		var cells []disclosure.Cell
		if i == 0 || inds[i].Level1 != inds[i-1].Level1 {
			cells = append(cells, disclosure.Cell{Text: inds[i].Level1, RowSpan: runLength(inds, i, func(a, b budget.Indicator) bool { return a.Level1 == b.Level1 })})
		}
		if i == 0 || inds[i].Level1 != inds[i-1].Level1 || inds[i].Level2 != inds[i-1].Level2 {
			cells = append(cells, disclosure.Cell{Text: inds[i].Level2, RowSpan: runLength(inds, i, func(a, b budget.Indicator) bool {
				return a.Level1 == b.Level1 && a.Level2 == b.Level2
			})})
		}
		cells = append(cells, T(inds[i].Level3), disclosure.Cell{Text: inds[i].Target, ColSpan: 2})
		row(cells...)
	}
	t.Notes = []string{"备注：本套报表金额单位转换时可能存在尾数误差。"}
	return t
}

// runLength counts how many indicators from i on are the same by eq.
func runLength(inds []budget.Indicator, i int, eq func(a, b budget.Indicator) bool) int {
	n := 1
	for j := i + 1; j < len(inds) && eq(inds[i], inds[j]); j++ {
		n++
	}
	return n
}
