package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"yusuan/check"
	"yusuan/report"
)

const checkUsage = `用法：yusuan check <公开文件或目录>... [--format text|json|xlsx] [-o 报告文件] [--codes 科目表.csv]

读取已公开的部门预算、单位预算或部门决算文件（.txt 文本、.pdf、.xlsx），核对表内平衡、
表间一致、文字与表格一致、增减变化、科目编码、完整性和空表说明，逐条列出问题及其位置
（表格、行、列，或文字部分的原句及页码、行号），以及应为、实为和差额。
部门决算另核对结转结余（年初结转和结余＋本年收入＝本年支出＋结余分配＋年末结转和结余）、
决算数与年初预算数（完成率、增减方向、较大差异的原因）和“三公”经费的预算数与决算数。
部门决算的 Excel 须为 yusuan 生成的工作簿；单位决算、决算的空白模板不核对，并说明原因。

可以一次核对多个文件；指定目录时核对其中（含子目录）全部 .pdf、.txt 和 .xlsx 文件，
按路径排序，隐藏文件除外。多个文件同时读取，报告按输入顺序排列，最后附汇总表。
文字说明和表格分成两个文件公开的（同一年度、同一部门，一个只有文字、一个只有表格），
自动合为一份文件核对，报告中写作“文字文件 + 表格文件”。

选项：
  --format 格式   text（默认，中文说明）、json（供程序读取）或 xlsx（Excel 报告，多个文件时另有“汇总”工作表）
  -o 文件         把报告写入文件（--format xlsx 时必须指定）
  --codes 文件    使用指定的政府收支分类科目表

退出码取全部文件中最严重的：0 没有错误；1 有错误；2 有文件无法读取。

示例：
  yusuan check 公开文件.pdf
  yusuan check 文字部分.pdf 表格部分.pdf
  yusuan check 公开文件目录 --format xlsx -o 核对报告.xlsx
`

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", checkUsage, stderr)
	format := fs.String("format", "text", "")
	out := fs.String("o", "", "")
	codes := fs.String("codes", "", "")
	pos, code, ok := parse(fs, args, checkUsage, stderr)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		fmt.Fprintf(stderr, "参数错误：需要至少一个公开文件或目录\n\n%s", checkUsage)
		return exitUsage
	}
	var writeOne func(io.Writer, report.Summary, check.Result) error
	var writeAll func(io.Writer, []report.Entry) error
	switch *format {
	case "text":
		writeOne, writeAll = report.Text, report.TextAll
	case "json":
		writeOne, writeAll = report.JSON, report.JSONAll
	case "xlsx":
		if *out == "" {
			fmt.Fprintln(stderr, "参数错误：--format xlsx 需要用 -o 指定报告文件")
			return exitUsage
		}
		writeOne, writeAll = report.XLSX, report.XLSXAll
	default:
		fmt.Fprintf(stderr, "参数错误：--format 应为 text、json 或 xlsx，实际为“%s”\n", *format)
		return exitUsage
	}
	cat, err := catalogue(*codes)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUnreadable
	}

	inputs := expandInputs(pos)
	announceSlowRead(inputs, stderr)
	entries := checkFiles(inputs, namesTwoFiles(pos), check.Options{Codes: cat}, stderr)
	if len(entries) == 1 && entries[0].Err != nil {
		fmt.Fprintln(stderr, entries[0].Err)
		return exitUnreadable
	}
	write := func(w io.Writer) error { return writeAll(w, entries) }
	if len(entries) == 1 {
		write = func(w io.Writer) error { return writeOne(w, entries[0].Summary, entries[0].Result) }
	}
	if *out != "" {
		err = writeFileAtomic(*out, write)
	} else {
		err = write(stdout)
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitError
	}
	t := report.TotalsOf(entries)
	if *out != "" {
		fmt.Fprintf(stdout, "核对完成：%s。报告已写入 %s\n", counts(entries, t), *out)
	}
	switch {
	case t.Unreadable > 0:
		return exitUnreadable
	case t.Errors > 0:
		return exitError
	}
	return exitOK
}

// counts says what a run found: 1 个错误，2 个警告，3 个提示, after the number of
// files when there are several, and the unreadable ones.
func counts(entries []report.Entry, t report.Totals) string {
	infos := 0
	for _, e := range entries {
		infos += e.Result.Count(check.Info)
	}
	s := fmt.Sprintf("%d 个错误，%d 个警告，%d 个提示", t.Errors, t.Warnings, infos)
	if len(entries) > 1 {
		s = fmt.Sprintf("%d 份文件，", t.Documents) + s
	}
	if t.Unreadable > 0 {
		s += fmt.Sprintf("，%d 份无法读取", t.Unreadable)
	}
	return s
}

// namesTwoFiles reports whether the command line names exactly two files,
// which the user means as one document when they are its two halves.
func namesTwoFiles(args []string) bool {
	if len(args) != 2 {
		return false
	}
	for _, a := range args {
		if fi, err := os.Stat(a); err != nil || fi.IsDir() {
			return false
		}
	}
	return true
}

const rulesUsage = `用法：yusuan rules [--format text|json|markdown]
      yusuan rules --explain 规则编号

列出全部核对规则：编号、名称、严重程度、类别、容差和示例。
--explain 只说明一条规则，例如 yusuan rules --explain SUM-02。
`

func runRules(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("rules", rulesUsage, stderr)
	format := fs.String("format", "text", "")
	explain := fs.String("explain", "", "")
	if _, code, ok := parse(fs, args, rulesUsage, stderr); !ok {
		return code
	}
	if *explain != "" {
		for _, r := range check.Rules() {
			if strings.EqualFold(r.ID, strings.TrimSpace(*explain)) {
				fmt.Fprintf(stdout, "%s %s\n严重程度：%s\n类别：%s\n容差：%s\n示例：%s\n", r.ID, r.Title, r.Severity.Label(), r.Category, r.Tolerance, r.Example)
				return exitOK
			}
		}
		var ids []string
		for _, r := range check.Rules() {
			ids = append(ids, r.ID)
		}
		fmt.Fprintf(stderr, "参数错误：没有编号为 %s 的规则；已有的规则：%s\n", *explain, strings.Join(ids, "、"))
		return exitUsage
	}
	var err error
	switch *format {
	case "text":
		err = report.Rules(stdout)
	case "json":
		err = writeJSON(stdout, check.Rules())
	case "markdown":
		err = report.RulesMarkdown(stdout)
	default:
		fmt.Fprintf(stderr, "参数错误：--format 应为 text、json 或 markdown\n")
		return exitUsage
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitError
	}
	return exitOK
}
