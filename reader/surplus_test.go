package reader_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"yusuan/check"
	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/reader"
)

// surplusRow finds the row of table number whose printed cells begin start, and
// the findings of rule on it.
func surplusRow(t *testing.T, doc *disclosure.Document, number int, start string) (disclosure.Row, []check.Finding) {
	t.Helper()
	for _, tb := range doc.Tables {
		if tb.Number != number {
			continue
		}
		if tb.Unread != "" {
			t.Fatalf("表%d unread: %s", number, tb.Unread)
		}
		for _, r := range tb.Rows {
			if strings.HasPrefix(printedCells(r), start) {
				var found []check.Finding
				for _, f := range check.Run(doc, check.Options{}).Findings {
					if f.Rule == "READ-02" && f.Location.Page == r.Pos.Page && f.Location.Line == r.Pos.Line {
						found = append(found, f)
					}
				}
				return r, found
			}
		}
	}
	t.Fatalf("表%d has no row %q", number, start)
	return disclosure.Row{}, nil
}

// TestLayoutSurplusNumber: a number printed right of a layout-text table's last
// column on a row that prints more numbers than the table has columns of amounts
// (a number too many on the central 国家信访局's 表6 row 30201 办公费) is the
// row's surplus, reported by READ-02, and the row's own amounts stay in their
// columns: the table is not left unread for an amount run into its last cell.
// A row with no more numbers than columns is read as before (an amount may end
// past its header's slot in layout text), so the corpus shows no surplus.
func TestLayoutSurplusNumber(t *testing.T) {
	path := filepath.Join(corpusDir, "other/central-guojia-xinfangju-2026-dept-budget.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skip("the shared corpus is not next to the repository")
	}
	const row = "  30201       办公费                              93.70                           93.70"
	if !strings.Contains(string(data), row+"\n") {
		t.Fatalf("%s no longer prints %q", path, row)
	}
	for _, c := range []struct{ line, want string }{
		{"  30201       办公费                              93.70          0.00     93.70         12.34", "30201|办公费|93.70|0.00|93.70"},
	} {
		text := strings.Replace(string(data), row+"\n", c.line+"\n", 1)
		doc, err := reader.ReadLayout("xinfangju.txt", text)
		if err != nil {
			t.Fatal(err)
		}
		r, found := surplusRow(t, doc, 6, "30201|")
		if got := printedCells(r); got != c.want || !slices.Equal(r.Surplus, []string{"12.34"}) {
			t.Errorf("%q reads %q surplus %q, want %q surplus 12.34", c.line, got, r.Surplus, c.want)
		}
		if len(found) != 1 || found[0].Severity != check.Warning || !strings.Contains(found[0].Message, "12.34") {
			t.Errorf("%q: READ-02 findings %v, want one warning naming 12.34", c.line, found)
		}
	}
	// The corpus file itself prints no number too many anywhere.
	doc, err := reader.ReadLayout("xinfangju.txt", string(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range doc.Tables {
		for _, r := range tb.Rows {
			if len(r.Surplus) > 0 {
				t.Errorf("表%d row %q: surplus %q", tb.Number, printedCells(r), r.Surplus)
			}
		}
	}
}

// TestPDFSurplusNumber: a PDF row that prints one amount more than its header has
// columns (yusuan's Shenzhen PDF of the example, with an amount added right of the
// last column of one row of 表5) is read as far as the header goes; the amount
// left over is READ-02, and the rest of the document reads as rendered.
func TestPDFSurplusNumber(t *testing.T) {
	doc := longgang(t)
	var tb *disclosure.Table
	for _, x := range doc.Tables {
		if x.Number == 5 {
			tb = x
		}
	}
	if tb == nil || len(tb.Rows) < 2 {
		t.Fatal("the example has no 表5 with rows")
	}
	r := &tb.Rows[1]
	want := printedTable(tb)
	extra, err := money.Parse("12.34", tb.Unit)
	if err != nil {
		t.Fatal(err)
	}
	r.Cells = append(slices.Clone(r.Cells), disclosure.Cell{Amount: &extra, Printed: "12.34"})
	got, err := reader.ReadPDF(context.Background(), "longgang.pdf", shenzhenPDF(t, doc))
	if err != nil {
		t.Fatal(err)
	}
	row, found := surplusRow(t, got, 5, strings.SplitN(printedCells(*r), "|", 2)[0]+"|")
	if !slices.Equal(row.Surplus, []string{"12.34"}) {
		t.Errorf("表5 row %q: surplus %q, want 12.34", printedCells(row), row.Surplus)
	}
	if len(found) != 1 {
		t.Errorf("表5 row %q: READ-02 findings %v, want one", printedCells(row), found)
	}
	for _, x := range got.Tables {
		if x.Number == 5 {
			if g := printedTable(x); g != want {
				t.Errorf("表5 reads back differently\nderived:\n%s\nread:\n%s", want, g)
			}
		}
	}
}
