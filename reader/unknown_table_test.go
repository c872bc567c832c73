package reader_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"yusuan/reader"
)

// TestUnknownTable: a table printed with its label and a title that no format
// describes is read as printed, its kind unknown, and the tables around it keep
// their rows.
func TestUnknownTable(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "putuo-shangwuwei-2025-dept-budget.txt"))
	if err != nil {
		t.Fatal(err)
	}
	const before = "\f                            其他相关情况说明"
	table := "\f表10  部门预算重大项目资金安排表\n" +
		"                                            单位：万元\n" +
		"       项目名称                      金额\n" +
		"       信息化建设                1,200.00\n" +
		"       办案装备                    300.00\n" +
		"       合计                      1,500.00\n"
	text := string(data)
	if !strings.Contains(text, before) {
		t.Fatal("the corpus no longer has the line this test inserts before")
	}
	doc, err := reader.ReadText("unknown.txt", strings.Replace(text, before, table+before, 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Tables) != 10 {
		t.Fatalf("read %d tables, want 10", len(doc.Tables))
	}
	tb := doc.Tables[9]
	if tb.Title != "部门预算重大项目资金安排表" || tb.Kind != "" || tb.Number != 10 || tb.Unit != "万元" || len(tb.Rows) != 3 {
		t.Fatalf("read 表%d %q kind %q unit %s with %d rows", tb.Number, tb.Title, tb.Kind, tb.Unit, len(tb.Rows))
	}
	if last := tb.Rows[2]; last.Cells[1].Display(tb.Unit) != "1,500.00" {
		t.Errorf("total %q, want 1,500.00", last.Cells[1].Display(tb.Unit))
	}
	if n := len(doc.Tables[8].Rows); n != 1 {
		t.Errorf("表9 has %d rows, want 1", n)
	}
}
