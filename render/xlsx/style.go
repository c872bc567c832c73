package xlsx

import (
	"github.com/xuri/excelize/v2"
)

// role is what a cell is for; with boldness and indentation it picks the cell's style.
type role int

const (
	roleLabel role = iota
	roleTitle
	roleMeta
	roleMetaCenter
	roleMetaRight
	roleHead
	roleText
	roleCode
	roleAmount
	roleNote
	roleCoverTitle
	roleLink
	// The narrative's blocks. Readers tell the kinds apart by these styles: a part
	// heading is bold and larger, a section heading bold, a list item indented and a
	// note in small print.
	rolePart
	roleHeading
	roleParagraph
	roleItem
	roleBlockNote
)

type styleKey struct {
	role   role
	bold   bool
	indent int
}

// font is the one the published tables use; Excel substitutes where it is missing.
const font = "宋体"

// numFmtAmount is Excel's built-in "#,##0.00".
const numFmtAmount = 4

var thin = []excelize.Border{
	{Type: "left", Color: "000000", Style: 1},
	{Type: "right", Color: "000000", Style: 1},
	{Type: "top", Color: "000000", Style: 1},
	{Type: "bottom", Color: "000000", Style: 1},
}

// style returns the id of the style for k, creating it once per workbook.
func (b *book) style(k styleKey) (int, error) {
	if id, ok := b.styles[k]; ok {
		return id, nil
	}
	id, err := b.f.NewStyle(newStyle(k))
	if err != nil {
		return 0, err
	}
	b.styles[k] = id
	return id, nil
}

func newStyle(k styleKey) *excelize.Style {
	s := &excelize.Style{
		Font:      &excelize.Font{Family: font, Size: 11, Bold: k.bold},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	}
	switch k.role {
	case roleLabel:
		s.Alignment.WrapText = false
	case roleTitle:
		s.Font.Size, s.Font.Bold = 14, true
		s.Alignment.Horizontal = "center"
	case roleCoverTitle:
		s.Font.Size, s.Font.Bold = 16, true
		s.Alignment.Horizontal = "center"
	case roleMeta:
		s.Alignment.WrapText = false
	case roleMetaCenter:
		s.Alignment.Horizontal, s.Alignment.WrapText = "center", false
	case roleMetaRight:
		s.Alignment.Horizontal, s.Alignment.WrapText = "right", false
	case roleHead:
		s.Font.Bold = true
		s.Alignment.Horizontal = "center"
		s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}
		s.Border = thin
	case roleText:
		s.Alignment.Horizontal = "left"
		s.Alignment.Indent = k.indent
		s.Border = thin
	case roleCode:
		s.Alignment.Horizontal = "left"
		s.Border = thin
	case roleAmount:
		s.Alignment.Horizontal = "right"
		s.Alignment.WrapText = false
		s.NumFmt = numFmtAmount
		s.Border = thin
	case roleNote:
		s.Alignment.Horizontal, s.Alignment.Vertical = "left", "top"
	case rolePart:
		s.Font.Size, s.Font.Bold = 14, true
		s.Alignment.Horizontal = "left"
	case roleHeading:
		s.Font.Size, s.Font.Bold = 12, true
		s.Alignment.Horizontal = "left"
	case roleParagraph:
		s.Alignment.Horizontal, s.Alignment.Vertical = "left", "top"
	case roleItem:
		s.Alignment.Horizontal, s.Alignment.Vertical, s.Alignment.Indent = "left", "top", 1
	case roleBlockNote:
		s.Font.Size = 10
		s.Alignment.Horizontal, s.Alignment.Vertical = "left", "top"
	case roleLink:
		s.Font.Color, s.Font.Underline = "1F4E79", "single"
		s.Alignment.WrapText = false
	}
	return s
}
