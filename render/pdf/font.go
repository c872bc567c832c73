package pdf

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"
)

// The body is set in Noto Serif SC, a 宋体-style face, and titles in its bold
// weight, both cut down to the characters a budget needs (font/gen). A character
// outside them falls back to DejaVu Sans for Latin and general punctuation and
// to Droid Sans Fallback for the rest, drawn bold by stroking when the style is
// bold, so no text is ever lost. Licences and sources: font/NOTICE.
var (
	//go:embed font/NotoSerifSC-Regular.ttf
	serifTTF []byte
	//go:embed font/NotoSerifSC-Bold.ttf
	serifBoldTTF []byte
	//go:embed font/DroidSansFallbackFull.ttf
	cjkTTF []byte
	//go:embed font/DejaVuSansCondensed.ttf
	latinTTF []byte
)

// noGlyph marks a rune the face cannot draw.
const noGlyph = math.MaxUint16

// face is an embedded TrueType font with the advance widths that layout needs.
// fpdf parses the same file again per document for embedding; these metrics are
// parsed once per process because line breaking measures every character.
type face struct {
	family string // the name fpdf knows it by, and the PDF's font name after "utf8"
	ttf    []byte
	adv    []uint16 // per BMP rune, in 1/1000 em as fpdf rounds them; noGlyph if absent
	bold   bool     // drawn bold as it is, without stroking
}

func (f *face) has(r rune) bool { return r >= 0 && int(r) < len(f.adv) && f.adv[r] != noGlyph }

// faces are the four embedded fonts.
type faces struct {
	serif, serifBold, latin, cjk *face
}

var (
	facesOnce sync.Once
	allFaces  faces
	facesErr  error
)

func loadFaces() (*faces, error) {
	facesOnce.Do(func() {
		for _, f := range []struct {
			to     **face
			family string
			ttf    []byte
		}{
			{&allFaces.serif, "notoserifsc", serifTTF},
			{&allFaces.serifBold, "notoserifsc-bold", serifBoldTTF},
			{&allFaces.cjk, "droid", cjkTTF},
			{&allFaces.latin, "dejavu", latinTTF},
		} {
			if *f.to, facesErr = parseFace(f.family, f.ttf); facesErr != nil {
				return
			}
		}
		allFaces.serifBold.bold = true
	})
	return &allFaces, facesErr
}

// ttfReader reads big-endian fields and remembers whether any read fell outside
// the file, so parsing a damaged font fails instead of panicking.
type ttfReader struct {
	b   []byte
	bad bool
}

func (r *ttfReader) u16(off int) int {
	if off < 0 || off+2 > len(r.b) {
		r.bad = true
		return 0
	}
	return int(binary.BigEndian.Uint16(r.b[off:]))
}

func (r *ttfReader) u32(off int) int {
	if off < 0 || off+4 > len(r.b) {
		r.bad = true
		return 0
	}
	return int(binary.BigEndian.Uint32(r.b[off:]))
}

// parseFace reads the advance width of every BMP rune from the format 4 cmap,
// the same subtable fpdf uses, so that measured and embedded widths agree.
func parseFace(family string, ttf []byte) (*face, error) {
	r := &ttfReader{b: ttf}
	tables := map[string]int{}
	n := r.u16(4)
	for i := 0; i < n && !r.bad; i++ {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			r.bad = true
			break
		}
		tables[string(ttf[rec:rec+4])] = r.u32(rec + 8)
	}
	for _, t := range []string{"head", "hhea", "hmtx", "cmap"} {
		if _, ok := tables[t]; !ok {
			return nil, fmt.Errorf("pdf: font %s: no %s table", family, t)
		}
	}
	upem := r.u16(tables["head"] + 18)
	nMetrics := r.u16(tables["hhea"] + 34)
	if upem == 0 || nMetrics == 0 {
		return nil, fmt.Errorf("pdf: font %s: bad head or hhea table", family)
	}
	hmtx := tables["hmtx"]
	advance := func(g int) uint16 {
		if g >= nMetrics {
			g = nMetrics - 1
		}
		return uint16(math.Round(float64(r.u16(hmtx+4*g)) * 1000 / float64(upem)))
	}

	cmap := tables["cmap"]
	sub := -1
	for i := 0; i < r.u16(cmap+2); i++ {
		platform, encoding := r.u16(cmap+4+8*i), r.u16(cmap+6+8*i)
		off := cmap + r.u32(cmap+8+8*i)
		if (platform == 3 && encoding == 1 || platform == 0) && r.u16(off) == 4 {
			sub = off
			break
		}
	}
	if sub < 0 {
		return nil, fmt.Errorf("pdf: font %s: no format 4 Unicode cmap", family)
	}
	adv := make([]uint16, 1<<16)
	for i := range adv {
		adv[i] = noGlyph
	}
	segX2 := r.u16(sub + 6)
	ends, starts := sub+14, sub+16+segX2
	deltas, offsets := starts+segX2, starts+2*segX2
	for s := 0; s < segX2 && !r.bad; s += 2 {
		end, start := r.u16(ends+s), r.u16(starts+s)
		delta, ro := r.u16(deltas+s), r.u16(offsets+s)
		for c := start; c <= end && c < 0xFFFF; c++ {
			g := 0
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else if g = r.u16(offsets + s + ro + 2*(c-start)); g != 0 {
				g = (g + delta) & 0xFFFF
			}
			if g != 0 {
				adv[c] = advance(g)
			}
		}
	}
	if r.bad {
		return nil, errors.New("pdf: font " + family + ": truncated file")
	}
	return &face{family: family, ttf: ttf, adv: adv}, nil
}
