package reader_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"yusuan/check"
	"yusuan/disclosure"
	"yusuan/reader"
	"yusuan/render/xlsx"
)

func renderXLSX(t testing.TB, doc *disclosure.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readXLSX(name string, data []byte) (*disclosure.Document, error) {
	return reader.ReadXLSX(name, bytes.NewReader(data), int64(len(data)))
}

// narrativeText is the narrative as printed: each part's heading, then each block's
// kind and text, a table's rows as printedTable shows them.
func narrativeText(parts []disclosure.Part) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.Heading() + "\n")
		for _, bl := range p.Blocks {
			if bl.Kind == disclosure.TableRef {
				if bl.Table != nil {
					b.WriteString("table:\n" + printedTable(bl.Table))
				}
				continue
			}
			fmt.Fprintf(&b, "%s: %s\n", bl.Kind, bl.Text)
		}
	}
	return b.String()
}

// xlsxRoundTrip renders doc as a workbook, reads it back and compares: no errors from
// the checks, every table cell for cell, the narrative block for block.
func xlsxRoundTrip(t *testing.T, name string, doc *disclosure.Document) {
	t.Helper()
	if errs := errorsOf(check.Run(doc, check.Options{})); len(errs) > 0 {
		t.Errorf("%s: derived document has errors:\n%s", name, strings.Join(errs, "\n"))
	}
	back, err := readXLSX(name+".xlsx", renderXLSX(t, doc))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if errs := errorsOf(check.Run(back, check.Options{})); len(errs) > 0 {
		t.Errorf("%s: document read back has errors:\n%s", name, strings.Join(errs, "\n"))
	}
	if len(back.Tables) != len(doc.Tables) {
		t.Fatalf("%s: read %d tables, derived %d", name, len(back.Tables), len(doc.Tables))
	}
	for i, want := range doc.Tables {
		got := back.Tables[i]
		if got.Number != want.Number || got.Kind != want.Kind || got.Title != want.Title || got.Unit != want.Unit {
			t.Errorf("%s: table %d reads back as %d %s %q %s", name, want.Number, got.Number, got.Kind, got.Title, got.Unit)
		}
		if g, w := printedTable(got), printedTable(want); g != w {
			t.Errorf("%s: table %d reads back differently\nderived:\n%s\nread:\n%s", name, want.Number, w, g)
		}
		if g, w := amountCells(got), amountCells(want); g != w {
			t.Errorf("%s: table %d has amounts at %s, derived at %s", name, want.Number, g, w)
		}
		if g, w := fmt.Sprint(rowKinds(got)), fmt.Sprint(rowKinds(want)); g != w {
			t.Errorf("%s: table %d rows are %s, derived %s", name, want.Number, g, w)
		}
		if got.Entity != want.Entity || got.Period != want.Period || strings.Join(got.Notes, "|") != strings.Join(want.Notes, "|") {
			t.Errorf("%s: table %d reads back %q %q %q, derived %q %q %q", name, want.Number, got.Entity, got.Period, got.Notes, want.Entity, want.Period, want.Notes)
		}
	}
	if g, w := narrativeText(back.Parts), narrativeText(doc.Parts); g != w {
		t.Errorf("%s: narrative reads back differently\nderived:\n%s\nread:\n%s", name, w, g)
	}
	if back.Profile != doc.Profile || back.Year != doc.Year || back.Subject != doc.Subject || back.Kind != doc.Kind ||
		back.Department != doc.Department || back.Title != doc.Title {
		t.Errorf("%s: read %s %d %q %q %q %q, want %s %d %q %q %q %q", name, back.Profile, back.Year, back.Subject, back.Kind, back.Department, back.Title,
			doc.Profile, doc.Year, doc.Subject, doc.Kind, doc.Department, doc.Title)
	}
}

// amountCells lists the grid positions that hold amounts, so that an amount read
// back as text that prints the same is not taken for an amount.
func amountCells(t *disclosure.Table) string {
	var b strings.Builder
	for r, row := range disclosure.Grid(t.BodyCells(), len(t.Columns)) {
		for _, p := range row {
			if p.Amount != nil {
				fmt.Fprintf(&b, "(%d,%d)", r, p.Col)
			}
		}
	}
	return b.String()
}

// rowKinds marks total rows, which the checks rely on; group rows print alike and
// are not kept.
func rowKinds(t *disclosure.Table) []bool {
	var out []bool
	for _, r := range t.Rows {
		out = append(out, r.Kind == disclosure.TotalRow)
	}
	return out
}

func TestXLSXRoundTripExample(t *testing.T) {
	xlsxRoundTrip(t, "longgang-2024", longgang(t))
}

func TestXLSXRoundTripRandom(t *testing.T) {
	eachRandom(t, 30, 10, func(name string, doc *disclosure.Document) { xlsxRoundTrip(t, name, doc) })
}
