package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// lockName is the file that a build holds in its output directory while it
// writes there, so that two builds into one directory take turns: otherwise
// one could remove the temporaries of the other (removeStale goes by age, and
// the second names of previous files carry those files' times), and a failed
// build could no longer put back the files it replaced. It holds the process
// id of the build that holds it. It does not start with tempPrefix, so that
// removeStale leaves it alone.
const lockName = ".yusuan.lock"

// lockWait is how long a build waits for another to finish writing into the
// same directory before it gives up; writing takes a second or so.
var lockWait = 2 * time.Minute

// lockDir takes the output directory's lock, waiting while another running
// build holds it, and returns the function that releases it. A lock whose
// process has ended (a build that was killed) is taken over.
func lockDir(dir string) (unlock func(), err error) {
	path := filepath.Join(dir, lockName)
	deadline := time.Now().Add(lockWait)
	pause := 10 * time.Millisecond
	for {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, werr := fmt.Fprintf(f, "%d\n", os.Getpid())
			if err := errors.Join(werr, f.Close()); err != nil {
				os.Remove(path)
				return nil, fmt.Errorf("无法在输出目录 %s 中写入锁文件 %s：%v", dir, lockName, err)
			}
			return func() { os.Remove(path) }, nil
		}
		if !os.IsExist(err) {
			return nil, fmt.Errorf("无法在输出目录 %s 中写入锁文件 %s：%v", dir, lockName, err)
		}
		pid, held := lockHolder(path)
		if !held {
			// The build that held it has ended without removing it. Of two builds
			// that find it so at once, one may remove the lock the other has just
			// taken over, if it does so between reading and removing: a window of
			// microseconds after a build was killed.
			removeIfSame(path, pid)
			continue
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("另一个 yusuan build（进程 %d）正在向输出目录 %s 写入文件，等待 %v 后仍未完成；请等它结束后再试（若该进程已不是 yusuan，可删除 %s）", pid, dir, lockWait, path)
		}
		time.Sleep(pause)
		pause = min(2*pause, 100*time.Millisecond)
	}
}

// lockHolder returns the process id in the lock file at path, and whether the
// lock is held: its process is running. A file that cannot be read, or is
// empty, may be one another build has just created and not yet written; it
// counts as held unless it is older than a few seconds.
func lockHolder(path string) (pid int, held bool) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return 0, false
	}
	pid, perr := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil || perr != nil || pid <= 0 {
		info, serr := os.Stat(path)
		return 0, serr == nil && time.Since(info.ModTime()) < 5*time.Second
	}
	return pid, processRunning(pid)
}

// removeIfSame removes the lock file at path if it still names pid (0: no
// readable pid), so that a lock another build has just taken is not removed.
func removeIfSame(path string, pid int) {
	data, err := os.ReadFile(path)
	if err != nil {
		return
	}
	got, _ := strconv.Atoi(strings.TrimSpace(string(data)))
	if got == pid {
		os.Remove(path)
	}
}
