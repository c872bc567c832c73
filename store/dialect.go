package store

import (
	"database/sql"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"

	// Both drivers register themselves with database/sql; the dialect picks one by name.
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"
)

// dialect holds everything that differs between SQLite and PostgreSQL. The SQL in
// this package is written once, with ? placeholders and {{type}} tokens in the
// migrations; the dialect rewrites both. Nothing else branches on the database.
type dialect struct {
	name   string // "sqlite" or "postgres", for messages
	driver string // database/sql driver name
	// types replaces the {{…}} tokens of the migrations.
	types *strings.Replacer
	// numbered says placeholders are $1, $2, … rather than ?.
	numbered bool
	// lockMigrations, when not empty, runs first in each migration transaction so
	// that two processes starting together do not both apply a migration. SQLite
	// needs none: its write transactions begin IMMEDIATE and so exclude each other.
	lockMigrations string
	// lockAudit, when not empty, runs before an audit entry is appended so that two
	// transactions never chain to the same previous entry. SQLite's write
	// transactions already exclude each other.
	lockAudit string
	// readIsolation is the isolation of read-only transactions. PostgreSQL's
	// default, READ COMMITTED, gives each statement its own snapshot, so a
	// transaction reading during an import could see the new version in one
	// query and not in the next; REPEATABLE READ gives the whole transaction one.
	// SQLite's transactions always read one snapshot.
	readIsolation sql.IsolationLevel
	// fts5 says search runs on an FTS5 table (SQLite) rather than a tsvector
	// column (PostgreSQL); see searchgrams.go.
	fts5 bool
	// busyCode reports whether an error of the driver says the database was
	// busy (errors.go).
	busyCode func(error) bool

	rebound sync.Map // query → query with numbered placeholders
}

// documentKindsSQL lists the document kinds the store holds (import.go), for the
// CHECK of documents.kind as migration 007 writes it.
const documentKindsSQL = "('部门预算', '单位预算', '部门决算')"

// submissionKindsSQL lists the kinds of data the workflow prepares and publishes
// (workflow.go), for the CHECK of submissions.kind as migration 009 writes it.
const submissionKindsSQL = "('部门预算', '部门决算')"

// submissionColumnsSQL and submissionsSQL are the columns and the definition of
// the submissions table as migration 006 made it, with migration 009's CHECK of
// kind: what SQLite's rebuild creates anew.
const (
	submissionColumnsSQL = "id, region_id, department_id, year, kind, state, revision, data_version, errors, warnings, " +
		"unexplained, approved_on, deadline, published_on, publications, updated_at"
	submissionsSQL = "id INTEGER PRIMARY KEY AUTOINCREMENT, region_id BIGINT NOT NULL REFERENCES regions (id), " +
		"department_id BIGINT NOT NULL REFERENCES departments (id), year INTEGER NOT NULL, " +
		"kind TEXT NOT NULL CHECK (kind IN " + submissionKindsSQL + "), " +
		"state TEXT NOT NULL CHECK (state IN ('draft', 'validated', 'submitted', 'returned', 'approved', 'published', 'withdrawn')), " +
		"revision INTEGER NOT NULL DEFAULT 1, data_version INTEGER NOT NULL DEFAULT 0, errors INTEGER NOT NULL DEFAULT 0, " +
		"warnings INTEGER NOT NULL DEFAULT 0, unexplained INTEGER NOT NULL DEFAULT 0, approved_on TEXT NOT NULL DEFAULT '', " +
		"deadline TEXT NOT NULL DEFAULT '', published_on TEXT NOT NULL DEFAULT '', publications INTEGER NOT NULL DEFAULT 0, " +
		"updated_at BIGINT NOT NULL, UNIQUE (department_id, year, kind)"
)

// partColumnsSQL and partsSQL are the columns and the definition of the
// unit_parts table as migration 008 made it, with migration 010's CHECK of
// kind (the kinds of submissions): what SQLite's rebuild creates anew.
const (
	partColumnsSQL = "id, region_id, department_id, year, kind, unit_code, unit_name, classified, version, errors, warnings, " +
		"unexplained, returned, assembled, updated_at"
	partsSQL = "id INTEGER PRIMARY KEY AUTOINCREMENT, region_id BIGINT NOT NULL REFERENCES regions (id), " +
		"department_id BIGINT NOT NULL REFERENCES departments (id), year INTEGER NOT NULL, " +
		"kind TEXT NOT NULL CHECK (kind IN " + submissionKindsSQL + "), " +
		"unit_code TEXT NOT NULL, unit_name TEXT NOT NULL, classified BOOLEAN NOT NULL DEFAULT FALSE, " +
		"version INTEGER NOT NULL DEFAULT 0, errors INTEGER NOT NULL DEFAULT 0, warnings INTEGER NOT NULL DEFAULT 0, " +
		"unexplained INTEGER NOT NULL DEFAULT 0, returned TEXT NOT NULL DEFAULT '', assembled INTEGER NOT NULL DEFAULT 0, " +
		"updated_at BIGINT NOT NULL, UNIQUE (department_id, year, kind, unit_code)"
)

// sqliteRebuild is the SQL that gives a SQLite table a new definition, as
// SQLite's documentation describes (ALTER TABLE, "Making Other Kinds Of Table
// Schema Changes"), for a CHECK SQLite cannot alter: the rows are copied aside,
// the table dropped and created anew under its own name, the rows copied back
// with their ids, the AUTOINCREMENT counter restored and the indexes (after)
// made again. Renaming a new table into place instead would make SQLite rewrite
// the other tables' references to the old one. Foreign-key checks are deferred
// to the commit, since PRAGMA foreign_keys cannot change inside the
// migration's transaction: dropping the table counts the rows that refer to it
// as violations, and putting each row back with its id resolves them.
func sqliteRebuild(table, columns, definition, after string) string {
	return "PRAGMA defer_foreign_keys = ON;\n" +
		"CREATE TABLE " + table + "_old AS SELECT " + columns + " FROM " + table + ";\n" +
		"CREATE TABLE " + table + "_old_seq AS SELECT seq FROM sqlite_sequence WHERE name = '" + table + "';\n" +
		"DROP TABLE " + table + ";\n" +
		"CREATE TABLE " + table + " (" + definition + ");\n" +
		"INSERT INTO " + table + " (" + columns + ") SELECT " + columns + " FROM " + table + "_old ORDER BY id;\n" +
		"DELETE FROM sqlite_sequence WHERE name = '" + table + "';\n" +
		"INSERT INTO sqlite_sequence (name, seq) SELECT '" + table + "', seq FROM " + table + "_old_seq;\n" +
		"DROP TABLE " + table + "_old;\nDROP TABLE " + table + "_old_seq;\n" + after
}

var sqliteDialect = &dialect{
	name:   "sqlite",
	driver: "sqlite",
	types: strings.NewReplacer(
		"{{id}}", "INTEGER PRIMARY KEY AUTOINCREMENT",
		"{{time}}", "TIMESTAMP",
		"{{json}}", "TEXT",
		"{{blob}}", "BLOB",
		// The ascii tokenizer splits on ASCII punctuation and spaces only, so the
		// grams written with spaces between them come back as they were.
		"{{search_index}}", "CREATE VIRTUAL TABLE search_fts USING fts5 (title, body, tokenize = 'ascii');\n"+
			"CREATE TABLE search_seq (n BIGINT NOT NULL);\nINSERT INTO search_seq (n) VALUES (0);",
		// The audit log refuses changes and deletions, whoever sends them.
		"{{widen_document_kinds}}", sqliteRebuild("documents", "id, department_id, year, kind, subject",
			"id INTEGER PRIMARY KEY AUTOINCREMENT, department_id BIGINT NOT NULL REFERENCES departments (id), "+
				"year INTEGER NOT NULL, kind TEXT NOT NULL CHECK (kind IN "+documentKindsSQL+"), "+
				"subject TEXT NOT NULL DEFAULT '', UNIQUE (department_id, year, kind, subject)",
			"CREATE INDEX documents_year ON documents (year, kind);"),
		"{{widen_submission_kinds}}", sqliteRebuild("submissions", submissionColumnsSQL, submissionsSQL,
			"CREATE INDEX submissions_region ON submissions (region_id, year);"),
		"{{widen_part_kinds}}", sqliteRebuild("unit_parts", partColumnsSQL, partsSQL, ""),
		"{{audit_guard}}", "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "+
			"BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;\n"+
			"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "+
			"BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",
	),
	fts5:     true,
	busyCode: sqliteBusy,
}

var postgresDialect = &dialect{
	name:   "postgres",
	driver: "pgx",
	types: strings.NewReplacer(
		"{{id}}", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
		"{{time}}", "TIMESTAMPTZ",
		// json rather than jsonb: documents are stored and returned whole, and jsonb
		// refuses the \u0000 escape that text read from a PDF can carry.
		"{{json}}", "JSON",
		"{{blob}}", "BYTEA",
		"{{search_index}}", "ALTER TABLE search_docs ADD COLUMN grams TSVECTOR NOT NULL DEFAULT '';\n"+
			"CREATE INDEX search_docs_grams ON search_docs USING GIN (grams);\n"+
			"CREATE SEQUENCE search_seq;",
		"{{widen_document_kinds}}", "ALTER TABLE documents DROP CONSTRAINT documents_kind_check;\n"+
			"ALTER TABLE documents ADD CONSTRAINT documents_kind_check CHECK (kind IN "+documentKindsSQL+");",
		"{{widen_submission_kinds}}", "ALTER TABLE submissions DROP CONSTRAINT submissions_kind_check;\n"+
			"ALTER TABLE submissions ADD CONSTRAINT submissions_kind_check CHECK (kind IN "+submissionKindsSQL+");",
		"{{widen_part_kinds}}", "ALTER TABLE unit_parts DROP CONSTRAINT unit_parts_kind_check;\n"+
			"ALTER TABLE unit_parts ADD CONSTRAINT unit_parts_kind_check CHECK (kind IN "+submissionKindsSQL+");",
		"{{audit_guard}}", "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "+
			"$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;\n"+
			"CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "+
			"FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();",
	),
	numbered:       true,
	lockMigrations: "SELECT pg_advisory_xact_lock(7365421)",
	lockAudit:      "SELECT pg_advisory_xact_lock(7365422)",
	readIsolation:  sql.LevelRepeatableRead,
	busyCode:       postgresBusy,
}

// sqliteParams are the connection settings of every SQLite connection: WAL so that
// readers never wait for the writer, foreign keys enforced, a wait rather than an
// immediate SQLITE_BUSY when another process writes, and write transactions that
// take the write lock when they begin (read-only ones stay deferred), so two
// writers queue instead of failing on lock upgrade.
var sqliteParams = url.Values{
	"_pragma": {"busy_timeout(10000)", "foreign_keys(1)", "journal_mode(WAL)", "synchronous(NORMAL)"},
	"_txlock": {"immediate"},
}

// parseDSN picks the dialect for dsn and returns what to give its driver: a
// postgres:// or postgresql:// URL as it is, anything else as a SQLite file path.
func parseDSN(dsn string) (*dialect, string, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return postgresDialect, dsn, nil
	}
	switch {
	case dsn == "":
		return nil, "", fmt.Errorf("store: empty database path")
	case dsn == ":memory:" || strings.HasPrefix(dsn, "file::memory:"):
		// Each pooled connection would get a database of its own.
		return nil, "", fmt.Errorf("store: in-memory SQLite is not supported; use a file")
	case strings.ContainsAny(dsn, "?#"):
		return nil, "", fmt.Errorf("store: SQLite path %q must not contain ? or #", dsn)
	}
	return sqliteDialect, dsn + "?" + sqliteParams.Encode(), nil
}

// bind rewrites the ? placeholders of q for the dialect. Quoted literals are left
// alone so that a ? inside one is not taken for a placeholder.
func (d *dialect) bind(q string) string {
	if !d.numbered {
		return q
	}
	if v, ok := d.rebound.Load(q); ok {
		return v.(string)
	}
	var b strings.Builder
	n := 0
	quoted := false
	for _, r := range q {
		switch {
		case r == '\'':
			quoted = !quoted
		case r == '?' && !quoted:
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	// Long queries are the multi-row inserts, whose text varies with the row count.
	if len(q) < 2048 {
		d.rebound.Store(q, b.String())
	}
	return b.String()
}
