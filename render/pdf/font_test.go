package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestSerifCoversGB2312: both serif weights draw every character of GB 2312, so
// the fallback faces are for rare characters only, and the digits share one
// advance, so right-aligned amounts line up.
func TestSerifCoversGB2312(t *testing.T) {
	fonts, err := loadFaces()
	if err != nil {
		t.Fatal(err)
	}
	dec := simplifiedchinese.GBK.NewDecoder()
	missing := 0
	for hi := 0xB0; hi <= 0xF7; hi++ { // the 6,763 hanzi
		for lo := 0xA1; lo <= 0xFE; lo++ {
			s, err := dec.Bytes([]byte{byte(hi), byte(lo)})
			if err != nil || len(s) == 0 || hi == 0xD7 && lo > 0xF9 {
				continue
			}
			c := []rune(string(s))[0]
			for _, f := range []*face{fonts.serif, fonts.serifBold} {
				if !f.has(c) {
					missing++
					if missing < 10 {
						t.Errorf("%s lacks %q", f.family, c)
					}
				}
			}
		}
	}
	for _, f := range []*face{fonts.serif, fonts.serifBold} {
		for c := '1'; c <= '9'; c++ {
			if f.adv[c] != f.adv['0'] {
				t.Errorf("%s: %q is %d wide, 0 is %d", f.family, c, f.adv[c], f.adv['0'])
			}
		}
	}
}

func TestFaceFor(t *testing.T) {
	fonts, err := loadFaces()
	if err != nil {
		t.Fatal(err)
	}
	r := &renderer{faces: fonts}
	for _, tc := range []struct {
		c    rune
		bold bool
		want *face
	}{
		{'预', false, fonts.serif},
		{'预', true, fonts.serifBold},
		{'7', false, fonts.serif},
		{'，', true, fonts.serifBold},
		{'喆', false, fonts.cjk}, // outside GB 2312 and the subset
		{'喆', true, fonts.cjk},
		{'€', false, fonts.latin},
		{'\uE000', false, fonts.cjk}, // no face has it
	} {
		if got := r.faceFor(tc.c, tc.bold); got != tc.want {
			t.Errorf("faceFor(%q, bold %v) = %s, want %s", tc.c, tc.bold, got.family, tc.want.family)
		}
	}
}

// TestSerifEmbedded: a document is set in the serif face with its bold titles;
// the fallback faces are embedded only when a character needs them, and then
// the rare characters still print and extract.
func TestSerifEmbedded(t *testing.T) {
	plain := render(t, testDocument())
	rare := testDocument()
	rare.Parts[0].Blocks = append(rare.Parts[0].Blocks, p("联系人：王喆、李堃，电话 0755-1234，€5。"))
	rare.Tables[0].Title = "收支总表（喆）"
	withRare := render(t, rare)
	for _, tc := range []struct {
		name    string
		pdf     []byte
		want    []string
		notWant []string
	}{
		{"plain", plain, []string{"utf8notoserifsc", "utf8notoserifsc-bold"}, []string{"utf8droid", "utf8dejavu"}},
		{"rare", withRare, []string{"utf8notoserifsc", "utf8notoserifsc-bold", "utf8droid", "utf8dejavu"}, nil},
	} {
		names := fontNames(tc.pdf)
		for _, w := range tc.want {
			if !names[w] {
				t.Errorf("%s: font %s not embedded (have %v)", tc.name, w, names)
			}
		}
		for _, w := range tc.notWant {
			if names[w] {
				t.Errorf("%s: font %s embedded, though no character needs it", tc.name, w)
			}
		}
	}
	if bin, err := exec.LookPath("pdffonts"); err == nil {
		file := filepath.Join(t.TempDir(), "doc.pdf")
		if err := os.WriteFile(file, plain, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(bin, file).Output()
		if err != nil {
			t.Fatal(err)
		}
		// name, type, encoding, emb, sub, uni
		for _, l := range strings.Split(string(out), "\n") {
			if f := strings.Fields(l); len(f) > 5 && strings.HasPrefix(f[0], "utf8notoserifsc") && f[4] != "yes" {
				t.Errorf("pdffonts: %s is not embedded: %q", f[0], l)
			}
		}
		if !strings.Contains(string(out), "utf8notoserifsc-bold") {
			t.Errorf("pdffonts does not list the bold serif face:\n%s", out)
		}
	}
	text := pdftotext(t, withRare, 0, 0, false)
	for _, want := range []string{"王喆、李堃", "0755-1234，€5", "收支总表（喆）"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext output lacks %q", want)
		}
	}
}

// fontNames lists the PDF's fonts by their /BaseFont names.
func fontNames(pdf []byte) map[string]bool {
	names := map[string]bool{}
	for rest := pdf; ; {
		i := bytes.Index(rest, []byte("/BaseFont /"))
		if i < 0 {
			return names
		}
		rest = rest[i+len("/BaseFont /"):]
		end := bytes.IndexAny(rest, " \n/>")
		if end < 0 {
			return names
		}
		names[string(rest[:end])] = true
	}
}
