package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"yusuan/check"
	"yusuan/classification"
	"yusuan/reader/pdftext"
)

// sharedCorpus is the shared corpus of published documents, next to the
// repository.
const sharedCorpus = "../../../shared/corpus"

// corpusBudgetFolders hold the corpus's 部门预算 and 单位预算; juesuan/ holds
// 决算, which yusuan does not check yet.
var corpusBudgetFolders = []string{"shenzhen-2026", "shanghai", "other"}

// BenchmarkCheckCorpusDir runs `yusuan check DIR` on a folder holding every
// budget PDF of the corpus, with the PDF runtime started. files/s counts the
// PDFs, docs/s the documents reported (a narrative and its tables published as
// two files make one); cpu-s/doc is the process's CPU time per document on all
// cores together, so docs/s × cpu-s/doc is how many cores the run kept busy.
// Parallelism is GOMAXPROCS (-cpu), which the PDF runtime reads once when it
// starts, so compare -cpu values in separate runs.
func BenchmarkCheckCorpusDir(b *testing.B) {
	var pdfs []string
	for _, f := range corpusBudgetFolders {
		files, err := filepath.Glob(filepath.Join(sharedCorpus, f, "*.pdf"))
		if err != nil {
			b.Fatal(err)
		}
		pdfs = append(pdfs, files...)
	}
	if len(pdfs) == 0 {
		b.Skipf("corpus not available in %s", sharedCorpus)
	}
	dir := b.TempDir()
	for _, p := range pdfs {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(p)), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	if err := pdftext.Start(); err != nil {
		b.Fatal(err)
	}
	// A pass before the timer counts the documents and makes the PDFium
	// instances, as a run over many files soon has.
	entries := checkFiles(expandInputs([]string{dir}), false, check.Options{Codes: classification.Default()}, io.Discard)
	for _, e := range entries {
		if e.Err != nil {
			b.Logf("unreadable: %v", e.Err)
		}
	}
	cpu := cpuTime()
	for b.Loop() {
		if code := runCheck([]string{dir}, io.Discard, io.Discard); code == exitUsage {
			b.Fatalf("yusuan check %s: exit %d", dir, code)
		}
	}
	s := b.Elapsed().Seconds()
	b.ReportMetric(float64(len(pdfs)*b.N)/s, "files/s")
	b.ReportMetric(float64(len(entries)*b.N)/s, "docs/s")
	if cpu > 0 {
		b.ReportMetric((cpuTime()-cpu).Seconds()/float64(len(entries)*b.N), "cpu-s/doc")
	}
}

// cpuTime is the CPU time this process has used, user and system, from
// /proc/self/stat (in USER_HZ ticks, 100 a second); 0 where there is no /proc.
func cpuTime() time.Duration {
	stat, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	// The fields after the command's name in brackets, from the state (3rd) on.
	f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	user, _ := strconv.Atoi(f[11])
	sys, _ := strconv.Atoi(f[12])
	return time.Duration(user+sys) * time.Second / 100
}

// BenchmarkImportPublished2026 runs `yusuan import` of the eight bundled
// Shenzhen 2026 PDFs (what `serve --demo` loads first) into a new SQLite
// database each time: reading, checking, and writing the documents, their
// cells and their original files. The PDF runtime is started before the timer,
// as it is once per process.
func BenchmarkImportPublished2026(b *testing.B) {
	if err := pdftext.Start(); err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	n := 0
	for b.Loop() {
		n++
		db := filepath.Join(dir, strconv.Itoa(n)+".db")
		if code := runImport([]string{"--db", db, bundled2026}, io.Discard, io.Discard); code != exitOK {
			b.Fatalf("yusuan import %s: exit %d", bundled2026, code)
		}
	}
	b.ReportMetric(float64(8*b.N)/b.Elapsed().Seconds(), "docs/s")
}
