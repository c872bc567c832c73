package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"yusuan/budget"
	"yusuan/budgetfile"
	"yusuan/build"
	"yusuan/check"
	"yusuan/check/checktest"
	"yusuan/classification"
	"yusuan/reader"
	"yusuan/render/text"
)

// example2026 is the synthetic budget of the 2026 format's golden file.
const example2026 = "../profile/shenzhen/testdata/example-2026"

// TestRun2026ChecksClean builds the 2026 example into every format, as yusuan build
// does, and checks the PDF, the workbook and the text the way yusuan check does: the
// eleven tables read back, and no errors.
func TestRun2026ChecksClean(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	paths, err := build.Run(example2026, dir, "", classification.Default(), build.Formats)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := build.Derive(mustLoad(t, example2026), classification.Default())
	if err != nil {
		t.Fatal(err)
	}
	txt := filepath.Join(dir, build.FileBase(doc)+".txt")
	f, err := os.Create(txt)
	if err != nil {
		t.Fatal(err)
	}
	if err := text.Write(f, doc); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, p := range append(paths, txt) {
		ext := filepath.Ext(p)
		if ext != ".pdf" && ext != ".xlsx" && ext != ".txt" {
			continue
		}
		back, err := reader.ReadFile(p)
		if err != nil {
			t.Errorf("%s: %v", ext, err)
			continue
		}
		if back.Format != "shenzhen-2026" || len(back.Tables) != 11 {
			t.Errorf("%s: read as %s with %d tables, want shenzhen-2026 with 11", ext, back.Format, len(back.Tables))
		}
		if errs := checktest.Errors(check.Run(back, check.Options{Codes: classification.Default()})); len(errs) > 0 {
			t.Errorf("%s: yusuan check finds errors:\n%s", ext, strings.Join(errs, "\n"))
		}
	}
}

func mustLoad(t testing.TB, dir string) *budget.Budget {
	t.Helper()
	b, err := budgetfile.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
