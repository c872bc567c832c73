package xlsx

import (
	"math"
	"unicode/utf8"

	"yusuan/disclosure"
)

// maxIndent is the deepest indentation written; deeper names stay there.
const maxIndent = 6

// columnWidth turns a column's width in characters of body text into Excel's unit, the
// width of a digit: a Chinese character takes about two, and amounts are digits.
func columnWidth(c disclosure.Column) float64 {
	w := float64(c.Width)
	if w <= 0 {
		switch c.Kind {
		case disclosure.AmountCol:
			w = 8
		case disclosure.CodeCol:
			w = 5
		default:
			w = 10
		}
	}
	w = min(w, 60)
	if c.Kind == disclosure.AmountCol {
		return max(w*1.5+2, 12)
	}
	return w*2 + 2
}

// textWidth is the width of s in digit widths: two for a wide (CJK) character.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x1100 && utf8.RuneLen(r) > 1 {
			w += 2
		} else {
			w++
		}
	}
	return w
}

// textHeight estimates the points that s needs when wrapped in a width of digit
// widths, at lineHeight points a line. Excel does not fit row heights to wrapped
// text on opening, so the writer must.
func textHeight(s string, width, lineHeight float64) float64 {
	if s == "" {
		return 0
	}
	usable := max(width-1.5, 2)
	lines := 0.0
	for _, para := range splitLines(s) {
		lines += max(1, math.Ceil(textWidth(para)/usable))
	}
	return lines*lineHeight + 4
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func spanWidth(widths []float64, col, cs int) float64 {
	return sum(widths[col : col+cs])
}

func sum(ws []float64) float64 {
	t := 0.0
	for _, w := range ws {
		t += w
	}
	return t
}
