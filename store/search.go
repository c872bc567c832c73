package store

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"
	"unicode/utf8"

	"yusuan/money"
)

// MaxSearchCount bounds how many matches a search counts.
const MaxSearchCount = 1000

// Hit is one search result.
type Hit struct {
	Kind         string // TermDepartment, TermUnit, TermProject or TermText
	Text         string // the name found; for a text, the part it is in
	Region       string
	DepartmentID int64
	Department   string
	// DocumentID and Year say where a unit, project or text was found; for a
	// department, Year is its latest year and DocumentID 0.
	DocumentID int64
	Year       int
	// Amount is a department's 一般公共预算支出 of Year or a 单位预算's, or a
	// project's amount, as printed; HasAmount is false when there is none.
	Amount    money.Amount
	HasAmount bool
	// Snippet is the passage of a text around what was found.
	Snippet Snippet
}

// Snippet is a passage with the words found in the middle.
type Snippet struct {
	Before, Match, After string
}

// SearchQuery asks for one page of a search.
type SearchQuery struct {
	Query string
	// Kinds, when not empty, keeps hits of these kinds only.
	Kinds []string
	// Cursor is the previous page's Next; empty for the first page.
	Cursor string
	// Limit is the page's length: 20 when 0, at most MaxSearchLimit.
	Limit int
	// Count asks for the number of matches (up to MaxSearchCount).
	Count bool
}

// SearchPage is one page of a search.
type SearchPage struct {
	Hits []Hit
	// Next is the cursor of the next page, empty on the last.
	Next string
	// Total is the number of matches when the query asked for it, at most
	// MaxSearchCount: Total == MaxSearchCount means at least that many.
	Total int
}

// rankKey places a hit in the order of results: whether its name is the query
// (0), contains it (1) or only a text does (2); its kind (department, unit,
// project, text); whether the name begins with the query (0) or not (1); the year
// and the amount, from the largest; and its id. A cursor is the last hit's key.
type rankKey [6]int64

// Search finds departments, units and projects by name in the current versions,
// the best matches first (see SearchPage): the first limit of them.
func (s *Store) Search(ctx context.Context, query string, lim int) ([]Hit, error) {
	page, err := s.SearchPage(ctx, SearchQuery{Query: query, Limit: lim, Kinds: []string{TermDepartment, TermUnit, TermProject}})
	return page.Hits, err
}

// SearchPage finds departments, units, projects and narrative text containing
// every word of the query (words are separated by spaces; Chinese needs none
// inside a word) in the current versions, ranked: names equal to the query
// first, then names that contain it, then texts; within each, departments,
// units, projects, texts; then names that begin with the query; then the newest
// year and the largest amount. Pages follow one another by the cursor of the last hit, so a page costs
// the same however deep it is. A query is at most MaxSearchRunes.
func (s *Store) SearchPage(ctx context.Context, q SearchQuery) (SearchPage, error) {
	query := strings.Join(strings.Fields(clean(q.Query)), " ")
	if utf8.RuneCountInString(query) > MaxSearchRunes {
		return SearchPage{}, invalid("search: query longer than %d characters", MaxSearchRunes)
	}
	var after *rankKey
	if q.Cursor != "" {
		k, err := decodeCursor[rankKey](q.Cursor)
		if err != nil {
			return SearchPage{}, err
		}
		after = &k
	}
	for _, k := range q.Kinds {
		if _, ok := kindOrder[k]; !ok {
			return SearchPage{}, invalid("search: kind %q", k)
		}
	}
	phrases := queryPhrases(query)
	if len(phrases) == 0 {
		return SearchPage{}, nil
	}
	lim := limit(q.Limit, 20, MaxSearchLimit)

	match, matchArg := `search_fts JOIN search_docs s ON s.id = search_fts.rowid WHERE search_fts MATCH ?`, matchFTS5(phrases)
	if !s.d.fts5 {
		match, matchArg = `search_docs s WHERE s.grams @@ CAST(? AS tsquery)`, matchTSQuery(phrases)
	}
	matchArgs := []any{matchArg}
	if len(q.Kinds) > 0 {
		match += ` AND s.kind IN (` + strings.TrimSuffix(strings.Repeat("?, ", len(q.Kinds)), ", ") + `)`
		for _, k := range q.Kinds {
			matchArgs = append(matchArgs, k)
		}
	}
	pattern := likeEscape(query)
	args := append([]any{query, "%" + pattern + "%", pattern + "%"}, matchArgs...)
	keyset := ""
	if after != nil {
		keyset = `WHERE (m.tier, m.kind_order, m.sub, m.ky, m.ka, m.id) > (?, ?, ?, ?, ?, ?)`
		for _, v := range after {
			args = append(args, v)
		}
	}
	args = append(args, lim+1)
	sqlText := `SELECT m.tier, m.kind_order, m.sub, m.ky, m.ka, m.id, s.kind, s.title, s.context, s.body, s.year, s.amount,
			d.id, d.name, r.name, COALESCE(s.document_id, 0)
		FROM (SELECT m.* FROM (
				SELECT s.id, s.kind_order, -s.year AS ky, -COALESCE(s.amount, -1) AS ka,
					CASE WHEN s.title = ? THEN 0 WHEN s.title LIKE ? ESCAPE '\' THEN 1 ELSE 2 END AS tier,
					CASE WHEN s.title LIKE ? ESCAPE '\' THEN 0 ELSE 1 END AS sub
				FROM ` + match + `) m ` + keyset + `
			ORDER BY m.tier, m.kind_order, m.sub, m.ky, m.ka, m.id LIMIT ?) m
		JOIN search_docs s ON s.id = m.id
		JOIN departments d ON d.id = s.department_id
		JOIN regions r ON r.id = d.region_id
		ORDER BY m.tier, m.kind_order, m.sub, m.ky, m.ka, m.id`

	var page SearchPage
	var keys []rankKey
	err := s.view(ctx, "search", func(tx *tx) error {
		page, keys = SearchPage{}, nil
		rows, err := tx.query(ctx, sqlText, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k rankKey
			var h Hit
			var context, body string
			var amount *int64
			if err := rows.Scan(&k[0], &k[1], &k[2], &k[3], &k[4], &k[5], &h.Kind, &h.Text, &context, &body, &h.Year, &amount,
				&h.DepartmentID, &h.Department, &h.Region, &h.DocumentID); err != nil {
				return err
			}
			if amount != nil {
				h.Amount, h.HasAmount = money.Amount(*amount), true
			}
			if h.Kind == TermText {
				h.Text, h.Snippet = context, snippet(body, query)
			}
			page.Hits = append(page.Hits, h)
			keys = append(keys, k)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if q.Count {
			return tx.queryRow(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM `+match+` LIMIT ?) c`,
				append(matchArgs, MaxSearchCount)...).Scan(&page.Total)
		}
		return nil
	})
	if err != nil {
		return SearchPage{}, err
	}
	if len(page.Hits) > lim {
		page.Hits = page.Hits[:lim]
		page.Next = encodeCursor(keys[lim-1])
	}
	return page, nil
}

// snippetRunes is how much text a snippet shows on each side of what was found.
const snippetRunes = 40

// snippet cuts the passage of body around the query, or around its first word
// found, or the beginning of body when neither is (the query's words may be
// apart, or differ in full-width letters).
func snippet(body, query string) Snippet {
	i, n := strings.Index(body, query), len(query)
	if i < 0 {
		for _, w := range strings.Fields(query) {
			if j := strings.Index(body, w); j >= 0 {
				i, n = j, len(w)
				break
			}
		}
	}
	if i < 0 {
		return Snippet{After: ellipsis(body, 2*snippetRunes, false)}
	}
	return Snippet{
		Before: ellipsis(body[:i], snippetRunes, true),
		Match:  body[i : i+n],
		After:  ellipsis(body[i+n:], snippetRunes, false),
	}
}

// ellipsis keeps n runes of s, its last ones when tail is set, and marks what it cut.
func ellipsis(s string, n int, tail bool) string {
	s = strings.ReplaceAll(s, "\n", " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	if tail {
		return "…" + string(r[len(r)-n:])
	}
	return string(r[:n]) + "…"
}

// encodeCursor writes a page's last key as an opaque string for a URL.
func encodeCursor(key any) string {
	data, _ := json.Marshal(key)
	return base64.RawURLEncoding.EncodeToString(data)
}

// decodeCursor reads a cursor encodeCursor wrote.
func decodeCursor[T any](s string) (T, error) {
	var key T
	data, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(data) > 4096 {
		return key, invalid("cursor %q is not one this store gave", s)
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&key); err != nil || dec.More() {
		return key, invalid("cursor %q is not one this store gave", s)
	}
	return key, nil
}
