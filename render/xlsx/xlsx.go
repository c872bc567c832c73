// Package xlsx renders a disclosure.Document as an Excel workbook: a cover sheet, the
// narrative, then one sheet per table laid out and set up for printing like the
// published table. It owns the workbook's layout and styles, and nothing else.
package xlsx

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"yusuan/disclosure"
	"yusuan/money"
)

// The first sheets: the cover, which lists the tables, and the narrative. Readers
// find a workbook's parts by these names.
const (
	CoverSheet     = "说明"
	NarrativeSheet = "文字部分"
)

// Rows above a table's header: the label (表1), the title, then 部门名称 and 单位.
const (
	labelRow = 1
	titleRow = 2
	metaRow  = 3
	headRow  = 4 // first header row
)

// Write renders doc as an XLSX workbook to w: the cover, the narrative on the sheet
// NarrativeSheet when there is one, then one sheet per table; or, for a document
// whose Workbook is disclosure.TemplateWorkbook, laid out like its official template.
func Write(w io.Writer, doc *disclosure.Document) error {
	if doc == nil {
		doc = &disclosure.Document{}
	}
	f := excelize.NewFile()
	defer f.Close()
	// The first sheet is the one shown on opening. Set now, while it is the only
	// one: afterwards excelize would read every streamed sheet back to set it.
	f.SetActiveSheet(0)
	b := &book{f: f, styles: map[styleKey]int{}}

	if doc.Workbook == disclosure.TemplateWorkbook {
		if err := b.writeTemplate(doc); err != nil {
			return chinese(err)
		}
		return finish(w, f, doc)
	}
	var tables []*disclosure.Table
	for _, t := range doc.Tables {
		if t != nil {
			tables = append(tables, t)
		}
	}
	names := sheetNames(tables)
	if err := f.SetSheetName("Sheet1", CoverSheet); err != nil {
		return fmt.Errorf("工作表“%s”：%w", CoverSheet, chinese(err))
	}
	if err := b.writeCover(doc, tables, names); err != nil {
		return fmt.Errorf("工作表“%s”：%w", CoverSheet, chinese(err))
	}
	if len(doc.Parts) > 0 {
		if _, err := f.NewSheet(NarrativeSheet); err != nil {
			return fmt.Errorf("工作表“%s”：%w", NarrativeSheet, chinese(err))
		}
		if err := b.writeNarrative(doc.Parts); err != nil {
			return fmt.Errorf("工作表“%s”：%w", NarrativeSheet, chinese(err))
		}
	}
	for i, t := range tables {
		if _, err := f.NewSheet(names[i]); err != nil {
			return fmt.Errorf("工作表“%s”：%w", names[i], chinese(err))
		}
		if err := b.writeTable(names[i], t); err != nil {
			return fmt.Errorf("工作表“%s”：%w", names[i], chinese(err))
		}
	}
	return finish(w, f, doc)
}

// finish sets the workbook's properties and writes it to w.
func finish(w io.Writer, f *excelize.File, doc *disclosure.Document) error {
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:    doc.Title,
		Subject:  doc.Subject,
		Creator:  "yusuan",
		Language: "zh-CN",
	}); err != nil {
		return fmt.Errorf("文档属性：%w", chinese(err))
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("写出文件失败：%w", err)
	}
	return nil
}

type book struct {
	f      *excelize.File
	styles map[styleKey]int
	// grid is the last table placed on the grid (grids).
	grid struct {
		t          *disclosure.Table
		head, body [][]disclosure.Placed
	}
}

// grids places t's header and body on the grid. A table's layout and the writing
// of its cells both need them, and placing a long table's takes a tenth of the
// workbook's time, so the last table's are kept.
func (b *book) grids(t *disclosure.Table) (head, body [][]disclosure.Placed) {
	if b.grid.t != t {
		b.grid.t, b.grid.head, b.grid.body = t, disclosure.Grid(t.Header, len(t.Columns)), disclosure.Grid(t.BodyCells(), len(t.Columns))
	}
	return b.grid.head, b.grid.body
}

// layOut places a table's header and body on the grid and gives its sheet's column
// widths and kinds; firstRow is the sheet row where its header starts, to refuse a
// table larger than a sheet.
func (b *book) layOut(t *disclosure.Table, firstRow int) (head, body [][]disclosure.Placed, widths []float64, kinds []disclosure.ColumnKind, err error) {
	head, body = b.grids(t)
	n := max(len(t.Columns), disclosure.GridWidth(head), disclosure.GridWidth(body), 1)
	if n > excelize.MaxColumns || firstRow+len(head)+len(body)+len(t.Notes) > excelize.TotalRows {
		return nil, nil, nil, nil, &tableSizeError{Cols: n, Rows: firstRow + len(head) + len(body) + len(t.Notes)}
	}
	widths = make([]float64, n)
	kinds = make([]disclosure.ColumnKind, n)
	for c := range n {
		col := column(t, c)
		kinds[c], widths[c] = col.Kind, columnWidth(col)
	}
	return head, body, widths, kinds, nil
}

// tableSheet sets sheet sh up for printing t, whose header ends at sheet row
// lastHead, and starts streaming its rows in columns as wide as widths.
func (b *book) tableSheet(sh string, t *disclosure.Table, lastHead int, widths []float64) (*sheet, error) {
	if err := b.pageSetup(sh, t, lastHead); err != nil {
		return nil, err
	}
	s, err := b.streamSheet(sh)
	if err != nil {
		return nil, err
	}
	for c, w := range widths {
		if err := s.colWidth(c, w); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// writeTable lays one table out on its sheet: label, title, entity and unit, header,
// body and notes, set up for printing.
func (b *book) writeTable(sh string, t *disclosure.Table) error {
	head, body, widths, kinds, err := b.layOut(t, headRow)
	if err != nil {
		return err
	}
	n := len(widths)
	s, err := b.tableSheet(sh, t, headRow+len(head)-1, widths)
	if err != nil {
		return err
	}
	// Label, title and the line under it.
	if err := b.put(s, 0, labelRow, t.Label(), styleKey{role: roleLabel}); err != nil {
		return err
	}
	if err := b.span(s, 0, titleRow, n, 1, styleKey{role: roleTitle}); err != nil {
		return err
	}
	if err := b.put(s, 0, titleRow, t.Title, styleKey{role: roleTitle}); err != nil {
		return err
	}
	if err := s.height(titleRow, max(24, textHeight(t.Title, sum(widths), 18))); err != nil {
		return err
	}
	if err := b.writeMeta(s, t, n); err != nil {
		return err
	}

	firstBody, err := b.writeGrid(s, t, headRow, widths, kinds)
	if err != nil {
		return err
	}

	// Notes, each across the table's width.
	row := firstBody + len(body)
	for _, note := range t.Notes {
		if err := b.span(s, 0, row, n, 1, styleKey{role: roleNote}); err != nil {
			return err
		}
		if err := b.put(s, 0, row, note, styleKey{role: roleNote}); err != nil {
			return err
		}
		if err := s.height(row, max(18, textHeight(note, sum(widths), 15))); err != nil {
			return err
		}
		row++
	}
	return s.close()
}

// writeGrid writes t's header from sheet row r0 and its body below, in columns as
// wide as widths, and returns the first body row. The narrative's tables use it too.
// Each row is written as soon as its cells are placed.
func (b *book) writeGrid(s *sheet, t *disclosure.Table, r0 int, widths []float64, kinds []disclosure.ColumnKind) (int, error) {
	n := len(widths)
	head, body := b.grids(t)
	defer func() { s.fill.r0, s.fill.r1 = 0, 0 }()

	// The header: every position has the header style, so that the borders of
	// merged and missing cells are drawn too.
	hs, err := b.style(styleKey{role: roleHead})
	if err != nil {
		return 0, err
	}
	firstBody := r0 + len(head)
	s.fill.r0, s.fill.r1, s.fill.n, s.fill.style = r0, firstBody-1, n, hs
	for r, row := range head {
		height := 0.0
		for _, p := range row {
			cs, rs := p.Clamp(n)
			if err := b.cell(s, r0, p, cs, rs, hs, hs, t.Unit); err != nil {
				return 0, err
			}
			need := textHeight(p.Display(t.Unit), spanWidth(widths, p.Col, cs), 15) / float64(rs)
			height = max(height, need)
		}
		if err := s.height(r0+r, max(height, 20)); err != nil {
			return 0, err
		}
		if err := s.flush(r0 + r + 1); err != nil {
			return 0, err
		}
	}
	if err := s.flush(firstBody); err != nil {
		return 0, err
	}

	// The body: an ordinary bordered cell everywhere, unless a cell has its own style.
	base, err := b.style(styleKey{role: roleText})
	if err != nil {
		return 0, err
	}
	s.fill.r0, s.fill.r1, s.fill.n, s.fill.style = firstBody, firstBody+len(body)-1, n, base
	for r, row := range body {
		bold := t.Rows[r].Kind == disclosure.TotalRow
		height := 0.0
		for _, p := range row {
			cs, rs := p.Clamp(n)
			k := styleKey{role: roleText, bold: bold, indent: min(max(p.Indent, 0), maxIndent)}
			switch {
			case p.Amount != nil || (kinds[p.Col] == disclosure.AmountCol && p.Text == ""):
				k = styleKey{role: roleAmount, bold: bold}
			case kinds[p.Col] == disclosure.CodeCol:
				k = styleKey{role: roleCode, bold: bold}
			}
			id, err := b.style(k)
			if err != nil {
				return 0, err
			}
			if err := b.cell(s, firstBody, p, cs, rs, id, base, t.Unit); err != nil {
				return 0, err
			}
			text := p.Display(t.Unit)
			need := textHeight(strings.Repeat("　", k.indent)+text, spanWidth(widths, p.Col, cs), 15) / float64(rs)
			height = max(height, need)
		}
		if height > 18 {
			if err := s.height(firstBody+r, height); err != nil {
				return 0, err
			}
		}
		if err := s.flush(firstBody + r + 1); err != nil {
			return 0, err
		}
	}
	return firstBody, s.flush(firstBody + len(body))
}

// writeMeta writes 部门名称 at the left, 单位 at the right and the period between them.
func (b *book) writeMeta(s *sheet, t *disclosure.Table, n int) error {
	var entity, unit string
	if t.Entity != "" {
		label := t.EntityLabel
		if label == "" {
			label = "部门名称"
		}
		entity = label + "：" + t.Entity
	}
	if t.Unit != "" {
		unit = "单位：" + string(t.Unit)
	}
	parts := []struct {
		col  int
		text string
		role role
	}{{0, entity, roleMeta}, {n / 2, t.Period, roleMetaCenter}, {n - 1, unit, roleMetaRight}}
	if n < 3 {
		// Too few columns to keep them apart: one line, left.
		parts = parts[:1]
		parts[0].text = strings.Join(nonEmpty(entity, t.Period, unit), "　　")
	}
	for _, p := range parts {
		if p.text == "" {
			continue
		}
		if err := b.put(s, p.col, metaRow, p.text, styleKey{role: p.role}); err != nil {
			return err
		}
	}
	return nil
}

// pageSetup prints the table on A4, one page wide, with the rows down to lastHead
// repeated on every page as the published tables do, and freezes them on screen.
func (b *book) pageSetup(sh string, t *disclosure.Table, lastHead int) error {
	f := b.f
	size, orient, fitWide, fitTall := 9, "portrait", 1, 0
	if t.Wide {
		orient = "landscape"
	}
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orient, FitToWidth: &fitWide, FitToHeight: &fitTall,
	}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	cm15, cm08, centre := 1.5/2.54, 0.8/2.54, true
	if err := f.SetPageMargins(sh, &excelize.PageLayoutMarginsOptions{
		Top: &cm15, Bottom: &cm15, Left: &cm15, Right: &cm15, Header: &cm08, Footer: &cm08, Horizontally: &centre,
	}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sh, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页，共 &N 页"}); err != nil {
		return err
	}
	grid := false
	if err := f.SetSheetView(sh, 0, &excelize.ViewOptions{ShowGridLines: &grid}); err != nil {
		return err
	}
	if lastHead < headRow {
		return nil
	}
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("%s!$%d:$%d", quoteSheet(sh), labelRow, lastHead),
		Scope:    sh,
	}); err != nil {
		return err
	}
	return f.SetPanes(sh, &excelize.Panes{
		Freeze: true, YSplit: lastHead, TopLeftCell: ref(0, lastHead+1), ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: ref(0, lastHead+1), ActiveCell: ref(0, lastHead+1), Pane: "bottomLeft"}},
	})
}

// writeCover fills the first sheet: the document's title, subject and year, and a
// list of the tables linked to their sheets.
func (b *book) writeCover(doc *disclosure.Document, tables []*disclosure.Table, names []string) error {
	f, sh := b.f, CoverSheet
	s := b.modelSheet(sh)
	if err := s.colWidth(0, 12); err != nil {
		return err
	}
	if err := s.colWidth(1, 70); err != nil {
		return err
	}
	title := doc.Title
	if title == "" {
		title = "部门预算公开"
	}
	if err := b.span(s, 0, 1, 2, 1, styleKey{role: roleCoverTitle}); err != nil {
		return err
	}
	if err := b.put(s, 0, 1, title, styleKey{role: roleCoverTitle}); err != nil {
		return err
	}
	if err := s.height(1, max(30, textHeight(title, 82, 24))); err != nil {
		return err
	}
	row := 3
	facts := [][2]string{{"公开主体", doc.Subject}, {"主管部门", doc.Department}, {"公开类型", doc.Kind}}
	if doc.Year > 0 {
		facts = append(facts, [2]string{"预算年度", strconv.Itoa(doc.Year) + "年"})
	}
	for _, kv := range facts {
		if kv[1] == "" {
			continue
		}
		if err := b.put(s, 0, row, kv[0]+"：", styleKey{role: roleMeta}); err != nil {
			return err
		}
		if err := b.put(s, 1, row, kv[1], styleKey{role: roleMeta}); err != nil {
			return err
		}
		row++
	}
	row++
	if err := b.put(s, 0, row, "表格目录", styleKey{role: roleLabel, bold: true}); err != nil {
		return err
	}
	row++
	var links []int // the rows of the tables' links
	for _, t := range tables {
		label := t.Label()
		if label == "" {
			label = "表"
		}
		if err := b.put(s, 0, row, label, styleKey{role: roleMeta}); err != nil {
			return err
		}
		if err := b.put(s, 1, row, t.Title, styleKey{role: roleLink}); err != nil {
			return err
		}
		links = append(links, row)
		row++
	}
	row++
	for _, note := range doc.Notes {
		if err := b.span(s, 0, row, 2, 1, styleKey{role: roleNote}); err != nil {
			return err
		}
		if err := b.put(s, 0, row, note, styleKey{role: roleNote}); err != nil {
			return err
		}
		row++
	}
	if err := s.close(); err != nil {
		return err
	}
	for i, row := range links {
		if err := f.SetCellHyperLink(sh, ref(1, row), quoteSheet(names[i])+"!A1", "Location"); err != nil {
			return err
		}
	}
	size, orient := 9, "portrait"
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient}); err != nil {
		return err
	}
	grid := false
	return f.SetSheetView(sh, 0, &excelize.ViewOptions{ShowGridLines: &grid})
}

// cell writes one placed cell whose grid rows start at sheet row r0: amounts as
// numbers, text as strings, merged over its span, in style unless that is has: the
// style its whole range already has (most cells of a long table).
func (b *book) cell(s *sheet, r0 int, p disclosure.Placed, cs, rs, style, has int, u money.Unit) error {
	row := r0 + p.Row
	if cs > 1 || rs > 1 {
		if err := s.merge(p.Col, row, p.Col+cs-1, row+rs-1); err != nil {
			return err
		}
	}
	if style != has {
		if err := s.style(p.Col, row, p.Col+cs-1, row+rs-1, style); err != nil {
			return err
		}
	}
	if p.Amount != nil {
		// The hundredths are exact integers; the float exists only to hand them to
		// Excel, which shows them with two decimals, so the cell holds what the
		// other formats print.
		return s.set(p.Col, row, float64(p.Amount.Hundredths(u))/100, style)
	}
	if p.Text == "" {
		return nil
	}
	if err := fitsCell(ref(p.Col, row), p.Text); err != nil {
		return err
	}
	// A string, never a formula: text from users must not become one.
	return s.set(p.Col, row, p.Text, style)
}

// put writes text at a position with a style.
func (b *book) put(s *sheet, col, row int, text string, k styleKey) error {
	id, err := b.style(k)
	if err != nil {
		return err
	}
	if text == "" {
		return s.style(col, row, col, row, id)
	}
	if err := fitsCell(ref(col, row), text); err != nil {
		return err
	}
	return s.set(col, row, text, id)
}

// span merges cs columns and rs rows from a position and styles them.
func (b *book) span(s *sheet, col, row, cs, rs int, k styleKey) error {
	id, err := b.style(k)
	if err != nil {
		return err
	}
	if cs > 1 || rs > 1 {
		if err := s.merge(col, row, col+cs-1, row+rs-1); err != nil {
			return err
		}
	}
	return s.style(col, row, col+cs-1, row+rs-1, id)
}

// ref names the cell at a 0-based column and a 1-based row; writeTable has checked
// that the table fits on a sheet.
func ref(col, row int) string {
	name, _ := excelize.ColumnNumberToName(col + 1)
	return name + strconv.Itoa(row)
}

// quoteSheet quotes a sheet name for a formula or a defined name.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// sheetNames gives each table a sheet name like 表1 收支总表 that Excel accepts: at
// most 31 characters, none of []:*?/\, not quoted, and unique regardless of case.
func sheetNames(tables []*disclosure.Table) []string {
	used := map[string]bool{strings.ToLower(CoverSheet): true, strings.ToLower(NarrativeSheet): true}
	names := make([]string, len(tables))
	for i, t := range tables {
		base := strings.TrimSpace(strings.TrimSpace(t.Label() + " " + t.Title))
		base = strings.Map(func(r rune) rune {
			if full, ok := fullWidth[r]; ok {
				return full
			}
			return r
		}, base)
		base = strings.Trim(base, "' ")
		if base == "" {
			base = "表" + strconv.Itoa(i+1)
		}
		name := truncate(base, 31)
		for k := 2; used[strings.ToLower(name)]; k++ {
			suffix := "(" + strconv.Itoa(k) + ")"
			name = strings.TrimRight(truncate(base, 31-len(suffix)), "' ") + suffix
		}
		used[strings.ToLower(name)] = true
		names[i] = name
	}
	return names
}

// fullWidth replaces the characters Excel forbids in sheet names with their
// full-width forms, which read the same in Chinese text.
var fullWidth = map[rune]rune{'[': '［', ']': '］', ':': '：', '*': '＊', '?': '？', '/': '／', '\\': '＼'}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
