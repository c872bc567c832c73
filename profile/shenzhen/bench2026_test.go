package shenzhen_test

import (
	"math/rand"
	"testing"

	"yusuan/budget/budgettest"
	"yusuan/classification"
	"yusuan/profile/shenzhen"
)

// BenchmarkDerive2026 derives the 2026 document of a department of some 200 units.
func BenchmarkDerive2026(b *testing.B) {
	bud := budgettest.Random(rand.New(rand.NewSource(1)), budgettest.Options{MaxUnits: 400, Year: 2026, Fields2026: true})
	b.Logf("%d units, %d items", len(bud.Units), len(bud.Items))
	cat := classification.Default()
	for b.Loop() {
		if _, err := (shenzhen.Profile{}).Derive(bud, cat); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDerive2024 is the same budget in the 2024 format, for comparison.
func BenchmarkDerive2024(b *testing.B) {
	bud := budgettest.Random(rand.New(rand.NewSource(1)), budgettest.Options{MaxUnits: 400, Year: 2025})
	b.Logf("%d units, %d items", len(bud.Units), len(bud.Items))
	cat := classification.Default()
	for b.Loop() {
		if _, err := (shenzhen.Profile{}).Derive(bud, cat); err != nil {
			b.Fatal(err)
		}
	}
}
