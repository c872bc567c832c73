package reader

import (
	"testing"

	"yusuan/disclosure"
)

// TestAmountBesideCodeColumn: in 一般公共预算财政拨款基本支出决算表 printed as two
// halves side by side, the left half's 决算数 is a narrow header over amounts set
// flush right, and the right half's 科目编码 starts close after it, so a short
// amount's centre lies past the middle between the two headers. An amount is no
// code: one that starts in the column of amounts stays there, while the right
// half's codes stay in theirs. The columns are those of the Putuo 2024 决算 PDF.
func TestAmountBesideCodeColumn(t *testing.T) {
	col := func(key string, kind disclosure.ColumnKind, lo, c, hi float64) *column {
		return &column{key: key, kind: kind, lo: lo, center: c, hi: hi}
	}
	r := &tableReader{em: 1, cols: []*column{
		col("code_class", disclosure.CodeCol, 60.6, 83.8, 107.1),
		col("code_item", disclosure.CodeCol, 107.1, 130.3, 182.6),
		col("name", disclosure.TextCol, 182.6, 234.9, 304.7),
		col("total", disclosure.AmountCol, 304.7, 374.4, 411.3),
		col("code_class", disclosure.CodeCol, 411.3, 448.1, 467.4),
		col("code_item", disclosure.CodeCol, 467.4, 486.8, 539.1),
		col("name", disclosure.TextCol, 539.1, 591.5, 661.2),
		col("total", disclosure.AmountCol, 661.2, 731.0, 800.7),
	}}
	for _, c := range []struct {
		text   string
		x0, x1 float64
		want   int
		text2  bool // read as text (a code)
	}{
		{"1,238.58", 388.2, 424.4, 3, false},
		{"262.33", 396.2, 424.4, 3, false},
		{"80.38", 401.3, 424.4, 3, false},
		{"0.31", 406.3, 424.4, 3, false},
		{"302", 443.6, 452.6, 4, true},
		{"30201", 413.0, 440.0, 4, true}, // a code, however far left, is the code column's
		{"12.50", 412.0, 435.0, 4, true}, // a figure wholly in the code column is left there
		{"4.88", 762.8, 780.9, 7, false},
	} {
		w := word{text: c.text, x0: c.x0, x1: c.x1, col: -1, num: true}
		if got := r.colOf(w, true); got != c.want {
			t.Errorf("%s at %.1f-%.1f: column %d, want %d", c.text, c.x0, c.x1, got, c.want)
		}
		if got := r.textColumnAt(w); got != c.text2 {
			t.Errorf("%s at %.1f-%.1f: read as text %v, want %v", c.text, c.x0, c.x1, got, c.text2)
		}
	}
}
