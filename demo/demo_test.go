package demo

import (
	"errors"
	"strings"
	"testing"

	"yusuan/budget"
	"yusuan/build"
	"yusuan/check"
	"yusuan/classification"
)

// TestDistrictPasses derives every document of the default district under the
// Shenzhen profile: validation and the whole check catalogue must pass.
func TestDistrictPasses(t *testing.T) {
	cat := classification.Default()
	budgets := District(1, Options{})
	for _, b := range budgets {
		docs, err := build.Documents(b, "shenzhen", cat)
		if err != nil {
			var ce *build.CheckError
			if errors.As(err, &ce) {
				t.Errorf("%d %s: %v", b.Year, b.Department.Name, err)
				continue
			}
			t.Errorf("%d %s: %v", b.Year, b.Department.Name, err)
			continue
		}
		if res := check.Run(docs[0], check.Options{Codes: cat}); res.Count(check.Warning) > 0 {
			for _, f := range res.Findings {
				if f.Severity == check.Warning {
					t.Errorf("%d %s: warning %s %s: %s", b.Year, b.Department.Name, f.Rule, f.Location, f.Message)
				}
			}
		}
	}
}

func TestDistrictShape(t *testing.T) {
	budgets := District(1, Options{})
	years := map[int]int{}
	depts := map[string]bool{}
	units := map[string]bool{}
	for _, b := range budgets {
		years[b.Year]++
		depts[b.Department.Name] = true
		if !strings.Contains(b.Department.Name, "示例区") {
			t.Errorf("department %s carries no mark of being synthetic", b.Department.Name)
		}
		for _, u := range b.Units {
			units[b.Department.Name+"/"+u.Name] = true
		}
	}
	t.Logf("%d budgets, %d departments, %d units, years %v", len(budgets), len(depts), len(units), years)
	if len(depts) != 60 || len(years) != 3 {
		t.Errorf("got %d departments over %d years, want 60 over 3", len(depts), len(years))
	}
	if len(units) < 250 || len(units) > 350 {
		t.Errorf("got %d units, want about 300", len(units))
	}
}

// TestLastYearFollows checks that a year's 上年 figures are the year before's.
func TestLastYearFollows(t *testing.T) {
	budgets := District(3, Options{Departments: 20})
	for i := 1; i < len(budgets); i++ {
		prev, b := budgets[i-1], budgets[i]
		if prev.Department.Name != b.Department.Name {
			continue
		}
		if got, want := b.LastYear.Income, prev.Sum(budget.All); got != want {
			t.Errorf("%d %s: last year's income %s, want %s", b.Year, b.Department.Name, got, want)
		}
		for _, p := range b.Projects {
			if p.LastYear == nil || prev.Project(p.Code) == nil {
				continue
			}
			code := p.Code
			if want := prev.Sum(func(li *budget.LineItem) bool { return li.Project == code }); *p.LastYear != want {
				t.Errorf("%d %s: project %s last year %s, want %s", b.Year, b.Department.Name, p.Name, *p.LastYear, want)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	a := District(7, Options{Departments: 5})
	b := District(7, Options{Departments: 70})[:len(a)]
	for i := range a {
		if a[i].Department.Name != b[i].Department.Name || a[i].Sum(budget.All) != b[i].Sum(budget.All) {
			t.Fatalf("budget %d differs between runs", i)
		}
	}
}
