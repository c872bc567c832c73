package pdftext

import (
	"context"
	"errors"
	"fmt"
	"unicode"

	"github.com/klippa-app/go-pdfium"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

// char is one visible character in displayed-page coordinates (points,
// origin top-left, y down).
type char struct {
	r              rune
	x0, x1, y0, y1 float64 // loose box: advance width × ascent..descent
	base           float64 // baseline y
	size           float64
}

// extract runs PDFium over data on the borrowed worker and always hands
// the worker back, which discards its wasm memory: nothing one document
// allocated survives into the next.
//
// ctx is checked between pages only. wazero can interrupt a running wasm
// call when its context ends (WithCloseOnContextDone), but it does so by
// starting a goroutine per call, which made a 26-page document take
// 0.85 s instead of 0.14 s. PDFium is fuzzed upstream, and a page takes
// milliseconds.
func extract(ctx context.Context, name string, data []byte) (pages []Page, err error) {
	inst, err := instance(ctx)
	if err != nil {
		return nil, err
	}
	defer inst.Close()
	// A panic inside go-pdfium on a hostile document must not take down a
	// server; report it as an unreadable file instead.
	defer func() {
		if p := recover(); p != nil {
			pages = nil
			err = refuse(name, fmt.Errorf("pdftext: panic: %v", p), "无法解析：PDF 结构损坏")
		}
	}()
	return readDocument(ctx, inst, name, data)
}

func readDocument(ctx context.Context, inst pdfium.Pdfium, name string, data []byte) ([]Page, error) {
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		switch {
		case errors.Is(err, pdfiumerrors.ErrPassword), errors.Is(err, pdfiumerrors.ErrSecurity):
			return nil, refuse(name, err, "已加密，需要密码才能打开；请提供未加密的 PDF")
		case errors.Is(err, pdfiumerrors.ErrFormat), errors.Is(err, pdfiumerrors.ErrFile):
			return nil, refuse(name, err, "不是有效的 PDF：文件结构损坏，无法解析")
		}
		return nil, refuse(name, err, "不是有效的 PDF：无法打开")
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})

	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return nil, fmt.Errorf("pdftext: count pages of %s: %w", name, err)
	}
	switch {
	case count.PageCount == 0:
		return nil, refuse(name, nil, "不是有效的 PDF：没有任何页面")
	case count.PageCount > MaxPages:
		return nil, refuse(name, nil, "有 %d 页，最多读取 %d 页", count.PageCount, MaxPages)
	}
	pages := make([]Page, 0, count.PageCount)
	for i := range count.PageCount {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("pdftext: read %s: %w", name, context.Cause(ctx))
		}
		p, err := readPage(inst, doc.Document, i)
		if err != nil {
			return nil, refuse(name, err, "第 %d 页无法读取：PDF 结构损坏", i+1)
		}
		pages = append(pages, p)
	}
	return pages, nil
}

func readPage(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, index int) (Page, error) {
	loaded, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: index})
	if err != nil {
		return Page{}, fmt.Errorf("pdftext: load page %d: %w", index+1, err)
	}
	defer inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: loaded.Page})
	page := requests.Page{ByReference: &loaded.Page}

	view, err := pageView(inst, page)
	if err != nil {
		return Page{}, fmt.Errorf("pdftext: page %d geometry: %w", index+1, err)
	}
	chars, err := readChars(inst, page, view)
	if err != nil {
		return Page{}, fmt.Errorf("pdftext: page %d text: %w", index+1, err)
	}
	return Page{Number: index + 1, Width: view.width, Height: view.height, Lines: group(chars)}, nil
}

// view maps PDF user space to the page as displayed: origin top-left, y
// down, after the page's crop box and /Rotate are applied.
type view struct {
	left, bottom, right, top float64 // crop box in user space
	rotation                 int     // quarter turns clockwise
	width, height            float64 // displayed size
}

func pageView(inst pdfium.Pdfium, page requests.Page) (view, error) {
	box, err := inst.FPDF_GetPageBoundingBox(&requests.FPDF_GetPageBoundingBox{Page: page})
	if err != nil {
		return view{}, err
	}
	rot, err := inst.FPDFPage_GetRotation(&requests.FPDFPage_GetRotation{Page: page})
	if err != nil {
		return view{}, err
	}
	v := view{
		left: float64(box.Rect.Left), bottom: float64(box.Rect.Bottom),
		right: float64(box.Rect.Right), top: float64(box.Rect.Top),
		rotation: int(rot.PageRotation) & 3,
	}
	v.width, v.height = v.right-v.left, v.top-v.bottom
	if v.rotation%2 == 1 {
		v.width, v.height = v.height, v.width
	}
	return v, nil
}

// point converts a user-space point to displayed coordinates.
func (v view) point(x, y float64) (float64, float64) {
	u, w := x-v.left, v.top-y // unrotated, from top-left
	switch v.rotation {
	case 1:
		return v.width - w, u
	case 2:
		return v.width - u, v.height - w
	case 3:
		return w, v.height - u
	}
	return u, w
}

func readChars(inst pdfium.Pdfium, page requests.Page, v view) ([]char, error) {
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: page})
	if err != nil {
		return nil, err
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	n, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return nil, err
	}
	chars := make([]char, 0, n.Count)
	for i := range n.Count {
		u, err := inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp.TextPage, Index: i})
		if err != nil {
			return nil, err
		}
		r := rune(u.Unicode)
		if !visible(r) {
			continue
		}
		box, err := inst.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: tp.TextPage, Index: i})
		if err != nil {
			return nil, err
		}
		origin, err := inst.FPDFText_GetCharOrigin(&requests.FPDFText_GetCharOrigin{TextPage: tp.TextPage, Index: i})
		if err != nil {
			return nil, err
		}
		c := char{r: r}
		ax, ay := v.point(float64(box.Rect.Left), float64(box.Rect.Top))
		bx, by := v.point(float64(box.Rect.Right), float64(box.Rect.Bottom))
		c.x0, c.x1 = min(ax, bx), max(ax, bx)
		c.y0, c.y1 = min(ay, by), max(ay, by)
		_, c.base = v.point(origin.X, origin.Y)
		// The loose box spans the font's ascent to descent, which is the
		// rendered size whatever mix of Tf and Tm scaling the producer used;
		// FPDFText_GetFontSize reports Tf alone and is 1 for many producers.
		c.size = c.y1 - c.y0
		if c.size <= 0 {
			// Some fonts declare no ascent or descent; fall back to Tf
			// rather than lose the character.
			fs, err := inst.FPDFText_GetFontSize(&requests.FPDFText_GetFontSize{TextPage: tp.TextPage, Index: i})
			if err != nil {
				return nil, err
			}
			c.size = max(fs.FontSize, 1)
			c.y0, c.y1 = c.base-0.8*c.size, c.base+0.2*c.size
		}
		chars = append(chars, c)
	}
	return chars, nil
}

// visible reports whether r is worth keeping. Spaces of every kind
// (including U+00A0 and U+3000, and those PDFium generates between words)
// are dropped: word and column breaks come from geometry instead, which is
// also how `pdftotext -layout` decides them.
func visible(r rune) bool {
	switch {
	case r == 0, r == unicode.ReplacementChar, r == 0xFFFE, r == 0xFFFF:
		return false
	case unicode.IsSpace(r), r == '\u3000', r == '\u00a0', r == '\ufeff':
		return false
	case unicode.IsControl(r):
		return false
	}
	return true
}
