package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"yusuan/store"
)

// The load test (docs/performance.md, "Portal"): set YUSUAN_LOAD=1 to run it. It
// loads the synthetic district's departments (YUSUAN_LOAD_DEPARTMENTS, default
// 1,000) over three years into SQLite with yusuan demo, serves the portal on
// loopback, and drives one document page, then the same page saved as a static
// file, then searches and department lists (loadSearch), with loadgen in a
// process of its own. YUSUAN_LOAD_DB names a database file
// to keep between runs (loaded when missing); YUSUAN_LOAD_SECONDS (default 10) and
// YUSUAN_LOAD_CONNECTIONS (default 16) shape the load.
const loadEnv = "YUSUAN_LOAD"

// loadResult is what loadgen prints.
type loadResult struct {
	Requests int     `json:"requests"`
	Errors   int     `json:"errors"`
	Bytes    int64   `json:"bytes"`
	RPS      float64 `json:"rps"`
	P50ms    float64 `json:"p50_ms"`
	P99ms    float64 `json:"p99_ms"`
}

func TestLoad(t *testing.T) {
	if os.Getenv(loadEnv) == "" {
		t.Skip(loadEnv + " is not set")
	}
	departments := envInt(t, "YUSUAN_LOAD_DEPARTMENTS", 1000)
	seconds := envInt(t, "YUSUAN_LOAD_SECONDS", 10)
	conns := envInt(t, "YUSUAN_LOAD_CONNECTIONS", 16)
	tmp := t.TempDir()
	yusuan, loadgen := filepath.Join(tmp, "yusuan"), filepath.Join(tmp, "loadgen")
	goBuild(t, yusuan, "./cmd/yusuan")
	goBuild(t, loadgen, "./web/testdata/loadgen")

	db := os.Getenv("YUSUAN_LOAD_DB")
	if db == "" {
		db = filepath.Join(tmp, "load.db")
	}
	if _, err := os.Stat(db); errors.Is(err, os.ErrNotExist) {
		start := time.Now()
		cmd := exec.Command(yusuan, "demo", "--db", db, "--departments", strconv.Itoa(departments), "--files=false")
		if out, err := cmd.CombinedOutput(); err != nil {
			os.Remove(db)
			t.Fatalf("yusuan demo: %v\n%s", err, tail(out))
		}
		t.Logf("loaded %d departments × 3 years into %s in %s", departments, db, time.Since(start).Round(time.Second))
	}
	if fi, err := os.Stat(db); err == nil {
		t.Logf("database %s: %d MB", db, fi.Size()>>20)
	}

	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	docID := loadDocument(t, st)

	// The portal and the static copy share one server, so both see the same
	// listener, timeouts and HTTP version.
	static := filepath.Join(tmp, "static")
	if err := os.Mkdir(static, 0o755); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/", New(st, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	mux.Handle("GET /static-copy/", http.StripPrefix("/static-copy/", http.FileServer(http.Dir(static))))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: time.Minute, IdleTimeout: 2 * time.Minute}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	page := base + "/documents/" + strconv.FormatInt(docID, 10)

	first := time.Now()
	resp, err := http.Get(page)
	if err != nil {
		t.Fatal(err)
	}
	html, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v", page, resp.StatusCode, err)
	}
	firstTook := time.Since(first)
	if err := os.WriteFile(filepath.Join(static, "page.html"), html, 0o644); err != nil {
		t.Fatal(err)
	}

	run := func(url string, extra ...string) loadResult {
		args := append([]string{"-url", url, "-c", strconv.Itoa(conns), "-d", strconv.Itoa(seconds) + "s", "-warmup", "2s"}, extra...)
		cmd := exec.Command(loadgen, args...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("loadgen %s: %v", url, err)
		}
		var r loadResult
		if err := json.Unmarshal(out, &r); err != nil {
			t.Fatalf("loadgen output %q: %v", out, err)
		}
		if r.Errors > 0 || r.Requests == 0 {
			t.Errorf("%s: %d requests, %d errors", url, r.Requests, r.Errors)
		}
		return r
	}
	portal := run(page)
	file := run(base + "/static-copy/page.html")
	// Every request a new URL: what each page costs before it is cached.
	uncached := run(page, "-unique")
	ratio := portal.RPS / file.RPS
	t.Logf("machine: %d CPUs (GOMAXPROCS %d), %s/%s, %s", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH, runtime.Version())
	t.Logf("page /documents/%d: %d KB, first request %s, %d connections, %d s", docID, len(html)>>10, firstTook.Round(time.Millisecond), conns, seconds)
	t.Logf("portal page:  %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms", portal.RPS, portal.P50ms, portal.P99ms)
	t.Logf("static file:  %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms", file.RPS, file.P50ms, file.P99ms)
	t.Logf("portal / static throughput: %.2f", ratio)
	t.Logf("uncached:     %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms", uncached.RPS, uncached.P50ms, uncached.P99ms)
	if ratio < 0.5 {
		t.Errorf("portal serves %.0f req/s, less than half the static file's %.0f", portal.RPS, file.RPS)
	}
	if portal.P99ms > 50 {
		t.Errorf("portal p99 %.1f ms, want under 50 ms", portal.P99ms)
	}
	loadSearch(t, base, run)
}

// loadSearch drives the search and the department list (issue 11): a broad
// two-character query (教育: a training project in every department and year,
// and the narrative) and a narrower one, asked again and asked anew, a deep
// page of the broad one reached by its cursor, and the department list by name
// and by amount. The search page's p99 must stay under 50 ms.
func loadSearch(t *testing.T, base string, run func(url string, extra ...string) loadResult) {
	// The sixth page of the broad query, by following the API's next links.
	deep := base + "/api/search?q=" + url.QueryEscape("教育") + "&limit=20"
	for range 5 {
		resp, err := http.Get(deep)
		if err != nil {
			t.Fatal(err)
		}
		var page struct {
			Next string `json:"next"`
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		if err != nil || page.Next == "" {
			t.Fatalf("GET %s: no next page (%v)", deep, err)
		}
		deep = base + page.Next
	}
	// The search page is kept rendered for a query asked again, as the document
	// page is (target: p99 under 50 ms); -unique asks a new URL every time, what
	// each search costs before it is cached, as the API's always do.
	for _, c := range []struct {
		name, path string
		target     bool
		extra      []string
	}{
		{"search 教育 (page)", "/search?q=" + url.QueryEscape("教育"), true, nil},
		{"search 财政局 (page)", "/search?q=" + url.QueryEscape("财政局"), true, nil},
		{"search 教育 (page, uncached)", "/search?q=" + url.QueryEscape("教育"), false, []string{"-unique"}},
		{"search 财政局 (page, uncached)", "/search?q=" + url.QueryEscape("财政局"), false, []string{"-unique"}},
		{"search 教育 (API)", "/api/search?q=" + url.QueryEscape("教育"), false, nil},
		{"search 教育, 6th page (API)", strings.TrimPrefix(deep, base), false, nil},
		{"/api/departments", "/api/departments", false, nil},
		{"/api/departments by amount", "/api/departments?sort=-amount", false, nil},
		{"department list page by amount", "/departments?sort=-amount", false, nil},
	} {
		r := run(base+c.path, c.extra...)
		t.Logf("%-32s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  (%d KB)", c.name+":", r.RPS, r.P50ms, r.P99ms, r.Bytes/int64(max(r.Requests, 1))>>10)
		if c.target && r.P99ms > 50 {
			t.Errorf("%s: p99 %.1f ms, want under 50 ms", c.name, r.P99ms)
		}
	}
}

// loadDocument picks the page to load: the newest 部门预算 of the first district's
// 财政局, a department of typical size (three units, a dozen projects).
func loadDocument(t *testing.T, st *store.Store) int64 {
	ctx := context.Background()
	depts, err := st.Departments(ctx, "示例区（虚拟数据）")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range depts {
		if d.Name != "示例区财政局" {
			continue
		}
		docs, err := st.Documents(ctx, d.ID)
		if err != nil || len(docs) == 0 {
			t.Fatalf("documents of %s: %v", d.Name, err)
		}
		return docs[0].ID
	}
	t.Fatalf("no 示例区财政局 among %d departments", len(depts))
	return 0
}

func goBuild(t *testing.T, out, pkg string) {
	t.Helper()
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = ".."
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, b)
	}
}

func envInt(t *testing.T, name string, def int) int {
	t.Helper()
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q: want a positive whole number", name, s)
	}
	return n
}

// tail is the end of a command's output, enough to show why it failed.
func tail(out []byte) string {
	lines := bytes.Split(bytes.TrimSpace(out), []byte("\n"))
	return string(bytes.Join(lines[max(0, len(lines)-10):], []byte("\n")))
}
