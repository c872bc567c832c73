package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"yusuan/disclosure"
)

// tally is what a run found, as its JSON says.
type tally struct{ Errors, Warnings, Infos int }

// checkAlone runs yusuan check on one file and returns its exit status and
// counts; the multi-file tests compare against it, so they hold whatever the
// reader makes of the file today.
func checkAlone(t *testing.T, path string) (int, tally) {
	t.Helper()
	code, out, errs := runCLI(t, "check", path, "--format", "json")
	if code == exitUnreadable {
		return code, tally{}
	}
	var c tally
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("check %s: %v\n%s%s", path, err, out, errs)
	}
	return code, c
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// corpusDir makes a folder with the two example texts in it, and files a
// directory must not contribute: hidden ones, ones in hidden folders, and
// other types.
func corpusDir(t *testing.T) string {
	dir := t.TempDir()
	copyFile(t, seedText, filepath.Join(dir, "shenzhen", "seed-longgang-2024.txt"))
	copyFile(t, putuoText, filepath.Join(dir, "putuo.txt"))
	copyFile(t, seedText, filepath.Join(dir, ".hidden.txt"))
	copyFile(t, seedText, filepath.Join(dir, ".git", "seed.txt"))
	copyFile(t, seedText, filepath.Join(dir, "notes.md"))
	return dir
}

// TestCheckSeveral: several inputs give one report per document in input
// order, a summary adding them up, and the worst exit status of the files
// checked alone.
func TestCheckSeveral(t *testing.T) {
	dir := corpusDir(t)
	missing := filepath.Join(t.TempDir(), "missing.txt")
	tests := []struct {
		name      string
		args      []string
		files     []string // the documents, in order
		progress  bool
		wantUnred int
	}{
		{"two files", []string{seedText, putuoText}, []string{seedText, putuoText}, false, 0},
		{"directory", []string{dir}, []string{filepath.Join(dir, "putuo.txt"), filepath.Join(dir, "shenzhen", "seed-longgang-2024.txt")}, false, 0},
		{"unreadable file in the mix", []string{putuoText, missing, seedText}, []string{putuoText, missing, seedText}, true, 1},
		{"directory and a file", []string{seedText, dir}, []string{seedText, filepath.Join(dir, "putuo.txt"), filepath.Join(dir, "shenzhen", "seed-longgang-2024.txt")}, true, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantCode, want := exitOK, tally{}
			for _, f := range tc.files {
				code, c := checkAlone(t, f)
				wantCode = max(wantCode, code)
				want.Errors += c.Errors
				want.Warnings += c.Warnings
			}

			code, out, errs := runCLI(t, append([]string{"check", "--format", "json"}, tc.args...)...)
			if code != wantCode {
				t.Errorf("exit %d, want %d (the worst of the files alone)", code, wantCode)
			}
			var got struct {
				Documents []struct {
					Document struct{ File string }
					Error    string
				}
				Summary map[string]int
			}
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			var files []string
			for _, d := range got.Documents {
				files = append(files, d.Document.File)
				if d.Document.File == missing && !strings.Contains(d.Error, "不存在") {
					t.Errorf("unreadable file's error = %q", d.Error)
				}
			}
			if !reflect.DeepEqual(files, tc.files) {
				t.Errorf("documents = %q, want %q", files, tc.files)
			}
			wantSummary := map[string]int{"documents": len(tc.files), "errors": want.Errors, "warnings": want.Warnings, "unreadable": tc.wantUnred}
			if !reflect.DeepEqual(got.Summary, wantSummary) {
				t.Errorf("summary = %v, want %v", got.Summary, wantSummary)
			}
			if shown := strings.Contains(errs, "已核对 "); shown != tc.progress {
				t.Errorf("progress shown = %v, want %v; stderr:\n%s", shown, tc.progress, errs)
			}

			code, out, errs = runCLI(t, append([]string{"check"}, tc.args...)...)
			if code != wantCode {
				t.Errorf("text: exit %d, want %d", code, wantCode)
			}
			for _, f := range tc.files {
				if !strings.Contains(out, "核对："+f+"\n") {
					t.Errorf("text report lacks 核对：%s", f)
				}
			}
			if !strings.Contains(out, "汇总：") || !strings.Contains(out, "文件") || !strings.Contains(out, "状态") {
				t.Errorf("text report lacks the summary table:\n%s", out)
			}
			if strings.Contains(out, "已核对 ") {
				t.Error("progress went to stdout")
			}
			if tc.progress {
				n := len(tc.files)
				if want := fmt.Sprintf("已核对 %d/%d：", n, n); !strings.Contains(errs, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errs)
				}
			}
		})
	}
}

// TestCheckJSONOneInput: one document keeps the JSON shape it always had, its
// document object adding the department, the format and the tables read.
func TestCheckJSONOneInput(t *testing.T) {
	_, out, errs := runCLI(t, "check", seedText, "--format", "json")
	var got map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s%s", err, out, errs)
	}
	if keys := keysOf(got); !reflect.DeepEqual(keys, []string{"document", "errors", "findings", "infos", "warnings"}) {
		t.Errorf("top-level keys = %v", keys)
	}
	var doc map[string]json.RawMessage
	json.Unmarshal(got["document"], &doc)
	want := []string{"department", "file", "format", "format_label", "kind", "profile", "tables", "title", "year"}
	if keys := keysOf(doc); !reflect.DeepEqual(keys, want) {
		t.Errorf("document keys = %v, want %v", keys, want)
	}
	var tables []map[string]any
	json.Unmarshal(doc["tables"], &tables)
	if len(tables) == 0 {
		t.Fatalf("no tables listed: %s", doc["tables"])
	}
	if first := tables[0]; !strings.HasPrefix(first["title"].(string), "表1 ") || first["rows"].(float64) < 1 || len(first) != 2 {
		t.Errorf("first table = %v, want title 表1 … and rows", first)
	}
}

func keysOf(m map[string]json.RawMessage) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func TestCheckXLSXSeveral(t *testing.T) {
	out := filepath.Join(t.TempDir(), "报告.xlsx")
	missing := filepath.Join(t.TempDir(), "missing.pdf")
	code, stdout, errs := runCLI(t, "check", seedText, putuoText, missing, "--format", "xlsx", "-o", out)
	if code != exitUnreadable {
		t.Errorf("exit %d, want %d: %s", code, exitUnreadable, errs)
	}
	if !strings.Contains(stdout, "核对完成：3 份文件，") || !strings.Contains(stdout, "1 份无法读取") || !strings.Contains(stdout, out) {
		t.Errorf("stdout = %q", stdout)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"汇总", "核对结果"}) {
		t.Errorf("sheets = %v", got)
	}
	rows, _ := f.GetRows("汇总")
	if len(rows) != 4 || rows[1][0] != seedText || rows[3][0] != missing || !strings.HasPrefix(rows[3][6], "无法读取：") {
		t.Errorf("汇总 = %q", rows)
	}
	findings, _ := f.GetRows("核对结果")
	if len(findings) < 2 || findings[0][0] != "文件" || findings[1][0] != seedText {
		t.Errorf("核对结果 starts %q", findings[:min(2, len(findings))])
	}
}

// TestCheckOneUnreadable: a single file that cannot be read says why on
// stderr and writes no report, as before.
func TestCheckOneUnreadable(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.txt")
	code, out, errs := runCLI(t, "check", missing)
	if code != exitUnreadable || out != "" || !strings.Contains(errs, missing) || !strings.Contains(errs, "不存在") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	empty := t.TempDir()
	code, _, errs = runCLI(t, "check", empty)
	if code != exitUnreadable || !strings.Contains(errs, "没有可核对的文件") {
		t.Errorf("empty folder: exit %d, stderr %q", code, errs)
	}
	code, _, errs = runCLI(t, "check")
	if code != exitUsage || !strings.Contains(errs, "需要至少一个公开文件或目录") {
		t.Errorf("no input: exit %d, stderr %q", code, errs)
	}
}

// halves cuts the seed into its narrative and its tables, each under the
// document's title, as regions that publish two files do.
func halves(t *testing.T, dir string) (narrative, tables string) {
	data, err := os.ReadFile(seedText)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	at := strings.LastIndex(text, "## 二、表格部分")
	titleEnd := strings.Index(text, "# 目 录")
	if at < 0 || titleEnd < 0 {
		t.Fatal("the seed has no 表格部分 or 目录 heading")
	}
	narrative, tables = filepath.Join(dir, "longgang-text.txt"), filepath.Join(dir, "longgang-tables.txt")
	write(t, narrative, text[:at])
	write(t, tables, text[:titleEnd]+text[at:])
	return narrative, tables
}

// summaryJSON is the part of a document's JSON the pairing tests look at.
type summaryJSON struct {
	File       string
	Title      string
	Department string
	Tables     []struct {
		Title string
		Rows  int
	}
}

// documents returns the documents of a JSON report, for one or several.
func documents(t *testing.T, out string) []summaryJSON {
	t.Helper()
	var several struct {
		Documents []struct{ Document summaryJSON }
	}
	if err := json.Unmarshal([]byte(out), &several); err == nil && several.Documents != nil {
		var docs []summaryJSON
		for _, d := range several.Documents {
			docs = append(docs, d.Document)
		}
		return docs
	}
	var one struct{ Document summaryJSON }
	if err := json.Unmarshal([]byte(out), &one); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return []summaryJSON{one.Document}
}

// TestCheckTwoHalves: a document published as narrative and tables files is
// checked once, as one document with the narrative's title and department
// and the other file's tables, under both names.
func TestCheckTwoHalves(t *testing.T) {
	dir := t.TempDir()
	narrative, tables := halves(t, dir)
	alone := map[string]summaryJSON{}
	for _, f := range []string{narrative, tables} {
		code, out, errs := runCLI(t, "check", f, "--format", "json")
		if code == exitUnreadable {
			t.Skipf("the reader does not read %s alone: %s", f, errs)
		}
		alone[f] = documents(t, out)[0]
	}
	if len(alone[narrative].Tables) != 0 || len(alone[tables].Tables) == 0 {
		t.Skipf("the reader does not read the seed's halves as halves: %d and %d tables", len(alone[narrative].Tables), len(alone[tables].Tables))
	}
	joined := narrative + " + " + tables
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"two files", []string{narrative, tables}, []string{joined}},
		{"two files, tables first", []string{tables, narrative}, []string{joined}},
		{"directory", []string{dir}, []string{joined}},
		{"with another document", []string{seedText, dir}, []string{seedText, joined}},
		{"one half", []string{tables}, []string{tables}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, out, _ := runCLI(t, append([]string{"check", "--format", "json"}, tc.args...)...)
			docs := documents(t, out)
			var files []string
			for _, d := range docs {
				files = append(files, d.File)
			}
			if !reflect.DeepEqual(files, tc.want) {
				t.Fatalf("documents = %q, want %q", files, tc.want)
			}
			for _, d := range docs {
				if d.File != joined {
					continue
				}
				if d.Title != alone[narrative].Title || d.Department != alone[narrative].Department {
					t.Errorf("title and department %q, %q; the narrative's are %q, %q", d.Title, d.Department, alone[narrative].Title, alone[narrative].Department)
				}
				if !reflect.DeepEqual(d.Tables, alone[tables].Tables) {
					t.Errorf("tables = %v, the tables file's are %v", d.Tables, alone[tables].Tables)
				}
			}
		})
	}
}

func TestExpandInputs(t *testing.T) {
	dir := corpusDir(t)
	copyFile(t, seedText, filepath.Join(dir, "b", "UPPER.PDF"))
	copyFile(t, seedText, filepath.Join(dir, "b", "a.xlsx"))
	copyFile(t, seedText, filepath.Join(dir, "template-x.txt"))
	empty := t.TempDir()
	got := expandInputs([]string{seedText, dir, filepath.Join(dir, "putuo.txt"), empty, "missing.pdf"})
	want := []string{seedText, filepath.Join(dir, "b", "UPPER.PDF"), filepath.Join(dir, "b", "a.xlsx"), filepath.Join(dir, "putuo.txt"),
		filepath.Join(dir, "shenzhen", "seed-longgang-2024.txt"), filepath.Join(dir, "template-x.txt"), empty, "missing.pdf"}
	var paths []string
	for _, in := range got {
		paths = append(paths, in.path)
		if (in.err != nil) != (in.path == empty) {
			t.Errorf("%s: error %v", in.path, in.err)
		}
	}
	if !reflect.DeepEqual(paths, want) {
		t.Errorf("inputs =\n%q\nwant\n%q", paths, want)
	}
}

func TestPairHalves(t *testing.T) {
	parts := []disclosure.Part{{Number: 1}}
	tbls := []*disclosure.Table{{Number: 1}}
	narrative := func(path, dept string, year int) halfDoc {
		return halfDoc{path, &disclosure.Document{Department: dept, Year: year, Parts: parts}}
	}
	tablesOnly := func(path, dept string, year int) halfDoc {
		return halfDoc{path, &disclosure.Document{Subject: dept, Year: year, Tables: tbls}}
	}
	tests := []struct {
		name       string
		narratives []halfDoc
		tables     []halfDoc
		twoFiles   bool
		want       []pair
	}{
		{"same department and year",
			[]halfDoc{narrative("a.pdf", "司法局", 2026)}, []halfDoc{tablesOnly("b.pdf", "司 法 局", 2026)}, false, []pair{{0, 0}}},
		{"another year",
			[]halfDoc{narrative("a.pdf", "司法局", 2026)}, []halfDoc{tablesOnly("b.pdf", "司法局", 2025)}, false, nil},
		{"another department",
			[]halfDoc{narrative("a.pdf", "司法局", 2026)}, []halfDoc{tablesOnly("b.pdf", "公安局", 2026)}, false, nil},
		{"equal departments before an empty one",
			[]halfDoc{narrative("x/司法局-文字.pdf", "", 2026), narrative("y/公安局.pdf", "公安局", 2026)},
			[]halfDoc{tablesOnly("x/司法局-表格.pdf", "公安局", 2026)}, false, []pair{{1, 0}}},
		{"empty department, the only candidate",
			[]halfDoc{narrative("a.pdf", "司法局", 2026)}, []halfDoc{tablesOnly("b.pdf", "", 2026)}, false, []pair{{0, 0}}},
		{"empty department, names decide",
			[]halfDoc{narrative("d/bj-2026-text.pdf", "司法局", 2026), narrative("d/bj-2026-text.txt", "司法局", 2026), narrative("d/central.pdf", "信访局", 2026)},
			[]halfDoc{tablesOnly("d/bj-2026-tables.pdf", "", 2026), tablesOnly("d/bj-2026-tables.txt", "", 2026)},
			false, []pair{{0, 0}, {1, 1}}},
		{"empty department, names unlike",
			[]halfDoc{narrative("a.pdf", "司法局", 2026), narrative("b.pdf", "信访局", 2026)},
			[]halfDoc{tablesOnly("c.pdf", "", 2026)}, false, nil},
		{"equally alike names are left alone",
			[]halfDoc{narrative("d/x1.pdf", "司法局", 2026), narrative("d/x2.pdf", "司法局", 2026)},
			[]halfDoc{tablesOnly("d/x3.pdf", "司法局", 2026)}, false, nil},
		{"two files, year missing on one",
			[]halfDoc{narrative("a.pdf", "司法局", 2026)}, []halfDoc{tablesOnly("b.pdf", "", 0)}, true, []pair{{0, 0}}},
		{"not two files, year missing on one",
			[]halfDoc{narrative("a.pdf", "司法局", 2026)}, []halfDoc{tablesOnly("b.pdf", "", 0)}, false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := pairHalves(tc.narratives, tc.tables, tc.twoFiles)
			slices.SortFunc(got, func(a, b pair) int { return a.narrative - b.narrative })
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("pairs = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestCheckCodes: --codes loads an official list whose header names its columns
// (科目编码,科目名称) without a kind, as a finance office exports it: the seed's
// codes it lists are known, the rest are one CODE-02 warning per kind listing
// them, and nothing panics.
func TestCheckCodes(t *testing.T) {
	list := filepath.Join(t.TempDir(), "codes.csv")
	if err := os.WriteFile(list, []byte("科目编码,科目名称\n201,一般公共服务支出\n20103,政府办公厅（室）及相关机构事务\n2010301,行政运行\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "check", seedText, "--codes", list)
	if code == exitUnreadable || errs != "" {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var unknown []string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "不在已知科目表中") {
			unknown = append(unknown, l)
		}
	}
	if len(unknown) != 2 || !strings.Contains(unknown[0], "功能分类科目") || strings.Contains(unknown[0], "2010301") || !strings.Contains(unknown[0], "2010302") {
		t.Errorf("CODE-02 lines %q, want one per kind, 2010301 known and 2010302 not", unknown)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte("编码,名称\n101,税收收入\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, "check", seedText, "--codes", bad); code == 0 || !strings.Contains(errs, "第 2 行") {
		t.Errorf("a list of income codes: exit %d, %q", code, errs)
	}
}
