package check

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"yusuan/classification"
	"yusuan/disclosure"
)

// namePaths: the narrative names functional codes by their names, each marked
// with its level, the levels one after the other:
//
//	一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）123.45万元
//	一般公共服务支出（201类）信访事务（40款）信访业务（04项）
//	“一般公共服务支出-信访事务-信访业务”科目
//	行政运行（项）：指…（under a heading naming its 类 and 款）
//
// Each name must be a code of its level that the tables print, under the code the
// name before it names. A name the tables print at another level (信访事务（项）
// where 信访事务 is the 款 and its 项 is 信访业务), under another parent, or not at
// all, and a number (（40款）) that is not the named code's, is a warning (CODE-06):
// the sentence then speaks of no row of the tables. A former name (行政事业单位离退休
// since it became 行政事业单位养老支出) is CODE-04's.
func (c *Doc) namePaths() {
	if c.doc.Year == 0 {
		return
	}
	codes := c.functionalCodes()
	if len(codes.byCode) == 0 {
		return
	}
	for _, p := range c.doc.Parts {
		heading := p.Heading()
		var last *namePath // the part's last path that ends at a 款
		for _, u := range pathUnits(p.Blocks) {
			for _, np := range parsePaths(u.text) {
				if np.steps[0].level == 3 && last != nil && np.start == 0 {
					// 行政运行（项）：… under the heading naming its 类 and 款.
					np.steps = append(append([]pathStep(nil), last.steps...), np.steps...)
					np.inherited = len(last.steps)
				}
				s := Sentence{Text: sentenceSpan(u.text, np.start, np.end), Part: heading, Pos: u.pos, Block: u.text}
				c.judgePath(s, codes, np)
				if k := np.steps[len(np.steps)-1]; k.level == 2 {
					cp := np
					cp.steps = cp.steps[cp.inherited:]
					cp.inherited = 0
					last = &cp
				}
			}
		}
	}
}

// pathUnit is a text in which paths of names are read: a block, or a heading
// with the block after it when the heading breaks off within a name (四、一般公共
// 服务（类）政府办公厅（室）及相关机构 / 事务（款）：指…).
type pathUnit struct {
	text string
	pos  disclosure.Pos
}

func pathUnits(blocks []disclosure.Block) []pathUnit {
	var out []pathUnit
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if b.Kind == disclosure.TableRef {
			continue
		}
		text := Normalize(b.Text)
		if b.Kind == disclosure.Heading && i+1 < len(blocks) && blocks[i+1].Kind != disclosure.TableRef && blocks[i+1].Kind != disclosure.Heading {
			next := Normalize(blocks[i+1].Text)
			if m := levelMarkRe.FindStringIndex(next); m != nil && m[0] > 0 && nameStart(next, m[0]) == 0 && !strings.ContainsAny(lastRune(text), "，。；：:") {
				out = append(out, pathUnit{text: text + next, pos: b.Pos})
				i++
				continue
			}
		}
		out = append(out, pathUnit{text: text, pos: b.Pos})
	}
	return out
}

func lastRune(s string) string {
	_, n := utf8.DecodeLastRuneInString(s)
	return s[len(s)-n:]
}

// namePath is a path of names the narrative prints, from its 类 (or a lower level)
// down; start and end are its bytes in the block.
type namePath struct {
	steps      []pathStep
	start, end int
	// inherited counts the steps taken from the heading above.
	inherited int
}

// pathStep is one name of a path: its level (1 类, 2 款, 3 项), the name and the
// number printed in its mark (（201类）, （03款）), if any.
type pathStep struct {
	level  int
	name   string
	number string
}

var (
	// levelMarkRe is a name's level mark, with the code's digits it may print.
	levelMarkRe = regexp.MustCompile(`（([0-9]{0,7})(类|款|项)）`)
	// dashPathRe is a path written “类名-款名-项名”.
	dashPathRe = regexp.MustCompile(`“([^“”\-－—]{2,30})[-－—]([^“”\-－—]{2,30})[-－—]([^“”\-－—]{2,30})”`)
	// pathLeadRe is what may open a name but is not part of it: an item's
	// number, a stop, a word that introduces a list.
	pathLeadRe = regexp.MustCompile(`^(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|[0-9]+[.．、]|[.．、:：]|其中|主要是|主要包括|包括)+`)
)

// parsePaths finds the paths of names a block prints.
func parsePaths(text string) []namePath {
	var out []namePath
	var cur *namePath
	prevEnd := -1
	for _, m := range levelMarkRe.FindAllStringSubmatchIndex(text, -1) {
		level := map[string]int{"类": 1, "款": 2, "项": 3}[text[m[4]:m[5]]]
		start := nameStart(text, m[0])
		adjacent := cur != nil && prevEnd >= 0 && (start <= prevEnd || text[prevEnd:m[0]] == "支出" && cur.steps[len(cur.steps)-1].level == 1)
		if adjacent {
			start = max(start, prevEnd)
		}
		name := text[start:m[0]]
		if adjacent && strings.HasPrefix(name, "支出") && cur.steps[len(cur.steps)-1].level == 1 {
			name = strings.TrimPrefix(name, "支出") // 住房保障（类）支出住房改革支出（款）
		}
		if !adjacent {
			name = strings.TrimSpace(pathLeadRe.ReplaceAllString(name, ""))
		}
		step := pathStep{level: level, name: name, number: text[m[2]:m[3]]}
		if adjacent && level > cur.steps[len(cur.steps)-1].level {
			cur.steps = append(cur.steps, step)
			cur.end = m[1]
		} else {
			if cur != nil {
				out = append(out, *cur)
			}
			cur = &namePath{steps: []pathStep{step}, start: start, end: m[1]}
			if name == "" {
				cur = nil
			}
		}
		prevEnd = m[1]
	}
	if cur != nil {
		out = append(out, *cur)
	}
	for _, m := range dashPathRe.FindAllStringSubmatchIndex(text, -1) {
		var steps []pathStep
		for k := 1; k <= 3; k++ {
			steps = append(steps, pathStep{level: k, name: text[m[2*k]:m[2*k+1]]})
		}
		out = append(out, namePath{steps: steps, start: m[0], end: m[1]})
	}
	return out
}

// nameStart is where the name that ends at byte i begins: after the last stop,
// quotation mark, digit or space before it. A bracketed word inside a name
// (政府办公厅（室）及相关机构事务) is part of it; a level mark ends the name before.
func nameStart(text string, i int) int {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:j])
		if r == '）' {
			open := strings.LastIndex(text[:j], "（")
			if open < 0 || utf8.RuneCountInString(text[open:j]) > 8 || levelMarkRe.MatchString(text[open:j]) || strings.ContainsAny(text[open:j], "0123456789") {
				break
			}
			j = open
			continue
		}
		if strings.ContainsRune("，。；：“”、！？（）,;!? \t", r) || r >= '0' && r <= '9' {
			break
		}
		j -= n
	}
	return j
}

// funcCodes are the functional codes the document's tables print, with their names.
type funcCodes struct {
	byCode map[string]string
	order  []string
}

// functionalCodes collects the functional codes of every table that prints them.
func (c *Doc) functionalCodes() funcCodes {
	fc := funcCodes{byCode: map[string]string{}}
	for _, t := range c.doc.Tables {
		v := c.tables[t.Kind]
		if v == nil || v.T != t || !v.Has("name") {
			continue
		}
		for r, row := range t.Rows {
			if row.Code == "" || row.Code[0] != '2' || classification.LevelOf(row.Code) == 0 {
				continue
			}
			name := v.Text(r, "name")
			if _, ok := fc.byCode[row.Code]; ok || name == "" {
				continue
			}
			fc.byCode[row.Code] = name
			fc.order = append(fc.order, row.Code)
		}
	}
	return fc
}

// sameCodeName reports whether a name the narrative prints is a code's name: a
// 类 may leave out its 支出 (社会保障和就业（类）), and a former name counts for
// the code (CODE-04 reports it).
func sameCodeName(code, name, printed string) bool {
	a, b := classification.NormalizeName(name), classification.NormalizeName(printed)
	if a == b {
		return true
	}
	if len(code) == 3 && strings.TrimSuffix(a, "支出") == strings.TrimSuffix(b, "支出") {
		return true
	}
	if _, ok := classification.RenamedFrom(classification.Functional, code, printed); ok {
		return true
	}
	return false
}

// levelLen is the length of a code of a level.
func levelLen(level int) int { return [...]int{0, 3, 5, 7}[level] }

// levelWord is a level's name.
func levelWord(level int) string { return [...]string{"", "类", "款", "项"}[level] }

// judgePath reports the first name of a path that no code of the tables bears.
func (c *Doc) judgePath(s Sentence, codes funcCodes, np namePath) {
	var parents []string
	for i, st := range np.steps {
		var found []string
		for _, code := range codes.order {
			if len(code) != levelLen(st.level) || !sameCodeName(code, codes.byCode[code], st.name) {
				continue
			}
			if parents != nil && !contains(parents, classification.ParentOf(code)) && !contains(parents, code[:3]) {
				continue
			}
			found = append(found, code)
		}
		if len(found) == 0 && parents != nil {
			found = abbreviated(codes, parents, st)
		}
		if len(found) == 0 {
			if i < np.inherited {
				// The heading's own path is judged where it is printed; the
				// names below it are judged alone.
				own := np
				own.steps, own.inherited = np.steps[np.inherited:], 0
				c.judgePath(s, codes, own)
				return
			}
			c.pathMiss(s, codes, np, i, parents)
			return
		}
		if st.number != "" {
			if want := pathNumber(np, i); want != "" && !contains(found, want) {
				c.Add(Finding{Rule: "CODE-06", Severity: Warning, Location: s.Loc(), Expected: found[0], Actual: want,
					Message: fmt.Sprintf("文字中“%s（%s%s）”的编号与名称不符：表中“%s”的编码为 %s，按所印编号应为 %s", st.name, st.number, levelWord(st.level), st.name, found[0], want)})
				return
			}
		}
		parents = found
	}
}

// abbreviated finds the one code of a step's level under parents whose name the
// step's name shortens, its characters in order (机关事业单位职业年金 for
// 机关事业单位职业年金缴费支出, 机关事业单位基本养老保险费 for …保险缴费支出).
func abbreviated(codes funcCodes, parents []string, st pathStep) []string {
	short := []rune(classification.NormalizeName(st.name))
	var found []string
	for _, code := range codes.order {
		if len(code) != levelLen(st.level) || !contains(parents, classification.ParentOf(code)) {
			continue
		}
		long := []rune(classification.NormalizeName(codes.byCode[code]))
		if len(short) < 4 || 2*len(short) < len(long) || short[0] != long[0] {
			continue
		}
		k := 0
		for _, r := range long {
			if k < len(short) && r == short[k] {
				k++
			}
		}
		if k == len(short) {
			found = append(found, code)
		}
	}
	if len(found) != 1 {
		return nil
	}
	return found
}

// pathNumber is the code that the numbers printed in a path's marks give its
// i-th name (201 类, 03 款 → 20103), or "" when they do not give it whole.
func pathNumber(np namePath, i int) string {
	code := ""
	for _, st := range np.steps[:i+1] {
		n := st.number
		switch {
		case len(n) == levelLen(st.level):
			code = n
		case code != "" && len(code) == levelLen(st.level-1) && len(n) == 2:
			code += n
		case code != "" && len(code) == levelLen(st.level-1) && len(n) == 1 && st.level > 1:
			code += "0" + n
		default:
			code = ""
		}
	}
	if len(code) != levelLen(np.steps[i].level) {
		return ""
	}
	return code
}

// pathMiss reports the i-th name of a path, which no code of the tables bears
// under the codes the names before it name (parents, nil for the first).
func (c *Doc) pathMiss(s Sentence, codes funcCodes, np namePath, i int, parents []string) {
	st := np.steps[i]
	what := pathText(np, i)
	// The name of a code of another level.
	for _, code := range codes.order {
		if len(code) != levelLen(st.level) && sameCodeName(code, codes.byCode[code], st.name) {
			level := classification.LevelOf(code)
			c.Add(Finding{Rule: "CODE-06", Severity: Warning, Location: s.Loc(), Expected: c.childrenText(codes, parents, st.level), Actual: st.name,
				Message: fmt.Sprintf("文字中“%s”：“%s”在表中是%s（%s），不是%s%s", what, st.name, levelWord(level), code, levelWord(st.level), c.childrenNote(codes, parents, st.level))})
			return
		}
	}
	// The name of a code of its level under another parent.
	for _, code := range codes.order {
		if len(code) == levelLen(st.level) && sameCodeName(code, codes.byCode[code], st.name) {
			parent := classification.ParentOf(code)
			c.Add(Finding{Rule: "CODE-06", Severity: Warning, Location: s.Loc(), Expected: parent, Actual: st.name,
				Message: fmt.Sprintf("文字中“%s”：表中“%s”（%s）属于 %s %s，不属于文字所说的“%s”", what, st.name, code, parent, codes.byCode[parent], np.steps[i-1].name)})
			return
		}
	}
	// A name the tables do not print: certain only where the name before it
	// bounds it, or it is a code the catalogue knows.
	known := ""
	for _, code := range c.cat.Codes(classification.Functional) {
		if code.Level() == st.level && sameCodeName(code.Code, code.Name, st.name) && (parents == nil || contains(parents, code.Parent)) {
			known = code.Code
			break
		}
	}
	if i == 0 && known == "" {
		return
	}
	msg := fmt.Sprintf("文字中“%s”：表中没有名为“%s”的%s", what, st.name, levelWord(st.level))
	if known != "" {
		msg = fmt.Sprintf("文字中“%s”：“%s”是%s %s，表中没有这一科目", what, st.name, levelWord(st.level), known)
	}
	c.Add(Finding{Rule: "CODE-06", Severity: Warning, Location: s.Loc(), Expected: c.childrenText(codes, parents, st.level), Actual: st.name,
		Message: msg + c.childrenNote(codes, parents, st.level)})
}

// pathText prints a path's names down to its i-th, each with its mark.
func pathText(np namePath, i int) string {
	var b strings.Builder
	for _, st := range np.steps[:i+1] {
		fmt.Fprintf(&b, "%s（%s%s）", st.name, st.number, levelWord(st.level))
	}
	return b.String()
}

// childrenText lists the codes of a level under parents that the tables print.
func (c *Doc) childrenText(codes funcCodes, parents []string, level int) string {
	var names []string
	for _, code := range codes.order {
		if len(code) == levelLen(level) && (parents == nil || contains(parents, classification.ParentOf(code))) {
			names = append(names, code+" "+codes.byCode[code])
		}
	}
	if parents == nil || len(names) > 8 {
		return ""
	}
	return strings.Join(names, "、")
}

// childrenNote says which codes of the level the tables print under the parent.
func (c *Doc) childrenNote(codes funcCodes, parents []string, level int) string {
	if t := c.childrenText(codes, parents, level); t != "" {
		return fmt.Sprintf("；表中 %s %s下的%s为：%s", parents[0], codes.byCode[parents[0]], levelWord(level), t)
	}
	return ""
}
