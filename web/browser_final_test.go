package web

import (
	"encoding/json"
	"html"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"yusuan/internal/browsertest"
)

// finalProbeHTML frames the 预算与决算 page above the region's ranking and, once
// both have loaded, writes what Chromium shows of them: each code row's 完成率 and
// mark, the notice, and the ranking's departments in order.
const finalProbeHTML = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
<iframe id="a" src="FINAL" style="width:1280px;height:1900px;border:0;display:block"></iframe>
<iframe id="b" src="RANKING" style="width:1280px;height:650px;border:0;display:block"></iframe>
<pre id="out">pending</pre>
<script>
var loaded = 0;
function done() {
  if (++loaded < 2) return;
  var a = document.getElementById("a").contentDocument, b = document.getElementById("b").contentDocument;
  var rows = {};
  a.querySelectorAll("tr[data-code]").forEach(function (tr) {
    var rate = tr.querySelector(".rate");
    rows[tr.closest("section").id + "/" + tr.getAttribute("data-code")] = {rate: rate ? rate.textContent : "", large: tr.classList.contains("large"), text: tr.innerText};
  });
  var ranking = [];
  b.querySelectorAll("table.ranking tbody th a").forEach(function (x) { ranking.push(x.textContent); });
  var notice = a.querySelector(".notice");
  document.getElementById("out").textContent = JSON.stringify({rows: rows, ranking: ranking, notice: notice ? notice.innerText : ""});
}
document.getElementById("a").addEventListener("load", done);
document.getElementById("b").addEventListener("load", done);
</script></body></html>`

// TestBrowserFinal opens the 预算与决算 page of the Putuo 决算 and the ranking of
// 测试区 in headless Chromium, in one run: the figures it shows must be the API's,
// the large deviations marked, the ranking in order, and the screenshot not blank.
// Set YUSUAN_SCREENSHOTS to a folder to keep the picture.
func TestBrowserFinal(t *testing.T) {
	chromium := browsertest.Chromium(t)
	p := newFinalPortal(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	portal := New(p.st, Options{})
	final := "/departments/" + id(p.dept) + "/final/2024"
	ranking := "/region/final?region=测试区&year=2024&sort=completion"
	mux := http.NewServeMux()
	mux.HandleFunc("GET /__probe", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(strings.NewReplacer("FINAL", html.EscapeString(final), "RANKING", html.EscapeString(ranking)).Replace(finalProbeHTML)))
	})
	mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		portal.ServeHTTP(&framable{ResponseWriter: w}, r)
	}))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	dir := t.TempDir()
	if keep := os.Getenv("YUSUAN_SCREENSHOTS"); keep != "" {
		dir = keep
	}
	shot := filepath.Join(dir, "final.png")
	dom := browsertest.Run(t, chromium, "--virtual-time-budget=5000", "--hide-scrollbars", "--window-size=1280,2600",
		"--dump-dom", "--screenshot="+shot, "http://"+ln.Addr().String()+"/__probe")
	m := regexp.MustCompile(`(?s)<pre id="out">(.*?)</pre>`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("no probe output in\n%s", truncate(dom, 500))
	}
	var got struct {
		Rows map[string]struct {
			Rate  string
			Large bool
			Text  string
		}
		Ranking []string
		Notice  string
	}
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &got); err != nil {
		t.Fatalf("probe output %q: %v", m[1], err)
	}
	var body apiFinalBody
	p.api(t, "/api"+final, &body)
	n := 0
	for _, s := range body.Sections {
		for _, r := range s.Rows {
			shown, ok := got.Rows[s.Key+"/"+r.Code]
			if !ok {
				t.Errorf("row %s/%s not shown", s.Key, r.Code)
				continue
			}
			n++
			if shown.Rate != r.Completion || shown.Large != r.Large {
				t.Errorf("row %s/%s shows %q (large %v), API %q (large %v)", s.Key, r.Code, shown.Rate, shown.Large, r.Completion, r.Large)
			}
		}
	}
	if n < 10 {
		t.Errorf("only %d rows compared", n)
	}
	if r := got.Rows["functional/2010699"]; r.Rate != "—" || !r.Large {
		t.Errorf("the 项 with no budget shows %+v", r)
	}
	if !strings.Contains(got.Notice, "1 处不一致") {
		t.Errorf("notice %q does not report the disagreement with the 部门预算", got.Notice)
	}
	if want := []string{"测试区甲局", "测试区乙局", "测试区丙局"}; strings.Join(got.Ranking, ",") != strings.Join(want, ",") {
		t.Errorf("ranking by 完成率 shows %v, want %v", got.Ranking, want)
	}
	img := browsertest.DecodePNG(t, shot)
	if browsertest.Blank(img, img.Bounds()) {
		t.Error("screenshot is blank")
	}
}
