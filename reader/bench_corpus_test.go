package reader_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"yusuan/check"
	"yusuan/reader"
	"yusuan/reader/pdftext"
)

// The corpus benchmarks read and check published PDFs of the shared corpus
// from bytes, once the PDF runtime has started; they skip where the corpus is
// not there. docs/performance.md records their figures and targets.

// BenchmarkReadCheck40Pages reads and checks 深圳市财政局's 2026 部门预算, 40
// pages; the target is under 300 ms.
func BenchmarkReadCheck40Pages(b *testing.B) {
	benchReadCheck(b, "shenzhen-2026/shenzhen-caizheng-2026-dept-budget.pdf")
}

// BenchmarkReadCheckShuiwu reads and checks 深圳市水务局's 2026 部门预算, 187
// pages; the target is under 1.5 s.
func BenchmarkReadCheckShuiwu(b *testing.B) {
	benchReadCheck(b, "shenzhen-2026/shenzhen-shuiwu-2026-dept-budget.pdf")
}

func benchReadCheck(b *testing.B, rel string) {
	data, err := os.ReadFile(filepath.Join(corpusDir, rel))
	if err != nil {
		b.Skipf("corpus not available: %v", err)
	}
	// Start is outside the timer: the targets hold once the runtime has
	// started, which BenchmarkStart in reader/pdftext measures.
	if err := pdftext.Start(); err != nil {
		b.Fatal(err)
	}
	name := filepath.Base(rel)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		doc, err := reader.ReadPDF(context.Background(), name, data)
		if err != nil {
			b.Fatal(err)
		}
		if len(doc.Tables) == 0 {
			b.Fatalf("%s: no tables read", name)
		}
		check.Run(doc, check.Options{})
	}
}
