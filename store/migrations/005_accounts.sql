-- Accounts of the work area, their sessions and the login attempts that throttle
-- guessing. Times are Unix microseconds, exact on both databases.
--
-- A user belongs to a region and, when its role is department-scoped (preparer,
-- department reviewer), to one department of it; department_id is NULL for
-- region-wide roles. password_hash is an argon2id PHC string. failed_logins counts
-- the failures since the last successful login; locked_until, when in the
-- future, refuses every login until then or until an administrator resets it.
CREATE TABLE users (
	id {{id}},
	login TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('preparer', 'dept_reviewer', 'bureau_reviewer', 'publisher', 'admin')),
	region_id BIGINT NOT NULL REFERENCES regions (id),
	department_id BIGINT REFERENCES departments (id),
	unit TEXT NOT NULL DEFAULT '',
	password_hash TEXT NOT NULL,
	disabled BOOLEAN NOT NULL DEFAULT FALSE,
	failed_logins INTEGER NOT NULL DEFAULT 0,
	locked_until BIGINT NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL,
	changed_at BIGINT NOT NULL
);

CREATE INDEX users_region ON users (region_id, department_id);

-- A session is known by the SHA-256 (hex) of its token; the token itself lives
-- only in the visitor's cookie. csrf is the secret every form of the session
-- carries. A session ends at expires_at, or earlier when last_seen is older than
-- the idle limit.
CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id BIGINT NOT NULL REFERENCES users (id),
	csrf TEXT NOT NULL,
	address TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	last_seen BIGINT NOT NULL
);

CREATE INDEX sessions_user ON sessions (user_id);

-- Every login attempt, kept for a day, so that failures can be counted per login
-- (known or not) and per address.
CREATE TABLE login_attempts (
	id {{id}},
	at BIGINT NOT NULL,
	login TEXT NOT NULL,
	address TEXT NOT NULL,
	ok BOOLEAN NOT NULL
);

CREATE INDEX login_attempts_login ON login_attempts (login, at);
CREATE INDEX login_attempts_address ON login_attempts (address, at);
CREATE INDEX login_attempts_at ON login_attempts (at);
