package xlsx

import (
	"errors"
	"fmt"

	"github.com/xuri/excelize/v2"

	"yusuan/disclosure"
)

// narrativeWidth is the width of the narrative's text column in digit widths: about
// fifty Chinese characters, a line of an A4 page.
const narrativeWidth = 100

// writeNarrative writes the parts on the sheet NarrativeSheet, one row per block, so
// that the workbook holds the whole publication and can be checked: part headings,
// section headings, paragraphs, list items and notes as wrapped text in column A, and a
// table set in the narrative as a small table in place, its header and then its rows.
func (b *book) writeNarrative(parts []disclosure.Part) error {
	f, sh := b.f, NarrativeSheet
	size, orient, fitWide, fitTall, fit, grid := 9, "portrait", 1, 0, true, false
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orient, FitToWidth: &fitWide, FitToHeight: &fitTall,
	}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetSheetView(sh, 0, &excelize.ViewOptions{ShowGridLines: &grid}); err != nil {
		return err
	}
	s, err := b.streamSheet(sh)
	if err != nil {
		return err
	}
	// Text wraps in column A; a table in the narrative starts there too and takes the
	// columns to its right, as wide as its widest column needs.
	var widths []float64
	for _, p := range parts {
		for _, bl := range p.Blocks {
			if bl.Kind != disclosure.TableRef || bl.Table == nil {
				continue
			}
			for c := range b.tableWidth(bl.Table) {
				for len(widths) <= c {
					widths = append(widths, 0)
				}
				widths[c] = max(widths[c], columnWidth(column(bl.Table, c)))
			}
		}
	}
	if len(widths) == 0 {
		widths = []float64{0}
	}
	widths[0] = narrativeWidth
	if len(widths) > excelize.MaxColumns {
		return errTooWide
	}
	for c, w := range widths {
		if err := s.colWidth(c, w); err != nil {
			return err
		}
	}

	row := 1
	text := func(t string, r role) error {
		line := 15.0
		if r == rolePart {
			line = 20
		}
		n, err := b.tallText(s, 0, row, t, styleKey{role: r}, narrativeWidth, line, 18)
		if err != nil {
			return fmt.Errorf("第 %d 行：%w", row, err)
		}
		row += n
		return nil
	}
	for i, p := range parts {
		if i > 0 {
			row++ // a blank line between parts
		}
		if err := text(p.Heading(), rolePart); err != nil {
			return fmt.Errorf("%s：%w", p.Heading(), err)
		}
		for _, bl := range p.Blocks {
			if row >= excelize.TotalRows {
				return errTooLong
			}
			var err error
			switch bl.Kind {
			case disclosure.TableRef:
				err = b.narrativeTable(s, bl.Table, &row, widths)
			case disclosure.Heading:
				err = text(bl.Text, roleHeading)
			case disclosure.ListItem:
				err = text(bl.Text, roleItem)
			case disclosure.Note:
				err = text(bl.Text, roleBlockNote)
			default:
				err = text(bl.Text, roleParagraph)
			}
			if err != nil {
				return fmt.Errorf("%s：%w", p.Heading(), err)
			}
		}
	}
	return s.close()
}

// narrativeTable writes a table of the narrative from *row on and moves *row past it.
func (b *book) narrativeTable(s *sheet, t *disclosure.Table, row *int, widths []float64) error {
	if t == nil {
		return nil
	}
	n := b.tableWidth(t)
	if *row+len(t.Header)+len(t.Rows) > excelize.TotalRows {
		return errTooLong
	}
	kinds := make([]disclosure.ColumnKind, n)
	for c := range kinds {
		kinds[c] = column(t, c).Kind
	}
	first, err := b.writeGrid(s, t, *row, widths[:n], kinds)
	if err != nil {
		return err
	}
	*row = first + len(t.Rows)
	return nil
}

// tableWidth is the number of grid columns that t takes: its columns, or more when
// its rows are wider.
func (b *book) tableWidth(t *disclosure.Table) int {
	head, body := b.grids(t)
	return max(len(t.Columns), disclosure.GridWidth(head), disclosure.GridWidth(body), 1)
}

// column is t's column c, or a text column where t has fewer columns than cells.
func column(t *disclosure.Table, c int) disclosure.Column {
	if c < len(t.Columns) {
		return t.Columns[c]
	}
	return disclosure.Column{Kind: disclosure.TextCol}
}

var (
	errTooWide = errors.New("文字部分中的表格超过 Excel 工作表的列数上限")
	errTooLong = errors.New("内容超过 Excel 工作表的行数上限")
)
