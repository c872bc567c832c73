package check

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"yusuan/disclosure"
	"yusuan/money"
)

// sentence is one sentence of the narrative, normalized for matching, with its place.
type sentence struct {
	text string
	part string
	pos  disclosure.Pos
	// item is the text of the whole block, for rules that read a list entry as one.
	block string
}

// stated is a figure the narrative states, with the change it states against last year.
type stated struct {
	value     money.Amount // in 万元 hundredths as 分
	hasChange bool
	flat      bool // 持平
	up        bool
	change    money.Amount
	verb      string // 增加, 减少
	pctWord   string // 增长, 下降, 增幅, 减幅
	pct       float64
	pctDigits int
	hasPct    bool
}

var (
	amountRe = `(-?[0-9][0-9,]*(?:\.[0-9]+)?)万元`
	changeRe = regexp.MustCompile(`^[，,]?(?:比|较)(\d{4})年[^，。；]*?(增加|减少|增长|下降)` + amountRe + `(?:[，,](增长|下降|增幅|减幅|增加|减少)(-?[0-9]+(?:\.[0-9]+)?)%)?`)
	flatRe   = regexp.MustCompile(`^[，,。]?(?:与|和|比)(\d{4})年[^，。；]*?持平`)
	numRe    = regexp.MustCompile(amountRe)
)

// parseWan reads "6,762.91" as an amount in 万元.
func parseWan(s string) (money.Amount, bool) {
	a, err := money.Parse(s, money.UnitWan)
	return a, err == nil
}

// statement reads "X万元" at the start of s and the change that follows it.
func statement(s string) (stated, bool) {
	loc := numRe.FindStringSubmatchIndex(s)
	if loc == nil || loc[0] != 0 {
		return stated{}, false
	}
	v, ok := parseWan(s[loc[2]:loc[3]])
	if !ok {
		return stated{}, false
	}
	st := stated{value: v}
	rest := s[loc[1]:]
	if m := changeRe.FindStringSubmatch(rest); m != nil {
		st.hasChange = true
		st.verb = m[2]
		st.up = m[2] == "增加" || m[2] == "增长"
		st.change, _ = parseWan(m[3])
		if m[4] != "" {
			st.hasPct = true
			st.pctWord = m[4]
			st.pct, _ = strconv.ParseFloat(m[5], 64)
			if i := strings.IndexByte(m[5], '.'); i >= 0 {
				st.pctDigits = len(m[5]) - i - 1
			}
		}
	} else if flatRe.MatchString(rest) {
		st.hasChange, st.flat = true, true
	}
	return st, true
}

// withChange looks for the first stated change anywhere in rest.
func withChange(st stated, rest string) stated {
	for i := range rest {
		if !strings.HasPrefix(rest[i:], "较") && !strings.HasPrefix(rest[i:], "比") && !strings.HasPrefix(rest[i:], "与") {
			continue
		}
		probe, ok := statement("0万元" + rest[i:])
		if ok && probe.hasChange {
			probe.value = st.value
			return probe
		}
	}
	return st
}

// after finds label in s and reads the statement that follows it.
func after(s, label string) (stated, bool) {
	i := strings.Index(s, label)
	if i < 0 {
		return stated{}, false
	}
	rest := s[i+len(label):]
	rest = strings.TrimLeft(rest, "为：:")
	return statement(rest)
}

func (c *checker) sentences() []sentence {
	if c.sents != nil {
		return c.sents
	}
	out := []sentence{}
	for _, p := range c.doc.Parts {
		heading := p.Heading()
		for _, b := range p.Blocks {
			if b.Kind == disclosure.TableRef || b.Kind == disclosure.Heading {
				continue
			}
			block := normalize(b.Text)
			for _, s := range strings.SplitAfter(block, "。") {
				if s == "" {
					continue
				}
				out = append(out, sentence{text: s, part: heading, pos: b.Pos, block: block})
			}
		}
	}
	c.sents = out
	return out
}

func (c *checker) partSentences(title string) []sentence {
	var out []sentence
	for _, s := range c.sentences() {
		if strings.HasSuffix(s.part, title) {
			out = append(out, s)
		}
	}
	return out
}

func (s sentence) loc() Location {
	return Location{Part: s.part, Sentence: s.text, Page: s.pos.Page, Line: s.pos.Line}
}

// figure compares a stated figure with the table's, then checks the stated change.
// last is last year's figure when a table shows it.
func (c *checker) figure(s sentence, what string, st stated, want ref, last *money.Amount) {
	wan := money.UnitWan
	if want.ok && st.value.Hundredths(wan) != want.a.Hundredths(wan) {
		diff := st.value - want.a
		f := Finding{Rule: "TXT-01", Severity: Error, Location: s.loc(),
			Expected: want.a.Format(wan), Actual: st.value.Format(wan), Difference: diff.Format(wan),
			Message: fmt.Sprintf("文字中%s为 %s万元，%s为 %s万元", what, st.value.Format(wan), want.source, want.a.Format(wan))}
		if want.tails > 0 && diff.Abs().Hundredths(wan)*2 <= int64(want.tails+1) {
			f.Rule, f.Severity = "TAIL-01", Info
			f.Message += fmt.Sprintf("（表中为 %d 个单元格之和），在四舍五入尾数误差范围内", want.tails)
		}
		c.add(f)
	}
	this, tails := st.value, 0
	if want.ok {
		this, tails = want.a, want.tails // the table's figure; a wrong stated one is reported above
	}
	c.change(s, what, this, tails, st, last)
}

// change checks a stated change: the amount against last year's figure when known,
// the wording against the direction, and the percentage against the amounts.
func (c *checker) change(s sentence, what string, this money.Amount, thisTails int, st stated, last *money.Amount) {
	if !st.hasChange {
		return
	}
	loc := s.loc()
	wan := money.UnitWan
	if st.flat {
		if last != nil && (this-*last).Hundredths(wan) != 0 {
			c.add(Finding{Rule: "CHG-01", Severity: Error, Location: loc, Expected: (this - *last).Format(wan), Actual: "0.00",
				Message: fmt.Sprintf("文字称%s与上年持平，但本年 %s万元、上年 %s万元", what, this.Format(wan), last.Format(wan))})
		}
		return
	}
	signed := st.change
	if !st.up {
		signed = -signed
	}
	if last != nil {
		want := this - *last
		// Both figures are printed rounded (each perhaps a sum of several cells, as
		// last year's is when this year's is); a change stated from the exact figures
		// may differ by that rounding.
		allowed := int64(1 + thisTails)
		if d := want.Hundredths(wan) - signed.Hundredths(wan); d > allowed || d < -allowed {
			c.add(Finding{Rule: "CHG-01", Severity: Error, Location: loc, Expected: want.Format(wan), Actual: signed.Format(wan),
				Message: fmt.Sprintf("文字称%s%s %s万元，但本年 %s万元、上年 %s万元，实际变化 %s万元", what, st.verb, st.change.Format(wan), this.Format(wan), last.Format(wan), want.Format(wan))})
			return
		}
	}
	if st.change == 0 {
		c.add(Finding{Rule: "CHG-03", Severity: Info, Location: loc, Message: fmt.Sprintf("%s变化为零，宜表述为“持平”，文字写作“%s0万元”", what, st.verb)})
		return
	}
	// Whatever last year was, it was not negative (compared as printed: this year's
	// figure rounded like the stated change).
	if prev := this.Round(wan.Scale()/100) - signed; last == nil && prev.Hundredths(wan) < 0 {
		c.add(Finding{Rule: "CHG-01", Severity: Error, Location: loc, Actual: signed.Format(wan),
			Message: fmt.Sprintf("%s本年 %s万元，文字称%s %s万元，推得上年为 %s万元，不可能为负数", what, this.Format(wan), st.verb, st.change.Format(wan), prev.Format(wan))})
		return
	}
	if st.hasPct {
		upWord := st.pctWord == "增长" || st.pctWord == "增幅" || st.pctWord == "增加"
		if upWord != st.up {
			c.add(Finding{Rule: "CHG-03", Severity: Error, Location: loc,
				Message: fmt.Sprintf("%s的增减用词前后矛盾：先说“%s”，后说“%s”", what, st.verb, st.pctWord)})
			return
		}
		prev := this - signed
		// Printed figures are rounded: last year may still have been positive.
		if prev+money.Wan/200*money.Amount(thisTails+2) <= 0 {
			c.add(Finding{Rule: "CHG-02", Severity: Error, Location: loc, Actual: fmt.Sprintf("%g%%", st.pct),
				Message: fmt.Sprintf("%s本年 %s万元、%s %s万元，推得上年为 %s万元，不能计算百分比", what, this.Format(wan), st.verb, st.change.Format(wan), prev.Format(wan))})
			return
		}
		if prev.Hundredths(wan) == 0 {
			c.add(Finding{Rule: "CHG-02", Severity: Error, Location: loc, Actual: fmt.Sprintf("%g%%", st.pct),
				Message: fmt.Sprintf("%s本年 %s万元、%s %s万元，推得上年为零，不能计算百分比", what, this.Format(wan), st.verb, st.change.Format(wan))})
			return
		}
		if prev <= 0 {
			return // within rounding of zero: too small a base to judge the percentage
		}
		exact := float64(st.change) / float64(prev) * 100
		// The printed amounts are rounded to 0.01万元 (this year's perhaps a sum of
		// several cells): allow every percentage that amounts within that rounding would
		// give, at the precision the text prints.
		halfCent := float64(money.Wan / 200)
		dz, dprev := halfCent, halfCent*float64(thisTails+2)
		lo := (float64(st.change) - dz) / (float64(prev) + dprev) * 100
		hi := (float64(st.change) + dz) / math.Max(float64(prev)-dprev, 1) * 100
		half := 0.5 * math.Pow(10, -float64(st.pctDigits))
		if st.pct < lo-half-1e-9 || st.pct > hi+half+1e-9 {
			c.add(Finding{Rule: "CHG-02", Severity: Error, Location: loc,
				Expected: strconv.FormatFloat(exact, 'f', max(st.pctDigits, 1), 64) + "%", Actual: strconv.FormatFloat(st.pct, 'f', st.pctDigits, 64) + "%",
				Message: fmt.Sprintf("%s%s %s万元（上年 %s万元），应%s %.1f%%，文字为 %s%%", what, st.verb, st.change.Format(wan), prev.Format(wan), st.pctWord, exact, strconv.FormatFloat(st.pct, 'f', st.pctDigits, 64))})
		}
	}
}

func (c *checker) narrative() {
	if c.doc.Profile == "shanghai" {
		c.shanghaiNarrative()
		c.vehicles()
		return
	}
	if c.doc.Profile != "shenzhen" {
		return
	}
	c.totalsPart()
	c.projectMentions()
	c.spendingPart()
	c.procurementPart()
	c.sanGongPart()
	c.performancePart()
	c.keyProjectTable()
	c.otherPart()
}

// ref is a figure the tables show, found by a lookup that may fail. tails counts the
// printed cells added up to make it (0 for one cell), for the rounding tolerance.
type ref struct {
	a      money.Amount
	ok     bool
	source string
	tails  int
}

func (c *checker) cell(kind disclosure.TableKind, r int, key string) ref {
	v := c.tables[kind]
	if v == nil || r < 0 {
		return ref{}
	}
	a, ok := v.amount(r, key)
	return ref{a, ok, v.label, 0}
}

func (c *checker) summaryRow(name, key string) ref {
	v := c.tables[disclosure.SummaryTable]
	if v == nil {
		return ref{}
	}
	item := "income_item"
	if key == "spending" {
		item = "spending_item"
	}
	return c.cell(disclosure.SummaryTable, v.findRow(item, name), key)
}

func (c *checker) totalsPart() {
	var implied []struct {
		s    sentence
		last money.Amount
	}
	for _, s := range c.partSentences("收支总体情况") {
		for _, p := range []struct{ label, what, row, key string }{
			{"部门预算收入", "部门预算收入", "收入总计", "income"},
			{"部门预算支出", "部门预算支出", "支出总计", "spending"},
		} {
			st, ok := after(s.text, p.label)
			if !ok {
				continue
			}
			r := c.summaryRow(p.row, p.key)
			r.source += p.row
			c.figure(s, p.what, st, r, nil)
			this := st.value
			if r.ok {
				this = r.a
			}
			if st.hasChange && !st.flat {
				last := this - st.change
				if !st.up {
					last = this + st.change
				}
				implied = append(implied, struct {
					s    sentence
					last money.Amount
				}{s, last})
			}
		}
	}
	// Last year's budget balanced too: the income and spending it implies are equal.
	if len(implied) == 2 && implied[0].last != implied[1].last {
		c.add(Finding{Rule: "CHG-04", Severity: Error, Location: implied[1].s.loc(),
			Expected: implied[0].last.Format(money.UnitWan), Actual: implied[1].last.Format(money.UnitWan),
			Message: fmt.Sprintf("按文字推算，上年收入为 %s万元、上年支出为 %s万元，两者应相等", implied[0].last.Format(money.UnitWan), implied[1].last.Format(money.UnitWan))})
	}
}

// basicParts returns the printed 人员支出 (301), 对个人和家庭的补助 (303), 公用经费 and
// 项目支出 of the whole department, from 基本支出总表 or, when all money is 一般公共预算
// and that table is missing, from 一般公共预算 tables.
func (c *checker) basicParts() (personnel, family, public, project, total ref) {
	// A code's department figure is the sum of its rows in every unit's section.
	codeSum := func(v *tview, code, key string) ref {
		r := ref{ok: true, source: v.label}
		n := 0
		for i, row := range v.t.Rows {
			if row.Code == code {
				a, _ := v.amount(i, key)
				r.a += a
				n++
			}
		}
		if n > 1 {
			r.tails = n
		}
		return r
	}
	fromTable := func(v *tview, key string) {
		personnel = codeSum(v, "301", key)
		family = codeSum(v, "303", key)
		all, ok := v.amount(topRow(v), key)
		// Three printed cells make it: the total, 301 and 303 (each perhaps a sum).
		public = ref{all - personnel.a - family.a, ok, v.label, max(personnel.tails, 1) + max(family.tails, 1) + 1}
		if hiddenSection(v, key) {
			personnel.ok, family.ok, public.ok = false, false, false
		}
	}
	if v := c.tables[disclosure.BasicTable]; v != nil && topRow(v) >= 0 {
		fromTable(v, "total")
	} else if v := c.tables[disclosure.GPEconomicTable]; v != nil && topRow(v) >= 0 && c.allGeneralPublic() {
		fromTable(v, "basic")
	}
	for _, k := range []disclosure.TableKind{disclosure.SpendingTable, disclosure.GPFunctionalTable} {
		v := c.tables[k]
		if v == nil || topRow(v) < 0 || (k == disclosure.GPFunctionalTable && !c.allGeneralPublic()) {
			continue
		}
		project = c.cell(k, topRow(v), "project")
		total = c.cell(k, topRow(v), "total")
		break
	}
	return
}

// hiddenSection reports whether a multi-unit code table has a unit row with money but
// no code rows below it (classified units are shown only as one total), so that the
// codes do not add up to the department's figures.
func hiddenSection(v *tview, key string) bool {
	rows := v.t.Rows
	for r, row := range rows {
		if row.Code != "" || r == 0 || (r+1 < len(rows) && rows[r+1].Code != "") {
			continue
		}
		if a, _ := v.amount(r, key); a != 0 {
			return true
		}
	}
	return false
}

// allGeneralPublic reports whether the 收支总表 shows 一般公共预算 as the only income.
func (c *checker) allGeneralPublic() bool {
	v := c.tables[disclosure.SummaryTable]
	if v == nil {
		return false
	}
	total := c.summaryRow("收入总计", "income")
	gp := c.cell(disclosure.SummaryTable, v.findRow("income_item", "一般公共预算资金"), "income")
	return total.ok && gp.ok && total.a == gp.a
}

func (c *checker) spendingPart() {
	personnel, family, public, project, total := c.basicParts()
	var listed []money.Amount
	var projectSentence *sentence
	for _, s := range c.partSentences("支出具体情况") {
		t := s.text
		if strings.Contains(t, "包括人员支出") {
			if st, ok := after(t, "预算"); ok {
				c.figure(s, "部门预算支出", st, total, nil)
			}
			var parts []money.Amount
			for _, p := range []struct {
				label, what string
				want        ref
			}{
				{"人员支出", "人员支出", personnel}, {"公用经费", "公用经费", public},
				{"对个人和家庭的补助支出", "对个人和家庭的补助支出", family}, {"项目支出", "项目支出", project},
			} {
				if st, ok := after(t, p.label); ok {
					c.figure(s, p.what, st, p.want, nil)
					parts = append(parts, st.value)
				}
			}
			if st, ok := after(t, "预算"); ok && len(parts) == 4 {
				c.textSum(s, "部门预算支出", st.value, parts)
			}
			continue
		}
		for _, p := range []struct {
			label, what string
			want        ref
		}{
			{"（一）人员支出", "人员支出", personnel}, {"（二）公用支出", "公用支出", public}, {"（二）公用经费", "公用经费", public},
			{"（三）对个人和家庭补助支出", "对个人和家庭补助支出", family}, {"（三）对个人和家庭的补助支出", "对个人和家庭的补助支出", family},
			{"（四）项目支出", "项目支出", project},
		} {
			if strings.HasPrefix(t, p.label) {
				if st, ok := after(t, p.label); ok {
					c.figure(s, p.what, st, p.want, nil)
					if p.label == "（四）项目支出" {
						s := s
						projectSentence = &s
					}
				}
			}
		}
		if name, rest, ok := c.projectItem(s.block); ok && strings.HasPrefix(s.block, t) && !strings.HasPrefix(name, "涉密项目") {
			st, ok := statement(rest)
			if !ok {
				continue
			}
			// The change against last year's 年初预算 is often a sentence of its own.
			if !st.hasChange {
				st = withChange(st, rest)
			}
			listed = append(listed, st.value)
			want := c.projectAmount(name, nil)
			c.figure(s, "项目“"+name+"”", st, want, nil)
			this := st.value
			if want.ok {
				this = want.a
			}
			// The text leaves out the percentage only where last year's 年初预算 was
			// zero; an increase smaller than the amount then contradicts it.
			if d := st.change.Hundredths(money.UnitWan) - this.Hundredths(money.UnitWan); st.hasChange && !st.flat && st.up && !st.hasPct && (d > 1 || d < -1) {
				c.add(Finding{Rule: "CHG-02", Severity: Error, Location: s.loc(), Expected: this.Format(money.UnitWan), Actual: st.change.Format(money.UnitWan),
					Message: fmt.Sprintf("项目“%s”未写增幅，表示上年年初预算为零，增加额应等于本年预算 %s万元，文字为 %s万元", name, this.Format(money.UnitWan), st.change.Format(money.UnitWan))})
			}
		}
		if m := secretItemRe.FindStringSubmatch(t); m != nil {
			if a, ok := parseWan(m[1]); ok {
				listed = append(listed, a)
			}
		}
	}
	if projectSentence != nil && len(listed) > 0 {
		st, _ := after(projectSentence.text, "（四）项目支出")
		c.textSum(*projectSentence, "项目支出（所列项目合计）", st.value, listed)
	}
}

// projectItem splits a numbered project entry into the project's name and the text
// from its amount on. A name may itself end in digits, so among the places where an
// amount could start, the one that leaves a known project name wins.
func (c *checker) projectItem(block string) (name, rest string, ok bool) {
	m := listNumberRe.FindString(block)
	if m == "" {
		return "", "", false
	}
	body := block[len(m):]
	first := -1
	for i := range body {
		if body[i] < '0' || body[i] > '9' {
			continue
		}
		if loc := numRe.FindStringIndex(body[i:]); loc != nil && loc[0] == 0 {
			if first < 0 {
				first = i
			}
			if c.knownProject(body[:i]) {
				return body[:i], body[i:], true
			}
		}
	}
	if first <= 0 {
		return "", "", false
	}
	return body[:first], body[first:], true
}

var (
	listNumberRe = regexp.MustCompile(`^\d+[.．、]`)
	secretItemRe = regexp.MustCompile(`涉密项目\d+个，共` + amountRe)
)

// textSum: a total the narrative states equals the parts it lists.
func (c *checker) textSum(s sentence, what string, total money.Amount, parts []money.Amount) {
	var sum money.Amount
	for _, p := range parts {
		sum += p
	}
	if sum.Hundredths(money.UnitWan) == total.Hundredths(money.UnitWan) {
		return
	}
	diff := total - sum
	f := Finding{Rule: "TXT-02", Severity: Error, Location: s.loc(), Expected: sum.Format(money.UnitWan), Actual: total.Format(money.UnitWan), Difference: diff.Format(money.UnitWan),
		Message: fmt.Sprintf("文字中%s为 %s万元，所列各项相加为 %s万元", what, total.Format(money.UnitWan), sum.Format(money.UnitWan))}
	if diff.Abs().Hundredths(money.UnitWan)*2 <= int64(len(parts)+1) {
		f.Rule, f.Severity = "TAIL-01", Info
		f.Message += "，在四舍五入尾数误差范围内"
	}
	c.add(f)
}

// projectName folds the ways documents print one project's name.
func projectName(s string) string {
	s = normalize(s)
	for _, cut := range []string{"（通用项目）", "（通用）", "（专项）", "-", "—", "和", "、", "（一级项目）"} {
		s = strings.ReplaceAll(s, cut, "")
	}
	return s
}

// knownProject reports whether a table lists a project of exactly this name.
func (c *checker) knownProject(name string) bool {
	want := projectName(name)
	for _, src := range []struct {
		v   *tview
		key string
	}{
		{c.tables[disclosure.ProjectTable], "project"},
		{c.tables[disclosure.PerformanceTable], "content"},
		{c.inline[disclosure.KeyProjectTable], "project"},
	} {
		if src.v == nil {
			continue
		}
		for r := range src.v.body {
			if projectName(src.v.text(r, src.key)) == want {
				return true
			}
		}
	}
	return false
}

// projectAmount finds a project's amount in 项目支出总表, 表12 or the narrative's
// project table, by name; skip is a table not to use (the one being checked).
func (c *checker) projectAmount(name string, skip *tview) ref {
	want := projectName(name)
	for _, src := range []struct {
		v        *tview
		name, am string
	}{
		{c.tables[disclosure.ProjectTable], "project", "total"},
		{c.tables[disclosure.PerformanceTable], "content", "total"},
		{c.inline[disclosure.KeyProjectTable], "project", "amount"},
	} {
		if src.v == nil || src.v == skip {
			continue
		}
		var found []int
		for r := range src.v.body {
			got := projectName(src.v.text(r, src.name))
			if got == "" {
				continue
			}
			if got == want {
				found = []int{r}
				break
			}
			if strings.Contains(got, want) || strings.Contains(want, got) {
				found = append(found, r)
			}
		}
		if len(found) == 1 {
			a, ok := src.v.amount(found[0], src.am)
			if ok && src.v.body[found[0]][src.v.keys[src.am]].cell != nil && src.v.body[found[0]][src.v.keys[src.am]].cell.Amount != nil {
				return ref{a, true, src.v.label, 0}
			}
		}
	}
	return ref{}
}

func (c *checker) procurementPart() {
	for _, s := range c.partSentences("政府采购预算情况") {
		st, ok := after(s.text, "共有")
		if !ok {
			continue
		}
		var parts []money.Amount
		for _, label := range []string{"货物类项目", "工程类项目", "服务类项目"} {
			if p, ok := after(s.text, label); ok {
				parts = append(parts, p.value)
			}
		}
		if len(parts) == 3 {
			c.textSum(s, "政府采购预算", st.value, parts)
		}
	}
}

// sanGongFigures returns this and last year's 三公 parts of all fiscal funds from 表9
// (its first group of rows: the department total or its only unit).
func (c *checker) sanGongFigures() (this, last map[string]ref) {
	v := c.tables[disclosure.SanGongTable]
	if v == nil {
		return nil, nil
	}
	this, last = map[string]ref{}, map[string]ref{}
	lastLabel, thisLabel := fmt.Sprintf("%d年", c.doc.Year-1), fmt.Sprintf("%d年", c.doc.Year)
	rThis, rLast := -1, -1
	for r := range v.body {
		switch v.text(r, "year") {
		case thisLabel:
			if rThis < 0 {
				rThis = r
			}
		case lastLabel:
			if rLast < 0 {
				rLast = r
			}
		}
	}
	for _, part := range []string{"total", "abroad", "reception", "car", "car_purchase", "car_running"} {
		for _, p := range []struct {
			r   int
			out map[string]ref
		}{{rThis, this}, {rLast, last}} {
			if p.r < 0 {
				continue
			}
			var sum money.Amount
			ok := true
			for _, f := range []string{"1", "2", "3"} {
				a, ok1 := v.amount(p.r, part+"_"+f)
				sum += a
				ok = ok && ok1
			}
			p.out[part] = ref{sum, ok, v.label + "本年数", 3}
		}
	}
	return this, last
}

func (c *checker) sanGongPart() {
	this, last := c.sanGongFigures()
	lastOf := func(part string) *money.Amount {
		if r, ok := last[part]; ok && r.ok {
			a := r.a
			return &a
		}
		return nil
	}
	for _, s := range c.partSentences("“三公”经费预算情况") {
		t := s.text
		// A list entry is one block of several sentences; its label is the block's start.
		label := strings.TrimLeft(s.block, "0123456789.．、")
		var part, what string
		switch {
		case strings.Contains(s.block, "“三公”经费预算") && !strings.HasPrefix(label, "因公") && !strings.HasPrefix(label, "公务"):
			part, what = "total", "财政拨款“三公”经费"
		case strings.HasPrefix(label, "因公出国"):
			part, what = "abroad", "因公出国（境）费用"
		case strings.HasPrefix(label, "公务接待费"):
			part, what = "reception", "公务接待费"
		case strings.HasPrefix(label, "公务用车购置和运行维护费"), strings.HasPrefix(label, "公务用车购置及运行维护费"), strings.HasPrefix(label, "公务用车购置及运行费"):
			part, what = "car", "公务用车购置和运行维护费"
		case strings.HasPrefix(label, "公务用车购置费"):
			part, what = "car_purchase", "公务用车购置费"
		case strings.HasPrefix(label, "公务用车运行维护费"), strings.HasPrefix(label, "公务用车运行费"):
			part, what = "car_running", "公务用车运行维护费"
		default:
			continue
		}
		want := this[part]
		// The first figure of the entry carries its change; later ones restate it.
		for i, m := range sanGongFigureRe.FindAllStringSubmatchIndex(t, -1) {
			st, ok := statement(t[m[2]:])
			if !ok {
				continue
			}
			var lastYear *money.Amount
			if i == 0 {
				lastYear = lastOf(part)
			} else {
				st.hasChange = false
			}
			c.figure(s, what, st, want, lastYear)
		}
	}
}

var sanGongFigureRe = regexp.MustCompile(`(?:经费预算|预算数)为?(-?[0-9])`)

func (c *checker) performancePart() {
	_, _, _, project, _ := c.basicParts()
	key := c.inline[disclosure.KeyProjectTable]
	for _, s := range c.partSentences("绩效管理情况") {
		if st, ok := after(s.text, "涉及预算资金"); ok {
			c.figure(s, "纳入绩效管理的项目资金", st, project, nil)
		}
		if m := unitCountRe.FindStringSubmatch(s.text); m != nil {
			c.unitCount(s, m[1]+m[2])
		}
		m := regexp.MustCompile(`(\d+)个项目绩效目标`).FindStringSubmatch(s.text)
		if m == nil || key == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		var listedSum money.Amount
		listed := 0
		for r := range key.body {
			if a, ok := key.amount(r, "amount"); ok && key.text(r, "project") != "" {
				listed++
				listedSum += a
			}
		}
		if n == listed {
			continue
		}
		// Unlisted (classified) projects are possible only when the listed ones leave
		// room for them in the project total.
		if n > listed && project.ok && listedSum.Hundredths(money.UnitWan) < project.a.Hundredths(money.UnitWan) {
			continue
		}
		c.add(Finding{Rule: "TXT-04", Severity: Error, Location: s.loc(), Expected: strconv.Itoa(listed), Actual: strconv.Itoa(n),
			Message: fmt.Sprintf("文字称设置了 %d 个项目绩效目标，但重点项目表列出 %d 个，其金额合计 %s万元已等于项目支出，没有未列出的项目", n, listed, listedSum.Format(money.UnitWan))})
	}
}

// unitCountRe reads "共5家基层单位"; without 共 a unit name ending in digits would run
// into the count, so that form is read only when 共 is missing.
var unitCountRe = regexp.MustCompile(`共(\d+)家基层单位|^[^共]*?(\d+)家基层单位`)

// unitCount: the number of units the text gives is the number of unit rows in the
// functional tables.
func (c *checker) unitCount(s sentence, stated string) {
	n, _ := strconv.Atoi(stated)
	for _, k := range []disclosure.TableKind{disclosure.SpendingTable, disclosure.GPFunctionalTable} {
		v := c.tables[k]
		if v == nil {
			continue
		}
		units := 0
		for r, row := range v.t.Rows {
			if row.Code == "" && normalize(v.rowName(r)) != "合计" {
				units++
			}
		}
		if units != n {
			c.add(Finding{Rule: "TXT-04", Severity: Error, Location: s.loc(), Expected: strconv.Itoa(units), Actual: stated,
				Message: fmt.Sprintf("文字称 %s 家基层单位，%s列出 %d 个预算单位", stated, v.label, units)})
		}
		return
	}
}

// projectMentions: a project named with an amount outside the project list (in a
// reason, say) is given the amount the tables give it.
func (c *checker) projectMentions() {
	names := c.projectNames()
	for _, s := range c.sentences() {
		if strings.HasSuffix(s.part, "支出具体情况") || strings.HasSuffix(s.part, "重点项目预算绩效情况说明") {
			continue
		}
		for _, name := range names {
			i := strings.Index(s.text, name)
			if i < 0 {
				continue
			}
			rest := strings.TrimPrefix(s.text[i+len(name):], "项目")
			if st, ok := statement(rest); ok {
				st.hasChange = false
				c.figure(s, "项目“"+name+"”", st, c.projectAmount(name, nil), nil)
			}
		}
	}
}

// projectNames lists the project names the tables print.
func (c *checker) projectNames() []string {
	seen := map[string]bool{}
	var out []string
	for _, src := range []struct {
		v   *tview
		key string
	}{
		{c.tables[disclosure.ProjectTable], "project"},
		{c.inline[disclosure.KeyProjectTable], "project"},
		{c.tables[disclosure.PerformanceTable], "content"},
	} {
		if src.v == nil {
			continue
		}
		for r := range src.v.body {
			g := src.v.body[r][src.v.keys[src.key]]
			if g.cell == nil || !g.origin {
				continue
			}
			if n := normalize(g.cell.Text); n != "" && !seen[n] && len([]rune(n)) >= 4 {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}

// keyProjectTable: each project in the narrative's 重点项目 table shows the amount the
// tables give it.
func (c *checker) keyProjectTable() {
	v := c.inline[disclosure.KeyProjectTable]
	if v == nil {
		return
	}
	for r := range v.body {
		name := v.text(r, "project")
		got, ok := v.amount(r, "amount")
		if name == "" || !ok {
			continue
		}
		want := c.projectAmount(name, v)
		if want.ok {
			c.equal("TXT-01", v.at(r, "amount"), v.unit, "项目“"+name+"”预算数（与"+want.source+"对照）", want.a, got, 0)
		}
	}
}

var vehicleRe = regexp.MustCompile(`共有车辆(\d+)辆，其中：([^；。]*)`)
var vehicleTypeRe = regexp.MustCompile(`(\d+)辆`)

func (c *checker) otherPart() {
	_, _, public, _, _ := c.basicParts()
	for _, s := range c.partSentences("其他需要说明情况") {
		if st, ok := after(s.text, "机关运行经费财政拨款预算"); ok {
			if c.tables[disclosure.BasicTable] != nil {
				public.ok = false // 基本支出总表 covers every fund; 机关运行经费 is 一般公共预算 only
			}
			c.figure(s, "机关运行经费", st, public, nil)
		}
	}
	c.vehicles()
}

// vehicles: the number of vehicles the text gives is the sum of its types.
func (c *checker) vehicles() {
	for _, s := range c.sentences() {
		m := vehicleRe.FindStringSubmatch(s.text)
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
			c.add(Finding{Rule: "TXT-05", Severity: Error, Location: s.loc(), Expected: strconv.Itoa(sum), Actual: strconv.Itoa(total),
				Message: fmt.Sprintf("文字称共有车辆 %d 辆，但各类车辆相加为 %d 辆", total, sum)})
		}
	}
}
