package reader

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"yusuan/reader/pdftext"
)

// Every input becomes positioned text before anything else looks at it: pages of
// lines of words, each word with its horizontal extent. A PDF gives real
// coordinates (points); `pdftotext -layout` text gives character columns; text
// whose cells are separated by tabs, like a workbook, gives grid columns. The
// engine measures everything in ems of its page, so the three read alike.

// word is a run of text on a line with no wide gap inside.
type word struct {
	text   string
	x0, x1 float64
	// col and span place a word of grid input on its columns; col is -1 for
	// positioned input.
	col, span int
	num       bool // the word is a number as tables print them
}

func (w word) center() float64 { return (w.x0 + w.x1) / 2 }

// tline is one line of a page.
type tline struct {
	page int // 1-based
	no   int // line on the page (PDF) or in the file (text), for finding it again
	y    float64
	// top and bottom bound the line's glyphs; for text input a line is one unit high.
	top, bottom float64
	size        float64 // the largest glyph, for telling titles from body text
	words       []word
	text        string // the words joined by one space
	compact     string // the words joined without spaces
}

// tpage is one page of positioned text.
type tpage struct {
	number int
	width  float64
	em     float64 // the width of one CJK character: the page's unit of distance
	grid   bool    // cells separated by tabs: words carry their columns
	lines  []*tline
}

// numberTextRe is an amount with its decimals run into a word of Chinese text.
var numberTextRe = regexp.MustCompile(`^(-?[0-9][0-9,]*\.[0-9]{1,6})([\p{Han}“（].*)$`)

// numberRe is a number as tables print it: thousands separators, decimals, a sign.
var numberRe = regexp.MustCompile(`^[-−+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?%?$`)

func newLine(page, no int, y float64, words []word) *tline {
	l := &tline{page: page, no: no, y: y, top: y - 0.5, bottom: y + 0.5, size: 1, words: words}
	var texts []string
	for i := range l.words {
		w := &l.words[i]
		w.num = numberRe.MatchString(w.text)
		texts = append(texts, w.text)
	}
	l.text = strings.Join(texts, " ")
	l.compact = strings.Join(strings.Fields(l.text), "")
	return l
}

// pdfPages turns PDF text into pages. A word that PDFium kept together across a
// space (“2026 年预算数”) stays one word; numbers joined to text by a narrow gap are
// split off, as a table cell never holds both.
func pdfPages(pages []pdftext.Page) []*tpage {
	out := make([]*tpage, 0, len(pages))
	for _, p := range pages {
		tp := &tpage{number: p.Number, width: p.Width}
		var sizes []float64
		for i, l := range p.Lines {
			var words []word
			size := 0.0
			top, bottom := math.Inf(1), math.Inf(-1)
			for _, w := range l.Words {
				size = max(size, w.Size)
				top, bottom = min(top, w.Y0), max(bottom, w.Y1)
				words = append(words, splitNumbers(word{text: w.Text, x0: w.X0, x1: w.X1, col: -1})...)
				if isWide(w.Text) {
					sizes = append(sizes, (w.X1-w.X0)/float64(utf8.RuneCountInString(w.Text)))
				}
			}
			tl := newLine(p.Number, i+1, l.Y, words)
			tl.top, tl.bottom, tl.size = top, bottom, size
			tp.lines = append(tp.lines, tl)
		}
		tp.em = 10
		if len(sizes) > 0 {
			slices.Sort(sizes)
			tp.em = sizes[len(sizes)/2]
		}
		out = append(out, tp)
	}
	return out
}

// splitNumbers cuts a word made of text and numbers separated by spaces into
// words, so that “2,000.00 其他” or “合计 1,234.00” become cells of their own. A
// year followed by 年 and words like “3 辆” stay whole.
func splitNumbers(w word) []word {
	// An amount printed close against the text of the next cell.
	if m := numberTextRe.FindStringSubmatch(w.text); m != nil {
		n := len(m[1])
		rest := 0
		for _, r := range m[2] {
			rest += runeWidth(r)
		}
		per := (w.x1 - w.x0) / float64(max(n+rest, 1))
		a := word{text: m[1], x0: w.x0, x1: w.x0 + float64(n)*per, col: -1}
		return append([]word{a}, splitNumbers(word{text: m[2], x0: a.x1, x1: w.x1, col: -1})...)
	}
	if !strings.Contains(w.text, " ") {
		return []word{w}
	}
	parts := strings.Split(w.text, " ")
	hasNum := false
	for _, p := range parts {
		if numberRe.MatchString(p) && strings.ContainsAny(p, ".,") {
			hasNum = true
		}
	}
	if !hasNum {
		return []word{w}
	}
	// Place the pieces by their share of the word's width: a CJK character is as
	// wide as two digits.
	units := func(t string) int {
		n := 0
		for _, r := range t {
			n += runeWidth(r)
		}
		return n
	}
	per := (w.x1 - w.x0) / float64(max(units(w.text), 1))
	var out []word
	var cur []string
	at, start := 0, 0
	flush := func(end int) {
		if len(cur) == 0 {
			return
		}
		out = append(out, word{text: strings.Join(cur, " "), x0: w.x0 + float64(start)*per, x1: w.x0 + float64(end)*per, col: -1})
		cur = nil
	}
	for _, p := range parts {
		n := units(p)
		if numberRe.MatchString(p) && strings.ContainsAny(p, ".,") {
			flush(at - 1)
			out = append(out, word{text: p, x0: w.x0 + float64(at)*per, x1: w.x0 + float64(at+n)*per, col: -1})
			start = at + n + 1
		} else {
			if len(cur) == 0 {
				start = at
			}
			cur = append(cur, p)
		}
		at += n + 1
	}
	flush(units(w.text))
	return out
}

func isWide(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if runeWidth(r) != 2 {
			return false
		}
	}
	return true
}

// layoutPages turns `pdftotext -layout` text into pages: form feeds separate pages,
// each character takes one column (poppler's grid), and runs of two or more spaces
// separate words; one space separates words only around a number.
func layoutPages(text string) []*tpage {
	var pages []*tpage
	page := &tpage{number: 1, em: 1}
	for i, raw := range strings.Split(text, "\n") {
		for strings.Contains(raw, "\f") {
			before, after, _ := strings.Cut(raw, "\f")
			if strings.TrimSpace(before) != "" {
				page.lines = append(page.lines, layoutLine(page.number, i+1, before))
			}
			pages = append(pages, page)
			page = &tpage{number: page.number + 1, em: 1}
			raw = after
		}
		raw = layoutSpaces.Replace(raw)
		if utf8.RuneCountInString(raw) > maxLineRunes {
			raw = string([]rune(raw)[:maxLineRunes])
		}
		if strings.TrimSpace(raw) == "" {
			continue
		}
		page.lines = append(page.lines, layoutLine(page.number, i+1, raw))
	}
	if len(page.lines) > 0 || len(pages) == 0 {
		pages = append(pages, page)
	}
	for _, p := range pages {
		for _, l := range p.lines {
			p.width = max(p.width, l.words[len(l.words)-1].x1)
		}
	}
	return pages
}

// layoutSpaces drops carriage returns and widens tabs in a line of layout text.
var layoutSpaces = strings.NewReplacer("\r", "", "\t", "    ")

// layoutLine reads one line of layout text; no is its line in the file, which also
// serves as its height.
func layoutLine(page, no int, s string) *tline {
	var words []word
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if rs[i] == ' ' {
			i++
			continue
		}
		j := i
		for j < len(rs) {
			if rs[j] == ' ' {
				// One space inside text keeps the word; two end it, and so does one
				// next to a number.
				if j+1 < len(rs) && rs[j+1] != ' ' && !digitNear(rs, j) {
					j++
					continue
				}
				break
			}
			j++
		}
		words = append(words, word{text: string(rs[i:j]), x0: float64(i), x1: float64(j), col: -1})
		i = j
	}
	return newLine(page, no, float64(no), words)
}

// digitNear reports whether a space at i has a digit or a separator on either side,
// so that “1,234.00 5.00” splits while “收 入” stays a word.
func digitNear(rs []rune, i int) bool {
	isD := func(r rune) bool { return r >= '0' && r <= '9' || r == '.' || r == ',' || r == '%' }
	if i+1 < len(rs) && (rs[i+1] == '年' || rs[i+1] == '月') {
		return false // 2026 年预算数
	}
	return i > 0 && isD(rs[i-1]) || i+1 < len(rs) && isD(rs[i+1]) && !(i > 0 && rs[i-1] == '年')
}

// gridPages turns text whose cells are separated by tabs into one page: each cell
// is a word on its column. Lines without tabs are single words.
func gridPages(lines []string) []*tpage {
	p := &tpage{number: 1, em: 1, grid: true}
	const colWidth = 20
	for i, raw := range lines {
		if strings.TrimSpace(raw) == "" {
			continue
		}
		var words []word
		if !strings.Contains(raw, "\t") {
			t := strings.TrimSpace(raw)
			words = append(words, word{text: t, x0: 0, x1: float64(utf8.RuneCountInString(t)), col: 0, span: 1})
		} else {
			for c, cell := range strings.Split(raw, "\t") {
				cell = strings.TrimSpace(cell)
				if cell == "" {
					continue
				}
				words = append(words, word{text: cell, x0: float64(c * colWidth), x1: float64(c*colWidth + colWidth - 1), col: c, span: 1})
			}
		}
		l := newLine(1, i+1, float64(i+1), words)
		p.lines = append(p.lines, l)
	}
	return []*tpage{p}
}
