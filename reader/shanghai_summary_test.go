package reader_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"yusuan/budget/budgettest"
	"yusuan/check"
	"yusuan/disclosure"
	"yusuan/examples/examplestest"
	"yusuan/profile/profiletest"
	"yusuan/profile/shanghai"
	"yusuan/reader"
	"yusuan/render/pdf"
)

// withSummary returns doc with its table 1 in the department's four columns (split
// false) or the unit's seven, filled from from: a table 1 of seven columns derived
// from the same budget, whose first four columns are the department's.
func withSummary(doc *disclosure.Document, from *disclosure.Table, split bool) *disclosure.Document {
	four, seven := shanghai.SummaryShells(doc.Year, doc.Kind == "部门预算")
	t := four
	if split {
		t = seven
	}
	old := doc.Tables[0]
	t.Unlabeled, t.Entity = old.Unlabeled, old.Entity
	for _, r := range from.Rows {
		t.Rows = append(t.Rows, disclosure.Row{Kind: r.Kind, Cells: slices.Clone(r.Cells[:len(t.Columns)])})
	}
	c := *doc
	c.Tables = slices.Clone(doc.Tables)
	c.Tables[0] = t
	return &c
}

// sameShanghai requires back, read from format, to hold doc's tables cell for cell
// and to pass the checker.
func sameShanghai(t *testing.T, format string, doc, back *disclosure.Document) {
	t.Helper()
	if errs := errorsOf(check.Run(back, check.Options{})); len(errs) > 0 {
		t.Errorf("%s: read back with errors:\n%s", format, strings.Join(errs, "\n"))
	}
	if back.Kind != doc.Kind || back.Year != doc.Year || back.Subject != doc.Subject {
		t.Errorf("%s: read %s %d %q, want %s %d %q", format, back.Kind, back.Year, back.Subject, doc.Kind, doc.Year, doc.Subject)
	}
	if len(back.Tables) != len(doc.Tables) {
		t.Fatalf("%s: read %d tables, want %d", format, len(back.Tables), len(doc.Tables))
	}
	for i, want := range doc.Tables {
		got := back.Tables[i]
		if len(got.Columns) != len(want.Columns) || printedTable(got) != printedTable(want) {
			t.Errorf("%s: %s reads back in %d columns, want %d\nwritten:\n%s\nread:\n%s", format, want.Title, len(got.Columns), len(want.Columns), printedTable(want), printedTable(got))
		}
	}
}

func pdfOf(t *testing.T, doc *disclosure.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.Write(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestShanghaiSummaryLayouts: a 部门预算 and a 单位预算 each read back from XLSX
// and PDF with table 1 in either layout, the department's four columns (as districts
// publish 单位预算 too, and yusuan once wrote them) or the unit's seven. The example
// has one unit, so the unit's table 1 fills the department's.
func TestShanghaiSummaryLayouts(t *testing.T) {
	b := examplestest.Load(t, "putuo-shangwuwei-2025")
	docs := profiletest.Documents(t, shanghai.Profile{}, b)
	unit := docs[len(docs)-1]
	if unit.Kind != "单位预算" || len(unit.Tables[0].Columns) != 7 {
		t.Fatalf("the example's last document is a %s with a table 1 of %d columns", unit.Kind, len(unit.Tables[0].Columns))
	}
	for _, doc := range []*disclosure.Document{docs[0], unit} {
		for _, split := range []bool{false, true} {
			doc := withSummary(doc, unit.Tables[0], split)
			name := fmt.Sprintf("%s, table 1 in %d columns", doc.Kind, len(doc.Tables[0].Columns))
			t.Run(name, func(t *testing.T) {
				if errs := errorsOf(check.Run(doc, check.Options{})); len(errs) > 0 {
					t.Fatalf("written with errors:\n%s", strings.Join(errs, "\n"))
				}
				back, err := readXLSX(doc.Kind+".xlsx", renderXLSX(t, doc))
				if err != nil {
					t.Fatal(err)
				}
				sameShanghai(t, "xlsx", doc, back)
				if back, err = reader.ReadPDF(context.Background(), doc.Kind+".pdf", pdfOf(t, doc)); err != nil {
					t.Fatal(err)
				}
				sameShanghai(t, "pdf", doc, back)
			})
		}
	}
}

// TestShanghaiUnitDepartmentSummaryRandom reads back every 单位预算 of random
// budgets with table 1 in the department's layout.
func TestShanghaiUnitDepartmentSummaryRandom(t *testing.T) {
	seeds := []int64{0, 1, 13, 42}
	if testing.Short() {
		seeds = seeds[:1]
	}
	for _, seed := range seeds {
		b := budgettest.Random(rand.New(rand.NewSource(seed)), budgettest.Options{Classified: seed%4 == 0})
		for _, doc := range profiletest.Documents(t, shanghai.Profile{}, b)[1:] {
			doc := withSummary(doc, doc.Tables[0], false)
			back, err := readXLSX("unit.xlsx", renderXLSX(t, doc))
			if err != nil {
				t.Fatalf("seed %d %s: %v", seed, doc.Subject, err)
			}
			sameShanghai(t, fmt.Sprintf("seed %d %s xlsx", seed, doc.Subject), doc, back)
			if back, err = reader.ReadPDF(context.Background(), "unit.pdf", pdfOf(t, doc)); err != nil {
				t.Fatalf("seed %d %s: %v", seed, doc.Subject, err)
			}
			sameShanghai(t, fmt.Sprintf("seed %d %s pdf", seed, doc.Subject), doc, back)
		}
	}
}

// TestXLSXShanghaiUnitDepartmentSummary reads the department template, filled and
// retitled as a 单位预算: its table 1 keeps the department's four columns, and none
// of its rows is taken for a header row.
func TestXLSXShanghaiUnitDepartmentSummary(t *testing.T) {
	data := edit(t, template(t, "template-department-budget.xlsx"), func(f *excelize.File) {
		fillDepartment(f)
		f.SetCellStr("封面", "A3", "上海市普陀区2026年区级单位预算")
		for _, sh := range f.GetSheetList() {
			title, _ := f.GetCellValue(sh, "A2")
			if strings.HasPrefix(title, "2026年部门") {
				who := "预算单位"
				if strings.Contains(title, "三公") {
					who = "单位"
				}
				f.SetCellStr(sh, "A2", strings.Replace(title, "部门", who, 1))
			}
		}
	})
	doc, err := readXLSX("unit.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Kind != "单位预算" || len(doc.Tables) != 9 {
		t.Fatalf("read a %s of %d tables", doc.Kind, len(doc.Tables))
	}
	t1 := tableOf(t, doc, 1)
	if got := printedTable(t1); len(t1.Columns) != 4 || !strings.HasPrefix(got, "一、财政拨款收入|1,500,000.00|一、教育支出|1,500,000.00|\n") {
		t.Errorf("table 1 in %d columns =\n%s", len(t1.Columns), got)
	}
	if errs := errorsOf(check.Run(doc, check.Options{})); len(errs) > 0 {
		t.Errorf("errors:\n%s", strings.Join(errs, "\n"))
	}
}

// TestXLSXShanghaiHeaderMismatch: a sheet whose header is no layout of its table is
// refused where it starts, rather than read with data rows for header rows or
// columns left out.
func TestXLSXShanghaiHeaderMismatch(t *testing.T) {
	for _, tt := range []struct {
		name, file, sheet string
		change            func(f *excelize.File, sheet string)
	}{
		{"department header without its top row", "template-department-budget.xlsx", "部门收支总表",
			func(f *excelize.File, sh string) { f.RemoveRow(sh, 6) }},
		{"unit header without 人员经费 and 公用经费", "template-unit-budget.xlsx", "单位收支总表",
			func(f *excelize.File, sh string) { f.RemoveRow(sh, 9) }},
		{"unit header saying 工资福利 for 人员经费", "template-unit-budget.xlsx", "单位收支总表",
			func(f *excelize.File, sh string) { f.SetCellStr(sh, "E9", "工资福利") }},
		{"income table header without its top row", "template-department-budget.xlsx", "部门收入总表",
			func(f *excelize.File, sh string) { f.RemoveRow(sh, 6) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := edit(t, template(t, tt.file), func(f *excelize.File) { tt.change(f, tt.sheet) })
			_, err := readXLSX(tt.file, data)
			wantError(t, err, tt.file, "工作表“"+tt.sheet+"”", "第 6 行", "的表头与已知的格式都不符")
		})
	}
}

// corpusText is a text of the corpus, laid out by pdftotext from a published PDF.
func corpusText(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestShanghaiTextUnitDepartmentSummary reads a published 部门预算, retitled as a
// 单位预算, from its layout text: the tables read as the department's do, table 1 in
// its four columns.
func TestShanghaiTextUnitDepartmentSummary(t *testing.T) {
	name := shanghaiCorpus[0].name
	printed := corpusText(t, name)
	dept, err := reader.ReadText(name+".txt", printed)
	if err != nil {
		t.Fatal(err)
	}
	printed = strings.Replace(printed, "区级部门预算", "区级单位预算", 1)
	printed = regexp.MustCompile(`(?m)^(\s*20\d\d年)部门(\S+表)$`).ReplaceAllString(printed, "${1}预算单位${2}")
	unit, err := reader.ReadText("unit.txt", printed)
	if err != nil {
		t.Fatal(err)
	}
	if unit.Kind != "单位预算" || len(unit.Tables) != len(dept.Tables) || !strings.Contains(unit.Tables[0].Title, "预算单位") {
		t.Fatalf("read a %s of %d tables, the first %q", unit.Kind, len(unit.Tables), unit.Tables[0].Title)
	}
	for i, want := range dept.Tables {
		if got := unit.Tables[i]; len(got.Columns) != len(want.Columns) || printedTable(got) != printedTable(want) {
			t.Errorf("%s reads in %d columns, as a 部门预算 in %d\n%s\nas a 部门预算:\n%s", got.Title, len(got.Columns), len(want.Columns), printedTable(got), printedTable(want))
		}
	}
}
