package reader

import (
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"

	"yusuan/disclosure"
	"yusuan/internal/xlsxsafe"
	"yusuan/money"
	"yusuan/profile/shanghai"
	"yusuan/profile/shenzhen"
	"yusuan/render/xlsx"
)

// Bounds of what a workbook may hold. A disclosure has a dozen or two sheets of a few
// hundred rows; these refuse workbooks that would only cost time and memory.
const (
	maxSheets    = 100
	maxSheetRows = 20_000
	maxSheetCols = 200
	maxCells     = 2_000_000 // read positions, all sheets together
)

// ReadXLSX reads a disclosure from an .xlsx workbook of size bytes; name is the file
// name that errors print. It reads yusuan's own workbooks (a 说明 cover, the 文字部分
// sheet, then one sheet per table titled in row 2) and workbooks laid out like the
// Shanghai templates (a sheet per table and per narrative part). Amount cells must
// hold numbers, not formulas.
func ReadXLSX(name string, r io.ReaderAt, size int64) (*disclosure.Document, error) {
	if size > MaxFileSize {
		return nil, fmt.Errorf("文件 %s 有 %d MB，超过 %d MB 的上限，不像是一份部门预算公开文件", name, size>>20, MaxFileSize>>20)
	}
	f, err := xlsxsafe.Open(r, size, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("文件 %s：%v", name, err)
	}
	defer f.Close()
	x := &xlsxReader{f: f, name: name, styles: map[int]*excelize.Style{}}
	return x.readBook()
}

type xlsxReader struct {
	f      *excelize.File
	name   string
	read   int // positions read so far, against maxCells
	styles map[int]*excelize.Style
	// own is set for yusuan's own workbooks, whose layout and styles are known.
	own bool
}

// wsheet is one worksheet's raw cell values and merged ranges, 0-based.
type wsheet struct {
	name   string
	rows   [][]string
	merges []mergeRange
	title  string // the table or part title
	tRow   int    // 0-based row of the title
	label  int    // N of a 表N label above the title; 0 for none
}

type mergeRange struct{ r0, c0, r1, c1 int } // inclusive

func (s *wsheet) at(r, c int) string {
	if r < 0 || r >= len(s.rows) || c < 0 || c >= len(s.rows[r]) {
		return ""
	}
	return s.rows[r][c]
}

func (s *wsheet) blank(r int) bool {
	if r >= len(s.rows) {
		return true
	}
	for _, v := range s.rows[r] {
		if tidy(v) != "" {
			return false
		}
	}
	return true
}

// errorf is an error at a place in the workbook; row and col are 0-based, and col < 0
// names a whole row, row < 0 a whole sheet.
func (x *xlsxReader) errorf(sh string, row, col int, format string, args ...any) error {
	where := fmt.Sprintf("文件 %s 工作表“%s”", x.name, sh)
	switch {
	case row >= 0 && col >= 0:
		cell, _ := excelize.CoordinatesToCellName(col+1, row+1)
		colName, _ := excelize.ColumnNumberToName(col + 1)
		where += fmt.Sprintf(" 第 %d 行 %s 列（单元格 %s）", row+1, colName, cell)
	case row >= 0:
		where += fmt.Sprintf(" 第 %d 行", row+1)
	}
	return fmt.Errorf("%s：%s", where, fmt.Sprintf(format, args...))
}

// readSheet reads a sheet's values and merged ranges within the bounds.
func (x *xlsxReader) readSheet(name string) (*wsheet, error) {
	s := &wsheet{name: name}
	rows, err := x.f.Rows(name)
	if err != nil {
		return nil, x.errorf(name, -1, -1, "无法读取工作表（%v）", err)
	}
	defer rows.Close()
	for rows.Next() {
		if len(s.rows) >= maxSheetRows {
			return nil, x.errorf(name, len(s.rows), -1, "工作表超过 %d 行，不像部门预算公开的表格，拒绝读取", maxSheetRows)
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, x.errorf(name, len(s.rows), -1, "无法读取这一行（%v）", err)
		}
		if len(cells) > maxSheetCols {
			return nil, x.errorf(name, len(s.rows), -1, "这一行有 %d 列，超过上限 %d 列，拒绝读取", len(cells), maxSheetCols)
		}
		if x.read += len(cells); x.read > maxCells {
			return nil, x.errorf(name, len(s.rows), -1, "工作簿的单元格超过 %d 个，不像部门预算公开文件，拒绝读取", maxCells)
		}
		s.rows = append(s.rows, cells)
	}
	if err := rows.Error(); err != nil {
		return nil, x.errorf(name, -1, -1, "无法读取工作表（%v）", err)
	}
	for len(s.rows) > 0 && s.blank(len(s.rows)-1) {
		s.rows = s.rows[:len(s.rows)-1]
	}
	merges, err := x.f.GetMergeCells(name)
	if err != nil {
		return nil, x.errorf(name, -1, -1, "无法读取合并单元格（%v）", err)
	}
	area := 0
	for _, m := range merges {
		c0, r0, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c1, r1, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		// Only what lies on the read rows matters; a merge far beyond them is cut.
		rc := mergeRange{min(r0, r1) - 1, min(c0, c1) - 1, min(max(r0, r1)-1, len(s.rows)-1), min(max(c0, c1)-1, maxSheetCols-1)}
		if rc.r0 > rc.r1 || rc.c0 > rc.c1 {
			continue
		}
		if area += (rc.r1 - rc.r0 + 1) * (rc.c1 - rc.c0 + 1); area > maxCells {
			return nil, x.errorf(name, -1, -1, "合并单元格过多，拒绝读取")
		}
		s.merges = append(s.merges, rc)
	}
	return s, nil
}

// style returns the style of a cell, or nil.
func (x *xlsxReader) style(sh string, row, col int) *excelize.Style {
	cell, _ := excelize.CoordinatesToCellName(col+1, row+1)
	id, err := x.f.GetCellStyle(sh, cell)
	if err != nil {
		return nil
	}
	if s, ok := x.styles[id]; ok {
		return s
	}
	s, err := x.f.GetStyle(id)
	if err != nil {
		s = nil
	}
	x.styles[id] = s
	return s
}

func bordered(s *excelize.Style) bool { return s != nil && len(s.Border) > 0 }

var (
	tableLabelRe = regexp.MustCompile(`^表\s*([0-9]+)$`)
	// shanghaiTitleRe reads 2026年部门收入预算总表 and 2026年预算单位收入预算总表.
	shanghaiTitleRe = regexp.MustCompile(`^(20\d\d)年(部门|预算单位|单位)(.+)$`)
)

// tidy trims spaces, including the full-width space of Chinese text.
func tidy(s string) string { return strings.Trim(s, " \t\r\n\u3000") }

// squeeze removes all white space.
func squeeze(s string) string { return spacesRe.ReplaceAllString(s, "") }

func (x *xlsxReader) readBook() (*disclosure.Document, error) {
	names := x.f.GetSheetList()
	if len(names) > maxSheets {
		return nil, fmt.Errorf("文件 %s 有 %d 张工作表，超过上限 %d 张，不像部门预算公开文件，拒绝读取", x.name, len(names), maxSheets)
	}
	var sheets []*wsheet
	byName := map[string]*wsheet{}
	for _, n := range names {
		s, err := x.readSheet(n)
		if err != nil {
			return nil, err
		}
		findTitle(s)
		sheets = append(sheets, s)
		byName[n] = s
	}
	cover := byName[xlsx.CoverSheet]
	x.own = cover != nil

	doc := &disclosure.Document{Unit: money.UnitWan}
	if cover != nil {
		x.readCover(doc, cover)
	} else if c := byName["封面"]; c != nil {
		readShanghaiCover(doc, c)
	}

	// A 决算 is recognised to say so, from the cover or any table's title.
	for _, t := range append([]string{doc.Title}, sheetTitles(sheets)...) {
		if strings.Contains(t, "决算") {
			_, err := docKind(x.name, t)
			return nil, err
		}
	}

	// The profile: Shanghai's tables carry year and 部门 or 单位 in their titles.
	doc.Profile = "shenzhen"
	dept := true
	for _, s := range sheets {
		if m := shanghaiTitleRe.FindStringSubmatch(squeeze(s.title)); m != nil && shanghaiTable(m[3]) > 0 {
			doc.Profile = "shanghai"
			year, _ := strconv.Atoi(m[1])
			if doc.Year == 0 {
				doc.Year = year
			}
			dept = m[2] == "部门"
			break
		}
	}
	var shells []*disclosure.Table
	// A Shanghai sheet prints the profile's header in one of the layouts known for its
	// table, and is held to them; Shenzhen's deriver writes each document's headers,
	// which are taken as printed.
	var layouts map[*disclosure.Table][]*disclosure.Table
	if doc.Profile == "shanghai" {
		shells = shanghai.Shells(doc.Year, dept)
		layouts = shanghaiLayouts(doc.Year, dept, shells)
		if doc.Kind == "" {
			doc.Kind = map[bool]string{true: "部门预算", false: "单位预算"}[dept]
		}
		if doc.Title == "" {
			doc.Title = fmt.Sprintf("%d年%s", doc.Year, doc.Kind)
		}
	} else {
		shells = shenzhen.Shells()
	}
	if !x.own && doc.Profile != "shanghai" {
		return nil, fmt.Errorf("文件 %s 不像部门预算公开的工作簿：既没有“%s”封面工作表，也没有上海模板格式的表格（如“2026年部门收入预算总表”）", x.name, xlsx.CoverSheet)
	}
	if doc.Kind == "" {
		kind, err := docKind(x.name, doc.Title)
		if err != nil {
			return nil, err
		}
		doc.Kind = kind
	}
	if doc.Year == 0 {
		if m := yearRe.FindStringSubmatch(doc.Title); m != nil {
			doc.Year, _ = strconv.Atoi(m[1])
		}
	}

	seen := map[*disclosure.Table]string{}
	for _, s := range sheets {
		if s == cover || s.title == "" {
			continue
		}
		shell := x.shellFor(doc.Profile, shells, s)
		if shell == nil {
			if x.own && s.label > 0 {
				return nil, x.errorf(s.name, s.tRow, 0, "不认识的表格“%s”（表%d）", s.title, s.label)
			}
			continue
		}
		if prev, dup := seen[shell]; dup {
			return nil, x.errorf(s.name, s.tRow, 0, "表格“%s”与工作表“%s”重复", s.title, prev)
		}
		seen[shell] = s.name
		t, err := x.readTable(s, shell, layouts[shell])
		if err != nil {
			return nil, err
		}
		doc.Tables = append(doc.Tables, t)
	}
	if n := byName[xlsx.NarrativeSheet]; n != nil {
		parts, err := x.readNarrative(n, shells)
		if err != nil {
			return nil, err
		}
		doc.Parts = parts
	} else if doc.Profile == "shanghai" {
		doc.Parts = readShanghaiParts(sheets, dept)
	}

	for _, t := range doc.Tables {
		if doc.Subject == "" && t.Entity != "" {
			doc.Subject = t.Entity
		}
		if doc.Department == "" && t.EntityLabel == "编制部门" {
			doc.Department = t.Entity
		}
	}
	if doc.Department == "" && doc.Kind == "部门预算" {
		doc.Department = doc.Subject
	}
	return doc, nil
}

func sheetTitles(sheets []*wsheet) []string {
	var out []string
	for _, s := range sheets {
		out = append(out, squeeze(s.title))
	}
	return out
}

// findTitle finds a sheet's title in its first rows: the first text that is neither a
// 表N label nor a line of 编制部门 and 单位.
func findTitle(s *wsheet) {
	for r := 0; r < min(len(s.rows), 3); r++ {
		for _, v := range s.rows[r] {
			v = tidy(v)
			if v == "" {
				continue
			}
			if m := tableLabelRe.FindStringSubmatch(squeeze(v)); m != nil {
				s.label, _ = strconv.Atoi(m[1])
				continue
			}
			if isMeta(v) {
				return
			}
			s.title, s.tRow = v, r
			return
		}
	}
}

// shanghaiTable returns the number of a Shanghai table from its title without year and
// 部门, or 0.
func shanghaiTable(t string) int {
	t = strings.NewReplacer("(", "（", ")", "）").Replace(t)
	for i, s := range shanghai.Tables {
		if t == s.Title {
			return i + 1
		}
	}
	return 0
}

// shellFor finds the profile's table for a sheet's title.
func (x *xlsxReader) shellFor(profile string, shells []*disclosure.Table, s *wsheet) *disclosure.Table {
	t := squeeze(s.title)
	if profile == "shanghai" {
		m := shanghaiTitleRe.FindStringSubmatch(t)
		if m == nil {
			return nil
		}
		n := shanghaiTable(m[3])
		for _, sh := range shells {
			if n > 0 && sh.Number == n {
				return sh
			}
		}
		return nil
	}
	if s.label == 0 && !x.own {
		return nil
	}
	return matchShell(shells, t, s.label)
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

// readTable lays a table sheet onto its shell, in the one of layouts (if any) whose
// header the sheet prints: entity, period and unit from the lines under the title, the
// sheet's own header, body rows with codes and exact amounts, and the notes below.
// The layouts of a table differ in their columns and header only.
func (x *xlsxReader) readTable(s *wsheet, shell *disclosure.Table, layouts []*disclosure.Table) (*disclosure.Table, error) {
	t := *shell
	t.Rows, t.Notes, t.Header, t.Entity, t.Period = nil, nil, nil, "", ""
	t.Pos = disclosure.Pos{Line: s.tRow + 1}

	// The lines under the title, then the header. yusuan's own sheets put the header in
	// row 4; elsewhere it is the first line after the title that is not a meta line.
	r := s.tRow + 1
	for ; r < len(s.rows); r++ {
		meta := false
		for _, v := range s.rows[r] {
			if isMeta(v) {
				readMeta(&t, v)
				meta = true
			}
		}
		if !meta && !s.blank(r) || x.own && r >= 3 {
			break
		}
	}
	depth := len(shell.Header)
	if len(layouts) > 0 {
		l, err := x.chooseLayout(s, r, layouts)
		if err != nil {
			return nil, err
		}
		t.Columns, t.Wide, depth = l.Columns, l.Wide, len(l.Header)
	}
	bodyStart := min(r+depth, len(s.rows))
	if !x.own {
		// Templates leave rows of header words below the header proper.
		for bodyStart < len(s.rows) && !s.blank(bodyStart) && headerWords(s.rows[bodyStart]) && !lonelyTotal(s.rows[bodyStart]) {
			bodyStart++
		}
	}
	header, err := x.cells(s, &t, rowRange(r, bodyStart), false)
	if err != nil {
		return nil, err
	}
	for _, row := range header {
		t.Header = append(t.Header, row.Cells)
	}

	// The body runs to the notes. In yusuan's sheets body cells have borders and notes
	// none; elsewhere a note is a lone text in the first column that reads like one,
	// and blank rows are left out.
	var body []int
	noteFrom := len(s.rows)
	for r := bodyStart; r < len(s.rows); r++ {
		if x.own {
			if !bordered(x.style(s.name, r, 0)) {
				noteFrom = r
				break
			}
			body = append(body, r)
			continue
		}
		if s.blank(r) && !s.merged(r) {
			continue
		}
		if v := tidy(s.at(r, 0)); looksLikeNote(v) && s.lone(r) {
			noteFrom = r
			break
		}
		body = append(body, r)
	}
	rows, err := x.cells(s, &t, body, true)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 && amountsOnly(&t) {
		// A table of amounts alone (表9) is one row, which is blank when every amount
		// is zero.
		rows = []disclosure.Row{{Cells: make([]disclosure.Cell, len(t.Columns)), Pos: disclosure.Pos{Line: bodyStart + 1}}}
	}
	t.Rows = rows
	for r := noteFrom; r < len(s.rows); r++ {
		for c := range s.rows[r] {
			if v := tidy(s.at(r, c)); v != "" {
				t.Notes = append(t.Notes, v)
			}
		}
	}
	return &t, nil
}

// chooseLayout returns the layout whose header the sheet prints from row r. A layout
// whose header is deeper than the sheet's would take data rows for header rows, and
// one whose header is shallower would miss columns, so a sheet whose header none of
// the layouts fits is refused.
func (x *xlsxReader) chooseLayout(s *wsheet, r int, layouts []*disclosure.Table) (*disclosure.Table, error) {
	for _, l := range layouts {
		if printsHeader(s, r, l, layouts) {
			return l, nil
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
	return nil, x.errorf(s.name, r, -1, "表%d“%s”的表头与已知的格式都不符：应从这一行起是 %s，这一行却是“%s”",
		layouts[0].Number, tidy(s.title), describeLayouts(layouts), clip(strings.Join(found, " ")))
}

// printsHeader says whether the sheet's rows from r print l's header: as many rows as
// it has, each with text and every text a word of it, naming every column. Rows of
// header words that templates leave below the header must not hold words that
// another of the layouts has and l lacks (人员经费 under 本年支出 where l does not
// split spending).
func printsHeader(s *wsheet, r int, l *disclosure.Table, layouts []*disclosure.Table) bool {
	own := headerTexts(l)
	seen := map[string]bool{}
	end := r + len(l.Header)
	for row := r; row < end; row++ {
		if s.blank(row) {
			return false
		}
		for c := range s.rows[row] {
			if w := headerText(s.at(row, c)); w != "" {
				if !own[w] {
					return false
				}
				seen[w] = true
			}
		}
	}
	for _, label := range leafLabels(l) {
		if !seen[headerText(label)] {
			return false
		}
	}
	for ; end < len(s.rows) && !s.blank(end) && headerWords(s.rows[end]) && !lonelyTotal(s.rows[end]); end++ {
		for c := range s.rows[end] {
			seen[headerText(s.at(end, c))] = true
		}
	}
	for _, o := range layouts {
		for w := range headerTexts(o) {
			if seen[w] && !own[w] {
				return false
			}
		}
	}
	return true
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

// headerWords reports whether every text of a row is a word of some header: a row the
// template left under its header.
func headerWords(row []string) bool {
	words := headerVocabulary()
	for _, v := range row {
		v = squeeze(v)
		if v == "" {
			continue
		}
		if !words[v] {
			return false
		}
	}
	return true
}

// lonelyTotal reports whether a row's only word is 合计 or 总计: the total row of an
// empty table, which follows the header directly, not a row of header words.
func lonelyTotal(row []string) bool {
	var words []string
	for _, v := range row {
		if v = squeeze(v); v != "" {
			words = append(words, v)
		}
	}
	return len(words) == 1 && (words[0] == "合计" || words[0] == "总计")
}

// headerVocabulary is every word of every profile's table headers.
var headerVocabulary = sync.OnceValue(func() map[string]bool {
	words := map[string]bool{}
	shells := append(shanghai.Shells(2000, true), shanghai.Shells(2000, false)...)
	for _, t := range append(shells, shenzhen.Shells()...) {
		for _, row := range t.Header {
			for _, c := range row {
				if w := squeeze(c.Text); w != "" {
					words[w] = true
				}
			}
		}
	}
	return words
})

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
		if body {
			row.Code = xlsxJoinCode(codes)
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

// readCover reads yusuan's cover: the title, the facts under it and the notes after
// the list of tables.
func (x *xlsxReader) readCover(doc *disclosure.Document, s *wsheet) {
	inList := false
	for r := range s.rows {
		a, b := tidy(s.at(r, 0)), tidy(s.at(r, 1))
		switch {
		case r == 0:
			doc.Title = squeeze(a)
		case a == "表格目录":
			inList = true
		case !inList && b != "":
			switch strings.TrimSuffix(a, "：") {
			case "公开主体":
				doc.Subject = b
			case "主管部门":
				doc.Department = b
			case "公开类型":
				doc.Kind = b
			case "预算年度":
				doc.Year, _ = strconv.Atoi(strings.TrimSuffix(b, "年"))
			}
		case inList && a != "" && b == "":
			doc.Notes = append(doc.Notes, a)
		}
	}
}

// readShanghaiCover reads the template's cover: the title and the 预算主管部门 or
// 预算单位 line.
func readShanghaiCover(doc *disclosure.Document, s *wsheet) {
	for r := range s.rows {
		for _, v := range s.rows[r] {
			c := strings.ReplaceAll(squeeze(v), ":", "：")
			switch {
			case c == "":
			case strings.HasPrefix(c, "预算主管部门："):
				doc.Department = strings.TrimPrefix(c, "预算主管部门：")
			case strings.HasPrefix(c, "预算单位："):
				doc.Subject = strings.TrimPrefix(c, "预算单位：")
			case doc.Title == "" && (strings.Contains(c, "预算") || strings.Contains(c, "决算")):
				doc.Title = c
			}
		}
	}
}

// readNarrative reads the 文字部分 sheet: a part heading per 第N部分 row, then one
// block per row, told apart by the styles yusuan writes them in; a run of bordered rows
// is a table set in the narrative.
func (x *xlsxReader) readNarrative(s *wsheet, shells []*disclosure.Table) ([]disclosure.Part, error) {
	var parts []disclosure.Part
	var cur *disclosure.Part
	for r := 0; r < len(s.rows); r++ {
		text := tidy(s.at(r, 0))
		if s.blank(r) || cur == nil && !partRe.MatchString(squeeze(text)) {
			continue
		}
		st := x.style(s.name, r, 0)
		if bordered(st) {
			end := r
			for end < len(s.rows) && bordered(x.style(s.name, end, 0)) {
				end++
			}
			t, err := x.narrativeTable(s, shells, r, end)
			if err != nil {
				return nil, err
			}
			cur.Blocks = append(cur.Blocks, disclosure.Block{Kind: disclosure.TableRef, Table: t, Pos: t.Pos})
			r = end - 1
			continue
		}
		if m := partRe.FindStringSubmatch(squeeze(text)); m != nil {
			parts = append(parts, disclosure.Part{Number: chineseToInt(m[1]), Title: m[2]})
			cur = &parts[len(parts)-1]
			continue
		}
		kind := guessBlockKind(text)
		if st != nil && st.Font != nil && st.Alignment != nil {
			switch {
			case st.Font.Bold:
				kind = disclosure.Heading
			case st.Font.Size > 0 && st.Font.Size < 11:
				kind = disclosure.Note
			case st.Alignment.Indent > 0:
				kind = disclosure.ListItem
			default:
				kind = disclosure.Paragraph
			}
		}
		cur.Blocks = append(cur.Blocks, disclosure.Block{Kind: kind, Text: text, Pos: disclosure.Pos{Line: r + 1}})
	}
	return parts, nil
}

// guessBlockKind guesses a block's kind from its text, for workbooks without yusuan's styles.
func guessBlockKind(text string) disclosure.BlockKind {
	switch {
	case headingRe.MatchString(text) && !strings.ContainsAny(text, "。：:") && len([]rune(text)) < 40:
		return disclosure.Heading
	case listItemRe.MatchString(text):
		return disclosure.ListItem
	case strings.HasPrefix(text, "备注") || strings.HasPrefix(text, "注："):
		return disclosure.Note
	}
	return disclosure.Paragraph
}

// narrativeTable reads the rows [from, to) of the narrative sheet as a table: onto the
// profile's narrative table when it has one of that width, else onto columns guessed
// from the cells.
func (x *xlsxReader) narrativeTable(s *wsheet, shells []*disclosure.Table, from, to int) (*disclosure.Table, error) {
	width := 0
	for r := from; r < to; r++ {
		for c := range s.rows[r] {
			if tidy(s.rows[r][c]) != "" || bordered(x.style(s.name, r, c)) {
				width = max(width, c+1)
			}
		}
	}
	var t disclosure.Table
	for _, sh := range shells {
		if sh.Number == 0 && len(sh.Columns) == width {
			t = *sh
		}
	}
	if t.Columns == nil {
		t = disclosure.Table{Unit: money.UnitWan, Header: [][]disclosure.Cell{nil}}
		for c := range width {
			kind := disclosure.AmountCol
			for r := from + 1; r < to; r++ {
				if v := tidy(s.at(r, c)); v != "" {
					if _, ok := cellAmount(v, money.UnitWan); !ok {
						kind = disclosure.TextCol
					}
				}
			}
			t.Columns = append(t.Columns, disclosure.Column{Key: "c" + strconv.Itoa(c+1), Kind: kind})
		}
	}
	t.Rows, t.Pos = nil, disclosure.Pos{Line: from + 1}
	split := min(from+max(len(t.Header), 1), to)
	header, err := x.cells(s, &t, rowRange(from, split), false)
	if err != nil {
		return nil, err
	}
	t.Header = nil
	for _, row := range header {
		t.Header = append(t.Header, row.Cells)
	}
	if t.Rows, err = x.cells(s, &t, rowRange(split, to), true); err != nil {
		return nil, err
	}
	return &t, nil
}

// shanghaiPartSheets says which part a narrative sheet of the Shanghai template holds,
// by a word of its name (部门主要职能, 单位职能, 部门编制说明 …).
var shanghaiPartSheets = []struct {
	word   string
	number int
}{{"职能", 1}, {"机构设置", 2}, {"名词解释", 3}, {"编制说明", 4}, {"其他相关情况", 6}, {"项目经费", 7}}

// readShanghaiParts reads the template's narrative sheets: the text below each sheet's
// title, a paragraph per line.
func readShanghaiParts(sheets []*wsheet, dept bool) []disclosure.Part {
	var parts []disclosure.Part
	for _, s := range sheets {
		number := 0
		for _, p := range shanghaiPartSheets {
			if strings.Contains(s.name, p.word) {
				number = p.number
				break
			}
		}
		if number == 0 {
			continue
		}
		title := shanghai.Parts[number-1]
		if !dept {
			title = strings.ReplaceAll(title, "部门", "单位")
		}
		p := disclosure.Part{Number: number, Title: title}
		for r := s.tRow + 1; r < len(s.rows); r++ {
			for _, v := range s.rows[r] {
				for _, line := range strings.Split(v, "\n") {
					if line = tidy(line); line != "" {
						p.Blocks = append(p.Blocks, disclosure.Block{Kind: guessBlockKind(line), Text: line, Pos: disclosure.Pos{Line: r + 1}})
					}
				}
			}
		}
		parts = append(parts, p)
	}
	return parts
}
