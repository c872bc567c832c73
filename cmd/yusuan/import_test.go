package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
		if code != exitError || out != "" || !strings.Contains(errs, "导入失败，数据库未作任何改动") || !strings.Contains(errs, filepath.Base(files[1])) {
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
		"国家税务总局":              "",
		"":                    "",
	} {
		if got := regionOf(name); got != want {
			t.Errorf("regionOf(%q) = %q, want %q", name, got, want)
		}
	}
}
