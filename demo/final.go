package demo

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"sort"

	"yusuan/budget"
	"yusuan/budget/budgettest"
	"yusuan/money"
)

// FinalNotice is the department's explanation of every large deviation in a
// generated 部门决算, so that no reader takes it for a real one.
const FinalNotice = "（虚拟数据）年度中工作任务调整，支出相应变化。"

// spending draws a line item's 决算数 the way published 部门决算 run, in a
// department that budgets total: basic spending (salaries, running costs) at
// 90–100% of its budget; a project mostly at 85–100%, but one in twenty
// cancelled, one in ten delayed (50–80%) and one in ten topped up by a
// supplementary grant during the year (110–150%). Only a project of less than a
// twentieth of the department's budget is cancelled; a larger one is delayed
// instead, as a department does not drop most of its year's work. Most
// departments then spend 85–100% of their budget, and those far off are the ones
// whose large projects were delayed or topped up.
func spending(total money.Amount) budgettest.Spend {
	return func(r *rand.Rand, li *budget.LineItem) money.Amount {
		if li.Kind != budget.ProjectSp {
			return budgettest.Share(li.Amount, 900+r.Int63n(101))
		}
		switch n := r.Intn(20); {
		case n == 0 && li.Amount*20 < total:
			return 0
		case n <= 2:
			return budgettest.Share(li.Amount, 500+r.Int63n(301))
		case n <= 4:
			return budgettest.Share(li.Amount, 1100+r.Int63n(401))
		}
		return budgettest.Share(li.Amount, 850+r.Int63n(151))
	}
}

// Final returns the 部门决算 of b, the budget of the district's k-th department
// for a year: a copy of b with random 决算数 drawn by spending that balance
// (budgettest.FinalSpending), a 调整预算 on the projects of every fifth
// department, and the department's reason for each functional 项 spent 20% or
// more off its budget. In every
// seventh department the 决算 states one project line's 年初预算 10% above what
// the published 部门预算 approved, the kind of disagreement between the two
// documents that the portal shows. The same seed gives the same 决算.
func Final(seed int64, k int, b *budget.Budget) (*budget.Budget, error) {
	data, err := json.Marshal(b)
	if err != nil {
		return nil, fmt.Errorf("demo: copy budget: %w", err)
	}
	f := &budget.Budget{}
	if err := json.Unmarshal(data, f); err != nil {
		return nil, fmt.Errorf("demo: copy budget: %w", err)
	}
	r := rand.New(rand.NewSource(seed*1_000_033 + int64(k)))
	budgettest.FinalSpending(r, f, spending(f.Sum(budget.All)))
	if k%5 == 0 {
		for i := range f.Items {
			if li := &f.Items[i]; li.Kind == budget.ProjectSp {
				a := li.Amount + li.Amount/10*money.Amount(r.Intn(3))
				li.Adjusted = &a
			}
		}
	}
	if k%7 == 3 {
		largest := -1
		for i, li := range f.Items {
			if li.Kind == budget.ProjectSp && li.Fund != budget.CarryOver && (largest < 0 || li.Amount > f.Items[largest].Amount) {
				largest = i
			}
		}
		if largest >= 0 {
			f.Items[largest].Amount += f.Items[largest].Amount / 10
			// The 决算 prints no 绩效目标表, whose tasks add up to the budget.
			f.Performance = budget.Performance{}
		}
	}
	planned, spent := map[string]money.Amount{}, map[string]money.Amount{}
	for _, li := range f.Items {
		planned[li.Functional] += li.Amount
		spent[li.Functional] += li.FinalAmount()
	}
	for code, p := range planned {
		if d := (spent[code] - p).Abs(); (p == 0 && d != 0) || (p != 0 && d*5 >= p) {
			f.Final.Reasons = append(f.Final.Reasons, budget.CodeNote{Code: code, Note: FinalNotice})
		}
	}
	sort.Slice(f.Final.Reasons, func(i, j int) bool { return f.Final.Reasons[i].Code < f.Final.Reasons[j].Code })
	return f, nil
}
