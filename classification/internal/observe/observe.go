// Package observe lists the classification codes and names that published
// documents print: every coded row of every table the reader finds, with the
// document and its year. It is the evidence the built-in catalogue is made from
// (classification/gen) and tested against.
package observe

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/format"
	"yusuan/reader"
)

// Seen is one code printed with its name in one document.
type Seen struct {
	Kind classification.Kind
	Code string
	Name string
	File string // the document's file name
	Year int    // the budget (or final-account) year the document is for
	// Scanned is set when the code was found by scanning the text's lines, for a
	// document the reader does not read (a 决算): its names may be cut where the
	// layout wraps them.
	Scanned bool
}

// Corpus reads every document under dir and lists each distinct (kind, code,
// name, file) it prints, sorted. A document is its published PDF where there is
// one, read as the checker reads it (its characters' positions keep a wrapped
// name in its cell, where the .txt layout can split it between rows), else its
// .txt (pdftotext -layout). Documents the reader does not support, and 决算 for
// now, are scanned line by line in their .txt.
func Corpus(dir string) ([]Seen, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		switch filepath.Ext(path) {
		case ".pdf":
			files = append(files, path)
		case ".txt":
			if _, err := os.Stat(strings.TrimSuffix(path, ".txt") + ".pdf"); err != nil {
				files = append(files, path)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	seen := map[Seen]bool{}
	var out []Seen
	for _, f := range files {
		list, err := File(f)
		if err != nil {
			return nil, err
		}
		for _, s := range list {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return less(out[i], out[j]) })
	return out, nil
}

func less(a, b Seen) bool {
	if a.Kind != b.Kind {
		return a.Kind > b.Kind // F before E
	}
	if a.Code != b.Code {
		return a.Code < b.Code
	}
	if a.Name != b.Name {
		return a.Name < b.Name
	}
	return a.File < b.File
}

// File lists the coded rows of one document.
func File(path string) ([]Seen, error) {
	name := filepath.Base(path)
	doc, err := reader.ReadFile(path)
	// A 决算 is scanned in its .txt too until the reading of its tables is whole
	// (issue 14: table 6's two halves of 类 and 款 columns are not read yet, and
	// their codes would run together).
	if errors.Is(err, reader.ErrUnsupported) || err == nil && format.IsFinal(doc.Kind) {
		text, rerr := os.ReadFile(strings.TrimSuffix(path, filepath.Ext(path)) + ".txt")
		if rerr != nil {
			return nil, rerr
		}
		return scan(name, yearOf(name), string(text)), nil
	}
	if err != nil {
		return nil, fmt.Errorf("observe: %s: %w", name, err)
	}
	year := doc.Year
	if year == 0 {
		year = yearOf(name)
	}
	var out []Seen
	for _, t := range doc.AllTables() {
		out = append(out, rows(t, name, year)...)
	}
	return out, nil
}

// rows lists the code and name of each coded row of t.
func rows(t *disclosure.Table, file string, year int) []Seen {
	col := -1
	for i, c := range t.Columns {
		if c.Key == "name" {
			col = i
		}
	}
	if col < 0 {
		return nil
	}
	grid := disclosure.Grid(t.BodyCells(), len(t.Columns))
	var out []Seen
	for r, row := range t.Rows {
		kind := kindOf(row.Code)
		if kind == "" || r >= len(grid) {
			continue
		}
		for _, p := range grid[r] {
			if p.Col != col {
				continue
			}
			if n := cleanName(p.Text); n != "" {
				out = append(out, Seen{Kind: kind, Code: row.Code, Name: n, File: file, Year: year})
			}
		}
	}
	return out
}

// kindOf tells the classification by the code, as the checker does: 2… 支出功能
// 分类, 3… 部门预算支出经济分类; anything else (5… 政府预算支出经济分类) is not
// catalogued.
func kindOf(code string) classification.Kind {
	if classification.LevelOf(code) == 0 {
		return ""
	}
	switch code[0] {
	case '2':
		return classification.Functional
	case '3':
		return classification.Economic
	}
	return ""
}

// cleanName drops the spaces a layout puts inside a name (因 公 出 国) and the
// marks some tables print before a name.
func cleanName(s string) string {
	s = strings.Join(strings.Fields(s), "")
	s = strings.TrimPrefix(s, "其中：")
	if !hanRe.MatchString(s) {
		return ""
	}
	return s
}

var (
	hanRe  = regexp.MustCompile(`\p{Han}`)
	yearRe = regexp.MustCompile(`(?:^|[^0-9])(20[0-9]{2})(?:[^0-9]|$)`)
	// A code and its name on a line of layout text: the code starts the line or
	// follows a wide gap, the name is Han text with brackets, and a wide gap or
	// the line's end follows it.
	lineCodeRe = regexp.MustCompile(`(?:^|\s{2,})([23][0-9]{2}(?:[0-9]{2}){0,2})\s+([\p{Han}（）()、“”]*[\p{Han}）)])(?:\s{2,}|\s*$)`)
)

// yearOf reads the year from a corpus file name (putuo-caizhengju-2024-…).
func yearOf(name string) int {
	m := yearRe.FindStringSubmatch(name)
	if m == nil {
		return 0
	}
	y, _ := strconv.Atoi(m[1])
	return y
}

// scan finds codes with their names in text the reader does not read, line by
// line. Codes printed apart (201 06 01) are not taken: their columns are too
// easily confused with amounts.
//
// A long name wraps in its cell, and the layout then sets the code's line in the
// middle of the name's lines: a line of the name alone (its continuation) above
// and one below, with the name's middle part, if any, on the code's line. A
// code whose line has no name takes the continuations just above and below it;
// then a code whose line has a name takes both its neighbours when both are
// continuations no other code took. A name with a continuation left on one side
// only, or any continuation not taken within two lines, may be cut: it is left
// out.
func scan(file string, year int, text string) []Seen {
	lines := strings.Split(text, "\n")
	claimed := map[int]bool{}
	named := map[int]Seen{}
	for i, line := range lines {
		m := bareCodeRe.FindStringSubmatch(line)
		if m == nil || i == 0 || i+1 >= len(lines) {
			continue
		}
		above, ca, ok1 := continuation(lines[i-1])
		below, cb, ok2 := continuation(lines[i+1])
		if kind := kindOf(m[1]); kind != "" && ok1 && ok2 && ca-cb <= 1 && cb-ca <= 1 {
			claimed[i-1], claimed[i+1] = true, true
			named[i] = Seen{Kind: kind, Code: m[1], Name: above + below, File: file, Year: year, Scanned: true}
		}
	}
	var out []Seen
	for i, line := range lines {
		if s, ok := named[i]; ok {
			out = append(out, s)
			continue
		}
		for _, m := range lineCodeRe.FindAllStringSubmatchIndex(line, -1) {
			code, name := line[m[2]:m[3]], line[m[4]:m[5]]
			kind := kindOf(code)
			if kind == "" {
				continue
			}
			col := utf8.RuneCountInString(line[:m[4]])
			above := contAt(lines, i-1, col, claimed)
			below := contAt(lines, i+1, col, claimed)
			switch {
			case above != "" && below != "":
				claimed[i-1], claimed[i+1] = true, true
				name = above + name + below
			case above != "" || below != "" || loose(lines, i, col, claimed):
				continue
			}
			out = append(out, Seen{Kind: kind, Code: code, Name: name, File: file, Year: year, Scanned: true})
		}
	}
	return out
}

var (
	// A code alone at the start of its line, then amounts: its name is wrapped
	// around the line.
	bareCodeRe = regexp.MustCompile(`^\s*([23][0-9]{2}(?:[0-9]{2}){0,2})\s{2,}-?[0-9][0-9,]*\.[0-9]{2}(?:\s|$)`)
	// A line that holds only a piece of a name.
	contRe = regexp.MustCompile(`^(\s*)([\p{Han}（）()、“”]+)\s*$`)
)

// continuation returns the piece of a name a line holds alone, and its column.
func continuation(line string) (string, int, bool) {
	m := contRe.FindStringSubmatch(line)
	if m == nil {
		return "", 0, false
	}
	return m[2], utf8.RuneCountInString(m[1]), true
}

// contAt returns the continuation on line j at column col (give or take one)
// that no code has taken, or "".
func contAt(lines []string, j, col int, claimed map[int]bool) string {
	if j < 0 || j >= len(lines) || claimed[j] {
		return ""
	}
	text, c, ok := continuation(lines[j])
	if !ok || c < col-1 || c > col+1 {
		return ""
	}
	return text
}

// loose reports whether a continuation no code has taken lies within two lines
// of line i at column col: the name there may be cut from it.
func loose(lines []string, i, col int, claimed map[int]bool) bool {
	for j := i - 2; j <= i+2; j++ {
		if j != i && contAt(lines, j, col, claimed) != "" {
			return true
		}
	}
	return false
}
