package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"yusuan/reader/pdftext/pdftexttest"
)

// TestPDFBombRefused checks and imports a 1 MB PDF whose page inflates to
// 1 GiB: both commands must refuse it naming the file, the page and the
// limit, with exit code 2 (unreadable input), and the import must leave the
// database without it. The memory
// bound itself is tested in reader/pdftext (TestBomb).
func TestPDFBombRefused(t *testing.T) {
	dir := t.TempDir()
	bomb := filepath.Join(dir, "bomb.pdf")
	if err := os.WriteFile(bomb, pdftexttest.Bomb("0", 1<<30), 0o644); err != nil {
		t.Fatal(err)
	}
	const want = "文件 bomb.pdf 第 1 页的内容解压后超过 256 MiB 的内存上限"
	for _, args := range [][]string{
		{"check", bomb},
		{"import", "--db", filepath.Join(dir, "portal.db"), bomb},
	} {
		code, stdout, stderr := runCLI(t, args...)
		if code != 2 || !strings.Contains(stdout+stderr, want) {
			t.Errorf("yusuan %s: exit %d, output %q; want exit 2 (unreadable input) and a refusal containing %q", args[0], code, stdout+stderr, want)
		}
	}
}
