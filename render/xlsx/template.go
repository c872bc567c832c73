package xlsx

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"yusuan/disclosure"
)

// Where a template workbook puts things, as the official templates do: the cover's
// title in row 3 and its lines from row 9; a part's title in row 1 and its text from
// row 3; a table's title in row 2, 编制部门 and 单位 in row 4, the header from row 6.
const (
	coverTitleRow = 3
	coverLineRow  = 9
	partTextRow   = 3
	tplTitleRow   = 2
	tplMetaRow    = 4
	tplHeadRow    = 6
)

// writeTemplate lays doc out like its official template (doc.Workbook is
// disclosure.TemplateWorkbook): 封面, 目录, then the parts and tables in order, each on
// the sheet its Sheet names.
func (b *book) writeTemplate(doc *disclosure.Document) error {
	f := b.f
	if err := f.SetSheetName("Sheet1", "封面"); err != nil {
		return err
	}
	if err := b.templateCover(doc); err != nil {
		return fmt.Errorf("工作表“封面”：%w", chinese(err))
	}
	if _, err := f.NewSheet("目录"); err != nil {
		return err
	}
	if err := b.templateText("目录", "目  录", doc.Contents); err != nil {
		return fmt.Errorf("工作表“目录”：%w", chinese(err))
	}
	at := doc.TablesAt
	if at <= 0 || at > len(doc.Parts) {
		at = len(doc.Parts)
	}
	used := map[string]bool{"封面": true, "目录": true}
	sheet := func(want, fallback string) (string, error) {
		name := sheetName(want, fallback, used)
		_, err := f.NewSheet(name)
		return name, err
	}
	part := func(p disclosure.Part) error {
		sh, err := sheet(p.Sheet, p.Title)
		if err != nil {
			return err
		}
		var lines []string
		for _, bl := range p.Blocks {
			if bl.Kind != disclosure.TableRef && bl.Text != "" {
				lines = append(lines, bl.Text)
			}
		}
		return b.templateText(sh, p.Heading(), lines)
	}
	for _, p := range doc.Parts[:at] {
		if err := part(p); err != nil {
			return fmt.Errorf("“%s”部分：%w", p.Heading(), chinese(err))
		}
	}
	for _, t := range doc.Tables {
		if t == nil {
			continue
		}
		sh, err := sheet(t.Sheet, t.Title)
		if err != nil {
			return fmt.Errorf("工作表“%s”：%w", sh, chinese(err))
		}
		if err := b.templateTable(sh, t); err != nil {
			return fmt.Errorf("工作表“%s”：%w", sh, chinese(err))
		}
	}
	for _, p := range doc.Parts[at:] {
		if err := part(p); err != nil {
			return fmt.Errorf("“%s”部分：%w", p.Heading(), chinese(err))
		}
	}
	return nil
}

// sheetName makes want, or fallback, a sheet name Excel accepts and not yet used.
func sheetName(want, fallback string, used map[string]bool) string {
	base := strings.TrimSpace(want)
	if base == "" {
		base = strings.TrimSpace(fallback)
	}
	base = strings.Trim(strings.Map(func(r rune) rune {
		if full, ok := fullWidth[r]; ok {
			return full
		}
		return r
	}, base), "' ")
	if base == "" {
		base = "Sheet"
	}
	name := truncate(base, 31)
	for k := 2; used[strings.ToLower(name)]; k++ {
		suffix := "(" + fmt.Sprint(k) + ")"
		name = strings.TrimRight(truncate(base, 31-len(suffix)), "' ") + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}

func (b *book) templateCover(doc *disclosure.Document) error {
	s := b.modelSheet("封面")
	if err := b.f.SetColWidth(s.name, "A", "M", 9); err != nil {
		return err
	}
	lines := append([]struct {
		row  int
		text string
		r    role
	}{{coverTitleRow, doc.Title, roleCoverTitle}}, nil...)
	for i, l := range doc.Cover {
		lines = append(lines, struct {
			row  int
			text string
			r    role
		}{coverLineRow + i, l, roleMeta})
	}
	for _, l := range lines {
		if err := b.span(s, 0, l.row, 13, 1, styleKey{role: l.r}); err != nil {
			return err
		}
		if err := b.put(s, 0, l.row, l.text, styleKey{role: l.r}); err != nil {
			return err
		}
	}
	if err := s.height(coverTitleRow, 36); err != nil {
		return err
	}
	return s.close()
}

// templateText writes a title in row 1 and lines from row partTextRow on, one a row,
// wrapped in column A.
func (b *book) templateText(sh, title string, lines []string) error {
	s, err := b.streamSheet(sh)
	if err != nil {
		return err
	}
	if err := s.colWidth(0, narrativeWidth); err != nil {
		return err
	}
	row := partTextRow
	// A title of one line stays in row 1 as the templates have it; a longer one (a
	// project's 经费情况说明 is titled by its name) is as tall as it needs.
	if textHeight(title, narrativeWidth, 20) <= 24 {
		if err := b.put(s, 0, 1, title, styleKey{role: rolePart}); err != nil {
			return err
		}
	} else {
		n, err := b.tallText(s, 0, 1, title, styleKey{role: rolePart}, narrativeWidth, 20, 0)
		if err != nil {
			return fmt.Errorf("第 1 行：%w", err)
		}
		row = max(row, 2+n)
	}
	for _, l := range lines {
		if row >= excelize.TotalRows {
			return errTooLong
		}
		n, err := b.tallText(s, 0, row, l, styleKey{role: roleParagraph}, narrativeWidth, 15, 18)
		if err != nil {
			return fmt.Errorf("第 %d 行：%w", row, err)
		}
		row += n
	}
	return s.close()
}

// templateTable writes a table like the template's: title, 编制部门 and 单位, header,
// body and notes.
func (b *book) templateTable(sh string, t *disclosure.Table) error {
	head, body, widths, kinds, err := b.layOut(t, tplHeadRow)
	if err != nil {
		return err
	}
	n := len(widths)
	s, err := b.tableSheet(sh, t, tplHeadRow+len(head)-1, widths)
	if err != nil {
		return err
	}
	if err := b.span(s, 0, tplTitleRow, n, 1, styleKey{role: roleTitle}); err != nil {
		return err
	}
	if err := b.put(s, 0, tplTitleRow, t.Title, styleKey{role: roleTitle}); err != nil {
		return err
	}
	if err := s.height(tplTitleRow, max(24, textHeight(t.Title, sum(widths), 18))); err != nil {
		return err
	}
	if t.Entity != "" {
		label := t.EntityLabel
		if label == "" {
			label = "编制部门"
		}
		if err := b.put(s, 0, tplMetaRow, label+"："+t.Entity, styleKey{role: roleMeta}); err != nil {
			return err
		}
	}
	if t.Unit != "" {
		if err := b.put(s, n-1, tplMetaRow, "单位："+string(t.Unit), styleKey{role: roleMetaRight}); err != nil {
			return err
		}
	}
	firstBody, err := b.writeGrid(s, t, tplHeadRow, widths, kinds)
	if err != nil {
		return err
	}
	row := firstBody + len(body)
	for _, note := range t.Notes {
		if err := b.put(s, 0, row, note, styleKey{role: roleNote}); err != nil {
			return err
		}
		row++
	}
	return s.close()
}
