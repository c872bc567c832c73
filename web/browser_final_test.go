package web

import (
	"context"
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

	"yusuan/check"
	"yusuan/internal/browsertest"
	"yusuan/reader"
	"yusuan/store"
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
		q := r.URL.Query()
		w.Write([]byte(strings.NewReplacer("FINAL", html.EscapeString(q.Get("final")), "RANKING", html.EscapeString(q.Get("ranking"))).Replace(finalProbeHTML)))
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
	type shown struct {
		Rows map[string]struct {
			Rate  string
			Large bool
			Text  string
		}
		Ranking []string
		Notice  string
	}
	probe := func(name, final, ranking string) shown {
		shot := filepath.Join(dir, name+".png")
		dom := browsertest.Run(t, chromium, "--virtual-time-budget=5000", "--hide-scrollbars", "--window-size=1280,2600",
			"--dump-dom", "--screenshot="+shot, "http://"+ln.Addr().String()+"/__probe"+string(query("final", final, "ranking", ranking)))
		m := regexp.MustCompile(`(?s)<pre id="out">(.*?)</pre>`).FindStringSubmatch(dom)
		if m == nil {
			t.Fatalf("no probe output in\n%s", truncate(dom, 500))
		}
		var got shown
		if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &got); err != nil {
			t.Fatalf("probe output %q: %v", m[1], err)
		}
		if img := browsertest.DecodePNG(t, shot); browsertest.Blank(img, img.Bounds()) {
			t.Errorf("screenshot %s is blank", name)
		}
		return got
	}
	got := probe("final", final, ranking)
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

	// A 决算 read as published (Putuo's layout text, whose narrative states the
	// 年初预算 of its 11 项, two taken out here as unstated): a row with no stated
	// budget shows a dash, never a 完成率 or a mark, and the ranking takes the
	// department all the same.
	doc, err := reader.ReadFile("../../shared/corpus/juesuan/putuo-caizhengju-2024-dept-final-accounts.txt")
	if err != nil {
		return // the shared corpus is not next to the repository
	}
	doc.Outturn = check.ReadOutturn(doc, check.Options{})
	unstated(t, doc.Outturn, "2010608", "2080505")
	res, err := p.st.Import(context.Background(), store.ImportSet{Documents: []store.ImportDoc{{Region: "读取区", Source: doc.Title, Disclosure: doc, Check: check.Run(doc, check.Options{}), Published: true}}})
	if err != nil {
		t.Fatal(err)
	}
	got = probe("final-read", "/departments/"+id(res.Documents[0].DepartmentID)+"/final/2024", "/region/final?region=读取区&year=2024")
	for key, rate := range map[string]string{"functional/2010601": "96.9%", "functional/2010608": "—", "functional/201": "—", "economic/30102": "—", "san_gong/reception": "0.0%"} {
		if r, ok := got.Rows[key]; !ok || r.Rate != rate || r.Large != (key == "san_gong/reception") {
			t.Errorf("read 决算: row %s shows %+v (shown: %v), want 完成率 %s", key, r, ok, rate)
		}
	}
	if r := got.Rows["functional/2010608"]; !strings.Contains(r.Text, "449.52") || strings.Count(r.Text, "—") != 3 {
		t.Errorf("read 决算: 财政委托业务支出 shows %q, want its 决算数 and three dashes", r.Text)
	}
	if !strings.Contains(got.Notice, "据公开文件读取") || strings.Join(got.Ranking, ",") != "上海市普陀区财政局" {
		t.Errorf("read 决算: notice %q, ranking %v", got.Notice, got.Ranking)
	}
}
