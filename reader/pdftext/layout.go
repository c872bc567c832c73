package pdftext

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Layout renders pages as text laid out like `pdftotext -layout`: one text
// line per Line, each word starting at a column proportional to its X
// (measured from the page's leftmost text), wide characters counting two
// columns, and a form feed after every page. Words that would collide are
// kept one space apart, so the order of words on a line always survives.
func Layout(pages []Page) string {
	var b strings.Builder
	for _, p := range pages {
		unit, left := grid(p)
		for _, l := range p.Lines {
			col := 0
			for i, w := range l.Words {
				target := int(math.Round((w.X0 - left) / unit))
				if i > 0 {
					target = max(target, col+1)
				}
				b.WriteString(strings.Repeat(" ", max(0, target-col)))
				col = max(col, target)
				b.WriteString(w.Text)
				col += columns(w.Text)
			}
			b.WriteByte('\n')
		}
		b.WriteByte('\f')
	}
	return b.String()
}

// grid returns the width of one text column in points and the X of the
// page's leftmost text. The column width is the median over words of width
// per column, taken over words made only of wide (CJK) characters when the
// page has any: those glyphs are uniformly one em, whereas dot leaders and
// proportional Latin text would skew it.
func grid(p Page) (unit, left float64) {
	var wide, all []float64
	left = math.Inf(1)
	for _, l := range p.Lines {
		for _, w := range l.Words {
			left = min(left, w.X0)
			n := columns(w.Text)
			if n == 0 || w.X1 <= w.X0 {
				continue
			}
			per := (w.X1 - w.X0) / float64(n)
			all = append(all, per)
			if n == 2*utf8.RuneCountInString(w.Text) {
				wide = append(wide, per)
			}
		}
	}
	if len(wide) > 0 {
		all = wide
	}
	if len(all) == 0 {
		return 5, 0 // no text: any positive unit will do
	}
	slices.Sort(all)
	return all[len(all)/2], left
}

// columns is the display width of s in a monospaced terminal. Ambiguous
// characters (“”…—) count one, as most terminals and editors draw them.
func columns(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
