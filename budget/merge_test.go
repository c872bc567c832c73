package budget_test

import (
	"encoding/json"
	"math/rand"
	"strings"
	"testing"

	"yusuan/budget"
	"yusuan/budget/budgettest"
)

// TestMergeSplitUnits: a random budget split into its units' parts merges back
// into exactly the budget, each unit's rows together, whether the department's
// own blocks come with the first part or with every part.
func TestMergeSplitUnits(t *testing.T) {
	seeds := int64(60)
	if testing.Short() {
		seeds = 15
	}
	for seed := int64(1); seed <= seeds; seed++ {
		b := budgettest.Random(rand.New(rand.NewSource(seed)), budgettest.Options{Fields2026: seed%2 == 0})
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
}

func jsonOf(t *testing.T, b *budget.Budget) string {
	t.Helper()
	v, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return string(v)
}

// TestMergeConflicts: a unit or project in two parts, a department block given
// two ways and a part of another department are refused, naming both files.
func TestMergeConflicts(t *testing.T) {
	b := budgettest.Random(rand.New(rand.NewSource(3)), budgettest.Options{Units: 3})
	split := func() []*budget.Budget {
		parts := budgettest.SplitUnits(b, true)
		for i, p := range parts {
			p.Department.Src = budget.Source{File: []string{"甲.xlsx", "乙.xlsx", "丙.xlsx"}[i]}
		}
		return parts
	}
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
