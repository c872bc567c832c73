package web

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"yusuan/internal/browsertest"
)

// browserPortal serves the fixture portal on a free port for Chromium, with a
// probe page (probeHTML) beside it; its pages may be framed by the probe, which
// reads what ECharts drew inside them.
func browserPortal(t *testing.T) (*portal, string) {
	t.Helper()
	p := newPortal(t, filepath.Join(t.TempDir(), "yusuan.db"))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	portal := New(p.st, Options{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /__probe", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(strings.NewReplacer("PAGE", html.EscapeString(r.URL.Query().Get("page")), "WIDTH", r.URL.Query().Get("width")).Replace(probeHTML)))
	})
	mux.HandleFunc("GET /__probe_width", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(strings.NewReplacer("PAGE", html.EscapeString(r.URL.Query().Get("page")), "WIDTH", r.URL.Query().Get("width")).Replace(widthProbeHTML)))
	})
	mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		portal.ServeHTTP(&framable{ResponseWriter: w}, r)
	}))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return p, "http://" + ln.Addr().String()
}

// framable lets the probe page, of the same origin, frame a portal page: the
// portal forbids framing, which stays tested elsewhere; its script policy holds.
type framable struct {
	http.ResponseWriter
	fixed bool
}

func (f *framable) fix() {
	if f.fixed {
		return
	}
	f.fixed = true
	h := f.Header()
	h.Del("X-Frame-Options")
	h.Set("Content-Security-Policy", strings.Replace(h.Get("Content-Security-Policy"), "frame-ancestors 'none'", "frame-ancestors 'self'", 1))
}

func (f *framable) WriteHeader(code int) { f.fix(); f.ResponseWriter.WriteHeader(code) }

func (f *framable) Write(b []byte) (int, error) { f.fix(); return f.ResponseWriter.Write(b) }

// probeHTML frames a page at a width and, once its charts are drawn, lists every
// piece of text each chart drew with its box on the canvas.
const probeHTML = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<iframe id="f" src="PAGE" style="width:WIDTHpx;height:8000px;border:0"></iframe>
<pre id="out">pending</pre>
<script>
document.getElementById("f").addEventListener("load", function () {
  setTimeout(function () {
    var w = document.getElementById("f").contentWindow, res = [];
    var els = w.document.querySelectorAll("[data-chart]");
    for (var i = 0; i < els.length; i++) {
      var inst = w.echarts && w.echarts.getInstanceByDom(els[i]);
      if (!inst) { res.push({chart: els[i].id, error: "not drawn"}); continue; }
      var W = inst.getWidth(), H = inst.getHeight();
      inst.getZr().storage.getDisplayList(true).forEach(function (e) {
        if (e.ignore || e.invisible || !e.style || typeof e.style.text !== "string" || e.style.text === "") { return; }
        var r = e.getBoundingRect().clone();
        var m = e.getComputedTransform();
        if (m) { r.applyTransform(m); }
        res.push({chart: els[i].id, text: e.style.text, x: r.x, y: r.y, w: r.width, h: r.height, W: W, H: H});
      });
    }
    document.getElementById("out").textContent = JSON.stringify(res);
  }, 1500);
});
</script></body></html>`

// widthProbeHTML frames a page at a width and reports how wide its document is
// against the frame, with the elements that reach past the frame's right edge
// and are not inside a box that scrolls on its own.
const widthProbeHTML = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<iframe id="f" src="PAGE" style="width:WIDTHpx;height:3000px;border:0"></iframe>
<pre id="out">pending</pre>
<script>
document.getElementById("f").addEventListener("load", function () {
  setTimeout(function () {
    var d = document.getElementById("f").contentDocument, W = d.documentElement.clientWidth, res = [];
    d.querySelectorAll("body *").forEach(function (e) {
      var r = e.getBoundingClientRect();
      if (r.width > 0 && r.right > W + 1 && !e.closest(".scroll")) { res.push(e.tagName + "." + e.className); }
    });
    document.getElementById("out").textContent = JSON.stringify({scroll: d.documentElement.scrollWidth, client: W, over: res.slice(0, 10)});
  }, 1500);
});
</script></body></html>`

var probeOut = regexp.MustCompile(`(?s)<pre id="out">(.*?)</pre>`)

// runProbe opens the probe page at endpoint (/__probe or /__probe_width) framing
// page at width in Chromium and decodes the JSON it writes into v.
func runProbe(t *testing.T, chromium, base, endpoint string, width int, page string, v any) {
	t.Helper()
	probe := base + endpoint + "?width=" + strconv.Itoa(width) + "&page=" + url.QueryEscape(page)
	dom := browsertest.Run(t, chromium, "--virtual-time-budget=8000", "--window-size=1400,1000", "--dump-dom", probe)
	m := probeOut.FindStringSubmatch(dom)
	if m == nil {
		t.Fatal("no probe output")
	}
	raw := html.UnescapeString(m[1])
	if err := json.Unmarshal([]byte(raw), v); err != nil {
		t.Fatalf("probe output %q: %v", raw, err)
	}
}

// TestBrowserChartLabels opens the pages with charts at phone and desktop width
// and reads what ECharts drew: every chart is drawn, no text is shortened with an
// ellipsis, and every piece of text lies inside its canvas.
func TestBrowserChartLabels(t *testing.T) {
	chromium := browsertest.Chromium(t)
	p, base := browserPortal(t)
	lg := id(p.depts["longgang"])
	pages := []string{
		"/?region=深圳市龙岗区",
		"/departments/" + lg,
		"/documents/" + id(p.docs["longgang"]),
		"/documents/" + id(p.docs["putuoDept"]),
		"/compare/years?department=" + lg + "&a=2023&b=2024",
		"/compare/departments?d=" + lg + "&d=" + id(p.depts["script"]) + "&year=2024",
		"/compare/departments?d=" + lg + "&d=" + id(p.depts["script"]) + "&year=2024&table=san_gong",
		"/region?region=深圳市龙岗区&year=2024",
		"/region?region=深圳市龙岗区&year=2024&code=201",
	}
	for _, width := range []int{390, 1280} {
		for _, page := range pages {
			t.Run(strconv.Itoa(width)+page, func(t *testing.T) {
				// Each item: chart, text, the box x, y, w, h and the canvas W, H.
				var items []map[string]any
				runProbe(t, chromium, base, "/__probe", width, page, &items)
				charts := map[string]int{}
				for _, it := range items {
					chart, _ := it["chart"].(string)
					if e, _ := it["error"].(string); e != "" {
						t.Errorf("%s: %s", chart, e)
						continue
					}
					charts[chart]++
					text, _ := it["text"].(string)
					x, y, w, h := it["x"].(float64), it["y"].(float64), it["w"].(float64), it["h"].(float64)
					cw, ch := it["W"].(float64), it["H"].(float64)
					if strings.HasSuffix(text, "…") || strings.HasSuffix(text, "...") {
						t.Errorf("%s: %q is shortened", chart, text)
					}
					if x < -1 || y < -1 || x+w > cw+1 || y+h > ch+1 {
						t.Errorf("%s: %q at (%.0f,%.0f)+(%.0f×%.0f) leaves the %.0f×%.0f canvas", chart, text, x, y, w, h, cw, ch)
					}
				}
				if len(charts) == 0 {
					t.Errorf("no chart drew any text: %v", items)
				}
			})
		}
	}
}

// TestBrowserNoSideScroll: at phone and desktop width no portal page scrolls
// sideways; a table wider than the screen scrolls inside its own box, and nothing
// in that box (such as the screen-reader text of a sort link, which is positioned)
// reaches past it.
func TestBrowserNoSideScroll(t *testing.T) {
	chromium := browsertest.Chromium(t)
	p, base := browserPortal(t)
	lg := id(p.depts["longgang"])
	pages := []string{
		"/",
		"/departments/" + lg,
		"/documents/" + id(p.docs["longgang"]),
		"/compare/years?department=" + lg + "&a=2023&b=2024",
		"/compare/departments?d=" + lg + "&d=" + id(p.depts["script"]) + "&year=2024",
		"/compare/departments?d=" + lg + "&d=" + id(p.depts["script"]) + "&year=2024&table=san_gong",
		"/region?region=深圳市龙岗区&year=2024",
		"/search?q=" + url.QueryEscape("龙岗"),
		"/glossary",
	}
	for _, width := range []int{390, 1280} {
		for _, page := range pages {
			t.Run(strconv.Itoa(width)+page, func(t *testing.T) {
				var got struct {
					Scroll, Client int
					Over           []string
				}
				runProbe(t, chromium, base, "/__probe_width", width, page, &got)
				if got.Scroll > got.Client+1 {
					t.Errorf("the page is %d px wide in a %d px window; past its edge: %v", got.Scroll, got.Client, got.Over)
				}
			})
		}
	}
}

var rowsOfTable = regexp.MustCompile(`<tr[^>]*><th scope="row"`)

// TestBrowserChoices: every region and year a visitor can choose, on the home
// page and the region view, ends on a page with data or a clear message, never
// on an error page; the home page's headline is the documents' printed total.
func TestBrowserChoices(t *testing.T) {
	chromium := browsertest.Chromium(t)
	p, base := browserPortal(t)
	ctx := context.Background()
	regions, err := p.st.Regions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	years, err := p.st.Years(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, reg := range regions {
		for _, y := range years {
			for _, path := range []string{"/", "/region"} {
				page := path + "?region=" + url.QueryEscape(reg.Name) + "&year=" + strconv.Itoa(y)
				t.Run(reg.Name+strconv.Itoa(y)+path, func(t *testing.T) {
					dom := browsertest.Run(t, chromium, "--virtual-time-budget=3000", "--dump-dom", base+page)
					if strings.Contains(dom, `class="error-page"`) || strings.Contains(dom, "<title>未找到") || strings.Contains(dom, "没有该年度的数据</") {
						t.Fatalf("%s ends on an error page", page)
					}
					hasData := len(rowsOfTable.FindAllString(dom, -1)) > 0 || strings.Contains(dom, `class="figure"`)
					if !hasData {
						t.Errorf("%s shows no data", page)
					}
					regionYears, err := p.st.RegionYears(ctx, reg.Name)
					if err != nil {
						t.Fatal(err)
					}
					missing := true
					for _, ry := range regionYears {
						missing = missing && ry != y
					}
					if missing && !strings.Contains(dom, "没有 "+strconv.Itoa(y)+" 年的部门预算") {
						t.Errorf("%s: no message that %d has no data", page, y)
					}
				})
			}
		}
	}
	// The headline of 深圳市龙岗区 2024 is the sum of its documents' printed totals.
	dom := browsertest.Run(t, chromium, "--virtual-time-budget=3000", "--dump-dom", base+"/?region="+url.QueryEscape("深圳市龙岗区")+"&year=2024")
	want := printedTotal(t, p, p.docs["longgang"])
	script := printedTotal(t, p, p.docs["script"])
	total := want.total + script.total
	if !strings.Contains(dom, `<span class="value">`+wan(total)+`</span>`) {
		t.Errorf("headline is not the printed total %s", wan(total))
	}
	if !strings.Contains(dom, `<span class="value">`+wan(want.basic+script.basic)+`</span>`) {
		t.Errorf("basic headline is not the printed %s", wan(want.basic+script.basic))
	}
}

// TestBrowserCompareExport: the comparison page a browser renders offers CSV and
// XLSX downloads of itself, which hold its rows, and shows the glossary's
// tooltips on its headings.
func TestBrowserCompareExport(t *testing.T) {
	chromium := browsertest.Chromium(t)
	p, base := browserPortal(t)
	for _, width := range []string{"1280,1000", "390,844"} {
		page := "/compare/years?department=" + id(p.depts["longgang"]) + "&a=2023&b=2024"
		dom := browsertest.Run(t, chromium, "--virtual-time-budget=3000", "--window-size="+width, "--dump-dom", base+page)
		if !regexp.MustCompile(`<abbr class="term" title="[^"]+">基本支出</abbr>`).MatchString(dom) {
			t.Errorf("%s: no tooltip on 基本支出", width)
		}
		rows := len(mainRows(dom))
		links := regexp.MustCompile(`href="([^"]*format=(csv|xlsx)[^"]*)" download`).FindAllStringSubmatch(dom, -1)
		if len(links) != 2 {
			t.Fatalf("%s: download links %q", width, links)
		}
		for _, l := range links {
			resp, err := http.Get(base + html.UnescapeString(l[1]))
			if err != nil {
				t.Fatal(err)
			}
			var body bytes.Buffer
			body.ReadFrom(resp.Body)
			resp.Body.Close()
			var n int
			if l[2] == "csv" {
				n = len(readCSV(t, body.String()))
			} else {
				f, err := excelize.OpenReader(&body)
				if err != nil {
					t.Fatal(err)
				}
				all, _ := f.GetRows("比较")
				n = len(all) - 3
				f.Close()
			}
			if n != rows {
				t.Errorf("%s %s: %d rows, the page %d", width, l[2], n, rows)
			}
		}
	}
	// The glossary page itself.
	dom := browsertest.Run(t, chromium, "--virtual-time-budget=3000", "--dump-dom", base+"/glossary")
	if !strings.Contains(dom, `<dl class="glossary">`) || !strings.Contains(dom, "基本支出") {
		t.Error("glossary page lacks its terms")
	}
}
