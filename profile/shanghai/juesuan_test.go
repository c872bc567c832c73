package shanghai_test

import (
	"bytes"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"

	"yusuan/build"
	"yusuan/check"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/examples/examplestest"
	"yusuan/format"
	"yusuan/money"
	"yusuan/profile/profiletest"
	"yusuan/profile/shanghai"
	"yusuan/reader"
	"yusuan/render/xlsx"
)

// groundTruth is the reader's ground truth of a published document
// (reader/testdata/corpus): its tables' columns and rows, cell by cell as printed.
type groundTruth struct {
	Tables []struct {
		Title   string     `yaml:"title"`
		Columns []string   `yaml:"columns"`
		Rows    [][]string `yaml:"rows"`
	} `yaml:"tables"`
}

// publishedNumbers are the numbers of each section of a published 第三部分, in the
// order printed.
type publishedNumbers struct {
	Narrative []struct {
		Section string   `yaml:"section"`
		Numbers []string `yaml:"numbers"`
	} `yaml:"narrative"`
}

func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// displayRows lays a table's body on its grid and prints every position as the
// table prints it.
func displayRows(t *disclosure.Table) [][]string {
	var out [][]string
	for _, row := range disclosure.Grid(rowCells(t), len(t.Columns)) {
		cells := make([]string, len(t.Columns))
		for _, p := range row {
			if p.Col < len(cells) {
				cells[p.Col] = p.Display(t.Unit)
			}
		}
		out = append(out, cells)
	}
	return out
}

func rowCells(t *disclosure.Table) [][]disclosure.Cell {
	out := make([][]disclosure.Cell, len(t.Rows))
	for i, r := range t.Rows {
		out[i] = r.Cells
	}
	return out
}

// putuoFinal builds the example's 决算, checked as yusuan build checks it.
func putuoFinal(t *testing.T) *disclosure.Document {
	t.Helper()
	doc, err := build.Derive(examplestest.Load(t, "putuo-caizhengju-2024-juesuan"), classification.Default())
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

var finalNumberRe = regexp.MustCompile(`\d[\d,]*(?:\.\d+)?%?`)

// numbersOf lists the numbers of a text as values with two decimals (6.2 and 6.20
// are one number), a percent sign kept.
func numbersOf(s string) []string {
	var out []string
	for _, m := range finalNumberRe.FindAllString(s, -1) {
		pct := strings.HasSuffix(m, "%")
		r, ok := new(big.Rat).SetString(strings.TrimSuffix(strings.ReplaceAll(m, ",", ""), "%"))
		if !ok {
			continue
		}
		v := r.FloatString(2)
		if pct {
			v += "%"
		}
		out = append(out, v)
	}
	return out
}

// TestPutuoFinal builds examples/putuo-caizhengju-2024-juesuan and compares it with
// the published 上海市普陀区财政局2024年度部门决算: every row of the reader's ground
// truth of its nine tables, cell by cell and in order, and every number of each
// section of 第三部分. The published document's two wrong numbers are the only
// differences, and the generated text prints them right.
func TestPutuoFinal(t *testing.T) {
	doc := putuoFinal(t)
	var truth groundTruth
	readYAML(t, filepath.Join("..", "..", "reader", "testdata", "corpus", "putuo-caizhengju-2024-dept-final-accounts.yaml"), &truth)
	var want publishedNumbers
	readYAML(t, filepath.Join("testdata", "putuo-caizhengju-2024-juesuan.published.yaml"), &want)
	if len(doc.Tables) != len(truth.Tables) {
		t.Fatalf("%d tables, want %d", len(doc.Tables), len(truth.Tables))
	}
	cells := 0
	for i, wt := range truth.Tables {
		gt := doc.Tables[i]
		if gt.Title != wt.Title {
			t.Errorf("table %d is %s, want %s", i+1, gt.Title, wt.Title)
			continue
		}
		if len(gt.Columns) != len(wt.Columns) {
			t.Errorf("%s: %d columns, want %d (%v)", wt.Title, len(gt.Columns), len(wt.Columns), wt.Columns)
			continue
		}
		// Each row of the ground truth is a row of the table, in the same order.
		got := displayRows(gt)
		next := 0
		for _, w := range wt.Rows {
			at := -1
			for r := next; r < len(got); r++ {
				if slices.Equal(got[r], w) {
					at = r
					break
				}
			}
			if at < 0 {
				t.Errorf("%s: no row %q (after row %d); the table prints:\n%s", wt.Title, w, next, rowsText(got))
				continue
			}
			next = at + 1
			for _, c := range w {
				if c != "" {
					cells++
				}
			}
		}
	}
	// The published text's errors (docs/juesuan.md §5): the generated text states
	// what the tables say.
	known := map[string][2]string{
		"四、财政拨款收入支出决算总体情况说明":   {"0.30", "2961.68"},  // 财政拨款收入支出总计0.3万元: 表4 总计 2,961.68
		"五、一般公共预算财政拨款支出决算情况说明": {"71.73%", "71.65%"}, // 一般公共服务支出 2106.66 / 2940.05
	}
	sections := narrativeSections(t, doc)
	numbers := 0
	for _, s := range want.Narrative {
		wantNums := numbersOf(strings.Join(s.Numbers, " "))
		if k, ok := known[s.Section]; ok {
			i := slices.Index(wantNums, k[0])
			if i < 0 {
				t.Errorf("%s: the published %s is not in the transcription", s.Section, k[0])
				continue
			}
			wantNums[i] = k[1]
		}
		got := numbersOf(sections[s.Section])
		slices.Sort(got)
		slices.Sort(wantNums)
		if !slices.Equal(got, wantNums) {
			t.Errorf("%s: numbers\n got %v\nwant %v", s.Section, got, wantNums)
		}
		numbers += len(wantNums)
	}
	if len(want.Narrative) != len(finalSectionTitles) {
		t.Errorf("%d sections transcribed, want %d", len(want.Narrative), len(finalSectionTitles))
	}
	t.Logf("%d table cells and %d narrative numbers compared", cells, numbers)
}

func rowsText(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, " | ") + "\n")
	}
	return b.String()
}

var finalSectionTitles = []string{
	"一、收入支出决算总体情况说明", "二、收入决算情况说明", "三、支出决算情况说明", "四、财政拨款收入支出决算总体情况说明",
	"五、一般公共预算财政拨款支出决算情况说明", "六、一般公共预算财政拨款基本支出决算情况说明",
	"七、财政拨款“三公”经费支出决算情况说明", "八、政府性基金预算财政拨款收入支出决算情况说明",
	"九、国有资本经营预算财政拨款收入支出决算情况说明", "十、预算绩效管理情况", "十一、其他重要事项的情况说明",
}

// narrativeSections joins the text of each section of 第三部分, a part each.
func narrativeSections(t *testing.T, doc *disclosure.Document) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, p := range doc.Parts {
		if !slices.Contains(finalSectionTitles, p.Title) {
			continue
		}
		for _, b := range p.Blocks {
			if b.Kind != disclosure.Heading {
				out[p.Title] += b.Text
			}
		}
	}
	if len(out) != len(finalSectionTitles) {
		t.Fatalf("第三部分 has %d sections, want %d", len(out), len(finalSectionTitles))
	}
	return out
}

// TestPutuoFinalSixNamesTable6 checks the one inconsistency of the published text
// that no number shows: 六 lists the 款 of 人员经费 that 表6 prints, so 奖励金 (303 09,
// 0.31) where the published text names 个人农业生产补贴.
func TestPutuoFinalSixNamesTable6(t *testing.T) {
	doc := putuoFinal(t)
	six := narrativeSections(t, doc)["六、一般公共预算财政拨款基本支出决算情况说明"]
	if !strings.Contains(six, "退休费、奖励金；") || strings.Contains(six, "个人农业生产补贴") {
		t.Errorf("六 should list 奖励金 and not 个人农业生产补贴: %s", six)
	}
	if doc.Unit != money.UnitWan {
		t.Errorf("narrative unit %s, want 万元", doc.Unit)
	}
}

// TestFinalHeadersAsDescribed requires every generated 决算 table to carry the title
// and one of the headers of the format description (formats/shanghai-juesuan.yaml),
// the one account of the format that readers use too.
func TestFinalHeadersAsDescribed(t *testing.T) {
	doc := putuoFinal(t)
	var desc *format.Format
	for _, f := range (shanghai.Profile{}).Formats() {
		if f.ID == doc.Format {
			desc = f
		}
	}
	if desc == nil {
		t.Fatalf("no format description %s", doc.Format)
	}
	for _, tab := range doc.Tables {
		d := desc.Table(tab.Kind)
		if d == nil || d.Title != tab.Title || d.Number != tab.Number {
			t.Errorf("%s (%s, 表%d) is not the description's", tab.Title, tab.Kind, tab.Number)
			continue
		}
		var got []string
		for _, p := range format.HeaderPaths(tab) {
			got = append(got, strings.Join(p, "/"))
		}
		ok := false
		for _, h := range d.Headers {
			ok = ok || slices.Equal(h, got)
		}
		if !ok {
			t.Errorf("%s: header %q is none of the description's %q", tab.Title, got, d.Headers)
		}
	}
}

// TestFinalRoundTripPDF renders the Putuo 决算 as a PDF and reads it back: no error,
// and every table the reader reads reliably prints as derived, cell for cell. Two
// limits of the reader today: it does not read 表6's two halves side by side
// (READ-01, both halves' 决算数) and says so; and in 表1 and 表4 it joins a row
// that prints no amount to the label of the row above (本年收入合计使用非财政拨款
// 结余（含专用结余）), so there every column's amounts are compared in order.
func TestFinalRoundTripPDF(t *testing.T) {
	doc := putuoFinal(t)
	back := readPDF(t, doc)
	if errs := profiletest.Errors(check.Run(back, check.Options{})); len(errs) > 0 {
		t.Errorf("the 决算 read back from its PDF has errors:\n%s", strings.Join(errs, "\n"))
	}
	if back.Kind != doc.Kind || back.Year != doc.Year || back.Department != doc.Department {
		t.Errorf("read %s %d %s, want %s %d %s", back.Kind, back.Year, back.Department, doc.Kind, doc.Year, doc.Department)
	}
	if len(back.Tables) != len(doc.Tables) {
		t.Fatalf("read %d tables, derived %d", len(back.Tables), len(doc.Tables))
	}
	for i, want := range doc.Tables {
		got := back.Tables[i]
		if got.Unread != "" {
			if want.Kind != disclosure.GPBasicTable {
				t.Errorf("%s not read: %s", want.Title, got.Unread)
			}
			continue
		}
		if want.Kind == disclosure.SummaryTable || want.Kind == disclosure.FiscalSummaryTable {
			if g, w := amountColumns(got), amountColumns(want); !slices.Equal(g, w) {
				t.Errorf("%s: amounts read back %q, derived %q", want.Title, g, w)
			}
			continue
		}
		if printedTable(got) != printedTable(want) {
			t.Errorf("%s reads back differently\nderived:\n%s\nread:\n%s", want.Title, printedTable(want), printedTable(got))
		}
	}
}

// amountColumns lists a table's printed amounts column by column, top to bottom.
func amountColumns(t *disclosure.Table) []string {
	rows := displayRows(t)
	var out []string
	for j, c := range t.Columns {
		if c.Kind != disclosure.AmountCol {
			continue
		}
		for _, r := range rows {
			if j < len(r) && r[j] != "" {
				out = append(out, c.Key+"="+r[j])
			}
		}
	}
	return out
}

// TestFinalRoundTripXLSX writes the Putuo 决算 as its workbook and reads it back,
// as yusuan check reads a 决算 published as XLSX: every table prints as derived,
// 表6's two halves too, and nothing is wrong; one figure changed in the workbook
// (表6's 基本工资, under 工资福利支出) is an error.
func TestFinalRoundTripXLSX(t *testing.T) {
	doc := putuoFinal(t)
	var x bytes.Buffer
	if err := xlsx.Write(&x, doc); err != nil {
		t.Fatal(err)
	}
	back, err := reader.ReadXLSX("决算.xlsx", bytes.NewReader(x.Bytes()), int64(x.Len()))
	if err != nil {
		t.Fatal(err)
	}
	sameTables(t, "xlsx", doc, back)

	wb, err := excelize.OpenReader(bytes.NewReader(x.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	at := ""
	for _, sh := range wb.GetSheetList() {
		rows, _ := wb.GetRows(sh)
		for r, row := range rows {
			for c, v := range row {
				if v == "262.33" && at == "" {
					at, _ = excelize.CoordinatesToCellName(c+1, r+1)
					if err := wb.SetCellFloat(sh, at, 272.33, 2, 64); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	if at == "" {
		t.Fatal("no cell prints 基本工资's 262.33")
	}
	var y bytes.Buffer
	if err := wb.Write(&y); err != nil {
		t.Fatal(err)
	}
	changed, err := reader.ReadXLSX("决算.xlsx", bytes.NewReader(y.Bytes()), int64(y.Len()))
	if err != nil {
		t.Fatal(err)
	}
	errs := profiletest.Errors(check.Run(changed, check.Options{}))
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "SUM-01 ") || !strings.Contains(errs[0], "工资福利支出") {
		t.Errorf("基本工资 262.33 → 272.33 in %s: errors %q, want SUM-01 on 工资福利支出", at, errs)
	}
}
