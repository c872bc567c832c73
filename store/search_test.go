package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"yusuan/disclosure"
)

// Search finds departments, units and projects by name, the first lim of them in
// the order of SearchPage: what the portal's search did before it searched text
// and paged, which the older tests ask.
func (s *Store) Search(ctx context.Context, query string, lim int) ([]Hit, error) {
	page, err := s.SearchPage(ctx, SearchQuery{Query: query, Limit: lim, Kinds: []string{TermDepartment, TermUnit, TermProject}})
	return page.Hits, err
}

func TestGrams(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"教育局", "教育 育局 局"},
		{"教", "教"},
		{"2024年预算", "2024 年预 预算 算"},
		{"深圳市（本级）", "深圳 圳市 市 本级 级"},
		{"ＡＢＣ办公室", "abc 办公 公室 室"},
		{"a-b 100%", "a b 100"},
		{"%_\\'", ""},
		{strings.Repeat("x", 3000) + "局", strings.Repeat("x", maxWordRunes) + " 局"},
	} {
		if got := strings.Join(grams(c.in), " "); got != c.want {
			t.Errorf("grams(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct{ in, fts, ts string }{
		{"教育", `"教育"`, `('教育')`},
		{"教育局", `"教育" + "育局"`, `('教育' <-> '育局')`},
		{"局", `"局"*`, `('局':*)`},
		{"2024年", `"2024" + "年"*`, `('2024' <-> '年':*)`},
		{"教育 2024", `"教育" AND "2024"*`, `('教育') & ('2024':*)`},
		{"预算2024", `"预算" + "算" + "2024"*`, `('预算' <-> '算' <-> '2024':*)`},
		{"' OR 1=1 --", `"or"* AND "1" + "1"*`, `('or':*) & ('1' <-> '1':*)`},
	} {
		p := queryPhrases(c.in)
		if got := matchFTS5(p); got != c.fts {
			t.Errorf("FTS5 query of %q = %s, want %s", c.in, got, c.fts)
		}
		if got := matchTSQuery(p); got != c.ts {
			t.Errorf("tsquery of %q = %s, want %s", c.in, got, c.ts)
		}
	}
}

// TestGramsFindSubstrings checks the promise of searchgrams.go on random Chinese
// text: every piece of a text is found in it by its phrases, matched the way FTS5
// and tsquery match them, and a piece that is not in the text is not.
func TestGramsFindSubstrings(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	alphabet := []rune("教育局财政预算公开部门单位项目，。（）")
	randText := func(n int) string {
		r := make([]rune, n)
		for i := range r {
			r[i] = alphabet[rng.Intn(len(alphabet))]
		}
		return string(r)
	}
	for i := 0; i < 3000; i++ {
		text := randText(1 + rng.Intn(30))
		runes := []rune(text)
		a := rng.Intn(len(runes))
		b := a + 1 + rng.Intn(len(runes)-a)
		query := string(runes[a:b])
		if i%2 == 1 {
			query = randText(1 + rng.Intn(4))
		}
		phrases := queryPhrases(query)
		if len(phrases) == 0 {
			continue
		}
		want := strings.Contains(text, strings.Trim(query, "，。（）"))
		if strings.ContainsAny(strings.Trim(query, "，。（）"), "，。（）") {
			continue // words across punctuation match as separate words, tested above
		}
		if got := phrasesMatch(phrases, grams(text)); got != want {
			t.Fatalf("query %q in %q: found %v, want %v (grams %q, phrases %v)", query, text, got, want, grams(text), phrases)
		}
	}
}

// phrasesMatch matches as the databases do: every phrase's tokens at consecutive
// positions, a prefix token matching any token it begins.
func phrasesMatch(phrases [][]token, toks []string) bool {
	for _, p := range phrases {
		found := false
		for start := 0; start+len(p) <= len(toks) && !found; start++ {
			found = true
			for j, q := range p {
				if tok := toks[start+j]; tok != q.text && !(q.prefix && strings.HasPrefix(tok, q.text)) {
					found = false
					break
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// importDepartments imports n copies of the Longgang document, each the 部门预算 of
// a department named by name(i).
func importDepartments(t *testing.T, s *Store, n int, name func(i int) string) {
	t.Helper()
	lg := fix(t, "longgang")
	var docs []ImportDoc
	for i := 0; i < n; i++ {
		d := lg.importDoc()
		d.Disclosure = renamed(t, lg.doc, name(i))
		docs = append(docs, d)
	}
	mustImport(t, s, docs...)
}

func TestSearchIndex(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		mustImport(t, s, fix(t, "longgang").importDoc(), fix(t, "putuo").importDoc())
		importDepartments(t, s, 3, func(i int) string {
			return []string{"教育局", "深圳市龙岗区教育局", "龙岗区教育局"}[i]
		})

		// Ranking: the department named exactly so first, then departments whose
		// name contains the words, those beginning with them first.
		page, err := s.SearchPage(ctx, SearchQuery{Query: "龙岗区教育局", Count: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Hits) < 2 || page.Hits[0].Text != "龙岗区教育局" || page.Hits[0].Kind != TermDepartment ||
			page.Hits[1].Text != "深圳市龙岗区教育局" {
			t.Fatalf("龙岗区教育局: %+v", page.Hits)
		}
		// One hit a page: the exact name alone on the first, then every other
		// match once.
		var walked []string
		for cursor, n := "", 0; n < 100; n++ {
			p, err := s.SearchPage(ctx, SearchQuery{Query: "龙岗区教育局", Limit: 1, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range p.Hits {
				walked = append(walked, fmt.Sprint(h))
			}
			if cursor = p.Next; cursor == "" {
				break
			}
		}
		if len(walked) != page.Total || !strings.Contains(walked[0], "龙岗区教育局 ") || len(walked) < 2 {
			t.Errorf("one a page: %d hits of %d: %v", len(walked), page.Total, walked)
		}
		for i, w := range walked {
			if slices.Contains(walked[:i], w) {
				t.Errorf("%s twice", w)
			}
		}
		// A two-character query finds what LIKE finds, among names.
		for _, q := range []string{"教育", "政务", "龙岗", "局", "服务数据", "商务委"} {
			page, err := s.SearchPage(ctx, SearchQuery{Query: q, Limit: MaxSearchLimit, Kinds: []string{TermDepartment, TermUnit, TermProject}})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range page.Hits {
				got = append(got, h.Kind+":"+fmt.Sprint(h.DocumentID)+":"+h.Text)
			}
			want, err := collectLike(ctx, s, q)
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(got)
			if len(want) > MaxSearchLimit || strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s: search found\n%s\nLIKE finds\n%s", q, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		}

		// Amounts: a department's is its latest 部门预算's printed total; a
		// project's is its row's.
		page, err = s.SearchPage(ctx, SearchQuery{Query: "深圳市龙岗区政务服务数据管理局", Limit: 1})
		if err != nil || len(page.Hits) != 1 {
			t.Fatalf("department: %+v %v", page, err)
		}
		if h := page.Hits[0]; !h.HasAmount || h.Amount != 6762910000 || h.Year != 2024 {
			t.Errorf("department hit %+v, want 6,762.91万元 in 2024", h)
		}
		page, err = s.SearchPage(ctx, SearchQuery{Query: "政务管理", Kinds: []string{TermProject}})
		if err != nil || len(page.Hits) == 0 || !page.Hits[0].HasAmount || page.Hits[0].Amount <= 0 {
			t.Errorf("project 政务管理: %+v %v", page.Hits, err)
		}

		// Narrative text, with a snippet around the words found.
		para := firstParagraph(fix(t, "putuo").doc.Parts)
		r := []rune(para)
		words := string(r[len(r)/2 : len(r)/2+6])
		page, err = s.SearchPage(ctx, SearchQuery{Query: words, Kinds: []string{TermText}})
		if err != nil || len(page.Hits) == 0 {
			t.Fatalf("text %q: %+v %v", words, page, err)
		}
		if h := page.Hits[0]; h.Snippet.Match != words || h.Region != "上海市普陀区" || h.DocumentID == 0 || h.Text == "" {
			t.Errorf("text hit %+v", h)
		}

		// Escaping: LIKE's and FTS's own characters are text.
		for _, q := range []string{"%", "_", `\`, `"`, "*", "NEAR(", "教育%", "教育_局", `教育" OR "`} {
			page, err := s.SearchPage(ctx, SearchQuery{Query: q})
			if err != nil {
				t.Errorf("%q: %v", q, err)
			}
			for _, h := range page.Hits {
				if strings.Contains(q, "教育") && !strings.Contains(h.Text+h.Snippet.Match, "教育") {
					t.Errorf("%q found %+v", q, h)
				}
			}
		}
		if _, err := s.SearchPage(ctx, SearchQuery{Query: "教育", Cursor: "not-a-cursor"}); !errors.Is(err, ErrInvalid) {
			t.Errorf("bad cursor: %v, want ErrInvalid", err)
		}
		if _, err := s.SearchPage(ctx, SearchQuery{Query: "教育", Kinds: []string{"cells"}}); !errors.Is(err, ErrInvalid) {
			t.Errorf("bad kind: %v, want ErrInvalid", err)
		}
	})
}

// collectLike lists the names of current versions and departments containing q
// the slow way, as kind:document:name, sorted.
func collectLike(ctx context.Context, s *Store, q string) ([]string, error) {
	var out []string
	err := s.view(ctx, "like", func(tx *tx) error {
		var err error
		out, err = collect(ctx, tx, scanOne[string], `SELECT name FROM (
				SELECT 'department:0:' || name AS name FROM departments WHERE name LIKE ?
				UNION SELECT s.kind || ':' || CAST(v.document_id AS TEXT) || ':' || s.term FROM search_terms s
					JOIN versions v ON v.id = s.version_id AND v.superseded_at IS NULL WHERE s.term LIKE ?) x`,
			"%"+q+"%", "%"+q+"%")
		return err
	})
	slices.Sort(out)
	return out, err
}

func firstParagraph(parts []disclosure.Part) string {
	for _, p := range parts {
		for _, b := range p.Blocks {
			if utf8.RuneCountInString(b.Text) > 40 && b.Table == nil {
				return b.Text
			}
		}
	}
	return ""
}

func TestSearchPaging(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importDepartments(t, s, 130, func(i int) string { return fmt.Sprintf("示例区教育局%03d分局", i) })
		first, err := s.SearchPage(ctx, SearchQuery{Query: "教育局", Count: true, Kinds: []string{TermDepartment}, Limit: MaxSearchLimit})
		if err != nil {
			t.Fatal(err)
		}
		if first.Total != 130 || len(first.Hits) != MaxSearchLimit || first.Next == "" {
			t.Fatalf("first page: total %d, %d hits, next %q", first.Total, len(first.Hits), first.Next)
		}
		// Every page by the cursor, 7 at a time: each department once, in order.
		seen := map[int64]bool{}
		cursor, pages := "", 0
		for {
			page, err := s.SearchPage(ctx, SearchQuery{Query: "教育局", Kinds: []string{TermDepartment}, Limit: 7, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, h := range page.Hits {
				if seen[h.DepartmentID] {
					t.Fatalf("page %d repeats %s", pages, h.Department)
				}
				seen[h.DepartmentID] = true
			}
			if page.Next == "" {
				break
			}
			cursor = page.Next
		}
		if len(seen) != 130 || pages != 19 {
			t.Errorf("%d departments on %d pages, want 130 on 19", len(seen), pages)
		}
		// All kinds together: the narrative's every mention as well, all pages.
		n, cursor := 0, ""
		for {
			page, err := s.SearchPage(ctx, SearchQuery{Query: "教育局", Limit: MaxSearchLimit, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			n += len(page.Hits)
			if cursor = page.Next; cursor == "" {
				break
			}
		}
		if n < 130 {
			t.Errorf("%d hits of every kind, want at least the 130 departments", n)
		}
	})
}

// TestSearchVersions checks that the index follows imports: a new version's
// names replace the old one's in the same transaction, and a failed import
// leaves the index as it was.
func TestSearchVersions(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		lg := fix(t, "longgang")
		mustImport(t, s, lg.importDoc())
		find := func(q string) int {
			t.Helper()
			page, err := s.SearchPage(ctx, SearchQuery{Query: q, Count: true})
			if err != nil {
				t.Fatal(err)
			}
			return page.Total
		}
		if find("智慧龙岗") == 0 {
			t.Fatal("智慧龙岗 not found")
		}
		doc := cloneDoc(t, lg.doc)
		for _, tb := range doc.AllTables() {
			for r := range tb.Rows {
				for c := range tb.Rows[r].Cells {
					tb.Rows[r].Cells[c].Text = strings.ReplaceAll(tb.Rows[r].Cells[c].Text, "智慧龙岗", "数字龙岗")
				}
			}
		}
		for p := range doc.Parts {
			for b := range doc.Parts[p].Blocks {
				doc.Parts[p].Blocks[b].Text = strings.ReplaceAll(doc.Parts[p].Blocks[b].Text, "智慧龙岗", "数字龙岗")
			}
		}
		// A word longer than PostgreSQL takes as a lexeme, as a PDF can hold.
		doc.Parts[0].Blocks = append(doc.Parts[0].Blocks, disclosure.Block{Kind: disclosure.Paragraph, Text: strings.Repeat("x9", 3000) + "长词之后"})
		d := lg.importDoc()
		d.Disclosure = doc
		s.afterDocument = func(int) error { return errors.New("fail") }
		if _, err := s.Import(ctx, ImportSet{Documents: []ImportDoc{d}}); err == nil {
			t.Fatal("import did not fail")
		}
		if find("智慧龙岗") == 0 || find("数字龙岗") != 0 {
			t.Error("a failed import changed the index")
		}
		s.afterDocument = nil
		mustImport(t, s, d)
		if n := find("智慧龙岗"); n != 0 {
			t.Errorf("智慧龙岗 found %d times after the new version", n)
		}
		if find("数字龙岗") == 0 || find("长词之后") != 1 {
			t.Error("数字龙岗 or 长词之后 of the new version not found")
		}
	})
}

// TestSearchMigration opens a database as it was before migration 3, with
// documents, and checks that the migration indexes them.
func TestSearchMigration(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		mustImport(t, s, fix(t, "longgang").importDoc(), fix(t, "putuo").importDoc())
		want, err := s.SearchPage(ctx, SearchQuery{Query: "政务", Limit: MaxSearchLimit, Count: true})
		if err != nil {
			t.Fatal(err)
		}
		undo := []string{"DROP TABLE search_docs", "DROP TABLE doc_totals", "DELETE FROM schema_migrations WHERE version = 3"}
		if s.d.fts5 {
			undo = append([]string{"DROP TABLE search_fts", "DROP TABLE search_seq"}, undo...)
		} else {
			undo = append([]string{"DROP SEQUENCE search_seq"}, undo...)
		}
		for _, q := range undo {
			if _, err := s.db.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		if err := s.migrate(ctx); err != nil {
			t.Fatal(err)
		}
		got, err := s.SearchPage(ctx, SearchQuery{Query: "政务", Limit: MaxSearchLimit, Count: true})
		if err != nil {
			t.Fatal(err)
		}
		// Hits that rank alike may come in another order: rows are numbered anew.
		sorted := func(p SearchPage) string {
			var out []string
			for _, h := range p.Hits {
				out = append(out, fmt.Sprintf("%+v", h))
			}
			slices.Sort(out)
			return fmt.Sprint(p.Total, "\n", strings.Join(out, "\n"))
		}
		if got.Total == 0 || sorted(got) != sorted(want) {
			t.Errorf("after the migration:\n%s\nwant\n%s", sorted(got), sorted(want))
		}
	})
}
