package pdf

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"yusuan/disclosure"
)

var (
	tableStyle      = style{size: 9}
	tableBoldStyle  = style{size: 9, bold: true}
	tableTitleStyle = style{size: 15, bold: true}
	tableMetaStyle  = style{size: 10.5}
)

const (
	cellPadX   = 1.5
	cellPadY   = 1.2
	headerGrey = 235
	// Below this an amount wraps rather than shrinks further.
	minAmountSize = 5.0
)

// fitAmounts widens amount columns to their widest amount, taking the room from text
// columns (whose text wraps) but leaving each at least its widest short text, up to
// six characters; what still does not fit is set smaller, by one factor per column.
// It returns those factors.
func (r *renderer) fitAmounts(t *disclosure.Table, body [][]disclosure.Placed, widths []float64) []float64 {
	need := make([]float64, len(widths))
	floor := make([]float64, len(widths))
	isText := func(i int) bool { return i >= len(t.Columns) || t.Columns[i].Kind != disclosure.AmountCol }
	for _, row := range body {
		for _, p := range row {
			cs, _ := p.Span()
			if cs != 1 || p.Col >= len(widths) {
				continue
			}
			w := r.width(clean(p.Display(t.Unit)), tableBoldStyle) + 2*cellPadX
			if p.Amount != nil {
				need[p.Col] = max(need[p.Col], w)
			} else {
				floor[p.Col] = max(floor[p.Col], min(w, 6*tableStyle.em()+2*cellPadX))
			}
		}
	}
	var short, spare float64
	for i, w := range widths {
		if need[i] > w {
			short += need[i] - w
		} else if need[i] == 0 && isText(i) {
			spare += max(0, w-floor[i])
		}
	}
	if short > 0 && spare > 0 {
		take := min(short, spare) / spare
		for i, w := range widths {
			switch {
			case need[i] > w:
				widths[i] = w + (need[i]-w)*min(1, spare/short)
			case need[i] == 0 && isText(i):
				widths[i] = w - max(0, w-floor[i])*take
			}
		}
	}
	scale := make([]float64, len(widths))
	for i, w := range widths {
		scale[i] = 1
		if need[i] > w {
			scale[i] = max(w/need[i], minAmountSize/tableStyle.size)
		}
	}
	return scale
}

// numeric reports whether s is written like a number: digits, signs, separators,
// a percent sign or a dash, and no letters or ideographs.
func numeric(s string) bool {
	for _, c := range s {
		if !strings.ContainsRune("0123456789+-.,%()（）—－–  ", c) {
			return false
		}
	}
	return true
}

// tcell is a cell at its place in the table: header rows come first, then the
// body rows, so one row index runs through both.
type tcell struct {
	row, col, rows, cols int
	lines                []line
	align                byte // 'L', 'C' or 'R'
	indent               float64
	st                   style
	header               bool
	shown                int // lines drawn so far, for a cell continued on the next page
}

type tableLayout struct {
	colX     []float64 // left edge of each column, then the right edge of the table
	cells    []*tcell
	byRow    [][]*tcell // cells by their first row
	spanning []*tcell   // cells of more than one row
	rowH     []float64
	nHeader  int
	lh       float64
}

func (r *renderer) layoutTable(t *disclosure.Table, width float64) *tableLayout {
	maxCols := len(t.Columns)
	for _, row := range t.Header {
		maxCols = max(maxCols, len(row))
	}
	for _, row := range t.Rows {
		maxCols = max(maxCols, len(row.Cells))
	}
	head := disclosure.Grid(t.Header, maxCols)
	body := disclosure.Grid(t.BodyCells(), maxCols)
	ncols := len(t.Columns)
	for _, rows := range [][][]disclosure.Placed{head, body} {
		for _, row := range rows {
			for _, p := range row {
				ncols = max(ncols, p.Col+1)
			}
		}
	}
	lay := &tableLayout{nHeader: len(head), lh: tableStyle.em() * 1.45}
	lay.rowH = make([]float64, len(head)+len(body))
	lay.byRow = make([][]*tcell, len(lay.rowH))
	if ncols == 0 {
		return lay
	}

	// Column widths are relative; a missing or non-positive one takes the mean.
	weights := make([]float64, ncols)
	sum, n := 0.0, 0
	for _, c := range t.Columns {
		if c.Width > 0 {
			sum += float64(c.Width)
			n++
		}
	}
	mean := 1.0
	if n > 0 {
		mean = sum / float64(n)
	}
	total := 0.0
	for i := range weights {
		weights[i] = mean
		if i < len(t.Columns) && t.Columns[i].Width > 0 {
			weights[i] = float64(t.Columns[i].Width)
		}
		total += weights[i]
	}
	widths := make([]float64, ncols)
	for i, w := range weights {
		widths[i] = w / total * width
	}
	scale := r.fitAmounts(t, body, widths)
	lay.colX = make([]float64, ncols+1)
	lay.colX[0] = r.left()
	for i, w := range widths {
		lay.colX[i+1] = lay.colX[i] + w
	}

	em := tableStyle.em()
	add := func(p disclosure.Placed, row int, header bool, kind disclosure.RowKind) {
		cs, rs := p.Span()
		c := &tcell{row: row, col: p.Col, cols: min(cs, ncols-p.Col), rows: rs, header: header, st: tableStyle, align: 'L'}
		colKind := disclosure.TextCol
		if p.Col < len(t.Columns) {
			colKind = t.Columns[p.Col].Kind
		}
		text := clean(p.Display(t.Unit))
		switch {
		case header:
			c.align, c.st = 'C', tableBoldStyle
		case p.Amount != nil || colKind == disclosure.AmountCol && numeric(text):
			// Amounts and the dashes or blanks standing for them line up on
			// the right.
			c.align = 'R'
		case colKind == disclosure.AmountCol:
			// Words among the amounts are labels (主管部门, 总额, 其中：财政拨款),
			// centred as in a header, clear of the text column to their left.
			c.align = 'C'
		}
		if kind == disclosure.TotalRow {
			c.st = tableBoldStyle
		}
		w := lay.colX[c.col+c.cols] - lay.colX[c.col] - 2*cellPadX
		if c.align == 'L' && p.Indent > 0 {
			// Indentation never takes the last two characters' room.
			c.indent = max(0, min(float64(p.Indent)*em, w-2*em))
		}
		if p.Amount != nil && !header {
			// One size for a whole amount column, so its digits line up.
			c.st.size *= scale[c.col]
		}
		if tw := r.width(text, c.st); p.Amount != nil && tw > w {
			// A number broken over two lines misreads; set it smaller instead.
			c.st.size = max(c.st.size*w/tw, minAmountSize)
		}
		c.lines = r.wrap(text, c.st, max(w-c.indent, em/4), 0)
		lay.cells = append(lay.cells, c)
		lay.byRow[row] = append(lay.byRow[row], c)
	}
	for i, row := range head {
		for _, p := range row {
			add(p, i, true, disclosure.DataRow)
		}
	}
	for i, row := range body {
		kind := disclosure.DataRow
		if i < len(t.Rows) {
			kind = t.Rows[i].Kind
		}
		for _, p := range row {
			add(p, len(head)+i, false, kind)
		}
	}

	// Row heights: single-row cells first, then each spanning cell, in order of
	// its last row, gives any height it still lacks to that last row.
	for i := range lay.rowH {
		lay.rowH[i] = lay.lh + 2*cellPadY
	}
	for _, c := range lay.cells {
		if c.rows > 1 {
			lay.spanning = append(lay.spanning, c)
			continue
		}
		lay.rowH[c.row] = max(lay.rowH[c.row], float64(len(c.lines))*lay.lh+2*cellPadY)
	}
	slices.SortStableFunc(lay.spanning, func(a, b *tcell) int { return (a.row + a.rows) - (b.row + b.rows) })
	for _, c := range lay.spanning {
		end := c.row + c.rows - 1
		have := 0.0
		for i := c.row; i <= end; i++ {
			have += lay.rowH[i]
		}
		if need := float64(len(c.lines))*lay.lh + 2*cellPadY; need > have {
			lay.rowH[end] += need - have
		}
	}
	return lay
}

// slice is the part of a row set on one page: all of it, unless the row is
// taller than a page.
type slice struct {
	row   int
	y, h  float64
	first bool // the slice starts at the top of its row
}

// table sets t on new pages of its own (standalone) or in the running
// narrative. Rows joined by a row span stay on one page when they fit on one;
// header rows repeat at the top of every page the table continues on.
func (r *renderer) table(t *disclosure.Table, standalone bool) {
	if standalone {
		r.newPage(t.Wide)
	}
	width := r.right() - r.left()
	lay := r.layoutTable(t, width)
	if need := lay.keep(r.bottom() - marginTop); !standalone && r.y+need > r.bottom() && need <= r.bottom()-marginTop {
		r.newPage(r.landscape)
	}
	top := r.y
	r.tableTitle(t, standalone)
	titleH := r.y - top
	headerH := 0.0
	for _, h := range lay.rowH[:lay.nHeader] {
		headerH += h
	}
	fresh := r.bottom() - marginTop - headerH
	if standalone {
		fresh -= titleH
	}
	// A header taller than half a page is set once, like body rows.
	repeat := lay.nHeader > 0 && headerH <= (r.bottom()-marginTop)/2
	firstBody := 0
	if repeat {
		firstBody = lay.nHeader
	}

	var seg []slice
	nextPage := func() {
		r.drawCells(lay, seg)
		seg = nil
		r.newPage(r.landscape)
		if standalone && titleH < 40 {
			r.tableTitle(t, true)
		}
		if repeat {
			r.drawHeader(lay)
		}
	}
	if repeat {
		if len(lay.rowH) > lay.nHeader && r.y+headerH+lay.rowH[lay.nHeader] > r.bottom() && !standalone {
			nextPage()
		} else {
			r.drawHeader(lay)
		}
	}
	for s := firstBody; s < len(lay.rowH); {
		e := lay.blockEnd(s)
		bh := 0.0
		for _, h := range lay.rowH[s:e] {
			bh += h
		}
		if r.y+bh > r.bottom() && len(seg) > 0 && bh <= fresh {
			nextPage()
		}
		for row := s; row < e; row++ {
			rest, first := lay.rowH[row], true
			for rest > 1e-6 {
				if r.y+rest <= r.bottom()+1e-6 {
					seg = append(seg, slice{row: row, y: r.y, h: rest, first: first})
					r.y += rest
					break
				}
				if len(seg) > 0 && rest <= fresh {
					nextPage()
					continue
				}
				// Taller than the page: set the lines that fit, then continue.
				n := floor(r.bottom()-r.y-2*cellPadY, lay.lh)
				if n < 1 {
					if len(seg) > 0 {
						nextPage()
						continue
					}
					n = 1 // not even one line fits below the title: overflow rather than loop
				}
				h := float64(n)*lay.lh + 2*cellPadY
				seg = append(seg, slice{row: row, y: r.y, h: h, first: first})
				r.y += h
				rest -= float64(n) * lay.lh
				first = false
				nextPage()
			}
		}
		s = e
	}
	r.drawCells(lay, seg)
	r.drawRules()

	if len(t.Notes) > 0 {
		r.y += 2
		for _, n := range t.Notes {
			r.paragraph(n, noteStyle, 0, 0, true)
		}
	}
}

// keep is the height a table in the narrative needs below its start on one
// page: all of it when it fits on a page of height page, so that a short table
// is not split, else its title, header and first row, so that it does not
// start with its title alone.
func (lay *tableLayout) keep(page float64) float64 {
	title := 3 * tableMetaStyle.em() * leading
	whole, top := title, title
	for i, h := range lay.rowH {
		whole += h
		if i <= lay.nHeader {
			top += h
		}
	}
	if whole <= page {
		return whole
	}
	return top
}

// blockEnd returns the end of the rows that row spans join to row s.
func (lay *tableLayout) blockEnd(s int) int {
	e := s + 1
	for row := s; row < e && row < len(lay.rowH); row++ {
		for _, c := range lay.byRow[row] {
			e = max(e, c.row+c.rows)
		}
	}
	return min(e, len(lay.rowH))
}

// tableTitle sets 表N, the title, the period and the 单位 line.
func (r *renderer) tableTitle(t *disclosure.Table, standalone bool) {
	width := r.right() - r.left()
	meta := tableMetaStyle
	lh := meta.em() * leading
	if standalone && t.Label() != "" {
		r.text(r.left(), r.y+lh/2, t.Label(), meta, 0)
		r.y += lh
	}
	st := tableTitleStyle
	if !standalone {
		st = style{size: bodyStyle.size, bold: true}
	}
	if t.Title != "" {
		tlh := st.em() * 1.6
		for _, l := range r.titleLines(clean(t.Title), st, width) {
			if r.y+tlh > r.bottom() {
				r.newPage(r.landscape)
			}
			r.centred(r.y+tlh/2, l.s, st)
			r.y += tlh
		}
	}
	if t.Period != "" {
		r.centred(r.y+lh/2, clean(t.Period), meta)
		r.y += lh
	}
	entity := t.Entity
	if t.EntityLabel != "" {
		entity = t.EntityLabel + "：" + t.Entity
	}
	unit := ""
	if t.Unit != "" {
		unit = "单位：" + string(t.Unit)
	}
	if entity == "" && unit == "" {
		r.y += 1
		return
	}
	unitW := r.width(clean(unit), meta)
	lines := r.wrap(clean(entity), meta, width-unitW-6, 0)
	for i, l := range lines {
		if r.y+lh > r.bottom() {
			r.newPage(r.landscape)
		}
		r.text(r.left(), r.y+lh/2, l.s, meta, 0)
		if i == len(lines)-1 {
			r.text(r.right()-unitW, r.y+lh/2, clean(unit), meta, 0)
		}
		r.y += lh
	}
	r.y += 1
}

func (r *renderer) drawHeader(lay *tableLayout) {
	var seg []slice
	for row := 0; row < lay.nHeader; row++ {
		seg = append(seg, slice{row: row, y: r.y, h: lay.rowH[row], first: true})
		r.y += lay.rowH[row]
	}
	for _, c := range lay.cells[:lay.headerCells()] {
		c.shown = 0
	}
	r.drawCells(lay, seg)
}

func (lay *tableLayout) headerCells() int {
	n := 0
	for n < len(lay.cells) && lay.cells[n].header {
		n++
	}
	return n
}

// drawCells draws the cells that meet the slices of one page. A cell whose
// rows continue from the previous page shows the rest of its text, or all of
// it again once it was shown in full, so each page names its rows.
func (r *renderer) drawCells(lay *tableLayout, seg []slice) {
	if r.pdf == nil || len(seg) == 0 {
		return
	}
	// A page holds at most one slice of a row, and its rows in order.
	firstRow, lastRow := seg[0].row, seg[len(seg)-1].row
	draw := func(c *tcell) {
		i := max(c.row, firstRow) - firstRow
		j := min(c.row+c.rows-1, lastRow) - firstRow
		x, w := lay.colX[c.col], lay.colX[c.col+c.cols]-lay.colX[c.col]
		y, h := seg[i].y, seg[j].y+seg[j].h-seg[i].y
		if c.header {
			r.pdf.SetFillColor(headerGrey, headerGrey, headerGrey)
			r.pdf.Rect(x, y, w, h, "F")
		}
		r.rules.box(x, y, w, h)
		if c.shown >= len(c.lines) && c.rows > 1 && seg[i].first {
			c.shown = 0
		}
		n := min(len(c.lines)-c.shown, floor(h-2*cellPadY, lay.lh))
		if n <= 0 {
			return
		}
		ty := y + (h-float64(n)*lay.lh)/2
		for _, l := range c.lines[c.shown : c.shown+n] {
			lx := x + cellPadX + c.indent
			switch c.align {
			case 'C':
				lx = x + (w-r.width(l.s, c.st))/2
			case 'R':
				lx = x + w - cellPadX - r.width(l.s, c.st)
			}
			r.text(lx, ty+lay.lh/2, l.s, c.st, 0)
			ty += lay.lh
		}
		c.shown += n
	}
	for _, c := range lay.spanning {
		if c.row < firstRow && c.row+c.rows > firstRow {
			draw(c)
		}
	}
	for _, cells := range lay.byRow[firstRow : lastRow+1] {
		for _, c := range cells {
			draw(c)
		}
	}
}

// drawRules strokes the borders collected on the page, each edge once and over
// the header's grey: two neighbours, or a header and the row under it, stroking
// the edge they share would set it darker than the table's outline.
func (r *renderer) drawRules() {
	if r.pdf == nil || len(r.rules) == 0 {
		r.rules = r.rules[:0]
		return
	}
	r.pdf.SetLineCapStyle("square")
	for _, l := range r.rules.merged() {
		if l.horizontal {
			r.pdf.Line(l.from, l.at, l.to, l.at)
		} else {
			r.pdf.Line(l.at, l.from, l.at, l.to)
		}
	}
	r.pdf.SetLineCapStyle("butt")
	r.rules = r.rules[:0]
}

// rule is a border line: at the y of a horizontal one or the x of a vertical
// one, from and to along it.
type rule struct {
	horizontal   bool
	at, from, to float64
}

// rules collects the edges of a page's cells so that each is drawn once.
type rules []rule

func (rs *rules) box(x, y, w, h float64) {
	*rs = append(*rs,
		rule{true, y, x, x + w}, rule{true, y + h, x, x + w},
		rule{false, x, y, y + h}, rule{false, x + w, y, y + h})
}

// merged joins the rules that lie on one line and overlap or touch, in a fixed
// order so that the same table gives the same bytes.
func (rs rules) merged() []rule {
	const eps = 1e-6
	slices.SortFunc(rs, func(a, b rule) int {
		switch {
		case a.horizontal != b.horizontal:
			if a.horizontal {
				return -1
			}
			return 1
		case math.Abs(a.at-b.at) > eps:
			return cmp.Compare(a.at, b.at)
		default:
			return cmp.Compare(a.from, b.from)
		}
	})
	var out []rule
	for _, l := range rs {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if last.horizontal == l.horizontal && math.Abs(last.at-l.at) <= eps && l.from <= last.to+eps {
				last.to = max(last.to, l.to)
				continue
			}
		}
		out = append(out, l)
	}
	return out
}
