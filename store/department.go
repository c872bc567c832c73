package store

import (
	"context"
)

// Region is an administrative area whose departments publish budgets.
type Region struct {
	ID          int64
	Name        string
	Departments int
	// Synthetic says every department of the region is generated example data.
	Synthetic bool
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
	// Documents counts its documents (current versions), and Published those
	// whose current version was read from published files.
	Documents, Published int
}

// publicDepartment holds for a department the portal shows: one with a document.
// The work area adds regions and departments before anything of theirs is
// published; until then the portal knows nothing of them.
const publicDepartment = `EXISTS (SELECT 1 FROM documents pd WHERE pd.department_id = d.id)`

// Regions returns every region that has a department with documents, by name.
func (s *Store) Regions(ctx context.Context) ([]Region, error) {
	var out []Region
	err := s.view(ctx, "regions", func(tx *tx) (err error) {
		out, err = collect(ctx, tx, func(sc scanner) (Region, error) {
			var r Region
			err := sc.Scan(&r.ID, &r.Name, &r.Departments, &r.Synthetic)
			return r, err
		}, `SELECT r.id, r.name, COUNT(d.id),
				COUNT(d.id) > 0 AND COUNT(d.id) = SUM(CASE WHEN d.synthetic THEN 1 ELSE 0 END)
			FROM regions r
			JOIN departments d ON d.region_id = r.id AND `+publicDepartment+`
			GROUP BY r.id, r.name ORDER BY r.name LIMIT ?`, MaxListLength)
		return err
	})
	return out, err
}

// departmentColumns selects every department; departmentSelect those with
// documents, followed by further conditions.
const departmentColumns = `SELECT d.id, d.region_id, r.name, d.name, d.code, d.synthetic,
		(SELECT COUNT(*) FROM documents doc WHERE doc.department_id = d.id),
		(SELECT COUNT(*) FROM documents doc JOIN versions v ON v.document_id = doc.id AND v.superseded_at IS NULL
			WHERE doc.department_id = d.id AND v.published)
	FROM departments d JOIN regions r ON r.id = d.region_id `

const departmentSelect = departmentColumns + `WHERE ` + publicDepartment + ` AND `

func scanDepartment(sc scanner) (Department, error) {
	var d Department
	err := sc.Scan(&d.ID, &d.RegionID, &d.Region, &d.Name, &d.Code, &d.Synthetic, &d.Documents, &d.Published)
	return d, err
}

// Departments returns the departments with documents of a region by name; every region's when
// region is empty.
func (s *Store) Departments(ctx context.Context, region string) ([]Department, error) {
	var out []Department
	err := s.view(ctx, "departments", func(tx *tx) (err error) {
		out, err = collect(ctx, tx, scanDepartment, departmentSelect+`(? = '' OR r.name = ?) ORDER BY r.name, d.name LIMIT ?`,
			region, region, MaxListLength)
		return err
	})
	return out, err
}

// Department returns one department with documents.
func (s *Store) Department(ctx context.Context, id int64) (*Department, error) {
	var d Department
	err := s.view(ctx, "department", func(tx *tx) error {
		var err error
		d, err = scanDepartment(tx.queryRow(ctx, departmentSelect+`d.id = ?`, id))
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
