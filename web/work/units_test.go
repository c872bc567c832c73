package work

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"yusuan/account"
	"yusuan/budget"
	"yusuan/budget/budgettest"
	"yusuan/budgetfile"
	"yusuan/examples/examplestest"
	"yusuan/store"
)

// part stores a ready part of unit code in dept's data of year, as the
// department's reviewer would upload it, and returns its id.
func (e *env) part(t *testing.T, dept int64, code string, year int) int64 {
	t.Helper()
	ctx := context.Background()
	d, err := e.st.WorkDepartment(ctx, dept)
	if err != nil {
		t.Fatal(err)
	}
	actor := account.Actor{User: account.User{Login: "cli:test", Role: account.DeptReviewer, RegionID: d.RegionID, DepartmentID: dept}}
	p, err := e.st.UploadPart(ctx, actor, dept, year, store.DepartmentBudget,
		store.PartUpload{UnitCode: code, UnitName: "单位" + code, FileName: "单位.xlsx", Workbook: []byte("x"), Model: []byte("{}")})
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// twoUnitParts is the Longgang 2024 example, its first duty repeated (a TXT-06
// warning), with a second unit to which a line of spending of no project
// moves, as a whole and split into the two units' workbooks.
func twoUnitParts(t *testing.T) (whole []byte, parts [2][]byte, names [2]string) {
	t.Helper()
	b := twoUnits(t)
	split := budgettest.SplitUnits(b, false)
	return xlsxOf(t, b), [2][]byte{xlsxOf(t, split[0]), xlsxOf(t, split[1])}, [2]string{b.Units[0].Name, b.Units[1].Name}
}

func xlsxOf(t *testing.T, b *budget.Budget) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := budgetfile.WriteXLSX(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// twoUnits is the budget of twoUnitParts.
func twoUnits(t *testing.T) *budget.Budget {
	t.Helper()
	b, err := budgetfile.Load("../../examples/longgang-2024/budget.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b.Text.Duties = append(b.Text.Duties, b.Text.Duties[0])
	b.Units = append(b.Units, budget.Unit{Code: "355002", Name: "深圳市龙岗区政务服务中心", Kind: b.Units[0].Kind})
	for i := range b.Items {
		if b.Items[i].Project == "" {
			b.Items[i].Unit = "355002"
			break
		}
	}
	return b
}

var partPath = regexp.MustCompile(`/units/(\d+)/explain`)

// TestUnitPartsAuthorization is the matrix's unit level: a preparer limited to
// one unit sees and uploads only its unit and may not explain or return
// another unit's part nor assemble; the department's preparer uploads any unit;
// a part of another department is out of reach through one's own department's
// path. Every refusal leaves the audit log as it was.
func TestUnitPartsAuthorization(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		dept, err := e.st.EnsureDepartment(context.Background(), cliActor, e.region, flowDept, "", e.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		_, parts, names := twoUnitParts(t)
		for _, u := range []account.User{
			{Login: "unit-a", Name: "单位甲填报人", Unit: names[0]},
			{Login: "unit-b", Name: "单位乙填报人", Unit: "355002"},
			{Login: "whole", Name: "全部门填报人"},
		} {
			u.Role, u.RegionID, u.DepartmentID = account.Preparer, e.region, dept
			e.addUser(t, u)
		}
		page := fmt.Sprintf("/work/flow/%d/2024/units", dept)
		login := func(name string) *client {
			c := e.client(t)
			if resp, body := c.login(name, testPassword); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("login %s: %d %s", name, resp.StatusCode, excerpt(body))
			}
			return c
		}
		check := func(name string, resp *http.Response, body string, want int, says string) {
			t.Helper()
			if resp.StatusCode != want || !strings.Contains(body, says) {
				t.Errorf("%s: %d, want %d saying %q\n%s", name, resp.StatusCode, want, says, excerpt(body))
			}
		}
		a, b, whole := login("unit-a"), login("unit-b"), login("whole")

		// Own unit: allowed; the other unit's workbook: refused with its sheet and row.
		a.get(page)
		before := e.auditCount(t)
		resp, body := a.upload(page+"/upload", "乙.xlsx", parts[1], nil)
		check("unit A uploading unit B", resp, body, http.StatusUnprocessableEntity, "工作表")
		if e.auditCount(t) != before {
			t.Error("a refused upload grew the audit log")
		}
		resp, body = a.upload(page+"/upload", "甲.xlsx", parts[0], nil)
		check("unit A uploading unit A", resp, body, http.StatusSeeOther, "")
		_, body = a.get(page)
		m := partPath.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("unit A's page has no explanation form:\n%s", excerpt(body))
		}
		partA := m[1]
		if strings.Contains(body, names[1]) {
			t.Error("unit A sees unit B")
		}

		// Unit B may neither explain nor return unit A's part, nor assemble.
		_, body = b.get(page)
		if strings.Contains(body, names[0]) {
			t.Error("unit B sees unit A")
		}
		before = e.auditCount(t)
		resp, body = b.post(page+"/"+partA+"/explain", url.Values{"version": {"1"}})
		check("unit B explaining unit A", resp, body, http.StatusForbidden, "您的账号限于单位")
		resp, _ = b.post(page+"/"+partA+"/return", url.Values{"version": {"1"}, "reason": {"改"}})
		check("unit B returning unit A", resp, "", http.StatusForbidden, "")
		resp, _ = b.post(strings.TrimSuffix(page, "/units")+"/assemble", nil)
		check("unit B assembling", resp, "", http.StatusForbidden, "")
		if e.auditCount(t) != before {
			t.Error("refused steps grew the audit log")
		}

		// The department's preparer uploads unit B, naming it.
		whole.get(page)
		resp, body = whole.upload(page+"/upload", "乙.xlsx", parts[1], url.Values{"unit": {names[1]}})
		check("the department's preparer uploading unit B", resp, body, http.StatusSeeOther, "")

		// A part of another department, through one's own department's path.
		other := e.part(t, e.deptB, "009", 2024)
		resp, _ = a.post(fmt.Sprintf("%s/%d/explain", page, other), url.Values{})
		check("unit A explaining another department's part", resp, "", http.StatusForbidden, "")
	})
}

// TestAssembleWithoutGoneUnit: the department's current data holds a third
// unit that no longer uploads; the units' page names each unit from the data
// before it uploads, lists that one 未上传, and the reviewer
// assembles without it only by confirming it gone (audited). The explanation
// unit A wrote of its warning is unit A's in the assembled data, marked 单位说明.
func TestAssembleWithoutGoneUnit(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		dept, err := e.st.EnsureDepartment(context.Background(), cliActor, e.region, flowDept, "", e.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		e.addUser(t, account.User{Login: "unit-a", Name: "单位甲填报人", Role: account.Preparer, RegionID: e.region, DepartmentID: dept, Unit: "355001"})
		e.addUser(t, account.User{Login: "dept-rev", Name: "部门审核人", Role: account.DeptReviewer, RegionID: e.region, DepartmentID: dept})
		b := twoUnits(t)
		split := budgettest.SplitUnits(b, false)
		const gone = "深圳市龙岗区政务服务保障中心"
		b.Units = append(b.Units, budget.Unit{Code: "355003", Name: gone, Kind: b.Units[0].Kind})
		login := func(name string) *client {
			c := e.client(t)
			if resp, body := c.login(name, testPassword); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("login %s: %d %s", name, resp.StatusCode, excerpt(body))
			}
			return c
		}
		page := fmt.Sprintf("/work/flow/%d/2024", dept)
		rev, a := login("dept-rev"), login("unit-a")
		_, body := rev.get(page)
		if resp, body := rev.upload(page+"/upload", "三个单位.xlsx", xlsxOf(t, b), seen(t, body)); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload of three units: %d %s", resp.StatusCode, excerpt(body))
		}
		// Unit A's account names it by code: the page names it from the data before it uploads.
		if _, body := rev.get(page + "/units"); !strings.Contains(body, "<td>355001</td><td>"+split[0].Units[0].Name+"</td>") {
			t.Errorf("the units' page does not name unit A before its upload:\n%s", excerpt(body))
		}
		// Unit A uploads and explains its warning; the reviewer uploads unit B.
		a.get(page + "/units")
		if resp, body := a.upload(page+"/units/upload", "甲.xlsx", xlsxOf(t, split[0]), nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("unit A's upload: %d %s", resp.StatusCode, excerpt(body))
		}
		_, body = a.get(page + "/units")
		m, key := partPath.FindStringSubmatch(body), explainName.FindStringSubmatch(body)
		if m == nil || key == nil {
			t.Fatalf("unit A's page has no explanation:\n%s", excerpt(body))
		}
		if resp, _ := a.post(page+"/units/"+m[1]+"/explain", url.Values{"version": {"1"}, key[1]: {"职责重复系单位原文"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("unit A's explanation: %d", resp.StatusCode)
		}
		rev.get(page + "/units")
		if resp, body := rev.upload(page+"/units/upload", "乙.xlsx", xlsxOf(t, split[1]), url.Values{"unit": {"355002"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("unit B's upload: %d %s", resp.StatusCode, excerpt(body))
		}

		_, body = rev.get(page + "/units")
		for _, want := range []string{gone, "未上传", "见于部门预算当前数据第 1 版", `name="gone" value="355003" required`, "不含"} {
			if !strings.Contains(body, want) {
				t.Errorf("the units' page lacks %q:\n%s", want, excerpt(body))
			}
		}
		form := seen(t, body)
		before := e.auditCount(t)
		if resp, body := rev.post(page+"/assemble", form); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "勾选确认") {
			t.Errorf("assembly unconfirmed: %d\n%s", resp.StatusCode, excerpt(body))
		}
		if e.auditCount(t) != before {
			t.Error("a refused assembly grew the audit log")
		}
		form.Set("gone", "355003")
		if resp, body := rev.post(page+"/assemble", form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("assembly confirmed: %d\n%s", resp.StatusCode, excerpt(body))
		}
		es, err := e.st.ListAudit(context.Background(), store.AuditFilter{DepartmentID: dept, Action: "assemble"})
		if err != nil || len(es) != 1 || !strings.Contains(es[0].Detail, "经确认不含未上传的单位："+gone) {
			t.Errorf("audit of the assembly: %v %+v", err, es)
		}
		_, body = rev.get(page)
		if want := "单位说明：由单位“" + split[0].Units[0].Name + "”的 unit-a 填写，汇总时带入，可以修改"; !strings.Contains(body, want) ||
			!strings.Contains(body, "职责重复系单位原文") {
			t.Errorf("the submission's page lacks %q:\n%s", want, excerpt(body))
		}
	})
}

var returnPath = regexp.MustCompile(`/units/(\d+)/return`)

// TestFinalUnitPages assembles a 部门决算 of two units through the pages under
// /work/flow/{dept}/{year}/final/units on both stores: the 决算's page links
// there; a unit's preparer uploads its part and is refused a 预算 workbook; the
// reviewer uploads the other unit and assembles them into the 决算's new data
// version, which the 决算's page shows, while the 预算 stays unstarted; the
// bureau's board counts the 决算's parts. A part of the 决算 is not the 预算's
// to return.
func TestFinalUnitPages(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		dept := e.finalDepartment(t)
		e.addUser(t, account.User{Login: "unit-a", Name: "单位甲填报人", Role: account.Preparer, RegionID: e.region, DepartmentID: dept, Unit: "144001"})
		e.addUser(t, account.User{Login: "dept-rev", Name: "部门审核人", Role: account.DeptReviewer, RegionID: e.region, DepartmentID: dept})
		b := examplestest.TwoUnitFinal(t)
		parts := budgettest.SplitUnits(b, false)
		page := flowPath(dept, 2024, store.FinalAccounts)
		units := page + "/units"
		login := func(name string) *client {
			c := e.client(t)
			if resp, body := c.login(name, testPassword); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("login %s: %d %s", name, resp.StatusCode, excerpt(body))
			}
			return c
		}
		rev, a := login("dept-rev"), login("unit-a")
		if _, body := rev.get(page); !strings.Contains(body, `href="`+units+`">各单位数据与汇总`) || strings.Contains(body, "不经各单位汇总") {
			t.Errorf("the 决算's page does not link its units:\n%s", excerpt(body))
		}

		a.get(units)
		asBudget := *parts[0]
		asBudget.Document = budget.DocBudget
		if resp, body := a.upload(units+"/upload", "预算.xlsx", xlsxOf(t, &asBudget), nil); resp.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "不能作为部门决算上传") {
			t.Errorf("a 预算 workbook as a part of the 决算: %d\n%s", resp.StatusCode, excerpt(body))
		}
		if resp, body := a.upload(units+"/upload", "甲.xlsx", xlsxOf(t, parts[0]), nil); resp.StatusCode != http.StatusSeeOther ||
			resp.Header.Get("Location") != units+"?done=upload" {
			t.Fatalf("unit A's upload: %d %s\n%s", resp.StatusCode, resp.Header.Get("Location"), excerpt(body))
		}
		rev.get(units)
		if resp, body := rev.upload(units+"/upload", "乙.xlsx", xlsxOf(t, parts[1]), url.Values{"unit": {"144002"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("unit B's upload: %d\n%s", resp.StatusCode, excerpt(body))
		}
		_, body := rev.get(units)
		// A part of the 决算 through the 预算's units' page is refused, not returned.
		m := returnPath.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("the 决算's units' page has no part to return:\n%s", excerpt(body))
		}
		before := e.auditCount(t)
		if resp, body := rev.post(flowPath(dept, 2024, store.DepartmentBudget)+"/units/"+m[1]+"/return", url.Values{"version": {"1"}, "reason": {"请改"}}); resp.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "该单位数据属于部门决算，不属于部门预算") || e.auditCount(t) != before {
			t.Errorf("a part of the 决算 returned through the 预算's page: %d\n%s", resp.StatusCode, excerpt(body))
		}
		for _, want := range []string{"2024年部门决算 · 各单位 - ", "上海市普陀区财政局会计核算中心", "2 / 2 个单位已就绪", "汇总为部门决算", `action="` + page + `/assemble"`} {
			if !strings.Contains(body, want) {
				t.Errorf("the 决算's units' page lacks %q:\n%s", want, excerpt(body))
			}
		}
		if resp, body := rev.post(page+"/assemble", seen(t, body)); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != page+"?done=assemble" {
			t.Fatalf("assembly: %d %s\n%s", resp.StatusCode, resp.Header.Get("Location"), excerpt(body))
		}
		if _, body := rev.get(page); !strings.Contains(body, "2024年部门决算（汇总 2 个单位）.xlsx") || !strings.Contains(body, "已校验") {
			t.Errorf("the 决算's page after the assembly:\n%s", excerpt(body))
		}
		sub, err := e.st.FindSubmission(ctx, dept, 2024, store.FinalAccounts)
		if err != nil {
			t.Fatal(err)
		}
		if !same(e.model(t, sub.ID, 0), *budgettest.ByUnit(b)) {
			t.Errorf("the assembled 决算 differs from the two units' 决算")
		}
		if _, err := e.st.FindSubmission(ctx, dept, 2024, store.DepartmentBudget); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("assembling the 决算 started the 预算: %v", err)
		}
		_, board := e.as(t, account.BureauReviewer).get("/work/flow?year=2024")
		if i := strings.Index(board, "2024年部门决算</h2>"); i < 0 || !strings.Contains(board[i:], `<a href="`+units+`">2 / 2</a>`) {
			t.Errorf("the bureau's board does not count the 决算's parts:\n%s", excerpt(board))
		}
	})
}
