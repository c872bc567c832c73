package reader

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"yusuan/disclosure"
	"yusuan/format"
	"yusuan/money"
)

// A table sheet: its title, the lines of entity, period and unit under it, the
// header, the body and the notes. The header's cells come with the merges that
// give their spans exactly, and each column is named by the texts over it through
// the family's vocabulary, as in every other input.

// readTables reads every sheet whose title names a table of f (or of the family,
// where f has that table under another title).
func (x *xlsxReader) readTables(f *format.Format, b *book, year int) ([]*disclosure.Table, error) {
	var out []*disclosure.Table
	seen := map[*format.Table]string{}
	for _, s := range b.sheets {
		if s == b.cover || s == b.narrative || s.title == "" {
			continue
		}
		spec := tableSpec(f, s.title)
		if spec == nil {
			if x.own && s.label > 0 {
				return nil, x.errorf(s.name, s.tRow, 0, "不认识的表格“%s”（表%d）", s.title, s.label)
			}
			continue
		}
		if prev, dup := seen[spec]; dup {
			return nil, x.errorf(s.name, s.tRow, 0, "表格“%s”与工作表“%s”重复", s.title, prev)
		}
		seen[spec] = s.name
		number := s.label
		if number == 0 {
			number = spec.Number
		}
		if number == 0 {
			number = len(out) + 1
		}
		t, err := x.readTable(s, spec, number, year)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// tableSpec returns the table of f a title names, or the family's table when f
// prints that table under a title of its own or not at all.
func tableSpec(f *format.Format, title string) *format.Table {
	if t := f.MatchTable(title); t != nil {
		return t
	}
	if f.Generic {
		return nil
	}
	t := format.Generic().MatchTable(title)
	if t == nil {
		return nil
	}
	if own := f.Table(t.Kind); own != nil {
		return own
	}
	return t
}

var (
	entityLabels = []string{"部门名称", "单位名称", "编制部门", "编制单位"}
	xlsxPeriodRe = regexp.MustCompile(`^20\d\d\s*年度$`)
)

// isMeta reports whether a cell's text is one of the lines between a table's title and
// its header: the entity, the period or the unit.
func isMeta(v string) bool {
	c := squeeze(v)
	for _, l := range entityLabels {
		if strings.HasPrefix(c, l+"：") || strings.HasPrefix(c, l+":") {
			return true
		}
	}
	return strings.HasPrefix(c, "单位：") || strings.HasPrefix(c, "单位:") || strings.HasPrefix(c, "金额单位") || xlsxPeriodRe.MatchString(c)
}

// readMeta sets the entity, period and unit from one cell's text.
func readMeta(t *disclosure.Table, v string) {
	c := strings.ReplaceAll(squeeze(v), ":", "：")
	for _, l := range entityLabels {
		if strings.HasPrefix(c, l+"：") {
			_, entity, _ := strings.Cut(strings.ReplaceAll(v, ":", "："), "：")
			t.EntityLabel, t.Entity = l, tidy(entity)
			return
		}
	}
	switch {
	case xlsxPeriodRe.MatchString(c):
		t.Period = c
	case strings.Contains(c, "万元"):
		t.Unit = money.UnitWan
	case strings.Contains(c, "元"):
		t.Unit = money.UnitYuan
	}
}

// readTable reads a table sheet: entity, period and unit from the lines under the
// title, the header, body rows with codes and exact amounts, and the notes below.
func (x *xlsxReader) readTable(s *wsheet, spec *format.Table, number, year int) (*disclosure.Table, error) {
	t := &disclosure.Table{Number: number, Kind: spec.Kind, Title: tidy(s.title), Unlabeled: s.label == 0, Sheet: s.name,
		Pos: disclosure.Pos{Line: s.tRow + 1}}
	// The lines under the title, then the header. yusuan's own sheets put the header in
	// row 4; elsewhere it is the first line after the title that is not a meta line.
	r := s.tRow + 1
	for ; r < len(s.rows); r++ {
		meta := false
		for _, v := range s.rows[r] {
			if isMeta(v) {
				readMeta(t, v)
				meta = true
			}
		}
		if !meta && !s.blank(r) || x.own && r >= 3 {
			break
		}
	}
	if t.Unit == "" {
		t.Unit = spec.Unit
	}
	if l, err := x.f.GetPageLayout(s.name); err == nil && l.Orientation != nil {
		t.Wide = *l.Orientation == "landscape"
	}
	end, err := x.headerEnd(s, t, spec, r)
	if err != nil {
		return nil, err
	}

	// The body runs to the notes. In yusuan's sheets body cells have borders and notes
	// none; elsewhere a note is a lone text in the first column that reads like one,
	// and blank rows are left out.
	var body []int
	noteFrom := len(s.rows)
	for row := end; row < len(s.rows); row++ {
		if x.own {
			if !bordered(x.style(s.name, row, 0)) {
				noteFrom = row
				break
			}
			body = append(body, row)
			continue
		}
		if s.blank(row) && !s.merged(row) {
			continue
		}
		if v := tidy(s.at(row, 0)); looksLikeNote(v) && s.lone(row) {
			noteFrom = row
			break
		}
		body = append(body, row)
	}
	n := s.width(r, end)
	if spec.Layout == "form" && end == r {
		n = len(spec.Columns)
	}
	if n == 0 {
		for _, row := range body {
			n = max(n, s.width(row, row+1))
		}
	}
	if err := x.grid(s, t, spec, rowRange(r, end), body, n, year); err != nil {
		return nil, err
	}
	if len(t.Rows) == 0 && amountsOnly(t) {
		// A table of amounts alone (三公) is one row, which is blank when every amount
		// is zero.
		t.Rows = []disclosure.Row{{Cells: make([]disclosure.Cell, len(t.Columns)), Pos: disclosure.Pos{Line: end + 1}}}
	}
	for row := noteFrom; row < len(s.rows); row++ {
		for c := range s.rows[row] {
			if v := tidy(s.at(row, c)); v != "" {
				t.Notes = append(t.Notes, v)
				t.Empty = t.Empty || emptyNoteRe.MatchString(v)
			}
		}
	}
	return t, nil
}

// headerEnd returns the row after the header that starts at row r. A table its
// format holds to a template's headers takes the one the sheet prints, and is refused
// when it prints none of them. yusuan's own header rows are filled; elsewhere the
// merges say where the header ends.
func (x *xlsxReader) headerEnd(s *wsheet, t *disclosure.Table, spec *format.Table, r int) (int, error) {
	switch {
	case len(spec.Headers) > 0:
		for _, h := range spec.Headers {
			if e := r + headerDepth(h); e <= len(s.rows) && samePaths(x.headerPaths(s, r, e), h) {
				return e, nil
			}
		}
		var found []string
		if r < len(s.rows) {
			for _, v := range s.rows[r] {
				if v = squeeze(v); v != "" {
					found = append(found, v)
				}
			}
		}
		return 0, x.errorf(s.name, r, -1, "表%d“%s”的表头与已知的格式都不符：应从这一行起是 %s，这一行却是“%s”",
			t.Number, t.Title, describeHeaders(spec.Headers), clip(strings.Join(found, " ")))
	case x.own:
		e := r
		for e < len(s.rows) && x.headStyled(s.name, e) {
			e++
		}
		return e, nil
	case spec.Layout == "form":
		return r, nil
	}
	return s.mergedHeaderEnd(r), nil
}

// mergedHeaderEnd returns the row after a header that starts at row r, read from its
// merges: a cell merged down reaches the header's last row or above, and one merged
// across heads the cells printed under it.
func (s *wsheet) mergedHeaderEnd(r int) int {
	byRow := map[int][]mergeRange{}
	for _, m := range s.merges {
		if m.r0 >= r {
			byRow[m.r0] = append(byRow[m.r0], m)
		}
	}
	e := r
	for row := r; row <= e && row < len(s.rows); row++ {
		for _, m := range byRow[row] {
			e = max(e, m.r1)
			if m.c1 > m.c0 && s.wordsUnder(m) {
				e = max(e, m.r1+1)
			}
		}
	}
	return min(e+1, len(s.rows))
}

// wordsUnder reports whether the row below a merged range prints words, not amounts
// or codes, in its columns.
func (s *wsheet) wordsUnder(m mergeRange) bool {
	for c := m.c0; c <= m.c1; c++ {
		v := tidy(s.at(m.r1+1, c))
		if v != "" && !amountTextRe.MatchString(v) && !xlsxNumberRe.MatchString(v) && !codeTextRe.MatchString(v) {
			return true
		}
	}
	return false
}

// width is the number of columns that rows [from, to) reach with their text and
// merges.
func (s *wsheet) width(from, to int) int {
	n := 0
	for r := from; r < to && r < len(s.rows); r++ {
		for c, v := range s.rows[r] {
			if tidy(v) != "" {
				n = max(n, c+1)
			}
		}
	}
	for _, m := range s.merges {
		if m.r0 < to && m.r1 >= from {
			n = max(n, m.c1+1)
		}
	}
	return n
}

// headerPaths returns, for each column of the header in rows [from, to), the texts
// of the cells over it.
func (x *xlsxReader) headerPaths(s *wsheet, from, to int) [][]string {
	t := &disclosure.Table{Columns: make([]disclosure.Column, s.width(from, to))}
	rows, _ := x.cells(s, t, rowRange(from, to), false)
	for _, row := range rows {
		t.Header = append(t.Header, row.Cells)
	}
	return format.HeaderPaths(t)
}

// headerKey is a header cell's text as headers are compared: folded, without a year.
func headerKey(s string) string {
	return headerYearRe.ReplaceAllString(format.Fold(s), "")
}

var headerYearRe = regexp.MustCompile(`(?:19|20)\d\d年度?`)

// pathKey is a column's header path as headers are compared, its empty cells left out.
func pathKey(path []string) string {
	var keys []string
	for _, p := range path {
		if k := headerKey(p); k != "" {
			keys = append(keys, k)
		}
	}
	return strings.Join(keys, "/")
}

// samePaths reports whether a header's paths are those of a description's header.
func samePaths(got [][]string, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for j, w := range want {
		if pathKey(got[j]) != pathKey(strings.Split(w, "/")) {
			return false
		}
	}
	return true
}

// headerDepth is the number of rows of a description's header.
func headerDepth(h []string) int {
	d := 0
	for _, p := range h {
		d = max(d, len(strings.Split(pathKey(strings.Split(p, "/")), "/")))
	}
	return d
}

// describeHeaders says what headers a table may have, for a person: each one's
// columns and rows and the texts of its lowest cells.
func describeHeaders(headers [][]string) string {
	var want []string
	for _, h := range headers {
		var leaves []string
		for _, p := range h {
			parts := strings.Split(pathKey(strings.Split(p, "/")), "/")
			leaves = append(leaves, parts[len(parts)-1])
		}
		w := fmt.Sprintf("%d 列 %d 行的表头“%s”", len(h), headerDepth(h), strings.Join(leaves, " "))
		if !slices.Contains(want, w) {
			want = append(want, w)
		}
	}
	return strings.Join(want, " 或 ")
}

// grid reads a table's header rows and body rows into t, n columns wide: the header
// cells with their spans, the columns named by the texts over them (a form's by its
// description, its header being part of its body), and the body.
func (x *xlsxReader) grid(s *wsheet, t *disclosure.Table, spec *format.Table, header, body []int, n, year int) error {
	t.Columns = make([]disclosure.Column, n)
	rows, err := x.cells(s, t, header, false)
	if err != nil {
		return err
	}
	t.Header = nil
	for _, row := range rows {
		t.Header = append(t.Header, row.Cells)
	}
	if spec != nil && spec.Layout == "form" && len(header) == 0 {
		for j, key := range spec.Columns {
			if j < n {
				t.Columns[j] = disclosure.Column{Key: key, Kind: format.ColumnKind(key)}
			}
		}
	} else {
		for j, p := range format.HeaderPaths(t) {
			t.Columns[j].Key, t.Columns[j].Kind = format.MeaningIn(format.Context{Table: t.Kind, Year: year, Document: x.kind}, p)
		}
	}
	// Columns the vocabulary does not know are amounts when most of their cells are
	// numbers, and an empty one after amounts is one too.
	for j := range t.Columns {
		if t.Columns[j].Kind != "" {
			continue
		}
		nums, texts := 0, 0
		for _, r := range body {
			switch v := tidy(s.at(r, j)); {
			case v == "":
			case v == "-" || v == "—":
				nums++
			default:
				if _, ok := cellAmount(v, t.Unit); ok {
					nums++
				} else {
					texts++
				}
			}
		}
		t.Columns[j].Kind = disclosure.TextCol
		if nums > texts || nums == 0 && texts == 0 && j > 0 && t.Columns[j-1].Kind == disclosure.AmountCol {
			t.Columns[j].Kind = disclosure.AmountCol
		}
	}
	seen := map[string]int{}
	for j := range t.Columns {
		c := &t.Columns[j]
		if c.Key != "" {
			if seen[c.Key]++; seen[c.Key] > 1 {
				c.Key = fmt.Sprintf("%s#%d", c.Key, seen[c.Key])
			}
		}
		c.Width = 10
		if c.Kind == disclosure.TextCol {
			c.Width = 20
		}
		if spec != nil && j < len(spec.Widths) && len(header) == 0 {
			c.Width = spec.Widths[j]
		}
	}
	t.Rows, err = x.cells(s, t, body, true)
	return err
}

func amountsOnly(t *disclosure.Table) bool {
	for _, c := range t.Columns {
		if c.Kind != disclosure.AmountCol {
			return false
		}
	}
	return len(t.Columns) > 0
}

func rowRange(from, to int) []int {
	var out []int
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}

func looksLikeNote(v string) bool {
	return strings.HasPrefix(v, "注") || strings.HasPrefix(v, "备注") || strings.HasPrefix(v, "说明：") || strings.Contains(v, "尾数误差")
}

// lone reports whether only the first cell of row r holds text.
func (s *wsheet) lone(r int) bool {
	for c, v := range s.rows[r] {
		if c > 0 && tidy(v) != "" {
			return false
		}
	}
	return true
}

// merged reports whether a merged range covers part of row r.
func (s *wsheet) merged(r int) bool {
	for _, m := range s.merges {
		if m.r0 <= r && r <= m.r1 {
			return true
		}
	}
	return false
}

// cells turns the sheet rows of a header or body into table rows: merged ranges become
// spans cut to these rows and the table's width, positions they cover are left out.
// For body rows it parses amounts, sets codes, total rows and positions, and refuses
// formulas.
func (x *xlsxReader) cells(s *wsheet, t *disclosure.Table, rows []int, body bool) ([]disclosure.Row, error) {
	n := len(t.Columns)
	if n == 0 {
		n = 1
	}
	unit := t.Unit
	if unit == "" {
		unit = money.UnitWan
	}
	// Merged ranges: the origin, the first of these rows that a range covers, takes its
	// span in these rows; the other positions it covers are left out.
	type pos struct{ r, c int }
	origin := map[pos][2]int{}
	covered := map[pos]bool{}
	for _, m := range s.merges {
		if m.c0 >= n {
			continue
		}
		i := sort.SearchInts(rows, m.r0)
		j := sort.SearchInts(rows, m.r1+1)
		if i >= j {
			continue
		}
		for _, r := range rows[i:j] {
			for c := m.c0; c <= min(m.c1, n-1); c++ {
				covered[pos{r, c}] = true
			}
		}
		origin[pos{rows[i], m.c0}] = [2]int{min(m.c1, n-1) - m.c0 + 1, j - i}
	}
	// A table of two halves, each with its codes, has no row codes (codeColumns).
	keys := make([]string, len(t.Columns))
	for j, c := range t.Columns {
		keys[j] = c.Key
	}
	halved := slices.ContainsFunc(keys, isCodeKey) && codeKeys(keys) == nil
	var out []disclosure.Row
	for _, r := range rows {
		row := disclosure.Row{Pos: disclosure.Pos{Line: r + 1}}
		var codes []string
		for c := 0; c < n; c++ {
			cell := disclosure.Cell{}
			if sp, ok := origin[pos{r, c}]; ok {
				if sp[0] > 1 {
					cell.ColSpan = sp[0]
				}
				if sp[1] > 1 {
					cell.RowSpan = sp[1]
				}
			} else if covered[pos{r, c}] {
				continue
			}
			raw := s.at(r, c)
			kind := disclosure.TextCol
			if c < len(t.Columns) {
				kind = t.Columns[c].Kind
			}
			if body && (raw != "" || kind == disclosure.AmountCol) {
				if f := x.formula(s.name, r, c); f != "" {
					return nil, x.errorf(s.name, r, c, "单元格是公式（=%s），拒绝读取：公开文件中的数字应为数值，请复制后“选择性粘贴 → 数值”", clip(f))
				}
			}
			text := tidy(raw)
			switch {
			case body && kind == disclosure.AmountCol && text != "":
				if a, ok := cellAmount(text, unit); ok {
					cell.Amount = &a
				} else {
					cell.Text = text
				}
			case body && kind == disclosure.CodeCol:
				cell.Text = squeeze(text)
				codes = append(codes, cell.Text)
			default:
				cell.Text = text
			}
			if body && x.own && cell.Text != "" && kind == disclosure.TextCol {
				if st := x.style(s.name, r, c); st != nil && st.Alignment != nil {
					cell.Indent = st.Alignment.Indent
				}
			}
			if body && len(row.Cells) == 0 {
				row.Kind = x.rowKind(s, r, c)
			}
			row.Cells = append(row.Cells, cell)
		}
		if body && !halved {
			row.Code = xlsxJoinCode(codes)
		}
		if body {
			if !x.own && row.Kind == disclosure.DataRow {
				for _, cl := range row.Cells {
					if v := squeeze(cl.Text); v != "" {
						if strings.HasSuffix(v, "合计") || strings.HasSuffix(v, "总计") {
							row.Kind = disclosure.TotalRow
						}
						break
					}
				}
			}
		}
		out = append(out, row)
	}
	return out, nil
}

// rowKind tells a total row in yusuan's own sheets by its bold type.
func (x *xlsxReader) rowKind(s *wsheet, r, c int) disclosure.RowKind {
	if !x.own {
		return disclosure.DataRow
	}
	if st := x.style(s.name, r, c); st != nil && st.Font != nil && st.Font.Bold {
		return disclosure.TotalRow
	}
	return disclosure.DataRow
}

// formula returns the formula of a cell, or "".
func (x *xlsxReader) formula(sh string, r, c int) string {
	cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
	f, _ := x.f.GetCellFormula(sh, cell)
	return f
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// xlsxJoinCode makes a row's code from its code cells: one cell holding the whole code,
// or 类, 款 and 项 cells joined ("205", "02", "05" → 2050205).
func xlsxJoinCode(cells []string) string {
	if len(cells) == 1 {
		if codeTextRe.MatchString(cells[0]) {
			return cells[0]
		}
		return ""
	}
	code := ""
	for i, c := range cells {
		if c == "" {
			break
		}
		if !allDigits(c) {
			return ""
		}
		want := 2
		if i == 0 {
			want = 3
		}
		if len(c) < want {
			c = strings.Repeat("0", want-len(c)) + c // a 款 typed as a number lost its zero
		}
		if len(c) != want {
			return ""
		}
		code += c
	}
	return code
}

func allDigits(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }

// cellAmount reads an amount cell's raw value in unit u exactly. yusuan writes the
// printed value with two decimals. Other programs may store binary noise
// (1234.5600000000001): Excel keeps 15 significant digits, so such a value is read at
// 15 significant digits, as Excel shows it, and must then be exact in the unit.
func cellAmount(v string, u money.Unit) (money.Amount, bool) {
	v = strings.ReplaceAll(v, ",", "")
	if !amountTextRe.MatchString(v) && !xlsxNumberRe.MatchString(v) {
		return 0, false
	}
	if a, err := money.Parse(v, u); err == nil {
		return a, true
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, false
	}
	a, err := money.Parse(strconv.FormatFloat(f, 'f', -1, 64), u)
	if err == nil {
		return a, true
	}
	g, err := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	if err != nil {
		return 0, false
	}
	a, err = money.Parse(strconv.FormatFloat(g, 'f', -1, 64), u)
	return a, err == nil
}

var xlsxNumberRe = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$`)
