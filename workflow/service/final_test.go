package service

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"yusuan/budget"
	"yusuan/store"
	"yusuan/web"
	"yusuan/workflow"

	"net/http/httptest"
)

// TestFinalFlow takes the Putuo 2024 部门决算 as a workbook through the flow:
// upload, explanations, submission, approval and publication, after which the
// portal's 预算与决算 page of the department shows it with its outturn; the
// board and the audit log name it as the 部门决算.
func TestFinalFlow(t *testing.T) {
	eachBackend(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		const putuo = "上海市普陀区财政局"
		regionID, deptID := department(t, st, "上海市普陀区", putuo, "144")
		p := actors(regionID, deptID, 0)
		now := time.Date(2025, 6, 10, 10, 0, 0, 0, workflow.Beijing)
		svc := &Service{Store: st, Now: func() time.Time { return now }}
		final := exampleAt(t, "putuo-caizhengju-2024-juesuan", func(*budget.Budget) {})

		// In June 2025 the 2025 决算 cannot exist yet, neither whole nor by unit.
		before := auditLen(t, st)
		if _, _, err := svc.UploadKind(ctx, p.prep, deptID, 2025, store.FinalAccounts, Seen{}, "决算.xlsx", final); !errors.Is(err, workflow.ErrBlocked) ||
			!strings.Contains(err.Error(), "2025年尚未结束，部门决算在年度结束后编制") {
			t.Errorf("upload of a 决算 of the current year: %v", err)
		}
		if _, _, err := svc.UploadPart(ctx, p.prep, deptID, 2025, store.FinalAccounts, "", "单位.xlsx", final); !errors.Is(err, workflow.ErrBlocked) {
			t.Errorf("a unit's part of a 决算 of the current year: %v", err)
		}
		if auditLen(t, st) != before {
			t.Error("a refused 决算 of the current year was audited")
		}
		sub, fs, err := svc.UploadKind(ctx, p.prep, deptID, 2024, store.FinalAccounts, Seen{}, "决算.xlsx", final)
		if err != nil {
			t.Fatal(err)
		}
		if sub.Kind != store.FinalAccounts || sub.Errors != 0 || sub.State != workflow.Validated {
			t.Fatalf("upload of the 决算: %+v %v", sub, fs)
		}
		texts := map[string]string{}
		for _, f := range fs {
			if f.Severity == workflow.Warning {
				texts[f.Key] = "经核实，数据无误"
			}
		}
		if len(texts) > 0 {
			if sub, err = svc.Explain(ctx, p.prep, sub.ID, seen(sub), texts); err != nil {
				t.Fatal(err)
			}
		}
		if sub, err = svc.Submit(ctx, p.dept, sub.ID, seen(sub)); err != nil {
			t.Fatal(err)
		}
		if sub, err = svc.Approve(ctx, p.bureau, sub.ID, seen(sub), "2025-06-01"); err != nil {
			t.Fatal(err)
		}
		board, err := svc.RegionBoard(ctx, p.bureau, regionID, 2024, store.FinalAccounts)
		if err != nil || len(board) != 1 || board[0].ID != sub.ID || board[0].Clock.Text() != "剩 11 天" {
			t.Fatalf("board of the 决算: %+v %v", board, err)
		}
		if board, err := svc.RegionBoard(ctx, p.bureau, regionID, 2024, store.DepartmentBudget); err != nil || len(board) != 1 || board[0].ID != 0 {
			t.Fatalf("board of the 预算: %+v %v", board, err)
		}
		sub, im, err := svc.Publish(ctx, p.pub, sub.ID, seen(sub))
		if err != nil || sub.State != workflow.Published || im.Kind != store.FinalAccounts || im.Files != 3 {
			t.Fatalf("publish: %+v %+v %v", sub, im, err)
		}
		f, err := st.FinalOf(ctx, deptID, 2024)
		if err != nil || f.Outturn == nil || len(f.Outturn.Functional) == 0 {
			t.Fatalf("the published 部门决算: %+v %v", f, err)
		}

		portal := httptest.NewServer(web.New(st, web.Options{}))
		defer portal.Close()
		page := get(t, fmt.Sprintf("%s/departments/%d/final/2024", portal.URL, deptID))
		for _, want := range []string{putuo, "决算", "2,940.05"} {
			if !strings.Contains(page, want) {
				t.Errorf("the portal's final page lacks %q", want)
			}
		}

		log, err := st.ListAudit(ctx, store.AuditFilter{DepartmentID: deptID, Action: "publish"})
		if err != nil || len(log) != 1 || !strings.HasSuffix(log[0].Object, putuo+" 2024 部门决算") {
			t.Errorf("audit of the publication: %+v %v", log, err)
		}
	})
}

// TestKindMismatch: a 部门预算 workbook uploaded as the 部门决算, and the reverse,
// are refused by the 部门 sheet's 公开文件 cell, and nothing is stored.
func TestKindMismatch(t *testing.T) {
	eachBackend(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		regionID, deptID := department(t, st, "上海市普陀区", "上海市普陀区财政局", "144")
		p := actors(regionID, deptID, 0)
		svc := &Service{Store: st}
		final := exampleAt(t, "putuo-caizhengju-2024-juesuan", func(*budget.Budget) {})
		asBudget := exampleAt(t, "putuo-caizhengju-2024-juesuan", func(b *budget.Budget) { b.Document = budget.DocBudget })
		for _, c := range []struct {
			kind string
			data []byte
			want []string
		}{
			{store.FinalAccounts, asBudget, []string{"工作表“部门”", "第 9 行 B 列（公开文件）为“部门预算”", "不能作为部门决算上传"}},
			{store.DepartmentBudget, final, []string{"工作表“部门”", "第 9 行 B 列（公开文件）为“部门决算”", "不能作为部门预算上传"}},
		} {
			_, _, err := svc.UploadKind(ctx, p.prep, deptID, 2024, c.kind, Seen{}, "数据.xlsx", c.data)
			if !errors.Is(err, workflow.ErrBlocked) {
				t.Fatalf("%s: %v, want a refusal", c.kind, err)
			}
			for _, w := range c.want {
				if !strings.Contains(Message(err), w) {
					t.Errorf("%s: refusal %q lacks %q", c.kind, Message(err), w)
				}
			}
			if _, err := st.FindSubmission(ctx, deptID, 2024, c.kind); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("%s: a refused upload started a submission: %v", c.kind, err)
			}
		}
	})
}

// auditLen counts the audit log's entries (up to a page).
func auditLen(t *testing.T, st *store.Store) int {
	t.Helper()
	log, err := st.ListAudit(context.Background(), store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(log)
}
