package html

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"yusuan/render/rendertest"

	xhtml "golang.org/x/net/html"

	"yusuan/disclosure"
)

func render(t testing.TB, doc *disclosure.Document) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, doc); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return b.String()
}

func parse(t *testing.T, s string) *xhtml.Node {
	t.Helper()
	n, err := xhtml.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return n
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// all returns the elements under n with the tag, in document order.
func all(n *xhtml.Node, tag string) []*xhtml.Node {
	var out []*xhtml.Node
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.Data == tag {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// section returns the <section> under root with the id, or nil.
func section(root *xhtml.Node, id string) *xhtml.Node {
	for _, s := range all(root, "section") {
		if attr(s, "id") == id {
			return s
		}
	}
	return nil
}

func text(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func TestPageShell(t *testing.T) {
	doc := rendertest.TestDoc()
	out := render(t, doc)
	root := parse(t, out)
	if h := all(root, "html"); len(h) != 1 || attr(h[0], "lang") != "zh-CN" {
		t.Errorf("want <html lang=zh-CN>")
	}
	if ti := all(root, "title"); len(ti) != 1 || text(ti[0]) != doc.Title {
		t.Errorf("title = %v, want %q", ti, doc.Title)
	}
	viewport := false
	for _, m := range all(root, "meta") {
		viewport = viewport || attr(m, "name") == "viewport"
	}
	if !viewport {
		t.Error("no meta viewport")
	}
	// Self-contained: nothing is fetched from anywhere.
	for _, tag := range []string{"link", "script", "img", "iframe"} {
		if n := all(root, tag); len(n) > 0 {
			t.Errorf("page has <%s>", tag)
		}
	}
	for _, bad := range []string{"http://", "https://", "@import", "url("} {
		if strings.Contains(out, bad) {
			t.Errorf("page refers to an outside resource: %q", bad)
		}
	}
	for _, want := range []string{"@media print", "@page", "size: A4", "@page wide", "page: wide", "display: table-header-group", "overflow-x: auto", "tabular-nums", `"Noto Sans CJK SC"`} {
		if !strings.Contains(out, want) {
			t.Errorf("CSS lacks %q", want)
		}
	}
}

func TestTableOfContents(t *testing.T) {
	root := parse(t, render(t, rendertest.TestDoc()))
	nav := all(root, "nav")
	if len(nav) != 1 {
		t.Fatalf("want one <nav>, got %d", len(nav))
	}
	var got []string
	for _, a := range all(nav[0], "a") {
		href := attr(a, "href")
		id := strings.TrimPrefix(href, "#")
		if section(root, id) == nil {
			t.Errorf("目录 link %s points nowhere", href)
		}
		got = append(got, text(a))
	}
	want := []string{"第一部分 部门概况", "第二部分 部门预算收支总体情况", "第七部分 重点项目预算绩效情况说明",
		"（一）收支总表", "（二）一般公共预算支出表（按功能分类）", "（三）财政拨款“三公”经费支出表", "（四）政府性基金预算支出表"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("目录 =\n%q\nwant\n%q", got, want)
	}
	navText := text(nav[0])
	for _, s := range []string{"一、文字部分", "二、表格部分"} {
		if !strings.Contains(navText, s) {
			t.Errorf("目录 lacks %s", s)
		}
	}
}

func TestNarrative(t *testing.T) {
	root := parse(t, render(t, rendertest.TestDoc()))
	part := section(root, "part-1")
	if part == nil {
		t.Fatal("no section part-1")
	}
	if h := all(part, "h2"); len(h) != 1 || text(h[0]) != "第一部分 部门概况" {
		t.Errorf("part heading wrong")
	}
	if h := all(part, "h3"); len(h) != 3 || text(h[0]) != "一、部门职责" {
		t.Errorf("want 3 section headings, got %d", len(h))
	}
	items := 0
	for _, p := range all(part, "p") {
		if attr(p, "class") == "item" {
			items++
		}
	}
	if items != 3 {
		t.Errorf("items = %d, want 3", items)
	}
	out := render(t, rendertest.TestDoc())
	for _, s := range []string{`<p class="note">备注：涉密项目按要求不予公开。</p>`, "2,426.71", "办公用房修缮与维护（通用项目）"} {
		if !strings.Contains(out, s) {
			t.Errorf("narrative lacks %q", s)
		}
	}
}

func TestTables(t *testing.T) {
	doc := rendertest.TestDoc()
	root := parse(t, render(t, doc))
	tables := all(root, "table")
	if len(tables) != len(doc.Tables)+1 { // +1 for the table in part 7
		t.Fatalf("tables = %d, want %d", len(tables), len(doc.Tables)+1)
	}
	for i, tb := range tables {
		if len(all(tb, "thead")) != 1 || len(all(tb, "tbody")) != 1 {
			t.Errorf("table %d: want one thead and one tbody", i)
		}
		for _, th := range all(all(tb, "thead")[0], "th") {
			if s := attr(th, "scope"); s != "col" && s != "colgroup" {
				t.Errorf("table %d: header %q has scope %q", i, text(th), s)
			}
		}
		empty := strings.Contains(text(tb), "（本表无数据）")
		if !empty && len(all(all(tb, "tbody")[0], "th")) == 0 {
			t.Errorf("table %d: no row headers", i)
		}
	}
	out := render(t, doc)
	for _, s := range []string{
		`<p class="label">表1</p>`, `>收支总表</h2>`, `部门名称：` + rendertest.Entity, `单位：万元`, `单位名称：` + rendertest.Entity,
		`class="num">6,762.91</td>`, `class="num">-18.00</td>`,
		`class="ind2"`, `注：本部门无政府性基金预算支出，故本表为空表。`, `（本表无数据）`,
		`本套报表金额单位转换时可能存在尾数误差。`,
	} {
		if !strings.Contains(out, s) {
			t.Errorf("page lacks %s", s)
		}
	}
	for _, th := range all(root, "th") {
		if text(th) == "本年收入合计" {
			if attr(th, "scope") != "row" || attr(th.Parent, "class") != "total" {
				t.Errorf("本年收入合计 should head a total row")
			}
			if td := th.NextSibling; td == nil || attr(td, "class") != "num" || text(td) != "6,762.91" {
				t.Errorf("本年收入合计 amount cell wrong")
			}
		}
	}
	// Rounding is the table's: 4361.74 万元 + 98 元 prints 4,361.75; + 49 元 prints 4,361.74.
	if !strings.Contains(out, ">4,361.75<") || !strings.Contains(out, ">6,471.74<") {
		t.Error("amounts not rounded half up from the exact value")
	}
}

func TestMergedHeaders(t *testing.T) {
	doc := rendertest.TestDoc()
	root := parse(t, render(t, doc))
	sec := section(root, "table-3")
	if sec == nil {
		t.Fatal("no table-3")
	}
	if !strings.Contains(attr(sec, "class"), "wide") {
		t.Error("a Wide table's section lacks class wide")
	}
	rows := all(all(sec, "thead")[0], "tr")
	if len(rows) != 3 {
		t.Fatalf("header rows = %d, want 3", len(rows))
	}
	type span struct{ text, cs, rs, scope string }
	var got []span
	for _, th := range all(rows[0], "th") {
		got = append(got, span{text(th), attr(th, "colspan"), attr(th, "rowspan"), attr(th, "scope")})
	}
	want := []span{
		{"预算单位", "", "3", "col"}, {"年度", "", "3", "col"}, {"总计", "3", "2", "colgroup"},
		{"因公出国（境）费", "3", "2", "colgroup"}, {"公务接待费", "3", "2", "colgroup"}, {"公务用车购置及运行维护费", "9", "", "colgroup"},
	}
	if len(got) != len(want) {
		t.Fatalf("first header row = %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("header cell %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if n := len(all(rows[2], "th")); n != 18 {
		t.Errorf("leaf headers = %d, want 18", n)
	}
	// Every body cell names its headers, and every named id exists.
	ids := map[string]string{}
	for _, th := range all(sec, "th") {
		if id := attr(th, "id"); id != "" {
			ids[id] = text(th)
		}
	}
	body := all(sec, "tbody")[0]
	for _, td := range all(body, "td") {
		h := attr(td, "headers")
		if h == "" {
			t.Errorf("cell %q has no headers", text(td))
			continue
		}
		for _, id := range strings.Fields(h) {
			if _, ok := ids[id]; !ok {
				t.Errorf("cell %q names missing header %s", text(td), id)
			}
		}
	}
	// The 2024 公务用车运行维护费 国有资本经营预算 cell sits under its three headers, its
	// unit and its year.
	second := all(body, "tr")[1]
	cells := all(second, "td")
	last := cells[len(cells)-1]
	var names []string
	for _, id := range strings.Fields(attr(last, "headers")) {
		names = append(names, ids[id])
	}
	if got, want := strings.Join(names, "/"), "公务用车购置及运行维护费/公务用车运行维护费/国有资本经营预算/深圳市龙岗区政务服务数据管理局（本级）/2024年"; got != want {
		t.Errorf("last cell headers = %s, want %s", got, want)
	}
	if th := all(body, "th"); len(th) == 0 || attr(th[0], "scope") != "rowgroup" || attr(th[0], "rowspan") != "3" {
		t.Errorf("the unit cell spanning three rows should be <th scope=rowgroup rowspan=3>")
	}
}

func TestEscaping(t *testing.T) {
	doc := rendertest.TestDoc()
	doc.Title = `<script>alert("t")</script>`
	doc.Parts[0].Blocks = append(doc.Parts[0].Blocks, disclosure.Block{Kind: disclosure.Paragraph, Text: `项目<script>alert(1)</script>`})
	doc.Tables[0].Rows[0].Cells[0].Text = `<img src=x onerror=alert(2)>`
	doc.Tables[0].Entity = `"><script>alert(3)</script>`
	doc.Tables[0].Notes = []string{`</style><script>alert(4)</script>`}
	out := render(t, doc)
	if strings.Contains(strings.ToLower(out), "<script") || strings.Contains(out, "<img") {
		t.Fatalf("user text is not escaped:\n%s", out)
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;"} {
		if !strings.Contains(out, want) {
			t.Errorf("want escaped %s", want)
		}
	}
}

func TestOddDocuments(t *testing.T) {
	if err := Write(&bytes.Buffer{}, nil); err != nil {
		t.Errorf("nil document: %v", err)
	}
	for name, doc := range rendertest.OddDocs() {
		t.Run(name, func(t *testing.T) {
			out := render(t, doc)
			root := parse(t, out)
			for _, tb := range all(root, "table") {
				cols := len(all(tb, "col"))
				for _, c := range append(all(tb, "td"), all(tb, "th")...) {
					if cs := attr(c, "colspan"); cs != "" && len(cs) > 3 {
						t.Errorf("colspan %s escapes the grid of %d columns", cs, cols)
					}
				}
			}
		})
	}
}

func TestWriteError(t *testing.T) {
	rendertest.WriteError(t, Write, "写出网页失败：")
}

// TestShenzhen renders a Shenzhen-sized document; its speed is BenchmarkWrite's.
func TestShenzhen(t *testing.T) {
	out := render(t, rendertest.ShenzhenDoc())
	if n := strings.Count(out, `<section class="sheet`); n != 12 {
		t.Errorf("table sections = %d, want 12", n)
	}
}

func BenchmarkWrite(b *testing.B) {
	rendertest.BenchmarkWrite(b, Write, rendertest.ShenzhenDoc())
}

// writeSample leaves the Shenzhen-sized page in dir, for the browser test and for a
// person to look at.
func writeSample(t *testing.T, dir string) string {
	t.Helper()
	return writeFile(t, filepath.Join(dir, "doc.html"), render(t, rendertest.ShenzhenDoc()))
}

func writeFile(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
