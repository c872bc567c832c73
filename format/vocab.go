package format

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"yusuan/disclosure"
)

// The roles a header word can play in saying what its column means.
const (
	roleSide     = "side"     // a half of a two-sided table: 收入, 支出
	roleText     = "text"     // a column of names or other words
	roleCode     = "code"     // a column of classification codes
	roleMeasure  = "measure"  // what an amount column counts: 基本支出, 因公出国（境）费…
	roleFund     = "fund"     // a fund that divides a measure: 一般公共预算…
	roleGroup    = "group"    // a heading over measures that names none itself: 本年收入, 其中
	roleSubtotal = "subtotal" // the sum of what the heading above counts: 小计, 合计, 金额
	roleChange   = "change"   // a change against another year: 增减额, 增减(%)
	// roleStage is a stage of the year's money other than the document's own
	// figures: the 预算数 a 决算 compares its 决算数 with (budget.…, as last.…).
	roleStage = "stage"
)

// Entry is one meaning in the vocabulary and the header texts that print it.
type Entry struct {
	Key  string `yaml:"key"`
	Role string `yaml:"role"`
	// Match are patterns on a header cell's folded text without years or 其中.
	Match []string `yaml:"match"`
	// Tables limits the entry to tables of these kinds.
	Tables []disclosure.TableKind `yaml:"tables"`
	// Documents limits the entry to documents of these kinds (部门决算): the same
	// words mean the document's own figures in one kind and a comparison in
	// another (预算数).
	Documents []string `yaml:"documents"`
	// Subset marks money that is also counted in other columns of its row (政府采购
	// and its shares): never a part of the row's total.
	Subset bool `yaml:"subset"`

	match []*regexp.Regexp
}

// Vocabulary is the family's knowledge of column headers.
type Vocabulary struct {
	Entries []Entry `yaml:"entries"`
}

//go:embed vocabulary.yaml
var vocabularyYAML []byte

var vocabulary = mustVocabulary(vocabularyYAML)

func mustVocabulary(data []byte) *Vocabulary {
	var v Vocabulary
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&v); err != nil {
		panic(fmt.Sprintf("format: vocabulary: %v", err))
	}
	for i := range v.Entries {
		e := &v.Entries[i]
		re, err := compileAll(e.Match)
		if err != nil {
			panic(fmt.Sprintf("format: vocabulary %s: %v", e.Key, err))
		}
		e.match = re
	}
	return &v
}

var (
	headYearRe  = regexp.MustCompile(`((?:19|20)[0-9]{2})年度?`)
	lastYearRe  = regexp.MustCompile(`^上年(预算数|执行数|预算|数|执行)$`)
	whereofRe   = regexp.MustCompile(`^(?:其中[：:]?)`)
	headFoldRep = strings.NewReplacer("（", "(", "）", ")", "“", "", "”", "", "、", "", "，", "", ",", "", "：", "", ":", "")
)

// headerWord is a header cell's text as the vocabulary matches it, and the year it
// names, if any: -1 for 上年 (the year before the document's).
func headerWord(s string) (string, int) {
	s = Fold(s)
	year := 0
	if m := headYearRe.FindStringSubmatch(s); m != nil {
		year, _ = strconv.Atoi(m[1])
	}
	if m := lastYearRe.FindStringSubmatch(s); m != nil {
		return m[1], -1
	}
	s = headYearRe.ReplaceAllString(s, "")
	s = whereofRe.ReplaceAllString(s, "")
	return headFoldRep.Replace(s), year
}

func (v *Vocabulary) lookup(ctx Context, word string) *Entry {
	if word == "" {
		return nil
	}
	for i := range v.Entries {
		e := &v.Entries[i]
		if len(e.Tables) > 0 && !containsKind(e.Tables, ctx.Table) {
			continue
		}
		if len(e.Documents) > 0 && !slices.Contains(e.Documents, ctx.Document) {
			continue
		}
		for _, re := range e.match {
			if re.MatchString(word) {
				return e
			}
		}
	}
	return nil
}

func containsKind(kinds []disclosure.TableKind, k disclosure.TableKind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Context is what a column's meaning depends on besides its header: the kind of
// its table, the document's budget year and the kind of document (部门预算,
// 部门决算; empty for a 预算).
type Context struct {
	Table    disclosure.TableKind
	Year     int
	Document string
}

// Meaning says what a column of a 预算 document means from its header: path holds
// the texts of the header cells over the column, top to bottom, the column's own
// last. year is the document's budget year; a column of another (earlier) year is
// keyed "last.…". The key is empty when the vocabulary cannot tell; kind is then
// empty too, and the caller decides from the column's cells.
func Meaning(table disclosure.TableKind, path []string, year int) (key string, kind disclosure.ColumnKind) {
	return MeaningIn(Context{Table: table, Year: year}, path)
}

// MeaningIn is Meaning in a context that names the kind of document: in a 决算
// the 决算数 is the document's own figure and a 预算数 beside it a comparison,
// keyed "budget.…" (公务接待费 › 预算数: budget.reception).
func MeaningIn(ctx Context, path []string) (key string, kind disclosure.ColumnKind) {
	year := ctx.Year
	type el struct {
		e    *Entry
		year int
		text string
	}
	els := make([]el, 0, len(path))
	for _, p := range path {
		w, y := headerWord(p)
		if w == "" && y == 0 {
			continue
		}
		els = append(els, el{vocabulary.lookup(ctx, w), y, w})
	}
	if len(els) == 0 {
		return "", ""
	}
	leaf := els[len(els)-1]
	if leaf.e == nil {
		return "", ""
	}
	side := ""
	last := false
	change := ""
	stage := ""
	for _, a := range els {
		if a.e != nil && a.e.Role == roleStage {
			stage = a.e.Key
		}
		if a.year < 0 || a.year != 0 && year != 0 && a.year < year {
			last = true
		}
		if a.e != nil && a.e.Role == roleSide {
			side = a.e.Key
		}
		if a.e != nil && a.e.Role == roleChange {
			change = a.e.Key
		}
	}
	// base is what the element at i counts: itself for a measure, else the
	// nearest measure or group above it, else the whole (total). A fund over a
	// subtotal names the table's scope (2026年政府性基金预算支出 › 合计), not a part.
	base := func(i int) string {
		for j := i; j >= 0; j-- {
			e := els[j].e
			if e == nil {
				continue
			}
			switch e.Role {
			case roleMeasure:
				return e.Key
			case roleFund:
				if j == i {
					return e.Key
				}
			case roleGroup:
				if e.Key != "" {
					return e.Key
				}
			case roleSide:
				return e.Key
			}
		}
		return "total"
	}
	n := len(els) - 1
	switch leaf.e.Role {
	case roleText, roleCode:
		key = leaf.e.Key
		kind = disclosure.TextCol
		if leaf.e.Role == roleCode {
			kind = disclosure.CodeCol
		}
		if side != "" && key == "item" {
			key = side + "_item"
		}
		return key, kind
	case roleSide:
		return leaf.e.Key, disclosure.AmountCol
	case roleChange:
		key = leaf.e.Key
	case roleSubtotal, roleStage:
		key = base(n - 1)
	case roleFund:
		key = leaf.e.Key
		// A fund under a measure divides it (因公出国（境）费 › 一般公共预算); under a
		// group or a side it is the fund itself.
		for j := n - 1; j >= 0; j-- {
			e := els[j].e
			if e == nil {
				continue
			}
			if e.Role == roleMeasure || e.Role == roleSubtotal {
				key = base(j) + "." + leaf.e.Key
			}
			break
		}
	case roleMeasure:
		key = leaf.e.Key
	case roleGroup:
		key = base(n)
	default:
		return "", ""
	}
	if key == "item" {
		key = ""
	}
	if change != "" && leaf.e.Role != roleChange {
		key = change + "." + key
	}
	if stage != "" {
		key = stage + "." + key
	}
	if last && change == "" {
		key = "last." + key
	}
	return key, disclosure.AmountCol
}

// IsSubtotal reports whether a header cell's text, in a table of the kind, counts
// what the heading above it counts (小计, 合计, 金额, 预算数).
func IsSubtotal(table disclosure.TableKind, text string) bool {
	w, _ := headerWord(text)
	e := vocabulary.lookup(Context{Table: table}, w)
	return e != nil && e.Role == roleSubtotal
}

// IsWhereof reports whether a header cell's text opens with 其中: the columns under
// it count part of a column beside them, not a part of the row's total.
func IsWhereof(text string) bool {
	return whereofRe.MatchString(Fold(text))
}

// IsSubset reports whether a column key counts money also counted in other
// columns of its row (政府采购 and its shares).
func IsSubset(key string) bool {
	base, _, _ := strings.Cut(key, "#")
	for _, part := range strings.Split(base, ".") {
		for i := range vocabulary.Entries {
			if e := &vocabulary.Entries[i]; e.Subset && e.Key == part {
				return true
			}
		}
	}
	return false
}

// HeaderPaths returns, for each column of a table built with explicit spans, the
// texts of the header cells over it, top to bottom.
func HeaderPaths(t *disclosure.Table) [][]string {
	n := len(t.Columns)
	paths := make([][]string, n)
	for _, row := range disclosure.Grid(t.Header, n) {
		for _, p := range row {
			cs, _ := p.Clamp(n)
			for j := p.Col; j < p.Col+cs && j < n; j++ {
				paths[j] = append(paths[j], p.Text)
			}
		}
	}
	return paths
}

// Keys returns what each column of a table built with explicit spans means, by
// Meaning of its header path; empty where the vocabulary cannot tell.
func Keys(t *disclosure.Table, year int) []string {
	paths := HeaderPaths(t)
	keys := make([]string, len(paths))
	for j, p := range paths {
		keys[j], _ = Meaning(t.Kind, p, year)
	}
	return keys
}
