package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"yusuan/budgetfile"
	"yusuan/build"
	"yusuan/classification"
	"yusuan/profile"
	"yusuan/store"
)

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1 // the input has errors, or the work failed
	exitUsage = 2 // the command line is wrong; exitUnreadable is the same status
)

type command struct {
	name    string
	summary string
	usage   string
	run     func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"build", "由预算数据生成部门预算或部门决算公开文件（网页、Excel、PDF、JSON）", buildUsage, runBuild},
		{"template", "生成供财务人员填报的空白 Excel 预算模板", templateUsage, runTemplate},
		{"convert", "在 Excel 预算表与 YAML 文本格式之间相互转换", convertUsage, runConvert},
		{"validate", "只检查预算数据，不生成文件", validateUsage, runValidate},
		{"check", "核对已公开的部门预算或部门决算文件（文本、PDF、Excel），指出每一处不一致", checkUsage, runCheck},
		{"rules", "列出核对规则", rulesUsage, runRules},
		{"import", "把预算数据或已公开的文件导入门户数据库（SQLite 或 PostgreSQL）", importUsage, runImport},
		{"serve", "启动部门预算公开门户（网页、图表、比较、下载和只读 API）", serveUsage, runServe},
		{"user", "管理工作区账号：新建、列出、停用、启用、重置密码", userUsage, runUser},
		{"audit", "逐条校验工作区审计日志的哈希链", auditUsage, runAudit},
		{"demo", "生成虚拟示例区（约 60 个部门、3 年）并导入门户数据库，标记为示例数据", demoUsage, runDemo},
	}
}

const mainUsage = `yusuan（预算）—— 部门预算公开：生成公开文件、核对已公开的文件、发布门户

用法：
  yusuan <命令> [参数]

命令：
%s
  help        显示帮助（yusuan help <命令> 查看某个命令的说明）
  version     显示版本（也可用 --version）

示例：
  yusuan build examples/longgang-2024 -o out
  yusuan template -o 预算填报模板.xlsx
  yusuan check 公开文件.pdf
  yusuan serve --demo
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			for _, c := range commands() {
				if c.name == args[1] {
					fmt.Fprint(stdout, c.usage)
					return exitOK
				}
			}
		}
		var list strings.Builder
		for _, c := range commands() {
			fmt.Fprintf(&list, "  %-10s  %s\n", c.name, c.summary)
		}
		fmt.Fprintf(stdout, mainUsage, strings.TrimRight(list.String(), "\n"))
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	if args[0] == "version" || args[0] == "--version" || args[0] == "-version" {
		fmt.Fprintln(stdout, versionLine())
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "未知命令“%s”。运行 yusuan help 查看可用命令。\n", args[0])
	return exitUsage
}

// newFlags makes a flag set whose errors and help print the Chinese usage text.
func newFlags(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	// parse prints the usage itself, once, for -h and for errors.
	fs.Usage = func() {}
	return fs
}

// parse parses flags that may stand before or after the positional arguments.
func parse(fs *flag.FlagSet, args []string, usage string, stderr io.Writer) ([]string, int, bool) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stderr, usage)
				return nil, exitOK, false
			}
			fmt.Fprintf(stderr, "参数错误：%s\n\n%s", translateFlagError(err), usage)
			return nil, exitUsage, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, exitOK, true
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func translateFlagError(err error) string {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return "不认识的选项 " + strings.TrimPrefix(msg, "flag provided but not defined: ")
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return "选项 " + strings.TrimPrefix(msg, "flag needs an argument: ") + " 需要一个值"
	}
	return msg
}

// openStore opens the database dsn under ctx for a command, and says on stderr why
// it cannot: nil then means the command exits with exitError.
func openStore(ctx context.Context, dsn string, stderr io.Writer) *store.Store {
	st, err := store.Open(ctx, dsn)
	if err != nil {
		fmt.Fprintf(stderr, "无法打开数据库 %s：%v\n", redact(dsn), err)
		return nil
	}
	return st
}

// openInterruptible is openStore under a context that an interrupt (Ctrl-C)
// cancels, so that a command stops its work at the next query. done closes the
// store and stops watching for the interrupt.
func openInterruptible(dsn string, stderr io.Writer) (ctx context.Context, st *store.Store, done func()) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	if st = openStore(ctx, dsn, stderr); st == nil {
		stop()
		return ctx, nil, nil
	}
	return ctx, st, func() {
		st.Close()
		stop()
	}
}

// catalogue returns the built-in codes, or those of the file given with --codes.
func catalogue(path string) (*classification.Catalogue, error) {
	if path == "" {
		return classification.Default(), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取科目表 %s：%v", path, err)
	}
	defer f.Close()
	cat := classification.New()
	if err := cat.ReadCSV(f, ""); err != nil {
		return nil, fmt.Errorf("科目表 %s %v", path, err)
	}
	return cat, nil
}

const buildUsage = `用法：yusuan build <预算数据> -o <输出目录> [--profile 格式] [--codes 科目表.csv]

读取预算数据（.yaml、.xlsx，或含 budget.yaml / budget.xlsx 的目录），检查无误后，
在输出目录中生成公开文件：网页（.html）、Excel 表格（.xlsx）、PDF（.pdf）和 JSON 数据（.json）。
数据有错时列出每一处错误（文件、工作表、行、列），不写入任何文件。
退出码：0 成功；1 数据有错或无法写出；2 文件无法读取（不存在、已损坏或不是预算数据）。

上海格式同时生成部门预算和每个预算单位的单位预算。

部门决算：预算数据写明 document: 部门决算（Excel 在“部门”表的“公开文件”填“部门决算”），
每条支出明细填决算数（final；Excel 的“决算数”列，“金额”为年初预算），并填写收入决算、
结转结余等决算数据，即生成部门决算（目前支持上海格式，见 examples/putuo-caizhengju-2024-juesuan）。

选项：
  -o 目录          输出目录（不存在时自动创建）
  --profile 格式   按指定地区格式生成（shenzhen 深圳、shanghai 上海），默认用预算数据中“配置”指定的格式
  --codes 文件     使用指定的政府收支分类科目表（CSV：类型,编码,名称；类型 F=功能分类，E=经济分类），
                   默认使用内置科目表
`

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", buildUsage, stderr)
	out := fs.String("o", "", "")
	codes := fs.String("codes", "", "")
	prof := fs.String("profile", "", "")
	pos, code, ok := parse(fs, args, buildUsage, stderr)
	if !ok {
		return code
	}
	if len(pos) != 1 || *out == "" {
		fmt.Fprintf(stderr, "参数错误：需要一个预算数据路径和 -o 输出目录\n\n%s", buildUsage)
		return exitUsage
	}
	cat, err := catalogue(*codes)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUnreadable
	}
	if *prof != "" {
		if _, err := profile.Get(*prof); err != nil {
			fmt.Fprintln(stderr, err)
			return exitUsage
		}
	}
	written, err := build.Run(pos[0], *out, *prof, cat, build.Formats)
	if err != nil {
		err = explainBudgetInput(pos[0], err)
		fmt.Fprintf(stderr, "生成失败，未写入任何文件。\n%v\n", err)
		return exitFor(err)
	}
	fmt.Fprintf(stdout, "已生成 %d 个文件：\n", len(written))
	for _, p := range written {
		fmt.Fprintf(stdout, "  %s\n", p)
	}
	return exitOK
}

const validateUsage = `用法：yusuan validate <预算数据> [--codes 科目表.csv]

只检查预算数据（编码、金额、单位、项目、重复行等），一次列出全部错误及其总数
（最多列出 200 处），不生成文件。有单元格无法读取时，其余数据照样检查。
没有错误时退出码为 0，有错误时为 1，文件无法读取（不存在、已损坏或不是预算数据）时为 2。
`

func runValidate(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("validate", validateUsage, stderr)
	codes := fs.String("codes", "", "")
	pos, code, ok := parse(fs, args, validateUsage, stderr)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintf(stderr, "参数错误：需要一个预算数据路径\n\n%s", validateUsage)
		return exitUsage
	}
	cat, err := catalogue(*codes)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUnreadable
	}
	b, err := validateBudget(pos[0], cat)
	if err != nil {
		err = explainBudgetInput(pos[0], err)
		writeErrors(stderr, err)
		return exitFor(err)
	}
	fmt.Fprintf(stdout, "%s：预算数据检查通过（%d 个单位，%d 个项目，%d 行支出明细）。\n", pos[0], len(b.Units), len(b.Projects), len(b.Items))
	return exitOK
}

const templateUsage = `用法：yusuan template -o <文件.xlsx> [--profile shenzhen]

生成供财务人员填报的空白 Excel 预算模板：含填表说明、各工作表的表头、
科目编码和资金性质等下拉选项，以及示例行。填好后用 yusuan build 生成公开文件。

选项：
  -o 文件          输出的模板文件（.xlsx）
  --profile 名称   公开格式（默认 shenzhen）
`

func runTemplate(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("template", templateUsage, stderr)
	out := fs.String("o", "", "")
	prof := fs.String("profile", profile.Default, "")
	pos, code, ok := parse(fs, args, templateUsage, stderr)
	if !ok {
		return code
	}
	if len(pos) != 0 || *out == "" {
		fmt.Fprintf(stderr, "参数错误：需要 -o 输出文件\n\n%s", templateUsage)
		return exitUsage
	}
	if _, err := profile.Get(*prof); err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	if err := writeFileAtomic(*out, func(w io.Writer) error { return budgetfile.WriteTemplate(w, *prof) }); err != nil {
		fmt.Fprintln(stderr, err)
		return exitError
	}
	fmt.Fprintf(stdout, "已生成预算填报模板：%s\n", *out)
	return exitOK
}

const convertUsage = `用法：yusuan convert <输入文件> <输出文件>

在 Excel 预算表（.xlsx）与 YAML 文本格式（.yaml）之间转换，内容完全保留。
例如：yusuan convert examples/longgang-2024/budget.yaml 预算.xlsx
`

func runConvert(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("convert", convertUsage, stderr)
	pos, code, ok := parse(fs, args, convertUsage, stderr)
	if !ok {
		return code
	}
	if len(pos) != 2 {
		fmt.Fprintf(stderr, "参数错误：需要输入文件和输出文件\n\n%s", convertUsage)
		return exitUsage
	}
	restore := readingInput()
	b, err := budgetfile.Load(pos[0])
	restore()
	if err != nil {
		err = explainBudgetInput(pos[0], err)
		fmt.Fprintln(stderr, err)
		return exitFor(err)
	}
	var write func(io.Writer) error
	switch strings.ToLower(filepath.Ext(pos[1])) {
	case ".yaml", ".yml":
		write = func(w io.Writer) error { return budgetfile.WriteYAML(w, b) }
	case ".xlsx":
		write = func(w io.Writer) error { return budgetfile.WriteXLSX(w, b) }
	default:
		fmt.Fprintf(stderr, "输出文件 %s 的类型不受支持：应为 .yaml 或 .xlsx\n", pos[1])
		return exitUsage
	}
	if err := writeFileAtomic(pos[1], write); err != nil {
		fmt.Fprintln(stderr, err)
		return exitError
	}
	fmt.Fprintf(stdout, "已转换：%s → %s\n", pos[0], pos[1])
	return exitOK
}

// writeFileAtomic writes a file through a temporary file beside it, so a failure
// never leaves a half-written file behind.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".yusuan-*")
	if err != nil {
		return fmt.Errorf("无法写入 %s：%v", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("生成 %s 失败：%v", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("无法写入 %s：%v", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("无法写入 %s：%v", path, err)
	}
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
