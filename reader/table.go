package reader

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"yusuan/disclosure"
	"yusuan/format"
	"yusuan/money"
)

// tableReader reads the lines of one table, page by page, into a disclosure.Table.
type tableReader struct {
	file string
	spec *format.Table
	year int
	doc  string // the document's kind: a header means other things in a 决算
	t    *disclosure.Table
	cols []*column
	// rows as read: one raw row per table row, cells as printed text
	rows []*rawRow
	// notes are the lines under the table
	notes []string
	title string
	em    float64
	// formPages are the pages of a form read from positioned text.
	formPages []*formPage
	// top says the table's cells are set at their top, not centred.
	top bool
	// headerText is the text of the header's lines as first printed.
	headerText string
	// rights are the right edges of the numbers placed in each column, by which a
	// page that goes on without a header is registered.
	rights map[int][]float64
}

// rawRow is a table row before its cells become amounts: the text printed in each
// column, and the line it was read from.
type rawRow struct {
	cells []string
	pos   disclosure.Pos
	y     float64
	// surplus are the cells of a line beyond the table's columns: tab-separated
	// cells past the header's, numbers set right of the last column (splitBeyond).
	surplus []string
}

var (
	entityRe = regexp.MustCompile(`^(部门名称|单位名称|编制部门|编制单位|预算单位|部门|单位|主管部门|预算主管部门)[：:](.*)$`)
	unitRe   = regexp.MustCompile(`^(?:金额)?单位[：:]\s*(万元|元)$`)
	periodRe = regexp.MustCompile(`^(?:19|20)[0-9]{2}\s*年度?$`)
	// noteRe begins a note under a table, one that lost its 注 too (：“科目编码”…).
	noteRe   = regexp.MustCompile(`^(注[：:0-9一二三１-９]|注$|备注|说明[：:]|（注|\(注|本表|本套报表|数据来源|[：:]\S)`)
	colNumRe = regexp.MustCompile(`^(\*\*|栏次|甲|乙|丙|丁|[0-9]{1,2})$`)
	totalRe  = regexp.MustCompile(`^(合计|总计|小计|收入总计|支出总计|本年收入合计|本年支出合计|收入合计|支出合计|当年收入小计|当年支出小计|本年收入|本年支出)$`)
	// itemRe is an item's number at the start of a row label (一、 1. （一）).
	itemRe     = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[0-9]+[.．、]\D)`)
	rowStartRe = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[0-9]+[.．、]|\[[0-9]{3,7}\]|[0-9]{3,7}(?:[-—－]|\s|$)|合计|总计|其中)`)
)

// metaLine reads a line above a table's header: its label, title, entity, unit or
// period. It reports false for any other line.
func (r *tableReader) metaLine(l *tline) bool {
	c := format.Fold(l.compact)
	if c == "" {
		return true
	}
	if format.StripLabel(c) == "" {
		return true // 表1, 部门公开表 4
	}
	if r.spec != nil && r.title != "" && format.TitleKey(c) == format.TitleKey(r.title) {
		return true
	}
	if periodRe.MatchString(c) {
		if r.t.Period == "" {
			r.t.Period = strings.TrimSpace(l.text)
		}
		return true
	}
	matched := false
	for _, w := range l.words {
		wc := format.Fold(w.text)
		if m := unitRe.FindStringSubmatch(wc); m != nil {
			r.t.Unit = money.Unit(m[1])
			matched = true
			continue
		}
		if m := entityRe.FindStringSubmatch(wc); m != nil {
			if r.t.Entity == "" && m[2] != "" {
				r.t.EntityLabel, r.t.Entity = m[1], m[2]
			}
			matched = true
			continue
		}
		if periodRe.MatchString(wc) {
			matched = true
			continue
		}
		if k := format.TitleKey(wc); matched || r.title != "" && k != "" && (k == format.TitleKey(r.title) || strings.HasSuffix(k, "表") && strings.Contains(format.TitleKey(r.title), k)) {
			continue
		}
		return false
	}
	if m := unitRe.FindStringSubmatch(c); m != nil {
		r.t.Unit = money.Unit(m[1])
		return true
	}
	return matched
}

// isBody reports whether a line starts the table's body: it prints an amount, a
// code at its start, or a total's label.
func isBody(l *tline) bool {
	if colNumberLine(l) {
		return false
	}
	for i, w := range l.words {
		if w.num && !strings.HasSuffix(w.text, "%") {
			if yearWordRe.MatchString(w.text) && i+1 < len(l.words) && strings.HasPrefix(l.words[i+1].text, "年") {
				continue
			}
			return true
		}
		if codePrefixRe.MatchString(w.text) && i == 0 {
			return true
		}
	}
	return totalRe.MatchString(format.Fold(l.compact))
}

// colNumberLine reports whether a line only numbers the columns (** 1 2 3…, 栏次).
func colNumberLine(l *tline) bool {
	if len(l.words) < 2 {
		return false
	}
	n, marks := 0, 0
	for i, w := range l.words {
		// 栏次 spaced out over its cell (栏     次).
		if w.text == "栏" && i+1 < len(l.words) && l.words[i+1].text == "次" || w.text == "次" && i > 0 && l.words[i-1].text == "栏" {
			continue
		}
		if !colNumRe.MatchString(w.text) {
			return false
		}
		if w.num {
			n++
		}
		if strings.Trim(w.text, "*") == "" {
			marks++
		}
	}
	// 1 2 3 …, or ** 1 in a table of one amount column.
	return n >= 2 || n == 1 && marks > 0
}

// yearWordRe is a year printed apart from its 年 (2026 年).
var yearWordRe = regexp.MustCompile(`^(?:19|20)[0-9]{2}$`)

var codePrefixRe = regexp.MustCompile(`^(?:\[[0-9]{3,7}\]|[0-9]{3}(?:[0-9]{2}){0,2}(?:[-—－].*)?)$`)

// readPage reads the table's lines on one page: the meta lines, a header if the page
// prints one, the body and the notes.
func (r *tableReader) readPage(lines []*tline, pg *tpage) {
	r.em = pg.em
	i := 0
	for i < len(lines) && r.metaLine(lines[i]) {
		i++
	}
	// Notes run from the first line that starts one to the end.
	end := len(lines)
	for k := i; k < len(lines); k++ {
		if noteRe.MatchString(format.Fold(lines[k].compact)) {
			end = k
			break
		}
	}
	for _, l := range lines[end:] {
		r.note(strings.TrimSpace(l.text))
	}
	lines = lines[i:end]
	if r.spec != nil && r.spec.Layout == "form" {
		r.readForm(lines, pg)
		return
	}
	if gridLayout(r.spec) && !pg.grid {
		r.keepIndicatorPage(lines, pg)
		return
	}
	// The body starts at the first line with amounts or a code; a table without
	// any starts at its total's label.
	b := 0
	for b < len(lines) && !r.anchors(lines[b]) {
		b++
	}
	if b == len(lines) {
		// No amounts at all: the body starts at its first numbered item (一、…)
		// or its total.
		b = 0
		for b < len(lines) && !(len(lines[b].words) > 0 && itemRe.MatchString(format.Fold(lines[b].words[0].text))) {
			b++
		}
		if b == len(lines) {
			b = 0
			for b < len(lines) && !isBody(lines[b]) {
				b++
			}
			// 本年收入 and 本年支出 head columns of a fund table (年初结转和结余 |
			// 本年收入 | 本年支出 › 小计 …) as well as label total rows: an empty
			// table's body is its 合计 below them.
			if b < len(lines) && groupTotalRe.MatchString(format.Fold(lines[b].compact)) {
				for k := b + 1; k < len(lines); k++ {
					if grandTotalRe.MatchString(format.Fold(lines[k].compact)) {
						b = k
						break
					}
				}
			}
		}
	} else if !pg.grid && pg.em == 1 {
		// In layout text, the first row's name may wrap onto the line just above
		// its amounts: a line of words no header prints, right above them (not
		// the line that numbers the columns, ** 1 2 3).
		for b > 1 && lines[b].y-lines[b-1].y <= 1 && !r.anchors(lines[b-1]) && !headerWords(lines[b-1]) && !colNumberLine(lines[b-1]) {
			b--
		}
	} else if !pg.grid && pg.em > 1 {
		// The first row's name may wrap above its amounts, which are centred on
		// it: lines of text closer together than a header's rows belong to it. A
		// cell's lines lie one line height (1.45 em) apart; the padding of two
		// cells puts a header's last line further from the body.
		first, b0 := lines[b], b
		for b > 0 && lines[b].y-lines[b-1].y <= 1.5*pg.em && !r.anchors(lines[b-1]) && (r.cols != nil || b > 1) && !(b > 1 && wrapsHeader(lines[b-2], lines[b-1])) && !overNumbers(lines[b-1], first) && !codeHeadLine(lines[b-1]) && underLabels(lines[b-1], lines[b0:min(b0+2, len(lines))]) {
			b--
		}
	}
	lines, b = codeHeadBelow(lines, b, !pg.grid && pg.em == 1)
	// A header holds no running text: a line of it begins the body (a target's
	// text wrapped above its row's amounts).
	if !pg.grid {
		for k := 1; k < b; k++ {
			if proseLine(lines[k]) {
				b = k
				break
			}
		}
	}
	var header []*tline
	for _, l := range lines[:b] {
		if !colNumberLine(l) {
			header = append(header, l)
		}
	}
	// On a page that goes on with a table whose header is known, lines before the
	// first amounts that do not print the header again are the body: a row carried
	// over from the page before, or a row's text above its amounts.
	if r.cols != nil && len(header) > 0 && !r.repeatsHeader(header) {
		k := 0
		for k < b && (colNumberLine(lines[k]) || r.repeatsHeader(lines[k:k+1])) {
			k++
		}
		header, lines, b = nil, lines[k:], 0
	}
	if r.cols != nil && len(header) == 0 {
		lines = append(lines[:b:b], r.register(lines[b:], pg)...)
	}
	// The page prints the table's header again: it goes on with the table.
	again := r.cols != nil && len(header) > 0 && r.repeatsHeader(header)
	if len(header) > 0 && (r.cols == nil || !r.repeatsHeader(header)) {
		cols := r.parseHeader(header, pg)
		if r.cols == nil {
			var b strings.Builder
			for _, l := range header {
				b.WriteString(format.Fold(l.compact))
			}
			r.headerText = b.String()
		}
		if r.cols == nil || len(cols) == len(r.cols) {
			r.cols = cols
		}
	} else if len(header) > 0 && r.cols != nil && !pg.grid {
		// The same header again: keep the columns' meanings, take this page's places.
		cols := r.parseHeader(header, pg)
		if len(cols) == len(r.cols) {
			for j := range cols {
				cols[j].path, cols[j].key, cols[j].kind = r.cols[j].path, r.cols[j].key, r.cols[j].kind
			}
			r.cols = cols
			if pg.em == 1 {
				// Layout text sets each page on a grid of its own: where the
				// amounts of the pages before ended says nothing here.
				r.rights = nil
			}
		}
	}
	if r.cols == nil {
		return
	}
	before := len(r.rows)
	r.readBody(lines[b:], pg)
	if again {
		r.dropRepeatedTotal(before)
	}
}

// dropRepeatedTotal drops the first row a page read from row from on when it
// prints a total row of the pages before again, cell for cell: a table that
// repeats its header on each page may repeat its 合计 under it (Foshan's 决算
// tables), which is one row, not one per page.
func (r *tableReader) dropRepeatedTotal(from int) {
	if from >= len(r.rows) {
		return
	}
	row := r.rows[from]
	total := false
	for _, c := range row.cells {
		if totalRe.MatchString(format.Fold(c)) {
			total = true
		}
	}
	if !total {
		return
	}
	for _, old := range r.rows[:from] {
		if slices.Equal(old.cells, row.cells) {
			r.rows = slices.Delete(r.rows, from, from+1)
			return
		}
	}
}

// codeHeadBelow moves into the header the line that heads the columns of codes
// (类 款 项) when the first row's amounts are set above it, as on Putuo's 支出决算表,
// where the 合计 row's amounts stand a line or two above the header's last line:
// lines b… up to it print amounts only, and its own amounts, if it prints any, stay
// in the body as a line of their own. It returns the lines and where the body
// starts.
func codeHeadBelow(lines []*tline, b int, text bool) ([]*tline, int) {
	for k := b; k < len(lines) && k <= b+2; k++ {
		l := lines[k]
		var head, nums []word
		for _, w := range l.words {
			if amountWord(w) {
				nums = append(nums, w)
			} else {
				head = append(head, w)
			}
		}
		if len(head) == 0 {
			continue
		}
		hl := splitLine(l, head)
		if !codeHeadLine(hl) {
			return lines, b
		}
		out := append(slices.Clone(lines[:b]), hl)
		for _, a := range lines[b:k] {
			// In layout text the amounts now touch the body's first line, as
			// the header's line no longer stands between them.
			if text {
				a = splitLine(a, a.words)
				a.y++
				a.top, a.bottom = a.top+1, a.bottom+1
			}
			out = append(out, a)
		}
		if len(nums) > 0 {
			out = append(out, splitLine(l, nums))
		}
		return append(out, lines[k+1:]...), b + 1
	}
	return lines, b
}

// splitLine is a line made of some of line l's words, at l's place.
func splitLine(l *tline, words []word) *tline {
	n := newLine(l.page, l.no, l.y, slices.Clone(words))
	n.top, n.bottom, n.size = l.top, l.bottom, l.size
	return n
}

// onlyAmounts reports whether every word of a line is an amount.
func onlyAmounts(l *tline) bool {
	for _, w := range l.words {
		if !amountWord(w) {
			return false
		}
	}
	return len(l.words) > 0
}

// liftAmounts joins to a row the amounts its table sets a line or two above it,
// as Putuo's 决算 tables do for rows whose 基本支出 or 项目支出 they print apart
// (2,336.91 603.14 / 2,940.05 / 合计): lines of amounts only, right above a line
// that begins a row with a code or a total's label, whose columns none of them
// fills. In layout text they touch the row's line; in a PDF their glyphs' boxes
// reach down into the row's line, not up into the line above.
func (r *tableReader) liftAmounts(lines []*tline, text bool) []*tline {
	var out []*tline
	for i := 0; i < len(lines); i++ {
		j := i
		for j < len(lines) && onlyAmounts(lines[j]) {
			j++
		}
		if j == i || j == len(lines) || !r.liftTarget(lines[j]) || !r.liftFits(lines, i, j, text) {
			out = append(out, lines[i])
			continue
		}
		words := slices.Clone(lines[j].words)
		for _, l := range lines[i:j] {
			words = append(words, l.words...)
		}
		slices.SortStableFunc(words, func(a, b word) int { return cmpFloat(a.x0, b.x0) })
		n := splitLine(lines[j], words)
		n.top = min(n.top, lines[i].top)
		out = append(out, n)
		i = j
	}
	return out
}

// joinCodeLines joins to a line that begins with a code the line set just
// below it that prints the rest of the row, as Putuo's 2024 基本支出决算表 does
// (301 01 … 302 over 基本工资 262.33 01 办公费 21.21, less than a line apart):
// the lower line begins with no code of its own and prints in none of the
// columns the upper line fills.
func (r *tableReader) joinCodeLines(lines []*tline, em float64) []*tline {
	if !r.halves() {
		return lines
	}
	var out []*tline
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if i+1 < len(lines) && len(l.words) > 0 && codePrefixRe.MatchString(l.words[0].text) && r.codeAt(l.words[0]) {
			n := lines[i+1]
			if n.y-l.y < 0.75*em && !r.sharesCells(l, n) && !slices.ContainsFunc(n.words, func(w word) bool { return codePrefixRe.MatchString(w.text) }) {
				words := append(slices.Clone(l.words), n.words...)
				slices.SortStableFunc(words, func(a, b word) int { return cmpFloat(a.x0, b.x0) })
				j := splitLine(l, words)
				j.top, j.bottom = min(l.top, n.top), max(l.bottom, n.bottom)
				out = append(out, j)
				i++
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

// halves reports whether the table prints two halves side by side, each with
// columns of codes of its own (a 决算's 基本支出决算表: 人员经费 | 公用经费).
func (r *tableReader) halves() bool {
	codes := false
	for _, c := range r.cols {
		codes = codes || c.kind == disclosure.CodeCol
	}
	return codes && r.codeColumns() == nil
}

// sharesCells reports whether two lines print words in one column.
func (r *tableReader) sharesCells(a, b *tline) bool {
	cols := map[int]bool{}
	for _, w := range a.words {
		cols[r.colOf(w, w.num)] = true
	}
	for _, w := range b.words {
		if cols[r.colOf(w, w.num)] {
			return true
		}
	}
	return false
}

// liftTarget reports whether a line begins a row by a code at its start, a
// total's label, or in a summary table an item's number.
func (r *tableReader) liftTarget(l *tline) bool {
	if len(l.words) == 0 {
		return false
	}
	w := l.words[0]
	if codePrefixRe.MatchString(w.text) && r.codeAt(w) {
		return true
	}
	// A summary table's first item (一、一般公共预算财政拨款 under its 2,940.05).
	if (r.t.Kind == disclosure.SummaryTable || r.t.Kind == disclosure.FiscalSummaryTable) && itemRe.MatchString(format.Fold(w.text)) && r.labelColumn(r.colOf(w, false)) {
		return true
	}
	for _, w := range l.words {
		if !w.num {
			return totalRe.MatchString(format.Fold(w.text))
		}
	}
	return false
}

// liftFits reports whether the lines i…j-1 of amounts only belong to line j's
// row: each touches the next, no two print in one column, and each is closer to
// line j than to the line above the run.
func (r *tableReader) liftFits(lines []*tline, i, j int, text bool) bool {
	used := map[int]bool{}
	for k := i; k <= j; k++ {
		for _, w := range lines[k].words {
			if !amountWord(w) {
				continue
			}
			c := r.colOf(w, true)
			if c < 0 || used[c] || r.cols[c].kind == disclosure.CodeCol || r.cols[c].kind == disclosure.TextCol {
				return false
			}
			used[c] = true
		}
	}
	for k := i; k < j; k++ {
		l, next := lines[k], lines[k+1]
		if text {
			if next.y-l.y > 1 {
				return false
			}
			continue
		}
		// The amounts' boxes reach into the row's line, and their middle lies
		// within the row's line, not the line above.
		mid := (l.top + l.bottom) / 2
		row := lines[j]
		if mid < row.top || mid > row.bottom {
			return false
		}
		if i > 0 && mid <= lines[i-1].bottom {
			return false
		}
	}
	return true
}

// wrappedUnder returns the line of layout text whose label line i ends, or -1:
// line i prints a word or two, and the line right above it in its column (the
// other side's lines may stand between) begins an item (七、文化旅游体育与传媒支
// / 出), when the next line in its column begins an item (一、…) or a total, or no
// line near below prints in its column. Items are set at the top of their cells,
// so no label begins above its item number.
func (r *tableReader) wrappedUnder(lines []*tline, i int) int {
	l := lines[i]
	if len(l.words) == 0 || rowStartRe.MatchString(format.Fold(l.words[0].text)) || balanceLine(l) {
		return -1
	}
	// A label's wrapped end is a word or two.
	for _, w := range l.words {
		if utf8.RuneCountInString(w.text) > 4 {
			return -1
		}
	}
	j := r.colOf(l.words[0], false)
	// in reports the first word line a prints in column j, if any.
	in := func(a *tline) (word, bool) {
		for _, w := range a.words {
			if !w.num && r.colOf(w, false) == j {
				return w, true
			}
		}
		return word{}, false
	}
	p := -1
	for k := i - 1; k >= 0 && l.y-lines[k].y <= 2; k-- {
		if _, ok := in(lines[k]); ok {
			p = k
			break
		}
	}
	// The label it ends begins with its item's number.
	if w, ok := in(lines[max(p, 0)]); p < 0 || !ok || !itemRe.MatchString(format.Fold(w.text)) {
		return -1
	}
	for k := i + 1; k < len(lines) && lines[k].y-l.y <= 2; k++ {
		if w, ok := in(lines[k]); ok {
			if f := format.Fold(w.text); itemRe.MatchString(f) || totalRe.MatchString(f) {
				return p
			}
			return -1
		}
	}
	return p
}

// codedName reports whether line l prints text in the column of names of a row
// whose line a begins with its code.
func (r *tableReader) codedName(a, l *tline) bool {
	if len(a.words) == 0 || len(l.words) == 0 || !codePrefixRe.MatchString(a.words[0].text) {
		return false
	}
	j := r.colOf(l.words[0], false)
	return j > 0 && r.cols[j].kind == disclosure.TextCol && r.cols[j-1].kind == disclosure.CodeCol
}

// codePartRe is a part of a code printed in columns (06, 01); codePartNameRe is
// one run into the name after it (01行政运行).
var (
	codePartRe     = regexp.MustCompile(`^[0-9]{2}$`)
	codePartNameRe = regexp.MustCompile(`^([0-9]{2})(\p{Han}.*)$`)
)

// groupTotalRe is a total's label that also heads a group of columns;
// grandTotalRe a label only a total row prints.
var (
	groupTotalRe = regexp.MustCompile(`^(?:本年收入|本年支出)$`)
	grandTotalRe = regexp.MustCompile(`^(?:合计|总计)$`)
)

// codeHeadLineRe is a header line over columns of codes: 类 款 项, or 科目编码.
var codeHeadLineRe = regexp.MustCompile(`^(?:[类款项]{2,3}|.*科目编码.*)$`)

// codeHeadLine reports whether a line heads columns of codes (类 款 项, 科目编码):
// a header's line, never a row's name.
func codeHeadLine(l *tline) bool {
	return codeHeadLineRe.MatchString(format.Fold(l.compact))
}

// underLabels reports whether every word of a line lies over a word of text of
// the lines below it, or left of their first amount: a first row's name wrapped
// above it, not a header's line whose cells stand over columns the row leaves
// empty.
func underLabels(l *tline, below []*tline) bool {
	for _, u := range l.words {
		ok := false
		for _, b := range below {
			for _, w := range b.words {
				if !w.num && overlap(u.x0, u.x1, w.x0, w.x1) > 0 {
					ok = true
				}
			}
			// Left of a row's first amount lie its labels.
			for _, w := range b.words {
				if w.num {
					ok = ok || u.x1 <= w.x0
					break
				}
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// overNumbers reports whether a line prints a word right above a number of line
// l: a header's cell over a column of amounts or codes, where a first row's name
// wrapped above its amounts prints only in its column of names.
func overNumbers(above, l *tline) bool {
	for _, u := range above.words {
		if u.num {
			continue
		}
		for _, w := range l.words {
			if w.num && overlap(u.x0, u.x1, w.x0, w.x1) > 0 {
				return true
			}
		}
	}
	return false
}

// wrapsHeader reports whether every word of line l completes a header word that a
// word of the line above begins (采购组织形 / 式): l is the header's, not the
// first row's.
func wrapsHeader(above, l *tline) bool {
	for _, w := range l.words {
		ok := false
		for _, u := range above.words {
			if overlap(u.x0, u.x1, w.x0, w.x1) > 0 && wraps([]*hcell{{text: u.text}}, &hcell{text: w.text}) {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	return len(l.words) > 0
}

// proseLine reports whether a line prints running text: a long word with stops
// in it, which no header cell holds.
func proseLine(l *tline) bool {
	for _, w := range l.words {
		if utf8.RuneCountInString(w.text) >= 8 && strings.ContainsAny(w.text, "，。；") {
			return true
		}
	}
	return false
}

func (r *tableReader) note(s string) {
	if s == "" {
		return
	}
	if n := len(r.notes); n > 0 && !strings.HasSuffix(r.notes[n-1], "。") && !noteRe.MatchString(format.Fold(s)) {
		r.notes[n-1] += s
		return
	}
	r.notes = append(r.notes, s)
}

// repeatsHeader reports whether header lines print the words of the header already
// read, as tables continued on a new page do.
func (r *tableReader) repeatsHeader(lines []*tline) bool {
	var have strings.Builder
	have.WriteString(r.headerText)
	for _, c := range r.cols {
		for _, p := range c.path {
			have.WriteString(format.Fold(p))
		}
	}
	h := have.String()
	// Nearly all the words must be the header's: a header word the first page's
	// header left unplaced may come again.
	in, all := 0, 0
	for _, l := range lines {
		for _, w := range l.words {
			// Layout text may print two cells' words a space apart as one.
			for _, piece := range strings.Fields(w.text) {
				n := utf8.RuneCountInString(piece)
				all += n
				if strings.Contains(h, format.Fold(piece)) {
					in += n
				}
			}
		}
	}
	return all > 0 && 10*in >= 9*all
}

// parseHeader turns header lines into columns with their meanings.
func (r *tableReader) parseHeader(lines []*tline, pg *tpage) []*column {
	var cols []*column
	if pg.grid {
		cols = gridColumns(lines, 0)
	} else {
		cols = buildColumns(headerCells(lines, pg.em, pg.em == 1), pg.em)
	}
	for _, c := range cols {
		c.key, c.kind = format.MeaningIn(format.Context{Table: r.t.Kind, Year: r.year, Document: r.doc}, c.path)
	}
	return cols
}

// readBody reads the body lines of one page into rows: a line with amounts or a
// code anchors a row, and lines of text only belong to a row. In a table whose
// cells are centred, a wrapped name lies as much above its row's amounts as below,
// and a line belongs to the nearest row; in a table whose cells are set at the top,
// a row's wrapped text runs down from its first line. A line of text far from any
// row starts a row of its own (a row without amounts). The text of a column whose
// cells span rows is placed on the first row of the rows it is centred on.
func (r *tableReader) readBody(lines []*tline, pg *tpage) {
	lines = joinWrappedDigits(lines, pg.em)
	for i, l := range lines {
		lines[i] = joinSpacedLetters(l, pg.em)
		if pg.em == 1 && !pg.grid {
			var above *tline
			if i > 0 {
				above = lines[i-1]
			}
			lines[i] = r.runningFigure(above, lines[i])
			lines[i] = r.pullAmounts(lines[i])
		}
	}
	if len(lines) == 0 {
		return
	}
	if !pg.grid {
		lines = r.liftAmounts(lines, pg.em == 1)
	}
	if !pg.grid && pg.em > 1 {
		lines = r.joinCodeLines(lines, pg.em)
	}
	var spans []spanLabel
	if !pg.grid {
		spans, lines = r.spanLabels(lines)
	}
	anchor := make([]bool, len(lines))
	for i, l := range lines {
		anchor[i] = r.anchors(l)
	}
	// A row whose cells are centred may print a wrapped amount on a line of its
	// own, just above or below the line of its other amounts: that line is not a
	// row of its own.
	if !pg.grid && pg.em > 1 {
		for i := range lines {
			for k := i - 1; k <= i+1; k += 2 {
				if i == k || k < 0 || k >= len(lines) || !anchor[i] || !anchor[k] {
					continue
				}
				if math.Abs(lines[i].y-lines[k].y) < 1.2*pg.em && r.numbers(lines[i]) < r.numbers(lines[k]) && !r.sharesColumns(lines[i], lines[k]) {
					anchor[i] = false
				}
			}
		}
	}
	var ys []float64
	for i, l := range lines {
		if anchor[i] {
			ys = append(ys, l.y)
		}
	}
	text := pg.em == 1
	pitch := 2.0 * pg.em
	if text {
		pitch = 1
	}
	if len(ys) > 1 {
		var d []float64
		for i := 1; i < len(ys); i++ {
			d = append(d, ys[i]-ys[i-1])
		}
		pitch = median(d)
	}
	summary := r.t.Kind == disclosure.SummaryTable || r.t.Kind == disclosure.FiscalSummaryTable
	if !text && !r.top && len(ys) > 0 {
		r.top = r.topAligned(lines, anchor, pitch)
	}
	top := !text && r.top
	// A row set at the top of its cells may go on from the page before: the lines
	// before the page's first amounts are its end, up to a line that begins a
	// row (十四、…) or prints balance rows' labels (使用非财政拨款结余（含专用结余）
	// / 结余分配): rows of their own without amounts.
	if top && len(r.rows) > 0 {
		last := r.rows[len(r.rows)-1]
		i := 0
		for i < len(lines) && !anchor[i] && !balanceLine(lines[i]) && !r.startsRow(lines[i]) {
			r.place(last, lines[i], false)
			i++
		}
		lines, anchor = lines[i:], anchor[i:]
	}
	var rows []*rawRow
	rowOf := make([]*rawRow, len(lines))
	own := map[*rawRow]int{} // the line each row starts on
	newRow := func(l *tline) *rawRow {
		row := &rawRow{cells: make([]string, len(r.cols)), pos: disclosure.Pos{Page: l.page, Line: l.no}, y: l.y}
		rows = append(rows, row)
		for i, x := range lines {
			if x == l {
				own[row] = i
			}
		}
		return row
	}
	for i, l := range lines {
		if anchor[i] {
			rowOf[i] = newRow(l)
		}
	}
	centred := !text && !top
	if centred {
		// Rows of centred cells: the lines with amounts, and the lines of text that
		// no row's cell can take (a row without amounts), found where a column of
		// row labels does not balance.
		starter := slices.Clone(anchor)
		for i, l := range lines {
			// A total's row may print no amounts (an empty table's 合计), and an
			// item numbered in a column of row labels is a row (一、…, 1.…).
			if totalLine(l) || r.startsRow(l) && (nearestAnchor(lines, anchor, i) >= 0.6*pitch || r.itemBeside(lines, anchor, i)) {
				starter[i] = true
			}
		}
		for range 3 {
			orphans := r.orphans(lines, starter)
			if len(orphans) == 0 {
				break
			}
			for _, i := range orphans {
				starter[i] = true
			}
		}
		for i, l := range lines {
			if starter[i] && rowOf[i] == nil {
				rowOf[i] = newRow(l)
			}
		}
		for i := range lines {
			if rowOf[i] != nil {
				continue
			}
			best := math.Inf(1)
			for k := range lines {
				if starter[k] && math.Abs(lines[k].y-lines[i].y) < best {
					best, rowOf[i] = math.Abs(lines[k].y-lines[i].y), rowOf[k]
				}
			}
		}
	}
	for i, l := range lines {
		if centred || anchor[i] || len(l.words) == 0 {
			continue
		}
		var above, below *rawRow
		da, db := math.Inf(1), math.Inf(1)
		ka, kb := -1, -1
		for k := i - 1; k >= 0; k-- {
			if anchor[k] {
				above, da, ka = rowOf[k], l.y-lines[k].y, k
				break
			}
		}
		for k := i + 1; k < len(lines); k++ {
			if anchor[k] {
				below, db, kb = rowOf[k], lines[k].y-l.y, k
				break
			}
		}
		starts := r.startsRow(l) || text && balanceLine(l)
		switch {
		case text:
			// Layout text shows no gaps to measure: a line joins the row it
			// touches unless it begins a row. A numbered item begins a row unless
			// it lies closer to a line of amounts that prints no label of its own
			// than rows lie apart: a label wrapped around its amounts.
			// A line as close to both rows goes to the one whose own line prints
			// nothing in its column: a name wrapped around a row that prints only
			// its code (it is centred), where the row above prints its own name.
			near, dist := above, da
			if db < da || db == da && below != nil && r.labelled(lines[ka], l) && !r.labelled(lines[kb], l) {
				near, dist = below, db
			}
			// A line as close to two rows that both print their names is the
			// lower row's when that row's name wraps below its line too and the
			// upper row's does not wrap above its own: a name centred on its row
			// (212 城乡社区支出 / 国有土地使用权出让收入 / 21208 及对应专项债务
			// 收入安排 / 的支出).
			if near == above && below != nil && db == da && db <= 1 && r.labelled(lines[ka], l) && r.labelled(lines[kb], l) &&
				kb+1 < len(lines) && !anchor[kb+1] && lines[kb+1].y-lines[kb].y <= 1 && r.labelled(lines[kb+1], l) && !r.startsRow(lines[kb+1]) && !starts &&
				!(ka > 0 && !anchor[ka-1] && rowOf[ka-1] == above) && r.codedName(lines[ka], l) && r.codedName(lines[kb], l) {
				near, dist = below, db
			}
			// A name set wholly under its row's line (208 05 06 80.38 /
			// 机关事业单位职业年金缴费 / 支出) runs on to the row below's line
			// when that row prints its own name.
			if near == below && above != nil && i > 0 && rowOf[i-1] == above && !anchor[i-1] && l.y-lines[i-1].y <= 1 &&
				!r.labelled(lines[ka], l) && r.labelled(lines[kb], l) && !starts && r.codedName(lines[ka], l) {
				near, dist = above, da
			}
			// In a summary table, a label's last characters wrapped under it
			// (七、文化旅游体育与传媒支 / 出) are that row's when the line
			// below begins an item of its own in their column (八、…): no
			// label begins above its item number.
			if summary && !starts {
				if p := r.wrappedUnder(lines, i); p >= 0 && rowOf[p] != nil {
					rowOf[i] = rowOf[p]
					continue
				}
			}
			if starts {
				for _, c := range []struct {
					row  *rawRow
					dist float64
					k    int
				}{{below, db, kb}, {above, da, ka}} {
					if c.row != nil && c.dist < pitch && !r.labelled(lines[c.k], l) {
						near, dist, starts = c.row, c.dist, false
						break
					}
				}
			}
			if near != nil && !starts && (!summary || dist <= 1) {
				rowOf[i] = near
			} else {
				rowOf[i] = newRow(l)
			}
		case above != nil && !starts:
			rowOf[i] = above
			if top {
				// A cell set at its top runs down from its row's line: the text
				// goes to the nearest row above that prints in its column, which
				// may be a row without amounts (二、政府性基金预算财政拨 / 款).
				if k := r.columnAbove(lines, rowOf, i); k > ka {
					rowOf[i] = rowOf[k]
				}
			}
		default:
			rowOf[i] = newRow(l)
		}
	}
	// In a table of centred cells, each column's wrapped text is shared out anew:
	// a cell's lines lie as many above its row's line as below.
	var owners map[*tline]map[int]*rawRow
	if centred {
		owners = r.centredOwners(lines, rowOf, own)
	}
	// Place each row's words: lines in order down the page, so wrapped text reads
	// in order.
	slices.SortStableFunc(rows, func(a, b *rawRow) int { return cmpFloat(a.y, b.y) })
	for i, l := range lines {
		r.placeOwned(rowOf[i], l, owners[l])
	}
	r.placeSpans(spans, rows)
	if summary {
		rows = r.pairSides(rows)
	}
	r.rows = append(r.rows, rows...)
}

// columnAbove returns the nearest line above line i that has a row and prints
// text in the column of line i's first word, or -1.
func (r *tableReader) columnAbove(lines []*tline, rowOf []*rawRow, i int) int {
	j := r.colOf(lines[i].words[0], lines[i].words[0].num)
	for k := i - 1; k >= 0; k-- {
		if rowOf[k] == nil {
			continue
		}
		for _, w := range lines[k].words {
			if !w.num && r.colOf(w, false) == j {
				return k
			}
		}
	}
	return -1
}

// pairSides joins the two sides of a summary table's row that layout text sets
// on lines of their own, one side's label wrapping (二、政府性基金预算财政拨款 /
// 二、外交支出): a row that prints only the income side, then one that prints
// only the spending side, their labels numbered alike.
func (r *tableReader) pairSides(rows []*rawRow) []*rawRow {
	split := -1
	for j, c := range r.cols {
		if c.key == "spending_item" {
			split = j
		}
	}
	if split <= 0 {
		return rows
	}
	side := func(row *rawRow) (lo, hi bool) {
		for j, c := range row.cells {
			if strings.TrimSpace(c) == "" {
				continue
			}
			if j < split {
				lo = true
			} else {
				hi = true
			}
		}
		return lo, hi
	}
	number := func(s string) string {
		return itemRe.FindString(format.Fold(s))
	}
	var out []*rawRow
	for i := 0; i < len(rows); i++ {
		a := rows[i]
		if i+1 < len(rows) {
			b := rows[i+1]
			alo, ahi := side(a)
			blo, bhi := side(b)
			if alo && !ahi && !blo && bhi && number(a.cells[0]) != "" && number(a.cells[0]) == number(b.cells[split]) {
				for j := split; j < len(a.cells); j++ {
					a.cells[j] = b.cells[j]
				}
				out = append(out, a)
				i++
				continue
			}
		}
		out = append(out, a)
	}
	return out
}

// centredOwners shares out the wrapped text of each column among the rows of a
// table of centred cells. Going down a column, a row takes below its own line as
// many of the column's lines as it had above it; the lines left before the next
// row's line open that row's cell. lines are the page's body lines, rowOf their
// rows and own the line each row starts on.
func (r *tableReader) centredOwners(lines []*tline, rowOf []*rawRow, own map[*rawRow]int) map[*tline]map[int]*rawRow {
	type piece struct {
		line, word int
	}
	var order []*rawRow
	for row := range own {
		order = append(order, row)
	}
	slices.SortFunc(order, func(a, b *rawRow) int { return own[a] - own[b] })
	if len(order) == 0 {
		return nil
	}
	owners := map[*tline]map[int]*rawRow{}
	for j := range r.cols {
		if r.cols[j].kind == disclosure.AmountCol {
			continue
		}
		// The column's wrapped pieces between each row's line and the next.
		segs := make([][]piece, len(order)+1)
		centre := make([]bool, len(order))
		k := 0 // rows whose own line lies above
		for i, l := range lines {
			for k < len(order) && own[order[k]] <= i {
				k++
			}
			for wi, w := range l.words {
				if w.num && !r.textColumnAt(w) || r.colOf(w, false) != j {
					continue
				}
				if k > 0 && own[order[k-1]] == i {
					centre[k-1] = true
					continue
				}
				segs[k] = append(segs[k], piece{i, wi})
			}
		}
		// segs[0] lies above the first row; segs[k] between rows k-1 and k.
		above := len(segs[0])
		assign := func(p piece, row *rawRow) {
			l := lines[p.line]
			if rowOf[p.line] == row {
				return
			}
			if owners[l] == nil {
				owners[l] = map[int]*rawRow{}
			}
			owners[l][p.word] = row
		}
		for _, p := range segs[0] {
			assign(p, order[0])
		}
		for k := range order {
			seg := segs[k+1]
			take := min(above, len(seg))
			if k == len(order)-1 {
				take = len(seg)
			}
			_ = centre
			for _, p := range seg[:take] {
				assign(p, order[k])
			}
			if k+1 < len(order) {
				for _, p := range seg[take:] {
					assign(p, order[k+1])
				}
			}
			above = len(seg) - take
		}
	}
	return owners
}

// topAligned reports whether the page's cells are set at their top: some row's
// text runs on just below its amounts, and no anchor line lacks the text that a
// line just above it prints in the same column (which is how centred cells wrap).
func (r *tableReader) topAligned(lines []*tline, anchor []bool, pitch float64) bool {
	below := false
	for i, l := range lines {
		if anchor[i] {
			continue
		}
		if i > 0 && anchor[i-1] && l.y-lines[i-1].y < 0.75*pitch {
			below = true
		}
		if i+1 >= len(lines) || !anchor[i+1] || lines[i+1].y-l.y > 0.75*pitch {
			continue
		}
		next := lines[i+1]
		for _, w := range l.words {
			j := r.colOf(w, false)
			has := false
			for _, x := range next.words {
				if r.colOf(x, x.num) == j {
					has = true
				}
			}
			if !has {
				return false
			}
		}
	}
	return below
}

// joinWrappedDigits joins a number that a narrow cell wraps (376,936.6 / 0): one or
// two digits just under a number that prints fewer decimals than the table's
// amounts do are that number's end.
func joinWrappedDigits(lines []*tline, em float64) []*tline {
	if em <= 1 {
		return lines
	}
	out := make([]*tline, 0, len(lines))
	for _, l := range lines {
		var keep []word
		changed := false
		for _, w := range l.words {
			if !wrappedDigitsRe.MatchString(w.text) || !joinDigits(out, l, w, em) {
				keep = append(keep, w)
				continue
			}
			changed = true
		}
		if changed {
			cp := *l
			cp.words = keep
			l = &cp
		}
		if len(l.words) > 0 {
			out = append(out, l)
		}
	}
	return out
}

// joinDigits appends the digits w to a cut number on a line above l, reporting
// whether it found one.
func joinDigits(above []*tline, l *tline, w word, em float64) bool {
	for k := len(above) - 1; k >= 0 && l.y-above[k].y < 2.2*em; k-- {
		p := above[k]
		if p.page != l.page {
			break
		}
		for i, x := range p.words {
			_, frac, dot := strings.Cut(x.text, ".")
			if !x.num || !dot || len(frac) >= 2 || overlap(x.x0, x.x1, w.x0, w.x1) <= 0 {
				continue
			}
			cp := *p
			cp.words = slices.Clone(p.words)
			cp.words[i].text += w.text
			cp.words[i].x1 = max(cp.words[i].x1, w.x1)
			above[k] = &cp
			return true
		}
	}
	return false
}

var wrappedDigitsRe = regexp.MustCompile(`^[0-9]{1,2}$`)

// spanLabel is the text of a cell that spans rows, centred on them.
type spanLabel struct {
	col   int
	text  string
	y     float64 // the middle of its lines
	lines int
	page  int
}

// spanLabels takes out of lines the words of the columns whose cells span rows,
// joined into one label per run of lines.
func (r *tableReader) spanLabels(lines []*tline) ([]spanLabel, []*tline) {
	if r.spec == nil || len(r.spec.Spans) == 0 {
		return nil, lines
	}
	var spanCols []int
	for j, c := range r.cols {
		for _, k := range r.spec.Spans {
			if c.key == k {
				spanCols = append(spanCols, j)
			}
		}
	}
	if len(spanCols) == 0 {
		return nil, lines
	}
	var labels []spanLabel
	var out []*tline
	open := map[int]int{} // column → index of its label in labels
	lastY := map[int]float64{}
	for _, l := range lines {
		var keep []word
		for _, w := range l.words {
			j := -1
			if !w.num {
				j = r.colOf(w, false)
			}
			if !slices.Contains(spanCols, j) {
				keep = append(keep, w)
				continue
			}
			// The lines of one label are a line apart, whatever other rows'
			// lines fall between them; in layout text, two lines apart where a
			// line of other rows' words lies between (not an empty line).
			if k, ok := open[j]; ok && (l.y-lastY[j] < 1.6*max(r.em, 1) || r.em == 1 && l.y-lastY[j] < 2.1 && lineBetween(lines, lastY[j], l.y)) {
				labels[k].text += w.text
				labels[k].y = (labels[k].y*float64(labels[k].lines) + l.y) / float64(labels[k].lines+1)
				labels[k].lines++
			} else {
				labels = append(labels, spanLabel{col: j, text: w.text, y: l.y, page: l.page, lines: 1})
				open[j] = len(labels) - 1
			}
			lastY[j] = l.y
		}
		if len(keep) == 0 {
			continue
		}
		cp := *l
		cp.words = keep
		out = append(out, &cp)
	}
	return labels, out
}

// lineBetween reports whether a line lies strictly between heights a and b.
func lineBetween(lines []*tline, a, b float64) bool {
	for _, l := range lines {
		if l.y > a && l.y < b {
			return true
		}
	}
	return false
}

// placeSpans puts each spanning label on the first of the rows it is centred on:
// going down the page, a label takes the rows from the first one left to the one
// that centres it best, leaving a row for each label after it.
func (r *tableReader) placeSpans(labels []spanLabel, rows []*rawRow) {
	byCol := map[int][]spanLabel{}
	for _, lb := range labels {
		byCol[lb.col] = append(byCol[lb.col], lb)
	}
	for col, lbs := range byCol {
		s := 0
		for k, lb := range lbs {
			if s >= len(rows) {
				break
			}
			left := len(lbs) - k - 1
			e, best := s, math.Inf(1)
			for c := s; c < len(rows)-left; c++ {
				if d := math.Abs((rows[s].y+rows[c].y)/2 - lb.y); d < best {
					best, e = d, c
				}
			}
			rows[s].cells[col] = joinCell(rows[s].cells[col], lb.text)
			s = e + 1
		}
	}
}

// orphans finds the lines of text that no row's cell can take, in the columns that
// label rows. A centred cell has as many lines below its row's line as above; going
// down, a row's lines above it that the lines below cannot balance are not its
// own: the topmost of them start rows of their own. starter marks the lines rows
// start on.
func (r *tableReader) orphans(lines []*tline, starter []bool) []int {
	var out []int
	for j, c := range r.cols {
		if !r.labelColumn(j) || c.kind == disclosure.AmountCol {
			continue
		}
		// The column's lines between row lines, and whether each row's own line
		// prints in it.
		var segs [][]int
		var seg []int
		for i, l := range lines {
			if starter[i] {
				segs = append(segs, seg)
				seg = nil
				continue
			}
			for _, w := range l.words {
				if !(w.num && !r.textColumnAt(w)) && r.colOf(w, false) == j {
					seg = append(seg, i)
					break
				}
			}
		}
		segs = append(segs, seg)
		// segs[0] lies above the first row, segs[k] below row k-1.
		above := segs[0]
		for k := 1; k < len(segs); k++ {
			below := segs[k]
			if extra := len(above) - len(below); extra > 0 && k < len(segs)-1 || extra > 0 && k == len(segs)-1 && len(below) == 0 {
				out = append(out, above[:extra]...)
			}
			take := min(len(above), len(below))
			above = below[take:]
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// labelColumn reports whether column j labels rows: the first column of text, or an
// item column of a two-sided table.
func (r *tableReader) labelColumn(j int) bool {
	if j < 0 || j >= len(r.cols) {
		return false
	}
	for k, c := range r.cols {
		if c.kind != disclosure.AmountCol {
			return k == j || r.cols[j].key == "income_item" || r.cols[j].key == "spending_item"
		}
	}
	return false
}

// labelled reports whether line a prints text in the column where line l's first
// word starts.
func (r *tableReader) labelled(a, l *tline) bool {
	if len(l.words) == 0 {
		return true
	}
	j := r.colOf(l.words[0], false)
	for _, w := range a.words {
		if !w.num && r.colOf(w, false) == j {
			return true
		}
	}
	return false
}

// headerWords reports whether any word of a line is a known header word.
func headerWords(l *tline) bool {
	for _, w := range splitHeaderWords(l.words) {
		if knownHeader(w.text) {
			return true
		}
	}
	return false
}

// totalLine reports whether a line prints a total's label, alone or as each side
// of a two-sided table does (收入总计 … 支出总计).
func totalLine(l *tline) bool {
	if totalRe.MatchString(format.Fold(l.compact)) {
		return true
	}
	for _, w := range l.words {
		if !totalRe.MatchString(format.Fold(w.text)) {
			return false
		}
	}
	return len(l.words) > 0
}

// itemBeside reports whether the line with amounts nearest line i begins an item
// of its own in the column where line i begins one (七、… above 八、… 1,890.27):
// line i is then no wrapped part of that row's label.
func (r *tableReader) itemBeside(lines []*tline, anchor []bool, i int) bool {
	best, at := math.Inf(1), -1
	for k, l := range lines {
		if anchor[k] && k != i && math.Abs(l.y-lines[i].y) < best {
			best, at = math.Abs(l.y-lines[i].y), k
		}
	}
	if at < 0 || len(lines[i].words) == 0 {
		return false
	}
	j := r.colOf(lines[i].words[0], false)
	for _, w := range lines[at].words {
		if !w.num && r.colOf(w, false) == j {
			return rowStartRe.MatchString(format.Fold(w.text))
		}
	}
	return false
}

// nearestAnchor is the distance from line i to the nearest line with amounts.
func nearestAnchor(lines []*tline, anchor []bool, i int) float64 {
	best := math.Inf(1)
	for k, l := range lines {
		if anchor[k] && k != i {
			best = min(best, math.Abs(l.y-lines[i].y))
		}
	}
	return best
}

// numbers counts a line's amounts.
func (r *tableReader) numbers(l *tline) int {
	n := 0
	for _, w := range l.words {
		if w.num {
			n++
		}
	}
	return n
}

// sharesColumns reports whether two lines print numbers in a column they share.
func (r *tableReader) sharesColumns(a, b *tline) bool {
	cols := map[int]bool{}
	for _, w := range a.words {
		if w.num {
			cols[r.colOf(w, true)] = true
		}
	}
	for _, w := range b.words {
		if w.num && cols[r.colOf(w, true)] {
			return true
		}
	}
	return false
}

// anchors reports whether a body line holds a row's amounts or its code. A number
// in a column of text (a year, a count in a target) anchors nothing.
func (r *tableReader) anchors(l *tline) bool {
	if colNumberLine(l) {
		return false
	}
	for i, w := range l.words {
		if w.num {
			if yearWordRe.MatchString(w.text) && i+1 < len(l.words) && strings.HasPrefix(l.words[i+1].text, "年") {
				continue
			}
			if r.cols != nil && r.textColumnAt(w) && !(codePrefixRe.MatchString(w.text) && r.codeAt(w)) {
				continue
			}
			return true
		}
		if i == 0 && codePrefixRe.MatchString(w.text) {
			return true
		}
	}
	return false
}

// codeAt reports whether a number that reads as a code falls where a code may
// print: a column of codes or one that labels rows, not a target's text (20000 人).
func (r *tableReader) codeAt(w word) bool {
	j := r.colOf(w, true)
	return j >= 0 && (r.cols[j].kind == disclosure.CodeCol || r.labelColumn(j))
}

// balanceRowRe matches the labels of the 收支总表's balance rows, which print no
// amounts where there is nothing to carry.
var balanceRowRe = regexp.MustCompile(`^(使用非财政拨款结余(?:[（(]含专用结余[）)])?|结余分配|上年结转(结余)?|结转下年(结余)?|年终结转结余|年末结转和结余|结转结余下年)$`)

// balanceLine reports whether a line of layout text prints only the labels of
// balance rows (使用非财政拨款结余 … 结转下年): a row of its own, without amounts,
// not the wrapped end of the row above's names (本年收入合计使用非财政拨款结余).
func balanceLine(l *tline) bool {
	for _, w := range l.words {
		if !balanceRowRe.MatchString(format.Fold(w.text)) {
			return false
		}
	}
	return len(l.words) > 0
}

// startsRow reports whether a line of text only begins a row: an item number, a
// code or a total's label at its start.
func (r *tableReader) startsRow(l *tline) bool {
	if len(l.words) == 0 {
		return false
	}
	if c := format.Fold(l.compact); totalRe.MatchString(c) || emptyRowRe.MatchString(c) {
		return true
	}
	// An item number or a code begins a row in a column that labels rows, not in
	// a target's text (1. … 2. …).
	w := l.words[0]
	return rowStartRe.MatchString(format.Fold(w.text)) && (r.cols == nil || r.labelColumn(r.colOf(w, w.num)))
}

// colOf returns the column a word belongs to. Numbers go where their centre is;
// text where it starts, as names are set flush left, unless it is centred.
func (r *tableReader) colOf(w word, number bool) int {
	if w.col >= 0 && len(r.cols) > 0 && r.cols[0].cell != nil && r.cols[0].cell.col >= 0 {
		for j, c := range r.cols {
			if c.cell.col == w.col {
				return j
			}
		}
		return -1
	}
	x := w.center()
	if !number {
		// Text is set flush left in its column, which starts after the header
		// text of the column before it.
		j := 0
		for k := 1; k < len(r.cols); k++ {
			prev := r.cols[k-1].cell
			start := r.cols[k].lo
			if prev != nil && prev.x1 < r.cols[k].cell.x0 {
				start = min(start, prev.x1+0.3*r.em)
			}
			if w.x0 >= start {
				j = k
			}
		}
		return j
	}
	for j, c := range r.cols {
		if x >= c.lo && x < c.hi {
			if j > 0 && c.kind == disclosure.CodeCol && amountWord(w) && w.x0 < c.lo && moneyCol(r.cols[j-1].kind) {
				// An amount set flush right under a narrow header may reach past
				// the middle between that header and a code column beside it (the
				// other half of 基本支出决算表): an amount is no code, and it starts
				// in the column of amounts.
				return j - 1
			}
			return j
		}
	}
	if len(r.cols) == 0 {
		return -1
	}
	if x < r.cols[0].lo {
		return 0
	}
	return len(r.cols) - 1
}

// place puts a line's words into the row's cells.
func (r *tableReader) place(row *rawRow, l *tline, anchor bool) {
	r.placeOwned(row, l, nil)
}

// lastGridCol is the last tab-separated column the header of a grid table
// names, or -1.
func (r *tableReader) lastGridCol() int {
	last := -1
	for _, c := range r.cols {
		if c.cell != nil {
			last = max(last, c.cell.col)
		}
	}
	return last
}

// placeOwned is place where owner, if not nil, names the row of each word of text
// (by its index on the line) that belongs to another row than the line's.
func (r *tableReader) placeOwned(row *rawRow, l *tline, owner map[int]*rawRow) {
	if row == nil {
		return
	}
	var nums []word
	lastCode := -1 // the code column the word before filled, if it filled one
	for i, w := range l.words {
		if w.num && !r.textColumnAt(w) {
			nums = append(nums, w)
			lastCode = -1
			continue
		}
		j := r.colOf(w, false)
		if j < 0 {
			continue
		}
		if w.num && r.cols[j].kind != disclosure.TextCol && r.cols[j].kind != disclosure.CodeCol {
			// A number read as text (a 行次, a code) whose start lies in the
			// column of amounts after its own stays where its centre is.
			if c := r.colOf(w, true); c >= 0 && c < j {
				j = c
			}
		}
		if k := lastCode + 1; lastCode >= 0 && k <= j && k < len(r.cols) && r.cols[k].kind == disclosure.CodeCol && row.cells[k] == "" {
			// Layout text sets a code's parts wider apart than the header's 类
			// 款 项: a part after the code columns filled so far is the next
			// one's (201 06 01 行政运行), also run into the name (01行政运行),
			// which goes on in the column of names after the codes.
			if codePartRe.MatchString(w.text) {
				j = k
			} else if m := codePartNameRe.FindStringSubmatch(w.text); m != nil {
				name := j
				for name < len(r.cols) && r.cols[name].kind == disclosure.CodeCol {
					name++
				}
				if name < len(r.cols) && r.cols[name].kind == disclosure.TextCol {
					row.cells[k] = m[1]
					w.text, j = m[2], name
				}
			}
		}
		lastCode = -1
		if r.cols[j].kind == disclosure.CodeCol {
			lastCode = j
		}
		to := row
		if o := owner[i]; o != nil {
			to = o
		}
		if r.cols[j].kind == disclosure.CodeCol && to.cells[j] != "" {
			to.cells[j] += " "
		}
		to.cells[j] = joinCell(to.cells[j], w.text)
	}
	nums = r.splitBeyond(row, nums)
	if len(nums) == 0 {
		return
	}
	if len(r.cols) > 0 && r.cols[0].cell != nil && r.cols[0].cell.col >= 0 && nums[0].col >= 0 {
		for _, w := range nums {
			if j := r.colOf(w, true); j >= 0 {
				row.cells[j] = joinCell(row.cells[j], w.text)
			} else if w.col > r.lastGridCol() {
				row.surplus = append(row.surplus, w.text) // a number beyond the header's columns
			}
		}
		return
	}
	// Numbers keep their order across the columns that take numbers, each as near
	// its column's centre as can be.
	var amountCols []int
	for j, c := range r.cols {
		if c.kind != disclosure.TextCol && c.kind != disclosure.CodeCol {
			amountCols = append(amountCols, j)
		}
	}
	ends := make([]float64, len(nums))
	for i, w := range nums {
		ends[i] = w.center()
	}
	anchors := make([]float64, len(amountCols))
	for i, j := range amountCols {
		anchors[i] = r.cols[j].center
	}
	if edges := r.textEdges(amountCols); edges != nil {
		// Layout text sets amounts flush right: a short amount's centre may lie
		// nearer the next column than its own, its end does not.
		for i, w := range nums {
			ends[i] = w.x1
		}
		anchors = edges
	}
	cols, _, ok := assign(ends, anchors)
	if !ok {
		// More numbers than columns: place each where it falls.
		for _, w := range nums {
			if j := r.colOf(w, true); j >= 0 {
				row.cells[j] = joinCell(row.cells[j], w.text)
			}
		}
		return
	}
	for i, w := range nums {
		j := amountCols[cols[i]]
		row.cells[j] = joinCell(row.cells[j], w.text)
		r.noteRight(j, w)
	}
}

// splitBeyond keeps, of a positioned line's numbers, those within the table when
// the line prints more numbers than the table has columns of amounts: a number
// that starts past the last column of amounts, right of where that column's
// amounts end, is then printed beyond the header's columns (a number too many).
// It goes to the row's surplus, reported where it is and in no sum, instead of
// running into the last cell and leaving the table unread. A line with no more
// numbers than columns keeps them all: layout text spreads a page's columns
// otherwise than its header, and an amount may well end past its header's slot.
func (r *tableReader) splitBeyond(row *rawRow, nums []word) []word {
	if len(nums) == 0 || nums[0].col >= 0 || len(r.cols) < 2 {
		return nums
	}
	lastCol := len(r.cols) - 1
	last := r.cols[lastCol]
	if !moneyCol(last.kind) || math.IsInf(last.hi, 1) {
		return nums
	}
	amounts := 0
	for _, c := range r.cols {
		if moneyCol(c.kind) {
			amounts++
		}
	}
	if len(nums) <= amounts {
		return nums
	}
	end := last.hi
	if xs := r.rights[lastCol]; len(xs) >= 3 {
		end = max(end, slices.Max(xs)+0.5*r.em)
	}
	kept := nums[:0:0]
	for i, w := range nums {
		if i >= amounts && w.x0 >= end {
			row.surplus = append(row.surplus, w.text)
			continue
		}
		kept = append(kept, w)
	}
	return kept
}

// pullAmounts moves onto its column an amount that layout text sets so far off
// that it falls in a column of text beside it: layout text squeezes the columns of
// a page otherwise than its header (2.非财政拨款结余、结转 … 268.37 under the other
// side's 项目; 本年支出合计 29,956.265460 under 本年支出合计's own column). An
// amount in a column of text belongs to the column of amounts after it when the
// line prints that column's label before it, else to the column of amounts
// before it, if the line prints nothing in that column.
func (r *tableReader) pullAmounts(l *tline) *tline {
	var out *tline
	for k, w := range l.words {
		if !amountWord(w) {
			continue
		}
		j := r.colOf(w, true)
		if j < 0 || r.cols[j].kind != disclosure.TextCol && r.cols[j].kind != disclosure.CodeCol {
			continue
		}
		to := j - 1
		for _, x := range l.words[:k] {
			if !x.num && r.colOf(x, false) == j {
				to = j + 1
			}
		}
		if to < 0 || to >= len(r.cols) || r.cols[to].kind == disclosure.TextCol || r.cols[to].kind == disclosure.CodeCol {
			continue
		}
		// The column is taken by an amount before this one, or by one after it
		// that has no column left of its own to move on to: the numbers keep
		// their order over the columns of amounts (placeOwned), so an amount
		// after this one moves on when there is room.
		taken, clash, after := false, false, 0
		for i, x := range l.words {
			if !x.num || i == k {
				continue
			}
			if i > k && amountWord(x) {
				after++
			}
			if r.colOf(x, true) == to {
				if i < k {
					taken = true
				} else {
					clash = true
				}
			}
		}
		if taken || clash && !r.roomAfter(to, after) {
			continue
		}
		if out == nil {
			c := *l
			c.words = slices.Clone(l.words)
			out = &c
		}
		c := r.cols[to].center
		half := (w.x1 - w.x0) / 2
		out.words[k].x0, out.words[k].x1 = c-half, c+half
	}
	if out == nil {
		return l
	}
	return out
}

// roomAfter reports whether n numbers can take the columns of amounts after
// column to, in order: there are that many, all of them columns of amounts.
func (r *tableReader) roomAfter(to, n int) bool {
	free := 0
	for j := to + 1; j < len(r.cols); j++ {
		if r.cols[j].kind == disclosure.TextCol || r.cols[j].kind == disclosure.CodeCol {
			return false
		}
		free++
	}
	return free >= n
}

// runningFigure reads as text the figures of a target's text that layout text
// wraps under a row (19.53 公里北线引水工程及; …河道总长度 / 22.45 公里）): a figure
// that opens a line right below a word of text starting where it starts (amounts
// are set flush right, so they seldom start where text above them starts), and a
// figure followed at one space by a measure word (公里, 个, 项次), which no
// amount's cell is. A code in a column of codes stays a code.
func (r *tableReader) runningFigure(above, l *tline) *tline {
	var out *tline
	for k, w := range l.words {
		if !w.num || k+1 >= len(l.words) || l.words[k+1].num {
			continue
		}
		if j := r.colOf(w, true); j >= 0 && r.cols[j].kind == disclosure.CodeCol {
			continue
		}
		next := l.words[k+1]
		text := next.x0-w.x1 <= 1 && measureRe.MatchString(next.text)
		if k == 0 && above != nil && l.y-above.y == 1 {
			for _, a := range above.words {
				if !a.num && a.x0 == w.x0 {
					text = true
				}
			}
		}
		if !text {
			continue
		}
		if out == nil {
			c := *l
			c.words = slices.Clone(l.words)
			out = &c
		}
		out.words[k].num = false
	}
	if out == nil {
		return l
	}
	return out
}

// measureRe is a measure word that follows a count in running text.
var measureRe = regexp.MustCompile(`^(?:公里|千米|米|平方|立方|个|项|人|台|套|辆|户|座|次|家|所|宗|件|条|份|处|天|小时|吨|篇|场|期|批|万人|亿)`)

// textEdges returns, in layout text, where the amounts of each of cols end, as
// the rows read so far show; nil unless at least two columns have shown it a few
// times. A column that has not yet shown it is taken to end as far right of its
// centre as the columns that have: a header may sit well left of its amounts
// (合计 centred at 40 over amounts ending at 52), so the first amounts of a column
// that fills late go by their ends too, not by centres the header misplaces.
func (r *tableReader) textEdges(cols []int) []float64 {
	if r.em != 1 {
		return nil
	}
	edges := make([]float64, len(cols))
	var offsets []float64
	for i, j := range cols {
		if len(r.rights[j]) < 3 {
			edges[i] = math.NaN()
			continue
		}
		edges[i] = median(r.rights[j])
		offsets = append(offsets, edges[i]-r.cols[j].center)
	}
	if len(offsets) == len(cols) {
		return edges
	}
	if len(offsets) < 2 {
		return nil
	}
	off := median(offsets)
	for i, j := range cols {
		if math.IsNaN(edges[i]) {
			edges[i] = r.cols[j].center + off
		}
	}
	for i := 1; i < len(edges); i++ {
		if edges[i] <= edges[i-1] {
			return nil
		}
	}
	return edges
}

// moneyCol reports whether a column of the kind holds amounts.
func moneyCol(k disclosure.ColumnKind) bool {
	return k != disclosure.TextCol && k != disclosure.CodeCol
}

// amountWord reports whether a word is an amount: a number with a separator or
// decimals, which codes and years are not.
func amountWord(w word) bool {
	return w.num && strings.ContainsAny(w.text, ".,")
}

// noteRight records where a number placed in column j ends.
func (r *tableReader) noteRight(j int, w word) {
	if r.rights == nil {
		r.rights = map[int][]float64{}
	}
	if len(r.rights[j]) < 64 {
		r.rights[j] = append(r.rights[j], w.x1)
	}
}

// register moves the words of a page that goes on with a table without printing
// its header again so that its numbers end where the numbers of the pages before
// ended. Layout text sets each page on a grid of its own, so a page may start some
// characters left of the one before, and squeezes the space between a row's
// text and its amounts otherwise than on the page before: only amounts move, and
// only where that brings clearly more of them onto their columns. A page that no
// shift sets right is fitted column by column (fitPage).
func (r *tableReader) register(lines []*tline, pg *tpage) []*tline {
	if out, ok := r.fitPage(lines, pg); ok {
		return out
	}
	if out, ok := r.shiftPage(lines, pg); ok {
		return out
	}
	return lines
}

// shiftPage moves the amounts of a page by one distance so that clearly more of
// them end where the amounts of the pages before ended; ok is false when no
// distance does.
func (r *tableReader) shiftPage(lines []*tline, pg *tpage) (out []*tline, ok bool) {
	var edges []float64
	for _, xs := range r.rights {
		if len(xs) < 2 {
			continue
		}
		m := slices.Clone(xs)
		slices.Sort(m)
		if m[len(m)-1]-m[0] <= 0.6*pg.em {
			edges = append(edges, m[len(m)/2])
		}
	}
	var ends []float64
	for _, l := range lines {
		for _, w := range l.words {
			if amountWord(w) {
				ends = append(ends, w.x1)
			}
		}
	}
	if len(edges) == 0 || len(ends) < 3 {
		return nil, false
	}
	tol := 0.4 * pg.em
	fit := func(s float64) int {
		n := 0
		for _, x := range ends {
			for _, e := range edges {
				if math.Abs(x+s-e) <= tol {
					n++
					break
				}
			}
		}
		return n
	}
	base := fit(0)
	best, shift := base, 0.0
	for _, x := range ends {
		for _, e := range edges {
			s := e - x
			if math.Abs(s) > 30*pg.em || math.Abs(s) <= tol {
				continue
			}
			if n := fit(s); n > best || n == best && math.Abs(s) < math.Abs(shift) {
				best, shift = n, s
			}
		}
	}
	if shift == 0 || best < base+2 || 10*best < 6*len(ends) {
		return nil, false
	}
	out = make([]*tline, len(lines))
	for i, l := range lines {
		c := *l
		c.words = slices.Clone(l.words)
		for k, w := range c.words {
			if amountWord(w) {
				c.words[k].x0 += shift
				c.words[k].x1 += shift
			}
		}
		out[i] = &c
	}
	return out, true
}

// textColumnAt reports whether a number falls in a column of text or codes (a
// code, a year), where it is text.
func (r *tableReader) textColumnAt(w word) bool {
	j := r.colOf(w, true)
	if j < 0 {
		return false
	}
	k := r.cols[j].kind
	return k == disclosure.TextCol || k == disclosure.CodeCol
}

func joinCell(a, b string) string {
	if a == "" {
		return b
	}
	return a + b
}

// mergedAmountRe finds amounts with decimals in a cell's text. Layout text
// that sets a page's lines on grids of their own may run the last lines of a
// table together (本年收入合计 … / 上年结转结余 379.264822 …), leaving two amounts
// in one cell of amounts: no table prints that, so the table was not read.
var mergedAmountRe = regexp.MustCompile(`[0-9]\.[0-9]{2}`)

// finish turns the raw rows into the table: the columns' kinds where the header
// did not say, amounts, codes, and row kinds.
func (r *tableReader) finish() (*disclosure.Table, error) {
	t := r.t
	if t.Unit == "" && r.spec != nil {
		t.Unit = r.spec.Unit
	}
	if t.Unit == "" {
		t.Unit = money.UnitWan
	}
	if gridLayout(r.spec) && r.cols == nil {
		return r.readIndicators()
	}
	// Columns the vocabulary does not know are amounts when most of their cells are
	// numbers.
	for j, c := range r.cols {
		if c.kind != "" {
			continue
		}
		nums, texts := 0, 0
		for _, row := range r.rows {
			switch v := row.cells[j]; {
			case v == "":
			case numberRe.MatchString(v) || v == "-" || v == "—":
				nums++
			default:
				texts++
			}
		}
		c.kind = disclosure.TextCol
		if nums > texts || nums == 0 && texts == 0 && j > 0 && r.cols[j-1].kind == disclosure.AmountCol {
			c.kind = disclosure.AmountCol
		}
	}
	seen := map[string]int{}
	paths := map[string]bool{}
	// A table of two halves side by side, each with its codes, prints each
	// half's header alike (科目名称 | 决算数 twice).
	halves := r.halves()
	for _, c := range r.cols {
		key := c.key
		if key != "" {
			seen[key]++
			if seen[key] > 1 {
				key = fmt.Sprintf("%s#%d", key, seen[key])
			}
		}
		// Two columns of amounts under the very same heading: no table prints
		// that, so the header was not read as printed.
		if p := format.Fold(strings.Join(c.path, "/")); c.kind == disclosure.AmountCol && len(c.path) > 0 {
			if paths[p] && t.Unread == "" && !halves {
				t.Unread = fmt.Sprintf("表头中有两列读作同一表头“%s”，表头未能按印刷的样子读出", strings.Join(c.path, "/"))
			}
			paths[p] = true
		}
		w := 10
		if c.kind == disclosure.TextCol {
			w = 20
		}
		t.Columns = append(t.Columns, disclosure.Column{Key: key, Kind: c.kind, Width: w})
	}
	t.Header = headerRows(r.cols)
	if len(r.formPages) > 0 {
		// Pages without amounts take the right edge of those with.
		right := 0.0
		for _, p := range r.formPages {
			right = max(right, p.right)
		}
		for _, p := range r.formPages {
			if p.right == 0 {
				p.right = right
			}
		}
		for j, w := range r.spec.Widths {
			if j < len(t.Columns) {
				t.Columns[j].Width = w
			}
		}
		t.Header = nil
		if err := readPerformance(r.file, t, r.formPages); err != nil {
			return nil, err
		}
		return t, nil
	}
	codeCols := r.codeColumns()
	for _, raw := range r.rows {
		row := disclosure.Row{Pos: raw.pos, Cells: make([]disclosure.Cell, len(r.cols)), Surplus: raw.surplus}
		for j, v := range raw.cells {
			v = strings.TrimSpace(v)
			switch r.cols[j].kind {
			case disclosure.AmountCol:
				if v == "" || v == "-" || v == "—" || v == "－" {
					continue
				}
				a, err := money.Parse(strings.TrimSuffix(strings.ReplaceAll(v, "−", "-"), "%"), t.Unit)
				if err != nil || strings.HasSuffix(v, "%") {
					if r.em == 1 && len(mergedAmountRe.FindAllString(v, 2)) > 1 && t.Unread == "" {
						t.Unread = fmt.Sprintf("“%s”一格中有两个金额，几行读成了一行，表格未能按印刷的样子读出", v)
					}
					row.Cells[j] = disclosure.T(v)
					continue
				}
				row.Cells[j] = disclosure.Cell{Amount: &a, Printed: v}
			default:
				row.Cells[j] = disclosure.T(v)
			}
		}
		row.Code = r.rowCode(&row, codeCols)
		if label := format.Fold(rowLabel(&row, r.t)); totalRe.MatchString(label) {
			row.Kind = disclosure.TotalRow
		} else if emptyRowRe.MatchString(label) {
			t.Empty = true
		}
		t.Rows = append(t.Rows, row)
	}
	for _, n := range r.notes {
		t.Notes = append(t.Notes, n)
		if emptyNoteRe.MatchString(n) {
			t.Empty = true
		}
	}
	return t, nil
}

var emptyNoteRe = regexp.MustCompile(`空表|无发生额|无数据|没有数据|无此项|没有使用|没有.*安排的支出|无.*预算支出`)

// emptyRowRe is a row that says the table is empty (此表为空), printed in its body.
var emptyRowRe = regexp.MustCompile(`^(?:此表|本表)?(?:为空|为空表|无数据)[。.]?$`)

// rowLabel is the first text of a row.
func rowLabel(row *disclosure.Row, t *disclosure.Table) string {
	for j, c := range row.Cells {
		if j < len(t.Columns) && t.Columns[j].Kind != disclosure.AmountCol && strings.TrimSpace(c.Text) != "" {
			return c.Text
		}
	}
	return ""
}

// headerRows rebuilds printable header rows from the columns' paths: one row per
// level, each path element spanning the columns that share it, the leaves spanning
// down to the last row.
func headerRows(cols []*column) [][]disclosure.Cell {
	depth := 0
	for _, c := range cols {
		depth = max(depth, len(c.path))
	}
	if depth == 0 {
		return nil
	}
	rows := make([][]disclosure.Cell, depth)
	covered := make([][]bool, depth)
	for i := range covered {
		covered[i] = make([]bool, len(cols))
	}
	for lvl := 0; lvl < depth; lvl++ {
		for j := 0; j < len(cols); j++ {
			if covered[lvl][j] {
				continue
			}
			p := cols[j].path
			if lvl >= len(p) {
				continue
			}
			cell := disclosure.Cell{Text: p[lvl]}
			// A leaf reaches to the bottom.
			if lvl == len(p)-1 && depth-lvl > 1 {
				cell.RowSpan = depth - lvl
				for k := lvl; k < depth; k++ {
					covered[k][j] = true
				}
			}
			span := 1
			if lvl < len(p)-1 {
				for k := j + 1; k < len(cols); k++ {
					q := cols[k].path
					if lvl >= len(q)-1 || !slices.Equal(q[:lvl+1], p[:lvl+1]) {
						break
					}
					span++
					covered[lvl][k] = true
				}
			}
			if span > 1 {
				cell.ColSpan = span
			}
			rows[lvl] = append(rows[lvl], cell)
		}
	}
	return rows
}

// readForm reads a table laid out as a form: its header is part of its body, and
// its columns are the description's. Grid input places each cell on its column.
func (r *tableReader) readForm(lines []*tline, pg *tpage) {
	if r.cols == nil {
		for _, key := range r.spec.Columns {
			r.cols = append(r.cols, &column{key: key, kind: format.ColumnKind(key), cell: &hcell{col: len(r.cols)}})
		}
	}
	if !pg.grid {
		r.readFormLayout(lines, pg)
		return
	}
	for _, l := range lines {
		row := &rawRow{cells: make([]string, len(r.cols)), pos: disclosure.Pos{Page: l.page, Line: l.no}, y: l.y}
		for _, w := range l.words {
			if w.col >= 0 && w.col < len(row.cells) {
				row.cells[w.col] = joinCell(row.cells[w.col], w.text)
			}
		}
		r.rows = append(r.rows, row)
	}
}

// joinSpacedLetters joins the letters of a label spaced out over its cell (收 入 总
// 计, 合   计) into one word.
func joinSpacedLetters(l *tline, em float64) *tline {
	frags := headerFragments(l, em)
	if len(frags) == len(l.words) {
		return l
	}
	cp := *l
	cp.words = nil
	for _, f := range frags {
		cp.words = append(cp.words, word{text: f.text, x0: f.x0, x1: f.x1, col: f.col, span: 1, num: numberRe.MatchString(f.text)})
	}
	return &cp
}
