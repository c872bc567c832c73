package budget

import "sync/atomic"

// lookups finds units and projects by code without scanning the lists: a derivation
// asks for an item's unit and project once per item and table, which for a
// department of a thousand units and ten thousand items is millions of lookups.
//
// The maps are built on the first lookup, and again when the lists are no longer
// the ones they were built from. A list may also change in place after a lookup
// (a test edits a code), and a copied Budget shares its original's maps, so every
// answer is confirmed against the list: a map that misses or points at another
// code gives way to a scan, as Unit and Project did before there were maps.
//
// An atomic.Value, not an atomic.Pointer, holds them: Budgets are copied as values
// (YAML and reflection do), which vet refuses for types marked not to be copied.
type lookups struct {
	v atomic.Value // *codeMaps
}

type codeMaps struct {
	units, projects map[string]int // first index of each code
	// The lists the maps were built from.
	unitsAt    *Unit
	projectsAt *Project
	nUnits     int
	nProjects  int
}

func (m *codeMaps) fits(b *Budget) bool {
	return m != nil && m.nUnits == len(b.Units) && m.nProjects == len(b.Projects) &&
		m.unitsAt == first(b.Units) && m.projectsAt == first(b.Projects)
}

func first[T any](list []T) *T {
	if len(list) == 0 {
		return nil
	}
	return &list[0]
}

func (l *lookups) maps(b *Budget) *codeMaps {
	if m, _ := l.v.Load().(*codeMaps); m.fits(b) {
		return m
	}
	m := &codeMaps{
		units: make(map[string]int, len(b.Units)), projects: make(map[string]int, len(b.Projects)),
		unitsAt: first(b.Units), projectsAt: first(b.Projects), nUnits: len(b.Units), nProjects: len(b.Projects),
	}
	for i := range b.Units {
		if _, dup := m.units[b.Units[i].Code]; !dup {
			m.units[b.Units[i].Code] = i
		}
	}
	for i := range b.Projects {
		if _, dup := m.projects[b.Projects[i].Code]; !dup {
			m.projects[b.Projects[i].Code] = i
		}
	}
	l.v.Store(m)
	return m
}

// Unit returns the unit with the code, or nil.
func (b *Budget) Unit(code string) *Unit {
	if i, ok := b.idx.maps(b).units[code]; ok && b.Units[i].Code == code {
		return &b.Units[i]
	}
	for i := range b.Units {
		if b.Units[i].Code == code {
			return &b.Units[i]
		}
	}
	return nil
}

// Project returns the project with the code, or nil.
func (b *Budget) Project(code string) *Project {
	if i, ok := b.idx.maps(b).projects[code]; ok && b.Projects[i].Code == code {
		return &b.Projects[i]
	}
	for i := range b.Projects {
		if b.Projects[i].Code == code {
			return &b.Projects[i]
		}
	}
	return nil
}

// ByUnit returns, for the code of each unit and of each item, a copy of b that
// holds only that unit's items and every other list whole. A derivation that sums
// one unit at a time (a row per unit, a 单位预算 per unit) sums over the unit's copy
// with the same filters and gets the same sums, reading each item once rather than
// once per unit: for a thousand units of ten items, ten thousand reads rather than
// ten million. The copies are made now: a later change to b does not show in them.
func (b *Budget) ByUnit() map[string]*Budget {
	items := make(map[string][]LineItem, len(b.Units))
	for _, u := range b.Units {
		items[u.Code] = nil
	}
	for _, li := range b.Items {
		items[li.Unit] = append(items[li.Unit], li)
	}
	out := make(map[string]*Budget, len(items))
	for code, list := range items {
		c := *b
		c.Items = list
		out[code] = &c
	}
	return out
}
