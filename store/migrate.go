package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered file of migrations/ (001_init.sql).
type migration struct {
	version int
	name    string
	sql     string
}

// migrationFills are the Go halves of migrations that derive new tables from what
// is stored (an index from the documents' JSON, say), by version; each runs after
// its SQL, in the same transaction.
var migrationFills = map[int]func(context.Context, *tx) error{
	3: fillSearch,
}

func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, n := range names {
		base := strings.TrimPrefix(n, "migrations/")
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a number and _", base)
		}
		data, err := migrationFiles.ReadFile(n)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: base, sql: string(data)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("migrations %s and %s have the same number", ms[i-1].name, ms[i].name)
		}
	}
	return ms, nil
}

// migrate applies the migrations not yet recorded in schema_migrations, each in a
// transaction of its own together with its record, so a failed one leaves no trace.
func (s *Store) migrate(ctx context.Context) error { return s.migrateTo(ctx, 0) }

// migrateTo is migrate up to migration upto, or every one when upto is 0.
func (s *Store) migrateTo(ctx context.Context, upto int) error {
	ms, err := migrations()
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	const create = `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name TEXT NOT NULL,
		applied_at {{time}} NOT NULL
	)`
	if _, err := s.db.ExecContext(ctx, s.d.types.Replace(create)); err != nil {
		return fmt.Errorf("store: create schema_migrations: %w", err)
	}
	for _, m := range ms {
		if upto > 0 && m.version > upto {
			break
		}
		err := s.update(ctx, "migrate "+m.name, func(tx *tx) error {
			if s.d.lockMigrations != "" {
				if _, err := tx.exec(ctx, s.d.lockMigrations); err != nil {
					return err
				}
			}
			var n int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.ExecContext(ctx, s.d.types.Replace(m.sql)); err != nil {
				return err
			}
			if fill := migrationFills[m.version]; fill != nil {
				if err := fill(ctx, tx); err != nil {
					return err
				}
			}
			_, err := tx.exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, time.Now().UTC())
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
