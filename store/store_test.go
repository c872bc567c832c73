package store

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"yusuan/store/storetest"

	"yusuan/budgetfile"
	"yusuan/build"
	"yusuan/check"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/reader"
)

// eachBackend runs test against a fresh SQLite store and, when configured, a fresh
// PostgreSQL one.
func eachBackend(t *testing.T, test func(t *testing.T, s *Store)) {
	t.Run("sqlite", func(t *testing.T) {
		test(t, openSQLite(t))
	})
	t.Run("postgres", func(t *testing.T) {
		test(t, openPostgres(t))
	})
}

func openSQLite(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), t.TempDir()+"/yusuan.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func openPostgres(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), storetest.PostgresDSN(t))
	if err != nil {
		t.Fatal(err)
	}
	// Registered after the schema's cleanup, so it runs before the schema is dropped.
	t.Cleanup(func() { s.Close() })
	return s
}

// fixture is a document to import, read once for all tests.
type fixture struct {
	region string
	code   string
	source string
	doc    *disclosure.Document
	res    check.Result
}

func (f fixture) importDoc() ImportDoc {
	return ImportDoc{Region: f.region, DepartmentCode: f.code, Source: f.source, Disclosure: f.doc, Check: f.res}
}

var fixtures = sync.OnceValues(func() (map[string]fixture, error) {
	out := map[string]fixture{}
	b, err := budgetfile.Load("../examples/longgang-2024")
	if err != nil {
		return nil, err
	}
	docs, err := build.Documents(b, "", classification.Default())
	if err != nil {
		return nil, err
	}
	out["longgang"] = fixture{b.Department.Region, b.Department.Code, "budget.yaml", docs[0], check.Run(docs[0], check.Options{})}
	if b, err = budgetfile.Load("../examples/putuo-caizhengju-2024-juesuan"); err != nil {
		return nil, err
	}
	if docs, err = build.Documents(b, "", classification.Default()); err != nil {
		return nil, err
	}
	out["final"] = fixture{"上海市普陀区", b.Department.Code, "budget.yaml", docs[0], check.Run(docs[0], check.Options{})}
	for name, f := range map[string]struct{ region, path string }{
		"seed":  {"深圳市龙岗区", "../profile/shenzhen/testdata/seed-longgang-2024.txt"},
		"putuo": {"上海市普陀区", "../reader/testdata/putuo-shangwuwei-2025-dept-budget.txt"},
	} {
		doc, err := reader.ReadFile(f.path)
		if err != nil {
			return nil, err
		}
		out[name] = fixture{f.region, "", f.path, doc, check.Run(doc, check.Options{})}
	}
	return out, nil
})

func fix(t testing.TB, name string) fixture {
	t.Helper()
	fs, err := fixtures()
	if err != nil {
		t.Fatal(err)
	}
	return fs[name]
}

func mustImport(t testing.TB, s *Store, docs ...ImportDoc) ImportResult {
	t.Helper()
	res, err := s.Import(context.Background(), ImportSet{Documents: docs})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// amountCells counts the cells holding an amount in every table of doc, the way a
// reader of the document would: independently of the store's layout code.
func amountCells(doc *disclosure.Document) int {
	n := 0
	count := func(t *disclosure.Table) {
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				if c.Amount != nil {
					n++
				}
			}
		}
	}
	for _, t := range doc.Tables {
		count(t)
	}
	for _, p := range doc.Parts {
		for _, b := range p.Blocks {
			if b.Table != nil {
				count(b.Table)
			}
		}
	}
	return n
}

// cloneDoc copies a document through JSON, so a test can change the copy.
func cloneDoc(t testing.TB, doc *disclosure.Document) *disclosure.Document {
	t.Helper()
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var c disclosure.Document
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

// rowCounts counts the rows of every table, to tell whether anything changed.
func rowCounts(t *testing.T, s *Store) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range []string{"regions", "departments", "documents", "versions", "files", "originals", "doc_tables", "cells", "search_terms", "schema_migrations"} {
		var n int
		if err := s.db.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	var current int64
	if err := s.db.QueryRow("SELECT COALESCE(SUM(id), 0) FROM versions WHERE superseded_at IS NULL").Scan(&current); err != nil {
		t.Fatal(err)
	}
	out["current versions (sum of ids)"] = int(current)
	return out
}

func sameCounts(t *testing.T, before, after map[string]int) {
	t.Helper()
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s: %d rows before the failed import, %d after", k, v, after[k])
		}
	}
}
