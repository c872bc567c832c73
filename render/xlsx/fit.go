package xlsx

import (
	"errors"
	"fmt"
	"math"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// Excel's limits that long text meets: a row is at most 409 points tall, and a cell
// holds at most 32,767 characters (UTF-16 units). excelize refuses the first and
// silently cuts the second, so the writer keeps within both itself.
const (
	maxRowHeight = excelize.MaxRowHeight
	maxCellChars = excelize.TotalCellChars
)

// tallText writes wrapped text at column col of row, in as many rows as it needs to
// be seen whole: one row when it fits in Excel's tallest row, else the cell merged
// down over enough rows to share its height, each within the limit. It returns the
// number of rows used. Readers skip the empty rows under a merged cell, so a block
// still reads back as one.
func (b *book) tallText(s *sheet, col, row int, text string, k styleKey, width, lineHeight, minHeight float64) (int, error) {
	h := max(minHeight, textHeight(text, width, lineHeight))
	n := int(math.Ceil(h / maxRowHeight))
	if row+n-1 > excelize.TotalRows {
		return 0, errTooLong
	}
	if n > 1 {
		if err := b.span(s, col, row, 1, n, k); err != nil {
			return 0, err
		}
	}
	if err := b.put(s, col, row, text, k); err != nil {
		return 0, err
	}
	for r := row; r < row+n; r++ {
		if err := s.height(r, h/float64(n)); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// fitsCell checks that text fits in one cell.
func fitsCell(cell, text string) error {
	if len(text) <= maxCellChars { // bytes never undercount UTF-16 units
		return nil
	}
	if n := utf16Len(text); n > maxCellChars {
		return &textError{Cell: cell, Msg: fmt.Sprintf("文字有 %d 个字符，超过 Excel 单元格上限 %d 个字符（文字开头：“%s…”）", n, maxCellChars, truncate(text, 20))}
	}
	return nil
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// textError is a cell whose text a workbook cannot hold.
type textError struct {
	Cell, Msg string
}

func (e *textError) Error() string { return "单元格 " + e.Cell + " 的" + e.Msg }

// libError is a failure inside the XLSX library, which should not happen: the person
// building reads that it is the program's fault; the library's own words follow for
// the report.
type libError struct{ err error }

func (e *libError) Error() string {
	return "程序内部错误，请报告此问题（技术信息：" + e.err.Error() + "）"
}

func (e *libError) Unwrap() error { return e.err }

// chinese returns err as it may be shown to the person building: the writer's own
// errors as they are, anything else as a libError.
func chinese(err error) error {
	var te *textError
	var le *libError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &te), errors.As(err, &le), errors.Is(err, errTooLong), errors.Is(err, errTooWide):
		return err
	case errors.Is(err, excelize.ErrMaxRowHeight):
		return errors.New("行高超过 Excel 上限 409 磅")
	}
	var big *tableSizeError
	if errors.As(err, &big) {
		return err
	}
	return &libError{err}
}

// tableSizeError is a table larger than a sheet.
type tableSizeError struct {
	Cols, Rows int
}

func (e *tableSizeError) Error() string {
	return fmt.Sprintf("表格有 %d 列、%d 行，超过 Excel 工作表的上限（%d 列、%d 行）", e.Cols, e.Rows, excelize.MaxColumns, excelize.TotalRows)
}
