// Package classification owns the government classification codes (政府收支分类科目):
// functional codes (类 3 digits › 款 5 › 项 7) and department economic codes
// (类 3 › 款 5), with their names and parents.
//
// The built-in catalogue embeds the codes observed in real documents, the standard
// items of administrative 款 and the renamings, each entry with its source and the
// years its name is known for; a user may load the official list for a year from a
// CSV file instead.
package classification

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Kind tells the two code systems apart.
type Kind string

const (
	Functional Kind = "F" // 支出功能分类
	Economic   Kind = "E" // 部门预算支出经济分类
)

// Label is the Chinese name of the code system.
func (k Kind) Label() string {
	if k == Economic {
		return "经济分类科目"
	}
	return "功能分类科目"
}

// Code is one classification entry.
type Code struct {
	Kind   Kind
	Code   string
	Name   string
	Parent string
	// From and To are the first and last budget years the name is known for; 0
	// leaves that end open. Names change over the years (20805 行政事业单位离退休
	// became 行政事业单位养老支出), so one code may have several entries.
	From, To int
	// Source says where the entry comes from: an official list, the documents
	// that print it, or a rule of the 财政部's lists. Empty for a loaded list.
	Source string
}

// In reports whether the entry's years include year (0 means any year).
func (c Code) In(year int) bool {
	return year == 0 || (c.From == 0 || c.From <= year) && (c.To == 0 || year <= c.To)
}

// Overlaps reports whether two entries' years share a year.
func (c Code) Overlaps(d Code) bool {
	return (c.From == 0 || d.To == 0 || c.From <= d.To) && (d.From == 0 || c.To == 0 || d.From <= c.To)
}

// later reports whether c's years end after d's (an open end is latest).
func (c Code) later(d Code) bool {
	ct, dt := c.To, d.To
	if ct == 0 {
		ct = 1 << 30
	}
	if dt == 0 {
		dt = 1 << 30
	}
	if ct != dt {
		return ct > dt
	}
	return c.From > d.From
}

// Level is the depth of the code: 1 类, 2 款, 3 项.
func (c Code) Level() int { return LevelOf(c.Code) }

// LevelOf returns 1, 2 or 3 for a 3-, 5- or 7-digit code, and 0 otherwise.
func LevelOf(code string) int {
	switch len(code) {
	case 3:
		return 1
	case 5:
		return 2
	case 7:
		return 3
	}
	return 0
}

// ParentOf returns the code one level up ("2010301" → "20103" → "201" → "").
func ParentOf(code string) string {
	switch len(code) {
	case 7:
		return code[:5]
	case 5:
		return code[:3]
	}
	return ""
}

// Catalogue is a set of codes of both kinds.
type Catalogue struct {
	// codes holds each code's current entry: its latest name.
	codes map[Kind]map[string]Code
	// history holds every name a code is known by, with its years.
	history map[Kind]map[string][]Code
}

// New returns an empty catalogue.
func New() *Catalogue {
	return &Catalogue{
		codes:   map[Kind]map[string]Code{Functional: {}, Economic: {}},
		history: map[Kind]map[string][]Code{Functional: {}, Economic: {}},
	}
}

// Add puts c into the catalogue, replacing every entry with the same kind and code:
// a loaded official list says what each code is called.
func (cat *Catalogue) Add(c Code) {
	if c.Parent == "" {
		c.Parent = ParentOf(c.Code)
	}
	cat.codes[c.Kind][c.Code] = c
	cat.history[c.Kind][c.Code] = []Code{c}
}

// merge adds c as one more piece of evidence for its code: the same name (brackets
// and spaces folded) widens that name's years and adds its source; another name
// is kept beside it, and the name whose years end last is the code's current one.
func (cat *Catalogue) merge(c Code) {
	if c.Parent == "" {
		c.Parent = ParentOf(c.Code)
	}
	h := cat.history[c.Kind][c.Code]
	found := false
	for i := range h {
		if SameName(h[i].Name, c.Name) {
			h[i] = widen(h[i], c)
			found = true
			break
		}
	}
	if !found {
		h = append(h, c)
	}
	cat.history[c.Kind][c.Code] = h
	cur := h[0]
	for _, e := range h[1:] {
		if e.later(cur) {
			cur = e
		}
	}
	cat.codes[c.Kind][c.Code] = cur
}

// widen joins two entries of one name: the years of both, and both sources.
func widen(a, b Code) Code {
	if a.From == 0 || b.From == 0 {
		a.From = 0
	} else {
		a.From = min(a.From, b.From)
	}
	if a.To == 0 || b.To == 0 {
		a.To = 0
	} else {
		a.To = max(a.To, b.To)
	}
	switch {
	case a.Source == "":
		a.Source = b.Source
	case b.Source != "" && !strings.Contains(a.Source, b.Source):
		a.Source += "；" + b.Source
	}
	return a
}

// Lookup returns the entry for code of kind k: its current name.
func (cat *Catalogue) Lookup(k Kind, code string) (Code, bool) {
	c, ok := cat.codes[k][code]
	return c, ok
}

// History lists every name the catalogue knows code by, with its years and source,
// earliest first.
func (cat *Catalogue) History(k Kind, code string) []Code {
	h := append([]Code(nil), cat.history[k][code]...)
	sort.SliceStable(h, func(i, j int) bool { return h[j].later(h[i]) })
	return h
}

// LookupIn returns the entry for code whose years include year: the name it had
// then. A code known only by names of other years gives its current entry, and
// false.
func (cat *Catalogue) LookupIn(k Kind, code string, year int) (Code, bool) {
	cur, ok := cat.codes[k][code]
	if !ok {
		return Code{}, false
	}
	if cur.In(year) {
		return cur, true
	}
	for _, e := range cat.history[k][code] {
		if e.In(year) {
			return e, true
		}
	}
	return cur, false
}

// Name returns the name of code, or "" when it is unknown.
func (cat *Catalogue) Name(k Kind, code string) string {
	return cat.codes[k][code].Name
}

// Codes lists every code of kind k in code order.
func (cat *Catalogue) Codes(k Kind) []Code {
	out := make([]Code, 0, len(cat.codes[k]))
	for _, c := range cat.codes[k] {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// Len counts the codes of kind k.
func (cat *Catalogue) Len(k Kind) int { return len(cat.codes[k]) }

// NormalizeName makes names comparable: full- and half-width brackets and
// quotation marks are the same, and spaces do not count.
func NormalizeName(s string) string {
	return nameFolder.Replace(strings.TrimSpace(s))
}

var nameFolder = strings.NewReplacer(
	"（", "(", "）", ")", "“", "\"", "”", "\"", "\u3000", "", " ", "", "\t", "",
)

// SameName reports whether two names are the same once brackets and spaces are folded.
func SameName(a, b string) bool { return NormalizeName(a) == NormalizeName(b) }

// Check verifies that code is a well-formed known code of kind k at one of the
// allowed levels, and that name (when given) matches. The error is Chinese.
func (cat *Catalogue) Check(k Kind, code, name string, levels ...int) error {
	lv := LevelOf(code)
	if lv == 0 || !isDigits(code) {
		return fmt.Errorf("%s“%s”格式不对：应为 3、5 或 7 位数字", k.Label(), code)
	}
	if len(levels) > 0 && !containsInt(levels, lv) {
		return fmt.Errorf("%s“%s”是%s级科目，这里需要%s级科目", k.Label(), code, levelName(lv), levelNames(levels))
	}
	c, ok := cat.Lookup(k, code)
	if !ok {
		return fmt.Errorf("%s“%s”不在科目表中（可用 --codes 加载当年的官方科目表）", k.Label(), code)
	}
	if name != "" && !SameName(name, c.Name) {
		return fmt.Errorf("%s“%s”的名称应为“%s”，填写的是“%s”", k.Label(), code, c.Name, name)
	}
	return nil
}

func levelName(l int) string {
	return [...]string{"", "类", "款", "项"}[l]
}

func levelNames(ls []int) string {
	var parts []string
	for _, l := range ls {
		parts = append(parts, levelName(l))
	}
	return strings.Join(parts, "或")
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// Rename is a code's former name and the first budget year of its name now.
type Rename struct {
	Kind Kind
	Code string
	Old  string
	New  string
	From int
	// AtLatest says From is only the earliest year a document is known to print
	// the new name (renamed.csv writes it "<=2023"): the rename may be older, and
	// no official year is known.
	AtLatest bool
	// Source says what the renaming and its year rest on.
	Source string
}

// Since says from when the new name holds, in Chinese: "自 2019 年起", or "至迟自
// 2023 年起" where the year is only the earliest evidence.
func (r Rename) Since() string {
	if r.AtLatest {
		return fmt.Sprintf("至迟自 %d 年起", r.From)
	}
	return fmt.Sprintf("自 %d 年起", r.From)
}

// Renames lists the renamed codes the catalogue knows (data/renamed.csv).
func Renames() []Rename {
	renamesOnce.Do(func() {
		f, err := data.Open("data/renamed.csv")
		if err != nil {
			panic(err) // embedded at build time
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "kind,") {
				continue
			}
			p := strings.Split(line, ",")
			if len(p) != 6 {
				panic("classification: embedded renamed.csv: " + line)
			}
			year, atLatest := strings.CutPrefix(p[4], "<=")
			from, err := strconv.Atoi(year)
			if err != nil {
				panic("classification: embedded renamed.csv: " + line)
			}
			renames = append(renames, Rename{Kind(p[0]), p[1], p[2], p[3], from, atLatest, p[5]})
		}
	})
	return renames
}

var (
	renamesOnce sync.Once
	renames     []Rename
)

// Variant is a name some corpus documents print for a code that the catalogue
// does not take (data/variants.csv): Kept is the name taken, Why says why.
type Variant struct {
	Kind       Kind
	Code, Name string
	Kept, Why  string
	Source     string
}

// Variants lists the names not taken (data/variants.csv).
func Variants() []Variant {
	variantsOnce.Do(func() {
		b, err := data.ReadFile("data/variants.csv")
		if err != nil {
			panic(err) // embedded at build time
		}
		for _, line := range strings.Split(string(b), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "kind,") {
				continue
			}
			p := strings.Split(line, ",")
			if len(p) != 6 {
				panic("classification: embedded variants.csv: " + line)
			}
			variants = append(variants, Variant{Kind(p[0]), p[1], p[2], p[3], p[4], p[5]})
		}
	})
	return variants
}

var (
	variantsOnce sync.Once
	variants     []Variant
)

// RenamedFrom returns the rename of code whose former name is name, if any.
func RenamedFrom(k Kind, code, name string) (Rename, bool) {
	for _, r := range Renames() {
		if r.Kind == k && r.Code == code && SameName(r.Old, name) {
			return r, true
		}
	}
	return Rename{}, false
}

// NamesFrom is the first budget year from which the built-in catalogue's current
// names are known to hold: most of its names were read from documents of 2023 to
// 2026, and names change over the years (the names of earlier years it knows are
// in History and renamed.csv).
const NamesFrom = 2023

//go:embed data/*.csv
var data embed.FS

// Default returns the built-in catalogue. Each call returns a fresh copy, so a
// caller may add to it; the embedded lists are parsed once.
func Default() *Catalogue {
	builtinOnce.Do(func() { builtin = parseBuiltin() })
	cat := New()
	for k, codes := range builtin.codes {
		for code, c := range codes {
			cat.codes[k][code] = c
			cat.history[k][code] = builtin.history[k][code]
		}
	}
	return cat
}

var (
	builtinOnce sync.Once
	builtin     *Catalogue
)

// BuiltinFiles are the embedded lists the built-in catalogue is made of, with the
// kind of the files that have no kind column. Every row says its source.
var BuiltinFiles = []struct {
	Name string
	Kind Kind
}{
	{"data/functional-observed.csv", Functional}, // hand-read Shanghai documents
	{"data/economic-observed.csv", Economic},     // hand-read Shanghai documents
	{"data/supplement.csv", ""},                  // 财政部 lists, the seed
	{"data/corpus.csv", ""},                      // generated: go run ./classification/gen
	{"data/standard.csv", ""},                    // generated: the standard items of administrative 款
}

// Data gives the embedded lists (BuiltinFiles, renamed.csv, variants.csv) for tests
// and tools to read.
func Data() fs.FS { return data }

func parseBuiltin() *Catalogue {
	cat, err := Load(data)
	if err != nil {
		panic(err) // embedded at build time
	}
	return cat
}

// Load makes a catalogue of the BuiltinFiles in fsys, as the built-in one is made
// of the embedded files: each row is evidence for its code's name in its years.
// The generator uses it on the files it has just written.
func Load(fsys fs.FS) (*Catalogue, error) {
	cat := New()
	for _, f := range BuiltinFiles {
		r, err := fsys.Open(f.Name)
		if err != nil {
			return nil, fmt.Errorf("classification: %w", err)
		}
		codes, err := ParseCSV(r, f.Kind)
		r.Close()
		if err != nil {
			return nil, fmt.Errorf("classification: %s: %v", f.Name, err)
		}
		for _, c := range codes {
			cat.merge(c)
		}
	}
	return cat, nil
}

// ReadCSV adds codes from CSV text (see ParseCSV), each replacing what the
// catalogue held for its code. Errors name the line, in Chinese.
func (cat *Catalogue) ReadCSV(r io.Reader, kind Kind) error {
	codes, err := ParseCSV(r, kind)
	if err != nil {
		return err
	}
	for _, c := range codes {
		cat.Add(c)
	}
	return nil
}

// ParseCSV reads codes from CSV text. Lines starting with # are comments. With
// kind set, the columns are code,name[,level,parent]; with kind empty the first
// column is the kind (F or E). A header row is skipped; when it names the columns
// (kind, code, name, level, parent, from, to, source, or 编码/科目编码 and
// 名称/科目名称), they are read by their names, so the built-in lists can carry the
// years of a name and its source. Errors name the line, in Chinese.
func ParseCSV(r io.Reader, kind Kind) ([]Code, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	var out []Code
	var cols map[string]int
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, ",")
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		if cols == nil {
			if h, ok := header(fields); ok {
				cols = h
				continue
			}
			cols = positional(kind)
		}
		c, err := row(fields, cols, kind, line)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("读取科目表失败：%v", err)
	}
	return out, nil
}

// columnNames are the header words a list may use, by the column they name.
var columnNames = map[string]string{
	"kind": "kind", "code": "code", "编码": "code", "科目编码": "code", "代码": "code", "科目代码": "code",
	"name": "name", "名称": "name", "科目名称": "name", "level": "level", "parent": "parent",
	"from": "from", "to": "to", "source": "source",
}

// header reads a header row: the columns by name, when its first columns name
// a kind or a code.
func header(fields []string) (map[string]int, bool) {
	if f := columnNames[fields[0]]; f != "kind" && f != "code" {
		return nil, false
	}
	cols := map[string]int{}
	for i, f := range fields {
		if key, ok := columnNames[f]; ok {
			if _, dup := cols[key]; !dup {
				cols[key] = i
			}
		}
	}
	return cols, true
}

// positional are the columns of a list without a header.
func positional(kind Kind) map[string]int {
	if kind == "" {
		return map[string]int{"kind": 0, "code": 1, "name": 2}
	}
	return map[string]int{"code": 0, "name": 1}
}

// row reads one code from fields by the columns.
func row(fields []string, cols map[string]int, kind Kind, line int) (Code, error) {
	get := func(key string) string {
		if i, ok := cols[key]; ok && i < len(fields) {
			return fields[i]
		}
		return ""
	}
	k := kind
	if _, ok := cols["kind"]; ok {
		k = Kind(get("kind"))
		if k != Functional && k != Economic {
			return Code{}, fmt.Errorf("第 %d 行：第一列应为 F（功能分类）或 E（经济分类），实际为“%s”", line, k)
		}
	}
	ci, ni := cols["code"], cols["name"]
	if _, ok := cols["name"]; !ok || ci >= len(fields) || ni >= len(fields) {
		return Code{}, fmt.Errorf("第 %d 行：至少需要“编码,名称”两列", line)
	}
	code := get("code")
	if LevelOf(code) == 0 || !isDigits(code) {
		return Code{}, fmt.Errorf("第 %d 行：编码“%s”应为 3、5 或 7 位数字", line, code)
	}
	if k == "" {
		// A list whose header names its columns but no kind: the code says it,
		// 2xx functional, 3xx economic (部门预算支出经济分类).
		switch code[0] {
		case '2':
			k = Functional
		case '3':
			k = Economic
		default:
			return Code{}, fmt.Errorf("第 %d 行：编码“%s”看不出是功能分类（2 开头）还是经济分类（3 开头），请加一列 kind，填 F 或 E", line, code)
		}
	}
	c := Code{Kind: k, Code: code, Name: get("name"), Parent: get("parent"), Source: get("source")}
	for _, y := range []struct {
		key string
		to  *int
	}{{"from", &c.From}, {"to", &c.To}} {
		v := get(y.key)
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1900 || n > 2999 {
			return Code{}, fmt.Errorf("第 %d 行：年份“%s”应为四位数字", line, v)
		}
		*y.to = n
	}
	return c, nil
}

// SanGongItem is one part of the “三公” expenses and the department economic codes
// that hold it.
type SanGongItem struct {
	Key   string // its column key in the tables: abroad, reception, car_purchase, car_running
	Name  string
	Codes []string
}

// SanGong are the parts of the “三公” expenses by economic code (DOMAIN §5); 公务用车
// 购置 may also be booked as capital construction (30913). Every generator, reader
// and check takes the codes from here.
var SanGong = []SanGongItem{
	{Key: "abroad", Name: "因公出国（境）费", Codes: []string{"30212"}},
	{Key: "reception", Name: "公务接待费", Codes: []string{"30217"}},
	{Key: "car_purchase", Name: "公务用车购置费", Codes: []string{"31013", "30913"}},
	{Key: "car_running", Name: "公务用车运行维护费", Codes: []string{"30231"}},
}

// SanGongCodes returns the economic codes of the 三公 part with the key.
func SanGongCodes(key string) []string {
	for _, it := range SanGong {
		if it.Key == key {
			return it.Codes
		}
	}
	return nil
}
