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
		depts, err := collect(ctx, tx, func(sc scanner) (Hit, error) {
			h := Hit{Kind: TermDepartment}
			err := sc.Scan(&h.Region, &h.DepartmentID, &h.Department)
			h.Text = h.Department
			return h, err
		}, `SELECT r.name, d.id, d.name FROM departments d JOIN regions r ON r.id = d.region_id
			WHERE d.name LIKE ? ESCAPE '\' ORDER BY r.name, d.name LIMIT ?`, pattern, lim)
		if err != nil || len(depts) >= lim {
			out = depts
			return err
		}
		terms, err := collect(ctx, tx, func(sc scanner) (Hit, error) {
			var h Hit
			var rank int
			err := sc.Scan(&h.Kind, &h.Text, &h.Region, &h.DepartmentID, &h.Department, &h.DocumentID, &h.Year, &rank)
			return h, err
		}, `SELECT DISTINCT s.kind, s.term, r.name, d.id, d.name, doc.id, doc.year,
				CASE s.kind WHEN 'unit' THEN 0 ELSE 1 END
			FROM search_terms s
			JOIN versions v ON v.id = s.version_id AND v.superseded_at IS NULL
			JOIN documents doc ON doc.id = v.document_id
			JOIN departments d ON d.id = doc.department_id
			JOIN regions r ON r.id = d.region_id
			WHERE s.term LIKE ? ESCAPE '\'
			ORDER BY CASE s.kind WHEN 'unit' THEN 0 ELSE 1 END, doc.year DESC, s.term, d.name, doc.id LIMIT ?`, pattern, lim-len(depts))
		out = append(depts, terms...)
		return err
	})
	return out, err
}
