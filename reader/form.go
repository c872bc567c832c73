package reader

import (
	"fmt"
	"math"
	"strings"

	"yusuan/disclosure"
	"yusuan/format"
	"yusuan/money"
)

// A form (单位整体支出绩效目标表) is not a grid: its task rows, its goals and its
// indicators each lay out their own columns, and cells span rows and columns. It is
// read from positioned text by what its labels say (任务名称, 金额合计, 一级指标…) and
// by the columns' printed widths, which its description gives.

// formPage is a page of a form: its lines and where its text starts and its
// amounts end, and the page's em.
type formPage struct {
	page        int
	lines       []*tline
	left, right float64
	em          float64
}

// readFormLayout keeps a page of a form from positioned text; finish reads them all.
func (r *tableReader) readFormLayout(lines []*tline, pg *tpage) {
	if len(lines) == 0 {
		return
	}
	p := &formPage{page: pg.number, lines: lines, left: math.Inf(1)}
	for _, l := range lines {
		if len(l.words) > 0 {
			p.left = min(p.left, l.words[0].x0)
		}
		for _, w := range l.words {
			if isAmountTok(w) {
				p.right = max(p.right, w.x1+1)
			}
		}
	}
	r.formPages = append(r.formPages, p)
}

// A table cell's text lines are lh apart and every row adds its padding above and
// below: 1.2 mm twice against lines of 9 pt × 1.45. Row spans are placed from the
// vertical centre of their text, so the reader measures rows in lines.
const rowPad = 2 * 1.2 / (9 * 0.3528 * 1.45)

// szRow is the lines of one table row: its anchor (the line with its amounts, or
// its target) and the wrapped text above and below it.
type szRow struct {
	anchor *tline
	lines  []*tline
}

// groupRows cuts lines into rows around their anchor lines. A row's cells are
// centred on its anchor, so as many of its lines lie above the anchor as below:
// the lines between two anchors go to the row above as far as it has lines above
// its own anchor, and the rest to the row below.
func groupRows(lines []*tline, isAnchor func(*tline) bool) []*szRow {
	var anchors []int
	for i, l := range lines {
		if isAnchor(l) {
			anchors = append(anchors, i)
		}
	}
	rows := make([]*szRow, len(anchors))
	from := 0
	for k, a := range anchors {
		above := a - from
		end := len(lines)
		if k+1 < len(anchors) {
			end = min(a+1+above, anchors[k+1])
			if lines[a].page != lines[anchors[k+1]].page {
				end = a + 1
				for end < anchors[k+1] && lines[end].page == lines[a].page {
					end++
				}
			}
		}
		rows[k] = &szRow{anchor: lines[a], lines: lines[from:end]}
		from = end
	}
	return rows
}

func isAmountTok(t word) bool { return t.num && strings.Contains(t.text, ".") }

func isAmountLine(l *tline) bool {
	for _, t := range l.words {
		if isAmountTok(t) {
			return true
		}
	}
	return false
}

// edgesFrom returns where each column starts: between two columns whose header
// centres are known, as far from each as their widths say; elsewhere on a table
// that fills the width up to right (when right > 0).
func edgesFrom(t *disclosure.Table, centers []float64, right float64) []float64 {
	n := len(t.Columns)
	edges := make([]float64, n+1)
	total := 0
	for _, c := range t.Columns {
		total += max(c.Width, 1)
	}
	cum := 0
	for i, c := range t.Columns {
		edges[i] = right * float64(cum) / float64(total)
		cum += max(c.Width, 1)
	}
	edges[n] = right
	for i := 1; i < n && i < len(centers); i++ {
		a, b := centers[i-1], centers[i]
		if math.IsNaN(a) || math.IsNaN(b) {
			continue
		}
		wa, wb := float64(max(t.Columns[i-1].Width, 1)), float64(max(t.Columns[i].Width, 1))
		edges[i] = a + (b-a)*wa/(wa+wb)
	}
	return edges
}

// colAt is the column a word starting at x falls in.
func colAt(edges []float64, x float64) int {
	for j := len(edges) - 2; j > 0; j-- {
		if x+1 >= edges[j] {
			return j
		}
	}
	return 0
}

// readPerformance reads 表12, a form rather than a grid: the unit line, the task
// rows under a two-line heading, the 金额合计 row, the overall goals and the
// indicators. Cells that span rows (年度主要任务, a task, an indicator's first and
// second level) print once, centred on their rows; they are put on the first row,
// where the derived table has them.
func readPerformance(name string, t *disclosure.Table, pages []*formPage) error {
	var lines []*tline
	edgesOf := map[int][]float64{}
	for _, p := range pages {
		lines = append(lines, p.lines...)
		e := edgesFrom(t, nil, p.right-p.left)
		for i := range e {
			e[i] += p.left
		}
		edgesOf[p.page] = e
	}
	// 主要内容 starts the third column's text, left-aligned, wherever the printed
	// widths put it: in `pdftotext -layout` text columns are not proportional.
	for _, l := range lines {
		for _, tok := range l.words {
			if format.Fold(tok.text) != "主要内容" {
				continue
			}
			for _, e := range edgesOf {
				if x := float64(tok.x0); x > e[1] && x < e[3] {
					e[2] = x
				}
			}
		}
	}
	col := func(l *tline, tok word) int {
		e := edgesOf[l.page]
		if e == nil {
			return 0
		}
		return colAt(e, float64(tok.x0))
	}
	n := len(t.Columns)
	newRow := func(l *tline) disclosure.Row {
		return disclosure.Row{Cells: make([]disclosure.Cell, n), Pos: disclosure.Pos{Page: l.page, Line: l.no}}
	}
	find := func(from int, pred func(string) bool) int {
		for i := from; i < len(lines); i++ {
			if pred(format.Fold(lines[i].compact)) {
				return i
			}
		}
		return -1
	}
	tasksAt := find(0, func(c string) bool {
		return strings.HasPrefix(c, "任务名称") || strings.Contains(c, "预算金额")
	})
	sumAt := find(max(tasksAt, 0), func(c string) bool { return strings.Contains(c, "金额合计") })
	indAt := find(max(sumAt, 0), func(c string) bool { return strings.Contains(c, "一级指标") && strings.Contains(c, "二级指标") })
	if tasksAt < 0 || sumAt < 0 || indAt < 0 {
		l := pages[0].lines[0]
		return fmt.Errorf("文件 %s 第 %d 页：表%d“%s”应有“任务名称”“金额合计”和“一级指标”等行", name, l.page, t.Number, t.Title)
	}
	// 单位名称 | 单位 | 主管部门 | 部门.
	head := newRow(lines[0])
	for _, l := range lines[:tasksAt] {
		for _, tok := range l.words {
			c := col(l, tok)
			if c == 1 {
				c = 0
			}
			if c == 5 {
				c = 4
			}
			head.Cells[c].Text += tok.text
		}
	}
	// A long unit name leaves 主管部门 one space from the department's name in
	// layout text, and the two read as one word: the label is the form's own.
	if h := head.Cells[3].Text; strings.HasPrefix(h, "主管部门") && len(h) > len("主管部门") && head.Cells[4].Text == "" {
		head.Cells[3].Text, head.Cells[4].Text = "主管部门", strings.TrimSpace(h[len("主管部门"):])
	}
	t.Rows = append(t.Rows, head)

	// The heading of the tasks: 任务名称, 主要内容 and 预算金额（万元） over 总额 and
	// the two 其中 columns. Its lines end where the first task's lines begin.
	vocab := "任务名称|主要内容|预算金额（万元）|总额|其中：财政拨款|其中：其他资金"
	taskFrom := tasksAt
	for taskFrom < sumAt && !isAmountLine(lines[taskFrom]) && allIn(lines[taskFrom], vocab) {
		taskFrom++
	}
	h1, h2 := newRow(lines[tasksAt]), newRow(lines[tasksAt])
	for _, l := range lines[tasksAt:taskFrom] {
		for _, tok := range l.words {
			c := col(l, tok)
			switch {
			case c <= 1:
				h1.Cells[0].Text += tok.text
			case c == 2:
				h1.Cells[2].Text += tok.text
			case strings.HasPrefix(format.Fold(tok.text), "预算金额"):
				h1.Cells[3].Text += tok.text
			default:
				h2.Cells[c].Text += tok.text
			}
		}
	}
	t.Rows = append(t.Rows, h1, h2)

	// The tasks and 金额合计.
	labelCol := func(maxCol int) func(l *tline, tok word) bool {
		return func(l *tline, tok word) bool { return !tok.num && col(l, tok) <= maxCol }
	}
	isTaskLabel := labelCol(1)
	taskLines, _ := rowLines(lines[taskFrom:sumAt+1], isTaskLabel)
	rows := groupRows(taskLines, isAmountLine)
	section := ""
	var taskRows []disclosure.Row
	for _, r := range rows {
		row := newRow(r.anchor)
		k := 3
		for _, l := range r.lines {
			for _, tok := range l.words {
				switch {
				case isAmountTok(tok):
					if k < n {
						a, err := money.Parse(tok.text, t.Unit)
						if err != nil {
							return fmt.Errorf("文件 %s 第 %d 页第 %d 行：表%d“%s”的“%s”不是有效金额（%v）", name, l.page, l.no, t.Number, t.Title, tok.text, err)
						}
						row.Cells[k] = disclosure.A(a)
						k++
					}
				case format.Fold(tok.text) == "金额合计":
					row.Cells[1].Text = tok.text
					row.Kind = disclosure.TotalRow
				case !isTaskLabel(l, tok):
					row.Cells[2].Text += tok.text
				}
			}
		}
		taskRows = append(taskRows, row)
	}
	for _, l := range lines[taskFrom : sumAt+1] {
		for _, tok := range l.words {
			if isTaskLabel(l, tok) && col(l, tok) == 0 {
				section += tok.text
			}
		}
	}
	if len(taskRows) > 0 {
		taskRows[0].Cells[0].Text = once(section)
		nTasks := len(taskRows) - 1
		formSpans(lines[taskFrom:sumAt+1], rows[:nTasks], taskRows[:nTasks], 1, func(l *tline, tok word) bool {
			return isTaskLabel(l, tok) && col(l, tok) == 1 && format.Fold(tok.text) != "金额合计"
		}, func(r *szRow) int { return countLines(r, func(l *tline, tok word) bool { return col(l, tok) == 2 }) })
	}
	t.Rows = append(t.Rows, taskRows...)

	// 年度总体目标: the label in the first column, the goals across the rest.
	goals := newRow(lines[min(sumAt+1, indAt)])
	var label string
	for _, l := range lines[sumAt+1 : indAt] {
		var parts []string
		for _, tok := range l.words {
			if col(l, tok) == 0 {
				label += tok.text
			} else {
				parts = append(parts, tok.text)
			}
		}
		goals.Cells[1].Text += strings.Join(parts, " ")
	}
	goals.Cells[0].Text = once(label)
	t.Rows = append(t.Rows, goals)

	// 年度绩效指标 and the indicators: the third level and the target on each row,
	// the first two levels spanning theirs.
	// The indicators' own heading row shows where their columns are: the first two
	// levels start where 一级指标 and 二级指标 do, the third level and the target end
	// where 三级指标 and 目标值 end. That holds in `pdftotext -layout` text too, whose
	// columns are not proportional to the page.
	var at [4]float64
	found := 0
	for _, tok := range lines[indAt].words {
		for k, w := range []string{"一级指标", "二级指标", "三级指标", "目标值"} {
			if format.Fold(tok.text) == w {
				at[k] = float64(tok.x0)
				if k >= 2 {
					at[k] = float64(tok.x1)
				}
				found |= 1 << k
			}
		}
	}
	if found == 15 {
		col = func(l *tline, tok word) int {
			x, end := float64(tok.x0), float64(tok.x1)
			switch {
			case x < at[0]-1:
				return 0
			case x < at[1]-1:
				return 1
			case x <= at[1]+1:
				return 2
			case math.Abs(end-at[2]) <= math.Abs(end-at[3]):
				return 3
			}
			return 4
		}
	}
	isIndLabel := labelCol(2)
	indLines, _ := rowLines(lines[indAt+1:], isIndLabel)
	isTarget := func(l *tline) bool {
		for _, tok := range l.words {
			if col(l, tok) >= 4 {
				return true
			}
		}
		return false
	}
	irows := groupRows(indLines, isTarget)
	head2 := newRow(lines[indAt])
	label = ""
	for _, tok := range lines[indAt].words {
		c := min(col(lines[indAt], tok), 4)
		if c == 0 {
			label += tok.text
			continue
		}
		head2.Cells[c].Text += tok.text
	}
	for _, l := range lines[indAt+1:] {
		for _, tok := range l.words {
			if col(l, tok) == 0 {
				label += tok.text
			}
		}
	}
	head2.Cells[0].Text = once(label)
	t.Rows = append(t.Rows, head2)
	var indRows []disclosure.Row
	for _, r := range irows {
		row := newRow(r.anchor)
		for _, l := range r.lines {
			for _, tok := range l.words {
				switch c := col(l, tok); {
				case c >= 4:
					row.Cells[4].Text += tok.text
				case c == 3:
					row.Cells[3].Text += tok.text
				}
			}
		}
		indRows = append(indRows, row)
	}
	height := func(r *szRow) int {
		return max(countLines(r, func(l *tline, tok word) bool { return col(l, tok) == 3 }),
			countLines(r, func(l *tline, tok word) bool { return col(l, tok) >= 4 }))
	}
	for level := 1; level <= 2; level++ {
		formSpans(lines[indAt+1:], irows, indRows, level, func(l *tline, tok word) bool {
			return !tok.num && col(l, tok) == level
		}, height)
	}
	t.Rows = append(t.Rows, indRows...)
	if len(taskRows) > 0 { // rows share their cells with t.Rows
		relabelSections(&taskRows[0].Cells[0].Text, &goals.Cells[0].Text, &head2.Cells[0].Text)
	}
	return nil
}

// The form's three section labels, in the order it prints them.
var formSections = [3]string{"年度主要任务", "年度总体目标", "年度绩效指标"}

// relabelSections puts the section labels back where they belong when their text
// wrapped past their own rows: a section of one short row (no tasks, no goals)
// leaves its label's second line among the next section's lines, so 年度主 |
// 要任务年度总体目标年度绩 | 效指标 reads back as three wrong labels. The three together
// still spell the three labels in order.
func relabelSections(labels ...*string) {
	joined := ""
	for _, l := range labels {
		joined += format.Fold(*l)
	}
	if joined != strings.Join(formSections[:], "") {
		return
	}
	for i, l := range labels {
		*l = formSections[i]
	}
}

// once undoes the repetition of a spanning cell's text on a continuation page.
func once(s string) string {
	if h := len(s) / 2; len(s)%2 == 0 && h > 0 && s[:h] == s[h:] {
		return s[:h]
	}
	return s
}

// rowLines drops the lines that hold only spanning labels: they lie between
// rows and would unbalance the rows' lines above and below their anchors.
func rowLines(lines []*tline, isLabel func(*tline, word) bool) ([]*tline, []*tline) {
	var rows, labels []*tline
	for _, l := range lines {
		only := true
		for _, tok := range l.words {
			if !isLabel(l, tok) {
				only = false
			}
		}
		if only {
			labels = append(labels, l)
		} else {
			rows = append(rows, l)
		}
	}
	return rows, labels
}

func countLines(r *szRow, in func(*tline, word) bool) int {
	n := 0
	for _, l := range r.lines {
		for _, tok := range l.words {
			if in(l, tok) {
				n++
				break
			}
		}
	}
	return max(n, 1)
}

// placeSpans puts the labels of a column whose cells span rows (found by isLabel
// among lines) on the first row of their span. A label is centred on its rows, so
// each span ends where that centre says, counted in text lines (height) and
// padding; spans do not cross pages.
func formSpans(lines []*tline, rows []*szRow, out []disclosure.Row, col int, isLabel func(*tline, word) bool, height func(*szRow) int) {
	if len(rows) == 0 {
		return
	}
	// The y of every row line, in lines from the top of the rows on its page.
	y := map[*tline]float64{}
	top := make([]float64, len(rows)+1)
	cur := 0.0
	for i, r := range rows {
		if i > 0 && r.anchor.page != rows[i-1].anchor.page {
			cur = 0
		}
		top[i] = cur
		h := float64(height(r))
		for k, l := range r.lines {
			y[l] = cur + rowPad/2 + (float64(k)+0.5)*h/float64(len(r.lines))
		}
		cur += h + rowPad
	}
	bottom := func(i int) float64 { return top[i] + float64(height(rows[i])) + rowPad }
	// Labels: runs of label lines less than a row apart.
	type label struct {
		text   string
		page   int
		ys     []float64
		center float64
	}
	var labels []label
	lastY, lastExact := math.Inf(-1), false
	for i, l := range lines {
		var text string
		for _, tok := range l.words {
			if isLabel(l, tok) {
				text += tok.text
			}
		}
		if text == "" {
			continue
		}
		ly, ok := y[l]
		if !ok {
			ly = interpolate(lines, i, y)
		}
		// Lines of one label are a line apart; labels of neighbouring one-line
		// rows, a row apart. A line between rows has only a rough y.
		_, exact := y[l]
		near := ly-lastY < 1.2 || ly-lastY < 1.6 && !(exact && lastExact)
		if n := len(labels); n > 0 && labels[n-1].page == l.page && near {
			labels[n-1].text += text
			labels[n-1].ys = append(labels[n-1].ys, ly)
		} else {
			labels = append(labels, label{text: text, page: l.page, ys: []float64{ly}})
		}
		lastY, lastExact = ly, exact
	}
	for i := range labels {
		sum := 0.0
		for _, v := range labels[i].ys {
			sum += v
		}
		labels[i].center = sum / float64(len(labels[i].ys))
	}
	s := 0
	prev := ""
	for k, lb := range labels {
		for s < len(rows) && rows[s].anchor.page < lb.page {
			s++
		}
		if s >= len(rows) {
			break
		}
		// Labels left for the rows after this one on the page.
		after := 0
		for _, o := range labels[k+1:] {
			if o.page == lb.page {
				after++
			}
		}
		last := s
		for last+1 < len(rows) && rows[last+1].anchor.page == lb.page {
			last++
		}
		e := last
		if after > 0 {
			best := math.Inf(1)
			for c := s; c <= last-after; c++ {
				if d := math.Abs(lb.center - (top[s]+bottom(c))/2); d < best {
					best, e = d, c
				}
			}
		}
		// A span that goes on from the page before repeats its label.
		if !(s > 0 && rows[s-1].anchor.page != lb.page && lb.text == prev) {
			out[s].Cells[col].Text = lb.text
		}
		prev = lb.text
		s = e + 1
	}
}

// interpolate estimates the y of a line that belongs to no row from the row
// lines around it.
func interpolate(lines []*tline, i int, y map[*tline]float64) float64 {
	a, b := -1, -1
	for j := i - 1; j >= 0 && lines[j].page == lines[i].page; j-- {
		if _, ok := y[lines[j]]; ok {
			a = j
			break
		}
	}
	for j := i + 1; j < len(lines) && lines[j].page == lines[i].page; j++ {
		if _, ok := y[lines[j]]; ok {
			b = j
			break
		}
	}
	switch {
	case a >= 0 && b >= 0:
		return y[lines[a]] + (y[lines[b]]-y[lines[a]])*float64(i-a)/float64(b-a)
	case a >= 0:
		return y[lines[a]] + 0.5
	case b >= 0:
		return y[lines[b]] - 0.5
	}
	return 0
}

// allIn reports whether every word of a line is among the words of vocab.
func allIn(l *tline, vocab string) bool {
	for _, w := range l.words {
		if !strings.Contains(vocab, format.Fold(w.text)) {
			return false
		}
	}
	return true
}
