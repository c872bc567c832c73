package reader

import (
	"fmt"
	"regexp"
	"strings"

	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/profile/shenzhen"
)

var (
	partRe       = regexp.MustCompile(`^第([一二三四五六七八九十]+)部分\s*(.*)$`)
	tableMarkRe  = regexp.MustCompile(`^表\s*([0-9]+)$`)
	headingRe    = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)`)
	listItemRe   = regexp.MustCompile(`^[0-9]+[.．、]`)
	amountTextRe = regexp.MustCompile(`^-?[0-9][0-9,]*(?:\.[0-9]+)?$`)
	codeTextRe   = regexp.MustCompile(`^[0-9]{3}(?:[0-9]{2}){0,2}$`)
)

// line is one line of the input with its 1-based number, markdown marks removed.
type line struct {
	no   int
	text string
}

// clean removes the markdown marks that text taken from PDFs often carries.
func clean(s string) string {
	s = strings.TrimRight(s, " \r")
	t := strings.TrimLeft(s, " ")
	t = strings.TrimLeft(t, "#")
	t = strings.TrimPrefix(strings.TrimSpace(t), "- ")
	t = strings.ReplaceAll(t, "**", "")
	if strings.Contains(s, "\t") {
		return strings.ReplaceAll(s, "**", "")
	}
	return strings.TrimSpace(t)
}

func readTabText(name, text string) (*disclosure.Document, error) {
	var lines []line
	for i, l := range strings.Split(text, "\n") {
		lines = append(lines, line{no: i + 1, text: clean(l)})
	}
	doc := &disclosure.Document{Profile: "shenzhen", Unit: money.UnitWan}

	// The title is the first lines before the 目录 or the first part.
	var title []string
	i := 0
	for ; i < len(lines); i++ {
		t := lines[i].text
		if t == "" {
			if len(title) > 0 && strings.Contains(strings.Join(title, ""), "预算") || strings.Contains(strings.Join(title, ""), "决算") {
				break
			}
			continue
		}
		if isContentsHeading(t) || partRe.MatchString(t) {
			break
		}
		title = append(title, strings.TrimSpace(t))
	}
	doc.Title = spacesRe.ReplaceAllString(strings.Join(title, ""), "")
	kind, err := docKind(name, doc.Title)
	if err != nil {
		return nil, err
	}
	doc.Kind = kind
	if m := yearRe.FindStringSubmatch(doc.Title); m != nil {
		fmt.Sscan(m[1], &doc.Year)
	} else {
		return nil, fmt.Errorf("文件 %s 的标题“%s”中没有预算年度", name, doc.Title)
	}
	doc.Subject = strings.TrimSuffix(strings.TrimSuffix(yearRe.ReplaceAllString(doc.Title, ""), "部门预算"), "单位预算")

	// Find where the text and the tables start: their headings appear twice when the
	// document has a 目录, and the sections proper are the last ones.
	textStart, tableStart := -1, len(lines)
	for j := i; j < len(lines); j++ {
		t := spacesRe.ReplaceAllString(lines[j].text, "")
		switch {
		case strings.HasSuffix(t, "文字部分") && len(t) < 30:
			textStart = j
		case strings.HasSuffix(t, "表格部分") && len(t) < 30:
			tableStart = j
		}
	}
	if textStart < 0 {
		textStart = i
	}
	if tableStart < textStart {
		tableStart = len(lines) // a 表格部分 line before the 文字部分: no tables
	}
	for j := i; j < textStart; j++ {
		if t := strings.TrimSpace(lines[j].text); t != "" && !isContentsHeading(t) {
			doc.Contents = append(doc.Contents, t)
		}
	}
	doc.Parts = readParts(lines[textStart:tableStart])
	tables, err := readTables(name, lines[min(tableStart, len(lines)):])
	if err != nil {
		return nil, err
	}
	doc.Tables = tables
	for _, t := range doc.Tables {
		if t.Entity != "" && doc.Subject == "" {
			doc.Subject = t.Entity
		}
	}
	doc.Department = supervisor(doc.Tables)
	return doc, nil
}

// supervisor finds the 主管部门 that 表12 names next to its label.
func supervisor(tables []*disclosure.Table) string {
	for _, t := range tables {
		if t.Kind != disclosure.PerformanceTable {
			continue
		}
		for _, r := range t.Rows {
			for i, c := range r.Cells {
				if spacesRe.ReplaceAllString(c.Text, "") == "主管部门" {
					for _, next := range r.Cells[i+1:] {
						if name := strings.TrimSpace(next.Text); name != "" {
							return name
						}
					}
				}
			}
		}
	}
	return ""
}

func isContentsHeading(t string) bool {
	return spacesRe.ReplaceAllString(t, "") == "目录"
}

// readParts rebuilds the narrative: parts, headings, paragraphs joined across the
// line breaks of the PDF, list items, notes and the project table.
func readParts(lines []line) []disclosure.Part {
	var parts []disclosure.Part
	var cur *disclosure.Part
	var para []string
	paraStart := 0
	flush := func() {
		if cur == nil || len(para) == 0 {
			para = nil
			return
		}
		text := strings.Join(para, "")
		kind := disclosure.Paragraph
		switch {
		case listItemRe.MatchString(text):
			kind = disclosure.ListItem
		case strings.HasPrefix(text, "备注") || strings.HasPrefix(text, "注："):
			kind = disclosure.Note
		}
		cur.Blocks = append(cur.Blocks, disclosure.Block{Kind: kind, Text: text, Pos: disclosure.Pos{Line: paraStart}})
		para = nil
	}
	var table *disclosure.Table
	for _, l := range lines {
		t := l.text
		if strings.Contains(t, "\t") && cur != nil {
			flush()
			if table == nil {
				table = keyProjectShell()
				table.Pos = disclosure.Pos{Line: l.no}
				cur.Blocks = append(cur.Blocks, disclosure.Block{Kind: disclosure.TableRef, Table: table, Pos: table.Pos})
				continue // the header row
			}
			table.Rows = append(table.Rows, tableRow(table, strings.Split(t, "\t"), l.no))
			continue
		}
		if t == "" {
			continue
		}
		table = nil
		if m := partRe.FindStringSubmatch(spacesRe.ReplaceAllString(t, "")); m != nil {
			flush()
			parts = append(parts, disclosure.Part{Number: chineseToInt(m[1]), Title: m[2]})
			cur = &parts[len(parts)-1]
			continue
		}
		if cur == nil {
			continue
		}
		compact := strings.TrimSpace(t)
		if headingRe.MatchString(compact) && !strings.ContainsAny(compact, "。：:") && len([]rune(compact)) < 40 {
			flush()
			cur.Blocks = append(cur.Blocks, disclosure.Block{Kind: disclosure.Heading, Text: compact, Pos: disclosure.Pos{Line: l.no}})
			continue
		}
		if len(para) > 0 && (listItemRe.MatchString(compact) || strings.HasPrefix(compact, "备注") || strings.HasPrefix(compact, "（")) {
			flush()
		}
		if len(para) == 0 {
			paraStart = l.no
		}
		para = append(para, compact)
		if strings.HasSuffix(compact, "。") || strings.HasSuffix(compact, "：") || strings.HasSuffix(compact, "；") {
			flush()
		}
	}
	flush()
	return parts
}

func keyProjectShell() *disclosure.Table {
	for _, s := range shenzhen.Shells() {
		if s.Kind == disclosure.KeyProjectTable {
			return s
		}
	}
	return &disclosure.Table{Kind: disclosure.KeyProjectTable, Unit: money.UnitWan}
}

// chineseToInt reads 一 … 十九.
func chineseToInt(s string) int {
	digits := map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	n, cur := 0, 0
	for _, r := range s {
		if r == '十' {
			if cur == 0 {
				cur = 1
			}
			n += cur * 10
			cur = 0
			continue
		}
		cur = digits[r]
	}
	return n + cur
}

// matchShell finds the profile's table for a printed title: the same title, a known
// variant, the longest title the printed one ends with, or else the printed number.
func matchShell(shells []*disclosure.Table, title string, number int) *disclosure.Table {
	t := spacesRe.ReplaceAllString(title, "")
	t = strings.NewReplacer("(", "（", ")", "）", "\"", "“").Replace(t)
	for _, s := range shells {
		if s.Number > 0 && t == s.Title {
			return s
		}
	}
	aliases := map[string]int{"政府预算拨款收支总表": 6, "整体支出绩效目标表": 12}
	for alias, n := range aliases {
		if strings.HasSuffix(t, alias) {
			number = n
		}
	}
	var best *disclosure.Table
	for _, s := range shells {
		if s.Number > 0 && strings.HasSuffix(t, s.Title) && (best == nil || len(s.Title) > len(best.Title)) {
			best = s
		}
	}
	for _, s := range shells {
		if s.Number == number && number > 0 && (best == nil || aliases[t] > 0 || strings.HasSuffix(t, "整体支出绩效目标表")) {
			return s
		}
	}
	return best
}

// readTables lays each table's tab-separated rows onto the profile's shell of the
// same title, joining the pages of a table that breaks across pages.
func readTables(name string, lines []line) ([]*disclosure.Table, error) {
	shells := shenzhen.Shells()
	var tables []*disclosure.Table
	byNumber := map[int]*disclosure.Table{}
	headerRows := map[int][]string{}
	var cur *disclosure.Table
	var pendingNumber, pendingLine int
	inHeader := false
	for _, l := range lines {
		t := strings.TrimSpace(l.text)
		if m := tableMarkRe.FindStringSubmatch(spacesRe.ReplaceAllString(t, "")); m != nil {
			fmt.Sscan(m[1], &pendingNumber)
			pendingLine = l.no
			cur = nil
			continue
		}
		if t == "" {
			continue
		}
		if pendingNumber > 0 && !strings.Contains(l.text, "\t") {
			// The title follows the 表N mark.
			shell := matchShell(shells, t, pendingNumber)
			if shell == nil {
				return nil, fmt.Errorf("文件 %s 第 %d 行：不认识的表格“%s”（表%d）", name, l.no, t, pendingNumber)
			}
			if prev := byNumber[shell.Number]; prev != nil {
				cur = prev // a continuation page
			} else {
				tbl := *shell
				tbl.Title = shell.Title
				tbl.Pos = disclosure.Pos{Line: pendingLine}
				cur = &tbl
				byNumber[shell.Number] = cur
				tables = append(tables, cur)
			}
			inHeader = true
			pendingNumber = 0
			continue
		}
		if cur == nil {
			continue
		}
		if !strings.Contains(l.text, "\t") {
			switch {
			case strings.HasPrefix(t, "部门名称") || strings.HasPrefix(t, "单位名称"):
				label, entity, _ := strings.Cut(strings.NewReplacer(":", "：").Replace(t), "：")
				cur.EntityLabel, cur.Entity = strings.TrimSpace(label), strings.TrimSpace(entity)
			case strings.HasPrefix(t, "单位："), strings.HasPrefix(t, "单位:"), strings.HasPrefix(t, "金额单位"):
				if strings.Contains(t, "万元") {
					cur.Unit = money.UnitWan
				} else if strings.Contains(t, "元") {
					cur.Unit = money.UnitYuan
				}
			case yearRe.MatchString(t) && strings.HasSuffix(spacesRe.ReplaceAllString(t, ""), "年度"):
				cur.Period = spacesRe.ReplaceAllString(t, "")
			case strings.HasPrefix(t, "注") || strings.HasPrefix(t, "备注") || strings.Contains(t, "尾数误差"):
				cur.Notes = append(cur.Notes, t)
			}
			continue
		}
		cells := strings.Split(l.text, "\t")
		key := strings.Join(strings.Fields(strings.Join(cells, "|")), "")
		if inHeader {
			seen := headerRows[cur.Number]
			isHeader := len(cur.Rows) == 0 && len(seen) < len(shellHeaderRows(shells, cur.Number)) && !hasAmount(cells)
			if isHeader {
				if len(seen) == 0 {
					cur.Header = nil // the document's own header replaces the profile's
				}
				headerRows[cur.Number] = append(seen, key)
				cur.Header = append(cur.Header, headerCells(cells))
				continue
			}
			if containsStr(seen, key) {
				continue // the header repeated on a continuation page
			}
			inHeader = false
		}
		cur.Rows = append(cur.Rows, tableRow(cur, cells, l.no))
	}
	for _, t := range tables {
		markRows(t)
	}
	return tables, nil
}

func shellHeaderRows(shells []*disclosure.Table, number int) [][]disclosure.Cell {
	for _, s := range shells {
		if s.Number == number {
			return s.Header
		}
	}
	return nil
}

// headerCells keeps a printed header row as it is; the empty cells that merged
// headers leave behind stay empty.
func headerCells(cells []string) []disclosure.Cell {
	out := make([]disclosure.Cell, len(cells))
	for i, c := range cells {
		out[i] = disclosure.T(strings.TrimSpace(c))
	}
	return out
}

func hasAmount(cells []string) bool {
	for _, c := range cells {
		if amountTextRe.MatchString(strings.Join(strings.Fields(c), "")) && strings.Contains(c, ".") {
			return true
		}
	}
	return false
}

func containsStr(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}

// tableRow turns tab-separated cells into a row of t: amounts parsed in the table's
// unit, a code column's code kept on the row.
func tableRow(t *disclosure.Table, cells []string, no int) disclosure.Row {
	for len(cells) > len(t.Columns) && strings.TrimSpace(cells[len(cells)-1]) == "" {
		cells = cells[:len(cells)-1]
	}
	row := disclosure.Row{Pos: disclosure.Pos{Line: no}}
	unit := t.Unit
	if unit == "" {
		unit = money.UnitWan
	}
	for i, raw := range cells {
		text := strings.TrimSpace(raw)
		compact := strings.Join(strings.Fields(text), "")
		var kind disclosure.ColumnKind
		if i < len(t.Columns) {
			kind = t.Columns[i].Kind
		}
		cell := disclosure.Cell{Text: text}
		switch {
		case kind == disclosure.AmountCol && amountTextRe.MatchString(compact):
			if a, err := money.Parse(compact, unit); err == nil {
				cell = disclosure.A(a)
			}
		case kind == disclosure.CodeCol && codeTextRe.MatchString(compact):
			row.Code = compact
			cell.Text = compact
		}
		row.Cells = append(row.Cells, cell)
	}
	for len(row.Cells) < len(t.Columns) {
		row.Cells = append(row.Cells, disclosure.T(""))
	}
	return row
}

// markRows marks total rows the checks rely on.
func markRows(t *disclosure.Table) {
	for i := range t.Rows {
		if len(t.Rows[i].Cells) > 0 && spacesRe.ReplaceAllString(t.Rows[i].Cells[0].Text, "") == "合计" {
			t.Rows[i].Kind = disclosure.TotalRow
		}
	}
}
