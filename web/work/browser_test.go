package work

import (
	"encoding/json"
	"fmt"
	"html"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"yusuan/account"
	"yusuan/internal/browsertest"
	"yusuan/web"
)

// loginProbe frames the login page, fills in and submits the form as a person
// would, then opens the audit log in the same frame and reports what the frame
// shows at each step.
const loginProbe = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<iframe id="f" src="/work/login" style="width:1200px;height:3000px;border:0"></iframe>
<pre id="out">pending</pre>
<script>
var step = 0, seen = [];
document.getElementById("f").addEventListener("load", function () {
  var w = document.getElementById("f").contentWindow, d = w.document;
  seen.push({path: w.location.pathname, title: d.title, text: (d.querySelector("main") || d.body).innerText.slice(0, 4000)});
  step++;
  if (step === 1) {
    d.querySelector("input[name=login]").value = "LOGIN";
    d.querySelector("input[name=password]").value = "PASSWORD";
    d.querySelector("form.login button").click();
  } else if (step === 2) {
    w.location.href = "/work/audit";
  } else {
    document.getElementById("out").textContent = JSON.stringify(seen);
  }
});
</script></body></html>`

// framable lets the probe, of the same origin, frame the work area's pages,
// which forbid framing everywhere else.
type framable struct {
	http.ResponseWriter
	fixed bool
}

func (f *framable) fix() {
	if !f.fixed {
		f.fixed = true
		h := f.Header()
		h.Del("X-Frame-Options")
		h.Set("Content-Security-Policy", strings.Replace(h.Get("Content-Security-Policy"), "frame-ancestors 'none'", "frame-ancestors 'self'", 1))
	}
}

func (f *framable) WriteHeader(code int) { f.fix(); f.ResponseWriter.WriteHeader(code) }

func (f *framable) Write(b []byte) (int, error) { f.fix(); return f.ResponseWriter.Write(b) }

var probeOut = regexp.MustCompile(`(?s)<pre id="out">(.*?)</pre>`)

// runProbe serves mux on a local port, opens its /__probe page in headless
// Chromium for up to budget milliseconds of virtual time, decodes into out what
// the probe wrote into its <pre id="out">, and returns the server's address; the
// server runs until the test ends.
func runProbe(t *testing.T, chromium string, mux *http.ServeMux, budget int, out any) (base string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	base = "http://" + ln.Addr().String()
	dom := browsertest.Run(t, chromium, fmt.Sprintf("--virtual-time-budget=%d", budget), "--window-size=1400,1000", "--dump-dom", base+"/__probe")
	m := probeOut.FindStringSubmatch(dom)
	if m == nil {
		t.Fatal("no probe output")
	}
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), out); err != nil {
		t.Fatalf("probe output %q: %v", m[1], err)
	}
	return base
}

// TestBrowserLogin logs in through the real form in headless Chromium and opens
// the audit log, which lists that login.
func TestBrowserLogin(t *testing.T) {
	chromium := browsertest.Chromium(t)
	e := newEnv(t, t.TempDir()+"/work.db")
	portal := web.New(e.st, web.Options{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /__probe", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(strings.NewReplacer("LOGIN", "admin", "PASSWORD", testPassword).Replace(loginProbe)))
	})
	mux.Handle("GET /static/", portal)
	mux.Handle("/work/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.work.ServeHTTP(&framable{ResponseWriter: w}, r)
	}))
	var seen []struct{ Path, Title, Text string }
	runProbe(t, chromium, mux, 15000, &seen)
	if len(seen) != 3 {
		t.Fatalf("the frame went through %d pages, want 3: %+v", len(seen), seen)
	}
	if seen[0].Path != "/work/login" || !strings.Contains(seen[0].Text, "登录名") {
		t.Errorf("first page: %+v", seen[0])
	}
	if seen[1].Path != "/work/" || !strings.Contains(seen[1].Text, "您好，"+account.Admin.Label()+"甲") || !strings.Contains(seen[1].Text, "管理员") {
		t.Errorf("after login: %+v", seen[1])
	}
	if seen[2].Path != "/work/audit" || !strings.Contains(seen[2].Text, "哈希链逐条校验通过") || !strings.Contains(seen[2].Text, "登录") ||
		!strings.Contains(seen[2].Text, "127.0.0.1") {
		t.Errorf("audit log: %+v", seen[2])
	}
}
