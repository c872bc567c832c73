package reader

// Helpers of the workbook reader that still lays workbooks onto the profiles'
// table shells.

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"yusuan/disclosure"
	"yusuan/profile/shanghai"
)

var (
	partRe       = regexp.MustCompile(`^第([一二三四五六七八九十]+)部分\s*(.*)$`)
	amountTextRe = regexp.MustCompile(`^-?[0-9][0-9,]*(?:\.[0-9]+)?$`)
	codeTextRe   = regexp.MustCompile(`^[0-9]{3}(?:[0-9]{2}){0,2}$`)
	yearRe       = regexp.MustCompile(`(20\d\d)\s*年`)
	spacesRe     = regexp.MustCompile(`\s+`)
)

// fold makes printed labels comparable: no spaces, one form of brackets and quotes.
func fold(s string) string {
	return foldReplacer.Replace(strings.Join(strings.Fields(s), ""))
}

var foldReplacer = strings.NewReplacer("(", "（", ")", "）", ":", "：", "\"", "“", "”", "“", "\u3000", "")

// leafLabels returns, for each column of t, the text of the lowest header cell
// above it.
func leafLabels(t *disclosure.Table) []string {
	labels := make([]string, len(t.Columns))
	for _, row := range disclosure.Grid(t.Header, len(t.Columns)) {
		for _, p := range row {
			cs, _ := p.Span()
			if cs == 1 && p.Col < len(labels) {
				labels[p.Col] = fold(p.Text)
			}
		}
	}
	return labels
}

// headerYearRe is a year in a header's text: the 三公 table's header names the
// document's year, which the template leaves out.
var headerYearRe = regexp.MustCompile(`(?:19|20)\d\d年度?`)

// headerText is a header cell's text as headers are compared: folded, without a year.
func headerText(s string) string {
	return headerYearRe.ReplaceAllString(fold(s), "")
}

// headerTexts is the set of the texts of t's header cells, as headerText gives them.
func headerTexts(t *disclosure.Table) map[string]bool {
	words := map[string]bool{}
	for _, row := range t.Header {
		for _, c := range row {
			if w := headerText(c.Text); w != "" {
				words[w] = true
			}
		}
	}
	return words
}

// describeLayouts says what headers the layouts have, for a person: each one's
// columns and rows and the labels over its columns.
func describeLayouts(layouts []*disclosure.Table) string {
	var want []string
	for _, l := range layouts {
		w := fmt.Sprintf("%d 列 %d 行的表头“%s”", len(l.Columns), len(l.Header), strings.Join(leafLabels(l), " "))
		if !slices.Contains(want, w) {
			want = append(want, w)
		}
	}
	return strings.Join(want, " 或 ")
}

// docKind recognises the document type from its title.
func docKind(name, title string) (string, error) {
	t := spacesRe.ReplaceAllString(title, "")
	switch {
	case strings.Contains(t, "决算"):
		kind := "部门决算"
		if strings.Contains(t, "单位决算") {
			kind = "单位决算"
		}
		return "", &UnsupportedError{File: name, Kind: kind}
	case strings.Contains(t, "单位预算"):
		return "单位预算", nil
	case strings.Contains(t, "部门预算") || strings.Contains(t, "区级部门预算"):
		return "部门预算", nil
	}
	return "", fmt.Errorf("文件 %s 的标题“%s”不像部门预算或单位预算公开文件（标题中应有“部门预算”或“单位预算”）", name, title)
}

// shanghaiLayouts returns the layouts that each of shells, the profile's tables for a
// document, may be printed in, its own first. A document of one kind may keep to the other kind's
// template: a table may carry either template's header, and 表1 either template's
// columns.
func shanghaiLayouts(year int, dept bool, shells []*disclosure.Table) map[*disclosure.Table][]*disclosure.Table {
	out := map[*disclosure.Table][]*disclosure.Table{}
	for i, other := range shanghai.Shells(year, !dept) {
		out[shells[i]] = []*disclosure.Table{shells[i], other}
	}
	four, seven := shanghai.SummaryShells(year, dept)
	if len(shells[0].Columns) == len(four.Columns) {
		out[shells[0]] = []*disclosure.Table{four, seven}
	} else {
		out[shells[0]] = []*disclosure.Table{seven, four}
	}
	return out
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

// matchShell finds the profile's table for a printed title: the same title, a known
// variant, the longest title the printed one ends with, or else the printed number.
func matchShell(shells []*disclosure.Table, title string, number int) *disclosure.Table {
	t := spacesRe.ReplaceAllString(title, "")
	t = strings.NewReplacer("(", "（", ")", "）", "\"", "“").Replace(t)
	for _, s := range shells {
		if s.Number > 0 && t == s.Title {
			return s
		}
	}
	aliases := map[string]int{"政府预算拨款收支总表": 6, "整体支出绩效目标表": 12}
	for alias, n := range aliases {
		if strings.HasSuffix(t, alias) {
			number = n
		}
	}
	var best *disclosure.Table
	for _, s := range shells {
		if s.Number > 0 && strings.HasSuffix(t, s.Title) && (best == nil || len(s.Title) > len(best.Title)) {
			best = s
		}
	}
	for _, s := range shells {
		if s.Number == number && number > 0 && (best == nil || aliases[t] > 0 || strings.HasSuffix(t, "整体支出绩效目标表")) {
			return s
		}
	}
	return best
}

func chineseToInt(s string) int { return chineseNumber(s) }
