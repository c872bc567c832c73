package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"yusuan/check"
	"yusuan/classification"
	"yusuan/internal/browsertest"
	"yusuan/money"
	"yusuan/reader"
	"yusuan/store"
)

// bundled2026 holds the eight published Shenzhen 2026 department budgets the
// repository bundles for the demonstration portal.
const bundled2026 = "../demo/published/shenzhen-2026"

// publishedDocs are the bundled PDFs read and checked as yusuan import reads
// them, each keeping its file as published; read once, since reading 187 pages
// takes a while.
var publishedDocs = sync.OnceValues(func() ([]store.ImportDoc, error) {
	paths, err := filepath.Glob(filepath.Join(bundled2026, "*.pdf"))
	if err != nil {
		return nil, err
	}
	cat := classification.Default()
	var out []store.ImportDoc
	for _, p := range paths {
		doc, err := reader.ReadFile(p)
		if err != nil {
			return nil, err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, store.ImportDoc{Region: "深圳市", Source: filepath.Base(p), Disclosure: doc,
			Check: check.Run(doc, check.Options{Codes: cat}), Published: true,
			Originals: []store.Original{{OriginalInfo: store.OriginalInfo{Name: filepath.Base(p)}, Data: data}}})
	}
	return out, nil
})

// shenzhenPortal is a portal over the eight published budgets alone, with the
// ids of their documents and departments by department name.
type shenzhenPortal struct {
	srv          *httptest.Server
	docs, depts  map[string]int64
	sources      map[string]string // department → original file name
	allDeptQuery string            // d=…&d=… for the eight
}

func newShenzhenPortal(t *testing.T) *shenzhenPortal {
	t.Helper()
	if testing.Short() {
		t.Skip("reads eight PDFs; skipped with -short")
	}
	docs, err := publishedDocs()
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 8 {
		t.Fatalf("%d bundled PDFs, want 8", len(docs))
	}
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "yusuan.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := st.Import(ctx, store.ImportSet{Documents: docs})
	if err != nil {
		t.Fatal(err)
	}
	p := &shenzhenPortal{docs: map[string]int64{}, depts: map[string]int64{}, sources: map[string]string{}}
	var q []string
	for i, d := range res.Documents {
		dd, err := st.Document(ctx, d.DocumentID)
		if err != nil {
			t.Fatal(err)
		}
		p.docs[d.Department], p.depts[d.Department], p.sources[d.Department] = d.DocumentID, dd.DepartmentID, docs[i].Source
		q = append(q, "d="+id(dd.DepartmentID))
	}
	p.allDeptQuery = strings.Join(q, "&")
	p.srv = httptest.NewServer(New(st, Options{}))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *shenzhenPortal) get(t *testing.T, path string) (int, http.Header, []byte) {
	t.Helper()
	resp, err := p.srv.Client().Get(p.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return resp.StatusCode, resp.Header, b.Bytes()
}

// shenzhenDepartments are the eight departments the bundled PDFs import as.
var shenzhenDepartments = []string{"深圳市人民政府办公厅", "深圳市财政局", "深圳市公安局", "深圳市交通运输局",
	"深圳市水务局", "深圳市卫生健康委员会", "深圳市信访局", "中共深圳市委宣传部"}

// shenzhenTables are the 11 tables of the 2026 format, as each document page
// lists them.
var shenzhenTables = []string{"表1 收支总表", "表2 收入总表", "表3 支出总表", "表4 基本支出总表", "表5 项目支出总表",
	"表6 财政拨款收支总表", "表7 一般公共预算支出表（按功能分类）", "表8 一般公共预算支出表（按经济分类）",
	"表9 财政拨款“三公”经费支出表", "表10 政府性基金预算支出表", "表11 国有资本经营预算支出表"}

// TestPublishedRegion opens every kind of page of the eight published budgets
// as a visitor would: the region, each department and document with its 11
// tables and where it came from, the original PDF as published, the JSON and
// CSV, the API, and the comparisons of the eight by 三公 item, basic and project
// spending and functional class, with figures as the PDFs print them.
func TestPublishedRegion(t *testing.T) {
	p := newShenzhenPortal(t)
	_, _, home := p.get(t, "/")
	for _, name := range shenzhenDepartments {
		if !bytes.Contains(home, []byte(name)) {
			t.Errorf("home page does not list %s", name)
		}
	}
	if !bytes.Contains(home, []byte("据公开文件读取")) {
		t.Error("home page does not say its budgets were read from published files")
	}
	// The headline adds the eight 表7 total rows as printed (10,192.01 + 37,385.88 +
	// … + 149,200.90), not their 类 rows, which add up to 1,664,031.93.
	for _, want := range []string{">1,664,031.94<", ">260,330.54<", ">1,403,701.41<"} {
		if !bytes.Contains(home, []byte(want)) {
			t.Errorf("home page headline lacks %s", want)
		}
	}
	if _, _, region := p.get(t, "/region?region=深圳市&year=2026"); !bytes.Contains(region, []byte(">1,664,031.94<")) {
		t.Error("region page's total is not the printed totals' sum 1,664,031.94")
	}
	// The home page offers the comparisons of the eight, 三公 first.
	m := regexp.MustCompile(`href="(/compare/departments\?[^"]*table=san_gong[^"]*)"`).FindSubmatch(home)
	if m == nil {
		t.Fatal("home page offers no 三公 comparison of its departments")
	}
	link := strings.ReplaceAll(string(m[1]), "&amp;", "&")
	if code, _, body := p.get(t, link); code != http.StatusOK || !bytes.Contains(body, []byte(">469.17<")) || strings.Count(link, "d=") != 8 {
		t.Errorf("%s: %d, or not the eight departments' 三公", link, code)
	}
	for _, name := range shenzhenDepartments {
		docID, deptID := id(p.docs[name]), id(p.depts[name])
		if code, _, body := p.get(t, "/departments/"+deptID); code != http.StatusOK || !bytes.Contains(body, []byte("据公开文件读取")) {
			t.Errorf("%s: department page %d, or not labelled as read from a published file", name, code)
		}
		code, _, page := p.get(t, "/documents/"+docID)
		if code != http.StatusOK {
			t.Fatalf("%s: document page %d", name, code)
		}
		for _, want := range append([]string{"据公开文件读取", p.sources[name], "公开原文（PDF", `id="chart-functional"`,
			`id="chart-economic"`, `id="chart-basic"`, `id="chart-sangong"`}, shenzhenTables...) {
			if !bytes.Contains(page, []byte(want)) {
				t.Errorf("%s: document page lacks %s", name, want)
			}
		}
		// Nothing regenerated is offered for a published document: its original is.
		for _, format := range []string{"pdf", "xlsx", "html"} {
			if bytes.Contains(page, []byte("/download/"+format)) {
				t.Errorf("%s: offers a regenerated %s", name, format)
			}
		}
		code, h, orig := p.get(t, "/documents/"+docID+"/original/1")
		pdf, _ := os.ReadFile(filepath.Join(bundled2026, p.sources[name]))
		if code != http.StatusOK || h.Get("Content-Type") != "application/pdf" || !bytes.Equal(orig, pdf) ||
			!strings.Contains(h.Get("Content-Disposition"), p.sources[name]) {
			t.Errorf("%s: original %d %s, %d bytes of %d", name, code, h.Get("Content-Type"), len(orig), len(pdf))
		}
		if code, _, _ := p.get(t, "/documents/"+docID+"/original/2"); code != http.StatusNotFound {
			t.Errorf("%s: a second original answers %d", name, code)
		}
		for _, format := range []string{"json", "csv"} {
			if code, _, body := p.get(t, "/documents/"+docID+"/download/"+format); code != http.StatusOK || len(body) < 1000 {
				t.Errorf("%s: %s download %d, %d bytes", name, format, code, len(body))
			}
		}
		var api struct {
			Document struct {
				Current struct {
					Published bool
					Source    string
					Originals []struct{ Name, URL string }
				}
			}
		}
		_, _, body := p.get(t, "/api/documents/"+docID)
		if err := json.Unmarshal(body, &api); err != nil {
			t.Fatal(err)
		}
		c := api.Document.Current
		if !c.Published || c.Source != p.sources[name] || len(c.Originals) != 1 || c.Originals[0].URL != "/documents/"+docID+"/original/1" {
			t.Errorf("%s: API version %+v", name, c)
		}
	}
	// The 财政局's 收入总计 as its 表1 prints it, on its document page.
	_, _, page := p.get(t, "/documents/"+id(p.docs["深圳市财政局"]))
	if !regexp.MustCompile(`收入总计</th><td[^>]*>37,385.88<`).Match(page) {
		t.Error("财政局: 表1 收入总计 37,385.88 not shown")
	}
	// A department's totals are those its table prints, not its classes re-added:
	// the 水务局's 13 units' rounded 类 rows add up to 723,786.74 and 46,138.76.
	_, _, dept := p.get(t, "/departments/"+id(p.depts["深圳市水务局"]))
	for _, want := range []string{">723,786.76<", ">46,138.79<", ">677,647.97<"} {
		if !bytes.Contains(dept, []byte(want)) {
			t.Errorf("水务局 department page lacks %s", want)
		}
	}
	_, _, sw := p.get(t, "/documents/"+id(p.docs["深圳市水务局"]))
	if !bytes.Contains(sw, []byte(`"labels":["基本支出","项目支出"],"values":[46138.79,677647.97]`)) {
		t.Error("水务局 document: the basic and project chart is not the printed 46,138.79 and 677,647.97")
	}
	if code, _, body := p.get(t, "/region?region=深圳市&year=2026"); code != http.StatusOK || !bytes.Contains(body, []byte("农林水支出")) {
		t.Errorf("region page %d", code)
	}

	// 三公 by item: the 水务局's own 2026 total (469.17), not the sum of its blocks
	// with its units' (938.34); the 财政局's items of both years and the change.
	_, _, sg := p.get(t, "/compare/departments?"+p.allDeptQuery+"&year=2026&table=san_gong")
	for _, want := range []string{"“三公”经费合计", "因公出国（境）费", "公务接待费", "2025年预算数", "2026年预算数", "增减变化金额",
		">469.17<", ">382.64<", ">86.53<", ">58.46<", ">59.66<", ">-1.20<", ">41.60<", ">9.46<"} {
		if !bytes.Contains(sg, []byte(want)) {
			t.Errorf("三公 comparison lacks %s", want)
		}
	}
	if bytes.Contains(sg, []byte(">938.34<")) {
		t.Error("三公 comparison counts the 水务局's units twice")
	}
	// Basic and project spending and the functional classes, as the PDFs print
	// them: the 财政局's 201 and the 水务局's whole (its 13 units' 213 add up to
	// the 264,964.05 its 收支总表 prints).
	_, _, fn := p.get(t, "/compare/departments?"+p.allDeptQuery+"&year=2026&table=gp_functional")
	for _, want := range []string{">20,563.76<", ">6,487.76<", ">14,076.00<", ">723,786.76<", ">46,138.79<", ">677,647.97<", ">264,964.05<"} {
		if !bytes.Contains(fn, []byte(want)) {
			t.Errorf("functional comparison lacks %s", want)
		}
	}
}

// TestBrowserPublished opens the region of the eight published budgets, a
// document and the 三公 comparison of the eight departments in headless Chromium
// and reads the page as drawn: department names, a total of a 收支总表, the 三公
// total, and the charts drawn.
func TestBrowserPublished(t *testing.T) {
	chromium := browsertest.Chromium(t)
	p := newShenzhenPortal(t)
	base := p.srv.URL // a real listener on 127.0.0.1, which Chromium can open
	dir := t.TempDir()
	if keep := os.Getenv("YUSUAN_SCREENSHOTS"); keep != "" {
		dir = keep
	}
	pages := []struct {
		name, path string
		want       []string
		charts     []string
	}{
		{"shenzhen-home", "/", append([]string{"深圳市部门预算", "据公开文件读取"}, shenzhenDepartments...), []string{"chart-region"}},
		{"shenzhen-region", "/region?region=深圳市&year=2026", []string{"深圳市", "一般公共服务支出"}, []string{"chart-drill"}},
		{"shenzhen-document", "/documents/" + id(p.docs["深圳市财政局"]),
			[]string{"2026年深圳市财政局（本级）部门预算", "据公开文件读取", "shenzhen-caizheng-2026-dept-budget.pdf", "收入总计", "37,385.88", "58.46"},
			[]string{"chart-functional", "chart-economic", "chart-basic", "chart-sangong"}},
		{"shenzhen-compare", "/compare/departments?" + p.allDeptQuery + "&year=2026&table=san_gong",
			append([]string{"“三公”经费合计", "58.46", "469.17"}, shenzhenDepartments...), []string{"chart-departments"}},
	}
	for _, pg := range pages {
		t.Run(pg.name, func(t *testing.T) {
			dom := browsertest.Run(t, chromium, "--virtual-time-budget=3000", "--dump-dom", base+pg.path)
			for _, w := range pg.want {
				if !strings.Contains(dom, w) {
					t.Errorf("page does not show %s", w)
				}
			}
			for _, c := range pg.charts {
				re := regexp.MustCompile(`id="` + c + `"[^>]*>\s*<div[^>]*>\s*<canvas`)
				if !re.MatchString(dom) {
					t.Errorf("chart %s was not drawn", c)
				}
			}
			for _, size := range []struct{ name, size string }{{"desktop", "1280,1000"}, {"phone", "390,844"}} {
				out := filepath.Join(dir, pg.name+"-"+size.name+".png")
				browsertest.Run(t, chromium, "--virtual-time-budget=3000", "--hide-scrollbars", "--screenshot="+out, "--window-size="+size.size, base+pg.path)
				if img := browsertest.DecodePNG(t, out); browsertest.Blank(img, img.Bounds()) {
					t.Errorf("%s: screenshot is blank", size.name)
				}
			}
		})
	}
}

// TestTotalRow picks a functional table's printed total: its 合计 row, else a
// first row without a code (the department heading its units), else its 类
// rows summed.
func TestTotalRow(t *testing.T) {
	row := func(code, name string, total int64) *tableRow {
		return &tableRow{code: code, name: name, total: money.Amount(total)}
	}
	for _, c := range []struct {
		name string
		rows []*tableRow
		want int64
	}{
		{"合计 last", []*tableRow{row("201", "一般公共服务支出", 4), row("208", "社会保障和就业支出", 5), row("", "合 计", 10)}, 10},
		{"department first", []*tableRow{row("", "深圳市水务局", 11), row("", "深圳市水务局（本级）", 3), row("213", "农林水支出", 3)}, 11},
		{"no total row", []*tableRow{row("201", "一般公共服务支出", 4), row("20101", "人大事务", 4), row("208", "社会保障和就业支出", 5)}, 9},
		{"empty", nil, 0},
	} {
		if got := totalRow(c.rows).total; got != money.Amount(c.want) {
			t.Errorf("%s: total %d, want %d", c.name, got, c.want)
		}
	}
}

// TestSourceURL links a published document to the address it was published at,
// when the import knew it.
func TestSourceURL(t *testing.T) {
	fs, err := fixtures()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "yusuan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d := fs[0].imp
	d.Files = nil
	d.Published, d.SourceURL = true, "https://www.example.gov.cn/a?b=1&c=<2>"
	d.Originals = []store.Original{{OriginalInfo: store.OriginalInfo{Name: "原件.pdf"}, Data: []byte("%PDF")}}
	res, err := st.Import(context.Background(), store.ImportSet{Documents: []store.ImportDoc{d}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(New(st, Options{}))
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL + "/documents/" + id(res.Documents[0].DocumentID))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	for _, want := range []string{`原文发布地址：<a href="https://www.example.gov.cn/a?b=1&amp;c=%3c2%3e" rel="noopener noreferrer">`, "原件.pdf", "据公开文件读取"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("document page lacks %s", want)
		}
	}
}
