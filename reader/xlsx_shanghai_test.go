package reader_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"yusuan/check"
	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/reader"
)

func template(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// fillDepartment fills tables 1, 2, 3, 4, 5, 8 and 9 of the department template with one
// consistent budget: 教育 spending of 1,500,000.00 元, 1,000,000.00 basic (all
// personnel, 工资) and 500,000.00 project, all from 一般公共预算.
func fillDepartment(f *excelize.File) {
	set := func(sh string, cells map[string]any) {
		for c, v := range cells {
			switch v := v.(type) {
			case string:
				f.SetCellStr(sh, c, v)
			case float64:
				f.SetCellFloat(sh, c, v, -1, 64)
			}
		}
	}
	clear := func(sh string, from, to int, cols string) {
		for r := from; r <= to; r++ {
			for _, c := range cols {
				f.SetCellStr(sh, string(c)+itoa(r), "")
			}
		}
	}
	f.SetCellStr("封面", "A9", "预算主管部门：上海市普陀区教育局")
	codeRows := func(sh string, amounts ...[]float64) {
		clear(sh, 9, 17, "ABCDEFGHI")
		rows := [][]string{{"205", "", "", "教育支出"}, {"205", "02", "", "普通教育"}, {"205", "02", "05", "高等教育"}}
		for i, r := range rows {
			n := itoa(9 + i)
			set(sh, map[string]any{"A" + n: r[0], "B" + n: r[1], "C" + n: r[2], "D" + n: r[3]})
			for j, a := range amounts {
				set(sh, map[string]any{string(rune('E'+j)) + n: a[i]})
			}
		}
	}
	for _, sh := range []string{"部门收入总表", "部门支出总表", "部门一般公共预算拨款表"} {
		f.SetCellStr(sh, "A4", "编制部门：上海市普陀区教育局")
	}
	income := []float64{1500000, 1500000, 1500000}
	codeRows("部门收入总表", income, income, []float64{0, 0, 0}, []float64{0, 0, 0}, []float64{0, 0, 0})
	set("部门收入总表", map[string]any{"E20": 1500000.0, "F20": 1500000.0, "G20": 0.0, "H20": 0.0, "I20": 0.0})
	split := [][]float64{{1500000, 1500000, 1500000}, {1000000, 1000000, 1000000}, {500000, 500000, 500000}}
	codeRows("部门支出总表", split...)
	set("部门支出总表", map[string]any{"E20": 1500000.0, "F20": 1000000.0, "G20": 500000.0})
	codeRows("部门一般公共预算拨款表", split...)
	set("部门一般公共预算拨款表", map[string]any{"E21": 1500000.0, "F21": 1000000.0, "G21": 500000.0})

	set("部门收支总表", map[string]any{"B8": 1500000.0, "B9": 1500000.0, "D8": 1500000.0, "B21": 1500000.0, "D21": 1500000.0, "C8": "一、教育支出", "C9": "", "C10": ""})
	set("部门财政拨款收支总表", map[string]any{"B8": 1500000.0, "C8": "一、教育支出", "C9": "", "C10": "", "D8": 1500000.0, "E8": 1500000.0,
		"B21": 1500000.0, "D21": 1500000.0, "E21": 1500000.0})
	basic := "部门一般公共预算拨款基本支出明细表"
	clear(basic, 9, 13, "ABCDEF")
	set(basic, map[string]any{"A9": "301", "C9": "工资福利支出", "D9": 1000000.0, "E9": 1000000.0, "F9": 0.0,
		"A10": "301", "B10": "01", "C10": "基本工资", "D10": 1000000.0, "E10": 1000000.0, "F10": 0.0,
		"D21": 1000000.0, "E21": 1000000.0, "F21": 0.0})
	// 0.1 + 0.2 as Excel stores it: binary noise under 15 significant digits.
	set("部门“三公”经费和机关运行费预算表", map[string]any{"A7": 0.30000000000000004, "B7": 0.1, "C7": 0.2, "D7": 0.0, "E7": 0.0, "F7": 0.0, "G7": 12.5})
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

func tableOf(t *testing.T, doc *disclosure.Document, n int) *disclosure.Table {
	t.Helper()
	for _, tb := range doc.Tables {
		if tb.Number == n {
			return tb
		}
	}
	t.Fatalf("no table %d", n)
	return nil
}

func TestXLSXShanghaiFilled(t *testing.T) {
	data := edit(t, template(t, "template-department-budget.xlsx"), fillDepartment)
	doc, err := readXLSX("putuo.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Profile != "shanghai" || doc.Kind != "部门预算" || doc.Year != 2026 || doc.Department != "上海市普陀区教育局" || doc.Title != "上海市普陀区2026年区级部门预算" {
		t.Errorf("read %s %s %d %q %q", doc.Profile, doc.Kind, doc.Year, doc.Department, doc.Title)
	}
	if len(doc.Tables) != 9 {
		t.Fatalf("read %d tables, want 9", len(doc.Tables))
	}
	if errs := errorsOf(check.Run(doc, check.Options{})); len(errs) > 0 {
		t.Errorf("the filled template has errors:\n%s", strings.Join(errs, "\n"))
	}
	t2 := tableOf(t, doc, 2)
	if t2.Kind != disclosure.IncomeTable || t2.Entity != "上海市普陀区教育局" || t2.EntityLabel != "编制部门" || t2.Unit != money.UnitYuan {
		t.Errorf("table 2: %s %q %q %s", t2.Kind, t2.EntityLabel, t2.Entity, t2.Unit)
	}
	var codes []string
	for _, r := range t2.Rows {
		codes = append(codes, r.Code)
	}
	if got := strings.Join(codes, ","); got != "205,20502,2050205," {
		t.Errorf("table 2 codes = %s", got)
	}
	last := t2.Rows[len(t2.Rows)-1]
	if last.Kind != disclosure.TotalRow || last.Cells[0].Text != "合计" || last.Cells[0].ColSpan != 4 || *last.Cells[1].Amount != money.FromYuan(1500000) {
		t.Errorf("table 2 total row = %+v", last)
	}
	if got := printedTable(t2); !strings.HasPrefix(got, "205|||教育支出|1,500,000.00|1,500,000.00|0.00|0.00|0.00|205\n") {
		t.Errorf("table 2 =\n%s", got)
	}
	t9 := tableOf(t, doc, 9)
	if t9.Unit != money.UnitWan || len(t9.Rows) != 1 || *t9.Rows[0].Cells[0].Amount != 300_000 || *t9.Rows[0].Cells[6].Amount != 12_500_000 {
		t.Errorf("table 9 = %s %s", t9.Unit, printedTable(t9))
	}
	t8 := tableOf(t, doc, 8)
	if len(t8.Rows) != 3 || t8.Rows[1].Code != "30101" {
		t.Errorf("table 8 =\n%s", printedTable(t8))
	}
	var titles []string
	for _, p := range doc.Parts {
		titles = append(titles, p.Heading())
	}
	if got := strings.Join(titles, " "); got != "第一部分 部门主要职能 第二部分 部门机构设置 第三部分 名词解释 第四部分 部门预算编制说明 第六部分 其他相关情况说明 第七部分 项目经费情况说明" {
		t.Errorf("parts = %s", got)
	}
	p4 := doc.Parts[3]
	if len(p4.Blocks) < 5 || p4.Blocks[len(p4.Blocks)-1].Text != "3. “xx”科目x,xxx万元，主要用于……" || p4.Blocks[len(p4.Blocks)-1].Kind != disclosure.ListItem {
		t.Errorf("part 4 = %+v", p4.Blocks)
	}
}

func TestXLSXShanghaiTemplates(t *testing.T) {
	for _, tt := range []struct {
		file, kind string
		parts      int
	}{
		{"template-department-budget.xlsx", "部门预算", 6},
		{"template-unit-budget.xlsx", "单位预算", 5}, // it has no 项目经费情况说明
	} {
		t.Run(tt.file, func(t *testing.T) {
			doc, err := readXLSX(tt.file, template(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Profile != "shanghai" || doc.Kind != tt.kind || doc.Year != 2026 || len(doc.Tables) != 9 || len(doc.Parts) != tt.parts {
				t.Errorf("read %s %s %d, %d tables, %d parts", doc.Profile, doc.Kind, doc.Year, len(doc.Tables), len(doc.Parts))
			}
			// The unit template leaves two rows of header words under table 1's header.
			if t1 := tableOf(t, doc, 1); len(t1.Rows) == 0 || !strings.HasPrefix(t1.Rows[0].Cells[0].Text, "一、财政拨款收入") {
				t.Errorf("table 1 starts with %+v", t1.Rows)
			}
		})
	}
}

func TestXLSXShanghaiFinalAccounts(t *testing.T) {
	data := edit(t, template(t, "template-department-budget.xlsx"), func(f *excelize.File) {
		f.SetCellStr("封面", "A3", "上海市普陀区2025年区级部门决算")
		f.SetCellStr("部门收入总表", "A2", "2025年部门收入决算总表")
	})
	_, err := readXLSX("final.xlsx", data)
	var u *reader.UnsupportedError
	if !errors.As(err, &u) || u.Kind != "部门决算" || !errors.Is(err, reader.ErrUnsupported) {
		t.Errorf("err = %v, want an UnsupportedError for a 部门决算", err)
	}
}
