// Package csvsafe keeps text written to CSV and spreadsheets from being read as a
// formula; the portal's downloads and the work area's audit export share it.
package csvsafe

import "strings"

// Neutral keeps a spreadsheet from reading a text field as a formula: a field that
// begins with = + - @ (or a tab or carriage return, which some spreadsheets skip
// before them) gets a leading apostrophe. Amounts are written by the program and
// are not passed through here, so negative amounts stay numbers.
func Neutral(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	// Some spreadsheets also take the full-width signs a Chinese input method types.
	for _, p := range []string{"＝", "＋", "－", "＠"} {
		if strings.HasPrefix(s, p) {
			return "'" + s
		}
	}
	return s
}
