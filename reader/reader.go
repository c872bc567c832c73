// Package reader rebuilds a disclosure from a published file — a PDF, text from
// `pdftotext -layout`, text whose table cells are separated by tabs, or an XLSX
// workbook — so that checks can run on it. Every input becomes positioned text;
// one engine then finds the title, the 目录, the narrative parts and the tables,
// recognises the format among the jurisdictions' descriptions, and reads each
// table's header into columns by what they say and its body into rows.
package reader

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"yusuan/disclosure"
	"yusuan/format"
	"yusuan/profile"
	"yusuan/reader/pdftext"
)

// MaxFileSize bounds what is read at all; a real disclosure is a few megabytes.
const MaxFileSize = 64 << 20

// MaxTextSize bounds a text file. A disclosure's text is tens of kilobytes (the
// largest of the corpus, 187 pages, about 1 MB laid out); reading and checking
// takes about 30 times the text's size in memory, and about 10 s a megabyte on a
// busy machine.
const MaxTextSize = 4 << 20

// maxLineRunes bounds a line of text: a real layout line is a few hundred
// characters.
const maxLineRunes = 4000

// ErrUnsupported marks a document that was recognised but cannot be checked yet,
// such as a 部门决算.
var ErrUnsupported = errors.New("unsupported document")

// UnsupportedError says which kind of document was recognised.
type UnsupportedError struct {
	File, Kind string
	// Blank is set for a blank template of that kind: placeholders such as
	// XX局 and XXX万元 where a published document prints names and figures.
	Blank bool
	// Workbook is set for a workbook of a kind that is read from PDF and text,
	// whose sheets are neither yusuan's own nor a template a format describes.
	Workbook bool
}

func (e *UnsupportedError) Error() string {
	switch {
	case e.Blank:
		return fmt.Sprintf("文件 %s 是%s的空白模板（只有“XX”“XXX万元”等占位符，没有数据），不是已填报的公开文件，无需核对", e.File, e.Kind)
	case e.Workbook:
		return fmt.Sprintf("文件 %s 是%s的 Excel 工作簿，但既不是 yusuan 生成的，也不是已知格式的%s模板，暂不支持核对；请核对同一份%s的 PDF 或文本", e.File, e.Kind, e.Kind, e.Kind)
	}
	return fmt.Sprintf("文件 %s 是%s，目前只能核对部门预算、单位预算和部门决算，暂不支持%s", e.File, e.Kind, e.Kind)
}

// Is makes errors.Is(err, ErrUnsupported) hold.
func (e *UnsupportedError) Is(target error) bool { return target == ErrUnsupported }

// formats are the descriptions the readers recognise: every profile's.
func formats() *format.Set { return profile.Formats() }

// ReadFile reads a published document from a file, choosing the reader by its
// extension and content.
func ReadFile(path string) (*disclosure.Document, error) {
	fi, err := os.Stat(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("文件 %s 不存在", path)
		}
		return nil, fmt.Errorf("无法读取文件 %s：%v", path, err)
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%s 是目录，请指定一个公开文件（.txt、.pdf 或 .xlsx）", path)
	}
	if fi.Size() > MaxFileSize {
		return nil, fmt.Errorf("文件 %s 有 %d MB，超过 %d MB 的上限，不像是一份预算或决算公开文件", path, fi.Size()>>20, MaxFileSize>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取文件 %s：%v", path, err)
	}
	name := filepath.Base(path)
	ext := strings.ToLower(filepath.Ext(path))
	// A PDF or a workbook saved under a text file's name is read as what it is.
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		ext = ".pdf"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) && ext != ".xlsx":
		return nil, fmt.Errorf("文件 %s 是压缩包（ZIP）而不是公开文件；Excel 工作簿请使用 .xlsx 扩展名。%s", path, acceptedInputs)
	}
	switch ext {
	case ".txt", ".text", ".md":
		text, err := decodeText(name, data)
		if err != nil {
			return nil, err
		}
		return ReadText(name, text)
	case ".xlsx":
		return ReadXLSX(name, strings.NewReader(string(data)), int64(len(data)))
	case ".pdf":
		return ReadPDF(context.Background(), name, data)
	}
	return nil, fmt.Errorf("文件 %s 的类型不受支持；%s", path, acceptedInputs)
}

// ReadText reads text: cells separated by tabs like the seed's or yusuan's own text,
// or else text laid out with spaces like `pdftotext -layout` output.
func ReadText(name, text string) (*disclosure.Document, error) {
	if len(text) > MaxTextSize {
		return nil, fmt.Errorf("文件 %s 的文字有 %.1f MB，超过 %d MB 的上限，不像是一份预算或决算公开文件", name, float64(len(text))/(1<<20), MaxTextSize>>20)
	}
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("文件 %s 不是 UTF-8 编码的文本，请先转换为 UTF-8", name)
	}
	if !strings.Contains(text, "\t") {
		return ReadLayout(name, text)
	}
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		lines = append(lines, cleanMarkdown(l))
	}
	doc, err := readPages(name, gridPages(lines), formats())
	return finish(name, doc, err)
}

// ReadLayout reads text laid out like `pdftotext -layout`: pages separated by form
// feeds, table columns aligned with spaces. name is used in messages only.
func ReadLayout(name, text string) (*disclosure.Document, error) {
	if len(text) > MaxFileSize {
		return nil, fmt.Errorf("文件 %s 的文字有 %d MB，超过 %d MB 的上限", name, len(text)>>20, MaxFileSize>>20)
	}
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("文件 %s 不是 UTF-8 编码的文本，请先转换为 UTF-8", name)
	}
	doc, err := readPages(name, layoutPages(text), formats())
	return finish(name, doc, err)
}

// ReadPDF reads a published PDF from the positions of its characters.
func ReadPDF(ctx context.Context, name string, data []byte) (*disclosure.Document, error) {
	pages, err := pdftext.Extract(ctx, name, data)
	if err != nil {
		return nil, err
	}
	if !hasText(pages) {
		return nil, &NoTextError{File: name, Pages: len(pages)}
	}
	doc, err := readPages(name, pdfPages(pages), formats())
	return finish(name, doc, err)
}

// NoTextError is a PDF with no text on any page: most often a scan, whose
// pages are images.
type NoTextError struct {
	File  string
	Pages int
}

func (e *NoTextError) Error() string {
	return fmt.Sprintf("文件 %s 没有文字层（可能是扫描件），无法读取：全部 %d 页都没有可提取的文字，只有图像。请使用有文字层的原件（可以选中、复制文字的 PDF），或其文本、Excel 版本", e.File, e.Pages)
}

// hasText reports whether any page has a character that is not a space.
func hasText(pages []pdftext.Page) bool {
	for _, p := range pages {
		for _, l := range p.Lines {
			for _, w := range l.Words {
				if strings.TrimSpace(w.Text) != "" {
					return true
				}
			}
		}
	}
	return false
}

// finish completes what every reader does last: a year from the file's name when
// the document prints none.
func finish(name string, doc *disclosure.Document, err error) (*disclosure.Document, error) {
	if err != nil {
		return nil, err
	}
	if doc.Year == 0 {
		if m := fileYearRe.FindString(name); m != "" {
			fmt.Sscan(m, &doc.Year)
		}
	}
	return doc, nil
}

var mdMarkRe = regexp.MustCompile(`^\s*(?:#+\s+|-\s+)`)

// cleanMarkdown removes the marks that text taken from PDFs as Markdown carries
// (headings, list dashes, bold), keeping tabs.
func cleanMarkdown(s string) string {
	s = strings.TrimRight(s, " \r")
	if !strings.Contains(s, "\t") {
		s = mdMarkRe.ReplaceAllString(s, "")
	}
	return strings.ReplaceAll(s, "**", "")
}

// runeWidth is a rune's display width: two for wide and full-width characters.
func runeWidth(r rune) int {
	if r >= 0x1100 && (r <= 0x115f || r >= 0x2e80 && r <= 0xa4cf || r >= 0xac00 && r <= 0xd7a3 || r >= 0xf900 && r <= 0xfaff || r >= 0xfe30 && r <= 0xfe4f || r >= 0xff00 && r <= 0xff60 || r >= 0xffe0 && r <= 0xffe6) {
		return 2
	}
	return 1
}
