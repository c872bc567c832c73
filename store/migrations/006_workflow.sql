-- The preparation and publication workflow (package workflow): one submission per
-- department, year and kind, every uploaded version of its data, the warnings'
-- explanations, the bureau's returns, and each publication into the portal.
-- Nothing here is public: the portal's queries read documents and versions only,
-- and a version exists only once a submission is published. Times are Unix
-- microseconds; dates (批复, deadline, publication) are Beijing calendar days
-- written 2026-03-05, '' when there is none.

CREATE TABLE submissions (
	id {{id}},
	region_id BIGINT NOT NULL REFERENCES regions (id),
	department_id BIGINT NOT NULL REFERENCES departments (id),
	year INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('部门预算')),
	state TEXT NOT NULL CHECK (state IN ('draft', 'validated', 'submitted', 'returned', 'approved', 'published', 'withdrawn')),
	-- revision grows by one at every step: a step names the revision it saw, and
	-- one that saw an older one is refused rather than overwriting another's step.
	revision INTEGER NOT NULL DEFAULT 1,
	data_version INTEGER NOT NULL DEFAULT 0, -- the current submission_data number
	errors INTEGER NOT NULL DEFAULT 0,
	warnings INTEGER NOT NULL DEFAULT 0,
	unexplained INTEGER NOT NULL DEFAULT 0, -- warnings of the current data without an explanation
	approved_on TEXT NOT NULL DEFAULT '',
	deadline TEXT NOT NULL DEFAULT '',
	published_on TEXT NOT NULL DEFAULT '', -- the first publication after the latest 批复
	publications INTEGER NOT NULL DEFAULT 0,
	updated_at BIGINT NOT NULL,
	UNIQUE (department_id, year, kind)
);

CREATE INDEX submissions_region ON submissions (region_id, year);

-- Every upload, kept: the file as uploaded, the budget model read from it (NULL
-- when the file could not be read), and its findings (workflow.Finding).
CREATE TABLE submission_data (
	submission_id BIGINT NOT NULL REFERENCES submissions (id),
	number INTEGER NOT NULL,
	uploaded_at BIGINT NOT NULL,
	login TEXT NOT NULL,
	file_name TEXT NOT NULL,
	workbook {{blob}} NOT NULL,
	model {{json}},
	findings {{json}} NOT NULL,
	errors INTEGER NOT NULL,
	warnings INTEGER NOT NULL,
	PRIMARY KEY (submission_id, number)
);

-- The explanation of a warning (by the finding's key) of one data version.
CREATE TABLE submission_explanations (
	submission_id BIGINT NOT NULL,
	data_version INTEGER NOT NULL,
	finding_key TEXT NOT NULL,
	body TEXT NOT NULL,
	login TEXT NOT NULL,
	at BIGINT NOT NULL,
	PRIMARY KEY (submission_id, data_version, finding_key),
	FOREIGN KEY (submission_id, data_version) REFERENCES submission_data (submission_id, number)
);

-- The reasons of a return, each attached to a finding (its key), a cell
-- (工作表“支出明细” 第 12 行 E 列) or to the whole data.
CREATE TABLE submission_returns (
	id {{id}},
	submission_id BIGINT NOT NULL REFERENCES submissions (id),
	data_version INTEGER NOT NULL,
	at BIGINT NOT NULL,
	login TEXT NOT NULL,
	reason TEXT NOT NULL,
	finding_key TEXT NOT NULL DEFAULT '',
	cell TEXT NOT NULL DEFAULT ''
);

CREATE INDEX submission_returns_submission ON submission_returns (submission_id, id);

-- Each publication: the data version published and the portal version it became
-- (whose body and files are the frozen document), with the reason of a
-- republication, and the withdrawal when there was one.
CREATE TABLE publications (
	id {{id}},
	submission_id BIGINT NOT NULL REFERENCES submissions (id),
	number INTEGER NOT NULL,
	data_version INTEGER NOT NULL,
	version_id BIGINT NOT NULL REFERENCES versions (id),
	at BIGINT NOT NULL,
	login TEXT NOT NULL,
	reason TEXT NOT NULL DEFAULT '',
	withdrawn_at BIGINT NOT NULL DEFAULT 0,
	withdraw_reason TEXT NOT NULL DEFAULT '',
	UNIQUE (submission_id, number)
);

-- The warnings of a published version with their explanations, as published with
-- it: the one table of this migration the portal reads, by version.
CREATE TABLE published_explanations (
	version_id BIGINT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
	seq INTEGER NOT NULL,
	rule TEXT NOT NULL,
	place TEXT NOT NULL,
	message TEXT NOT NULL,
	body TEXT NOT NULL,
	PRIMARY KEY (version_id, seq)
);
