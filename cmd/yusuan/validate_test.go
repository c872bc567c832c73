package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestValidateReportsAllErrors: a workbook with an unreadable cell and
// codes the catalogue lacks, one of them on the unreadable cell's row,
// reports all in one run, with their count, and sets apart what may only
// follow from the unreadable cell.
func TestValidateReportsAllErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "预算.xlsx")
	var amountCell, codeCell string
	exampleXLSX(t, path, func(f *excelize.File) {
		amountCell = cellOf(t, f, "支出明细", "金额", "经济科目", "30101")
		f.SetCellStr("支出明细", amountCell, "五十五万")
		f.SetCellStr("支出明细", cellOf(t, f, "支出明细", "功能科目", "经济科目", "30101"), "2019999")
		codeCell = cellOf(t, f, "支出明细", "经济科目", "经济科目", "30102")
		f.SetCellStr("支出明细", codeCell, "30198")
	})
	code, _, errs := runCLI(t, "validate", path)
	if code != exitError {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	row := func(cell string) string {
		_, r, _ := excelize.CellNameToCoordinates(cell)
		return "第 " + strconv.Itoa(r) + " 行"
	}
	for _, want := range []string{"共 3 处错误", row(amountCell), "五十五万", "2019999", row(codeCell), "30198", "不在科目表中", "另有 1 处可能只是", "绩效任务金额合计"} {
		if !strings.Contains(errs, want) {
			t.Errorf("report lacks %q:\n%s", want, errs)
		}
	}
}

// TestValidateMissingColumn: a missing column is one error, not one more for
// every row that has no value in it.
func TestValidateMissingColumn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "预算.xlsx")
	exampleXLSX(t, path, func(f *excelize.File) {
		f.SetCellStr("支出明细", cellOf(t, f, "支出明细", "经济科目", "经济科目", "30102"), "30198")
		rows, _ := f.GetRows("支出明细")
		for i, h := range rows[0] {
			if h == "功能科目" {
				col, _ := excelize.ColumnNumberToName(i + 1)
				f.RemoveCol("支出明细", col)
			}
		}
	})
	code, _, errs := runCLI(t, "validate", path)
	if code != exitError || !strings.Contains(errs, "共 2 处错误") || !strings.Contains(errs, "缺少“功能科目”列") || !strings.Contains(errs, "30198") {
		t.Errorf("exit %d\n%s", code, errs)
	}
}

// TestValidateCountsBeyondList: every error is counted, the first 200 listed:
// one for each of 250 rows, and the tasks that no longer add up to the total.
func TestValidateCountsBeyondList(t *testing.T) {
	var lines strings.Builder
	for i := range 250 {
		// Each line in a unit of its own that the budget lacks: one error each.
		lines.WriteString(`  - {unit: "U` + strconv.Itoa(i) + `", functional: "2010301", economic: "30101", kind: 人员经费, fund: 一般公共预算, amount: "1.00"}` + "\n")
	}
	path := filepath.Join(t.TempDir(), "budget.yaml")
	write(t, path, exampleYAML(t, "items:\n", "items:\n"+lines.String()))
	code, _, errs := runCLI(t, "validate", path)
	if code != exitError || !strings.Contains(errs, "共 251 处错误") || !strings.Contains(errs, "另有 51 处错误未列出") {
		t.Errorf("exit %d\n%.600s", code, errs)
	}
	if n := strings.Count(errs, "不在单位表中"); n != 200 {
		t.Errorf("%d errors listed, want 200", n)
	}
}
