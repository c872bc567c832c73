//go:build unix

package pdftext

import "syscall"

// reserve maps max bytes of anonymous memory. The kernel supplies pages
// only as PDFium touches them, so an instance costs what it uses, and
// unmapping returns them at once. If the mapping fails, an ordinary
// (zeroed, garbage-collected) slice of the same size stands in.
func reserve(max uint64) ([]byte, func()) {
	buf, err := syscall.Mmap(-1, 0, int(max), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return make([]byte, 0, max), nil
	}
	return buf[:0], func() { syscall.Munmap(buf) }
}
