package store

import (
	"context"

	"yusuan/disclosure"
	"yusuan/money"
)

// VersionCells returns the amount cells of one version, current or superseded, in
// the order of Cells: what an earlier version's CSV download holds. The cells of
// every imported version are kept; Cells and the region views read only the
// current ones.
func (s *Store) VersionCells(ctx context.Context, versionID int64) ([]Cell, error) {
	var out []Cell
	err := s.view(ctx, "version cells", func(tx *tx) (err error) {
		out, err = collect(ctx, tx, scanCell, `SELECT `+cellFields+`
			FROM cells c
			JOIN doc_tables t ON t.id = c.table_id
			JOIN versions v ON v.id = t.version_id
			JOIN documents doc ON doc.id = v.document_id
			JOIN departments d ON d.id = doc.department_id
			JOIN regions r ON r.id = d.region_id
			WHERE v.id = ?
			ORDER BY t.seq, c.row_no, c.col_no LIMIT ?`, versionID, MaxCellsPerDoc)
		return err
	})
	return out, err
}

// cellFields are the columns scanCell reads, over the joins of currentCells.
const cellFields = `r.name, d.id, d.name, doc.id, v.id, doc.year, doc.kind, doc.subject,
	t.number, t.kind, t.title, c.row_no, c.row_code, c.row_name, c.col_no, c.col_key, c.col_header, c.amount`

func scanCell(sc scanner) (Cell, error) {
	var c Cell
	var kind string
	var amount int64
	err := sc.Scan(&c.Region, &c.DepartmentID, &c.Department, &c.DocumentID, &c.VersionID, &c.Year, &c.Kind, &c.Subject,
		&c.TableNumber, &kind, &c.TableTitle, &c.Row, &c.Code, &c.Name, &c.Col, &c.Column, &c.Header, &amount)
	c.TableKind, c.Amount = disclosure.TableKind(kind), money.Amount(amount)
	return c, err
}
