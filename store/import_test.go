package store

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand"
	"strings"
	"testing"
	"yusuan/store/storetest"

	"yusuan/budget/budgettest"
	"yusuan/build"
	"yusuan/check"
	"yusuan/classification"
)

func TestMigrationsIdempotent(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	check := func(t *testing.T, dsn string) {
		ctx := context.Background()
		for range 3 {
			s, err := Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.migrate(ctx); err != nil {
				t.Fatal(err)
			}
			var n int
			if err := s.db.QueryRow("SELECT COUNT(*) FROM schema_migrations").Scan(&n); err != nil {
				t.Fatal(err)
			}
			s.Close()
			if n != len(ms) {
				t.Fatalf("schema_migrations has %d rows, want %d", n, len(ms))
			}
		}
	}
	t.Run("sqlite", func(t *testing.T) { check(t, t.TempDir()+"/y.db") })
	t.Run("postgres", func(t *testing.T) { check(t, storetest.PostgresDSN(t)) })
}

func TestImportExamples(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		lg, seed, putuo := fix(t, "longgang"), fix(t, "seed"), fix(t, "putuo")
		res := mustImport(t, s, lg.importDoc(), seed.importDoc(), putuo.importDoc())
		if len(res.Documents) != 3 {
			t.Fatalf("%d documents imported, want 3", len(res.Documents))
		}
		// The seed is the published form of the example: the same document, a later version.
		first, second, third := res.Documents[0], res.Documents[1], res.Documents[2]
		if second.DocumentID != first.DocumentID || second.Number != 2 || second.Replaced != first.VersionID {
			t.Errorf("seed import = %+v, want version 2 of document %d replacing version %d", second, first.DocumentID, first.VersionID)
		}
		if third.Department != "上海市普陀区商务委员会" || third.Year != 2025 || third.Replaced != 0 {
			t.Errorf("putuo import = %+v", third)
		}
		for i, f := range []fixture{lg, seed, putuo} {
			if got, want := res.Documents[i].Cells, amountCells(f.doc); got != want {
				t.Errorf("document %d: %d cells stored, want %d", i+1, got, want)
			}
			if got, want := res.Documents[i].Errors, f.res.Count(check.Error); got != want {
				t.Errorf("document %d: %d errors, want %d", i+1, got, want)
			}
		}

		regions, err := s.Regions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(regions) != 2 || regions[0].Name != "上海市普陀区" || regions[1].Name != "深圳市龙岗区" {
			t.Errorf("regions = %+v", regions)
		}
		depts, err := s.Departments(ctx, "深圳市龙岗区")
		if err != nil {
			t.Fatal(err)
		}
		if len(depts) != 1 || depts[0].Name != "深圳市龙岗区政务服务数据管理局" || depts[0].Code != "355" || depts[0].Documents != 1 {
			t.Fatalf("departments = %+v", depts)
		}
		dept, err := s.Department(ctx, depts[0].ID)
		if err != nil || dept.Name != depts[0].Name {
			t.Fatalf("Department = %+v, %v", dept, err)
		}
		docs, err := s.Documents(ctx, dept.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != 1 || docs[0].Versions != 2 || docs[0].Current.ID != second.VersionID || docs[0].Year != 2024 {
			t.Fatalf("documents = %+v", docs)
		}
		dd, err := s.Document(ctx, docs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(dd.History) != 2 || !dd.History[0].Current() || dd.History[1].Current() || dd.History[1].SupersededAt.IsZero() {
			t.Errorf("history = %+v", dd.History)
		}
		if dd.Version.Disclosure.Title != seed.doc.Title || len(dd.Version.Findings) != len(seed.res.Findings) {
			t.Errorf("current version: %q with %d findings", dd.Version.Disclosure.Title, len(dd.Version.Findings))
		}
		old, err := s.Version(ctx, first.VersionID)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(lg.doc)
		got, _ := json.Marshal(old.Disclosure)
		if string(got) != string(want) {
			t.Error("the first version's document does not round-trip")
		}
		if old.Source != "budget.yaml" || old.Profile != "shenzhen" || old.ImportedAt.IsZero() {
			t.Errorf("first version = %+v", old.VersionInfo)
		}
		if _, err := s.Version(ctx, 1<<40); !errors.Is(err, ErrNotFound) {
			t.Errorf("Version of a missing id: %v, want ErrNotFound", err)
		}

		// Only current versions' cells are listed: the seed's and Putuo's.
		n := 0
		if err := s.Cells(ctx, CellFilter{}, func(Cell) error { n++; return nil }); err != nil {
			t.Fatal(err)
		}
		if want := amountCells(seed.doc) + amountCells(putuo.doc); n != want {
			t.Errorf("Cells listed %d, want %d", n, want)
		}
		years, err := s.Years(ctx)
		if err != nil || len(years) != 2 || years[0] != 2025 || years[1] != 2024 {
			t.Errorf("Years = %v, %v", years, err)
		}
	})
}

func TestReimportKeepsHistory(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		lg := fix(t, "longgang")
		withFile := lg.importDoc()
		withFile.Files = []File{{Format: "html", Name: "a.html", Data: []byte("<p>第一版</p>")}}
		first := mustImport(t, s, withFile).Documents[0]
		withFile.Files = []File{{Format: "html", Name: "a.html", Data: []byte("<p>第二版</p>")}, {Format: "pdf", Name: "a.pdf", Data: []byte("%PDF")}}
		second := mustImport(t, s, withFile).Documents[0]
		if second.DocumentID != first.DocumentID || second.Number != 2 || second.Replaced != first.VersionID {
			t.Fatalf("second import = %+v, first = %+v", second, first)
		}
		dd, err := s.Document(ctx, first.DocumentID)
		if err != nil {
			t.Fatal(err)
		}
		if dd.Current.ID != second.VersionID || len(dd.History) != 2 || dd.History[1].ID != first.VersionID {
			t.Fatalf("document = %+v", dd)
		}
		if strings.Join(dd.Current.Formats, ",") != "html,pdf" || strings.Join(dd.History[1].Formats, ",") != "html" {
			t.Errorf("formats: current %v, first %v", dd.Current.Formats, dd.History[1].Formats)
		}
		for v, want := range map[int64]string{first.VersionID: "<p>第一版</p>", second.VersionID: "<p>第二版</p>"} {
			f, err := s.File(ctx, v, "html")
			if err != nil || string(f.Data) != want || f.ContentType() != "text/html; charset=utf-8" {
				t.Errorf("File(%d, html) = %+v, %v", v, f, err)
			}
		}
		if _, err := s.File(ctx, first.VersionID, "pdf"); !errors.Is(err, ErrNotFound) {
			t.Errorf("the first version has no pdf, got %v", err)
		}
		n := 0
		if err := s.Cells(ctx, CellFilter{}, func(c Cell) error {
			n++
			if c.VersionID != second.VersionID {
				t.Fatalf("cell of a superseded version: %+v", c)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if n != amountCells(lg.doc) {
			t.Errorf("%d current cells, want %d", n, amountCells(lg.doc))
		}
	})
}

func TestFailedImportLeavesNothing(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		lg, putuo := fix(t, "longgang"), fix(t, "putuo")
		mustImport(t, s, lg.importDoc())
		before := rowCounts(t, s)

		// A failure after the first document was written, inside the transaction.
		boom := errors.New("boom")
		s.afterDocument = func(i int) error {
			if i == 1 {
				return boom
			}
			return nil
		}
		_, err := s.Import(ctx, ImportSet{Documents: []ImportDoc{putuo.importDoc(), lg.importDoc(), putuo.importDoc()}})
		if !errors.Is(err, boom) || !strings.HasPrefix(err.Error(), "store: import: ") {
			t.Fatalf("import error = %v", err)
		}
		s.afterDocument = nil
		sameCounts(t, before, rowCounts(t, s))

		// A document the store refuses, after one it accepts.
		bad := putuo.importDoc()
		bad.Disclosure = cloneDoc(t, putuo.doc)
		bad.Disclosure.Kind = "单位决算"
		if _, err := s.Import(ctx, ImportSet{Documents: []ImportDoc{putuo.importDoc(), bad}}); !errors.Is(err, ErrInvalid) {
			t.Fatalf("import of a 单位决算: %v, want ErrInvalid", err)
		}
		// A file of a format the store does not keep.
		badFile := putuo.importDoc()
		badFile.Files = []File{{Format: "exe", Name: "x.exe"}}
		if _, err := s.Import(ctx, ImportSet{Documents: []ImportDoc{lg.importDoc(), badFile}}); !errors.Is(err, ErrInvalid) {
			t.Fatalf("import of an exe: %v, want ErrInvalid", err)
		}
		sameCounts(t, before, rowCounts(t, s))
		if _, err := s.Import(ctx, ImportSet{}); !errors.Is(err, ErrInvalid) {
			t.Errorf("empty import: %v", err)
		}
	})
}

func TestImportBounds(t *testing.T) {
	s := openSQLite(t)
	lg := fix(t, "longgang")
	big := lg.importDoc()
	big.Disclosure = cloneDoc(t, lg.doc)
	big.Disclosure.Notes = []string{strings.Repeat("很长", MaxDocumentJSON/6+1)}
	if _, err := s.Import(context.Background(), ImportSet{Documents: []ImportDoc{big}}); !errors.Is(err, ErrInvalid) {
		t.Errorf("import of a %d MB document: %v, want ErrInvalid", MaxDocumentJSON>>20, err)
	}
	noRegion := lg.importDoc()
	noRegion.Region = " "
	if _, err := s.Import(context.Background(), ImportSet{Documents: []ImportDoc{noRegion}}); !errors.Is(err, ErrInvalid) {
		t.Errorf("import without a region: %v, want ErrInvalid", err)
	}
}

// TestClassifiedNeverStored imports random budgets with classified units and
// projects, with their rendered HTML, and searches every text column of every
// table for the names the generator gives classified things.
func TestClassifiedNeverStored(t *testing.T) {
	if testing.Short() {
		t.Skip("long and sequential: -short (the race stage of .ci/run) leaves it to the full pass")
	}
	var set []ImportDoc
	var secrets []string
	for seed := int64(1); seed <= 12; seed++ {
		b := budgettest.Random(rand.New(rand.NewSource(seed)), budgettest.Options{Classified: true})
		for _, p := range b.Projects {
			if p.Classified || strings.HasPrefix(p.Name, budgettest.ClassifiedProjectMarker) {
				secrets = append(secrets, p.Name, p.Purpose, p.Target)
			}
		}
		for _, u := range b.Units {
			if u.Classified {
				secrets = append(secrets, u.Name)
			}
		}
		docs, err := build.Documents(b, "", classification.Default())
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for _, doc := range docs {
			files, err := build.Render(doc, build.Formats[:1]) // html: the one text format
			if err != nil {
				t.Fatal(err)
			}
			set = append(set, ImportDoc{Region: b.Department.Region, DepartmentCode: b.Department.Code, Source: "random",
				Disclosure: doc, Check: check.Run(doc, check.Options{}),
				Files: []File{{Format: "html", Name: files[0].Name, Data: files[0].Data}}})
		}
	}
	if len(secrets) == 0 {
		t.Fatal("the generator made nothing classified")
	}
	markers := []string{budgettest.ClassifiedProjectMarker, budgettest.ClassifiedPurposeMarker,
		budgettest.ClassifiedTargetMarker, budgettest.ClassifiedUnitMarker}
	eachBackend(t, func(t *testing.T, s *Store) {
		mustImport(t, s, set...)
		scanned := 0
		for _, table := range tableNames(t, s) {
			rows, err := s.db.Query("SELECT * FROM " + table)
			if err != nil {
				t.Fatal(err)
			}
			cols, _ := rows.Columns()
			for rows.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					t.Fatal(err)
				}
				for i, v := range vals {
					var text string
					switch v := v.(type) {
					case string:
						text = v
					case []byte:
						text = string(v)
					default:
						continue
					}
					scanned++
					for _, m := range append(markers, secrets...) {
						if m != "" && strings.Contains(text, m) {
							t.Errorf("%s.%s holds classified %q", table, cols[i], m)
						}
					}
				}
			}
			rows.Close()
		}
		if scanned < 1000 {
			t.Errorf("only %d values scanned", scanned)
		}
	})
}

func tableNames(t *testing.T, s *Store) []string {
	t.Helper()
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	if s.Dialect() == "postgres" {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`
	}
	rows, err := s.db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	if len(out) < 9 {
		t.Fatalf("tables = %v", out)
	}
	return out
}

// TestConcurrentImports imports one document from several goroutines at once:
// versions must be numbered without gaps or duplicates, with one current.
func TestConcurrentImports(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		lg := fix(t, "longgang")
		const workers, each = 4, 3
		errs := make(chan error, workers*each)
		for range workers {
			go func() {
				for range each {
					_, err := s.Import(ctx, ImportSet{Documents: []ImportDoc{lg.importDoc()}})
					errs <- err
				}
			}()
		}
		for range workers * each {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		depts, err := s.Departments(ctx, "")
		if err != nil || len(depts) != 1 {
			t.Fatalf("departments = %+v, %v", depts, err)
		}
		docs, err := s.Documents(ctx, depts[0].ID)
		if err != nil || len(docs) != 1 {
			t.Fatalf("documents = %+v, %v", docs, err)
		}
		dd, err := s.Document(ctx, docs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		current := 0
		for i, v := range dd.History {
			if v.Number != workers*each-i {
				t.Errorf("history[%d] is version %d", i, v.Number)
			}
			if v.Current() {
				current++
			}
		}
		if len(dd.History) != workers*each || current != 1 {
			t.Errorf("%d versions, %d current; want %d and 1", len(dd.History), current, workers*each)
		}
	})
}

// TestHostileText imports names with NUL bytes and invalid UTF-8, as text read from
// a damaged PDF can have; PostgreSQL refuses both in text columns.
func TestHostileText(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		lg := fix(t, "longgang")
		d := lg.importDoc()
		d.Disclosure = cloneDoc(t, lg.doc)
		d.Disclosure.Title += "\x00\xff"
		d.Disclosure.Tables[2].Rows[1].Cells[2].Text = "一般\x00公共服务\xfe支出"
		d.Region = "深圳市\x00龙岗区"
		res := mustImport(t, s, d)
		v, err := s.Version(ctx, res.Documents[0].VersionID)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(v.Title, lg.doc.Title) || strings.ContainsRune(v.Title, 0) {
			t.Errorf("title = %q", v.Title)
		}
		hits, err := s.Search(ctx, "龙岗区政务", 10)
		if err != nil || len(hits) == 0 || hits[0].Region != "深圳市龙岗区" {
			t.Errorf("search = %+v, %v", hits, err)
		}
	})
}
