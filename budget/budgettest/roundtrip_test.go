package budgettest_test

import (
	"bytes"
	"strings"
	"testing"

	"yusuan/budget"
	"yusuan/budget/budgettest"
	"yusuan/budgetfile"
)

// roundTripSeeds is how many random budgets go through each input format.
func roundTripSeeds() int64 {
	if testing.Short() {
		return 10
	}
	return 50
}

func writeXLSX(t *testing.T, seed int64, b *budget.Budget) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := budgetfile.WriteXLSX(&buf, b); err != nil {
		t.Fatalf("seed %d: WriteXLSX: %v", seed, err)
	}
	return buf.Bytes()
}

func readXLSX(t *testing.T, seed int64, data []byte) *budget.Budget {
	t.Helper()
	b, err := budgetfile.ReadXLSX(bytes.NewReader(data), int64(len(data)), "budget.xlsx")
	if err != nil {
		t.Fatalf("seed %d: ReadXLSX of a written workbook: %v", seed, err)
	}
	if b == nil {
		t.Fatalf("seed %d: ReadXLSX returned no budget and no error", seed)
	}
	return b
}

func writeYAML(t *testing.T, seed int64, b *budget.Budget) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := budgetfile.WriteYAML(&buf, b); err != nil {
		t.Fatalf("seed %d: WriteYAML: %v", seed, err)
	}
	return buf.Bytes()
}

func readYAML(t *testing.T, seed int64, data []byte) *budget.Budget {
	t.Helper()
	b, err := budgetfile.ReadYAML(bytes.NewReader(data), "budget.yaml")
	if err != nil {
		t.Fatalf("seed %d: ReadYAML of a written file: %v", seed, err)
	}
	return b
}

func sameBudget(t *testing.T, seed int64, how string, want, got *budget.Budget) {
	t.Helper()
	if d := budgettest.Diff(want, got); d != "" {
		t.Fatalf("seed %d: %s changes the budget at %s", seed, how, d)
	}
}

func TestYAMLRoundTrip(t *testing.T) {
	for seed := int64(0); seed < roundTripSeeds(); seed++ {
		b := random(seed, budgettest.Options{Classified: seed%3 == 0, Fields2026: seed%2 == 1})
		sameBudget(t, seed, "WriteYAML → ReadYAML", b, readYAML(t, seed, writeYAML(t, seed, b)))
	}
}

func TestXLSXRoundTrip(t *testing.T) {
	for seed := int64(0); seed < roundTripSeeds(); seed++ {
		b := random(seed, budgettest.Options{Classified: seed%3 == 0, Fields2026: seed%2 == 1})
		sameBudget(t, seed, "WriteXLSX → ReadXLSX", b, readXLSX(t, seed, writeXLSX(t, seed, b)))
	}
}

// TestXLSXToYAMLIsStable converts a workbook to YAML and back twice; the two YAML
// files must be the same bytes. It reads and writes two workbooks a seed, so it takes
// fewer seeds than the round trips.
func TestXLSXToYAMLIsStable(t *testing.T) {
	for seed := int64(0); seed < roundTripSeeds()*2/5; seed++ {
		b := random(seed, budgettest.Options{Classified: seed%3 == 0, Fields2026: seed%2 == 1})
		yaml1 := writeYAML(t, seed, readXLSX(t, seed, writeXLSX(t, seed, b)))
		xlsx2 := writeXLSX(t, seed, readYAML(t, seed, yaml1))
		yaml2 := writeYAML(t, seed, readXLSX(t, seed, xlsx2))
		if !bytes.Equal(yaml1, yaml2) {
			l1, l2 := strings.Split(string(yaml1), "\n"), strings.Split(string(yaml2), "\n")
			for i := 0; i < len(l1) && i < len(l2); i++ {
				if l1[i] != l2[i] {
					t.Fatalf("seed %d: XLSX → YAML → XLSX → YAML changes YAML line %d:\nfirst  %s\nsecond %s", seed, i+1, l1[i], l2[i])
				}
			}
			t.Fatalf("seed %d: XLSX → YAML → XLSX → YAML changes the YAML's length: %d lines, then %d", seed, len(l1), len(l2))
		}
	}
}
