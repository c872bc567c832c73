package work

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"yusuan/internal/browsertest"
	"yusuan/store"
)

// editProbe logs in, opens the editor's 支出明细 sheet, types an amount into
// the first row's cell of the configured column (金额, or 决算数 in a 决算) and
// saves with the form's button, then reports each page the frame showed and
// the saved cell's value.
const editProbe = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<iframe id="f" src="/work/login" style="width:1400px;height:2000px;border:0"></iframe>
<pre id="out">pending</pre>
<script>
var cfg = CONFIG, seen = [], i = 0;
function cell(d) { return d.querySelector("input[aria-label='第 2 行 " + cfg.column + "']"); }
var steps = [
  function (w, d) { d.querySelector("input[name=login]").value = cfg.login; d.querySelector("input[name=password]").value = cfg.password; d.querySelector("form.login button").click(); },
  function (w) { w.location.href = cfg.edit; },
  function (w, d) { cell(d).value = "１２３.４"; d.querySelector("form.edit button[type=submit]").click(); },
];
document.getElementById("f").addEventListener("load", function () {
  var w = document.getElementById("f").contentWindow, d = w.document, c = cell(d);
  seen.push({path: w.location.pathname, text: (d.querySelector("main") || d.body).innerText.slice(0, 3000), value: c ? c.value : ""});
  if (i < steps.length) steps[i++](w, d);
  document.getElementById("out").textContent = JSON.stringify(seen);
});
</script></body></html>`

// TestBrowserEdit edits an amount in headless Chromium through the editor's
// real form, of a 部门预算 (its 金额) and of a 部门决算 (its 决算数, under
// /final/edit): the save makes data version 2 of that submission and the cell
// shows the amount as exact 元.
func TestBrowserEdit(t *testing.T) {
	chromium := browsertest.Chromium(t)
	for _, c := range []struct {
		kind, column string
		data         func(t *testing.T) []byte
	}{
		{store.DepartmentBudget, "金额", func(t *testing.T) []byte { return flowWorkbook(t, false) }},
		{store.FinalAccounts, "决算数", func(t *testing.T) []byte { return finalWorkbook(t, false) }},
	} {
		t.Run(c.kind, func(t *testing.T) {
			e := newEnv(t, t.TempDir()+"/work.db")
			dept := e.flowDepartment(t)
			prep := e.preparer(t, dept, "ed-prep", "填报人丙")
			page := flowPath(dept, 2024, c.kind)
			prep.uploadData(t, e, dept, c.kind, c.data(t))

			mux := probeMux(e, editProbe, map[string]string{"login": "ed-prep", "column": c.column,
				"edit": page + "/edit?sheet=" + url.QueryEscape("支出明细")}, nil)
			var pages []struct{ Path, Text, Value string }
			runProbe(t, chromium, mux, 20000, &pages)
			if len(pages) != 4 {
				t.Fatalf("the frame went through %d pages, want 4: %+v", len(pages), pages)
			}
			last := pages[3]
			if last.Path != page+"/edit" || !strings.Contains(last.Text, "已保存为数据第 2 版") || last.Value != "123.40" {
				t.Errorf("after the save: %s value %q\n%s", last.Path, last.Value, last.Text)
			}
			if sub, err := e.st.FindSubmission(context.Background(), dept, 2024, c.kind); err != nil || sub.DataVersion != 2 {
				t.Errorf("the %s after the save: %+v %v", c.kind, sub, err)
			}
		})
	}
}
