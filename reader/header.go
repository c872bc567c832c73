package reader

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"yusuan/disclosure"
	"yusuan/format"
)

// A table's header is a grid of cells, some spanning columns and rows, printed as
// text: each cell's words centred in it, wrapped over lines. The engine rebuilds
// the grid from where the words are: the lowest cells are the columns, and every
// cell above covers the columns below it that it is centred over. A column is then
// known by the texts over it (format.Meaning), never by its place.

// hcell is one header cell: its words joined, its box, and for grid input its
// first column and span.
type hcell struct {
	text                string
	x0, x1, top, bottom float64
	lines               int
	col                 int // grid input: first column; -1 otherwise
	// spaced marks a label whose letters are spaced out over its cell: it is
	// complete on its line.
	spaced bool
	leaf   bool
	// first and last are the columns a parent cell covers.
	first, last int
}

func (c *hcell) cx() float64 { return (c.x0 + c.x1) / 2 }
func (c *hcell) cy() float64 { return (c.top + c.bottom) / 2 }

// column is one leaf column of a table as read.
type column struct {
	cell   *hcell
	center float64
	lo, hi float64 // the slot: a word centred in [lo, hi) belongs here
	path   []string
	key    string
	kind   disclosure.ColumnKind
}

// knownHeader reports whether text is a complete header word: the vocabulary
// knows it, or it is one of the words headers of every table share.
func knownHeader(text string) bool {
	f := format.Fold(text)
	switch f {
	case "收入", "支出", "项目", "合计", "总计", "小计", "科目", "金额", "年度", "单位", "名称", "预算数", "收入总计", "支出总计":
		return true
	}
	if totalRe.MatchString(f) {
		return true
	}
	for _, k := range []disclosure.TableKind{disclosure.SummaryTable, disclosure.IncomeTable, disclosure.SpendingTable, disclosure.SanGongTable, disclosure.ProjectTable, disclosure.ProjectPerformanceTable, disclosure.FiscalSummaryTable} {
		if key, _ := format.Meaning(k, []string{f}, 0); key != "" {
			return true
		}
	}
	return false
}

// headerFragments returns a header line's words as fragments, letters spaced out
// over a cell (收    入, 合   计) joined back into their word.
func headerFragments(l *tline, em float64) []*hcell {
	var out []*hcell
	ws := splitHeaderWords(l.words)
	for i := 0; i < len(ws); {
		j := i + 1
		// Extend over single characters spaced out evenly, as long as they make a
		// known word.
		if utf8.RuneCountInString(ws[i].text) == 1 {
			best := i + 1
			text := ws[i].text
			for k := i + 1; k < len(ws) && utf8.RuneCountInString(ws[k].text) == 1 && ws[k].x0-ws[k-1].x1 < 20*em; k++ {
				text += ws[k].text
				if knownHeader(text) {
					best = k + 1
				}
			}
			j = best
		}
		c := &hcell{x0: ws[i].x0, x1: ws[j-1].x1, top: l.top, bottom: l.bottom, lines: 1, col: ws[i].col, spaced: j-i > 1}
		var b strings.Builder
		for _, w := range ws[i:j] {
			b.WriteString(w.text)
		}
		c.text = b.String()
		out = append(out, c)
		i = j
	}
	return out
}

// splitHeaderWords cuts a word that holds two header words a space apart
// (政府性基金预算 国有资本经营预算): close cells can print as one word.
func splitHeaderWords(ws []word) []word {
	var out []word
	for _, w := range ws {
		parts := strings.Split(w.text, " ")
		if len(parts) < 2 || w.col >= 0 {
			out = append(out, w)
			continue
		}
		// Header labels hold no spaces but after a year (2026 年预算数): pieces of
		// two letters or more, none of them a number, are cells of their own.
		all := true
		for _, p := range parts {
			all = all && utf8.RuneCountInString(p) >= 2 && !unicode.IsDigit([]rune(p)[0]) && !strings.HasPrefix(p, "年")
		}
		if !all {
			out = append(out, w)
			continue
		}
		total := utf8.RuneCountInString(w.text)
		per := (w.x1 - w.x0) / float64(max(total, 1))
		at := 0
		for _, p := range parts {
			n := utf8.RuneCountInString(p)
			out = append(out, word{text: p, x0: w.x0 + float64(at)*per, x1: w.x0 + float64(at+n)*per, col: -1})
			at += n + 1
		}
	}
	return out
}

// headerCells joins the fragments of the header lines into cells: a fragment
// continues the cell above it when it sits right below it, centred or flush left
// with it. A chain of lines that the vocabulary reads better as several cells is
// cut where the words say (财政拨款 over 政府性基金预算拨款 is a parent and its child,
// not a wrapped line; 其中：2026年 / 政府采购项目 / 中预留给 / … is one cell).
func headerCells(lines []*tline, em float64, text bool) []*hcell {
	type chain struct {
		frags []*hcell
		// carried says the chain's last line lies a line of other cells' words
		// above the line being read (layout text).
		carried bool
	}
	var open []*chain // chains that may continue on the next line
	var all []*chain
	for _, l := range lines {
		var next []*chain
		for _, f := range headerFragments(l, em) {
			var joined *chain
			if text {
				joined = completes(open, f, func(c *chain) []*hcell { return c.frags }, func(c *chain) bool { return c.carried })
			}
			for _, c := range open {
				if joined != nil {
					break
				}
				last := c.frags[len(c.frags)-1]
				if continues(last, f, em, text) || text && c.carried && f.top-last.bottom <= 1.6 && continues(shifted(last, f.top-last.bottom), f, em, text) && !apart(c.frags, f) ||
					!text && c.carried && f.top-last.bottom <= 2*em && continues(shifted(last, f.top-last.bottom), f, em, text) && wraps(c.frags, f) {
					joined = c
					break
				}
			}
			if joined != nil {
				joined.frags = append(joined.frags, f)
				joined.carried = false
				next = append(next, joined)
				open = slices.DeleteFunc(open, func(c *chain) bool { return c == joined })
				continue
			}
			c := &chain{frags: []*hcell{f}}
			all = append(all, c)
			next = append(next, c)
		}
		// A cell whose next line is taken by nothing may still continue below a
		// line of other cells' words (the lines of a cell are interleaved with the
		// lines of taller neighbours).
		for _, c := range open {
			last := c.frags[len(c.frags)-1]
			switch {
			case !text && l.top-last.bottom < 1.25*em:
				c.carried = c.carried || !overlaps(l, last)
				next = append(next, c)
			case text && !c.carried && l.top-last.bottom < 0.6 && !overlaps(l, last):
				c.carried = true
				next = append(next, c)
			}
		}
		open = next
	}
	var cells []*hcell
	for _, c := range all {
		cells = append(cells, splitChain(c.frags)...)
	}
	return cells
}

// completes finds the open chain, if any, whose word fragment f completes in
// layout text, which shifts a wrapped cell's next line to the right of where its
// first line starts, even under its neighbour (政府性基金 / 预算 with 预算 flush
// with 国有资本经 beside it, whose 营预算 lies further right still). f must lie on
// the chain's next line (or the one after, past a line of other cells' words)
// and start within twice the chain's last line's width after it; the nearest
// such chain wins.
func completes[C any](open []C, f *hcell, frags func(C) []*hcell, carried func(C) bool) C {
	var best C
	bestD := math.Inf(1)
	for _, c := range open {
		fs := frags(c)
		last := fs[len(fs)-1]
		if last.spaced {
			continue // letters spaced over a cell fill it: no line wraps there
		}
		gap := f.top - last.bottom
		if gap > 0.6 && !(carried(c) && gap <= 1.6) || gap < 0 {
			continue
		}
		d := f.x0 - last.x0
		if d < 0 || d > 2*(last.x1-last.x0) {
			continue
		}
		var b strings.Builder
		for _, p := range fs {
			b.WriteString(p.text)
		}
		if !knownHeader(b.String() + f.text) {
			continue
		}
		if (f.x0 >= last.x1 || gap > 0.6) && twoWords(fs, f) {
			continue
		}
		if d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// wraps reports whether fragment f completes the header word that frags begin:
// a cell's last characters wrapped below a line of its neighbours' words
// (采购品目大 / 类).
func wraps(frags []*hcell, f *hcell) bool {
	var b strings.Builder
	for _, p := range frags {
		b.WriteString(p.text)
	}
	return !knownHeader(b.String()) && knownHeader(b.String()+f.text)
}

// twoWords reports whether fragment f is a total's word (合计, 小计) and the one
// line of a chain above it a whole header word: in layout text, set right of the
// chain's end or past a line of other cells' words, they are two cells, not one
// word cut (a group's heading beside its 小计, 本年收入 / 小计). Other words run on
// (功能分类 / 科目编码), as does a word already cut over lines (政府性基金预 / 算 /
// 财政拨款).
func twoWords(frags []*hcell, f *hcell) bool {
	return len(frags) == 1 && knownHeader(frags[0].text) && totalRe.MatchString(format.Fold(f.text))
}

// apart reports whether fragment f, a line of other cells' words below a chain
// of layout text, is a cell of its own though it lines up with the chain: the
// chain and f are whole header words that make no word together (a side's
// heading 支出 over the heading 一般公共预算 of one of its columns, flush left
// with it), or f is a total's word under a heading (支出 over its 合计). A word
// cut over lines leaves an incomplete piece on one side (一般公共预算 / 财 /
// 政拨款).
func apart(frags []*hcell, f *hcell) bool {
	var b strings.Builder
	for _, p := range frags {
		b.WriteString(p.text)
	}
	text := b.String()
	return twoWords(frags, f) || knownHeader(text) && knownHeader(f.text) && !knownHeader(text+f.text)
}

// shifted is cell c moved down by d, as if its next line followed it directly.
func shifted(c *hcell, d float64) *hcell {
	s := *c
	s.top += d
	s.bottom += d
	return &s
}

// overlaps reports whether any word of line l lies over cell c's extent.
func overlaps(l *tline, c *hcell) bool {
	for _, w := range l.words {
		if w.x1 > c.x0 && w.x0 < c.x1 {
			return true
		}
	}
	return false
}

// splitChain makes cells of a chain of fragments one below the other: one cell if
// the whole is a header word, else cut in up to three pieces so that the most
// pieces are header words (the fewest pieces on a tie). A piece that opens with a
// bracket or a stop continues the piece above it.
func splitChain(frags []*hcell) []*hcell {
	join := func(fs []*hcell) *hcell {
		c := *fs[0]
		for _, f := range fs[1:] {
			c.text += f.text
			c.x0, c.x1 = min(c.x0, f.x0), max(c.x1, f.x1)
			c.bottom = f.bottom
			c.lines++
		}
		return &c
	}
	text := func(fs []*hcell) string {
		var b strings.Builder
		for _, f := range fs {
			b.WriteString(f.text)
		}
		return b.String()
	}
	n := len(frags)
	if n == 1 || knownHeader(text(frags)) {
		return []*hcell{join(frags)}
	}
	cuttable := func(k int) bool { return !strings.ContainsAny(string([]rune(frags[k].text)[:1]), "（(、，,）)") }
	best, bestKnown := [][]*hcell{frags}, 0
	consider := func(pieces ...[]*hcell) {
		known := 0
		for _, p := range pieces {
			if knownHeader(text(p)) {
				known++
			}
		}
		if known > bestKnown || known == bestKnown && known > 0 && len(pieces) < len(best) {
			best, bestKnown = pieces, known
		}
	}
	for k := 1; k < n; k++ {
		if cuttable(k) {
			consider(frags[:k], frags[k:])
		}
	}
	for k := 1; k < n; k++ {
		for m := k + 1; m < n; m++ {
			if cuttable(k) && cuttable(m) {
				consider(frags[:k], frags[k:m], frags[m:])
			}
		}
	}
	var out []*hcell
	for _, p := range best {
		out = append(out, join(p))
	}
	return out
}

// continues reports whether fragment f, on a line below c, is c's next line.
func continues(c, f *hcell, em float64, text bool) bool {
	if c.spaced {
		return false
	}
	gap := f.top - c.bottom
	if text {
		// Layout text keeps a line between a cell's lines where a cell beside
		// it prints one there; a word's last character or two wrapped alone
		// (机关运行经费预算 / 数) may lie that far below.
		if gap > 0.6 && !(gap <= 1.6 && utf8.RuneCountInString(f.text) <= 2 && knownHeader(c.text+f.text) && !knownHeader(c.text)) {
			return false
		}
	} else if gap > 1.25*em || gap < -0.5*em {
		// A cell's lines may be nearly a line apart (and parent and child cells
		// no further): splitChain cuts what the words say are two cells.
		return false
	}
	if f.x1 < c.x0 || f.x0 > c.x1 {
		return false
	}
	wc, wf := c.x1-c.x0, f.x1-f.x0
	centred := math.Abs(c.cx()-f.cx()) <= max(1.0*em, 0.2*max(wc, wf))
	if text && !centred && c.lines <= 1 {
		// Layout text gives a wide character one column of its grid but two of
		// the page's width: lines of wide and narrow characters centred on
		// one another (2025 年执行数 / （扣除中央基建投资）) are centred by
		// their printed widths.
		wc, wf = 2*(wideCentre(c)-c.x0), 2*(wideCentre(f)-f.x0)
		centred = math.Abs(wideCentre(c)-wideCentre(f)) <= max(1.0*em, 0.2*max(wc, wf))
	}
	flush := math.Abs(c.x0-f.x0) <= 0.6*em
	return centred || flush
}

// wideCentre is the centre of a one-line cell of layout text whose wide
// characters take two columns each.
func wideCentre(c *hcell) float64 {
	if c.lines > 1 {
		return c.cx()
	}
	w := 0
	for _, r := range c.text {
		w += runeWidth(r)
	}
	return c.x0 + float64(w)/2
}

// nothingBelow reports whether no cell lies below cell c within its extent.
func nothingBelow(c *hcell, cells []*hcell) bool {
	for _, d := range cells {
		if d != c && d.top >= c.bottom-0.1 && overlap(c.x0, c.x1, d.x0, d.x1) > 0 {
			return false
		}
	}
	return true
}

// buildColumns finds the leaf columns of a header and what covers each.
func buildColumns(cells []*hcell, em float64) []*column {
	if len(cells) == 0 {
		return nil
	}
	top, bottom := math.Inf(1), math.Inf(-1)
	for _, c := range cells {
		top, bottom = min(top, c.top), max(bottom, c.bottom)
	}
	mid := (top + bottom) / 2
	// The lowest cells are leaves; going up, a cell over none of them is a leaf too
	// if it reaches the bottom, which a cell centred on the band's lower half does.
	byY := slices.Clone(cells)
	slices.SortStableFunc(byY, func(a, b *hcell) int { return cmpFloat(b.bottom, a.bottom) })
	var leaves []*hcell
	lowest := byY[0].bottom
	for _, c := range byY {
		if lowest-c.bottom <= 0.5*em {
			c.leaf = true
			leaves = append(leaves, c)
		}
	}
	for _, c := range byY {
		if c.leaf {
			continue
		}
		over := false
		for _, l := range leaves {
			if overlap(c.x0, c.x1, l.x0, l.x1) > 0.1*em && l.top > c.top {
				over = true
				break
			}
		}
		// Layout text squeezes a header's lines together: there a cell with no
		// cell below it is a column of its own wherever it lies.
		if !over && (c.cy() >= mid-0.6*em || nothingBelow(c, cells)) && !overGap(c, leaves, cells, em) {
			c.leaf = true
			leaves = append(leaves, c)
		}
	}
	slices.SortStableFunc(leaves, func(a, b *hcell) int { return cmpFloat(a.cx(), b.cx()) })
	cols := make([]*column, len(leaves))
	for i, l := range leaves {
		cols[i] = &column{cell: l, center: l.cx()}
	}
	setSlots(cols)
	// A leaf's cell reaches from the row it starts in to the bottom, centred: its
	// top is as far above its centre as the bottom is below.
	leafTop := make([]float64, len(cols))
	for i, c := range cols {
		leafTop[i] = 2*c.cell.cy() - bottom
	}
	var parents []*hcell
	for _, c := range cells {
		if !c.leaf {
			parents = append(parents, c)
		}
	}
	// Parents are placed row by row from the bottom up: a parent covers whole
	// blocks of what the rows below it made, centred on it.
	slices.SortStableFunc(parents, func(a, b *hcell) int { return cmpFloat(b.cy(), a.cy()) })
	units := make([][2]int, len(cols))
	for j := range cols {
		units[j] = [2]int{j, j}
	}
	// heads names each block of columns a parent placed.
	heads := map[[2]int]string{}
	for len(parents) > 0 {
		row := []*hcell{parents[0]}
		rest := parents[1:]
		parents = nil
		for _, p := range rest {
			if overlap(p.top, p.bottom, row[0].top, row[0].bottom) > 0 {
				row = append(row, p)
			} else {
				parents = append(parents, p)
			}
		}
		units = spanRow(row, cols, units, heads, leafTop, em)
		for _, p := range row {
			if p.first >= 0 {
				heads[[2]int{p.first, p.last}] = p.text
			}
		}
	}
	for _, p := range cells {
		if p.leaf || p.first < 0 {
			continue
		}
		for j := p.first; j <= p.last; j++ {
			cols[j].path = append(cols[j].path, p.text)
		}
	}
	for _, c := range cols {
		c.path = append(c.path, c.cell.text)
	}
	return cols
}

// overGap reports whether a cell is centred over the gap between two neighbouring
// leaves that lie wholly below it: a parent of two columns whose text is too short
// to reach over either (功能分类 over 功能科目名称 and 金额). A cell with a
// neighbour of its own line in the same gap is one of the columns there (科目名称
// beside 决算数 between the 款 and the 类 of a table's two halves).
//
// Layout text stretches the body's lines by their narrow figures, pushing the
// columns right of them further than a heading on a line of wide characters
// above: beside a heading centred over its gap (收入), the side heading of a
// two-sided table (支出) lies up to a third of its gap off centre.
func overGap(c *hcell, leaves, cells []*hcell, em float64) bool {
	if gapCentred(c, leaves, cells, em, 0.25) {
		return true
	}
	if em != 1 || !gapCentred(c, leaves, cells, em, 0.35) {
		return false
	}
	for _, d := range cells {
		if d != c && overlap(d.top, d.bottom, c.top, c.bottom) > 0.5*(c.bottom-c.top) && gapCentred(d, leaves, cells, em, 0.25) {
			return true
		}
	}
	return false
}

// gapCentred is overGap with the share of the gap a cell may lie off its centre.
func gapCentred(c *hcell, leaves, cells []*hcell, em, share float64) bool {
	sorted := slices.Clone(leaves)
	slices.SortFunc(sorted, func(a, b *hcell) int { return cmpFloat(a.cx(), b.cx()) })
	for i := 1; i < len(sorted); i++ {
		a, b := sorted[i-1], sorted[i]
		if !(a.cx() < c.cx() && c.cx() < b.cx()) {
			continue
		}
		below := a.top >= c.bottom-0.2*em && b.top >= c.bottom-0.2*em
		centred := math.Abs(c.cx()-(a.cx()+b.cx())/2) <= share*(b.cx()-a.cx())
		for _, d := range cells {
			if d != c && a.cx() < d.cx() && d.cx() < b.cx() && overlap(d.top, d.bottom, c.top, c.bottom) > 0.5*(c.bottom-c.top) && overlap(d.x0, d.x1, c.x0, c.x1) <= 0 {
				return false
			}
		}
		return below && centred
	}
	return false
}

// spanRow gives each parent of one header row the columns it covers: whole blocks
// of the rows below it (units), whose leaves start below it, centred on it. Parents
// of a row do not share columns; the placement that places the most parents wins,
// then the one that covers the most columns, then the best centred. It returns the
// blocks with each placed parent's span as one.
//
// Layout text may set a parent's words well off its columns' centre (本年支出 a
// dozen characters left of the 支出 side it heads, next to 本年收入): where the
// parents of a row cannot all be placed, a placement within twice the tolerance
// that places more of them wins, each parent's words lying over its columns.
func spanRow(row []*hcell, cols []*column, units [][2]int, heads map[[2]int]string, leafTop []float64, em float64) [][2]int {
	out, placed := spanRowWithin(row, cols, units, heads, leafTop, em, 1)
	if em != 1 {
		return out
	}
	if placed < len(row) {
		if wide, more := spanRowWithin(row, cols, units, heads, leafTop, em, 2); more > placed {
			return closeSides(row, cols, openWithSubtotal(row, cols, wide), leafTop, em)
		}
		out, _ = spanRowWithin(row, cols, units, heads, leafTop, em, 1)
	}
	return closeSides(row, cols, openWithSubtotal(row, cols, out), leafTop, em)
}

// closeSides gives the last parent of a row of layout text the columns left
// after it when the row's parents are the table's sides: two or more, all
// placed side by side from the first column on (收入 | 支出). A side runs to
// the table's last column, but layout text sets the heading of the side on the
// right well left of its columns' centre: the figures printed left of them
// stretch the body's lines, pushing the columns right, and not the heading's
// line of wide characters. Columns whose cells reach above the heading, or a
// side's items (项目), which open a side of their own, are left as they are.
func closeSides(row []*hcell, cols []*column, blocks [][2]int, leafTop []float64, em float64) [][2]int {
	if len(row) < 2 || row[0].first != 0 {
		return blocks
	}
	for i, p := range row {
		if p.first < 0 || i > 0 && p.first != row[i-1].last+1 {
			return blocks
		}
	}
	last := row[len(row)-1]
	n := len(cols)
	if last.last == n-1 || !allowedSpan(last, last.last+1, n-1, leafTop, em) {
		return blocks
	}
	for j := last.last + 1; j < n; j++ {
		if cols[j].cell == nil || format.Fold(cols[j].cell.text) == "项目" {
			return blocks
		}
	}
	i := slices.Index(blocks, [2]int{last.first, last.last})
	if i < 0 {
		return blocks
	}
	last.last = n - 1
	return append(blocks[:i], [2]int{last.first, n - 1})
}

// allowedSpan reports whether parent p may cover columns a to b: no cell of
// theirs reaches above p's last line.
func allowedSpan(p *hcell, a, b int, leafTop []float64, em float64) bool {
	for j := a; j <= b; j++ {
		if leafTop[j] < p.bottom-0.3*em {
			return false
		}
	}
	return true
}

// openWithSubtotal gives a placed parent of layout text the 小计 column left
// alone just before its columns, when none of its own columns is one: a group's
// 小计 opens it, so a 小计 between 本年收入's columns (which open with their own)
// and 上年结转结余's, set right of its centre, is the latter's. The parent's words
// must still lie over the columns it then covers. A 合计 left alone is the
// table's, not the group's after it (合计 before 财政拨款收入's columns).
func openWithSubtotal(row []*hcell, cols []*column, blocks [][2]int) [][2]int {
	opens := func(j int) bool {
		return format.Fold(cols[j].cell.text) == "小计"
	}
	for _, p := range row {
		a, b := p.first, p.last
		if a < 1 || cols[a-1].cell == nil || !opens(a-1) || !holds(cols, a-1, b, p) {
			continue
		}
		i := slices.Index(blocks, [2]int{a, b})
		if i < 1 || blocks[i-1] != [2]int{a - 1, a - 1} || covered(row, a-1) {
			continue
		}
		own := false
		for j := a; j <= b; j++ {
			own = own || cols[j].cell != nil && opens(j)
		}
		if own {
			continue
		}
		p.first = a - 1
		blocks = slices.Replace(blocks, i-1, i+1, [2]int{a - 1, b})
	}
	return blocks
}

// covered reports whether a parent of row covers column j.
func covered(row []*hcell, j int) bool {
	for _, p := range row {
		if p.first >= 0 && p.first <= j && j <= p.last {
			return true
		}
	}
	return false
}

// unitName is the text heading a block of columns: the parent placed over it,
// or the column's own header.
func unitName(u [2]int, cols []*column, heads map[[2]int]string) string {
	if h, ok := heads[u]; ok {
		return format.Fold(h)
	}
	if u[0] == u[1] && cols[u[0]].cell != nil {
		return format.Fold(cols[u[0]].cell.text)
	}
	return ""
}

// spanRowWithin is spanRow with its tolerance scaled by factor; it also returns
// how many parents it placed.
//
// A parent's children are told apart by their headers: a parent never covers
// two blocks of the same name. Narrow columns repeating the same headers under
// each parent (一般公共预算 政府性基金预算 国有资本经营预算 under 总计, 因公出国(境)费
// and the rest) would otherwise let a parent reach, centred still, over its
// neighbours' outer columns. Nor does a parent cover a side's items (项目) after
// other columns: they open the side they list. Layout text may set a side's
// heading (支出) left of its columns' centre, nearer the other side's last
// column (金额), by as much as the figures printed left of them stretch the
// body's lines.
func spanRowWithin(row []*hcell, cols []*column, units [][2]int, heads map[[2]int]string, leafTop []float64, em, factor float64) ([][2]int, int) {
	slices.SortStableFunc(row, func(a, b *hcell) int { return cmpFloat(a.cx(), b.cx()) })
	var widths []float64
	for _, c := range cols {
		if !math.IsInf(c.lo, 0) && !math.IsInf(c.hi, 0) {
			widths = append(widths, c.hi-c.lo)
		}
	}
	tol := 0.75 * em
	if len(widths) > 0 {
		share := 0.3
		if em == 1 {
			share = 0.4 // layout text places words only to a column
		}
		tol = max(tol, share*median(widths))
	}
	tol *= factor
	center := func(a, b int) float64 { return (cols[a].lo + cols[b].hi) / 2 }
	type cand struct {
		u1, u2 int // first and last unit
		dev    float64
	}
	cands := make([][]cand, len(row))
	for i, p := range row {
		p.first, p.last = -1, -1
		for u1 := range units {
			seen := map[string]bool{}
			for u2 := u1; u2 < len(units); u2++ {
				a, b := units[u1][0], units[u2][1]
				if !allowedSpan(p, a, b, leafTop, em) {
					break
				}
				if name := unitName(units[u2], cols, heads); name != "" {
					if seen[name] || u2 > u1 && name == "项目" {
						break
					}
					seen[name] = true
				}
				d := math.Abs(center(a, b) - p.cx())
				if em == 1 && cols[a].cell != nil && cols[b].cell != nil {
					// Layout text places words only roughly: the words' own
					// extent may centre the parent better than the columns',
					// and a word of wide characters may reach as far as the
					// page gives them (two columns each), not one column each.
					words := (cols[a].cell.x0 + cols[b].cell.x1) / 2
					d = min(d, math.Abs(words-p.cx()), math.Abs(center(a, b)-wideCentre(p)), math.Abs(words-wideCentre(p)))
				}
				if factor > 1 && !holds(cols, a, b, p) {
					continue // off centre, a parent still lies over its columns
				}
				if d <= tol {
					cands[i] = append(cands[i], cand{u1, u2, d})
				}
			}
		}
	}
	// Siblings sit side by side: the placement that places the most parents wins,
	// then the one with the fewest columns between them, then the one that covers
	// the most, then the best centred.
	type score struct {
		placed, gaps, cover int
		dev                 float64
	}
	better := func(x, y score) bool {
		switch {
		case x.placed != y.placed:
			return x.placed > y.placed
		case x.gaps != y.gaps:
			return x.gaps < y.gaps
		case x.cover != y.cover:
			return x.cover > y.cover
		}
		return x.dev < y.dev
	}
	n := len(row)
	type key struct {
		i, from int
		after   bool
	}
	memo := map[key]score{}
	choice := map[key]int{}
	// solve is the best placement of parents i.. on units from on; after says a
	// parent was placed before, so that columns skipped count as a gap.
	var solve func(k key) score
	solve = func(k key) score {
		if k.i == n {
			return score{}
		}
		if s, ok := memo[k]; ok {
			return s
		}
		best, pick := solve(key{k.i + 1, k.from, k.after}), -1
		for x, c := range cands[k.i] {
			if c.u1 < k.from {
				continue
			}
			s := solve(key{k.i + 1, c.u2 + 1, true})
			s.placed++
			if k.after && k.from < len(units) {
				s.gaps += units[c.u1][0] - units[k.from][0]
			}
			s.cover += units[c.u2][1] - units[c.u1][0] + 1
			s.dev += c.dev
			if better(s, best) {
				best, pick = s, x
			}
		}
		memo[k], choice[k] = best, pick
		return best
	}
	solve(key{0, 0, false})
	var out [][2]int
	from, after, placed := 0, false, 0
	for i := range n {
		k := choice[key{i, from, after}]
		if k < 0 {
			continue
		}
		c := cands[i][k]
		out = append(out, units[from:c.u1]...)
		a, b := units[c.u1][0], units[c.u2][1]
		row[i].first, row[i].last = a, b
		out = append(out, [2]int{a, b})
		from, after = c.u2+1, true
		placed++
	}
	return append(out, units[from:]...), placed
}

// holds reports whether columns a to b reach over the whole of parent p's
// words, as wide as layout text prints them.
func holds(cols []*column, a, b int, p *hcell) bool {
	return cols[a].lo <= p.x0 && p.x0+2*(wideCentre(p)-p.x0) <= cols[b].hi
}

// setSlots places the boundaries between columns halfway between their centres.
func setSlots(cols []*column) {
	for i, c := range cols {
		if i == 0 {
			c.lo = math.Inf(-1)
		} else {
			c.lo = (cols[i-1].center + c.center) / 2
		}
		if i == len(cols)-1 {
			c.hi = math.Inf(1)
		} else {
			c.hi = (c.center + cols[i+1].center) / 2
		}
	}
	// The outer slots reach as far as the inner ones are wide, for centres of
	// spans at the edges.
	if n := len(cols); n > 1 {
		cols[0].lo = cols[0].center - (cols[0].hi - cols[0].center)
		cols[n-1].hi = cols[n-1].center + (cols[n-1].center - cols[n-1].lo)
	} else if n == 1 {
		cols[0].lo, cols[0].hi = cols[0].center-1e6, cols[0].center+1e6
	}
}

func overlap(a0, a1, b0, b1 float64) float64 { return min(a1, b1) - max(a0, b0) }

// gridColumns builds the columns of a header given as grid cells (text with tabs):
// a cell covers the empty cells to its right that have a cell below them, and the
// lowest cell of a column is its leaf. ncols is the width of the table.
func gridColumns(lines []*tline, ncols int) []*column {
	rows := make([]map[int]string, len(lines))
	for r, l := range lines {
		rows[r] = map[int]string{}
		for _, w := range l.words {
			rows[r][w.col] = w.text
			ncols = max(ncols, w.col+1)
		}
	}
	leafRow := make([]int, ncols)
	for c := range ncols {
		leafRow[c] = -1
		for r := len(rows) - 1; r >= 0; r-- {
			if _, ok := rows[r][c]; ok {
				leafRow[c] = r
				break
			}
		}
	}
	cols := make([]*column, ncols)
	for c := range ncols {
		col := &column{center: float64(c*20 + 10)}
		cols[c] = col
		for r := 0; r < len(rows); r++ {
			if leafRow[c] >= 0 && r >= leafRow[c] {
				if t, ok := rows[r][c]; ok {
					col.path = append(col.path, t)
				}
				break
			}
			// The cell covering c in row r: the nearest to its left, if no other
			// cell stands between.
			for k := c; k >= 0; k-- {
				if t, ok := rows[r][k]; ok {
					col.path = append(col.path, t)
					break
				}
				if leafRow[k] >= 0 && leafRow[k] <= r {
					break // a leaf of this row or above stands between
				}
			}
		}
		col.cell = &hcell{x0: float64(c * 20), x1: float64(c*20 + 19), col: c, leaf: true}
		if len(col.path) > 0 {
			col.cell.text = col.path[len(col.path)-1]
		}
	}
	setSlots(cols)
	return cols
}
