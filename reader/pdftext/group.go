package pdftext

import (
	"cmp"
	"slices"
	"strings"
)

// Grouping thresholds, as fractions of a character's size (its loose box
// height, about 1.0–1.2 em). Tuned on the Shanghai WPS exports and
// yusuan's own PDFs: table cells are separated by several ems, a Latin
// space is about 0.25 em, CJK glyphs touch.
const (
	baselineTolerance = 0.3  // baselines this close are one line
	spaceGap          = 0.15 // a gap this wide inside a word is a space
	wordGap           = 0.6  // a gap this wide ends the word
)

// group turns a page's characters into lines of words, top to bottom.
func group(chars []char) []Line {
	if len(chars) == 0 {
		return nil
	}
	slices.SortStableFunc(chars, func(a, b char) int { return cmp.Compare(a.base, b.base) })
	var lines []Line
	start := 0
	for i := 1; i <= len(chars); i++ {
		// Compare with the line's first character, not the previous one, so
		// a slowly drifting run cannot chain two rows together.
		if i < len(chars) && chars[i].base-chars[start].base <= baselineTolerance*max(chars[i].size, chars[start].size) {
			continue
		}
		lines = append(lines, line(chars[start:i]))
		start = i
	}
	return lines
}

func line(chars []char) Line {
	slices.SortStableFunc(chars, func(a, b char) int { return cmp.Compare(a.x0, b.x0) })
	var words []Word
	var text strings.Builder
	w := Word{}
	var prev char
	for i, c := range chars {
		if i > 0 {
			// Producers fake bold by drawing a glyph twice, slightly offset;
			// a real repeated letter is at least ~0.2 em further on.
			if c.r == prev.r && c.x0-prev.x0 < 0.1*c.size {
				continue
			}
			gap := c.x0 - prev.x1
			size := max(c.size, prev.size)
			switch {
			case gap > wordGap*size:
				w.Text = text.String()
				words = append(words, w)
				text.Reset()
			case gap > spaceGap*size:
				text.WriteByte(' ')
			}
		}
		if text.Len() == 0 {
			w = Word{X0: c.x0, X1: c.x1, Y0: c.y0, Y1: c.y1, Size: c.size}
		}
		text.WriteRune(c.r)
		w.X1 = max(w.X1, c.x1)
		w.Y0, w.Y1 = min(w.Y0, c.y0), max(w.Y1, c.y1)
		w.Size = max(w.Size, c.size)
		prev = c
	}
	w.Text = text.String()
	words = append(words, w)
	base := 0.0
	for _, c := range chars {
		base += c.base
	}
	return Line{Y: base / float64(len(chars)), Words: words}
}
