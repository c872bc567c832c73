package check

import (
	"fmt"
	"regexp"
	"strings"

	"yusuan/disclosure"
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
// 持平 is a change of zero, within the rounding of two decimals. Only a sum whose every term is stated, once, is
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
					// 持平: a change that rounds to zero at two decimals.
					p := printed{half: 5}
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
		if agree(d, total, w.p) {
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
