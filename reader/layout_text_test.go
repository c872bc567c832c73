package reader_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"yusuan/disclosure"
	"yusuan/reader"
)

// printedCells is a row as printed: its cells' texts and printed amounts, "|"
// between them.
func printedCells(r disclosure.Row) string {
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

// TestLayoutTextRows reads rows of the corpus's layout text (pdftotext -layout)
// that layout text once read otherwise than the PDF, each as the PDF prints it.
func TestLayoutTextRows(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skip("the shared corpus is not next to the repository")
	}
	cases := []struct {
		file  string
		table int
		start string // the row's first cells, as printedCells prints them
		want  string
	}{
		// A name centred on its row over two lines: the line between a named row
		// and a row printing only its code belongs to the latter.
		{"shenzhen-2026/shenzhen-caizheng-2026-dept-budget.txt", 3, "|2080501|", "|2080501|行政单位离退休|477.81|477.81|"},
		{"shenzhen-2026/shenzhen-caizheng-2026-dept-budget.txt", 3, "|2080505|", "|2080505|机关事业单位基本养老保险缴费支出|626.55|626.55|"},
		// Amounts squeezed under the other side's 项目 on a short page.
		{"shenzhen-2026/shenzhen-gongan-2026-dept-budget.txt", 1, "2.非财政拨款结余、结转|", "2.非财政拨款结余、结转|268.37||"},
		{"shenzhen-2026/shenzhen-gongan-2026-dept-budget.txt", 1, "收入总计|", "收入总计|204,397.58|支出总计|204,397.58"},
		// The column-number line (** 1 2 3) is not the first row's name.
		{"other/hangzhou-qixiang-2026-dept-budget.txt", 5, "合计|", "合计|5,753.07|3,745.07|"},
		// A short amount set flush right in its column.
		{"other/shanghai-caikuai-zhongxin-2026-unit-budget.txt", 3, "208|05|99|", "208|05|99|其他行政事业单位养老支出|1,200|1,200|"},
		// A line of balance rows' labels without amounts is a row of its own,
		// not the end of the names of the row above (本年收入合计使用非财政拨款结余).
		{"other/central-guojia-xinfangju-2026-dept-budget.txt", 1, "本年收入合计|", "本年收入合计|48,362.82|本年支出合计|50,616.94"},
		{"other/central-guojia-xinfangju-2026-dept-budget.txt", 1, "使用非财政拨款结余|", "使用非财政拨款结余||结转下年|"},
		// A header wrapped within narrow columns, each cell's next line shifted
		// right (政府性基金 / 预算, 国有资本经 / 营预算): twelve columns of amounts,
		// not fifteen with 一般公共预算's 959.90 under 政府性基金.
		{"other/guangzhou-bangongting-2026-dept-budget.txt", 2, "广州市政府政务信息系统管理中心|", "广州市政府政务信息系统管理中心|959.90|959.90|0.00|0.00|0.00|0.00|0.00|0.00|0.00|0.00|0.00|0.00"},
		// Figures in a target's text wrapped under its row (19.53 公里…, 22.45
		// 公里）) are text: the row's name reads whole. 0 is the table set in the
		// narrative (重点项目).
		{"shenzhen-2026/shenzhen-shuiwu-2026-dept-budget.txt", 0, "深圳市北部水源工程管理处|水务工程运行与维护|", "深圳市北部水源工程管理处|水务工程运行与维护|2,847.87|"},
		{"shenzhen-2026/shenzhen-shuiwu-2026-dept-budget.txt", 0, "深圳市龙岗河坪山河流域管理中心|水务工程运行与维护|", "深圳市龙岗河坪山河流域管理中心|水务工程运行与维护|11,212.99|"},
		// A page that goes on without the header squeezes the columns otherwise
		// than the page that printed it: its columns of amounts are laid, in
		// order, onto the columns the first page filled (表3: 合计 基本 项目
		// ending at 36 48 60, then at 42 54 66; 表6: 52 69 84, then 39 50 61).
		{"other/central-guojia-xinfangju-2026-dept-budget.txt", 3, "20805|", "20805|行政事业单位养老支出|2,208.19|2,208.19||"},
		{"other/central-guojia-xinfangju-2026-dept-budget.txt", 3, "|合计|", "|合计|50,616.94|11,056.07|39,560.87|||"},
		{"other/central-guojia-xinfangju-2026-dept-budget.txt", 6, "30212|", "30212|因公出国（境）费用|30.36||30.36"},
		{"other/central-guojia-xinfangju-2026-dept-budget.txt", 6, "|合计|", "|合计|9,880.88|7,504.62|2,376.26"},
		// A column that fills late goes by where its amounts end, offset from
		// its header's centre as the columns already filled are (30201 办公费
		// is 合计 and 公用经费, not 人员经费 and 公用经费).
		{"other/central-guojia-xinfangju-2026-dept-budget.txt", 6, "30201|", "30201|办公费|93.70||93.70"},
	}
	docs := map[string]*disclosure.Document{}
	for _, c := range cases {
		doc := docs[c.file]
		if doc == nil {
			var err error
			if doc, err = reader.ReadFile(filepath.Join(corpusDir, c.file)); err != nil {
				t.Fatal(err)
			}
			docs[c.file] = doc
		}
		var got []string
		tables := doc.Tables
		for _, p := range doc.Parts {
			for _, b := range p.Blocks {
				if b.Table != nil {
					tables = append(tables, b.Table)
				}
			}
		}
		for _, tb := range tables {
			if tb.Number != c.table {
				continue
			}
			for _, r := range tb.Rows {
				if p := printedCells(r); strings.HasPrefix(p, c.start) {
					got = append(got, p)
				}
			}
		}
		ok := false
		for _, g := range got {
			if strings.HasPrefix(g, c.want) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%s 表%d: row %q reads %q, want it to begin %q", c.file, c.table, c.start, got, c.want)
		}
	}
}

// TestLayoutTextHeaders reads headers of the corpus's layout text that layout
// text once read otherwise than the PDF: each column must mean what it means in
// the PDF.
func TestLayoutTextHeaders(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skip("the shared corpus is not next to the repository")
	}
	cases := []struct {
		file  string // without its extension
		table int
	}{
		// Cells wrapped within narrow columns, their next lines shifted right
		// (政府性基金 / 预算 under 国有资本经).
		{"other/guangzhou-bangongting-2026-dept-budget", 2},
		// 本年支出 set a dozen characters left of the 支出 side's centre.
		{"other/shanghai-caikuai-zhongxin-2026-unit-budget", 1},
		// 上年结转结余 set right of its centre, its 小计 left alone.
		{"other/beijing-sifaju-2026-dept-budget-tables", 2},
		// A cell of wide characters centred under a line of narrow ones
		// (2025 年执行数 / （扣除中央基建投资）), its lines interleaved with
		// its neighbour's.
		{"other/central-guojia-xinfangju-2026-dept-budget", 5},
	}
	keys := func(file string, number int) []string {
		doc, err := reader.ReadFile(filepath.Join(corpusDir, file))
		if err != nil {
			t.Fatal(err)
		}
		for _, tb := range doc.Tables {
			if tb.Number == number {
				var ks []string
				for _, c := range tb.Columns {
					ks = append(ks, c.Key)
				}
				return ks
			}
		}
		t.Fatalf("%s: no 表%d", file, number)
		return nil
	}
	for _, c := range cases {
		want := keys(c.file+".pdf", c.table)
		got := keys(c.file+".txt", c.table)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s 表%d: columns %v, want the PDF's %v", c.file, c.table, got, want)
		}
	}
}

// TestLayoutTextMergedRows marks unread a table whose last lines layout text
// runs together (本年收入合计 … / 上年结转结余 379.264822 …, two amounts in one
// cell) rather than check it, while the PDF reads it whole.
func TestLayoutTextMergedRows(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skip("the shared corpus is not next to the repository")
	}
	const file = "other/beijing-sifaju-2026-dept-budget-tables"
	for ext, unread := range map[string]bool{".txt": true, ".pdf": false} {
		doc, err := reader.ReadFile(filepath.Join(corpusDir, file+ext))
		if err != nil {
			t.Fatal(err)
		}
		for _, tb := range doc.Tables {
			if tb.Number == 1 && (tb.Unread != "") != unread {
				t.Errorf("%s%s 表1: unread %q, want unread %v", file, ext, tb.Unread, unread)
			}
		}
	}
}

// TestLayoutTextSanGong reads each Shenzhen 2026 表9 (财政拨款“三公”经费支出表)
// from its layout text as from its PDF. Its eighteen narrow fund columns repeat
// 一般公共预算 政府性基金预算 国有资本经营预算 under each parent, and the parents
// stand on three lines (总计 centred over two header rows beside 公务用车购置及运行
// 维护费 over 小计): every parent must cover its own three columns, not reach,
// centred still, over a neighbour's outer ones.
func TestLayoutTextSanGong(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skip("the shared corpus is not next to the repository")
	}
	if testing.Short() {
		t.Skip("reads eight PDFs")
	}
	files, err := filepath.Glob(filepath.Join(corpusDir, "shenzhen-2026", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Shenzhen 2026 layout text: %v", err)
	}
	sanGong := func(t *testing.T, path string) *disclosure.Table {
		t.Helper()
		doc, err := reader.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, tb := range doc.Tables {
			if tb.Kind == disclosure.SanGongTable {
				return tb
			}
		}
		t.Fatalf("%s: no 三公 table", path)
		return nil
	}
	for _, txt := range files {
		name := strings.TrimSuffix(filepath.Base(txt), ".txt")
		t.Run(name, func(t *testing.T) {
			got := sanGong(t, txt)
			want := sanGong(t, strings.TrimSuffix(txt, ".txt")+".pdf")
			if got.Unread != "" {
				t.Errorf("表%d unread: %s", got.Number, got.Unread)
			}
			if len(got.Columns) != 20 {
				t.Errorf("表%d: %d columns, want 20", got.Number, len(got.Columns))
			}
			var gk, wk []string
			for _, c := range got.Columns {
				gk = append(gk, c.Key)
			}
			for _, c := range want.Columns {
				wk = append(wk, c.Key)
			}
			if strings.Join(gk, " ") != strings.Join(wk, " ") {
				t.Errorf("表%d: columns %v, want the PDF's %v", got.Number, gk, wk)
			}
			// Every row's year and amounts as the PDF's. (A unit's name wrapped
			// over two lines, centred on its three rows, may still lie a row
			// off in layout text: 深圳河湾流域管理中心（深圳市 / 治理深圳河办公室）.)
			amounts := func(tb *disclosure.Table) string {
				var b strings.Builder
				for _, r := range tb.Rows {
					rest := r
					if len(rest.Cells) > 0 {
						rest.Cells = rest.Cells[1:]
					}
					b.WriteString(printedCells(rest) + "\n")
				}
				return b.String()
			}
			if g, w := amounts(got), amounts(want); g != w {
				t.Errorf("表%d reads differently from the PDF\ntext:\n%s\nPDF:\n%s", got.Number, g, w)
			}
		})
	}
}
