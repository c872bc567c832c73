// Package report writes check results for people and machines: Chinese text for the
// terminal, JSON with a findings array, and an XLSX workbook a reviewer can filter.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"yusuan/check"
	"yusuan/disclosure"
)

// Summary names the document a result belongs to.
type Summary struct {
	File    string `json:"file"`
	Title   string `json:"title"`
	Profile string `json:"profile"`
	Kind    string `json:"kind"`
	Year    int    `json:"year"`
}

// SummaryOf describes doc read from file.
func SummaryOf(file string, doc *disclosure.Document) Summary {
	return Summary{File: file, Title: doc.Title, Profile: doc.Profile, Kind: doc.Kind, Year: doc.Year}
}

var profileLabels = map[string]string{"shenzhen": "深圳", "shanghai": "上海"}

// Text writes the result in Chinese, errors first, one finding per paragraph.
func Text(w io.Writer, s Summary, res check.Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "核对：%s\n", s.File)
	fmt.Fprintf(&b, "文件：%s（%s格式，%s，%d年）\n", s.Title, profileLabels[s.Profile], s.Kind, s.Year)
	fmt.Fprintf(&b, "结果：%d 个错误，%d 个警告，%d 个提示\n", res.Count(check.Error), res.Count(check.Warning), res.Count(check.Info))
	for i, f := range res.Findings {
		fmt.Fprintf(&b, "\n%d. 【%s】%s %s\n", i+1, f.Severity.Label(), f.Rule, ruleTitle(f.Rule))
		fmt.Fprintf(&b, "   位置：%s\n", f.Location)
		fmt.Fprintf(&b, "   说明：%s\n", f.Message)
		if f.Expected != "" || f.Actual != "" {
			fmt.Fprintf(&b, "   应为：%s　实为：%s", orDash(f.Expected), orDash(f.Actual))
			if f.Difference != "" {
				fmt.Fprintf(&b, "　差额：%s", f.Difference)
			}
			b.WriteByte('\n')
		}
	}
	if len(res.Findings) == 0 {
		b.WriteString("\n未发现问题。\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func ruleTitle(id string) string {
	for _, r := range check.Rules() {
		if r.ID == id {
			return r.Title
		}
	}
	return ""
}

// JSON writes {"document": …, "summary": …, "findings": […]}.
func JSON(w io.Writer, s Summary, res check.Result) error {
	findings := res.Findings
	if findings == nil {
		findings = []check.Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Document Summary         `json:"document"`
		Errors   int             `json:"errors"`
		Warnings int             `json:"warnings"`
		Infos    int             `json:"infos"`
		Findings []check.Finding `json:"findings"`
	}{s, res.Count(check.Error), res.Count(check.Warning), res.Count(check.Info), findings})
}

// XLSX writes the findings as one filterable sheet, with the document on a cover sheet.
func XLSX(w io.Writer, s Summary, res check.Result) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "核对结果"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	header := []string{"序号", "严重程度", "规则", "规则名称", "表格", "行", "列", "文字部分", "页", "行号", "句子", "说明", "应为", "实为", "差额"}
	widths := []float64{6, 9, 9, 28, 30, 28, 18, 28, 5, 6, 50, 60, 14, 14, 12}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"DDDDDD"}, Pattern: 1},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	for i, h := range header {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		f.SetCellStr(sheet, cell, h)
		col, _ := excelize.ColumnNumberToName(i + 1)
		f.SetColWidth(sheet, col, col, widths[i])
	}
	last, _ := excelize.CoordinatesToCellName(len(header), 1)
	f.SetCellStyle(sheet, "A1", last, bold)
	for i, fd := range res.Findings {
		row := i + 2
		values := []string{fmt.Sprint(i + 1), fd.Severity.Label(), fd.Rule, ruleTitle(fd.Rule), fd.Location.Table, fd.Location.Row, fd.Location.Column,
			fd.Location.Part, pageOrEmpty(fd.Location.Page), pageOrEmpty(fd.Location.Line), fd.Location.Sentence, fd.Message, fd.Expected, fd.Actual, fd.Difference}
		for j, v := range values {
			cell, _ := excelize.CoordinatesToCellName(j+1, row)
			// Strings only: text from a published document must never become a formula.
			f.SetCellStr(sheet, cell, v)
		}
		a, _ := excelize.CoordinatesToCellName(1, row)
		z, _ := excelize.CoordinatesToCellName(len(header), row)
		f.SetCellStyle(sheet, a, z, wrap)
	}
	lastRow, _ := excelize.CoordinatesToCellName(len(header), len(res.Findings)+1)
	f.AutoFilter(sheet, "A1:"+lastRow, nil)
	f.SetPanes(sheet, &excelize.Panes{Freeze: true, Split: false, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})

	const cover = "说明"
	f.NewSheet(cover)
	for i, kv := range [][2]string{
		{"文件", s.File}, {"标题", s.Title}, {"格式", profileLabels[s.Profile]}, {"类型", s.Kind}, {"年度", fmt.Sprint(s.Year)},
		{"错误", fmt.Sprint(res.Count(check.Error))}, {"警告", fmt.Sprint(res.Count(check.Warning))}, {"提示", fmt.Sprint(res.Count(check.Info))},
	} {
		f.SetCellStr(cover, fmt.Sprintf("A%d", i+1), kv[0])
		f.SetCellStr(cover, fmt.Sprintf("B%d", i+1), kv[1])
	}
	f.SetColWidth(cover, "A", "A", 10)
	f.SetColWidth(cover, "B", "B", 70)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

func pageOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprint(n)
}

// Rules writes the rule catalogue in Chinese.
func Rules(w io.Writer) error {
	var b strings.Builder
	b.WriteString("核对规则\n")
	cat := ""
	for _, r := range check.Rules() {
		if r.Category != cat {
			cat = r.Category
			fmt.Fprintf(&b, "\n【%s】\n", cat)
		}
		fmt.Fprintf(&b, "  %-8s %s（%s）\n", r.ID, r.Title, r.Severity.Label())
		fmt.Fprintf(&b, "           容差：%s\n", r.Tolerance)
		fmt.Fprintf(&b, "           示例：%s\n", r.Example)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// RulesMarkdown writes the rule catalogue as the Markdown page docs/rules.md.
func RulesMarkdown(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# 核对规则\n\n")
	b.WriteString("`yusuan check` 和 `yusuan build` 使用同一套规则。本页由 `yusuan rules --format markdown` 生成。\n\n")
	b.WriteString("严重程度：错误（退出码 1）、警告、提示。金额比较使用表格所印的数（四舍五入后），")
	b.WriteString("“尾数”指各单元格分别四舍五入造成的差异：n 个数相加，最多相差 (n+1)×0.005 个表格单位。\n")
	cat := ""
	for _, r := range check.Rules() {
		if r.Category != cat {
			cat = r.Category
			fmt.Fprintf(&b, "\n## %s\n\n| 编号 | 规则 | 严重程度 | 容差 | 示例 |\n|---|---|---|---|---|\n", cat)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", r.ID, r.Title, r.Severity.Label(), r.Tolerance, r.Example)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
