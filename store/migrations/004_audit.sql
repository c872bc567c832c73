-- The work area's audit log: one row per action (who, when, what, on which
-- object and version, from which address), appended and never changed. Each row
-- carries the SHA-256 of its content and of the row before it (hash, prev_hash),
-- so that an edit or a deletion made outside the application breaks the chain and
-- `VerifyAudit` finds it. at is Unix time in microseconds, exact on both databases.
CREATE TABLE audit_log (
	id {{id}},
	at BIGINT NOT NULL,
	user_id BIGINT NOT NULL DEFAULT 0,
	login TEXT NOT NULL DEFAULT '',
	role TEXT NOT NULL DEFAULT '',
	region_id BIGINT NOT NULL DEFAULT 0,
	department_id BIGINT NOT NULL DEFAULT 0,
	action TEXT NOT NULL,
	object TEXT NOT NULL DEFAULT '',
	version INTEGER NOT NULL DEFAULT 0,
	address TEXT NOT NULL DEFAULT '',
	detail TEXT NOT NULL DEFAULT '',
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
);

CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_region ON audit_log (region_id, department_id, id);

{{audit_guard}}
