package build

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestLimitMemory: a build sets its soft limit, grown with the budget, and gives
// back the one before; a limit the process has set (GOMEMLIMIT) is left alone.
func TestLimitMemory(t *testing.T) {
	if debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Skip("the process has a memory limit (GOMEMLIMIT)")
	}
	for _, c := range []struct{ items, want int64 }{{10, memoryFloor}, {10_000, memoryFloor}, {50_000, 50_000 * memoryPerItem}} {
		restore := limitMemory(int(c.items))
		if got := debug.SetMemoryLimit(-1); got != c.want {
			t.Errorf("%d items: limit %d, want %d", c.items, got, c.want)
		}
		restore()
		if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
			t.Errorf("%d items: limit %d after the build, want none", c.items, got)
		}
	}
	debug.SetMemoryLimit(1 << 30)
	defer debug.SetMemoryLimit(math.MaxInt64)
	limitMemory(10_000)()
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("the process's own limit became %d", got)
	}
}
