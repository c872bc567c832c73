package check

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"yusuan/disclosure"
	"yusuan/format"
	"yusuan/money"
)

// statedFigures: a figure the narrative states under a name the family's
// documents share (收支总预算, 财政拨款收支总预算, 收入预算, 支出预算, a 类 of
// spending: “住房保障支出”科目57万元) is a figure the tables print under that name.
// The names and the table cells they may stand for are data: the family's
// description and the document's own format list them (format.Figure). A figure
// is wrong only when it shows none of the cells it may stand for, as printed (a
// whole-万元 figure shows its cell rounded); where the tables print none, nothing
// is said. A figure of another year (2025年收入预算…) is not this year's.
func (c *Doc) statedFigures() {
	figs := c.figures()
	classes := c.classStatements()
	if len(figs) == 0 && len(classes) == 0 {
		return
	}
	c.eachBlock(func(heading string, pos disclosure.Pos, text string) {
		for _, f := range append(figs, classes...) {
			for _, m := range f.re.FindAllStringSubmatchIndex(text, -1) {
				// 收入支出总计减少56.95万元 states a change, not the figure; in a 决算,
				// 支出年初预算为2993.92万元 states the budget, not the figure.
				if c.otherYear(text, m[0]) || preceded(text[:m[0]], f.unless) || gluedNumber(text, m[2]) || changeWordRe.MatchString(text[m[0]:m[2]]) ||
					c.final() && budgetWordRe.MatchString(text[m[0]:m[2]]) {
					continue
				}
				s := Sentence{Text: sentenceSpan(text, m[0], m[1]), Part: heading, Pos: pos, Block: text}
				c.statedFigure(s, f, text[m[2]:m[3]])
			}
		}
	})
}

// budgetWordRe is what a 决算 prints before a budget figure it compares its own with.
var budgetWordRe = regexp.MustCompile(`预算数?为|年初预算|调整预算|全年预算`)

// figure is a name a narrative states a figure under and the cells it may be.
type figure struct {
	what   string
	re     *regexp.Regexp
	unless []string
	cells  func() []Ref
}

var figureAmount = `[^0-9，。；：%]{0,6}?([0-9][0-9,]*(?:\.[0-9]+)?)万元`

// figures are the family's named figures and the document's format's.
func (c *Doc) figures() []figure {
	var specs []format.Figure
	if c.format != nil {
		specs = append(specs, c.format.Figures...)
	}
	if g := format.GenericFor(c.doc.Kind); c.format == nil || c.format.ID != g.ID {
		specs = append(specs, g.Figures...)
	}
	var out []figure
	for _, spec := range specs {
		re, err := regexp.Compile(`(?:` + strings.Join(spec.Says, "|") + `)` + figureAmount)
		if err != nil {
			continue // format.Parse compiled it already
		}
		spec := spec
		out = append(out, figure{what: spec.Name, re: re, unless: spec.Unless, cells: func() []Ref { return c.figureCells(spec) }})
	}
	return out
}

// figureCells are the cells a named figure may stand for.
func (c *Doc) figureCells(spec format.Figure) []Ref {
	var out []Ref
	for _, at := range spec.Cells {
		v := c.tables[at.Table]
		if v == nil {
			continue
		}
		if at.EmptyZero && emptyView(v) {
			out = append(out, Ref{A: 0, OK: true, Source: v.Label})
			continue
		}
		var rows []int
		if at.Row == "" {
			rows = []int{TopRow(v)}
		} else {
			for r := range v.body {
				for c := 0; c < v.ncols; c++ {
					if v.T.Columns[c].Kind != disclosure.AmountCol && Normalize(v.texts[r][c]) == Normalize(at.Row) {
						rows = append(rows, r)
						break
					}
				}
			}
		}
		for _, r := range rows {
			if a, ok := v.Amount(r, at.Column); ok && r >= 0 && v.Printed(r, at.Column) {
				out = append(out, Ref{A: a, OK: true, Source: v.Label})
			}
		}
	}
	return out
}

// emptyView reports whether a table prints no data: no coded row, no amount but
// zero and no row of classified units (涉密) that may hide some.
func emptyView(v *View) bool {
	if HasCodes(v.T) {
		return false
	}
	for r := range v.body {
		for _, k := range v.AmountKeys() {
			if a, _ := v.Amount(r, k); a != 0 {
				return false
			}
		}
		for _, text := range v.texts[r] {
			if strings.Contains(text, "涉密") || strings.Contains(text, "不予公开") {
				return false
			}
		}
	}
	return true
}

// classStatements are the classes of spending the document's tables print, each
// stated as “住房保障支出”科目57万元 or 住房保障（类）支出3894.09万元.
func (c *Doc) classStatements() []figure {
	seen := map[string]bool{}
	var out []figure
	for _, kind := range []disclosure.TableKind{disclosure.SpendingTable, disclosure.GPFunctionalTable, disclosure.FiscalFunctionalTable} {
		v := c.tables[kind]
		if v == nil || !v.Has("name") {
			continue
		}
		for r, row := range v.T.Rows {
			if len(row.Code) != 3 {
				continue
			}
			name := Normalize(v.Text(r, "name"))
			if name == "" || seen[name] || !strings.HasSuffix(name, "支出") {
				continue
			}
			seen[name] = true
			stem := regexp.QuoteMeta(strings.TrimSuffix(name, "支出"))
			re := regexp.MustCompile(`(?:“` + stem + `支出”科目|` + stem + `（类）支出|` + stem + `支出（类）)` + figureAmount)
			code := row.Code
			out = append(out, figure{what: "“" + name + "”", re: re, cells: func() []Ref { return c.classCells(code) }})
		}
	}
	return out
}

// classCells are a class's totals in the tables that print it by code.
func (c *Doc) classCells(code string) []Ref {
	var out []Ref
	for _, kind := range []disclosure.TableKind{disclosure.SpendingTable, disclosure.GPFunctionalTable, disclosure.FiscalFunctionalTable} {
		v := c.tables[kind]
		if v == nil {
			continue
		}
		for r, row := range v.T.Rows {
			if row.Code == code {
				if a, ok := v.Amount(r, "total"); ok && v.Printed(r, "total") {
					out = append(out, Ref{A: a, OK: true, Source: v.Label})
				}
			}
		}
	}
	return out
}

// otherYear reports whether the clause before byte i names a year other than
// the document's (2025年收入预算…, 上年…).
func (c *Doc) otherYear(text string, i int) bool {
	start := strings.LastIndexAny(text[:i], "，。；：")
	clause := text[start+1 : i]
	if strings.Contains(clause, "上年") || strings.Contains(clause, "去年") {
		return true
	}
	for _, m := range clauseYearRe.FindAllStringSubmatch(clause, -1) {
		if y, _ := strconv.Atoi(m[1]); y != c.doc.Year {
			return true
		}
	}
	return false
}

// preceded reports whether before ends with one of words.
func preceded(before string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return false
}

var clauseYearRe = regexp.MustCompile(`((?:19|20)[0-9]{2})年`)

func (c *Doc) statedFigure(s Sentence, f figure, num string) {
	c.judgeFigure(s, f.what, num, f.cells)
}

// judgeFigure reports a figure a sentence states as num under the name what when
// it shows none of the cells it may stand for, as printed; cut rather than rounded
// from one of them, it is a remark. A sentence already found wanting is left alone.
func (c *Doc) judgeFigure(s Sentence, what, num string, cellsOf func() []Ref) {
	loc := s.Loc()
	for _, g := range c.findings {
		if g.Location.Sentence == loc.Sentence && g.Severity == Error && (g.Rule == "TXT-01" || strings.HasPrefix(g.Rule, "CHG")) {
			return
		}
	}
	stated, err := money.Parse(num, money.UnitWan)
	if err != nil {
		return
	}
	cells := cellsOf()
	if len(cells) == 0 {
		return
	}
	r := rounded(num)
	for _, cell := range cells {
		if shows(stated, place(r), cell.A, hundredth, 0) {
			return
		}
	}
	want := cells[0]
	wan := money.UnitWan
	fd := Finding{Rule: "TXT-01", Severity: Error, Location: loc,
		Expected: want.A.Format(wan), Actual: num, Difference: (stated - want.A).Format(wan),
		Message: fmt.Sprintf("文字中%s为 %s万元，%s为 %s万元", what, num, want.Source, want.A.Format(wan))}
	for _, cell := range cells {
		if cuts(stated, place(r), cell.A) {
			fd.Rule, fd.Severity = "TAIL-01", Info
			fd.Message = fmt.Sprintf("文字中%s为 %s万元，%s为 %s万元，是截尾而非四舍五入的结果", what, num, cell.Source, cell.A.Format(wan))
		}
	}
	c.Add(fd)
}
