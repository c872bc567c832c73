// Package pdftexttest makes hostile PDFs for the tests of the packages that
// read PDFs.
package pdftexttest

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/adler32"
)

// Bomb builds a one-page PDF whose content stream is FlateDecoded to
// inflated bytes of unit repeated: a decompression bomb of a megabyte or
// two that PDFium would inflate to inflated bytes. The stream is made
// without compressing inflated bytes: one chunk of unit repeated is
// compressed once and its deflate blocks (non-final, byte-aligned by a
// flush) repeated, which is a valid deflate stream because each copy refers
// back only to its own output.
func Bomb(unit string, inflated int64) []byte {
	chunk := min(1<<20, inflated)
	plain := bytes.Repeat([]byte(unit), int(chunk)/len(unit))
	var block bytes.Buffer
	w, _ := flate.NewWriter(&block, flate.BestCompression) // a valid level
	w.Write(plain)                                         // into memory
	w.Flush()
	n := inflated / int64(len(plain))

	var stream bytes.Buffer
	stream.Write([]byte{0x78, 0xda}) // zlib header, best compression
	for range n {
		stream.Write(block.Bytes())
	}
	stream.Write([]byte{0x03, 0x00}) // final empty fixed-Huffman block
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], adler32Repeated(plain, n))
	stream.Write(sum[:])

	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 600] " +
			"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, 0, len(objs)+1)
	for i, o := range objs {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	offsets = append(offsets, b.Len())
	fmt.Fprintf(&b, "%d 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n", len(objs)+1, stream.Len())
	b.Write(stream.Bytes())
	b.WriteString("\nendstream\nendobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

// adler32Repeated is the Adler-32 checksum of p repeated n times.
func adler32Repeated(p []byte, n int64) uint32 {
	h := adler32.New()
	for range n {
		h.Write(p)
	}
	return h.Sum32()
}
