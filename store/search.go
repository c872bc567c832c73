package store

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"slices"
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

// firstPage is the cursor of the results after the exact names: above every id.
const firstPage = int64(1) << 62

// SearchPage finds departments, units, projects and narrative text containing
// every word of the query (words are separated by spaces; Chinese needs none
// inside a word) in the current versions. Departments named exactly as the query
// come first; then departments, units and projects whose names contain it, then
// texts; each kind newest year first, then latest imported first (searchID).
// Pages follow one another by the id of the last hit, and each reads its rows in
// id order from the match and stops, so a page costs about the same however
// many rows match and however deep it is. A query is at most MaxSearchRunes.
func (s *Store) SearchPage(ctx context.Context, q SearchQuery) (SearchPage, error) {
	query := strings.Join(strings.Fields(clean(q.Query)), " ")
	if utf8.RuneCountInString(query) > MaxSearchRunes {
		return SearchPage{}, invalid("search: query longer than %d characters", MaxSearchRunes)
	}
	after := int64(0)
	if q.Cursor != "" {
		k, err := decodeCursor[int64](q.Cursor)
		if err != nil || k <= 0 || k > firstPage {
			return SearchPage{}, invalid("search: cursor %q", q.Cursor)
		}
		after = k
	}
	ranges, err := idRanges(q.Kinds)
	if err != nil {
		return SearchPage{}, err
	}
	phrases := queryPhrases(query)
	if len(phrases) == 0 {
		return SearchPage{}, nil
	}
	lim := limit(q.Limit, 20, MaxSearchLimit)

	idCol, match, matchArg := "rowid", `SELECT rowid FROM search_fts WHERE search_fts MATCH ?`, matchFTS5(phrases)
	if !s.d.fts5 {
		idCol, match, matchArg = "id", `SELECT id FROM search_docs WHERE grams @@ CAST(? AS tsquery)`, matchTSQuery(phrases)
	}
	matchArgs := []any{matchArg}
	if len(ranges) > 0 {
		var or []string
		for _, r := range ranges {
			or = append(or, idCol+" >= ? AND "+idCol+" < ?")
			matchArgs = append(matchArgs, r[0], r[1])
		}
		match += " AND (" + strings.Join(or, " OR ") + ")"
	}
	exactDepts := len(q.Kinds) == 0 || slices.Contains(q.Kinds, TermDepartment)

	var page SearchPage
	err = s.view(ctx, "search", func(tx *tx) error {
		page = SearchPage{}
		// Departments named as the query lead the first page, and are left out
		// of the rows that follow on every page.
		var exact []int64
		if exactDepts {
			var err error
			exact, err = collect(ctx, tx, scanOne[int64], `SELECT id FROM search_docs WHERE kind = 'department' AND title = ?
				ORDER BY id DESC LIMIT ?`, query, lim)
			if err != nil {
				return err
			}
		}
		var ids []int64
		if after == 0 {
			ids, after = append(ids, exact...), firstPage
		}
		want := lim - len(ids)
		rest, err := collect(ctx, tx, scanOne[int64], match+` AND `+idCol+` < ? ORDER BY `+idCol+` DESC LIMIT ?`,
			append(matchArgs, after, want+len(exact)+1)...)
		if err != nil {
			return err
		}
		var last int64
		for _, id := range rest {
			if slices.Contains(exact, id) {
				continue
			}
			if want == 0 {
				// More follow: after the last row of this page, or after the exact
				// names when they filled it.
				page.Next = encodeCursor(cmp.Or(last, after))
				break
			}
			ids, last, want = append(ids, id), id, want-1
		}
		if page.Hits, err = hits(ctx, tx, ids, query); err != nil {
			return err
		}
		if q.Count {
			return tx.queryRow(ctx, `SELECT COUNT(*) FROM (`+match+` LIMIT ?) c`, append(matchArgs, MaxSearchCount)...).Scan(&page.Total)
		}
		return nil
	})
	if err != nil {
		return SearchPage{}, err
	}
	return page, nil
}

// idRanges returns the id ranges of kinds, neighbours merged; none for all kinds.
func idRanges(kinds []string) ([][2]int64, error) {
	var out [][2]int64
	for _, k := range kinds {
		if _, ok := kindRank[k]; !ok {
			return nil, invalid("search: kind %q", k)
		}
		lo, hi := kindIDs(k)
		out = append(out, [2]int64{lo, hi})
	}
	slices.SortFunc(out, func(a, b [2]int64) int { return cmp.Compare(a[0], b[0]) })
	var merged [][2]int64
	for _, r := range out {
		if n := len(merged); n > 0 && merged[n-1][1] >= r[0] {
			merged[n-1][1] = max(merged[n-1][1], r[1])
			continue
		}
		merged = append(merged, r)
	}
	return merged, nil
}

// hits reads the index rows ids, in that order.
func hits(ctx context.Context, tx *tx, ids []int64, query string) ([]Hit, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	type row struct {
		id  int64
		hit Hit
	}
	rows, err := collect(ctx, tx, func(sc scanner) (row, error) {
		var r row
		h := &r.hit
		var context, body string
		var amount *int64
		err := sc.Scan(&r.id, &h.Kind, &h.Text, &context, &body, &h.Year, &amount, &h.DepartmentID, &h.Department, &h.Region, &h.DocumentID)
		if amount != nil {
			h.Amount, h.HasAmount = money.Amount(*amount), true
		}
		if h.Kind == TermText {
			h.Text, h.Snippet = context, snippet(body, query)
		}
		return r, err
	}, `SELECT s.id, s.kind, s.title, s.context, s.body, s.year, s.amount, d.id, d.name, r.name, COALESCE(s.document_id, 0)
		FROM search_docs s
		JOIN departments d ON d.id = s.department_id
		JOIN regions r ON r.id = d.region_id
		WHERE s.id IN (`+strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")+`)`, args...)
	if err != nil {
		return nil, err
	}
	byID := map[int64]Hit{}
	for _, r := range rows {
		byID[r.id] = r.hit
	}
	out := make([]Hit, 0, len(ids))
	for _, id := range ids {
		if h, ok := byID[id]; ok {
			out = append(out, h)
		}
	}
	return out, nil
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
