package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"sync"
)

// fpdf compresses each page's content stream with a zlib writer of its own, and a
// new writer costs about 1.5 MB to set up: a document of 2,000 pages allocated
// 2.9 GB for it, more than half of everything a large build allocates, and the
// garbage collection after it. So yusuan asks fpdf for uncompressed pages and
// compresses them itself, as fpdf would (zlib, best speed), with writers reused
// from a pool: the file is the same, byte for byte (TestDeflateMatchesFpdf).

// zlibWriters are reusable zlib writers at fpdf's level.
var zlibWriters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}}

// deflater is the writer fpdf's Output writes the uncompressed document to; it
// writes the document, its page contents compressed, to w.
type deflater struct {
	w   io.Writer
	raw []byte // what was written, if fpdf wrote the document in pieces
}

// Write takes the document. fpdf writes it in one piece (bytes.Buffer.WriteTo),
// which is compressed straight from fpdf's buffer; pieces are kept until close.
func (d *deflater) Write(p []byte) (int, error) {
	if d.raw == nil && bytes.HasSuffix(p, []byte("%%EOF\n")) {
		d.raw = []byte{} // written
		return len(p), deflatePages(d.w, p)
	}
	d.raw = append(d.raw, p...)
	return len(p), nil
}

// close writes a document that came in pieces.
func (d *deflater) close() error {
	if len(d.raw) == 0 {
		return nil
	}
	return deflatePages(d.w, d.raw)
}

var (
	pageDict     = []byte("<</Type /Page\n")
	contentsKey  = []byte("/Contents ")
	plainStream  = []byte("<</Length ")
	streamEnd    = []byte(">>\nstream\n")
	errNotFpdf   = errors.New("unexpected PDF structure")
	startxrefKey = []byte("startxref\n")
)

// deflatePages writes the PDF doc, as fpdf writes it without compression, to w with
// every page's content stream compressed as fpdf would have compressed it, and the
// cross-reference table moved to match. Other objects are copied unchanged.
func deflatePages(w io.Writer, doc []byte) error {
	xref, offsets, err := readXref(doc)
	if err != nil {
		return fmt.Errorf("PDF 压缩：%w", err)
	}
	// The objects in the order they lie in the file (fpdf writes the page tree
	// and resources, objects 1 and 2, after the pages).
	order := make([]int, 0, len(offsets))
	for n := 1; n < len(offsets); n++ {
		order = append(order, n)
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })

	out := &countingWriter{w: w}
	newOffsets := make([]int, len(offsets))
	contents := map[int]bool{}
	zw := zlibWriters.Get().(*zlib.Writer)
	defer zlibWriters.Put(zw)
	var packed bytes.Buffer
	out.Write(doc[:offsets[order[0]]])
	for i, n := range order {
		end := xref
		if i+1 < len(order) {
			end = offsets[order[i+1]]
		}
		obj := doc[offsets[n]:end]
		newOffsets[n] = out.n
		head := []byte(strconv.Itoa(n) + " 0 obj\n")
		if !bytes.HasPrefix(obj, head) {
			return fmt.Errorf("PDF 压缩：object %d: %w", n, errNotFpdf)
		}
		body := obj[len(head):]
		if bytes.HasPrefix(body, pageDict) {
			if c, ok := contentsOf(body); ok {
				contents[c] = true
			}
		}
		if !contents[n] || !bytes.HasPrefix(body, plainStream) {
			out.Write(obj)
			continue
		}
		// n 0 obj\n<</Length L>>\nstream\n DATA \nendstream\nendobj\n
		rest := body[len(plainStream):]
		k := bytes.Index(rest, streamEnd)
		length, err := strconv.Atoi(string(rest[:max(k, 0)]))
		if k < 0 || err != nil || k+len(streamEnd)+length > len(rest) {
			return fmt.Errorf("PDF 压缩：object %d: %w", n, errNotFpdf)
		}
		data := rest[k+len(streamEnd) : k+len(streamEnd)+length]
		packed.Reset()
		zw.Reset(&packed)
		if _, err := zw.Write(data); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
		fmt.Fprintf(out, "%s<</Filter /FlateDecode /Length %d>>\nstream\n", head, packed.Len())
		out.Write(packed.Bytes())
		if out.err != nil {
			return out.err
		}
		out.Write(rest[k+len(streamEnd)+length:])
	}
	// xref\n0 N\n then one 20-byte entry an object, the trailer after them.
	xrefAt := out.n
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets))
	for n := 1; n < len(offsets); n++ {
		fmt.Fprintf(out, "%010d 00000 n \n", newOffsets[n])
	}
	trailer := doc[xref+len(fmt.Sprintf("xref\n0 %d\n", len(offsets)))+20*len(offsets):]
	t := bytes.LastIndex(trailer, startxrefKey)
	if t < 0 {
		return fmt.Errorf("PDF 压缩：%w", errNotFpdf)
	}
	out.Write(trailer[:t+len(startxrefKey)])
	fmt.Fprintf(out, "%d\n%%%%EOF\n", xrefAt)
	return out.err
}

// countingWriter writes to w, counting the bytes for the cross-reference table and
// keeping the first error (a build writes to memory, which does not fail).
type countingWriter struct {
	w   io.Writer
	n   int
	err error
}

func (c *countingWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.n += n
	c.err = err
	return n, err
}

// contentsOf reads "/Contents N 0 R" of a page object: the last key fpdf writes
// in it, after any annotations (whose own /Contents would be a string).
func contentsOf(body []byte) (int, bool) {
	end := bytes.Index(body, []byte("endobj\n"))
	if end < 0 {
		return 0, false
	}
	i := bytes.LastIndex(body[:end], contentsKey)
	if i < 0 {
		return 0, false
	}
	rest := body[i+len(contentsKey) : end]
	sp := bytes.IndexByte(rest, ' ')
	if sp < 0 {
		return 0, false
	}
	n, err := strconv.Atoi(string(rest[:sp]))
	return n, err == nil
}

// readXref finds fpdf's cross-reference table: its offset and the offset of every
// object (index 0 unused).
func readXref(doc []byte) (xref int, offsets []int, err error) {
	i := bytes.LastIndex(doc, startxrefKey)
	if i < 0 {
		return 0, nil, errNotFpdf
	}
	rest := doc[i+len(startxrefKey):]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		return 0, nil, errNotFpdf
	}
	if xref, err = strconv.Atoi(string(rest[:nl])); err != nil || xref < 0 || xref >= len(doc) {
		return 0, nil, errNotFpdf
	}
	table := doc[xref:]
	var count int
	if _, err := fmt.Sscanf(string(table[:min(len(table), 32)]), "xref\n0 %d\n", &count); err != nil || count < 2 {
		return 0, nil, errNotFpdf
	}
	entries := table[len(fmt.Sprintf("xref\n0 %d\n", count)):]
	if len(entries) < 20*count {
		return 0, nil, errNotFpdf
	}
	offsets = make([]int, count)
	for n := 1; n < count; n++ {
		off, err := strconv.Atoi(string(entries[20*n : 20*n+10]))
		if err != nil || off <= 0 || off >= xref {
			return 0, nil, errNotFpdf
		}
		offsets[n] = off
	}
	return xref, offsets, nil
}
