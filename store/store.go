// Package store keeps imported disclosures in SQLite or PostgreSQL for the portal:
// regions, departments, documents with every imported version, their findings and
// rendered files, and each amount cell, for downloads, comparisons and totals.
// Every method is one transaction.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"
)

// Errors that callers tell apart (the portal maps them to 404 and 400, and
// ErrBusy, in errors.go, to 503).
var (
	ErrNotFound = errors.New("store: not found")
	ErrInvalid  = errors.New("store: invalid input")
)

// Bounds on what the store accepts and returns.
const (
	MaxDocumentJSON   = 20 << 20 // bytes of one document's JSON
	MaxFindingsJSON   = 20 << 20 // bytes of one document's findings JSON
	MaxFileSize       = 64 << 20 // bytes of one rendered file
	MaxImportSize     = 1000     // documents in one import
	MaxCellsPerDoc    = 500_000  // amount cells of one document
	MaxTermsPerDoc    = 10_000   // unit and project names of one document
	MaxCells          = 5_000_000
	DefaultCellLimit  = 1_000_000
	MaxSearchLimit    = 100
	MaxSearchRunes    = 100
	MaxListLength     = 10_000 // departments, documents or versions in one answer
	maxTermRunes      = 200
	maxComparisonRows = 20_000
	maxConns          = 16
)

// Store is a database of disclosures.
type Store struct {
	db *sql.DB
	d  *dialect
	// afterDocument, when set, runs inside an import after each document is written;
	// tests use it to fail halfway.
	afterDocument func(i int) error
	// imports counts the imports this Store committed; see Generation.
	imports atomic.Int64
	// auditVerified is the audit log's checkpoint (audit_verify.go).
	auditVerified auditVerified
}

// Open opens the database at dsn — a SQLite file path (created when missing) or a
// postgres:// URL — and brings its schema up to date.
func Open(ctx context.Context, dsn string) (*Store, error) {
	return openAt(ctx, dsn, 0)
}

// openAt opens the database at dsn with its schema brought up to migration upto,
// or to the latest when upto is 0: a test of a migration starts before it.
func openAt(ctx context.Context, dsn string, upto int) (*Store, error) {
	d, driverDSN, err := parseDSN(dsn)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open(d.driver, driverDSN)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", d.name, err)
	}
	// Enough for a portal's concurrent readers; a bound keeps a burst of requests
	// from opening more PostgreSQL connections than the server allows.
	db.SetMaxOpenConns(maxConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s := &Store{db: db, d: d}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: connect to %s: %w", d.name, err)
	}
	if err := s.migrateTo(ctx, upto); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Dialect is "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.d.name }

// tx is a transaction whose queries are written with ? placeholders.
type tx struct {
	*sql.Tx
	d *dialect
}

func (t *tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.ExecContext(ctx, t.d.bind(q), args...)
}

func (t *tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.QueryContext(ctx, t.d.bind(q), args...)
}

func (t *tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return t.QueryRowContext(ctx, t.d.bind(q), args...)
}

// update runs fn in a read-write transaction, committed only when fn succeeds.
func (s *Store) update(ctx context.Context, op string, fn func(*tx) error) error {
	return s.run(ctx, op, false, fn)
}

// view runs fn in a read-only transaction whose queries all see one state, that
// of the moment its first query runs.
func (s *Store) view(ctx context.Context, op string, fn func(*tx) error) error {
	return s.run(ctx, op, true, fn)
}

func (s *Store) run(ctx context.Context, op string, readOnly bool, fn func(*tx) error) error {
	opts := &sql.TxOptions{ReadOnly: readOnly}
	if readOnly {
		opts.Isolation = s.d.readIsolation
	}
	sqlTx, err := s.db.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("store: %s: begin: %w", op, s.d.busy(err))
	}
	if err := fn(&tx{Tx: sqlTx, d: s.d}); err != nil {
		sqlTx.Rollback()
		if errors.Is(err, ErrNotFound) || errors.Is(err, ErrInvalid) {
			return err
		}
		return fmt.Errorf("store: %s: %w", op, s.d.busy(err))
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: %s: commit: %w", op, s.d.busy(err))
	}
	return nil
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(...any) error }

// collect runs a query and scans every row it returns with scan.
func collect[T any](ctx context.Context, tx *tx, scan func(scanner) (T, error), q string, args ...any) ([]T, error) {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// scanOne scans a row of one column.
func scanOne[T any](sc scanner) (T, error) {
	var v T
	err := sc.Scan(&v)
	return v, err
}

func notFound(what string, id int64) error {
	return fmt.Errorf("%w: %s %d", ErrNotFound, what, id)
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}

// clean makes s storable in any text column: PostgreSQL refuses NUL and invalid
// UTF-8, which text read from a PDF can hold.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.ReplaceAll(s, "\x00", "")
}

// limit bounds a caller's limit: def when it is 0 or less, at most max.
func limit(n, def, max int) int {
	if n <= 0 {
		return def
	}
	return min(n, max)
}
