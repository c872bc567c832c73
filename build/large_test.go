package build_test

import (
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"runtime/debug"
	"testing"

	"yusuan/budget"
	"yusuan/budget/budgettest"
	"yusuan/build"
	"yusuan/classification"
)

// largeSizes are the departments BenchmarkBuildLarge builds: ten line items a unit,
// the largest one a big education bureau's.
var largeSizes = []struct{ items, units int }{{100, 10}, {1_000, 100}, {10_000, 1_000}}

// largeBudget is a random budget of about items line items in units units, the same
// for every run.
func largeBudget(profile string, items, units int) *budget.Budget {
	b := budgettest.Random(rand.New(rand.NewSource(20261206)), budgettest.Options{Units: units, Items: items})
	b.Profile = profile
	return b
}

// BenchmarkBuildLarge builds departments of growing size for each profile into all
// four formats, as build.Run does (build.Build: validation, derivation, the
// self-check and every format of every document the profile publishes), without
// writing the files. The time should grow
// in proportion to the size; the target is under 3 s and 500 MB at 10,000 items.
func BenchmarkBuildLarge(b *testing.B) {
	cat := classification.Default()
	for _, profile := range []string{"shenzhen", "shanghai"} {
		for _, size := range largeSizes {
			b.Run(fmt.Sprintf("%s/items=%d", profile, size.items), func(b *testing.B) {
				bud := largeBudget(profile, size.items, size.units)
				resetPeakRSS()
				b.ReportAllocs()
				var docs, bytes int
				cpu0 := cpuTime()
				for b.Loop() {
					docs, bytes = buildAll(b, bud, cat)
				}
				b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
				b.ReportMetric(float64(len(bud.Items)), "items")
				b.ReportMetric(float64(docs), "docs")
				b.ReportMetric(float64(bytes)/(1<<20), "out-MB")
				reportPeakRSS(b)
			})
		}
	}
}

// buildAll builds bud in every format as build.Run does, and returns the number of
// documents and the bytes rendered.
func buildAll(b *testing.B, bud *budget.Budget, cat *classification.Catalogue) (docs, bytes int) {
	files, err := build.Build(bud, "", cat, build.Formats)
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range files {
		bytes += len(f.Data)
	}
	return len(files) / len(build.Formats), bytes
}

// resetPeakRSS lets the next reportPeakRSS measure from now (Linux: writing 5 to
// clear_refs resets VmHWM to the current resident size), after giving the memory
// of earlier benchmarks back to the system.
func resetPeakRSS() {
	runtime.GC()
	debug.FreeOSMemory()
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}
