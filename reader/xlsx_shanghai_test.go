package reader_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"yusuan/check"
	"yusuan/disclosure"
	"yusuan/examples/examplestest"
	"yusuan/format"
	"yusuan/money"
	"yusuan/profile"
	"yusuan/profile/profiletest"
	"yusuan/profile/shanghai"
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
			// The unit template's table 1 has a header of four rows over its split spending.
			if t1 := tableOf(t, doc, 1); len(t1.Rows) == 0 || !strings.HasPrefix(t1.Rows[0].Cells[0].Text, "一、财政拨款收入") {
				t.Errorf("table 1 starts with %+v", t1.Rows)
			}
		})
	}
}

// TestXLSXShanghaiFinalAccounts: a 决算 workbook laid out as no format describes
// (the 预算 template retitled) is unsupported, not read as a 预算; yusuan's own
// 决算 workbook is read (profile/shanghai TestFinalRoundTripXLSX).
func TestXLSXShanghaiFinalAccounts(t *testing.T) {
	data := edit(t, template(t, "template-department-budget.xlsx"), func(f *excelize.File) {
		f.SetCellStr("封面", "A3", "上海市普陀区2025年区级部门决算")
		f.SetCellStr("部门收入总表", "A2", "2025年部门收入决算总表")
	})
	_, err := readXLSX("final.xlsx", data)
	var u *reader.UnsupportedError
	if !errors.As(err, &u) || u.Kind != "部门决算" || !u.Workbook || !errors.Is(err, reader.ErrUnsupported) {
		t.Errorf("err = %v, want an UnsupportedError for a 部门决算 workbook of no known layout", err)
	}
}

// headerShape prints a header's texts and spans, a span of 0 as 1, without spaces.
func headerShape(h [][]disclosure.Cell) string {
	var b strings.Builder
	for _, row := range h {
		for _, c := range row {
			cs, rs := c.Span()
			fmt.Fprintf(&b, "[%s %d×%d]", strings.Join(strings.Fields(c.Text), ""), cs, rs)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestXLSXShanghaiTemplateShells holds the shells to the official templates: each
// table's title and 编制 label, and its header as the template merges it. 表9's header
// keeps the year that the published documents print over it.
func TestXLSXShanghaiTemplateShells(t *testing.T) {
	for _, tt := range []struct {
		file string
		dept bool
	}{{"template-department-budget.xlsx", true}, {"template-unit-budget.xlsx", false}} {
		t.Run(tt.file, func(t *testing.T) {
			data := template(t, tt.file)
			doc, err := readXLSX(tt.file, data)
			if err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			titles := map[string]string{} // a sheet's title (row 2) by its name, trimmed
			for _, sh := range f.GetSheetList() {
				v, _ := f.GetCellValue(sh, "A2")
				titles[strings.TrimSpace(sh)] = strings.TrimSpace(v)
			}
			shells := shanghai.Shells(2026, tt.dept)
			if len(doc.Tables) != len(shells) {
				t.Fatalf("read %d tables, want %d", len(doc.Tables), len(shells))
			}
			for i, shell := range shells {
				read := doc.Tables[i]
				if want := titles[shell.Sheet]; read.Title != want || shell.Title != want {
					t.Errorf("sheet %q is titled %q, read as %q, the shell's %q", shell.Sheet, want, read.Title, shell.Title)
				}
				if read.EntityLabel != shell.EntityLabel {
					t.Errorf("%s: the template says %s, the shell %s", shell.Title, read.EntityLabel, shell.EntityLabel)
				}
				if shell.Number == 9 {
					continue
				}
				if got, want := headerShape(read.Header), headerShape(shell.Header); got != want {
					t.Errorf("%s: the template's header\n%s\nthe shell's\n%s", shell.Title, got, want)
				}
			}
		})
	}
}

// TestXLSXShanghaiHeadersDescribed holds the format description's headers, by which
// the reader holds template workbooks to the templates, to the headers the generator
// writes: every table of a 部门预算 and a 单位预算, and 表1 in either layout.
func TestXLSXShanghaiHeadersDescribed(t *testing.T) {
	f := profile.Formats().ByID("shanghai")
	if f == nil {
		t.Fatal("no format shanghai")
	}
	year := regexp.MustCompile(`(?:19|20)[0-9]{2}年度?`)
	key := func(path []string) string {
		var out []string
		for _, p := range path {
			if k := year.ReplaceAllString(format.Fold(p), ""); k != "" {
				out = append(out, k)
			}
		}
		return strings.Join(out, "/")
	}
	four, seven := shanghai.SummaryShells(2026, true)
	shells := append(append(shanghai.Shells(2026, true), shanghai.Shells(2026, false)...), four, seven)
	for _, shell := range shells {
		want := f.Table(shell.Kind)
		if want == nil {
			t.Errorf("%s: the description has no table %s", shell.Title, shell.Kind)
			continue
		}
		var got []string
		for _, p := range format.HeaderPaths(shell) {
			got = append(got, key(p))
		}
		found := false
		for _, h := range want.Headers {
			var described []string
			for _, p := range h {
				described = append(described, key(strings.Split(p, "/")))
			}
			found = found || slices.Equal(got, described)
		}
		if !found {
			t.Errorf("%s: the generator's header %q is none of the description's", shell.Title, got)
		}
	}
}

// TestXLSXShanghaiUnitWorkbook renders a 单位预算 of 2026 as a template workbook and
// holds it to the official unit template: the same sheets in the same order, the
// cover's title and the 目录's entries.
func TestXLSXShanghaiUnitWorkbook(t *testing.T) {
	b := examplestest.Load(t, "putuo-shangwuwei-2025")
	b.Year = 2026
	docs := profiletest.Documents(t, shanghai.Profile{}, b)
	unit := docs[len(docs)-1]
	ours, err := excelize.OpenReader(bytes.NewReader(renderXLSX(t, unit)))
	if err != nil {
		t.Fatal(err)
	}
	defer ours.Close()
	official, err := excelize.OpenReader(bytes.NewReader(template(t, "template-unit-budget.xlsx")))
	if err != nil {
		t.Fatal(err)
	}
	defer official.Close()
	trimmed := func(names []string) string {
		for i := range names {
			names[i] = strings.TrimSpace(names[i])
		}
		return strings.Join(names, " ")
	}
	if got, want := trimmed(ours.GetSheetList()), trimmed(official.GetSheetList()); got != want {
		t.Errorf("sheets\n%s\nwant\n%s", got, want)
	}
	if cover, _ := official.GetCellValue("封面", "A3"); unit.Title != cover {
		t.Errorf("cover title %q, the template's %q", unit.Title, cover)
	}
	if len(unit.Cover) == 0 || !strings.HasPrefix(unit.Cover[0], "预算单位：") {
		t.Errorf("cover lines %q, want 预算单位：…", unit.Cover)
	}
	// The template's 目录 writes 4．for 4. here and there and leaves trailing spaces.
	entry := strings.NewReplacer("．", ".", " ", "")
	rows, _ := official.GetRows("目录")
	var want []string
	for _, r := range rows[1:] {
		if len(r) > 0 && strings.TrimSpace(r[0]) != "" {
			want = append(want, entry.Replace(r[0]))
		}
	}
	var got []string
	for _, c := range unit.Contents {
		got = append(got, entry.Replace(c))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("目录\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestXLSXShanghaiUnitSummarySplit fills table 1 of the unit template and requires the
// checker to hold each spending row's 合计 to 人员经费 + 公用经费 + 项目支出.
func TestXLSXShanghaiUnitSummarySplit(t *testing.T) {
	for _, tt := range []struct {
		project float64
		want    int // SUM-02 findings in table 1
	}{{500000, 0}, {400000, 1}} {
		data := edit(t, template(t, "template-unit-budget.xlsx"), func(f *excelize.File) {
			sh := "单位收支总表"
			for c, v := range map[string]float64{"B10": 1500000, "B11": 1500000, "D10": 1500000, "E10": 900000, "F10": 100000, "G10": tt.project} {
				f.SetCellFloat(sh, c, v, -1, 64)
			}
			f.SetCellStr(sh, "C10", "一、教育支出")
			f.SetCellStr(sh, "C11", "")
			f.SetCellStr(sh, "C12", "")
			f.SetCellStr(sh, "C13", "")
		})
		doc, err := readXLSX("unit.xlsx", data)
		if err != nil {
			t.Fatal(err)
		}
		t1 := tableOf(t, doc, 1)
		if got := printedTable(t1); !strings.HasPrefix(got, "一、财政拨款收入|1,500,000.00|一、教育支出|1,500,000.00|900,000.00|100,000.00|") {
			t.Errorf("table 1 =\n%s", got)
		}
		n := 0
		for _, f := range check.Run(doc, check.Options{}).Findings {
			if f.Rule == "SUM-02" && strings.Contains(f.Location.Table, "财务收支预算总表") {
				n++
			}
		}
		if n != tt.want {
			t.Errorf("项目支出 %.0f: %d SUM-02 findings in table 1, want %d", tt.project, n, tt.want)
		}
	}
}
