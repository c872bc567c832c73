package main

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestServeArguments(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"serve", "extra"}, exitUsage, "不接受文件参数"},
		{[]string{"serve", "--nope"}, exitUsage, "不认识的选项"},
		{[]string{"serve", "--db", t.TempDir() + "/missing/dir/x.db", "--addr", "127.0.0.1:0"}, exitError, "无法打开数据库"},
		{[]string{"serve", "--db", t.TempDir() + "/x.db", "--addr", "256.0.0.1:99999"}, exitError, "无法监听"},
		{[]string{"help", "serve"}, exitOK, "yusuan serve"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(c.args, &stdout, &stderr); code != c.code || !strings.Contains(stdout.String()+stderr.String(), c.want) {
			t.Errorf("%v: exit %d, want %d with %q\n%s%s", c.args, code, c.code, c.want, stdout.String(), stderr.String())
		}
	}
}

// buildProgram builds yusuan into a fresh folder, for a test that runs the real
// program and stops it with SIGTERM; it skips in -short mode, on Windows and
// without the go command.
func buildProgram(t *testing.T) (dir, bin string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the program; skipped in -short mode")
	}
	if runtime.GOOS == "windows" {
		t.Skip("SIGTERM is a Unix signal")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	dir = t.TempDir()
	bin = filepath.Join(dir, "yusuan")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return dir, bin
}

// startProgram starts bin with args and returns the running command, its standard
// output, its standard error as it grows, and done, which receives its exit.
func startProgram(t *testing.T, bin string, args ...string) (cmd *exec.Cmd, stdout io.Reader, stderr *syncBuffer, done chan error) {
	t.Helper()
	cmd = exec.Command(bin, args...)
	stderr = &syncBuffer{}
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done = make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	return cmd, stdout, stderr, done
}

// TestServeProcess runs the real program: it builds yusuan, imports the Longgang
// example into a fresh SQLite file, starts `yusuan serve` as a child process on a
// free port, reads the home page and a document page, then stops it with SIGTERM
// as a service manager would, and expects a clean exit within a few seconds.
func TestServeProcess(t *testing.T) {
	dir, bin := buildProgram(t)
	db := filepath.Join(dir, "yusuan.db")
	if out, err := exec.Command(bin, "import", "--db", db, example).CombinedOutput(); err != nil {
		t.Fatalf("yusuan import: %v\n%s", err, out)
	}

	cmd, stdout, stderr, done := startProgram(t, bin, "serve", "--db", db, "--addr", "127.0.0.1:0")
	exited := false
	t.Cleanup(func() {
		if !exited {
			cmd.Process.Kill()
			<-done
		}
	})

	// The first line of output names the address the kernel picked.
	addrc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := startedLine.FindStringSubmatch(sc.Text()); m != nil {
				addrc <- m[1]
			}
		}
	}()
	var base string
	select {
	case base = <-addrc:
	case err := <-done:
		exited = true
		t.Fatalf("serve exited before it started: %v\n%s", err, stderr.String())
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not start\n%s", stderr.String())
	}

	client := &http.Client{Timeout: 10 * time.Second}
	get := func(path, want string) string {
		t.Helper()
		resp, err := client.Get(base + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			t.Fatalf("GET %s: %d, want 200 with %q", path, resp.StatusCode, want)
		}
		return string(body)
	}
	home := get("/", "深圳市龙岗区政务服务数据管理局")
	dept := regexp.MustCompile(`href="(/departments/\d+)"`).FindStringSubmatch(home)
	if dept == nil {
		t.Fatal("the home page links to no department")
	}
	doc := regexp.MustCompile(`href="(/documents/\d+)"`).FindStringSubmatch(get(dept[1], "2024年"))
	if doc == nil {
		t.Fatal("the department page links to no document")
	}
	get(doc[1], "一般公共预算支出表（按功能分类）")

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		exited = true
		if err != nil {
			t.Errorf("serve exited with %v after SIGTERM\n%s", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("serve still running 10 s after SIGTERM\n%s", stderr.String())
	}
	if log := stderr.String(); !strings.Contains(log, `msg="shutting down"`) || strings.Contains(log, "level=ERROR") {
		t.Errorf("log after SIGTERM:\n%s", log)
	}
}

// startedLine is what serve prints once it listens.
var startedLine = regexp.MustCompile(`门户已启动：(http://[^/]+)/`)

// syncBuffer collects a child's output while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
