package pdftext

import (
	"context"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkStart measures Start in fresh child processes (this test binary
// re-run with startProbeEnv set, see TestMain), since within one process
// Start runs once. XDG_CACHE_HOME points the disk cache at a temporary
// directory: "cold" gives every run an empty one, so wazero compiles the
// module; "disk-cache" shares one, filled beforehand, so it only loads.
// ms/start is the child's own measure of Start, without process start-up.
func BenchmarkStart(b *testing.B) {
	probe := func(b *testing.B, cacheHome string) time.Duration {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), startProbeEnv+"=1", "XDG_CACHE_HOME="+cacheHome)
		out, err := cmd.Output()
		if err != nil {
			b.Fatalf("probe: %v: %s", err, out)
		}
		ns, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
		if err != nil {
			b.Fatalf("probe output %q: %v", out, err)
		}
		return time.Duration(ns)
	}
	b.Run("cold", func(b *testing.B) {
		var total time.Duration
		for b.Loop() {
			total += probe(b, b.TempDir())
		}
		b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/start")
	})
	b.Run("disk-cache", func(b *testing.B) {
		dir := b.TempDir()
		probe(b, dir)
		var total time.Duration
		for b.Loop() {
			total += probe(b, dir)
		}
		b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/start")
	})
	b.Logf("this process's first Start: %v", firstStart)
}

// BenchmarkExtract measures Extract with the runtime warm. peak-RSS-MiB is
// the process's high-water mark, which includes the wasm linear memory.
func BenchmarkExtract(b *testing.B) {
	for _, bm := range []struct{ name, file string }{
		{"longgang-25pages", "longgang-2024.pdf"},
		{"shanghai-26pages", "putuo-shangwuwei-2025-dept-budget.pdf"},
		{"shanghai-35pages", "putuo-wanli-jiedao-2023-dept-budget.pdf"},
	} {
		b.Run(bm.name, func(b *testing.B) {
			data := readTestdata(b, bm.file)
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Extract(context.Background(), bm.file, data); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(peakRSSMiB(), "peak-RSS-MiB")
		})
	}
}

func BenchmarkLayout(b *testing.B) {
	pages := extractTestdata(b, "putuo-shangwuwei-2025-dept-budget.pdf")
	b.ReportAllocs()
	for b.Loop() {
		Layout(pages)
	}
}

// peakRSSMiB reads VmHWM from /proc; 0 where that does not exist.
func peakRSSMiB() float64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for l := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}
