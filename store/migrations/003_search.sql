-- Full-text search and department amounts (issue 11). The index holds what the
-- current versions print and nothing else: departments, units, projects and the
-- narrative, one row each (a long part in pieces), with the amount shown beside a
-- hit. grams are the words and the overlapping two-character pieces of Chinese
-- text (searchgrams.go), since neither database segments Chinese: on SQLite they
-- live in an FTS5 table keyed by the row's id, on PostgreSQL in a tsvector column
-- with a GIN index (the dialect's search_index token at the end, which also
-- makes the counter of searchID's sequence numbers). The migration's Go half
-- fills the index and the amounts for a database that has documents already
-- (fillSearch).

-- The total, basic and project spending a document's current version prints on
-- its 一般公共预算支出表（按功能分类）'s total row, in 分; no row when it has no
-- such table. A table of its own rather than columns of versions, whose rows hold
-- the whole document: SQLite reads through a row's earlier columns to reach a
-- later one, and a department list reads a thousand of these.
CREATE TABLE doc_totals (
	document_id BIGINT PRIMARY KEY REFERENCES documents (id),
	version_id BIGINT NOT NULL REFERENCES versions (id),
	total BIGINT NOT NULL,
	basic BIGINT,
	project BIGINT
);

-- A row's id orders the results (searchindex.go, searchID): its kind
-- (departments first, texts last), its year, and when it was written, so that
-- each page of a search reads its rows in id order from the match and stops.
CREATE TABLE search_docs (
	id BIGINT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('department', 'unit', 'project', 'text')),
	department_id BIGINT NOT NULL REFERENCES departments (id),
	-- The current version a unit, project or text was found in; NULL for a department.
	version_id BIGINT REFERENCES versions (id) ON DELETE CASCADE,
	document_id BIGINT REFERENCES documents (id),
	year INTEGER NOT NULL, -- a department's latest 部门预算 year, 0 when it has none
	title TEXT NOT NULL, -- the name found; empty for a text
	context TEXT NOT NULL DEFAULT '', -- a text's part (第一部分 部门概况)
	body TEXT NOT NULL DEFAULT '', -- a text's paragraphs
	amount BIGINT -- 分: a department's or 单位预算's total, a project's amount; NULL when none is printed
);

CREATE INDEX search_docs_version ON search_docs (version_id);
CREATE INDEX search_docs_department ON search_docs (department_id, kind);
-- Departments named exactly as the query come first.
CREATE INDEX search_docs_names ON search_docs (title) WHERE kind = 'department';

{{search_index}}
