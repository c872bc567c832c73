package main

import (
	"os"
	"runtime/debug"
)

// inputGCPercent is the collector's target (GOGC) while a command reads its
// input. Reading a budget or a published document makes much short-lived
// garbage around a live heap of a few times the file, and at the default of
// 100 the heap grows to twice what is live before the collector runs; at 50
// it grows to one and a half times, which takes the peak memory of the largest
// accepted inputs down by a fifth for a few percent more CPU time
// (docs/performance.md, "资源限制").
const inputGCPercent = 50

// readingInput sets the collector's target for reading input and returns the
// function that restores the one before. A GOGC the user set is kept.
func readingInput() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	prev := debug.SetGCPercent(inputGCPercent)
	return func() { debug.SetGCPercent(prev) }
}
