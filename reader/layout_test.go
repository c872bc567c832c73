package reader_test

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"yusuan/check"
	"yusuan/check/checktest"
	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/profile/shanghai"
	"yusuan/reader"
)

// The two Shanghai documents of the corpus, as `pdftotext -layout` text (testdata)
// and as the published PDFs (shared with package pdftext).
var shanghaiCorpus = []struct {
	name  string
	year  int
	dept  string
	parts int
	// errors are the document's own contradictions, each as its rule and a piece of
	// the finding's message; the checker must report these and nothing else.
	errors []string
}{
	{"putuo-shangwuwei-2025-dept-budget", 2025, "上海市普陀区商务委员会", 13, nil},
	{"putuo-wanli-jiedao-2023-dept-budget", 2023, "上海市普陀区人民政府万里街道办事处", 7, []string{
		// 政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元 (copied from the line before)
		"CHG-01 推得上年为 -1,421.25万元",
		// 执行数11.67万元、预算安排45.41万元 is +289.1%, not 314.82%
		"CHG-02 上年 11.67万元",
		// item 16 (220.63万元) repeats item 15's 预算安排441.25万元 and 60.54%
		"TXT-01 同一段又称预算安排 441.25万元",
		"CHG-02 上年 132.59万元",
	}},
}

var (
	oracleAmount = regexp.MustCompile(`^-?[0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?$`)
	oracleCode   = regexp.MustCompile(`^[0-9]{2,3}$`)
)

// printedRow is what a line of the text shows: its leading codes joined, its words
// and its amounts, left to right.
type printedRow struct {
	line    int
	code    string
	name    string
	amounts []money.Amount
}

// printedRows reads, independently of the reader, every line of each table in the
// text that holds an amount. A table runs from its title to the next title, or to
// the heading after the last table.
func printedRows(t *testing.T, text string, year int) map[int][]printedRow {
	out := map[int][]printedRow{}
	table := 0
	for i, l := range strings.Split(text, "\n") {
		compact := strings.Join(strings.Fields(l), "")
		for n, tb := range shanghai.Tables {
			if compact == strings.Join(strings.Fields(shanghai.Shells(year, true)[n].Title), "") && tb.Title != "" {
				table = n + 1
			}
		}
		if compact == "其他相关情况说明" {
			table = 0
		}
		if table == 0 {
			continue
		}
		unit := money.UnitYuan
		if table == 9 {
			unit = money.UnitWan
		}
		var r printedRow
		lead := true
		for _, f := range strings.Fields(l) {
			switch {
			case lead && table != 9 && oracleCode.MatchString(f):
				r.code += f
			case oracleAmount.MatchString(f):
				a, err := money.Parse(f, unit)
				if err != nil {
					t.Fatalf("line %d: %v", i+1, err)
				}
				r.amounts = append(r.amounts, a)
				lead = false
			default:
				r.name += f
				lead = false
			}
		}
		if len(r.amounts) > 0 {
			r.line = i + 1
			out[table] = append(out[table], r)
		}
	}
	return out
}

func rowText(t *disclosure.Table, r disclosure.Row) (name string, amounts []money.Amount) {
	for i, c := range r.Cells {
		switch {
		case c.Amount != nil:
			amounts = append(amounts, *c.Amount)
		case t.Columns[i].Kind == disclosure.TextCol:
			name += strings.Join(strings.Fields(c.Text), "")
		}
	}
	return name, amounts
}

func errorFindings(t *testing.T, doc *disclosure.Document) []string {
	t.Helper()
	res := check.Run(doc, check.Options{})
	for _, f := range res.Findings {
		t.Logf("%s %s %s：%s", f.Severity.Label(), f.Rule, f.Location, f.Message)
	}
	return errorsOf(res)
}

// TestShanghaiText: every row line of every table of the corpus text is read whole
// (code, name, amounts), rows with no amounts are only the 合计 of empty tables, and
// the checker finds no error.
func TestShanghaiText(t *testing.T) {
	for _, c := range shanghaiCorpus {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join("testdata", c.name+".txt")
			text, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := reader.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Profile != "shanghai" || doc.Kind != "部门预算" || doc.Year != c.year || doc.Department != c.dept || doc.Subject != c.dept {
				t.Errorf("read %s %s %d %q %q", doc.Profile, doc.Kind, doc.Year, doc.Department, doc.Subject)
			}
			if len(doc.Parts) != c.parts || len(doc.Contents) < 16 {
				t.Errorf("read %d parts and %d 目录 entries", len(doc.Parts), len(doc.Contents))
			}
			want := printedRows(t, string(text), c.year)
			if len(doc.Tables) != 9 {
				t.Fatalf("read %d tables, want 9", len(doc.Tables))
			}
			for _, tb := range doc.Tables {
				var got []disclosure.Row
				for _, r := range tb.Rows {
					if _, amounts := rowText(tb, r); len(amounts) > 0 {
						got = append(got, r)
					} else if !tb.Empty || r.Kind != disclosure.TotalRow {
						t.Errorf("表%d line %d: a row without amounts", tb.Number, r.Pos.Line)
					}
				}
				rows := want[tb.Number]
				if len(got) != len(rows) {
					t.Errorf("表%d: read %d rows with amounts, the text has %d such lines", tb.Number, len(got), len(rows))
					continue
				}
				t.Logf("表%d %s: %d rows", tb.Number, tb.Title, len(tb.Rows))
				for i, w := range rows {
					name, amounts := rowText(tb, got[i])
					if got[i].Pos.Line != w.line || got[i].Code != w.code || !strings.HasPrefix(name, w.name) || !equalAmounts(amounts, w.amounts) {
						t.Errorf("表%d line %d: read line %d %q %q %v, printed %q %q %v", tb.Number, w.line, got[i].Pos.Line, got[i].Code, name, amounts, w.code, w.name, w.amounts)
					}
				}
			}
			checktest.SameErrors(t, errorFindings(t, doc), c.errors)
		})
	}
}

func equalAmounts(a, b []money.Amount) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// cell returns the amount in column key of the first row with the code or name.
func cell(t *disclosure.Table, row, key string) string {
	for _, r := range t.Rows {
		name, _ := rowText(t, r)
		if r.Code != row && name != row && !(row == "" && len(t.Rows) == 1) {
			continue
		}
		for i, col := range t.Columns {
			if col.Key == key {
				return r.Cells[i].Display(t.Unit)
			}
		}
	}
	return "?"
}

// TestShanghaiColumns: amounts land in their columns where cells are empty.
func TestShanghaiColumns(t *testing.T) {
	read := func(name string) *disclosure.Document {
		doc, err := reader.ReadFile(filepath.Join("testdata", name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	sw, wl := read(shanghaiCorpus[0].name), read(shanghaiCorpus[1].name)
	tests := []struct {
		t              *disclosure.Table
		row, key, want string
	}{
		{sw.Tables[2], "2011302", "basic", ""},
		{sw.Tables[2], "2011302", "project", "4,545,000.00"},
		{sw.Tables[2], "2080505", "name", "机关事业单位基本养老保险缴费支出"},
		{sw.Tables[7], "30211", "public", "80,000.00"},
		{sw.Tables[7], "30302", "personnel", "1,197,600.00"},
		{sw.Tables[8], "", "sangong", "1.00"},
		{sw.Tables[8], "", "abroad", ""},
		{sw.Tables[8], "", "reception", "1.00"},
		{sw.Tables[8], "", "office", "171.01"},
		{sw.Tables[3], "收入总计支出总计", "general", "371,514,655.00"},
		{wl.Tables[1], "2080505", "name", "机关事业单位基本养老保险缴费支出"},
		{wl.Tables[3], "四、文化旅游体育与传媒支出", "general", "200,000.00"},
		{wl.Tables[8], "", "car_running", "21.56"},
		{wl.Tables[8], "", "car_purchase", "0.00"},
	}
	for _, tt := range tests {
		if got := cell(tt.t, tt.row, tt.key); got != tt.want {
			t.Errorf("表%d %s %s = %q, want %q", tt.t.Number, tt.row, tt.key, got, tt.want)
		}
	}
	if tb := sw.Tables[0]; tb.Rows[len(tb.Rows)-1].Kind != disclosure.TotalRow {
		t.Errorf("表1's 收入总计 row is not a total row")
	}
	if tb := sw.Tables[5]; !tb.Empty || len(tb.Notes) != 1 || len(tb.Rows) != 1 {
		t.Errorf("表6: empty %v, notes %q, %d rows", tb.Empty, tb.Notes, len(tb.Rows))
	}
}

// TestShanghaiPDF: the published PDFs read to the same tables as their text, with
// every row on its page, and the checker finds no error.
func TestShanghaiPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("PDF extraction is slow")
	}
	for _, c := range shanghaiCorpus {
		t.Run(c.name, func(t *testing.T) {
			text, err := reader.ReadFile(filepath.Join("testdata", c.name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := reader.ReadFile(filepath.Join("pdftext", "testdata", c.name+".pdf"))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != text.Title || doc.Department != text.Department || len(doc.Parts) != len(text.Parts) || len(doc.Tables) != len(text.Tables) {
				t.Fatalf("PDF: %q %q %d parts %d tables; text: %q %q %d parts %d tables",
					doc.Title, doc.Department, len(doc.Parts), len(doc.Tables), text.Title, text.Department, len(text.Parts), len(text.Tables))
			}
			for i, want := range text.Tables {
				if got := printedTable(doc.Tables[i]); got != printedTable(want) {
					t.Errorf("表%d reads differently from the PDF\ntext:\n%s\nPDF:\n%s", want.Number, printedTable(want), got)
				}
				for _, r := range doc.Tables[i].Rows {
					if r.Pos.Page < doc.Tables[i].Pos.Page || r.Pos.Line < 1 {
						t.Errorf("表%d: row at %+v, table at %+v", want.Number, r.Pos, doc.Tables[i].Pos)
					}
				}
			}
			checktest.SameErrors(t, errorFindings(t, doc), c.errors)
		})
	}
}

// TestLayoutRefuses: a final account without the 决算 tables is not read as a
// 预算, a 单位决算 is refused as not supported, and text that is no disclosure gets
// an error that names the file.
func TestLayoutRefuses(t *testing.T) {
	_, err := reader.ReadText("jc.txt", "上海市普陀区2024年区级部门决算\n\n   预算主管部门：上海市普陀区商务委员会\n")
	var unrecognised *reader.UnrecognisedError
	if !errors.As(err, &unrecognised) || unrecognised.Kind != "部门决算" || !strings.Contains(err.Error(), "部门决算") {
		t.Errorf("决算: %v", err)
	}
	_, err = reader.ReadText("jc.txt", "上海市普陀区某中心2024年度单位决算\n\n   预算单位：上海市普陀区某中心\n")
	var unsupported *reader.UnsupportedError
	if !errors.As(err, &unsupported) || unsupported.Kind != "单位决算" {
		t.Errorf("单位决算: %v", err)
	}
	for _, text := range []string{"", "hello\nworld", "2025年部门预算\n没有别的", "\f\f\f", strings.Repeat("2", 1<<16)} {
		if _, err := reader.ReadText("x.txt", text); err == nil || !strings.Contains(err.Error(), "x.txt") {
			t.Errorf("%.20q: %v", text, err)
		}
	}
}

// TestShanghaiCodesWithoutLeadingZeros: 款 and 项 printed without their leading zero
// (`201 13 1`, `301 1`) read as the same codes.
func TestShanghaiCodesWithoutLeadingZeros(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "putuo-shangwuwei-2025-dept-budget.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.NewReplacer(
		"201   13   01   行政运行   ", "201   13   1    行政运行   ",
		" 301   01    基本工资  ", " 301   1     基本工资  ",
	).Replace(string(data))
	if text == string(data) {
		t.Fatal("the corpus no longer has the lines this test changes")
	}
	doc, err := reader.ReadText("codes.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]int{}
	for _, tb := range doc.Tables {
		for _, r := range tb.Rows {
			if r.Code == "2011301" || r.Code == "30101" {
				found[r.Code]++
			}
		}
	}
	if found["2011301"] != 3 || found["30101"] != 1 {
		t.Errorf("codes read: %v, want 2011301 in tables 2, 3 and 5 and 30101 in table 8", found)
	}
	if errs := errorsOf(check.Run(doc, check.Options{})); len(errs) > 0 {
		t.Errorf("checker errors:\n%s", strings.Join(errs, "\n"))
	}
}
