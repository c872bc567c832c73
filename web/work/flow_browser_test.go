package work

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/cookiejar"
	neturl "net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"yusuan/account"
	"yusuan/budgetfile"
	"yusuan/internal/browsertest"
	"yusuan/web"
	"yusuan/workflow"
)

// flowProbe frames the work area and walks the whole flow through its real
// forms, one step per page the frame loads: each step fills in and submits a
// form or opens a page, as a person would. Workbooks are fetched from the test
// server and put into the upload form's file field. The frame's path, query
// and text at every page are written to #out at the end.
const flowProbe = probeHead + `
var steps = [
  login(cfg.preparer), go(cfg.page),
  upload("/__file/bad.xlsx"),          // 1. an error
  upload("/__file/good.xlsx"),         // 2. fixed
  function (w, d) { q(d, "textarea[name^='explain.']").value = cfg.explanation; button(d, "explain"); },
  function (w, d) { button(d, "submit"); },
  logout, login(cfg.bureau), go(cfg.page),
  function (w, d) {                    // 3. returned with a reason
    q(d, "form[action$='/return'] textarea[name=reason]").value = cfg.reason;
    q(d, "form[action$='/return'] input[name=cell]").value = cfg.cell;
    button(d, "return");
  },
  logout, login(cfg.preparer), go(cfg.page),
  upload("/__file/good.xlsx"),         // 4. fixed and resubmitted
  function (w, d) { button(d, "submit"); },
  logout, login(cfg.bureau), go(cfg.page),
  function (w, d) { q(d, "form[action$='/approve'] input[name=date]").value = cfg.approved; button(d, "approve"); }, // 5.
  go("/work/flow?year=2024"),
  logout, login(cfg.publisher), go(cfg.page),
  function (w, d) { button(d, "publish"); }, // 6.
  go("/__document"),                   // 7. the portal
  go("/work/"), logout, login(cfg.admin),
  go("/work/audit"),                   // 8. the audit log
];
` + probeTail

// probeHead and probeTail are a probe of the work area's flow (flowProbe)
// around its steps: the frame, the helpers the steps call, and the loop that
// takes one step per page the frame loads and writes the pages to #out.
const probeHead = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<iframe id="f" src="/work/login" style="width:1200px;height:3000px;border:0"></iframe>
<pre id="out">pending</pre>
<script>
var cfg = CONFIG, seen = [], i = 0;
function q(d, sel) { var e = d.querySelector(sel); if (!e) throw new Error("no " + sel + " on " + d.location.pathname); return e; }
function button(d, action) { q(d, "form[action$='/" + action + "'] button[type=submit]").click(); }
function login(who) { return function (w, d) { q(d, "input[name=login]").value = who; q(d, "input[name=password]").value = cfg.password; q(d, "form.login button").click(); }; }
function go(path) { return function (w) { w.location.href = path; }; }
function logout(w, d) { q(d, "form[action='/work/logout'] button").click(); }
function upload(file) {
  return function (w, d) {
    fetch(file).then(function (r) { return r.blob(); }).then(function (b) {
      var dt = new DataTransfer();
      dt.items.add(new File([b], "预算.xlsx", {type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}));
      q(d, "input[type=file][name=file]").files = dt.files;
      button(d, "upload");
    });
  };
}
`

const probeTail = `document.getElementById("f").addEventListener("load", function () {
  var w = document.getElementById("f").contentWindow, d = w.document;
  seen.push({path: w.location.pathname, query: w.location.search, title: d.title, text: ((d.querySelector("main") || d.body).innerText +
    Array.prototype.map.call(d.querySelectorAll("textarea"), function (t) { return "\n[" + t.value + "]"; }).join("")).slice(0, 20000)});
  try { if (i < steps.length) steps[i++](w, d); } catch (e) { seen.push({path: "error", text: String(e)}); }
  document.getElementById("out").textContent = JSON.stringify(seen);
});
</script></body></html>`

type probePage struct{ Path, Query, Title, Text string }

// probeMux serves probe at /__probe, its CONFIG the accounts' logins and
// password with cfg, files under /__file/, and the portal and the work area,
// which the probe may frame.
func probeMux(e *env, probe string, cfg map[string]string, files map[string][]byte) *http.ServeMux {
	all := map[string]string{"password": testPassword, "bureau": e.users[account.BureauReviewer].Login,
		"publisher": e.users[account.Publisher].Login, "admin": e.users[account.Admin].Login}
	maps.Copy(all, cfg)
	config, _ := json.Marshal(all)
	portal := web.New(e.st, web.Options{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /__probe", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(strings.Replace(probe, "CONFIG", string(config), 1)))
	})
	mux.HandleFunc("GET /__file/{name}", func(w http.ResponseWriter, r *http.Request) {
		w.Write(files[r.PathValue("name")])
	})
	mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		portal.ServeHTTP(&framable{ResponseWriter: w}, r)
	}))
	mux.Handle("/work/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.work.ServeHTTP(&framable{ResponseWriter: w}, r)
	}))
	return mux
}

// pagesChecker stops the test unless the frame went through want pages and
// the last is not the probe's error, logging every page when it did not; it
// returns a check that page i is path and shows each of wants.
func pagesChecker(t *testing.T, pages []probePage, want int) func(i int, path string, wants ...string) {
	t.Helper()
	if len(pages) != want || pages[len(pages)-1].Path == "error" {
		for i, p := range pages {
			t.Logf("page %d: %s%s %q\n%s", i, p.Path, p.Query, p.Title, excerpt(p.Text))
		}
		t.Fatalf("the frame went through %d pages, want %d", len(pages), want)
	}
	check := func(i int, path string, wants ...string) {
		t.Helper()
		p := pages[i]
		if p.Path+p.Query != path {
			t.Errorf("page %d is %s%s, want %s", i, p.Path, p.Query, path)
		}
		for _, w := range wants {
			if !strings.Contains(p.Text, w) {
				t.Errorf("page %d (%s%s) lacks %q:\n%s", i, p.Path, p.Query, w, excerpt(p.Text))
			}
		}
	}
	return check
}

// TestBrowserFlow runs the acceptance's whole flow in headless Chromium on both
// stores, through the work area's real forms: the preparer uploads a workbook
// with an error and sees it, uploads a fixed one, explains the warning and
// submits; the bureau returns it with a reason; the preparer sees the reason,
// uploads again and resubmits; the bureau approves with a 批复 date; the
// publisher publishes; the portal shows the document with the published
// explanation; the administrator's audit log lists every step.
// YUSUAN_SCREENSHOTS keeps screenshots of the pages for a person to look at.
func TestBrowserFlow(t *testing.T) {
	chromium := browsertest.Chromium(t)
	eachBackend(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		dept := e.flowDepartment(t)
		e.addUser(t, account.User{Login: "lg-prep", Name: "填报人乙", Role: account.Preparer, RegionID: e.region, DepartmentID: dept})
		page := fmt.Sprintf("/work/flow/%d/2024", dept)
		approved := workflow.DateOf(e.clock.Now().AddDate(0, 0, -3))
		const reason, cell = "请核实重复的职责段落", "工作表“部门职责” 第 3 行"
		mux := probeMux(e, flowProbe, map[string]string{
			"preparer": "lg-prep", "page": page, "explanation": flowExplanation, "reason": reason, "cell": cell, "approved": approved.String(),
		}, map[string][]byte{"bad.xlsx": flowWorkbook(t, true), "good.xlsx": flowWorkbook(t, false)})
		// Logs in as ?login= through the login form and opens ?next= with that session: for screenshots.
		mux.HandleFunc("GET /__as", func(w http.ResponseWriter, r *http.Request) {
			jar, _ := cookiejar.New(nil)
			hc := &http.Client{Jar: jar}
			u := "http://" + r.Host + "/work/login"
			resp, err := hc.Get(u)
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			page, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			m := csrfField.FindSubmatch(page)
			if m == nil {
				http.Error(w, "no login form", http.StatusInternalServerError)
				return
			}
			resp, err = hc.PostForm(u, neturl.Values{"login": {r.URL.Query().Get("login")}, "password": {testPassword}, "csrf": {string(m[1])}})
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			resp.Body.Close()
			wu, _ := neturl.Parse(u)
			for _, ck := range jar.Cookies(wu) {
				http.SetCookie(w, &http.Cookie{Name: ck.Name, Value: ck.Value, Path: "/work/", HttpOnly: true})
			}
			http.Redirect(w, r, r.URL.Query().Get("next"), http.StatusSeeOther)
		})
		// The portal's page of the department's published document.
		mux.HandleFunc("GET /__document", func(w http.ResponseWriter, r *http.Request) {
			docs, err := e.st.Documents(r.Context(), dept)
			if err != nil || len(docs) != 1 {
				http.Error(w, fmt.Sprintf("public documents: %+v %v", docs, err), http.StatusInternalServerError)
				return
			}
			http.Redirect(w, r, fmt.Sprintf("/documents/%d", docs[0].ID), http.StatusSeeOther)
		})
		var pages []probePage
		base := runProbe(t, chromium, mux, 120000, &pages)
		check := pagesChecker(t, pages, 30)
		// 1. The preparer sees the error, in Chinese with its place.
		check(3, page+"?done=upload", "数据已上传", "草稿", "1 处错误", "工作表“支出明细” 第 2 行 B 列（功能科目）", "9999999")
		// 2. Fixed: validated with a warning; explained; submitted.
		check(4, page+"?done=upload", "已校验", "0 处错误", "TXT-06")
		check(5, page+"?done=explain", "警告说明已保存", flowExplanation)
		check(6, page+"?done=submit", "已报送", "财政局审核人")
		check(7, "/work/login")
		// 3. The bureau returns it with a reason.
		check(9, page, "已报送", flowExplanation, "退回", "批复")
		check(10, page+"?done=return", "已退回", reason, cell)
		// 4. The preparer sees the reason, uploads again (the explanation carries over) and resubmits.
		check(13, page, "已退回", reason, cell)
		check(14, page+"?done=upload", "已校验", flowExplanation)
		check(15, page+"?done=submit", "已报送")
		// 5. Approved with its 批复 date; the clock runs on the board.
		check(19, page+"?done=approve", "已批复", approved.Chinese(), approved.AddDays(20).Chinese(), "公开发布人")
		check(20, "/work/flow?year=2024", flowDept, "已批复", approved.Chinese())
		// 6. Published.
		check(24, page+"?done=publish", "已公开", "第 1 次公开", "按期公开")
		// 7. The portal shows the document with the published explanation.
		check(25, pages[25].Path, flowDept, "2024", flowExplanation)
		if !strings.HasPrefix(pages[25].Path, "/documents/") {
			t.Errorf("the portal page is %s", pages[25].Path)
		}
		// 8. The audit log lists every step.
		check(29, "/work/audit", "哈希链逐条校验通过", "lg-prep", e.users[account.BureauReviewer].Login, e.users[account.Publisher].Login, reason)
		sub, err := e.st.FindSubmission(ctx, dept, 2024, "部门预算")
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(e.actions(t, sub.Object()), " ")
		if want := "upload upload validate explain submit return upload validate submit approve publish"; got != want {
			t.Errorf("audit:\n got %s\nwant %s", got, want)
		}
		for _, label := range []string{"上传数据", "校验", "说明警告", "报送", "退回", "批复", "公开"} {
			if !strings.Contains(pages[29].Text, label) {
				t.Errorf("the audit log page does not name the step %q", label)
			}
		}

		if keep := os.Getenv("YUSUAN_SCREENSHOTS"); keep != "" {
			// A second department's upload with an error, to show the page a preparer sees then.
			deptB, err := e.st.EnsureDepartment(ctx, cliActor, e.region, "深圳市龙岗区财政局", "", e.clock.Now())
			if err != nil {
				t.Fatal(err)
			}
			e.addUser(t, account.User{Login: "lg-prep-b", Name: "填报人丙", Role: account.Preparer, RegionID: e.region, DepartmentID: deptB})
			b, err := budgetfile.Load("../../examples/longgang-2024/budget.yaml")
			if err != nil {
				t.Fatal(err)
			}
			b.Department.Name = "深圳市龙岗区财政局"
			b.Items[0].Functional = "9999999"
			var buf bytes.Buffer
			if err := budgetfile.WriteXLSX(&buf, b); err != nil {
				t.Fatal(err)
			}
			c := e.client(t)
			c.login("lg-prep-b", testPassword)
			pageB := fmt.Sprintf("/work/flow/%d/2024", deptB)
			_, body := c.get(pageB)
			c.upload(pageB+"/upload", "预算.xlsx", buf.Bytes(), seen(t, body))

			dir := filepath.Join(keep, "work-flow-"+filepath.Base(t.Name()))
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			for _, s := range []struct{ name, login, next string }{
				{"1-preparer-error", "lg-prep-b", pageB},
				{"2-preparer-published", "lg-prep", page},
				{"3-preparer-board", "lg-prep", "/work/flow"},
				{"4-bureau-board", e.users[account.BureauReviewer].Login, "/work/flow?year=2024"},
				{"5-bureau-submission", e.users[account.BureauReviewer].Login, pageB},
				{"6-admin-audit", e.users[account.Admin].Login, "/work/audit"},
				{"7-portal-document", "", "/__document"},
			} {
				out := filepath.Join(dir, s.name+".png")
				url := base + "/__as?login=" + s.login + "&next=" + neturl.QueryEscape(s.next)
				if s.login == "" {
					url = base + s.next
				}
				browsertest.Run(t, chromium, "--virtual-time-budget=10000", "--hide-scrollbars", "--screenshot="+out, "--window-size=1280,2400", url)
				if img := browsertest.DecodePNG(t, out); browsertest.Blank(img, img.Bounds()) {
					t.Errorf("%s: screenshot is blank", s.name)
				}
			}
		}
	})
}
