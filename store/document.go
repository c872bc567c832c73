package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"yusuan/check"
	"yusuan/disclosure"
)

// Document is one department's document for a year and kind, with its current
// version's summary.
type Document struct {
	ID           int64
	DepartmentID int64
	Department   string
	Region       string
	Year         int
	Kind         string // 部门预算 or 单位预算
	// Subject is the unit of a 单位预算, empty for a 部门预算.
	Subject  string
	Versions int // how many times it was imported
	Current  VersionInfo
}

// VersionInfo describes one imported version without its content.
type VersionInfo struct {
	ID, DocumentID int64
	Number         int
	Title          string
	Subject        string // as published
	Profile        string
	Source         string
	ImportedAt     time.Time
	// SupersededAt is zero for the current version.
	SupersededAt            time.Time
	Errors, Warnings, Infos int
	Formats                 []string // of its rendered files
	// Published says the version was read from published files (yusuan import of
	// a PDF, workbook or text) rather than built from budget data.
	Published bool
	// SourceURL is the address the files were published at, when the import knew it.
	SourceURL string
	// Originals are the published files it was read from, kept as they were.
	Originals []OriginalInfo
}

// Current reports whether the version is its document's current one.
func (v VersionInfo) Current() bool { return v.SupersededAt.IsZero() }

// Version is one imported version with its content.
type Version struct {
	VersionInfo
	Disclosure *disclosure.Document
	Findings   []check.Finding
}

// DocumentDetail is a document with its current version in full and its history.
type DocumentDetail struct {
	Document
	Version *Version
	History []VersionInfo // every version, newest first
}

const documentSelect = `SELECT doc.id, doc.department_id, d.name, r.name, doc.year, doc.kind, doc.subject,
		(SELECT COUNT(*) FROM versions n WHERE n.document_id = doc.id),
		v.id, v.number, v.title, v.subject, v.profile, v.source, v.imported_at, v.superseded_at, v.errors, v.warnings, v.infos,
		v.published, v.source_url
	FROM documents doc
	JOIN departments d ON d.id = doc.department_id
	JOIN regions r ON r.id = d.region_id
	JOIN versions v ON v.document_id = doc.id AND v.superseded_at IS NULL `

func scanDocument(sc scanner) (Document, error) {
	var d Document
	var superseded sql.NullTime
	v := &d.Current
	err := sc.Scan(&d.ID, &d.DepartmentID, &d.Department, &d.Region, &d.Year, &d.Kind, &d.Subject, &d.Versions,
		&v.ID, &v.Number, &v.Title, &v.Subject, &v.Profile, &v.Source, &v.ImportedAt, &superseded, &v.Errors, &v.Warnings, &v.Infos,
		&v.Published, &v.SourceURL)
	v.DocumentID = d.ID
	v.SupersededAt = superseded.Time
	return d, err
}

// Documents returns a department's documents, newest year first, the 部门预算
// before the 单位预算 of each year.
func (s *Store) Documents(ctx context.Context, deptID int64) ([]Document, error) {
	var out []Document
	err := s.view(ctx, "documents", func(tx *tx) (err error) {
		out, err = collect(ctx, tx, scanDocument, documentSelect+`WHERE doc.department_id = ?
			ORDER BY doc.year DESC, CASE doc.kind WHEN '部门预算' THEN 0 ELSE 1 END, doc.subject LIMIT ?`, deptID, MaxListLength)
		return err
	})
	return out, err
}

// Document returns a document with its current version, that version's findings
// and content, and the list of all its versions.
func (s *Store) Document(ctx context.Context, id int64) (*DocumentDetail, error) {
	var dd DocumentDetail
	err := s.view(ctx, "document", func(tx *tx) error {
		var err error
		dd.Document, err = scanDocument(tx.queryRow(ctx, documentSelect+`WHERE doc.id = ?`, id))
		if isNoRows(err) {
			return notFound("document", id)
		}
		if err != nil {
			return err
		}
		if dd.Version, err = version(ctx, tx, dd.Current.ID); err != nil {
			return err
		}
		dd.Current.Formats = dd.Version.Formats
		dd.Current.Originals = dd.Version.Originals
		dd.History, err = history(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &dd, nil
}

// Version returns one version, current or not, with its content.
func (s *Store) Version(ctx context.Context, id int64) (*Version, error) {
	var v *Version
	err := s.view(ctx, "version", func(tx *tx) error {
		var err error
		v, err = version(ctx, tx, id)
		return err
	})
	return v, err
}

const versionColumns = `id, document_id, number, title, subject, profile, source, imported_at, superseded_at, errors, warnings, infos,
	published, source_url`

func scanVersionInfo(sc scanner, extra ...any) (VersionInfo, error) {
	var v VersionInfo
	var superseded sql.NullTime
	err := sc.Scan(append([]any{&v.ID, &v.DocumentID, &v.Number, &v.Title, &v.Subject, &v.Profile, &v.Source,
		&v.ImportedAt, &superseded, &v.Errors, &v.Warnings, &v.Infos, &v.Published, &v.SourceURL}, extra...)...)
	v.SupersededAt = superseded.Time
	return v, err
}

func version(ctx context.Context, tx *tx, id int64) (*Version, error) {
	var body, findings string
	info, err := scanVersionInfo(tx.queryRow(ctx, `SELECT `+versionColumns+`, body, findings FROM versions WHERE id = ?`, id), &body, &findings)
	if isNoRows(err) {
		return nil, notFound("version", id)
	}
	if err != nil {
		return nil, err
	}
	v := &Version{VersionInfo: info}
	if err := json.Unmarshal([]byte(body), &v.Disclosure); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(findings), &v.Findings); err != nil {
		return nil, err
	}
	if v.Formats, err = formats(ctx, tx, id); err != nil {
		return nil, err
	}
	v.Originals, err = originals(ctx, tx, id)
	return v, err
}

func history(ctx context.Context, tx *tx, docID int64) ([]VersionInfo, error) {
	out, err := collect(ctx, tx, func(sc scanner) (VersionInfo, error) { return scanVersionInfo(sc) },
		`SELECT `+versionColumns+` FROM versions WHERE document_id = ? ORDER BY number DESC LIMIT ?`, docID, MaxListLength)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Formats, err = formats(ctx, tx, out[i].ID); err != nil {
			return nil, err
		}
		if out[i].Originals, err = originals(ctx, tx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Years returns the years that have documents, newest first.
func (s *Store) Years(ctx context.Context) ([]int, error) {
	var out []int
	err := s.view(ctx, "years", func(tx *tx) (err error) {
		out, err = collect(ctx, tx, scanOne[int], `SELECT DISTINCT year FROM documents ORDER BY year DESC`)
		return err
	})
	return out, err
}
