package reader

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"yusuan/disclosure"
	"yusuan/format"
	"yusuan/money"
)

// An indicator grid (绩效目标表) lists a project's or a department's performance
// indicators: 一级指标 › 二级指标 › 三级指标 with a target value, and sometimes the
// projects themselves with their money and goals. It is often set in a form whose
// other blocks (项目名称, 项目资金, 年度总体目标…) are no columns, and its left
// columns merge their cells over rows, printing each cell's text once, centred on
// its rows. A description asks for it with layout "indicators" and names the
// columns whose cells merge (spans); the grid is read from below the first line
// that names two of its indicator columns, on every page of the table.
//
// Rows come from the other columns: a line that prints in two of them is a row,
// and wrapped text belongs to the row it is centred on. A merged cell's text
// lies centred on the rows it covers, within the cell of the column to its left:
// the rows are shared out among the texts of a column, outer columns first, so
// that each text is centred on its rows; a text is repeated in every row it
// covers. A cell cut by a page break goes on at the head of the next page.

// The layouts read as grids with merged cells: an indicator grid, found under
// the line that names two indicator columns, and any other grid whose left
// columns merge (layout "merged"), found under its first line of header words. A
// header cell over two columns of text, the left one of merged cells (a category
// over its items), is split in two.
const (
	layoutIndicators = "indicators"
	layoutMerged     = "merged"
)

// gridLayout reports whether a table is read as a grid with merged cells.
func gridLayout(spec *format.Table) bool {
	return spec != nil && (spec.Layout == layoutIndicators || spec.Layout == layoutMerged)
}

// indicatorKeys are the columns by which an indicator grid's header is found.
var indicatorKeys = map[string]bool{
	"level1": true, "level2": true, "level3": true, "indicator": true,
	"nature": true, "value": true, "measure_unit": true, "score": true,
}

// keepIndicatorPage keeps a page of an indicator grid; finish reads them all.
func (r *tableReader) keepIndicatorPage(lines []*tline, pg *tpage) {
	if len(lines) > 0 {
		r.formPages = append(r.formPages, &formPage{page: pg.number, lines: lines, em: pg.em})
	}
}

// gridFrag is the text a line prints in one column of an indicator grid.
type gridFrag struct {
	y      float64
	x0, x1 float64
	line   *tline
	text   string
}

// gridRow is a row of an indicator grid as read: where it is centred and the
// text of each column.
type gridRow struct {
	y     float64
	pos   disclosure.Pos
	cells []string
}

// gridRun is a run of rows [from, to) that one merged cell covers.
type gridRun struct {
	from, to int
	text     string
	// own says that a text of the page covers the run, not one going on from
	// the page before or none.
	own bool
}

// readIndicators reads the kept pages as an indicator grid.
func (r *tableReader) readIndicators() (*disclosure.Table, error) {
	t := r.t
	last := map[int]string{} // each merged column's text at the foot of the page before
	merged := map[*column]bool{}
	var rows []*gridRow
	for _, p := range r.formPages {
		lines := p.lines
		em := max(p.em, 1)
		if at, end := r.gridHeader(lines, em); at >= 0 {
			cols := buildColumns(headerCells(lines[at:end], em, em == 1), em)
			for _, c := range cols {
				c.key, c.kind = format.Meaning(t.Kind, c.path, r.year)
			}
			switch {
			case r.cols == nil:
				r.cols = cols
				r.em = em
				r.splitMerged(lines[end:], em, merged)
			case len(cols) == len(r.cols):
				for j := range cols {
					cols[j].path, cols[j].key, cols[j].kind = r.cols[j].path, r.cols[j].key, r.cols[j].kind
				}
				r.cols = cols
			}
			lines = lines[end:]
		} else if r.cols == nil {
			continue // the form's blocks above its grid
		}
		r.em = em
		rows = append(rows, r.gridPage(lines, em, len(rows) > 0, last, merged)...)
	}
	if r.cols == nil {
		t.Unread = "未找到绩效指标表的表头（一级指标、二级指标、指标值等），表格未能读出"
		return t, nil
	}
	seen := map[string]int{}
	for _, c := range r.cols {
		if c.kind == "" {
			c.kind = disclosure.TextCol
		}
		key := c.key
		if key != "" {
			seen[key]++
			if seen[key] > 1 {
				key = fmt.Sprintf("%s#%d", key, seen[key])
			}
		}
		w := 10
		if c.kind == disclosure.TextCol {
			w = 20
		}
		t.Columns = append(t.Columns, disclosure.Column{Key: key, Kind: c.kind, Width: w})
	}
	t.Header = headerRows(r.cols)
	for _, gr := range rows {
		row := disclosure.Row{Pos: gr.pos, Cells: make([]disclosure.Cell, len(r.cols))}
		for j, v := range gr.cells {
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			if r.cols[j].kind == disclosure.AmountCol {
				if a, err := money.Parse(v, t.Unit); err == nil {
					row.Cells[j] = disclosure.Cell{Amount: &a, Printed: v}
					continue
				}
			}
			row.Cells[j] = disclosure.T(v)
		}
		// The row's label is its first text outside merged cells (小计 beside
		// its category).
		for j, c := range row.Cells {
			if merged[r.cols[j]] || r.cols[j].kind == disclosure.AmountCol || strings.TrimSpace(c.Text) == "" {
				continue
			}
			if totalRe.MatchString(format.Fold(c.Text)) {
				row.Kind = disclosure.TotalRow
			}
			break
		}
		t.Rows = append(t.Rows, row)
	}
	t.Notes = append(t.Notes, r.notes...)
	return t, nil
}

// gridHeader finds a grid's header among a page's lines: the first line that
// names two of its columns (two indicator columns in an indicator grid), the lines
// close around it whose cells the vocabulary knows, and a 其中 above them. It
// returns the header's lines [at, end), or -1 when the page prints none.
func (r *tableReader) gridHeader(lines []*tline, em float64) (int, int) {
	main := -1
	for i, l := range lines {
		n := 0
		for _, w := range splitHeaderWords(l.words) {
			key, _ := format.Meaning(r.t.Kind, []string{w.text}, r.year)
			if indicatorKeys[key] || r.spec != nil && r.spec.Layout == layoutMerged && r.knownHeader(w.text) {
				n++
			}
		}
		if n >= 2 {
			main = i
			break
		}
	}
	if main < 0 {
		return -1, -1
	}
	// A header's cells wrap over a few lines at most.
	const reach = 6
	gap := 1.5 * em
	at, end := main, main+1
	for at > 0 && main-at < reach && lines[at].y-lines[at-1].y <= gap {
		at--
	}
	for end < len(lines) && end-main <= reach && lines[end].y-lines[end-1].y <= gap {
		end++
	}
	// Lines of the form above and rows below may lie as close: a cell that is no
	// header word is none, nor is any line between it and the form or the rows.
	for {
		m := lines[main]
		changed := false
		for _, c := range headerCells(lines[at:end], em, em == 1) {
			if r.knownHeader(c.text) {
				continue
			}
			switch {
			case c.bottom < m.top:
				for at < main && lines[at].top <= c.bottom {
					at++
					changed = true
				}
			case c.top > m.bottom:
				for end-1 > main && lines[end-1].bottom >= c.top {
					end--
					changed = true
				}
			case c.bottom > m.bottom+0.01 && end-1 > main:
				end-- // a row's text run on below a header cell
				changed = true
			case c.top < m.top-0.01 && at < main:
				at++
				changed = true
			}
			if changed {
				break
			}
		}
		if !changed {
			break
		}
	}
	for at > 0 && whereofLine(lines[at-1]) {
		at--
	}
	return at, end
}

// knownHeader reports whether a header cell's text is a header word of the table.
func (r *tableReader) knownHeader(text string) bool {
	key, _ := format.Meaning(r.t.Kind, []string{text}, r.year)
	return key != "" || knownHeader(text) || format.IsWhereof(text)
}

// whereofLine reports whether a line prints only 其中 headings.
func whereofLine(l *tline) bool {
	for _, w := range l.words {
		if !format.IsWhereof(w.text) {
			return false
		}
	}
	return len(l.words) > 0
}

// gridPage reads the body lines of one page of the grid into rows. continues says
// that rows came before on earlier pages; last holds each merged column's text at
// the foot of the page before and is updated.
func (r *tableReader) gridPage(lines []*tline, em float64, continues bool, last map[int]string, merged map[*column]bool) []*gridRow {
	spans := map[int]bool{}
	for j, c := range r.cols {
		if merged[c] || r.spec != nil && slices.Contains(r.spec.Spans, c.key) {
			spans[j] = true
		}
	}
	frags := r.gridFrags(lines)
	var own []int
	for j := range r.cols {
		if !spans[j] {
			own = append(own, j)
		}
	}
	rows := gridRows(frags, own, len(r.cols), em)
	if len(rows) == 0 {
		return nil
	}
	// Each row's band: from halfway to the row above to halfway to the row below.
	top, bottom := make([]float64, len(rows)), make([]float64, len(rows))
	for i := range rows {
		if i > 0 {
			top[i] = (rows[i-1].y + rows[i].y) / 2
			bottom[i-1] = top[i]
		}
	}
	if n := len(rows); n > 1 {
		top[0] = rows[0].y - (bottom[0] - rows[0].y)
		bottom[n-1] = rows[n-1].y + (rows[n-1].y - top[n-1])
	} else {
		top[0], bottom[0] = rows[0].y-em, rows[0].y+em
	}
	// Merged columns, outer first: each shares out the runs of the column to its
	// left among its texts.
	var spanCols []int
	for j := range r.cols {
		if spans[j] {
			spanCols = append(spanCols, j)
		}
	}
	runs := []gridRun{{from: 0, to: len(rows), own: true}}
	for k, j := range spanCols {
		// The texts of the columns to the right, whole: a cell's text may skip a
		// line.
		var inner [][]gridFrag
		for _, jj := range spanCols[k+1:] {
			inner = append(inner, textChains(frags[jj], em)...)
		}
		runs = shareRuns(frags[j], inner, runs, rows, top, bottom, em, continues, last[j])
		for _, run := range runs {
			for i := run.from; i < run.to; i++ {
				rows[i].cells[j] = run.text
			}
		}
		last[j] = runs[len(runs)-1].text
	}
	return rows
}

// splitMerged splits a column of text whose words lie in two groups with a gutter
// between that no word crosses, the left ones centred alike and fewer (a
// category's merged cells beside its items): the header cell is over both. The
// left column is keyed category and marked merged.
func (r *tableReader) splitMerged(lines []*tline, em float64, merged map[*column]bool) {
	for j := 0; j < len(r.cols); j++ {
		c := r.cols[j]
		if c.kind != disclosure.TextCol || c.cell == nil {
			continue
		}
		var ws []word
		for _, l := range lines {
			for _, w := range l.words {
				for _, p := range spacedPieces(w) {
					if !p.num && p.center() >= r.cols[0].lo && r.colOf(p, false) == j {
						ws = append(ws, p)
					}
				}
			}
		}
		slices.SortFunc(ws, func(a, b word) int { return cmpFloat(a.x0, b.x0) })
		cut, reach := -1, math.Inf(-1)
		for i, w := range ws {
			if i > 0 && w.x0-reach >= 1.2*em {
				cut = i
				break
			}
			reach = max(reach, w.x1)
		}
		if cut < 2 || len(ws)-cut <= cut {
			continue
		}
		left := ws[:cut]
		centre := 0.0
		for _, w := range left {
			centre += w.center() / float64(len(left))
		}
		centred := true
		for _, w := range left {
			centred = centred && math.Abs(w.center()-centre) <= em
		}
		if !centred {
			continue
		}
		lc := *c.cell
		lc.x0, lc.x1 = left[0].x0, reach
		rc := *c.cell
		rc.x0 = ws[cut].x0
		l := &column{cell: &lc, center: centre, path: c.path, key: "category", kind: disclosure.TextCol}
		c.cell = &rc
		r.cols = slices.Insert(r.cols, j, l)
		merged[l] = true
		setSlots(r.cols)
		j++
	}
}

// gridFrags cuts a page's lines into the text each prints in each column. Words
// are cut at spaces, as PDF text may run two cells' words into one; words left of
// the grid (a block's label printed down the side) are left out.
func (r *tableReader) gridFrags(lines []*tline) [][]gridFrag {
	out := make([][]gridFrag, len(r.cols))
	for _, l := range lines {
		texts := make([]string, len(r.cols))
		x0, x1 := make([]float64, len(r.cols)), make([]float64, len(r.cols))
		for _, w := range l.words {
			prev := -1
			for _, p := range spacedPieces(w) {
				if p.center() < r.cols[0].lo {
					continue
				}
				j := r.colOf(p, false)
				if j < 0 {
					continue
				}
				if j == prev {
					texts[j] += " "
				}
				if texts[j] == "" {
					x0[j] = p.x0
				}
				texts[j] += p.text
				x1[j] = p.x1
				prev = j
			}
		}
		for j, s := range texts {
			if s = strings.TrimSpace(s); s != "" {
				out[j] = append(out[j], gridFrag{y: l.y, x0: x0[j], x1: x1[j], line: l, text: s})
			}
		}
	}
	return out
}

// spacedPieces cuts a word at its spaces, each piece placed by its share of the
// word's width (a wide character takes two).
func spacedPieces(w word) []word {
	if w.col >= 0 || !strings.Contains(w.text, " ") {
		return []word{w}
	}
	units := func(s string) int {
		n := 0
		for _, r := range s {
			n += runeWidth(r)
		}
		return n
	}
	per := (w.x1 - w.x0) / float64(max(units(w.text), 1))
	var out []word
	at := 0
	for _, p := range strings.Split(w.text, " ") {
		n := units(p)
		if p != "" {
			out = append(out, word{text: p, x0: w.x0 + float64(at)*per, x1: w.x0 + float64(at+n)*per, col: -1, num: numberRe.MatchString(p)})
		}
		at += n + 1
	}
	return out
}

// gridRows finds the rows of a page from the columns whose cells do not merge
// (own): a line printing in two of them is a row's line, and each column's other
// lines go to the row they are centred on, as many below its line as above. Lines
// that no row can take so are rows of their own, one per run of a cell's lines.
func gridRows(frags [][]gridFrag, own []int, ncols int, em float64) []*gridRow {
	count := map[*tline]int{}
	var lines []*tline
	for _, j := range own {
		for _, f := range frags[j] {
			if count[f.line] == 0 {
				lines = append(lines, f.line)
			}
			count[f.line]++
		}
	}
	slices.SortStableFunc(lines, func(a, b *tline) int { return cmpFloat(a.y, b.y) })
	var anchors []*tline
	for _, l := range lines {
		if count[l] >= 2 {
			anchors = append(anchors, l)
		}
	}
	rows := make([]*gridRow, len(anchors))
	rowOf := map[*tline]*gridRow{}
	for k, a := range anchors {
		rows[k] = &gridRow{y: a.y, pos: disclosure.Pos{Page: a.page, Line: a.no}, cells: make([]string, ncols)}
		rowOf[a] = rows[k]
	}
	type cell struct {
		frags []gridFrag
		col   int
	}
	var orphans []cell
	for _, j := range own {
		// The column's lines between rows' lines: segs[k] lies above row k.
		segs := make([][]gridFrag, len(anchors)+1)
		k := 0
		for _, f := range frags[j] {
			for k < len(anchors) && anchors[k].y < f.y {
				k++
			}
			if k < len(anchors) && anchors[k] == f.line {
				rows[k].cells[j] = joinCell(rows[k].cells[j], f.text)
				continue
			}
			segs[k] = append(segs[k], f)
		}
		var lone []gridFrag
		above := segs[0]
		for k := range anchors {
			below := segs[k+1]
			if extra := len(above) - len(below); extra > 0 {
				lone = append(lone, above[:extra]...)
				above = above[extra:]
			}
			take := min(len(above), len(below))
			text := ""
			for _, f := range above {
				text += f.text
			}
			rows[k].cells[j] = text + rows[k].cells[j]
			for _, f := range below[:take] {
				rows[k].cells[j] += f.text
			}
			above = below[take:]
		}
		lone = append(lone, above...)
		// A cell's lines follow one another a line apart.
		for i, f := range lone {
			if i > 0 && f.y-lone[i-1].y <= 1.35*em && !lineBetweenOf(anchors, lone[i-1].y, f.y) {
				orphans[len(orphans)-1].frags = append(orphans[len(orphans)-1].frags, f)
				continue
			}
			orphans = append(orphans, cell{frags: []gridFrag{f}, col: j})
		}
	}
	// Cells left over make rows of their own, those centred alike one row.
	centre := func(c cell) float64 {
		s := 0.0
		for _, f := range c.frags {
			s += f.y
		}
		return s / float64(len(c.frags))
	}
	slices.SortStableFunc(orphans, func(a, b cell) int { return cmpFloat(centre(a), centre(b)) })
	var extra []*gridRow
	for _, c := range orphans {
		y := centre(c)
		var row *gridRow
		if n := len(extra); n > 0 && math.Abs(extra[n-1].y-y) <= 0.6*em && extra[n-1].cells[c.col] == "" {
			row = extra[n-1]
		} else {
			l := c.frags[0].line
			row = &gridRow{y: y, pos: disclosure.Pos{Page: l.page, Line: l.no}, cells: make([]string, ncols)}
			extra = append(extra, row)
		}
		for _, f := range c.frags {
			row.cells[c.col] += f.text
		}
	}
	rows = append(rows, extra...)
	slices.SortStableFunc(rows, func(a, b *gridRow) int { return cmpFloat(a.y, b.y) })
	return rows
}

// lineBetweenOf reports whether a row's line lies strictly between heights a and b.
func lineBetweenOf(anchors []*tline, a, b float64) bool {
	for _, l := range anchors {
		if l.y > a && l.y < b {
			return true
		}
	}
	return false
}

// chains cuts a merged column's texts into the runs of lines that follow one
// another a line apart (a character a line when printed down the cell).
func chains(frags []gridFrag, em float64) [][]gridFrag {
	var out [][]gridFrag
	for i, f := range frags {
		if i > 0 {
			p := frags[i-1]
			limit := 1.6 * em
			if utf8.RuneCountInString(p.text) == 1 && utf8.RuneCountInString(f.text) == 1 {
				limit = 2.2 * em
			}
			if f.y-p.y <= limit {
				out[len(out)-1] = append(out[len(out)-1], f)
				continue
			}
		}
		out = append(out, []gridFrag{f})
	}
	return out
}

// textChains cuts texts into whole texts: runs of lines a line apart, or further
// apart after a full line (a text may skip a line).
func textChains(frags []gridFrag, em float64) [][]gridFrag {
	widest := 0.0
	for _, f := range frags {
		widest = max(widest, f.x1-f.x0)
	}
	var out [][]gridFrag
	for _, c := range chains(frags, em) {
		if n := len(out); n > 0 {
			p := out[n-1][len(out[n-1])-1]
			if c[0].y-p.y <= 3*em && p.x1-p.x0 >= 0.8*widest {
				out[n-1] = append(out[n-1], c...)
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

func centreOf(fs []gridFrag) float64 {
	s := 0.0
	for _, f := range fs {
		s += f.y
	}
	return s / float64(len(fs))
}

// shareRuns shares out each run of the column to the left (outer) among the
// texts of a merged column that lie in it: each text covers consecutive rows,
// centred on them, and takes every row its cell's extent holds; the extent of a
// text is at least that of a text of a column to its right centred alike (a
// project's goal beside its name). On a page that goes on with the grid, the first
// rows may go on with the text the column had at the foot of the page before
// (prev).
func shareRuns(frags []gridFrag, inner [][]gridFrag, outer []gridRun, rows []*gridRow, top, bottom []float64, em float64, continues bool, prev string) []gridRun {
	// Cut the column's chains where a run of the outer column that has a text of
	// its own ends and another begins.
	var cuts []float64
	for k := 1; k < len(outer); k++ {
		if outer[k-1].own && outer[k].own {
			cuts = append(cuts, top[outer[k].from])
		}
	}
	var pieces [][]gridFrag
	for _, c := range chains(frags, em) {
		from := 0
		for i := 1; i < len(c); i++ {
			for _, y := range cuts {
				if c[i-1].y < y && y < c[i].y {
					pieces = append(pieces, c[from:i])
					from = i
					break
				}
			}
		}
		pieces = append(pieces, c[from:])
	}
	// Each piece goes to the outer run its centre lies in.
	byRun := make([][]gridFrag, len(outer))
	for _, p := range pieces {
		c := centreOf(p)
		best, at := math.Inf(1), 0
		for k, run := range outer {
			d := 0.0
			switch lo, hi := top[run.from], bottom[run.to-1]; {
			case c < lo:
				d = lo - c
			case c > hi:
				d = c - hi
			}
			if d < best {
				best, at = d, k
			}
		}
		byRun[at] = append(byRun[at], p...)
	}
	var out []gridRun
	for k, run := range outer {
		fs := byRun[k]
		slices.SortStableFunc(fs, func(a, b gridFrag) int { return cmpFloat(a.y, b.y) })
		first := continues && run.from == 0
		if len(fs) == 0 {
			text := ""
			if first {
				text = prev
			}
			out = append(out, gridRun{from: run.from, to: run.to, text: text})
			continue
		}
		out = append(out, groupRuns(fs, inner, run, rows, top, bottom, em, first, prev)...)
	}
	return out
}

// groupRuns shares out the rows of one outer run among a merged column's lines
// in it: it groups the lines into texts and gives each text the consecutive rows
// it is centred on, choosing the grouping and the runs that centre the texts best.
// Lines a line apart may make one text or several; a text takes at least one row;
// the first rows may go on from the page before (when first).
func groupRuns(fs []gridFrag, inner [][]gridFrag, run gridRun, rows []*gridRow, top, bottom []float64, em float64, first bool, prev string) []gridRun {
	const huge = 1e5
	n, m := run.to-run.from, len(fs)
	if m > maxGrouped || n > maxGrouped {
		return nearestRuns(fs, run, rows, em)
	}
	// A full line is as wide as the widest: its text goes on on the next line.
	widest := 0.0
	for _, f := range fs {
		widest = max(widest, f.x1-f.x0)
	}
	full := func(f gridFrag) bool { return f.x1-f.x0 >= 0.8*widest }
	// What the text fs[a:b] costs whatever its rows: lines that cannot be one
	// text, or a text that stops where its words go on.
	type measure struct {
		centre     float64
		first, end int // the run's rows its extent holds: [first, end)
		fixed      float64
	}
	measures := make([][]measure, m)
	for a := range m {
		measures[a] = make([]measure, m+1)
		bad, sum := 0.0, 0.0
		for b := a + 1; b <= m; b++ {
			sum += fs[b-1].y
			if b > a+1 {
				// Text wraps only where a line is full: a short line ends its
				// text, but for characters printed one a line down the cell.
				p, q := fs[b-2], fs[b-1]
				if q.y-p.y > 3*em || p.x1-p.x0 < 0.6*(q.x1-q.x0) && (utf8.RuneCountInString(p.text) > 1 || utf8.RuneCountInString(q.text) > 1) {
					bad = huge
				}
			}
			c := sum / float64(b-a)
			// The text's extent: its lines', or a text's of a column to its right
			// centred alike (a project's goal beside its name).
			lo, hi := fs[a].y, fs[b-1].y
			for _, ch := range inner {
				if math.Abs(centreOf(ch)-c) <= 0.5*em {
					lo, hi = min(lo, ch[0].y), max(hi, ch[len(ch)-1].y)
				}
			}
			fixed := bad
			// Nor does a text end with a full line that the next line follows
			// (layout text shows no spacing to tell lines of a cell from a row's).
			if b < m && em > 1 && fs[b].y-fs[b-1].y <= 1.6*em && full(fs[b-1]) {
				fixed += huge
			}
			in := rows[run.from:run.to]
			f0 := sort.Search(n, func(i int) bool { return in[i].y >= lo-0.3*em })
			f1 := sort.Search(n, func(i int) bool { return in[i].y > hi+0.3*em })
			measures[a][b] = measure{centre: c, first: f0, end: f1, fixed: fixed - 0.1*em}
		}
	}
	// cost of the text fs[a:b] over rows [s, e] (relative to the run): how far
	// off their middle it is centred, and each row its extent holds but it does
	// not cover.
	cost := func(a, b, s, e int) float64 {
		ms := measures[a][b]
		v := math.Abs(ms.centre-(top[run.from+s]+bottom[run.from+e])/2) + ms.fixed
		if ms.first < s {
			v += huge * float64(min(s, ms.end)-ms.first)
		}
		if ms.end > e+1 {
			v += huge * float64(ms.end-max(e+1, ms.first))
		}
		return v
	}
	// best[i][j]: the first i lines made into texts covering rows up to j.
	best := make([][]float64, m+1)
	from := make([][][2]int, m+1)
	for i := range best {
		best[i] = make([]float64, n+1)
		from[i] = make([][2]int, n+1)
		for j := range best[i] {
			best[i][j] = math.Inf(1)
		}
	}
	// The first rows may go on from the page before; on a grid's first page a
	// row or two may stand outside the merged cells (收入总计 above the funds).
	best[0][0] = 0
	for j := 1; j < n; j++ {
		if first {
			best[0][j] = 0
		} else {
			best[0][j] = best[0][j-1] + 0.25*(bottom[run.from+j-1]-top[run.from+j-1])
		}
	}
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			if math.IsInf(best[i][j], 1) {
				continue
			}
			for b := i + 1; b <= m; b++ {
				if b > i+1 && fs[b-1].y-fs[b-2].y > 3*em {
					break
				}
				for e := j; e < n; e++ {
					if v := best[i][j] + cost(i, b, j, e); v < best[b][e+1] {
						best[b][e+1], from[b][e+1] = v, [2]int{i, j}
					}
				}
			}
		}
	}
	if math.IsInf(best[m][n], 1) {
		// More texts than rows: one text over the run.
		var text string
		for _, f := range fs {
			text += f.text
		}
		return []gridRun{{from: run.from, to: run.to, text: text, own: true}}
	}
	var out []gridRun
	for i, j := m, n; i > 0; {
		p := from[i][j]
		var text string
		for _, f := range fs[p[0]:i] {
			text += f.text
		}
		out = append(out, gridRun{from: run.from + p[1], to: run.from + j, text: text, own: true})
		i, j = p[0], p[1]
		if i == 0 && j > 0 {
			text := ""
			if first {
				text = prev
			}
			out = append(out, gridRun{from: run.from, to: run.from + j, text: text})
		}
	}
	slices.Reverse(out)
	return out
}

// maxGrouped bounds the lines and rows whose best sharing out is searched; more,
// and each row takes the text nearest it.
const maxGrouped = 80

// nearestRuns gives each row of a run the text of the column nearest it.
func nearestRuns(fs []gridFrag, run gridRun, rows []*gridRow, em float64) []gridRun {
	texts := textChains(fs, em)
	var out []gridRun
	for i := run.from; i < run.to; i++ {
		best, text := math.Inf(1), ""
		for _, ch := range texts {
			d := 0.0
			switch lo, hi := ch[0].y, ch[len(ch)-1].y; {
			case rows[i].y < lo:
				d = lo - rows[i].y
			case rows[i].y > hi:
				d = rows[i].y - hi
			}
			if d < best {
				best, text = d, ""
				for _, f := range ch {
					text += f.text
				}
			}
		}
		if n := len(out); n > 0 && out[n-1].text == text {
			out[n-1].to = i + 1
			continue
		}
		out = append(out, gridRun{from: i, to: i + 1, text: text, own: true})
	}
	return out
}
