package web

import (
	"os"
	"path/filepath"
	"testing"

	"yusuan/internal/browsertest"
)

// TestBrowserSearchPaging pages through a search of more than 100 results in
// headless Chromium at desktop and phone width, following the next-page links of
// the page as the browser built it: every department once, on the pages the
// count promises, and the first and last pages drawn, with a search of every
// kind and the department list sorted by amount.
func TestBrowserSearchPaging(t *testing.T) {
	chromium := browsertest.Chromium(t)
	p := newPortal(t, filepath.Join(t.TempDir(), "yusuan.db"))
	addDepartments(t, p)
	base := p.srv.URL // a real listener on 127.0.0.1, which Chromium can open
	dir := t.TempDir()
	if keep := os.Getenv("YUSUAN_SCREENSHOTS"); keep != "" {
		dir = keep
	}
	for _, size := range []struct{ name, size string }{{"desktop", "1280,1000"}, {"phone", "390,844"}} {
		t.Run(size.name, func(t *testing.T) {
			var last string
			fetch := func(path string) string {
				last = path
				return browsertest.Run(t, chromium, "--virtual-time-budget=2000", "--window-size="+size.size, "--dump-dom", base+path)
			}
			hits, pages := walkSearch(t, "/search?q=教育局&kind=department", fetch)
			checkWalk(t, hits, pages, manyDepartments, searchPageSize)
			shots := []string{"/search?q=教育局&kind=department", last, "/search?q=政务服务", "/departments?region=示例区&sort=-amount"}
			for i, path := range shots {
				out := filepath.Join(dir, "search-paging-"+size.name+"-"+[]string{"first", "last", "all-kinds", "departments"}[i]+".png")
				browsertest.Run(t, chromium, "--virtual-time-budget=2000", "--hide-scrollbars", "--screenshot="+out, "--window-size="+size.size, base+path)
				img := browsertest.DecodePNG(t, out)
				if browsertest.Blank(img, img.Bounds()) {
					t.Errorf("%s: screenshot is blank", out)
				}
			}
		})
	}
}
