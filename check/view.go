package check

import (
	"fmt"
	"strings"
	"unicode"

	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/format"
	"yusuan/money"
)

// Doc holds one run's state.
type Doc struct {
	doc      *disclosure.Document
	cat      *classification.Catalogue
	format   *format.Format
	findings []Finding
	seen     map[string]bool
	tables   map[disclosure.TableKind]*View
	inline   map[disclosure.TableKind]*View // tables set in the narrative
	// unread are the kinds of the tables that could not be read reliably.
	unread map[disclosure.TableKind]bool
	// steps are the tables' printed precision, by their label: the last printed
	// place of their amounts (0.01 of the unit, or 1 for whole 元).
	steps map[string]money.Amount
	// computed once per run
	sents      []Sentence
	classNames map[string]bool
	funcNames  map[string]bool
	// itemNames are the catalogue's 款 and 项 names of a classification, each
	// with its first code, for rows printed without their code.
	itemNames map[classification.Kind]map[string]string
}

// View is a table laid out on a dense grid, with its columns found by key.
type View struct {
	T     *disclosure.Table
	Label string
	Unit  money.Unit
	keys  map[string]int
	heads []string
	// body[r][c] is the cell whose span covers row r, column c; origin tells whether
	// the cell starts there.
	body   [][]gridCell
	texts  [][]string // normalized text of body[r][c]
	ncols  int
	rowPos []disclosure.Pos
	// names are columns' texts as folded by a rule's own folding (NamesBy), by
	// the fold's name and the column's key.
	names map[string]*Names
	// step is the last place the table prints its amounts to (printedStep).
	step money.Amount
}

type gridCell struct {
	cell   *disclosure.Cell
	origin bool
}

func (c *Doc) index() {
	c.tables = map[disclosure.TableKind]*View{}
	c.inline = map[disclosure.TableKind]*View{}
	for _, t := range c.doc.Tables {
		if t == nil || t.Kind == "" || c.tables[t.Kind] != nil {
			continue
		}
		c.tables[t.Kind] = newView(t)
	}
	c.steps = map[string]money.Amount{}
	for _, v := range c.tables {
		c.steps[v.Label] = v.step
	}
	for _, p := range c.doc.Parts {
		for _, b := range p.Blocks {
			if b.Kind == disclosure.TableRef && b.Table != nil && b.Table.Kind != "" && c.inline[b.Table.Kind] == nil {
				c.inline[b.Table.Kind] = newView(b.Table)
			}
		}
	}
}

// printedStep is the last place a table prints its amounts to: a hundredth of
// its unit unless every amount it prints is whole (a table in whole 元), then one
// unit. Derived tables, whose cells print no text, have two decimals.
func printedStep(t *disclosure.Table, unit money.Unit) money.Amount {
	step := unit.Scale() / 100
	whole, printed := true, 0
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if c.Amount == nil || c.Printed == "" {
				continue
			}
			printed++
			if strings.Contains(c.Printed, ".") {
				whole = false
			}
		}
	}
	if printed > 0 && whole {
		return unit.Scale()
	}
	return step
}

func newView(t *disclosure.Table) *View {
	v := &View{T: t, Unit: t.Unit, keys: map[string]int{}, ncols: len(t.Columns)}
	if v.Unit == "" {
		v.Unit = money.UnitWan
	}
	v.Label = strings.TrimSpace(t.Label() + " " + t.Title)
	for i, col := range t.Columns {
		if col.Key != "" {
			v.keys[col.Key] = i
		}
	}
	v.heads = make([]string, v.ncols)
	for _, row := range disclosure.Grid(t.Header, v.ncols) {
		for _, p := range row {
			cs, _ := p.Span()
			for c := p.Col; c < p.Col+cs && c < v.ncols; c++ {
				text := strings.Join(strings.Fields(p.Text), "")
				if v.heads[c] == "" {
					v.heads[c] = text
				} else if text != "" && !strings.HasSuffix(v.heads[c], text) {
					v.heads[c] += "/" + text
				}
			}
		}
	}
	placed := disclosure.Grid(t.BodyCells(), v.ncols)
	v.body = make([][]gridCell, len(placed))
	for r := range v.body {
		v.body[r] = make([]gridCell, v.ncols)
	}
	for r, row := range placed {
		for i := range row {
			p := &row[i]
			cs, rs := p.Span()
			cell := p.Cell
			for dr := 0; dr < rs && r+dr < len(v.body); dr++ {
				for dc := 0; dc < cs && p.Col+dc < v.ncols; dc++ {
					v.body[r+dr][p.Col+dc] = gridCell{cell: &cell, origin: dr == 0 && dc == 0}
				}
			}
		}
	}
	v.texts = make([][]string, len(v.body))
	for r, row := range v.body {
		v.texts[r] = make([]string, v.ncols)
		for c, g := range row {
			if g.cell != nil {
				v.texts[r][c] = Normalize(g.cell.Text)
			}
		}
	}
	v.step = printedStep(t, v.Unit)
	v.rowPos = make([]disclosure.Pos, len(t.Rows))
	for i, r := range t.Rows {
		v.rowPos[i] = r.Pos
	}
	return v
}

// Amount returns the printed Amount of row r in column key, in 分 rounded to the
// table's unit as printed, and whether there is one. An empty Amount cell is zero.
func (v *View) Amount(r int, key string) (money.Amount, bool) {
	c, ok := v.keys[key]
	if !ok {
		return 0, false
	}
	return v.AmountIn(r, c)
}

// AmountIn is Amount by the column's index: a column whose header the vocabulary
// does not know has no key, but its amounts add up all the same.
func (v *View) AmountIn(r, c int) (money.Amount, bool) {
	if r < 0 || r >= len(v.body) || c < 0 || c >= v.ncols {
		return 0, false
	}
	g := v.body[r][c]
	if g.cell == nil || !g.origin {
		return 0, v.T.Columns[c].Kind == disclosure.AmountCol
	}
	if g.cell.Amount == nil {
		return 0, v.T.Columns[c].Kind == disclosure.AmountCol && strings.TrimSpace(g.cell.Text) == ""
	}
	return g.cell.Amount.Round(v.Unit.Scale() / 100), true
}

// raw is the text printed in row r, column key, as read (spaces kept).
func (v *View) raw(r int, key string) string {
	c, ok := v.keys[key]
	if !ok || r < 0 || r >= len(v.body) || v.body[r][c].cell == nil {
		return ""
	}
	return v.body[r][c].cell.Text
}

// printedAt is the amount in row r, column key as printed ("1,234.5"), or as the
// tables print two decimals when the reader kept no printed form.
func (v *View) printedAt(r int, key string) string {
	c, ok := v.keys[key]
	if !ok || r < 0 || r >= len(v.body) || v.body[r][c].cell == nil || v.body[r][c].cell.Amount == nil {
		return ""
	}
	if p := v.body[r][c].cell.Printed; p != "" {
		return p
	}
	return v.body[r][c].cell.Amount.Format(v.Unit)
}

// Text returns the Text in row r, column key (a spanning cell's Text counts).
func (v *View) Text(r int, key string) string {
	c, ok := v.keys[key]
	if !ok || r < 0 || r >= len(v.body) {
		return ""
	}
	return v.texts[r][c]
}

// RowName is the row's code and its name: the first text cells that are not amounts.
func (v *View) RowName(r int) string {
	if r < 0 || r >= len(v.T.Rows) {
		return ""
	}
	row := v.T.Rows[r]
	var parts []string
	for c := 0; c < v.ncols; c++ {
		g := v.body[r][c]
		if g.cell == nil || !g.origin || g.cell.Amount != nil || v.T.Columns[c].Kind == disclosure.AmountCol {
			continue
		}
		if s := v.texts[r][c]; s != "" { // Normalize(g.cell.Text)
			parts = append(parts, s)
		}
		if len(parts) == 2 || (len(parts) == 1 && row.Code == "") {
			break
		}
	}
	return strings.Join(parts, " ")
}

func (v *View) Head(key string) string {
	if c, ok := v.keys[key]; ok && v.heads[c] != "" {
		return v.heads[c]
	}
	// Codes printed in 类/款/项 columns are headed by the first of them.
	for j, col := range v.T.Columns {
		if key == "code" && col.Kind == disclosure.CodeCol && v.heads[j] != "" {
			return v.heads[j]
		}
	}
	// A reader never sees the key: a column without a header of its own is
	// named by what it holds, or not at all.
	return keyNames[key]
}

// keyNames name the columns of the keys rules ask for, for a column the table
// prints no header over.
var keyNames = map[string]string{
	"code": "科目编码", "name": "科目名称", "unit": "单位",
	"total": "合计", "basic": "基本支出", "personnel": "人员经费", "public": "公用经费",
	"income": "收入", "spending": "支出",
}

// AtColumn locates row r, column j.
func (v *View) AtColumn(r, j int) Location {
	l := v.AtNamed(r, "", "")
	if j >= 0 && j < v.ncols {
		l.Column = v.heads[j]
	}
	return l
}

// At locates row r, column key.
func (v *View) At(r int, key string) Location {
	return v.AtNamed(r, key, "")
}

// AtNamed locates row r, column key, naming the row by the text in column nameKey
// (for tables with two sides, like 收支总表).
func (v *View) AtNamed(r int, key, nameKey string) Location {
	l := Location{Table: v.Label, Row: v.RowName(r)}
	if nameKey != "" {
		l.Row = v.Text(r, nameKey)
	}
	if key != "" {
		l.Column = v.Head(key)
	}
	if r >= 0 && r < len(v.rowPos) {
		l.Page, l.Line = v.rowPos[r].Page, v.rowPos[r].Line
	}
	if l.Page == 0 && l.Line == 0 {
		l.Page, l.Line = v.T.Pos.Page, v.T.Pos.Line
	}
	return l
}

// Names is one column's texts, each folded by a rule's own folding (a project's
// name without its 通用项目 suffix, say), and the rows of each folded text.
type Names struct {
	// Text is the folded text of each row.
	Text []string
	rows map[string][]int
}

// Rows returns the rows whose folded text is s, in order.
func (n *Names) Rows(s string) []int { return n.rows[s] }

// NamesBy folds the text of column key in every row with fold, once per view: a rule
// that looks up many names in a table (every project of a long narrative) then
// compares each with the folded texts, or finds it in an index, rather than folding
// the whole column again for every name. foldName names fold, which must always be
// the same function for the same name.
func (v *View) NamesBy(foldName, key string, fold func(string) string) *Names {
	id := foldName + "\x00" + key
	if n := v.names[id]; n != nil {
		return n
	}
	n := &Names{Text: make([]string, len(v.body)), rows: map[string][]int{}}
	for r := range v.body {
		t := fold(v.Text(r, key))
		n.Text[r] = t
		n.rows[t] = append(n.rows[t], r)
	}
	if v.names == nil {
		v.names = map[string]*Names{}
	}
	v.names[id] = n
	return n
}

// FindRow returns the first row whose name cells, normalized, equal one of names.
func (v *View) FindRow(key string, names ...string) int {
	for r := range v.body {
		got := v.Text(r, key)
		for _, n := range names {
			if got == Normalize(n) {
				return r
			}
		}
	}
	return -1
}

// findNumberedRow is FindRow for names printed with or without their 一、 or 1.
// numbering (二十七、结转下年).
func (v *View) findNumberedRow(key string, names ...string) int {
	for r := range v.body {
		got := ordinal.ReplaceAllString(v.Text(r, key), "")
		for _, n := range names {
			if got == Normalize(n) {
				return r
			}
		}
	}
	return -1
}

// Normalize folds what published documents print differently: spaces, full- and
// half-width brackets, colons and commas.
func Normalize(s string) string {
	for _, r := range s {
		if unicode.IsSpace(r) || r == '(' || r == ')' || r == ':' || r == '"' {
			return normReplacer.Replace(strings.Join(strings.Fields(s), ""))
		}
	}
	return s // most texts: nothing to remove or replace
}

var normReplacer = strings.NewReplacer("(", "（", ")", "）", ":", "：", "\u3000", "", "“", "“", "\"", "“")

// Add records a finding once.
func (c *Doc) Add(f Finding) {
	key := f.Rule + "|" + f.Location.String() + "|" + f.Actual + "|" + f.Message
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	c.findings = append(c.findings, f)
}

// Balance compares a printed total with the sum of its printed parts. A difference
// within the rounding of n+1 printed cells is a tail (info); beyond that it is an
// error under rule.
func (c *Doc) Balance(rule string, loc Location, unit money.Unit, what string, total money.Amount, parts ...money.Amount) {
	c.balance(rule, loc, unit, what, c.step(loc, unit), total, len(parts), parts)
}

// BalanceOf is Balance for parts that are themselves sums of n rounded figures in
// all (a 决算's 类 rows, printed as the sum of their printed 项): the tail allowed
// is (n+1) half-units of the last printed digit, n at least the number of parts.
func (c *Doc) BalanceOf(rule string, loc Location, unit money.Unit, what string, total money.Amount, n int, parts ...money.Amount) {
	c.balance(rule, loc, unit, what, c.step(loc, unit), total, n, parts)
}

// BalanceAcross is Balance where the parts are printed in other tables (from, by
// label) than the total: every cell is allowed the rounding of the coarsest of
// them, a table in whole 元 added up against one in 万元 with two decimals.
func (c *Doc) BalanceAcross(rule string, loc Location, unit money.Unit, what string, from []string, total money.Amount, parts ...money.Amount) {
	step := c.step(loc, unit)
	for _, label := range from {
		if st, ok := c.steps[label]; ok {
			step = max(step, st)
		}
	}
	c.balance(rule, loc, unit, what, step, total, len(parts), parts)
}

func (c *Doc) balance(rule string, loc Location, unit money.Unit, what string, step, total money.Amount, n int, parts []money.Amount) {
	n = max(n, len(parts))
	var sum money.Amount
	for _, p := range parts {
		sum += p
	}
	diff := total - sum
	if diff == 0 {
		return
	}
	f := Finding{
		Rule:       rule,
		Severity:   Error,
		Location:   loc,
		Expected:   sum.Format(unit),
		Actual:     total.Format(unit),
		Difference: diff.Format(unit),
	}
	if withinTails(diff, n+1, step) {
		f.Rule, f.Severity = "TAIL-01", Info
		half := "0.005"
		if step >= unit.Scale() {
			half = "0.5" // a table printed in whole 元
		}
		f.Message = fmt.Sprintf("%s为 %s，各项相加为 %s，相差 %s，在四舍五入尾数误差范围内（%d 项，每项最多 %s%s）。"+
			"合计由未经四舍五入的金额算出，各项分别四舍五入后再相加会差几分：印刷的合计是正确的，不要为凑平而修改",
			what, total.Format(unit), sum.Format(unit), diff.Format(unit), n+1, half, unit)
	} else {
		f.Message = fmt.Sprintf("%s为 %s，但各项相加为 %s，相差 %s", what, total.Format(unit), sum.Format(unit), diff.Format(unit))
	}
	c.Add(f)
}

// step is the printed precision of the table a finding is in: one unit for a
// table printed in whole 元, else a hundredth of the unit.
func (c *Doc) step(loc Location, unit money.Unit) money.Amount {
	if st, ok := c.steps[loc.Table]; ok && st > unit.Scale()/100 {
		return st
	}
	return unit.Scale() / 100
}

// Equal compares two printed amounts that show the same figure. tails is how many
// separately rounded cells may lie between them (0: they must be identical); a
// difference within their rounding is a tail (info), beyond it an error under rule.
// from names the table want is printed in when it is not loc's: each figure is
// then taken at its own table's printed precision (a table in whole 元 against
// one in 万元 with two decimals), and the finer one rounded to the coarser's last
// place that prints the coarser one is the same figure.
func (c *Doc) Equal(rule string, loc Location, unit money.Unit, what string, want, got money.Amount, tails int, from ...string) {
	if want == got {
		return
	}
	step := c.step(loc, unit)
	if len(from) > 0 && from[0] != loc.Table {
		other, ok := c.steps[from[0]]
		if !ok {
			other = step
		}
		switch {
		case other > step && shows(want, other, got, step, 0):
			return // got, finer, rounds to want
		case step > other && shows(got, step, want, other, 0):
			return // want, finer, rounds to got
		}
		step = max(step, other)
	}
	diff := got - want
	f := Finding{Rule: rule, Severity: Error, Location: loc, Expected: want.Format(unit), Actual: got.Format(unit), Difference: diff.Format(unit)}
	if withinTails(diff, tails, step) {
		f.Rule, f.Severity = "TAIL-01", Info
		f.Message = fmt.Sprintf("%s为 %s，对应数为 %s，相差 %s，在四舍五入尾数误差范围内", what, got.Format(unit), want.Format(unit), diff.Format(unit))
	} else {
		f.Message = fmt.Sprintf("%s为 %s，应为 %s，相差 %s", what, got.Format(unit), want.Format(unit), diff.Format(unit))
	}
	c.Add(f)
}

// The part of a run that a jurisdiction's rule sets work with.

// Document returns the document being checked.
func (c *Doc) Document() *disclosure.Document { return c.doc }

// Table returns the view of the document's table of the kind, or nil.
func (c *Doc) Table(kind disclosure.TableKind) *View { return c.tables[kind] }

// Inline returns the view of the narrative's table of the kind, or nil.
func (c *Doc) Inline(kind disclosure.TableKind) *View { return c.inline[kind] }

// Len is the number of body rows.
func (v *View) Len() int { return len(v.body) }

// Has reports whether the table has a column of the key.
func (v *View) Has(key string) bool {
	_, ok := v.keys[key]
	return ok
}

// Printed reports whether row r prints an amount in column key, in a cell that
// starts there (not a blank, not a span from a row above).
func (v *View) Printed(r int, key string) bool {
	c, ok := v.keys[key]
	if !ok || r < 0 || r >= len(v.body) {
		return false
	}
	g := v.body[r][c]
	return g.cell != nil && g.origin && g.cell.Amount != nil
}

// Own returns the text of the cell that starts at row r in column key, and false
// where a cell from a row above spans over it or there is none.
func (v *View) Own(r int, key string) (string, bool) {
	c, ok := v.keys[key]
	if !ok || r < 0 || r >= len(v.body) {
		return "", false
	}
	g := v.body[r][c]
	if g.cell == nil || !g.origin {
		return "", false
	}
	return Normalize(g.cell.Text), true
}
