//go:build unix

package pdftext

import (
	"os"
	"runtime"
	"syscall"
)

// maxRSSBytes is a finished child's peak resident memory.
func maxRSSBytes(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" {
		return ru.Maxrss // bytes there, kilobytes elsewhere
	}
	return ru.Maxrss << 10
}
