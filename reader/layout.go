package reader

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"yusuan/disclosure"
	"yusuan/format"
)

// layout cuts the body into parts and tables with format f and reads each.
func (d *docReader) layout(doc *disclosure.Document, f *format.Format, body []*tline) error {
	type region struct {
		part *heading
		// inline is a table set in the part's narrative; parts holds the lines
		// of text around it and the table's own.
		inline *format.Table
		table  *format.Table
		title  string
		label  int
		// chunks are the table's pieces: a new one starts on each page and at each
		// repetition of its title.
		chunks [][]*tline
	}
	var regions []*region
	var cur *region
	add := func(l *tline) {
		n := len(cur.chunks)
		if n == 0 || cur.table != nil && len(cur.chunks[n-1]) > 0 && cur.chunks[n-1][len(cur.chunks[n-1])-1].page != l.page {
			cur.chunks = append(cur.chunks, nil)
			n++
		}
		cur.chunks[n-1] = append(cur.chunks[n-1], l)
	}
	// dropLabel removes a label printed on the line above a title (表1, 公开 01 表)
	// from the region before it and returns its number.
	dropLabel := func() int {
		if cur == nil || len(cur.chunks) == 0 {
			return 0
		}
		c := cur.chunks[len(cur.chunks)-1]
		if len(c) == 0 {
			return 0
		}
		last := c[len(c)-1]
		if format.StripLabel(format.Fold(last.compact)) != "" {
			return 0
		}
		cur.chunks[len(cur.chunks)-1] = c[:len(c)-1]
		return labelNumber(last.compact)
	}
	for i, l := range body {
		titled := d.matchTable(f, l)
		if t := titled; t != nil && d.startsTable(f, body, i) {
			label := dropLabel()
			if n := labelNumber(l.compact); n > 0 {
				label = n
			}
			// A title repeated at the head of a page continues its table.
			if cur != nil && cur.table != nil && cur.table.Kind == t.Kind && (d.nearPageTop(l) || cur.title == titleText(l)) && (label == 0 || label == cur.label) {
				cur.chunks = append(cur.chunks, nil)
				continue
			}
			cur = &region{table: t, title: titleText(l), label: label}
			regions = append(regions, cur)
			continue
		}
		// A table no description knows, printed with its label and a title, is
		// read as printed, its kind unknown.
		if t, title := d.unknownTable(f, body, i); titled == nil && t != nil {
			cur = &region{table: t, title: title, label: labelNumber(l.compact)}
			regions = append(regions, cur)
			continue
		}
		if h := d.partHeading(f, l); h != nil && (cur == nil || cur.table == nil || h.part != nil || partHeadRe.MatchString(l.compact)) {
			cur = &region{part: h}
			regions = append(regions, cur)
			continue
		}
		if cur == nil {
			continue
		}
		// A table set in a part starts at its header line, or at its title, and
		// ends at a note, another table's title or the part's end; the part goes
		// on after it. A form printed again (one per project) is another table.
		if cur.part != nil || cur.inline != nil {
			if t := inlineTable(f, l); t != nil {
				part := cur.part
				if part == nil {
					part = &heading{}
				}
				var before []*tline
				if n := len(cur.chunks); n > 0 {
					before = cur.chunks[n-1]
				}
				title := inlineTitle(t, l, before)
				cur = &region{part: part, inline: t, title: title}
				regions = append(regions, cur)
			} else if cur.inline != nil && (noteRe.MatchString(format.Fold(l.compact)) || titled != nil) {
				cur = &region{part: cur.part, table: nil}
				cur.part = &heading{continued: true}
				regions = append(regions, cur)
			}
		}
		add(l)
	}
	// The narrative's line pitch, over every part: a part of one-line paragraphs
	// shows only the paragraphs' spacing.
	var gaps []float64
	for _, r := range regions {
		if r.part == nil || r.inline != nil {
			continue
		}
		for _, c := range r.chunks {
			for i := 1; i < len(c); i++ {
				if c[i].page == c[i-1].page {
					gaps = append(gaps, c[i].y-c[i-1].y)
				}
			}
		}
	}
	d.pitch = math.Inf(1)
	if len(gaps) > 0 {
		slices.Sort(gaps)
		d.pitch = gaps[len(gaps)/4]
	}
	number := 0
	for _, r := range regions {
		switch {
		case r.inline != nil:
			t, err := d.readTable(r.inline, r.title, 0, doc.Year, r.chunks)
			if err != nil {
				return err
			}
			if n := len(doc.Parts); n > 0 {
				p := &doc.Parts[n-1]
				p.Blocks = append(p.Blocks, disclosure.Block{Kind: disclosure.TableRef, Table: t, Pos: t.Pos})
			}
		case r.part != nil && r.part.continued:
			var lines []*tline
			for _, c := range r.chunks {
				lines = append(lines, c...)
			}
			if n := len(doc.Parts); n > 0 {
				p := &doc.Parts[n-1]
				p.Blocks = append(p.Blocks, narrate(lines, d.grid, d.ems(), d.rights(), d.pitch)...)
			}
		case r.part != nil:
			part := disclosure.Part{Number: r.part.number, Title: r.part.title}
			if part.Number == 0 {
				part.Number = len(doc.Parts) + 1
				part.Plain = true
			}
			var lines []*tline
			for _, c := range r.chunks {
				lines = append(lines, c...)
			}
			part.Blocks = narrate(lines, d.grid, d.ems(), d.rights(), d.pitch)
			doc.Parts = append(doc.Parts, part)
		case r.table != nil:
			number++
			if r.label > 0 {
				number = r.label
			}
			t, err := d.readTable(r.table, r.title, number, doc.Year, r.chunks)
			if err != nil {
				return err
			}
			doc.Tables = append(doc.Tables, t)
		}
	}
	return nil
}

// printedLabelRe is a table's label as printed: 表13, 公开13表, 预算13表, 附表3.
var printedLabelRe = regexp.MustCompile(`^(?:(?:部门)?公开[0-9]+表|预算[0-9]+表|(?:部门公开)?表[0-9]+|附表[0-9]+)[：:.．、]?`)

// unknownTable returns a table for line i when it is a table's label with a title
// that no description knows, on the line or the next (公开 13 表 / 部门预算重大项目
// 资金安排表), and a table follows: its title and no kind. It also returns the
// title as printed.
func (d *docReader) unknownTable(f *format.Format, body []*tline, i int) (*format.Table, string) {
	l := body[i]
	c := format.Fold(l.compact)
	label := printedLabelRe.FindString(c)
	if label == "" {
		return nil, ""
	}
	at, title := i, format.Fold(format.StripLabel(format.Fold(titleText(l))))
	if title == "" {
		if i+1 >= len(body) {
			return nil, ""
		}
		at = i + 1
		title = format.Fold(titleText(body[at]))
	}
	n := utf8.RuneCountInString(title)
	if n < 4 || n > 40 || !strings.HasSuffix(title, "表") || sentenceEnd.MatchString(title) || strings.Contains(title, "，") {
		return nil, ""
	}
	if d.matchTable(f, body[at]) != nil || !d.startsTable(f, body, at) {
		return nil, ""
	}
	return &format.Table{Title: title, Unit: f.Unit}, titleText(body[at])
}

// inlineTable returns the table of f whose header a line in the narrative begins.
func inlineTable(f *format.Format, l *tline) *format.Table {
	for i := range f.Tables {
		if t := &f.Tables[i]; t.Inline && t.StartsAt(format.Fold(l.compact)) {
			return t
		}
	}
	return nil
}

// inlineTitle is the title of a table set in the narrative: the line that begins
// it, when that is a title (one word ending in 表: a form's title), or else the
// heading of the part's text just above it when that names the table (七、重点项目
// 预算绩效目标情况) among the few lines before; empty for a table printed without a
// title.
func inlineTitle(t *format.Table, start *tline, before []*tline) string {
	if c := format.Fold(start.compact); len(start.words) == 1 && strings.HasSuffix(c, "表") {
		return c
	}
	for k := len(before) - 1; k >= 0 && k >= len(before)-4; k-- {
		h := format.Fold(before[k].compact)
		if !headingRe.MatchString(h) {
			continue
		}
		for _, name := range t.Names() {
			if format.TitleKey(h) == format.TitleKey(name) {
				return format.StripLabel(h)
			}
		}
		break
	}
	return ""
}

// matchTable returns the table of f a line titles, or the family's table when f
// has none by that title.
func (d *docReader) matchTable(f *format.Format, l *tline) *format.Table {
	if len([]rune(l.compact)) > 60 || sentenceEnd.MatchString(l.compact) {
		return nil
	}
	text := titleText(l)
	if t := f.MatchTable(text); t != nil {
		return t
	}
	if !f.Generic {
		if t := f.Family().MatchTable(text); t != nil {
			if own := f.Table(t.Kind); own != nil {
				return own
			}
			return t
		}
	}
	return nil
}

// startsTable reports whether the title at i heads a table: a unit, an entity or
// the table's first numbers follow before the next title. A list of titles (a 目录
// inside a part) heads nothing, nor does a heading over a table set in the text
// (（7）项目绩效目标表 over a project's form).
func (d *docReader) startsTable(f *format.Format, body []*tline, i int) bool {
	for k := i + 1; k < len(body) && k <= i+12; k++ {
		l := body[k]
		c := format.Fold(l.compact)
		if f.Family().MatchTable(titleText(l)) != nil && len([]rune(c)) < 60 || inlineTable(f, l) != nil {
			return false
		}
		for _, w := range l.words {
			wc := format.Fold(w.text)
			if unitRe.MatchString(wc) || entityRe.MatchString(wc) {
				return true
			}
		}
		if unitRe.MatchString(c) || isBody(l) {
			return true
		}
	}
	return false
}

// nearPageTop reports whether a line is among the first lines of its page.
func (d *docReader) nearPageTop(l *tline) bool {
	for _, p := range d.pages {
		if p.number != l.page {
			continue
		}
		for i, x := range p.lines {
			if x == l {
				return i < 4
			}
		}
	}
	return false
}

var labelNumRe = regexp.MustCompile(`([0-9]+)`)

// labelNumber reads the number of a table's label (表1, 公开 01 表, 部门公开表 4).
func labelNumber(s string) int {
	c := format.Fold(s)
	if format.StripLabel(c) == c {
		return 0
	}
	lab := strings.TrimSuffix(c, format.StripLabel(c))
	if m := labelNumRe.FindString(lab); m != "" {
		n, _ := strconv.Atoi(m)
		return n
	}
	if m := regexp.MustCompile(`[一二三四五六七八九十]+`).FindString(lab); m != "" {
		return chineseNumber(m)
	}
	return 0
}

// readTable reads one table's lines, chunk by chunk.
func (d *docReader) readTable(spec *format.Table, title string, number, year int, chunks [][]*tline) (*disclosure.Table, error) {
	t := &disclosure.Table{Number: number, Kind: spec.Kind, Title: format.StripLabel(strings.Join(strings.Fields(title), "")), Unit: ""}
	r := &tableReader{file: d.file, spec: spec, year: year, doc: d.kind, t: t, title: title}
	for _, c := range chunks {
		if len(c) == 0 {
			continue
		}
		if t.Pos.Page == 0 && t.Pos.Line == 0 {
			t.Pos = disclosure.Pos{Page: c[0].page, Line: c[0].no}
		}
		r.readPage(c, d.page(c[0].page))
	}
	return r.finish()
}

// rights returns where full lines of text end on each page: the page's widest
// line, or, on a page of short lines, where they end on the document's other
// pages of the same width.
func (d *docReader) rights() map[int]float64 {
	if d.right != nil {
		return d.right
	}
	d.right = map[int]float64{}
	byWidth := map[float64][]float64{}
	for _, p := range d.pages {
		r := 0.0
		for _, l := range p.lines {
			if len(l.words) > 0 {
				r = max(r, l.words[len(l.words)-1].x1)
			}
		}
		d.right[p.number] = r
		byWidth[p.width] = append(byWidth[p.width], r)
	}
	for _, p := range d.pages {
		if m := median(byWidth[p.width]); d.right[p.number] < m-2*p.em {
			d.right[p.number] = m
		}
	}
	return d.right
}

// ems returns each page's em, built once: every narrative part asks for it.
func (d *docReader) ems() map[int]float64 {
	if d.em != nil {
		return d.em
	}
	d.em = map[int]float64{}
	for _, p := range d.pages {
		d.em[p.number] = p.em
	}
	return d.em
}

func (d *docReader) page(n int) *tpage {
	for _, p := range d.pages {
		if p.number == n {
			return p
		}
	}
	return &tpage{number: n, em: 1}
}

// names sets the document's subject (the name it is published under) and its
// department (the 主管部门). The title names the subject unless it names only the
// region (某市某区2025年区级部门预算), where the cover's 预算单位 or 预算主管部门
// line does; a 单位预算's 预算单位 line names its subject before all.
func (d *docReader) names(doc *disclosure.Document) {
	s := titleYearRe.ReplaceAllString(doc.Title, "")
	for _, w := range []string{"部门预算信息公开", "部门预算公开", "单位预算公开", "部门预算", "单位预算", "部门决算", "单位决算"} {
		s = strings.ReplaceAll(s, w, "")
	}
	s = strings.TrimSpace(levelRe.ReplaceAllString(s, ""))
	var unit string
	for _, l := range d.lines {
		c := format.Fold(l.compact)
		for _, p := range []string{"预算主管部门：", "主管部门："} {
			if strings.HasPrefix(c, p) && doc.Department == "" {
				doc.Department = strings.TrimPrefix(c, p)
			}
		}
		if v, ok := strings.CutPrefix(c, "预算单位："); ok && unit == "" {
			unit = v
		}
	}
	switch {
	case unit != "" && doc.Kind == "单位预算":
		doc.Subject = unit
	case s != "" && !regionOnlyRe.MatchString(s):
		doc.Subject = s
	case unit != "":
		doc.Subject = unit
	case doc.Department != "":
		doc.Subject = doc.Department
	default:
		doc.Subject = s
	}
	if doc.Subject == "" || regionOnlyRe.MatchString(doc.Subject) {
		for _, t := range doc.Tables {
			if t.Entity != "" {
				doc.Subject = t.Entity
				break
			}
		}
	}
	if doc.Department == "" {
		// A department's own budget is its 本级's: the department is the name
		// without it.
		doc.Department = strings.TrimSpace(benjiRe.ReplaceAllString(doc.Subject, ""))
	}
}

var (
	// titleYearRe is a title's year (2026年, 2026年度).
	// benjiRe is the 本级 mark a subject may carry.
	benjiRe = regexp.MustCompile(`[（(]本级[)）]$`)
	// levelRe is the level of government a title names (区级部门预算).
	levelRe     = regexp.MustCompile(`(?:省|市|区|县|乡|镇)级$`)
	titleYearRe = regexp.MustCompile(`(?:19|20)[0-9]{2}\s*年度?`)
	// regionOnlyRe is the name of a region alone: a province, city, district or
	// county, with no body of it.
	regionOnlyRe = regexp.MustCompile(`^\p{Han}{1,10}?(?:省|市|自治区|自治州|区|县|旗)$`)
)

// Narrative: headings, paragraphs joined across line breaks, list items and notes.

var (
	headingRe  = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))`)
	listItemRe = regexp.MustCompile(`^[0-9]+[.．、]`)
	markerRe   = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|[0-9]+[.．、][^0-9]|（[一二三四五六七八九十0-9]+）|\([一二三四五六七八九十0-9]+\)|备注|注：|注:)`)
	markdownRe = regexp.MustCompile(`^(?:#+\s*|-\s+|\*\*)`)
)

// narrate turns a part's lines into blocks. A paragraph starts at a heading, a
// numbered line, an indented line, or after a line that ends a sentence short of
// the right margin; other lines continue the paragraph they wrap.
func narrate(lines []*tline, grid bool, ems, rights map[int]float64, pitch float64) []disclosure.Block {
	if !grid {
		lines = unswap(lines, ems)
	}
	var blocks []disclosure.Block
	var para []string
	var start disclosure.Pos
	flush := func() {
		if len(para) == 0 {
			return
		}
		text := strings.Join(para, "")
		kind := disclosure.Paragraph
		switch {
		case listItemRe.MatchString(text):
			kind = disclosure.ListItem
		case strings.HasPrefix(text, "备注") || strings.HasPrefix(text, "注：") || strings.HasPrefix(text, "注:"):
			kind = disclosure.Note
		}
		blocks = append(blocks, disclosure.Block{Kind: kind, Text: text, Pos: start})
		para = nil
	}
	// Where text starts on each page; full lines end at the page's right margin.
	left, right := map[int]float64{}, rights
	for _, l := range lines {
		if len(l.words) == 0 {
			continue
		}
		if v, ok := left[l.page]; !ok || l.words[0].x0 < v {
			left[l.page] = l.words[0].x0
		}
	}
	// Lines of a paragraph are closer together (pitch) than paragraphs, where a
	// document spaces them so.
	var prev *tline
	paraIndent := 0.0 // of the paragraph's first line
	for _, l := range lines {
		text := strings.TrimSpace(markdownRe.ReplaceAllString(strings.TrimSpace(l.text), ""))
		text = strings.ReplaceAll(text, "**", "")
		c := strings.Join(strings.Fields(text), "")
		if c == "" || unitRe.MatchString(format.Fold(c)) {
			continue // the unit of a table set in the text, printed above it
		}
		if headingRe.MatchString(c) && len([]rune(c)) < 40 && !strings.ContainsAny(c, "。；;，") {
			flush()
			blocks = append(blocks, disclosure.Block{Kind: disclosure.Heading, Text: text, Pos: disclosure.Pos{Page: l.page, Line: l.no}})
			prev = nil
			continue
		}
		if len(para) > 0 {
			em := max(ems[l.page], 1)
			indent := l.words[0].x0 - left[l.page]
			ended := strings.HasSuffix(para[len(para)-1], "。") || strings.HasSuffix(para[len(para)-1], "：") || strings.HasSuffix(para[len(para)-1], "；")
			margin := 1.2 * em
			if ems[l.page] == 1 {
				// Layout text counts characters, not their widths: a full line
				// of wide characters and stops may end a few columns short.
				margin = 3
			}
			// A line that ends short of its page's margin ends its paragraph, in a
			// PDF also at the foot of a page: the next page's first line starts a
			// new one. (Layout text measures a page's margin less surely.)
			short := prev != nil && (prev.page == l.page || ems[prev.page] > 1) &&
				prev.words[len(prev.words)-1].x1 < right[prev.page]-margin
			// In layout text a page's widest line may be one of many narrow Latin
			// characters, which stretch it by columns: a line within a few more
			// columns of it, of a paragraph indented on its first line, goes on in
			// a line that is not indented.
			if short && ems[l.page] == 1 && prev.page == l.page && paraIndent >= 1.5*em && indent < 0.5*em &&
				prev.words[len(prev.words)-1].x1 >= right[prev.page]-3*margin {
				short = false
			}
			switch {
			case markerRe.MatchString(c):
				flush()
			case grid && ended:
				// Text with tabs keeps a paragraph on one line; one broken across
				// lines, as text taken from a PDF is, goes on until its sentence ends.
				flush()
			case grid:
			case indent >= 1.5*em && !listItemRe.MatchString(para[0]):
				flush()
			case ended && short:
				flush()
			case ended && !grid && prev != nil && prev.page == l.page && l.y-prev.y > 1.12*pitch:
				flush()
			case ended && ems[l.page] == 1 && prev != nil && prev.page == l.page && l.y-prev.y >= 2 && pitch < 2:
				// An empty line between paragraphs of layout text, unless the
				// text leaves one between every two lines (its pitch is 2).
				flush()
			}
		}
		if len(para) == 0 {
			start = disclosure.Pos{Page: l.page, Line: l.no}
			paraIndent = l.words[0].x0 - left[l.page]
		}
		para = append(para, text)
		prev = l
	}
	flush()
	return blocks
}

// unswap puts back in order the lines of layout text that pdftotext prints one line
// early. A line whose first word is set in a font taller than the text's (most often
// its figures) has a box that starts a little above the line before it, so
// `pdftotext -layout` prints it first, with an empty line above and below the pair
// for its height:
//
//	…社会保障和就业支出（类）326.72万元，占11.11%；
//
//	15.16%；
//	卫生健康支出（类）60.99万元，占2.07%；住房保障支出（类）445.69万元，占
//
// The pair is swapped back and the two empty lines it brought are taken out, so
// that the paragraph reads on as the PDF prints it. Its lines are copies: the
// table engine keeps the text's own.
func unswap(lines []*tline, ems map[int]float64) []*tline {
	var out []*tline
	shift, page := 0.0, 0
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l.page != page {
			shift, page = 0, l.page
		}
		if early(lines, i, ems) {
			first, second := *lines[i+1], *l
			first.y, second.y = l.y-1-shift, l.y-shift
			out = append(out, &first, &second)
			shift += 2
			i++
			continue
		}
		if shift != 0 {
			c := *l
			c.y -= shift
			l = &c
		}
		out = append(out, l)
	}
	return out
}

// early reports whether lines[i] of layout text is printed one line before the line
// it continues, lines[i+1]: the pair stands between empty lines; the first starts
// with a figure, not a numbered item, and is not indented past the second; and the
// second breaks off in mid-sentence, on a Chinese character that a figure goes on
// (占, 为, 项目支出), without being a heading or an item itself. A paragraph's last two
// lines in their right order end its sentence and do not match. The first line of
// a part follows its heading, which the part does not hold: there the second must
// be indented as a paragraph's first line is, which a line it continues is not.
func early(lines []*tline, i int, ems map[int]float64) bool {
	if i+1 >= len(lines) {
		return false
	}
	x, l := lines[i], lines[i+1]
	if ems[x.page] != 1 || l.page != x.page || l.y != x.y+1 || len(x.words) == 0 || len(l.words) == 0 {
		return false
	}
	if i == 0 && x.words[0].x0 >= l.words[0].x0 || i > 0 && (lines[i-1].page != x.page || x.y-lines[i-1].y < 2) {
		return false
	}
	if i+2 < len(lines) && lines[i+2].page == l.page && lines[i+2].y-l.y < 2 {
		return false
	}
	if x.compact == "" || l.compact == "" || x.compact[0] < '0' || x.compact[0] > '9' || markerRe.MatchString(x.compact) ||
		markerRe.MatchString(l.compact) || x.words[0].x0 > l.words[0].x0 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(l.compact)
	return unicode.Is(unicode.Han, last)
}

// Utilities shared by the engines.

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// assign lays the numbers centred at ends (left to right) onto columns centred at
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
