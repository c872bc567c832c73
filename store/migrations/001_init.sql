-- The first schema of the portal store. {{…}} tokens are replaced per database
-- (see dialect.go); everything else is the same SQL for SQLite and PostgreSQL.

CREATE TABLE regions (
	id {{id}},
	name TEXT NOT NULL UNIQUE -- 深圳市龙岗区
);

-- A department (主管部门) of a region. code comes from budget inputs; published
-- documents carry none. synthetic marks generated or reconstructed example data,
-- so that the portal can label it; a real import clears it.
CREATE TABLE departments (
	id {{id}},
	region_id BIGINT NOT NULL REFERENCES regions (id),
	name TEXT NOT NULL,
	code TEXT NOT NULL DEFAULT '',
	synthetic BOOLEAN NOT NULL DEFAULT FALSE,
	UNIQUE (region_id, name)
);

-- A document is what stays the same across imports: one department, year, kind
-- and subject. subject is the unit's name for a 单位预算 and empty for a 部门预算,
-- whose published name varies (（本级） or not) between sources.
CREATE TABLE documents (
	id {{id}},
	department_id BIGINT NOT NULL REFERENCES departments (id),
	year INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('部门预算', '单位预算')),
	subject TEXT NOT NULL DEFAULT '',
	UNIQUE (department_id, year, kind, subject)
);

CREATE INDEX documents_year ON documents (year, kind);

-- Every import of a document is a version; the current one has no superseded_at.
CREATE TABLE versions (
	id {{id}},
	document_id BIGINT NOT NULL REFERENCES documents (id),
	number INTEGER NOT NULL,
	title TEXT NOT NULL,
	subject TEXT NOT NULL, -- as published, e.g. with （本级）
	profile TEXT NOT NULL,
	source TEXT NOT NULL DEFAULT '', -- the file it was imported from
	imported_at {{time}} NOT NULL,
	superseded_at {{time}},
	body {{json}} NOT NULL, -- the disclosure.Document
	errors INTEGER NOT NULL DEFAULT 0,
	warnings INTEGER NOT NULL DEFAULT 0,
	infos INTEGER NOT NULL DEFAULT 0,
	findings {{json}} NOT NULL, -- []check.Finding
	UNIQUE (document_id, number)
);

CREATE UNIQUE INDEX versions_current ON versions (document_id) WHERE superseded_at IS NULL;

-- Rendered files of a version, when the import had them.
CREATE TABLE files (
	version_id BIGINT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
	format TEXT NOT NULL CHECK (format IN ('pdf', 'xlsx', 'html')),
	name TEXT NOT NULL,
	size BIGINT NOT NULL,
	data {{blob}} NOT NULL,
	PRIMARY KEY (version_id, format)
);

-- The tables of a version, in document order (seq); number is 0 for a table set in
-- the narrative.
CREATE TABLE doc_tables (
	id {{id}},
	version_id BIGINT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
	seq INTEGER NOT NULL,
	number INTEGER NOT NULL,
	kind TEXT NOT NULL,
	title TEXT NOT NULL,
	UNIQUE (version_id, seq)
);

CREATE INDEX doc_tables_kind ON doc_tables (kind);

-- One row per amount cell, in 分. row_name is the label nearest to the left of the
-- cell, since one printed row can hold two items (收支总表).
CREATE TABLE cells (
	table_id BIGINT NOT NULL REFERENCES doc_tables (id) ON DELETE CASCADE,
	row_no INTEGER NOT NULL,
	col_no INTEGER NOT NULL,
	row_code TEXT NOT NULL,
	row_name TEXT NOT NULL,
	col_key TEXT NOT NULL,
	col_header TEXT NOT NULL,
	amount BIGINT NOT NULL,
	PRIMARY KEY (table_id, row_no, col_no)
);

-- Unit and project names of a version, for search. Department names are searched
-- in departments itself.
CREATE TABLE search_terms (
	id {{id}},
	version_id BIGINT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('unit', 'project')),
	term TEXT NOT NULL
);

CREATE INDEX search_terms_version ON search_terms (version_id);
