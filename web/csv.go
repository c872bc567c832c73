package web

import (
	"bytes"
	"encoding/csv"
	"io"
	"net/http"
	"strconv"
	"yusuan/internal/csvsafe"

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

// neutral is csvsafe.Neutral, the one rule for text in exported sheets.
var neutral = csvsafe.Neutral

// sendCSV sends a CSV download named name: a byte order mark, so that Excel reads
// it as UTF-8, the header, and the rows rows writes.
func sendCSV(w http.ResponseWriter, name string, header []string, rows func(*csv.Writer)) error {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	cw := csv.NewWriter(&buf)
	cw.Write(header)
	rows(cw)
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	attach(w, name, "text/csv; charset=utf-8")
	_, err := w.Write(buf.Bytes())
	return err
}
