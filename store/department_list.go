package store

import (
	"context"
	"encoding/json"
	"strings"

	"yusuan/money"
)

// Orders of a department list.
const (
	ByName       = "name"    // by region, then name
	ByAmount     = "-amount" // largest 一般公共预算支出 first, departments without one last
	ByAmountAsc  = "amount"  // smallest first, departments without one last
	MaxDeptLimit = 1000      // departments on one page of a list
)

// DepartmentFilter selects and orders one page of departments.
type DepartmentFilter struct {
	Region string
	// Name keeps departments whose name contains it.
	Name string
	// Year keeps departments with a document that year and gives their amounts of
	// that year; 0 keeps all, with the amounts of each one's latest 部门预算.
	Year int
	// Sort is ByName (when empty), ByAmount or ByAmountAsc.
	Sort string
	// Cursor is the previous page's Next; empty for the first page.
	Cursor string
	// Limit is the page's length: 100 when 0, at most MaxDeptLimit.
	Limit int
}

// DepartmentSummary is a department in a list, with the spending its 部门预算 of
// Year prints on the 一般公共预算支出表（按功能分类）'s total row. A list leaves
// Department.Published 0: counting it reads every version whole.
type DepartmentSummary struct {
	Department
	Year                  int // 0 when the department has no 部门预算
	HasAmount             bool
	Total, Basic, Project money.Amount
}

// DepartmentPage is one page of a department list.
type DepartmentPage struct {
	Departments []DepartmentSummary
	// Next is the cursor of the next page, empty on the last.
	Next string
	// Total counts the departments the filter selects, on every page.
	Total int
}

// deptCursor is the last department of a page in the page's order.
type deptCursor struct {
	Sort string            `json:"s"`
	Keys []json.RawMessage `json:"k"`
}

// deptOrders are the sort keys of each order, as SQL over the list l, and the
// Go types of their values.
var deptOrders = map[string]struct {
	keys  []string
	types []func() any
}{
	ByName: {[]string{"l.region", "l.name", "l.id"},
		[]func() any{func() any { return new(string) }, func() any { return new(string) }, func() any { return new(int64) }}},
	ByAmount: {[]string{"-COALESCE(l.total, -1)", "l.id"},
		[]func() any{func() any { return new(int64) }, func() any { return new(int64) }}},
	ByAmountAsc: {[]string{"CASE WHEN l.total IS NULL THEN 1 ELSE 0 END", "COALESCE(l.total, 0)", "l.id"},
		[]func() any{func() any { return new(int64) }, func() any { return new(int64) }, func() any { return new(int64) }}},
}

// DepartmentList returns one page of the departments f selects, with their
// amounts, in f's order. Pages follow one another by the cursor of the last
// department, so a page costs the same however deep it is.
func (s *Store) DepartmentList(ctx context.Context, f DepartmentFilter) (DepartmentPage, error) {
	if f.Sort == "" {
		f.Sort = ByName
	}
	order, ok := deptOrders[f.Sort]
	if !ok {
		return DepartmentPage{}, invalid("departments: sort %q", f.Sort)
	}
	lim := limit(f.Limit, 100, MaxDeptLimit)
	var after []any
	if f.Cursor != "" {
		c, err := decodeCursor[deptCursor](f.Cursor)
		if err != nil {
			return DepartmentPage{}, err
		}
		if c.Sort != f.Sort || len(c.Keys) != len(order.keys) {
			return DepartmentPage{}, invalid("departments: cursor of another order")
		}
		for i, raw := range c.Keys {
			v := order.types[i]()
			if err := json.Unmarshal(raw, v); err != nil {
				return DepartmentPage{}, invalid("departments: cursor %q: %v", f.Cursor, err)
			}
			after = append(after, v)
		}
	}

	where, whereArgs := []string{publicDepartment}, []any{}
	if f.Region != "" {
		where, whereArgs = append(where, "r.name = ?"), append(whereArgs, clean(f.Region))
	}
	if name := clean(strings.TrimSpace(f.Name)); name != "" {
		where, whereArgs = append(where, `d.name LIKE ? ESCAPE '\'`), append(whereArgs, "%"+likeEscape(name)+"%")
	}
	// Each department's latest 部门预算 year, or the year asked for.
	yearOf := `(SELECT MAX(x.year) FROM documents x WHERE x.department_id = d.id AND x.kind = '部门预算')`
	var yearArgs []any
	if f.Year != 0 {
		where, whereArgs = append(where, "EXISTS (SELECT 1 FROM documents x WHERE x.department_id = d.id AND x.year = ?)"), append(whereArgs, f.Year)
		yearOf, yearArgs = "?", []any{f.Year}
	}
	filter := strings.Join(where, " AND ")
	keys := strings.Join(order.keys, ", ")
	args := append(append(append([]any{}, yearArgs...), yearArgs...), whereArgs...)
	keyset := ""
	if after != nil {
		keyset = "WHERE (" + keys + ") > (" + strings.TrimSuffix(strings.Repeat("?, ", len(after)), ", ") + ")"
		args = append(args, after...)
	}
	args = append(args, lim+1)
	// The 部门预算 of the year is found by documents' unique key, and its totals
	// by their document, so the list costs a few lookups a department.
	list := `SELECT d.id, d.region_id, r.name AS region, d.name, d.code, d.synthetic,
			COALESCE(doc.year, ` + yearOf + `, 0) AS year, t.total, t.basic, t.project
		FROM departments d JOIN regions r ON r.id = d.region_id
		LEFT JOIN documents doc ON doc.department_id = d.id AND doc.year = ` + yearOf + ` AND doc.kind = '部门预算' AND doc.subject = ''
		LEFT JOIN doc_totals t ON t.document_id = doc.id
		WHERE ` + filter
	q := `SELECT l.id, l.region_id, l.region, l.name, l.code, l.synthetic, l.year, l.total, l.basic, l.project,
			(SELECT COUNT(*) FROM documents doc WHERE doc.department_id = l.id),
			` + keys + `
		FROM (SELECT l.* FROM (` + list + `) l ` + keyset + ` ORDER BY ` + keys + ` LIMIT ?) l
		ORDER BY ` + keys

	var page DepartmentPage
	var lastKeys []any
	err := s.view(ctx, "department list", func(tx *tx) error {
		page, lastKeys = DepartmentPage{}, nil
		rows, err := tx.query(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d DepartmentSummary
			var total, basic, project *int64
			keyVals := make([]any, len(order.types))
			for i, t := range order.types {
				keyVals[i] = t()
			}
			dest := append([]any{&d.ID, &d.RegionID, &d.Region, &d.Name, &d.Code, &d.Synthetic, &d.Year, &total, &basic, &project,
				&d.Documents}, keyVals...)
			if err := rows.Scan(dest...); err != nil {
				return err
			}
			if total != nil {
				d.HasAmount, d.Total = true, money.Amount(*total)
			}
			if basic != nil {
				d.Basic = money.Amount(*basic)
			}
			if project != nil {
				d.Project = money.Amount(*project)
			}
			page.Departments = append(page.Departments, d)
			if len(page.Departments) == lim {
				lastKeys = keyVals
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return tx.queryRow(ctx, `SELECT COUNT(*) FROM departments d JOIN regions r ON r.id = d.region_id WHERE `+filter,
			whereArgs...).Scan(&page.Total)
	})
	if err != nil {
		return DepartmentPage{}, err
	}
	if len(page.Departments) > lim {
		page.Departments = page.Departments[:lim]
		c := deptCursor{Sort: f.Sort}
		for _, v := range lastKeys {
			raw, _ := json.Marshal(v)
			c.Keys = append(c.Keys, raw)
		}
		page.Next = encodeCursor(c)
	}
	return page, nil
}
