package xlsx

import (
	"errors"

	"github.com/xuri/excelize/v2"
)

// sheet collects one worksheet's cells a few rows at a time and writes the rows in
// ascending order: through excelize's StreamWriter for the tables and the narrative,
// which may run to tens of thousands of rows (its cell model takes hundreds of
// bytes a cell, and most of a large workbook's time), or through the cell model for
// the small sheets that need more than rows (the cover's hyperlinks).
//
// Cells are placed with set and styled with style; a row is written when flush
// passes it, and no cell may be placed on a row already written. Everything that
// excelize writes before the rows (the sheet's properties, view, panes) must be set
// before the sheet is streamed; column widths are set through colWidth before the
// first row.
type sheet struct {
	f    *excelize.File
	name string
	sw   *excelize.StreamWriter // nil: the cell model
	rows map[int]*sheetRow
	done int // the first row not yet written (1-based)
	// fill styles every position of rows r0 to r1 up to column n: a table's
	// header and body have a style at every position, so that borders are drawn
	// around merged and empty cells too.
	fill struct{ r0, r1, n, style int }
}

type sheetRow struct {
	cells  []any // excelize.Cell or nil
	height float64
}

// errRowWritten is a cell placed on a row already written: a fault of the writer.
var errRowWritten = errors.New("row already written")

// streamSheet starts writing the rows of the new, empty sheet sh through a
// StreamWriter.
func (b *book) streamSheet(sh string) (*sheet, error) {
	sw, err := b.f.NewStreamWriter(sh)
	if err != nil {
		return nil, err
	}
	return &sheet{f: b.f, name: sh, sw: sw, rows: map[int]*sheetRow{}, done: 1}, nil
}

// modelSheet writes the rows of sheet sh through excelize's cell model.
func (b *book) modelSheet(sh string) *sheet {
	return &sheet{f: b.f, name: sh, rows: map[int]*sheetRow{}, done: 1}
}

// colWidth sets the width of the 0-based column c.
func (s *sheet) colWidth(c int, w float64) error {
	if s.sw != nil {
		return s.sw.SetColWidth(c+1, c+1, w)
	}
	name, _ := excelize.ColumnNumberToName(c + 1)
	return s.f.SetColWidth(s.name, name, name, w)
}

// row returns row r to place cells on, with its fill when it has one.
func (s *sheet) row(r int) (*sheetRow, error) {
	if r < s.done {
		return nil, errRowWritten
	}
	if rw, ok := s.rows[r]; ok {
		return rw, nil
	}
	rw := &sheetRow{}
	if f := s.fill; r >= f.r0 && r <= f.r1 {
		rw.cells = make([]any, f.n)
		for c := range rw.cells {
			rw.cells[c] = excelize.Cell{StyleID: f.style}
		}
	}
	s.rows[r] = rw
	return rw, nil
}

// cell returns the cell at the 0-based column c of row r.
func (s *sheet) cell(c, r int) (*sheetRow, excelize.Cell, error) {
	rw, err := s.row(r)
	if err != nil {
		return nil, excelize.Cell{}, err
	}
	for len(rw.cells) <= c {
		rw.cells = append(rw.cells, nil)
	}
	cell, _ := rw.cells[c].(excelize.Cell)
	return rw, cell, nil
}

// set writes a value, a string or a float64, at column c of row r in a style.
func (s *sheet) set(c, r int, v any, style int) error {
	rw, cell, err := s.cell(c, r)
	if err != nil {
		return err
	}
	cell.Value, cell.StyleID = v, style
	rw.cells[c] = cell
	return nil
}

// style styles the columns c0 to c1 of the rows r0 to r1.
func (s *sheet) style(c0, r0, c1, r1, style int) error {
	for r := r0; r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			rw, cell, err := s.cell(c, r)
			if err != nil {
				return err
			}
			cell.StyleID = style
			rw.cells[c] = cell
		}
	}
	return nil
}

// merge merges the columns c0 to c1 of the rows r0 to r1.
func (s *sheet) merge(c0, r0, c1, r1 int) error {
	top, bottom := ref(c0, r0), ref(c1, r1)
	if s.sw != nil {
		return s.sw.MergeCell(top, bottom)
	}
	return s.f.MergeCell(s.name, top, bottom)
}

// height sets the height of row r in points, at most Excel's limit: a table's row
// whose text needs more keeps all of it in its cell, shown to the limit (the reader
// and a click on the cell see the whole).
func (s *sheet) height(r int, h float64) error {
	rw, err := s.row(r)
	if err != nil {
		return err
	}
	rw.height = min(h, maxRowHeight)
	return nil
}

// flush writes the rows before row upTo.
func (s *sheet) flush(upTo int) error {
	for r := s.done; r < upTo; r++ {
		rw, ok := s.rows[r]
		if !ok {
			if f := s.fill; r < f.r0 || r > f.r1 {
				continue
			}
			rw, _ = s.row(r)
		}
		delete(s.rows, r)
		if err := s.write(r, rw); err != nil {
			return err
		}
	}
	s.done = max(s.done, upTo)
	return nil
}

// write writes one row.
func (s *sheet) write(r int, rw *sheetRow) error {
	if s.sw != nil {
		return s.sw.SetRow(ref(0, r), rw.cells, excelize.RowOpts{Height: rw.height})
	}
	for c, v := range rw.cells {
		cell, ok := v.(excelize.Cell)
		if !ok {
			continue
		}
		at := ref(c, r)
		if cell.StyleID != 0 {
			if err := s.f.SetCellStyle(s.name, at, at, cell.StyleID); err != nil {
				return err
			}
		}
		var err error
		switch v := cell.Value.(type) {
		case string:
			// SetCellStr, never SetCellValue: text from users must not become a formula.
			err = s.f.SetCellStr(s.name, at, v)
		case float64:
			err = s.f.SetCellFloat(s.name, at, v, 2, 64)
		}
		if err != nil {
			return err
		}
	}
	if rw.height > 0 {
		return s.f.SetRowHeight(s.name, r, rw.height)
	}
	return nil
}

// close writes the remaining rows and ends the sheet.
func (s *sheet) close() error {
	last := s.fill.r1
	for r := range s.rows {
		last = max(last, r)
	}
	if err := s.flush(last + 1); err != nil {
		return err
	}
	if s.sw != nil {
		return s.sw.Flush()
	}
	return nil
}
