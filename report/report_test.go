package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"yusuan/check"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md")

// TestRulesDoc keeps docs/rules.md equal to the catalogue.
func TestRulesDoc(t *testing.T) {
	var buf bytes.Buffer
	if err := RulesMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "docs", "rules.md")
	if *update {
		os.WriteFile(path, buf.Bytes(), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil || string(want) != buf.String() {
		t.Errorf("docs/rules.md is out of date; run go test ./report -update")
	}
	for _, r := range check.Rules() {
		if r.Example == "" || r.Title == "" || r.Tolerance == "" {
			t.Errorf("rule %s lacks a title, tolerance or example", r.ID)
		}
	}
}

var sample = check.Result{Findings: []check.Finding{
	{Rule: "TXT-01", Severity: check.Error, Message: "文字中“三公”经费为 9.00万元，表9 为 7.00万元",
		Location: check.Location{Part: "第五部分", Sentence: "=HYPERLINK(\"http://x\")", Line: 105}, Expected: "7.00", Actual: "9.00", Difference: "2.00"},
	{Rule: "TAIL-01", Severity: check.Info, Message: "尾数", Location: check.Location{Table: "表7", Row: "合计", Column: "基本支出"},
		Expected: "821.01", Actual: "821.00", Difference: "-0.01"},
}}

func TestTextAndJSON(t *testing.T) {
	s := Summary{File: "a.txt", Title: "标题", Profile: "shenzhen", Kind: "部门预算", Year: 2024}
	var buf bytes.Buffer
	if err := Text(&buf, s, sample); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"1 个错误", "【错误】TXT-01", "第 105 行", "应为：7.00", "计算所得：821.01　文件印为：821.00"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, buf.String())
		}
	}
	// A rounding remark never tells an officer what the total "should be".
	if strings.Contains(buf.String(), "应为：821.01") {
		t.Errorf("a rounding remark reads as a correction:\n%s", buf.String())
	}
	buf.Reset()
	if err := JSON(&buf, s, sample); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"findings"`, `"rule": "TXT-01"`, `"severity": "error"`, `"expected": "7.00"`, `"actual": "9.00"`, `"location"`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
}

// TestXLSXNeverWritesFormulas: text from a published document stays text.
func TestXLSXNeverWritesFormulas(t *testing.T) {
	var buf bytes.Buffer
	if err := XLSX(&buf, Summary{File: "a.txt"}, sample); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("核对结果")
	if len(rows) != 3 {
		t.Fatalf("%d rows, want header + 2", len(rows))
	}
	for r := 1; r <= 3; r++ {
		for c := 1; c <= 15; c++ {
			cell, _ := excelize.CoordinatesToCellName(c, r)
			if formula, _ := f.GetCellFormula("核对结果", cell); formula != "" {
				t.Errorf("%s holds a formula %q", cell, formula)
			}
		}
	}
}
