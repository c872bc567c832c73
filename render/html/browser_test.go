package html

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"yusuan/internal/browsertest"
	"yusuan/render/rendertest"

	"yusuan/disclosure"
)

// TestBrowser opens the page in a real browser, at phone and desktop width and as a
// PDF, and checks that something was drawn. It skips where no chromium is installed.
// Set YUSUAN_SCREENSHOTS to a folder to keep the pictures for a person to look at.
func TestBrowser(t *testing.T) {
	chromium := browsertest.Chromium(t)
	dir := t.TempDir()
	if keep := os.Getenv("YUSUAN_SCREENSHOTS"); keep != "" {
		dir = keep
	}
	page := writeSample(t, dir)
	url := "file://" + page
	// A screenshot shows the top of a page only, so the tables get a page of their own.
	tables := rendertest.ShenzhenDoc()
	tables.Parts = nil
	tables.Tables = []*disclosure.Table{tables.Tables[8], tables.Tables[0]}
	tablesURL := "file://" + writeFile(t, filepath.Join(dir, "tables.html"), render(t, tables))

	for _, shot := range []struct{ name, size, url string }{
		{"phone", "390,844", url},
		{"phone-tables", "390,844", tablesURL},
		{"desktop", "1280,900", url},
		{"desktop-tables", "1280,900", tablesURL},
	} {
		out := filepath.Join(dir, shot.name+".png")
		browsertest.Run(t, chromium, "--hide-scrollbars=false", "--screenshot="+out, "--window-size="+shot.size, shot.url)
		img := browsertest.DecodePNG(t, out)
		if browsertest.Blank(img, img.Bounds()) {
			t.Errorf("%s: screenshot is blank", shot.name)
		}
	}

	pdf := filepath.Join(dir, "doc.pdf")
	browsertest.Run(t, chromium, "--print-to-pdf="+pdf, "--no-pdf-header-footer", url)
	st, err := os.Stat(pdf)
	if err != nil || st.Size() < 10_000 {
		t.Errorf("PDF missing or too small: %v", err)
	}
}

// probeScript marks the body with, for each table, its number of columns and
// whether its box scrolls (S) or fits (F), and whether the page itself scrolls.
const probeScript = `<script>window.addEventListener('load',function(){var r=[];` +
	`document.querySelectorAll('table').forEach(function(t){var box=t.parentElement;` +
	`r.push(t.querySelectorAll('col').length+':'+(box.scrollWidth>box.clientWidth+1?'S':'F'));});` +
	`document.body.setAttribute('data-probe',r.join(','));` +
	`document.body.setAttribute('data-page',document.documentElement.scrollWidth>document.documentElement.clientWidth+1?'scrolls':'fits');});</script>`

// TestTablesFitDesktop: at 1280 px a table of up to six columns fits the page
// without scrolling, and at no width does the page itself scroll sideways (a wide
// table scrolls inside its own box).
func TestTablesFitDesktop(t *testing.T) {
	chromium := browsertest.Chromium(t)
	doc := rendertest.ShenzhenDoc()
	// Printed widths as the 2026 收支总表 has them (26, 14, 30, 14 characters): wide
	// enough for a PDF line, no reason to scroll a screen.
	for _, tb := range doc.Tables {
		if len(tb.Columns) == 4 {
			for i, w := range []int{26, 14, 30, 14} {
				tb.Columns[i].Width = w
			}
		}
	}
	page := strings.Replace(render(t, doc), "</body>", probeScript+"</body>", 1)
	url := "file://" + writeFile(t, filepath.Join(t.TempDir(), "probe.html"), page)
	attr := regexp.MustCompile(`data-(probe|page)="([^"]*)"`)
	for _, width := range []string{"1280", "390"} {
		dom := browsertest.Run(t, chromium, "--window-size="+width+",900", "--virtual-time-budget=3000", "--dump-dom", url)
		got := map[string]string{}
		for _, m := range attr.FindAllStringSubmatch(dom, -1) {
			got[m[1]] = m[2]
		}
		if got["page"] != "fits" {
			t.Errorf("%s px: the page scrolls sideways (%q)", width, got["page"])
		}
		if got["probe"] == "" {
			t.Fatalf("%s px: the probe did not run", width)
		}
		if width != "1280" {
			continue
		}
		for _, tb := range strings.Split(got["probe"], ",") {
			cols, state, _ := strings.Cut(tb, ":")
			if n, _ := strconv.Atoi(cols); n <= 6 && state != "F" {
				t.Errorf("1280 px: a table of %d columns scrolls (%s)", n, got["probe"])
			}
		}
	}
}
