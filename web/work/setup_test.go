package work

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"yusuan/account"
	"yusuan/store"
	"yusuan/store/storetest"
)

// testPassword is every fixture account's password.
const testPassword = "Correct-horse-9"

// env is a work area over a fresh store: two regions, two departments in the
// first (A, B) and one in the second (C), and one account of every role in the
// first region, the department-scoped ones in department A.
type env struct {
	st     *store.Store
	srv    *httptest.Server
	work   *Server
	clock  *clock
	dbPath string // the SQLite file, when the store is SQLite

	region, otherRegion int64
	deptA, deptB, deptC int64
	users               map[account.Role]store.UserInfo
	hash                string
}

// clock is the work area's clock, moved by tests.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

var cliActor = account.Actor{User: account.User{Login: "cli:test"}, Address: "本机命令行"}

// fixtureHash is testPassword hashed once with the default parameters.
var fixtureHash = sync.OnceValue(func() string {
	h, err := account.HashPassword(testPassword)
	if err != nil {
		panic(err)
	}
	return h
})

// eachBackend runs test against a SQLite work area and, when configured, a
// PostgreSQL one.
func eachBackend(t *testing.T, test func(t *testing.T, e *env)) {
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "work.db")
		e := newEnv(t, path)
		e.dbPath = path
		test(t, e)
	})
	t.Run("postgres", func(t *testing.T) { test(t, newEnv(t, storetest.PostgresDSN(t))) })
}

func newEnv(t *testing.T, dsn string) *env {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &env{st: st, clock: &clock{now: time.Now()}, users: map[account.Role]store.UserInfo{}, hash: fixtureHash()}
	now := e.clock.Now()
	must := func(id int64, err error) int64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	e.region = must(st.EnsureRegion(ctx, "甲区"))
	e.otherRegion = must(st.EnsureRegion(ctx, "乙区"))
	e.deptA = must(st.EnsureDepartment(ctx, cliActor, e.region, "甲区财政局", "101", now))
	e.deptB = must(st.EnsureDepartment(ctx, cliActor, e.region, "甲区教育局", "102", now))
	e.deptC = must(st.EnsureDepartment(ctx, cliActor, e.otherRegion, "乙区财政局", "201", now))
	for _, role := range account.Roles {
		u := account.User{Login: strings.ReplaceAll(string(role), "_", "-"), Name: role.Label() + "甲", Role: role, RegionID: e.region}
		if role.DepartmentScoped() {
			u.DepartmentID = e.deptA
		}
		e.users[role] = e.addUser(t, u)
	}
	e.work = New(st, Options{Now: e.clock.Now, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	e.srv = httptest.NewServer(e.work)
	t.Cleanup(e.srv.Close)
	return e
}

// addUser stores an account with testPassword.
func (e *env) addUser(t *testing.T, u account.User) store.UserInfo {
	t.Helper()
	ctx := context.Background()
	created, err := e.st.CreateUser(ctx, cliActor, u, e.hash, e.clock.Now())
	if err != nil {
		t.Fatalf("CreateUser(%+v): %v", u, err)
	}
	info, err := e.st.User(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// flowDepartment stores the department the flow's workbook is of, flowDept,
// and returns its id.
func (e *env) flowDepartment(t *testing.T) int64 {
	t.Helper()
	return e.department(t, flowDept, "")
}

// department stores a department of the region and returns its id.
func (e *env) department(t *testing.T, name, code string) int64 {
	t.Helper()
	dept, err := e.st.EnsureDepartment(context.Background(), cliActor, e.region, name, code, e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	return dept
}

// preparer stores a preparer of dept and returns a client logged in as them.
func (e *env) preparer(t *testing.T, dept int64, login, name string) *client {
	t.Helper()
	e.addUser(t, account.User{Login: login, Name: name, Role: account.Preparer, RegionID: e.region, DepartmentID: dept})
	c := e.client(t)
	if resp, body := c.login(login, testPassword); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login as %s: %d %s", login, resp.StatusCode, excerpt(body))
	}
	return c
}

// client is a browser: a cookie jar, no redirects followed.
type client struct {
	t    *testing.T
	e    *env
	hc   *http.Client
	csrf string // the last CSRF secret seen on a page
}

func (e *env) client(t *testing.T) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, e: e, hc: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (c *client) do(req *http.Request) (*http.Response, string) {
	c.t.Helper()
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	body := string(b)
	if m := csrfField.FindStringSubmatch(body); m != nil {
		c.csrf = m[1]
	}
	return resp, body
}

func (c *client) get(path string) (*http.Response, string) {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.e.srv.URL+path, nil)
	return c.do(req)
}

// post sends form with the last CSRF secret seen, unless form sets csrf itself.
func (c *client) post(path string, form url.Values) (*http.Response, string) {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf"]; !ok {
		form.Set("csrf", c.csrf)
	}
	req, _ := http.NewRequest(http.MethodPost, c.e.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// login logs in as login with password and returns the login's answer.
func (c *client) login(login, password string) (*http.Response, string) {
	c.t.Helper()
	c.get("/work/login")
	return c.post("/work/login", url.Values{"login": {login}, "password": {password}})
}

// as returns a client logged in as the fixture account of role.
func (e *env) as(t *testing.T, role account.Role) *client {
	t.Helper()
	c := e.client(t)
	resp, body := c.login(e.users[role].Login, testPassword)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login as %s: %d\n%s", role, resp.StatusCode, body)
	}
	c.get("/work/")
	return c
}

// cookie returns the value of the client's cookie name, or "".
func (c *client) cookie(name string) string {
	u, _ := url.Parse(c.e.srv.URL + "/work/")
	for _, ck := range c.hc.Jar.Cookies(u) {
		if ck.Name == name {
			return ck.Value
		}
	}
	return ""
}

// auditCount is the number of entries in the audit log.
func (e *env) auditCount(t *testing.T) int {
	t.Helper()
	list, err := e.st.ListAudit(context.Background(), store.AuditFilter{Limit: store.MaxAuditList})
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

// actions lists the audit log's actions whose object is object, oldest first.
func (e *env) actions(t *testing.T, object string) []string {
	t.Helper()
	list, err := e.st.ListAudit(context.Background(), store.AuditFilter{Limit: store.MaxAuditList})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(list) - 1; i >= 0; i-- {
		if list[i].Object == object {
			out = append(out, list[i].Action)
		}
	}
	return out
}
