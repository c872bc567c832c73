package budgetfile

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"yusuan/budget"
	"yusuan/classification"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func writeYAML(t *testing.T, b *budget.Budget) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteYAML(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeXLSX(t testing.TB, b *budget.Budget) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readXLSX(t *testing.T, data []byte, name string) *budget.Budget {
	t.Helper()
	b, err := ReadXLSX(bytes.NewReader(data), int64(len(data)), name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRichBudgetIsValid keeps the round-trip fixture honest: it is a budget that
// passes validation, so the round trips exercise realistic data.
func TestRichBudgetIsValid(t *testing.T) {
	if err := budget.Validate(richBudget(), classification.Default()); err != nil {
		t.Fatal(err)
	}
}

func TestYAMLRoundTrip(t *testing.T) {
	want := richBudget()
	data := writeYAML(t, want)
	golden := filepath.Join("testdata", "rich.yaml")
	if *update {
		if err := os.WriteFile(golden, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if g, err := os.ReadFile(golden); err != nil || !bytes.Equal(g, data) {
		t.Errorf("WriteYAML differs from %s (run go test -update and review the diff); err=%v", golden, err)
	}
	got, err := ReadYAML(bytes.NewReader(data), "rich.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sameBudget(t, want, got)
	if again := writeYAML(t, got); !bytes.Equal(again, data) {
		t.Errorf("YAML → budget → YAML is not stable:\n%s", again)
	}
}

func TestXLSXRoundTrip(t *testing.T) {
	want := richBudget()
	got := readXLSX(t, writeXLSX(t, want), "rich.xlsx")
	sameBudget(t, want, got)
}

// TestYAMLThroughXLSX is the promise that the two formats hold the same budget:
// YAML → XLSX → YAML gives the same bytes.
func TestYAMLThroughXLSX(t *testing.T) {
	first := writeYAML(t, richBudget())
	b, err := ReadYAML(bytes.NewReader(first), "rich.yaml")
	if err != nil {
		t.Fatal(err)
	}
	back := readXLSX(t, writeXLSX(t, b), "rich.xlsx")
	if second := writeYAML(t, back); !bytes.Equal(first, second) {
		t.Errorf("YAML → XLSX → YAML changed the text:\n%s", second)
	}
}

func TestEmptyBudgetRoundTrip(t *testing.T) {
	want := &budget.Budget{}
	got, err := ReadYAML(bytes.NewReader(writeYAML(t, want)), "empty.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sameBudget(t, want, got)
	sameBudget(t, want, readXLSX(t, writeXLSX(t, want), "empty.xlsx"))
}
