-- Each budget unit's part of a department's data: the unit's preparer uploads a
-- workbook holding that unit alone, and every version is kept as submission_data
-- keeps the department's; the department's reviewer returns a part with a reason,
-- or assembles the parts, once every one is ready, into a new data version of the
-- department's submission. Like the rest of the workflow, nothing here is public.

CREATE TABLE unit_parts (
	id {{id}},
	region_id BIGINT NOT NULL REFERENCES regions (id),
	department_id BIGINT NOT NULL REFERENCES departments (id),
	year INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('部门预算')),
	unit_code TEXT NOT NULL,
	unit_name TEXT NOT NULL,
	classified BOOLEAN NOT NULL DEFAULT FALSE,
	version INTEGER NOT NULL DEFAULT 0, -- the current unit_part_data number
	errors INTEGER NOT NULL DEFAULT 0,
	warnings INTEGER NOT NULL DEFAULT 0,
	unexplained INTEGER NOT NULL DEFAULT 0,
	-- The reviewer's reason while the current version is returned; '' otherwise.
	returned TEXT NOT NULL DEFAULT '',
	-- The submission data version the current version was assembled into; 0 when
	-- it has not been.
	assembled INTEGER NOT NULL DEFAULT 0,
	updated_at BIGINT NOT NULL,
	UNIQUE (department_id, year, kind, unit_code)
);

-- Every upload of a part: the file, the budget model read from it and its findings.
CREATE TABLE unit_part_data (
	part_id BIGINT NOT NULL REFERENCES unit_parts (id),
	number INTEGER NOT NULL,
	uploaded_at BIGINT NOT NULL,
	login TEXT NOT NULL,
	file_name TEXT NOT NULL,
	workbook {{blob}} NOT NULL,
	model {{json}} NOT NULL,
	findings {{json}} NOT NULL,
	errors INTEGER NOT NULL,
	warnings INTEGER NOT NULL,
	PRIMARY KEY (part_id, number)
);

-- The explanation of a warning (by the finding's key) of one version of a part.
CREATE TABLE unit_part_explanations (
	part_id BIGINT NOT NULL,
	number INTEGER NOT NULL,
	finding_key TEXT NOT NULL,
	body TEXT NOT NULL,
	login TEXT NOT NULL,
	at BIGINT NOT NULL,
	PRIMARY KEY (part_id, number, finding_key),
	FOREIGN KEY (part_id, number) REFERENCES unit_part_data (part_id, number)
);
