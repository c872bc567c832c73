package work

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"yusuan/account"
	"yusuan/budgetfile"
	"yusuan/web"
)

const (
	flowDept        = "深圳市龙岗区政务服务数据管理局"
	flowExplanation = "职责首段按区委要求重复强调"
)

// flowWorkbook is the Longgang 2024 example as a workbook, its first duty
// repeated (a TXT-06 warning) and, with bad, an unknown functional code.
func flowWorkbook(t *testing.T, bad bool) []byte {
	t.Helper()
	b, err := budgetfile.Load("../../examples/longgang-2024/budget.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b.Text.Duties = append(b.Text.Duties, b.Text.Duties[0])
	if bad {
		b.Items[0].Functional = "9999999"
	}
	var buf bytes.Buffer
	if err := budgetfile.WriteXLSX(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var (
	seenFields  = regexp.MustCompile(`name="state" value="([a-z]*)"><input type="hidden" name="revision" value="(\d+)"`)
	explainName = regexp.MustCompile(`name="(explain\.[0-9a-f]+)"`)
)

// seen reads the state and revision the page's forms carry.
func seen(t *testing.T, page string) url.Values {
	t.Helper()
	m := seenFields.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no state and revision on the page:\n%s", excerpt(page))
	}
	return url.Values{"state": {m[1]}, "revision": {m[2]}}
}

// upload posts a workbook with the page's state and revision.
func (c *client) upload(path, name string, data []byte, seen url.Values) (*http.Response, string) {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", c.csrf)
	for k, v := range seen {
		mw.WriteField(k, v[0])
	}
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.e.srv.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

// step opens a submission's page and takes action there with the state and
// revision the page shows and form, which must bring the caller back to the
// page saying it was done.
func (c *client) step(page, action string, form url.Values) {
	c.t.Helper()
	_, body := c.get(page)
	f := seen(c.t, body)
	for k, v := range form {
		f[k] = v
	}
	if resp, body := c.post(page+"/"+action, f); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != page+"?done="+action {
		c.t.Fatalf("%s: %d %s\n%s", action, resp.StatusCode, resp.Header.Get("Location"), excerpt(body))
	}
}

// TestUploadWithoutFile posts each upload form with no file chosen: the page the
// form is on says so beside it, for the department's data and for a unit's part.
func TestUploadWithoutFile(t *testing.T) {
	e := newEnv(t, t.TempDir()+"/work.db")
	dept := e.flowDepartment(t)
	prep := e.preparer(t, dept, "nf-prep", "填报人丁")
	page := fmt.Sprintf("/work/flow/%d/2024", dept)
	for _, tc := range []struct{ path, title, want string }{
		{page + "/upload", "2024年部门预算 - ", "请选择要上传的预算数据文件"},
		{page + "/units/upload", "2024年部门预算 · 各单位 - ", "请选择要上传的单位数据文件"},
	} {
		prep.get(page)
		resp, body := prep.post(tc.path, nil)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tc.title) || !strings.Contains(body, tc.want) {
			t.Errorf("%s without a file: %d, want %d and the page saying %q\n%s", tc.path, resp.StatusCode, http.StatusUnprocessableEntity, tc.want, excerpt(body))
		}
	}
}

// TestFlowPages runs the whole flow through the work area's pages on both
// stores: the preparer uploads a workbook with an error and sees it, fixes it,
// explains a warning and submits; the bureau returns it with a reason; the
// preparer uploads again and resubmits; the bureau approves; the publisher
// publishes; the portal shows the document with the explanation; the audit log
// lists every step.
func TestFlowPages(t *testing.T) {
	if testing.Short() {
		t.Skip("long and sequential: -short (the race stage of .ci/run) leaves it to the full pass")
	}
	eachBackend(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		dept := e.flowDepartment(t)
		prep := e.preparer(t, dept, "lg-prep", "填报人乙")
		page := fmt.Sprintf("/work/flow/%d/2024", dept)
		step := func(c *client, action string, form url.Values) { c.step(page, action, form) }
		upload := func(bad bool) string {
			t.Helper()
			_, body := prep.get(page)
			resp, body := prep.upload(page+"/upload", "预算.xlsx", flowWorkbook(t, bad), seen(t, body))
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("upload: %d\n%s", resp.StatusCode, excerpt(body))
			}
			_, body = prep.get(page + "?done=upload")
			return body
		}

		// 1. An error, shown in Chinese with its place.
		body := upload(true)
		for _, want := range []string{"草稿", "1 处错误", "工作表“支出明细” 第 2 行 B 列（功能科目）", "9999999"} {
			if !strings.Contains(body, want) {
				t.Errorf("after the upload with an error, the page lacks %q", want)
			}
		}
		// 2. Fixed; the warning must be explained before submission.
		body = upload(false)
		if !strings.Contains(body, "已校验") || !strings.Contains(body, "TXT-06") {
			t.Fatalf("fixed upload:\n%s", excerpt(body))
		}
		resp, body := prep.post(page+"/submit", seen(t, body))
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "每条警告都须填写说明") {
			t.Fatalf("submit with an unexplained warning: %d\n%s", resp.StatusCode, excerpt(body))
		}
		m := explainName.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no explanation field")
		}
		step(prep, "explain", url.Values{m[1]: {flowExplanation}})
		step(prep, "submit", nil)

		// 3. The bureau returns it; a stale form is refused.
		bureau := e.as(t, account.BureauReviewer)
		_, body = bureau.get(page)
		stale := seen(t, body)
		step(bureau, "return", url.Values{"reason": {"请核实重复的职责段落"}, "cell": {"工作表“部门职责” 第 3 行"}})
		if resp, body := bureau.post(page+"/approve", url.Values{"state": stale["state"], "revision": stale["revision"], "date": {"2024-01-10"}}); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "已被他人修改") {
			t.Errorf("stale approval: %d\n%s", resp.StatusCode, excerpt(body))
		}
		if _, body := prep.get(page); !strings.Contains(body, "请核实重复的职责段落") || !strings.Contains(body, "已退回") {
			t.Errorf("the preparer does not see the return's reason")
		}

		// 4. Uploaded again (the explanation carries over) and resubmitted.
		upload(false)
		step(prep, "submit", nil)

		// 5. Approved; the bureau's board shows the clock.
		step(bureau, "approve", url.Values{"date": {"2024-01-10"}})
		if _, body := bureau.get("/work/flow?year=2024"); !strings.Contains(body, flowDept) || !strings.Contains(body, "已逾期") || !strings.Contains(body, `class="late"`) {
			t.Errorf("board without the late department:\n%s", excerpt(body))
		}

		// 6. Published.
		pub := e.as(t, account.Publisher)
		step(pub, "publish", nil)

		// 7. The portal shows the document with the explanation.
		portal := httptest.NewServer(web.New(e.st, web.Options{}))
		defer portal.Close()
		docs, err := e.st.Documents(ctx, dept)
		if err != nil || len(docs) != 1 {
			t.Fatalf("public documents: %+v %v", docs, err)
		}
		resp2, err := http.Get(fmt.Sprintf("%s/documents/%d", portal.URL, docs[0].ID))
		if err != nil {
			t.Fatal(err)
		}
		var pb bytes.Buffer
		pb.ReadFrom(resp2.Body)
		resp2.Body.Close()
		if !strings.Contains(pb.String(), flowExplanation) {
			t.Error("the public document's page does not show the explanation")
		}

		// 8. The audit log lists every step.
		sub, err := e.st.FindSubmission(ctx, dept, 2024, "部门预算")
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(e.actions(t, sub.Object()), " ")
		want := "upload upload validate explain submit return upload validate submit approve publish"
		if got != want {
			t.Errorf("audit:\n got %s\nwant %s", got, want)
		}
	})
}
