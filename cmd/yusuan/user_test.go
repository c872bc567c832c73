package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"yusuan/store"
	"yusuan/web"
	"yusuan/web/work"
)

func runUserCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runUserWith(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// TestUserCommand adds, lists, disables, enables and resets accounts from the
// command line, with the mistakes a person makes, and finds every change in the
// audit log under cli and the OS user.
func TestUserCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "yusuan.db")
	if code, _, errs := runCLI(t, "import", "--db", db, example); code != exitOK {
		t.Fatalf("import: %s", errs)
	}
	const region, dept = "深圳市龙岗区", "深圳市龙岗区政务服务数据管理局"
	code, out, errs := runUserCLI(t, "", "add", "admin", "--db", db, "--name", "张三", "--role", "管理员", "--region", region)
	if code != exitOK || !regexp.MustCompile(`初始密码（只显示这一次）：[A-Za-z0-9]{16}`).MatchString(out) {
		t.Fatalf("add admin: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = runUserCLI(t, "Horse-battery-7\n", "add", "wang", "--db", db, "--name", "王五", "--role", "preparer",
		"--region", region, "--department", dept, "--unit", "本级", "--password-stdin")
	if code != exitOK || strings.Contains(out, "密码") {
		t.Fatalf("add wang: exit %d\n%s%s", code, out, errs)
	}
	for _, c := range []struct {
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"", []string{"add", "wang", "--name", "又一个", "--role", "admin", "--region", region}, exitError, "已被使用"},
		{"", []string{"add", "Bad Login", "--name", "x", "--role", "admin", "--region", region}, exitUsage, "登录名"},
		{"", []string{"add", "li", "--name", "李", "--role", "boss", "--region", region}, exitUsage, "未知的角色"},
		{"", []string{"add", "li", "--name", "李", "--role", "单位填报人", "--region", region}, exitUsage, "须用 --department"},
		{"", []string{"add", "li", "--name", "李", "--role", "admin", "--region", region, "--department", dept}, exitUsage, "面向全地区"},
		{"", []string{"add", "li", "--name", "李", "--role", "部门审核人", "--region", region, "--department", "不存在的局"}, exitError, "已有的部门：" + dept},
		{"short\n", []string{"add", "li", "--name", "李", "--role", "admin", "--region", region, "--password-stdin"}, exitError, "密码太短"},
		{"", []string{"add", "li", "--name", "李", "--role", "admin"}, exitUsage, "--region"},
		{"", []string{"disable", "nobody"}, exitError, "没有登录名为“nobody”的账号"},
		{"", []string{"frobnicate"}, exitUsage, "未知的操作"},
		{"", []string{"list", "extra"}, exitUsage, "不接受"},
		{"", []string{"list", "--region", "无此地区"}, exitError, "没有名为"},
	} {
		code, out, errs := runUserCLI(t, c.stdin, append(c.args, "--db", db)...)
		if code != c.code || !strings.Contains(out+errs, c.want) {
			t.Errorf("user %v: exit %d, want %d with %q\n%s%s", c.args, code, c.code, c.want, out, errs)
		}
	}
	for _, args := range [][]string{{"disable", "wang"}, {"enable", "wang"}, {"reset", "wang"}} {
		if code, out, errs := runUserCLI(t, "", append(args, "--db", db)...); code != exitOK {
			t.Errorf("user %v: exit %d\n%s%s", args, code, out, errs)
		}
	}
	code, out, _ = runUserCLI(t, "", "list", "--db", db, "--region", region)
	if code != exitOK || !strings.Contains(out, "王五") || !strings.Contains(out, "单位填报人") || !strings.Contains(out, "共 2 个账号") {
		t.Errorf("list: exit %d\n%s", code, out)
	}
	if code, out, _ := runCLI(t, "help"); code != exitOK || !strings.Contains(out, "user") {
		t.Errorf("help does not list user:\n%s", out)
	}

	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	list, err := st.ListAudit(context.Background(), store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for i := len(list) - 1; i >= 0; i-- {
		e := list[i]
		if !strings.HasPrefix(e.Login, "cli:") || e.Address != "本机命令行" {
			t.Errorf("entry %+v is not the command line's", e)
		}
		actions = append(actions, e.Action+" "+e.Object)
	}
	want := "user.add user admin|user.add user wang|user.disable user wang|user.enable user wang|user.reset user wang"
	if got := strings.Join(actions, "|"); got != want {
		t.Errorf("audit = %s\nwant    %s", got, want)
	}
}

// TestServeHandlers checks what each address answers: together, the work area
// under /work/ (its POSTs included, which the read-only portal would refuse) and
// the portal elsewhere; apart, the public address knows nothing of /work/.
func TestServeHandlers(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "yusuan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	portal, workArea := web.New(st, web.Options{}), work.New(st, work.Options{})
	status := func(h http.Handler, method, path string) int {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
		return rec.Code
	}
	together, none := serveHandlers(portal, workArea, false)
	if none != nil {
		t.Error("a work handler without --work-addr")
	}
	for _, c := range []struct {
		method, path string
		code         int
	}{
		{"GET", "/work/login", 200}, {"POST", "/work/login", 403}, {"GET", "/work/users", 303},
		{"GET", "/work", http.StatusTemporaryRedirect}, {"GET", "/static/css/site.css", 200}, {"GET", "/work/static/work.css", 200},
	} {
		if got := status(together, c.method, c.path); got != c.code {
			t.Errorf("together: %s %s = %d, want %d", c.method, c.path, got, c.code)
		}
	}
	public, workOnly := serveHandlers(portal, workArea, true)
	for _, p := range []string{"/work/", "/work/login", "/work/users", "/work/audit.csv", "/work/static/work.css", "/work"} {
		if got := status(public, "GET", p); got != http.StatusNotFound {
			t.Errorf("public address with --work-addr: GET %s = %d, want 404", p, got)
		}
	}
	if got := status(public, "POST", "/work/login"); got != http.StatusMethodNotAllowed {
		t.Errorf("public address with --work-addr: POST /work/login = %d, want 405", got)
	}
	for _, c := range []struct {
		path string
		code int
	}{{"/work/login", 200}, {"/static/css/site.css", 200}, {"/", 303}, {"/departments", 404}, {"/api/regions", 404}} {
		if got := status(workOnly, "GET", c.path); got != c.code {
			t.Errorf("work address: GET %s = %d, want %d", c.path, got, c.code)
		}
	}
}

// TestServeWorkAddr runs the real program with --work-addr and checks that the
// public address answers 404 under /work/ while the work address serves it.
func TestServeWorkAddr(t *testing.T) {
	dir, bin := buildProgram(t)
	cmd, stdout, stderr, done := startProgram(t, bin, "serve", "--db", filepath.Join(dir, "yusuan.db"), "--addr", "127.0.0.1:0", "--work-addr", "127.0.0.1:0")
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve exited with %v after SIGTERM\n%s", err, stderr.String())
			}
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			t.Errorf("serve still running 10 s after SIGTERM")
		}
	}()
	started := regexp.MustCompile(`(门户|工作区)已启动：(http://[^/]+)/`)
	addrs := make(chan []string, 2)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := started.FindStringSubmatch(sc.Text()); m != nil {
				addrs <- m[1:]
			}
		}
	}()
	base := map[string]string{}
	for len(base) < 2 {
		select {
		case m := <-addrs:
			base[m[0]] = m[1]
		case <-time.After(30 * time.Second):
			t.Fatalf("serve did not start\n%s", stderr.String())
		}
	}
	client := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(url string) (int, string) {
		resp, err := client.Get(url)
		if err != nil {
			t.Fatalf("GET %s: %v", url, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, p := range []string{"/work/", "/work/login", "/work/static/work.css"} {
		if code, _ := get(base["门户"] + p); code != http.StatusNotFound {
			t.Errorf("public address: GET %s = %d, want 404", p, code)
		}
	}
	if code, body := get(base["工作区"] + "/work/login"); code != http.StatusOK || !strings.Contains(body, "登录") {
		t.Errorf("work address: GET /work/login = %d", code)
	}
	if code, _ := get(base["门户"] + "/"); code != http.StatusOK {
		t.Errorf("public address: GET / = %d", code)
	}
}
