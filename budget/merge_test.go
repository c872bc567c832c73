package budget_test

import (
	"encoding/json"
	"math/rand"
	"strings"
	"testing"

	"yusuan/budget"
	"yusuan/budget/budgettest"
	"yusuan/money"
)

// TestMergeSplitUnits: a random budget split into its units' parts merges back
// into exactly the budget, each unit's rows together, whether the department's
// own blocks come with the first part or with every part.
func TestMergeSplitUnits(t *testing.T) {
	for seed := int64(1); seed <= mergeSeeds(); seed++ {
		splitMerges(t, seed, budgettest.Random(rand.New(rand.NewSource(seed)), budgettest.Options{Fields2026: seed%2 == 0}))
	}
}

// mergeSeeds is how many random budgets the merge properties try.
func mergeSeeds() int64 {
	if testing.Short() {
		return 15
	}
	return 60
}

// splitMerges checks that b split into its units' parts, each holding its own
// unit alone, merges back into exactly b, each unit's rows together, whether
// the department's own blocks come with the first part or with every part.
func splitMerges(t *testing.T, seed int64, b *budget.Budget) {
	t.Helper()
	want := jsonOf(t, budgettest.ByUnit(b))
	for _, copies := range []bool{false, true} {
		parts := budgettest.SplitUnits(b, copies)
		for i, p := range parts {
			if errs := budget.OutsideUnit(p, p.Units[0].Name); len(errs) > 0 {
				t.Fatalf("seed %d: part %d holds other units' rows: %v", seed, i, errs)
			}
		}
		m, err := budget.Merge(parts)
		if err != nil {
			t.Fatalf("seed %d copies %v: %v", seed, copies, err)
		}
		if got := jsonOf(t, m); got != want {
			t.Errorf("seed %d copies %v: merged budget differs from the original\n got %.300s\nwant %.300s", seed, copies, got, want)
		}
	}
}

// TestMergeSplitFinal: a random 部门决算 split into its units' parts (each with
// its own income, carry-overs, 结余分配, uses of balances and 三公 决算数 of this
// and last year) merges back into exactly the 决算, whether its department-wide
// figures come with the first part or with every part; each part holds its own
// unit alone.
func TestMergeSplitFinal(t *testing.T) {
	for seed := int64(1); seed <= mergeSeeds(); seed++ {
		r := rand.New(rand.NewSource(seed))
		b := budgettest.Final(r, budgettest.Random(r, budgettest.Options{}))
		f := b.Final
		// Final leaves these out; every unit gets 三公 lines and the department its
		// explanations, so that each of the block's fields is split and merged.
		for i := len(b.Units) - 1; i >= 0; i-- {
			line := budget.SanGongLine{Unit: b.Units[i].Code, Fund: budget.GeneralPublic,
				Reception: money.Amount(r.Int63n(1e6)), CarRunning: money.Amount(r.Int63n(1e6))}
			f.SanGong = append(f.SanGong, line)
			line.Abroad = money.Amount(r.Int63n(1e6))
			f.LastYear.SanGong = append(f.LastYear.SanGong, line)
		}
		f.Performance = budget.FinalPerformance{Intro: "开展绩效管理", Targets: r.Intn(50), Score: "98.5"}
		f.Reasons = []budget.CodeNote{{Code: b.Items[0].Functional, Note: "项目调整"}}
		f.Text = budget.FinalText{TotalReason: "业务增加", Members: []budget.Member{{Name: "财政所"}}}
		splitMerges(t, seed, b)
	}
}

// TestMergeFinalConflicts: a 决算's department-wide figures given two ways are
// refused, naming both files, and a part holding another unit's 决算 rows is
// named by OutsideUnit.
func TestMergeFinalConflicts(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	b := budgettest.Final(r, budgettest.Random(r, budgettest.Options{Units: 3}))
	// Every department-wide block given, so that a part giving it otherwise conflicts.
	b.Final.Text.TotalReason = "业务增加"
	b.Final.LastYear.Total = 1e9
	b.Final.Performance.Targets = 3
	b.Final.Reasons = []budget.CodeNote{{Code: b.Items[0].Functional, Note: "项目调整"}}
	split := func() []*budget.Budget { return namedParts(b) }
	for _, c := range []struct {
		name   string
		change func(parts []*budget.Budget)
		want   string
	}{
		{"text", func(ps []*budget.Budget) { ps[1].Final.Text.TotalReason = "另一原因" }, "部门的“决算说明”与文件 甲.xlsx 中填写的不一致"},
		{"last year", func(ps []*budget.Budget) { ps[2].Final.LastYear.Total++ }, "部门的“上年决算数”与文件 甲.xlsx 中填写的不一致"},
		{"procurement", func(ps []*budget.Budget) { ps[1].Final.Procurement.Works++ }, "部门的“政府采购决算”与文件 甲.xlsx 中填写的不一致"},
		{"performance", func(ps []*budget.Budget) { ps[1].Final.Performance.Fail = 1 }, "部门的“预算绩效管理”"},
		{"reasons", func(ps []*budget.Budget) {
			ps[2].Final.Reasons = []budget.CodeNote{{Code: b.Items[0].Functional, Note: "另一原因"}}
		}, "部门的“决算数变动原因”"},
	} {
		parts := split()
		c.change(parts)
		_, err := budget.Merge(parts)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want a conflict saying %q", c.name, err, c.want)
		}
	}
	// A part given the whole department's income or carry-in holds other units' rows.
	for _, c := range []struct {
		what string
		give func(f *budget.Final)
	}{
		{"收入决算", func(f *budget.Final) { f.Income = b.Final.Income }},
		{"年初结转和结余", func(f *budget.Final) { f.CarryIn = b.Final.CarryIn }},
	} {
		p := split()[0]
		c.give(p.Final)
		if errs := budget.OutsideUnit(p, p.Units[0].Code); len(errs) == 0 || !strings.Contains(errs.Error(), "这一行"+c.what+"属于单位编码") {
			t.Errorf("a part with other units' %s: %v", c.what, errs)
		}
	}
}

func jsonOf(t *testing.T, b *budget.Budget) string {
	t.Helper()
	v, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return string(v)
}

// namedParts splits b, of three units, into their parts, each with every
// department block, read from 甲.xlsx, 乙.xlsx and 丙.xlsx.
func namedParts(b *budget.Budget) []*budget.Budget {
	parts := budgettest.SplitUnits(b, true)
	for i, p := range parts {
		p.Department.Src = budget.Source{File: []string{"甲.xlsx", "乙.xlsx", "丙.xlsx"}[i]}
	}
	return parts
}

// TestMergeConflicts: a unit or project in two parts, a department block given
// two ways and a part of another department are refused, naming both files.
func TestMergeConflicts(t *testing.T) {
	b := budgettest.Random(rand.New(rand.NewSource(3)), budgettest.Options{Units: 3})
	split := func() []*budget.Budget { return namedParts(b) }
	for _, c := range []struct {
		name   string
		change func(parts []*budget.Budget)
		want   []string
	}{
		{"same unit twice", func(ps []*budget.Budget) {
			ps[1].Units[0].Code = ps[0].Units[0].Code
			ps[1].Units[0].Src = budget.Source{File: "乙.xlsx", Sheet: "单位", Row: 2}
		}, []string{"乙.xlsx 工作表“单位” 第 2 行", "单位编码 " + b.Units[0].Code + " 已在"}},
		{"same project twice", func(ps []*budget.Budget) {
			p := ps[0].Projects[0]
			p.Unit = ps[1].Units[0].Code
			ps[1].Projects = append(ps[1].Projects, p)
		}, []string{"项目编码 " + b.Projects[0].Code + " 已在"}},
		{"text given two ways", func(ps []*budget.Budget) {
			ps[2].Text.Duties = []string{"另一种职责"}
		}, []string{"丙.xlsx", "部门的“部门文字说明”与文件 甲.xlsx 中填写的不一致"}},
		{"another department", func(ps []*budget.Budget) {
			ps[1].Department.Name = "另一部门"
		}, []string{"部门名称为“另一部门”，与文件 甲.xlsx 的", "不能汇总"}},
	} {
		parts := split()
		c.change(parts)
		_, err := budget.Merge(parts)
		if err == nil {
			t.Errorf("%s: merged", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q lacks %q", c.name, err, w)
			}
		}
	}
}
