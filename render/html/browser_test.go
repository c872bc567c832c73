package html

import (
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
	"yusuan/render/rendertest"

	"yusuan/disclosure"
)

// TestBrowser opens the page in a real browser, at phone and desktop width and as a
// PDF, and checks that something was drawn. It skips where no chromium is installed.
// Set YUSUAN_SCREENSHOTS to a folder to keep the pictures for a person to look at.
func TestBrowser(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed")
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
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
		runChromium(t, chromium, "--screenshot="+out, "--window-size="+shot.size, shot.url)
		img := decodePNG(t, out)
		if blank(img) {
			t.Errorf("%s: screenshot is blank", shot.name)
		}
	}

	pdf := filepath.Join(dir, "doc.pdf")
	runChromium(t, chromium, "--print-to-pdf="+pdf, "--no-pdf-header-footer", url)
	st, err := os.Stat(pdf)
	if err != nil || st.Size() < 10_000 {
		t.Errorf("PDF missing or too small: %v", err)
	}
}

func runChromium(t *testing.T, chromium string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--hide-scrollbars=false", "--user-data-dir=" + t.TempDir(),
	}
	cmd := exec.CommandContext(ctx, chromium, append(base, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, out)
	}
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

// blank reports whether every pixel has the same colour.
func blank(img image.Image) bool {
	b := img.Bounds()
	r0, g0, b0, _ := img.At(b.Min.X, b.Min.Y).RGBA()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r != r0 || g != g0 || bl != b0 {
				return false
			}
		}
	}
	return true
}
