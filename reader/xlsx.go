package reader

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"yusuan/disclosure"
	"yusuan/format"
	"yusuan/internal/xlsxsafe"
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
// sheet, then one sheet per table titled in row 2) and workbooks laid out like a
// template that a format describes (a cover, a 目录, a sheet per part and per
// table). The format, each sheet's table and each column's meaning are recognised
// from the printed titles and headers, as for every other input. Amount cells must
// hold numbers, not formulas.
func ReadXLSX(name string, r io.ReaderAt, size int64) (*disclosure.Document, error) {
	if size > MaxFileSize {
		return nil, fmt.Errorf("文件 %s 有 %d MB，超过 %d MB 的上限，不像是一份预算或决算公开文件", name, size>>20, MaxFileSize>>20)
	}
	f, err := xlsxsafe.Open(r, size, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("文件 %s：%v", name, err)
	}
	defer f.Close()
	x := &xlsxReader{f: f, name: name, styles: map[int]*excelize.Style{}}
	doc, err := x.readBook()
	return finish(name, doc, err)
}

type xlsxReader struct {
	f      *excelize.File
	name   string
	read   int // positions read so far, against maxCells
	styles map[int]*excelize.Style
	// own is set for yusuan's own workbooks, whose layout and styles are known.
	own bool
	// kind is the kind of document (部门决算), where the title says: a column's
	// meaning depends on it (a 决算's 决算数 is its own figure).
	kind string
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
			return nil, x.errorf(name, len(s.rows), -1, "工作表超过 %d 行，不像预算或决算公开的表格，拒绝读取", maxSheetRows)
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, x.errorf(name, len(s.rows), -1, "无法读取这一行（%v）", err)
		}
		if len(cells) > maxSheetCols {
			return nil, x.errorf(name, len(s.rows), -1, "这一行有 %d 列，超过上限 %d 列，拒绝读取", len(cells), maxSheetCols)
		}
		if x.read += len(cells); x.read > maxCells {
			return nil, x.errorf(name, len(s.rows), -1, "工作簿的单元格超过 %d 个，不像预算或决算公开文件，拒绝读取", maxCells)
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

// headStyled reports whether a row of yusuan's own workbook is a header row, which
// it fills grey.
func (x *xlsxReader) headStyled(sh string, row int) bool {
	s := x.style(sh, row, 0)
	return s != nil && s.Fill.Type == "pattern" && s.Fill.Pattern > 0
}

var (
	tableLabelRe = regexp.MustCompile(`^表\s*([0-9]+)$`)
	partRe       = regexp.MustCompile(`^第([一二三四五六七八九十]+)部分\s*(.*)$`)
	amountTextRe = regexp.MustCompile(`^-?[0-9][0-9,]*(?:\.[0-9]+)?$`)
	codeTextRe   = regexp.MustCompile(`^[0-9]{3}(?:[0-9]{2}){0,2}$`)
	yearRe       = regexp.MustCompile(`(20\d\d)\s*年`)
	spacesRe     = regexp.MustCompile(`\s+`)
)

// tidy trims spaces, including the full-width space of Chinese text.
func tidy(s string) string { return strings.Trim(s, " \t\r\n\u3000") }

// squeeze removes all white space.
func squeeze(s string) string { return spacesRe.ReplaceAllString(s, "") }

// book is a workbook's sheets as the reader sorts them.
type book struct {
	sheets []*wsheet
	byName map[string]*wsheet
	// cover and narrative are yusuan's own cover and 文字部分 sheets, if any.
	cover, narrative *wsheet
}

func (x *xlsxReader) readBook() (*disclosure.Document, error) {
	names := x.f.GetSheetList()
	if len(names) > maxSheets {
		return nil, fmt.Errorf("文件 %s 有 %d 张工作表，超过上限 %d 张，不像预算或决算公开文件，拒绝读取", x.name, len(names), maxSheets)
	}
	b := &book{byName: map[string]*wsheet{}}
	for _, n := range names {
		s, err := x.readSheet(n)
		if err != nil {
			return nil, err
		}
		findTitle(s)
		b.sheets = append(b.sheets, s)
		b.byName[n] = s
	}
	b.cover, b.narrative = b.byName[xlsx.CoverSheet], b.byName[xlsx.NarrativeSheet]
	x.own = b.cover != nil

	doc := &disclosure.Document{}
	if x.own {
		x.readCover(doc, b.cover)
	} else {
		doc.Title = b.firstTitle()
	}
	// A 决算 is recognised from the title or any table's title, and read where a
	// format describes its kind (else said to be unsupported).
	for _, t := range append([]string{doc.Title}, b.titles()...) {
		if strings.Contains(t, "决算") {
			kind, err := docKind(x.name, t)
			if err != nil {
				return nil, err
			}
			if doc.Kind == "" {
				doc.Kind = kind
			}
			break
		}
	}
	if doc.Year == 0 {
		doc.Year = b.year(doc.Title)
	}
	if doc.Kind == "" && x.own {
		kind, err := docKind(x.name, doc.Title)
		if err != nil {
			return nil, err
		}
		doc.Kind = kind
	}

	f := recogniseBook(formats(), doc.Kind, doc.Year, b)
	switch {
	case format.IsFinal(doc.Kind) && (f == nil || !x.own && f.Workbook == nil):
		return nil, &UnsupportedError{File: x.name, Kind: doc.Kind, Workbook: true}
	case !x.own && (f == nil || f.Workbook == nil):
		return nil, fmt.Errorf("文件 %s 不像预算或决算公开的工作簿：既没有“%s”封面工作表，也不像已知格式的模板工作簿（封面、目录、每个部分和每张表各一张工作表）", x.name, xlsx.CoverSheet)
	case f == nil:
		return nil, b.unrecognised(x.name, doc.Title)
	}
	doc.Profile, doc.Format, doc.FormatLabel = f.Profile, f.ID, f.Label
	doc.Unit = f.NarrativeUnit
	if !x.own {
		x.readTemplateCover(doc, f.Workbook, b.sheet(f.Workbook.Cover))
		if doc.Kind == "" {
			doc.Kind = b.kind(f, doc.Title)
		}
		if doc.Title == "" {
			doc.Title = fmt.Sprintf("%d年%s", doc.Year, doc.Kind)
		}
	}

	x.kind = doc.Kind
	tables, err := x.readTables(f, b, doc.Year)
	if err != nil {
		return nil, err
	}
	doc.Tables = tables
	if b.narrative != nil {
		if doc.Parts, err = x.readNarrative(b.narrative, f, doc.Year); err != nil {
			return nil, err
		}
	} else {
		doc.Contents = b.contents()
		doc.Parts = b.templateParts(f, tables, doc.Contents)
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
	departmentTotals(doc)
	return doc, nil
}

// sheet returns the sheet of a name, which templates may have left spaces around.
func (b *book) sheet(name string) *wsheet {
	for _, s := range b.sheets {
		if strings.TrimSpace(s.name) == strings.TrimSpace(name) {
			return s
		}
	}
	return nil
}

// titles returns the sheets' titles without spaces.
func (b *book) titles() []string {
	var out []string
	for _, s := range b.sheets {
		out = append(out, squeeze(s.title))
	}
	return out
}

// firstTitle is the document's title in a workbook without yusuan's cover: the
// first text on the first sheet that names a 预算 or 决算, unless that sheet is a
// table's.
func (b *book) firstTitle() string {
	if len(b.sheets) == 0 || isTableTitle(b.sheets[0].title) {
		return ""
	}
	for _, row := range b.sheets[0].rows {
		for _, v := range row {
			if c := squeeze(v); utf8.RuneCountInString(c) <= 60 && (strings.Contains(c, "预算") || strings.Contains(c, "决算")) {
				return c
			}
		}
	}
	return ""
}

// isTableTitle reports whether a title names a table of any known format.
func isTableTitle(title string) bool {
	for _, f := range formats().All() {
		if f.MatchTable(title) != nil {
			return true
		}
	}
	return false
}

// year is the budget year that the title names, or else the first sheet title that
// names one.
func (b *book) year(title string) int {
	for _, t := range append([]string{title}, b.titles()...) {
		if m := yearRe.FindStringSubmatch(t); m != nil {
			y, _ := strconv.Atoi(m[1])
			return y
		}
	}
	return 0
}

// kind tells a 部门预算 from a 单位预算 by the title, or else by what the tables'
// titles put before their names (2026年预算单位收入预算总表).
func (b *book) kind(f *format.Format, title string) string {
	if kind, err := docKind("", title); err == nil {
		return kind
	}
	for _, s := range b.sheets {
		t := f.MatchTable(s.title)
		if t == nil {
			continue
		}
		key := format.TitleKey(s.title)
		for _, n := range t.Names() {
			if p, ok := strings.CutSuffix(key, format.TitleKey(n)); ok && strings.Contains(p, "单位") {
				return "单位预算"
			}
		}
	}
	return "部门预算"
}

// recogniseBook finds the format a workbook follows as the document engine finds a
// document's: among the descriptions for its kind, the one whose marks, tables and
// parts its sheets show the most of, its year breaking ties; the family's generic
// description when none fits and three of the family's tables are there.
func recogniseBook(set *format.Set, kind string, year int, b *book) *format.Format {
	texts, headings := b.texts(), b.headings()
	titles := b.titles()
	var best *format.Format
	bestScore := 0
	for _, f := range set.All() {
		if f.Generic || !f.Publishes(kind) {
			continue
		}
		marks, ok := f.Marks(texts)
		if !ok || marks < max(f.Recognise.MinMarks, 1) {
			continue
		}
		tables, parts := countTables(f, titles), countParts(f, headings)
		if tables < 2 && parts < 2 {
			continue
		}
		score := 3*tables + marks + 2*parts
		if f.Covers(year) {
			score += 2
		}
		if score > bestScore {
			best, bestScore = f, score
		}
	}
	if best == nil && countTables(format.Generic(), titles) >= 3 {
		return format.Generic()
	}
	return best
}

// countTables counts the distinct tables of f that titles name.
func countTables(f *format.Format, titles []string) int {
	seen := map[disclosure.TableKind]bool{}
	for _, t := range titles {
		if tb := f.MatchTable(t); tb != nil {
			seen[tb.Kind] = true
		}
	}
	return len(seen)
}

// countParts counts the distinct parts of f that headings name.
func countParts(f *format.Format, headings []string) int {
	seen := map[*format.Part]bool{}
	for _, h := range headings {
		if p := f.MatchPart(h); p != nil {
			seen[p] = true
		}
	}
	return len(seen)
}

// texts are the workbook's lines of text as marks are matched: each cell's lines,
// folded, once each; amounts are left out.
func (b *book) texts() []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range b.sheets {
		for _, row := range s.rows {
			for _, v := range row {
				for _, l := range strings.Split(v, "\n") {
					c := format.Fold(l)
					if c == "" || seen[c] || amountTextRe.MatchString(c) || xlsxNumberRe.MatchString(c) {
						continue
					}
					seen[c] = true
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// headings are the texts that may name narrative parts: the 第N部分 headings of the
// 文字部分 sheet, and the titles of sheets that title no table.
func (b *book) headings() []string {
	var out []string
	if s := b.narrative; s != nil {
		for r := range s.rows {
			if m := partRe.FindStringSubmatch(squeeze(s.at(r, 0))); m != nil {
				out = append(out, m[2])
			}
		}
	}
	for _, s := range b.sheets {
		if s != b.narrative && s.title != "" && !isTableTitle(s.title) {
			out = append(out, s.title)
		}
	}
	return out
}

// unrecognised says that none of the formats fits the workbook, and which of the
// family's tables it shows.
func (b *book) unrecognised(file, title string) error {
	var found []string
	seen := map[string]bool{}
	for _, t := range b.titles() {
		if tb := format.Generic().MatchTable(t); tb != nil && !seen[tb.Title] {
			seen[tb.Title] = true
			found = append(found, tb.Title)
		}
	}
	if title == "" {
		title = "（无）"
	}
	tables := "无"
	if len(found) > 0 {
		tables = strings.Join(found, "、")
	}
	return &UnrecognisedError{File: file, Title: title, Tables: tables}
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

// docKind recognises the document type from its title. A 决算 of a kind no
// format describes (单位决算) is unsupported.
func docKind(name, title string) (string, error) {
	t := squeeze(title)
	switch {
	case strings.Contains(t, "决算"):
		kind := "部门决算"
		if strings.Contains(t, "单位决算") {
			kind = "单位决算"
		}
		if !formats().Supports(kind) {
			return "", &UnsupportedError{File: name, Kind: kind}
		}
		return kind, nil
	case strings.Contains(t, "单位预算"):
		return "单位预算", nil
	case strings.Contains(t, "部门预算"):
		return "部门预算", nil
	}
	return "", fmt.Errorf("文件 %s 的标题“%s”不像部门预算、单位预算或部门决算公开文件（标题中应有“部门预算”“单位预算”或“部门决算”）", name, title)
}

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

// readTemplateCover reads a template's cover: the title, and the lines under it that
// the format's workbook description says name the department and the subject.
func (x *xlsxReader) readTemplateCover(doc *disclosure.Document, wb *format.Workbook, s *wsheet) {
	if s == nil {
		return
	}
	value := func(c string, labels []string) (string, bool) {
		for _, l := range labels {
			if v, ok := strings.CutPrefix(c, format.Fold(l)+"："); ok {
				return v, true
			}
		}
		return "", false
	}
	for _, row := range s.rows {
		for _, v := range row {
			c := format.Fold(v)
			if d, ok := value(c, wb.Department); ok {
				doc.Department = d
			} else if sub, ok := value(c, wb.Subject); ok {
				doc.Subject = sub
			} else if doc.Title == "" && c != "" && (strings.Contains(c, "预算") || strings.Contains(c, "决算")) {
				doc.Title = c
			}
		}
	}
}
