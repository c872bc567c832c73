package shanghai_test

import (
	"math/rand"
	"strings"
	"testing"

	"yusuan/budget/budgettest"
	"yusuan/check"
	"yusuan/profile/profiletest"
)

// TestRandomBudgetsPassChecks derives the 部门预算 and every 单位预算 of random budgets
// and requires the checker to find no error in any of them.
func TestRandomBudgetsPassChecks(t *testing.T) {
	seeds := int64(200)
	if testing.Short() {
		seeds = 40
	}
	for seed := int64(0); seed < seeds; seed++ {
		b := budgettest.Random(rand.New(rand.NewSource(seed)), budgettest.Options{Classified: seed%4 == 0})
		for _, doc := range documents(t, b) {
			res := check.Run(doc, check.Options{})
			if errs := profiletest.Errors(res); len(errs) > 0 {
				t.Fatalf("seed %d, %s %s has errors:\n%s\nreproduce with budgettest.Random(rand.New(rand.NewSource(%d)), budgettest.Options{Classified: %v})",
					seed, doc.Kind, doc.Subject, strings.Join(errs, "\n"), seed, seed%4 == 0)
			}
		}
	}
}
