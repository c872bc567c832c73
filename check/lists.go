package check

import (
	"fmt"
	"regexp"
	"strings"

	"yusuan/disclosure"
	"yusuan/money"
)

// listedParts: a figure the narrative gives with the parts it consists of adds up,
// whatever the document's format:
//
//	深圳市信访局预算4,684.30万元，包括在职人员经费2,422.61万元、公用经费357.43万元、…
//	社工服务项目498.82万元，主要包括：采购大厅纠纷调解社工23名支出373.66万元（含…）；…
//	政府采购安排483.05万元，其中：货物类采购预算64.3万元，工程类采购预算0万元，…
//
// The parts are the amounts up to the end of the sentence, leaving out what is in
// brackets (含结转2025年采购经费6.9万元 is part of a part) and the changes a part
// states (比上年增加…万元). The sum may differ from the total by half a unit of the
// last printed decimal of each figure. A list said to be the main parts (主要包括,
// 主要有, 主要是) may leave parts out: it is wrong only when its parts exceed the
// total. A part named again on its own (（一）在职人员经费2,422.61万元) later in the
// part of the narrative states the same amount (TXT-07).
func (c *Doc) listedParts() {
	for _, p := range c.doc.Parts {
		heading := p.Heading()
		listed := map[string]printed{}
		for _, b := range p.Blocks {
			if b.Kind == disclosure.TableRef || b.Kind == disclosure.Heading {
				continue
			}
			text := Normalize(b.Text)
			c.restated(Sentence{Part: heading, Pos: b.Pos, Block: text}, text, listed)
			plain := bracketRe.ReplaceAllString(text, "")
			listEnd := 0
			for _, m := range listTotalRe.FindAllStringSubmatchIndex(plain, -1) {
				// A list inside another's (履职工作经费4,754.51万元，其中结转结余390.00万元)
				// is a part's part.
				if m[0] < listEnd || gluedNumber(plain, m[2]) || changeClause(plain[:m[2]]) {
					continue
				}
				end := strings.Index(plain[m[1]:], "。")
				if end < 0 {
					end = len(plain) - m[1]
				}
				listEnd = m[1] + end
				if otherUnitRe.MatchString(plain[m[1]:listEnd]) {
					continue // 固定资产…，其中：房屋…平方米；车辆7辆: not money alone
				}
				s := Sentence{Text: sentenceSpan(plain, m[0], m[1]+end), Part: heading, Pos: b.Pos, Block: text}
				names, parts := listItems(plain[m[1] : m[1]+end])
				if len(parts) < 2 {
					continue
				}
				total, ok := parsePrinted(plain[m[2]:m[3]])
				if !ok {
					continue
				}
				mainOnly := strings.HasPrefix(plain[m[4]:m[5]], "主要")
				c.listSum(s, total, parts, mainOnly)
				if !mainOnly {
					listed = map[string]printed{}
					for i, n := range names {
						listed[n] = parts[i]
					}
				}
			}
		}
	}
}

var (
	listTotalRe = regexp.MustCompile(`([0-9][0-9,]*(?:\.[0-9]+)?)万元[，,]?((?:具体|主要)?(?:包括|其中)|主要有)[：:]?`)
	// bracketRe is a clause in brackets (含结转2025年采购经费6.9万元), not a bracketed
	// word of a name (因公出国（境）费).
	bracketRe   = regexp.MustCompile(`（[^（）]*[0-9，。；,;][^（）]*）|\([^()]*[0-9，。；,;][^()]*\)`)
	otherUnitRe = regexp.MustCompile(`[0-9](?:平方米|辆|台|套)`)
	listItemRe  = regexp.MustCompile(`([^0-9，,、；;：:。]*?)([0-9][0-9,]*(?:\.[0-9]+)?)万元`)
	// restatedRe is a part named on its own at the start of a paragraph.
	restatedRe = regexp.MustCompile(`^(?:（[一二三四五六七八九十]+）|[0-9]+[.．、])?([^0-9，,、；;：:。]{2,20}?)(?:为|是)?([0-9][0-9,]*(?:\.[0-9]+)?)万元`)
)

// changeClause reports whether the clause ending the text states a change, whose
// amount is no total of parts.
func changeClause(before string) bool {
	start := strings.LastIndexAny(before, "，,；;。：:")
	clause := before[start+1:]
	for _, w := range []string{"增加", "减少", "增长", "下降", "比", "较", "持平"} {
		if strings.Contains(clause, w) {
			return true
		}
	}
	return false
}

// listItems reads the parts of a list: each amount with the words before it, but
// not the amounts of a change a part states.
func listItems(list string) (names []string, parts []printed) {
	for _, m := range listItemRe.FindAllStringSubmatchIndex(list, -1) {
		name := list[m[2]:m[3]]
		// A part's own part (其中结转结余126.00万元) or a threshold (单价50万元以上).
		if gluedNumber(list, m[4]) || changeClause(list[:m[4]]) || strings.HasPrefix(name, "其中") ||
			strings.HasPrefix(list[m[5]:], "万元以") {
			continue
		}
		p, ok := parsePrinted(list[m[4]:m[5]])
		if !ok {
			continue
		}
		names = append(names, partName(name))
		parts = append(parts, p)
	}
	return names, parts
}

// partName folds the ways one part is named (对个人和家庭的补助支出, 对个人和家庭补助支出).
func partName(s string) string {
	s = strings.TrimLeft(s, "（）一二三四五六七八九十0123456789.．、")
	s = strings.ReplaceAll(s, "的", "")
	s = strings.TrimSuffix(s, "为")
	return strings.TrimSuffix(s, "支出")
}

// listSum reports a list whose parts do not add up to its total.
func (c *Doc) listSum(s Sentence, total printed, parts []printed, mainOnly bool) {
	loc := s.Loc()
	for _, f := range c.findings {
		if f.Location.Sentence == loc.Sentence && (f.Rule == "TXT-02" || f.Rule == "TXT-01") {
			return
		}
	}
	var sum printed
	for _, p := range parts {
		sum.v += p.v
		sum.half += p.half
	}
	tol := sum.half + total.half
	d := total.v - sum.v
	if d >= -tol && (d <= tol || mainOnly) {
		return
	}
	wan := func(v int64) string { return money.Amount(v / 10 * int64(money.Wan/100)).Format(money.UnitWan) }
	what := "所列各项相加"
	if mainOnly {
		what = "所列主要各项相加已超过总数，为"
	}
	c.Add(Finding{Rule: "TXT-02", Severity: Error, Location: loc, Expected: wan(sum.v), Actual: wan(total.v), Difference: wan(d),
		Message: fmt.Sprintf("文字中总数为 %s万元，%s %s万元", wan(total.v), what, wan(sum.v))})
}

// restated reports a paragraph that names a listed part on its own with another
// amount than the list gave it.
func (c *Doc) restated(s Sentence, text string, listed map[string]printed) {
	if len(listed) == 0 {
		return
	}
	m := restatedRe.FindStringSubmatch(text)
	if m == nil {
		return
	}
	want, ok := listed[partName(m[1])]
	if !ok {
		return
	}
	got, ok := parsePrinted(m[2])
	if !ok {
		return
	}
	if d := got.v - want.v; d <= got.half+want.half && d >= -(got.half+want.half) {
		return
	}
	wan := func(v int64) string { return money.Amount(v / 10 * int64(money.Wan/100)).Format(money.UnitWan) }
	s.Text = sentenceSpan(text, 0, len(m[0]))
	c.Add(Finding{Rule: "TXT-07", Severity: Error, Location: s.Loc(), Expected: wan(want.v), Actual: wan(got.v), Difference: wan(got.v - want.v),
		Message: fmt.Sprintf("文字中%s为 %s万元，前文所列为 %s万元", m[1], wan(got.v), wan(want.v))})
}

// sanGongFigures: where the 三公 table prints the parts as rows (“三公”经费,
// 因公出国（境）…, 公务用车购置及运行维护…, 公务用车购置费, 公务用车运行维护费,
// 公务接待…), a part the narrative states for this year (因公出国（境）费215.6万元)
// shows one of the amounts of that row, as printed (TXT-01). A statement of a
// change (比上年减少70万元) is not a figure; a table that prints the parts as columns
// is left to the format's rules.
func (c *Doc) sanGongFigures() {
	v := c.tables[disclosure.SanGongTable]
	if v == nil {
		return
	}
	rows := map[*regexp.Regexp]int{}
	for _, re := range []*regexp.Regexp{sgTotalRe, sgAbroadRe, sgReceptionRe, sgCarRe, sgPurchaseRe, sgRunningRe} {
		rows[re] = -1
		for r := range v.body {
			if re.MatchString(sanGongRowName(v.RowName(r))) {
				if rows[re] != -1 {
					rows[re] = -2
				} else {
					rows[re] = r
				}
			}
		}
	}
	c.eachBlock(func(heading string, pos disclosure.Pos, text string) {
		for _, m := range sgStatedRe.FindAllStringSubmatchIndex(text, -1) {
			name, between, num := text[m[2]:m[3]], text[m[4]:m[5]], text[m[6]:m[7]]
			if c.otherYear(text, m[0]) || changeWordRe.MatchString(between) || gluedNumber(text, m[6]) {
				continue
			}
			r := -1
			for re, at := range rows {
				if re.MatchString(name) {
					r = at
				}
			}
			if r < 0 {
				continue
			}
			cells := func() []Ref {
				var out []Ref
				for _, k := range v.AmountKeys() {
					if a, ok := v.Amount(r, k); ok && v.Printed(r, k) {
						out = append(out, Ref{A: a, OK: true, Source: v.Label})
					}
				}
				return out
			}
			s := Sentence{Text: sentenceSpan(text, m[0], m[1]), Part: heading, Pos: pos, Block: text}
			c.judgeFigure(s, name, num, cells)
		}
	})
}

var (
	sgStatedRe   = regexp.MustCompile(`(“三公”经费|因公出国（境）费用?|公务用车购置及运行(?:维护)?费|公务用车购置费|公务用车运行(?:维护)?费|公务接待费)([^0-9，。；：%]{0,6}?)([0-9][0-9,]*(?:\.[0-9]+)?)万元`)
	changeWordRe = regexp.MustCompile(`比|较|增|减|降|上年`)
)

// partChanges: the changes the narrative states for the parts of a whole add up to
// the change it states for the whole, within half a unit of the last printed
// decimal of each (CHG-06). The wholes and their parts are the 三公 经费 (因公出国
// （境）费, 公务用车购置及运行维护费, 公务接待费), the latter's 购置费 and 运行维护费,
// and 财政拨款 income or spending (一般公共预算, 政府性基金 and 国有资本经营预算
// 拨款):
//
//	“三公”经费226.86万元，比上年减少489.77万元 … 因公出国（境）费215.6万元，比上年增加0万元 …
//	公务用车购置及运行维护费0万元（公务用车购置费0万元，比上年减少70万元；公务用车运行维护费0万元，
//	比上年减少318.88万元。）比上年减少388.88万元 … 公务接待费11.26万元，比上年减少100.89万元
//	财政拨款支出预算16497.86万元，比2022年预算增加1421.25万元 … 一般公共预算拨款支出预算
//	16497.86万元，比2022年预算增加1421.25万元；政府性基金拨款支出预算0万元，比2022年预算持平；…
//
// 持平 is a change of zero. Only a sum whose every term is stated, once, is
// judged; where a term's own sentence is already wrong (CHG, TXT-01), that is the
// finding.
func (c *Doc) partChanges() {
	type stated struct {
		p    printed
		s    Sentence
		seen int
	}
	changes := map[string]*stated{}
	c.eachBlock(func(heading string, pos disclosure.Pos, text string) {
		for _, t := range []string{text, bracketRe.ReplaceAllString(text, "")} {
			for _, n := range changeNames {
				for _, m := range n.re.FindAllStringSubmatchIndex(t, -1) {
					if changeWordRe.MatchString(t[m[2]:m[3]]) || gluedNumber(t, m[4]) {
						continue
					}
					var p printed
					if m[8] >= 0 {
						var ok bool
						if p, ok = parsePrinted(t[m[8]:m[9]]); !ok {
							continue
						}
						if v := t[m[6]:m[7]]; v == "减少" || v == "下降" {
							p.v = -p.v
						}
					}
					if old := changes[n.id]; old != nil {
						if old.p != p {
							old.seen++ // stated twice, differently: which one counts is not known
						}
						continue
					}
					changes[n.id] = &stated{p: p, s: Sentence{Text: sentenceSpan(t, m[0], m[1]), Part: heading, Pos: pos, Block: text}, seen: 1}
				}
			}
		}
	})
	for _, g := range changeSums {
		w := changes[g.whole]
		if w == nil || w.seen > 1 {
			continue
		}
		sentences := []string{w.s.Text}
		var total printed
		complete := true
		for _, id := range g.parts {
			p := changes[id]
			if p == nil || p.seen > 1 {
				complete = false
				break
			}
			total.v += p.p.v
			total.half += p.p.half
			sentences = append(sentences, p.s.Text)
		}
		if !complete || c.foundWanting(sentences) {
			continue
		}
		d := w.p.v - total.v
		if tol := total.half + w.p.half; d <= tol && d >= -tol {
			continue
		}
		c.Add(Finding{Rule: "CHG-06", Severity: Error, Location: w.s.Loc(), Expected: formatThousandths(total.v), Actual: formatThousandths(w.p.v), Difference: formatThousandths(d),
			Message: fmt.Sprintf("文字称%s比上年变化 %s万元，但所述各部分的变化相加为 %s万元", g.what, formatThousandths(w.p.v), formatThousandths(total.v))})
	}
}

// foundWanting reports whether an error was already reported on one of sentences.
func (c *Doc) foundWanting(sentences []string) bool {
	for _, f := range c.findings {
		if f.Severity != Error || !strings.HasPrefix(f.Rule, "CHG") && f.Rule != "TXT-01" {
			continue
		}
		for _, s := range sentences {
			if f.Location.Sentence == s {
				return true
			}
		}
	}
	return false
}

// changeName is a figure whose stated change partChanges reads: its name, the
// figure and the change (增加/减少 an amount, or 持平).
type changeName struct {
	id string
	re *regexp.Regexp
}

func newChangeName(id, name string) changeName {
	return changeName{id, regexp.MustCompile(`(?:` + name + `)([^0-9，。；：%]{0,6}?)([0-9][0-9,]*(?:\.[0-9]+)?)万元[，,]?` +
		`(?:比|较|与)(?:上年|(?:19|20)[0-9]{2}年)[^0-9，。；%]{0,12}?(?:(增加|减少|增长|下降)了?([0-9][0-9,]*(?:\.[0-9]+)?)万元|持平)`)}
}

var (
	changeNames = []changeName{
		newChangeName("sg", `“三公”经费`),
		newChangeName("sg_abroad", `因公出国（境）费用?`),
		newChangeName("sg_car", `公务用车购置及运行(?:维护)?费`),
		newChangeName("sg_purchase", `公务用车购置费`),
		newChangeName("sg_running", `公务用车运行(?:维护)?费`),
		newChangeName("sg_reception", `公务接待费`),
		newChangeName("fiscal_out", `(?:^|[，,：:；;。])财政拨款支出预算`),
		newChangeName("gp_out", `一般公共预算(?:财政)?拨款支出预算`),
		newChangeName("fund_out", `政府性基金(?:预算)?拨款支出预算`),
		newChangeName("capital_out", `国有资本经营预算拨款支出预算`),
		newChangeName("fiscal_in", `(?:^|[，,：:；;。])财政拨款收入(?:预算)?`),
		newChangeName("gp_in", `一般公共预算(?:财政)?拨款收入(?:预算)?`),
		newChangeName("fund_in", `政府性基金(?:预算)?拨款收入(?:预算)?`),
		newChangeName("capital_in", `国有资本经营预算拨款收入(?:预算)?`),
	}
	// changeSums are the wholes whose change is the sum of their parts'.
	changeSums = []struct {
		whole, what string
		parts       []string
	}{
		{"sg", "“三公”经费", []string{"sg_abroad", "sg_car", "sg_reception"}},
		{"sg_car", "公务用车购置及运行维护费", []string{"sg_purchase", "sg_running"}},
		{"fiscal_out", "财政拨款支出预算", []string{"gp_out", "fund_out", "capital_out"}},
		{"fiscal_in", "财政拨款收入预算", []string{"gp_in", "fund_in", "capital_in"}},
	}
)

// keyProjects: each project of the narrative's 重点项目 table shows the amount the
// 项目支出 table gives it (TXT-01). A name may carry its unit in brackets
// (专项工作经费（广州市人民政府办公厅）): the project is then the first of that
// name below the unit's row; without a unit, or where the unit's row is not found,
// any row of that name may be it. A project the 项目支出 table does not name is not
// judged; a format whose own rules check the table (Format.Rules) is left to them.
func (c *Doc) keyProjects() {
	key, projects := c.inline[disclosure.KeyProjectTable], c.tables[disclosure.ProjectTable]
	if key == nil || projects == nil || key.Unit != money.UnitWan || c.format != nil && len(c.format.Rules) > 0 {
		return
	}
	amountKey := func(v *View) string {
		if v.Has("total") {
			return "total"
		}
		if keys := v.AmountKeys(); len(keys) > 0 {
			return keys[0]
		}
		return ""
	}
	kk, pk := amountKey(key), amountKey(projects)
	if kk == "" || pk == "" {
		return
	}
	for r := range key.body {
		name := key.RowName(r)
		if _, ok := key.Amount(r, kk); !ok || name == "" {
			continue
		}
		base, unit := name, ""
		if m := unitSuffixRe.FindStringSubmatch(name); m != nil {
			base, unit = m[1], m[2]
		}
		var cells []Ref
		from := 0
		if unit != "" {
			for p := range projects.body {
				if projects.RowName(p) == unit {
					from = p + 1
					break
				}
			}
		}
		for p := from; p < len(projects.body); p++ {
			if n := projects.RowName(p); n != name && n != base {
				continue
			}
			if a, ok := projects.Amount(p, pk); ok {
				cells = append(cells, Ref{A: a, OK: true, Source: projects.Label})
				if from > 0 {
					break
				}
			}
		}
		num := key.printedAt(r, kk)
		s := Sentence{Text: name + " " + num, Part: key.Label, Pos: key.T.Rows[r].Pos}
		c.judgeFigure(s, "重点项目“"+name+"”", num, func() []Ref { return cells })
	}
}

// unitSuffixRe is a project's name and the unit in brackets after it.
var unitSuffixRe = regexp.MustCompile(`^(.+?)（([^（）]+)）$`)
