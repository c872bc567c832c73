// Package pdf renders a disclosure.Document as the A4 PDF a finance bureau
// publishes: title page, 目录 with page numbers, the narrative parts and the
// numbered tables. It owns page layout and the embedded fonts, nothing else.
package pdf

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/go-pdf/fpdf"

	"yusuan/disclosure"
)

// Page geometry in millimetres and type sizes in points.
const (
	pageW, pageH     = 210.0, 297.0
	marginX          = 20.0
	marginTop        = 20.0
	marginBottom     = 20.0
	footerFromBottom = 11.0
	ruleWidth        = 0.2 // table borders
	leading          = 1.75
)

var (
	bodyStyle     = style{size: 10.5}
	sectionStyle  = style{size: 12, bold: true}
	partStyle     = style{size: 16, bold: true}
	noteStyle     = style{size: 9}
	footerStyle   = style{size: 9}
	tocTitleStyle = style{size: 18, bold: true}
	tocStyle      = style{size: 12}
	tocHeadStyle  = style{size: 12, bold: true}
	coverStyle    = style{size: 26, bold: true}
	subjectStyle  = style{size: 16}
)

// Write renders doc as an A4 PDF to w.
func Write(w io.Writer, doc *disclosure.Document) error {
	return write(w, doc, false)
}

// write renders doc; with fpdfCompresses fpdf compresses the pages itself, as
// Write's own compression must match (deflate.go).
func write(w io.Writer, doc *disclosure.Document, fpdfCompresses bool) error {
	if doc == nil {
		return errors.New("没有要生成的文件内容")
	}
	fonts, err := loadFaces()
	if err != nil {
		return fmt.Errorf("程序内嵌的字体无法读取，请报告此问题（技术信息：%w）", err)
	}
	// The 目录 precedes what it lists, so a first pass lays the document out
	// without drawing to learn the page each part and table starts on.
	dry := &renderer{faces: fonts}
	dry.document(doc, nil)

	f := fpdf.New("P", "mm", "A4", "")
	f.SetAutoPageBreak(false, 0)
	f.SetCompression(fpdfCompresses)
	f.SetTitle(clean(doc.Title), true)
	f.SetSubject(clean(doc.Subject), true)
	f.SetAuthor(clean(doc.Department), true)
	f.SetCreator("yusuan", true)
	f.SetLang("zh-CN")
	f.SetLineWidth(ruleWidth)
	r := &renderer{pdf: f, faces: fonts, added: map[*face]bool{}}
	r.document(doc, dry.starts)
	if fpdfCompresses {
		if err := f.Output(w); err != nil {
			return fmt.Errorf("写出 PDF 失败：%w", err)
		}
		return nil
	}
	d := &deflater{w: w}
	err = f.Output(d)
	if err == nil {
		err = d.close()
	}
	if err != nil {
		return fmt.Errorf("写出 PDF 失败：%w", err)
	}
	return nil
}

// renderer lays a document out page by page. With pdf nil it only measures.
type renderer struct {
	pdf *fpdf.Fpdf
	*faces
	// added are the faces given to fpdf so far: a face is added when first
	// drawn, so a document never parses or embeds a fallback face it does not use.
	added     map[*face]bool
	page      int
	w, h      float64 // size of the current page
	landscape bool
	y         float64 // top of the free space on the current page
	// family and size are the font last selected in fpdf, which otherwise
	// writes a font change into the page for every run of text.
	family string
	size   float64
	// starts are the pages where each part, then each table, begins.
	starts []int
	// rules are the table borders of the page, drawn when it is done.
	rules rules
}

func (r *renderer) left() float64   { return marginX }
func (r *renderer) right() float64  { return r.w - marginX }
func (r *renderer) bottom() float64 { return r.h - marginBottom }

// newPage starts a page; every page but the title page carries its number.
func (r *renderer) newPage(landscape bool) {
	r.drawRules()
	r.page++
	r.landscape = landscape
	r.w, r.h = pageW, pageH
	orientation := "P"
	if landscape {
		r.w, r.h = pageH, pageW
		orientation = "L"
	}
	r.y = marginTop
	if r.pdf == nil {
		return
	}
	r.pdf.AddPageFormat(orientation, fpdf.SizeType{Wd: pageW, Ht: pageH})
	if r.page > 1 {
		r.centred(r.h-footerFromBottom, "— "+strconv.Itoa(r.page)+" —", footerStyle)
	}
}

func (r *renderer) centred(mid float64, s string, st style) {
	r.text((r.left()+r.right()-r.width(s, st))/2, mid, s, st, 0)
}

func (r *renderer) document(doc *disclosure.Document, starts []int) {
	r.cover(doc)
	r.contents(doc, starts)
	for i, p := range doc.Parts {
		r.part(p, i == 0)
	}
	for _, t := range doc.Tables {
		if t == nil {
			r.starts = append(r.starts, r.page)
			continue
		}
		r.starts = append(r.starts, r.page+1)
		r.table(t, true)
	}
	if len(doc.Notes) > 0 {
		if r.page == 1 {
			r.newPage(false)
		}
		r.y += 4
		for _, n := range doc.Notes {
			r.paragraph(n, noteStyle, 0, 0, true)
		}
	}
}

func (r *renderer) cover(doc *disclosure.Document) {
	r.newPage(false)
	width := r.right() - r.left() - 20
	r.y = 95
	for _, l := range r.balanced(clean(doc.Title), coverStyle, width) {
		lh := coverStyle.em() * 1.6
		r.centred(r.y+lh/2, l.s, coverStyle)
		r.y += lh
	}
	if doc.Subject == "" {
		return
	}
	r.y += 20
	for _, l := range r.wrap(clean(doc.Subject), subjectStyle, width, 0) {
		lh := subjectStyle.em() * 1.6
		r.centred(r.y+lh/2, l.s, subjectStyle)
		r.y += lh
	}
}

// balanced wraps a title into as few lines as width allows, and then into lines of
// even length that split no word where another break will do (titleLines), so
// that a long title does not leave its last character alone on a line (部门预 / 算).
func (r *renderer) balanced(text string, st style, width float64) []line {
	lines := r.wrap(text, st, width, 0)
	if len(lines) < 2 {
		return lines
	}
	// The document's kind ends the title: it takes a line of its own when that
	// costs no extra line.
	for _, kind := range []string{"部门预算", "单位预算", "部门决算", "单位决算"} {
		head, ok := strings.CutSuffix(text, kind)
		if !ok || head == "" {
			continue
		}
		if hl := r.wrap(head, st, width, 0); len(hl)+1 == len(lines) {
			return append(r.titleLines(head, st, width), r.wrap(kind, st, width, 0)...)
		}
	}
	return r.titleLines(text, st, width)
}

// contents writes the 目录. starts is nil in the measuring pass, where page
// numbers are unknown; numbers are set right-aligned so the layout is the same.
func (r *renderer) contents(doc *disclosure.Document, starts []int) {
	type entry struct {
		text    string
		section bool
		index   int // into starts
	}
	var entries []entry
	section := 0
	if len(doc.Parts) > 0 {
		section++
		entries = append(entries, entry{text: disclosure.ChineseNumber(section) + "、文字部分", section: true})
		for i, p := range doc.Parts {
			entries = append(entries, entry{text: p.Heading(), index: i})
		}
	}
	if len(doc.Tables) > 0 {
		section++
		entries = append(entries, entry{text: disclosure.ChineseNumber(section) + "、表格部分", section: true})
		for i, t := range doc.Tables {
			if t == nil {
				continue
			}
			n := t.Number
			if n <= 0 {
				n = i + 1
			}
			entries = append(entries, entry{text: "（" + disclosure.ChineseNumber(n) + "）" + t.Title, index: len(doc.Parts) + i})
		}
	}
	if len(entries) == 0 {
		return
	}
	r.newPage(false)
	r.y += 4
	r.centred(r.y+5, "目  录", tocTitleStyle)
	r.y += 18
	lh := tocStyle.em() * 2.1
	numW := r.width("0000", tocStyle)
	dotW := r.width(".", tocStyle)
	for _, e := range entries {
		st, indent := tocStyle, 2*tocStyle.em()
		if e.section {
			st, indent = tocHeadStyle, 0
		}
		width := r.right() - r.left() - indent - numW - 6
		lines := r.wrap(clean(e.text), st, width, 0)
		for i, l := range lines {
			if r.y+lh > r.bottom() {
				r.newPage(false)
			}
			x := r.left() + indent
			mid := r.y + lh/2
			r.text(x, mid, l.s, st, 0)
			if !e.section && i == len(lines)-1 && starts != nil && e.index < len(starts) {
				num := strconv.Itoa(starts[e.index])
				from := x + r.width(l.s, st) + 2
				to := r.right() - r.width(num, st) - 2
				if n := int((to - from) / dotW); n > 0 {
					dots := make([]byte, n)
					for k := range dots {
						dots[k] = '.'
					}
					r.text(to-float64(n)*dotW, mid, string(dots), st, 0)
				}
				r.text(r.right()-r.width(num, st), mid, num, st, 0)
			}
			r.y += lh
		}
		if e.section {
			r.y += 1
		}
	}
}

// partGap is the space above a part that follows another on the same page.
const partGap = 12.0

// part sets a narrative part: the first on a new page, the others after the
// part before, on a new page only when its title and the first two lines of
// its text do not fit below (no title alone at the foot of a page). It records
// the page the part starts on for the 目录.
func (r *renderer) part(p disclosure.Part, first bool) {
	width := r.right() - r.left()
	lh := partStyle.em() * 1.6
	title := r.titleLines(clean(p.Heading()), partStyle, width)
	if first || r.page <= 1 || r.landscape {
		r.newPage(false)
	} else if need := partGap + 2 + float64(len(title))*lh + 5 + r.opening(p.Blocks, width); r.y+need > r.bottom() {
		r.newPage(false)
	} else {
		r.y += partGap
	}
	r.starts = append(r.starts, r.page)
	r.y += 2
	for _, l := range title {
		r.centred(r.y+lh/2, l.s, partStyle)
		r.y += lh
	}
	r.y += 5
	em := bodyStyle.em()
	for _, b := range p.Blocks {
		switch b.Kind {
		case disclosure.Heading:
			lines := r.wrap(clean(b.Text), sectionStyle, width, 2*em)
			h := float64(len(lines))*sectionStyle.em()*leading + 2
			// Keep a heading with the first lines of what it heads.
			if r.y+h+2*em*leading > r.bottom() {
				r.newPage(r.landscape)
			} else {
				r.y += 2
			}
			r.paragraph(b.Text, sectionStyle, 0, 2*em, false)
		case disclosure.ListItem:
			r.paragraph(b.Text, bodyStyle, 2*em, 0, true)
		case disclosure.Note:
			r.paragraph(b.Text, noteStyle, 0, 2*noteStyle.em(), true)
		case disclosure.TableRef:
			if b.Table != nil {
				r.y += 2
				r.table(b.Table, false)
				r.y += 3
			}
		default:
			r.paragraph(b.Text, bodyStyle, 0, 2*em, true)
		}
	}
}

// opening is the height of what must follow a part's title on its page: the
// first two lines of its text, with the headings above them, or, when a table
// comes before them, what the table keeps on its first page (tableLayout.keep).
func (r *renderer) opening(blocks []disclosure.Block, width float64) float64 {
	em := bodyStyle.em()
	h, lines := 0.0, 2
	for _, b := range blocks {
		switch b.Kind {
		case disclosure.Heading:
			n := len(r.wrap(clean(b.Text), sectionStyle, width, 2*em))
			h += float64(n)*sectionStyle.em()*leading + 2
			continue
		case disclosure.TableRef:
			if b.Table == nil {
				continue
			}
			return h + 2 + r.layoutTable(b.Table, width).keep(r.bottom()-marginTop)
		}
		st, indent, first := bodyStyle, 0.0, 2*em
		switch b.Kind {
		case disclosure.ListItem:
			indent, first = 2*em, 0
		case disclosure.Note:
			st, first = noteStyle, 2*noteStyle.em()
		}
		n := min(lines, len(r.wrap(clean(b.Text), st, width-indent, first)))
		h += float64(n)*st.em()*leading + st.em()*0.3
		if lines -= n; lines <= 0 {
			break
		}
	}
	return h
}

// paragraph flows text over lines and pages: indent shifts every line, first
// shifts the first line further (the customary two-character indent).
func (r *renderer) paragraph(s string, st style, indent, first float64, justify bool) {
	width := r.right() - r.left() - indent
	lh := st.em() * leading
	lines := r.wrap(clean(s), st, width, first)
	for i, l := range lines {
		if r.y+lh > r.bottom() {
			r.newPage(r.landscape)
		}
		x, w := r.left()+indent, width
		if i == 0 {
			x, w = x+first, w-first
		}
		j := 0.0
		if justify && !l.hard {
			j = w
		}
		r.text(x, r.y+lh/2, l.s, st, j)
		r.y += lh
	}
	r.y += st.em() * 0.3
}
