// Package check finds what is inconsistent in a disclosure: broken identities inside
// and across tables, narrative numbers that differ from their cells, stated changes
// that do not follow, wrong codes, missing or mislabelled tables. Each finding names
// its rule, its place (table, row, column, or the quoted sentence) and the numbers.
package check

import (
	"sort"
	"strconv"

	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/format"
)

// Severity ranks findings.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

// Label is the Chinese word for the severity.
func (s Severity) Label() string {
	switch s {
	case Error:
		return "错误"
	case Warning:
		return "警告"
	}
	return "提示"
}

// Rule is one entry of the catalogue.
type Rule struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Severity  Severity `json:"severity"`
	Category  string   `json:"category"`
	Tolerance string   `json:"tolerance"`
	// Example is a finding this rule would report, for the documentation.
	Example string `json:"example"`
}

// Location says where a finding is.
type Location struct {
	Table    string `json:"table,omitempty"`  // 表7 一般公共预算支出表（按功能分类）
	Row      string `json:"row,omitempty"`    // code and name of the row
	Column   string `json:"column,omitempty"` // header of the column
	Part     string `json:"part,omitempty"`   // 第五部分 财政拨款“三公”经费预算情况
	Sentence string `json:"sentence,omitempty"`
	Page     int    `json:"page,omitempty"`
	Line     int    `json:"line,omitempty"`
}

// String describes the place in one Chinese phrase.
func (l Location) String() string {
	s := ""
	add := func(part string) {
		if part == "" {
			return
		}
		if s != "" {
			s += "，"
		}
		s += part
	}
	add(l.Table)
	if l.Row != "" {
		add("行“" + l.Row + "”")
	}
	if l.Column != "" {
		add("列“" + l.Column + "”")
	}
	add(l.Part)
	if l.Page > 0 {
		add("第 " + strconv.Itoa(l.Page) + " 页")
	}
	if l.Line > 0 {
		add("第 " + strconv.Itoa(l.Line) + " 行")
	}
	if l.Sentence != "" {
		add("“" + l.Sentence + "”")
	}
	return s
}

// Finding is one inconsistency.
type Finding struct {
	Rule       string   `json:"rule"`
	Severity   Severity `json:"severity"`
	Message    string   `json:"message"`
	Location   Location `json:"location"`
	Expected   string   `json:"expected,omitempty"`
	Actual     string   `json:"actual,omitempty"`
	Difference string   `json:"difference,omitempty"`
}

// Result is every finding for one document.
type Result struct {
	Findings []Finding `json:"findings"`
}

// Count returns how many findings have severity s.
func (r Result) Count(s Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// Options tune a run.
type Options struct {
	// Codes is the classification to check codes against; nil means the built-in one.
	Codes *classification.Catalogue
	// Format is the description the document follows; nil means the registered
	// one its Format names.
	Format *format.Format
}

// Run checks doc and returns its findings, errors first.
func Run(doc *disclosure.Document, opts Options) Result {
	c := newDoc(doc, opts)
	for _, rs := range tableRules {
		rs(c)
	}
	sort.SliceStable(c.findings, func(i, j int) bool {
		return rank(c.findings[i].Severity) < rank(c.findings[j].Severity)
	})
	return Result{Findings: c.findings}
}

// newDoc indexes doc's tables for the rules to read.
func newDoc(doc *disclosure.Document, opts Options) *Doc {
	cat := opts.Codes
	if cat == nil {
		cat = classification.Default()
	}
	f := opts.Format
	if f == nil {
		f = format.Lookup(doc.Format)
	}
	c := &Doc{doc: doc, cat: cat, format: f, seen: map[string]bool{}}
	c.doc = c.readable()
	c.index()
	return c
}

func rank(s Severity) int {
	switch s {
	case Error:
		return 0
	case Warning:
		return 1
	}
	return 2
}

// tableRules run in order; each adds findings.
var tableRules = []func(*Doc){
	(*Doc).completeness,
	(*Doc).emptyTables,
	(*Doc).codes,
	(*Doc).surplusCells,
	(*Doc).summaryTables,
	(*Doc).codeTables,
	(*Doc).changeColumns,
	(*Doc).rowSums,
	(*Doc).sanGong,
	(*Doc).performance,
	(*Doc).crossTables,
	(*Doc).halfSums,
	(*Doc).carryOver,
	(*Doc).finalSanGongCodes,
	(*Doc).basicSplit,
	(*Doc).narrative,
	(*Doc).execution,
	(*Doc).placeholders,
}
