package reader

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"yusuan/disclosure"
	"yusuan/format"
)

// The document engine: it finds a document's title, its 目录, its narrative parts and
// its tables in positioned text, recognises the format they follow among the
// descriptions it is given, and reads every table with the table engine. Nothing
// here knows a jurisdiction; the descriptions do.

var (
	pageNumRe   = regexp.MustCompile(`^(?:[-—–－]\s*[0-9]+\s*[-—–－]|[0-9]{1,3}|第[0-9]+页(?:[,，/]?共[0-9]+页)?|[0-9]+/[0-9]+)$`)
	partHeadRe  = regexp.MustCompile(`^第([一二三四五六七八九十]+)部分\s*(.*)$`)
	leadersRe   = regexp.MustCompile(`[\s.…·．。-]{3,}[0-9\s]*$|\s+[0-9]{1,3}$`)
	docYearRe   = regexp.MustCompile(`((?:19|20)[0-9]{2})\s*年`)
	fileYearRe  = regexp.MustCompile(`(?:19|20)[0-9]{2}`)
	sentenceEnd = regexp.MustCompile(`[。；;]`)
)

// docReader holds one document's lines while it is read.
type docReader struct {
	file  string
	pages []*tpage
	lines []*tline
	set   *format.Set
	kind  string // the document's kind, from its title (部门预算, 部门决算…)
	grid  bool
	right map[int]float64 // where full lines end, by page
	pitch float64         // the spacing of the narrative's lines within a paragraph
}

// readPages reads a document from its pages.
func readPages(file string, pages []*tpage, set *format.Set) (*disclosure.Document, error) {
	d := &docReader{file: file, pages: pages, set: set}
	for _, p := range pages {
		d.grid = d.grid || p.grid
		dropPageNumbers(p)
		d.lines = append(d.lines, p.lines...)
	}
	return d.read()
}

// dropPageNumbers removes the page number printed at the foot (or head) of a page.
func dropPageNumbers(p *tpage) {
	if p.grid || len(p.lines) == 0 {
		return
	}
	last := p.lines[len(p.lines)-1]
	if pageNumRe.MatchString(last.compact) && len(last.words) <= 3 {
		p.lines = p.lines[:len(p.lines)-1]
	}
	if len(p.lines) > 0 && pageNumRe.MatchString(p.lines[0].compact) && len(p.lines[0].words) == 1 && utf8.RuneCountInString(p.lines[0].compact) <= 3 {
		p.lines = p.lines[1:]
	}
}

func (d *docReader) read() (*disclosure.Document, error) {
	if len(d.lines) == 0 {
		return nil, fmt.Errorf("文件 %s 中没有文字：PDF 没有文字层（可能是扫描件），或文件是空的", d.file)
	}
	doc := &disclosure.Document{}
	at := d.title(doc)
	d.kind = doc.Kind
	if format.IsFinal(doc.Kind) {
		// A blank template is told apart before any format is tried: its tables
		// are the family's, its figures placeholders.
		if blankTemplate(d.lines) {
			return nil, &UnsupportedError{File: d.file, Kind: doc.Kind, Blank: true}
		}
		if !d.set.Supports(doc.Kind) {
			return nil, &UnsupportedError{File: d.file, Kind: doc.Kind}
		}
	}
	contents, body := d.contents(at)
	doc.Contents = contents
	f, score := d.recognise(doc, body)
	if f == nil {
		return nil, d.unrecognised(doc, body)
	}
	_ = score
	doc.Profile, doc.Format, doc.FormatLabel = f.Profile, f.ID, f.Label
	doc.Unit = f.NarrativeUnit
	if err := d.layout(doc, f, body); err != nil {
		return nil, err
	}
	d.names(doc)
	departmentTotals(doc)
	if doc.Kind == "" {
		doc.Kind = "部门预算"
	}
	return doc, nil
}

// title reads the document's title from its first lines, up to the line that says
// 预算 or 决算, and the year and kind it names. It returns the index of the first
// line after the title. A file of tables alone has no title.
func (d *docReader) title(doc *disclosure.Document) int {
	var parts []string
	for i, l := range d.lines {
		if i >= 5 || isContents(l.compact) || partHeadRe.MatchString(l.compact) || d.tableTitle(i) != nil {
			break
		}
		parts = append(parts, l.compact)
		t := strings.Join(parts, "")
		if strings.Contains(t, "预算") || strings.Contains(t, "决算") {
			doc.Title = t
			break
		}
	}
	at := 0
	if doc.Title != "" {
		at = len(parts)
	}
	t := doc.Title
	switch {
	case strings.Contains(t, "单位决算"):
		doc.Kind = "单位决算"
	case strings.Contains(t, "决算"):
		doc.Kind = "部门决算"
	case strings.Contains(t, "单位预算"):
		doc.Kind = "单位预算"
	case strings.Contains(t, "预算"):
		doc.Kind = "部门预算"
	}
	if m := docYearRe.FindStringSubmatch(t); m != nil {
		doc.Year, _ = strconv.Atoi(m[1])
	}
	return at
}

func isContents(c string) bool { return format.Fold(c) == "目录" }

// contents reads the 目录: the lines after its heading up to where the document
// starts over with the first of them. It returns the entries and the body's lines.
func (d *docReader) contents(from int) ([]string, []*tline) {
	start := -1
	for i := from; i < len(d.lines) && i < from+40; i++ {
		if isContents(d.lines[i].compact) {
			start = i
			break
		}
	}
	if start < 0 {
		return nil, d.lines[from:]
	}
	var entries []string
	seen := map[string]bool{}
	end := len(d.lines)
	for i := start + 1; i < len(d.lines); i++ {
		l := d.lines[i]
		text := strings.TrimSpace(leadersRe.ReplaceAllString(l.text, ""))
		key := entryKey(text)
		if key == "" {
			continue
		}
		// The document starts over with a heading the 目录 listed, perhaps naming
		// the department where the 目录 said 部门 (某区商务委员会主要职能).
		if seen[key] || restates(seen, key) {
			end = i
			break
		}
		seen[key] = true
		// A line of running text ends the 目录.
		if c := strings.Join(strings.Fields(text), ""); sentenceEnd.MatchString(c) || utf8.RuneCountInString(c) > 60 {
			end = i
			break
		}
		entries = append(entries, text)
	}
	if end == len(d.lines) {
		// No entry came back: the 目录 ends with its page.
		end = start + 1
		for end < len(d.lines) && d.lines[end].page == d.lines[start].page {
			end++
		}
		entries = nil
		for _, l := range d.lines[start+1 : end] {
			if t := strings.TrimSpace(leadersRe.ReplaceAllString(l.text, "")); t != "" {
				entries = append(entries, t)
			}
		}
	}
	return entries, d.lines[end:]
}

// restates reports whether a line's key names a listed entry with the subject's
// name in place of 部门 or 单位.
func restates(seen map[string]bool, key string) bool {
	for k := range seen {
		core := strings.TrimPrefix(strings.TrimPrefix(k, "部门"), "单位")
		if core != k && utf8.RuneCountInString(core) >= 4 && strings.HasSuffix(key, core) && !seen[key] {
			return true
		}
	}
	return false
}

func entryKey(s string) string {
	return format.PartKey(format.StripLabel(format.Fold(s)))
}

// tableTitle returns the table a line titles in any known format, or nil.
func (d *docReader) tableTitle(i int) *format.Table {
	l := d.lines[i]
	if utf8.RuneCountInString(l.compact) > 60 || sentenceEnd.MatchString(l.compact) {
		return nil
	}
	for _, f := range d.set.All() {
		if t := f.MatchTable(titleText(l)); t != nil {
			return t
		}
	}
	return nil
}

// titleText is a line as a table's title: a unit or entity printed on the same line
// (预算01表 收支总表 … 金额单位：万元) is left out.
func titleText(l *tline) string {
	var parts []string
	for _, w := range l.words {
		c := format.Fold(w.text)
		if unitRe.MatchString(c) || entityRe.MatchString(c) {
			continue
		}
		parts = append(parts, w.text)
	}
	return strings.Join(parts, "")
}

// recognise finds the format the document follows: the description whose tables
// and marks it shows the most of, among those for its year and kind. The generic
// description is taken only when no jurisdiction's fits and the document shows the
// family's tables.
func (d *docReader) recognise(doc *disclosure.Document, body []*tline) (*format.Format, int) {
	var texts []string
	for _, l := range d.lines {
		texts = append(texts, format.Fold(l.compact))
	}
	var best *format.Format
	bestScore := 0
	for _, f := range d.set.All() {
		if f.Generic || !f.Publishes(doc.Kind) {
			continue
		}
		marks, ok := f.Marks(texts)
		if !ok || marks < max(f.Recognise.MinMarks, 1) {
			continue
		}
		tables := d.tablesFound(f, body)
		parts := d.partsFound(f, body)
		if tables < 2 && parts < 2 {
			continue
		}
		// What the document prints decides; its year only breaks ties between a
		// jurisdiction's formats of different years.
		score := 3*tables + marks + 2*parts
		if f.Covers(doc.Year) {
			score += 2
		}
		if score > bestScore {
			best, bestScore = f, score
		}
	}
	if best != nil {
		return best, bestScore
	}
	g := format.GenericFor(doc.Kind)
	if d.tablesFound(g, body) >= 3 {
		return g, 0
	}
	return nil, 0
}

// tablesFound counts the distinct tables of f that the body titles.
func (d *docReader) tablesFound(f *format.Format, body []*tline) int {
	seen := map[disclosure.TableKind]bool{}
	for _, l := range body {
		if utf8.RuneCountInString(l.compact) > 60 || sentenceEnd.MatchString(l.compact) {
			continue
		}
		if t := f.MatchTable(titleText(l)); t != nil {
			seen[t.Kind] = true
		}
	}
	return len(seen)
}

// partsFound counts the distinct parts of f whose headings the body prints.
func (d *docReader) partsFound(f *format.Format, body []*tline) int {
	seen := map[string]bool{}
	for _, l := range body {
		if p := d.partHeading(f, l); p != nil && p.part != nil {
			seen[p.part.Title] = true
		}
	}
	return len(seen)
}

// heading is a part heading as read: its number and title, and the format's part
// it is, if any.
type heading struct {
	number int
	title  string
	part   *format.Part
	// continued marks the text of a part that goes on after a table set in it.
	continued bool
}

// partHeading reads a line as a part heading of f: 第一部分 …, or a heading that
// names one of f's parts.
func (d *docReader) partHeading(f *format.Format, l *tline) *heading {
	c := l.compact
	if utf8.RuneCountInString(c) > 40 || sentenceEnd.MatchString(c) || strings.ContainsAny(c, "，：") {
		return nil
	}
	if m := partHeadRe.FindStringSubmatch(c); m != nil {
		h := &heading{number: chineseNumber(m[1]), title: m[2]}
		h.part = f.MatchPart(m[2])
		return h
	}
	if p := f.MatchPart(c); p != nil && !f.Generic {
		// A plain heading must be the part's name, perhaps after the department's.
		return &heading{title: strings.TrimLeft(ordinalPrefix.ReplaceAllString(c, ""), " "), part: p}
	}
	return nil
}

var ordinalPrefix = regexp.MustCompile(`^[一二三四五六七八九十]+、`)

// chineseNumber reads 一 … 九十九.
func chineseNumber(s string) int {
	digits := map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	n, cur := 0, 0
	for _, r := range s {
		if r == '十' {
			if cur == 0 {
				cur = 1
			}
			n += cur * 10
			cur = 0
			continue
		}
		cur = digits[r]
	}
	return n + cur
}

// unrecognised says that the format could not be recognised and what was.
func (d *docReader) unrecognised(doc *disclosure.Document, body []*tline) error {
	var found []string
	seen := map[string]bool{}
	g := format.GenericFor(doc.Kind)
	for _, l := range body {
		if t := g.MatchTable(titleText(l)); t != nil && !seen[t.Title] {
			seen[t.Title] = true
			found = append(found, t.Title)
		}
	}
	title := doc.Title
	if title == "" {
		title = "（无）"
	}
	tables := "无"
	if len(found) > 0 {
		tables = strings.Join(found, "、")
	}
	return &UnrecognisedError{File: d.file, Title: title, Tables: tables, Kind: doc.Kind}
}

// UnrecognisedError is a document whose format none of the descriptions fits.
type UnrecognisedError struct {
	File, Title, Tables string
	// Kind is the kind of document the title names, if any.
	Kind string
}

func (e *UnrecognisedError) Error() string {
	// A file that is not a disclosure can have any line for a title: quote
	// enough of it to recognise.
	title := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, e.Title)
	if r := []rune(title); len(r) > maxQuotedTitle {
		title = string(r[:maxQuotedTitle]) + "…"
	}
	if format.IsFinal(e.Kind) {
		return fmt.Sprintf("文件 %s 无法识别的格式：标题为“%s”，识别出的表格：%s。它不像已知地区的部门决算公开文件，也没有足够多的全国通用决算表格（收入支出决算总表、收入决算表、支出决算表等）可按通用格式读取", e.File, title, e.Tables)
	}
	return fmt.Sprintf("文件 %s 无法识别的格式：标题为“%s”，识别出的表格：%s。它不像已知地区的部门预算公开文件，也没有足够多的全国通用表格（收支总表、收入总表、支出总表等）可按通用格式读取", e.File, title, e.Tables)
}

// maxQuotedTitle bounds the title an UnrecognisedError quotes, in characters.
const maxQuotedTitle = 60
