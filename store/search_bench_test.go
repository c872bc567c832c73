package store

import (
	"context"
	"testing"
)

// BenchmarkSearch runs the first page of searches over the 100 random
// departments of benchSet (about 100 units, 1,000 projects and 1,000 pieces of
// narrative) on both databases: a broad two-character query that the narrative
// of every document holds (预算), a name shared by every department (测试部门), a
// single character (局), and the fifth page of the broad query by its cursor.
func BenchmarkSearch(b *testing.B) {
	set, err := benchSet()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, backend := range []struct {
		name string
		open func(testing.TB) *Store
	}{{"sqlite", openSQLite}, {"postgres", openPostgres}} {
		b.Run(backend.name, func(b *testing.B) {
			s := backend.open(b)
			if _, err := s.Import(ctx, set); err != nil {
				b.Fatal(err)
			}
			deep := ""
			for range 4 {
				page, err := s.SearchPage(ctx, SearchQuery{Query: "预算", Cursor: deep})
				if err != nil || page.Next == "" {
					b.Fatalf("page: %v", err)
				}
				deep = page.Next
			}
			for _, c := range []struct{ name, query, cursor string }{
				{"预算", "预算", ""}, {"测试部门", "测试部门", ""}, {"局", "局", ""}, {"预算-page5", "预算", deep},
			} {
				b.Run(c.name, func(b *testing.B) {
					var total int
					for b.Loop() {
						page, err := s.SearchPage(ctx, SearchQuery{Query: c.query, Cursor: c.cursor, Count: c.cursor == ""})
						if err != nil {
							b.Fatal(err)
						}
						total = page.Total
					}
					b.ReportMetric(float64(total), "matches")
				})
			}
		})
	}
}
