package work

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"yusuan/account"
	"yusuan/store"
)

func TestLoginLogout(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		c := e.client(t)
		resp, body := c.get("/work/login")
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, `name="csrf"`) || c.cookie(preCookie) == "" {
			t.Fatalf("login page: %d, csrf field and cookie expected", resp.StatusCode)
		}
		if resp, body := c.post("/work/login", url.Values{"login": {"admin"}, "password": {"wrong-password"}}); resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "登录名或密码不正确") {
			t.Errorf("wrong password: %d", resp.StatusCode)
		}
		resp, _ = c.post("/work/login", url.Values{"login": {" Admin "}, "password": {testPassword}, "next": {"/work/audit?login=x"}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/work/audit?login=x" {
			t.Fatalf("login: %d → %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		token := c.cookie(sessionCookie)
		if len(token) < 40 {
			t.Fatalf("session cookie %q", token)
		}
		_, body = c.get("/work/")
		for _, want := range []string{"管理员甲", "管理员", "甲区", `href="/work/users"`, `href="/work/audit"`, "退出登录"} {
			if !strings.Contains(body, want) {
				t.Errorf("home page lacks %q", want)
			}
		}
		// A redirect after login never leaves the work area.
		for _, next := range []string{"https://evil.example/", "//evil.example/", "/work/login", "/elsewhere"} {
			if got := safeNext(next); got != "/work/" {
				t.Errorf("safeNext(%q) = %q", next, got)
			}
		}
		if resp, _ := c.post("/work/logout", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("logout: %d", resp.StatusCode)
		}
		// The old token opens nothing, even when sent again by hand.
		c2 := e.client(t)
		u, _ := url.Parse(e.srv.URL + "/work/")
		c2.hc.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: token, Path: "/work/"}})
		if resp, _ := c2.get("/work/"); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("the logged-out token still opens the home page: %d", resp.StatusCode)
		}
		if got := strings.Join(e.actions(t, "user admin"), " "); got != "user.add login.fail login logout" {
			t.Errorf("audit of admin = %s", got)
		}
	})
}

// TestCookieFlags checks the session cookie's attributes over plain HTTP and TLS.
func TestCookieFlags(t *testing.T) {
	e := newEnv(t, t.TempDir()+"/work.db")
	for _, overTLS := range []bool{false, true} {
		// The CSRF secret of the login form.
		req := httptest.NewRequest(http.MethodGet, "/work/login", nil)
		if overTLS {
			req.TLS = &tls.ConnectionState{}
		}
		rec := httptest.NewRecorder()
		e.work.ServeHTTP(rec, req)
		pre := findCookie(rec.Result().Cookies(), preCookie)
		if pre == nil {
			t.Fatal("no CSRF cookie on the login page")
		}
		form := url.Values{"login": {"admin"}, "password": {testPassword}, "csrf": {pre.Value}}
		req = httptest.NewRequest(http.MethodPost, "/work/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(pre)
		if overTLS {
			req.TLS = &tls.ConnectionState{}
		}
		rec = httptest.NewRecorder()
		e.work.ServeHTTP(rec, req)
		ck := findCookie(rec.Result().Cookies(), sessionCookie)
		if rec.Code != http.StatusSeeOther || ck == nil {
			t.Fatalf("login (TLS %v): %d, cookie %v", overTLS, rec.Code, ck)
		}
		if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/work/" || ck.Secure != overTLS {
			t.Errorf("session cookie over TLS=%v: %+v", overTLS, ck)
		}
		if cc := rec.Header().Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control = %q", cc)
		}
	}
}

func findCookie(cs []*http.Cookie, name string) *http.Cookie {
	for _, c := range cs {
		if c.Name == name && c.MaxAge >= 0 {
			return c
		}
	}
	return nil
}

// TestSessionFixation plants a session cookie before the victim logs in: an
// invented one and the attacker's own valid session. The login issues a new
// token, and the planted one opens nothing afterwards.
func TestSessionFixation(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		attacker := e.as(t, account.Preparer)
		planted := attacker.cookie(sessionCookie)
		for _, value := range []string{"invented-token-of-the-attacker-0123456789abc", planted} {
			victim := e.client(t)
			u, _ := url.Parse(e.srv.URL + "/work/")
			victim.hc.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: value, Path: "/work/"}})
			if resp, _ := victim.login("admin", testPassword); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("victim login: %d", resp.StatusCode)
			}
			got := victim.cookie(sessionCookie)
			if got == "" || got == value {
				t.Fatalf("the login kept the planted token %q", value)
			}
			// The planted token does not open the victim's session.
			spy := e.client(t)
			spy.hc.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: value, Path: "/work/"}})
			if resp, body := spy.get("/work/"); resp.StatusCode == http.StatusOK && strings.Contains(body, "管理员甲") {
				t.Errorf("the planted token %q opens the victim's session", value)
			}
		}
	})
}

// TestCSRF sends POSTs without the form's secret, with a wrong one, with another
// session's, and from another origin: each is refused and changes nothing.
func TestCSRF(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		admin := e.as(t, account.Admin)
		other := e.as(t, account.BureauReviewer)
		victim := e.users[account.Preparer]
		path := "/work/users/" + formatID(victim.ID) + "/disable"
		before := e.auditCount(t)
		for name, form := range map[string]url.Values{
			"none":          {"csrf": {""}},
			"wrong":         {"csrf": {"x" + admin.csrf[1:]}},
			"other session": {"csrf": {other.csrf}},
		} {
			if resp, body := admin.post(path, form); resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "CSRF") {
				t.Errorf("%s: %d, want 403 naming CSRF", name, resp.StatusCode)
			}
		}
		req, _ := http.NewRequest(http.MethodPost, e.srv.URL+path, strings.NewReader(url.Values{"csrf": {admin.csrf}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "https://evil.example")
		if resp, _ := admin.do(req); resp.StatusCode != http.StatusForbidden {
			t.Errorf("cross-origin POST: %d, want 403", resp.StatusCode)
		}
		if e.auditCount(t) != before {
			t.Error("a refused POST reached the audit log")
		}
		if u, _ := e.st.User(t.Context(), victim.ID); u.Disabled {
			t.Fatal("a forged POST disabled an account")
		}
		// The login form has its own secret: a login without it is refused.
		c := e.client(t)
		c.get("/work/login")
		if resp, _ := c.post("/work/login", url.Values{"login": {"admin"}, "password": {testPassword}, "csrf": {"forged"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("login with a forged secret: %d, want 403", resp.StatusCode)
		}
		// The right secret passes.
		if resp, _ := admin.post(path, nil); resp.StatusCode != http.StatusOK {
			t.Errorf("POST with the right secret: %d", resp.StatusCode)
		}
	})
}

// TestBruteForce guesses passwords: after LockAfter failures the account is
// locked even for the right password, until the lock ends or an administrator
// resets the password. Unknown logins are refused alike after as many failures,
// and an address with too many failures is refused for every login.
func TestBruteForce(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		c := e.client(t)
		login := e.users[account.Publisher].Login
		for i := 1; i <= 5; i++ {
			resp, body := c.login(login, "wrong-guess-"+formatID(int64(i)))
			want := http.StatusUnauthorized
			if i == 5 {
				want = http.StatusTooManyRequests
			}
			if resp.StatusCode != want {
				t.Fatalf("guess %d: %d, want %d\n%s", i, resp.StatusCode, want, excerpt(body))
			}
		}
		resp, body := c.login(login, testPassword)
		if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "账号已暂时锁定") {
			t.Fatalf("right password while locked: %d", resp.StatusCode)
		}
		e.clock.Add(16 * time.Minute)
		if resp, _ := c.login(login, testPassword); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("right password after the lock ended: %d", resp.StatusCode)
		}

		// Locked again, then reset by the administrator.
		for i := 1; i <= 5; i++ {
			e.client(t).login(login, "wrong-again")
		}
		admin := e.as(t, account.Admin)
		_, body = admin.get("/work/users")
		if !strings.Contains(body, "已锁定") {
			t.Error("the account page does not show the lock")
		}
		if resp, _ := admin.post("/work/users/"+formatID(e.users[account.Publisher].ID)+"/reset", url.Values{"password": {"Brand-new-pass-1"}}); resp.StatusCode != http.StatusOK {
			t.Fatalf("reset: %d", resp.StatusCode)
		}
		if resp, _ := e.client(t).login(login, "Brand-new-pass-1"); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("login after the reset: %d", resp.StatusCode)
		}

		// Unknown logins: the same refusal after as many failures.
		for i := 1; i <= 5; i++ {
			e.client(t).login("nobody", "whatever-it-is")
		}
		if resp, body := e.client(t).login("nobody", "whatever-it-is"); resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "账号已暂时锁定") {
			t.Errorf("unknown login after 5 failures: %d", resp.StatusCode)
		}
		// The address: 20 failures within the window refuse every login from it.
		e.clock.Add(20 * time.Minute)
		for i := 0; i < 20; i++ {
			e.client(t).login("guess"+formatID(int64(i)), "whatever-it-is")
		}
		if resp, body := e.client(t).login("admin", testPassword); resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "地址") {
			t.Errorf("login from a throttled address: %d", resp.StatusCode)
		}
		e.clock.Add(16 * time.Minute)
		if resp, _ := e.client(t).login("admin", testPassword); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("login after the address window: %d", resp.StatusCode)
		}
		acts := strings.Join(e.actions(t, "user "+login), " ")
		if strings.Count(acts, "login.fail") != 10 || !strings.Contains(acts, "user.reset") {
			t.Errorf("audit of %s = %s", login, acts)
		}
	})
}

// TestExpiry ends a session after 30 idle minutes, and after 12 hours however
// active it is.
func TestExpiry(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		c := e.as(t, account.BureauReviewer)
		e.clock.Add(29 * time.Minute)
		if resp, _ := c.get("/work/"); resp.StatusCode != http.StatusOK {
			t.Fatalf("after 29 idle minutes: %d", resp.StatusCode)
		}
		e.clock.Add(31 * time.Minute)
		resp, _ := c.get("/work/audit")
		if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "expired=1") {
			t.Fatalf("after 31 idle minutes: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		if _, body := c.get(resp.Header.Get("Location")); !strings.Contains(body, "登录已过期") {
			t.Error("the login page does not say the session expired")
		}

		c = e.as(t, account.BureauReviewer)
		for elapsed := time.Duration(0); elapsed < 12*time.Hour-20*time.Minute; elapsed += 20 * time.Minute {
			e.clock.Add(20 * time.Minute)
			if resp, _ := c.get("/work/"); resp.StatusCode != http.StatusOK {
				t.Fatalf("active session refused after %v: %d", elapsed+20*time.Minute, resp.StatusCode)
			}
		}
		e.clock.Add(21 * time.Minute)
		if resp, _ := c.get("/work/"); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("session still open after 12 hours: %d", resp.StatusCode)
		}
	})
}

var shownPassword = regexp.MustCompile(`<code>([A-Za-z0-9]{16})</code>`)

// TestAccountActions manages accounts through the pages: each action works, is in
// the audit log under the administrator's name and address, and a disabled
// account's session ends at once.
func TestAccountActions(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		admin := e.as(t, account.Admin)
		resp, body := admin.post("/work/users", url.Values{"login": {"li-si"}, "name": {"李四"}, "role": {"部门审核人"}, "department": {formatID(e.deptB)}})
		m := shownPassword.FindStringSubmatch(body)
		if resp.StatusCode != http.StatusOK || m == nil {
			t.Fatalf("add user: %d, generated password shown: %v\n%s", resp.StatusCode, m != nil, excerpt(body))
		}
		if _, again := admin.get("/work/users"); strings.Contains(again, m[1]) {
			t.Error("the generated password is shown a second time")
		}
		for _, bad := range []url.Values{
			{"login": {"li-si"}, "name": {"重名"}, "role": {"admin"}},
			{"login": {"x"}, "name": {"短"}, "role": {"admin"}},
			{"login": {"wu"}, "name": {"吴"}, "role": {"preparer"}},
			{"login": {"wu"}, "name": {"吴"}, "role": {"admin"}, "password": {"short"}},
		} {
			if resp, body := admin.post("/work/users", bad); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `class="notice bad"`) {
				t.Errorf("add %v: %d, want 400 with a message", bad, resp.StatusCode)
			}
		}
		li := e.client(t)
		if resp, _ := li.login("li-si", m[1]); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("login with the generated password: %d", resp.StatusCode)
		}
		created, _ := e.st.UserByLogin(t.Context(), "li-si")
		if created.DepartmentID != e.deptB || created.Role != account.DeptReviewer {
			t.Errorf("created %+v", created)
		}
		id := formatID(created.ID)
		if resp, _ := admin.post("/work/users/"+id+"/disable", nil); resp.StatusCode != http.StatusOK {
			t.Fatalf("disable: %d", resp.StatusCode)
		}
		if resp, _ := li.get("/work/"); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("a disabled account's session still works: %d", resp.StatusCode)
		}
		if resp, body := e.client(t).login("li-si", m[1]); resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "已停用") {
			t.Errorf("login of a disabled account: %d", resp.StatusCode)
		}
		admin.post("/work/users/"+id+"/enable", nil)
		admin.post("/work/users/"+id+"/reset", nil)
		if resp, _ := admin.post("/work/users/"+formatID(e.users[account.Admin].ID)+"/disable", nil); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("an administrator disabled itself: %d", resp.StatusCode)
		}
		if got := strings.Join(e.actions(t, "user li-si"), " "); got != "user.add login user.disable login.fail user.enable user.reset" {
			t.Errorf("audit of li-si = %s", got)
		}
		list, _ := e.st.ListAudit(t.Context(), auditFilterOf("admin"))
		if len(list) == 0 || list[0].Address != "127.0.0.1" || list[0].Role != account.Admin {
			t.Errorf("the administrator's entries: %+v", list)
		}
	})
}

func auditFilterOf(login string) store.AuditFilter { return store.AuditFilter{Login: login} }

// TestErrorPages: unknown paths and methods get Chinese pages, never the mux's English text.
func TestErrorPages(t *testing.T) {
	e := newEnv(t, t.TempDir()+"/work.db")
	c := e.as(t, account.Admin)
	for _, tc := range []struct {
		method, path string
		code         int
		want         string
	}{
		{"GET", "/work/nope", 404, "页面不存在"},
		{"GET", "/work/logout", 405, "不支持此请求方式"},
		{"DELETE", "/work/users", 405, "GET, POST"},
		{"GET", "/work/users/abc/disable", 405, "POST"},
		{"POST", "/work/users/abc/disable", 404, "页面不存在"},
		{"POST", "/work/users/999999/reset", 404, "所查找的内容不存在"},
	} {
		req, _ := http.NewRequest(tc.method, e.srv.URL+tc.path, strings.NewReader(url.Values{"csrf": {c.csrf}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, body := c.do(req)
		if resp.StatusCode != tc.code || !strings.Contains(body, tc.want) || !strings.Contains(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("%s %s: %d %s, want %d with %q", tc.method, tc.path, resp.StatusCode, resp.Header.Get("Content-Type"), tc.code, tc.want)
		}
	}
}

// TestPathDepartment: the scope of a route on /work/departments/{dept}/… is the
// department's region and itself.
func TestPathDepartment(t *testing.T) {
	e := newEnv(t, t.TempDir()+"/work.db")
	r := httptest.NewRequest(http.MethodGet, "/work/departments/x", nil)
	r.SetPathValue("dept", formatID(e.deptC))
	region, dept, err := pathDepartment(e.work, r, &caller{})
	if err != nil || region != e.otherRegion || dept != e.deptC {
		t.Errorf("pathDepartment = %d, %d, %v", region, dept, err)
	}
	r.SetPathValue("dept", "abc")
	if _, _, err := pathDepartment(e.work, r, &caller{}); classify(err).Status != http.StatusBadRequest {
		t.Errorf("pathDepartment(abc) = %v", err)
	}
}

// TestAddDepartment adds a department from the account page and an account in it.
func TestAddDepartment(t *testing.T) {
	e := newEnv(t, t.TempDir()+"/work.db")
	admin := e.as(t, account.Admin)
	if resp, body := admin.post("/work/settings/departments", url.Values{"dept_name": {"甲区水务局"}, "dept_code": {"103"}}); resp.StatusCode != http.StatusOK || !strings.Contains(body, "甲区水务局") {
		t.Fatalf("add department: %d", resp.StatusCode)
	}
	if resp, _ := admin.post("/work/settings/departments", url.Values{"dept_name": {""}}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("add a nameless department: %d", resp.StatusCode)
	}
	depts, _ := e.st.WorkDepartments(t.Context(), "甲区")
	var id int64
	for _, d := range depts {
		if d.Name == "甲区水务局" && d.Code == "103" {
			id = d.ID
		}
	}
	if id == 0 {
		t.Fatalf("department not stored: %+v", depts)
	}
	if resp, _ := admin.post("/work/users", url.Values{"login": {"shui"}, "name": {"水"}, "role": {"preparer"}, "department": {formatID(id)}}); resp.StatusCode != http.StatusOK {
		t.Errorf("add an account in the new department: %d", resp.StatusCode)
	}
	if got := e.actions(t, "department 甲区水务局"); len(got) != 1 || got[0] != "department.add" {
		t.Errorf("audit of the department = %v", got)
	}
}
