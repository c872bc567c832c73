package main

import (
	"errors"
	"fmt"
	"io"

	"yusuan/check"
	"yusuan/reader"
	"yusuan/report"
)

// exitUnreadable is check's status when the input cannot be read.
const exitUnreadable = 2

const checkUsage = `用法：yusuan check <公开文件> [--format text|json|xlsx] [-o 报告文件] [--codes 科目表.csv]

读取已公开的部门预算或单位预算文件（.txt 文本、.pdf、.xlsx），核对表内平衡、表间一致、
文字与表格一致、增减变化、科目编码、完整性和空表说明，逐条列出问题及其位置
（表格、行、列，或文字部分的原句及页码、行号），以及应为、实为和差额。

选项：
  --format 格式   text（默认，中文说明）、json（供程序读取）或 xlsx（Excel 报告）
  -o 文件         把报告写入文件（--format xlsx 时必须指定）
  --codes 文件    使用指定的政府收支分类科目表

退出码：0 没有错误；1 有错误；2 文件无法读取。
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
	if len(pos) != 1 {
		fmt.Fprintf(stderr, "参数错误：需要一个公开文件路径\n\n%s", checkUsage)
		return exitUsage
	}
	var write func(io.Writer, report.Summary, check.Result) error
	switch *format {
	case "text":
		write = report.Text
	case "json":
		write = report.JSON
	case "xlsx":
		if *out == "" {
			fmt.Fprintln(stderr, "参数错误：--format xlsx 需要用 -o 指定报告文件")
			return exitUsage
		}
		write = report.XLSX
	default:
		fmt.Fprintf(stderr, "参数错误：--format 应为 text、json 或 xlsx，实际为“%s”\n", *format)
		return exitUsage
	}
	cat, err := catalogue(*codes)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUnreadable
	}
	doc, err := reader.ReadFile(pos[0])
	if err != nil {
		fmt.Fprintln(stderr, err)
		if errors.Is(err, reader.ErrUnsupported) {
			return exitUnreadable
		}
		return exitUnreadable
	}
	res := check.Run(doc, check.Options{Codes: cat})
	sum := report.SummaryOf(pos[0], doc)
	if *out != "" {
		err = writeFileAtomic(*out, func(w io.Writer) error { return write(w, sum, res) })
		if err == nil {
			fmt.Fprintf(stdout, "核对完成：%d 个错误，%d 个警告，%d 个提示。报告已写入 %s\n", res.Count(check.Error), res.Count(check.Warning), res.Count(check.Info), *out)
		}
	} else {
		err = write(stdout, sum, res)
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitError
	}
	if res.Count(check.Error) > 0 {
		return exitError
	}
	return exitOK
}

const rulesUsage = `用法：yusuan rules [--format text|json|markdown]

列出全部核对规则：编号、名称、严重程度、类别、容差和示例。
`

func runRules(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("rules", rulesUsage, stderr)
	format := fs.String("format", "text", "")
	if _, code, ok := parse(fs, args, rulesUsage, stderr); !ok {
		return code
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
