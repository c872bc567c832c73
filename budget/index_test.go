package budget_test

import (
	"testing"

	"yusuan/budget"
)

// TestLookupsFollowChanges: Unit and Project answer as a scan of the lists would,
// after the lists grow, are replaced, or have a code edited in place.
func TestLookupsFollowChanges(t *testing.T) {
	b := &budget.Budget{Units: []budget.Unit{{Code: "1"}, {Code: "2"}}, Projects: []budget.Project{{Code: "P1", Unit: "1"}}}
	if u := b.Unit("2"); u != &b.Units[1] {
		t.Fatalf("Unit(2) = %v", u)
	}
	if b.Unit("3") != nil || b.Project("P2") != nil {
		t.Fatal("found a code that is not there")
	}
	b.Units = append(b.Units, budget.Unit{Code: "3"})
	b.Projects = append(b.Projects, budget.Project{Code: "P2"})
	if u := b.Unit("3"); u == nil || u.Code != "3" {
		t.Errorf("after append: Unit(3) = %v", u)
	}
	if p := b.Project("P2"); p == nil || p.Code != "P2" {
		t.Errorf("after append: Project(P2) = %v", p)
	}
	b.Units[0].Code = "9"
	if b.Unit("1") != nil {
		t.Error("a code edited away is still found")
	}
	if u := b.Unit("9"); u != &b.Units[0] {
		t.Errorf("edited code: Unit(9) = %v", u)
	}
	c := *b // a copy shares the lists, and the answers
	if u := c.Unit("2"); u != &b.Units[1] {
		t.Errorf("copy: Unit(2) = %v", u)
	}
	c.Units = []budget.Unit{{Code: "2", Name: "other"}}
	if u := c.Unit("2"); u == nil || u.Name != "other" {
		t.Errorf("copy with new units: Unit(2) = %v", u)
	}
	if u := b.Unit("2"); u != &b.Units[1] {
		t.Errorf("original after the copy changed: Unit(2) = %v", u)
	}
}

// TestByUnit: each unit's copy sums to what a filter on the whole gives, units
// without items have an empty copy, and the copies do not change with the original.
func TestByUnit(t *testing.T) {
	b := &budget.Budget{
		Units: []budget.Unit{{Code: "1"}, {Code: "2"}, {Code: "3"}},
		Items: []budget.LineItem{{Unit: "1", Amount: 5}, {Unit: "2", Amount: 7}, {Unit: "1", Amount: 11}},
	}
	by := b.ByUnit()
	for _, u := range b.Units {
		c := by[u.Code]
		if c == nil {
			t.Fatalf("no copy for unit %s", u.Code)
		}
		if got, want := c.Sum(budget.All), b.Sum(budget.OfUnit(u.Code)); got != want {
			t.Errorf("unit %s: copy sums to %d, want %d", u.Code, got, want)
		}
		if len(c.Units) != 3 {
			t.Errorf("unit %s: copy has %d units, want all 3", u.Code, len(c.Units))
		}
	}
	b.Items[0].Amount = 100
	if got := by["1"].Sum(budget.All); got != 16 {
		t.Errorf("copy changed with the original: %d", got)
	}
}
