package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"yusuan/disclosure"
)

// The search index (migrations/003_search.sql) holds one row per department, and
// per current version one per unit, project and piece of narrative. An import
// writes a version's rows and removes those of the version it supersedes in its
// own transaction, then rewrites the rows of the departments it touched, whose
// amount is their latest 部门预算's total.

// TermText is the kind of a piece of narrative in the index, beside the names.
const TermText = "text"

// kindRank is the order of the kinds in results.
var kindRank = map[string]int{TermDepartment: 0, TermUnit: 1, TermProject: 2, TermText: 3}

// An index row's id orders the results, largest first: bits 50–51 hold 3 less
// the rank of its kind, bits 40–49 its year less 1800 (0 for none), bits 0–39 a
// sequence number, so that departments come first, then units, projects and
// texts, each newest year and then latest written first. A page of results is
// then the next ids of the match: FTS5 walks its lists by rowid and stops, so on
// SQLite a page costs the same however many rows match; PostgreSQL finds the
// matches in its GIN index, checks their phrases and keeps the largest ids.
const (
	seqBits   = 40
	yearBits  = 10
	kindShift = seqBits + yearBits
)

// searchID is the id of a row of kind and year with sequence number seq.
func searchID(kind string, year int, seq int64) int64 {
	y := 0
	if year > 1800 {
		y = min(year-1800, 1<<yearBits-1)
	}
	return int64(3-kindRank[kind])<<kindShift | int64(y)<<seqBits | seq&(1<<seqBits-1)
}

// kindIDs returns the range of ids of a kind: lo ≤ id < hi.
func kindIDs(kind string) (lo, hi int64) {
	k := int64(3 - kindRank[kind])
	return k << kindShift, (k + 1) << kindShift
}

// maxChunkRunes bounds one text row: long enough to hold a few paragraphs, short
// enough that a hit points at the passage and a tsvector never runs out of positions.
const maxChunkRunes = 1500

// indexRow is one row of the search index.
type indexRow struct {
	kind                  string
	deptID                int64
	versionID, documentID int64 // 0 for a department
	year                  int
	title, context, body  string
	amount                *int64
}

// versionIndex is what a version adds to the index and to its own row: the
// totals its 一般公共预算支出表（按功能分类） prints, and its index rows without ids.
type versionIndex struct {
	total, basic, project *int64
	rows                  []indexRow
}

// indexOf derives a version's index from its document, tables and terms.
func indexOf(doc *disclosure.Document, tables []tableRec, terms []term) versionIndex {
	var ix versionIndex
	ix.total, ix.basic, ix.project = printedTotal(tables)
	subject := clean(strings.TrimSpace(doc.Subject))
	for _, t := range terms {
		r := indexRow{kind: t.kind, title: t.text, amount: t.amount}
		// A unit's row amount is whatever the first table listing it totals
		// (income, say); only a 单位预算's own 一般公共预算 total is shown, so
		// that a unit's amount means what a department's does.
		if t.kind == TermUnit {
			r.amount = nil
			if t.text == subject {
				r.amount = ix.total
			}
		}
		ix.rows = append(ix.rows, r)
	}
	for _, p := range doc.Parts {
		heading := truncate(clean(p.Heading()), maxTermRunes)
		var chunk []string
		n := 0
		flush := func() {
			if len(chunk) > 0 {
				ix.rows = append(ix.rows, indexRow{kind: TermText, context: heading, body: strings.Join(chunk, "\n")})
				chunk, n = nil, 0
			}
		}
		for _, b := range p.Blocks {
			text := clean(strings.TrimSpace(b.Text))
			if b.Table != nil || text == "" {
				continue
			}
			for text != "" {
				piece := truncate(text, maxChunkRunes)
				text = text[len(piece):]
				k := utf8.RuneCountInString(piece)
				if n+k > maxChunkRunes {
					flush()
				}
				chunk, n = append(chunk, piece), n+k
			}
		}
		flush()
	}
	return ix
}

// printedTotal returns the total, basic and project spending that a document's
// 一般公共预算支出表（按功能分类） prints: its 合计 row, else its first row when that
// has no code (the department's row heading a table of units), else the sum of its
// 类 rows. All nil when the document has no such table.
func printedTotal(tables []tableRec) (total, basic, project *int64) {
	for _, t := range tables {
		if t.kind != disclosure.GPFunctionalTable || len(t.cells) == 0 {
			continue
		}
		type row struct {
			code, name string
			sums       map[string]int64
		}
		var rows []*row
		byNo := map[int]*row{}
		for _, c := range t.cells {
			r := byNo[c.row]
			if r == nil {
				r = &row{code: c.code, name: c.name, sums: map[string]int64{}}
				byNo[c.row] = r
				rows = append(rows, r)
			}
			r.sums[c.key] += c.amount
		}
		var pick *row
		if i := disclosure.PrintedTotalRow(len(rows), func(i int) string { return rows[i].code }, func(i int) string { return rows[i].name }); i >= 0 {
			pick = rows[i]
		} else {
			pick = &row{sums: map[string]int64{}}
			for _, r := range rows {
				if len(r.code) == 3 {
					for k, a := range r.sums {
						pick.sums[k] += a
					}
				}
			}
		}
		get := func(key string) *int64 {
			a, ok := pick.sums[key]
			if !ok {
				return nil
			}
			return &a
		}
		return get("total"), get("basic"), get("project")
	}
	return nil, nil, nil
}

// indexVersion writes a new current version's totals and index rows in place of
// those of the version it replaced.
func indexVersion(ctx context.Context, tx *tx, im Imported, deptID int64, ix versionIndex) error {
	if _, err := tx.exec(ctx, `DELETE FROM doc_totals WHERE document_id = ?`, im.DocumentID); err != nil {
		return err
	}
	if ix.total != nil {
		if _, err := tx.exec(ctx, `INSERT INTO doc_totals (document_id, version_id, total, basic, project) VALUES (?, ?, ?, ?, ?)`,
			im.DocumentID, im.VersionID, *ix.total, ix.basic, ix.project); err != nil {
			return err
		}
	}
	if im.Replaced != 0 {
		if err := deleteIndex(ctx, tx, `version_id = ?`, im.Replaced); err != nil {
			return err
		}
	}
	rows := make([]indexRow, len(ix.rows))
	for i, r := range ix.rows {
		r.deptID, r.versionID, r.documentID, r.year = deptID, im.VersionID, im.DocumentID, im.Year
		rows[i] = r
	}
	return writeIndex(ctx, tx, rows)
}

// indexDepartments rewrites the index rows of departments: the name, with the
// total of the latest year that has a 部门预算 (the latest year of any document,
// without an amount, when none has).
func indexDepartments(ctx context.Context, tx *tx, ids []int64) error {
	var rows []indexRow
	for _, id := range ids {
		if err := deleteIndex(ctx, tx, `department_id = ? AND kind = 'department'`, id); err != nil {
			return err
		}
		r := indexRow{kind: TermDepartment, deptID: id}
		var total *int64
		err := tx.queryRow(ctx, `SELECT d.name,
				COALESCE((SELECT MAX(doc.year) FROM documents doc WHERE doc.department_id = d.id AND doc.kind = '部门预算'),
					(SELECT MAX(doc.year) FROM documents doc WHERE doc.department_id = d.id), 0)
			FROM departments d WHERE d.id = ?`, id).Scan(&r.title, &r.year)
		if err != nil {
			return err
		}
		err = tx.queryRow(ctx, `SELECT SUM(t.total) FROM documents doc JOIN doc_totals t ON t.document_id = doc.id
			WHERE doc.department_id = ? AND doc.year = ? AND doc.kind = '部门预算'`, id, r.year).Scan(&total)
		if err != nil {
			return err
		}
		r.amount = total
		rows = append(rows, r)
	}
	return writeIndex(ctx, tx, rows)
}

// deleteIndex removes the index rows that where selects.
func deleteIndex(ctx context.Context, tx *tx, where string, args ...any) error {
	if tx.d.fts5 {
		if _, err := tx.exec(ctx, `DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_docs WHERE `+where+`)`, args...); err != nil {
			return err
		}
	}
	_, err := tx.exec(ctx, `DELETE FROM search_docs WHERE `+where, args...)
	return err
}

// writeIndex adds rows to the index, numbered by searchID.
func writeIndex(ctx context.Context, tx *tx, rows []indexRow) error {
	if len(rows) == 0 {
		return nil
	}
	seqs, err := nextSeqs(ctx, tx, len(rows))
	if err != nil {
		return err
	}
	const head = `INSERT INTO search_docs (id, kind, department_id, version_id, document_id, year, title, context, body, amount`
	docs := make([][]any, len(rows))
	fts := make([][]any, len(rows))
	for i, r := range rows {
		id := searchID(r.kind, r.year, seqs[i])
		docs[i] = []any{id, r.kind, r.deptID, nullID(r.versionID), nullID(r.documentID), r.year, r.title, r.context, r.body, r.amount}
		if tx.d.fts5 {
			fts[i] = []any{id, strings.Join(grams(r.title), " "), strings.Join(grams(r.body), " ")}
		} else {
			docs[i] = append(docs[i], tsVector(grams(r.title), grams(r.body)))
		}
	}
	if !tx.d.fts5 {
		return insertMany(ctx, tx, head+`, grams) VALUES `, docs)
	}
	if err := insertMany(ctx, tx, head+`) VALUES `, docs); err != nil {
		return err
	}
	return insertMany(ctx, tx, `INSERT INTO search_fts (rowid, title, body) VALUES `, fts)
}

// nextSeqs takes n sequence numbers for new index rows: from a PostgreSQL
// sequence, which concurrent imports share without waiting for each other, or
// from SQLite's one-row counter, which its write transaction holds alone.
func nextSeqs(ctx context.Context, tx *tx, n int) ([]int64, error) {
	if !tx.d.fts5 {
		return collect(ctx, tx, scanOne[int64], `SELECT nextval('search_seq') FROM generate_series(1, ?)`, n)
	}
	var last int64
	if err := tx.queryRow(ctx, `UPDATE search_seq SET n = n + ? RETURNING n`, n).Scan(&last); err != nil {
		return nil, err
	}
	out := make([]int64, n)
	for i := range out {
		out[i] = last - int64(n-1-i)
	}
	return out, nil
}

// nullID is id, or NULL for 0.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// fillSearch is migration 3's Go half: it indexes every current version already
// stored, and every department.
func fillSearch(ctx context.Context, tx *tx) error {
	type current struct {
		im     Imported
		deptID int64
	}
	versions, err := collect(ctx, tx, func(sc scanner) (current, error) {
		var c current
		err := sc.Scan(&c.im.VersionID, &c.im.DocumentID, &c.im.Year, &c.deptID, &c.im.Department)
		return c, err
	}, `SELECT v.id, doc.id, doc.year, d.id, d.name FROM versions v
		JOIN documents doc ON doc.id = v.document_id
		JOIN departments d ON d.id = doc.department_id
		WHERE v.superseded_at IS NULL ORDER BY v.id`)
	if err != nil {
		return err
	}
	for _, c := range versions {
		var body string
		if err := tx.queryRow(ctx, `SELECT body FROM versions WHERE id = ?`, c.im.VersionID).Scan(&body); err != nil {
			return err
		}
		var doc disclosure.Document
		if err := json.Unmarshal([]byte(body), &doc); err != nil {
			return fmt.Errorf("version %d: %w", c.im.VersionID, err)
		}
		ix := indexOf(&doc, extractTables(&doc), extractTerms(&doc, c.im.Department))
		if err := indexVersion(ctx, tx, c.im, c.deptID, ix); err != nil {
			return err
		}
	}
	ids, err := collect(ctx, tx, scanOne[int64], `SELECT d.id FROM departments d WHERE `+publicDepartment+` ORDER BY d.id`)
	if err != nil {
		return err
	}
	return indexDepartments(ctx, tx, ids)
}
