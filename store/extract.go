package store

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"yusuan/disclosure"
)

// tableRec is one table of a document as stored: its place and its amount cells.
type tableRec struct {
	seq, number int
	kind        disclosure.TableKind
	title       string
	cells       []cellRec
}

type cellRec struct {
	row, col            int
	code, name, key, hd string
	amount              int64
}

// extractTables lays out every table and keeps each cell that holds an amount,
// with the row's code, the nearest label to its left, and its column's key and
// header.
func extractTables(doc *disclosure.Document) []tableRec {
	var out []tableRec
	for seq, t := range doc.AllTables() {
		rec := tableRec{seq: seq + 1, number: t.Number, kind: t.Kind, title: clean(t.Title)}
		headers := columnHeaders(t)
		body := disclosure.Grid(t.BodyCells(), len(t.Columns))
		labels := spreadText(body)
		for r, row := range body {
			for _, p := range row {
				if p.Amount == nil {
					continue
				}
				c := cellRec{row: r + 1, col: p.Col + 1, code: clean(t.Rows[r].Code), amount: int64(*p.Amount)}
				c.name = rowLabel(t, labels, r, p.Col)
				if p.Col < len(t.Columns) {
					c.key = clean(t.Columns[p.Col].Key)
				}
				if p.Col < len(headers) {
					c.hd = headers[p.Col]
				}
				rec.cells = append(rec.cells, c)
			}
		}
		out = append(out, rec)
	}
	return out
}

// spreadText maps each grid position to the text of the cell covering it, so that
// a name spanning several rows labels each of them.
func spreadText(rows [][]disclosure.Placed) map[[2]int]string {
	m := map[[2]int]string{}
	for _, row := range rows {
		for _, p := range row {
			text := strings.TrimSpace(p.Text)
			if p.Amount != nil || text == "" {
				continue
			}
			for dr := 0; dr < max(p.RowSpan, 1); dr++ {
				for dc := 0; dc < max(p.ColSpan, 1); dc++ {
					m[[2]int{p.Row + dr, p.Col + dc}] = text
				}
			}
		}
	}
	return m
}

// rowLabel is the nearest text to the left of column col in row r that names
// something: code columns and numbers are passed over.
func rowLabel(t *disclosure.Table, labels map[[2]int]string, r, col int) string {
	for c := col - 1; c >= 0; c-- {
		if c < len(t.Columns) && t.Columns[c].Kind == disclosure.CodeCol {
			continue
		}
		text := labels[[2]int{r, c}]
		if text == "" || !hasLetter(text) {
			continue
		}
		return truncate(clean(text), maxTermRunes)
	}
	return ""
}

// columnHeaders names each leaf column by the header cells above it, top to
// bottom (收入/一般公共预算), without the spaces that laid-out text leaves inside.
func columnHeaders(t *disclosure.Table) []string {
	n := len(t.Columns)
	parts := make([][]string, n)
	for _, row := range disclosure.Grid(t.Header, n) {
		for _, p := range row {
			text := clean(strings.Join(strings.Fields(p.Text), ""))
			if text == "" {
				continue
			}
			for c := p.Col; c < p.Col+max(p.ColSpan, 1) && c < n; c++ {
				if k := len(parts[c]); k == 0 || parts[c][k-1] != text {
					parts[c] = append(parts[c], text)
				}
			}
		}
	}
	out := make([]string, n)
	for i, p := range parts {
		out[i] = truncate(strings.Join(p, "/"), maxTermRunes)
	}
	return out
}

// Search term kinds.
const (
	TermDepartment = "department"
	TermUnit       = "unit"
	TermProject    = "project"
)

// term is a unit or project name and the amount its row prints in the table's
// total column, the first time the name appears (nil when that row has none).
type term struct {
	kind, text string
	amount     *int64
}

// extractTerms returns the unit and project names a document shows: the unit a
// 单位预算 is about, the units its tables list, and the projects of its 项目支出总表
// and 重点项目 tables. Only what the disclosure prints can be found, so nothing
// classified is.
func extractTerms(doc *disclosure.Document, department string) []term {
	type key struct{ kind, text string }
	seen := map[key]bool{}
	var out []term
	add := func(kind, text string, amount *int64) {
		text = truncate(clean(strings.TrimSpace(text)), maxTermRunes)
		if text == "" || !hasLetter(text) || text == department || isTotal(text) {
			return
		}
		k := key{kind, text}
		if !seen[k] && len(out) < MaxTermsPerDoc {
			seen[k] = true
			out = append(out, term{kind, text, amount})
		}
	}
	add(TermUnit, doc.Subject, nil)
	for _, t := range doc.AllTables() {
		unitCol, projectCol, totalCol := column(t, "unit"), column(t, "project"), column(t, "total")
		if t.Kind == disclosure.KeyProjectTable && projectCol < 0 {
			projectCol = 0
		}
		if unitCol < 0 && projectCol < 0 {
			continue
		}
		for r, row := range disclosure.Grid(t.BodyCells(), len(t.Columns)) {
			if t.Rows[r].Kind == disclosure.TotalRow {
				continue
			}
			var amount *int64
			for _, p := range row {
				if p.Amount != nil && p.Col == totalCol {
					a := int64(*p.Amount)
					amount = &a
				}
			}
			for _, p := range row {
				// A name spanning rows heads several amounts, none of them its own.
				a := amount
				if p.RowSpan > 1 {
					a = nil
				}
				switch {
				case p.Amount != nil:
				case p.Col == unitCol:
					add(TermUnit, p.Text, a)
				case p.Col == projectCol:
					add(TermProject, p.Text, a)
				}
			}
		}
	}
	return out
}

func column(t *disclosure.Table, key string) int {
	for i, c := range t.Columns {
		if c.Key == key {
			return i
		}
	}
	return -1
}

func isTotal(s string) bool {
	s = strings.Join(strings.Fields(s), "")
	return s == "合计" || s == "总计" || s == "小计"
}

// hasLetter tells a name from a number or a dash.
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
