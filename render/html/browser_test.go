package html

import (
	"os"
	"path/filepath"
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
