package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrBusy says the database turned a request away for load rather than for a
// fault: SQLite stayed busy or locked, or was interrupted; PostgreSQL had no
// connection or resource left, cancelled the statement, or could not serialize
// the transaction; or the request's own time ran out while it waited. Trying
// again later may succeed; the portal answers 503 with Retry-After.
var ErrBusy = errors.New("store: database busy")

// busy wraps err with ErrBusy when it says the database was busy (see ErrBusy),
// and returns it unchanged otherwise.
func (d *dialect) busy(err error) error {
	if err == nil || errors.Is(err, ErrBusy) || !(waitedOut(err) || d.busyCode(err)) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrBusy, err)
}

// waitedOut reports whether err is database/sql's, or the context's, for a
// request whose time ran out or that was given up while it waited: database/sql
// then ends the transaction, and its commit finds it done.
func waitedOut(err error) bool {
	return errors.Is(err, sql.ErrTxDone) || errors.Is(err, sql.ErrConnDone) || errors.Is(err, context.Canceled)
}

// sqliteBusy reports whether err is SQLite's for a busy or locked database or
// an interrupted statement, by its result code.
func sqliteBusy(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff { // the primary code of an extended one
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_INTERRUPT:
		return true
	}
	return false
}

// postgresBusy reports whether err is PostgreSQL's for a request turned away
// for load, by its SQLSTATE.
func postgresBusy(err error) bool {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return false
	}
	switch {
	case len(pe.Code) == 5 && pe.Code[:2] == "53": // insufficient resources: too many connections, out of memory or disk
		return true
	case pe.Code == "57014", // query_canceled: a statement timeout
		pe.Code == "40001", // serialization_failure
		pe.Code == "40P01", // deadlock_detected
		pe.Code == "55P03": // lock_not_available
		return true
	}
	return false
}
