package pdftext

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// coldProbeEnv makes a child started by TestColdStartNotice print a line
// when OnColdStart is called; TestMain's Start runs before any test, so the
// hook is set here, at package initialisation.
const coldProbeEnv = "PDFTEXT_COLD_PROBE"

const coldProbeLine = "cold start"

func init() {
	if os.Getenv(coldProbeEnv) != "" {
		OnColdStart = func() { fmt.Println(coldProbeLine) }
	}
}

// TestColdStartNotice runs Start in child processes sharing one empty cache
// directory: the first compiles and must call OnColdStart, the second loads
// the compiled module and must not.
func TestColdStartNotice(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the PDFium module, 5–10 s")
	}
	cacheHome := t.TempDir()
	for _, want := range []bool{true, false} {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), startProbeEnv+"=1", coldProbeEnv+"=1", "XDG_CACHE_HOME="+cacheHome)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("probe: %v: %s", err, out)
		}
		if got := strings.Contains(string(out), coldProbeLine); got != want {
			t.Errorf("OnColdStart called = %v, want %v; child printed %q", got, want, out)
		}
	}
}

func TestCompiledIn(t *testing.T) {
	version := "wazero-" + wazeroVersion() + "-" + runtime.GOARCH + "-" + runtime.GOOS
	tests := []struct {
		name  string
		files []string
		want  bool
	}{
		{"empty", nil, false},
		{"empty version directory", []string{version + "/"}, false},
		{"another version's code", []string{"wazero-v0.0.1-" + runtime.GOARCH + "-" + runtime.GOOS + "/abc"}, false},
		{"this version's code", []string{version + "/abc"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range tc.files {
				p := filepath.Join(dir, f)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if !strings.HasSuffix(f, "/") {
					if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			if got := compiledIn(dir); got != tc.want {
				t.Errorf("compiledIn = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestInstances(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, tc := range []struct{ procs, want int }{{1, 1}, {2, 2}, {8, 8}, {64, maxInstances}} {
		runtime.GOMAXPROCS(tc.procs)
		if got := instances(); got != tc.want {
			t.Errorf("GOMAXPROCS %d: %d instances, want %d", tc.procs, got, tc.want)
		}
	}
}

// TestInstancesAtOnce borrows as many PDFium instances as the pool was
// started with, all at the same time: a pool of one would make the second
// borrower wait until its deadline.
func TestInstancesAtOnce(t *testing.T) {
	n := instances()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	held := make(chan error, n)
	release := make(chan struct{})
	for range n {
		go func() {
			inst, err := instance(ctx)
			held <- err
			if err == nil {
				<-release
				inst.Close()
			}
		}()
	}
	for i := range n {
		if err := <-held; err != nil {
			t.Errorf("instance %d of %d: %v", i+1, n, err)
		}
	}
	close(release)
}

// BenchmarkExtractParallel reads the test documents on every PDFium instance
// at once; peak-RSS-MiB is the process's high-water mark, which grows with
// the instances' wasm memory. Compare with -cpu 1,2,4,8.
func BenchmarkExtractParallel(b *testing.B) {
	files := []string{"longgang-2024.pdf", "putuo-shangwuwei-2025-dept-budget.pdf", "putuo-wanli-jiedao-2023-dept-budget.pdf"}
	data := make([][]byte, len(files))
	for i, f := range files {
		data[i] = readTestdata(b, f)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := Extract(context.Background(), files[i%len(files)], data[i%len(files)]); err != nil {
				b.Error(err)
				return
			}
			i++
		}
	})
	b.ReportMetric(peakRSSMiB(), "peak-RSS-MiB")
}
