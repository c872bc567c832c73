-- The work area prepares and publishes a department's 部门决算 as it does its
-- 部门预算: submissions.kind's CHECK widens. PostgreSQL alters the constraint;
-- SQLite cannot alter a CHECK, so the dialect's widen_submission_kinds token
-- rebuilds the table with its ids, AUTOINCREMENT counter and index, as migration
-- 007 rebuilt documents (dialect.go, sqliteRebuild). The rows of
-- submission_data, submission_returns and publications that refer to a
-- submission find it again by its id when the transaction commits. The units'
-- parts (unit_parts) stay 部门预算 alone: a 决算 is uploaded whole.
{{widen_submission_kinds}}
