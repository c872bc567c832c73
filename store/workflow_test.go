package store

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"yusuan/account"
	"yusuan/workflow"
)

// TestWorkDepartmentNotPublic: a region and department added for the work area,
// with a submission in it, appear in none of the portal's lists until something
// is published.
func TestWorkDepartmentNotPublic(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		regionID, deptID := workDepartment(t, s, "某某县", "某某县保密局")
		prep := account.Actor{User: account.User{ID: 1, Login: "a", Role: account.Preparer, RegionID: regionID, DepartmentID: deptID}}
		if _, err := s.UploadData(ctx, Step{Actor: prep}, deptID, 2026, DepartmentBudget, Upload{FileName: "a.xlsx", Workbook: []byte("x")}); err != nil {
			t.Fatal(err)
		}
		regions, err := s.Regions(ctx)
		if err != nil || len(regions) != 0 {
			t.Errorf("regions: %+v %v", regions, err)
		}
		depts, err := s.Departments(ctx, "")
		if err != nil || len(depts) != 0 {
			t.Errorf("departments: %+v %v", depts, err)
		}
		if _, err := s.Department(ctx, deptID); !errors.Is(err, ErrNotFound) {
			t.Errorf("department: %v", err)
		}
		page, err := s.DepartmentList(ctx, DepartmentFilter{})
		if err != nil || len(page.Departments) != 0 || page.Total != 0 {
			t.Errorf("department list: %+v %v", page, err)
		}
		if d, err := s.WorkDepartment(ctx, deptID); err != nil || d.Region != "某某县" || d.Name != "某某县保密局" || d.Documents != 0 {
			t.Errorf("WorkDepartment: %+v %v", d, err)
		}
		if ds, err := s.WorkDepartments(ctx, "某某县"); err != nil || len(ds) != 1 || ds[0].ID != deptID {
			t.Errorf("WorkDepartments: %+v %v", ds, err)
		}
	})
}

// TestStepChecks: a step names the revision it saw; an older one, another
// department's actor, or an explanation of no warning are refused, and nothing
// of a refused step is written.
func TestStepChecks(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		regionID, deptID := workDepartment(t, s, "某某县", "某某县财政局")
		prep := account.Actor{User: account.User{ID: 1, Login: "a", Role: account.Preparer, RegionID: regionID, DepartmentID: deptID}}
		stranger := prep
		stranger.User.DepartmentID = deptID + 1
		warn := workflow.NewFinding(workflow.Finding{Severity: workflow.Warning, Stage: workflow.StageDocument, Rule: "TXT-06", Place: "第一部分", Message: "重复"})
		sub, err := s.UploadData(ctx, Step{Actor: prep}, deptID, 2026, DepartmentBudget,
			Upload{FileName: "a.xlsx", Workbook: []byte("x"), Findings: []workflow.Finding{warn}, Validate: true})
		if err != nil || sub.State != workflow.Validated || sub.Revision != 3 {
			t.Fatalf("upload: %+v %v", sub, err)
		}
		stale := Step{Actor: prep, SubmissionID: sub.ID, Expect: sub.State, Revision: sub.Revision - 1}
		if _, err := s.Explain(ctx, stale, map[string]string{warn.Key: "说明"}); !errors.Is(err, workflow.ErrConflict) {
			t.Errorf("stale revision: %v", err)
		}
		if _, err := s.Explain(ctx, Step{Actor: stranger, SubmissionID: sub.ID}, map[string]string{warn.Key: "说明"}); !errors.Is(err, workflow.ErrForbidden) {
			t.Errorf("other department: %v", err)
		}
		if _, err := s.Explain(ctx, Step{Actor: prep, SubmissionID: sub.ID}, map[string]string{"nokey": "说明"}); !errors.Is(err, workflow.ErrBlocked) {
			t.Errorf("unknown key: %v", err)
		}
		got, err := s.Submission(ctx, sub.ID)
		if err != nil || got.Revision != sub.Revision || got.Unexplained != 1 {
			t.Errorf("after refused steps: %+v %v", got, err)
		}
		log, err := s.ListAudit(ctx, AuditFilter{})
		if err != nil || len(log) != 3 { // the department's addition, the upload and its validation
			t.Errorf("audit after refused steps: %d entries, %v", len(log), err)
		}
	})
}

// workDepartment adds a region and a department as the work area's administrator does.
func workDepartment(t *testing.T, s *Store, region, name string) (regionID, deptID int64) {
	t.Helper()
	ctx := context.Background()
	regionID, err := s.EnsureRegion(ctx, region)
	if err != nil {
		t.Fatal(err)
	}
	admin := account.Actor{User: account.User{ID: 9, Login: "admin", Role: account.Admin, RegionID: regionID}}
	if deptID, err = s.EnsureDepartment(ctx, admin, regionID, name, "", time.Now()); err != nil {
		t.Fatal(err)
	}
	return regionID, deptID
}

// TestConcurrentFirstUploads: two first uploads of one submission at once both
// succeed, as its first and second data versions.
func TestConcurrentFirstUploads(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		regionID, deptID := workDepartment(t, s, "某某县", "某某县教育局")
		prep := account.Actor{User: account.User{ID: 1, Login: "a", Role: account.Preparer, RegionID: regionID, DepartmentID: deptID}}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Go(func() {
				_, errs[i] = s.UploadData(ctx, Step{Actor: prep}, deptID, 2026, DepartmentBudget, Upload{FileName: "a.xlsx", Workbook: []byte("x")})
			})
		}
		wg.Wait()
		if errs[0] != nil || errs[1] != nil {
			t.Fatalf("uploads: %v", errs)
		}
		sub, err := s.FindSubmission(ctx, deptID, 2026, DepartmentBudget)
		if err != nil || sub.DataVersion != 2 || sub.State != workflow.Draft {
			t.Errorf("after two first uploads: %+v %v", sub, err)
		}
	})
}
