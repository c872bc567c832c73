package store

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"yusuan/money"
)

func TestDepartmentList(t *testing.T) {
	if testing.Short() {
		t.Skip("long and sequential: -short (the race stage of .ci/run) leaves it to the full pass")
	}
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		lg := fix(t, "longgang")
		// Departments of different sizes: the Longgang document with every amount
		// scaled by i+1, so that the order by amount is known.
		var docs []ImportDoc
		for i := 0; i < 25; i++ {
			doc := renamed(t, lg.doc, fmt.Sprintf("测试%02d局", i))
			for _, tb := range doc.AllTables() {
				for r := range tb.Rows {
					for c := range tb.Rows[r].Cells {
						if a := tb.Rows[r].Cells[c].Amount; a != nil {
							*a *= money.Amount(i%5 + 1)
						}
					}
				}
			}
			d := lg.importDoc()
			d.Disclosure = doc
			docs = append(docs, d)
		}
		mustImport(t, s, docs...)
		mustImport(t, s, fix(t, "putuo").importDoc())

		all, err := s.DepartmentList(ctx, DepartmentFilter{Limit: MaxDeptLimit})
		if err != nil {
			t.Fatal(err)
		}
		if all.Total != 26 || len(all.Departments) != 26 || all.Next != "" {
			t.Fatalf("all: total %d, %d departments, next %q", all.Total, len(all.Departments), all.Next)
		}
		if d := all.Departments[0]; d.Region != "上海市普陀区" || !d.HasAmount || d.Year != 2025 || d.Documents != 1 {
			t.Errorf("first by region and name: %+v", d)
		}
		for _, d := range all.Departments[1:] {
			if d.Year != 2024 || !d.HasAmount || d.Total != d.Basic+d.Project {
				t.Errorf("%s: %+v", d.Name, d)
			}
		}

		walk := func(f DepartmentFilter) []DepartmentSummary {
			t.Helper()
			var out []DepartmentSummary
			seen := map[int64]bool{}
			for {
				page, err := s.DepartmentList(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				for _, d := range page.Departments {
					if seen[d.ID] {
						t.Fatalf("%+v: %s twice", f, d.Name)
					}
					seen[d.ID] = true
				}
				out = append(out, page.Departments...)
				if page.Next == "" {
					return out
				}
				f.Cursor = page.Next
			}
		}
		for _, sort := range []string{ByName, ByAmount, ByAmountAsc} {
			got := walk(DepartmentFilter{Sort: sort, Limit: 4, Region: "深圳市龙岗区"})
			if len(got) != 25 {
				t.Errorf("%s: %d departments, want 25", sort, len(got))
				continue
			}
			for i := 1; i < len(got); i++ {
				a, b := got[i-1], got[i]
				ok := a.Name < b.Name
				switch sort {
				case ByAmount:
					ok = a.Total > b.Total || a.Total == b.Total && a.ID < b.ID
				case ByAmountAsc:
					ok = a.Total < b.Total || a.Total == b.Total && a.ID < b.ID
				}
				if !ok {
					t.Errorf("%s: %s (%v) before %s (%v)", sort, a.Name, a.Total, b.Name, b.Total)
				}
			}
		}
		named := walk(DepartmentFilter{Name: "测试1", Limit: 3})
		if len(named) != 10 {
			t.Errorf("name 测试1: %d departments, want 10", len(named))
		}
		if got := walk(DepartmentFilter{Name: "%"}); len(got) != 0 {
			t.Errorf("name %%: %d departments, want none", len(got))
		}
		if got := walk(DepartmentFilter{Year: 2025}); len(got) != 1 || got[0].Region != "上海市普陀区" {
			t.Errorf("year 2025: %+v", got)
		}
		if got := walk(DepartmentFilter{Year: 2030}); len(got) != 0 {
			t.Errorf("year 2030: %+v", got)
		}

		page, err := s.DepartmentList(ctx, DepartmentFilter{Sort: ByAmount, Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []DepartmentFilter{
			{Sort: "size"},
			{Cursor: "%%%"},
			{Cursor: page.Next}, // another order's
		} {
			if _, err := s.DepartmentList(ctx, bad); !errors.Is(err, ErrInvalid) {
				t.Errorf("%+v: %v, want ErrInvalid", bad, err)
			}
		}
	})
}
