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
