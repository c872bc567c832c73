//go:build unix

package main

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"yusuan/budget/budgettest"
	"yusuan/budgetfile"
)

// inputChildEnv makes the test binary a child that runs one yusuan command and
// prints the bytes it allocated; see BenchmarkInputMemory.
const inputChildEnv = "YUSUAN_INPUT_CHILD"

// BenchmarkInputMemory runs `yusuan validate` on generated YAML and XLSX
// budgets and `yusuan check` on a long text disclosure, each in a child
// process, so that peak-RSS-MB is that command's alone (the child's rusage, as
// /usr/bin/time reports it). x-file is the peak over the file's size (for XLSX
// over its unpacked XML too, x-xml), alloc-MB what the command allocated in
// all. The budgets are budgettest.Random (seed 20261206, 10 units); the text is
// copies of the Putuo 商务委 2025 disclosure. docs/performance.md ("资源限制")
// records the figures. The largest inputs are about the largest accepted: 8 MiB
// of YAML, 100,000 rows a sheet, 4 MB of text.
func BenchmarkInputMemory(b *testing.B) {
	dir := b.TempDir()
	type input struct {
		name, cmd, path string
		make            func(path string) error
	}
	var inputs []input
	for _, n := range []int{100, 10_000, 30_000, 56_000} {
		inputs = append(inputs, input{fmt.Sprintf("yaml/items=%d", n), "validate", filepath.Join(dir, fmt.Sprintf("b%d.yaml", n)), writeBudget(n)})
	}
	for _, n := range []int{10_000, 56_000, 99_000} {
		inputs = append(inputs, input{fmt.Sprintf("xlsx/items=%d", n), "validate", filepath.Join(dir, fmt.Sprintf("b%d.xlsx", n)), writeBudget(n)})
	}
	for _, n := range []int{1, 10, 30, 100} {
		inputs = append(inputs, input{fmt.Sprintf("text/copies=%d", n), "check", filepath.Join(dir, fmt.Sprintf("t%d.txt", n)), copies(n)})
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			if err := in.make(in.path); err != nil {
				b.Fatal(err)
			}
			info, err := os.Stat(in.path)
			if err != nil {
				b.Fatal(err)
			}
			var rss, alloc float64
			for b.Loop() {
				cmd := exec.Command(os.Args[0], "-test.run=^TestInputChild$", "-test.v")
				cmd.Env = append(os.Environ(), inputChildEnv+"="+in.cmd+"\t"+in.path)
				out, err := cmd.CombinedOutput()
				if err != nil {
					b.Fatalf("child: %v\n%s", err, out)
				}
				line := childValue(out, "alloc: ")
				a, err := strconv.ParseFloat(line, 64)
				if err != nil {
					b.Fatalf("child printed no allocation:\n%s", out)
				}
				rss, alloc = float64(maxRSS(cmd.ProcessState))/(1<<20), a/(1<<20)
			}
			mb := float64(info.Size()) / (1 << 20)
			b.ReportMetric(mb, "file-MB")
			b.ReportMetric(rss, "peak-RSS-MB")
			b.ReportMetric(rss/mb, "x-file")
			b.ReportMetric(alloc, "alloc-MB")
			if strings.HasSuffix(in.path, ".xlsx") {
				if xml, err := unpackedSize(in.path); err == nil {
					b.ReportMetric(rss/(float64(xml)/(1<<20)), "x-xml")
				}
			}
		})
	}
}

// TestInputChild is the child of BenchmarkInputMemory.
func TestInputChild(t *testing.T) {
	spec := os.Getenv(inputChildEnv)
	if spec == "" {
		t.Skip("run by BenchmarkInputMemory")
	}
	cmd, path, _ := strings.Cut(spec, "\t")
	code := run([]string{cmd, path}, io.Discard, io.Discard)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("exit: %d\nalloc: %d\n", code, ms.TotalAlloc)
	if code != exitOK {
		t.Errorf("yusuan %s %s: exit %d", cmd, path, code)
	}
}

func writeBudget(items int) func(path string) error {
	return func(path string) error {
		b := budgettest.Random(rand.New(rand.NewSource(20261206)), budgettest.Options{Units: 10, Items: items})
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		w := bufio.NewWriter(f)
		if strings.HasSuffix(path, ".xlsx") {
			err = budgetfile.WriteXLSX(w, b)
		} else {
			err = budgetfile.WriteYAML(w, b)
		}
		if err == nil {
			err = w.Flush()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}
}

func copies(n int) func(path string) error {
	return func(path string) error {
		one, err := os.ReadFile("../../reader/testdata/putuo-shangwuwei-2025-dept-budget.txt")
		if err != nil {
			return err
		}
		return os.WriteFile(path, []byte(strings.Repeat(string(one), n)), 0o644)
	}
}

func childValue(out []byte, prefix string) string {
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, prefix); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// maxRSS is a finished child's peak resident memory in bytes.
func maxRSS(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" {
		return ru.Maxrss
	}
	return ru.Maxrss << 10
}

// unpackedSize is the size of a workbook's parts unpacked.
func unpackedSize(path string) (int64, error) {
	r, err := zip.OpenReader(path)
	if err != nil {
		return 0, err
	}
	defer r.Close()
	var n int64
	for _, f := range r.File {
		n += int64(f.UncompressedSize64)
	}
	return n, nil
}
