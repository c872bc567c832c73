package checktest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"yusuan/disclosure"
	"yusuan/format"
	"yusuan/money"
)

// Table builds a table of a document of the kind (部门预算, 部门决算) in 万元, as a
// reader would: header rows of cells written "text" or "text|colspan|rowspan", each
// column keyed by what its header means in that kind of document; body rows of
// cells, an amount where the column holds amounts and the cell parses as one, text
// elsewhere. A row whose code column holds a classification code carries it; a
// row labelled 合计 is the total row.
func Table(doc string, year int, kind disclosure.TableKind, header, body [][]string) *disclosure.Table {
	tb := &disclosure.Table{Number: 1, Kind: kind, Title: string(kind), Unit: money.UnitWan}
	for _, hr := range header {
		var row []disclosure.Cell
		for _, h := range hr {
			parts := strings.Split(h, "|")
			c := disclosure.Cell{Text: parts[0]}
			if len(parts) == 3 {
				c.ColSpan, _ = strconv.Atoi(parts[1])
				c.RowSpan, _ = strconv.Atoi(parts[2])
			}
			row = append(row, c)
		}
		tb.Header = append(tb.Header, row)
	}
	n := 0
	for _, br := range body {
		n = max(n, len(br))
	}
	tb.Columns = make([]disclosure.Column, n)
	// A key met again is numbered, as the readers number it (a table of two
	// halves: total, total#2).
	seen := map[string]int{}
	for j, p := range format.HeaderPaths(&disclosure.Table{Header: tb.Header, Columns: tb.Columns}) {
		key, kindOf := format.MeaningIn(format.Context{Table: kind, Year: year, Document: doc}, p)
		if kindOf == "" {
			kindOf = disclosure.AmountCol
		}
		if key != "" {
			if seen[key]++; seen[key] > 1 {
				key = fmt.Sprintf("%s#%d", key, seen[key])
			}
		}
		tb.Columns[j] = disclosure.Column{Key: key, Kind: kindOf}
	}
	for _, br := range body {
		row := disclosure.Row{}
		for j, s := range br {
			cell := disclosure.Cell{Text: s}
			if a, err := money.Parse(s, money.UnitWan); tb.Columns[j].Kind == disclosure.AmountCol && s != "" && err == nil {
				cell = disclosure.Cell{Amount: &a, Printed: s}
			}
			if tb.Columns[j].Kind == disclosure.CodeCol && codeRe.MatchString(s) {
				row.Code = s
			}
			row.Cells = append(row.Cells, cell)
		}
		for _, c := range row.Cells {
			if c.Amount == nil && strings.TrimSpace(c.Text) == "合计" {
				row.Kind = disclosure.TotalRow
			}
		}
		tb.Rows = append(tb.Rows, row)
	}
	return tb
}

var codeRe = regexp.MustCompile(`^[0-9]{3}(?:[0-9]{2}){0,2}$`)

// FinalDoc is a 部门决算 of the year, read with the family's 决算 description, of the
// tables and a narrative part of one paragraph per text.
func FinalDoc(year int, tables []*disclosure.Table, texts ...string) *disclosure.Document {
	for i, t := range tables {
		t.Number = i + 1
	}
	doc := &disclosure.Document{Profile: "generic", Format: "generic-juesuan", Kind: "部门决算", Year: year, Unit: money.UnitWan, Tables: tables}
	if len(texts) > 0 {
		p := disclosure.Part{Number: 3, Title: "部门决算情况说明"}
		for i, t := range texts {
			p.Blocks = append(p.Blocks, disclosure.Block{Kind: disclosure.Paragraph, Text: t, Pos: disclosure.Pos{Page: 20, Line: i + 1}})
		}
		doc.Parts = append(doc.Parts, p)
	}
	return doc
}
