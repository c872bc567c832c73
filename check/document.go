package check

import (
	"fmt"
	"regexp"
	"strings"

	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/format"
)

// completeness: every table and part the document's format requires is there. A
// table that the document's own 目录 lists but whose content could not be read (an
// image in a PDF) is a warning; one missing altogether is an error, except under the
// family's generic description, which may not know the title it is printed under. A
// document that holds only its narrative, or only its tables, as some regions publish
// them in two files, is warned about once for the missing half, not table by table.
func (c *Doc) completeness() {
	f := c.format
	if f == nil {
		return
	}
	doc := c.doc
	switch {
	case len(doc.Tables) == 0 && len(c.unread) == 0 && len(doc.Parts) > 0:
		c.Add(Finding{Rule: "DOC-03", Severity: Warning, Location: Location{Table: "表格部分"},
			Message: "本文件只有文字部分，未见表格部分（可能另行公开为单独的文件）；与表格有关的核对无法进行。可将两个文件一起核对：yusuan check 文字.pdf 表格.pdf"})
		return
	case len(doc.Parts) == 0 && len(doc.Tables) > 0:
		c.Add(Finding{Rule: "DOC-03", Severity: Warning, Location: Location{Part: "文字部分"},
			Message: "本文件只有表格部分，未见文字说明（可能另行公开为单独的文件）；与文字有关的核对无法进行。可将两个文件一起核对：yusuan check 文字.pdf 表格.pdf"})
	}
	if len(doc.Tables) > 0 {
		for _, req := range f.Tables {
			if !req.Required || c.tables[req.Kind] != nil || c.unread[req.Kind] {
				continue
			}
			title := req.Title
			loc := Location{Table: title}
			if req.Number > 0 {
				loc.Table = fmt.Sprintf("表%d %s", req.Number, title)
			}
			switch {
			case c.listed(req.Names()...):
				c.Add(Finding{Rule: "DOC-01", Severity: Warning, Location: loc,
					Message: fmt.Sprintf("目录列有“%s”，但未读到该表的内容（可能是图片），无法核对", title)})
			case f.Generic:
				c.Add(Finding{Rule: "DOC-01", Severity: Warning, Location: loc,
					Message: fmt.Sprintf("按全国通用格式未找到“%s”（也可能以本地的其他标题印出），请人工确认", title)})
			default:
				c.Add(Finding{Rule: "DOC-01", Severity: Error, Location: loc, Message: fmt.Sprintf("缺少必备表格“%s”", title)})
			}
		}
	}
	if len(doc.Parts) == 0 {
		return
	}
	has := func(p *format.Part) bool {
		for _, dp := range doc.Parts {
			if f.MatchPart(dp.Title) == p {
				return true
			}
		}
		return false
	}
	for i := range f.Parts {
		p := &f.Parts[i]
		if !p.Required || has(p) {
			continue
		}
		c.Add(Finding{Rule: "DOC-02", Severity: Error, Location: Location{Part: p.Title},
			Message: fmt.Sprintf("缺少必备的文字部分“%s”", p.Title)})
	}
}

// readable reports each table the reader could not read reliably and returns
// the document without them, so that no rule checks what was not read; the tables
// still count as present.
func (c *Doc) readable() *disclosure.Document {
	var keep []*disclosure.Table
	for _, t := range c.doc.Tables {
		if t == nil || t.Unread == "" {
			keep = append(keep, t)
			continue
		}
		if c.unread == nil {
			c.unread = map[disclosure.TableKind]bool{}
		}
		c.unread[t.Kind] = true
		label := strings.TrimSpace(t.Label() + " " + t.Title)
		c.Add(Finding{Rule: "READ-01", Severity: Warning, Location: Location{Table: label, Page: t.Pos.Page},
			Message: fmt.Sprintf("未能可靠读出本表：%s；本表未作核对，请人工查看", t.Unread)})
	}
	if len(keep) == len(c.doc.Tables) {
		return c.doc
	}
	doc := *c.doc
	doc.Tables = keep
	return &doc
}

// listed reports whether the document's 目录 lists a table under one of titles.
func (c *Doc) listed(titles ...string) bool {
	for _, s := range c.doc.Contents {
		for _, t := range titles {
			if strings.Contains(Normalize(s), Normalize(t)) {
				return true
			}
		}
	}
	return false
}

// emptyNote finds a note that says a table is empty.
var emptyNote = regexp.MustCompile(`空表|表为空|无发生额|无数据|没有数据|没有(?:使用)?.{0,16}(?:安排的|的)?(?:支出|收入|预算)|无.{0,16}安排的(?:支出|预算)|无相关.{0,8}(?:收支|支出|项目)|不涉及`)

// mayBeEmpty are the tables that a department prints empty when it has no such
// money; the summary tables, and 三公 with its one row of zeros, are never "empty".
var mayBeEmpty = map[disclosure.TableKind]bool{
	disclosure.GovFundTable: true, disclosure.StateCapitalTable: true, disclosure.GPFunctionalTable: true,
	disclosure.GPEconomicTable: true, disclosure.GPBasicTable: true, disclosure.BasicTable: true, disclosure.ProjectTable: true,
}

// emptyTables: a table without amounts carries a note that says so and names itself,
// not another table; a table with amounts does not say it is empty.
func (c *Doc) emptyTables() {
	for _, t := range c.doc.Tables {
		v := c.tables[t.Kind]
		if v == nil || v.T != t {
			continue
		}
		// A table with code rows has content even if they print as 0.00.
		hasData := HasCodes(t)
		for r := range v.body {
			for _, k := range v.AmountKeys() {
				if a, _ := v.Amount(r, k); a != 0 {
					hasData = true
				}
			}
		}
		// A row of classified units (涉密单位，按要求不予公开) may stand for spending
		// that prints as 0.00: whether such a table is empty cannot be told.
		classified := false
		for r := range v.body {
			for _, text := range v.texts[r] {
				if strings.Contains(text, "涉密") || strings.Contains(text, "不予公开") {
					classified = true
				}
			}
		}
		note := ""
		for _, n := range t.Notes {
			if emptyNote.MatchString(n) {
				note = n
			}
		}
		// Some print the remark in the table itself (此表为空).
		for r := range v.body {
			for _, text := range v.texts[r] {
				if note == "" && emptyNote.MatchString(text) {
					note = text
				}
			}
		}
		loc := Location{Table: v.Label, Page: t.Pos.Page, Line: t.Pos.Line}
		switch {
		case hasData && note != "":
			loc.Sentence = note
			c.Add(Finding{Rule: "EMPTY-02", Severity: Error, Location: loc, Message: "本表有数据，但附注称其为空表"})
		case !hasData && note == "" && mayBeEmpty[t.Kind] && (t.Kind == disclosure.GovFundTable || t.Kind == disclosure.StateCapitalTable || t.Empty):
			switch {
			case classified:
				c.Add(Finding{Rule: "EMPTY-01", Severity: Warning, Location: loc, Message: "本表没有可见数据，也未附注说明为空表；表中列有涉密单位，无法判断其是否有支出，请确认"})
			case c.format != nil && c.format.EmptyNote:
				c.Add(Finding{Rule: "EMPTY-01", Severity: Error, Location: loc, Message: "本表没有数据，但未附注说明本表为空表"})
			default:
				c.Add(Finding{Rule: "EMPTY-01", Severity: Warning, Location: loc, Message: "本表没有数据，也未附注说明为空表；本格式未要求附注，请确认无需说明"})
			}
		case !hasData && note != "":
			if other := otherTableNamed(note, t.Title); other != "" {
				loc.Sentence = note
				c.Add(Finding{Rule: "EMPTY-01", Severity: Error, Location: loc,
					Message: fmt.Sprintf("空表附注说的是“%s”，与本表“%s”不符", other, t.Title)})
			}
		}
	}
}

// otherTableNamed returns the fund that an empty-table note names when it is not the
// table's own, e.g. a 国有资本经营 table whose note speaks of 政府性基金.
func otherTableNamed(note, title string) string {
	for _, fund := range []string{"政府性基金", "国有资本经营", "一般公共预算"} {
		if strings.Contains(note, fund) && !strings.Contains(title, fund) {
			return fund
		}
	}
	return ""
}

// codes: each code's name agrees with the classification; an unknown code is a warning.
func (c *Doc) codes() {
	// Codes the catalogue does not know are listed once per classification, where
	// the first of them is printed.
	unknown := map[classification.Kind]map[string]bool{}
	order := map[classification.Kind][]string{}
	first := map[classification.Kind]Location{}
	defer func() {
		for _, kind := range []classification.Kind{classification.Functional, classification.Economic} {
			codes := order[kind]
			if len(codes) == 0 {
				continue
			}
			shown := codes
			if len(shown) > 30 {
				shown = shown[:30]
			}
			more := ""
			if len(codes) > len(shown) {
				more = fmt.Sprintf("等，共 %d 个", len(codes))
			} else {
				more = fmt.Sprintf("，共 %d 个", len(codes))
			}
			c.Add(Finding{Rule: "CODE-02", Severity: Warning, Location: first[kind], Actual: strings.Join(codes, "、"),
				Message: fmt.Sprintf("%s %s%s，不在已知科目表中，无法核对名称（可用 --codes 加载当年官方科目表）", kind.Label(), strings.Join(shown, "、"), more)})
		}
	}()
	for _, t := range c.doc.Tables {
		v := c.tables[t.Kind]
		if v == nil || v.T != t {
			continue
		}
		moved := c.renumbered(v)
		c.reportRenumbered(v, moved)
		for r, row := range t.Rows {
			if _, ok := moved[r]; row.Code == "" || ok {
				continue
			}
			// The code says its classification: 2… 支出功能分类, 3… 部门预算支出经济
			//分类; 5… (政府预算支出经济分类) is not in the catalogue.
			var kind classification.Kind
			if classification.LevelOf(row.Code) == 0 {
				continue // CODE-03 says so
			}
			switch row.Code[0] {
			case '2':
				kind = classification.Functional
			case '3':
				kind = classification.Economic
			default:
				continue
			}
			name := v.Text(r, "name")
			known, ok := c.cat.Lookup(kind, row.Code)
			loc := v.At(r, "code")
			if rn, renamed := classification.RenamedFrom(kind, row.Code, name); renamed {
				// The code's former name: right in its years, outdated after.
				if c.doc.Year >= rn.From {
					c.Add(Finding{Rule: "CODE-04", Severity: Warning, Location: loc, Expected: rn.New, Actual: name,
						Message: fmt.Sprintf("%s“%s”%s称“%s”，表中仍用旧称“%s”", kind.Label(), row.Code, rn.Since(), rn.New, name)})
				}
				continue
			}
			switch {
			case !ok:
				if !unknown[kind][row.Code] {
					if unknown[kind] == nil {
						unknown[kind] = map[string]bool{}
					}
					unknown[kind][row.Code] = true
					order[kind] = append(order[kind], row.Code)
					if _, ok := first[kind]; !ok {
						first[kind] = loc
					}
				}
			case name != "" && !classification.SameName(name, known.Name) && c.doc.Year > 0 && c.doc.Year < classification.NamesFrom:
				// Names change over the years (20805 行政事业单位离退休 became
				// 行政事业单位养老支出): an older document may use its year's name.
				c.Add(Finding{Rule: "CODE-01", Severity: Warning, Location: loc, Expected: known.Name, Actual: name,
					Message: fmt.Sprintf("%s“%s”现名为“%s”，表中为“%s”；已知科目表收的是 %d 年起的名称，本文件为 %d 年，可能是当年的名称，请对照当年科目表", kind.Label(), row.Code, known.Name, name, classification.NamesFrom, c.doc.Year)})
			case name != "" && !classification.SameName(name, known.Name):
				c.Add(Finding{Rule: "CODE-01", Severity: Error, Location: loc, Expected: known.Name, Actual: name,
					Message: fmt.Sprintf("%s“%s”的名称应为“%s”，表中为“%s”", kind.Label(), row.Code, known.Name, name)})
			}
		}
	}
}
