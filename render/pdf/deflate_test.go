package pdf

import (
	"bytes"
	"fmt"
	"math/rand"
	"slices"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"

	"yusuan/disclosure"
)

// TestDeflateMatchesFpdf renders documents with fpdf compressing the pages and with
// yusuan's pooled compression, at the same creation date, and wants the same bytes.
// fpdf writes its fonts in the order of a map, which varies from run to run, so a
// pair of renders is tried a few times for one in the same order.
func TestDeflateMatchesFpdf(t *testing.T) {
	fpdf.SetDefaultCreationDate(time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC))
	fpdf.SetDefaultModificationDate(time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC))
	defer fpdf.SetDefaultCreationDate(time.Time{})
	defer fpdf.SetDefaultModificationDate(time.Time{})
	docs := map[string]*disclosure.Document{"seed": testDocument(), "random": randomDocument(rand.New(rand.NewSource(5)))}
	for name, doc := range docs {
		var diff string
		for range 30 {
			var own, theirs bytes.Buffer
			if err := Write(&own, doc); err != nil {
				t.Fatal(err)
			}
			if err := write(&theirs, doc, true); err != nil {
				t.Fatal(err)
			}
			if diff = firstDifference(own.Bytes(), theirs.Bytes()); diff == "" {
				break
			}
		}
		if diff != "" {
			t.Errorf("%s: PDF differs from fpdf's own compression in every try, the last %s", name, diff)
		}
	}
}

func firstDifference(a, b []byte) string {
	if bytes.Equal(a, b) {
		return ""
	}
	n := 0
	for n < min(len(a), len(b)) && a[n] == b[n] {
		n++
	}
	return fmt.Sprintf("at byte %d (%d against %d bytes): %q against %q", n, len(a), len(b), a[n:min(n+80, len(a))], b[n:min(n+80, len(b))])
}

// TestDeflateInPieces gives the deflater a document in pieces, as a writer may be
// given it, and wants what it writes for the document in one piece.
func TestDeflateInPieces(t *testing.T) {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCompression(false)
	f.SetFont("Helvetica", "", 12)
	for i := range 3 {
		f.AddPage()
		f.Text(20, 20, fmt.Sprintf("page %d", i+1))
	}
	var raw bytes.Buffer
	if err := f.Output(&raw); err != nil {
		t.Fatal(err)
	}
	var whole, pieces bytes.Buffer
	if _, err := (&deflater{w: &whole}).Write(raw.Bytes()); err != nil {
		t.Fatal(err)
	}
	d := &deflater{w: &pieces}
	for p := range slices.Chunk(raw.Bytes(), 100) {
		if _, err := d.Write(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.close(); err != nil {
		t.Fatal(err)
	}
	if diff := firstDifference(whole.Bytes(), pieces.Bytes()); diff != "" {
		t.Errorf("in pieces: %s", diff)
	}
	if n := bytes.Count(whole.Bytes(), []byte("/Filter /FlateDecode")); n != 3 {
		t.Errorf("%d compressed streams, want the 3 pages'", n)
	}
}
