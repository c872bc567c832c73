package budgettest

import (
	"slices"

	"yusuan/budget"
)

// SplitUnits splits b into one part per unit, as each unit's preparer would
// upload it: the unit and its projects, line items, procurement, carry-forward
// and last year's 三公. The department's own blocks (last year's totals, assets,
// performance, text, 决算 figures) go with the first part, or with every part
// when copies says so. budget.Merge of the parts gives b again, each unit's rows
// together in the order of b.Units.
func SplitUnits(b *budget.Budget, copies bool) []*budget.Budget {
	out := make([]*budget.Budget, len(b.Units))
	for i, u := range b.Units {
		p := &budget.Budget{Profile: b.Profile, Format: b.Format, Document: b.Document, Year: b.Year,
			Department: b.Department, Units: []budget.Unit{u}}
		if i == 0 || copies {
			p.LastYear, p.Assets, p.Performance, p.Text, p.Final = b.LastYear, b.Assets, b.Performance, b.Text, b.Final
		} else {
			p.Department.Code, p.Department.Title, p.Department.Region = "", "", ""
		}
		mine := func(unit string) bool { return unit == u.Code }
		p.Projects = keep(b.Projects, func(x budget.Project) bool { return mine(x.Unit) })
		p.Items = keep(b.Items, func(x budget.LineItem) bool { return mine(x.Unit) })
		p.Procurement = keep(b.Procurement, func(x budget.Procurement) bool { return mine(x.Unit) })
		p.CarryForward = keep(b.CarryForward, func(x budget.CarryForward) bool { return mine(x.Unit) })
		p.LastYear.SanGong = keep(b.LastYear.SanGong, func(x budget.SanGongLine) bool { return mine(x.Unit) })
		out[i] = p
	}
	return out
}

// ByUnit returns a copy of b whose unit rows are grouped by unit in the order of
// b.Units, each unit's in their order: the order budget.Merge gives.
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
