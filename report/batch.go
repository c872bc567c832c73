package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"yusuan/check"
)

// Entry is one document of a run over several files: a document that was read
// and checked, or a file that could not be read, with Err saying why in Chinese
// and Summary holding only the file name.
type Entry struct {
	Summary Summary
	Result  check.Result
	Err     error
}

// Totals counts a run's documents, their errors and warnings, and the files that
// could not be read.
type Totals struct {
	Documents  int `json:"documents"`
	Errors     int `json:"errors"`
	Warnings   int `json:"warnings"`
	Unreadable int `json:"unreadable"`
}

// TotalsOf adds up entries.
func TotalsOf(entries []Entry) Totals {
	t := Totals{Documents: len(entries)}
	for _, e := range entries {
		if e.Err != nil {
			t.Unreadable++
			continue
		}
		t.Errors += e.Result.Count(check.Error)
		t.Warnings += e.Result.Count(check.Warning)
	}
	return t
}

// TextAll writes each document's report as Text does, an unreadable file's
// reason in its place, and then a table summing them up.
func TextAll(w io.Writer, entries []Entry) error {
	var b strings.Builder
	for i, e := range entries {
		if i > 0 {
			b.WriteString("\n" + strings.Repeat("─", 40) + "\n\n")
		}
		if e.Err != nil {
			fmt.Fprintf(&b, "核对：%s\n无法读取：%v\n", e.Summary.File, e.Err)
			continue
		}
		if err := Text(&b, e.Summary, e.Result); err != nil {
			return err
		}
	}
	b.WriteString("\n" + strings.Repeat("═", 40) + "\n\n")
	writeOverview(&b, entries)
	_, err := io.WriteString(w, b.String())
	return err
}

// overviewHeader are the columns of the summary table, in text and in XLSX.
var overviewHeader = []string{"文件", "部门", "年度", "格式", "错误", "警告", "状态"}

// overviewRow is an entry's row of the summary table: strings, and ints for the
// year and the counts. An unreadable file has dashes for what was not read.
func overviewRow(e Entry) []any {
	if e.Err != nil {
		return []any{e.Summary.File, "—", "—", "—", "—", "—", "无法读取：" + shortReason(e.Summary.File, e.Err)}
	}
	s := e.Summary
	var year any = "—"
	if s.Year != 0 {
		year = s.Year
	}
	return []any{s.File, orDash(s.Department), year, orDash(s.formatName()),
		e.Result.Count(check.Error), e.Result.Count(check.Warning), "已核对"}
}

// writeOverview writes the totals and the summary table with columns aligned
// for a terminal, where a Chinese character takes two cells.
func writeOverview(b *strings.Builder, entries []Entry) {
	t := TotalsOf(entries)
	fmt.Fprintf(b, "汇总：%d 份文件，%d 个错误，%d 个警告", t.Documents, t.Errors, t.Warnings)
	if t.Unreadable > 0 {
		fmt.Fprintf(b, "，%d 份无法读取", t.Unreadable)
	}
	b.WriteString("\n\n")
	rows := [][]string{overviewHeader}
	for _, e := range entries {
		var row []string
		for _, v := range overviewRow(e) {
			row = append(row, fmt.Sprint(v))
		}
		rows = append(rows, row)
	}
	widths := make([]int, len(overviewHeader))
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], cellWidth(cell))
		}
	}
	for _, row := range rows {
		var line strings.Builder
		for i, cell := range row {
			pad := strings.Repeat(" ", widths[i]-cellWidth(cell))
			switch {
			case i == len(row)-1:
				line.WriteString(cell)
			case i == 2 || i == 4 || i == 5: // year and counts read best right-aligned
				line.WriteString(pad + cell + "  ")
			default:
				line.WriteString(cell + pad + "  ")
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
}

// cellWidth is how many terminal cells s takes: two for a Chinese character or
// full-width form, one for anything else.
func cellWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xff60) || (r >= 0xffe0 && r <= 0xffe6) {
			n++
		}
	}
	return n
}

// maxReason is how many characters of a reason the summary shows.
const maxReason = 40

// shortReason is the reason a file could not be read without the file's name,
// which the summary prints beside it, cut to maxReason characters.
func shortReason(file string, err error) string {
	r := err.Error()
	for _, name := range []string{file, filepath.Base(file)} {
		r = strings.ReplaceAll(r, "文件 "+name, "")
		r = strings.ReplaceAll(r, name, "")
	}
	r = strings.TrimLeft(strings.TrimSpace(r), "：:，, ")
	if rs := []rune(r); len(rs) > maxReason {
		r = string(rs[:maxReason-1]) + "…"
	}
	return r
}

// unreadableJSON is a file that could not be read.
type unreadableJSON struct {
	Document struct {
		File string `json:"file"`
	} `json:"document"`
	Error string `json:"error"`
}

// JSONAll writes {"documents": […], "summary": {…}}: each document as JSON
// writes one, and an unreadable file as {"document": {"file": …}, "error": …}.
func JSONAll(w io.Writer, entries []Entry) error {
	docs := make([]any, len(entries))
	for i, e := range entries {
		if e.Err != nil {
			var u unreadableJSON
			u.Document.File = e.Summary.File
			u.Error = e.Err.Error()
			docs[i] = u
			continue
		}
		docs[i] = newDocumentJSON(e.Summary, e.Result)
	}
	return encodeJSON(w, struct {
		Documents []any  `json:"documents"`
		Summary   Totals `json:"summary"`
	}{docs, TotalsOf(entries)})
}

// XLSXAll writes a workbook with a 汇总 sheet, one row per document with the
// columns of the text summary, and the findings of all documents on one sheet
// whose first column names the file.
func XLSXAll(w io.Writer, entries []Entry) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "汇总"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	writeHeader(f, sheet, overviewHeader, []float64{50, 30, 8, 20, 8, 8, 50})
	for i, e := range entries {
		for j, v := range overviewRow(e) {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
			// Years and counts as numbers, so that they sort and add up;
			// text as strings, never formulas.
			switch v := v.(type) {
			case int:
				f.SetCellInt(sheet, cell, int64(v))
			case string:
				f.SetCellStr(sheet, cell, v)
			}
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(overviewHeader), len(entries)+1)
	f.AutoFilter(sheet, "A1:"+last, nil)
	f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	if _, err := f.NewSheet(findingsSheet); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	writeFindings(f, entries, true)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}
