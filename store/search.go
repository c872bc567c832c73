package store

import (
	"context"
	"strings"
	"unicode/utf8"
)

// Hit is one search result.
type Hit struct {
	Kind         string // TermDepartment, TermUnit or TermProject
	Text         string // the name found
	Region       string
	DepartmentID int64
	Department   string
	// DocumentID and Year say where a unit or project was found; 0 for a department.
	DocumentID int64
	Year       int
}

// Search finds departments, units and projects whose name contains query, in
// current versions: departments first, then units, then projects, newest year
// first. limit is at most MaxSearchLimit; a query is at most MaxSearchRunes.
func (s *Store) Search(ctx context.Context, query string, lim int) ([]Hit, error) {
	query = clean(strings.TrimSpace(query))
	if query == "" {
		return nil, nil
	}
	if utf8.RuneCountInString(query) > MaxSearchRunes {
		return nil, invalid("search: query longer than %d characters", MaxSearchRunes)
	}
	lim = limit(lim, 20, MaxSearchLimit)
	pattern := "%" + likeEscape(query) + "%"
	var out []Hit
	err := s.view(ctx, "search", func(tx *tx) error {
		rows, err := tx.query(ctx, `SELECT r.name, d.id, d.name FROM departments d JOIN regions r ON r.id = d.region_id
			WHERE d.name LIKE ? ESCAPE '\' ORDER BY r.name, d.name LIMIT ?`, pattern, lim)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			h := Hit{Kind: TermDepartment}
			if err := rows.Scan(&h.Region, &h.DepartmentID, &h.Department); err != nil {
				return err
			}
			h.Text = h.Department
			out = append(out, h)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if len(out) >= lim {
			return nil
		}
		rows, err = tx.query(ctx, `SELECT DISTINCT s.kind, s.term, r.name, d.id, d.name, doc.id, doc.year,
				CASE s.kind WHEN 'unit' THEN 0 ELSE 1 END
			FROM search_terms s
			JOIN versions v ON v.id = s.version_id AND v.superseded_at IS NULL
			JOIN documents doc ON doc.id = v.document_id
			JOIN departments d ON d.id = doc.department_id
			JOIN regions r ON r.id = d.region_id
			WHERE s.term LIKE ? ESCAPE '\'
			ORDER BY CASE s.kind WHEN 'unit' THEN 0 ELSE 1 END, doc.year DESC, s.term, d.name, doc.id LIMIT ?`, pattern, lim-len(out))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h Hit
			var rank int
			if err := rows.Scan(&h.Kind, &h.Text, &h.Region, &h.DepartmentID, &h.Department, &h.DocumentID, &h.Year, &rank); err != nil {
				return err
			}
			out = append(out, h)
		}
		return rows.Err()
	})
	return out, err
}
