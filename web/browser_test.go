package web

import (
	"context"
	"html"
	"image"
	"image/png"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

const chromium = "/usr/bin/chromium"

// TestBrowser starts the real server on a free port and opens every kind of page in
// headless Chromium at desktop and phone width: each screenshot must show something,
// and each chart container must hold the canvas ECharts draws into, which it only
// does when the scripts loaded under the Content-Security-Policy. Set
// YUSUAN_SCREENSHOTS to a folder to keep the pictures for a person to look at.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	if _, err := os.Stat(chromium); err != nil {
		t.Skip("chromium is not installed")
	}
	p := newPortal(t, filepath.Join(t.TempDir(), "yusuan.db"))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: New(p.st, Options{}), ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	base := "http://" + ln.Addr().String()
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
			dom := runChromium(t, "--dump-dom", base+pg.path)
			for _, c := range pg.charts {
				re := regexp.MustCompile(`id="` + c + `"[^>]*>\s*<div[^>]*>\s*<canvas`)
				if !re.MatchString(dom) {
					t.Errorf("chart %s was not drawn", c)
				}
			}
			for _, size := range []struct{ name, size string }{{"desktop", "1280,1000"}, {"phone", "390,844"}} {
				out := filepath.Join(dir, pg.name+"-"+size.name+".png")
				runChromium(t, "--hide-scrollbars", "--screenshot="+out, "--window-size="+size.size, base+pg.path)
				img := decodePNG(t, out)
				if blank(img, img.Bounds()) {
					t.Errorf("%s: screenshot is blank", size.name)
				}
			}
		})
	}
}

func runChromium(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--virtual-time-budget=3000",
	}
	cmd := exec.CommandContext(ctx, chromium, append(base, args...)...)
	var stdout strings.Builder
	cmd.Stdout = &stdout
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v", args, err)
	}
	return stdout.String()
}

func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot %s: %v", path, err)
	}
	return img
}

// blank reports whether every pixel of r has the same colour.
func blank(img image.Image, r image.Rectangle) bool {
	r0, g0, b0, _ := img.At(r.Min.X, r.Min.Y).RGBA()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			rr, g, b, _ := img.At(x, y).RGBA()
			if rr != r0 || g != g0 || b != b0 {
				return false
			}
		}
	}
	return true
}

var hrefs = regexp.MustCompile(`href="(/[^"]*)"`)

// TestLinks follows every link of the main pages, downloads included, and expects
// each to answer.
func TestLinks(t *testing.T) {
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
