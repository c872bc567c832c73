package pdf

import (
	"bytes"
	"flag"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/render/rendertest"
)

var out = flag.String("out", "", "also write the test document's PDF to this file, to look at")

func render(t testing.TB, doc *disclosure.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var pageObject = regexp.MustCompile(`/Type /Page\b[^s]`)

func TestWrite(t *testing.T) {
	b := render(t, testDocument())
	if *out != "" {
		if err := os.WriteFile(*out, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", b[:min(len(b), 16)])
	}
	// Cover, 目录, the nine parts flowing over at least one page, and twelve
	// tables each from a new page, table 8 over at least three (TestHeaderRepeats).
	if n := len(pageObject.FindAll(b, -1)); n < 2+1+11+3 {
		t.Errorf("%d pages, want at least 17", n)
	}
	// Only used glyphs are embedded: the whole Droid font is 4 MB.
	if len(b) > 400_000 {
		t.Errorf("PDF is %d bytes; fonts not subset?", len(b))
	}
	for _, want := range []string{"/Title", "/Creator", "yusuan"} {
		if !bytes.Contains(b, []byte(want)) && !bytes.Contains(b, utf16be(want)) {
			t.Errorf("document properties lack %q", want)
		}
	}
}

func utf16be(s string) []byte {
	var b []byte
	for _, c := range s {
		b = append(b, byte(c>>8), byte(c))
	}
	return b
}

// pdftotext returns the text of pages from..to (0 for all), or skips the test
// when poppler-utils are not installed.
func pdftotext(t *testing.T, pdf []byte, from, to int, layout bool) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not on PATH")
	}
	file := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-enc", "UTF-8"}
	if from > 0 {
		args = append(args, "-f", strconv.Itoa(from), "-l", strconv.Itoa(to))
	}
	if layout {
		args = append(args, "-layout")
	}
	o, err := exec.Command(bin, append(args, file, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(o)
}

func TestTextExtracts(t *testing.T) {
	text := pdftotext(t, render(t, testDocument()), 0, 0, false)
	for _, want := range []string{
		"2024年深圳市龙岗区政务服务数据管理局（本级）部门预算",
		"一般公共预算支出表（按功能分类）",
		"6,762.91", "5,941.91", "-18.00", "“三公”经费",
		"第九部分 名词解释", "（十二）", "单位：万元", "部门名称：" + entity,
		"注：本部门无政府性基金预算支出，故本表为空表。",
		"本套报表金额单位转换时可能存在尾数误差。",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext output lacks %q", want)
		}
	}
}

var tocLine = regexp.MustCompile(`^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$`)

// contents reads the 目录 (page 2) into entry → page.
func contents(t *testing.T, pdf []byte) map[string]int {
	toc := map[string]int{}
	for _, l := range strings.Split(pdftotext(t, pdf, 2, 2, true), "\n") {
		if m := tocLine.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[2])
			toc[strings.Join(strings.Fields(m[1]), " ")] = n
		}
	}
	return toc
}

func TestContentsPageNumbers(t *testing.T) {
	doc := testDocument()
	b := render(t, doc)
	toc := contents(t, b)
	want := map[string]string{} // entry → text that opens its page
	for _, p := range doc.Parts {
		want[p.Heading()] = p.Heading()
	}
	for _, tb := range doc.Tables {
		want["（"+disclosure.ChineseNumber(tb.Number)+"）"+tb.Title] = tb.Title
	}
	for entry, heading := range want {
		page, ok := toc[entry]
		if !ok {
			t.Errorf("目录 lacks %q (have %v)", entry, toc)
			continue
		}
		if text := pdftotext(t, b, page, page, false); !strings.Contains(strings.ReplaceAll(text, "\n", ""), heading) {
			t.Errorf("目录 puts %q on page %d, which reads:\n%s", entry, page, text)
		}
		if page > 3 {
			if prev := pdftotext(t, b, page-1, page-1, false); strings.Contains(strings.ReplaceAll(prev, "\n", ""), heading) {
				t.Errorf("%q already on page %d, before the page the 目录 gives", heading, page-1)
			}
		}
	}
}

// TestPartsFlow: a part follows the one before on its page when its title and
// two lines of its text fit, so the parts take fewer pages than there are parts,
// and no part's title is the last text of its page.
func TestPartsFlow(t *testing.T) {
	doc := testDocument()
	b := render(t, doc)
	toc := contents(t, b)
	pages := map[int]bool{}
	for _, p := range doc.Parts {
		page := toc[p.Heading()]
		pages[page] = true
		var after []string
		seen := false
		for _, l := range strings.Split(pdftotext(t, b, page, page, false), "\n") {
			l = strings.TrimSpace(l)
			switch {
			case strings.Contains(l, p.Heading()):
				seen = true
			case seen && l != "" && !strings.HasPrefix(l, "—"):
				after = append(after, l)
			}
		}
		if len(after) < 2 {
			t.Errorf("page %d: %q followed by %q, want at least two lines of its text", page, p.Heading(), after)
		}
	}
	if len(pages) >= len(doc.Parts) {
		t.Errorf("%d parts on %d pages: each part starts a page", len(doc.Parts), len(pages))
	}
}

func TestHeaderRepeats(t *testing.T) {
	doc := testDocument()
	b := render(t, doc)
	start := contents(t, b)["（八）一般公共预算支出表（按经济分类）"]
	end := contents(t, b)["（九）财政拨款“三公”经费支出表"]
	if start == 0 || end-start < 3 {
		t.Fatalf("table 8 on pages %d..%d, want at least three pages", start, end-1)
	}
	last := 0
	for page := start; page < end; page++ {
		text := pdftotext(t, b, page, page, false)
		for _, want := range []string{"科目编码", "支出总计", "项目支出", "单位：万元", "— " + strconv.Itoa(page) + " —"} {
			if !strings.Contains(text, want) {
				t.Errorf("page %d lacks %q:\n%s", page, want, text)
			}
		}
		// Rows go on in order with none lost between pages.
		for _, m := range regexp.MustCompile(`明细(\d+)`).FindAllStringSubmatch(text, -1) {
			n, _ := strconv.Atoi(m[1])
			if n != last+1 {
				t.Errorf("page %d: row %d after row %d", page, n, last)
			}
			last = n
		}
	}
	if last != 80 {
		t.Errorf("last row of table 8 is %d, want 80", last)
	}
}

func TestRowSpanGroupKeptTogether(t *testing.T) {
	tb := &disclosure.Table{Title: "分组", Columns: []disclosure.Column{{Width: 4}, {Width: 10}}, Header: [][]disclosure.Cell{{disclosure.T("组"), disclosure.T("项目")}}}
	for g := 0; g < 12; g++ {
		for i := 0; i < 5; i++ {
			var cells []disclosure.Cell
			if i == 0 {
				cells = append(cells, disclosure.Cell{Text: "第" + strconv.Itoa(g) + "组", RowSpan: 5})
			}
			tb.Rows = append(tb.Rows, disclosure.Row{Cells: append(cells, disclosure.T("组"+strconv.Itoa(g)+"行"+strconv.Itoa(i)))})
		}
	}
	b := render(t, &disclosure.Document{Title: "分组测试", Tables: []*disclosure.Table{tb}})
	pages := len(pageObject.FindAll(b, -1))
	if pages < 4 {
		t.Fatalf("%d pages, want the table over at least two", pages)
	}
	for page := 3; page <= pages; page++ {
		text := pdftotext(t, b, page, page, false)
		for g := 0; g < 12; g++ {
			n := strings.Count(text, "组"+strconv.Itoa(g)+"行")
			if n != 0 && n != 5 {
				t.Errorf("page %d has %d of group %d's five rows", page, n, g)
			}
		}
	}
}

func TestTallGroupRepeatsSpanningText(t *testing.T) {
	tb := &disclosure.Table{Columns: []disclosure.Column{{Width: 4}, {Width: 10}}, Header: [][]disclosure.Cell{{disclosure.T("组"), disclosure.T("项目")}}}
	for i := 0; i < 90; i++ {
		var cells []disclosure.Cell
		if i == 0 {
			cells = append(cells, disclosure.Cell{Text: "年度主要任务", RowSpan: 90})
		}
		tb.Rows = append(tb.Rows, disclosure.Row{Cells: append(cells, disclosure.T("任务"+strconv.Itoa(i)))})
	}
	b := render(t, &disclosure.Document{Title: "长分组", Tables: []*disclosure.Table{tb}})
	for page := 3; page <= 4; page++ {
		if text := pdftotext(t, b, page, page, false); !strings.Contains(text, "年度主要任务") || !strings.Contains(text, "项目") {
			t.Errorf("page %d lacks the spanning cell or the header:\n%s", page, text)
		}
	}
}

func TestWrapKeepsPunctuationOffLineStart(t *testing.T) {
	fonts, err := loadFaces()
	if err != nil {
		t.Fatal(err)
	}
	r := &renderer{faces: fonts}
	text := strings.Repeat("预算收支增长主要原因，数字6,762.91万元。", 40)
	for _, w := range []float64{30, 50, 77, 120, 170} {
		lines := r.wrap(text, bodyStyle, w, 2*bodyStyle.em())
		var got strings.Builder
		for i, l := range lines {
			got.WriteString(l.s)
			if r.width(l.s, bodyStyle) > w+1e-6 {
				t.Errorf("width %v: line %d is %.2f mm wide", w, i, r.width(l.s, bodyStyle))
			}
			if i > 0 && strings.ContainsAny(l.s[:len(string([]rune(l.s)[0]))], noStart) {
				t.Errorf("width %v: line %d starts with punctuation: %q", w, i, l.s)
			}
			if strings.Contains(l.s, "6,7") != strings.Contains(l.s, "6,762.91") {
				t.Errorf("width %v: number split in %q", w, l.s)
			}
		}
		if got.String() != text {
			t.Errorf("width %v: wrapping lost text", w)
		}
	}
}

// TestOddDocuments feeds documents no profile would make; Write must return,
// with a PDF or an error, never panic.
func TestOddDocuments(t *testing.T) {
	amount := money.Amount(-123456789)
	huge := strings.Repeat("很长的文字没有任何空格", 800)
	cases := map[string]*disclosure.Document{
		"empty":    {},
		"nil part": {Parts: []disclosure.Part{{}}, Tables: []*disclosure.Table{nil, {}}},
		"no rows":  {Tables: []*disclosure.Table{{Title: "空", Columns: []disclosure.Column{{Width: 0}, {Width: -3}}}}},
		"spans": {Tables: []*disclosure.Table{{
			Columns: []disclosure.Column{{Width: 1}},
			Header:  [][]disclosure.Cell{{{Text: "跨", ColSpan: 1 << 30, RowSpan: 1 << 30}, {Text: "外"}}},
			Rows:    []disclosure.Row{{Cells: []disclosure.Cell{{Amount: &amount, RowSpan: 1 << 40, Indent: 1 << 20}, {}, {ColSpan: -5}}}},
		}}},
		"huge text": {Title: huge, Parts: []disclosure.Part{{Number: 120, Title: huge, Blocks: []disclosure.Block{p(huge), {Kind: "odd", Text: huge}, {Kind: disclosure.TableRef}}}},
			Tables: []*disclosure.Table{{Title: huge[:3000], Columns: []disclosure.Column{{Width: 1}, {Width: 1 << 62}},
				Header: [][]disclosure.Cell{{disclosure.T(huge[:6000])}}, Rows: []disclosure.Row{{Cells: []disclosure.Cell{disclosure.T(huge), disclosure.T(strings.Repeat("x", 50000))}}}}}},
		"odd runes": {Title: "\x00\x01\t\r\n😀\U0010FFFF\uFFFE\uFFFF\xff\xfe ሀ ก \u2028 ∑", Notes: []string{"😀" + huge[:300]}},
		"many columns": {Tables: []*disclosure.Table{{Wide: true, Columns: make([]disclosure.Column, 500),
			Rows: []disclosure.Row{{Cells: []disclosure.Cell{disclosure.T("宽表格里很多列"), disclosure.T("12345678901234567890")}}}}}},
	}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 15; i++ {
		cases["random "+strconv.Itoa(i)] = randomDocument(rng)
	}
	for name, doc := range cases {
		start := time.Now()
		var buf bytes.Buffer
		err := Write(&buf, doc)
		t.Logf("%s: %v", name, time.Since(start))
		if err != nil {
			t.Logf("%s: %v", name, err)
			continue
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Errorf("%s: output is not a PDF", name)
		}
	}
	if err := Write(&bytes.Buffer{}, nil); err == nil {
		t.Error("nil document: no error")
	}
}

func randomDocument(rng *rand.Rand) *disclosure.Document {
	pieces := []string{"", "收入", "6,762.91", "（", "）", "，", "。", " ", "\n", "😀", "abc def", "一般公共预算支出表（按功能分类）", "\t", "“三公”"}
	text := func() string {
		var b strings.Builder
		for n := rng.Intn(30); n > 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		return b.String()
	}
	cell := func() disclosure.Cell {
		c := disclosure.Cell{Text: text(), ColSpan: rng.Intn(5) - 1, RowSpan: rng.Intn(6) - 1, Indent: rng.Intn(8) - 2}
		if rng.Intn(3) == 0 {
			a := money.Amount(rng.Int63n(1<<50) - 1<<49)
			c.Amount = &a
		}
		return c
	}
	rows := func(n int) [][]disclosure.Cell {
		out := make([][]disclosure.Cell, n)
		for i := range out {
			for k := rng.Intn(8); k > 0; k-- {
				out[i] = append(out[i], cell())
			}
		}
		return out
	}
	table := func() *disclosure.Table {
		t := &disclosure.Table{Number: rng.Intn(20) - 2, Title: text(), Entity: text(), EntityLabel: text(), Period: text(),
			Unit: []money.Unit{"", money.UnitWan, money.UnitYuan}[rng.Intn(3)], Wide: rng.Intn(2) == 0, Empty: rng.Intn(4) == 0}
		for k := rng.Intn(9); k > 0; k-- {
			t.Columns = append(t.Columns, disclosure.Column{Kind: []disclosure.ColumnKind{disclosure.TextCol, disclosure.AmountCol, "?"}[rng.Intn(3)], Width: rng.Intn(30) - 5})
		}
		t.Header = rows(rng.Intn(4))
		for _, r := range rows(rng.Intn(60)) {
			t.Rows = append(t.Rows, disclosure.Row{Kind: []disclosure.RowKind{disclosure.DataRow, disclosure.TotalRow, disclosure.GroupRow}[rng.Intn(3)], Cells: r})
		}
		for k := rng.Intn(3); k > 0; k-- {
			t.Notes = append(t.Notes, text())
		}
		return t
	}
	doc := &disclosure.Document{Title: text(), Subject: text()}
	for k := rng.Intn(4); k > 0; k-- {
		part := disclosure.Part{Number: rng.Intn(130) - 10, Title: text()}
		for b := rng.Intn(10); b > 0; b-- {
			kind := []disclosure.BlockKind{disclosure.Heading, disclosure.Paragraph, disclosure.ListItem, disclosure.Note, disclosure.TableRef}[rng.Intn(5)]
			blk := disclosure.Block{Kind: kind, Text: text()}
			if kind == disclosure.TableRef && rng.Intn(4) > 0 {
				blk.Table = table()
			}
			part.Blocks = append(part.Blocks, blk)
		}
		doc.Parts = append(doc.Parts, part)
	}
	for k := rng.Intn(4); k > 0; k-- {
		doc.Tables = append(doc.Tables, table())
	}
	return doc
}

func BenchmarkWrite(b *testing.B) {
	rendertest.BenchmarkWrite(b, Write, testDocument())
}

// TestCoverTitleBalanced: a cover title that needs two lines puts the document's kind
// on a line of its own, and otherwise breaks into lines of even length, never leaving
// one character alone on the last line.
func TestCoverTitleBalanced(t *testing.T) {
	fonts, err := loadFaces()
	if err != nil {
		t.Fatal(err)
	}
	r := &renderer{faces: fonts, w: 210} // the cover is A4 portrait
	width := r.right() - r.left() - 20
	lines := r.balanced("2026年深圳市财政局（本级）部门预算", coverStyle, width)
	if len(lines) != 2 || lines[1].s != "部门预算" {
		t.Errorf("title with its kind: %q", texts(lines))
	}
	long := strings.Repeat("深圳市某某局", 5) + "年度工作报告附表"
	lines = r.balanced(long, coverStyle, width)
	plain := r.wrap(long, coverStyle, width, 0)
	if len(lines) != len(plain) {
		t.Fatalf("balanced title takes %d lines, plain wrapping %d", len(lines), len(plain))
	}
	first, last := []rune(lines[0].s), []rune(lines[len(lines)-1].s)
	if len(first)-len(last) > 2 {
		t.Errorf("uneven lines: %q", texts(lines))
	}
}

func texts(lines []line) []string {
	var out []string
	for _, l := range lines {
		out = append(out, l.s)
	}
	return out
}
