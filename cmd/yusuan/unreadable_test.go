package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestUnreadableExitCode: every command that reads an input exits with 2 when
// the input cannot be read at all, and names the file; errors in a budget
// that was read exit with 1.
func TestUnreadableExitCode(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "没有这个文件.xlsx")
	junkXLSX := filepath.Join(dir, "坏工作簿.xlsx")
	write(t, junkXLSX, "这不是一个 Excel 文件")
	junkYAML := filepath.Join(dir, "坏数据.yaml")
	write(t, junkYAML, "\x00\x01\x02\x03")
	docx := filepath.Join(dir, "预算.docx")
	write(t, docx, "PK\x03\x04")
	empty := filepath.Join(dir, "空目录")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "budget.yaml")
	write(t, bad, exampleYAML(t, `economic: "30101"`, `economic: "30198"`))
	out := filepath.Join(dir, "out")
	db := filepath.Join(dir, "portal.db")

	commands := []struct {
		name string
		args func(in string) []string
	}{
		{"build", func(in string) []string { return []string{"build", in, "-o", out} }},
		{"validate", func(in string) []string { return []string{"validate", in} }},
		{"convert", func(in string) []string { return []string{"convert", in, filepath.Join(dir, "转换.yaml")} }},
		{"import", func(in string) []string { return []string{"import", "--db", db, in} }},
		{"check", func(in string) []string { return []string{"check", in} }},
	}
	inputs := []struct {
		name string
		path string
		code int
		skip []string // the commands this input is no case for
	}{
		{"missing", missing, exitUnreadable, nil},
		{"not a workbook", junkXLSX, exitUnreadable, nil},
		{"binary yaml", junkYAML, exitUnreadable, []string{"check"}},
		{"other type", docx, exitUnreadable, nil},
		{"empty folder", empty, exitUnreadable, nil},
		{"data errors", bad, exitError, []string{"check", "convert"}},
	}
	for _, c := range commands {
		for _, in := range inputs {
			if slices.Contains(in.skip, c.name) {
				continue
			}
			t.Run(c.name+"/"+in.name, func(t *testing.T) {
				code, _, errs := runCLI(t, c.args(in.path)...)
				if code != in.code {
					t.Errorf("exit %d, want %d:\n%s", code, in.code, errs)
				}
				if !strings.Contains(errs, filepath.Base(in.path)) {
					t.Errorf("message does not name %s:\n%s", filepath.Base(in.path), errs)
				}
			})
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("build wrote %s", out)
	}
}

// TestWrongKindOfInput: a budget workbook given to check, and a published
// document given to validate or build, say what the file is and which
// command takes it.
func TestWrongKindOfInput(t *testing.T) {
	dir := t.TempDir()
	workbook := filepath.Join(dir, "预算.xlsx")
	exampleXLSX(t, workbook, func(*excelize.File) {})
	template := filepath.Join(dir, "模板.xlsx")
	if code, _, errs := runCLI(t, "template", "-o", template); code != exitOK {
		t.Fatal(errs)
	}
	for _, in := range []string{workbook, template} {
		code, out, errs := runCLI(t, "check", in)
		if code != exitUnreadable || out != "" {
			t.Errorf("check %s: exit %d\n%s", in, code, out)
		}
		for _, want := range []string{in, "预算数据工作簿", "yusuan validate", "yusuan build"} {
			if !strings.Contains(errs, want) {
				t.Errorf("check %s: message lacks %q:\n%s", in, want, errs)
			}
		}
		if strings.Contains(errs, "0年") || strings.Contains(errs, "缺少") {
			t.Errorf("check %s reads it as a document:\n%s", in, errs)
		}
	}

	built := filepath.Join(dir, "out")
	if code, _, errs := runCLI(t, "build", example, "-o", built); code != exitOK {
		t.Fatal(errs)
	}
	published := filepath.Join(built, "2024年深圳市龙岗区政务服务数据管理局（本级）部门预算.xlsx")
	for _, in := range []string{published, seedText} {
		for _, args := range [][]string{{"validate", in}, {"build", in, "-o", filepath.Join(dir, "again")}, {"convert", in, filepath.Join(dir, "x.yaml")}} {
			code, _, errs := runCLI(t, args...)
			if code != exitUnreadable {
				t.Errorf("%v: exit %d", args, code)
			}
			for _, want := range []string{"是已公开的部门预算《", "yusuan check " + in} {
				if !strings.Contains(errs, want) {
					t.Errorf("%v: message lacks %q:\n%s", args, want, errs)
				}
			}
		}
	}
}
