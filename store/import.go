package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"yusuan/check"
	"yusuan/disclosure"
)

// Document kinds a store accepts (documentKindsSQL lists them for the database).
const (
	DepartmentBudget = "部门预算"
	UnitBudget       = "单位预算"
	// FinalAccounts is the 部门决算, whose disclosure may carry an Outturn.
	FinalAccounts = "部门决算"
)

// ImportSet is what one import writes: all of it, or nothing.
type ImportSet struct {
	Documents []ImportDoc
	// Synthetic marks generated or reconstructed example data.
	Synthetic bool
}

// ImportDoc is one document to import. The disclosure is stored as published: the
// store never sees a budget input, so nothing classified can reach it.
type ImportDoc struct {
	Region         string // 深圳市龙岗区
	DepartmentCode string // from a budget input; empty for a published document
	Source         string // the file it came from
	Disclosure     *disclosure.Document
	Check          check.Result
	Files          []File // rendered pdf, xlsx or html; optional
	// Published says the disclosure was read from published files, which
	// Originals hold as they were (optional: a test may have none to give).
	Published bool
	Originals []Original
	// SourceURL is where the files were published, when known.
	SourceURL string
}

// ImportResult says what an import did, one entry per document in order.
type ImportResult struct {
	Documents []Imported
}

// Imported is one document written by an import.
type Imported struct {
	DocumentID, VersionID int64
	DepartmentID          int64
	Number                int   // the version's number, from 1
	Replaced              int64 // the version it superseded, or 0 for a new document
	Region, Department    string
	Year                  int
	Kind, Subject, Title  string
	Cells, Files          int
	Originals             int // published files kept as they were
	Errors, Warnings      int
	Infos                 int
}

// Import writes every document of set as the new current version of its document,
// keeping earlier versions as history. One transaction: a failure writes nothing.
func (s *Store) Import(ctx context.Context, set ImportSet) (ImportResult, error) {
	if len(set.Documents) == 0 {
		return ImportResult{}, invalid("import: no documents")
	}
	if len(set.Documents) > MaxImportSize {
		return ImportResult{}, invalid("import: %d documents, at most %d in one import", len(set.Documents), MaxImportSize)
	}
	// Everything that can be refused is prepared before the transaction begins, so it
	// is held no longer than the writes take.
	preps := make([]*prepared, len(set.Documents))
	for i, d := range set.Documents {
		p, err := prepare(d)
		if err != nil {
			return ImportResult{}, fmt.Errorf("%w (document %d, %s)", err, i+1, d.Source)
		}
		preps[i] = p
	}
	at := time.Now().UTC().Truncate(time.Microsecond)
	var res ImportResult
	err := s.update(ctx, "import", func(tx *tx) error {
		res = ImportResult{}
		for i, p := range preps {
			im, err := importDoc(ctx, tx, p, set.Synthetic, at)
			if err != nil {
				return fmt.Errorf("document %d (%s): %w", i+1, p.source, err)
			}
			res.Documents = append(res.Documents, im)
			if s.afterDocument != nil {
				if err := s.afterDocument(i); err != nil {
					return err
				}
			}
		}
		return indexDepartments(ctx, tx, importedDepartments(res))
	})
	if err != nil {
		return ImportResult{}, err
	}
	s.imports.Add(1)
	s.analyze(ctx)
	return res, nil
}

// prepared is an ImportDoc checked and turned into rows.
type prepared struct {
	region, department, code string
	year                     int
	kind, subject, key       string
	title, profile, source   string
	body, findings           []byte
	errors, warnings, infos  int
	tables                   []tableRec
	cells                    int
	terms                    []term
	index                    versionIndex
	files                    []File
	published                bool
	sourceURL                string
	originals                []Original
}

func prepare(d ImportDoc) (*prepared, error) {
	doc := d.Disclosure
	if doc == nil {
		return nil, invalid("import: no disclosure")
	}
	p := &prepared{
		region:   clean(strings.TrimSpace(d.Region)),
		code:     clean(strings.TrimSpace(d.DepartmentCode)),
		year:     doc.Year,
		kind:     doc.Kind,
		subject:  clean(strings.TrimSpace(doc.Subject)),
		title:    clean(doc.Title),
		profile:  clean(doc.Profile),
		source:   clean(d.Source),
		errors:   d.Check.Count(check.Error),
		warnings: d.Check.Count(check.Warning),
		infos:    d.Check.Count(check.Info),
	}
	p.department = DepartmentName(doc)
	switch {
	case p.region == "":
		return nil, invalid("import: 《%s》 has no region", doc.Title)
	case p.department == "":
		return nil, invalid("import: 《%s》 names no department", doc.Title)
	case p.kind != DepartmentBudget && p.kind != UnitBudget && p.kind != FinalAccounts:
		return nil, invalid("import: 《%s》 is a %q, not a 部门预算, 单位预算 or 部门决算", doc.Title, p.kind)
	case p.year < 1949 || p.year > 2200:
		return nil, invalid("import: 《%s》 has year %d", doc.Title, p.year)
	}
	if p.kind == UnitBudget {
		if p.subject == "" {
			return nil, invalid("import: 单位预算 《%s》 names no unit", doc.Title)
		}
		p.key = p.subject
	}
	var err error
	if p.body, err = json.Marshal(doc); err != nil {
		return nil, fmt.Errorf("store: import: encode document: %w", err)
	}
	if len(p.body) > MaxDocumentJSON {
		return nil, invalid("import: 《%s》 is %d MB of JSON, at most %d MB", doc.Title, len(p.body)>>20, MaxDocumentJSON>>20)
	}
	findings := d.Check.Findings
	if findings == nil {
		findings = []check.Finding{}
	}
	if p.findings, err = json.Marshal(findings); err != nil {
		return nil, fmt.Errorf("store: import: encode findings: %w", err)
	}
	if len(p.findings) > MaxFindingsJSON {
		return nil, invalid("import: findings of 《%s》 are %d MB, at most %d MB", doc.Title, len(p.findings)>>20, MaxFindingsJSON>>20)
	}
	p.tables = extractTables(doc)
	for _, t := range p.tables {
		p.cells += len(t.cells)
	}
	if p.cells > MaxCellsPerDoc {
		return nil, invalid("import: 《%s》 has %d amount cells, at most %d", doc.Title, p.cells, MaxCellsPerDoc)
	}
	p.terms = extractTerms(doc, p.department)
	p.index = indexOf(doc, p.tables, p.terms)
	seen := map[string]bool{}
	for _, f := range d.Files {
		if !validFormat(f.Format) {
			return nil, invalid("import: file %s has format %q; want pdf, xlsx or html", f.Name, f.Format)
		}
		if seen[f.Format] {
			return nil, invalid("import: two %s files for 《%s》", f.Format, doc.Title)
		}
		seen[f.Format] = true
		if len(f.Data) > MaxFileSize {
			return nil, invalid("import: file %s is %d MB, at most %d MB", f.Name, len(f.Data)>>20, MaxFileSize>>20)
		}
		p.files = append(p.files, File{Format: f.Format, Name: clean(f.Name), Data: f.Data})
	}
	if err := p.addOrigin(d); err != nil {
		return nil, err
	}
	return p, nil
}

// addOrigin takes what d says of the published files it was read from. Only a
// published document has originals, and only an http(s) address is kept as its
// source, since the portal links to it.
func (p *prepared) addOrigin(d ImportDoc) error {
	if !d.Published && (len(d.Originals) > 0 || d.SourceURL != "") {
		return invalid("import: 《%s》 has original files or a source address but is not marked as published", p.title)
	}
	p.published = d.Published
	if u := strings.TrimSpace(d.SourceURL); u != "" {
		if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
			return invalid("import: source address %q of 《%s》 is not an http(s) address", u, p.title)
		}
		p.sourceURL = clean(u)
	}
	for _, o := range d.Originals {
		if len(o.Data) > MaxFileSize {
			return invalid("import: original file %s is %d MB, at most %d MB", o.Name, len(o.Data)>>20, MaxFileSize>>20)
		}
		name := clean(strings.TrimSpace(o.Name))
		if name == "" {
			return invalid("import: an original file of 《%s》 has no name", p.title)
		}
		p.originals = append(p.originals, Original{OriginalInfo: OriginalInfo{Seq: len(p.originals) + 1, Name: name, Size: int64(len(o.Data))}, Data: o.Data})
	}
	return nil
}

// DepartmentName is the 主管部门 a document belongs to: its Department, or, when a
// reader could not tell, the name it is published under without （本级）.
func DepartmentName(doc *disclosure.Document) string {
	if name := clean(strings.TrimSpace(doc.Department)); name != "" {
		return name
	}
	name := clean(strings.TrimSpace(doc.Subject))
	for _, suffix := range []string{"（本级）", "(本级)"} {
		name = strings.TrimSuffix(name, suffix)
	}
	return name
}

func importDoc(ctx context.Context, tx *tx, p *prepared, synthetic bool, at time.Time) (Imported, error) {
	im := Imported{Region: p.region, Department: p.department, Year: p.year, Kind: p.kind, Subject: p.subject,
		Title: p.title, Cells: p.cells, Files: len(p.files), Originals: len(p.originals), Errors: p.errors, Warnings: p.warnings, Infos: p.infos}
	regionID, err := upsertRegion(ctx, tx, p.region)
	if err != nil {
		return im, err
	}
	deptID, err := upsertDepartment(ctx, tx, regionID, p.department, p.code, synthetic)
	if err != nil {
		return im, err
	}
	im.DepartmentID = deptID
	if im.DocumentID, err = upsertDocument(ctx, tx, deptID, p.year, p.kind, p.key); err != nil {
		return im, err
	}
	if im.Replaced, err = supersede(ctx, tx, im.DocumentID, at); err != nil {
		return im, err
	}
	if im.VersionID, im.Number, err = insertVersion(ctx, tx, im.DocumentID, p, at); err != nil {
		return im, err
	}
	if err := insertFiles(ctx, tx, im.VersionID, p.files); err != nil {
		return im, err
	}
	if err := insertOriginals(ctx, tx, im.VersionID, p.originals); err != nil {
		return im, err
	}
	if err := insertTables(ctx, tx, im.VersionID, p.tables); err != nil {
		return im, err
	}
	if err := insertTerms(ctx, tx, im.VersionID, p.terms); err != nil {
		return im, err
	}
	return im, indexVersion(ctx, tx, im, deptID, p.index)
}

// importedDepartments lists the departments an import wrote to, once each.
func importedDepartments(res ImportResult) []int64 {
	var ids []int64
	seen := map[int64]bool{}
	for _, d := range res.Documents {
		if !seen[d.DepartmentID] {
			seen[d.DepartmentID] = true
			ids = append(ids, d.DepartmentID)
		}
	}
	return ids
}

func upsertRegion(ctx context.Context, tx *tx, name string) (int64, error) {
	var id int64
	// DO UPDATE rather than DO NOTHING so that RETURNING yields the existing row too.
	err := tx.queryRow(ctx, `INSERT INTO regions (name) VALUES (?)
		ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`, name).Scan(&id)
	return id, err
}

// upsertDepartment finds or adds a department. A code, once known, is kept when a
// later import has none; a department stays synthetic only while all its imports are.
func upsertDepartment(ctx context.Context, tx *tx, regionID int64, name, code string, synthetic bool) (int64, error) {
	var id int64
	err := tx.queryRow(ctx, `INSERT INTO departments (region_id, name, code, synthetic) VALUES (?, ?, ?, ?)
		ON CONFLICT (region_id, name) DO UPDATE SET
			code = CASE WHEN excluded.code <> '' THEN excluded.code ELSE departments.code END,
			synthetic = departments.synthetic AND excluded.synthetic
		RETURNING id`, regionID, name, code, synthetic).Scan(&id)
	return id, err
}

// upsertDocument finds or adds a document. The update on conflict also locks the
// row in PostgreSQL until commit, so two imports of one document take turns in
// numbering versions.
func upsertDocument(ctx context.Context, tx *tx, deptID int64, year int, kind, subject string) (int64, error) {
	var id int64
	err := tx.queryRow(ctx, `INSERT INTO documents (department_id, year, kind, subject) VALUES (?, ?, ?, ?)
		ON CONFLICT (department_id, year, kind, subject) DO UPDATE SET kind = excluded.kind
		RETURNING id`, deptID, year, kind, subject).Scan(&id)
	return id, err
}

// supersede marks the document's current version as history and returns its id,
// or 0 when the document has none yet.
func supersede(ctx context.Context, tx *tx, docID int64, at time.Time) (int64, error) {
	var id int64
	err := tx.queryRow(ctx, `SELECT id FROM versions WHERE document_id = ? AND superseded_at IS NULL`, docID).Scan(&id)
	if isNoRows(err) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	_, err = tx.exec(ctx, `UPDATE versions SET superseded_at = ? WHERE id = ?`, at, id)
	return id, err
}

func insertVersion(ctx context.Context, tx *tx, docID int64, p *prepared, at time.Time) (int64, int, error) {
	var number int
	if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(number), 0) + 1 FROM versions WHERE document_id = ?`, docID).Scan(&number); err != nil {
		return 0, 0, err
	}
	var id int64
	err := tx.queryRow(ctx, `INSERT INTO versions (document_id, number, title, subject, profile, source, imported_at,
			body, errors, warnings, infos, findings, published, source_url)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		docID, number, p.title, p.subject, p.profile, p.source, at,
		string(p.body), p.errors, p.warnings, p.infos, string(p.findings), p.published, p.sourceURL).Scan(&id)
	return id, number, err
}

func insertFiles(ctx context.Context, tx *tx, versionID int64, files []File) error {
	for _, f := range files {
		if _, err := tx.exec(ctx, `INSERT INTO files (version_id, format, name, size, data) VALUES (?, ?, ?, ?, ?)`,
			versionID, f.Format, f.Name, len(f.Data), f.Data); err != nil {
			return err
		}
	}
	return nil
}

func insertOriginals(ctx context.Context, tx *tx, versionID int64, originals []Original) error {
	for _, o := range originals {
		if _, err := tx.exec(ctx, `INSERT INTO originals (version_id, seq, name, size, data) VALUES (?, ?, ?, ?, ?)`,
			versionID, o.Seq, o.Name, o.Size, o.Data); err != nil {
			return err
		}
	}
	return nil
}

func insertTables(ctx context.Context, tx *tx, versionID int64, tables []tableRec) error {
	var rows [][]any
	for _, t := range tables {
		var id int64
		if err := tx.queryRow(ctx, `INSERT INTO doc_tables (version_id, seq, number, kind, title) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			versionID, t.seq, t.number, clean(string(t.kind)), t.title).Scan(&id); err != nil {
			return err
		}
		for _, c := range t.cells {
			rows = append(rows, []any{id, c.row, c.col, c.code, c.name, c.key, c.hd, c.amount})
		}
	}
	return insertMany(ctx, tx, `INSERT INTO cells (table_id, row_no, col_no, row_code, row_name, col_key, col_header, amount) VALUES `, rows)
}

func insertTerms(ctx context.Context, tx *tx, versionID int64, terms []term) error {
	rows := make([][]any, len(terms))
	for i, t := range terms {
		rows[i] = []any{versionID, t.kind, t.text}
	}
	return insertMany(ctx, tx, `INSERT INTO search_terms (version_id, kind, term) VALUES `, rows)
}

// insertMany inserts rows, all of the same width, with multi-row VALUES
// statements: one round trip per few hundred rows rather than per row matters for
// PostgreSQL over a network. head ends with VALUES.
func insertMany(ctx context.Context, tx *tx, head string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	width := len(rows[0])
	// Both databases allow far more parameters; fewer keeps statements small.
	per := max(1, 4000/width)
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")"
	for len(rows) > 0 {
		n := min(per, len(rows))
		var q strings.Builder
		q.WriteString(head)
		args := make([]any, 0, n*width)
		for i, r := range rows[:n] {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString(tuple)
			args = append(args, r...)
		}
		if _, err := tx.exec(ctx, q.String(), args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}
