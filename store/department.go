package store

import (
	"context"
)

// Region is an administrative area whose departments publish budgets.
type Region struct {
	ID          int64
	Name        string
	Departments int
}

// Department is a 主管部门 of a region.
type Department struct {
	ID       int64
	RegionID int64
	Region   string
	Name     string
	Code     string
	// Synthetic marks generated or reconstructed example data.
	Synthetic bool
	// Documents counts its documents (current versions).
	Documents int
}

// Regions returns every region, by name.
func (s *Store) Regions(ctx context.Context) ([]Region, error) {
	var out []Region
	err := s.view(ctx, "regions", func(tx *tx) error {
		rows, err := tx.query(ctx, `SELECT r.id, r.name, COUNT(d.id) FROM regions r
			LEFT JOIN departments d ON d.region_id = r.id
			GROUP BY r.id, r.name ORDER BY r.name LIMIT ?`, MaxListLength)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r Region
			if err := rows.Scan(&r.ID, &r.Name, &r.Departments); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

const departmentSelect = `SELECT d.id, d.region_id, r.name, d.name, d.code, d.synthetic,
		(SELECT COUNT(*) FROM documents doc WHERE doc.department_id = d.id)
	FROM departments d JOIN regions r ON r.id = d.region_id `

func scanDepartment(sc interface{ Scan(...any) error }) (Department, error) {
	var d Department
	err := sc.Scan(&d.ID, &d.RegionID, &d.Region, &d.Name, &d.Code, &d.Synthetic, &d.Documents)
	return d, err
}

// Departments returns the departments of a region by name; every region's when
// region is empty.
func (s *Store) Departments(ctx context.Context, region string) ([]Department, error) {
	var out []Department
	err := s.view(ctx, "departments", func(tx *tx) error {
		rows, err := tx.query(ctx, departmentSelect+`WHERE ? = '' OR r.name = ? ORDER BY r.name, d.name LIMIT ?`,
			region, region, MaxListLength)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			d, err := scanDepartment(rows)
			if err != nil {
				return err
			}
			out = append(out, d)
		}
		return rows.Err()
	})
	return out, err
}

// Department returns one department.
func (s *Store) Department(ctx context.Context, id int64) (*Department, error) {
	var d Department
	err := s.view(ctx, "department", func(tx *tx) error {
		var err error
		d, err = scanDepartment(tx.queryRow(ctx, departmentSelect+`WHERE d.id = ?`, id))
		if isNoRows(err) {
			return notFound("department", id)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return &d, nil
}
