package main

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/store"
)

const (
	seedText  = "../../profile/shenzhen/testdata/seed-longgang-2024.txt"
	putuoText = "../../reader/testdata/putuo-shangwuwei-2025-dept-budget.txt"
)

func openDB(t *testing.T, path string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestImportCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "portal.db")
	code, out, errs := runCLI(t, "import", "--db", db, example, seedText, putuoText)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"已导入 3 份公开文件", "第 2 版，替换第 1 版", "上海市普陀区商务委员会", "3 个文件", "4 个错误", "新增 2 份，更新 1 份"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	s := openDB(t, db)
	ctx := context.Background()
	depts, err := s.Departments(ctx, "深圳市龙岗区")
	if err != nil || len(depts) != 1 || depts[0].Code != "355" {
		t.Fatalf("departments = %+v, %v", depts, err)
	}
	docs, err := s.Documents(ctx, depts[0].ID)
	if err != nil || len(docs) != 1 {
		t.Fatalf("documents = %+v, %v", docs, err)
	}
	dd, err := s.Document(ctx, docs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	// The budget's version carries its rendered files; the published text has none.
	first := dd.History[len(dd.History)-1]
	if strings.Join(first.Formats, ",") != "html,pdf,xlsx" || len(dd.Current.Formats) != 0 || dd.Current.Source != filepath.Base(seedText) {
		t.Errorf("versions: first %+v, current %+v", first, dd.Current)
	}
	pdf, err := s.File(ctx, first.ID, "pdf")
	if err != nil || !strings.HasPrefix(string(pdf.Data), "%PDF") || !strings.HasSuffix(pdf.Name, "部门预算.pdf") {
		t.Errorf("pdf file: %v", err)
	}
}

func TestImportFailureLeavesDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "portal.db")
	if code, _, errs := runCLI(t, "import", "--db", db, putuoText); code != exitOK {
		t.Fatalf("first import: exit %d: %s", code, errs)
	}
	broken := filepath.Join(t.TempDir(), "坏文件.txt")
	if err := os.WriteFile(broken, []byte("这不是公开文件\t\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, files := range [][]string{
		{example, broken},
		{example, filepath.Join(t.TempDir(), "没有这个文件.pdf")},
		{seedText, "budget.docx"},
	} {
		code, out, errs := runCLI(t, append([]string{"import", "--db", db}, files...)...)
		if code != exitUnreadable || out != "" || !strings.Contains(errs, "导入失败，数据库未作任何改动") || !strings.Contains(errs, filepath.Base(files[1])) {
			t.Errorf("import %v: exit %d\n%s%s", files, code, out, errs)
		}
	}
	s := openDB(t, db)
	years, err := s.Years(context.Background())
	if err != nil || len(years) != 1 || years[0] != 2025 {
		t.Errorf("years after failed imports = %v, %v; want only 2025", years, err)
	}
	regions, _ := s.Regions(context.Background())
	if len(regions) != 1 {
		t.Errorf("regions after failed imports = %+v", regions)
	}
}

func TestImportDatabaseFromEnvironment(t *testing.T) {
	db := filepath.Join(t.TempDir(), "env.db")
	t.Setenv("YUSUAN_DB", db)
	if code, _, errs := runCLI(t, "import", "--synthetic", example); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	depts, err := openDB(t, db).Departments(context.Background(), "")
	if err != nil || len(depts) != 1 || !depts[0].Synthetic {
		t.Errorf("departments = %+v, %v; want one synthetic", depts, err)
	}
}

func TestImportUsage(t *testing.T) {
	if code, _, errs := runCLI(t, "import"); code != exitUsage || !strings.Contains(errs, "需要至少一个") {
		t.Errorf("no files: exit %d\n%s", code, errs)
	}
	code, out, _ := runCLI(t, "help", "import")
	if code != exitOK || !strings.Contains(out, "YUSUAN_DB") {
		t.Errorf("help import: exit %d\n%s", code, out)
	}
}

func TestRegionOf(t *testing.T) {
	for name, want := range map[string]string{
		"深圳市龙岗区政务服务数据管理局":     "深圳市龙岗区",
		"上海市普陀区商务委员会":         "上海市普陀区",
		"上海市普陀区人民政府万里街道办事处":   "上海市普陀区",
		"深圳市城市管理和综合执法局":       "深圳市",
		"深圳市市场监督管理局":          "深圳市",
		"广东省财政厅":              "广东省",
		"广东省深圳市南山区教育局":        "广东省深圳市南山区",
		"上海市浦东新区发展和改革委员会":     "上海市浦东新区",
		"某某县测试部门局":            "某某县",
		"新疆维吾尔自治区乌鲁木齐市天山区财政局": "新疆维吾尔自治区乌鲁木齐市天山区",
		"黔东南苗族侗族自治州财政局":       "黔东南苗族侗族自治州",
		"深圳市信访局":              "深圳市",
		"中共深圳市委宣传部（本级）":       "深圳市",
		"中共江苏省委办公厅":           "江苏省",
		"江苏省人民检察院":            "江苏省",
		"九三学社深圳市委员会":          "深圳市",
		"中国人民政治协商会议深圳市委员会办公厅": "深圳市",
		"中共中央办公厅":             "",
		"国家税务总局":              "",
		"":                    "",
	} {
		if got := regionOf(name); got != want {
			t.Errorf("regionOf(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestDocumentRegion(t *testing.T) {
	for _, tc := range []struct{ dept, title, want string }{
		{"深圳市信访局", "2026年深圳市信访局部门预算", "深圳市"},
		{"上海市普陀区商务委员会", "上海市普陀区2025年区级部门预算", "上海市普陀区"},
		{"上海市普陀区XX局", "上海市普陀区2026年区级部门预算", "上海市普陀区"},
		{"财政局", "上海市普陀区2026年区级部门预算", "上海市普陀区"},
		{"国家信访局", "国家信访局2026年度部门预算", "中央"},
		{"外交部", "", "中央"},
		{"区财政局", "2026年区财政局部门预算", ""},
		{"", "", ""},
	} {
		doc := &disclosure.Document{Department: tc.dept, Title: tc.title}
		if got := documentRegion(doc); got != tc.want {
			t.Errorf("documentRegion(%q, %q) = %q, want %q", tc.dept, tc.title, got, tc.want)
		}
	}
}

func TestOneForm(t *testing.T) {
	files := []string{"a/x.pdf", "a/x.txt", "a/y.TXT", "a/y.xlsx", "a/z.txt", "b/x.txt", "b/w.xlsx", "b/w.PDF"}
	got, skipped := oneForm(files)
	want := []string{"a/x.pdf", "a/y.xlsx", "a/z.txt", "b/x.txt", "b/w.PDF"}
	if !slices.Equal(got, want) || skipped != 3 {
		t.Errorf("oneForm = %q, %d skipped; want %q, 3", got, skipped, want)
	}
}

// TestImportDirectory: a directory stands for the published files in it, as
// yusuan check finds them; a narrative and its tables published as two files
// are one document, and either alone is refused.
func TestImportDirectory(t *testing.T) {
	db := filepath.Join(t.TempDir(), "portal.db")
	dir := corpusDir(t)
	code, out, errs := runCLI(t, "import", "--db", db, dir)
	if code != exitOK || !strings.Contains(out, "已导入 2 份公开文件") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	regions, err := openDB(t, db).Regions(context.Background())
	if err != nil || len(regions) != 2 || regions[0].Name != "上海市普陀区" || regions[1].Name != "深圳市龙岗区" {
		t.Errorf("regions = %+v, %v", regions, err)
	}

	empty := t.TempDir()
	if code, _, errs := runCLI(t, "import", "--db", db, empty); code != exitUnreadable || !strings.Contains(errs, "既没有预算数据") {
		t.Errorf("empty directory: exit %d\n%s", code, errs)
	}

	halvesDir := t.TempDir()
	narrative, tables := halves(t, halvesDir)
	code, out, errs = runCLI(t, "import", "--db", db, tables)
	if code == exitOK || !strings.Contains(errs, "只有表格") || !strings.Contains(errs, tables) {
		if strings.Contains(out, "已导入") {
			t.Skipf("the reader does not read the seed's tables alone as a half:\n%s", out)
		}
		t.Errorf("tables alone: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = runCLI(t, "import", "--db", db, halvesDir)
	if code != exitOK || !strings.Contains(out, "已导入 1 份公开文件") {
		t.Fatalf("halves: exit %d\n%s%s", code, out, errs)
	}
	depts, err := openDB(t, db).Departments(context.Background(), "深圳市龙岗区")
	if err != nil || len(depts) != 1 {
		t.Fatalf("departments = %+v, %v", depts, err)
	}
	docs, err := openDB(t, db).Documents(context.Background(), depts[0].ID)
	if want := filepath.Base(narrative) + " + " + filepath.Base(tables); err != nil || len(docs) != 1 || docs[0].Current.Source != want {
		t.Errorf("documents = %+v, %v; want the current version from %s", docs, err, want)
	}
}

// shenzhen2026 holds the eight Shenzhen city department budgets of 2026 in the
// shared corpus, next to the repository: each PDF with its text. bundled2026
// holds the same PDFs as the repository bundles them for the demonstration.
const (
	shenzhen2026 = "../../../shared/corpus/shenzhen-2026"
	bundled2026  = "../../demo/published/shenzhen-2026"
)

// TestImportShenzhen2026 imports the bundled PDFs as a user would: eight
// documents of 深圳市 for 2026, each keeping its PDF as published, every table
// with its cells under their column keys, a few cells as printed, and, when the
// corpus is beside the repository, the totals of each 收支总表 as its text prints
// them.
func TestImportShenzhen2026(t *testing.T) {
	if testing.Short() {
		t.Skip("reads eight PDFs; skipped with -short")
	}
	texts, _ := filepath.Glob(filepath.Join(shenzhen2026, "*.txt"))
	db := filepath.Join(t.TempDir(), "portal.db")
	code, out, errs := runCLI(t, "import", "--db", db, bundled2026)
	if code != exitOK || !strings.Contains(out, "已导入 8 份公开文件") || !strings.Contains(out, "新增 8 份，更新 0 份") || strings.Count(out, "保存公开原文 1 个") != 8 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	s := openDB(t, db)
	ctx := context.Background()
	regions, err := s.Regions(ctx)
	if err != nil || len(regions) != 1 || regions[0].Name != "深圳市" {
		t.Fatalf("regions = %+v, %v; want 深圳市 alone", regions, err)
	}
	depts, err := s.Departments(ctx, "深圳市")
	if err != nil || len(depts) != 8 {
		t.Fatalf("departments = %+v, %v; want 8", depts, err)
	}
	var names []string
	for _, d := range depts {
		names = append(names, d.Name)
	}
	slices.Sort(names)
	wantNames := []string{"中共深圳市委宣传部", "深圳市交通运输局", "深圳市人民政府办公厅", "深圳市信访局", "深圳市公安局",
		"深圳市卫生健康委员会", "深圳市水务局", "深圳市财政局"}
	slices.Sort(wantNames)
	if !slices.Equal(names, wantNames) {
		t.Errorf("departments %v, want %v", names, wantNames)
	}
	// Cells as the PDFs print them (万元): 表1 收入总计 of 财政局, the 水务局's
	// 收入总表 of the department and its 13 units, and its 2026 三公 total, which
	// is the department's own row and not the sum of its units'.
	known := []struct {
		dept         string
		table        int
		row          int // 1-based; 0 for any row named name
		name, column string
		amount       string
	}{
		{"深圳市财政局", 1, 0, "收入总计", "income", "37,385.88"},
		{"深圳市财政局", 9, 2, "2026 年", "total.general", "58.46"},
		{"深圳市水务局", 2, 1, "深圳市水务局", "general", ""},
		{"深圳市水务局", 2, 14, "深圳市智慧水务综合指挥调度和保障中心", "unit", ""},
		{"深圳市水务局", 9, 2, "2026 年", "total.general", "469.17"},
		{"深圳市水务局", 7, 1, "深圳市水务局", "total", "723,786.76"},
		{"深圳市信访局", 7, 1, "深圳市信访局", "total", "4,684.30"},
	}
	for _, k := range known {
		var dept store.Department
		for _, d := range depts {
			if d.Name == k.dept {
				dept = d
			}
		}
		found := false
		err := s.Cells(ctx, store.CellFilter{DepartmentID: dept.ID, TableNumber: k.table, Limit: store.MaxCells}, func(c store.Cell) error {
			if (k.row == 0 || c.Row == k.row) && c.Name == k.name && (k.amount == "" || c.Column == k.column) {
				found = true
				if k.amount != "" && c.Amount.Wan() != k.amount {
					t.Errorf("%s 表%d %s %s = %s, printed %s", k.dept, k.table, k.name, k.column, c.Amount.Wan(), k.amount)
				}
			}
			return nil
		})
		if err != nil || !found {
			t.Errorf("%s 表%d: no cell of row %d %s (%v)", k.dept, k.table, k.row, k.name, err)
		}
	}
	// The totals a reader sees on the 收支总表 of the text beside each PDF.
	printed := func(text, label string) money.Amount {
		m := regexp.MustCompile(`(?m)^\s*` + label + `\s+([\d,]+\.\d\d)`).FindStringSubmatch(text)
		if m == nil {
			t.Fatalf("no %s in the text", label)
		}
		a, err := money.Parse(m[1], money.UnitWan)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	for _, d := range depts {
		docs, err := s.Documents(ctx, d.ID)
		if err != nil || len(docs) != 1 {
			t.Fatalf("%s: documents = %+v, %v", d.Name, docs, err)
		}
		doc := docs[0]
		if doc.Year != 2026 || doc.Kind != store.DepartmentBudget || !strings.HasSuffix(doc.Current.Source, ".pdf") {
			t.Errorf("%s: %d %s from %s; want a 2026 部门预算 from its PDF", d.Name, doc.Year, doc.Kind, doc.Current.Source)
		}
		dd, err := s.Document(ctx, doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The original is kept byte for byte, and nothing is rendered from what was read.
		if !dd.Current.Published || len(dd.Current.Originals) != 1 || dd.Current.Originals[0].Name != doc.Current.Source || len(dd.Current.Formats) != 0 {
			t.Errorf("%s: published %v, originals %+v, formats %v; want its PDF alone", d.Name, dd.Current.Published, dd.Current.Originals, dd.Current.Formats)
		} else {
			orig, err := s.Original(ctx, dd.Current.ID, 1)
			pdf, _ := os.ReadFile(filepath.Join(bundled2026, doc.Current.Source))
			if err != nil || !bytes.Equal(orig.Data, pdf) || orig.ContentType() != "application/pdf" {
				t.Errorf("%s: original %d bytes (%v), the PDF has %d", d.Name, len(orig.Data), err, len(pdf))
			}
		}
		read := dd.Version.Disclosure
		if len(read.Tables) != 11 {
			t.Errorf("%s: %d tables read, want the 11 of the format", d.Name, len(read.Tables))
		}
		// Every amount the reader read is a stored cell of its table, under a column key.
		want := map[int]int{}
		for _, tb := range read.Tables {
			for _, r := range tb.Rows {
				for _, c := range r.Cells {
					if c.Amount != nil {
						want[tb.Number]++
					}
				}
			}
		}
		got := map[int]int{}
		totals := map[string]money.Amount{}
		err = s.Cells(ctx, store.CellFilter{DocumentID: doc.ID, Limit: store.MaxCells}, func(c store.Cell) error {
			if c.TableNumber == 0 {
				return nil // a table set in the narrative
			}
			got[c.TableNumber]++
			if c.Column == "" {
				t.Errorf("%s: 表%d row %d column %d has no column key", d.Name, c.TableNumber, c.Row, c.Col)
			}
			if c.TableNumber == 1 && c.Column == "income" {
				totals[c.Name] = c.Amount
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(got, want) {
			t.Errorf("%s: stored cells by table %v, read %v", d.Name, got, want)
		}
		if len(texts) != 8 {
			continue // the corpus's text is not beside the repository
		}
		data, err := os.ReadFile(filepath.Join(shenzhen2026, strings.TrimSuffix(doc.Current.Source, ".pdf")+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		for _, label := range []string{"本年收入合计", "收入总计"} {
			if got, want := totals[label], printed(string(data), label); got != want {
				t.Errorf("%s: 表1 %s = %s, printed %s", d.Name, label, got.Wan(), want.Wan())
			}
		}
	}
}

// TestImportSourceURL records where one published document was published, and
// refuses the address for a batch or a budget, or when it is no web address.
func TestImportSourceURL(t *testing.T) {
	db := filepath.Join(t.TempDir(), "portal.db")
	const u = "https://www.example.gov.cn/zwgk/2024/yusuan.html"
	if code, out, errs := runCLI(t, "import", "--db", db, "--source-url", u, seedText); code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	s := openDB(t, db)
	depts, err := s.Departments(context.Background(), "深圳市龙岗区")
	if err != nil || len(depts) != 1 {
		t.Fatalf("departments = %+v, %v", depts, err)
	}
	docs, err := s.Documents(context.Background(), depts[0].ID)
	if err != nil || len(docs) != 1 || docs[0].Current.SourceURL != u || !docs[0].Current.Published {
		t.Errorf("documents = %+v, %v; want the address %s", docs, err, u)
	}
	for _, args := range [][]string{
		{"--source-url", u, seedText, putuoText},
		{"--source-url", u, example},
		{"--source-url", "javascript:alert(1)", seedText},
	} {
		if code, _, errs := runCLI(t, append([]string{"import", "--db", db}, args...)...); code != exitUsage || !strings.Contains(errs, "--source-url") {
			t.Errorf("%v: exit %d\n%s", args, code, errs)
		}
	}
}

// TestImportFinal imports the Putuo 部门决算 from its budget data: the portal keeps
// it as a 部门决算 with its 预算 against 决算.
func TestImportFinal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "portal.db")
	code, out, errs := runCLI(t, "import", "--db", db, "../../examples/putuo-caizhengju-2024-juesuan")
	if code != exitOK || !strings.Contains(out, "上海市普陀区财政局2024年度部门决算") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	s := openDB(t, db)
	finals, err := s.Finals(context.Background(), "上海市普陀区", 2024)
	if err != nil || len(finals) != 1 || finals[0].Outturn == nil || finals[0].Current.Errors != 0 {
		t.Errorf("finals = %+v, %v", finals, err)
	}
}

// TestImportReadFinal imports the Putuo 部门决算 as published, a PDF: its Outturn
// is what the document prints, marked as read: the 19 rows of table 5 (11 项 with
// the 年初预算 the narrative states, the 类 and 款 above them without) and the 64
// of table 6.
func TestImportReadFinal(t *testing.T) {
	pdf := "../../../shared/corpus/juesuan/putuo-caizhengju-2024-dept-final-accounts.pdf"
	if _, err := os.Stat(pdf); err != nil {
		t.Skip("the shared corpus is not next to the repository")
	}
	db := filepath.Join(t.TempDir(), "portal.db")
	if code, out, errs := runCLI(t, "import", "--db", db, pdf); code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	finals, err := openDB(t, db).Finals(context.Background(), "上海市普陀区", 2024)
	if err != nil || len(finals) != 1 || finals[0].Outturn == nil {
		t.Fatalf("finals = %+v, %v", finals, err)
	}
	o := finals[0].Outturn
	budgeted := 0
	for _, r := range o.Functional {
		if r.Budget != nil {
			budgeted++
		}
	}
	if !o.Read || len(o.Functional) != 19 || budgeted != 11 || len(o.Economic) != 64 || len(o.SanGong) != 4 {
		t.Errorf("outturn read %v with %d functional rows (%d budgeted), %d economic, %d 三公", o.Read, len(o.Functional), budgeted, len(o.Economic), len(o.SanGong))
	}
}
