package work

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"yusuan/account"
	"yusuan/budget"
	"yusuan/budgetfile"
	"yusuan/store"
	"yusuan/web"
)

const finalDept = "上海市普陀区财政局"

// finalWorkbook is the Putuo 2024 部门决算 example as a workbook; with asBudget,
// its 公开文件 says 部门预算.
func finalWorkbook(t *testing.T, asBudget bool) []byte {
	t.Helper()
	b, err := budgetfile.Load("../../examples/putuo-caizhengju-2024-juesuan/budget.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if asBudget {
		b.Document = budget.DocBudget
	}
	var buf bytes.Buffer
	if err := budgetfile.WriteXLSX(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// finalDepartment adds the department of the Putuo 决算 example to the region.
func (e *env) finalDepartment(t *testing.T) int64 {
	t.Helper()
	return e.department(t, finalDept, "144")
}

// TestFinalPages takes a 部门决算 through the work area's pages under
// /work/flow/{dept}/{year}/final: a 预算 workbook there, and the 决算 workbook
// on the 预算's page, are refused by the 公开文件 cell; the 决算 is uploaded,
// submitted, approved on the bureau's board and published, and the portal's
// 预算与决算 page shows it; the audit log names it as the 部门决算.
func TestFinalPages(t *testing.T) {
	if testing.Short() {
		t.Skip("long and sequential: -short (the race stage of .ci/run) leaves it to the full pass")
	}
	e := newEnv(t, t.TempDir()+"/work.db")
	ctx := context.Background()
	dept := e.finalDepartment(t)
	prep := e.preparer(t, dept, "pt-prep", "填报人普")
	page := fmt.Sprintf("/work/flow/%d/2024/final", dept)
	step := func(c *client, action string, form url.Values) { c.step(page, action, form) }

	_, body := prep.get(page)
	for _, want := range []string{"2024年部门决算 - ", "决算数据 <input", "“公开文件”须填写“部门决算”"} {
		if !strings.Contains(body, want) {
			t.Errorf("the 决算's page lacks %q", want)
		}
	}
	for _, c := range []struct {
		path string
		data []byte
		want string
	}{
		{page, finalWorkbook(t, true), "第 9 行 B 列（公开文件）为“部门预算”，是部门预算的数据，不能作为部门决算上传"},
		{fmt.Sprintf("/work/flow/%d/2024", dept), finalWorkbook(t, false), "第 9 行 B 列（公开文件）为“部门决算”，是部门决算的数据，不能作为部门预算上传"},
	} {
		_, body := prep.get(c.path)
		before := e.auditCount(t)
		resp, body := prep.upload(c.path+"/upload", "数据.xlsx", c.data, seen(t, body))
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d, want 422 saying %q\n%s", c.path, resp.StatusCode, c.want, excerpt(body))
		}
		if e.auditCount(t) != before {
			t.Errorf("%s: refused, yet the audit log grew", c.path)
		}
	}

	_, body = prep.get(page)
	if resp, body := prep.upload(page+"/upload", "决算.xlsx", finalWorkbook(t, false), seen(t, body)); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != page+"?done=upload" {
		t.Fatalf("upload of the 决算: %d %s\n%s", resp.StatusCode, resp.Header.Get("Location"), excerpt(body))
	}
	if _, body := prep.get(page); !strings.Contains(body, "已校验") || !strings.Contains(body, "0 处错误") {
		t.Fatalf("after the upload:\n%s", excerpt(body))
	}
	if _, body := prep.get(fmt.Sprintf("/work/flow/%d/2024", dept)); !strings.Contains(body, "尚未上传数据") {
		t.Error("the 决算's upload shows on the 预算's page")
	}
	_, board := prep.get("/work/flow")
	for _, want := range []string{`href="` + page + `">2024年部门决算</a>：已校验`, "<th>决算数（万元）</th>", "<td>2,940.05</td>"} {
		if !strings.Contains(board, want) {
			t.Errorf("the department's board lacks %s:\n%s", want, excerpt(board))
		}
	}
	step(prep, "submit", nil)

	bureau := e.as(t, account.BureauReviewer)
	_, board = bureau.get("/work/flow?year=2024")
	if i := strings.Index(board, "2024年部门决算</h2>"); i < 0 || !strings.Contains(board[i:], `<a href="`+page+`">`+finalDept+`</a></td>
<td>已报送</td>`) {
		t.Errorf("the bureau's board does not list the submitted 决算:\n%s", excerpt(board))
	}
	// This year's 决算 cannot be made before the year ends: its table says so and
	// points at last year's.
	this := e.clock.Now().Year()
	_, cur := bureau.get(fmt.Sprintf("/work/flow?year=%d", this))
	if want := fmt.Sprintf(`%d年尚未结束，部门决算在年度结束后编制。<a href="/work/flow?year=%d#final">`, this, this-1); this > 2024 && !strings.Contains(cur, want) {
		t.Errorf("this year's board lacks %s:\n%s", want, excerpt(cur))
	}
	if strings.Contains(board, "尚未结束") {
		t.Error("a past year's board says the year has not ended")
	}
	step(bureau, "approve", url.Values{"date": {e.clock.Now().Format("2006-01-02")}})
	step(e.as(t, account.Publisher), "publish", nil)

	portal := httptest.NewServer(web.New(e.st, web.Options{}))
	defer portal.Close()
	resp, err := http.Get(fmt.Sprintf("%s/departments/%d/final/2024", portal.URL, dept))
	if err != nil {
		t.Fatal(err)
	}
	pb, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(pb), finalDept) || !strings.Contains(string(pb), "2,940.05") {
		t.Errorf("the portal's 预算与决算 page: %d\n%.600s", resp.StatusCode, pb)
	}

	sub, err := e.st.FindSubmission(ctx, dept, 2024, store.FinalAccounts)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(sub.Object(), finalDept+" 2024 部门决算") {
		t.Errorf("audit object %q does not name the 部门决算", sub.Object())
	}
	if got, want := strings.Join(e.actions(t, sub.Object()), " "), "upload validate submit approve publish"; got != want {
		t.Errorf("audit:\n got %s\nwant %s", got, want)
	}
}
