package store

import (
	"context"
)

// Queries the portal needs beyond the import and check views.

// MaxCellsOffset bounds how far a page of cells may start: offset paging costs the
// database the rows it skips, so a deeper walk should use the bulk download.
const MaxCellsOffset = 1_000_000

// RegionYears returns the years in which a region's departments have documents,
// newest first.
func (s *Store) RegionYears(ctx context.Context, region string) ([]int, error) {
	var out []int
	err := s.view(ctx, "region years", func(tx *tx) (err error) {
		out, err = collect(ctx, tx, scanOne[int], `SELECT DISTINCT doc.year FROM documents doc
			JOIN departments d ON d.id = doc.department_id
			JOIN regions r ON r.id = d.region_id
			WHERE r.name = ? ORDER BY doc.year DESC LIMIT ?`, region, MaxListLength)
		return err
	})
	return out, err
}

// CellsPage returns at most limit cells of current versions selected by f,
// skipping offset of them, in the order of Cells: one page of an API listing.
func (s *Store) CellsPage(ctx context.Context, f CellFilter, offset, lim int) ([]Cell, error) {
	if offset < 0 || offset > MaxCellsOffset {
		return nil, invalid("cells: offset %d is outside 0…%d", offset, MaxCellsOffset)
	}
	lim = limit(lim, 100, 1000)
	where, args := f.where()
	args = append(args, lim, offset)
	var out []Cell
	err := s.view(ctx, "cells page", func(tx *tx) (err error) {
		out, err = collect(ctx, tx, scanCell, `SELECT `+cellFields+
			currentCells+where+`
			ORDER BY r.name, d.name, doc.year, doc.kind, doc.subject, t.seq, c.row_no, c.col_no LIMIT ? OFFSET ?`, args...)
		return err
	})
	return out, err
}
