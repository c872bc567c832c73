package store

import (
	"context"
	"strings"

	"yusuan/disclosure"
	"yusuan/money"
)

// Cell is one amount of a current version's table, with everything needed to read
// it alone: a row of a bulk CSV download.
type Cell struct {
	Region       string
	DepartmentID int64
	Department   string
	DocumentID   int64
	VersionID    int64
	Year         int
	Kind         string // 部门预算 or 单位预算
	Subject      string // the unit of a 单位预算
	TableNumber  int    // 0 for a table in the narrative
	TableKind    disclosure.TableKind
	TableTitle   string
	Row          int // 1-based within the table's body
	Code         string
	Name         string // the row's label for this cell
	Col          int    // 1-based grid column
	Column       string // the column's key, e.g. total
	Header       string // the column's header, e.g. 支出总计
	Amount       money.Amount
}

// CellFilter selects cells of current versions; zero fields select everything.
type CellFilter struct {
	Region       string
	DepartmentID int64
	// DocumentID selects one document's cells: a 部门预算 apart from the 单位预算 of
	// the same department and year.
	DocumentID  int64
	Year        int
	Kind        string // 部门预算 or 单位预算
	TableKind   disclosure.TableKind
	TableNumber int
	CodePrefix  string // 201 selects 201, 20103, 2010301, …
	// Limit bounds the cells returned: DefaultCellLimit when 0, at most MaxCells.
	Limit int
}

// currentCells joins a cell to its current version and the document around it.
const currentCells = ` FROM cells c
	JOIN doc_tables t ON t.id = c.table_id
	JOIN versions v ON v.id = t.version_id AND v.superseded_at IS NULL
	JOIN documents doc ON doc.id = v.document_id
	JOIN departments d ON d.id = doc.department_id
	JOIN regions r ON r.id = d.region_id `

// where turns the filter into SQL conditions and their arguments.
func (f CellFilter) where() (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, arg any) {
		conds = append(conds, cond)
		args = append(args, arg)
	}
	if f.Region != "" {
		add("r.name = ?", f.Region)
	}
	if f.DepartmentID != 0 {
		add("doc.department_id = ?", f.DepartmentID)
	}
	if f.DocumentID != 0 {
		add("doc.id = ?", f.DocumentID)
	}
	if f.Year != 0 {
		add("doc.year = ?", f.Year)
	}
	if f.Kind != "" {
		add("doc.kind = ?", f.Kind)
	}
	if f.TableKind != "" {
		add("t.kind = ?", string(f.TableKind))
	}
	if f.TableNumber != 0 {
		add("t.number = ?", f.TableNumber)
	}
	if f.CodePrefix != "" {
		add(`c.row_code LIKE ? ESCAPE '\'`, likeEscape(f.CodePrefix)+"%")
	}
	if len(conds) == 0 {
		return "", nil
	}
	return "WHERE " + strings.Join(conds, " AND "), args
}

// Cells calls fn for each selected cell, by department, year, document and place in
// its table, while the query runs; fn must not call the store. An error from fn
// stops the walk and is returned.
func (s *Store) Cells(ctx context.Context, f CellFilter, fn func(Cell) error) error {
	where, args := f.where()
	args = append(args, limit(f.Limit, DefaultCellLimit, MaxCells))
	return s.view(ctx, "cells", func(tx *tx) error {
		rows, err := tx.query(ctx, `SELECT r.name, d.id, d.name, doc.id, v.id, doc.year, doc.kind, doc.subject,
				t.number, t.kind, t.title, c.row_no, c.row_code, c.row_name, c.col_no, c.col_key, c.col_header, c.amount`+
			currentCells+where+`
			ORDER BY r.name, d.name, doc.year, doc.kind, doc.subject, t.seq, c.row_no, c.col_no LIMIT ?`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c Cell
			var kind string
			var amount int64
			if err := rows.Scan(&c.Region, &c.DepartmentID, &c.Department, &c.DocumentID, &c.VersionID, &c.Year, &c.Kind, &c.Subject,
				&c.TableNumber, &kind, &c.TableTitle, &c.Row, &c.Code, &c.Name, &c.Col, &c.Column, &c.Header, &amount); err != nil {
				return err
			}
			c.TableKind, c.Amount = disclosure.TableKind(kind), money.Amount(amount)
			if err := fn(c); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

// CodeTotal is the sum of one code's cells in one column across departments.
type CodeTotal struct {
	Code        string // 201, 20103 or 2010301
	Name        string
	Column      string // the column's key, e.g. total
	Header      string
	Amount      money.Amount
	Departments int // how many departments have the code
}

// Level is 1 for a 类 (3 digits), 2 for a 款 (5) and 3 for a 项 (7).
func (t CodeTotal) Level() int { return (len(t.Code) - 1) / 2 }

// RegionTotals sums the cells of one table kind (gp_functional, say) by code and
// column over the current 部门预算 of every department of region in year, for a
// drill-down 类 → 款 → 项. 单位预算 are left out: their department's document
// already counts them. Results are ordered by code, then column.
func (s *Store) RegionTotals(ctx context.Context, region string, year int, tableKind disclosure.TableKind) ([]CodeTotal, error) {
	var out []CodeTotal
	err := s.view(ctx, "region totals", func(tx *tx) (err error) {
		out, err = collect(ctx, tx, func(sc scanner) (CodeTotal, error) {
			var t CodeTotal
			var amount int64
			err := sc.Scan(&t.Code, &t.Name, &t.Column, &t.Header, &amount, &t.Departments)
			t.Amount = money.Amount(amount)
			return t, err
		}, `SELECT c.row_code, MIN(c.row_name), c.col_key, MIN(c.col_header),
				CAST(SUM(c.amount) AS BIGINT), COUNT(DISTINCT doc.department_id)`+currentCells+`
			WHERE r.name = ? AND doc.year = ? AND doc.kind = ? AND t.kind = ? AND c.row_code <> ''
			GROUP BY c.row_code, c.col_key
			ORDER BY c.row_code, MIN(c.col_no) LIMIT ?`, region, year, DepartmentBudget, string(tableKind), maxComparisonRows)
		return err
	})
	return out, err
}

// likeEscape quotes the LIKE wildcards of s, to be used with ESCAPE '\'.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
