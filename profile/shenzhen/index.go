package shenzhen

import (
	"strings"

	"yusuan/budget"
	"yusuan/disclosure"
	"yusuan/money"
)

// index holds what the tables look up again and again, built in one pass over the
// budget so that a department of a thousand units derives in time linear in its size.
type index struct {
	units     map[string]*budget.Unit
	unitItems map[string][]*budget.LineItem
	// projectAmount is each project's money this year.
	projectAmount map[string]money.Amount
	// firstCode is the first functional code, in code order, that each project and
	// each unit spends on (keyed by project code, and by unit code after "unit:").
	firstCode map[string]string
}

func newIndex(b *budget.Budget) *index {
	ix := &index{
		units:         map[string]*budget.Unit{},
		unitItems:     map[string][]*budget.LineItem{},
		projectAmount: map[string]money.Amount{},
		firstCode:     map[string]string{},
	}
	for i := range b.Units {
		ix.units[b.Units[i].Code] = &b.Units[i]
	}
	first := func(key, code string) {
		if c, ok := ix.firstCode[key]; !ok || code < c {
			ix.firstCode[key] = code
		}
	}
	for i := range b.Items {
		li := &b.Items[i]
		ix.unitItems[li.Unit] = append(ix.unitItems[li.Unit], li)
		first("unit:"+li.Unit, li.Functional)
		if li.Project != "" {
			ix.projectAmount[li.Project] += li.Amount
			first(li.Project, li.Functional)
		}
	}
	return ix
}

// unitGroup is one block of rows of a per-unit table: the department (when it has
// several units), each unit that may be named, or the classified units together.
type unitGroup struct {
	name  string
	kind  disclosure.RowKind
	units map[string]bool
	items []*budget.LineItem
	// named is set for a unit that may be named: the tables list its codes and projects.
	named bool
}

// groups lists the row blocks of the per-unit tables in the order perUnit gives them.
func (d *deriver) groups() []unitGroup {
	var out []unitGroup
	visible, classified := d.visibleUnits()
	if len(visible)+classified > 1 {
		// The department's row opens the table, named as published (深圳市水务局
		// over 深圳市水务局（本级） and its units), where other places print 合计.
		name := strings.TrimSpace(d.b.Department.Name)
		if name == "" {
			name = "合计"
		}
		all := unitGroup{name: name, kind: disclosure.TotalRow, units: map[string]bool{}}
		for _, u := range d.b.Units {
			all.units[u.Code] = true
		}
		for i := range d.b.Items {
			all.items = append(all.items, &d.b.Items[i])
		}
		out = append(out, all)
	}
	for _, u := range visible {
		out = append(out, unitGroup{name: u.Name, kind: disclosure.GroupRow, units: map[string]bool{u.Code: true}, items: d.ix.unitItems[u.Code], named: true})
	}
	if classified > 0 {
		g := unitGroup{name: classifiedUnits, kind: disclosure.GroupRow, units: map[string]bool{}}
		for _, u := range d.b.Units {
			if u.Classified {
				g.units[u.Code] = true
				g.items = append(g.items, d.ix.unitItems[u.Code]...)
			}
		}
		out = append(out, g)
	}
	return out
}

// selectItems returns the items that sel selects.
func selectItems(items []*budget.LineItem, sel budget.Filter) []*budget.LineItem {
	var out []*budget.LineItem
	for _, li := range items {
		if sel(li) {
			out = append(out, li)
		}
	}
	return out
}
