package check

import (
	"fmt"
	"regexp"
	"strings"

	"yusuan/disclosure"
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
	d := total.v - sum.v
	if agree(d, sum, total) || mainOnly && d > 0 {
		return
	}
	wan := formatThousandths
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
	if agree(got.v-want.v, got, want) {
		return
	}
	wan := formatThousandths
	s.Text = sentenceSpan(text, 0, len(m[0]))
	c.Add(Finding{Rule: "TXT-07", Severity: Error, Location: s.Loc(), Expected: wan(want.v), Actual: wan(got.v), Difference: wan(got.v - want.v),
		Message: fmt.Sprintf("文字中%s为 %s万元，前文所列为 %s万元", m[1], wan(got.v), wan(want.v))})
}
