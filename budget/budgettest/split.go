package budgettest

import (
	"slices"

	"yusuan/budget"
)

// SplitUnits splits b into one part per unit, as each unit's preparer would
// upload it: the unit and its projects, line items, procurement, carry-forward
// and last year's 三公, and in a 决算 its income, carry-overs, 结余分配, uses of
// balances and this and last year's 三公 决算数. The department's own blocks
// (last year's totals, assets, performance, text, and a 决算's last year's
// figures, 政府采购, 预算绩效管理, reasons and text) go with the first part, or
// with every part when copies says so. budget.Merge of the parts gives b again,
// each unit's rows together in the order of b.Units.
func SplitUnits(b *budget.Budget, copies bool) []*budget.Budget {
	out := make([]*budget.Budget, len(b.Units))
	for i, u := range b.Units {
		p := &budget.Budget{Profile: b.Profile, Format: b.Format, Document: b.Document, Year: b.Year,
			Department: b.Department, Units: []budget.Unit{u}}
		whole := i == 0 || copies
		if whole {
			p.LastYear, p.Assets, p.Performance, p.Text = b.LastYear, b.Assets, b.Performance, b.Text
		} else {
			p.Department.Code, p.Department.Title, p.Department.Region = "", "", ""
		}
		mine := func(unit string) bool { return unit == u.Code }
		if b.Final != nil {
			f := budget.Final{Src: b.Final.Src}
			if whole {
				f = *b.Final
			}
			f.Income = keep(b.Final.Income, func(x budget.FinalIncome) bool { return mine(x.Unit) })
			for j, l := range b.Final.CarryLists() {
				*f.CarryLists()[j].List = keep(*l.List, func(x budget.FinalCarry) bool { return mine(x.Unit) })
			}
			f.SanGong = keep(b.Final.SanGong, func(x budget.SanGongLine) bool { return mine(x.Unit) })
			f.LastYear.SanGong = keep(b.Final.LastYear.SanGong, func(x budget.SanGongLine) bool { return mine(x.Unit) })
			p.Final = &f
		}
		p.Projects = keep(b.Projects, func(x budget.Project) bool { return mine(x.Unit) })
		p.Items = keep(b.Items, func(x budget.LineItem) bool { return mine(x.Unit) })
		p.Procurement = keep(b.Procurement, func(x budget.Procurement) bool { return mine(x.Unit) })
		p.CarryForward = keep(b.CarryForward, func(x budget.CarryForward) bool { return mine(x.Unit) })
		p.LastYear.SanGong = keep(b.LastYear.SanGong, func(x budget.SanGongLine) bool { return mine(x.Unit) })
		out[i] = p
	}
	return out
}

// ByUnit returns a copy of b whose unit rows (a 决算's too) are grouped by unit
// in the order of b.Units, each unit's in their order: the order budget.Merge
// gives.
func ByUnit(b *budget.Budget) *budget.Budget {
	order := map[string]int{}
	for i, u := range b.Units {
		order[u.Code] = i
	}
	c := *b
	c.Projects = sortedBy(b.Projects, order, func(x budget.Project) string { return x.Unit })
	c.Items = sortedBy(b.Items, order, func(x budget.LineItem) string { return x.Unit })
	c.Procurement = sortedBy(b.Procurement, order, func(x budget.Procurement) string { return x.Unit })
	c.CarryForward = sortedBy(b.CarryForward, order, func(x budget.CarryForward) string { return x.Unit })
	c.LastYear.SanGong = sortedBy(b.LastYear.SanGong, order, func(x budget.SanGongLine) string { return x.Unit })
	if b.Final != nil {
		f := *b.Final
		f.Income = sortedBy(f.Income, order, func(x budget.FinalIncome) string { return x.Unit })
		for _, l := range f.CarryLists() {
			*l.List = sortedBy(*l.List, order, func(x budget.FinalCarry) string { return x.Unit })
		}
		f.SanGong = sortedBy(f.SanGong, order, func(x budget.SanGongLine) string { return x.Unit })
		f.LastYear.SanGong = sortedBy(f.LastYear.SanGong, order, func(x budget.SanGongLine) string { return x.Unit })
		c.Final = &f
	}
	return &c
}

func keep[T any](xs []T, f func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if f(x) {
			out = append(out, x)
		}
	}
	return out
}

func sortedBy[T any](xs []T, order map[string]int, unit func(T) string) []T {
	if xs == nil {
		return nil
	}
	out := slices.Clone(xs)
	slices.SortStableFunc(out, func(a, b T) int { return order[unit(a)] - order[unit(b)] })
	return out
}
