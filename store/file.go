package store

import (
	"context"
	"database/sql"
	"errors"
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
