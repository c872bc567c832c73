// Package classification owns the government classification codes (政府收支分类科目):
// functional codes (类 3 digits › 款 5 › 项 7) and department economic codes
// (类 3 › 款 5), with their names and parents.
//
// The built-in catalogue embeds the codes observed in real documents; a user may load
// the official list for a year from a CSV file instead.
package classification

import (
	"bufio"
	"embed"
	"fmt"
	"io"
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
	codes map[Kind]map[string]Code
}

// New returns an empty catalogue.
func New() *Catalogue {
	return &Catalogue{codes: map[Kind]map[string]Code{Functional: {}, Economic: {}}}
}

// Add puts c into the catalogue, replacing an entry with the same kind and code.
func (cat *Catalogue) Add(c Code) {
	if c.Parent == "" {
		c.Parent = ParentOf(c.Code)
	}
	cat.codes[c.Kind][c.Code] = c
}

// Lookup returns the entry for code of kind k.
func (cat *Catalogue) Lookup(k Kind, code string) (Code, bool) {
	c, ok := cat.codes[k][code]
	return c, ok
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
			if len(p) != 5 {
				panic("classification: embedded renamed.csv: " + line)
			}
			from, err := strconv.Atoi(p[4])
			if err != nil {
				panic("classification: embedded renamed.csv: " + line)
			}
			renames = append(renames, Rename{Kind(p[0]), p[1], p[2], p[3], from})
		}
	})
	return renames
}

var (
	renamesOnce sync.Once
	renames     []Rename
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

// NamesFrom is the first budget year whose names the built-in catalogue holds: the
// codes were read from documents of 2023 to 2026, and names change over the years.
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
		}
	}
	return cat
}

var (
	builtinOnce sync.Once
	builtin     *Catalogue
)

func parseBuiltin() *Catalogue {
	cat := New()
	for _, f := range []struct {
		name string
		kind Kind
	}{
		{"data/functional-observed.csv", Functional},
		{"data/economic-observed.csv", Economic},
		{"data/supplement.csv", ""},
	} {
		r, err := data.Open(f.name)
		if err != nil {
			panic(err) // embedded at build time
		}
		if err := cat.ReadCSV(r, f.kind); err != nil {
			panic(fmt.Sprintf("classification: embedded %s: %v", f.name, err))
		}
		r.Close()
	}
	return cat
}

// ReadCSV adds codes from CSV text. Lines starting with # are comments. With kind
// set, the columns are code,name[,level,parent]; with kind empty the first column
// is the kind (F or E). A header row is skipped. Errors name the line, in Chinese.
func (cat *Catalogue) ReadCSV(r io.Reader, kind Kind) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, ",")
		k := kind
		if k == "" {
			k = Kind(strings.TrimSpace(fields[0]))
			fields = fields[1:]
			if k == "kind" {
				continue
			}
			if k != Functional && k != Economic {
				return fmt.Errorf("第 %d 行：第一列应为 F（功能分类）或 E（经济分类），实际为“%s”", line, k)
			}
		}
		if len(fields) < 2 {
			return fmt.Errorf("第 %d 行：至少需要“编码,名称”两列", line)
		}
		code := strings.TrimSpace(fields[0])
		if code == "code" || code == "编码" || code == "科目编码" {
			continue
		}
		if LevelOf(code) == 0 || !isDigits(code) {
			return fmt.Errorf("第 %d 行：编码“%s”应为 3、5 或 7 位数字", line, code)
		}
		cat.Add(Code{Kind: k, Code: code, Name: strings.TrimSpace(fields[1])})
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("读取科目表失败：%v", err)
	}
	return nil
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
