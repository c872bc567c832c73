package reader_test

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"yusuan/check"
	"yusuan/reader"
)

// readAs writes data to a file called name in a fresh directory and reads it
// as yusuan check does.
func readAs(t *testing.T, name string, data []byte) (check.Result, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := reader.ReadFile(path)
	if err != nil {
		return check.Result{}, err
	}
	return check.Run(doc, check.Options{}), nil
}

func findingLines(res check.Result) string {
	var b strings.Builder
	for _, f := range res.Findings {
		fmt.Fprintf(&b, "%s %s %+v %s %s %s\n", f.Rule, f.Severity.Label(), f.Location, f.Message, f.Expected, f.Actual)
	}
	return b.String()
}

// TestEncodings: the seed saved in the encodings Chinese text files come in
// reads and checks exactly like the seed in UTF-8.
func TestEncodings(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join("..", "..", "shared", "seed", "000_958a9ca9db32ab73.txt"))
	if err != nil {
		t.Skip("the shared seed is not here:", err)
	}
	want, err := readAs(t, "seed.txt", seed)
	if err != nil {
		t.Fatal(err)
	}
	if want.Count(check.Error) != 4 {
		t.Fatalf("the seed in UTF-8 has %d errors, want its 4", want.Count(check.Error))
	}
	encode := func(e encoding.Encoding) []byte {
		out, err := e.NewEncoder().Bytes(seed)
		if err != nil {
			t.Fatalf("encoding the seed: %v", err)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"GBK", encode(simplifiedchinese.GBK)},
		{"GB18030", encode(simplifiedchinese.GB18030)},
		{"UTF-8 with BOM", append([]byte{0xEF, 0xBB, 0xBF}, seed...)},
		{"UTF-16LE with BOM", encode(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM))},
		{"UTF-16BE with BOM", encode(unicode.UTF16(unicode.BigEndian, unicode.UseBOM))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if bytes.Equal(tc.data, seed) {
				t.Fatal("the encoded seed is the seed")
			}
			got, err := readAs(t, "seed.txt", tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := findingLines(got), findingLines(want); g != w {
				t.Errorf("findings differ from the UTF-8 seed's:\n%s\nwant\n%s", g, w)
			}
		})
	}
}

// TestNotText: binary junk named .txt is refused as not text, with a short
// message that names the file and never echoes its bytes.
func TestNotText(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	random := make([]byte, 200<<10)
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	ascii := make([]byte, 200<<10) // valid UTF-8, but control characters throughout
	for i := range ascii {
		ascii[i] = byte(rng.UintN(128))
	}
	high := make([]byte, 200<<10) // no control characters: only GB18030 could take it
	for i := range high {
		high[i] = byte(0x80 + rng.UintN(128))
	}
	withNUL := []byte("2024年深圳市龙岗区部门预算\n\x00\x00\x00\x01\x02")
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"random", random},
		{"ascii", ascii},
		{"high", high},
		{"nul", withNUL},
		{"utf16-junk", append([]byte{0xFF, 0xFE}, random[:1001]...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readAs(t, "junk.txt", tc.data)
			var nt *reader.NotTextError
			if !errors.As(err, &nt) {
				t.Fatalf("got %v, want a NotTextError", err)
			}
			msg := err.Error()
			if !strings.Contains(msg, "junk.txt") || !strings.Contains(msg, "不是文本文件") || !strings.Contains(msg, ".pdf") {
				t.Errorf("message %q", msg)
			}
			if len(msg) > 400 {
				t.Errorf("message of %d bytes", len(msg))
			}
		})
	}
}

// TestUnrecognisedTitleBounded: a text file that is text but no disclosure
// quotes a short piece of its first line, not the whole of it.
func TestUnrecognisedTitleBounded(t *testing.T) {
	line := strings.Repeat("预算abc", 40_000)
	_, err := readAs(t, "long.txt", []byte(line))
	if err == nil {
		t.Fatal("read")
	}
	if len(err.Error()) > 1000 {
		t.Errorf("message of %d bytes: %.200s…", len(err.Error()), err)
	}
	e := &reader.UnrecognisedError{File: "a.txt", Title: "标题\x1b[2J\x07", Tables: "无"}
	if strings.ContainsAny(e.Error(), "\x1b\x07") {
		t.Errorf("control characters quoted: %q", e.Error())
	}
}

// TestScannedPDF: a PDF whose pages are images only says it has no text
// layer, rather than that its title or tables are missing.
func TestScannedPDF(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 200, 280))
	for y := 0; y < 280; y += 7 {
		for x := 20; x < 180; x++ {
			img.SetGray(x, y, color.Gray{Y: 40})
		}
	}
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, img); err != nil {
		t.Fatal(err)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.RegisterImageOptionsReader("scan", fpdf.ImageOptions{ImageType: "PNG"}, &pngData)
	for range 2 {
		pdf.AddPage()
		pdf.ImageOptions("scan", 10, 10, 190, 266, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	}
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		t.Fatal(err)
	}
	_, err := readAs(t, "scan.pdf", out.Bytes())
	var nt *reader.NoTextError
	if !errors.As(err, &nt) || nt.Pages != 2 {
		t.Fatalf("got %v, want a NoTextError of 2 pages", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "scan.pdf") || !strings.Contains(msg, "没有文字层（可能是扫描件），无法读取") {
		t.Errorf("message %q", msg)
	}
}
