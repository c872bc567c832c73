package reader_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"yusuan/build"
	"yusuan/check"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/examples/examplestest"
	"yusuan/reader"
	"yusuan/reader/pdftext"
	"yusuan/render/pdf"
)

// shenzhenPDF renders a derived document as yusuan's Shenzhen PDF.
func shenzhenPDF(t testing.TB, doc *disclosure.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.Write(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sameDocument checks a document read back against the one it was rendered
// from: no errors from the checker, the same parts, and the same tables cell for
// cell as printed.
func sameDocument(t *testing.T, name string, want, got *disclosure.Document) {
	t.Helper()
	if errs := errorsOf(check.Run(got, check.Options{})); len(errs) > 0 {
		t.Errorf("%s: document read back has errors:\n%s", name, strings.Join(errs, "\n"))
	}
	if got.Year != want.Year || got.Subject != want.Subject || got.Kind != want.Kind || got.Title != want.Title {
		t.Errorf("%s: read %d %q %q %q, want %d %q %q %q", name, got.Year, got.Subject, got.Kind, got.Title, want.Year, want.Subject, want.Kind, want.Title)
	}
	var gotParts, wantParts []string
	for _, p := range got.Parts {
		gotParts = append(gotParts, p.Heading())
	}
	for _, p := range want.Parts {
		wantParts = append(wantParts, p.Heading())
	}
	if strings.Join(gotParts, "|") != strings.Join(wantParts, "|") {
		t.Errorf("%s: parts\n%v\nwant\n%v", name, gotParts, wantParts)
	}
	if g, w := narrative(got), narrative(want); g != w {
		t.Errorf("%s: narrative reads back differently\nderived:\n%s\nread:\n%s", name, w, g)
	}
	if len(got.Tables) != len(want.Tables) {
		t.Fatalf("%s: read %d tables, derived %d", name, len(got.Tables), len(want.Tables))
	}
	for i, w := range want.Tables {
		if g := printedTable(got.Tables[i]); g != printedTable(w) {
			t.Errorf("%s: table %d reads back differently\nderived:\n%s\nread:\n%s", name, w.Number, printedTable(w), g)
		}
	}
	wantKey, gotKey := keyProjects(want), keyProjects(got)
	if (wantKey == nil) != (gotKey == nil) {
		t.Errorf("%s: project table derived %v, read %v", name, wantKey != nil, gotKey != nil)
	} else if wantKey != nil {
		if g, w := printedTable(gotKey), printedTable(wantKey); g != w {
			t.Errorf("%s: project table reads back differently\nderived:\n%s\nread:\n%s", name, w, g)
		}
	}
}

// narrative is the parts' blocks as printed: kind and text without spaces.
func narrative(doc *disclosure.Document) string {
	var b strings.Builder
	for _, p := range doc.Parts {
		for _, bl := range p.Blocks {
			if bl.Kind != disclosure.TableRef {
				fmt.Fprintf(&b, "%d %s %s\n", p.Number, bl.Kind, strings.Join(strings.Fields(bl.Text), ""))
			}
		}
	}
	return b.String()
}

func keyProjects(doc *disclosure.Document) *disclosure.Table {
	for _, p := range doc.Parts {
		for _, b := range p.Blocks {
			if b.Kind == disclosure.TableRef {
				return b.Table
			}
		}
	}
	return nil
}

func TestShenzhenPDFExample(t *testing.T) {
	doc := longgang(t)
	got, err := reader.ReadPDF(context.Background(), "longgang.pdf", shenzhenPDF(t, doc))
	if err != nil {
		t.Fatal(err)
	}
	sameDocument(t, "longgang", doc, got)
	// 一、文字部分, nine parts, 二、表格部分 and twelve tables.
	if len(got.Contents) != 23 || got.Contents[1] != "第一部分 部门概况" {
		t.Errorf("目录 has %d entries, want 23: %q", len(got.Contents), got.Contents)
	}
	for _, p := range got.Parts {
		for _, b := range p.Blocks {
			if b.Pos.Page == 0 || b.Pos.Line == 0 {
				t.Errorf("block %q has no position", b.Text)
			}
		}
	}
}

func TestShenzhenPDFRandom(t *testing.T) {
	if testing.Short() {
		t.Skip("renders and reads eight PDFs")
	}
	readRandom(t, func(name string, pdf []byte) (*disclosure.Document, error) {
		return reader.ReadPDF(context.Background(), name+".pdf", pdf)
	})
}

// readRandom renders the documents of eight random budgets as PDFs, reads each with
// read and requires the document derived.
func readRandom(t *testing.T, read func(name string, pdf []byte) (*disclosure.Document, error)) {
	for seed := int64(0); seed < 8; seed++ {
		doc := randomDoc(t, seed)
		name := fmt.Sprintf("seed%d", seed)
		got, err := read(name, shenzhenPDF(t, doc))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		sameDocument(t, name, doc, got)
	}
}

// pdftotextLayout runs poppler's pdftotext -layout, or skips.
func pdftotextLayout(t *testing.T, data []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestShenzhenPdftotext(t *testing.T) {
	doc := longgang(t)
	text := pdftotextLayout(t, shenzhenPDF(t, doc))
	got, err := reader.ReadText("longgang.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	sameDocument(t, "longgang pdftotext", doc, got)
}

// TestShenzhenPdftotextCaizheng reads `pdftotext -layout` text of the 2026
// example's PDF: its 三公 table's eighteen narrow fund columns wrap their headers
// over up to seven lines, 一般公共预算 a line lower than its neighbours, under
// parents on three lines (总计 beside 公务用车购置及运行维护费 over 小计).
func TestShenzhenPdftotextCaizheng(t *testing.T) {
	b := examplestest.Load(t, "shenzhen-caizheng-2026")
	doc, err := build.Derive(b, classification.Default())
	if err != nil {
		t.Fatal(err)
	}
	text := pdftotextLayout(t, shenzhenPDF(t, doc))
	got, err := reader.ReadText("caizheng.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	if errs := errorsOf(check.Run(got, check.Options{})); len(errs) > 0 {
		t.Errorf("document read back has errors:\n%s", strings.Join(errs, "\n"))
	}
	if len(got.Tables) != len(doc.Tables) {
		t.Fatalf("read %d tables, derived %d", len(got.Tables), len(doc.Tables))
	}
	// The numbered tables only: the narrative's numbered paragraphs read back
	// as list items, and the key projects' long descriptions wrap into the next
	// project's row (known gaps of layout text, not of the header).
	for i, w := range doc.Tables {
		g := got.Tables[i]
		if g.Unread != "" {
			t.Errorf("表%d unread: %s", g.Number, g.Unread)
		}
		if gp, wp := printedTable(g), printedTable(w); gp != wp {
			t.Errorf("表%d reads back differently\nderived:\n%s\nread:\n%s", w.Number, wp, gp)
		}
	}
}

// TestShenzhenPdftotextRandom reads `pdftotext -layout` text of the PDFs that
// TestShenzhenPDFRandom reads. Seed 7 prints a page of one-line paragraphs that end
// near the margin, whose only mark is the empty line between them.
func TestShenzhenPdftotextRandom(t *testing.T) {
	if testing.Short() {
		t.Skip("renders eight PDFs and runs pdftotext on each")
	}
	readRandom(t, func(name string, pdf []byte) (*disclosure.Document, error) {
		return reader.ReadText(name+".txt", pdftotextLayout(t, pdf))
	})
}

// BenchmarkCheckShenzhenPDF reads and checks the example's 25-page PDF once PDFium
// is warm.
func BenchmarkCheckShenzhenPDF(b *testing.B) {
	if err := pdftext.Start(); err != nil {
		b.Fatal(err)
	}
	data := shenzhenPDF(b, longgang(b))
	for b.Loop() {
		doc, err := reader.ReadPDF(context.Background(), "longgang.pdf", data)
		if err != nil {
			b.Fatal(err)
		}
		check.Run(doc, check.Options{})
	}
}
