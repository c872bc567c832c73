package budgetfile

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func writeGrid(t *testing.T, sheets []Sheet) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteGrid(&buf, sheets); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGridRoundTrip reads a workbook as sheets, writes them back unchanged and
// reads the budget: the same budget, and so the same model.
func TestGridRoundTrip(t *testing.T) {
	want := richBudget()
	sheets, err := GridWorkbook(want, "rich.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	checked, err := CheckGrid("rich.xlsx", sheets)
	if err != nil {
		t.Fatal(err)
	}
	got := readXLSX(t, writeGrid(t, checked), "rich.xlsx")
	wj, _ := json.Marshal(want)
	gj, _ := json.Marshal(got)
	if !bytes.Equal(wj, gj) {
		t.Fatalf("the budget changed on a round trip through the grid\nwant %s\n got %s", wj, gj)
	}
}

// TestCheckGrid refuses formulas and amounts that are not exact 元, naming the
// sheet, row and column, and normalises amounts typed with full-width digits or
// separators.
func TestCheckGrid(t *testing.T) {
	sheets, err := GridWorkbook(richBudget(), "rich.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	var items *Sheet
	for i := range sheets {
		if sheets[i].Name == shItems {
			items = &sheets[i]
		}
	}
	amount := -1
	for j, c := range items.Columns {
		if c.Label == "金额" {
			amount = j
		}
	}
	for _, tc := range []struct{ cell, want, err string }{
		{"１,２３４.５", "1234.50", ""},
		{"12.345", "", "工作表“支出明细” 第 3 行 I 列（金额）：应为以元为单位的金额"},
		{"1e3", "", "实际为“1e3”"},
		{"=SUM(I2:I3)", "", "第 3 行 I 列（金额）：不能填写公式"},
		{"一百元", "", "应为以元为单位的金额"},
	} {
		edited := append([]Sheet(nil), sheets...)
		g := *items
		g.Rows = append([]GridRow(nil), g.Rows...)
		g.Rows[1].Cells = append([]string(nil), g.Rows[1].Cells...)
		g.Rows[1].Cells[amount] = tc.cell
		for i := range edited {
			if edited[i].Name == shItems {
				edited[i] = g
			}
		}
		out, err := CheckGrid("编辑.xlsx", edited)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%s: %v", tc.cell, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s: error %v, want %s", tc.cell, err, tc.err)
		case tc.err == "":
			for _, s := range out {
				if s.Name == shItems && s.Rows[1].Cells[amount] != tc.want {
					t.Errorf("%s: normalised to %s, want %s", tc.cell, s.Rows[1].Cells[amount], tc.want)
				}
			}
		}
	}
}
