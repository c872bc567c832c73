package service

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"yusuan/account"
	"yusuan/budget"
	"yusuan/budget/budgettest"
	"yusuan/budgetfile"
	"yusuan/examples/examplestest"
	"yusuan/store"
	"yusuan/workflow"
)

// unitPreparer is a preparer of the department limited to unit.
func unitPreparer(regionID, deptID int64, id int64, unit string) account.Actor {
	return account.Actor{User: account.User{ID: id, Login: fmt.Sprintf("unit%d", id), Name: unit, Role: account.Preparer,
		RegionID: regionID, DepartmentID: deptID, Unit: unit}, Address: "192.0.2.7"}
}

func xlsxOf(t *testing.T, b *budget.Budget) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := budgetfile.WriteXLSX(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// explainAll explains every warning of a part.
func explainAll(t *testing.T, svc *Service, actor account.Actor, p store.Part, fs []workflow.Finding) store.Part {
	t.Helper()
	texts := map[string]string{}
	for _, f := range fs {
		if f.Severity == workflow.Warning {
			texts[f.Key] = "单位已核实"
		}
	}
	if len(texts) == 0 {
		return p
	}
	p, err := svc.ExplainPart(context.Background(), actor, p.Kind, p.ID, p.Version, texts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestAssembleRandomBudgets is the property of assembly: a random valid budget
// split into its units, each uploaded by its own unit's preparer, assembles
// into exactly the budget (every amount, code and text, each unit's rows
// together), as the department's new data version, validated.
func TestAssembleRandomBudgets(t *testing.T) {
	seeds := int64(6)
	if testing.Short() {
		seeds = 3
	}
	eachBackend(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		for seed := int64(1); seed <= seeds; seed++ {
			b := budgettest.Random(rand.New(rand.NewSource(seed)), budgettest.Options{MaxUnits: 4, Classified: seed%2 == 0})
			regionID, deptID := department(t, st, b.Department.Region, b.Department.Name, b.Department.Code)
			p := actors(regionID, deptID, 0)
			svc := &Service{Store: st, Now: func() time.Time { return time.Date(b.Year, 6, 1, 0, 0, 0, 0, time.UTC) }}
			for i, part := range budgettest.SplitUnits(b, false) {
				actor := unitPreparer(regionID, deptID, int64(100+i), part.Units[0].Name)
				got, fs, err := svc.UploadPart(ctx, actor, deptID, b.Year, store.DepartmentBudget, "", fmt.Sprintf("单位%d.xlsx", i+1), xlsxOf(t, part))
				if err != nil {
					t.Fatalf("seed %d unit %d: %v", seed, i, err)
				}
				if got.Errors > 0 {
					t.Fatalf("seed %d unit %d: errors %v", seed, i, fs)
				}
				if got = explainAll(t, svc, actor, got, fs); got.State() != workflow.PartReady {
					t.Fatalf("seed %d unit %d: %s", seed, i, got.State())
				}
			}
			sub, fs, err := svc.Assemble(ctx, p.dept, deptID, b.Year, store.DepartmentBudget, Seen{}, nil)
			if err != nil {
				t.Fatalf("seed %d: assemble: %v", seed, err)
			}
			if sub.State != workflow.Validated || sub.Errors > 0 {
				t.Fatalf("seed %d: assembled %s with %d errors: %v", seed, sub.State, sub.Errors, fs)
			}
			dv, err := st.SubmissionData(ctx, sub.ID, 0)
			if err != nil {
				t.Fatal(err)
			}
			want, err := json.Marshal(budgettest.ByUnit(b))
			if err != nil {
				t.Fatal(err)
			}
			if string(dv.Model) != string(want) {
				t.Errorf("seed %d: the assembled data differs from the budget split\n got %.400s\nwant %.400s", seed, dv.Model, want)
			}
			entries, err := st.ListAudit(ctx, store.AuditFilter{DepartmentID: deptID, Action: string(workflow.Assemble)})
			if err != nil || len(entries) != 1 || !strings.Contains(entries[0].Detail, "汇总") {
				t.Errorf("seed %d: audit of the assembly: %v %+v", seed, err, entries)
			}
		}
	})
}

// TestAssembleShuiwu assembles the 13 units of the Shenzhen 水务局's 2026
// budget, each unit's workbook uploaded by its own preparer, into exactly that
// budget.
func TestAssembleShuiwu(t *testing.T) {
	b := examplestest.Load(t, "shenzhen-shuiwu-2026")
	want, err := json.Marshal(budgettest.ByUnit(b))
	if err != nil {
		t.Fatal(err)
	}
	eachBackend(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		regionID, deptID := department(t, st, "深圳市", b.Department.Name, b.Department.Code)
		svc := &Service{Store: st}
		for i, part := range budgettest.SplitUnits(b, false) {
			actor := unitPreparer(regionID, deptID, int64(100+i), part.Units[0].Code)
			got, fs, err := svc.UploadPart(ctx, actor, deptID, b.Year, store.DepartmentBudget, "", part.Units[0].Code+".xlsx", xlsxOf(t, part))
			if err != nil || explainAll(t, svc, actor, got, fs).State() != workflow.PartReady {
				t.Fatalf("unit %s: %v %v", part.Units[0].Code, err, fs)
			}
		}
		sub, fs, err := svc.Assemble(ctx, actors(regionID, deptID, 0).dept, deptID, b.Year, store.DepartmentBudget, Seen{}, nil)
		if err != nil || sub.State != workflow.Validated {
			t.Fatalf("assemble: %+v %v %v", sub, err, fs)
		}
		dv, err := st.SubmissionData(ctx, sub.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if string(dv.Model) != string(want) {
			t.Errorf("the assembled data differs from the budget")
		}
	})
}

// TestUnitParts walks a department of two units: a part naming another unit is
// refused with its place, a unit's preparer may not touch the other unit, the
// reviewer returns a part, assembly waits for every unit and refuses parts that
// conflict, and once the department is submitted its parts are closed.
func TestUnitParts(t *testing.T) {
	eachBackend(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		b := budgettest.Random(rand.New(rand.NewSource(7)), budgettest.Options{Units: 2})
		regionID, deptID := department(t, st, b.Department.Region, b.Department.Name, b.Department.Code)
		p := actors(regionID, deptID, 0)
		svc := &Service{Store: st, Now: func() time.Time { return time.Date(b.Year, 6, 1, 0, 0, 0, 0, time.UTC) }}
		parts := budgettest.SplitUnits(b, false)
		unitA := unitPreparer(regionID, deptID, 101, parts[0].Units[0].Name)
		unitB := unitPreparer(regionID, deptID, 102, parts[1].Units[0].Code)

		// Unit B's preparer is expected before it uploads.
		units, err := svc.UnitParts(ctx, p.dept, deptID, b.Year, store.DepartmentBudget)
		if err != nil || len(units) != 0 {
			t.Fatalf("no account limited yet: %v %v", units, err)
		}

		// The whole department's workbook is not unit A's part.
		if _, _, err := svc.UploadPart(ctx, unitA, deptID, b.Year, store.DepartmentBudget, "", "全部.xlsx", xlsxOf(t, b)); !errors.Is(err, workflow.ErrBlocked) ||
			!strings.Contains(err.Error(), "含有其他单位的数据") || !strings.Contains(err.Error(), "第 ") {
			t.Errorf("unit A uploading the whole department: %v", err)
		}
		// Nor may a department's preparer upload it as a part without choosing.
		if _, _, err := svc.UploadPart(ctx, p.prep, deptID, b.Year, store.DepartmentBudget, "", "全部.xlsx", xlsxOf(t, b)); !errors.Is(err, workflow.ErrBlocked) ||
			!strings.Contains(err.Error(), "只能含有一个单位") {
			t.Errorf("department's preparer uploading the whole department as a part: %v", err)
		}
		// A paragraph of the duties twice: a warning for unit A to explain.
		duty := strings.Repeat("负责全区政务服务数据管理工作，", 7) + "统筹推进数字政府建设。"
		parts[0].Text.Duties = []string{duty, duty}
		a, fs, err := svc.UploadPart(ctx, unitA, deptID, b.Year, store.DepartmentBudget, "", "甲.xlsx", xlsxOf(t, parts[0]))
		if err != nil {
			t.Fatal(err)
		}
		a = explainAll(t, svc, unitA, a, fs)
		if _, err := svc.ExplainPart(ctx, unitB, store.DepartmentBudget, a.ID, a.Version, map[string]string{"x": "y"}); !errors.Is(err, workflow.ErrForbidden) {
			t.Errorf("unit B explaining unit A: %v", err)
		}
		if _, err := svc.ReturnPart(ctx, p.prep, store.DepartmentBudget, a.ID, a.Version, "请改"); !errors.Is(err, workflow.ErrForbidden) {
			t.Errorf("a preparer returning a part: %v", err)
		}
		if _, _, err := svc.Assemble(ctx, p.prep, deptID, b.Year, store.DepartmentBudget, Seen{}, nil); !errors.Is(err, workflow.ErrForbidden) {
			t.Errorf("a preparer assembling: %v", err)
		}

		// A conflict: unit B's part carries one of unit A's project codes.
		bad := *parts[1]
		if len(parts[0].Projects) > 0 {
			pr := parts[0].Projects[0]
			pr.Unit = bad.Units[0].Code
			bad.Projects = append(append([]budget.Project{}, bad.Projects...), pr)
		} else {
			bad.Text.Duties = []string{"另一份部门职责"} // a department block given two ways
			parts[0].Text.Duties = []string{"部门职责"}
		}
		// A department's preparer may upload any unit, naming it.
		bp, fs, err := svc.UploadPart(ctx, p.prep, deptID, b.Year, store.DepartmentBudget, bad.Units[0].Name, "乙.xlsx", xlsxOf(t, &bad))
		if err != nil {
			t.Fatal(err)
		}
		explainAll(t, svc, p.prep, bp, fs)
		if _, _, err := svc.Assemble(ctx, p.dept, deptID, b.Year, store.DepartmentBudget, Seen{}, nil); !errors.Is(err, workflow.ErrBlocked) || !strings.Contains(err.Error(), "冲突") || !strings.Contains(err.Error(), "乙.xlsx 工作表") {
			t.Errorf("assembling conflicting parts: %v", err)
		} else {
			t.Log(err)
		}
		// Unit B corrects it; the reviewer returns unit A's part; assembly waits for it.
		bp, fs, err = svc.UploadPart(ctx, unitB, deptID, b.Year, store.DepartmentBudget, "", "乙.xlsx", xlsxOf(t, parts[1]))
		if err != nil {
			t.Fatal(err)
		}
		explainAll(t, svc, unitB, bp, fs)
		if a, err = svc.ReturnPart(ctx, p.dept, store.DepartmentBudget, a.ID, a.Version, "请核对人员经费"); err != nil || a.State() != workflow.PartReturned {
			t.Fatalf("return: %+v %v", a, err)
		}
		if _, _, err := svc.Assemble(ctx, p.dept, deptID, b.Year, store.DepartmentBudget, Seen{}, nil); !errors.Is(err, workflow.ErrBlocked) || !strings.Contains(err.Error(), "已退回") {
			t.Errorf("assembling with a returned part: %v", err)
		}
		if units, _ := svc.UnitParts(ctx, unitA, deptID, b.Year, store.DepartmentBudget); len(units) != 1 || units[0].Part.ID != a.ID {
			t.Errorf("unit A sees %+v, want its own unit alone", units)
		}
		a, fs, err = svc.UploadPart(ctx, unitA, deptID, b.Year, store.DepartmentBudget, "", "甲.xlsx", xlsxOf(t, parts[0]))
		if err != nil {
			t.Fatal(err)
		}
		explainAll(t, svc, unitA, a, fs)
		sub, _, err := svc.Assemble(ctx, p.dept, deptID, b.Year, store.DepartmentBudget, Seen{}, nil)
		if err != nil || sub.State != workflow.Validated {
			t.Fatalf("assemble: %+v %v", sub, err)
		}
		units, err = svc.UnitParts(ctx, p.dept, deptID, b.Year, store.DepartmentBudget)
		if err != nil || len(units) != 2 {
			t.Fatalf("units: %+v %v", units, err)
		}
		for _, u := range units {
			if u.Part.Assembled != sub.DataVersion {
				t.Errorf("unit %s: assembled into %d, want %d", u.Code, u.Part.Assembled, sub.DataVersion)
			}
		}
		// The assembled data goes on as any upload does.
		sub = explainSubmission(t, svc, p.dept, sub)
		if sub, err = svc.Submit(ctx, p.dept, sub.ID, seen(sub)); err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.UploadPart(ctx, unitA, deptID, b.Year, store.DepartmentBudget, "", "甲.xlsx", xlsxOf(t, parts[0])); !errors.Is(err, workflow.ErrBlocked) ||
			!strings.Contains(err.Error(), "已报送") {
			t.Errorf("a part uploaded while the department is submitted: %v", err)
		}
		for _, action := range []string{"part.upload", "part.explain", "part.return", "assemble"} {
			if es, err := st.ListAudit(ctx, store.AuditFilter{DepartmentID: deptID, Action: action}); err != nil || len(es) == 0 {
				t.Errorf("audit has no %s: %v", action, err)
			}
		}
	})
}

// explainSubmission explains every warning of the submission's current data.
func explainSubmission(t *testing.T, svc *Service, actor account.Actor, sub store.Submission) store.Submission {
	t.Helper()
	dv, err := svc.Store.SubmissionData(context.Background(), sub.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, f := range dv.Findings {
		if f.Severity == workflow.Warning {
			texts[f.Key] = "已核实"
		}
	}
	if len(texts) == 0 {
		return sub
	}
	sub, err = svc.Explain(context.Background(), actor, sub.ID, seen(sub), texts)
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

// TestAssembleGoneUnitAndExplanations: a unit of the department's budget
// published last year that has not uploaded this year is expected, by name,
// and blocks assembly until the reviewer confirms it gone (audited); the
// explanations a unit wrote of its warnings carry over to the same warnings of
// the assembled data as that unit's, until the reviewer edits them.
func TestAssembleGoneUnitAndExplanations(t *testing.T) {
	eachBackend(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		prev := budgettest.Random(rand.New(rand.NewSource(7)), budgettest.Options{Units: 3, Year: 2024})
		cur := budgettest.Random(rand.New(rand.NewSource(7)), budgettest.Options{Units: 3, Year: 2025})
		regionID, deptID := department(t, st, cur.Department.Region, cur.Department.Name, cur.Department.Code)
		p := actors(regionID, deptID, 0)
		svc := &Service{Store: st, Now: func() time.Time { return time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC) }}

		// Last year's budget of three units, published.
		sub, fs, err := svc.Upload(ctx, p.dept, deptID, 2024, Seen{}, "2024.xlsx", xlsxOf(t, prev))
		if err != nil || sub.Errors > 0 {
			t.Fatalf("upload 2024: %v %v", err, fs)
		}
		sub = explainSubmission(t, svc, p.dept, sub)
		if sub, err = svc.Submit(ctx, p.dept, sub.ID, seen(sub)); err != nil {
			t.Fatal(err)
		}
		if sub, err = svc.Approve(ctx, p.bureau, sub.ID, seen(sub), "2025-01-10"); err != nil {
			t.Fatal(err)
		}
		if _, _, err = svc.Publish(ctx, p.pub, sub.ID, seen(sub)); err != nil {
			t.Fatal(err)
		}

		// This year two units upload; unit A explains a warning of the department's text.
		parts := budgettest.SplitUnits(cur, false)
		duty := strings.Repeat("负责全区政务服务数据管理工作，", 7) + "统筹推进数字政府建设。"
		parts[0].Text.Duties = []string{duty, duty}
		parts[0].Performance.Tasks = nil // they add up to the spending of the unit that is gone too
		unitA := unitPreparer(regionID, deptID, 101, parts[0].Units[0].Name)
		a, fs, err := svc.UploadPart(ctx, unitA, deptID, 2025, store.DepartmentBudget, "", "甲.xlsx", xlsxOf(t, parts[0]))
		if err != nil {
			t.Fatal(err)
		}
		a = explainAll(t, svc, unitA, a, fs)
		bp, fs, err := svc.UploadPart(ctx, p.prep, deptID, 2025, store.DepartmentBudget, parts[1].Units[0].Code, "乙.xlsx", xlsxOf(t, parts[1]))
		if err != nil {
			t.Fatal(err)
		}
		explainAll(t, svc, p.prep, bp, fs)

		gone := cur.Units[2]
		units, err := svc.UnitParts(ctx, p.dept, deptID, 2025, store.DepartmentBudget)
		if err != nil || len(units) != 3 {
			t.Fatalf("units: %+v %v", units, err)
		}
		if u := units[2]; u.Code != gone.Code || u.Name != gone.Name || u.State != workflow.PartMissing || !strings.Contains(u.Expected, "已公开的2024年") {
			t.Errorf("the unit of last year's publication: %+v", u)
		}
		if _, _, err := svc.Assemble(ctx, p.dept, deptID, 2025, store.DepartmentBudget, Seen{}, nil); !errors.Is(err, workflow.ErrBlocked) ||
			!strings.Contains(err.Error(), gone.Name+"（未上传）") || !strings.Contains(err.Error(), "勾选确认") {
			t.Errorf("assembling without the unit, unconfirmed: %v", err)
		}
		sub, _, err = svc.Assemble(ctx, p.dept, deptID, 2025, store.DepartmentBudget, Seen{}, []string{gone.Code})
		if err != nil {
			t.Fatalf("assembling without the unit, confirmed: %v", err)
		}
		entries, err := st.ListAudit(ctx, store.AuditFilter{DepartmentID: deptID, Action: string(workflow.Assemble)})
		if err != nil || len(entries) != 1 || !strings.Contains(entries[0].Detail, "经确认不含未上传的单位："+gone.Name) ||
			!strings.Contains(entries[0].Detail, "单位说明") {
			t.Errorf("audit of the assembly: %v %+v", err, entries)
		}

		// Unit A's explanations of the warnings the assembled data shares are unit A's.
		pd, err := st.PartData(ctx, a.ID, a.Version)
		if err != nil {
			t.Fatal(err)
		}
		dv, err := st.SubmissionData(ctx, sub.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		var shared []string
		for _, f := range dv.Findings {
			if f.Severity == workflow.Warning && pd.Explanations[f.Key] != "" {
				shared = append(shared, f.Key)
			}
		}
		if len(shared) == 0 {
			t.Fatalf("the assembled data shares no warning with unit A's part: %v", dv.Findings)
		}
		notes, err := svc.UnitExplanations(ctx, deptID, 2025, store.DepartmentBudget, dv)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range shared {
			if dv.Explanations[k] != "单位已核实" || dv.Authors[k] != unitA.User.Login {
				t.Errorf("warning %s: explanation %q by %q, want unit A's", k, dv.Explanations[k], dv.Authors[k])
			}
			if n := notes[k]; n.Unit != parts[0].Units[0].Name || n.Login != unitA.User.Login {
				t.Errorf("warning %s: note %+v, want unit A's", k, n)
			}
		}

		// The reviewer saves them unchanged: still unit A's; then edits one: the reviewer's.
		explain := func(text string) map[string]UnitNote {
			t.Helper()
			texts := map[string]string{}
			for _, k := range shared {
				texts[k] = "单位已核实"
			}
			texts[shared[0]] = text
			if sub, err = svc.Explain(ctx, p.dept, sub.ID, seen(sub), texts); err != nil {
				t.Fatal(err)
			}
			if dv, err = st.SubmissionData(ctx, sub.ID, 0); err != nil {
				t.Fatal(err)
			}
			notes, err := svc.UnitExplanations(ctx, deptID, 2025, store.DepartmentBudget, dv)
			if err != nil {
				t.Fatal(err)
			}
			return notes
		}
		if notes := explain("单位已核实"); notes[shared[0]].Unit == "" {
			t.Errorf("an explanation saved unchanged is no longer unit A's: %q", dv.Authors[shared[0]])
		}
		if notes := explain("部门已核实"); notes[shared[0]].Unit != "" || dv.Authors[shared[0]] != p.dept.User.Login {
			t.Errorf("the reviewer's edit is still the unit's: %+v by %q", notes[shared[0]], dv.Authors[shared[0]])
		}
		// Assembled again: the reviewer's edit stays.
		if sub, _, err = svc.Assemble(ctx, p.dept, deptID, 2025, store.DepartmentBudget, seen(sub), []string{gone.Code}); err != nil {
			t.Fatal(err)
		}
		if dv, err = st.SubmissionData(ctx, sub.ID, 0); err != nil || dv.Explanations[shared[0]] != "部门已核实" {
			t.Errorf("assembled again: %q %v", dv.Explanations[shared[0]], err)
		}
	})
}

// TestAssembleFinal assembles a 部门决算 from its two units' parts, each
// uploaded by its own unit's preparer under the 决算's kind, into exactly the
// 决算 (its income by unit too), as the new data version of the department's
// 部门决算, validated, while its 部门预算 stays unstarted. A 预算 workbook is
// refused as a part of the 决算, a part of the 决算 is not returned as the
// 预算's, and a part giving the 决算说明 otherwise than the other is a
// conflict.
func TestAssembleFinal(t *testing.T) {
	b := examplestest.TwoUnitFinal(t)
	want, err := json.Marshal(budgettest.ByUnit(b))
	if err != nil {
		t.Fatal(err)
	}
	eachBackend(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		regionID, deptID := department(t, st, "上海市普陀区", b.Department.Name, "144")
		p := actors(regionID, deptID, 0)
		svc := &Service{Store: st, Now: func() time.Time { return time.Date(2025, 6, 1, 0, 0, 0, 0, workflow.Beijing) }}
		parts := budgettest.SplitUnits(b, true)

		asBudget := *parts[0]
		asBudget.Document = budget.DocBudget
		if _, _, err := svc.UploadPart(ctx, p.prep, deptID, 2024, store.FinalAccounts, "", "预算.xlsx", xlsxOf(t, &asBudget)); !errors.Is(err, workflow.ErrBlocked) ||
			!strings.Contains(Message(err), "不能作为部门决算上传") {
			t.Fatalf("a 预算 workbook as a part of the 决算: %v", err)
		}

		for i, part := range parts {
			actor := unitPreparer(regionID, deptID, int64(100+i), part.Units[0].Code)
			got, fs, err := svc.UploadPart(ctx, actor, deptID, 2024, store.FinalAccounts, "", part.Units[0].Code+".xlsx", xlsxOf(t, part))
			if err != nil || got.Kind != store.FinalAccounts || explainAll(t, svc, actor, got, fs).State() != workflow.PartReady {
				t.Fatalf("unit %s: %+v %v %v", part.Units[0].Code, got, err, fs)
			}
		}
		// A part of the 决算 is not the 预算's to return.
		parts1, err := st.Parts(ctx, deptID, 2024, store.FinalAccounts)
		if err != nil || len(parts1) != 2 {
			t.Fatalf("the 决算's parts: %+v %v", parts1, err)
		}
		if _, err := svc.ReturnPart(ctx, p.dept, store.DepartmentBudget, parts1[0].ID, parts1[0].Version, "请改"); !errors.Is(err, workflow.ErrBlocked) ||
			!strings.Contains(Message(err), "该单位数据属于部门决算，不属于部门预算") {
			t.Errorf("returning a part of the 决算 as the 预算's: %v", err)
		}
		if units, err := svc.UnitParts(ctx, p.dept, deptID, 2024, store.DepartmentBudget); err != nil || len(units) != 0 {
			t.Errorf("the 预算's units after the 决算's parts: %+v %v", units, err)
		}
		sub, fs, err := svc.Assemble(ctx, p.dept, deptID, 2024, store.FinalAccounts, Seen{}, nil)
		if err != nil || sub.Kind != store.FinalAccounts || sub.State != workflow.Validated {
			t.Fatalf("assemble: %+v %v %v", sub, err, fs)
		}
		dv, err := st.SubmissionData(ctx, sub.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if string(dv.Model) != string(want) {
			t.Errorf("the assembled 决算 differs from the 决算 split\n got %.400s\nwant %.400s", dv.Model, want)
		}
		if dv.FileName != b.Department.Name+"2024年部门决算（汇总 2 个单位）.xlsx" {
			t.Errorf("the assembled 决算's file: %s", dv.FileName)
		}
		if _, err := st.FindSubmission(ctx, deptID, 2024, store.DepartmentBudget); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("assembling the 决算 started the 预算: %v", err)
		}

		// The second unit gives the 决算说明 otherwise: a conflict naming both files.
		other := *parts[1]
		f := *other.Final
		f.Text.TotalReason += "（另一说明）"
		other.Final = &f
		actor := unitPreparer(regionID, deptID, 101, other.Units[0].Code)
		got, fs, err := svc.UploadPart(ctx, actor, deptID, 2024, store.FinalAccounts, "", "另.xlsx", xlsxOf(t, &other))
		if err != nil || explainAll(t, svc, actor, got, fs).State() != workflow.PartReady {
			t.Fatalf("the second unit again: %v %v", err, fs)
		}
		sub, err = st.FindSubmission(ctx, deptID, 2024, store.FinalAccounts)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.Assemble(ctx, p.dept, deptID, 2024, store.FinalAccounts, seen(sub), nil); !errors.Is(err, workflow.ErrBlocked) ||
			!strings.Contains(Message(err), "部门的“决算说明”与文件") || !strings.Contains(Message(err), "另.xlsx") {
			t.Errorf("assembling conflicting 决算说明: %v", err)
		}
	})
}
