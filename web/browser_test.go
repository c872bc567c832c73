package web

import (
	"html"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"yusuan/internal/browsertest"
)

// TestBrowser starts the real server on a free port and opens every kind of page in
// headless Chromium at desktop and phone width: each screenshot must show something,
// and each chart container must hold the canvas ECharts draws into, which it only
// does when the scripts loaded under the Content-Security-Policy. Set
// YUSUAN_SCREENSHOTS to a folder to keep the pictures for a person to look at.
func TestBrowser(t *testing.T) {
	chromium := browsertest.Chromium(t)
	p := newPortal(t, filepath.Join(t.TempDir(), "yusuan.db"))
	base := p.srv.URL // a real listener on 127.0.0.1, which Chromium can open
	dir := t.TempDir()
	if keep := os.Getenv("YUSUAN_SCREENSHOTS"); keep != "" {
		dir = keep
	}
	lgDept := id(p.depts["longgang"])
	pages := []struct {
		name, path string
		charts     []string
	}{
		{"home", "/?region=深圳市龙岗区", []string{"chart-region"}},
		{"department", "/departments/" + lgDept, []string{"chart-years", "chart-sangong"}},
		{"document", "/documents/" + id(p.docs["longgang"]), []string{"chart-functional", "chart-economic", "chart-basic", "chart-sangong"}},
		{"document-shanghai", "/documents/" + id(p.docs["putuoDept"]), []string{"chart-functional", "chart-economic", "chart-basic"}},
		{"compare-years", "/compare/years?department=" + lgDept + "&a=2023&b=2024", nil},
		{"compare-departments", "/compare/departments?d=" + lgDept + "&d=" + id(p.depts["script"]) + "&year=2024", []string{"chart-departments"}},
		{"region", "/region?region=深圳市龙岗区&year=2024&code=201", []string{"chart-drill"}},
		{"search", "/search?q=政务", nil},
		{"data", "/data/", nil},
		{"error", "/nope", nil},
	}
	for _, pg := range pages {
		t.Run(pg.name, func(t *testing.T) {
			dom := browsertest.Run(t, chromium, "--virtual-time-budget=3000", "--dump-dom", base+pg.path)
			for _, c := range pg.charts {
				re := regexp.MustCompile(`id="` + c + `"[^>]*>\s*<div[^>]*>\s*<canvas`)
				if !re.MatchString(dom) {
					t.Errorf("chart %s was not drawn", c)
				}
			}
			for _, size := range []struct{ name, size string }{{"desktop", "1280,1000"}, {"phone", "390,844"}} {
				out := filepath.Join(dir, pg.name+"-"+size.name+".png")
				browsertest.Run(t, chromium, "--virtual-time-budget=3000", "--hide-scrollbars", "--screenshot="+out, "--window-size="+size.size, base+pg.path)
				img := browsertest.DecodePNG(t, out)
				if browsertest.Blank(img, img.Bounds()) {
					t.Errorf("%s: screenshot is blank", size.name)
				}
			}
		})
	}
}

var hrefs = regexp.MustCompile(`href="(/[^"]*)"`)

// TestLinks follows every link of the main pages, downloads included, and expects
// each to answer.
func TestLinks(t *testing.T) {
	if testing.Short() {
		t.Skip("long and sequential: -short (the race stage of .ci/run) leaves it to the full pass")
	}
	eachBackend(t, func(t *testing.T, p *portal) {
		seen := map[string]bool{}
		for _, start := range []string{"/?region=深圳市龙岗区", "/departments/" + id(p.depts["longgang"]), "/documents/" + id(p.docs["longgang"]),
			"/documents/" + id(p.docs["putuoDept"]), "/region?region=深圳市龙岗区&year=2024", "/data/", "/developers", "/compare/"} {
			_, _, body := p.get(t, start)
			for _, m := range hrefs.FindAllStringSubmatch(body, -1) {
				link := html.UnescapeString(m[1])
				if seen[link] {
					continue
				}
				seen[link] = true
				if code, _, _ := p.get(t, link); code != http.StatusOK {
					t.Errorf("%s links to %s: %d", start, link, code)
				}
			}
		}
		if len(seen) < 30 {
			t.Errorf("only %d links followed", len(seen))
		}
	})
}
