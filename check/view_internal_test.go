package check

import (
	"regexp"
	"testing"

	"yusuan/disclosure"
)

// asciiKey is an identifier in ASCII, as the keys of columns are.
var asciiKey = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_.]*`)

// TestHeadNeverAKey: a column asked for by a key the table lacks, or one
// printed without a header, is named in Chinese or not at all.
func TestHeadNeverAKey(t *testing.T) {
	v := newView(&disclosure.Table{Title: "支出表", Columns: []disclosure.Column{
		{Key: "name", Kind: disclosure.TextCol}, {Key: "total", Kind: disclosure.AmountCol}, {Key: "abroad.general", Kind: disclosure.AmountCol},
	}})
	for _, key := range []string{"code", "name", "total", "abroad.general", "change_pct", "last.total"} {
		if got := v.Head(key); asciiKey.MatchString(got) {
			t.Errorf("Head(%q) = %q", key, got)
		}
	}
	if got := v.Head("code"); got != "科目编码" {
		t.Errorf("Head(code) = %q, want 科目编码", got)
	}
	if l := v.At(0, "code"); l.Column != "科目编码" {
		t.Errorf("At(0, code).Column = %q", l.Column)
	}
}
