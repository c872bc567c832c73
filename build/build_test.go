package build_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"yusuan/build"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/examples/examplestest"
)

const example = "../examples/longgang-2024"

func exampleDoc(t testing.TB) *disclosure.Document {
	doc, err := build.Derive(examplestest.Load(t, "longgang-2024"), classification.Default())
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestRunWritesEveryFormat(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	paths, err := build.Run(example, dir, "", classification.Default(), build.Formats)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != len(build.Formats) {
		t.Fatalf("wrote %d files, want %d", len(paths), len(build.Formats))
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(build.Formats) {
		t.Errorf("output folder holds %d entries (temporary files left?)", len(entries))
	}
}

// BenchmarkBuildAll measures the whole build of the example, from the loaded budget
// to all four formats in memory.
func BenchmarkBuildAll(b *testing.B) {
	bud := examplestest.Load(b, "longgang-2024")
	cat := classification.Default()
	b.ReportAllocs()
	for b.Loop() {
		doc, err := build.Derive(bud, cat)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := build.Render(doc, build.Formats); err != nil {
			b.Fatal(err)
		}
	}
	reportPeakRSS(b)
}

// reportPeakRSS reports the process's peak resident memory (VmHWM), which includes the
// test binary itself: an upper bound for what a build needs.
func reportPeakRSS(b *testing.B) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return // not Linux
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			b.ReportMetric(float64(kb)/1024, "peakRSS-MB")
		}
	}
}

// BenchmarkFormat measures each format alone on the derived example.
func BenchmarkFormat(b *testing.B) {
	doc := exampleDoc(b)
	for _, f := range build.Formats {
		b.Run(f.Ext[1:], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := build.Render(doc, []build.Format{f}); err != nil {
					b.Fatal(err)
				}
			}
			reportPeakRSS(b)
		})
	}
}
