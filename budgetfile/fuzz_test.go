package budgetfile

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadYAML: no input panics, and whatever reads without error writes back to
// YAML that reads as the same budget.
func FuzzReadYAML(f *testing.F) {
	rich, err := os.ReadFile(filepath.Join("testdata", "rich.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{string(rich), smallYAML, "", "year: 2025\n", "items:\n  - {amount: \"1.005\"}\n",
		"a: &x [*x]\n", "units: [{code: 1, classified: true}]\n", "text:\n  duties:\n    - |\n      两段\n\n      文字\n"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadYAML(bytes.NewReader(data), "fuzz.yaml")
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := WriteYAML(&out, b); err != nil {
			t.Fatalf("WriteYAML after a good read: %v", err)
		}
		again, err := ReadYAML(bytes.NewReader(out.Bytes()), "again.yaml")
		if err != nil {
			t.Fatalf("reading written YAML: %v\n%s", err, out.Bytes())
		}
		sameBudget(t, b, again)
	})
}

// FuzzReadXLSX: no input panics or exhausts memory, and a workbook that reads
// without error can be written as YAML.
func FuzzReadXLSX(f *testing.F) {
	f.Add(writeXLSX(f, richBudget()))
	var tpl bytes.Buffer
	if err := WriteTemplate(&tpl, "shenzhen"); err != nil {
		f.Fatal(err)
	}
	f.Add(tpl.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadXLSX(bytes.NewReader(data), int64(len(data)), "fuzz.xlsx")
		if err != nil {
			return
		}
		if err := WriteYAML(&bytes.Buffer{}, b); err != nil {
			t.Fatalf("WriteYAML after a good read: %v", err)
		}
	})
}
