package web

import (
	"context"
	"strings"

	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/store"
)

// side is one compared table: a department's table of one kind in one year, its
// rows sorted into the total the document prints, the subjects (codes, items) and
// the units a department's table lists one block each.
type side struct {
	// Total is the table's total by column key: its 合计 row, else the department's
	// own row heading the units; nil when the table prints neither.
	Total map[string]money.Amount
	// Summed says Total was added up from the 类 rows because the table prints no
	// total row.
	Summed   bool
	Subjects []sideCell // one per row and column, in table order
	Units    []sideCell // the units' own rows
	Headers  map[string]string
	// Cells says the table has any amount at all.
	Cells bool
}

// sideCell is one amount of a side under its row (code, or label without one) and
// column key.
type sideCell struct {
	Code, Name, Column string
	Amount             money.Amount
}

// readSide sorts the cells of one department's table (in table order) into a side.
// units are the names of the department's units (see unitNames); dept is its name.
// A code's amount is the sum of its rows in every unit's block, which is the
// department's; a row without a code is summed over the blocks only when the table
// has blocks, since a 收支总表 prints a fund's name once per spending class.
func readSide(dept string, cells []store.Cell, units map[string]bool) side {
	s := side{Headers: map[string]string{}, Cells: len(cells) > 0}
	type key struct{ code, name, column string }
	subjects := map[key]int{}
	unitSeen := map[key]int{}
	totalRow, deptRow := -1, -1
	var totalFrom, deptFrom map[string]money.Amount
	blocks := false
	for _, c := range cells {
		if c.Code == "" && units[c.Name] {
			blocks = true
			break
		}
	}
	for _, c := range cells {
		if _, ok := s.Headers[c.Column]; !ok {
			s.Headers[c.Column] = c.Header
		}
		switch {
		case c.Code == "" && isGrandTotal(c.Name) && (totalRow < 0 || totalRow == c.Row):
			totalRow = c.Row
			if totalFrom == nil {
				totalFrom = map[string]money.Amount{}
			}
			totalFrom[c.Column] = c.Amount
			continue
		case c.Code == "" && isGrandTotal(c.Name):
			continue // a later total row: the other side's 总计
		case c.Code == "" && sameName(c.Name, dept) && (deptRow < 0 || deptRow == c.Row):
			deptRow = c.Row
			if deptFrom == nil {
				deptFrom = map[string]money.Amount{}
			}
			deptFrom[c.Column] = c.Amount
			continue
		case c.Code == "" && units[c.Name]:
			k := key{"", c.Name, c.Column}
			if i, ok := unitSeen[k]; ok {
				s.Units[i].Amount += c.Amount
				continue
			}
			unitSeen[k] = len(s.Units)
			s.Units = append(s.Units, sideCell{Name: c.Name, Column: c.Column, Amount: c.Amount})
			continue
		}
		k := key{c.Code, "", c.Column}
		if c.Code == "" {
			k.name = c.Name
		}
		if i, ok := subjects[k]; ok {
			if c.Code != "" || blocks {
				s.Subjects[i].Amount += c.Amount
			}
			continue
		}
		subjects[k] = len(s.Subjects)
		s.Subjects = append(s.Subjects, sideCell{Code: c.Code, Name: c.Name, Column: c.Column, Amount: c.Amount})
	}
	switch {
	case totalFrom != nil:
		s.Total = totalFrom
	case deptFrom != nil:
		s.Total = deptFrom
	case soleUnit(s.Units) && len(cells) > 0 && cells[0].Code == "" && cells[0].Name == s.Units[0].Name:
		// A department of one unit prints that unit's row at the top: it is the
		// department's total, and no unit needs listing apart.
		s.Total = map[string]money.Amount{}
		for _, c := range s.Units {
			s.Total[c.Column] = c.Amount
		}
		s.Units = nil
	default:
		for _, c := range s.Subjects {
			if len(c.Code) == 3 {
				if s.Total == nil {
					s.Total = map[string]money.Amount{}
				}
				s.Total[c.Column] += c.Amount
				s.Summed = true
			}
		}
	}
	return s
}

// soleUnit reports whether units are the rows of a single unit.
func soleUnit(units []sideCell) bool {
	for _, c := range units {
		if c.Name != units[0].Name {
			return false
		}
	}
	return len(units) > 0
}

// isGrandTotal reports whether a row label is a whole table's total, 合计 or 总计:
// a two-sided 收支总表's 本年收入合计 totals one side only and stays a row.
func isGrandTotal(s string) bool {
	s = strings.Join(strings.Fields(s), "")
	return s == "合计" || s == "总计"
}

// sameName compares a row's label with a department's name, spaces aside.
func sameName(label, dept string) bool {
	return dept != "" && strings.Join(strings.Fields(label), "") == strings.Join(strings.Fields(dept), "")
}

// unitNames are the units a department's tables list: the labels of the rows
// without a code in a table whose other rows have codes (a unit's row heads its
// block of codes), and any label that is the department's name followed by more
// (“（本级）”). Totals and the department's own row are not units.
func unitNames(dept string, tables ...[]store.Cell) map[string]bool {
	out := map[string]bool{}
	for _, cells := range tables {
		coded := map[tableID]bool{}
		for _, c := range cells {
			if c.Code != "" {
				coded[tableOf(c)] = true
			}
		}
		for _, c := range cells {
			if c.Code != "" || disclosure.IsTotalLabel(c.Name) || sameName(c.Name, dept) || !hasHan(c.Name) {
				continue
			}
			if coded[tableOf(c)] || dept != "" && strings.HasPrefix(c.Name, dept) {
				out[c.Name] = true
			}
		}
	}
	return out
}

type tableID struct {
	doc    int64
	number int
	kind   disclosure.TableKind
}

func tableOf(c store.Cell) tableID { return tableID{c.DocumentID, c.TableNumber, c.TableKind} }

// readSides reads each department's 部门预算 table of kind for its year, with
// the department's units taken from that table and its functional table.
func (s *Server) readSides(ctx context.Context, depts []store.Department, years []int, kind disclosure.TableKind) ([]side, error) {
	out := make([]side, len(depts))
	for i, d := range depts {
		cells, err := s.tableCells(ctx, d.ID, years[i], kind)
		if err != nil {
			return nil, err
		}
		tables := [][]store.Cell{cells}
		if kind != disclosure.GPFunctionalTable && len(cells) > 0 {
			fn, err := s.tableCells(ctx, d.ID, years[i], disclosure.GPFunctionalTable)
			if err != nil {
				return nil, err
			}
			tables = append(tables, fn)
		}
		out[i] = readSide(d.Name, cells, unitNames(d.Name, tables...))
	}
	return out, nil
}

// tableCells are the cells of a department's 部门预算 table of kind in year.
func (s *Server) tableCells(ctx context.Context, deptID int64, year int, kind disclosure.TableKind) ([]store.Cell, error) {
	var cells []store.Cell
	err := s.store.Cells(ctx, store.CellFilter{DepartmentID: deptID, Year: year, Kind: store.DepartmentBudget, TableKind: kind, Limit: store.MaxCellsPerDoc},
		func(c store.Cell) error {
			cells = append(cells, c)
			return nil
		})
	return cells, err
}
