// Package disclosuretest helps tests compare disclosures: a table as printed, so that
// a table read back from a published file can be compared with the one derived.
package disclosuretest

import (
	"strings"

	"yusuan/disclosure"
)

// Printed is a table's body as printed: every grid position's displayed text, row by
// row, with the row's code; a position that a merged cell covers is empty. A row
// that prints nothing at all is left out, as no reader can see it.
func Printed(t *disclosure.Table) string {
	var b strings.Builder
	for r, row := range disclosure.Grid(t.BodyCells(), len(t.Columns)) {
		line := make([]string, len(t.Columns))
		for _, p := range row {
			if p.Col < len(line) {
				line[p.Col] = strings.Join(strings.Fields(p.Display(t.Unit)), "")
			}
		}
		if strings.Join(line, "") == "" && t.Rows[r].Code == "" {
			continue
		}
		b.WriteString(strings.Join(line, "|") + "|" + t.Rows[r].Code + "\n")
	}
	return b.String()
}
