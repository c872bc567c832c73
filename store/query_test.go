package store

import (
	"context"
	"errors"
	"math/rand"
	"strings"
	"testing"

	"yusuan/budget/budgettest"
	"yusuan/build"
	"yusuan/check"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/examples/examplestest"
	"yusuan/money"
)

// codeSums adds up, straight from the documents, the cells of one table kind and
// column by row code: what RegionTotals should say.
func codeSums(docs []*disclosure.Document, kind disclosure.TableKind, key string) map[string]money.Amount {
	out := map[string]money.Amount{}
	for _, doc := range docs {
		for _, t := range doc.Tables {
			if t.Kind != kind {
				continue
			}
			col := column(t, key)
			for _, r := range t.Rows {
				if r.Code == "" {
					continue
				}
				grid := disclosure.Grid([][]disclosure.Cell{r.Cells}, len(t.Columns))
				for _, p := range grid[0] {
					if p.Col == col && p.Amount != nil {
						out[r.Code] += *p.Amount
					}
				}
			}
		}
	}
	return out
}

// renamed is doc published by another department of the same region.
func renamed(t *testing.T, doc *disclosure.Document, name string) *disclosure.Document {
	c := cloneDoc(t, doc)
	c.Department, c.Subject, c.Title = name, name, "2024年"+name+"部门预算"
	return c
}

func TestRegionTotals(t *testing.T) {
	// Random budgets of one region and year, as several departments.
	var docs []*disclosure.Document
	var set []ImportDoc
	for seed := int64(100); len(docs) < 6; seed++ {
		b := budgettest.Random(rand.New(rand.NewSource(seed)), budgettest.Options{MaxUnits: 3})
		if b.Year != 2024 {
			continue
		}
		ds, err := build.Documents(b, "", classification.Default())
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, ds[0])
		set = append(set, ImportDoc{Region: "测试区", Disclosure: ds[0], Check: check.Run(ds[0], check.Options{})})
	}
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		lg := fix(t, "longgang")
		other := lg.importDoc()
		other.Disclosure = renamed(t, lg.doc, "深圳市龙岗区另一局")
		mustImport(t, s, append(set, lg.importDoc(), other, fix(t, "putuo").importDoc())...)

		totals, err := s.RegionTotals(ctx, "深圳市龙岗区", 2024, disclosure.GPFunctionalTable)
		if err != nil {
			t.Fatal(err)
		}
		one := codeSums([]*disclosure.Document{lg.doc}, disclosure.GPFunctionalTable, "total")
		found := 0
		for _, tot := range totals {
			if tot.Column != "total" {
				continue
			}
			found++
			if tot.Amount != 2*one[tot.Code] || tot.Departments != 2 {
				t.Errorf("%s %s: %s in %d departments, want %s in 2", tot.Code, tot.Name, tot.Amount, tot.Departments, 2*one[tot.Code])
			}
		}
		if found != len(one) {
			t.Errorf("%d codes, want %d", found, len(one))
		}
		if totals[0].Code != "201" || totals[0].Level() != 1 || totals[0].Header != "支出总计" || totals[0].Name != "一般公共服务支出" {
			t.Errorf("first total = %+v", totals[0])
		}

		for _, kind := range []disclosure.TableKind{disclosure.GPFunctionalTable, disclosure.SpendingTable, disclosure.GPEconomicTable} {
			for _, column := range []string{"total", "basic", "project"} {
				want := codeSums(docs, kind, column)
				if len(want) == 0 {
					t.Fatalf("the random documents have no %s codes", kind)
				}
				got, err := s.RegionTotals(ctx, "测试区", 2024, kind)
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, tot := range got {
					if tot.Column != column {
						continue
					}
					n++
					if tot.Amount != want[tot.Code] {
						t.Errorf("%s %s %s: %s, want %s", kind, column, tot.Code, tot.Amount, want[tot.Code])
					}
				}
				if n != len(want) {
					t.Errorf("%s %s: %d codes, want %d", kind, column, n, len(want))
				}
			}
		}
		if got, err := s.RegionTotals(ctx, "深圳市龙岗区", 2023, disclosure.GPFunctionalTable); err != nil || len(got) != 0 {
			t.Errorf("totals of a year without documents: %v, %v", got, err)
		}
	})
}

func TestSearch(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		mustImport(t, s, fix(t, "longgang").importDoc(), fix(t, "putuo").importDoc())
		hits, err := s.Search(ctx, "政务", 100)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string][]string{}
		for _, h := range hits {
			kinds[h.Kind] = append(kinds[h.Kind], h.Text)
		}
		if strings.Join(kinds[TermDepartment], ",") != "深圳市龙岗区政务服务数据管理局" {
			t.Errorf("departments found: %v", kinds[TermDepartment])
		}
		if strings.Join(kinds[TermUnit], ",") != "深圳市龙岗区政务服务数据管理局（本级）" {
			t.Errorf("units found: %v", kinds[TermUnit])
		}
		if !contains(kinds[TermProject], "政务管理") || !contains(kinds[TermProject], "城市建设-智慧城市建设-政务信息化") {
			t.Errorf("projects found: %v", kinds[TermProject])
		}
		if hits[0].Kind != TermDepartment {
			t.Errorf("first hit = %+v, want the department", hits[0])
		}

		hits, err = s.Search(ctx, "智慧龙岗", 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].Kind != TermProject || hits[0].Year != 2024 || hits[0].DocumentID == 0 ||
			!strings.Contains(hits[0].Text, "智慧龙岗") || hits[0].Department != "深圳市龙岗区政务服务数据管理局" {
			t.Errorf("智慧龙岗 = %+v", hits)
		}
		hits, err = s.Search(ctx, "普陀区商务", 10)
		if err != nil || len(hits) != 1 || hits[0].Region != "上海市普陀区" {
			t.Errorf("普陀区商务 = %+v, %v", hits, err)
		}
		for _, q := range []string{"%", "_", `\`, "'; DROP TABLE cells; --", "  "} {
			if hits, err := s.Search(ctx, q, 10); err != nil || len(hits) != 0 {
				t.Errorf("Search(%q) = %+v, %v; want nothing", q, hits, err)
			}
		}
		if hits, _ := s.Search(ctx, "局", 1); len(hits) != 1 {
			t.Errorf("limit 1 gave %d hits", len(hits))
		}
		if _, err := s.Search(ctx, strings.Repeat("政", MaxSearchRunes+1), 10); !errors.Is(err, ErrInvalid) {
			t.Errorf("long query: %v, want ErrInvalid", err)
		}
	})
}

func TestCellsFilter(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		mustImport(t, s, fix(t, "longgang").importDoc(), fix(t, "putuo").importDoc())
		var cells []Cell
		f := CellFilter{Region: "深圳市龙岗区", Year: 2024, Kind: DepartmentBudget, TableKind: disclosure.GPFunctionalTable, CodePrefix: "201"}
		if err := s.Cells(ctx, f, func(c Cell) error { cells = append(cells, c); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(cells) == 0 {
			t.Fatal("no cells")
		}
		for _, c := range cells {
			if !strings.HasPrefix(c.Code, "201") || c.TableNumber != 7 || c.Year != 2024 || c.Department != "深圳市龙岗区政务服务数据管理局" {
				t.Fatalf("cell outside the filter: %+v", c)
			}
		}
		if c := cells[0]; c.Code != "201" || c.Column != "total" || c.Header != "支出总计" || c.Name != "一般公共服务支出" || c.Amount.Format(money.UnitWan) != "6,471.74" {
			t.Errorf("first cell = %+v", c)
		}
		// A header over two rows names the column by both.
		var income []Cell
		s.Cells(ctx, CellFilter{TableKind: disclosure.IncomeTable, Region: "深圳市龙岗区"}, func(c Cell) error { income = append(income, c); return nil })
		if len(income) < 2 || income[1].Header != "政府预算资金/一般公共预算" || income[1].Name != "深圳市龙岗区政务服务数据管理局（本级）" {
			t.Errorf("income cells = %+v", income)
		}
		n := 0
		stop := errors.New("stop")
		err := s.Cells(ctx, CellFilter{Limit: 5}, func(Cell) error {
			if n++; n == 3 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || n != 3 {
			t.Errorf("stopping the walk: %v after %d cells", err, n)
		}
		n = 0
		s.Cells(ctx, CellFilter{Limit: 5}, func(Cell) error { n++; return nil })
		if n != 5 {
			t.Errorf("limit 5 gave %d cells", n)
		}
		n = 0
		s.Cells(ctx, CellFilter{CodePrefix: "%"}, func(Cell) error { n++; return nil })
		if n != 0 {
			t.Errorf("code prefix %% matched %d cells", n)
		}
	})
}

// TestCellsOfDocument selects one document's cells where the department, year and
// kind would not: a 部门预算 and its 单位预算 share the first two, and a reimport
// leaves a superseded version behind.
func TestCellsOfDocument(t *testing.T) {
	b := examplestest.Load(t, "putuo-shangwuwei-2025")
	docs, err := build.Documents(b, "", classification.Default())
	if err != nil {
		t.Fatal(err)
	}
	var set []ImportDoc
	for _, d := range docs[:2] {
		set = append(set, ImportDoc{Region: b.Department.Region, DepartmentCode: b.Department.Code, Disclosure: d, Check: check.Run(d, check.Options{})})
	}
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		lg := fix(t, "longgang")
		mustImport(t, s, lg.importDoc())
		mustImport(t, s, lg.importDoc())
		imported := mustImport(t, s, set...).Documents
		if len(imported) != 2 || imported[0].Kind != DepartmentBudget || imported[1].Kind != UnitBudget {
			t.Fatalf("imported %+v", imported)
		}
		for _, want := range imported {
			var got []Cell
			if err := s.Cells(ctx, CellFilter{DocumentID: want.DocumentID, Limit: MaxCells}, func(c Cell) error { got = append(got, c); return nil }); err != nil {
				t.Fatal(err)
			}
			if len(got) != want.Cells {
				t.Errorf("%s %s: %d cells, want %d", want.Kind, want.Subject, len(got), want.Cells)
			}
			for _, c := range got {
				if c.DocumentID != want.DocumentID || c.VersionID != want.VersionID || c.Kind != want.Kind {
					t.Fatalf("cell of another document: %+v", c)
				}
			}
		}
		// With the other conditions: the department's own 部门预算, one table kind.
		n := 0
		f := CellFilter{DocumentID: imported[0].DocumentID, Year: 2025, TableKind: disclosure.GPFunctionalTable}
		if err := s.Cells(ctx, f, func(c Cell) error {
			n++
			if c.TableKind != disclosure.GPFunctionalTable {
				t.Fatalf("cell of another table: %+v", c)
			}
			return nil
		}); err != nil || n == 0 {
			t.Errorf("document and table kind: %d cells, %v", n, err)
		}
		page, err := s.CellsPage(ctx, CellFilter{DocumentID: imported[1].DocumentID}, 0, 1000)
		if err != nil || len(page) != min(imported[1].Cells, 1000) {
			t.Errorf("page of a document: %d cells, %v", len(page), err)
		}
		// The reimported document: its current version only.
		lgDoc := mustImport(t, s, lg.importDoc()).Documents[0]
		n = 0
		s.Cells(ctx, CellFilter{DocumentID: lgDoc.DocumentID, Limit: MaxCells}, func(c Cell) error {
			if c.VersionID != lgDoc.VersionID {
				t.Fatalf("cell of a superseded version: %+v", c)
			}
			n++
			return nil
		})
		if n != amountCells(lg.doc) {
			t.Errorf("reimported document: %d cells, want %d", n, amountCells(lg.doc))
		}
		n = 0
		s.Cells(ctx, CellFilter{DocumentID: 999_999}, func(Cell) error { n++; return nil })
		if n != 0 {
			t.Errorf("a missing document has %d cells", n)
		}
	})
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
