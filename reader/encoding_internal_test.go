package reader

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDecodeKeepsUTF8: every real text document, in UTF-8, is taken as it is;
// the encoding guess never fires on valid UTF-8.
func TestDecodeKeepsUTF8(t *testing.T) {
	var files []string
	for _, root := range []string{filepath.Join("..", "..", "shared"), "testdata", filepath.Join("..", "profile")} {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".txt") {
				files = append(files, path)
			}
			return nil
		})
	}
	if len(files) < 10 {
		t.Skipf("only %d text files found", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text, err := decodeText(filepath.Base(f), data)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if text != strings.TrimPrefix(string(data), "\uFEFF") {
			t.Errorf("%s: decoding changed the text", f)
		}
	}
}

// TestDecodeToleratesStrays: text with a stray replacement or control
// character, as extracted text can have, is still text.
func TestDecodeToleratesStrays(t *testing.T) {
	text := strings.Repeat("2024年部门预算收支总表 合计 6,762.91\n", 20) + "无法映射的字形\uFFFD\x1b\n"
	got, err := decodeText("a.txt", []byte(text))
	if err != nil || got != text {
		t.Errorf("got %v", err)
	}
}
