package store

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"yusuan/account"
	"yusuan/store/storetest"
	"yusuan/workflow"
)

// TestMigration9 widens submissions.kind to the 部门决算 on a database at
// migration 8 holding submissions with data, explanations and returns: every
// row keeps its id and its references, the index and the id counter survive,
// and the CHECK still refuses any other kind.
func TestMigration9(t *testing.T) {
	ctx := context.Background()
	test := func(t *testing.T, dsn string) {
		s, err := openAt(ctx, dsn, 8)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		regionID, deptID := workDepartment(t, s, "某某县", "某某县财政局")
		_, otherID := workDepartment(t, s, "某某县", "某某县教育局")
		prep := account.Actor{User: account.User{ID: 1, Login: "a", Role: account.Preparer, RegionID: regionID, DepartmentID: deptID}}
		warn := workflow.NewFinding(workflow.Finding{Severity: workflow.Warning, Stage: workflow.StageDocument, Rule: "TXT-06", Place: "第一部分", Message: "重复"})
		up := Upload{FileName: "a.xlsx", Workbook: []byte("x"), Findings: []workflow.Finding{warn}, Validate: true}
		sub, err := s.UploadData(ctx, Step{Actor: prep}, deptID, 2025, DepartmentBudget, up)
		if err != nil {
			t.Fatal(err)
		}
		if sub, err = s.Explain(ctx, Step{Actor: prep, SubmissionID: sub.ID}, map[string]string{warn.Key: "说明"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Submit(ctx, Step{Actor: prep, SubmissionID: sub.ID}); err != nil {
			t.Fatal(err)
		}
		bureau := account.Actor{User: account.User{ID: 2, Login: "b", Role: account.BureauReviewer, RegionID: regionID}}
		if _, err := s.Return(ctx, Step{Actor: bureau, SubmissionID: sub.ID}, []ReturnReason{{Reason: "请核实"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UploadData(ctx, Step{Actor: prep}, deptID, 2026, DepartmentBudget, up); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UploadData(ctx, Step{Actor: prep}, deptID, 2025, FinalAccounts, up); err == nil {
			t.Fatal("a database at migration 8 took a 部门决算 submission")
		}
		// A submission id left unused at the top: the counter must not hand it out again.
		if _, err := s.db.ExecContext(ctx, s.d.bind(`INSERT INTO submissions (region_id, department_id, year, kind, state, updated_at)
			VALUES (?, ?, 1990, '部门预算', 'draft', 0)`), regionID, otherID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.ExecContext(ctx, `DELETE FROM submissions WHERE year = 1990`); err != nil {
			t.Fatal(err)
		}
		var maxID int64
		if err := s.db.QueryRowContext(ctx, `SELECT MAX(id) FROM submissions`).Scan(&maxID); err != nil {
			t.Fatal(err)
		}
		before, counts := submissionRows(t, s), workflowCounts(t, s)
		if err := s.migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if after := submissionRows(t, s); after != before {
			t.Errorf("submissions after migration 9:\n%s\nwant\n%s", after, before)
		}
		if after := workflowCounts(t, s); after != counts {
			t.Errorf("rows after migration 9: %s, want %s", after, counts)
		}
		var indexes int
		q := `SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'submissions_region'`
		if !s.d.fts5 {
			q = `SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'submissions_region' AND schemaname = current_schema()`
		}
		if err := s.db.QueryRowContext(ctx, q).Scan(&indexes); err != nil || indexes != 1 {
			t.Errorf("index submissions_region: %d (%v), want 1", indexes, err)
		}
		if _, err := s.db.ExecContext(ctx, s.d.bind(`INSERT INTO submission_returns (submission_id, data_version, at, login, reason)
			VALUES (999999, 1, 0, 'x', 'x')`)); err == nil {
			t.Error("a return of no submission was accepted after the migration")
		}
		if _, err := s.db.ExecContext(ctx, s.d.bind(`INSERT INTO submissions (region_id, department_id, year, kind, state, updated_at)
			VALUES (?, ?, 2024, '单位预算', 'draft', 0)`), regionID, deptID); err == nil {
			t.Error("the CHECK took kind 单位预算 after the migration")
		}
		final, err := s.UploadData(ctx, Step{Actor: prep}, deptID, 2025, FinalAccounts, up)
		if err != nil {
			t.Fatal(err)
		}
		if final.Kind != FinalAccounts || final.ID <= maxID+1 {
			t.Errorf("the 部门决算 became submission %d (%s); want a new id above the unused %d", final.ID, final.Kind, maxID+1)
		}
	}
	t.Run("sqlite", func(t *testing.T) { test(t, t.TempDir()+"/yusuan.db") })
	t.Run("postgres", func(t *testing.T) { test(t, storetest.PostgresDSN(t)) })
}

// submissionRows lists every submission's columns, by id.
func submissionRows(t *testing.T, s *Store) string {
	t.Helper()
	return tableRows(t, s, "submissions", submissionColumnsSQL)
}

// tableRows lists the columns of every row of table, by id.
func tableRows(t *testing.T, s *Store, table, columns string) string {
	t.Helper()
	rows, err := s.db.Query(`SELECT ` + columns + ` FROM ` + table + ` ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		cols := make([]any, strings.Count(columns, ",")+1)
		for i := range cols {
			cols[i] = new(any)
		}
		if err := rows.Scan(cols...); err != nil {
			t.Fatal(err)
		}
		line := make([]string, len(cols))
		for i, c := range cols {
			line[i] = fmt.Sprint(*c.(*any))
		}
		out = append(out, strings.Join(line, " "))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, "\n")
}

// workflowCounts counts the rows of the tables that refer to submissions.
func workflowCounts(t *testing.T, s *Store) string {
	t.Helper()
	var out []string
	for _, table := range []string{"submission_data", "submission_explanations", "submission_returns", "publications", "audit_log"} {
		var n int
		if err := s.db.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %d", table, n))
	}
	return strings.Join(out, ", ")
}

// TestSubmissionKinds: a department's 部门预算 and 部门决算 of one year are two
// submissions, each found and listed by its kind and named by it in the audit
// log; no other kind is taken.
func TestSubmissionKinds(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		regionID, deptID := workDepartment(t, s, "某某县", "某某县财政局")
		prep := account.Actor{User: account.User{ID: 1, Login: "a", Role: account.Preparer, RegionID: regionID, DepartmentID: deptID}}
		up := Upload{FileName: "a.xlsx", Workbook: []byte("x"), Validate: true}
		budget, err := s.UploadData(ctx, Step{Actor: prep}, deptID, 2025, DepartmentBudget, up)
		if err != nil {
			t.Fatal(err)
		}
		final, err := s.UploadData(ctx, Step{Actor: prep}, deptID, 2025, FinalAccounts, up)
		if err != nil {
			t.Fatal(err)
		}
		if final.ID == budget.ID || final.Kind != FinalAccounts || final.DataVersion != 1 {
			t.Fatalf("the 部门决算 %+v beside the 部门预算 %+v", final, budget)
		}
		if _, err := s.UploadData(ctx, Step{Actor: prep}, deptID, 2025, UnitBudget, up); err == nil {
			t.Error("a 单位预算 submission was taken")
		}
		if got, err := s.FindSubmission(ctx, deptID, 2025, FinalAccounts); err != nil || got.ID != final.ID {
			t.Errorf("FindSubmission 部门决算: %+v %v", got, err)
		}
		for _, kind := range []string{DepartmentBudget, FinalAccounts} {
			rows, err := s.RegionBoard(ctx, regionID, 2025, kind)
			if err != nil || len(rows) != 1 || rows[0].Kind != kind {
				t.Errorf("RegionBoard %s: %+v %v", kind, rows, err)
			}
		}
		subs, err := s.DepartmentSubmissions(ctx, deptID)
		if err != nil || len(subs) != 2 {
			t.Errorf("DepartmentSubmissions: %+v %v", subs, err)
		}
		log, err := s.ListAudit(ctx, AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		named := 0
		for _, e := range log {
			if strings.HasSuffix(e.Object, "某某县财政局 2025 部门决算") {
				named++
			}
		}
		if named != 2 { // the upload and its validation
			t.Errorf("%d audit entries name the 部门决算, want 2", named)
		}
	})
}
