// Package format describes, as data, how disclosures of the national family are laid
// out: each jurisdiction's formats (their tables with titles and aliases, their
// narrative parts, the marks that recognise them, the years they apply to) and the
// family's shared vocabulary that tells what a printed column header means. Readers
// and checks work from these descriptions and never name a jurisdiction.
package format

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"yusuan/disclosure"
	"yusuan/money"
)

// Format is one jurisdiction's layout of its documents over a range of years.
type Format struct {
	// ID names the format in reports and tests, e.g. "shenzhen-2026".
	ID string `yaml:"id"`
	// Profile is the jurisdiction whose folder holds the format, e.g. "shenzhen";
	// empty for the family's generic description.
	Profile string `yaml:"profile"`
	// Label names the format for people, e.g. 深圳市（2026 年起）.
	Label string `yaml:"label"`
	// Kinds are the kinds of document published in this format: 部门预算, 单位预算,
	// or 部门决算. A format lists 预算 kinds or 决算 kinds, never both.
	Kinds []string `yaml:"kinds"`
	// From and To bound the budget years the format applies to; 0 leaves a side open.
	From int `yaml:"from"`
	To   int `yaml:"to"`
	// Generic marks the family's description, used when no jurisdiction's fits.
	Generic bool `yaml:"generic"`
	// Unit is the money unit of tables that do not print their own, and
	// NarrativeUnit that of the narrative.
	Unit          money.Unit `yaml:"unit"`
	NarrativeUnit money.Unit `yaml:"narrative_unit"`
	Recognise     Recognise  `yaml:"recognise"`
	Parts         []Part     `yaml:"parts"`
	Tables        []Table    `yaml:"tables"`
	// Rules names the jurisdiction's narrative rule sets that apply to documents of
	// this format; the profile that owns the format supplies them.
	Rules []string `yaml:"rules"`
	// Figures are the names the narrative states figures under and the cells
	// they stand for (财政拨款收支总预算: 财政拨款收支总表 › 收入总计).
	Figures []Figure `yaml:"figures"`
	// EmptyNote says the jurisdiction requires a table without data to say so in
	// a note (本表为空表); elsewhere a bare empty table is only remarked on.
	EmptyNote bool `yaml:"empty_note"`
	// Workbook describes the format's official template workbook, for formats
	// published as workbooks laid out like one; nil for none.
	Workbook *Workbook `yaml:"workbook"`
}

// Workbook is what a reader needs to know of a jurisdiction's template workbook
// beyond what every sheet shows (titles, 编制部门 lines, headers): a cover sheet
// whose lines under the title name the document's department or subject, then a
// 目录, a sheet per narrative part and one per table.
type Workbook struct {
	// Cover is the name of the cover sheet.
	Cover string `yaml:"cover"`
	// Department and Subject are the labels of the cover's lines (label：name)
	// that name the 主管部门 and the unit the document is published for.
	Department []string `yaml:"department"`
	Subject    []string `yaml:"subject"`
}

// Figure is a name a narrative states a figure under (收支总预算18,728.94万元) and
// the table cells it may stand for; a stated figure that shows none of them, as
// printed, is an error.
type Figure struct {
	// Name names the figure in findings.
	Name string `yaml:"name"`
	// Says are patterns of the words printed before the amount.
	Says []string `yaml:"says"`
	// Unless are words that, printed right before Says, make it another figure
	// (财政拨款 before 收支总预算).
	Unless []string     `yaml:"unless"`
	Cells  []FigureCell `yaml:"cells"`
}

// FigureCell is a cell a Figure may stand for: in the table of the kind, the
// row whose label is Row (empty: the table's total row), the column keyed Column.
// EmptyZero makes a table printed without data (no coded rows, no amount but
// zero) stand for 0 (a 一般公共预算 table of a department without such money).
type FigureCell struct {
	Table     disclosure.TableKind `yaml:"table"`
	Row       string               `yaml:"row"`
	Column    string               `yaml:"column"`
	EmptyZero bool                 `yaml:"empty_zero"`
}

// Recognise says how a document shows that it follows a format.
type Recognise struct {
	// Marks are patterns on a line's text without spaces; each line that matches
	// one counts for the format.
	Marks []string `yaml:"marks"`
	// Exclude are patterns that rule the format out when any line matches.
	Exclude []string `yaml:"exclude"`
	// MinMarks is how many lines must carry a mark (at least one).
	MinMarks int `yaml:"min_marks"`

	marks, exclude []*regexp.Regexp
}

// Part is a narrative part the format prints.
type Part struct {
	Title    string   `yaml:"title"`
	Aliases  []string `yaml:"aliases"`
	Required bool     `yaml:"required"`
	// Role says what the part is about, for rules: overview, totals, spending,
	// procurement, san_gong, performance, key_projects, other, glossary, tables.
	Role string `yaml:"role"`
}

// Table is a table the format prints.
type Table struct {
	Kind   disclosure.TableKind `yaml:"kind"`
	Number int                  `yaml:"number"`
	Title  string               `yaml:"title"`
	// Aliases are other titles the same table is printed under.
	Aliases  []string `yaml:"aliases"`
	Required bool     `yaml:"required"`
	// Unit is the table's money unit when the table does not print it.
	Unit money.Unit `yaml:"unit"`
	// Layout says how the table is laid out when it is not a plain grid:
	// "form" for a form whose labels say what each cell is (单位整体支出绩效目标表,
	// read with Columns and Widths); "indicators" for a 绩效目标 form whose
	// indicator grid (一级指标 … 指标值) is read from under the line naming its
	// columns, with the cells of Spans merged over rows; "merged" for a grid whose
	// left columns merge over rows (a fund over its items), read the same way.
	// Empty for a grid.
	Layout string `yaml:"layout"`
	// Columns are the keys of the table's columns in order, for a form, whose
	// header is part of its body, and for a header printed too broken to read.
	Columns []string `yaml:"columns"`
	// Widths are a form's columns' relative widths as printed, by which its cells
	// are placed.
	Widths []int `yaml:"widths"`
	// Spans are the keys of columns whose cells span several rows and print
	// their text centred on them (a unit's name over its projects).
	Spans []string `yaml:"spans"`
	// Headers are the headers a template holds the table to, when its format
	// has one: each lists the columns' header paths, the texts of the cells over
	// a column from the top joined by "/", years left out. A header that none of
	// them matches is refused rather than read with rows or columns misplaced;
	// a table without Headers is read as printed.
	Headers [][]string `yaml:"headers"`
	// Inline tables are set in the narrative without a title (the 重点项目 table);
	// Starts is a pattern on the compact text of the header line that begins one.
	Inline bool   `yaml:"inline"`
	Starts string `yaml:"starts"`

	starts *regexp.Regexp
	// keys are the table's names as titles are compared, computed once.
	keys []string
}

// StartsAt reports whether a line (compact text) begins the inline table.
func (t *Table) StartsAt(line string) bool { return t.starts != nil && t.starts.MatchString(line) }

// textKeys are the column keys that hold words rather than amounts.
var textKeys = map[string]bool{
	"unit": true, "code": true, "code_class": true, "code_item": true, "code_sub": true, "name": true,
	"project": true, "category": true, "year": true, "target": true, "task": true, "content": true,
	"section": true, "income_item": true, "spending_item": true, "econ_code": true, "gov_econ_code": true,
	"procurement_item": true, "line_no": true,
}

// ColumnKind says whether a column of the key holds text, codes or amounts.
func ColumnKind(key string) disclosure.ColumnKind {
	switch {
	case strings.HasPrefix(key, "code") || strings.HasSuffix(key, "_code"):
		return disclosure.CodeCol
	case textKeys[key]:
		return disclosure.TextCol
	}
	return disclosure.AmountCol
}

// Names returns the table's title and aliases.
func (t *Table) Names() []string { return append([]string{t.Title}, t.Aliases...) }

// nameKeys are the table's names as titles are compared (TitleKey).
func (t *Table) nameKeys() []string {
	var keys []string
	for _, n := range t.Names() {
		keys = append(keys, TitleKey(n))
	}
	return keys
}

// Names returns the part's title and aliases.
func (p *Part) Names() []string { return append([]string{p.Title}, p.Aliases...) }

// Parse reads a format description from YAML; name is used in errors only.
func Parse(name string, data []byte) (*Format, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f Format
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("format: %s: %w", name, err)
	}
	if err := f.compile(); err != nil {
		return nil, fmt.Errorf("format: %s: %w", name, err)
	}
	return &f, nil
}

// MustParse is Parse for descriptions embedded in the program.
func MustParse(name string, data []byte) *Format {
	f, err := Parse(name, data)
	if err != nil {
		panic(err)
	}
	return f
}

func (f *Format) compile() error {
	if f.ID == "" {
		return fmt.Errorf("no id")
	}
	if f.Unit == "" {
		f.Unit = money.UnitWan
	}
	if f.NarrativeUnit == "" {
		f.NarrativeUnit = money.UnitWan
	}
	var err error
	if f.Recognise.marks, err = compileAll(f.Recognise.Marks); err != nil {
		return err
	}
	if f.Recognise.exclude, err = compileAll(f.Recognise.Exclude); err != nil {
		return err
	}
	for i := range f.Tables {
		t := &f.Tables[i]
		if t.Kind == "" || t.Title == "" {
			return fmt.Errorf("table %d has no kind or title", i+1)
		}
		if t.Unit == "" {
			t.Unit = f.Unit
		}
		t.keys = t.nameKeys()
		if t.Starts != "" {
			re, err := regexp.Compile(t.Starts)
			if err != nil {
				return fmt.Errorf("table %s: starts: %w", t.Title, err)
			}
			t.starts = re
		}
	}
	for _, fig := range f.Figures {
		if fig.Name == "" || len(fig.Says) == 0 || len(fig.Cells) == 0 {
			return fmt.Errorf("figure %q needs a name, says and cells", fig.Name)
		}
		if _, err := compileAll(fig.Says); err != nil {
			return fmt.Errorf("figure %s: %w", fig.Name, err)
		}
	}
	return nil
}

func compileAll(patterns []string) ([]*regexp.Regexp, error) {
	var out []*regexp.Regexp
	for _, p := range patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("pattern %q: %w", p, err)
		}
		out = append(out, re)
	}
	return out, nil
}

// Covers reports whether the format applies to documents of the year (0: any).
func (f *Format) Covers(year int) bool {
	return year == 0 || (f.From == 0 || year >= f.From) && (f.To == 0 || year <= f.To)
}

// Publishes reports whether the format prints documents of the kind (部门预算…).
// A format that lists no kinds prints 预算 documents: a 决算 is only ever read
// with a format that names its kind.
func (f *Format) Publishes(kind string) bool {
	if len(f.Kinds) == 0 || kind == "" {
		return !IsFinal(kind)
	}
	for _, k := range f.Kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// Marks counts the lines (compact text, no spaces) that carry one of the format's
// marks, and reports false when a line rules the format out.
func (f *Format) Marks(lines []string) (int, bool) {
	n := 0
	for _, l := range lines {
		for _, re := range f.Recognise.exclude {
			if re.MatchString(l) {
				return 0, false
			}
		}
		for _, re := range f.Recognise.marks {
			if re.MatchString(l) {
				n++
				break
			}
		}
	}
	return n, true
}

// Table returns the format's table of the kind, or nil.
func (f *Format) Table(kind disclosure.TableKind) *Table {
	for i := range f.Tables {
		if f.Tables[i].Kind == kind {
			return &f.Tables[i]
		}
	}
	return nil
}

// MatchTable finds the table whose title or alias a printed title names: the
// printed title, folded and without its label (表1, 公开01表, 预算01表…), its year
// and the jurisdiction's prefixes, must end with the name. The longest name wins, so
// that 财政拨款收支总表 is not taken for 收支总表. It returns nil when none fits.
func (f *Format) MatchTable(printed string) *Table {
	title := TitleKey(printed)
	if title == "" {
		return nil
	}
	var best *Table
	bestLen := 0
	for i := range f.Tables {
		t := &f.Tables[i]
		if t.Inline {
			continue
		}
		keys := t.keys
		if keys == nil {
			keys = t.nameKeys()
		}
		for _, n := range keys {
			if n == "" || !strings.HasSuffix(title, n) || len(n) <= bestLen {
				continue
			}
			// What precedes the name may only be a year, a scope (部门, 市级部门…)
			// or the department's own name: never words of another title.
			if !prefixOK(strings.TrimSuffix(title, n)) {
				continue
			}
			best, bestLen = t, len(n)
		}
	}
	return best
}

// prefixOK accepts what may stand before a table's name in its printed title: the
// department's name, a scope word, or nothing. A prefix that ends in words of a
// title (支出, 收入, 预算…) would make 一般公共预算基本支出表 end with 基本支出表.
func prefixOK(p string) bool {
	if p == "" {
		return true
	}
	for _, bad := range []string{"支出", "收入", "预算", "拨款", "经费", "财政", "基本", "项目", "一般", "公共", "基金", "资本", "功能", "经济", "“", "”"} {
		if strings.HasSuffix(p, bad) {
			return false
		}
	}
	return true
}

var (
	labelRe = regexp.MustCompile(`^(?:(?:部门)?公开\s*[0-9]+\s*表|预算\s*[0-9]+\s*表|(?:部门公开)?表\s*[0-9一二三四五六七八九十]+|附表\s*[0-9]+|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)[：:.．、\s]*`)
	yearRe  = regexp.MustCompile(`(?:19|20)[0-9]{2}\s*年度?`)
	foldRe  = strings.NewReplacer("(", "（", ")", "）", "\"", "“", "”", "“", "‘", "“", "’", "“", "'", "“", ":", "：", "\u3000", "")
)

// StripLabel removes a table's printed label from the start of a title line: 表1,
// 表 1：, 公开01表, 部门公开表 1, 预算01表, （一）, 一、.
func StripLabel(s string) string {
	s = strings.TrimSpace(s)
	return strings.TrimSpace(labelRe.ReplaceAllString(s, ""))
}

// Fold makes printed text comparable: no spaces, one form of brackets, quotes and
// colons.
func Fold(s string) string {
	return foldRe.Replace(strings.Join(strings.Fields(s), ""))
}

// TitleKey is a title as titles are compared: folded, without label and years.
func TitleKey(s string) string {
	s = StripLabel(Fold(s))
	s = yearRe.ReplaceAllString(s, "")
	return strings.TrimLeft(s, "：:")
}

// MatchPart finds the part whose title or alias a heading names, or nil. The
// heading's own numbering (第一部分, 一、) is ignored; the name must then be the
// heading's text, or its end after the department's name (上海市普陀区商务委员会主要职能).
func (f *Format) MatchPart(heading string) *Part {
	h := PartKey(heading)
	if h == "" {
		return nil
	}
	var best *Part
	bestLen := 0
	for i := range f.Parts {
		p := &f.Parts[i]
		for _, name := range p.Names() {
			n := PartKey(name)
			if n != "" && strings.HasSuffix(h, n) && len(n) > bestLen {
				best, bestLen = p, len(n)
			}
		}
	}
	return best
}

var partNumberRe = regexp.MustCompile(`^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)`)

// PartKey is a part heading as headings are compared: folded, without its
// numbering and years.
func PartKey(s string) string {
	s = partNumberRe.ReplaceAllString(Fold(s), "")
	return yearRe.ReplaceAllString(s, "")
}

// MustLoadDir parses every .yaml description in dir of fsys, in name order; the
// profiles embed theirs this way.
func MustLoadDir(fsys fs.FS, dir string) []*Format {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		panic(err)
	}
	var out []*Format
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			panic(err)
		}
		out = append(out, MustParse(n, data))
	}
	return out
}
