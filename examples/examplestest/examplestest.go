// Package examplestest loads the example budgets of the repository's examples folder
// in tests, from whichever package's folder the test runs in.
package examplestest

import (
	"path/filepath"
	"runtime"
	"testing"

	"yusuan/budget"
	"yusuan/budgetfile"
)

// Load reads the example budget in the folder name of examples/ (longgang-2024,
// putuo-shangwuwei-2025, …), failing t when it cannot. It does not validate: tests
// that change the budget first validate it themselves.
func Load(t testing.TB, name string) *budget.Budget {
	t.Helper()
	// The examples are found from this file's own place in the source tree, so that
	// the path does not depend on the folder of the test's package.
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("examplestest: cannot tell where the examples are")
	}
	b, err := budgetfile.Load(filepath.Join(filepath.Dir(file), "..", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TwoUnitFinal is the Putuo 2024 部门决算 (putuo-caizhengju-2024-juesuan) with a
// second unit, 144002: the 养老保险 and 职业年金 spending (2080505, 2080506) and
// the income that paid for it move to a 会计核算中心, so that each unit still
// balances on its own, for the tests of assembling a 决算 from units' parts.
func TwoUnitFinal(t testing.TB) *budget.Budget {
	t.Helper()
	b := Load(t, "putuo-caizhengju-2024-juesuan")
	const second = "144002"
	b.Units = append(b.Units, budget.Unit{Code: second, Name: "上海市普陀区财政局会计核算中心", Kind: b.Units[0].Kind})
	moved := func(code string) bool { return code == "2080505" || code == "2080506" }
	n := 0
	for i := range b.Items {
		if moved(b.Items[i].Functional) {
			b.Items[i].Unit = second
			n++
		}
	}
	for i := range b.Final.Income {
		if moved(b.Final.Income[i].Functional) {
			b.Final.Income[i].Unit = second
			n++
		}
	}
	if n != 4 {
		t.Fatalf("examplestest: moved %d rows to the second unit, want 4", n)
	}
	return b
}
