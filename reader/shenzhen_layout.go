package reader

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/profile/shenzhen"
)

var (
	// A list marker, not a wrapped line that starts with a decimal (34.0%).
	szMarkerRe = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|[0-9]+[.．、][^0-9]|（[一二三四五六七八九十]+）)`)
	leaderRe   = regexp.MustCompile(`\s*[.…·．]{3,}[\s.…·．]*[0-9]*\s*$`)
	// yearLabelRe is what 表9's 年度 column prints: a year, or 增减变化金额 on one
	// line or two. It tells the column by what it says, as where the unit's name
	// ends and the year begins is not to be trusted in `pdftotext -layout` text.
	yearLabelRe = regexp.MustCompile(`^(?:20[0-9][0-9]年|增减变化(?:金额)?|金额)$`)
)

// A table cell's text lines are lh apart and every row adds its padding above and
// below: 1.2 mm twice against lines of 9 pt × 1.45. Row spans are placed from the
// vertical centre of their text, so the reader measures rows in lines.
const rowPad = 2 * 1.2 / (9 * 0.3528 * 1.45)

// readShenzhenLayout reads a Shenzhen 部门预算 or 单位预算 laid out with spaces:
// yusuan's own PDF, or `pdftotext -layout` text of it. The 目录 and the nine parts
// come first; then the twelve tables, each page headed by 表N, the title and the
// entity line, with the header repeated.
func readShenzhenLayout(name string, lines []lline, title, kind string, year, from int) (*disclosure.Document, error) {
	doc := &disclosure.Document{Profile: "shenzhen", Kind: kind, Year: year, Title: title, Unit: money.UnitWan}
	doc.Subject = strings.TrimSuffix(strings.TrimSuffix(yearRe.ReplaceAllString(title, ""), "部门预算"), "单位预算")
	var body []*lline
	for i := from; i < len(lines); i++ {
		if c := lines[i].compact; c != "" && !pageNumberRe.MatchString(c) {
			body = append(body, &lines[i])
		}
	}
	tablesAt := len(body)
	for i, l := range body {
		if tableMarkRe.MatchString(l.compact) {
			tablesAt = i
			break
		}
	}
	readShenzhenNarrative(doc, body[:tablesAt])
	if err := readShenzhenTables(name, doc, body[tablesAt:]); err != nil {
		return nil, err
	}
	doc.Department = doc.Subject
	for _, t := range doc.Tables {
		if t.Kind == disclosure.PerformanceTable && len(t.Rows) > 0 && len(t.Rows[0].Cells) > 4 && t.Rows[0].Cells[4].Text != "" {
			doc.Department = t.Rows[0].Cells[4].Text
		}
	}
	if len(doc.Parts) == 0 && len(doc.Tables) == 0 {
		return nil, fmt.Errorf("文件 %s 中没有找到深圳格式的内容（“第一部分 部门概况”或“表1 收支总表”）", name)
	}
	return doc, nil
}

// readShenzhenNarrative reads the 目录 and the parts up to the first table.
func readShenzhenNarrative(doc *disclosure.Document, lines []*lline) {
	n := &narrator{doc: doc, right: textWidth(lines)}
	inContents := false
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		c := l.compact
		switch {
		case isContentsHeading(c):
			inContents = true
			continue
		case inContents && (leaderRe.MatchString(l.text) || !partRe.MatchString(c)):
			doc.Contents = append(doc.Contents, strings.TrimSpace(leaderRe.ReplaceAllString(l.text, "")))
			continue
		}
		inContents = false
		if m := partRe.FindStringSubmatch(c); m != nil {
			n.flush()
			doc.Parts = append(doc.Parts, disclosure.Part{Number: chineseToInt(m[1]), Title: m[2]})
			continue
		}
		if len(doc.Parts) == 0 {
			continue
		}
		if f := fold(c); strings.Contains(f, "项目名称") && strings.Contains(f, "绩效目标") {
			n.flush()
			end := i + 1
			for end < len(lines) && !partRe.MatchString(lines[end].compact) && !strings.HasPrefix(lines[end].compact, "备注") && !strings.HasPrefix(lines[end].compact, "注：") {
				end++
			}
			t := keyProjectShell()
			t.Pos = disclosure.Pos{Page: l.page, Line: l.no}
			readKeyProjects(t, lines[i+1:end])
			n.add(disclosure.Block{Kind: disclosure.TableRef, Table: t, Pos: t.Pos})
			i = end - 1
			continue
		}
		if fold(c) == "单位：万元" || fold(c) == "单位：元" {
			continue // the project table's unit, printed above it
		}
		n.szLine(l)
	}
	n.flush()
}

// textWidth is where full lines of running text end: the end that most lines
// reach to within two characters, whatever the 目录's leaders and the project
// table do.
func textWidth(lines []*lline) int {
	count := map[int]int{}
	for _, l := range lines {
		if len(l.words) > 0 {
			e := l.words[len(l.words)-1].end[wide]
			for d := range 4 {
				count[e+d]++
			}
		}
	}
	best := 0
	for e, c := range count {
		if c > count[best] || c == count[best] && e > best {
			best = e
		}
	}
	return best
}

// szLine adds a line of running text. A paragraph's first line is indented and the
// lines it wraps onto are not; a numbered item's wrapped lines keep its indent, so
// an indented line after one starts a new paragraph only if the line before ended
// a sentence short of the right margin. Neither shows on a page of one-line
// paragraphs that end near the margin: layout text starts at the page's leftmost
// character, which is then every line's indented first one. `pdftotext -layout`
// still shows the space between paragraphs as an empty line.
func (n *narrator) szLine(l *lline) {
	text := strings.TrimSpace(l.text)
	c := l.compact
	if headingRe.MatchString(c) && utfLen(c) < 40 && !strings.ContainsAny(c, "。，；：:") {
		n.flush()
		n.add(disclosure.Block{Kind: disclosure.Heading, Text: text, Pos: disclosure.Pos{Page: l.page, Line: l.no}})
		return
	}
	if len(n.para) > 0 {
		last := n.para[len(n.para)-1]
		closed := strings.HasSuffix(last, "。") || strings.HasSuffix(last, "：") || strings.HasSuffix(last, "；")
		full := n.lastEnd >= n.right-5
		item := listItemRe.MatchString(n.para[0])
		marker := szMarkerRe.MatchString(c) || strings.HasPrefix(c, "备注") || strings.HasPrefix(c, "注：")
		// Lines wrap at the margin, so a short line that ends a sentence ends its
		// paragraph even where the page has no unindented line to measure from.
		if marker || closed && (!full || l.spaced) || l.indent >= 2 && !item {
			n.flush()
		}
	}
	if len(n.para) == 0 {
		n.start = disclosure.Pos{Page: l.page, Line: l.no}
	}
	n.para = append(n.para, text)
	if len(l.words) > 0 {
		n.lastEnd = l.words[len(l.words)-1].end[wide]
	}
}

func utfLen(s string) int { return len([]rune(s)) }

// readKeyProjects reads the 第七部分 table under its header line: one amount per
// row, the name and the target wrapped over lines above and below it. Names start
// at the table's left edge and targets well to the right of it; where exactly is
// not to be trusted in `pdftotext -layout` text.
func readKeyProjects(t *disclosure.Table, lines []*lline) {
	left := math.MaxInt
	for _, l := range lines {
		for _, tok := range l.toks {
			if !tok.number {
				left = min(left, tok.start[wide])
			}
		}
	}
	for _, r := range groupRows(lines, isAmountLine) {
		row := disclosure.Row{Cells: make([]disclosure.Cell, len(t.Columns)), Pos: r.pos()}
		var name, target string
		for _, l := range r.lines {
			for _, tok := range l.toks {
				switch {
				case isAmountTok(tok):
					if a, err := money.Parse(tok.text, t.Unit); err == nil {
						row.Cells[1] = disclosure.A(a)
					}
				case tok.start[wide] <= left+2:
					name += tok.text
				default:
					target += tok.text
				}
			}
		}
		row.Cells[0], row.Cells[2] = disclosure.T(name), disclosure.T(target)
		t.Rows = append(t.Rows, row)
	}
}

// szRow is the lines of one table row: its anchor (the line with its amounts, or
// its target) and the wrapped text above and below it.
type szRow struct {
	anchor *lline
	lines  []*lline
}

func (r *szRow) pos() disclosure.Pos { return disclosure.Pos{Page: r.anchor.page, Line: r.anchor.no} }

// groupRows cuts lines into rows around their anchor lines. A row's cells are
// centred on its anchor, so as many of its lines lie above the anchor as below:
// the lines between two anchors go to the row above as far as it has lines above
// its own anchor, and the rest to the row below.
func groupRows(lines []*lline, isAnchor func(*lline) bool) []*szRow {
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

func isAmountTok(t token) bool { return t.number && strings.Contains(t.text, ".") }

func isAmountLine(l *lline) bool {
	for _, t := range l.toks {
		if isAmountTok(t) {
			return true
		}
	}
	return false
}

// headerCenters finds each column's centre in measure m from the words of the
// header lines, NaN where the header does not name the column.
func headerCenters(t *disclosure.Table, header []*lline, m int) []float64 {
	var words []token
	for _, l := range header {
		words = append(words, l.words...)
	}
	slices.SortStableFunc(words, func(a, b token) int {
		return cmpFloat(a.center(m), b.center(m))
	})
	labels := leafLabels(t)
	centers := make([]float64, len(labels))
	from := 0
	for c, label := range labels {
		centers[c] = math.NaN()
		if label == "" {
			continue
		}
		found := -1
		for i := from; i < len(words) && found < 0; i++ {
			if fold(words[i].text) == label {
				found = i
			}
		}
		for i := from; i < len(words) && found < 0; i++ {
			if w := fold(words[i].text); utfLen(w) >= 2 && strings.Contains(label, w) {
				found = i
			}
		}
		if found >= 0 {
			centers[c] = words[found].center(m)
			from = found + 1
		}
	}
	return centers
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

// colAt is the column a token starting at x falls in.
func colAt(edges []float64, x float64) int {
	for j := len(edges) - 2; j > 0; j-- {
		if x+1 >= edges[j] {
			return j
		}
	}
	return 0
}

// szPage is one page of a table: its label line, the title, the entity and unit,
// the header lines, the body lines and the notes.
type szPage struct {
	label, title *lline
	header, body []*lline
	notes        []*lline
	shell        *disclosure.Table
	right        float64 // where the amounts end, measure m; 0 if none
	centers      []float64
}

// readShenzhenTables reads the tables part: each page is a 表N line, the title, and
// the lines up to the next 表N line.
func readShenzhenTables(name string, doc *disclosure.Document, lines []*lline) error {
	shells := shenzhen.Shells()
	var pages []*szPage
	for i := 0; i < len(lines); {
		l := lines[i]
		m := tableMarkRe.FindStringSubmatch(l.compact)
		end := i + 1
		for end < len(lines) && !tableMarkRe.MatchString(lines[end].compact) {
			end++
		}
		if m == nil || end == i+1 {
			i = end
			continue
		}
		var number int
		fmt.Sscan(m[1], &number)
		shell := matchShell(shells, fold(lines[i+1].compact), number)
		if shell != nil {
			shell = withYear(shell, doc.Year)
		}
		if shell == nil {
			return fmt.Errorf("文件 %s 第 %d 页第 %d 行：不认识的表格“%s”（表%d）", name, lines[i+1].page, lines[i+1].no, strings.TrimSpace(lines[i+1].text), number)
		}
		pages = append(pages, &szPage{label: l, title: lines[i+1], shell: shell, body: lines[i+2 : end]})
		i = end
	}
	m := szMeasure(pages)
	tables := map[int]*disclosure.Table{}
	var order []*disclosure.Table
	var byTable = map[*disclosure.Table][]*szPage{}
	for _, p := range pages {
		t := tables[p.shell.Number]
		if t == nil {
			c := *p.shell
			t = &c
			t.Pos = disclosure.Pos{Page: p.label.page, Line: p.label.no}
			tables[p.shell.Number] = t
			order = append(order, t)
		}
		p.split(t)
		byTable[t] = append(byTable[t], p)
	}
	// Pages whose amounts do not reach the last column take the right edge of
	// the pages of the same orientation.
	var right [2]float64
	for _, p := range pages {
		p.right = 0
		for _, l := range p.body {
			for _, tok := range l.toks {
				if isAmountTok(tok) {
					p.right = max(p.right, float64(tok.end[m])+1)
				}
			}
		}
		o := 0
		if p.shell.Wide {
			o = 1
		}
		right[o] = max(right[o], p.right)
	}
	for _, p := range pages {
		if p.right == 0 {
			if p.shell.Wide {
				p.right = right[1]
			} else {
				p.right = right[0]
			}
		}
		p.centers = headerCenters(p.shell, p.header, m)
	}
	for _, t := range order {
		var err error
		switch t.Kind {
		case disclosure.PerformanceTable:
			err = readPerformance(name, t, byTable[t], m)
		default:
			err = readGridTable(name, t, byTable[t], m)
		}
		if err != nil {
			return err
		}
		// Empty says what the notes say: a table of zeros is printed without
		// one when the profile has nothing to say about it.
		t.Empty = false
		for _, n := range t.Notes {
			if strings.Contains(n, "空表") {
				t.Empty = true
			}
		}
		doc.Tables = append(doc.Tables, t)
	}
	return nil
}

// withYear puts the document's year into a shell's header (2024年预算数): the
// shells come from a budget of the year 2000.
func withYear(shell *disclosure.Table, year int) *disclosure.Table {
	t := *shell
	t.Header = make([][]disclosure.Cell, len(shell.Header))
	for i, row := range shell.Header {
		t.Header[i] = slices.Clone(row)
		for j := range row {
			t.Header[i][j].Text = strings.ReplaceAll(row[j].Text, "2000年", fmt.Sprintf("%d年", year))
		}
	}
	return &t
}

// split sorts a page's lines after the title into meta lines, header, body and notes.
func (p *szPage) split(t *disclosure.Table) {
	lines := p.body
	p.body = nil
	vocab := ""
	for _, row := range t.Header {
		for _, c := range row {
			vocab += "|" + fold(c.Text)
		}
	}
	inBody, inNotes := false, false
	for _, l := range lines {
		c := fold(l.compact)
		switch {
		case inNotes || strings.HasPrefix(c, "注：") || strings.HasPrefix(c, "备注") || strings.Contains(c, "尾数误差"):
			inNotes = true
			p.notes = append(p.notes, l)
		case inBody:
			p.body = append(p.body, l)
		case strings.HasPrefix(c, "部门名称") || strings.HasPrefix(c, "单位名称：") || strings.HasPrefix(c, "单位：") || strings.HasPrefix(c, "金额单位"):
			entityLine(t, l)
		case yearRe.MatchString(c) && strings.HasSuffix(c, "年度") && len(p.header) == 0:
			t.Period = c
		case vocab != "" && !isAmountLine(l) && allIn(l, vocab):
			p.header = append(p.header, l)
		default:
			inBody = true
			p.body = append(p.body, l)
		}
	}
	for _, l := range p.notes {
		text := strings.TrimSpace(l.text)
		if n := len(t.Notes); n > 0 && !strings.HasSuffix(t.Notes[n-1], "。") && !strings.HasPrefix(text, "注") && !strings.HasPrefix(text, "备注") {
			t.Notes[n-1] += text
			continue
		}
		if !slices.Contains(t.Notes, text) {
			t.Notes = append(t.Notes, text)
		}
	}
}

func allIn(l *lline, vocab string) bool {
	for _, tok := range l.words {
		if !strings.Contains(vocab, fold(tok.text)) {
			return false
		}
	}
	return true
}

// entityLine reads 部门名称：…  单位：万元, or the unit alone.
func entityLine(t *disclosure.Table, l *lline) {
	for _, tok := range l.toks {
		label, value, ok := strings.Cut(fold(tok.text), "：")
		switch {
		case !ok:
		case label == "单位" || label == "金额单位":
			if strings.Contains(value, "万元") {
				t.Unit = money.UnitWan
			} else if strings.Contains(value, "元") {
				t.Unit = money.UnitYuan
			}
		case strings.HasSuffix(label, "名称"):
			t.EntityLabel, t.Entity = label, value
		}
	}
}

// szMeasure tells how the text counts columns: in the right measure the amounts of
// one column end at the same place on every row of a page.
func szMeasure(pages []*szPage) int {
	var spread [measures]float64
	for m := range measures {
		for _, p := range pages {
			var ends [][]float64
			for _, l := range p.body {
				var e []float64
				for _, tok := range l.toks {
					if isAmountTok(tok) {
						e = append(e, float64(tok.end[m]))
					}
				}
				if len(e) >= 3 && (len(ends) == 0 || len(e) == len(ends[0])) {
					ends = append(ends, e)
				}
			}
			for j := 0; len(ends) > 1 && j < len(ends[0]); j++ {
				lo, hi := math.Inf(1), math.Inf(-1)
				for _, e := range ends {
					lo, hi = min(lo, e[j]), max(hi, e[j])
				}
				spread[m] += hi - lo
			}
		}
	}
	if spread[narrow] < spread[wide] {
		return narrow
	}
	return wide
}

// readGridTable reads one of tables 1 to 11 from its pages.
func readGridTable(name string, t *disclosure.Table, pages []*szPage, m int) error {
	var amountCols, textCols []int
	codeCol := -1
	for i, c := range t.Columns {
		switch c.Kind {
		case disclosure.AmountCol:
			amountCols = append(amountCols, i)
		case disclosure.CodeCol:
			codeCol = i
		default:
			textCols = append(textCols, i)
		}
	}
	summary := t.Kind == disclosure.SummaryTable || t.Kind == disclosure.FiscalSummaryTable
	for _, p := range pages {
		edges := edgesFrom(t, p.centers, p.right)
		rows := groupRows(p.body, isAmountLine)
		// Amount columns where rows leave some empty: from the rows that fill them all.
		var ends [][]float64
		for _, r := range rows {
			var e []float64
			for _, tok := range r.anchor.toks {
				if isAmountTok(tok) {
					e = append(e, float64(tok.end[m]))
				}
			}
			ends = append(ends, e)
		}
		anchors, _ := fitColumns(ends, len(amountCols), headerAnchors(t, p.header, m))
		var unitRows map[*szRow]int // 表9: the three rows of a unit share its name
		if t.Kind == disclosure.SanGongTable {
			unitRows = map[*szRow]int{}
			for i, r := range rows {
				unitRows[r] = i / 3 * 3
			}
		}
		first := len(t.Rows)
		for _, r := range rows {
			row := disclosure.Row{Cells: make([]disclosure.Cell, len(t.Columns)), Pos: r.pos()}
			texts := make([]string, len(t.Columns))
			var nums []token
			for _, tok := range r.anchor.toks {
				if isAmountTok(tok) {
					nums = append(nums, tok)
				}
			}
			cols := make([]int, len(nums))
			switch {
			case len(nums) == len(amountCols):
				for i := range cols {
					cols[i] = i
				}
			default:
				e := make([]float64, len(nums))
				for i, tok := range nums {
					e[i] = float64(tok.end[m])
				}
				c, _, ok := assign(e, anchors)
				if !ok || anchors == nil {
					l := r.anchor
					return fmt.Errorf("文件 %s 第 %d 页第 %d 行：无法确定表%d“%s”这一行的 %d 个金额各属哪一列", name, l.page, l.no, t.Number, t.Title, len(nums))
				}
				cols = c
			}
			for i, tok := range nums {
				a, err := money.Parse(tok.text, t.Unit)
				if err != nil {
					l := r.anchor
					return fmt.Errorf("文件 %s 第 %d 页第 %d 行：表%d“%s”的“%s”不是有效金额（%v）", name, l.page, l.no, t.Number, t.Title, tok.text, err)
				}
				row.Cells[amountCols[cols[i]]] = disclosure.A(a)
			}
			hasCode := false
			for _, tok := range r.anchor.toks {
				if codeCol >= 0 && tok.number && !isAmountTok(tok) && codeTextRe.MatchString(tok.text) {
					row.Code = tok.text
					row.Cells[codeCol] = disclosure.T(tok.text)
					hasCode = true
				}
			}
			for _, l := range r.lines {
				// Texts placed by where they start are taken word by word: `pdftotext
				// -layout` may leave a single space between a name and the next
				// column's text, which makes them one token.
				byPlace := codeCol < 0 && !(summary && l == r.anchor)
				pieces := l.toks
				if byPlace {
					pieces = l.words
				}
				lastCol, lastEnd := -1, 0
				for ti, tok := range pieces {
					if tok.number {
						continue
					}
					var col int
					switch {
					case codeCol >= 0 && hasCode:
						col = textCols[len(textCols)-1]
					case codeCol >= 0:
						col = textCols[0]
					case summary && l == r.anchor:
						// A name is followed on its line by its amount.
						col = textCols[len(textCols)-1]
						for _, next := range l.toks[ti+1:] {
							if isAmountTok(next) {
								k := slices.Index(nums, next)
								if amountCols[cols[k]] < textCols[1] {
									col = textCols[0]
								}
								break
							}
						}
					case unitRows != nil:
						col = textCols[0]
						if yearLabelRe.MatchString(tok.text) {
							col = textCols[1]
						}
					default:
						col = textCols[0]
						for _, c := range textCols {
							if c <= colAt(edges, float64(tok.start[m])) {
								col = c
							}
						}
					}
					if unitRows != nil && col == textCols[0] {
						continue
					}
					if byPlace && col == lastCol && tok.start[narrow]-lastEnd == 1 {
						texts[col] += " "
					}
					texts[col] += tok.text
					lastCol, lastEnd = col, tok.end[narrow]
				}
			}
			for _, c := range textCols {
				row.Cells[c] = disclosure.T(texts[c])
			}
			switch fold(texts[textCols[0]]) {
			case "合计", "总计", "本年收入合计", "收入总计":
				row.Kind = disclosure.TotalRow
			}
			t.Rows = append(t.Rows, row)
		}
		if unitRows != nil {
			// A unit's name is centred on its middle row; each line of it goes
			// to the unit whose middle row is nearest.
			mids := map[int]int{}
			for i, r := range rows {
				if i%3 == 1 || i == len(rows)-1 && i%3 == 0 {
					mids[i/3*3] = slices.Index(p.body, r.anchor)
				}
			}
			for li, l := range p.body {
				lastEnd := -1
				for _, tok := range l.words {
					if tok.number || yearLabelRe.MatchString(tok.text) || colAt(edges, float64(tok.start[m])) > textCols[1] {
						continue
					}
					best, dist := -1, math.MaxInt
					for g, at := range mids {
						if d := abs(at - li); d < dist || d == dist && g < best {
							best, dist = g, d
						}
					}
					if best >= 0 {
						c := &t.Rows[first+best].Cells[textCols[0]]
						if tok.start[narrow]-lastEnd == 1 {
							c.Text += " "
						}
						c.Text += tok.text
						lastEnd = tok.end[narrow]
					}
				}
			}
		}
	}
	return nil
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// readPerformance reads 表12, a form rather than a grid: the unit line, the task
// rows under a two-line heading, the 金额合计 row, the overall goals and the
// indicators. Cells that span rows (年度主要任务, a task, an indicator's first and
// second level) print once, centred on their rows; they are put on the first row,
// where the derived table has them.
func readPerformance(name string, t *disclosure.Table, pages []*szPage, m int) error {
	var lines []*lline
	edgesOf := map[int][]float64{}
	for _, p := range pages {
		lines = append(lines, p.header...)
		lines = append(lines, p.body...)
		edgesOf[p.label.page] = edgesFrom(t, nil, p.right)
	}
	col := func(l *lline, tok token) int {
		e := edgesOf[l.page]
		if e == nil {
			return 0
		}
		return colAt(e, float64(tok.start[m]))
	}
	n := len(t.Columns)
	newRow := func(l *lline) disclosure.Row {
		return disclosure.Row{Cells: make([]disclosure.Cell, n), Pos: disclosure.Pos{Page: l.page, Line: l.no}}
	}
	find := func(from int, pred func(string) bool) int {
		for i := from; i < len(lines); i++ {
			if pred(fold(lines[i].compact)) {
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
		l := pages[0].title
		return fmt.Errorf("文件 %s 第 %d 页：表%d“%s”应有“任务名称”“金额合计”和“一级指标”等行", name, l.page, t.Number, t.Title)
	}
	// 单位名称 | 单位 | 主管部门 | 部门.
	head := newRow(lines[0])
	for _, l := range lines[:tasksAt] {
		for _, tok := range l.toks {
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
		for _, tok := range l.toks {
			c := col(l, tok)
			switch {
			case c <= 1:
				h1.Cells[0].Text += tok.text
			case c == 2:
				h1.Cells[2].Text += tok.text
			case strings.HasPrefix(fold(tok.text), "预算金额"):
				h1.Cells[3].Text += tok.text
			default:
				h2.Cells[c].Text += tok.text
			}
		}
	}
	t.Rows = append(t.Rows, h1, h2)

	// The tasks and 金额合计.
	labelCol := func(maxCol int) func(l *lline, tok token) bool {
		return func(l *lline, tok token) bool { return !tok.number && col(l, tok) <= maxCol }
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
			for _, tok := range l.toks {
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
				case fold(tok.text) == "金额合计":
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
		for _, tok := range l.toks {
			if isTaskLabel(l, tok) && col(l, tok) == 0 {
				section += tok.text
			}
		}
	}
	if len(taskRows) > 0 {
		taskRows[0].Cells[0].Text = once(section)
		nTasks := len(taskRows) - 1
		placeSpans(lines[taskFrom:sumAt+1], rows[:nTasks], taskRows[:nTasks], 1, func(l *lline, tok token) bool {
			return isTaskLabel(l, tok) && col(l, tok) == 1 && fold(tok.text) != "金额合计"
		}, func(r *szRow) int { return countLines(r, func(l *lline, tok token) bool { return col(l, tok) == 2 }) })
	}
	t.Rows = append(t.Rows, taskRows...)

	// 年度总体目标: the label in the first column, the goals across the rest.
	goals := newRow(lines[min(sumAt+1, indAt)])
	var label string
	for _, l := range lines[sumAt+1 : indAt] {
		var parts []string
		for _, tok := range l.toks {
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
	for _, tok := range lines[indAt].toks {
		for k, w := range []string{"一级指标", "二级指标", "三级指标", "目标值"} {
			if fold(tok.text) == w {
				at[k] = float64(tok.start[m])
				if k >= 2 {
					at[k] = float64(tok.end[m])
				}
				found |= 1 << k
			}
		}
	}
	if found == 15 {
		col = func(l *lline, tok token) int {
			x, end := float64(tok.start[m]), float64(tok.end[m])
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
	isTarget := func(l *lline) bool {
		for _, tok := range l.toks {
			if col(l, tok) >= 4 {
				return true
			}
		}
		return false
	}
	irows := groupRows(indLines, isTarget)
	head2 := newRow(lines[indAt])
	label = ""
	for _, tok := range lines[indAt].toks {
		c := min(col(lines[indAt], tok), 4)
		if c == 0 {
			label += tok.text
			continue
		}
		head2.Cells[c].Text += tok.text
	}
	for _, l := range lines[indAt+1:] {
		for _, tok := range l.toks {
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
			for _, tok := range l.toks {
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
		return max(countLines(r, func(l *lline, tok token) bool { return col(l, tok) == 3 }),
			countLines(r, func(l *lline, tok token) bool { return col(l, tok) >= 4 }))
	}
	for level := 1; level <= 2; level++ {
		placeSpans(lines[indAt+1:], irows, indRows, level, func(l *lline, tok token) bool {
			return !tok.number && col(l, tok) == level
		}, height)
	}
	t.Rows = append(t.Rows, indRows...)
	return nil
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
func rowLines(lines []*lline, isLabel func(*lline, token) bool) ([]*lline, []*lline) {
	var rows, labels []*lline
	for _, l := range lines {
		only := true
		for _, tok := range l.toks {
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

func countLines(r *szRow, in func(*lline, token) bool) int {
	n := 0
	for _, l := range r.lines {
		for _, tok := range l.toks {
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
func placeSpans(lines []*lline, rows []*szRow, out []disclosure.Row, col int, isLabel func(*lline, token) bool, height func(*szRow) int) {
	if len(rows) == 0 {
		return
	}
	// The y of every row line, in lines from the top of the rows on its page.
	y := map[*lline]float64{}
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
		for _, tok := range l.toks {
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
func interpolate(lines []*lline, i int, y map[*lline]float64) float64 {
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
