// Package report writes check results for people and machines: Chinese text for the
// terminal, JSON with a findings array, and an XLSX workbook a reviewer can filter,
// for one document or, with a summary of them all, for several.
package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"yusuan/check"
	"yusuan/disclosure"
)

// Summary names the document a result belongs to and what was read of it.
type Summary struct {
	File        string      `json:"file"`
	Title       string      `json:"title"`
	Profile     string      `json:"profile"`
	Kind        string      `json:"kind"`
	Year        int         `json:"year"`
	Department  string      `json:"department"`
	Format      string      `json:"format"`
	FormatLabel string      `json:"format_label"`
	Tables      []TableRead `json:"tables"`
}

// TableRead is one table read from a document: its label and title, and how
// many rows it has.
type TableRead struct {
	Title string `json:"title"`
	Rows  int    `json:"rows"`
}

// SummaryOf describes doc read from file.
func SummaryOf(file string, doc *disclosure.Document) Summary {
	tables := []TableRead{}
	for _, t := range doc.Tables {
		if t != nil {
			tables = append(tables, TableRead{Title: strings.TrimSpace(t.Label() + " " + t.Title), Rows: len(t.Rows)})
		}
	}
	// A document that prints no 主管部门 is named by what it is published under.
	dept := cmp.Or(doc.Department, doc.Subject)
	return Summary{File: file, Title: doc.Title, Profile: doc.Profile, Kind: doc.Kind, Year: doc.Year,
		Department: dept, Format: doc.Format, FormatLabel: doc.FormatLabel, Tables: tables}
}

// formatName names the document's format for people: the label of the format
// description it was read with, else its profile.
func (s Summary) formatName() string {
	if s.FormatLabel != "" {
		return s.FormatLabel
	}
	return s.Profile
}

// yearName is "2024年", or says that the year was not found.
func yearName(year int) string {
	if year == 0 {
		return "年度不详"
	}
	return fmt.Sprintf("%d年", year)
}

// tablesRead lists the tables as 表1 收支总表（23 行）、…
func tablesRead(tables []TableRead) string {
	if len(tables) == 0 {
		return "无"
	}
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = fmt.Sprintf("%s（%d 行）", t.Title, t.Rows)
	}
	return strings.Join(names, "、")
}

// Text writes the result in Chinese: the document and what was read of it,
// then the findings, errors first, one per paragraph.
func Text(w io.Writer, s Summary, res check.Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "核对：%s\n", s.File)
	fmt.Fprintf(&b, "部门：%s\n", orDash(s.Department))
	fmt.Fprintf(&b, "年度：%s\n", yearName(s.Year))
	fmt.Fprintf(&b, "文件：%s（%s，%s，%s）\n", s.Title, s.formatName(), s.Kind, yearName(s.Year))
	fmt.Fprintf(&b, "读取的表格：%s\n", tablesRead(s.Tables))
	fmt.Fprintf(&b, "结果：%d 个错误，%d 个警告，%d 个提示\n", res.Count(check.Error), res.Count(check.Warning), res.Count(check.Info))
	for i, f := range res.Findings {
		fmt.Fprintf(&b, "\n%d. 【%s】%s %s\n", i+1, f.Severity.Label(), f.Rule, ruleTitle(f.Rule))
		fmt.Fprintf(&b, "   位置：%s\n", f.Location)
		fmt.Fprintf(&b, "   说明：%s\n", f.Message)
		switch {
		case f.Severity == check.Info && (f.Expected != "" || f.Actual != ""):
			// A remark is no error: its figures are what the figures add up to and what
			// is printed, and "应为" would invite a wrong fix.
			fmt.Fprintf(&b, "   计算所得：%s　文件印为：%s", orDash(f.Expected), orDash(f.Actual))
			if f.Difference != "" {
				fmt.Fprintf(&b, "　相差：%s", f.Difference)
			}
			b.WriteByte('\n')
		case f.Expected != "" || f.Actual != "":
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

// JSON writes {"document": …, "errors": …, "warnings": …, "infos": …, "findings": […]}.
func JSON(w io.Writer, s Summary, res check.Result) error {
	return encodeJSON(w, newDocumentJSON(s, res))
}

// documentJSON is a checked document in JSON, for one document and for many.
type documentJSON struct {
	Document Summary         `json:"document"`
	Errors   int             `json:"errors"`
	Warnings int             `json:"warnings"`
	Infos    int             `json:"infos"`
	Findings []check.Finding `json:"findings"`
}

func newDocumentJSON(s Summary, res check.Result) documentJSON {
	findings := res.Findings
	if findings == nil {
		findings = []check.Finding{}
	}
	return documentJSON{s, res.Count(check.Error), res.Count(check.Warning), res.Count(check.Info), findings}
}

func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// findingsSheet is the sheet with one row per finding.
const findingsSheet = "核对结果"

// XLSX writes the findings as one filterable sheet, with the document on a cover sheet.
func XLSX(w io.Writer, s Summary, res check.Result) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", findingsSheet); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	writeFindings(f, []Entry{{Summary: s, Result: res}}, false)

	const cover = "说明"
	f.NewSheet(cover)
	for i, kv := range [][2]string{
		{"部门", orDash(s.Department)}, {"年度", yearName(s.Year)}, {"文件", s.File}, {"标题", s.Title}, {"格式", s.formatName()}, {"类型", s.Kind},
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

// writeHeader writes a bold header row and sets the column widths.
func writeHeader(f *excelize.File, sheet string, header []string, widths []float64) {
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"DDDDDD"}, Pattern: 1},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	for i, h := range header {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		f.SetCellStr(sheet, cell, h)
		col, _ := excelize.ColumnNumberToName(i + 1)
		f.SetColWidth(sheet, col, col, widths[i])
	}
	last, _ := excelize.CoordinatesToCellName(len(header), 1)
	f.SetCellStyle(sheet, "A1", last, bold)
}

// writeFindings fills the findings sheet with the findings of the readable
// entries, numbered through; withFile adds a leading column naming the file.
func writeFindings(f *excelize.File, entries []Entry, withFile bool) {
	header := []string{"序号", "严重程度", "规则", "规则名称", "表格", "行", "列", "文字部分", "页", "行号", "句子", "说明", "应为", "实为", "差额"}
	widths := []float64{6, 9, 9, 28, 30, 28, 18, 28, 5, 6, 50, 60, 14, 14, 12}
	if withFile {
		header = append([]string{"文件"}, header...)
		widths = append([]float64{40}, widths...)
	}
	const sheet = findingsSheet
	writeHeader(f, sheet, header, widths)
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	row := 1
	for _, e := range entries {
		for _, fd := range e.Result.Findings {
			row++
			values := []string{fmt.Sprint(row - 1), fd.Severity.Label(), fd.Rule, ruleTitle(fd.Rule), fd.Location.Table, fd.Location.Row, fd.Location.Column,
				fd.Location.Part, pageOrEmpty(fd.Location.Page), pageOrEmpty(fd.Location.Line), fd.Location.Sentence, fd.Message, fd.Expected, fd.Actual, fd.Difference}
			if withFile {
				values = append([]string{e.Summary.File}, values...)
			}
			for j, v := range values {
				cell, _ := excelize.CoordinatesToCellName(j+1, row)
				// Strings only: text from a published document must never become a formula.
				f.SetCellStr(sheet, cell, v)
			}
			a, _ := excelize.CoordinatesToCellName(1, row)
			z, _ := excelize.CoordinatesToCellName(len(header), row)
			f.SetCellStyle(sheet, a, z, wrap)
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(header), row)
	f.AutoFilter(sheet, "A1:"+last, nil)
	f.SetPanes(sheet, &excelize.Panes{Freeze: true, Split: false, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
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
	b.WriteString("严重程度：\n\n")
	b.WriteString("- **错误**（退出码 1）：文件自相矛盾，超出四舍五入所能解释的范围。\n")
	b.WriteString("- **警告**：很可能有误，或无法核实（如不在已知科目表中的编码，每种分类每个文件只列一条）。\n")
	b.WriteString("- **提示**：四舍五入尾数、截尾、表述习惯等，不是错误。\n\n")
	b.WriteString("精度：每个数按它所印的精度比较。“尾数”指各单元格分别四舍五入造成的差异：n 个数相加，")
	b.WriteString("每个数最多相差其末位的半个单位——两位小数的表格为 (n+1)×0.005 个表格单位，整元的表格为 (n+1)×0.5 元。")
	b.WriteString("两张表所印精度不同（一张整元、一张万元两位小数）时，较细的数按较粗者的末位四舍五入后相等即为一致；")
	b.WriteString("文字中的数按文字所印的小数位比较（整数万元的文字与表中数四舍五入到整数）；")
	b.WriteString("较细的数恰在较粗者末位半个单位处时两边都算一致（它本身也是四舍五入所得）；只有截尾才相等的为提示（截尾而非四舍五入），不是错误。")
	b.WriteString("表内、表间、文字、“三公”经费和政府采购等所列各项都用这同一条规则；")
	b.WriteString("所述增减与占比用区间判断：只有所印精度内的任何数值都得不出所述的数时才报错误。")
	b.WriteString("各规则“容差”一栏写明它不应报告的情形。\n")
	cat := ""
	for _, r := range check.Rules() {
		if r.Category != cat {
			cat = r.Category
			fmt.Fprintf(&b, "\n## %s\n\n| 编号 | 规则 | 严重程度 | 容差 | 示例 |\n|---|---|---|---|---|\n", cat)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", r.ID, r.Title, r.Severity.Label(), r.Tolerance, r.Example)
	}
	b.WriteString("\n## 不核对的数字\n\n文件中以下几类数字没有表格、合计或增减可以核对，规则不检查它们；")
	b.WriteString("变异测试（每次改动一个数字，须引出新的错误）也只跳过这几类。\n\n| 类别 | 说明 | 示例 |\n|---|---|---|\n")
	for _, u := range check.Unverified() {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", u.ID, u.What, u.Example)
	}
	b.WriteString("\n## 已知的缺口\n\n")
	b.WriteString("- 拟购置固定资产的金额（如广州市人民政府办公厅“本年度拟购置固定资产64.52万元”）不核对：")
	b.WriteString("该文件中它等于表7 的 310 资本性支出，但购置计划由哪些表、哪些资金的 310 科目构成，文件不作说明，")
	b.WriteString("按某一张表核对会在别的文件中误报错误。变异测试把它列为已知漏检。\n")
	b.WriteString("- 文字中“类名-款名-项名”科目12.34万元、类名（204类）款名（06款）项名（05项）12.34万元两种写法")
	b.WriteString("（CODE-06、TXT-01）只有合成的测试：语料中的文件都不这样写。\n")
	_, err := io.WriteString(w, b.String())
	return err
}
