package reader

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"

	"yusuan/disclosure"
)

// Layout text gives no cell boundaries, only where each run of characters starts.
// Two producers lay it out differently: pdftext.Layout (and a terminal) counts a CJK
// character as two columns, while poppler's `pdftotext -layout` puts every character
// on one grid cell. Every position is kept in both measures, and each table page is
// read in the measure in which its numbers line up.
const (
	wide     = 0 // CJK characters two columns wide
	narrow   = 1 // every character one column
	measures = 2
)

// maxLineRunes bounds a line: a real layout line is a few hundred characters, and
// the column fit is quadratic in the numbers on one line.
const maxLineRunes = 4000

// token is a run of non-space characters on a layout line (words that a single
// space separates are joined when both are text), with its columns in both measures.
type token struct {
	text       string
	number     bool
	start, end [measures]int // end is exclusive
}

func (t token) center(m int) float64 { return float64(t.start[m]+t.end[m]) / 2 }

// lline is one line of layout text.
type lline struct {
	page, no int // 1-based page (form feeds) and line in the file
	text     string
	compact  string // without any spaces
	indent   int    // leading columns, wide measure
	// spaced says an empty line precedes this one on its page: `pdftotext -layout`
	// marks so the wider gap between paragraphs.
	spaced bool
	words  []token
	toks   []token
}

func (l *lline) hasNumber() bool {
	for _, t := range l.toks {
		if t.number {
			return true
		}
	}
	return false
}

// runeWidth is a rune's display width: two for wide and full-width characters.
func runeWidth(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// splitLayout cuts layout text into lines, counting pages at form feeds.
func splitLayout(text string) []lline {
	raw := strings.Split(text, "\n")
	lines := make([]lline, 0, len(raw))
	page := 1
	for i, s := range raw {
		page += strings.Count(s, "\f")
		s = strings.NewReplacer("\f", "", "\r", "", "\t", " ").Replace(s)
		if utf8.RuneCountInString(s) > maxLineRunes {
			s = string([]rune(s)[:maxLineRunes])
		}
		l := lline{page: page, no: i + 1, text: strings.TrimRight(s, " ")}
		l.compact = strings.Join(strings.Fields(l.text), "")
		l.spaced = i > 0 && lines[i-1].page == page && lines[i-1].compact == ""
		tokenize(&l)
		lines = append(lines, l)
	}
	return lines
}

func tokenize(l *lline) {
	var col [measures]int
	var cur *token
	var b strings.Builder
	end := func() {
		if cur != nil {
			cur.text = b.String()
			cur.number = amountTextRe.MatchString(cur.text)
			l.words = append(l.words, *cur)
			cur = nil
			b.Reset()
		}
	}
	for _, r := range l.text {
		if r == ' ' {
			end()
			col[wide] += runeWidth(r)
			col[narrow]++
			continue
		}
		if cur == nil {
			cur = &token{start: col}
		}
		b.WriteRune(r)
		col[wide] += runeWidth(r)
		col[narrow]++
		cur.end = col
	}
	end()
	if len(l.words) > 0 {
		l.indent = l.words[0].start[wide]
	}
	for _, w := range l.words {
		if n := len(l.toks); n > 0 && !w.number && !l.toks[n-1].number && w.start[narrow]-l.toks[n-1].end[narrow] == 1 {
			l.toks[n-1].text += " " + w.text
			l.toks[n-1].end = w.end
			continue
		}
		l.toks = append(l.toks, w)
	}
}

// ReadLayout reads text laid out like `pdftotext -layout`: pages separated by form
// feeds, table columns aligned with spaces. name is used in messages only.
func ReadLayout(name, text string) (*disclosure.Document, error) {
	return readLayout(name, text, false)
}

// readLayout reads layout text; pdf says the text came from a PDF, whose rows are
// then placed by page and line on the page rather than line in the file.
func readLayout(name, text string, pdf bool) (*disclosure.Document, error) {
	if len(text) > MaxFileSize {
		return nil, fmt.Errorf("文件 %s 的文字有 %d MB，超过 %d MB 的上限", name, len(text)>>20, MaxFileSize>>20)
	}
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("文件 %s 不是 UTF-8 编码的文本，请先转换为 UTF-8", name)
	}
	lines := splitLayout(text)
	dropFooters(lines)
	if pdf {
		onPage, page := 0, 0
		for i := range lines {
			if lines[i].page != page {
				page, onPage = lines[i].page, 0
			}
			onPage++
			lines[i].no = onPage
		}
	}
	title, next, err := layoutTitle(name, lines)
	if err != nil {
		return nil, err
	}
	kind, err := docKind(name, title)
	if err != nil {
		return nil, err
	}
	m := yearRe.FindStringSubmatch(title)
	if m == nil {
		return nil, fmt.Errorf("文件 %s 的标题“%s”中没有预算年度", name, title)
	}
	var year int
	fmt.Sscan(m[1], &year)
	switch layoutProfile(lines) {
	case "shanghai":
		return readShanghai(name, lines, title, kind, year, next)
	case "shenzhen":
		return readShenzhenLayout(name, lines, title, kind, year, next)
	}
	return nil, fmt.Errorf("文件 %s 无法识别公开格式：应为上海格式（有“预算主管部门”“编制部门”和九张预算表）或深圳格式（有“第一部分”至“第九部分”和“表格部分”）", name)
}

// pageNumberRe is a page number as printed at the foot of a page: "— 15 —" (render/pdf's),
// "- 15 -", or "第 15 页", perhaps with "共 40 页".
var pageNumberRe = regexp.MustCompile(`^(?:[—–\-]+[0-9]+[—–\-]+|第[0-9]+页(?:[,，/]?共[0-9]+页)?)$`)

// dropFooters blanks the page number centred under each page's last line. It is no
// content: a reader that met it would take "— 15 —" for a table row, or start a
// paragraph with it where the paragraph before continues on the next page. The line
// stays, empty, so that every other line keeps its number.
func dropFooters(lines []lline) {
	for start := 0; start < len(lines); {
		end, last := start, -1
		for end < len(lines) && lines[end].page == lines[start].page {
			if len(lines[end].words) > 0 {
				last = end
			}
			end++
		}
		if last >= 0 && pageNumberRe.MatchString(lines[last].compact) && centred(lines[start:end], &lines[last]) {
			lines[last] = lline{page: lines[last].page, no: lines[last].no}
		}
		start = end
	}
}

// centred says whether l sits in the middle half of the page's text, in either
// measure: the page is centred on the paper, not on its text, so this asks only
// that l keep well away from both edges.
func centred(page []lline, l *lline) bool {
	for m := range measures {
		left, right := math.MaxInt, 0
		for _, p := range page {
			if len(p.words) > 0 {
				left = min(left, p.words[0].start[m])
				right = max(right, p.words[len(p.words)-1].end[m])
			}
		}
		mid := float64(l.words[0].start[m]+l.words[len(l.words)-1].end[m]) / 2
		if quarter := float64(right-left) / 4; mid >= float64(left)+quarter && mid <= float64(right)-quarter {
			return true
		}
	}
	return false
}

// layoutTitle returns the document title, read from the first lines up to the one
// that names the kind of document, and the index of the line after it.
func layoutTitle(name string, lines []lline) (string, int, error) {
	var parts []string
	for i, l := range lines {
		if l.compact == "" {
			continue
		}
		if isContentsHeading(l.compact) || partRe.MatchString(l.compact) || len(parts) >= 4 {
			break
		}
		parts = append(parts, l.compact)
		t := strings.Join(parts, "")
		if strings.Contains(t, "预算") || strings.Contains(t, "决算") {
			return t, i + 1, nil
		}
	}
	return "", 0, fmt.Errorf("文件 %s 开头没有标题：前几行中应有“××年××部门预算”或“单位预算”", name)
}

var shanghaiMarks = regexp.MustCompile(`预算主管部门|编制部门[：:]|编制单位[：:]|财务收支预算总表|区级部门预算|区级单位预算`)
var shenzhenMarks = regexp.MustCompile(`^第[一二三四五六七八九十]+部分|表格部分$|一般公共预算支出表（按功能分类）`)

// layoutProfile tells the Shanghai format from the Shenzhen one by their marks.
func layoutProfile(lines []lline) string {
	sh, sz := 0, 0
	for _, l := range lines {
		if shanghaiMarks.MatchString(l.compact) {
			sh++
		}
		if shenzhenMarks.MatchString(l.compact) {
			sz++
		}
	}
	switch {
	case sh == 0 && sz == 0:
		return ""
	case sh >= sz:
		return "shanghai"
	}
	return "shenzhen"
}

// fold makes printed labels comparable: no spaces, one form of brackets and quotes.
func fold(s string) string {
	return foldReplacer.Replace(strings.Join(strings.Fields(s), ""))
}

var foldReplacer = strings.NewReplacer("(", "（", ")", "）", ":", "：", "\"", "“", "”", "“", "\u3000", "")

// leafLabels returns, for each column of t, the text of the lowest header cell
// above it.
func leafLabels(t *disclosure.Table) []string {
	labels := make([]string, len(t.Columns))
	for _, row := range disclosure.Grid(t.Header, len(t.Columns)) {
		for _, p := range row {
			cs, _ := p.Span()
			if cs == 1 && p.Col < len(labels) {
				labels[p.Col] = fold(p.Text)
			}
		}
	}
	return labels
}

// headerYearRe is a year in a header's text: the 三公 table's header names the
// document's year, which the template leaves out.
var headerYearRe = regexp.MustCompile(`(?:19|20)\d\d年度?`)

// headerText is a header cell's text as headers are compared: folded, without a year.
func headerText(s string) string {
	return headerYearRe.ReplaceAllString(fold(s), "")
}

// headerTexts is the set of the texts of t's header cells, as headerText gives them.
func headerTexts(t *disclosure.Table) map[string]bool {
	words := map[string]bool{}
	for _, row := range t.Header {
		for _, c := range row {
			if w := headerText(c.Text); w != "" {
				words[w] = true
			}
		}
	}
	return words
}

// describeLayouts says what headers the layouts have, for a person: each one's
// columns and rows and the labels over its columns.
func describeLayouts(layouts []*disclosure.Table) string {
	var want []string
	for _, l := range layouts {
		w := fmt.Sprintf("%d 列 %d 行的表头“%s”", len(l.Columns), len(l.Header), strings.Join(leafLabels(l), " "))
		if !slices.Contains(want, w) {
			want = append(want, w)
		}
	}
	return strings.Join(want, " 或 ")
}

// headerAnchors predicts from header lines where each amount column's numbers end
// in measure m: a header is centred over its column and numbers are flush right, so
// a column ends half a column width to the right of its header's centre. It returns
// nil when the header does not name the amount columns.
func headerAnchors(t *disclosure.Table, header []*lline, m int) []float64 {
	centers := headerCenters(t, header, m)
	var gaps []float64
	for c := 1; c < len(centers); c++ {
		if !math.IsNaN(centers[c]) && !math.IsNaN(centers[c-1]) {
			gaps = append(gaps, centers[c]-centers[c-1])
		}
	}
	if len(gaps) == 0 {
		return nil
	}
	slices.Sort(gaps)
	typical := gaps[len(gaps)/2]
	var anchors []float64
	for c, col := range t.Columns {
		if col.Kind != disclosure.AmountCol {
			continue
		}
		if math.IsNaN(centers[c]) {
			return nil
		}
		w := typical
		switch {
		case c+1 < len(centers) && !math.IsNaN(centers[c+1]):
			w = centers[c+1] - centers[c]
		case c > 0 && !math.IsNaN(centers[c-1]):
			w = centers[c] - centers[c-1]
		}
		anchors = append(anchors, centers[c]+w/2)
	}
	return anchors
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// assign lays the numbers ending at ends (left to right) onto columns ending at
// anchors, keeping their order, so that the total distance is least. It returns the
// column of each number and the distance; ok is false when there are more numbers
// than columns.
func assign(ends, anchors []float64) (cols []int, cost float64, ok bool) {
	k, n := len(ends), len(anchors)
	if k > n {
		return nil, 0, false
	}
	if k == 0 {
		return nil, 0, true
	}
	// best[i][j]: least cost of the first i numbers on the first j columns.
	inf := math.Inf(1)
	best := make([][]float64, k+1)
	for i := range best {
		best[i] = make([]float64, n+1)
		for j := range best[i] {
			best[i][j] = inf
		}
	}
	for j := 0; j <= n; j++ {
		best[0][j] = 0
	}
	for i := 1; i <= k; i++ {
		for j := i; j <= n; j++ {
			take := best[i-1][j-1] + math.Abs(ends[i-1]-anchors[j-1])
			best[i][j] = min(best[i][j-1], take)
		}
	}
	cols = make([]int, k)
	j := n
	for i := k; i > 0; i-- {
		for j > i && best[i][j] == best[i][j-1] {
			j--
		}
		cols[i-1] = j - 1
		j--
	}
	return cols, best[k][n], true
}

// fitColumns finds where n amount columns end on one page of a table, in one
// measure, from the rows' numbers: rows that fill every column give the positions
// directly; otherwise a first guess (from the header, or the page before) is moved
// onto the numbers that it attracts. It also says how badly the numbers fit, in
// column widths per number: against the positions found from full rows, or else
// against the guess moved as a whole, so that a few numbers cannot fit any guess
// perfectly by pulling every column onto themselves.
func fitColumns(rows [][]float64, n int, guess []float64) ([]float64, float64) {
	anchors := make([]float64, n)
	full := 0
	for _, r := range rows {
		if len(r) == n {
			full++
		}
	}
	var cost float64
	count := 0
	switch {
	case full > 0:
		for j := range n {
			var xs []float64
			for _, r := range rows {
				if len(r) == n {
					xs = append(xs, r[j])
				}
			}
			anchors[j] = median(xs)
		}
		for _, r := range rows {
			_, c, ok := assign(r, anchors)
			if !ok {
				return nil, math.Inf(1)
			}
			cost += c
			count += len(r)
		}
	case len(guess) == n:
		copy(anchors, guess)
		for pass := range 2 {
			byCol := make([][]float64, n)
			var diffs []float64
			for _, r := range rows {
				cols, _, ok := assign(r, anchors)
				if !ok {
					return nil, math.Inf(1)
				}
				for i, c := range cols {
					byCol[c] = append(byCol[c], r[i])
					diffs = append(diffs, r[i]-anchors[c])
				}
			}
			if len(diffs) == 0 {
				break
			}
			shift := median(diffs)
			if pass == 0 {
				for _, d := range diffs {
					cost += math.Abs(d - shift)
				}
				count = len(diffs)
			}
			for j := range n {
				if len(byCol[j]) > 0 {
					anchors[j] = median(byCol[j])
				} else {
					anchors[j] += shift
				}
			}
		}
	default:
		return nil, math.Inf(1)
	}
	spacing := math.Inf(1)
	for j := 1; j < n; j++ {
		spacing = min(spacing, anchors[j]-anchors[j-1])
	}
	if spacing <= 0 {
		return nil, math.Inf(1)
	}
	if math.IsInf(spacing, 1) || count == 0 {
		return anchors, 0
	}
	return anchors, cost / spacing / float64(count)
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
