package work

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"yusuan/budget"
	"yusuan/money"
	"yusuan/store"
)

var (
	formInput    = regexp.MustCompile(`<input[^>]*? name="([^"]+)" value="([^"]*)"`)
	formTextarea = regexp.MustCompile(`<textarea name="([^"]+)"[^>]*>([^<]*)</textarea>`)
)

// editForm reads the fields of the editor's form as a browser would send them
// (checkboxes unchecked).
func editForm(t *testing.T, page string) url.Values {
	t.Helper()
	start := strings.Index(page, `class="edit"`)
	if start < 0 {
		t.Fatalf("no editor form:\n%s", excerpt(page))
	}
	page = page[start:]
	f := url.Values{}
	for _, m := range formInput.FindAllStringSubmatch(page, -1) {
		if !strings.HasSuffix(m[1], ".del") {
			f.Set(m[1], html.UnescapeString(m[2]))
		}
	}
	for _, m := range formTextarea.FindAllStringSubmatch(page, -1) {
		f.Set(m[1], html.UnescapeString(m[2]))
	}
	return f
}

// column finds the index of a column in the editor's header.
func column(t *testing.T, page, label string) string {
	t.Helper()
	m := regexp.MustCompile(`<th scope="col"[^>]*>([A-Z]+) ` + label + `</th>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no column %s", label)
	}
	n := 0
	for _, c := range m[1] {
		n = n*26 + int(c-'A'+1)
	}
	return strconv.Itoa(n - 1)
}

// TestEditDraft edits a draft in the browser's forms on both stores: opening
// and saving without a change gives the same model; a changed amount changes
// exactly that line; rows are added and deleted; a stale form, a bad amount and
// a formula are refused; a submitted draft cannot be edited.
func TestEditDraft(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		dept := e.flowDepartment(t)
		prep := e.preparer(t, dept, "ed-prep", "填报人丙")
		page := fmt.Sprintf("/work/flow/%d/2024", dept)
		_, body := prep.get(page)
		if resp, body := prep.upload(page+"/upload", "预算.xlsx", flowWorkbook(t, false), seen(t, body)); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload: %d\n%s", resp.StatusCode, excerpt(body))
		}
		sub, err := e.st.FindSubmission(ctx, dept, 2024, store.DepartmentBudget)
		if err != nil {
			t.Fatal(err)
		}
		model := func(n int) budget.Budget {
			t.Helper()
			dv, err := e.st.SubmissionData(ctx, sub.ID, n)
			if err != nil {
				t.Fatal(err)
			}
			var b budget.Budget
			if err := json.Unmarshal(dv.Model, &b); err != nil {
				t.Fatal(err)
			}
			return b
		}
		same := func(a, b budget.Budget) bool {
			x, _ := json.Marshal(a)
			y, _ := json.Marshal(b)
			return string(x) == string(y)
		}
		edit := page + "/edit?sheet=" + url.QueryEscape("支出明细")
		save := func(f url.Values, want int) string {
			t.Helper()
			resp, body := prep.post(page+"/edit", f)
			if resp.StatusCode != want {
				t.Fatalf("save: %d, want %d\n%s", resp.StatusCode, want, excerpt(body))
			}
			return body
		}

		// Open and save without a change: a new version with the same model.
		_, body = prep.get(edit)
		form := editForm(t, body)
		amount := column(t, body, "金额")
		save(form, http.StatusSeeOther)
		if !same(model(1), model(2)) {
			t.Fatal("saving an unchanged sheet changed the model")
		}

		// One amount changed: exactly that line changes.
		_, body = prep.get(edit)
		form = editForm(t, body)
		form.Set("r0."+amount, "１２,３４５.６")
		save(form, http.StatusSeeOther)
		want := model(2)
		want.Items[0].Amount = money.Amount(1234560)
		if got := model(3); !same(want, got) {
			t.Fatalf("the edit changed more than the cell: amount %v", got.Items[0].Amount)
		}

		// A bad amount and a formula are refused, each named by its cell, and nothing is saved.
		_, body = prep.get(edit)
		form = editForm(t, body)
		form.Set("r1."+amount, "12.345")
		form.Set("r2."+amount, "=1+1")
		body = save(form, http.StatusUnprocessableEntity)
		for _, w := range []string{"2 个单元格填写有误", "第 3 行", "应为以元为单位的金额", "不能填写公式", "12.345"} {
			if !strings.Contains(body, w) {
				t.Errorf("the refused save lacks %q", w)
			}
		}
		if s, _ := e.st.FindSubmission(ctx, dept, 2024, store.DepartmentBudget); s.DataVersion != 3 {
			t.Errorf("a refused save stored data version %d", s.DataVersion)
		}

		// A row deleted and the same added at the end; the audit entry says so.
		_, body = prep.get(edit)
		form = editForm(t, body)
		stale := form.Get("revision")
		form.Set("r0.del", "1")
		n, _ := strconv.Atoi(form.Get("n"))
		rows := len(model(3).Items)
		for j := range 10 {
			k := fmt.Sprintf("r%d.%d", n-1, j)
			form.Set(k, form.Get(fmt.Sprintf("r0.%d", j))) // the deleted row, moved to the end
		}
		// …with its amount as before the edit, which makes the data clean again.
		form.Set(fmt.Sprintf("r%d.%s", n-1, amount), model(2).Items[0].Amount.Plain(money.UnitYuan))
		save(form, http.StatusSeeOther)
		if got := len(model(4).Items); got != rows {
			t.Errorf("after deleting a row and adding one: %d items, want %d", got, rows)
		}
		list, err := e.st.ListAudit(ctx, store.AuditFilter{Action: "upload", Limit: 1})
		if err != nil || len(list) != 1 || !strings.Contains(list[0].Detail, "网页编辑工作表“支出明细”：修改 0 个单元格，新增 1 行，删除 1 行") {
			t.Errorf("audit of the edit: %+v %v", list, err)
		}

		// A form opened before the last save is refused.
		form.Set("revision", stale)
		body = save(form, http.StatusConflict)
		if !strings.Contains(body, "已被他人修改") {
			t.Errorf("stale save:\n%s", excerpt(body))
		}

		// Submitted: no more editing.
		_, body = prep.get(page)
		m := explainName.FindAllStringSubmatch(body, -1)
		f := seen(t, body)
		for _, x := range m {
			f.Set(x[1], flowExplanation)
		}
		if resp, body := prep.post(page+"/explain", f); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("explain: %d\n%s", resp.StatusCode, excerpt(body))
		}
		_, body = prep.get(page)
		if resp, body := prep.post(page+"/submit", seen(t, body)); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("submit: %d\n%s", resp.StatusCode, excerpt(body))
		}
		if resp, body := prep.get(edit); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "不能编辑") {
			t.Errorf("editing a submitted draft: %d\n%s", resp.StatusCode, excerpt(body))
		}
	})
}
