package pdf

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	mmPerPt = 25.4 / 72
	ptPerMM = 72 / 25.4
)

// style is a text size in points and whether to draw it bold.
type style struct {
	size float64
	bold bool
}

func (s style) em() float64 { return s.size * mmPerPt }

// clean makes text safe for fpdf: its UTF-8 fonts index a 65536-entry width
// table by rune and panic beyond the BMP, and control characters have no glyphs.
// Newlines survive as hard line breaks.
func clean(s string) string {
	ok := true
	for _, c := range s {
		if c < 0x20 && c != '\n' || c >= 0x7f && c < 0xa0 || c > 0xFFFD {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '\n':
			b.WriteByte('\n')
		case c == '\t':
			b.WriteByte(' ')
		case c < 0x20 || c >= 0x7f && c < 0xa0:
		case c > 0xFFFD:
			b.WriteRune(0xFFFD)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// faceFor picks the face that draws c in a bold or regular style: the serif
// face of that weight when it has c, else DejaVu for Latin and general
// punctuation, else Droid for CJK. A rune none has falls to Droid, which draws
// its empty .notdef but keeps the character extractable.
func (r *renderer) faceFor(c rune, bold bool) *face {
	if r.serif.has(c) {
		if bold {
			return r.serifBold
		}
		return r.serif
	}
	if c < 0x2E80 && r.latin.has(c) {
		return r.latin
	}
	if r.cjk.has(c) || !r.latin.has(c) {
		return r.cjk
	}
	return r.latin
}

// wide tells the CJK characters and full-width forms, which justification
// spaces apart, from Latin letters and digits, which keep their spacing.
func wide(c rune) bool { return c >= 0x2E80 }

func (r *renderer) runeWidth(c rune, st style) float64 {
	a := r.faceFor(c, st.bold).adv[c]
	if a == noGlyph {
		a = 1000 // fpdf's MissingWidth for Droid
	}
	return float64(a) * st.size / 1000 * mmPerPt
}

func (r *renderer) width(s string, st style) float64 {
	w := 0.0
	for _, c := range s {
		w += r.runeWidth(c, st)
	}
	return w
}

// Chinese line-breaking rules (禁则): these never start a line, those never end one.
const (
	noStart = "，。、；：？！）》」』】〕〉”’％…·,.;:?!)]}%"
	noEnd   = "（《「『【〔〈“‘([{"
)

// unit is what line breaking moves as a whole: one CJK character, one space, or
// a run of Latin letters and digits such as "6,762.91" that must not be split.
type unit struct {
	s       string
	w       float64
	space   bool
	noStart bool
	noEnd   bool
}

func isWordRune(c rune) bool {
	return c < 0x2000 && !unicode.IsSpace(c) && !strings.ContainsRune(noEnd, c)
}

func (r *renderer) units(s string, st style, maxW float64) []unit {
	// Units are slices of s, not copies: a large document lays out millions.
	us := make([]unit, 0, len(s)/3+1)
	for i := 0; i < len(s); {
		c, n := utf8.DecodeRuneInString(s[i:])
		j := i + n
		last := c
		if isWordRune(c) {
			for j < len(s) {
				d, m := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(d) {
					break
				}
				last = d
				j += m
			}
		}
		if w := r.width(s[i:j], st); j-i == n || w <= maxW {
			us = append(us, unit{
				s:       s[i:j],
				w:       w,
				space:   unicode.IsSpace(c),
				noStart: strings.ContainsRune(noStart, c),
				noEnd:   strings.ContainsRune(noEnd, last),
			})
			i = j
			continue
		}
		// Longer than a whole line: it has to break somewhere, so anywhere.
		for i < j {
			c, n := utf8.DecodeRuneInString(s[i:])
			us = append(us, unit{s: s[i : i+n], w: r.runeWidth(c, st)})
			i += n
		}
	}
	return us
}

// line is one laid-out line; hard marks the end of a paragraph or of a piece
// ended by a newline, which is never justified.
type line struct {
	s    string
	hard bool
}

// wrap breaks cleaned text into lines of at most width mm, the first line
// narrower by indent. CJK text breaks between any two characters except where
// the 禁则 forbid; Latin words break at spaces or, if too long, anywhere.
func (r *renderer) wrap(s string, st style, width, indent float64) []line {
	var out []line
	first := true
	for piece := range strings.SplitSeq(s, "\n") {
		room := width
		if first {
			room -= indent
		}
		// Most pieces (a table's numbers and names) are one line: without a space
		// to trim and narrower than the line, with a margin far above the rounding
		// of summing the widths unit by unit, the piece is its own line.
		if piece != "" && r.width(piece, st) <= room-1e-9 && strings.IndexFunc(piece, unicode.IsSpace) < 0 {
			out = append(out, line{s: piece, hard: true})
			first = false
			continue
		}
		us := r.units(piece, st, width)
		start := 0
		for {
			for start < len(us) && us[start].space {
				start++
			}
			avail := width
			if first {
				avail -= indent
				first = false
			}
			if start >= len(us) {
				out = append(out, line{hard: true})
				break
			}
			end, w := start, 0.0
			for end < len(us) && (end == start || w+us[end].w <= avail+1e-6) {
				w += us[end].w
				end++
			}
			if end < len(us) {
				// Pull characters down until the break is allowed, giving up
				// after three so a run of punctuation cannot empty the line.
				e := end
				for k := 0; k < 3 && e-1 > start && (us[e].noStart || us[e-1].noEnd); k++ {
					e--
				}
				if !us[e].noStart && !us[e-1].noEnd {
					end = e
				}
			}
			var b strings.Builder
			last := end
			for last > start && us[last-1].space {
				last--
			}
			for _, u := range us[start:last] {
				b.WriteString(u.s)
			}
			start = end
			done := true
			for _, u := range us[start:] {
				if !u.space {
					done = false
					break
				}
			}
			out = append(out, line{s: b.String(), hard: done})
			if done {
				break
			}
		}
	}
	return out
}

// text draws s with its left end at x and its vertical middle at mid. When
// justify is positive, the line is stretched to that width by spacing the CJK
// characters only, so that numbers and Latin words keep their letter spacing
// and extract from the PDF unbroken.
func (r *renderer) text(x, mid float64, s string, st style, justify float64) {
	if r.pdf == nil || s == "" {
		return
	}
	tc := 0.0
	if justify > 0 {
		gaps, lastWide := 0, false
		for _, c := range s {
			lastWide = wide(c)
			if lastWide {
				gaps++
			}
		}
		if lastWide {
			gaps--
		}
		// A gap wider than a fifth of an em would read as a space.
		if slack := justify - r.width(s, st); gaps > 0 && slack > 0 && slack/float64(gaps) < st.em()/5 {
			tc = slack / float64(gaps)
		}
	}
	baseline := mid + 0.36*st.em()
	rs := []rune(s)
	for i := 0; i < len(rs); {
		f, w := r.faceFor(rs[i], st.bold), wide(rs[i])
		j := i + 1
		for j < len(rs) && r.faceFor(rs[j], st.bold) == f && wide(rs[j]) == w {
			j++
		}
		run := string(rs[i:j])
		if !r.added[f] {
			r.pdf.AddUTF8FontFromBytes(f.family, "", f.ttf)
			r.added[f] = true
		}
		if r.family != f.family || r.size != st.size {
			r.pdf.SetFont(f.family, "", st.size)
			r.family, r.size = f.family, st.size
		}
		// A fallback face has no bold weight: its outline is stroked as well.
		stroke := st.bold && !f.bold
		if stroke {
			r.pdf.SetTextRenderingMode(2)
			r.pdf.SetLineWidth(st.size * 0.035 * mmPerPt)
		}
		spaced := tc > 0 && w
		if spaced {
			r.pdf.RawWriteStr(fmt.Sprintf("%.3f Tc", tc*ptPerMM))
		}
		r.pdf.Text(x, baseline, run)
		x += r.width(run, st)
		if spaced {
			r.pdf.RawWriteStr("0 Tc")
			x += tc * float64(j-i)
		}
		if stroke {
			r.pdf.SetTextRenderingMode(0)
			r.pdf.SetLineWidth(ruleWidth)
		}
		i = j
	}
}

// floor counts whole lines of height lh in h, allowing for rounding.
func floor(h, lh float64) int { return int(math.Floor(h/lh + 1e-6)) }
