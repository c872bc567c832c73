package store

import (
	"context"
	"database/sql"
	"errors"
	"path"
	"strings"
)

// File is a rendered file of a version.
type File struct {
	Format string // pdf, xlsx or html
	Name   string // file name, e.g. 2024年……部门预算.pdf
	Data   []byte
}

// ContentType is the file's media type, for downloads.
func (f File) ContentType() string {
	switch f.Format {
	case "pdf":
		return "application/pdf"
	case "xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case "html":
		return "text/html; charset=utf-8"
	}
	return "application/octet-stream"
}

func validFormat(f string) bool { return f == "pdf" || f == "xlsx" || f == "html" }

// File returns a rendered file of a version.
func (s *Store) File(ctx context.Context, versionID int64, format string) (*File, error) {
	if !validFormat(format) {
		return nil, notFound("file of version", versionID)
	}
	f := &File{Format: format}
	err := s.view(ctx, "file", func(tx *tx) error {
		err := tx.queryRow(ctx, `SELECT name, data FROM files WHERE version_id = ? AND format = ?`, versionID, format).Scan(&f.Name, &f.Data)
		if isNoRows(err) {
			return notFound(format+" file of version", versionID)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// formats returns the formats of the files of a version.
func formats(ctx context.Context, tx *tx, versionID int64) ([]string, error) {
	return collect(ctx, tx, scanOne[string], `SELECT format FROM files WHERE version_id = ? ORDER BY format`, versionID)
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// Original is a published file a version was read from, kept byte for byte.
type Original struct {
	OriginalInfo
	Data []byte
}

// OriginalInfo names a published file of a version; Seq counts from 1 in the
// order the files were read.
type OriginalInfo struct {
	Seq  int
	Name string // as published, e.g. shenzhen-caizheng-2026-dept-budget.pdf
	Size int64
}

// ContentType is the original's media type, by the extension of its name.
func (o Original) ContentType() string {
	switch strings.ToLower(path.Ext(o.Name)) {
	case ".pdf":
		return "application/pdf"
	case ".xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case ".txt", ".text", ".md":
		return "text/plain; charset=utf-8"
	}
	return "application/octet-stream"
}

// Original returns published file seq of a version.
func (s *Store) Original(ctx context.Context, versionID int64, seq int) (*Original, error) {
	o := &Original{OriginalInfo: OriginalInfo{Seq: seq}}
	err := s.view(ctx, "original", func(tx *tx) error {
		err := tx.queryRow(ctx, `SELECT name, size, data FROM originals WHERE version_id = ? AND seq = ?`, versionID, seq).
			Scan(&o.Name, &o.Size, &o.Data)
		if isNoRows(err) {
			return notFound("original file of version", versionID)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// originals lists the published files of a version without their content.
func originals(ctx context.Context, tx *tx, versionID int64) ([]OriginalInfo, error) {
	return collect(ctx, tx, func(sc scanner) (OriginalInfo, error) {
		var o OriginalInfo
		err := sc.Scan(&o.Seq, &o.Name, &o.Size)
		return o, err
	}, `SELECT seq, name, size FROM originals WHERE version_id = ? ORDER BY seq`, versionID)
}

// OriginalNames returns the names of the published files the current versions
// were read from, so that a loader can leave out what is already imported.
func (s *Store) OriginalNames(ctx context.Context) (map[string]bool, error) {
	out := map[string]bool{}
	err := s.view(ctx, "original names", func(tx *tx) error {
		names, err := collect(ctx, tx, scanOne[string], `SELECT DISTINCT o.name FROM originals o
			JOIN versions v ON v.id = o.version_id AND v.superseded_at IS NULL`)
		for _, n := range names {
			out[n] = true
		}
		return err
	})
	return out, err
}
