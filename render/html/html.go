// Package html renders a disclosure.Document as one self-contained HTML page: the title,
// a 目录, the narrative and every table, styled for reading on a phone or a desktop and
// for printing on A4. It owns the page's markup and CSS, and nothing else.
package html

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"

	"yusuan/disclosure"
)

//go:embed page.tmpl
var pageTmpl string

//go:embed style.css
var styleCSS string

// page is parsed once; Write only executes it.
var page = template.Must(template.New("page").Funcs(template.FuncMap{"cells": cellsHTML}).Parse(pageTmpl))

// maxIndent is the deepest indentation the CSS has a class for; deeper names stay there.
const maxIndent = 6

// table prints one table; it is the "table" template of page.tmpl.
var table = page.Lookup("table")

// Write renders doc as one self-contained HTML page (no external resources) to w.
func Write(w io.Writer, doc *disclosure.Document) error {
	if doc == nil {
		doc = &disclosure.Document{}
	}
	if err := page.Execute(w, newPageView(doc)); err != nil {
		return fmt.Errorf("写出网页失败：%w", err)
	}
	return nil
}

// WriteTable writes tv as the page prints it: the line above the table (entity,
// period, unit), the table in a region that scrolls sideways, and its notes.
func WriteTable(w io.Writer, tv TableView) error {
	if err := table.Execute(w, tv); err != nil {
		return fmt.Errorf("写出表格“%s”失败：%w", tv.Title, err)
	}
	return nil
}

// The view types below hold everything the template prints, already decided: the
// template only loops and escapes.

type pageView struct {
	Title  string
	CSS    template.CSS
	Parts  []PartView
	Tables []TableView
	Notes  []string
}

// PartView is one part of the narrative laid out for markup.
type PartView struct {
	ID      string
	Heading string
	Blocks  []BlockView
}

// BlockView is one block of a part; Table is set for a table in the narrative.
type BlockView struct {
	Kind  string // heading, paragraph, item, note, table
	Text  string
	Table *TableView
}

// TableView is one table laid out for markup: header and body rows of cells with
// their spans, classes, scope and headers attributes already decided. NewTableView
// makes one and WriteTable prints it; a page that embeds tables (the portal) uses
// the two to print the same accessible markup as the standalone page.
type TableView struct {
	ID     string
	TOC    string // （一）收支总表
	Label  string // 表1
	Title  string
	Entity string // 部门名称：……
	Period string
	Unit   string // 单位：万元
	Wide   bool
	Sticky bool // the first column stays in view while the table scrolls sideways
	// Class is added to the table element's classes; the standalone page sets none.
	Class string
	// MinWidth and Cols print as style attributes (the table's minimum width, the
	// width of each leaf column); a page whose Content-Security-Policy refuses
	// inline styles clears them and sizes the table from its style sheet.
	MinWidth template.CSS
	Cols     []template.CSS
	Head     [][]CellView
	Body     []RowView
	NCols    int
	Notes    []string
}

// TableClass is the class attribute of the table element.
func (tv TableView) TableClass() string {
	if tv.Sticky {
		return strings.TrimSpace(tv.Class + " sticky")
	}
	return tv.Class
}

// RowView is one body row of a TableView.
type RowView struct {
	Class string // total, group or none
	Cells []CellView
}

// CellView is one cell of a TableView.
type CellView struct {
	Header  bool   // <th> rather than <td>
	Scope   string // col, colgroup, row or rowgroup
	ID      string
	Headers string // ids of the header cells that describe a body cell
	Class   string
	Text    string
	ColSpan int // 0 or 1 print no attribute
	RowSpan int
}

// NewPartViews lays out doc's narrative: parts with ids part-1, part-2, …, and the
// tables set in it laid out by table with ids inline-1, inline-2, ….
func NewPartViews(doc *disclosure.Document, table func(t *disclosure.Table, id string) TableView) []PartView {
	var out []PartView
	inline := 0
	for i, p := range doc.Parts {
		pv := PartView{ID: "part-" + strconv.Itoa(i+1), Heading: p.Heading()}
		if p.Title == "" {
			pv.Heading = "第" + disclosure.ChineseNumber(p.Number) + "部分"
		}
		for _, b := range p.Blocks {
			bv := BlockView{Kind: string(b.Kind), Text: b.Text}
			if b.Kind == disclosure.TableRef {
				if b.Table == nil {
					continue
				}
				inline++
				tv := table(b.Table, "inline-"+strconv.Itoa(inline))
				bv.Table = &tv
			}
			pv.Blocks = append(pv.Blocks, bv)
		}
		out = append(out, pv)
	}
	return out
}

func newPageView(doc *disclosure.Document) pageView {
	title := doc.Title
	if title == "" {
		title = strings.TrimSpace(doc.Subject + " " + doc.Kind)
	}
	if title == "" {
		title = "部门预算公开"
	}
	v := pageView{Title: title, CSS: template.CSS(styleCSS), Parts: NewPartViews(doc, NewTableView), Notes: doc.Notes}
	for i, t := range doc.Tables {
		if t == nil {
			continue
		}
		// Ids follow position, not Table.Number, so that they stay unique even when two
		// tables share a number.
		tv := NewTableView(t, "table-"+strconv.Itoa(i+1))
		n := t.Number
		if n <= 0 {
			n = i + 1
		}
		tv.TOC = "（" + disclosure.ChineseNumber(n) + "）" + t.Title
		v.Tables = append(v.Tables, tv)
	}
	return v
}

// NewTableView lays out t; id prefixes the ids of its header cells, which body
// cells name in their headers attribute when the header has more than one row.
func NewTableView(t *disclosure.Table, id string) TableView {
	tv := TableView{ID: id, Label: t.Label(), Title: t.Title, Period: t.Period, Wide: t.Wide, Notes: t.Notes}
	if t.Entity != "" {
		label := t.EntityLabel
		if label == "" {
			label = "部门名称"
		}
		tv.Entity = label + "：" + t.Entity
	}
	if t.Unit != "" {
		tv.Unit = "单位：" + string(t.Unit)
	}

	head := disclosure.Grid(t.Header, len(t.Columns))
	body := disclosure.Grid(t.BodyCells(), len(t.Columns))
	n := max(len(t.Columns), disclosure.GridWidth(head), disclosure.GridWidth(body), 1)
	tv.NCols = n
	kind := func(c int) disclosure.ColumnKind {
		if c < len(t.Columns) {
			return t.Columns[c].Kind
		}
		return disclosure.TextCol
	}

	// Columns share the page's width in proportion to their printed widths; below
	// the least width that keeps an amount on one line and a name readable, the
	// table's own box scrolls instead (a phone, a table of many columns).
	total, least := 0, 0
	widths := make([]int, n)
	for c := 0; c < n; c++ {
		widths[c] = 8
		if c < len(t.Columns) {
			widths[c] = columnWidth(t.Columns[c])
		}
		total += widths[c]
		least += leastWidth(kind(c), widths[c])
	}
	for _, w := range widths {
		tv.Cols = append(tv.Cols, template.CSS(fmt.Sprintf("width:%.2f%%", 100*float64(w)/float64(total))))
	}
	tv.MinWidth = template.CSS("min-width:" + strconv.Itoa(least) + "em")

	// With more than one header row, a screen reader cannot tell from scope alone
	// which of the stacked headers belong to a cell, so cells name them by id.
	useIDs := len(head) > 1
	colHeads := make([][]string, n) // header cell ids above each column
	for r, row := range head {
		var cells []CellView
		for _, p := range row {
			cs, rs := p.Clamp(n)
			cv := CellView{Header: true, Text: p.Display(t.Unit), ColSpan: cs, RowSpan: rs, Scope: "col"}
			if cs > 1 {
				cv.Scope = "colgroup"
			}
			if p.Col == 0 {
				cv.Class = "first"
			}
			if useIDs {
				cv.ID = fmt.Sprintf("%s-h%d-%d", id, r, p.Col)
				for c := p.Col; c < p.Col+cs; c++ {
					colHeads[c] = append(colHeads[c], cv.ID)
				}
			}
			cells = append(cells, cv)
		}
		tv.Head = append(tv.Head, cells)
	}

	// The first column sticks only when it is a column of its own: a header or body
	// cell that spans from it into the next column would be half pinned, half not.
	sticky := kind(0) != disclosure.AmountCol
	for _, row := range head {
		for _, p := range row {
			if cs, _ := p.Clamp(n); p.Col == 0 && cs > 1 {
				sticky = false
			}
		}
	}
	// Names in text columns head their rows: one that spans rows heads that group of
	// rows (scope=rowgroup), and the first other one heads its row.
	type group struct {
		id   string
		last int // last body row the header covers
	}
	var groups []group
	for r, row := range body {
		groups = slices.DeleteFunc(groups, func(g group) bool { return g.last < r })
		rv := RowView{}
		switch t.Rows[r].Kind {
		case disclosure.TotalRow:
			rv.Class = "total"
		case disclosure.GroupRow:
			rv.Class = "group"
		}
		rowHeadID, hasRowHead := "", false
		cells := make([]CellView, len(row))
		for i, p := range row {
			cs, rs := p.Clamp(n)
			if p.Col == 0 && cs > 1 {
				sticky = false
			}
			cv := CellView{Text: p.Display(t.Unit), ColSpan: cs, RowSpan: rs}
			var class []string
			if p.Amount != nil || (kind(p.Col) == disclosure.AmountCol && p.Text == "") {
				class = append(class, "num")
			}
			if kind(p.Col) == disclosure.CodeCol {
				class = append(class, "code")
			}
			if p.Indent > 0 {
				class = append(class, "ind"+strconv.Itoa(min(p.Indent, maxIndent)))
			}
			if p.Col == 0 {
				class = append(class, "first")
			}
			cv.Class = strings.Join(class, " ")
			if kind(p.Col) != disclosure.AmountCol && p.Amount == nil && strings.TrimSpace(p.Text) != "" {
				switch {
				case rs > 1:
					cv.Header, cv.Scope = true, "rowgroup"
					if useIDs {
						cv.ID = fmt.Sprintf("%s-r%d-%d", id, r, p.Col)
						groups = append(groups, group{cv.ID, r + rs - 1})
					}
				case !hasRowHead:
					cv.Header, cv.Scope, hasRowHead = true, "row", true
					if useIDs {
						cv.ID = fmt.Sprintf("%s-r%d", id, r)
						rowHeadID = cv.ID
					}
				}
			}
			cells[i] = cv
		}
		if useIDs {
			for i, p := range row {
				cs := cells[i].ColSpan
				ids := []string{}
				for c := p.Col; c < p.Col+max(cs, 1); c++ {
					ids = appendNew(ids, colHeads[c]...)
				}
				for _, g := range groups {
					if g.id != cells[i].ID {
						ids = append(ids, g.id)
					}
				}
				if rowHeadID != "" && cells[i].ID != rowHeadID {
					ids = append(ids, rowHeadID)
				}
				cells[i].Headers = strings.Join(ids, " ")
			}
		}
		rv.Cells = cells
		tv.Body = append(tv.Body, rv)
	}
	// Pinning a column is worth its width on a phone only when it names the rows; the
	// 预算单位 column of tables 7 and 8 is empty below its first row.
	named := 0
	for _, row := range body {
		if len(row) > 0 && row[0].Col == 0 && strings.TrimSpace(row[0].Text) != "" {
			_, rs := row[0].Span()
			named += rs
		}
	}
	tv.Sticky = sticky && len(body) > 0 && 2*named >= len(body)
	return tv
}

// columnWidth turns a column's width in characters of body text into em, with room
// for padding; amounts need fewer em than characters because digits are half-width.
// leastWidth is the narrowest a column may be, in em: an amount such as
// 376,936.60 on one line, a code, or a name of about five characters a line. (The
// browser widens a column whose amounts are longer, since amounts do not wrap.)
func leastWidth(k disclosure.ColumnKind, w int) int {
	switch k {
	case disclosure.AmountCol:
		return 6
	case disclosure.CodeCol:
		return 5
	}
	return min(w, 6)
}

func columnWidth(c disclosure.Column) int {
	w := c.Width
	if w <= 0 {
		switch c.Kind {
		case disclosure.AmountCol:
			w = 8
		case disclosure.CodeCol:
			w = 5
		default:
			w = 10
		}
	}
	return min(w, 40) + 1
}

// appendNew appends the ids not yet in s; a header that spans several columns is
// named once.
func appendNew(s []string, ids ...string) []string {
next:
	for _, id := range ids {
		for _, have := range s {
			if have == id {
				continue next
			}
		}
		s = append(s, id)
	}
	return s
}

// cellsHTML writes a row's cells as <th> or <td> elements with their attributes.
// A long document has hundreds of thousands of cells, and a template run for each
// took most of the page's time; the text and the attribute values are escaped here
// exactly as html/template escapes them in those places.
func cellsHTML(cells []CellView) template.HTML {
	var b strings.Builder
	attr := func(name, value string) {
		b.WriteString(" " + name + `="`)
		htmlEscaper.WriteString(&b, value)
		b.WriteByte('"')
	}
	for _, c := range cells {
		tag := "td"
		if c.Header {
			tag = "th"
		}
		b.WriteString("<" + tag)
		if c.Scope != "" {
			attr("scope", c.Scope)
		}
		if c.ID != "" {
			attr("id", c.ID)
		}
		if c.Headers != "" {
			attr("headers", c.Headers)
		}
		if c.Class != "" {
			attr("class", c.Class)
		}
		if c.ColSpan > 1 {
			attr("colspan", strconv.Itoa(c.ColSpan))
		}
		if c.RowSpan > 1 {
			attr("rowspan", strconv.Itoa(c.RowSpan))
		}
		b.WriteByte('>')
		htmlEscaper.WriteString(&b, c.Text)
		b.WriteString("</" + tag + ">")
	}
	return template.HTML(b.String())
}

// htmlEscaper escapes as html/template does text and quoted attribute values.
var htmlEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")
