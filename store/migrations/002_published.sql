-- Where a version came from when it was read from published files rather than
-- built from budget data: published marks it, source_url is the address the
-- files were published at when the import knew it, and originals keeps the files
-- byte for byte, so that the portal offers the document as published instead of
-- a rendering of what was read from it.
ALTER TABLE versions ADD COLUMN published BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE versions ADD COLUMN source_url TEXT NOT NULL DEFAULT '';

-- The published files of a version, in the order they were read (the narrative
-- before the tables when a document is published as two files).
CREATE TABLE originals (
	version_id BIGINT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
	seq INTEGER NOT NULL,
	name TEXT NOT NULL,
	size BIGINT NOT NULL,
	data {{blob}} NOT NULL,
	PRIMARY KEY (version_id, seq)
);
