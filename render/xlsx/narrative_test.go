package xlsx

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"yusuan/render/rendertest"

	"github.com/xuri/excelize/v2"

	"yusuan/disclosure"
)

func TestNarrative(t *testing.T) {
	f := write(t, rendertest.TestDoc())
	sh := NarrativeSheet
	rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	col := append([][]string(nil), rows...)
	// One row per block; a blank row between parts; the project table in place.
	want := [][]string{
		{"第一部分 部门概况"}, {"一、部门职责"}, nil, {"二、机构设置情况"}, nil, {"三、2024年主要工作目标"}, nil, nil, nil,
		{},
		{"第二部分 部门预算收支总体情况"}, nil, nil,
		{},
		{"第七部分 重点项目预算绩效情况说明"}, nil,
		{"项目名称（一级项目）", "预算数（万元）", "绩效目标"},
		{"办公用房修缮与维护（通用项目）", "27", "做好区政务服务中心空调日常维修和维保服务，确保室内温度适宜，通风流畅。"},
		{"政务管理", "2426.71", "对全区政务服务工作进行查漏补缺，提升工作质量；优化营商环境。"},
		{"备注：涉密项目按要求不予公开。"},
	}
	if len(col) != len(want) {
		t.Fatalf("narrative has %d rows, want %d:\n%q", len(col), len(want), col)
	}
	for i, w := range want {
		if w != nil && !slices.Equal(col[i], w) {
			t.Errorf("row %d = %q, want %q", i+1, col[i], w)
		}
		if w == nil && len(col[i]) != 1 {
			t.Errorf("row %d = %q, want one text cell", i+1, col[i])
		}
	}

	// The kinds are told apart by style, which the reader relies on.
	for cell, check := range map[string]func(*excelize.Style) bool{
		"A1":  func(s *excelize.Style) bool { return s.Font.Bold && s.Font.Size == 14 },
		"A2":  func(s *excelize.Style) bool { return s.Font.Bold && s.Font.Size == 12 },
		"A3":  func(s *excelize.Style) bool { return !s.Font.Bold && s.Alignment.Indent == 0 && s.Alignment.WrapText },
		"A7":  func(s *excelize.Style) bool { return s.Alignment.Indent == 1 && s.Alignment.WrapText },
		"A20": func(s *excelize.Style) bool { return s.Font.Size == 10 && s.Alignment.WrapText },
		"A17": func(s *excelize.Style) bool { return s.Font.Bold && len(s.Border) == 4 },
		"B18": func(s *excelize.Style) bool { return s.NumFmt == numFmtAmount && len(s.Border) == 4 },
	} {
		if s := style(t, f, sh, cell); !check(s) {
			t.Errorf("%s has style font %+v alignment %+v numfmt %d", cell, s.Font, s.Alignment, s.NumFmt)
		}
	}
	if typ, _ := f.GetCellType(sh, "B19"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("B19 has type %v, want a number", typ)
	}
	if v, _ := f.GetCellValue(sh, "B18"); v != "27.00" {
		t.Errorf("B18 shows %q, want 27.00 as the other formats print it", v)
	}
	if w, _ := f.GetColWidth(sh, "A"); w != narrativeWidth {
		t.Errorf("column A is %v wide, want %v", w, narrativeWidth)
	}
}

// TestNarrativeText: text that looks like a formula or a number stays text.
func TestNarrativeText(t *testing.T) {
	doc := rendertest.TestDoc()
	doc.Parts = []disclosure.Part{{Number: 1, Title: "概况", Blocks: []disclosure.Block{
		{Kind: disclosure.Paragraph, Text: "=HYPERLINK(\"http://x\")"},
		{Kind: disclosure.ListItem, Text: "00123"},
		{Kind: disclosure.TableRef}, // no table: nothing written
		{Kind: disclosure.Note, Text: "+1"},
	}}}
	f := write(t, doc)
	for cell, want := range map[string]string{"A2": "=HYPERLINK(\"http://x\")", "A3": "00123", "A4": "+1"} {
		got, _ := f.GetCellValue(NarrativeSheet, cell)
		typ, _ := f.GetCellType(NarrativeSheet, cell)
		fm, _ := f.GetCellFormula(NarrativeSheet, cell)
		if got != want || fm != "" || typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("%s = %q (type %v, formula %q), want the string %q", cell, got, typ, fm, want)
		}
	}
}

func TestNoNarrative(t *testing.T) {
	doc := rendertest.TestDoc()
	doc.Parts = nil
	if slices.Contains(write(t, doc).GetSheetList(), NarrativeSheet) {
		t.Errorf("a document without parts has a %s sheet", NarrativeSheet)
	}
}

// TestTallText: a paragraph taller than Excel's tallest row is one cell merged down
// over rows that share its height, each within the limit; a table cell as tall
// stops at the limit with its text whole; the next block follows the merged rows.
func TestTallText(t *testing.T) {
	long := strings.Repeat("负责统筹全区政务服务体系建设、数据资源管理和电子政务工作。", 100) // 2,900 characters
	doc := rendertest.TestDoc()
	doc.Parts = []disclosure.Part{{Number: 1, Title: "概况", Blocks: []disclosure.Block{
		{Kind: disclosure.Paragraph, Text: long},
		{Kind: disclosure.Paragraph, Text: "下一段。"},
	}}}
	doc.Tables[0].Rows[0].Cells[0].Text = long
	f := write(t, doc)
	sh := NarrativeSheet
	need := textHeight(long, narrativeWidth, 15)
	n := int(math.Ceil(need / maxRowHeight))
	if n < 2 {
		t.Fatalf("the test text needs %v points, not more than a row", need)
	}
	merged, err := f.GetMergeCells(sh)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("A2:A%d", 1+n)
	if len(merged) != 1 || merged[0].GetStartAxis()+":"+merged[0].GetEndAxis() != want {
		t.Errorf("merged cells %v, want %s", merged, want)
	}
	total := 0.0
	for r := 2; r <= 1+n; r++ {
		h, _ := f.GetRowHeight(sh, r)
		if h > maxRowHeight {
			t.Errorf("row %d is %v points tall", r, h)
		}
		total += h
	}
	if total < need-1 {
		t.Errorf("the merged rows are %v points tall, the text needs %v", total, need)
	}
	if got, _ := f.GetCellValue(sh, "A2"); got != long {
		t.Errorf("A2 holds %d characters, want %d", len([]rune(got)), len([]rune(long)))
	}
	if got, _ := f.GetCellValue(sh, fmt.Sprintf("A%d", 2+n)); got != "下一段。" {
		t.Errorf("the next paragraph is not right below the merged rows: %q", got)
	}

	tsh := f.GetSheetList()[2]
	rows, _ := f.GetRows(tsh)
	for r := range rows {
		if h, _ := f.GetRowHeight(tsh, r+1); h > maxRowHeight {
			t.Errorf("%s row %d is %v points tall", tsh, r+1, h)
		}
	}
}

// TestTextOverCellLimit: a text longer than a cell holds is refused, in Chinese
// with the sheet, row and cell, never cut short.
func TestTextOverCellLimit(t *testing.T) {
	doc := rendertest.TestDoc()
	doc.Parts = []disclosure.Part{{Number: 1, Title: "概况", Blocks: []disclosure.Block{
		{Kind: disclosure.Paragraph, Text: strings.Repeat("字", maxCellChars+1)},
	}}}
	err := Write(&bytes.Buffer{}, doc)
	if err == nil {
		t.Fatal("a text over the cell limit was written")
	}
	for _, want := range []string{"工作表“文字部分”", "第 2 行", "单元格 A2", "32768 个字符"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}
