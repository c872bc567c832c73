package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"yusuan/budgetfile"
	"yusuan/examples/examplestest"
)

const example = "../../examples/longgang-2024"

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestBuildExample(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runCLI(t, "build", example, "-o", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, ext := range []string{".html", ".xlsx", ".pdf", ".json"} {
		p := filepath.Join(dir, "2024年深圳市龙岗区政务服务数据管理局（本级）部门预算"+ext)
		fi, err := os.Stat(p)
		if err != nil || fi.Size() == 0 {
			t.Errorf("missing %s: %v", p, err)
		}
		if !strings.Contains(out, p) {
			t.Errorf("output does not name %s:\n%s", p, out)
		}
	}
}

func TestHelpIsChinese(t *testing.T) {
	code, out, _ := runCLI(t, "help")
	if code != exitOK || !strings.Contains(out, "生成") || !strings.Contains(out, "build") {
		t.Errorf("help: exit %d\n%s", code, out)
	}
	code, _, errs := runCLI(t, "build", "--nope")
	if code != exitUsage || !strings.Contains(errs, "不认识的选项") {
		t.Errorf("bad flag: exit %d\n%s", code, errs)
	}
}

// exampleYAML returns the example's YAML text with old replaced by new once.
func exampleYAML(t *testing.T, old, new string) string {
	data, err := os.ReadFile(filepath.Join(example, "budget.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if !strings.Contains(s, old) {
		t.Fatalf("example has no %q", old)
	}
	return strings.Replace(s, old, new, 1)
}

// exampleXLSX writes the example as a workbook and lets edit change it.
func exampleXLSX(t *testing.T, path string, edit func(f *excelize.File)) {
	b := examplestest.Load(t, "longgang-2024")
	var buf bytes.Buffer
	if err := budgetfile.WriteXLSX(&buf, b); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	edit(f)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// cellOf finds the cell in column header of sheet on the first data row whose
// column match holds want, and returns its reference.
func cellOf(t *testing.T, f *excelize.File, sheet, header, matchHeader, want string) string {
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	col, match := -1, -1
	for i, h := range rows[0] {
		if h == header {
			col = i
		}
		if h == matchHeader {
			match = i
		}
	}
	if col < 0 || match < 0 {
		t.Fatalf("sheet %s has no column %s or %s: %v", sheet, header, matchHeader, rows[0])
	}
	for r, row := range rows[1:] {
		if match < len(row) && strings.HasPrefix(row[match], want) {
			ref, _ := excelize.CoordinatesToCellName(col+1, r+2)
			return ref
		}
	}
	t.Fatalf("sheet %s: no row with %s = %s", sheet, matchHeader, want)
	return ""
}

// TestBadInput: each kind of bad input gets a Chinese error that names the place, and
// nothing is written to the output folder.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		setup func(t *testing.T, path string)
		want  []string
	}{
		{"unknown code", "budget.yaml", func(t *testing.T, p string) {
			write(t, p, exampleYAML(t, `economic: "30101"`, `economic: "30198"`))
		}, []string{"第", "行", "经济科目", "30198", "不在科目表中"}},
		{"wrong level code", "budget.yaml", func(t *testing.T, p string) {
			write(t, p, exampleYAML(t, `functional: "2010301", economic: "30101"`, `functional: "20103", economic: "30101"`))
		}, []string{"功能科目", "20103", "项级"}},
		{"missing unit", "budget.yaml", func(t *testing.T, p string) {
			write(t, p, exampleYAML(t, `{unit: "355001", functional: "2010301", economic: "30101"`, `{unit: "", functional: "2010301", economic: "30101"`))
		}, []string{"第", "行", "缺少预算单位"}},
		{"duplicate rows", "budget.yaml", func(t *testing.T, p string) {
			line := `  - {unit: "355001", functional: "2010301", economic: "30101", kind: 人员经费, fund: 一般公共预算, amount: "552000.00"}`
			write(t, p, exampleYAML(t, line, line+"\n"+line))
		}, []string{"重复", "第"}},
		{"negative amount", "budget.yaml", func(t *testing.T, p string) {
			write(t, p, exampleYAML(t, `amount: "552000.00"`, `amount: "-552000.00"`))
		}, []string{"金额", "不能为负数", "第"}},
		{"text in amount cell", "budget.xlsx", func(t *testing.T, p string) {
			exampleXLSX(t, p, func(f *excelize.File) {
				f.SetCellStr("支出明细", cellOf(t, f, "支出明细", "金额", "经济科目", "30101"), "五十五万")
			})
		}, []string{"工作表“支出明细”", "行", "列", "金额", "五十五万"}},
		{"formula in amount cell", "budget.xlsx", func(t *testing.T, p string) {
			exampleXLSX(t, p, func(f *excelize.File) {
				f.SetCellFormula("支出明细", cellOf(t, f, "支出明细", "金额", "经济科目", "30101"), "=1+1")
			})
		}, []string{"工作表“支出明细”", "行", "列", "公式"}},
		{"not a workbook", "budget.xlsx", func(t *testing.T, p string) {
			write(t, p, "这不是一个 Excel 文件")
		}, []string{"budget.xlsx", "不是有效的 Excel"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := filepath.Join(t.TempDir(), tc.file)
			tc.setup(t, in)
			out := filepath.Join(t.TempDir(), "out")
			code, _, errs := runCLI(t, "build", in, "-o", out)
			// A file that is no workbook cannot be read at all.
			want := exitError
			if tc.name == "not a workbook" {
				want = exitUnreadable
			}
			if code != want {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, want, errs)
			}
			for _, w := range tc.want {
				if !strings.Contains(errs, w) {
					t.Errorf("error lacks %q:\n%s", w, errs)
				}
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				entries, _ := os.ReadDir(out)
				t.Errorf("output folder was touched: %v", entries)
			}
		})
	}
}

func write(t *testing.T, path, s string) {
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestTemplateAndConvert(t *testing.T) {
	dir := t.TempDir()
	tpl := filepath.Join(dir, "模板.xlsx")
	if code, _, errs := runCLI(t, "template", "-o", tpl); code != exitOK {
		t.Fatalf("template: exit %d: %s", code, errs)
	}
	x := filepath.Join(dir, "b.xlsx")
	y := filepath.Join(dir, "b.yaml")
	if code, _, errs := runCLI(t, "convert", example+"/budget.yaml", x); code != exitOK {
		t.Fatalf("convert to xlsx: %s", errs)
	}
	if code, _, errs := runCLI(t, "convert", x, y); code != exitOK {
		t.Fatalf("convert to yaml: %s", errs)
	}
	if code, _, errs := runCLI(t, "validate", y); code != exitOK {
		t.Fatalf("validate converted: %s", errs)
	}
}

// TestRulesExplain: yusuan rules --explain names one rule's check, severity,
// tolerance and example, and an unknown ID is a usage error listing the IDs.
func TestRulesExplain(t *testing.T) {
	code, out, _ := runCLI(t, "rules", "--explain", "chg-02")
	if code != 0 || !strings.Contains(out, "CHG-02 所述增减百分比") || !strings.Contains(out, "容差：") || !strings.Contains(out, "示例：") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	code, _, errs := runCLI(t, "rules", "--explain", "NO-1")
	if code != 2 || !strings.Contains(errs, "没有编号为 NO-1 的规则") || !strings.Contains(errs, "SUM-02") {
		t.Errorf("exit %d: %s", code, errs)
	}
}
