package store

import "context"

// Generation identifies the state of the stored data, so that a reader can keep
// what it derived from the data until the data changes. Every import adds versions
// and nothing removes them, so the number of versions and the newest one change
// with every committed import, from this process or another; both are needed
// because concurrent PostgreSQL imports may commit out of id order.
type Generation struct {
	Versions, Newest int64
}

// Generation returns the current generation of the data.
func (s *Store) Generation(ctx context.Context) (Generation, error) {
	var g Generation
	err := s.view(ctx, "generation", func(tx *tx) error {
		return tx.queryRow(ctx, `SELECT COUNT(*), COALESCE(MAX(id), 0) FROM versions`).Scan(&g.Versions, &g.Newest)
	})
	return g, err
}

// Imports is the number of imports this Store has committed: a change that a
// reader in the same process can notice without asking the database.
func (s *Store) Imports() int64 { return s.imports.Load() }

// analyze refreshes SQLite's statistics after an import, so that the planner
// starts a department's cells from its documents rather than from every table of
// a kind (twice as fast at a thousand departments). analysis_limit keeps it to a
// few milliseconds on any size. PostgreSQL analyzes on its own (autovacuum). A
// failure costs only speed, so it is not reported.
func (s *Store) analyze(ctx context.Context) {
	if s.d != sqliteDialect {
		return
	}
	// analysis_limit holds for one connection only.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA analysis_limit = 1000`); err == nil {
		conn.ExecContext(ctx, `ANALYZE`)
	}
}
