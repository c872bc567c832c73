package reader

import (
	"regexp"
	"strings"

	"yusuan/disclosure"
	"yusuan/format"
)

// The narrative of a workbook: yusuan's 文字部分 sheet, or a template's sheet per
// part, numbered and titled as the template's 目录 lists them.

// readNarrative reads the 文字部分 sheet: a part heading per 第N部分 row, then one
// block per row, told apart by the styles yusuan writes them in; a run of bordered rows
// is a table set in the narrative.
func (x *xlsxReader) readNarrative(s *wsheet, f *format.Format, year int) ([]disclosure.Part, error) {
	var parts []disclosure.Part
	var cur *disclosure.Part
	for r := 0; r < len(s.rows); r++ {
		text := tidy(s.at(r, 0))
		if s.blank(r) || cur == nil && !partRe.MatchString(squeeze(text)) {
			continue
		}
		st := x.style(s.name, r, 0)
		if bordered(st) {
			end := r
			for end < len(s.rows) && bordered(x.style(s.name, end, 0)) {
				end++
			}
			t, err := x.narrativeTable(s, f, year, r, end)
			if err != nil {
				return nil, err
			}
			cur.Blocks = append(cur.Blocks, disclosure.Block{Kind: disclosure.TableRef, Table: t, Pos: t.Pos})
			r = end - 1
			continue
		}
		if m := partRe.FindStringSubmatch(squeeze(text)); m != nil {
			parts = append(parts, disclosure.Part{Number: chineseNumber(m[1]), Title: m[2]})
			cur = &parts[len(parts)-1]
			continue
		}
		kind := guessBlockKind(text)
		if st != nil && st.Font != nil && st.Alignment != nil {
			switch {
			case st.Font.Bold:
				kind = disclosure.Heading
			case st.Font.Size > 0 && st.Font.Size < 11:
				kind = disclosure.Note
			case st.Alignment.Indent > 0:
				kind = disclosure.ListItem
			default:
				kind = disclosure.Paragraph
			}
		}
		// A heading that names one of the format's parts opens it, as in a PDF
		// (一、收入支出决算总体情况说明 under 第三部分).
		if kind == disclosure.Heading && !f.Generic {
			if c := squeeze(text); !sentenceEnd.MatchString(c) && !strings.ContainsAny(c, "，：") && f.MatchPart(c) != nil {
				parts = append(parts, disclosure.Part{Number: len(parts) + 1, Title: ordinalPrefix.ReplaceAllString(c, "")})
				cur = &parts[len(parts)-1]
				continue
			}
		}
		cur.Blocks = append(cur.Blocks, disclosure.Block{Kind: kind, Text: text, Pos: disclosure.Pos{Line: r + 1}})
	}
	return parts, nil
}

// guessBlockKind guesses a block's kind from its text, for workbooks without yusuan's styles.
func guessBlockKind(text string) disclosure.BlockKind {
	switch {
	case headingRe.MatchString(text) && !strings.ContainsAny(text, "。：:") && len([]rune(text)) < 40:
		return disclosure.Heading
	case listItemRe.MatchString(text):
		return disclosure.ListItem
	case strings.HasPrefix(text, "备注") || strings.HasPrefix(text, "注："):
		return disclosure.Note
	}
	return disclosure.Paragraph
}

// narrativeTable reads the rows [from, to) of the narrative sheet as a table: its
// filled rows are the header (at least the first row), and the table is the format's
// inline table whose header it prints, if any.
func (x *xlsxReader) narrativeTable(s *wsheet, f *format.Format, year, from, to int) (*disclosure.Table, error) {
	width := 0
	for r := from; r < to; r++ {
		for c := range s.rows[r] {
			if tidy(s.rows[r][c]) != "" || bordered(x.style(s.name, r, c)) {
				width = max(width, c+1)
			}
		}
	}
	split := from
	for split < to && x.headStyled(s.name, split) {
		split++
	}
	if split == from {
		split = min(from+1, to)
	}
	t := &disclosure.Table{Unit: f.NarrativeUnit, Pos: disclosure.Pos{Line: from + 1}}
	spec := inlineSpec(f, format.Fold(strings.Join(s.rows[from], "")))
	if spec != nil {
		t.Kind, t.Unit = spec.Kind, spec.Unit
	}
	if err := x.grid(s, t, spec, rowRange(from, split), rowRange(split, to), width, year); err != nil {
		return nil, err
	}
	return t, nil
}

// inlineSpec returns the inline table of f, or else of the family, whose header
// begins with a line's folded text.
func inlineSpec(f *format.Format, line string) *format.Table {
	for _, g := range []*format.Format{f, format.Generic()} {
		for i := range g.Tables {
			if t := &g.Tables[i]; t.Inline && t.StartsAt(line) {
				return t
			}
		}
	}
	return nil
}

// contents reads a template's 目录 sheet: its entries without leaders and page
// numbers.
func (b *book) contents() []string {
	for _, s := range b.sheets {
		if !isContents(squeeze(s.title)) {
			continue
		}
		var out []string
		for r := s.tRow + 1; r < len(s.rows); r++ {
			for _, v := range s.rows[r] {
				if e := strings.TrimSpace(leadersRe.ReplaceAllString(v, "")); e != "" {
					out = append(out, e)
				}
			}
		}
		return out
	}
	return nil
}

var contentsPartRe = regexp.MustCompile(`^([一二三四五六七八九十]+)、\s*(.+)$`)

// templateParts reads the sheets of a template's parts: those, other than the
// tables', whose title names a part of f. A part is numbered and titled as the 目录
// lists it (四、部门预算编制说明); one the 目录 does not list keeps its printed title.
// Each line of text below the title is a block.
func (b *book) templateParts(f *format.Format, tables []*disclosure.Table, contents []string) []disclosure.Part {
	isTable := map[string]bool{}
	for _, t := range tables {
		isTable[t.Sheet] = true
	}
	var sheets []*wsheet
	shared := map[*format.Part]int{}
	for _, s := range b.sheets {
		if fp := f.MatchPart(s.title); !isTable[s.name] && s.title != "" && fp != nil {
			sheets = append(sheets, s)
			shared[fp]++
		}
	}
	var parts []disclosure.Part
	for _, s := range sheets {
		fp := f.MatchPart(s.title)
		p := disclosure.Part{Number: len(parts) + 1, Title: tidy(s.title), Plain: true}
		for _, e := range contents {
			if m := contentsPartRe.FindStringSubmatch(e); m != nil && f.MatchPart(m[2]) == fp {
				p.Number = chineseNumber(m[1])
				// Several sheets under one entry (a 项目经费情况说明 per project) keep
				// the titles that tell them apart.
				if shared[fp] == 1 {
					p.Title, p.Plain = strings.TrimSpace(m[2]), false
				}
				break
			}
		}
		for r := s.tRow + 1; r < len(s.rows); r++ {
			for _, v := range s.rows[r] {
				for _, line := range strings.Split(v, "\n") {
					if line = tidy(line); line != "" {
						p.Blocks = append(p.Blocks, disclosure.Block{Kind: guessBlockKind(line), Text: line, Pos: disclosure.Pos{Line: r + 1}})
					}
				}
			}
		}
		parts = append(parts, p)
	}
	return parts
}
