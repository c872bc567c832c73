package work

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"yusuan/account"
	"yusuan/budget"
	"yusuan/budget/budgettest"
	"yusuan/examples/examplestest"
	"yusuan/store"
)

// TestFinalUnitPages assembles a 部门决算 of two units through the pages under
// /work/flow/{dept}/{year}/final/units on both stores: the 决算's page links
// there; a unit's preparer uploads its part and is refused a 预算 workbook; the
// reviewer uploads the other unit and assembles them into the 决算's new data
// version, which the 决算's page shows, while the 预算 stays unstarted; the
// bureau's board counts the 决算's parts.
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
