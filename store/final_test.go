package store

import (
	"context"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/store/storetest"
)

// TestFinalRoundTrip imports a 部门决算 built from budget data and reads it back
// whole, its 预算 against 决算 included, beside the 部门预算 of the department.
func TestFinalRoundTrip(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := fix(t, "final")
		res := mustImport(t, s, f.importDoc())
		im := res.Documents[0]
		if im.Kind != FinalAccounts || im.Year != 2024 || im.Department != "上海市普陀区财政局" {
			t.Fatalf("imported %+v", im)
		}
		v, err := s.Version(ctx, im.VersionID)
		if err != nil {
			t.Fatal(err)
		}
		if v.Disclosure.Outturn == nil || !reflect.DeepEqual(v.Disclosure.Outturn, f.doc.Outturn) {
			t.Errorf("outturn read back as %+v, want %+v", v.Disclosure.Outturn, f.doc.Outturn)
		}
		docs, err := s.Documents(ctx, im.DepartmentID)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != 1 || docs[0].Kind != FinalAccounts {
			t.Errorf("documents %+v, want the 部门决算", docs)
		}
		// A second import is a new version of the same document.
		again := mustImport(t, s, f.importDoc()).Documents[0]
		if again.DocumentID != im.DocumentID || again.Number != 2 || again.Replaced != im.VersionID {
			t.Errorf("second import %+v, want version 2 of document %d", again, im.DocumentID)
		}
	})
}

// TestReadFinalRoundTrip stores the outturn of a 决算 read from published files,
// whose rows state no 年初预算 but for a few, and reads it back as it was: an
// absent budget stays absent, not 0, and a budget of 0 stays 0.
func TestReadFinalRoundTrip(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := fix(t, "final")
		doc := *f.doc
		zero, stated := money.Amount(0), money.Amount(156_005_000)
		doc.Outturn = &disclosure.Outturn{Read: true,
			Functional: []disclosure.OutturnRow{
				{Code: "201", Name: "一般公共服务支出", Final: 2_106_660_000},
				{Code: "2010601", Name: "行政运行", Budget: &stated, Final: 151_189_000},
				{Code: "2010608", Name: "财政委托业务支出", Final: 44_952_000},
			},
			Economic: []disclosure.OutturnRow{{Code: "30102", Name: "津贴补贴", Final: 123_858_000}},
			SanGong:  []disclosure.OutturnRow{{Code: "abroad", Name: "因公出国（境）费", Budget: &zero}},
		}
		in := f.importDoc()
		in.Disclosure = &doc
		im := mustImport(t, s, in).Documents[0]
		v, err := s.Version(ctx, im.VersionID)
		if err != nil {
			t.Fatal(err)
		}
		one, err := s.FinalOf(ctx, im.DepartmentID, 2024)
		if err != nil {
			t.Fatal(err)
		}
		for _, got := range []*disclosure.Outturn{v.Disclosure.Outturn, one.Outturn} {
			if !reflect.DeepEqual(got, doc.Outturn) {
				t.Errorf("outturn read back as %+v, want %+v", got, doc.Outturn)
			}
		}
	})
}

// TestMigration7 opens a database at migration 6 holding documents, checks that it
// refuses a 部门决算, migrates it and checks that every document kept its id and
// references, the index and the id counter survived, foreign keys still hold, and
// a 部门决算 now imports.
func TestMigration7(t *testing.T) {
	ctx := context.Background()
	test := func(t *testing.T, dsn string) {
		s, err := openAt(ctx, dsn, 6)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		mustImport(t, s, fix(t, "longgang").importDoc(), fix(t, "putuo").importDoc())
		mustImport(t, s, fix(t, "longgang").importDoc()) // a second version
		if _, err := s.Import(ctx, ImportSet{Documents: []ImportDoc{fix(t, "final").importDoc()}}); err == nil {
			t.Fatal("a database at migration 6 took a 部门决算")
		}
		// A document id left unused at the top: the counter must not hand it out again.
		if _, err := s.db.ExecContext(ctx, s.d.bind(`INSERT INTO documents (department_id, year, kind, subject)
			SELECT department_id, 1990, '部门预算', '' FROM documents ORDER BY id LIMIT 1`)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.ExecContext(ctx, `DELETE FROM documents WHERE year = 1990`); err != nil {
			t.Fatal(err)
		}
		docs := func() string {
			var out []string
			rows, err := s.db.QueryContext(ctx, `SELECT doc.id, doc.department_id, doc.year, doc.kind, doc.subject,
					(SELECT COUNT(*) FROM versions v WHERE v.document_id = doc.id),
					(SELECT COUNT(*) FROM search_docs x WHERE x.document_id = doc.id)
				FROM documents doc ORDER BY doc.id`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var id, dept, year, versions, indexed int64
				var kind, subject string
				if err := rows.Scan(&id, &dept, &year, &kind, &subject, &versions, &indexed); err != nil {
					t.Fatal(err)
				}
				out = append(out, strings.Join([]string{strconv.FormatInt(id, 10), strconv.FormatInt(dept, 10), strconv.FormatInt(year, 10), kind, subject, strconv.FormatInt(versions, 10), strconv.FormatInt(indexed, 10)}, " "))
			}
			return strings.Join(out, "\n")
		}
		before, counts := docs(), rowCounts(t, s)
		if err := s.migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if after := docs(); after != before {
			t.Errorf("documents after migration 7:\n%s\nwant\n%s", after, before)
		}
		all, err := migrations()
		if err != nil {
			t.Fatal(err)
		}
		counts["schema_migrations"] += len(all) - 6 // 7 and any added since
		sameCounts(t, counts, rowCounts(t, s))
		var indexes int
		q := `SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'documents_year'`
		if !s.d.fts5 {
			q = `SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'documents_year' AND schemaname = current_schema()`
		}
		if err := s.db.QueryRowContext(ctx, q).Scan(&indexes); err != nil || indexes != 1 {
			t.Errorf("index documents_year: %d (%v), want 1", indexes, err)
		}
		if _, err := s.db.ExecContext(ctx, s.d.bind(`INSERT INTO versions (document_id, number, title, subject, profile, imported_at, body, findings)
			VALUES (999999, 1, 'x', 'x', 'x', CURRENT_TIMESTAMP, '{}', '[]')`)); err == nil {
			t.Error("a version of no document was accepted after the migration")
		}
		if _, err := s.db.ExecContext(ctx, s.d.bind(`INSERT INTO documents (department_id, year, kind) VALUES (1, 2024, '决算')`)); err == nil {
			t.Error("the CHECK took kind 决算 after the migration")
		}
		var maxID int64
		if err := s.db.QueryRowContext(ctx, `SELECT MAX(id) FROM documents`).Scan(&maxID); err != nil {
			t.Fatal(err)
		}
		im := mustImport(t, s, fix(t, "final").importDoc()).Documents[0]
		if im.Kind != FinalAccounts || im.DocumentID <= maxID+1 {
			t.Errorf("the 部门决算 became document %d (%s); want a new id above the unused %d", im.DocumentID, im.Kind, maxID+1)
		}
	}
	t.Run("sqlite", func(t *testing.T) { test(t, t.TempDir()+"/yusuan.db") })
	t.Run("postgres", func(t *testing.T) { test(t, storetest.PostgresDSN(t)) })
}

// TestFinals lists a region's 部门决算 with their outturns, and finds one by
// department and year.
func TestFinals(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := fix(t, "final")
		im := mustImport(t, s, f.importDoc(), fix(t, "putuo").importDoc()).Documents[0]
		finals, err := s.Finals(ctx, "上海市普陀区", 2024)
		if err != nil {
			t.Fatal(err)
		}
		if len(finals) != 1 || finals[0].ID != im.DocumentID || !reflect.DeepEqual(finals[0].Outturn, f.doc.Outturn) {
			t.Fatalf("finals %+v, want the one 部门决算 with its outturn", finals)
		}
		one, err := s.FinalOf(ctx, im.DepartmentID, 2024)
		if err != nil || one.Current.ID != im.VersionID || one.Outturn == nil {
			t.Errorf("FinalOf = %+v, %v", one, err)
		}
		if _, err := s.FinalOf(ctx, im.DepartmentID, 2023); !errors.Is(err, ErrNotFound) {
			t.Errorf("FinalOf 2023: %v, want not found", err)
		}
		years, err := s.FinalYears(ctx, "上海市普陀区")
		if err != nil || !reflect.DeepEqual(years, []int{2024}) {
			t.Errorf("FinalYears = %v, %v; want [2024]", years, err)
		}
	})
}
