package budgetfile

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"yusuan/budget"
	"yusuan/internal/xlsxsafe"
	"yusuan/money"
)

// Sheet is one sheet of the workbook layout as rows of cell texts, for editing
// a budget outside Excel (the work area's browser editor). Grid reads it from a
// workbook and WriteGrid writes it back, so that what is edited is exactly what
// ReadXLSX reads.
type Sheet struct {
	Name    string
	About   string
	Columns []Column
	Rows    []GridRow
}

// Column is one column of a Sheet, as its header and help show it.
type Column struct {
	Letter string // the column in the workbook: A, B, …
	Label  string
	Help   string
	Amount bool     // 元 with up to 2 decimals
	List   []string // the values to choose from, when the column has a drop-down
	Wide   bool     // long text
	Width  int      // the column's width in the workbook, in characters
}

// GridRow is one data row of a Sheet: its row in the workbook it was read from
// (0 for a row added since) and its cells in column order.
type GridRow struct {
	Num   int
	Cells []string
}

// Grid reads every sheet of the layout from a budget workbook of size bytes,
// uploaded or written by WriteXLSX or WriteGrid: the data rows in the order of
// the layout's columns, whatever order the workbook has them in. Empty rows,
// example rows and cells in columns without a known header are left out (the
// reader reports those); amounts read as numbers show as plain 元.
func Grid(r io.ReaderAt, size int64, name string) ([]Sheet, error) {
	if err := checkSize(name, size, maxXLSXSize); err != nil {
		return nil, err
	}
	f, err := xlsxsafe.Open(r, size, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, unreadable(fileError(name, "%v", err))
	}
	defer f.Close()
	if !isBudgetWorkbook(f) {
		return nil, &ReadError{Err: fileError(name, "不是预算数据工作簿：没有%s等工作表", requiredSheets()), NotBudget: true}
	}
	present := map[string]bool{}
	for _, n := range f.GetSheetList() {
		present[n] = true
	}
	x := &xlsxReader{f: f, name: name}
	out := make([]Sheet, 0, len(sheets))
	for i := range sheets {
		s := &sheets[i]
		g := emptySheet(s)
		if present[s.name] {
			for _, row := range x.table(s).rows {
				cells := make([]string, len(row.cells))
				for j, v := range row.cells {
					cells[j] = gridValue(s, j, row.cells, v)
				}
				g.Rows = append(g.Rows, GridRow{Num: row.num, Cells: cells})
			}
		}
		out = append(out, g)
	}
	return out, nil
}

// emptySheet is a sheet of the layout without rows.
func emptySheet(s *sheetSpec) Sheet {
	g := Sheet{Name: s.name, About: s.about}
	for i, c := range s.cols {
		col, _ := excelize.ColumnNumberToName(i + 1)
		g.Columns = append(g.Columns, Column{Letter: col, Label: c.label, Help: c.help, Amount: c.kind == kAmount,
			List: c.list, Wide: c.wrap, Width: int(c.width)})
	}
	return g
}

// gridValue shows a cell as a person would type it: an amount cell that reads
// as whole 分 (Excel may keep 1234.5600000000001) as plain 元.
func gridValue(s *sheetSpec, j int, row []string, v string) string {
	if cellKindOf(s, j, row) != kAmount {
		return v
	}
	a, err := parseAmountCell(foldDigits(v))
	if err != nil {
		return v
	}
	return yuan(a)
}

// cellKindOf is the kind of cell j of a row: the column's, or on a key/value
// sheet the key's for the value column.
func cellKindOf(s *sheetSpec, j int, row []string) cellKind {
	if s.keys != nil && j == 1 {
		if k := s.key(clean(row[0])); k != nil {
			return k.kind
		}
		if s.name == shAssets || s.name == shUnitAssets {
			return kInt
		}
		return kText
	}
	return s.cols[j].kind
}

// CheckGrid checks the cells of edited sheets as a person typed them and
// returns them normalised for WriteGrid: amounts must be 元 with at most two
// decimals (full-width digits and thousands separators allowed), integers and
// 是/否 cells what the reader expects, and no cell may hold a formula. Each bad
// cell is an error naming file, sheet, row and column; row numbers are those
// WriteGrid gives the rows (from 2, in order).
func CheckGrid(name string, edited []Sheet) ([]Sheet, error) {
	x := &xlsxReader{name: name}
	out := make([]Sheet, len(edited))
	for i, g := range edited {
		s := sheetByName(g.Name)
		if s == nil {
			return nil, fileError(name, "没有名为“%s”的工作表", g.Name)
		}
		out[i] = emptySheet(s)
		t := newTable(s)
		for j, c := range s.cols {
			col, _ := excelize.ColumnNumberToName(j + 1)
			t.cols[c.label] = col
		}
		for n, r := range g.Rows {
			num := n + 2
			cells := make([]string, len(s.cols))
			for j := range cells {
				if j < len(r.Cells) {
					cells[j] = clean(strings.ReplaceAll(r.Cells[j], "\r\n", "\n"))
				}
			}
			for j, v := range cells {
				c := s.cols[j]
				switch {
				case v == "":
				case strings.HasPrefix(v, "="):
					x.fail(s.name, num, t.cols[c.label], c.label, "不能填写公式（%s），请直接填写数值或文字", short(v))
				case utf8.RuneCountInString(v) > excelize.TotalCellChars:
					x.fail(s.name, num, t.cols[c.label], c.label, "文字有 %d 字，超过单元格上限 %d 字", utf8.RuneCountInString(v), excelize.TotalCellChars)
				default:
					cells[j] = x.gridCell(t, tableRow{num: num, cells: cells}, j, v)
				}
			}
			out[i].Rows = append(out[i].Rows, GridRow{Num: r.Num, Cells: cells})
		}
	}
	if err := x.errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// gridCell checks one typed cell j of row r by its kind and returns it as
// WriteGrid writes it.
func (x *xlsxReader) gridCell(t *table, r tableRow, j int, v string) string {
	s, label := t.spec, t.spec.cols[j].label
	switch cellKindOf(s, j, r.cells) {
	case kAmount:
		a, err := money.Parse(foldDigits(v), money.UnitYuan)
		if err != nil {
			x.fail(s.name, r.num, t.cols[label], label, "应为以元为单位的金额，最多两位小数（到分），实际为“%s”", short(v))
			return v
		}
		return yuan(a)
	case kInt:
		x.integer(s.name, r.num, t.cols[label], label, v)
	case kBool:
		if s.keys == nil {
			x.boolean(t, r, label)
		}
	}
	return v
}

// WriteGrid writes sheets (as CheckGrid returns them) into a workbook of the
// input layout, every other sheet of the layout empty, each sheet's rows from
// row 2 in order. ReadXLSX reads it back to the budget the cells describe.
func WriteGrid(w io.Writer, sheets []Sheet) error {
	wb, err := newWorkbook()
	if err != nil {
		return err
	}
	defer wb.f.Close()
	for _, g := range sheets {
		s := sheetByName(g.Name)
		if s == nil {
			return fmt.Errorf("budgetfile: no sheet %q in the layout", g.Name)
		}
		for n, r := range g.Rows {
			for j, v := range r.Cells {
				if j >= len(s.cols) {
					break
				}
				col, _ := excelize.ColumnNumberToName(j + 1)
				kind := cellKindOf(s, j, r.Cells)
				if kind == kBool || kind == kClassCode {
					kind = kText
				}
				wb.cell(s.name, fmt.Sprintf("%s%d", col, n+2), kind, v)
			}
		}
	}
	return wb.write(w)
}

// GridWorkbook writes b as a workbook and reads it back as sheets: a budget
// without a workbook of its own (read from YAML) opened for editing.
func GridWorkbook(b *budget.Budget, name string) ([]Sheet, error) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, b); err != nil {
		return nil, err
	}
	return Grid(bytes.NewReader(buf.Bytes()), int64(buf.Len()), name)
}
