package reader

import (
	"regexp"
	"strings"

	"yusuan/disclosure"
)

// Codes are printed as one number (2010301), as 类, 款 and 项 in columns of their
// own (201 | 03 | 01, the leading zero sometimes dropped), or inside the name cell
// ([2010301]行政运行, 2040601-行政运行). A row carries its code whole.

var (
	codeOnlyRe   = regexp.MustCompile(`^[0-9]{3}(?:[0-9]{2}){0,2}$`)
	codeGapRe    = regexp.MustCompile(`^([0-9]{3})(?:\s+([0-9]{1,2}))?(?:\s+([0-9]{1,2}))?$`)
	codeInNameRe = regexp.MustCompile(`^(?:\[([0-9]{3,7})\]|【([0-9]{3,7})】|([0-9]{3}(?:[0-9]{2}){0,2})\s*[-—－]\s*|([0-9]{3}(?:[0-9]{2}){0,2})\s+)`)
)

// codeColumns returns the columns that print codes: one whole code, or its levels.
// A table of two halves side by side, each with codes of its own (a 决算's
// 基本支出决算表: 人员经费 | 公用经费), has none: a row is two items, one of each
// half, and no one code is the row's; its halves may end on different rows, so
// a code read from one half would head the other half's rows below it.
func (r *tableReader) codeColumns() []int {
	keys := make([]string, len(r.cols))
	for j, c := range r.cols {
		keys[j] = c.key
	}
	return codeKeys(keys)
}

// codeKeys returns which of a table's column keys are its code columns: none
// where a code column is printed twice (a table of two halves).
func codeKeys(keys []string) []int {
	var out []int
	seen := map[string]bool{}
	for j, k := range keys {
		if !isCodeKey(k) {
			continue
		}
		key, _, again := strings.Cut(k, "#")
		if again || seen[key] {
			return nil
		}
		seen[key] = true
		out = append(out, j)
	}
	return out
}

// isCodeKey reports whether a column key is a code's (or a level of one).
func isCodeKey(k string) bool {
	switch key, _, _ := strings.Cut(k, "#"); key {
	case "code", "code_class", "code_item", "code_sub":
		return true
	}
	return false
}

// rowCode reads a row's classification code from its code columns or from the
// start of its name, which then keeps the name alone.
func (r *tableReader) rowCode(row *disclosure.Row, codeCols []int) string {
	var parts []string
	for _, j := range codeCols {
		v := strings.TrimSpace(row.Cells[j].Text)
		if v == "" {
			continue
		}
		parts = append(parts, v)
	}
	if len(parts) > 0 {
		if code := joinCode(parts); code != "" {
			return code
		}
	}
	for j, c := range r.cols {
		if c.key != "name" && c.key != "income_item" && c.key != "spending_item" {
			continue
		}
		name := strings.TrimSpace(row.Cells[j].Text)
		m := codeInNameRe.FindStringSubmatch(name)
		if m == nil {
			continue
		}
		code := m[1] + m[2] + m[3] + m[4]
		if !codeOnlyRe.MatchString(code) {
			continue
		}
		rest := strings.TrimSpace(name[len(m[0]):])
		if rest == "" {
			continue
		}
		row.Cells[j].Text = rest
		return code
	}
	return ""
}

// joinCode makes one code of the printed pieces: 201, 20103 or 2010301 whole; or
// 类 款 项 apart, a 款 or 项 of one digit missing its leading zero.
func joinCode(parts []string) string {
	s := strings.Join(parts, " ")
	s = strings.Join(strings.Fields(s), " ")
	if codeOnlyRe.MatchString(strings.ReplaceAll(s, " ", "")) && (len(parts) == 1 || !strings.Contains(s, " ")) {
		return strings.ReplaceAll(s, " ", "")
	}
	m := codeGapRe.FindStringSubmatch(s)
	if m == nil {
		c := strings.ReplaceAll(s, " ", "")
		if codeOnlyRe.MatchString(c) {
			return c
		}
		return ""
	}
	code := m[1]
	for _, p := range m[2:] {
		if p == "" {
			break
		}
		if len(p) == 1 {
			p = "0" + p
		}
		code += p
	}
	return code
}
