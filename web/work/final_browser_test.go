package work

import (
	"context"
	"fmt"
	"testing"

	"yusuan/account"
	"yusuan/internal/browsertest"
	"yusuan/store"
	"yusuan/workflow"
)

// finalProbe walks a 部门决算 through the work area's real forms: a 预算
// workbook refused on the 决算's page, then the 决算 uploaded, submitted,
// approved and published, and the portal's 预算与决算 page opened.
const finalProbe = probeHead + `
var steps = [
  login(cfg.preparer), go(cfg.page),
  upload("/__file/budget.xlsx"),       // refused: its 公开文件 says 部门预算
  go(cfg.page),
  upload("/__file/final.xlsx"),
  function (w, d) { button(d, "submit"); },
  logout, login(cfg.bureau), go("/work/flow?year=2024"), go(cfg.page),
  function (w, d) { q(d, "form[action$='/approve'] input[name=date]").value = cfg.approved; button(d, "approve"); },
  logout, login(cfg.publisher), go(cfg.page),
  function (w, d) { button(d, "publish"); },
  go(cfg.portal),
];
` + probeTail

// TestBrowserFinal runs a 部门决算 from upload to the portal in headless
// Chromium, through the pages under /work/flow/{dept}/{year}/final.
func TestBrowserFinal(t *testing.T) {
	chromium := browsertest.Chromium(t)
	e := newEnv(t, t.TempDir()+"/work.db")
	ctx := context.Background()
	dept := e.finalDepartment(t)
	e.addUser(t, account.User{Login: "pt-prep", Name: "填报人普", Role: account.Preparer, RegionID: e.region, DepartmentID: dept})
	page := fmt.Sprintf("/work/flow/%d/2024/final", dept)
	portal := fmt.Sprintf("/departments/%d/final/2024", dept)
	approved := workflow.DateOf(e.clock.Now())
	mux := probeMux(e, finalProbe, map[string]string{"preparer": "pt-prep", "page": page, "portal": portal, "approved": approved.String()},
		map[string][]byte{"budget.xlsx": finalWorkbook(t, true), "final.xlsx": finalWorkbook(t, false)})
	var pages []probePage
	runProbe(t, chromium, mux, 60000, &pages)
	check := pagesChecker(t, pages, 17)
	check(2, page, "2024年部门决算", "尚未上传数据", "决算数据")
	check(3, page+"/upload", "（公开文件）为“部门预算”，是部门预算的数据，不能作为部门决算上传")
	check(5, page+"?done=upload", "数据已上传", "已校验", "0 处错误")
	check(6, page+"?done=submit", "已报送")
	check(9, "/work/flow?year=2024", "2024年部门决算", finalDept, "已报送")
	check(11, page+"?done=approve", "已批复", approved.Chinese())
	check(15, page+"?done=publish", "已公开", "第 1 次公开")
	check(16, portal, finalDept, "2024年预算与决算", "2,940.05")
	if _, err := e.st.FindSubmission(ctx, dept, 2024, store.FinalAccounts); err != nil {
		t.Errorf("the 决算's submission: %v", err)
	}
}
