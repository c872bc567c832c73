package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"yusuan/store/storetest"
)

// TestBusySQLite: SQLite's own busy error, as the driver returns it, comes out
// of the store as ErrBusy with the driver's error kept; other errors do not.
func TestBusySQLite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "yusuan.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	// Two connections of their own that do not wait: the second cannot take the
	// write lock the first holds.
	open := func() *sql.Conn {
		db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(0)")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		c, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	holder, other := open(), open()
	if _, err := holder.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	_, busyErr := other.ExecContext(ctx, "BEGIN IMMEDIATE")
	if busyErr == nil {
		t.Fatal("a second writer took the lock")
	}
	_, syntaxErr := other.ExecContext(ctx, "SELEC 1")
	if _, err := holder.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}

	err = s.update(ctx, "import", func(*tx) error { return busyErr })
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), busyErr.Error()) || !strings.HasPrefix(err.Error(), "store: import: ") {
		t.Errorf("busy: %v (ErrBusy %t)", err, errors.Is(err, ErrBusy))
	}
	if err := s.update(ctx, "import", func(*tx) error { return syntaxErr }); errors.Is(err, ErrBusy) {
		t.Errorf("a syntax error is ErrBusy: %v", err)
	}
	if err := s.view(ctx, "x", func(*tx) error { return notFound("department", 1) }); errors.Is(err, ErrBusy) || !errors.Is(err, ErrNotFound) {
		t.Errorf("not found: %v", err)
	}
	// The driver's text alone, without its error, is not taken for busy.
	if err := s.view(ctx, "x", func(*tx) error { return errors.New(busyErr.Error()) }); errors.Is(err, ErrBusy) {
		t.Errorf("text: %v", err)
	}
	// A transaction that database/sql ended because the request's time ran out.
	if err := s.view(ctx, "x", func(*tx) error { return sql.ErrTxDone }); !errors.Is(err, ErrBusy) {
		t.Errorf("ErrTxDone: %v", err)
	}
}

// TestBusyPostgres: PostgreSQL's errors for load come out as ErrBusy: a lock
// not granted in time during a store read, a statement timeout, too many
// connections; others do not.
func TestBusyPostgres(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.PostgresDSN(t)
	// The store's connections give up waiting for a lock after 200 ms.
	s, err := Open(ctx, dsn+"&lock_timeout=200")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	raw, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()

	lock, err := raw.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lock.ExecContext(ctx, "LOCK TABLE regions IN ACCESS EXCLUSIVE MODE"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = s.Regions(ctx)
	lock.Rollback()
	var pe *pgconn.PgError
	if !errors.Is(err, ErrBusy) || !errors.As(err, &pe) || pe.Code != "55P03" {
		t.Errorf("a read waiting on a lock: %v after %v", err, time.Since(start))
	}
	if _, err := s.Regions(ctx); err != nil {
		t.Errorf("after the lock: %v", err)
	}

	conn, err := raw.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET statement_timeout = 10"); err != nil {
		t.Fatal(err)
	}
	_, timeout := conn.ExecContext(ctx, "SELECT pg_sleep(1)")
	_, syntax := conn.ExecContext(ctx, "SELEC 1")
	for _, c := range []struct {
		err  error
		busy bool
	}{
		{timeout, true},
		{syntax, false},
		{fmt.Errorf("failed to connect: %w", &pgconn.PgError{Severity: "FATAL", Code: "53300", Message: "sorry, too many clients already"}), true},
		{&pgconn.PgError{Code: "40001", Message: "could not serialize access"}, true},
		{&pgconn.PgError{Code: "23505", Message: "duplicate key value"}, false},
	} {
		err := s.view(ctx, "x", func(*tx) error { return c.err })
		if errors.Is(err, ErrBusy) != c.busy {
			t.Errorf("%v: ErrBusy %t, want %t", c.err, errors.Is(err, ErrBusy), c.busy)
		}
	}
}
