package work

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"yusuan/account"
	"yusuan/internal/browsertest"
	"yusuan/store"
)

// unitSteps are the steps of the units' flow, in flowProbe's frame and with
// its helpers: two units' preparers upload their own workbooks (the first
// explains its warning), the department's reviewer assembles them, explains
// the department's warnings and submits, and the bureau opens its board.
const unitSteps = `var steps = [
  login(cfg.unitA), go(cfg.units),
  upload("/__file/a.xlsx"),
  explainAll,
  logout, login(cfg.unitB), go(cfg.units),
  upload("/__file/b.xlsx"),
  logout, login(cfg.reviewer), go(cfg.units),
  function (w, d) { button(d, "assemble"); },
  explainAll,
  function (w, d) { button(d, "submit"); },
  logout, login(cfg.bureau), go("/work/flow?year=2024"),
];
function explainAll(w, d) {
  d.querySelectorAll("textarea[name^='explain.']").forEach(function (t) { t.value = cfg.explanation; });
  button(d, "explain");
}
`

// TestBrowserUnits runs the units' flow in headless Chromium through the real
// forms: each unit's preparer uploads a workbook of its unit alone and sees
// only that unit, the department's reviewer sees both ready, assembles them
// into the department's data (unit A's explanation marked as the unit's) and
// submits it, and the bureau's board counts the
// department's ready units. One store: the steps are those TestUnitParts walks
// on both.
func TestBrowserUnits(t *testing.T) {
	chromium := browsertest.Chromium(t)
	e := newEnv(t, t.TempDir()+"/work.db")
	ctx := context.Background()
	dept := e.flowDepartment(t)
	_, parts, names := twoUnitParts(t)
	for _, u := range []account.User{
		{Login: "lg-unit-a", Name: "单位甲填报人", Role: account.Preparer, Unit: names[0]},
		{Login: "lg-unit-b", Name: "单位乙填报人", Role: account.Preparer, Unit: "355002"},
		{Login: "lg-rev", Name: "部门审核人", Role: account.DeptReviewer},
	} {
		u.RegionID, u.DepartmentID = e.region, dept
		e.addUser(t, u)
	}
	page := fmt.Sprintf("/work/flow/%d/2024", dept)
	cfg, _ := json.Marshal(map[string]string{
		"password": testPassword, "unitA": "lg-unit-a", "unitB": "lg-unit-b", "reviewer": "lg-rev",
		"bureau": e.users[account.BureauReviewer].Login, "units": page + "/units", "explanation": flowExplanation,
	})
	start, end := strings.Index(flowProbe, "var steps = ["), strings.Index(flowProbe, "document.getElementById(\"f\").addEventListener")
	probe := flowProbe[:start] + unitSteps + flowProbe[end:]
	files := map[string][]byte{"a.xlsx": parts[0], "b.xlsx": parts[1]}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /__probe", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(strings.Replace(probe, "CONFIG", string(cfg), 1)))
	})
	mux.HandleFunc("GET /__file/{name}", func(w http.ResponseWriter, r *http.Request) { w.Write(files[r.PathValue("name")]) })
	mux.Handle("/work/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.work.ServeHTTP(&framable{ResponseWriter: w}, r)
	}))
	var pages []probePage
	runProbe(t, chromium, mux, 60000, &pages)
	check := pagesChecker(t, pages, 18)
	units := page + "/units"
	// Unit A uploads its workbook, sees its warning, explains it, and sees only itself.
	check(3, units+"?done=upload", "单位的数据已上传", names[0], "待说明", "TXT-06")
	check(4, units+"?done=explain", "已就绪", flowExplanation, "1 / 1 个单位已就绪")
	if strings.Contains(pages[4].Text, names[1]) {
		t.Error("unit A's page shows unit B")
	}
	// Unit B uploads its own.
	check(8, units+"?done=upload", names[1], "已就绪")
	// The reviewer sees both ready, assembles, explains and submits.
	check(11, units, names[0], names[1], "2 / 2 个单位已就绪", "汇总为部门预算")
	check(12, page+"?done=assemble", "已汇总各单位的数据", "已校验", "0 处错误", "TXT-06", "汇总 2 个单位",
		"单位说明：由单位“"+names[0]+"”的 lg-unit-a 填写")
	check(14, page+"?done=submit", "已报送")
	// The bureau's board counts the department's ready units.
	check(17, "/work/flow?year=2024", flowDept, "已报送", "2 / 2")

	sub, err := e.st.FindSubmission(ctx, dept, 2024, store.DepartmentBudget)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(e.actions(t, sub.Object()), " "), "assemble validate explain submit"; got != want {
		t.Errorf("audit of the submission:\n got %s\nwant %s", got, want)
	}
	if es, err := e.st.ListAudit(ctx, store.AuditFilter{DepartmentID: dept, Action: "part.upload"}); err != nil || len(es) != 2 {
		t.Errorf("audit of the units' uploads: %d, %v", len(es), err)
	}
}
