-- The units of a department prepare their parts of its 部门决算 as they do of
-- its 部门预算: unit_parts.kind's CHECK widens to the kinds of submissions.
-- PostgreSQL alters the constraint; SQLite cannot alter a CHECK, so the
-- dialect's widen_part_kinds token rebuilds the table with its ids and
-- AUTOINCREMENT counter, as migration 009 rebuilt submissions (dialect.go,
-- sqliteRebuild). The rows of unit_part_data and unit_part_explanations that
-- refer to a part find it again by its id when the transaction commits.
{{widen_part_kinds}}
