// Package disclosure owns the published document as data: the narrative parts and the
// numbered tables of a 部门预算公开, independent of any file format. Profiles derive a
// Document from a budget; renderers write it out; readers rebuild it from published
// files so that checks can run on it.
package disclosure

import (
	"fmt"

	"yusuan/money"
)

// Document is one disclosure: a title, narrative parts and tables.
type Document struct {
	Profile string `json:"profile"` // e.g. "shenzhen"
	// Format identifies the format description the document follows, e.g.
	// "shenzhen-2026", and FormatLabel names it for people (深圳市 2026 年格式). A
	// document read with the national family's generic description says so here.
	Format      string `json:"format,omitempty"`
	FormatLabel string `json:"format_label,omitempty"`
	Kind        string `json:"kind"` // 部门预算 or 单位预算
	Year        int    `json:"year"`
	// Department is the 主管部门; Subject is the name the document is published under.
	Department string `json:"department"`
	Subject    string `json:"subject"`
	Title      string `json:"title"` // e.g. 2024年深圳市龙岗区政务服务数据管理局（本级）部门预算
	// Unit is the money unit of the narrative.
	Unit   money.Unit `json:"unit"`
	Parts  []Part     `json:"parts"`
	Tables []*Table   `json:"tables"`
	// Notes are printed after the tables (e.g. the rounding note).
	Notes []string `json:"notes,omitempty"`
	// Contents are the entries of the document's own 目录, as read from a published
	// file, or as a profile's template words them for a template workbook.
	Contents []string `json:"contents,omitempty"`
	// Workbook says how an XLSX workbook lays the document out: "" for yusuan's own
	// layout, TemplateWorkbook for a jurisdiction's official template.
	Workbook string `json:"workbook,omitempty"`
	// Cover are the lines of a template's cover under the title (预算主管部门：……).
	Cover []string `json:"cover,omitempty"`
	// TablesAt is how many parts come before the tables in a template workbook; 0
	// puts the tables after every part.
	TablesAt int `json:"tables_at,omitempty"`
	// Outturn is a 决算's 预算 against 决算 by code, when it was derived from data.
	Outturn *Outturn `json:"outturn,omitempty"`
}

// AllTables lists the document's numbered tables (a missing one left out), then
// the tables set in its narrative (a 重点项目 table in 第七部分, say), in order.
func (d *Document) AllTables() []*Table {
	out := make([]*Table, 0, len(d.Tables))
	for _, t := range d.Tables {
		if t != nil {
			out = append(out, t)
		}
	}
	for _, p := range d.Parts {
		for _, b := range p.Blocks {
			if b.Table != nil {
				out = append(out, b.Table)
			}
		}
	}
	return out
}

// TemplateWorkbook lays a workbook out like an official template: a cover, the 目录,
// then one sheet per part and per table, each named by its Sheet, in document order
// with the tables after the first TablesAt parts.
const TemplateWorkbook = "template"

// Part is one numbered part of the narrative (第一部分 部门概况).
type Part struct {
	Number int    `json:"number"`
	Title  string `json:"title"` // without the number: 部门概况
	// Plain parts print their title alone, as Shanghai's do (上海市普陀区商务委员会主要职能).
	Plain  bool    `json:"plain,omitempty"`
	Blocks []Block `json:"blocks"`
	// Sheet is the part's sheet in a template workbook.
	Sheet string `json:"sheet,omitempty"`
}

// Heading returns "第一部分 部门概况", or the title alone for a plain part.
func (p Part) Heading() string {
	if p.Plain {
		return p.Title
	}
	return "第" + ChineseNumber(p.Number) + "部分 " + p.Title
}

// BlockKind says how a narrative block is laid out.
type BlockKind string

const (
	Heading   BlockKind = "heading"   // a section title inside a part (一、部门职责)
	Paragraph BlockKind = "paragraph" // running text
	ListItem  BlockKind = "item"      // a numbered entry; its number is part of Text
	TableRef  BlockKind = "table"     // a table set in the narrative
	Note      BlockKind = "note"      // a small-print remark (备注：……)
)

// Block is one piece of a part: a heading, a paragraph, a list item, a note or a table.
type Block struct {
	Kind  BlockKind `json:"kind"`
	Text  string    `json:"text,omitempty"`
	Table *Table    `json:"table,omitempty"`
	Pos   Pos       `json:"pos,omitzero"`
}

// Pos is where something was read from a published file: its page (PDF) and line
// (text), 1-based; zero when the document was derived rather than read.
type Pos struct {
	Page int `json:"page,omitempty"`
	Line int `json:"line,omitempty"`
}

// TableKind says what a table shows, whatever its number and title in a profile.
type TableKind string

// The kinds of table that checks know.
const (
	SummaryTable       TableKind = "summary"         // 收支总表
	IncomeTable        TableKind = "income"          // 收入总表
	SpendingTable      TableKind = "spending"        // 支出总表 (functional; total, basic, project)
	BasicTable         TableKind = "basic"           // 基本支出总表 (economic; total, personnel, public)
	ProjectTable       TableKind = "projects"        // 项目支出总表
	FiscalSummaryTable TableKind = "fiscal_summary"  // 财政拨款收支总表
	GPFunctionalTable  TableKind = "gp_functional"   // 一般公共预算支出表（按功能分类）
	GPEconomicTable    TableKind = "gp_economic"     // 一般公共预算支出表（按经济分类）
	SanGongTable       TableKind = "san_gong"        // 财政拨款“三公”经费支出表
	GovFundTable       TableKind = "gov_fund"        // 政府性基金预算支出表
	StateCapitalTable  TableKind = "state_capital"   // 国有资本经营预算支出表
	PerformanceTable   TableKind = "performance"     // 单位整体支出绩效目标表
	KeyProjectTable    TableKind = "key_projects"    // 重点项目绩效目标 (in the narrative)
	GPBasicTable       TableKind = "gp_basic"        // 一般公共预算基本支出 by economic class (Shanghai 表8)
	SanGongOfficeTable TableKind = "san_gong_office" // “三公”经费和机关运行经费预算表 (Shanghai 表9)
	// Tables some formats add to the family's.
	GPProjectEconomicTable  TableKind = "gp_project_economic" // 一般公共预算项目支出表 by economic class
	FiscalFunctionalTable   TableKind = "fiscal_functional"   // 财政拨款支出表 by function
	FiscalBasicTable        TableKind = "fiscal_basic"        // 财政拨款基本支出表 by economic class
	ProcurementTable        TableKind = "procurement"         // 政府采购预算表
	OfficeCostTable         TableKind = "office_cost"         // 机关运行经费支出表
	ProjectPerformanceTable TableKind = "project_performance" // 项目支出绩效目标表
	PurchaseServiceTable    TableKind = "purchase_service"    // 政府购买服务预算表
)

// Table is a printed table. Header and Rows follow HTML table semantics: a cell with
// ColSpan or RowSpan covers the positions to its right and below, and rows leave out
// the positions that a span from above covers. Grid lays the cells out on positions.
type Table struct {
	Number int       `json:"number,omitempty"` // 1-based; 0 for a table set in the narrative
	Kind   TableKind `json:"kind,omitempty"`
	Title  string    `json:"title"`
	// EntityLabel and Entity print as 部门名称：深圳市……; empty for none.
	EntityLabel string     `json:"entity_label,omitempty"`
	Entity      string     `json:"entity,omitempty"`
	Period      string     `json:"period,omitempty"` // e.g. 2024 年度
	Unit        money.Unit `json:"unit,omitempty"`   // unit of its amounts; empty when it has none
	Columns     []Column   `json:"columns"`
	Header      [][]Cell   `json:"header"`
	Rows        []Row      `json:"rows"`
	Notes       []string   `json:"notes,omitempty"`
	// Empty is set when the table has no data; Notes then say so and name the table.
	Empty bool `json:"empty,omitempty"`
	// Wide asks for landscape pages.
	Wide bool `json:"wide,omitempty"`
	// Unlabeled tables print no 表N label above their title (Shanghai's titles carry
	// the number in the 目录 only).
	Unlabeled bool `json:"unlabeled,omitempty"`
	// Sheet is the table's sheet in a template workbook.
	Sheet string `json:"sheet,omitempty"`
	// Unread says why a table read from a published file could not be read
	// reliably (its header gives two columns one meaning, say); the checker then
	// reports that and checks nothing in it.
	Unread string `json:"unread,omitempty"`
	Pos    Pos    `json:"pos,omitzero"`
}

// Label returns "表1" style numbering, or "" for tables in the narrative and
// unlabeled tables.
func (t *Table) Label() string {
	if t.Number == 0 || t.Unlabeled {
		return ""
	}
	return "表" + itoa(t.Number)
}

// ColumnKind says what a column holds.
type ColumnKind string

const (
	TextCol   ColumnKind = "text"   // names and descriptions
	CodeCol   ColumnKind = "code"   // classification codes
	AmountCol ColumnKind = "amount" // money in the table's unit
)

// Column describes one leaf column.
type Column struct {
	Key   string     `json:"key"` // stable identifier, e.g. "total", "basic"
	Kind  ColumnKind `json:"kind"`
	Width int        `json:"width"` // relative width, in characters of body text
}

// RowKind marks totals and group rows for styling and for checks.
type RowKind string

const (
	DataRow  RowKind = ""      // an ordinary row
	TotalRow RowKind = "total" // a total or subtotal (合计, 总计)
	GroupRow RowKind = "group" // a row that heads the rows below it (a unit's row)
)

// Row is one body row.
type Row struct {
	Kind  RowKind `json:"kind,omitempty"`
	Code  string  `json:"code,omitempty"` // the classification code the row describes, if any
	Cells []Cell  `json:"cells"`
	Pos   Pos     `json:"pos,omitzero"`
	// Surplus are cells a file prints on the row beyond the table's columns (a
	// number too many), kept so that the checker reports them where they are.
	Surplus []string `json:"surplus,omitempty"`
}

// Cell is one printed cell: text, or an exact amount shown in the table's unit.
type Cell struct {
	Text   string        `json:"text,omitempty"`
	Amount *money.Amount `json:"amount,omitempty"`
	// Printed is an amount as a published file prints it ("1,234.5"), which says the
	// precision it was rounded to; empty for derived cells, printed with two
	// decimals.
	Printed string `json:"printed,omitempty"`
	ColSpan int    `json:"colspan,omitempty"`
	RowSpan int    `json:"rowspan,omitempty"`
	Indent  int    `json:"indent,omitempty"` // levels of indentation of a name
}

// P makes a paragraph block from a format and its arguments.
func P(format string, args ...any) Block {
	return Block{Kind: Paragraph, Text: fmt.Sprintf(format, args...)}
}

// H makes a section heading block.
func H(text string) Block { return Block{Kind: Heading, Text: text} }

// Li makes a list item block from a format and its arguments; its number is part of
// the text.
func Li(format string, args ...any) Block {
	return Block{Kind: ListItem, Text: fmt.Sprintf(format, args...)}
}

// T makes a text cell.
func T(s string) Cell { return Cell{Text: s} }

// A makes an amount cell.
func A(a money.Amount) Cell { return Cell{Amount: &a} }

// Display is the cell as printed in a table of unit u: amounts rounded half up from
// their exact value with two decimals and separators, text as it is.
func (c Cell) Display(u money.Unit) string {
	if c.Amount != nil {
		return c.Amount.Format(u)
	}
	return c.Text
}

// Span returns the cell's column and row span, at least 1 each.
func (c Cell) Span() (cols, rows int) {
	cols, rows = c.ColSpan, c.RowSpan
	if cols < 1 {
		cols = 1
	}
	if rows < 1 {
		rows = 1
	}
	return cols, rows
}

// Placed is a cell at its grid position.
type Placed struct {
	Cell
	Row, Col int
}

// Grid places rows of cells (header or body) on grid positions, honouring spans, and
// returns the placed cells row by row. Spans are first cut to the rows below and to
// the wider of ncols and the longest row, so a bad span can neither reach past the
// section nor make the layout itself huge; placed cells carry the cut spans.
func Grid(rows [][]Cell, ncols int) [][]Placed {
	bound := max(ncols, 1)
	for _, row := range rows {
		bound = max(bound, len(row))
	}
	// below[c] is the first row under every span placed so far in column c: a
	// position (r, c) is covered by a cell of an earlier row exactly when
	// r < below[c]. Cells of the same row lie left of the next one's column, so one
	// number per column does what a set of covered positions would, without a map
	// entry per cell (tables of thousands of rows are placed by every format).
	var below []int
	out := make([][]Placed, len(rows))
	for r, row := range rows {
		placed := make([]Placed, 0, len(row))
		col := 0
		for _, c := range row {
			for col < len(below) && below[col] > r {
				col++
			}
			cs, rs := c.Span()
			c.ColSpan, c.RowSpan = min(cs, bound), min(rs, len(rows)-r)
			for len(below) < col+c.ColSpan {
				below = append(below, 0)
			}
			for dc := range c.ColSpan {
				below[col+dc] = max(below[col+dc], r+c.RowSpan)
			}
			placed = append(placed, Placed{Cell: c, Row: r, Col: col})
			col += c.ColSpan
		}
		if len(placed) > 0 {
			out[r] = placed
		}
	}
	return out
}

// Clamp returns the placed cell's spans with the column span cut at the grid's right
// edge, ncols.
func (p Placed) Clamp(ncols int) (cols, rows int) {
	cols, rows = p.Span()
	return max(min(cols, ncols-p.Col), 1), rows
}

// GridWidth is the number of columns placed cells reach.
func GridWidth(g [][]Placed) int {
	w := 0
	for _, row := range g {
		for _, p := range row {
			cs, _ := p.Span()
			w = max(w, p.Col+cs)
		}
	}
	return w
}

// BodyCells returns the body rows as plain cell rows, for Grid.
func (t *Table) BodyCells() [][]Cell {
	out := make([][]Cell, len(t.Rows))
	for i, r := range t.Rows {
		out[i] = r.Cells
	}
	return out
}

// ChineseNumber writes 1..99 as 一 … 九十九.
func ChineseNumber(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0:
		return "零"
	case n < 10:
		return digits[n]
	case n < 20:
		if n == 10 {
			return "十"
		}
		return "十" + digits[n%10]
	case n < 100:
		s := digits[n/10] + "十"
		if n%10 != 0 {
			s += digits[n%10]
		}
		return s
	}
	return itoa(n)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		return "-" + string(b)
	}
	return string(b)
}
