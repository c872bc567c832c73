package shenzhen_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"strings"
	"testing"

	"yusuan/budget"
	"yusuan/budget/budgettest"
	"yusuan/budgetfile"
	ycheck "yusuan/check"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/disclosure/disclosuretest"
	"yusuan/examples/examplestest"
	"yusuan/profile/profiletest"
	"yusuan/profile/shenzhen"
	"yusuan/reader"
	htmlr "yusuan/render/html"
	pdfr "yusuan/render/pdf"
	"yusuan/render/text"
	xlsxr "yusuan/render/xlsx"
)

// example2026 is the synthetic 2026 example, derived.
func example2026(t testing.TB) *disclosure.Document {
	t.Helper()
	b, err := budgetfile.Load(filepath.Join("testdata", "example-2026"))
	if err != nil {
		t.Fatal(err)
	}
	return derive(t, b)
}

// TestGolden2026 pins the synthetic 2026 example, tables and narrative, as text.
func TestGolden2026(t *testing.T) {
	doc := example2026(t)
	if doc.Format != "shenzhen-2026" || len(doc.Tables) != 11 || len(doc.Parts) != 9 {
		t.Fatalf("derived %s with %d tables and %d parts, want shenzhen-2026 with 11 and 9", doc.Format, len(doc.Tables), len(doc.Parts))
	}
	profiletest.Golden(t, "derived document", filepath.Join("testdata", "example-2026.golden.txt"), profiletest.Text(t, doc), *update)
}

// TestFormatChoice: the year chooses the format, and the budget's format key overrides it.
func TestFormatChoice(t *testing.T) {
	b, err := budgetfile.Load(filepath.Join("testdata", "example-2026"))
	if err != nil {
		t.Fatal(err)
	}
	b.Format = "shenzhen-2024"
	if _, err := deriveErr(b); err == nil || !strings.Contains(err.Error(), "shenzhen-2026") {
		t.Errorf("a budget with 事业单位经营支出 derived in the 2024 format: %v", err)
	}
	b.Format = "beijing-2026"
	if _, err := deriveErr(b); err == nil || !strings.Contains(err.Error(), "不是深圳的格式") {
		t.Errorf("an unknown format: %v", err)
	}
	lg := examplestest.Load(t, "longgang-2024")
	lg.Format = "shenzhen-2026"
	if doc := derive(t, lg); doc.Format != "shenzhen-2026" || len(doc.Tables) != 11 {
		t.Errorf("the seed forced to 2026 derived %s with %d tables", doc.Format, len(doc.Tables))
	}
}

// readBack renders doc in one format and reads it back.
type readBack struct {
	ext  string
	read func(t *testing.T, name string, doc *disclosure.Document) (*disclosure.Document, error)
}

var readBacks = []readBack{
	{".txt", func(t *testing.T, name string, doc *disclosure.Document) (*disclosure.Document, error) {
		var buf bytes.Buffer
		if err := text.Write(&buf, doc); err != nil {
			t.Fatal(err)
		}
		return reader.ReadText(name+".txt", buf.String())
	}},
	{".xlsx", func(t *testing.T, name string, doc *disclosure.Document) (*disclosure.Document, error) {
		var buf bytes.Buffer
		if err := xlsxr.Write(&buf, doc); err != nil {
			t.Fatal(err)
		}
		return reader.ReadXLSX(name+".xlsx", bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	}},
	{".pdf", func(t *testing.T, name string, doc *disclosure.Document) (*disclosure.Document, error) {
		var buf bytes.Buffer
		if err := pdfr.Write(&buf, doc); err != nil {
			t.Fatal(err)
		}
		return reader.ReadPDF(context.Background(), name+".pdf", buf.Bytes())
	}},
}

// roundTrip2026 checks a derived 2026 document, then renders it in every format the
// reader reads, reads each back and requires the same tables cell for cell and no
// errors from the checks. The HTML, which no reader reads, must print every cell.
func roundTrip2026(t *testing.T, name string, doc *disclosure.Document, formats []readBack) {
	t.Helper()
	if errs := profiletest.Errors(ycheck.Run(doc, ycheck.Options{})); len(errs) > 0 {
		t.Errorf("%s: derived document has errors:\n%s", name, strings.Join(errs, "\n"))
	}
	for _, f := range formats {
		back, err := f.read(t, name, doc)
		if err != nil {
			t.Errorf("%s%s: %v", name, f.ext, err)
			continue
		}
		if errs := profiletest.Errors(ycheck.Run(back, ycheck.Options{})); len(errs) > 0 {
			t.Errorf("%s%s: document read back has errors:\n%s", name, f.ext, strings.Join(errs, "\n"))
		}
		if back.Format != doc.Format || back.Year != doc.Year || back.Subject != doc.Subject {
			t.Errorf("%s%s: read %s %d %q, want %s %d %q", name, f.ext, back.Format, back.Year, back.Subject, doc.Format, doc.Year, doc.Subject)
		}
		if len(back.Tables) != len(doc.Tables) {
			t.Errorf("%s%s: read %d tables, derived %d", name, f.ext, len(back.Tables), len(doc.Tables))
			continue
		}
		for i, want := range doc.Tables {
			if g, w := disclosuretest.Printed(back.Tables[i]), disclosuretest.Printed(want); g != w {
				t.Errorf("%s%s: table %d reads back differently\nderived:\n%s\nread:\n%s", name, f.ext, want.Number, w, g)
			}
		}
	}
	var html bytes.Buffer
	if err := htmlr.Write(&html, doc); err != nil {
		t.Fatalf("%s.html: %v", name, err)
	}
	for _, tb := range doc.Tables {
		for _, r := range tb.Rows {
			for _, c := range r.Cells {
				if s := c.Display(tb.Unit); s != "" && !strings.Contains(html.String(), s) {
					t.Errorf("%s.html: table %d lacks %q", name, tb.Number, s)
				}
			}
		}
	}
}

func TestRoundTrip2026Example(t *testing.T) {
	roundTrip2026(t, "example-2026", example2026(t), readBacks)
}

// random2026 is a random budget published in the 2026 format.
func random2026(seed int64) *budget.Budget {
	return budgettest.Random(rand.New(rand.NewSource(seed)), budgettest.Options{Classified: seed%3 == 0, Year: 2026, Fields2026: true})
}

func TestRoundTrip2026Random(t *testing.T) {
	n := int64(30)
	if testing.Short() {
		n = 8
	}
	for seed := int64(0); seed < n; seed++ {
		formats := readBacks[:2]
		if seed%5 == 0 { // the PDF takes longest
			formats = readBacks
		}
		roundTrip2026(t, fmt.Sprintf("seed%d", seed), derive(t, random2026(seed)), formats)
		if t.Failed() {
			t.Fatalf("stopping at seed %d", seed)
		}
	}
}

// deriveErr validates and derives b, returning the derivation's error.
func deriveErr(b *budget.Budget) (*disclosure.Document, error) {
	cat := classification.Default()
	if err := budget.Validate(b, cat); err != nil {
		return nil, err
	}
	return shenzhen.Profile{}.Derive(b, cat)
}
