package pdftext

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"
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
// Reading stops at Timeout. ctx and the deadline are checked between
// PDFium calls; a single call cannot be interrupted. wazero can do that
// (WithCloseOnContextDone), but it starts a goroutine for every call into
// the module, and with several calls per character a 25-page document
// took 0.74 s instead of 0.12 s. So when the deadline passes during a call,
// extract returns at once and leaves the worker to finish that call in the
// background (within MaxMemory) and then go back to the pool.
func extract(ctx context.Context, name string, data []byte) ([]Page, error) {
	inst, err := instance(ctx)
	if err != nil {
		return nil, err
	}
	limit := timeout
	ctx, cancel := context.WithTimeoutCause(ctx, limit, &timeoutError{limit})
	// Cancelled on return, so that a read left running in the background
	// stops at its next check.
	defer cancel()
	type result struct {
		pages []Page
		err   error
	}
	done := make(chan result, 1)
	go func() {
		defer inst.Close()
		// A panic inside go-pdfium on a hostile document must not take
		// down a server; report it as an unreadable file instead.
		defer func() {
			if p := recover(); p != nil {
				done <- result{err: refuse(name, fmt.Errorf("pdftext: panic: %v", p), "无法解析：PDF 结构损坏")}
			}
		}()
		pages, err := readDocument(ctx, inst, name, data)
		done <- result{pages, err}
	}()
	select {
	case r := <-done:
		return r.pages, r.err
	case <-ctx.Done():
		select {
		case r := <-done: // finished just in time
			return r.pages, r.err
		default:
			return nil, stopped(ctx, name, -1)
		}
	}
}

// timeoutError is the cause of a document's context ending at its limit.
type timeoutError struct{ limit time.Duration }

func (e *timeoutError) Error() string { return "pdftext: timeout after " + e.limit.String() }

// timeout is Timeout; tests shorten it.
var timeout = Timeout

// stopped is the error for a read that ctx ended before page index (-1:
// before or between pages).
func stopped(ctx context.Context, name string, index int) error {
	cause := context.Cause(ctx)
	var te *timeoutError
	if !errors.As(cause, &te) {
		return fmt.Errorf("pdftext: read %s: %w", name, cause)
	}
	if index >= 0 {
		return refuse(name, cause, "读到第 %d 页时超过 %s 仍未读完，已停止（每个文件最多读取 %s）", index+1, seconds(te.limit), seconds(te.limit))
	}
	return refuse(name, cause, "读取超过 %s 仍未完成，已停止（每个文件最多读取 %s）", seconds(te.limit), seconds(te.limit))
}

func readDocument(ctx context.Context, inst pdfium.Pdfium, name string, data []byte) ([]Page, error) {
	refusals := memoryRefusals.Load()
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		switch {
		case memoryRefusals.Load() != refusals:
			return nil, overMemory(name, err, -1)
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
	chars := 0
	for i := range count.PageCount {
		if ctx.Err() != nil {
			return nil, stopped(ctx, name, i)
		}
		refusals := memoryRefusals.Load()
		p, n, err := readPage(ctx, inst, doc.Document, i)
		switch {
		case ctx.Err() != nil:
			return nil, stopped(ctx, name, i)
		case memoryRefusals.Load() != refusals:
			return nil, overMemory(name, err, i)
		case errors.As(err, new(*limitError)):
			return nil, refuse(name, err, "第 %d 页%s", i+1, err.(*limitError).reason)
		case err != nil:
			return nil, refuse(name, err, "第 %d 页无法读取：PDF 结构损坏", i+1)
		}
		if chars += n; chars > MaxChars {
			return nil, refuse(name, nil, "到第 %d 页已有 %d 个字符，超过每个文件 %d 个字符的上限；预算公开文件通常不到 20 万字", i+1, chars, MaxChars)
		}
		pages = append(pages, p)
	}
	return pages, nil
}

// seconds is d in Chinese, in seconds.
func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + " 秒"
}

// overMemory is the refusal of a document whose page index (-1: the
// document itself) needed more than MaxMemory.
func overMemory(name string, err error, index int) error {
	where := "打开时"
	if index >= 0 {
		where = fmt.Sprintf("第 %d 页的内容", index+1)
	}
	return refuse(name, err, "%s解压后超过 %d MiB 的内存上限，无法读取；文件可能是恶意构造的“解压炸弹”，或已损坏", where, MaxMemory>>20)
}

// limitError is a page beyond one of the per-page limits; reason says
// which, in Chinese, after the page number.
type limitError struct{ reason string }

func (e *limitError) Error() string { return "pdftext: page over limit: " + e.reason }

// readPage reads page index and returns it with its number of visible
// characters.
func readPage(ctx context.Context, inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, index int) (Page, int, error) {
	loaded, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: index})
	if err != nil {
		return Page{}, 0, fmt.Errorf("pdftext: load page %d: %w", index+1, err)
	}
	defer inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: loaded.Page})
	page := requests.Page{ByReference: &loaded.Page}

	objects, err := inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: page})
	if err != nil {
		return Page{}, 0, fmt.Errorf("pdftext: page %d objects: %w", index+1, err)
	}
	if objects.Count > MaxPageObjects {
		return Page{}, 0, &limitError{fmt.Sprintf("有 %d 个绘图对象，超过每页 %d 个的上限", objects.Count, MaxPageObjects)}
	}
	view, err := pageView(inst, page)
	if err != nil {
		return Page{}, 0, fmt.Errorf("pdftext: page %d geometry: %w", index+1, err)
	}
	chars, err := readChars(ctx, inst, page, view)
	if err != nil {
		return Page{}, 0, err
	}
	return Page{Number: index + 1, Width: view.width, Height: view.height, Lines: group(chars)}, len(chars), nil
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

func readChars(ctx context.Context, inst pdfium.Pdfium, page requests.Page, v view) ([]char, error) {
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: page})
	if err != nil {
		return nil, fmt.Errorf("pdftext: load text: %w", err)
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	n, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return nil, fmt.Errorf("pdftext: count characters: %w", err)
	}
	if n.Count > MaxPageChars {
		return nil, &limitError{fmt.Sprintf("有 %d 个字符，超过每页 %d 个的上限", n.Count, MaxPageChars)}
	}
	chars := make([]char, 0, n.Count)
	for i := range n.Count {
		if i%1024 == 0 && ctx.Err() != nil {
			return nil, context.Cause(ctx)
		}
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
