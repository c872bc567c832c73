package shanghai_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"yusuan/budget/budgettest"
	"yusuan/check"
	"yusuan/disclosure"
	"yusuan/disclosure/disclosuretest"
	"yusuan/examples/examplestest"
	"yusuan/profile/profiletest"
	"yusuan/reader"
	"yusuan/render/pdf"
	"yusuan/render/xlsx"
)

// printedTable is a table as printed.
var printedTable = disclosuretest.Printed

// sameTables requires back to hold doc's tables cell for cell and to pass the checker.
func sameTables(t *testing.T, format string, doc, back *disclosure.Document) {
	t.Helper()
	if errs := profiletest.Errors(check.Run(back, check.Options{})); len(errs) > 0 {
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

// TestRoundTripPDF does the same with the PDF.
func TestRoundTripPDF(t *testing.T) {
	for _, doc := range documents(t, loadExample(t)) {
		sameTables(t, "pdf", doc, readPDF(t, doc))
	}
}

// TestRoundTripPDFShenzhenExample builds the Shenzhen example in the Shanghai format —
// the same budget in either profile — and reads its PDFs back: its unit's long name
// heads 机构设置 in a large font.
func TestRoundTripPDFShenzhenExample(t *testing.T) {
	for _, doc := range documents(t, examplestest.Load(t, "longgang-2024")) {
		sameTables(t, "longgang pdf", doc, readPDF(t, doc))
	}
}

// TestRoundTripPDFRandom renders the 部门预算 and every 单位预算 of random budgets as
// PDFs and reads them back, as TestRoundTripPDF does the example's. Seed 1 prints a
// part with no text alone on its page, 13 a part heading over one short line and 42
// a name that wraps onto three lines.
func TestRoundTripPDFRandom(t *testing.T) {
	if testing.Short() {
		t.Skip("renders and reads a PDF of every document of four budgets")
	}
	for _, seed := range []int64{0, 1, 13, 35, 42} {
		b := budgettest.Random(rand.New(rand.NewSource(seed)), budgettest.Options{Classified: seed%4 == 0})
		for _, doc := range documents(t, b) {
			sameTables(t, fmt.Sprintf("seed %d pdf", seed), doc, readPDF(t, doc))
		}
	}
}

// readPDF renders doc as a PDF and reads it back.
func readPDF(t *testing.T, doc *disclosure.Document) *disclosure.Document {
	t.Helper()
	var p bytes.Buffer
	if err := pdf.Write(&p, doc); err != nil {
		t.Fatal(err)
	}
	back, err := reader.ReadPDF(context.Background(), doc.Kind+".pdf", p.Bytes())
	if err != nil {
		t.Fatalf("%s %s: %v", doc.Kind, doc.Subject, err)
	}
	return back
}
