package reader

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"yusuan/disclosure"
	"yusuan/reader/pdftext"
)

// positionedWordRe is a word of a page as testdata/layout-*-pdf.txt writes it:
// [text x0-x1 y0-y1], the box of its glyphs in points.
var positionedWordRe = regexp.MustCompile(`\[(\S+) ([0-9.]+)-([0-9.]+) y([0-9.]+)-([0-9.]+)\]`)

// positionedPages reads pages of positioned words, as the PDF extraction gives
// them, from a file of lines "page N" and "y= Y: [text x0-x1 y0-y1] …".
func positionedPages(t *testing.T, name string) []pdftext.Page {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	num := func(s string) float64 {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	var pages []pdftext.Page
	for _, l := range strings.Split(string(data), "\n") {
		if n, ok := strings.CutPrefix(l, "page "); ok {
			pages = append(pages, pdftext.Page{Number: int(num(n)), Width: 842, Height: 595})
			continue
		}
		head, rest, ok := strings.Cut(l, ":")
		if !ok || len(pages) == 0 {
			continue
		}
		line := pdftext.Line{Y: num(strings.TrimSpace(strings.TrimPrefix(head, "y=")))}
		for _, m := range positionedWordRe.FindAllStringSubmatch(rest, -1) {
			line.Words = append(line.Words, pdftext.Word{Text: m[1], X0: num(m[2]), X1: num(m[3]), Y0: num(m[4]), Y1: num(m[5]), Size: 12})
		}
		p := &pages[len(pages)-1]
		p.Lines = append(p.Lines, line)
	}
	return pages
}

// rowCells is a row's cells as printed, "|" between them.
func rowCells(r disclosure.Row) string {
	var parts []string
	for _, c := range r.Cells {
		if c.Printed != "" {
			parts = append(parts, c.Printed)
		} else {
			parts = append(parts, c.Text)
		}
	}
	return strings.Join(parts, "|")
}

// TestPositionedAmountsAboveTheirRow reads pages laid out as Putuo's 2024 决算
// prints its 收入决算表 and 支出决算表: header lines closer together than the
// rows, 类 款 项 under 科目编码 as three columns of codes, and the 基本支出 and
// 项目支出 of some rows set higher than the row's code and name, their boxes
// reaching down into the row's line (the 合计 row's even onto the header's 类 款
// 项 line).
func TestPositionedAmountsAboveTheirRow(t *testing.T) {
	doc, err := readPages("amounts.pdf", pdfPages(positionedPages(t, "layout-amounts-above-pdf.txt")), formats())
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Tables) != 3 {
		t.Fatalf("read %d tables, want 3", len(doc.Tables))
	}
	want := map[int][]string{
		// The header's lines are no first row's wrapped name: the two sides'
		// 项目 and 预算数 head four columns.
		0: {
			"一、一般公共预算财政拨款收入|2,940.05|一、一般公共服务支出|2,106.66",
			"二、政府性基金预算财政拨款收入||二、外交支出|",
			"三、国有资本经营预算财政拨款收入||三、国防支出|",
			"收入总计|2,940.05|支出总计|2,940.05",
		},
		1: {
			"|||合计|2,946.25|2,940.05|||||6.20",
			"201|||一般公共服务支出|2,112.86|2,106.66|||||6.20",
			"201|06||财政事务|2,112.86|2,106.66|||||6.20",
		},
		2: {
			"|||合计|2,940.05|2,336.91|603.14|||",
			"201|||一般公共服务支出|2,106.66|1,503.52|603.14|||",
			"201|06||财政事务|2,106.66|1,503.52|603.14|||",
			"201|06|01|行政运行|1,511.89|1,503.52|8.37|||",
			"201|06|02|一般行政管理事务|10.00||10.00|||",
		},
	}
	for i, rows := range want {
		tb := doc.Tables[i]
		if len(tb.Rows) != len(rows) {
			var got []string
			for _, r := range tb.Rows {
				got = append(got, rowCells(r))
			}
			t.Errorf("%s: %d rows, want %d:\n%s", tb.Title, len(tb.Rows), len(rows), strings.Join(got, "\n"))
			continue
		}
		for k, w := range rows {
			if g := rowCells(tb.Rows[k]); g != w {
				t.Errorf("%s row %d: %q, want %q", tb.Title, k+1, g, w)
			}
		}
	}
	if codes := doc.Tables[2].Rows[3].Code; codes != "2010601" {
		t.Errorf("行政运行's code %q, want 2010601", codes)
	}
}
