package xlsx

import (
	"bytes"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"yusuan/render/rendertest"

	"github.com/xuri/excelize/v2"

	"yusuan/disclosure"
)

func write(t testing.TB, doc *disclosure.Document) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, doc); err != nil {
		t.Fatalf("Write: %v", err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatalf("open written workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestSheets(t *testing.T) {
	f := write(t, rendertest.TestDoc())
	want := []string{"说明", "文字部分", "表1 收支总表", "表2 一般公共预算支出表（按功能分类）", "表3 财政拨款“三公”经费支出表", "表4 政府性基金预算支出表"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets = %q, want %q", got, want)
	}
	// The cover links every table.
	for i, name := range want[2:] {
		ok, target, err := f.GetCellHyperLink("说明", "B"+strconv.Itoa(9+i))
		if err != nil || !ok || target != "'"+name+"'!A1" {
			t.Errorf("cover link %d = %v %q %v, want %q", i, ok, target, err, name)
		}
	}
}

func TestLayout(t *testing.T) {
	f := write(t, rendertest.TestDoc())
	sh := "表1 收支总表"
	for cell, want := range map[string]string{
		"A1": "表1", "A2": "收支总表", "A3": "部门名称：" + rendertest.Entity, "D3": "单位：万元",
		"A4": "收 入", "C4": "支 出", "A5": "项 目", "D5": "2024年预算数", "A6": "政府预算资金",
	} {
		if got, _ := f.GetCellValue(sh, cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
	merges := mergeRefs(t, f, sh)
	for _, want := range []string{"A2:D2", "A4:B4", "C4:D4"} {
		if !slices.Contains(merges, want) {
			t.Errorf("merges %v lack %s", merges, want)
		}
	}
	title := style(t, f, sh, "A2")
	if !title.Font.Bold || title.Font.Size != 14 || title.Alignment.Horizontal != "center" {
		t.Errorf("title style = %+v %+v", title.Font, title.Alignment)
	}
	head := style(t, f, sh, "B5")
	if !head.Font.Bold || head.Alignment.Horizontal != "center" || !head.Alignment.WrapText || len(head.Fill.Color) == 0 || len(head.Border) != 4 {
		t.Errorf("header style = %+v", head)
	}
	// Row 25 is 本年收入合计: bold. Row 8 holds 行政运行, indented twice.
	if got, _ := f.GetCellValue(sh, "A26"); got != "本年收入合计" || !style(t, f, sh, "B26").Font.Bold {
		t.Errorf("A26 = %q or its amount is not bold", got)
	}
	if s := style(t, f, sh, "C8"); s.Alignment.Indent != 2 {
		t.Errorf("行政运行 indent = %d, want 2", s.Alignment.Indent)
	}
	if w, _ := f.GetColWidth(sh, "A"); w != 34 {
		t.Errorf("column A width = %v, want 34 (16 characters)", w)
	}
	note, _ := f.GetCellValue(sh, "A29")
	if !strings.HasPrefix(note, "注：财政拨款收支情况") {
		t.Errorf("note row = %q", note)
	}
}

func TestMultiRowHeader(t *testing.T) {
	f := write(t, rendertest.TestDoc())
	sh := "表3 财政拨款“三公”经费支出表"
	merges := mergeRefs(t, f, sh)
	want := []string{
		"A2:T2",          // title
		"A4:A6", "B4:B6", // 预算单位, 年度
		"C4:E5", "F4:H5", "I4:K5", // 总计, 因公出国（境）费, 公务接待费
		"L4:T4",                   // 公务用车购置及运行维护费
		"L5:N5", "O5:Q5", "R5:T5", // 小计, 购置费, 运行维护费
		"A7:A9", // the unit, over three body rows
	}
	slices.Sort(want)
	if !slices.Equal(merges, want) {
		t.Errorf("merges =\n%v\nwant\n%v", merges, want)
	}
	for cell, text := range map[string]string{"C4": "总计", "L4": "公务用车购置及运行维护费", "R5": "公务用车运行维护费", "T6": "国有资本经营预算", "B9": "增减变化金额"} {
		if got, _ := f.GetCellValue(sh, cell); got != text {
			t.Errorf("%s = %q, want %q", cell, got, text)
		}
	}
	// A merged header is styled over its whole range, so its borders are drawn.
	if s := style(t, f, sh, "T4"); len(s.Border) != 4 || !s.Font.Bold {
		t.Errorf("T4, inside L4:T4, is not styled as a header")
	}
	// Wide tables print landscape.
	pl, err := f.GetPageLayout(sh)
	if err != nil || *pl.Orientation != "landscape" || *pl.Size != 9 {
		t.Errorf("page layout = %v %v, want A4 landscape", pl, err)
	}
	// The cell holds the number exactly (the shortest decimal that is the amount)
	// and shows it with two decimals, as the other formats print it.
	if v, _ := f.GetCellValue(sh, "C9", excelize.Options{RawCellValue: true}); v != "-18" {
		t.Errorf("C9 = %q, want -18", v)
	}
	if v, _ := f.GetCellValue(sh, "C9"); v != "-18.00" {
		t.Errorf("C9 shows %q, want -18.00", v)
	}
}

func TestAmountsAreRoundedNumbers(t *testing.T) {
	doc := rendertest.TestDoc()
	f := write(t, doc)
	sh := "表2 一般公共预算支出表（按功能分类）"
	tb := doc.Tables[1]
	checked := 0
	for r, row := range tb.Rows {
		for c, cell := range row.Cells {
			if cell.Amount == nil {
				continue
			}
			ref := ref(c, 5+r)
			typ, err := f.GetCellType(sh, ref)
			if err != nil || typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
				t.Fatalf("%s type = %v %v, want a number", ref, typ, err)
			}
			raw, _ := f.GetCellValue(sh, ref, excelize.Options{RawCellValue: true})
			v, err := strconv.ParseFloat(raw, 64)
			if err != nil {
				t.Fatalf("%s = %q is not a number", ref, raw)
			}
			if want := cell.Amount.Hundredths(tb.Unit); int64(v*100+copysign(0.5, v)) != want {
				t.Errorf("%s = %v, want %d hundredths", ref, v, want)
			}
			shown, _ := f.GetCellValue(sh, ref)
			if want := cell.Display(tb.Unit); shown != want {
				t.Errorf("%s shows %q, want %q as the other formats print", ref, shown, want)
			}
			if s := style(t, f, sh, ref); s.NumFmt != 4 {
				t.Errorf("%s number format = %d, want 4 (#,##0.00)", ref, s.NumFmt)
			}
			checked++
		}
	}
	if checked < 150 {
		t.Errorf("checked %d amounts, want all of them", checked)
	}
	// 4361.74 万元 + 98 元 rounds half up to 4361.75, never to a float's whim.
	if v, _ := f.GetCellValue(sh, "D7", excelize.Options{RawCellValue: true}); v != "4361.75" {
		t.Errorf("D7 = %q, want 4361.75", v)
	}
}

func copysign(x, sign float64) float64 {
	if sign < 0 {
		return -x
	}
	return x
}

func TestStringsStayStrings(t *testing.T) {
	doc := rendertest.TestDoc()
	doc.Tables[0].Rows[0].Cells[0].Text = "=SUM(B1:B9)"
	doc.Tables[0].Rows[1].Cells[0].Text = "00123"
	doc.Tables[0].Title = "=1+1"
	f := write(t, doc)
	sh := f.GetSheetList()[2] // after the cover and the narrative
	for cell, want := range map[string]string{"A6": "=SUM(B1:B9)", "A7": "00123", "A2": "=1+1"} {
		got, _ := f.GetCellValue(sh, cell)
		typ, _ := f.GetCellType(sh, cell)
		if got != want || typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("%s = %q (type %v), want the string %q", cell, got, typ, want)
		}
	}
	// No cell anywhere holds a formula.
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh)
		for r, row := range rows {
			for c := range row {
				ref := ref(c, r+1)
				if fm, _ := f.GetCellFormula(sh, ref); fm != "" {
					t.Errorf("%s!%s has formula %q", sh, ref, fm)
				}
			}
		}
	}
}

func TestPrintSetup(t *testing.T) {
	f := write(t, rendertest.TestDoc())
	titles := map[string]string{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" {
			titles[d.Scope] = d.RefersTo
		}
	}
	for sh, want := range map[string]string{
		"表1 收支总表":             "'表1 收支总表'!$1:$5",
		"表3 财政拨款“三公”经费支出表":    "'表3 财政拨款“三公”经费支出表'!$1:$6",
		"表4 政府性基金预算支出表":       "'表4 政府性基金预算支出表'!$1:$4",
		"表2 一般公共预算支出表（按功能分类）": "'表2 一般公共预算支出表（按功能分类）'!$1:$4",
	} {
		if titles[sh] != want {
			t.Errorf("%s print titles = %q, want %q", sh, titles[sh], want)
		}
		pl, err := f.GetPageLayout(sh)
		if err != nil {
			t.Fatal(err)
		}
		wantOrient := "portrait"
		if strings.HasPrefix(sh, "表3") {
			wantOrient = "landscape"
		}
		if *pl.Size != 9 || *pl.Orientation != wantOrient || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
			t.Errorf("%s page = size %d %s fit %dx%d", sh, *pl.Size, *pl.Orientation, *pl.FitToWidth, *pl.FitToHeight)
		}
		props, _ := f.GetSheetProps(sh)
		if props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page is off", sh)
		}
		m, _ := f.GetPageMargins(sh)
		if *m.Left < 0.55 || *m.Left > 0.65 {
			t.Errorf("%s: left margin %v in, want about 1.5 cm", sh, *m.Left)
		}
		panes, _ := f.GetPanes(sh)
		wantSplit := 5
		if want[len(want)-1] != '5' {
			n, _ := strconv.Atoi(want[strings.LastIndex(want, "$")+1:])
			wantSplit = n
		}
		if !panes.Freeze || panes.YSplit != wantSplit {
			t.Errorf("%s panes = %+v, want frozen below row %d", sh, panes, wantSplit)
		}
	}
}

func TestEmptyTable(t *testing.T) {
	f := write(t, rendertest.TestDoc())
	sh := "表4 政府性基金预算支出表"
	if got, _ := f.GetCellValue(sh, "A5"); got != "注：本部门无政府性基金预算支出，故本表为空表。" {
		t.Errorf("note = %q", got)
	}
	if !slices.Contains(mergeRefs(t, f, sh), "A5:F5") {
		t.Error("the note is not merged across the table")
	}
}

func TestSheetNames(t *testing.T) {
	long := "一个非常非常非常非常非常非常非常长的表格标题/带[非法]字符:*?\\"
	got := sheetNames([]*disclosure.Table{
		{Number: 1, Title: long}, {Number: 1, Title: long}, {Title: "'"}, {Title: "说明"}, {Number: 2, Title: "收入总表"}, {Number: 2, Title: "收入总表"},
	})
	seen := map[string]bool{"说明": true}
	for _, n := range got {
		if utf8Len(n) > 31 || strings.ContainsAny(n, "[]:*?/\\") || strings.HasPrefix(n, "'") || n == "" {
			t.Errorf("bad sheet name %q", n)
		}
		if seen[strings.ToLower(n)] {
			t.Errorf("duplicate sheet name %q", n)
		}
		seen[strings.ToLower(n)] = true
	}
	if got[4] != "表2 收入总表" || got[5] != "表2 收入总表(2)" {
		t.Errorf("names = %q", got)
	}
}

func utf8Len(s string) int { return len([]rune(s)) }

func TestOddDocuments(t *testing.T) {
	if err := Write(&bytes.Buffer{}, nil); err != nil {
		t.Errorf("nil document: %v", err)
	}
	for name, doc := range rendertest.OddDocs() {
		t.Run(name, func(t *testing.T) {
			f := write(t, doc)
			if len(f.GetSheetList()) < 1 {
				t.Error("no sheets")
			}
		})
	}
}

func TestWriteError(t *testing.T) {
	rendertest.WriteError(t, Write, "写出文件失败：")
}

// TestShenzhen writes a Shenzhen-sized workbook; its speed is BenchmarkWrite's.
func TestShenzhen(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, rendertest.ShenzhenDoc()); err != nil {
		t.Fatal(err)
	}
	if path := os.Getenv("YUSUAN_XLSX"); path != "" {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	rendertest.BenchmarkWrite(b, Write, rendertest.ShenzhenDoc())
}

func mergeRefs(t *testing.T, f *excelize.File, sh string) []string {
	t.Helper()
	ms, err := f.GetMergeCells(sh)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range ms {
		out = append(out, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	slices.Sort(out)
	return out
}

func style(t *testing.T, f *excelize.File, sh, cell string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sh, cell)
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
