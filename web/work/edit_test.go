package work

import (
	"context"
	"encoding/json"
	"errors"
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

// uploadData uploads data to the department's submission of kind for 2024
// through its page and returns the submission.
func (c *client) uploadData(t *testing.T, e *env, dept int64, kind string, data []byte) store.Submission {
	t.Helper()
	page := flowPath(dept, 2024, kind)
	_, body := c.get(page)
	if resp, body := c.upload(page+"/upload", "数据.xlsx", data, seen(t, body)); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d\n%s", resp.StatusCode, excerpt(body))
	}
	sub, err := e.st.FindSubmission(context.Background(), dept, 2024, kind)
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

// saveSheet posts the editor's form f of the submission at page and expects
// want: a save goes back to the editor, a refusal shows it again.
func (c *client) saveSheet(t *testing.T, page string, f url.Values, want int) string {
	t.Helper()
	resp, body := c.post(page+"/edit", f)
	if resp.StatusCode != want {
		t.Fatalf("save: %d, want %d\n%s", resp.StatusCode, want, excerpt(body))
	}
	if want == http.StatusSeeOther && !strings.HasPrefix(resp.Header.Get("Location"), page+"/edit?") {
		t.Errorf("after the save: redirected to %s", resp.Header.Get("Location"))
	}
	return body
}

// model is the budget of data version n of a submission.
func (e *env) model(t *testing.T, id int64, n int) budget.Budget {
	t.Helper()
	dv, err := e.st.SubmissionData(context.Background(), id, n)
	if err != nil {
		t.Fatal(err)
	}
	var b budget.Budget
	if err := json.Unmarshal(dv.Model, &b); err != nil {
		t.Fatal(err)
	}
	return b
}

// same reports whether two budgets are the same data.
func same(a, b budget.Budget) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
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
		sub := prep.uploadData(t, e, dept, store.DepartmentBudget, flowWorkbook(t, false))
		model := func(n int) budget.Budget { return e.model(t, sub.ID, n) }
		edit := page + "/edit?sheet=" + url.QueryEscape("支出明细")
		save := func(f url.Values, want int) string { t.Helper(); return prep.saveSheet(t, page, f, want) }

		// Open and save without a change: a new version with the same model.
		_, body := prep.get(edit)
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

// TestEditFinal edits a 部门决算 in the browser on both stores, under
// /work/flow/{dept}/{year}/final/edit: before any upload the editor asks for
// the 决算 workbook; the uploaded 决算 saved unchanged keeps its model; a
// 决算数 in 支出明细 and an amount of 收入决算 change exactly those figures of
// the 决算, whose submission gets the new data versions, named as the
// department's 部门决算 in the file name and the audit log, while the 预算
// stays unstarted; 公开文件 edited to 部门预算 is refused as an upload of the
// other kind is.
func TestEditFinal(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		dept := e.finalDepartment(t)
		page := flowPath(dept, 2024, store.FinalAccounts)
		prep := e.preparer(t, dept, "pt-ed", "填报人普")
		if resp, body := prep.get(page + "/edit"); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "请先上传决算数据工作簿") {
			t.Fatalf("the editor before any upload: %d\n%s", resp.StatusCode, excerpt(body))
		}
		_, body := prep.get(page)
		if strings.Contains(body, "/edit") {
			t.Error("the 决算's page offers the editor before any upload")
		}
		sub := prep.uploadData(t, e, dept, store.FinalAccounts, finalWorkbook(t, false))
		model := func(n int) budget.Budget { return e.model(t, sub.ID, n) }
		if _, body := prep.get(page); !strings.Contains(body, `href="`+page+`/edit">在网页上编辑当前数据`) || strings.Contains(body, "不在网页上编辑") {
			t.Errorf("the 决算's page does not offer the editor:\n%s", excerpt(body))
		}
		save := func(f url.Values, want int) string { t.Helper(); return prep.saveSheet(t, page, f, want) }
		open := func(sheet string) (string, url.Values) {
			t.Helper()
			resp, body := prep.get(page + "/edit?sheet=" + url.QueryEscape(sheet))
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("open %s: %d\n%s", sheet, resp.StatusCode, excerpt(body))
			}
			return body, editForm(t, body)
		}

		// The 决算's sheets are there; saved unchanged, the model stays.
		body, form := open("支出明细")
		for _, want := range []string{"编辑 " + finalDept + " 2024年部门决算", `href="` + page + `">← ` + finalDept + " 2024年部门决算",
			`action="` + page + `/edit"`, "收入决算", "结转结余", "三公决算"} {
			if !strings.Contains(body, want) {
				t.Errorf("the 决算's editor lacks %s", want)
			}
		}
		final := column(t, body, "决算数")
		save(form, http.StatusSeeOther)
		if !same(model(1), model(2)) {
			t.Fatal("saving an unchanged sheet of the 决算 changed the model")
		}

		// A 决算数 changed: exactly that line's 决算数 changes.
		_, form = open("支出明细")
		form.Set("r0."+final, "１２,３４５.６")
		save(form, http.StatusSeeOther)
		want := model(2)
		a := money.Amount(1234560)
		want.Items[0].Final = &a
		if got := model(3); !same(want, got) {
			t.Fatalf("the edit changed more than the 决算数: %v", got.Items[0].Final)
		}

		// An amount of 收入决算 changed: exactly that income changes.
		body, form = open("收入决算")
		form.Set("r0."+column(t, body, "金额"), "1")
		save(form, http.StatusSeeOther)
		want = model(3)
		want.Final.Income[0].Amount = money.Amount(100)
		if got := model(4); !same(want, got) {
			t.Fatalf("the edit changed more than the income: %v", got.Final.Income[0].Amount)
		}

		sub, err := e.st.FindSubmission(ctx, dept, 2024, store.FinalAccounts)
		if err != nil || sub.DataVersion != 4 {
			t.Fatalf("the 决算 after three saves: %+v %v", sub, err)
		}
		if dv, err := e.st.SubmissionData(ctx, sub.ID, 0); err != nil || dv.FileName != finalDept+"2024年部门决算（网页编辑）.xlsx" {
			t.Errorf("the edited 决算's file: %q %v", dv.FileName, err)
		}
		if _, err := e.st.FindSubmission(ctx, dept, 2024, store.DepartmentBudget); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("editing the 决算 started the 预算: %v", err)
		}
		// The unchanged save is validated again; the edited 决算数 no longer adds up
		// to the tables' totals, so those versions stay drafts with errors.
		if got, want := strings.Join(e.actions(t, sub.Object()), " "), "upload validate upload validate upload upload"; got != want {
			t.Errorf("audit of the 决算:\n got %s\nwant %s", got, want)
		}
		list, err := e.st.ListAudit(ctx, store.AuditFilter{DepartmentID: dept, Action: "upload", Limit: 1})
		if err != nil || len(list) != 1 || !strings.HasSuffix(list[0].Object, finalDept+" 2024 部门决算") ||
			!strings.Contains(list[0].Detail, "网页编辑工作表“收入决算”：修改 1 个单元格，新增 0 行，删除 0 行") {
			t.Errorf("audit of the edit: %+v %v", list, err)
		}

		// 公开文件 edited to 部门预算: refused as an upload of a 预算 would be, nothing stored.
		_, form = open("部门")
		found := false
		for k, v := range form {
			if row, ok := strings.CutSuffix(k, ".0"); ok && v[0] == "公开文件" {
				form.Set(row+".1", budget.DocBudget)
				found = true
			}
		}
		if !found {
			t.Fatal("no 公开文件 row on the 部门 sheet")
		}
		before := e.auditCount(t)
		body = save(form, http.StatusUnprocessableEntity)
		if !strings.Contains(body, "不能作为部门决算上传") {
			t.Errorf("公开文件 edited to 部门预算:\n%s", excerpt(body))
		}
		if s, _ := e.st.FindSubmission(ctx, dept, 2024, store.FinalAccounts); s.DataVersion != 4 || e.auditCount(t) != before {
			t.Errorf("a refused save stored data version %d", s.DataVersion)
		}

		// The 预算's editor does not open the 决算.
		if resp, body := prep.get(fmt.Sprintf("/work/flow/%d/2024/edit", dept)); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "请先上传预算数据工作簿") {
			t.Errorf("the 预算's editor: %d\n%s", resp.StatusCode, excerpt(body))
		}
	})
}
