package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"yusuan/store/storetest"

	"yusuan/budget/budgettest"
	"yusuan/budgetfile"
	"yusuan/build"
	"yusuan/check"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/store"
)

// scriptName is a department name that must come out escaped everywhere.
const scriptName = `深圳市龙岗区<script>alert("x")</script>测试局`

// portal is a server over a store filled with the examples, what a test asks about.
type portal struct {
	st  *store.Store
	dsn string
	srv *httptest.Server
	// Document ids by fixture name: longgang (2024), longgang2023, putuoDept,
	// putuoUnit, putuoFinal (a 部门决算), script, secret.
	docs map[string]int64
	// Department ids by the same names.
	depts map[string]int64
	// secrets are the names of the classified items of the secret budget.
	secrets []string
}

// eachBackend runs test against a fresh portal over SQLite and, when configured,
// over PostgreSQL.
func eachBackend(t *testing.T, test func(t *testing.T, p *portal)) {
	t.Run("sqlite", func(t *testing.T) {
		test(t, newPortal(t, filepath.Join(t.TempDir(), "yusuan.db")))
	})
	t.Run("postgres", func(t *testing.T) {
		test(t, newPortal(t, storetest.PostgresDSN(t)))
	})
}

type fixtureDoc struct {
	name string
	imp  store.ImportDoc
}

// fixtures are the documents every portal holds, built once: the two examples the
// way yusuan import builds them (derived, checked, rendered), a 2023 version of the
// Longgang example for year comparisons, a document whose department name carries
// markup, and a random budget with classified units and projects.
var fixtures = sync.OnceValues(func() ([]fixtureDoc, error) {
	cat := classification.Default()
	var out []fixtureDoc
	add := func(name, region, code string, doc *disclosure.Document, render bool) error {
		imp := store.ImportDoc{Region: region, DepartmentCode: code, Source: name, Disclosure: doc, Check: check.Run(doc, check.Options{Codes: cat})}
		if render {
			files, err := build.Render(doc, build.Formats)
			if err != nil {
				return err
			}
			for _, f := range files {
				if ext := strings.TrimPrefix(filepath.Ext(f.Name), "."); ext != "json" {
					imp.Files = append(imp.Files, store.File{Format: ext, Name: f.Name, Data: f.Data})
				}
			}
		}
		out = append(out, fixtureDoc{name, imp})
		return nil
	}
	lg, err := budgetfile.Load("../examples/longgang-2024")
	if err != nil {
		return nil, err
	}
	lgDocs, err := build.Documents(lg, "", cat)
	if err != nil {
		return nil, err
	}
	if err := add("longgang", lg.Department.Region, lg.Department.Code, lgDocs[0], true); err != nil {
		return nil, err
	}
	if err := add("longgang2023", lg.Department.Region, lg.Department.Code, lastYear(lgDocs[0]), false); err != nil {
		return nil, err
	}
	script := clone(lgDocs[0])
	script.Department, script.Subject, script.Title = scriptName, scriptName, "2024年"+scriptName+"部门预算"
	if err := add("script", lg.Department.Region, "", script, false); err != nil {
		return nil, err
	}
	pt, err := budgetfile.Load("../examples/putuo-shangwuwei-2025")
	if err != nil {
		return nil, err
	}
	ptDocs, err := build.Documents(pt, "", cat)
	if err != nil {
		return nil, err
	}
	for i, doc := range ptDocs[:2] {
		if err := add([]string{"putuoDept", "putuoUnit"}[i], pt.Department.Region, pt.Department.Code, doc, true); err != nil {
			return nil, err
		}
	}
	fin, err := budgetfile.Load("../examples/putuo-caizhengju-2024-juesuan")
	if err != nil {
		return nil, err
	}
	finDocs, err := build.Documents(fin, "", cat)
	if err != nil {
		return nil, err
	}
	if err := add("putuoFinal", fin.Department.Region, fin.Department.Code, finDocs[0], false); err != nil {
		return nil, err
	}
	secret := budgettest.Random(rand.New(rand.NewSource(7)), budgettest.Options{Classified: true, MaxUnits: 4})
	secretDocs, err := build.Documents(secret, "", cat)
	if err != nil {
		return nil, err
	}
	if err := add("secret", "测试区", "", secretDocs[0], true); err != nil {
		return nil, err
	}
	return out, nil
})

// secretNames are the names of the classified items of the random budget.
var secretNames = sync.OnceValue(func() []string {
	b := budgettest.Random(rand.New(rand.NewSource(7)), budgettest.Options{Classified: true, MaxUnits: 4})
	var out []string
	for _, p := range b.Projects {
		if p.Classified {
			out = append(out, p.Name, p.Purpose, p.Target)
		}
	}
	for _, u := range b.Units {
		if u.Classified {
			out = append(out, u.Name)
		}
	}
	return out
})

func clone(doc *disclosure.Document) *disclosure.Document {
	data, err := json.Marshal(doc)
	if err != nil {
		panic(err)
	}
	var c disclosure.Document
	if err := json.Unmarshal(data, &c); err != nil {
		panic(err)
	}
	return &c
}

// lastYear is doc as if published a year earlier with nine tenths of every amount:
// enough for a comparison of two years to show changes.
func lastYear(doc *disclosure.Document) *disclosure.Document {
	c := clone(doc)
	c.Year--
	c.Title = strings.Replace(c.Title, fmt.Sprint(doc.Year), fmt.Sprint(c.Year), 1)
	scale := func(t *disclosure.Table) {
		for _, r := range t.Rows {
			for i := range r.Cells {
				if a := r.Cells[i].Amount; a != nil {
					v := *a * 9 / 10
					r.Cells[i].Amount = &v
				}
			}
		}
	}
	for _, t := range c.Tables {
		scale(t)
	}
	return c
}

func newPortal(t *testing.T, dsn string) *portal {
	t.Helper()
	fs, err := fixtures()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	set := store.ImportSet{Synthetic: true}
	for _, f := range fs {
		set.Documents = append(set.Documents, f.imp)
	}
	res, err := st.Import(ctx, set)
	if err != nil {
		t.Fatal(err)
	}
	p := &portal{st: st, dsn: dsn, docs: map[string]int64{}, depts: map[string]int64{}, secrets: secretNames()}
	for i, d := range res.Documents {
		p.docs[fs[i].name] = d.DocumentID
		dd, err := st.Document(ctx, d.DocumentID)
		if err != nil {
			t.Fatal(err)
		}
		p.depts[fs[i].name] = dd.DepartmentID
	}
	p.srv = httptest.NewServer(New(st, Options{}))
	t.Cleanup(p.srv.Close)
	return p
}

// get fetches path and returns the status, headers and body.
func (p *portal) get(t *testing.T, path string) (int, http.Header, string) {
	t.Helper()
	return p.do(t, http.MethodGet, path)
}

func (p *portal) do(t *testing.T, method, path string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, p.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := p.srv.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(body)
}

func id(n int64) string { return fmt.Sprint(n) }

// wan formats an amount as the pages do.
func wan(a money.Amount) string { return a.Format(money.UnitWan) }
