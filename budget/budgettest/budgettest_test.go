package budgettest_test

import (
	"encoding/json"
	"math/rand"
	"strings"
	"testing"

	"yusuan/budget"
	"yusuan/budget/budgettest"
	"yusuan/classification"
)

func random(seed int64, opts budgettest.Options) *budget.Budget {
	return budgettest.Random(rand.New(rand.NewSource(seed)), opts)
}

// TestRandomIsValid checks that every generated budget passes validation.
func TestRandomIsValid(t *testing.T) {
	cat := classification.Default()
	for seed := int64(0); seed < 500; seed++ {
		for _, opts := range []budgettest.Options{{}, {Classified: true}, {Year: 2026, Fields2026: true}, {Classified: true, Fields2026: true}} {
			if err := budget.Validate(random(seed, opts), cat); err != nil {
				t.Fatalf("seed %d %+v: generated budget is invalid:\n%v", seed, opts, err)
			}
		}
	}
}

// TestRandomIsDeterministic checks that a seed always gives the same budget.
func TestRandomIsDeterministic(t *testing.T) {
	for seed := int64(0); seed < 20; seed++ {
		a, _ := json.Marshal(random(seed, budgettest.Options{}))
		b, _ := json.Marshal(random(seed, budgettest.Options{}))
		if string(a) != string(b) {
			t.Fatalf("seed %d gives two different budgets", seed)
		}
	}
}

// TestRandomCoverage checks that the seeds together reach every case the property
// tests rely on.
func TestRandomCoverage(t *testing.T) {
	want := []string{
		"fund " + string(budget.GeneralPublic), "fund " + string(budget.GovFund), "fund " + string(budget.StateCapital),
		"fund " + string(budget.SpecialAccount), "fund " + string(budget.BusinessIncome), "fund " + string(budget.OperatingIncome),
		"fund " + string(budget.OtherIncome), "fund " + string(budget.CarryOver),
		"carry from default", "carry from fiscal", "carry from non-fiscal",
		"kind " + string(budget.Administrative), "kind " + string(budget.CivilServant), "kind " + string(budget.Institution),
		"classified unit", "classified project", "one unit", "five units", "fund left empty", "all fiscal",
		"project new", "project last zero", "project up", "project down", "project equal", "project without items",
		"procurement " + string(budget.Goods), "procurement " + string(budget.Works), "procurement " + string(budget.Services),
		"no procurement", "income up", "income down", "income equal", "income last zero",
		"san gong this year", "san gong last year", "odd fen", "rounding tie", "no tasks", "several tasks",
		"description", "description of a classified project", "several basis lines", "no basis",
		"fiscal last year", "no fiscal last year", "fiscal income differs", "as of", "planned by type", "planned type with none",
		"functional notes", "vehicles of every type", "unit duties", "unit organisation", "unit without text",
		"unit last year", "unit assets", "unit without last year or assets",
	}
	seen := map[string]bool{}
	vehicleTypes := map[string]bool{}
	for seed := int64(0); seed < 200; seed++ {
		b := random(seed, budgettest.Options{})
		funds := map[budget.FundType]bool{}
		allFiscal := true
		for _, li := range b.Items {
			funds[li.Fund] = true
			seen["fund "+string(li.Fund)] = true
			allFiscal = allFiscal && li.SourceFund().Fiscal()
			switch {
			case li.Fund != budget.CarryOver:
			case li.CarryFrom == "":
				seen["carry from default"] = true
			case li.CarryFrom.Fiscal():
				seen["carry from fiscal"] = true
			default:
				seen["carry from non-fiscal"] = true
			}
			if li.Amount%100 != 0 {
				seen["odd fen"] = true
			}
			if li.Amount%10000 == 5000 {
				seen["rounding tie"] = true
			}
			switch li.Economic {
			case "30212", "30217", "31013", "30231":
				seen["san gong this year"] = seen["san gong this year"] || li.SourceFund().Fiscal()
			}
		}
		seen["fund left empty"] = seen["fund left empty"] || len(funds) < len(budget.FundTypes)
		seen["all fiscal"] = seen["all fiscal"] || allFiscal
		seen["one unit"] = seen["one unit"] || len(b.Units) == 1
		seen["five units"] = seen["five units"] || len(b.Units) == 5
		for _, u := range b.Units {
			seen["kind "+string(u.Kind)] = true
			seen["classified unit"] = seen["classified unit"] || u.Classified
			seen["unit duties"] = seen["unit duties"] || len(u.Duties) > 0
			seen["unit organisation"] = seen["unit organisation"] || len(u.Organisation) > 0
			seen["unit without text"] = seen["unit without text"] || len(u.Duties)+len(u.Organisation) == 0
			seen["unit last year"] = seen["unit last year"] || u.LastYear != nil && u.LastYear.FiscalSpending != 0
			seen["unit assets"] = seen["unit assets"] || u.Assets != nil && len(u.Assets.Vehicles) > 0
			seen["unit without last year or assets"] = seen["unit without last year or assets"] || u.LastYear == nil && u.Assets == nil
		}
		for _, p := range b.Projects {
			seen["classified project"] = seen["classified project"] || p.Classified
			amount := b.Sum(func(li *budget.LineItem) bool { return li.Project == p.Code })
			hasItems := false
			for _, li := range b.Items {
				hasItems = hasItems || li.Project == p.Code
			}
			seen["project without items"] = seen["project without items"] || !hasItems
			switch {
			case p.LastYear == nil:
				seen["project new"] = true
			case *p.LastYear == 0:
				seen["project last zero"] = true
			case *p.LastYear < amount:
				seen["project up"] = true
			case *p.LastYear > amount:
				seen["project down"] = true
			default:
				seen["project equal"] = true
			}
		}
		for _, p := range b.Procurement {
			seen["procurement "+string(p.Category)] = true
		}
		seen["no procurement"] = seen["no procurement"] || len(b.Procurement) == 0
		total := b.Sum(budget.All)
		switch ly := b.LastYear.Income; {
		case ly == 0:
			seen["income last zero"] = true
		case ly < total:
			seen["income up"] = true
		case ly > total:
			seen["income down"] = true
		default:
			seen["income equal"] = true
		}
		seen["san gong last year"] = seen["san gong last year"] || len(b.LastYear.SanGong) > 0
		for _, p := range b.Projects {
			if d := p.Description; d != nil {
				seen["description"] = true
				seen["description of a classified project"] = seen["description of a classified project"] || p.Classified || b.Unit(p.Unit).Classified
				seen["several basis lines"] = seen["several basis lines"] || len(d.Basis) > 1
				seen["no basis"] = seen["no basis"] || len(d.Basis) == 0
			}
		}
		ly := b.LastYear
		seen["fiscal last year"] = seen["fiscal last year"] || ly.FiscalSpending != 0
		seen["no fiscal last year"] = seen["no fiscal last year"] || ly.FiscalSpending == 0 && ly.FiscalIncome == 0
		seen["fiscal income differs"] = seen["fiscal income differs"] || ly.FiscalIncome != ly.FiscalSpending
		seen["as of"] = seen["as of"] || b.Assets.AsOf != ""
		seen["planned by type"] = seen["planned by type"] || len(b.Assets.PlannedTypes) > 1
		for _, vc := range b.Assets.PlannedTypes {
			seen["planned type with none"] = seen["planned type with none"] || vc.Count == 0
		}
		for _, vc := range b.Assets.Vehicles {
			vehicleTypes[vc.Type] = true
		}
		seen["functional notes"] = seen["functional notes"] || len(b.Text.FunctionalNotes) > 0
		seen["no tasks"] = seen["no tasks"] || len(b.Performance.Tasks) == 0
		seen["several tasks"] = seen["several tasks"] || len(b.Performance.Tasks) > 1
	}
	seen["vehicles of every type"] = len(vehicleTypes) == len(budget.VehicleTypes)
	for _, w := range want {
		if !seen[w] {
			t.Errorf("no seed in 0..199 generates: %s", w)
		}
	}
}

// TestClassifiedOption checks that Options.Classified gives a classified project, and
// with several units a classified unit.
func TestClassifiedOption(t *testing.T) {
	for seed := int64(0); seed < 100; seed++ {
		b := random(seed, budgettest.Options{Classified: true})
		project, unit := false, false
		for _, p := range b.Projects {
			project = project || p.Classified
		}
		for _, u := range b.Units {
			unit = unit || u.Classified
		}
		if !project || (len(b.Units) > 1 && !unit) {
			t.Errorf("seed %d: classified project %v, classified unit %v among %d units", seed, project, unit, len(b.Units))
		}
	}
}

// TestDiff checks that Diff sees a one-分 change and ignores Src.
func TestDiff(t *testing.T) {
	a, b := random(1, budgettest.Options{}), random(1, budgettest.Options{})
	b.Items[0].Src.Row = 7
	if d := budgettest.Diff(a, b); d != "" {
		t.Errorf("Src counts as a difference: %s", d)
	}
	b.Items[0].Amount++
	if d := budgettest.Diff(a, b); !strings.Contains(d, "amount") {
		t.Errorf("a one-分 change is not reported: %q", d)
	}
}

// TestFields2026Coverage checks that budgets with the 2026 fields use each of them.
func TestFields2026Coverage(t *testing.T) {
	seen := map[string]bool{}
	for seed := int64(0); seed < 100; seed++ {
		b := random(seed, budgettest.Options{Year: 2026, Fields2026: true})
		for _, li := range b.Items {
			seen["kind "+string(li.Kind)] = true
			seen["fund "+string(li.SourceFund())] = true
			seen["staff growth"] = seen["staff growth"] || li.StaffGrowth
		}
		for _, p := range b.Procurement {
			seen["procurement code"] = seen["procurement code"] || p.Functional != ""
			seen["reserved SME"] = seen["reserved SME"] || p.ReservedSME > 0
			seen["reserved small"] = seen["reserved small"] || p.ReservedSmall > 0
		}
		seen["carry forward"] = seen["carry forward"] || len(b.CarryForward) > 0
	}
	for _, want := range []string{"kind " + string(budget.OperatingSp), "kind " + string(budget.SubsidySp), "kind " + string(budget.RemitSp),
		"fund " + string(budget.SuperiorSubsidy), "fund " + string(budget.AffiliateRemit), "staff growth",
		"procurement code", "reserved SME", "reserved small", "carry forward"} {
		if !seen[want] {
			t.Errorf("100 budgets never use %s", want)
		}
	}
}

// TestRandomSize: Units and Items give a department of the size asked for (a few
// items more where a fund would otherwise be unused), and it is valid.
func TestRandomSize(t *testing.T) {
	cat := classification.Default()
	for seed := int64(0); seed < 20; seed++ {
		for _, size := range []struct{ units, items int }{{1, 5}, {3, 200}, {40, 400}, {100, 60}} {
			b := random(seed, budgettest.Options{Units: size.units, Items: size.items, Classified: seed%2 == 0})
			if len(b.Units) != size.units {
				t.Errorf("seed %d %+v: %d units", seed, size, len(b.Units))
			}
			if n := len(b.Items); n < size.items || n > size.items+len(budget.FundTypes) {
				t.Errorf("seed %d %+v: %d items", seed, size, n)
			}
			if err := budget.Validate(b, cat); err != nil {
				t.Fatalf("seed %d %+v: generated budget is invalid:\n%v", seed, size, err)
			}
		}
	}
}
