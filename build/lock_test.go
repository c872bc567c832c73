package build

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func versionFiles(v string) []File {
	return []File{
		{Name: "a.html", Data: []byte("html " + v)},
		{Name: "a.xlsx", Data: []byte("xlsx " + v)},
		{Name: "a.pdf", Data: []byte("pdf " + v)},
	}
}

// oneVersion fails unless dir holds exactly the three files of one version,
// and returns it.
func oneVersion(t *testing.T, dir string) string {
	t.Helper()
	got := readDir(t, dir)
	v := strings.TrimPrefix(got["a.html"], "html ")
	if len(got) != 3 || got["a.xlsx"] != "xlsx "+v || got["a.pdf"] != "pdf "+v {
		t.Fatalf("dir holds %v", got)
	}
	return v
}

// TestConcurrentBuildsTakeTurns: builds writing into one directory at once
// all succeed and leave one build's files. Every temporary counts as stale
// here, so without the lock each build would remove the files another is
// about to rename into place, and the second names that keep the previous
// files until every new one is in place.
func TestConcurrentBuildsTakeTurns(t *testing.T) {
	defer func(d time.Duration) { staleAfter = d }(staleAfter)
	staleAfter = -time.Hour
	dir := t.TempDir()
	if _, err := WriteAll(dir, versionFiles("old")); err != nil {
		t.Fatal(err)
	}
	for round := range 5 {
		var wg sync.WaitGroup
		errs := make([]error, 8)
		for i := range errs {
			wg.Go(func() {
				_, errs[i] = WriteAll(dir, versionFiles(fmt.Sprint(round, "-", i)))
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("round %d, build %d: %v", round, i, err)
			}
		}
		oneVersion(t, dir)
	}
	if _, err := os.Stat(filepath.Join(dir, lockName)); !os.IsNotExist(err) {
		t.Errorf("lock left behind (%v)", err)
	}
}

// TestBuildWaitsForLock: a build waits while the directory's lock is held,
// and writes once it is released.
func TestBuildWaitsForLock(t *testing.T) {
	dir := t.TempDir()
	unlock, err := lockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := WriteAll(dir, versionFiles("new"))
		done <- err
	}()
	select {
	case err := <-done:
		unlock()
		t.Fatalf("wrote while the lock was held (%v)", err)
	case <-time.After(300 * time.Millisecond):
	}
	unlock()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still waiting after the lock was released")
	}
	if v := oneVersion(t, dir); v != "new" {
		t.Errorf("version %q", v)
	}
}

// TestStaleLock: the lock of a build that has ended is taken over; that of a
// running process is waited for, then refused with a message that names it,
// and nothing is written.
func TestStaleLock(t *testing.T) {
	ended := exec.Command("true")
	if err := ended.Run(); err != nil {
		t.Skip("no true command:", err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, lockName), []byte(strconv.Itoa(ended.Process.Pid)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteAll(dir, versionFiles("old")); err != nil {
		t.Fatalf("a dead build's lock: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, lockName)); !os.IsNotExist(err) {
		t.Errorf("lock left behind (%v)", err)
	}

	defer func(d time.Duration) { lockWait = d }(lockWait)
	lockWait = 200 * time.Millisecond
	running := os.Getppid()
	if err := os.WriteFile(filepath.Join(dir, lockName), []byte(strconv.Itoa(running)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := WriteAll(dir, versionFiles("new"))
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("另一个 yusuan build（进程 %d）正在向输出目录", running)) || !strings.Contains(err.Error(), lockName) {
		t.Errorf("a running process's lock: %v", err)
	}
	os.Remove(filepath.Join(dir, lockName))
	if v := oneVersion(t, dir); v != "old" {
		t.Errorf("version %q written past the lock", v)
	}
}
