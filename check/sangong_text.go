package check

import (
	"regexp"

	"yusuan/disclosure"
)

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
