// Package text renders a disclosure as plain text laid out like the published
// documents' text: headings, paragraphs, and tables with cells separated by tabs.
// It is the form of golden files and of the text that the checker reads back.
package text

import (
	"bufio"
	"io"
	"strings"

	"yusuan/disclosure"
)

// Write renders doc as text to w.
func Write(w io.Writer, doc *disclosure.Document) error {
	bw := bufio.NewWriter(w)
	p := func(lines ...string) {
		for _, l := range lines {
			bw.WriteString(l)
			bw.WriteByte('\n')
		}
	}
	p(doc.Title, "", "# 一、文字部分", "")
	for _, part := range doc.Parts {
		p("## "+part.Heading(), "")
		for _, b := range part.Blocks {
			switch b.Kind {
			case disclosure.Heading:
				p("### "+b.Text, "")
			case disclosure.TableRef:
				writeTable(p, b.Table)
			default:
				p(b.Text, "")
			}
		}
	}
	p("# 二、表格部分", "")
	for _, t := range doc.Tables {
		writeTable(p, t)
	}
	for _, n := range doc.Notes {
		p(n, "")
	}
	return bw.Flush()
}

// WriteTable renders one table as text.
func WriteTable(w io.Writer, t *disclosure.Table) error {
	bw := bufio.NewWriter(w)
	writeTable(func(lines ...string) {
		for _, l := range lines {
			bw.WriteString(l)
			bw.WriteByte('\n')
		}
	}, t)
	return bw.Flush()
}

func writeTable(p func(...string), t *disclosure.Table) {
	if l := t.Label(); l != "" {
		p(l, "")
	}
	if t.Title != "" {
		p("## "+t.Title, "")
	}
	if t.Entity != "" {
		p(t.EntityLabel+"："+t.Entity, "")
	}
	if t.Period != "" {
		p(t.Period, "")
	}
	if t.Unit != "" && t.Number > 0 {
		p("单位："+string(t.Unit), "")
	}
	width := len(t.Columns)
	for _, rows := range [][][]disclosure.Cell{t.Header, t.BodyCells()} {
		for _, placed := range disclosure.Grid(rows, width) {
			line := make([]string, width)
			for _, c := range placed {
				if c.Col < width {
					line[c.Col] = clean(c.Display(t.Unit))
				}
			}
			p(strings.Join(line, "\t"))
		}
	}
	p("")
	for _, n := range t.Notes {
		p(n, "")
	}
}

// clean keeps a cell on one line: tabs and line breaks would break the layout.
func clean(s string) string {
	return strings.NewReplacer("\t", " ", "\r\n", " ", "\n", " ").Replace(s)
}
