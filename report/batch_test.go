package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"yusuan/check"
	"yusuan/disclosure"
)

// entries are two checked documents and one unreadable file.
func entries() []Entry {
	return []Entry{
		{Summary: Summary{File: "a.txt", Title: "甲", Department: "甲局", Year: 2024, FormatLabel: "甲格式",
			Tables: []TableRead{{"表1 收支总表", 23}}}, Result: sample},
		{Summary: Summary{File: "b-text.pdf + b-tables.pdf", Title: "乙", Department: "乙委员会", Year: 2025, Profile: "p"},
			Result: check.Result{Findings: []check.Finding{{Rule: "SUM-01", Severity: check.Warning, Message: "警告"}}}},
		{Summary: Summary{File: "dir/c.pdf"}, Err: errors.New("文件 c.pdf 是单位决算，目前只能核对部门预算、单位预算和部门决算，暂不支持单位决算")},
	}
}

func TestSummaryOf(t *testing.T) {
	doc := &disclosure.Document{Title: "标题", Department: "部门", Format: "f", FormatLabel: "某格式", Year: 2026,
		Tables: []*disclosure.Table{
			{Number: 1, Title: "收支总表", Rows: make([]disclosure.Row, 23)},
			nil,
			{Number: 9, Unlabeled: true, Title: "“三公”经费预算表", Rows: make([]disclosure.Row, 1)},
		}}
	got := SummaryOf("a.pdf", doc)
	want := []TableRead{{"表1 收支总表", 23}, {"“三公”经费预算表", 1}}
	if !reflect.DeepEqual(got.Tables, want) {
		t.Errorf("tables = %v, want %v", got.Tables, want)
	}
	if got.Department != "部门" || got.Format != "f" || got.FormatLabel != "某格式" {
		t.Errorf("summary = %+v", got)
	}
	if empty := SummaryOf("b.pdf", &disclosure.Document{}); empty.Tables == nil {
		t.Error("no tables should be an empty list, printed [] in JSON")
	}
}

func TestTextNamesWhatWasRead(t *testing.T) {
	tests := []struct {
		name string
		s    Summary
		want []string
	}{
		{"format label", Summary{File: "a.txt", FormatLabel: "某市 2026 年格式", Kind: "部门预算", Year: 2026, Department: "某局",
			Tables: []TableRead{{"表1 收支总表", 23}, {"表2 收入总表", 5}}},
			[]string{"（某市 2026 年格式，部门预算，2026年）", "部门：某局\n", "读取的表格：表1 收支总表（23 行）、表2 收入总表（5 行）\n"}},
		{"profile when no label", Summary{File: "a.txt", Profile: "p"}, []string{"（p，", "年度不详", "部门：—\n", "读取的表格：无\n"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Text(&buf, tc.s, check.Result{}); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("text lacks %q:\n%s", w, buf.String())
				}
			}
		})
	}
}

func TestTextAll(t *testing.T) {
	var buf bytes.Buffer
	if err := TextAll(&buf, entries()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"核对：a.txt\n", "核对：b-text.pdf + b-tables.pdf\n", "核对：dir/c.pdf\n无法读取：文件 c.pdf 是单位决算",
		"汇总：3 份文件，1 个错误，1 个警告，1 份无法读取\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	table := out[strings.LastIndex(out, "汇总："):]
	lines := strings.Split(strings.TrimSpace(table), "\n")[2:]
	wantRows := [][]string{
		{"文件", "部门", "年度", "格式", "错误", "警告", "状态"},
		{"a.txt", "甲局", "2024", "甲格式", "1", "0", "已核对"},
		{"b-text.pdf + b-tables.pdf", "乙委员会", "2025", "p", "0", "1", "已核对"},
		{"dir/c.pdf", "—", "—", "—", "—", "—", "无法读取：是单位决算，目前只能核对部门预算、单位预算和部门决算，暂不支持单位决算"},
	}
	if len(lines) != len(wantRows) {
		t.Fatalf("summary has %d lines, want %d:\n%s", len(lines), len(wantRows), table)
	}
	// Each cell is found in order. On screen, text columns start and number
	// columns end at the same place in every line; headers start where
	// their column does.
	rightAligned := map[int]bool{2: true, 4: true, 5: true}
	var edges [][]int
	for i, l := range lines {
		var row []int
		at := 0
		for c, cell := range wantRows[i] {
			k := strings.Index(l[at:], cell)
			if k < 0 || strings.TrimSpace(l[at:at+k]) != "" {
				t.Fatalf("summary line %d: %q is not the next cell after %q", i, cell, l[:at])
			}
			start := cellWidth(l[:at+k])
			at += k + len(cell)
			if rightAligned[c] && i > 0 {
				row = append(row, cellWidth(l[:at]))
			} else {
				row = append(row, start)
			}
		}
		if strings.TrimSpace(l[at:]) != "" {
			t.Errorf("summary line %d ends with %q", i, l[at:])
		}
		edges = append(edges, row)
	}
	for i := 2; i < len(edges); i++ {
		if !reflect.DeepEqual(edges[i], edges[1]) {
			t.Errorf("summary line %d has columns at cells %v, line 1 at %v", i, edges[i], edges[1])
		}
	}
	for c := range edges[0] {
		if !rightAligned[c] && edges[0][c] != edges[1][c] {
			t.Errorf("header %s at cell %d, its column at %d", wantRows[0][c], edges[0][c], edges[1][c])
		}
	}
}

func TestCellWidth(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"", 0}, {"a.txt", 5}, {"甲局", 4}, {"表1（23 行）、", 14}, {"—", 1}, {"“三公”", 6},
	} {
		if got := cellWidth(tc.s); got != tc.want {
			t.Errorf("cellWidth(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
}

func TestShortReason(t *testing.T) {
	long := errors.New("文件 /x/a.pdf 第 7 页第 11 行：无法确定表2“收入总表”这一行的 12 个金额各属哪一列，请检查这份文件的表格是否完整")
	tests := []struct {
		file string
		err  error
		want string
	}{
		{"a.txt", errors.New("文件 a.txt 不存在"), "不存在"},
		{"/d/a.txt", errors.New("无法读取文件 /d/a.txt：permission denied"), "无法读取：permission denied"},
		{"d", errors.New("d 是目录，请指定一个公开文件"), "是目录，请指定一个公开文件"},
		{"/x/a.pdf", long, "第 7 页第 11 行：无法确定表2“收入总表”这一行的 12 个金额各属哪一…"},
	}
	for _, tc := range tests {
		if got := shortReason(tc.file, tc.err); got != tc.want {
			t.Errorf("shortReason(%q) = %q, want %q", tc.err, got, tc.want)
		}
		if n := len([]rune(shortReason(tc.file, tc.err))); n > maxReason {
			t.Errorf("shortReason(%q) has %d characters, more than %d", tc.err, n, maxReason)
		}
	}
}

func TestJSONAll(t *testing.T) {
	var buf bytes.Buffer
	if err := JSONAll(&buf, entries()); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Documents []map[string]json.RawMessage `json:"documents"`
		Summary   map[string]int               `json:"summary"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"documents": 3, "errors": 1, "warnings": 1, "unreadable": 1}; !reflect.DeepEqual(got.Summary, want) {
		t.Errorf("summary = %v, want %v", got.Summary, want)
	}
	wantKeys := [][]string{
		{"document", "errors", "findings", "infos", "warnings"},
		{"document", "errors", "findings", "infos", "warnings"},
		{"document", "error"},
	}
	if len(got.Documents) != len(wantKeys) {
		t.Fatalf("%d documents, want %d", len(got.Documents), len(wantKeys))
	}
	for i, d := range got.Documents {
		var keys []string
		for k := range d {
			keys = append(keys, k)
		}
		if !sameSet(keys, wantKeys[i]) {
			t.Errorf("document %d has keys %v, want %v", i, keys, wantKeys[i])
		}
	}
	if string(got.Documents[2]["document"]) != `{"file":"dir/c.pdf"}` && !strings.Contains(string(got.Documents[2]["document"]), `"file": "dir/c.pdf"`) {
		t.Errorf("unreadable document = %s", got.Documents[2]["document"])
	}
	var first Summary
	json.Unmarshal(got.Documents[0]["document"], &first)
	if first.Department != "甲局" || len(first.Tables) != 1 || first.Tables[0].Rows != 23 {
		t.Errorf("first document = %+v", first)
	}
}

func sameSet(a, b []string) bool {
	m := map[string]bool{}
	for _, s := range a {
		m[s] = true
	}
	if len(m) != len(b) || len(a) != len(b) {
		return false
	}
	for _, s := range b {
		if !m[s] {
			return false
		}
	}
	return true
}

// workbook writes a workbook with write, opens it and checks its sheets.
func workbook(t *testing.T, write func(io.Writer) error, sheets ...string) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); !reflect.DeepEqual(got, sheets) {
		t.Errorf("sheets = %v, want %v", got, sheets)
	}
	return f
}

func TestXLSXAll(t *testing.T) {
	f := workbook(t, func(w io.Writer) error { return XLSXAll(w, entries()) }, "汇总", "核对结果")
	summary, _ := f.GetRows("汇总")
	wantSummary := [][]string{
		{"文件", "部门", "年度", "格式", "错误", "警告", "状态"},
		{"a.txt", "甲局", "2024", "甲格式", "1", "0", "已核对"},
		{"b-text.pdf + b-tables.pdf", "乙委员会", "2025", "p", "0", "1", "已核对"},
		{"dir/c.pdf", "—", "—", "—", "—", "—", "无法读取：是单位决算，目前只能核对部门预算、单位预算和部门决算，暂不支持单位决算"},
	}
	if !reflect.DeepEqual(summary, wantSummary) {
		t.Errorf("汇总 =\n%q\nwant\n%q", summary, wantSummary)
	}
	if typ, _ := f.GetCellType("汇总", "E2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("error count cell has type %v, want a number", typ)
	}
	findings, _ := f.GetRows("核对结果")
	if len(findings) != 4 {
		t.Fatalf("核对结果 has %d rows, want header + 3 findings", len(findings))
	}
	for i, want := range [][]string{{"文件", "序号"}, {"a.txt", "1"}, {"a.txt", "2"}, {"b-text.pdf + b-tables.pdf", "3"}} {
		if got := findings[i][:2]; !reflect.DeepEqual(got, want) {
			t.Errorf("核对结果 row %d starts %q, want %q", i+1, got, want)
		}
	}
	for r := 1; r <= 4; r++ {
		for c := 1; c <= 16; c++ {
			cell, _ := excelize.CoordinatesToCellName(c, r)
			if formula, _ := f.GetCellFormula("核对结果", cell); formula != "" {
				t.Errorf("%s holds a formula %q", cell, formula)
			}
		}
	}
}

// TestXLSXOneDocument: the workbook of one document keeps its sheets and columns.
func TestXLSXOneDocument(t *testing.T) {
	f := workbook(t, func(w io.Writer) error { return XLSX(w, Summary{File: "a.txt", FormatLabel: "某格式"}, sample) }, "核对结果", "说明")
	rows, _ := f.GetRows("核对结果")
	if rows[0][0] != "序号" || rows[1][0] != "1" || len(rows[0]) != 15 {
		t.Errorf("findings sheet starts %q, %q", rows[0], rows[1])
	}
	if v, _ := f.GetCellValue("说明", "B5"); v != "某格式" {
		t.Errorf("说明 format = %q", v)
	}
}
