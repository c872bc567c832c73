//go:build !unix

package pdftext

// reserve allocates max bytes as a Go slice; the runtime takes fresh
// pages from the operating system for an allocation this large, so they
// cost memory only as PDFium touches them.
func reserve(max uint64) ([]byte, func()) {
	return make([]byte, 0, max), nil
}
