package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"yusuan/disclosure"
)

// Final is a department's current 部门决算 with the 预算 against 决算 its
// disclosure carries.
type Final struct {
	Document
	// Outturn is nil when the disclosure carries none (a 决算 read from published
	// files that prints none of its figures). It is kept in the version's body as
	// JSON, an absent budget as null, so a body stored before budgets could be
	// absent reads as it was.
	Outturn *disclosure.Outturn
}

// finalSelect is documentSelect with the current version's body, from which only
// the outturn is decoded.
var finalSelect = documentSelect[:len("SELECT ")] + "v.body, " + documentSelect[len("SELECT "):]

func scanFinal(sc scanner) (Final, error) {
	var f Final
	var body string
	d := &f.Document
	v := &d.Current
	var superseded sql.NullTime
	err := sc.Scan(&body, &d.ID, &d.DepartmentID, &d.Department, &d.Region, &d.Year, &d.Kind, &d.Subject, &d.Versions,
		&v.ID, &v.Number, &v.Title, &v.Subject, &v.Profile, &v.Source, &v.ImportedAt, &superseded, &v.Errors, &v.Warnings, &v.Infos,
		&v.Published, &v.SourceURL)
	if err != nil {
		return f, err
	}
	v.DocumentID = d.ID
	v.SupersededAt = superseded.Time
	var doc struct {
		Outturn *disclosure.Outturn `json:"outturn"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		return f, fmt.Errorf("decode outturn of version %d: %w", v.ID, err)
	}
	f.Outturn = doc.Outturn
	return f, nil
}

// FinalOf returns a department's current 部门决算 of year, or an ErrNotFound error.
func (s *Store) FinalOf(ctx context.Context, deptID int64, year int) (*Final, error) {
	var f Final
	err := s.view(ctx, "final", func(tx *tx) (err error) {
		f, err = scanFinal(tx.queryRow(ctx, finalSelect+`WHERE doc.department_id = ? AND doc.year = ? AND doc.kind = ? AND doc.subject = ''`,
			deptID, year, FinalAccounts))
		if isNoRows(err) {
			return fmt.Errorf("%w: 部门决算 %d of department %d", ErrNotFound, year, deptID)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return &f, nil
}

// Finals returns the current 部门决算 of year of every department of region, by
// department name.
func (s *Store) Finals(ctx context.Context, region string, year int) ([]Final, error) {
	var out []Final
	err := s.view(ctx, "finals", func(tx *tx) (err error) {
		out, err = collect(ctx, tx, scanFinal, finalSelect+`WHERE r.name = ? AND doc.year = ? AND doc.kind = ? AND doc.subject = ''
			ORDER BY d.name LIMIT ?`, region, year, FinalAccounts, MaxListLength)
		return err
	})
	return out, err
}

// FinalYears returns the years in which departments of region have a 部门决算,
// newest first.
func (s *Store) FinalYears(ctx context.Context, region string) ([]int, error) {
	var out []int
	err := s.view(ctx, "final years", func(tx *tx) (err error) {
		out, err = collect(ctx, tx, scanOne[int], `SELECT DISTINCT doc.year FROM documents doc
			JOIN departments d ON d.id = doc.department_id
			JOIN regions r ON r.id = d.region_id
			WHERE r.name = ? AND doc.kind = ? ORDER BY doc.year DESC LIMIT ?`, region, FinalAccounts, MaxListLength)
		return err
	})
	return out, err
}
