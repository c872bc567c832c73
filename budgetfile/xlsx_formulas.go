package budgetfile

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"path"
	"strings"
)

// maxFormulas bounds the formulas remembered from a workbook. Each one in a
// data cell is an error, and the errors stop at maxErrors long before.
const maxFormulas = 10_000

// formulas maps a sheet's name to its cells that hold a formula (by
// reference, such as "I3") and the formula's text, which is empty for the
// cells that share another cell's formula.
type formulas map[string]map[string]string

// scanFormulas finds the formulas of every sheet by reading the sheets' XML
// as a stream. excelize's GetCellFormula loads the whole sheet into its
// model, which for a sheet of 150,000 rows took most of 1 GB.
func scanFormulas(r io.ReaderAt, size int64) (formulas, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, err
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[strings.TrimPrefix(f.Name, "/")] = f
	}
	sheets, err := sheetParts(parts)
	if err != nil {
		return nil, err
	}
	out := formulas{}
	n := 0
	for name, part := range sheets {
		f := parts[part]
		if f == nil {
			continue
		}
		cells, err := scanSheetFormulas(f, maxFormulas-n)
		if err != nil {
			return nil, err
		}
		n += len(cells)
		if len(cells) > 0 {
			out[name] = cells
		}
	}
	return out, nil
}

// sheetParts maps each sheet's name to the zip part that holds it, from
// xl/workbook.xml and its relationships.
func sheetParts(parts map[string]*zip.File) (map[string]string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(parts["xl/workbook.xml"], &wb); err != nil {
		return nil, err
	}
	if err := decodePart(parts["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		if t, ok := targets[s.ID]; ok {
			out[s.Name] = t
		}
	}
	return out, nil
}

func decodePart(f *zip.File, v any) error {
	if f == nil {
		return nil // excelize reports a workbook without its parts
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}

// scanSheetFormulas returns the cells of one sheet's XML that hold a
// formula, at most limit of them.
func scanSheetFormulas(f *zip.File, limit int) (map[string]string, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	out := map[string]string{}
	cell := ""
	for len(out) < limit {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "c":
			cell = ""
			for _, a := range se.Attr {
				if a.Name.Local == "r" {
					cell = a.Value
				}
			}
		case "f":
			var text string
			if err := dec.DecodeElement(&text, &se); err != nil {
				return nil, err
			}
			if cell != "" {
				out[cell] = strings.TrimPrefix(text, "=")
			}
		}
	}
	return out, nil
}
