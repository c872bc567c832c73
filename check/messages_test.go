package check_test

import (
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"yusuan/check"
	"yusuan/reader"
)

// quotedKey is an ASCII identifier in quotes, as an internal column key
// (列“code”) would appear in a message.
var quotedKey = regexp.MustCompile(`[“"「‘]\s*[A-Za-z_][A-Za-z0-9_.]*\s*[”"」’]`)

// TestMessagesNameNoKeys: no finding on any text of the corpus or the seed
// names a column, row or anything else by an internal key.
func TestMessagesNameNoKeys(t *testing.T) {
	var files []string
	for _, root := range []string{corpusDir, "../../shared/seed"} {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".txt") {
				files = append(files, path)
			}
			return nil
		})
	}
	if len(files) == 0 {
		t.Skip("no corpus beside the repository")
	}
	findings := 0
	for _, f := range files {
		doc, err := reader.ReadFile(f)
		if err != nil {
			continue // 决算 and unreadable halves: the corpus tests say which
		}
		for _, fd := range check.Run(doc, check.Options{}).Findings {
			findings++
			l := fd.Location
			for _, s := range []string{fd.Message, fd.Expected, fd.Actual, fd.Difference, l.String(), l.Column, l.Row, l.Table} {
				if m := quotedKey.FindString(s); m != "" {
					t.Errorf("%s: %s %s names %s: %s", filepath.Base(f), fd.Rule, l, m, s)
				}
			}
		}
	}
	if findings < 20 {
		t.Errorf("only %d findings in the corpus: the test looks at too little", findings)
	}
}
