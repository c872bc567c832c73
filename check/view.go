package check

import (
	"fmt"
	"strings"

	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/money"
)

// checker holds one run's state.
type checker struct {
	doc      *disclosure.Document
	cat      *classification.Catalogue
	findings []Finding
	seen     map[string]bool
	tables   map[disclosure.TableKind]*tview
	inline   map[disclosure.TableKind]*tview // tables set in the narrative
	// computed once per run
	sents      []sentence
	classNames map[string]bool
}

// tview is a table laid out on a dense grid, with its columns found by key.
type tview struct {
	t     *disclosure.Table
	label string
	unit  money.Unit
	keys  map[string]int
	heads []string
	// body[r][c] is the cell whose span covers row r, column c; origin tells whether
	// the cell starts there.
	body   [][]gridCell
	texts  [][]string // normalized text of body[r][c]
	ncols  int
	rowPos []disclosure.Pos
}

type gridCell struct {
	cell   *disclosure.Cell
	origin bool
}

func (c *checker) index() {
	c.tables = map[disclosure.TableKind]*tview{}
	c.inline = map[disclosure.TableKind]*tview{}
	for _, t := range c.doc.Tables {
		if t == nil || t.Kind == "" || c.tables[t.Kind] != nil {
			continue
		}
		c.tables[t.Kind] = newView(t)
	}
	for _, p := range c.doc.Parts {
		for _, b := range p.Blocks {
			if b.Kind == disclosure.TableRef && b.Table != nil && b.Table.Kind != "" && c.inline[b.Table.Kind] == nil {
				c.inline[b.Table.Kind] = newView(b.Table)
			}
		}
	}
}

func newView(t *disclosure.Table) *tview {
	v := &tview{t: t, unit: t.Unit, keys: map[string]int{}, ncols: len(t.Columns)}
	if v.unit == "" {
		v.unit = money.UnitWan
	}
	v.label = strings.TrimSpace(t.Label() + " " + t.Title)
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
				v.texts[r][c] = normalize(g.cell.Text)
			}
		}
	}
	v.rowPos = make([]disclosure.Pos, len(t.Rows))
	for i, r := range t.Rows {
		v.rowPos[i] = r.Pos
	}
	return v
}

// amount returns the printed amount of row r in column key, in 分 rounded to the
// table's unit as printed, and whether there is one. An empty amount cell is zero.
func (v *tview) amount(r int, key string) (money.Amount, bool) {
	c, ok := v.keys[key]
	if !ok || r < 0 || r >= len(v.body) {
		return 0, false
	}
	g := v.body[r][c]
	if g.cell == nil || !g.origin {
		return 0, v.t.Columns[c].Kind == disclosure.AmountCol
	}
	if g.cell.Amount == nil {
		return 0, v.t.Columns[c].Kind == disclosure.AmountCol && strings.TrimSpace(g.cell.Text) == ""
	}
	return g.cell.Amount.Round(v.unit.Scale() / 100), true
}

// text returns the text in row r, column key (a spanning cell's text counts).
func (v *tview) text(r int, key string) string {
	c, ok := v.keys[key]
	if !ok || r < 0 || r >= len(v.body) {
		return ""
	}
	return v.texts[r][c]
}

// rowName is the row's code and its name: the first text cells that are not amounts.
func (v *tview) rowName(r int) string {
	if r < 0 || r >= len(v.t.Rows) {
		return ""
	}
	row := v.t.Rows[r]
	var parts []string
	for c := 0; c < v.ncols; c++ {
		g := v.body[r][c]
		if g.cell == nil || !g.origin || g.cell.Amount != nil || v.t.Columns[c].Kind == disclosure.AmountCol {
			continue
		}
		if s := normalize(g.cell.Text); s != "" {
			parts = append(parts, s)
		}
		if len(parts) == 2 || (len(parts) == 1 && row.Code == "") {
			break
		}
	}
	return strings.Join(parts, " ")
}

func (v *tview) head(key string) string {
	if c, ok := v.keys[key]; ok {
		return v.heads[c]
	}
	return key
}

// at locates row r, column key.
func (v *tview) at(r int, key string) Location {
	return v.atNamed(r, key, "")
}

// atNamed locates row r, column key, naming the row by the text in column nameKey
// (for tables with two sides, like 收支总表).
func (v *tview) atNamed(r int, key, nameKey string) Location {
	l := Location{Table: v.label, Row: v.rowName(r)}
	if nameKey != "" {
		l.Row = v.text(r, nameKey)
	}
	if key != "" {
		l.Column = v.head(key)
	}
	if r >= 0 && r < len(v.rowPos) {
		l.Page, l.Line = v.rowPos[r].Page, v.rowPos[r].Line
	}
	if l.Page == 0 && l.Line == 0 {
		l.Page, l.Line = v.t.Pos.Page, v.t.Pos.Line
	}
	return l
}

// findRow returns the first row at or after from whose name cells, normalized, equal
// one of names.
func (v *tview) findRow(key string, names ...string) int {
	for r := range v.body {
		got := v.text(r, key)
		for _, n := range names {
			if got == normalize(n) {
				return r
			}
		}
	}
	return -1
}

// normalize folds what published documents print differently: spaces, full- and
// half-width brackets, colons and commas.
func normalize(s string) string {
	s = strings.Join(strings.Fields(s), "")
	return normReplacer.Replace(s)
}

var normReplacer = strings.NewReplacer("(", "（", ")", "）", ":", "：", "\u3000", "", "“", "“", "\"", "“")

// add records a finding once.
func (c *checker) add(f Finding) {
	key := f.Rule + "|" + f.Location.String() + "|" + f.Actual + "|" + f.Message
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	c.findings = append(c.findings, f)
}

// balance compares a printed total with the sum of its printed parts. A difference
// within the rounding of n+1 printed cells is a tail (info); beyond that it is an
// error under rule.
func (c *checker) balance(rule string, loc Location, unit money.Unit, what string, total money.Amount, parts ...money.Amount) {
	var sum money.Amount
	for _, p := range parts {
		sum += p
	}
	diff := total - sum
	if diff == 0 {
		return
	}
	step := unit.Scale() / 100
	hundredths := int64(diff.Abs() / step)
	f := Finding{
		Rule:       rule,
		Severity:   Error,
		Location:   loc,
		Expected:   sum.Format(unit),
		Actual:     total.Format(unit),
		Difference: diff.Format(unit),
	}
	if hundredths*2 <= int64(len(parts)+1) {
		f.Rule, f.Severity = "TAIL-01", Info
		f.Message = fmt.Sprintf("%s为 %s，各项相加为 %s，相差 %s，在四舍五入尾数误差范围内（%d 项，每项最多 0.005%s）",
			what, total.Format(unit), sum.Format(unit), diff.Format(unit), len(parts)+1, unit)
	} else {
		f.Message = fmt.Sprintf("%s为 %s，但各项相加为 %s，相差 %s", what, total.Format(unit), sum.Format(unit), diff.Format(unit))
	}
	c.add(f)
}

// equal compares two printed amounts that show the same figure. tails is how many
// separately rounded cells may lie between them (0: they must be identical); a
// difference within their rounding is a tail (info), beyond it an error under rule.
func (c *checker) equal(rule string, loc Location, unit money.Unit, what string, want, got money.Amount, tails int) {
	if want == got {
		return
	}
	diff := got - want
	f := Finding{Rule: rule, Severity: Error, Location: loc, Expected: want.Format(unit), Actual: got.Format(unit), Difference: diff.Format(unit)}
	if int64(diff.Abs()/(unit.Scale()/100))*2 <= int64(tails) {
		f.Rule, f.Severity = "TAIL-01", Info
		f.Message = fmt.Sprintf("%s为 %s，对应数为 %s，相差 %s，在四舍五入尾数误差范围内", what, got.Format(unit), want.Format(unit), diff.Format(unit))
	} else {
		f.Message = fmt.Sprintf("%s为 %s，应为 %s，相差 %s", what, got.Format(unit), want.Format(unit), diff.Format(unit))
	}
	c.add(f)
}
