package pdftext

import (
	"bytes"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
)

// startProbeEnv makes the test binary a child that only times Start; see
// BenchmarkStart.
const startProbeEnv = "PDFTEXT_START_PROBE"

// firstStart is how long this process's first Start took: a cold compile
// when the disk cache is empty, a cache load otherwise.
var firstStart time.Duration

func TestMain(m *testing.M) {
	t0 := time.Now()
	err := Start()
	firstStart = time.Since(t0)
	if os.Getenv(startProbeEnv) != "" {
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println(firstStart.Nanoseconds())
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// tinyPDF writes a small PDF with fpdf: one page per entry of pages, each
// line of an entry at its own baseline. protect, when non-nil, encrypts it.
func tinyPDF(t testing.TB, pages [][]string, protect func(*fpdf.Fpdf)) []byte {
	t.Helper()
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.SetFont("Helvetica", "", 12)
	if protect != nil {
		protect(pdf)
	}
	for _, lines := range pages {
		pdf.AddPage()
		for i, s := range lines {
			pdf.Text(72, 72+float64(i)*24, s)
		}
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// rotatedPDF builds by hand a one-page PDF displayed with /Rotate 90 whose
// text is drawn turned a quarter the other way, so it reads horizontally
// on screen. fpdf cannot set /Rotate.
func rotatedPDF() []byte {
	content := "BT /F1 12 Tf 0 1 -1 0 300 100 Tm (Total 1,234.00) Tj ET"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 600] /Rotate 90 " +
			"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
