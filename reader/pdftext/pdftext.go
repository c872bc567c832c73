// Package pdftext extracts the text of a PDF with each character's position,
// using PDFium compiled to WebAssembly so the binary needs no poppler or cgo.
// It owns PDF input limits, grouping characters into words and lines, and a
// `pdftotext -layout`-style rendering that downstream readers parse.
package pdftext

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"time"
)

// Input limits. A budget disclosure is tens of pages and a few MiB (the
// largest of the shared corpus is 3.6 MiB; the longest 187 pages, 113,000 characters,
// and PDFium reads any of them in under 22 MiB of memory); these bounds only
// stop hostile or mistaken inputs from exhausting memory or time. docs/
// performance.md ("资源限制") lists them with the memory they allow.
const (
	// MaxSize is the largest file read, in bytes.
	MaxSize = 64 << 20
	// MaxPages is the most pages a document may have.
	MaxPages = 2000
	// MaxMemory is the most memory PDFium may use for one document, the
	// file's bytes included: a page whose content stream inflates past it
	// (a decompression bomb) is refused.
	MaxMemory = wasmMemoryLimitPages << 16
	// MaxPageChars and MaxChars bound the characters of one page and of
	// the whole document; MaxPageObjects the drawing objects of a page.
	MaxPageChars   = 200_000
	MaxChars       = 1_000_000
	MaxPageObjects = 200_000
	// Timeout bounds the reading of one document, waiting for a free
	// PDFium instance excluded.
	Timeout = 60 * time.Second
)

// Word is a run of characters on one line with no wide gap inside; a gap
// of a Latin space or so is kept as one space. Its box is in points from
// the displayed page's top-left corner. Size is the largest character
// height (the font's ascent to descent as drawn, about 1.0–1.2 times the
// font size), comparable across words for telling headings from body text.
type Word struct {
	Text           string
	X0, X1, Y0, Y1 float64
	Size           float64
}

// Line is the words sharing a baseline, left to right. Y is the baseline.
type Line struct {
	Y     float64
	Words []Word
}

// Page is one page's lines, top to bottom. Width and Height are the
// displayed size in points, after the page's /Rotate.
type Page struct {
	Number        int
	Width, Height float64
	Lines         []Line
}

// Error is a document this package refuses. Its message is for the person
// who supplied the file: Simplified Chinese, naming the file and saying
// what was expected. Err holds the underlying cause, if any.
type Error struct {
	File   string
	Reason string
	Err    error
}

func (e *Error) Error() string { return "文件 " + e.File + " " + e.Reason }

func (e *Error) Unwrap() error { return e.Err }

func refuse(name string, cause error, format string, args ...any) *Error {
	return &Error{File: name, Reason: fmt.Sprintf(format, args...), Err: cause}
}

// Extract reads the PDF in data; name is used in error messages only. It
// refuses data that is not a PDF, a truncated or corrupt PDF, a PDF that
// needs a password, and one beyond the input limits above.
// It is safe for concurrent use; documents are read one at a time.
func Extract(ctx context.Context, name string, data []byte) ([]Page, error) {
	if err := checkSize(name, int64(len(data))); err != nil {
		return nil, err
	}
	if err := checkFraming(name, data); err != nil {
		return nil, err
	}
	return extract(ctx, name, data)
}

// ExtractFile is Extract for a file on disk. It refuses an oversized file
// from its size alone, before reading any of it.
func ExtractFile(ctx context.Context, path string) ([]Page, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("pdftext: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("pdftext: %w", err)
	}
	if err := checkSize(path, info.Size()); err != nil {
		return nil, err
	}
	// The limit guards against a file that grows after Stat.
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("pdftext: read %s: %w", path, err)
	}
	return Extract(ctx, path, data)
}

func checkSize(name string, size int64) error {
	if size > MaxSize {
		return refuse(name, nil, "太大（%.1f MiB），最多读取 %d MiB 的 PDF", float64(size)/(1<<20), MaxSize>>20)
	}
	return nil
}

// checkFraming rejects what is plainly not a complete PDF before PDFium
// sees it. PDFium repairs damaged files silently, so a download cut in half
// would otherwise read as a shorter document and every table after the cut
// would look missing to the checker.
func checkFraming(name string, data []byte) error {
	// The spec tolerates up to 1 KiB of junk before the header.
	if !bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-")) {
		return refuse(name, nil, "不是有效的 PDF：开头缺少 %%PDF- 标记，应为 PDF 文档")
	}
	if !bytes.Contains(data[max(0, len(data)-1024):], []byte("%%EOF")) {
		return refuse(name, nil, "不完整：末尾缺少 %%%%EOF 标记，文件可能下载中断或被截断，请重新获取完整的 PDF")
	}
	return nil
}
