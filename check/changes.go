package check

import (
	"fmt"
	"regexp"
	"strings"

	"yusuan/disclosure"
	"yusuan/money"
)

// statedChanges: every change a narrative states against an earlier year agrees
// with itself, whatever the document's format and whatever the tables say: this
// year's figure less last year's (when the text gives it) is the stated change, and
// the stated percentage is the change over last year's figure, each within the
// rounding of the figures as printed (half a unit of the last decimal printed).
//
//	收入预算29956.27万元，比2025年年初预算数28479.84万元增加1476.43万元，增长5.18%
//	项目支出预算数为4335.3万元。与上年相比减少了1237.7万元，减少13.22%
//
// A sentence that a jurisdiction's own rules already found wanting is left to them.
func (c *Doc) statedChanges() {
	c.eachBlock(func(heading string, pos disclosure.Pos, text string) {
		for _, m := range statedChangeRe.FindAllStringSubmatchIndex(text, -1) {
			if gluedNumber(text, m[2]) {
				continue // 公开项目BKDFY7525.08万元: where the name ends is not known
			}
			c.statedChange(text, m, Sentence{Text: sentenceSpan(text, m[0], m[1]), Part: heading, Pos: pos, Block: text})
		}
		// A figure and its change may be printed apart by what is in brackets:
		// 公务用车购置及运行维护费0万元（公务用车购置费0万元，…）比上年减少388.88万元，下降100%.
		plain := bracketRe.ReplaceAllString(text, "")
		if plain == text {
			return
		}
		for _, m := range statedChangeRe.FindAllStringSubmatchIndex(plain, -1) {
			if gluedNumber(plain, m[2]) || strings.Contains(text, plain[m[0]:m[1]]) {
				continue
			}
			c.statedChange(plain, m, Sentence{Text: sentenceSpan(plain, m[0], m[1]), Part: heading, Pos: pos, Block: text})
		}
	})
}

var (
	wanNumber = `([0-9][0-9,]*(?:\.[0-9]+)?)万元`
	// statedChangeRe: this year's figure, what it is compared with (and that
	// figure, if printed), the change and its percentage.
	statedChangeRe = regexp.MustCompile(wanNumber + `[。，,；]?` +
		`(?:与上年相比|比上年|较上年|与(?:19|20)[0-9]{2}年[^0-9，。；%]{0,10}?相比|(?:比|较)(?:19|20)[0-9]{2}年)[^0-9，。；%]{0,16}?` +
		`(?:` + wanNumber + `)?(?:相比)?[，,]?(增加|减少|增长|下降)了?` + wanNumber +
		`(?:[，,](增长|下降|增幅|减幅|降幅|增加|减少)了?([0-9]+(?:\.[0-9]+)?)%)?`)
)

// gluedNumber reports whether the number at byte i follows a letter or digit
// of a name, so that its first digits may be the name's.
func gluedNumber(text string, i int) bool {
	if i == 0 {
		return false
	}
	b := text[i-1]
	return b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b == '.'
}

// sentenceSpan is the sentences of text that hold bytes i to j.
func sentenceSpan(text string, i, j int) string {
	start := strings.LastIndex(text[:i], "。")
	if start < 0 {
		start = 0
	} else {
		start += len("。")
	}
	end := strings.Index(text[j:], "。")
	if end < 0 {
		return text[start:]
	}
	return text[start : j+end+len("。")]
}

func (c *Doc) statedChange(text string, m []int, s Sentence) {
	group := func(k int) string {
		if m[2*k] < 0 {
			return ""
		}
		return text[m[2*k]:m[2*k+1]]
	}
	loc := s.Loc()
	for _, f := range c.findings {
		if f.Location.Sentence == loc.Sentence && (strings.HasPrefix(f.Rule, "CHG") || f.Rule == "TXT-01") {
			return
		}
	}
	this, ok := parsePrinted(group(1))
	if !ok {
		return
	}
	verb, pctWord := group(3), group(5)
	change, ok := parsePrinted(group(4))
	if !ok {
		return
	}
	up := verb == "增加" || verb == "增长"
	signed := change.v
	if !up {
		signed = -signed
	}
	wan := func(v int64) string { return money.Amount(v / 10 * int64(money.Wan/100)).Format(money.UnitWan) }
	var last printed
	hasLast := false
	if g := group(2); g != "" {
		last, hasLast = parsePrinted(g)
	}
	if hasLast {
		want := this.v - last.v
		if !agree(want-signed, this, last, change) {
			c.Add(Finding{Rule: "CHG-01", Severity: Error, Location: loc, Expected: wan(abs(want)), Actual: wan(change.v),
				Message: fmt.Sprintf("文字称本年 %s万元、上年 %s万元，%s %s万元；两数实际相差 %s万元", wan(this.v), wan(last.v), verb, wan(change.v), wan(want))})
			return
		}
	}
	if pctWord == "" {
		return
	}
	pctUp := pctWord == "增长" || pctWord == "增幅" || pctWord == "增加"
	if pctUp != up {
		c.Add(Finding{Rule: "CHG-03", Severity: Error, Location: loc,
			Message: fmt.Sprintf("增减用词前后矛盾：先说“%s”，后说“%s”", verb, pctWord)})
		return
	}
	pct, ok := parsePercent(group(6))
	if !ok {
		return
	}
	// Last year's figure: printed, or this year's less the change.
	base, baseHalf := this.v-signed, this.half+change.half
	if hasLast {
		base, baseHalf = last.v, last.half
	}
	if base+baseHalf <= 0 && !hasLast && up {
		// An increase larger than this year's figure leaves last year at zero or
		// below, whatever the rounding: no percentage can be stated.
		c.Add(Finding{Rule: "CHG-02", Severity: Error, Location: loc, Actual: group(6) + "%",
			Message: fmt.Sprintf("本年 %s万元、%s %s万元，推得上年为 %s万元，不能计算百分比（文字为 %s%%）", wan(this.v), verb, wan(change.v), wan(base), group(6))})
		return
	}
	q, ok := percentOf(change.v-change.half, change.v+change.half, base-baseHalf, base+baseHalf)
	if !ok {
		return // too small a base to judge
	}
	if pct.fits(q) {
		return
	}
	exact := percentString(change.v, base, max(pct.digits, 1))
	f := Finding{Rule: "CHG-02", Severity: Error, Location: loc, Expected: exact + "%", Actual: group(6) + "%",
		Message: fmt.Sprintf("%s %s万元（上年 %s万元），应%s %s%%，文字为 %s%%", verb, wan(change.v), wan(base), pctWord, exact, group(6))}
	// One unit short in the last digit: the percentage was cut, not rounded.
	if pct.cutFrom(q) {
		f.Rule, f.Severity = "TAIL-01", Info
		f.Message = fmt.Sprintf("%s %s万元（上年 %s万元），四舍五入应为 %s%%，文字为 %s%%，似为截尾所致", verb, wan(change.v), wan(base), exact, group(6))
	}
	c.Add(f)
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
