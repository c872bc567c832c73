package work

import (
	"database/sql"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"yusuan/account"
	"yusuan/store"
)

// TestAuditPage filters the audit log, exports it as CSV with formulas
// neutralised, and shows the hash chain's state.
func TestAuditPage(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		// An entry whose text a spreadsheet would take for formulas, in department B.
		bad := store.NewAuditEntry(account.Actor{User: e.users[account.BureauReviewer].User, Address: "10.0.0.9"}, "approve")
		bad.DepartmentID, bad.Object, bad.Detail = e.deptB, "=HYPERLINK(\"http://evil\")", "+1-1<script>"
		if _, err := e.st.AppendAudit(ctx, bad); err != nil {
			t.Fatal(err)
		}
		admin := e.as(t, account.Admin)
		resp, body := admin.get("/work/audit")
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "哈希链逐条校验通过") {
			t.Fatalf("audit page: %d\n%s", resp.StatusCode, excerpt(body))
		}
		if strings.Contains(body, "<script>") || !strings.Contains(body, "1-1&lt;script&gt;") {
			t.Error("the detail is not escaped")
		}
		_, body = admin.get("/work/audit?login=bureau-reviewer")
		if !strings.Contains(body, "10.0.0.9") || strings.Contains(body, "<td>新建账号</td>") {
			t.Error("the person filter does not select")
		}
		_, body = admin.get("/work/audit?action=user.add")
		if strings.Contains(body, "10.0.0.9") || !strings.Contains(body, "<td>新建账号</td>") {
			t.Error("the action filter does not select")
		}
		_, body = admin.get("/work/audit?from=2000-01-01&to=2000-01-02")
		if !strings.Contains(body, "没有符合条件的记录") {
			t.Error("the date filter does not select")
		}
		if resp, body := admin.get("/work/audit?from=yesterday"); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "2026-01-31") {
			t.Errorf("a bad date: %d", resp.StatusCode)
		}

		resp, body = admin.get("/work/audit.csv?department=" + formatID(e.deptB))
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("CSV: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var found bool
		for _, r := range rows[1:] {
			if r[5] == "批复" { // the workflow's action, by its Chinese name
				found = true
				if r[6] != `'=HYPERLINK("http://evil")` || r[9] != "'+1-1<script>" || r[4] != "甲区教育局" {
					t.Errorf("CSV row %q: formulas not neutralised", r)
				}
			}
		}
		if !found || rows[0][0] != "编号" {
			t.Errorf("CSV has no approve row: %q", rows)
		}
		if got := e.actions(t, "audit_log"); len(got) != 1 || got[0] != "audit.export" {
			t.Errorf("the export is not audited: %v", got)
		}

		// A department reviewer sees its own department only, whatever it asks.
		dr := e.as(t, account.DeptReviewer)
		_, body = dr.get("/work/audit")
		if strings.Contains(body, "10.0.0.9") || !strings.Contains(body, "user preparer") {
			t.Error("a department reviewer sees another department's entries, or not its own")
		}

		// An edit made behind the application's back breaks the chain, and the page says so.
		if e.dbPath == "" {
			return
		}
		db, err := sql.Open("sqlite", e.dbPath)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, q := range []string{`DROP TRIGGER audit_log_no_update`, `UPDATE audit_log SET detail = '改过' WHERE action = 'approve'`} {
			if _, err := db.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		// The page verified the chain when it was opened above: it now verifies the
		// new entries only, and the whole verification finds the old entry's edit.
		if _, body := admin.get("/work/audit"); !strings.Contains(body, "本次校验了上次校验到的第") || !strings.Contains(body, "逐条校验全部记录") {
			t.Errorf("the page does not verify from its checkpoint:\n%s", excerpt(body))
		}
		if _, body := admin.get("/work/audit?verify=all"); !strings.Contains(body, "哈希链在第") || !strings.Contains(body, "被修改") {
			t.Error("the page does not report the broken chain")
		}
	})
}
