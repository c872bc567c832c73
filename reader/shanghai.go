package reader

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/profile/shanghai"
)

var (
	// A table's title: 2026年部门收入预算总表, 2026年预算单位收入预算总表, or the unit's
	// 2026年单位“三公”经费和机关运行经费预算表.
	layoutTableTitleRe = regexp.MustCompile(`^(20\d\d)年(部门|预算单位|单位)(.+)$`)
	// Part headings are centred lines that end like one of the template's parts.
	shanghaiPartRe = regexp.MustCompile(`(主要职能|机构设置|名词解释|编制说明|情况说明|绩效目标|绩效目标填报表)$`)
	ordinalRe      = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|[0-9]+[.．、]|（[一二三四五六七八九十]+）)`)
	classCodeRe    = regexp.MustCompile(`^[0-9]{3}$`)
	// A 款 or 项 code may be printed without its leading zero (`301 2`).
	subCodeRe = regexp.MustCompile(`^[0-9]{1,2}$`)
)

// readShanghai reads a Shanghai 部门预算 or 单位预算: its 目录, the narrative parts
// under their centred headings and the nine tables laid onto the profile's shells.
func readShanghai(name string, lines []lline, title, kind string, year, from int) (*disclosure.Document, error) {
	doc := &disclosure.Document{Profile: "shanghai", Kind: kind, Year: year, Title: title, Unit: money.UnitWan}
	shells := shanghai.Shells(year, kind == "部门预算")
	// Layout text shows no cells, only words, which tell 表1's layouts apart (人员经费
	// or not). The other tables' layouts differ in their header's wording, which does
	// not change how their rows are read.
	summaryLayouts := shanghaiLayouts(year, kind == "部门预算", shells)[shells[0]]
	n := &narrator{doc: doc}
	inContents := false
	var pending []*laidTable
	for i := from; i < len(lines); i++ {
		l := &lines[i]
		c := l.compact
		if c == "" {
			continue
		}
		if shell := shanghaiShell(shells, c); shell != nil {
			end := i + 1
			for end < len(lines) && !isShanghaiPart(lines, end) {
				if next := shanghaiShell(shells, lines[end].compact); next != nil && (next != shell || !topOfPage(lines, end)) {
					break
				}
				end++
			}
			n.flush()
			if len(doc.Tables) == 0 {
				// The tables make up the part that the 目录 calls 部门预算表; it has
				// no heading of its own.
				n.part(tablesPartTitle(doc.Contents, kind))
			}
			p, err := readShanghaiTable(name, shell, lines[i:end])
			if err != nil {
				return nil, err
			}
			if shell == shells[0] {
				if err := p.chooseLayout(name, summaryLayouts); err != nil {
					return nil, err
				}
			}
			pending = append(pending, p)
			doc.Tables = append(doc.Tables, p.t)
			i = end - 1
			continue
		}
		switch {
		case strings.HasPrefix(c, "预算主管部门") || strings.HasPrefix(c, "主管部门："):
			if _, v, ok := strings.Cut(fold(c), "："); ok && doc.Department == "" {
				doc.Department = v
			}
		case isContentsHeading(c):
			inContents = true
		case isShanghaiPart(lines, i):
			inContents = false
			n.flush()
			n.part(c)
		case inContents:
			doc.Contents = append(doc.Contents, strings.TrimSpace(l.text))
		default:
			n.line(l)
		}
	}
	n.flush()
	m := chooseMeasure(pending)
	for _, p := range pending {
		if err := p.lay(name, m); err != nil {
			return nil, err
		}
	}
	for _, t := range doc.Tables {
		if t.Entity != "" {
			doc.Subject = t.Entity
			break
		}
	}
	if doc.Subject == "" {
		doc.Subject = doc.Department
	}
	if doc.Department == "" {
		doc.Department = doc.Subject
	}
	if len(doc.Tables) == 0 {
		return nil, fmt.Errorf("文件 %s 中没有找到上海格式的预算表（如“%d年部门财务收支预算总表”）", name, year)
	}
	return doc, nil
}

// shanghaiLayouts returns the layouts that each of shells, the profile's tables for a
// document, may be printed in, its own first. A document of one kind may keep to the other kind's
// template: a table may carry either template's header, and 表1 either template's
// columns.
func shanghaiLayouts(year int, dept bool, shells []*disclosure.Table) map[*disclosure.Table][]*disclosure.Table {
	out := map[*disclosure.Table][]*disclosure.Table{}
	for i, other := range shanghai.Shells(year, !dept) {
		out[shells[i]] = []*disclosure.Table{shells[i], other}
	}
	four, seven := shanghai.SummaryShells(year, dept)
	if len(shells[0].Columns) == len(four.Columns) {
		out[shells[0]] = []*disclosure.Table{four, seven}
	} else {
		out[shells[0]] = []*disclosure.Table{seven, four}
	}
	return out
}

// tablesPartTitle is the 目录's name for the part that holds the tables.
func tablesPartTitle(contents []string, kind string) string {
	for _, c := range contents {
		if t := ordinalRe.ReplaceAllString(fold(c), ""); strings.HasSuffix(t, "预算表") && !strings.Contains(t, "20") {
			return t
		}
	}
	return strings.TrimSuffix(kind, "预算") + "预算表"
}

// shanghaiShell returns the shell whose title the line is, or nil.
func shanghaiShell(shells []*disclosure.Table, compact string) *disclosure.Table {
	m := layoutTableTitleRe.FindStringSubmatch(fold(compact))
	if m == nil {
		return nil
	}
	for i, t := range shanghai.Tables {
		if fold(t.Title) == m[3] && i < len(shells) {
			return shells[i]
		}
	}
	return nil
}

// topOfPage says whether lines[i] is the first line with text on its page. A table's
// title there, under the same title on an earlier page, repeats it over the rows the
// table continues with.
func topOfPage(lines []lline, i int) bool {
	for j := i - 1; j >= 0 && lines[j].page == lines[i].page; j-- {
		if lines[j].compact != "" {
			return false
		}
	}
	return true
}

// widestOnPage says whether no line on lines[i]'s page reaches further right.
func widestOnPage(lines []lline, i int) bool {
	end := func(l *lline) int { return l.words[len(l.words)-1].end[wide] }
	for j := i - 1; j >= 0 && lines[j].page == lines[i].page; j-- {
		if len(lines[j].words) > 0 && end(&lines[j]) > end(&lines[i]) {
			return false
		}
	}
	for j := i + 1; j < len(lines) && lines[j].page == lines[i].page; j++ {
		if len(lines[j].words) > 0 && end(&lines[j]) > end(&lines[i]) {
			return false
		}
	}
	return true
}

// isShanghaiPart tells a part's centred heading, lines[i], from the text around it.
// Layout text starts at a page's leftmost character, so a heading over a part with
// little or no text is hardly indented; it is then the page's widest line. A long
// heading (a unit's full name before 机构设置) in a larger font is hardly indented
// either; where a part starts a page, as in yusuan's PDFs, that is enough to tell it.
func isShanghaiPart(lines []lline, i int) bool {
	l := &lines[i]
	c := l.compact
	if c == "" || len(l.words) == 0 {
		return false
	}
	placed := l.indent >= 8 || widestOnPage(lines, i) || l.indent >= 4 && firstOnPage(lines, i)
	return placed && utf8.RuneCountInString(c) <= 40 && !strings.ContainsAny(c, "。，；：:") &&
		!ordinalRe.MatchString(c) && shanghaiPartRe.MatchString(c)
}

// firstOnPage says whether no text stands above lines[i] on its page.
func firstOnPage(lines []lline, i int) bool {
	for j := i - 1; j >= 0 && lines[j].page == lines[i].page; j-- {
		if len(lines[j].words) > 0 {
			return false
		}
	}
	return true
}

// narrator gathers a part's lines into headings, paragraphs, list items and notes.
type narrator struct {
	doc   *disclosure.Document
	para  []string
	start disclosure.Pos
	// For Shenzhen text: where the open paragraph's last line ends, and where
	// the longest line ends, to tell a full line from one that ends a paragraph.
	lastEnd, right int
}

func (n *narrator) part(title string) {
	n.doc.Parts = append(n.doc.Parts, disclosure.Part{Number: len(n.doc.Parts) + 1, Title: title})
}

func (n *narrator) add(b disclosure.Block) {
	p := &n.doc.Parts[len(n.doc.Parts)-1]
	p.Blocks = append(p.Blocks, b)
}

func (n *narrator) flush() {
	if len(n.para) == 0 || len(n.doc.Parts) == 0 {
		n.para = nil
		return
	}
	text := strings.Join(n.para, "")
	kind := disclosure.Paragraph
	switch {
	case listItemRe.MatchString(text):
		kind = disclosure.ListItem
	case strings.HasPrefix(text, "备注") || strings.HasPrefix(text, "注：") || strings.HasPrefix(text, "注:"):
		kind = disclosure.Note
	}
	n.add(disclosure.Block{Kind: kind, Text: text, Pos: n.start})
	n.para = nil
}

// line adds a line of running text: a paragraph starts at an indented or numbered
// line, and lines that wrap are joined to it.
func (n *narrator) line(l *lline) {
	if len(n.doc.Parts) == 0 {
		return
	}
	text := strings.TrimSpace(l.text)
	c := l.compact
	if headingRe.MatchString(c) && !strings.ContainsAny(c, "。") && utf8.RuneCountInString(c) < 40 && !strings.ContainsAny(c, "，；") {
		n.flush()
		n.add(disclosure.Block{Kind: disclosure.Heading, Text: text, Pos: disclosure.Pos{Page: l.page, Line: l.no}})
		return
	}
	if len(n.para) > 0 && (l.indent >= 2 || ordinalRe.MatchString(c)) {
		n.flush()
	}
	if len(n.para) == 0 {
		n.start = disclosure.Pos{Page: l.page, Line: l.no}
	}
	n.para = append(n.para, text)
	if strings.HasSuffix(c, "。") || strings.HasSuffix(c, "：") || strings.HasSuffix(c, "；") {
		n.flush()
	}
}

// rawRow is the lines that make up one table row: the line with its numbers and
// the lines a wrapped name continues on.
type rawRow struct {
	lines []*lline
}

func (r *rawRow) hasNumber() bool {
	for _, l := range r.lines {
		if l.hasNumber() {
			return true
		}
	}
	return false
}

// owed is how many lines of its name a row still lacks under its numbers: a name
// that wraps is centred on the row's numbers, as many of its lines below them as
// above.
func (r *rawRow) owed() int {
	for i, l := range r.lines {
		if l.hasNumber() {
			return max(0, i-(len(r.lines)-1-i))
		}
	}
	return 0
}

func (r *rawRow) page() int {
	for _, l := range r.lines {
		if l.hasNumber() {
			return l.page
		}
	}
	return r.lines[0].page
}

// laidTable is a table whose rows have been gathered from the lines but not yet
// laid onto its columns.
type laidTable struct {
	t       *disclosure.Table
	rows    []*rawRow
	headers map[int][]*lline // the header lines printed on each page
	first   []*lline         // the header of the table's first page
}

// readShanghaiTable gathers one table from its title line to the line before the
// next table or part: the 编制部门 and unit line, the header (repeated on every page
// it continues on), the rows and the notes. A name too long for its cell wraps onto
// lines above and below the line with the row's numbers.
func readShanghaiTable(name string, shell *disclosure.Table, lines []lline) (*laidTable, error) {
	t := *shell
	t.Pos = disclosure.Pos{Page: lines[0].page, Line: lines[0].no}
	p := &laidTable{t: &t, headers: map[int][]*lline{}}
	hasCodes := false
	for _, c := range t.Columns {
		hasCodes = hasCodes || c.Kind == disclosure.CodeCol
	}
	summary := t.Kind == disclosure.SummaryTable || t.Kind == disclosure.FiscalSummaryTable
	dataOnPage := map[int]bool{}
	var loose []*lline // name pieces not yet known to belong to the row above or below
	isLoose := func(l *lline) bool {
		c := fold(l.compact)
		return c != "" && !l.hasNumber() && !(hasCodes && leadingCode(l)) && !isTotal(c, summary) &&
			!(summary && ordinalRe.MatchString(c)) && utf8.RuneCountInString(c) <= 20
	}
	// settle gives the loose lines to the row above, but for the last want of them,
	// which go to the row below when the row above does not owe them.
	settle := func(below *rawRow, want int) {
		if len(loose) == 0 {
			return
		}
		n := len(loose)
		if below != nil {
			n = 0
			if len(p.rows) > 0 {
				if above := p.rows[len(p.rows)-1]; above.page() == loose[0].page {
					n = min(len(loose), max(above.owed(), len(loose)-want))
				}
			}
			below.lines = append(slices.Clone(loose[n:]), below.lines...)
		}
		if n > 0 {
			above := p.rows[len(p.rows)-1]
			above.lines = append(above.lines, loose[:n]...)
		}
		loose = nil
	}
	for i := 1; i < len(lines); i++ {
		l := &lines[i]
		c := fold(l.compact)
		if c == "" {
			continue
		}
		if l.compact == lines[0].compact {
			continue // the title repeated over a page the table continues on
		}
		if strings.HasPrefix(c, "编制部门") || strings.HasPrefix(c, "编制单位") || strings.HasPrefix(c, "单位：") {
			readEntityLine(&t, l)
			continue
		}
		if strings.HasPrefix(c, "注：") || strings.HasPrefix(c, "备注：") {
			t.Notes = append(t.Notes, strings.TrimSpace(l.text))
			continue
		}
		lead := hasCodes && leadingCode(l)
		if !l.hasNumber() && !lead && !isTotal(c, summary) {
			switch {
			case summary && ordinalRe.MatchString(c):
				// A summary's rows are named before any has an amount.
				settle(nil, 0)
				p.rows = append(p.rows, &rawRow{lines: []*lline{l}})
			case !dataOnPage[l.page] && !p.namePiece(l, isLoose):
				p.headers[l.page] = append(p.headers[l.page], l)
				if p.first == nil || p.first[0].page == l.page {
					p.first = p.headers[l.page]
				}
			case isLoose(l) && len(p.rows) > 0 && (p.rows[len(p.rows)-1].lines[0].page == l.page || !dataOnPage[l.page]):
				loose = append(loose, l)
			default:
				return nil, fmt.Errorf("文件 %s 第 %d 页第 %d 行：表%d“%s”中的“%s”既不是表头也不是数据行", name, l.page, l.no, t.Number, t.Title, strings.TrimSpace(l.text))
			}
			continue
		}
		dataOnPage[l.page] = true
		var prev *rawRow
		if len(p.rows) > 0 {
			prev = p.rows[len(p.rows)-1]
		}
		if !lead && !hasText(l) && len(loose) == 0 && prev != nil && !prev.hasNumber() {
			prev.lines = append(prev.lines, l) // the numbers of a name printed above them
			continue
		}
		row := &rawRow{lines: []*lline{l}}
		want := len(loose)
		if hasText(l) {
			want = centredOn(l, loose, lines[i+1:], isLoose)
		}
		settle(row, want)
		p.rows = append(p.rows, row)
	}
	settle(nil, 0)
	return p, nil
}

// chooseLayout lays the table onto the layout whose header its first page prints,
// before its rows are laid onto columns. The layouts of a table differ in their
// columns and header only.
func (p *laidTable) chooseLayout(name string, layouts []*disclosure.Table) error {
	var b strings.Builder
	for _, l := range p.first {
		b.WriteString(fold(l.compact))
	}
	printed := b.String()
	for _, l := range layouts {
		if printsHeaderText(printed, l, layouts) {
			p.t.Columns, p.t.Header, p.t.Wide = l.Columns, l.Header, l.Wide
			return nil
		}
	}
	where := p.t.Pos
	if len(p.first) > 0 {
		where = disclosure.Pos{Page: p.first[0].page, Line: p.first[0].no}
	}
	return fmt.Errorf("文件 %s 第 %d 页第 %d 行：表%d“%s”的表头与已知的格式都不符：应为 %s，印的却是“%s”",
		name, where.Page, where.Line, p.t.Number, p.t.Title, describeLayouts(layouts), clip(printed))
}

// printsHeaderText says whether a header's text, its lines run together, is l's: it
// holds every word of l's header and no word that another of the layouts has and l
// lacks (人员经费 under 本年支出 where l does not split spending). Layout text does not
// say which words are one cell, so words are looked for within the text.
func printsHeaderText(printed string, l *disclosure.Table, layouts []*disclosure.Table) bool {
	printed = headerText(printed)
	own := headerTexts(l)
	for w := range own {
		if !strings.Contains(printed, w) {
			return false
		}
	}
	for _, o := range layouts {
		for w := range headerTexts(o) {
			if !own[w] && strings.Contains(printed, w) {
				return false
			}
		}
	}
	return true
}

// isTotal tells a total row, which is one even without numbers (an empty table's).
func isTotal(c string, summary bool) bool {
	return c == "合计" || c == "总计" || summary && strings.HasPrefix(c, "收入总计")
}

// centredOn returns how many of the loose lines above l, whose numbers share a line
// with their name's text, begin l's name: as many as continue it below (loose lines
// after it), when its name is centred on its numbers. A name's lines but the last
// fill its cell, so the lines taken are no narrower than l's text; the tail of the
// name above may be of any width.
func centredOn(l *lline, loose []*lline, after []lline, isLoose func(*lline) bool) int {
	below := 0
	for i := range after {
		if after[i].compact == "" {
			continue
		}
		if after[i].page != l.page || !isLoose(&after[i]) {
			break
		}
		below++
	}
	n := min(below, len(loose))
	width := nameWidth(l)
	for _, x := range loose[len(loose)-n:] {
		if nameWidth(x) < width-2 {
			return 0
		}
	}
	return n
}

// nameWidth is how many columns a line's text (not its numbers) takes, wide measure.
func nameWidth(l *lline) int {
	w := 0
	for _, t := range l.toks {
		if !t.number {
			w += t.end[wide] - t.start[wide]
		}
	}
	return w
}

// namePiece says whether a line above the first numbers of a page the table continues
// on begins the name of the page's first row: it is no line of the header repeated
// from the table's first page.
func (p *laidTable) namePiece(l *lline, isLoose func(*lline) bool) bool {
	if len(p.rows) == 0 || p.first == nil || p.first[0].page == l.page || !isLoose(l) {
		return false
	}
	for _, h := range p.first {
		if h.compact == l.compact {
			return false
		}
	}
	return true
}

// leadingCode says whether a line starts with a 类 code at the left edge of the
// table, where codes are printed (an amount of three digits sits far to the right).
func leadingCode(l *lline) bool {
	return len(l.toks) > 1 && classCodeRe.MatchString(l.toks[0].text) && l.toks[0].start[narrow] < 8
}

func hasText(l *lline) bool {
	for _, t := range l.toks {
		if !t.number {
			return true
		}
	}
	return false
}

// readEntityLine reads 编制部门：…  单位：元.
func readEntityLine(t *disclosure.Table, l *lline) {
	for _, tok := range l.toks {
		w := fold(tok.text)
		label, value, ok := strings.Cut(w, "：")
		if !ok {
			continue
		}
		switch {
		case label == "单位" || label == "金额单位":
			if strings.Contains(value, "万元") {
				t.Unit = money.UnitWan
			} else if strings.Contains(value, "元") {
				t.Unit = money.UnitYuan
			}
		case strings.HasPrefix(label, "编制"):
			t.EntityLabel, t.Entity = label, value
		}
	}
}

func (p *laidTable) columns() (amountCols, textCols, codeCols []int) {
	for i, c := range p.t.Columns {
		switch c.Kind {
		case disclosure.AmountCol:
			amountCols = append(amountCols, i)
		case disclosure.TextCol:
			textCols = append(textCols, i)
		case disclosure.CodeCol:
			codeCols = append(codeCols, i)
		}
	}
	return
}

// pages calls f with the rows of each page the table is printed on.
func (p *laidTable) pages(f func(page int, rows []*rawRow) error) error {
	for start := 0; start < len(p.rows); {
		page := p.rows[start].page()
		end := start
		for end < len(p.rows) && p.rows[end].page() == page {
			end++
		}
		if err := f(page, p.rows[start:end]); err != nil {
			return err
		}
		start = end
	}
	return nil
}

// ends returns where each row's numbers end, in measure m.
func (p *laidTable) ends(rows []*rawRow, m int) [][]float64 {
	_, _, codeCols := p.columns()
	out := make([][]float64, len(rows))
	for i, r := range rows {
		_, nums := splitRow(r, len(codeCols) > 0)
		for _, tok := range nums {
			out[i] = append(out[i], float64(tok.end[m]))
		}
	}
	return out
}

// chooseMeasure tells how the document counts columns: in the right measure the
// numbers of one column end at the same place on every row of a page.
func chooseMeasure(tables []*laidTable) int {
	var full, guessed [measures]float64
	for m := range measures {
		for _, p := range tables {
			amountCols, _, _ := p.columns()
			p.pages(func(page int, rows []*rawRow) error {
				ends := p.ends(rows, m)
				if _, c := fitColumns(ends, len(amountCols), nil); !math.IsInf(c, 1) {
					full[m] += c
				} else if h := p.headers[page]; h != nil {
					if _, c := fitColumns(ends, len(amountCols), headerAnchors(p.t, h, m)); !math.IsInf(c, 1) {
						guessed[m] += c
					}
				}
				return nil
			})
		}
	}
	switch {
	case full[narrow] < full[wide]:
		return narrow
	case full[narrow] == full[wide] && guessed[narrow] < guessed[wide]:
		return narrow
	}
	return wide
}

// lay finds each page's amount columns in measure m and turns the rows into cells.
func (p *laidTable) lay(name string, m int) error {
	t := p.t
	amountCols, textCols, codeCols := p.columns()
	var prev []float64
	err := p.pages(func(page int, rows []*rawRow) error {
		guess := prev
		if h := p.headers[page]; h != nil || prev == nil {
			if h == nil {
				h = p.first
			}
			guess = headerAnchors(t, h, m)
		}
		anchors, cost := fitColumns(p.ends(rows, m), len(amountCols), guess)
		if math.IsInf(cost, 1) {
			for _, r := range rows {
				if _, nums := splitRow(r, len(codeCols) > 0); len(nums) > len(amountCols) {
					l := r.lines[0]
					return fmt.Errorf("文件 %s 第 %d 页第 %d 行：表%d“%s”只有 %d 个金额列，这一行却有 %d 个数字", name, l.page, l.no, t.Number, t.Title, len(amountCols), len(nums))
				}
			}
			return fmt.Errorf("文件 %s 第 %d 页：无法确定表%d“%s”各金额所在的列（应有表头“%s”）", name, page, t.Number, t.Title, strings.Join(leafLabels(t), " "))
		}
		prev = anchors
		for _, r := range rows {
			row, err := buildRow(name, t, r, m, anchors, amountCols, textCols, codeCols)
			if err != nil {
				return err
			}
			t.Rows = append(t.Rows, row)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(t.Rows) == 0 && len(textCols) == 0 && len(codeCols) == 0 {
		// A table of amounts alone (表9) is one row, which shows nothing when every
		// amount is zero.
		t.Rows = []disclosure.Row{{Cells: make([]disclosure.Cell, len(t.Columns)), Pos: t.Pos}}
	}
	t.Empty = true
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if c.Amount != nil {
				t.Empty = false
			}
		}
	}
	return nil
}

// splitRow separates a row's leading classification codes from its numbers.
func splitRow(r *rawRow, hasCodes bool) (codes, nums []token) {
	for _, l := range r.lines {
		seenText := false
		for _, tok := range l.toks {
			switch {
			case !tok.number:
				seenText = true
			case hasCodes && !seenText && leadingCode(l) && len(nums) == 0 &&
				(len(codes) == 0 && classCodeRe.MatchString(tok.text) || len(codes) > 0 && len(codes) < 3 && subCodeRe.MatchString(tok.text)):
				codes = append(codes, tok)
			default:
				nums = append(nums, tok)
			}
		}
	}
	return codes, nums
}

// buildRow lays a row's codes, texts and numbers onto the table's columns: numbers
// by where they end (measure m, column ends anchors), texts of a two-sided table by
// which side they start on.
func buildRow(name string, t *disclosure.Table, r *rawRow, m int, anchors []float64, amountCols, textCols, codeCols []int) (disclosure.Row, error) {
	first := r.lines[0]
	for _, l := range r.lines {
		if l.hasNumber() {
			first = l // a row is where its numbers are
			break
		}
	}
	row := disclosure.Row{Cells: make([]disclosure.Cell, len(t.Columns)), Pos: disclosure.Pos{Page: first.page, Line: first.no}}
	codes, nums := splitRow(r, len(codeCols) > 0)
	var code strings.Builder
	for i, c := range codes {
		if i < len(codeCols) {
			row.Cells[codeCols[i]] = disclosure.T(c.text)
			part := c.text
			if i > 0 && len(part) == 1 {
				part = "0" + part
			}
			code.WriteString(part)
		}
	}
	if len(codes) > 0 && len(codes) <= len(codeCols) {
		row.Code = code.String()
	}
	texts := make([]string, len(t.Columns))
	for _, l := range r.lines {
		for i, tok := range l.toks {
			if tok.number || len(textCols) == 0 {
				continue
			}
			// A text right after the left side's, with no amount between, is the
			// right side's: where no amount is printed, the header's guess at the
			// columns is all there is to go by, and that is too rough.
			col := textCols[0]
			if len(textCols) > 1 && (len(anchors) > 0 && float64(tok.start[m]) >= anchors[0]-1 || i > 0 && !l.toks[i-1].number) {
				col = textCols[1]
			}
			texts[col] += tok.text
		}
	}
	for _, c := range textCols {
		row.Cells[c] = disclosure.T(texts[c])
	}
	ends := make([]float64, len(nums))
	for i, tok := range nums {
		ends[i] = float64(tok.end[m])
	}
	cols, _, ok := assign(ends, anchors)
	if !ok {
		return row, fmt.Errorf("文件 %s 第 %d 页第 %d 行：表%d“%s”只有 %d 个金额列，这一行却有 %d 个数字", name, first.page, first.no, t.Number, t.Title, len(anchors), len(nums))
	}
	for i, tok := range nums {
		a, err := money.Parse(tok.text, t.Unit)
		if err != nil {
			return row, fmt.Errorf("文件 %s 第 %d 页第 %d 行：表%d“%s”的“%s”不是有效金额（%v）", name, first.page, first.no, t.Number, t.Title, tok.text, err)
		}
		row.Cells[amountCols[cols[i]]] = disclosure.A(a)
	}
	for _, c := range textCols {
		switch fold(texts[c]) {
		case "合计", "总计", "收入总计", "支出总计":
			row.Kind = disclosure.TotalRow
		}
	}
	return row, nil
}
