package web

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"yusuan/money"
	"yusuan/store"
)

// cellHeader names the columns of every cells CSV, bulk or per document.
var cellHeader = []string{"region", "department", "year", "kind", "subject", "table", "table_title", "code", "name", "column", "header", "amount"}

// cellWriter writes cells as CSV rows, amounts in 元 with two decimals.
type cellWriter struct{ w *csv.Writer }

func newCellWriter(w io.Writer) (*cellWriter, error) {
	cw := &cellWriter{csv.NewWriter(w)}
	// A byte order mark makes Excel read the file as UTF-8.
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return nil, err
	}
	return cw, cw.w.Write(cellHeader)
}

func (cw *cellWriter) write(c store.Cell) error {
	return cw.w.Write([]string{
		neutral(c.Region), neutral(c.Department), strconv.Itoa(c.Year), neutral(c.Kind), neutral(c.Subject),
		string(c.TableKind), neutral(c.TableTitle), neutral(c.Code), neutral(c.Name), neutral(c.Column), neutral(c.Header),
		c.Amount.Plain(money.UnitYuan),
	})
}

func (cw *cellWriter) flush() error {
	cw.w.Flush()
	return cw.w.Error()
}

// neutral keeps a spreadsheet from reading a text field as a formula: a field that
// begins with = + - @ (or a tab or carriage return, which some spreadsheets skip
// before them) gets a leading apostrophe. Amounts are written by the program and
// are not passed through here, so negative amounts stay numbers.
func neutral(s string) string {
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
