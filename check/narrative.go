package check

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"yusuan/classification"

	"yusuan/disclosure"
	"yusuan/money"
)

// Sentence is one Sentence of the narrative, normalized for matching, with its place.
type Sentence struct {
	Text string
	Part string
	Pos  disclosure.Pos
	// item is the text of the whole Block, for rules that read a list entry as one.
	Block string
}

// Stated is a figure the narrative states, with the change it states against last year.
type Stated struct {
	Value money.Amount // in 万元 hundredths as 分
	// Rounded is how many of the two decimals of 万元 the text leaves out: 2 for
	// a figure printed in whole 万元 (2,144万元), which is compared with the tables'
	// figure rounded alike. ChangeRounded is the same for Change.
	Rounded, ChangeRounded int
	HasChange              bool
	Flat                   bool // 持平
	Up                     bool
	Change                 money.Amount
	Verb                   string // 增加, 减少
	PctWord                string // 增长, 下降, 增幅, 减幅
	Pct                    float64
	PctDigits              int
	HasPct                 bool
}

var (
	AmountPattern = `(-?[0-9][0-9,]*(?:\.[0-9]+)?)万元`
	changeRe      = regexp.MustCompile(`^[，,]?(?:比|较)(\d{4})年[^，。；]*?(增加|减少|增长|下降)` + AmountPattern + `(?:[，,](增长|下降|增幅|减幅|增加|减少)(-?[0-9]+(?:\.[0-9]+)?)%)?`)
	flatRe        = regexp.MustCompile(`^[，,。]?(?:与|和|比)(\d{4})年[^，。；]*?持平`)
	NumberRe      = regexp.MustCompile(AmountPattern)
)

// ParseWan reads "6,762.91" as an amount in 万元.
func ParseWan(s string) (money.Amount, bool) {
	a, err := money.Parse(s, money.UnitWan)
	return a, err == nil
}

// ParseStatement reads "X万元" at the start of s and the change that follows it.
func ParseStatement(s string) (Stated, bool) {
	loc := NumberRe.FindStringSubmatchIndex(s)
	if loc == nil || loc[0] != 0 {
		return Stated{}, false
	}
	v, ok := ParseWan(s[loc[2]:loc[3]])
	if !ok {
		return Stated{}, false
	}
	st := Stated{Value: v, Rounded: rounded(s[loc[2]:loc[3]])}
	rest := s[loc[1]:]
	if m := changeRe.FindStringSubmatch(rest); m != nil {
		st.HasChange = true
		st.Verb = m[2]
		st.Up = m[2] == "增加" || m[2] == "增长"
		st.Change, _ = ParseWan(m[3])
		st.ChangeRounded = rounded(m[3])
		if m[4] != "" {
			st.HasPct = true
			st.PctWord = m[4]
			st.Pct, _ = strconv.ParseFloat(m[5], 64)
			if i := strings.IndexByte(m[5], '.'); i >= 0 {
				st.PctDigits = len(m[5]) - i - 1
			}
		}
	} else if flatRe.MatchString(rest) {
		st.HasChange, st.Flat = true, true
	}
	return st, true
}

// WithChange looks for the first stated change anywhere in rest.
func WithChange(st Stated, rest string) Stated {
	for i := range rest {
		if !strings.HasPrefix(rest[i:], "较") && !strings.HasPrefix(rest[i:], "比") && !strings.HasPrefix(rest[i:], "与") {
			continue
		}
		probe, ok := ParseStatement("0万元" + rest[i:])
		if ok && probe.HasChange {
			probe.Value = st.Value
			return probe
		}
	}
	return st
}

// After finds label in s and reads the statement that follows it.
func After(s, label string) (Stated, bool) {
	i := strings.Index(s, label)
	if i < 0 {
		return Stated{}, false
	}
	rest := s[i+len(label):]
	rest = strings.TrimLeft(rest, "为：:")
	return ParseStatement(rest)
}

// eachBlock calls fn with every paragraph, list item and note of the narrative,
// normalized, and the heading of its part.
func (c *Doc) eachBlock(fn func(heading string, pos disclosure.Pos, text string)) {
	for _, p := range c.doc.Parts {
		heading := p.Heading()
		for _, b := range p.Blocks {
			if b.Kind != disclosure.TableRef && b.Kind != disclosure.Heading {
				fn(heading, b.Pos, Normalize(b.Text))
			}
		}
	}
}

func (c *Doc) Sentences() []Sentence {
	if c.sents != nil {
		return c.sents
	}
	out := []Sentence{}
	c.eachBlock(func(heading string, pos disclosure.Pos, block string) {
		for _, s := range strings.SplitAfter(block, "。") {
			if s != "" {
				out = append(out, Sentence{Text: s, Part: heading, Pos: pos, Block: block})
			}
		}
	})
	c.sents = out
	return out
}

func (c *Doc) PartSentences(title string) []Sentence {
	var out []Sentence
	for _, s := range c.Sentences() {
		if strings.HasSuffix(s.Part, title) {
			out = append(out, s)
		}
	}
	return out
}

func (s Sentence) Loc() Location {
	return Location{Part: s.Part, Sentence: s.Text, Page: s.Pos.Page, Line: s.Pos.Line}
}

// Figure compares a stated Figure with the table's, then checks the stated change.
// last is last year's Figure when a table shows it.
func (c *Doc) Figure(s Sentence, what string, st Stated, want Ref, last *money.Amount) {
	wan := money.UnitWan
	// A figure printed in fewer decimals (whole 万元) shows the tables' figure if
	// it is that figure rounded alike.
	rounds := st.Rounded > 0 && shows(st.Value, place(st.Rounded), want.A, hundredth, want.Tails)
	if want.OK && !rounds && !shows(st.Value, hundredth, want.A, hundredth, 0) {
		diff := st.Value - want.A
		f := Finding{Rule: "TXT-01", Severity: Error, Location: s.Loc(),
			Expected: want.A.Format(wan), Actual: st.Value.Format(wan), Difference: diff.Format(wan),
			Message: fmt.Sprintf("文字中%s为 %s万元，%s为 %s万元", what, st.Value.Format(wan), want.Source, want.A.Format(wan))}
		switch {
		case want.Tails > 0 && withinTails(diff.Round(hundredth), want.Tails+1, hundredth):
			f.Rule, f.Severity = "TAIL-01", Info
			f.Message += fmt.Sprintf("（表中为 %d 个单元格之和），在四舍五入尾数误差范围内", want.Tails)
		case cuts(st.Value, place(st.Rounded), want.A):
			f.Rule, f.Severity = "TAIL-01", Info
			f.Message += "，是截尾而非四舍五入的结果"
		}
		c.Add(f)
	}
	this, tails := st.Value, 0
	if want.OK {
		this, tails = want.A, want.Tails // the table's figure; a wrong stated one is reported above
	}
	c.Change(s, what, this, tails, st, last)
}

// Change checks a stated Change: the amount against last year's figure when known,
// the wording against the direction, and the percentage against the amounts.
func (c *Doc) Change(s Sentence, what string, this money.Amount, thisTails int, st Stated, last *money.Amount) {
	if !st.HasChange {
		return
	}
	loc := s.Loc()
	wan := money.UnitWan
	if st.Flat {
		if last != nil && (this-*last).Hundredths(wan) != 0 {
			c.Add(Finding{Rule: "CHG-01", Severity: Error, Location: loc, Expected: (this - *last).Format(wan), Actual: "0.00",
				Message: fmt.Sprintf("文字称%s与上年持平，但本年 %s万元、上年 %s万元", what, this.Format(wan), last.Format(wan))})
		}
		return
	}
	signed := st.Change
	if !st.Up {
		signed = -signed
	}
	if last != nil {
		want := this - *last
		// Both figures are printed rounded (each perhaps a sum of several cells, as
		// last year's is when this year's is); a change stated from the exact figures
		// may differ by that rounding.
		halves := 2 * (1 + thisTails)
		if st.ChangeRounded > 0 {
			// A change printed in fewer decimals may be off by half its last place.
			halves += int(place(st.ChangeRounded) / hundredth)
		}
		if !withinTails(want.Round(hundredth)-signed.Round(hundredth), halves, hundredth) {
			c.Add(Finding{Rule: "CHG-01", Severity: Error, Location: loc, Expected: want.Format(wan), Actual: signed.Format(wan),
				Message: fmt.Sprintf("文字称%s%s %s万元，但本年 %s万元、上年 %s万元，实际变化 %s万元", what, st.Verb, st.Change.Format(wan), this.Format(wan), last.Format(wan), want.Format(wan))})
			return
		}
	}
	if st.Change == 0 {
		c.Add(Finding{Rule: "CHG-03", Severity: Info, Location: loc, Message: fmt.Sprintf("%s变化为零，宜表述为“持平”，文字写作“%s0万元”", what, st.Verb)})
		return
	}
	// Whatever last year was, it was not negative (compared as printed: this year's
	// figure rounded like the stated change).
	if prev := this.Round(wan.Scale()/100) - signed; last == nil && prev.Hundredths(wan) < 0 {
		c.Add(Finding{Rule: "CHG-01", Severity: Error, Location: loc, Actual: signed.Format(wan),
			Message: fmt.Sprintf("%s本年 %s万元，文字称%s %s万元，推得上年为 %s万元，不可能为负数", what, this.Format(wan), st.Verb, st.Change.Format(wan), prev.Format(wan))})
		return
	}
	if st.HasPct {
		upWord := st.PctWord == "增长" || st.PctWord == "增幅" || st.PctWord == "增加"
		if upWord != st.Up {
			c.Add(Finding{Rule: "CHG-03", Severity: Error, Location: loc,
				Message: fmt.Sprintf("%s的增减用词前后矛盾：先说“%s”，后说“%s”", what, st.Verb, st.PctWord)})
			return
		}
		prev := this - signed
		// Printed figures are rounded: last year may still have been positive.
		if prev+money.Wan/200*money.Amount(thisTails+2) <= 0 {
			c.Add(Finding{Rule: "CHG-02", Severity: Error, Location: loc, Actual: fmt.Sprintf("%g%%", st.Pct),
				Message: fmt.Sprintf("%s本年 %s万元、%s %s万元，推得上年为 %s万元，不能计算百分比", what, this.Format(wan), st.Verb, st.Change.Format(wan), prev.Format(wan))})
			return
		}
		if prev.Hundredths(wan) == 0 {
			c.Add(Finding{Rule: "CHG-02", Severity: Error, Location: loc, Actual: fmt.Sprintf("%g%%", st.Pct),
				Message: fmt.Sprintf("%s本年 %s万元、%s %s万元，推得上年为零，不能计算百分比", what, this.Format(wan), st.Verb, st.Change.Format(wan))})
			return
		}
		if prev <= 0 {
			return // within rounding of zero: too small a base to judge the percentage
		}
		// The printed amounts are rounded to 0.01万元 (this year's perhaps a sum of
		// several cells): allow every percentage that amounts within that rounding would
		// give, at the precision the text prints.
		halfCent := money.Wan / 200
		dz, dprev := halfCent, halfCent*money.Amount(thisTails+2)
		q, okQ := percentOf(int64(st.Change-dz), int64(st.Change+dz), int64(max(prev-dprev, 1)), int64(prev+dprev))
		// Pct holds a number the text prints with PctDigits decimals: written back
		// with them, it is the printed number exactly.
		pct, okPct := parsePercent(strconv.FormatFloat(st.Pct, 'f', st.PctDigits, 64))
		if okQ && okPct && !pct.fits(q) {
			c.Add(Finding{Rule: "CHG-02", Severity: Error, Location: loc,
				Expected: percentString(int64(st.Change), int64(prev), max(st.PctDigits, 1)) + "%", Actual: pct.String() + "%",
				Message: fmt.Sprintf("%s%s %s万元（上年 %s万元），应%s %s%%，文字为 %s%%", what, st.Verb, st.Change.Format(wan), prev.Format(wan), st.PctWord, percentString(int64(st.Change), int64(prev), 1), pct.String())})
		}
	}
}

// narrative runs the rules every narrative is checked by, then the rule sets of the
// jurisdiction whose format the document follows.
func (c *Doc) narrative() {
	c.vehicles()
	if c.format != nil {
		for _, name := range c.format.Rules {
			if rs := registered[name]; rs != nil {
				rs(c)
			}
		}
	}
	// Figures against the tables first: a sentence whose figure is wrong is
	// reported for that, not again for the change it states.
	c.statedFigures()
	c.sanGongFigures()
	c.partChanges()
	c.keyProjects()
	c.statedShares()
	c.itemStatements()
	c.statedChanges()
	c.listedParts()
	c.outdatedNames()
	c.namePaths()
	c.comparisonYears()
	c.repeatedBlocks()
}

// outdatedNames: the narrative of a year after a class was renamed does not call
// it by its former name (医疗卫生与计划生育支出 has been 卫生健康支出 since 2019),
// in its sentences nor in its headings (六、社会保障和就业（类）行政事业单位离退休（款）).
func (c *Doc) outdatedNames() {
	texts := c.Sentences()
	for _, p := range c.doc.Parts {
		for _, b := range p.Blocks {
			if b.Kind == disclosure.Heading {
				t := Normalize(b.Text)
				texts = append(texts, Sentence{Text: t, Part: p.Heading(), Pos: b.Pos, Block: t})
			}
		}
	}
	for _, rn := range classification.Renames() {
		if c.doc.Year < rn.From {
			continue
		}
		for _, s := range texts {
			if strings.Contains(s.Text, rn.Old) {
				c.Add(Finding{Rule: "CODE-04", Severity: Warning, Location: s.Loc(), Expected: rn.New, Actual: rn.Old,
					Message: fmt.Sprintf("“%s”%s称“%s”，文字中仍用旧称", rn.Old, rn.Since(), rn.New)})
			}
		}
	}
}

// RuleSet is a jurisdiction's rules on a document's narrative. Its profile
// registers it under a name, and the formats it applies to list that name
// (format.Format.Rules); check itself knows no jurisdiction.
type RuleSet func(*Doc)

var registered = map[string]RuleSet{}

// Register makes a rule set known under name. Profiles call it when they load.
func Register(name string, rs RuleSet) { registered[name] = rs }

// Ref is a figure the tables show, found by a lookup that may fail. tails counts the
// printed cells added up to make it (0 for one cell), for the rounding tolerance.
type Ref struct {
	A      money.Amount
	OK     bool
	Source string
	Tails  int
}

func (c *Doc) Cell(kind disclosure.TableKind, r int, key string) Ref {
	v := c.tables[kind]
	if v == nil || r < 0 {
		return Ref{}
	}
	a, ok := v.Amount(r, key)
	return Ref{a, ok, v.Label, 0}
}

func (c *Doc) SummaryRow(name, key string) Ref {
	v := c.tables[disclosure.SummaryTable]
	if v == nil {
		return Ref{}
	}
	item := "income_item"
	if key == "spending" {
		item = "spending_item"
	}
	return c.Cell(disclosure.SummaryTable, v.FindRow(item, name), key)
}

// BasicParts returns the printed 人员支出 (301), 对个人和家庭的补助 (303), 公用经费 and
// 项目支出 of the whole department, from 基本支出总表 or, when all money is 一般公共预算
// and that table is missing, from 一般公共预算 tables.
func (c *Doc) BasicParts() (personnel, family, public, project, total Ref) {
	// A code's department figure is the sum of its rows in every unit's section.
	codeSum := func(v *View, code, key string) Ref {
		r := Ref{OK: true, Source: v.Label}
		n := 0
		for i, row := range v.T.Rows {
			if row.Code == code {
				a, _ := v.Amount(i, key)
				r.A += a
				n++
			}
		}
		if n > 1 {
			r.Tails = n
		}
		return r
	}
	fromTable := func(v *View, key string) {
		personnel = codeSum(v, "301", key)
		family = codeSum(v, "303", key)
		all, ok := v.Amount(TopRow(v), key)
		// Three printed cells make it: the total, 301 and 303 (each perhaps a sum).
		public = Ref{all - personnel.A - family.A, ok, v.Label, max(personnel.Tails, 1) + max(family.Tails, 1) + 1}
		if HiddenSection(v, key) {
			personnel.OK, family.OK, public.OK = false, false, false
		}
	}
	if v := c.tables[disclosure.BasicTable]; v != nil && TopRow(v) >= 0 {
		fromTable(v, "total")
	} else if v := c.tables[disclosure.GPEconomicTable]; v != nil && TopRow(v) >= 0 && c.AllGeneralPublic() {
		fromTable(v, "basic")
	}
	for _, k := range []disclosure.TableKind{disclosure.SpendingTable, disclosure.GPFunctionalTable} {
		v := c.tables[k]
		if v == nil || TopRow(v) < 0 || (k == disclosure.GPFunctionalTable && !c.AllGeneralPublic()) {
			continue
		}
		project = c.Cell(k, TopRow(v), "project")
		total = c.Cell(k, TopRow(v), "total")
		break
	}
	return
}

// HiddenSection reports whether a multi-unit code table has a unit row with money but
// no code rows below it (classified units are shown only as one total), so that the
// codes do not add up to the department's figures.
func HiddenSection(v *View, key string) bool {
	rows := v.T.Rows
	for r, row := range rows {
		if row.Code != "" || r == 0 || (r+1 < len(rows) && rows[r+1].Code != "") {
			continue
		}
		if a, _ := v.Amount(r, key); a != 0 {
			return true
		}
	}
	return false
}

// AllGeneralPublic reports whether the 收支总表 shows 一般公共预算 as the only income.
func (c *Doc) AllGeneralPublic() bool {
	v := c.tables[disclosure.SummaryTable]
	if v == nil {
		return false
	}
	total := c.SummaryRow("收入总计", "income")
	gp := c.Cell(disclosure.SummaryTable, v.FindRow("income_item", "一般公共预算资金"), "income")
	return total.OK && gp.OK && total.A == gp.A
}

// TextSum: a total the narrative states equals the parts it lists.
func (c *Doc) TextSum(s Sentence, what string, total money.Amount, parts []money.Amount) {
	var sum money.Amount
	for _, p := range parts {
		sum += p
	}
	if shows(total, hundredth, sum, hundredth, 0) {
		return
	}
	diff := total - sum
	f := Finding{Rule: "TXT-02", Severity: Error, Location: s.Loc(), Expected: sum.Format(money.UnitWan), Actual: total.Format(money.UnitWan), Difference: diff.Format(money.UnitWan),
		Message: fmt.Sprintf("文字中%s为 %s万元，所列各项相加为 %s万元", what, total.Format(money.UnitWan), sum.Format(money.UnitWan))}
	if withinTails(diff.Round(hundredth), len(parts)+1, hundredth) {
		f.Rule, f.Severity = "TAIL-01", Info
		f.Message += "，在四舍五入尾数误差范围内"
	}
	c.Add(f)
}

var vehicleRe = regexp.MustCompile(`(?:共有|实有)车辆(\d+)辆，其中[：，]?([^；。]*)`)

var vehicleTypeRe = regexp.MustCompile(`(\d+)辆`)

// vehicles: the number of vehicles the text gives is the sum of its types.
func (c *Doc) vehicles() {
	for _, s := range c.Sentences() {
		m := vehicleRe.FindStringSubmatch(s.Text)
		if m == nil {
			continue
		}
		total, _ := strconv.Atoi(m[1])
		sum := 0
		for _, n := range vehicleTypeRe.FindAllStringSubmatch(m[2], -1) {
			k, _ := strconv.Atoi(n[1])
			sum += k
		}
		if sum != total {
			c.Add(Finding{Rule: "TXT-05", Severity: Error, Location: s.Loc(), Expected: strconv.Itoa(sum), Actual: strconv.Itoa(total),
				Message: fmt.Sprintf("文字称共有车辆 %d 辆，但各类车辆相加为 %d 辆", total, sum)})
		}
	}
}
