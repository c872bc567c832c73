package pdftext

import (
	"sync/atomic"

	"github.com/tetratelabs/wazero/experimental"
)

// wasmMemoryPeak is the largest linear memory any PDFium instance has
// grown to in this process, in bytes; tests and benchmarks read it.
var wasmMemoryPeak atomic.Uint64

// memoryRefusals counts the times an instance asked for memory beyond
// MaxMemory. A page whose reading fails while the count moved is reported
// as over the memory limit. With several documents read at once, a page
// that fails for another reason at the very moment another document hits
// the limit would be misreported the same way; it is refused either way.
var memoryRefusals atomic.Uint64

// limitedMemory backs one instance's linear memory with a buffer reserved
// at its maximum size up front, so growing never copies, and gives the
// memory back to the operating system when the instance is closed.
// wazero's own memory grows by appending to a Go slice, which leaves the
// old copy to the garbage collector and held about twice the linear memory
// at its peak.
type limitedMemory struct {
	buf  []byte // len is the memory's size, cap the reservation
	free func()
}

func (m *limitedMemory) Reallocate(size uint64) []byte {
	if size > uint64(cap(m.buf)) {
		memoryRefusals.Add(1)
		return nil // PDFium's allocation fails; the page is refused
	}
	m.buf = m.buf[:size]
	for {
		peak := wasmMemoryPeak.Load()
		if size <= peak || wasmMemoryPeak.CompareAndSwap(peak, size) {
			break
		}
	}
	return m.buf
}

func (m *limitedMemory) Free() {
	if m.free != nil {
		m.free()
		m.free = nil
	}
	m.buf = nil
}

// memoryAllocator reserves each instance's memory with reserve, which
// returns the buffer (len 0, cap max) and how to release it, and caps it
// at limit bytes. wazero refuses growth past the runtime's page limit
// without asking the allocator; that limit is set higher, so that
// memoryRefusals sees every refusal.
func memoryAllocator(limit uint64, reserve func(max uint64) ([]byte, func())) experimental.MemoryAllocator {
	return experimental.MemoryAllocatorFunc(func(_, max uint64) experimental.LinearMemory {
		buf, free := reserve(min(max, limit))
		return &limitedMemory{buf: buf, free: free}
	})
}
