package reader_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"yusuan/build"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/examples/examplestest"
	"yusuan/reader"
	"yusuan/render/text"
)

// TestDepartmentTotalRow reads the first row of a multi-unit Shenzhen
// document's unit-level tables, which prints the department's name where others
// print 合计, as the total row; a unit's own document (本级, its name wrapped in
// layout text) has none, nor has the 三公 table, whose first row is a year's.
func TestDepartmentTotalRow(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skip("the shared corpus is not next to the repository")
	}
	cases := []struct {
		file   string
		totals []int // the tables whose first row is the total
	}{
		{"shenzhen-2026/shenzhen-shuiwu-2026-dept-budget.pdf", []int{2, 3, 4, 5, 7, 8, 10, 11}},
		{"shenzhen-2026/shenzhen-shuiwu-2026-dept-budget.txt", []int{2, 3, 4, 7, 8, 10, 11}},
		{"shenzhen-2026/shenzhen-weijian-2026-dept-budget.txt", nil},
		{"shenzhen-2026/shenzhen-caizheng-2026-dept-budget.txt", nil},
	}
	for _, c := range cases {
		doc, err := reader.ReadFile(filepath.Join(corpusDir, c.file))
		if err != nil {
			t.Fatal(err)
		}
		want := map[int]bool{}
		for _, n := range c.totals {
			want[n] = true
		}
		for _, tb := range doc.Tables {
			if len(tb.Rows) == 0 {
				continue
			}
			if got := tb.Rows[0].Kind == disclosure.TotalRow; got != want[tb.Number] {
				t.Errorf("%s 表%d: first row %q read as total %v, want %v", c.file, tb.Number, printedCells(tb.Rows[0]), got, want[tb.Number])
			}
		}
	}
}

// TestDepartmentTotalRowRoundTrip reads back the multi-unit 2026 example as
// text: the department's row, printed with its name, is the total row again.
func TestDepartmentTotalRowRoundTrip(t *testing.T) {
	b := examplestest.Load(t, "shenzhen-shuiwu-2026")
	doc, err := build.Derive(b, classification.Default())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := text.Write(&buf, doc); err != nil {
		t.Fatal(err)
	}
	back, err := reader.ReadText("shuiwu.txt", buf.String())
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Tables) != len(doc.Tables) {
		t.Fatalf("read %d tables, derived %d", len(back.Tables), len(doc.Tables))
	}
	totals := 0
	for i, w := range doc.Tables {
		g := back.Tables[i]
		if len(w.Rows) == 0 || len(g.Rows) == 0 || w.Kind == disclosure.SanGongTable {
			continue
		}
		if w.Rows[0].Kind == disclosure.TotalRow && printedCells(w.Rows[0]) != "" && w.Rows[0].Cells[0].Text == b.Department.Name {
			totals++
		}
		if (g.Rows[0].Kind == disclosure.TotalRow) != (w.Rows[0].Kind == disclosure.TotalRow) {
			t.Errorf("表%d: first row %q read as total %v, derived %v", w.Number, printedCells(g.Rows[0]), g.Rows[0].Kind == disclosure.TotalRow, w.Rows[0].Kind == disclosure.TotalRow)
		}
	}
	if totals == 0 {
		t.Errorf("no table prints the department's name %q on its total row", b.Department.Name)
	}
}
