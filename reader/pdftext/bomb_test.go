package pdftext

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"yusuan/reader/pdftext/pdftexttest"
)

// bombChildEnv makes the test binary a child that reads one generated bomb
// and prints the error and the time taken; see TestBomb.
const bombChildEnv = "PDFTEXT_BOMB_CHILD"

// TestBomb reads decompression bombs in child processes, so that each
// child's peak resident memory (from its rusage) is the bomb's alone: each
// must be refused within the memory and time bounds, with a message that
// names the file, the page and the limit.
func TestBomb(t *testing.T) {
	if os.Getenv(bombChildEnv) != "" {
		t.Skip("child")
	}
	if testing.Short() {
		t.Skip("builds and reads bombs in child processes")
	}
	const (
		maxRSS  = 500 << 20
		maxTime = 10 * time.Second
	)
	for _, tc := range []struct {
		name     string
		unit     string
		inflated int64
		want     string
	}{
		{"1 GiB of zeros", "0", 1 << 30, "第 1 页的内容解压后超过 256 MiB 的内存上限"},
		{"1 GiB of text operators", "(AAAAAAAA) Tj ", 1 << 30, "第 1 页的内容解压后超过 256 MiB 的内存上限"},
		{"1 GiB of paths", "0 0 m 1 1 l S ", 1 << 30, "第 1 页的内容解压后超过 256 MiB 的内存上限"},
		{"characters", "1 0 0 1 0 1 cm BT /F1 1 Tf (" + strings.Repeat("A", 200) + ") Tj ET ", 512 << 10, "第 1 页有 448640 个字符，超过每页 200000 个的上限"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestBombChild$", "-test.v")
			cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d:%s", bombChildEnv, tc.inflated, tc.unit))
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			msg := childLine(out, "error: ")
			if !strings.Contains(msg, "文件 bomb.pdf ") || !strings.Contains(msg, tc.want) {
				t.Errorf("error %q, want the file and %q\n%s", msg, tc.want, out)
			}
			if d, err := time.ParseDuration(childLine(out, "took: ")); err != nil || d > maxTime {
				t.Errorf("took %s (%v), want under %v", childLine(out, "took: "), err, maxTime)
			}
			rss := maxRSSBytes(cmd.ProcessState)
			t.Logf("%s: peak RSS %d MiB, took %s", tc.name, rss>>20, childLine(out, "took: "))
			if rss > maxRSS {
				t.Errorf("peak RSS %d MiB, want under %d MiB", rss>>20, maxRSS>>20)
			}
		})
	}
}

// TestBombChild is the child of TestBomb.
func TestBombChild(t *testing.T) {
	spec := os.Getenv(bombChildEnv)
	if spec == "" {
		t.Skip("run by TestBomb")
	}
	size, unit, _ := strings.Cut(spec, ":")
	inflated, err := strconv.ParseInt(size, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	data := pdftexttest.Bomb(unit, inflated)
	t0 := time.Now()
	_, err = Extract(context.Background(), "bomb.pdf", data)
	fmt.Printf("took: %s\n", time.Since(t0))
	fmt.Printf("error: %v\n", err)
}

// childLine returns the rest of the first line of out starting with prefix.
func childLine(out []byte, prefix string) string {
	for l := range strings.Lines(string(out)) {
		if rest, ok := strings.CutPrefix(l, prefix); ok {
			return strings.TrimSpace(rest)
		}
	}
	return ""
}

// TestTimeout reads a real document with a deadline far too short: the
// refusal must say that reading stopped, and why.
func TestTimeout(t *testing.T) {
	defer func(d time.Duration) { timeout = d }(timeout)
	timeout = time.Millisecond
	_, err := Extract(context.Background(), "slow.pdf", readTestdata(t, "putuo-wanli-jiedao-2023-dept-budget.pdf"))
	if err == nil || !strings.Contains(err.Error(), "文件 slow.pdf ") || !strings.Contains(err.Error(), "超过 0.001 秒") || !strings.Contains(err.Error(), "已停止") {
		t.Fatalf("error %v, want a refusal for the time taken", err)
	}
	// The instance is back in the pool, or on its way: later reads work.
	timeout = Timeout
	if _, err := Extract(context.Background(), "again.pdf", readTestdata(t, "putuo-wanli-jiedao-2023-dept-budget.pdf")); err != nil {
		t.Fatal(err)
	}
}
