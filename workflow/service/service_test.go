package service

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"yusuan/account"
	"yusuan/budget"
	"yusuan/budget/budgettest"
	"yusuan/budgetfile"
	"yusuan/examples/examplestest"
	"yusuan/store"
	"yusuan/store/storetest"
	"yusuan/web"
	"yusuan/workflow"
)

// eachBackend runs test on a fresh SQLite store and, when YUSUAN_TEST_POSTGRES
// is set, a fresh PostgreSQL one.
func eachBackend(t *testing.T, test func(t *testing.T, st *store.Store)) {
	t.Run("sqlite", func(t *testing.T) {
		st, err := store.Open(context.Background(), t.TempDir()+"/yusuan.db")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		test(t, st)
	})
	t.Run("postgres", func(t *testing.T) {
		st, err := store.Open(context.Background(), storetest.PostgresDSN(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		test(t, st)
	})
}

// department adds a region and a department of it, as an administrator of the
// work area does.
func department(t *testing.T, st *store.Store, region, name, code string) (regionID, deptID int64) {
	t.Helper()
	ctx := context.Background()
	regionID, err := st.EnsureRegion(ctx, region)
	if err != nil {
		t.Fatal(err)
	}
	admin := account.Actor{User: account.User{ID: 9, Login: "admin", Role: account.Admin, RegionID: regionID}}
	deptID, err = st.EnsureDepartment(ctx, admin, regionID, name, code, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return regionID, deptID
}

// people are the accounts of a test region: a preparer and a reviewer of the
// department, the bureau, the publisher, and a preparer of another department.
type people struct {
	prep, dept, bureau, pub, other account.Actor
}

func actors(regionID, deptID, otherDept int64) people {
	a := func(id int64, login string, role account.Role, dept int64) account.Actor {
		return account.Actor{User: account.User{ID: id, Login: login, Name: login, Role: role, RegionID: regionID, DepartmentID: dept},
			Address: "192.0.2.1"}
	}
	return people{
		prep:   a(1, "tianbao", account.Preparer, deptID),
		dept:   a(2, "shenhe", account.DeptReviewer, deptID),
		bureau: a(3, "caizheng", account.BureauReviewer, 0),
		pub:    a(4, "fabu", account.Publisher, 0),
		other:  a(5, "bieren", account.Preparer, otherDept),
	}
}

// example is the Longgang 2024 budget as a workbook, changed by edit.
func example(t *testing.T, edit func(b *budget.Budget)) []byte {
	t.Helper()
	return exampleAt(t, "longgang-2024", edit)
}

// exampleAt is the budget of an example directory as a workbook, changed by edit.
func exampleAt(t *testing.T, dir string, edit func(b *budget.Budget)) []byte {
	t.Helper()
	b := examplestest.Load(t, dir)
	edit(b)
	var buf bytes.Buffer
	if err := budgetfile.WriteXLSX(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const (
	region   = "深圳市龙岗区"
	deptName = "深圳市龙岗区政务服务数据管理局"
	// explanationText is published with the document, and only then.
	explanationText = "部门职责第一段按区委要求重复强调，属有意为之"
)

// withWarning repeats the first paragraph of the duties: TXT-06 warns.
func withWarning(b *budget.Budget) { b.Text.Duties = append(b.Text.Duties, b.Text.Duties[0]) }

// withError adds an unknown functional code as well.
func withError(b *budget.Budget) { withWarning(b); b.Items[0].Functional = "9999999" }

func seen(s store.Submission) Seen { return Seen{State: s.State, Revision: s.Revision} }

// TestWholeFlow runs the flow of issue 13 on both stores: upload with an error,
// fix, explain a warning, submit, return with a reason, resubmit, approve,
// publish; the portal shows the document with the explanation, never before;
// the audit log lists every step and its chain holds.
func TestWholeFlow(t *testing.T) {
	eachBackend(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		regionID, deptID := department(t, st, region, deptName, "")
		_, otherID := department(t, st, region, "深圳市龙岗区另一个局", "")
		p := actors(regionID, deptID, otherID)
		now := time.Date(2024, 1, 20, 10, 0, 0, 0, workflow.Beijing)
		svc := &Service{Store: st, Now: func() time.Time { return now }}
		portal := httptest.NewServer(web.New(st, web.Options{}))
		defer portal.Close()
		secret := []string{deptName, explanationText}
		crawlClean(t, portal.URL, secret)

		// 1. The preparer uploads a workbook with an error and sees it.
		sub, fs, err := svc.Upload(ctx, p.prep, deptID, 2024, Seen{}, `C:\填报\预算.xlsx`, example(t, withError))
		if err != nil {
			t.Fatal(err)
		}
		if sub.State != workflow.Draft || sub.Errors != 1 || !hasFinding(fs, "工作表“支出明细” 第 2 行 B 列（功能科目）", "9999999") {
			t.Fatalf("upload with an error: %+v %v", sub, fs)
		}
		if _, err := svc.Submit(ctx, p.prep, sub.ID, seen(sub)); !errors.Is(err, workflow.ErrNotAllowed) {
			t.Fatalf("submit of a draft: %v", err)
		}
		if _, _, err := svc.Upload(ctx, p.other, deptID, 2024, seen(sub), "x.xlsx", example(t, withWarning)); !errors.Is(err, workflow.ErrForbidden) {
			t.Fatalf("upload by another department: %v", err)
		}
		crawlClean(t, portal.URL, secret)

		// 2. Fixed: validated at once, with a warning that blocks submission until explained.
		sub, fs, err = svc.Upload(ctx, p.prep, deptID, 2024, seen(sub), "预算.xlsx", example(t, withWarning))
		if err != nil {
			t.Fatal(err)
		}
		warn := finding(fs, workflow.Warning, "TXT-06")
		if sub.State != workflow.Validated || sub.DataVersion != 2 || sub.Unexplained != 1 || warn.Key == "" {
			t.Fatalf("fixed upload: %+v %v", sub, fs)
		}
		if _, err := svc.Submit(ctx, p.prep, sub.ID, seen(sub)); !errors.Is(err, workflow.ErrBlocked) || !strings.Contains(Message(err), "TXT-06") {
			t.Fatalf("submit with an unexplained warning: %v", err)
		}
		if sub, err = svc.Explain(ctx, p.prep, sub.ID, seen(sub), map[string]string{warn.Key: explanationText}); err != nil {
			t.Fatal(err)
		}
		crawlClean(t, portal.URL, secret)
		if sub, err = svc.Submit(ctx, p.prep, sub.ID, seen(sub)); err != nil || sub.State != workflow.Submitted {
			t.Fatalf("submit: %+v %v", sub, err)
		}
		if _, err := svc.Approve(ctx, p.prep, sub.ID, seen(sub), "2024-01-10"); !errors.Is(err, workflow.ErrForbidden) {
			t.Fatalf("approval by the preparer: %v", err)
		}

		// 3. The bureau returns it with a reason attached to the warning.
		sub, err = svc.Return(ctx, p.bureau, sub.ID, seen(sub), []store.ReturnReason{
			{Reason: "请删去重复的职责段落，或补充说明依据", FindingKey: warn.Key}})
		if err != nil || sub.State != workflow.Returned {
			t.Fatalf("return: %+v %v", sub, err)
		}
		rs, err := st.Returns(ctx, sub.ID)
		if err != nil || len(rs) != 1 || rs[0].FindingKey != warn.Key || rs[0].Login != "caizheng" {
			t.Fatalf("returns: %+v %v", rs, err)
		}
		crawlClean(t, portal.URL, secret)

		// 4. Fixed and resubmitted by the department's reviewer: the explanation carries over.
		sub, _, err = svc.Upload(ctx, p.dept, deptID, 2024, seen(sub), "预算（修改）.xlsx", example(t, withWarning))
		if err != nil || sub.State != workflow.Validated || sub.Unexplained != 0 || sub.DataVersion != 3 {
			t.Fatalf("re-upload: %+v %v", sub, err)
		}
		if sub, err = svc.Submit(ctx, p.dept, sub.ID, seen(sub)); err != nil {
			t.Fatal(err)
		}

		// 5. The bureau approves with a 批复 date: the clock runs.
		if _, err := svc.Approve(ctx, p.bureau, sub.ID, seen(sub), "2024-01-21"); !errors.Is(err, workflow.ErrBlocked) {
			t.Fatalf("approval dated tomorrow: %v", err)
		}
		if sub, err = svc.Approve(ctx, p.bureau, sub.ID, seen(sub), "2024-01-10"); err != nil || sub.Deadline.String() != "2024-01-30" {
			t.Fatalf("approve: %+v %v", sub, err)
		}
		board, err := svc.RegionBoard(ctx, p.bureau, regionID, 2024, store.DepartmentBudget)
		if err != nil || len(board) != 2 || board[0].ID != sub.ID || board[0].Clock.Text() != "剩 10 天" || board[1].State != workflow.None {
			t.Fatalf("board: %+v %v", board, err)
		}
		if _, err := svc.RegionBoard(ctx, p.prep, regionID, 2024, store.DepartmentBudget); !errors.Is(err, workflow.ErrForbidden) {
			t.Fatalf("board for a preparer: %v", err)
		}
		crawlClean(t, portal.URL, secret)

		// 6. The publisher publishes, late by a day.
		now = time.Date(2024, 1, 31, 9, 0, 0, 0, workflow.Beijing)
		if _, _, err := svc.Publish(ctx, p.bureau, sub.ID, seen(sub)); !errors.Is(err, workflow.ErrForbidden) {
			t.Fatalf("publication by the bureau: %v", err)
		}
		sub, im, err := svc.Publish(ctx, p.pub, sub.ID, seen(sub))
		if err != nil || sub.State != workflow.Published || sub.PublishedOn.String() != "2024-01-31" || im.Files != 3 {
			t.Fatalf("publish: %+v %+v %v", sub, im, err)
		}
		if c := workflow.ClockOf(sub.Approved, sub.PublishedOn, svc.today()); !c.Late || c.Text() != "逾期 1 天公开" {
			t.Errorf("clock after publication: %+v", c)
		}

		// 7. The portal shows the document and its explanation.
		ex, err := st.PublishedExplanations(ctx, im.VersionID)
		if err != nil || len(ex) != 1 || ex[0].Explanation != explanationText || ex[0].Rule != "TXT-06" {
			t.Fatalf("published explanations: %+v %v", ex, err)
		}
		d, err := st.Department(ctx, deptID)
		if err != nil || d.Documents != 1 {
			t.Fatalf("public department: %+v %v", d, err)
		}
		if body := get(t, portal.URL+"/departments"); !strings.Contains(body, deptName) {
			t.Error("published department missing from /departments")
		}
		if body := get(t, portal.URL+"/documents/"+strconv.FormatInt(im.DocumentID, 10)); !strings.Contains(body, explanationText) {
			t.Error("the document's page does not show the published explanation")
		}

		// Withdrawal and republication make a new public version.
		if sub, err = svc.Withdraw(ctx, p.pub, sub.ID, seen(sub), "表格标题有误"); err != nil || sub.State != workflow.Withdrawn {
			t.Fatalf("withdraw: %+v %v", sub, err)
		}
		sub, im2, err := svc.Republish(ctx, p.pub, sub.ID, seen(sub), "更正表格标题")
		if err != nil || im2.Number != 2 || im2.Replaced != im.VersionID || sub.Publications != 2 {
			t.Fatalf("republish: %+v %+v %v", sub, im2, err)
		}
		pubs, err := st.Publications(ctx, sub.ID)
		if err != nil || len(pubs) != 2 || pubs[0].WithdrawReason != "表格标题有误" || pubs[1].Reason != "更正表格标题" {
			t.Fatalf("publications: %+v %v", pubs, err)
		}

		// 8. The audit log lists every step, with its chain intact.
		log, err := st.ListAudit(ctx, store.AuditFilter{RegionID: regionID, DepartmentID: deptID})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for i := len(log) - 1; i >= 0; i-- {
			actions = append(actions, log[i].Login+":"+log[i].Action)
		}
		want := "admin:department.add tianbao:upload tianbao:upload tianbao:validate tianbao:explain tianbao:submit caizheng:return " +
			"shenhe:upload shenhe:validate shenhe:submit caizheng:approve fabu:publish fabu:withdraw fabu:republish"
		if got := strings.Join(actions, " "); got != want {
			t.Errorf("audit log:\n got %s\nwant %s", got, want)
		}
		if brk, n, err := st.VerifyAudit(ctx); err != nil || brk != nil || n != 15 {
			t.Errorf("audit chain: %+v %d %v", brk, n, err)
		}
		for _, e := range log {
			if e.Action == "return" && !strings.Contains(e.Detail, "请删去重复的职责段落") {
				t.Errorf("return entry without its reason: %+v", e)
			}
			if e.Action != "department.add" && (e.Address != "192.0.2.1" || e.Version == 0) {
				t.Errorf("entry without address or version: %+v", e)
			}
		}
	})
}

// TestConcurrentApprovals: of two approvals at once, one wins and the other is
// told that someone else changed the submission.
func TestConcurrentApprovals(t *testing.T) {
	eachBackend(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		regionID, deptID := department(t, st, region, deptName, "")
		p := actors(regionID, deptID, 0)
		svc := &Service{Store: st, Now: func() time.Time { return time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC) }}
		sub, _, err := svc.Upload(ctx, p.prep, deptID, 2024, Seen{}, "预算.xlsx", example(t, func(*budget.Budget) {}))
		if err != nil || sub.Unexplained != 0 {
			t.Fatalf("%+v %v", sub, err)
		}
		if sub, err = svc.Submit(ctx, p.prep, sub.ID, seen(sub)); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Go(func() { _, errs[i] = svc.Approve(ctx, p.bureau, sub.ID, seen(sub), "2024-01-15") })
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, workflow.ErrConflict):
				t.Errorf("loser: %v", err)
			}
		}
		if won != 1 {
			t.Fatalf("%d approvals won: %v", won, errs)
		}
		log, _ := st.ListAudit(ctx, store.AuditFilter{Action: "approve"})
		if len(log) != 1 {
			t.Errorf("%d approvals in the audit log", len(log))
		}
	})
}

// TestClassifiedNeverPublic publishes budgets with 涉密 units and projects and
// crawls the portal for their names; an explanation naming one is refused.
func TestClassifiedNeverPublic(t *testing.T) {
	eachBackend(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		for seed := int64(1); seed <= 3; seed++ {
			b := budgettest.Random(rand.New(rand.NewSource(seed)), budgettest.Options{Classified: true, MaxUnits: 3})
			names := classifiedNames(b)
			if len(names) == 0 {
				t.Fatalf("seed %d: no classified names", seed)
			}
			var buf bytes.Buffer
			if err := budgetfile.WriteXLSX(&buf, b); err != nil {
				t.Fatal(err)
			}
			regionID, deptID := department(t, st, b.Department.Region, b.Department.Name, b.Department.Code)
			p := actors(regionID, deptID, 0)
			svc := &Service{Store: st, Now: func() time.Time { return time.Date(b.Year, 6, 1, 0, 0, 0, 0, time.UTC) }}
			sub, fs, err := svc.Upload(ctx, p.prep, deptID, b.Year, Seen{}, "budget.xlsx", buf.Bytes())
			if err != nil || sub.State != workflow.Validated {
				t.Fatalf("seed %d: %+v %v %v", seed, sub, fs, err)
			}
			texts := map[string]string{}
			for _, f := range fs {
				if f.Severity == workflow.Warning {
					texts[f.Key] = "已核实：" + names[0]
				}
			}
			if len(texts) > 0 {
				if _, err := svc.Explain(ctx, p.prep, sub.ID, seen(sub), texts); !errors.Is(err, workflow.ErrBlocked) {
					t.Fatalf("explanation naming a classified item: %v", err)
				}
				for k := range texts {
					texts[k] = "已核实"
				}
				if sub, err = svc.Explain(ctx, p.prep, sub.ID, seen(sub), texts); err != nil {
					t.Fatal(err)
				}
			}
			if sub, err = svc.Submit(ctx, p.prep, sub.ID, seen(sub)); err != nil {
				t.Fatal(err)
			}
			if sub, err = svc.Approve(ctx, p.bureau, sub.ID, seen(sub), workflow.DateOf(svc.Now()).String()); err != nil {
				t.Fatal(err)
			}
			if _, _, err = svc.Publish(ctx, p.pub, sub.ID, seen(sub)); err != nil {
				t.Fatal(err)
			}
			portal := httptest.NewServer(web.New(st, web.Options{}))
			crawlClean(t, portal.URL, append(names, budgettest.ClassifiedPurposeMarker, budgettest.ClassifiedTargetMarker))
			portal.Close()
		}
	})
}

func hasFinding(fs []workflow.Finding, place, msg string) bool {
	for _, f := range fs {
		if strings.Contains(f.Place, place) && strings.Contains(f.Message, msg) {
			return true
		}
	}
	return false
}

func finding(fs []workflow.Finding, sev workflow.Severity, rule string) workflow.Finding {
	for _, f := range fs {
		if f.Severity == sev && f.Rule == rule {
			return f
		}
	}
	return workflow.Finding{}
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var href = regexp.MustCompile(`href="(/[^"#]*)"`)

// crawlClean fetches the portal's pages and API from its entry points,
// following its own links (at most 300 pages), and fails when any holds one of
// secret.
func crawlClean(t *testing.T, base string, secret []string) {
	t.Helper()
	queue := []string{"/", "/departments", "/region", "/search?q=" + "政务服务", "/search?q=测试部门", "/data/",
		"/data/cells.csv", "/sitemap.xml", "/api/regions", "/api/departments", "/api/years",
		"/api/search?q=政务服务", "/api/search?q=测试部门", "/api/cells"}
	seen := map[string]bool{}
	for len(queue) > 0 && len(seen) < 300 {
		u := queue[0]
		queue = queue[1:]
		if seen[u] || strings.HasPrefix(u, "/static/") || strings.Contains(u, "/download/") || strings.Contains(u, "/compare") {
			continue
		}
		seen[u] = true
		body := get(t, base+u)
		for _, s := range secret {
			if strings.Contains(body, s) {
				t.Fatalf("%s shows %q", u, s)
			}
		}
		for _, m := range href.FindAllStringSubmatch(body, -1) {
			link := strings.ReplaceAll(m[1], "&amp;", "&")
			queue = append(queue, link)
			if id, ok := strings.CutPrefix(link, "/documents/"); ok && !strings.Contains(id, "/") {
				queue = append(queue, "/api/documents/"+id, "/api/documents/"+id+"/findings")
			}
		}
	}
	t.Logf("crawled %d pages", len(seen))
}
