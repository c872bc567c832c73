package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// announceSlowRead tells a person at a terminal that reading PDFs takes a moment:
// the embedded PDF engine starts in a few seconds, during which nothing else is
// printed. Output to a file or a pipe stays exactly the report.
func announceSlowRead(inputs []input, stderr io.Writer) {
	if !isTerminal(stderr) {
		return
	}
	pdfs := 0
	for _, in := range inputs {
		if in.err == nil && strings.EqualFold(fileExt(in.path), ".pdf") {
			pdfs++
		}
	}
	switch {
	case pdfs == 1:
		fmt.Fprintln(stderr, "正在读取 PDF 文件，首次读取需几秒钟……")
	case pdfs > 1:
		fmt.Fprintf(stderr, "正在读取 %d 个 PDF 文件，首次读取需几秒钟……\n", pdfs)
	}
}

func fileExt(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i:]
	}
	return ""
}

// isTerminal reports whether w is a character device (a terminal), not a file,
// pipe or buffer.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
