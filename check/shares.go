package check

import (
	"fmt"
	"math/big"
	"regexp"
	"strings"

	"yusuan/disclosure"
	"yusuan/money"
)

// statedShares: a share the narrative states for a part (基本支出15,844.04万元，
// 占65.56%) is the part over the whole, within the rounding of the printed figures
// (TXT-08). The whole is the total the list of parts opens with (支出预算合计
// 24,169.74万元，其中：…), or, where no total opens it, the sum of the parts when
// their shares make 100%, within a point (人员支出…占49.4%；日常公用支出…占14.3%；项目支出…占36.3%);
// a share of a whole named in words (占本年支出合计的100%, 占本年支出预算63.99%,
// 占部门支出总额的22.00%) is judged against the tables' figures that name may
// stand for (namedWholes), and is wrong only when none of them gives it; a whole
// named otherwise (“三公”经费) only when every part of the sentence is a share of
// it and they make 100%. A whole that cannot be told is left alone, as are shares
// stated in words (三分之一, 过半, 近六成), which print no precision to judge by.
// A share one unit short in its last digit was cut, not rounded: a remark.
func (c *Doc) statedShares() {
	c.eachRun(func(heading string, pos disclosure.Pos, text string) {
		for _, sent := range strings.SplitAfter(text, "。") {
			c.sentenceShares(Sentence{Text: sent, Part: heading, Pos: pos, Block: text})
		}
	})
}

// eachRun calls fn with the narrative's paragraphs, a list's items joined to the
// paragraph that opens it: blocks are joined until one ends a sentence (。) or
// does not end as a list item does (；：，).
func (c *Doc) eachRun(fn func(heading string, pos disclosure.Pos, text string)) {
	for _, p := range c.doc.Parts {
		heading := p.Heading()
		var run strings.Builder
		var at disclosure.Pos
		flush := func() {
			if run.Len() > 0 {
				fn(heading, at, run.String())
			}
			run.Reset()
		}
		for _, b := range p.Blocks {
			if b.Kind == disclosure.TableRef || b.Kind == disclosure.Heading {
				flush()
				continue
			}
			text := Normalize(b.Text)
			if run.Len() == 0 {
				at = b.Pos
			}
			run.WriteString(text)
			if !strings.HasSuffix(text, "；") && !strings.HasSuffix(text, "：") && !strings.HasSuffix(text, "，") {
				flush()
			}
		}
		flush()
	}
}

// share is a part and the share of the whole stated for it.
type share struct {
	part printed
	base string // the whole named after 占 (“三公”经费), or ""
	pct  percent
	text string
}

var (
	shareRe      = regexp.MustCompile(`([0-9][0-9,]*(?:\.[0-9]+)?)万元[，,]?占(?:比|([^0-9，。；%]{1,12}?)的?)?([0-9]+(?:\.[0-9]+)?)%`)
	shareTotalRe = regexp.MustCompile(`([0-9][0-9,]*(?:\.[0-9]+)?)万元[，,]?(?:其中|包括)[：:，,]?`)
)

func (c *Doc) sentenceShares(s Sentence) {
	var shares []share
	first := -1
	for _, m := range shareRe.FindAllStringSubmatchIndex(s.Text, -1) {
		if gluedNumber(s.Text, m[2]) {
			continue
		}
		p, ok := parsePrinted(s.Text[m[2]:m[3]])
		pct, okPct := parsePercent(s.Text[m[6]:m[7]])
		if !ok || !okPct {
			continue
		}
		base := ""
		if m[4] >= 0 {
			base = s.Text[m[4]:m[5]]
		}
		if first < 0 {
			first = m[0]
		}
		shares = append(shares, share{p, base, pct, s.Text[m[0]:m[1]]})
	}
	if len(shares) == 0 {
		return
	}
	if shares[0].base != "" {
		if wholes := c.namedWholes(shares[0].base); len(wholes) > 0 {
			if sum, ok := partsWhole(shares); ok {
				wholes = append(wholes, sum)
			}
			for _, sh := range shares {
				if sh.base == shares[0].base {
					c.judgeShareOf(s, sh, wholes)
				}
			}
			return
		}
	}
	// The whole: the total a list opens with, right before its first share.
	var whole printed
	known := false
	if loc := lastMatch(shareTotalRe, s.Text[:first]); loc != nil && shares[0].base == "" && !changeClause(s.Text[:loc[2]]) {
		whole, known = parsePrinted(s.Text[loc[2]:loc[3]])
	}
	if !known {
		// The parts make the whole when they are all shares of one whole and make
		// 100% within a point: one share misprinted still leaves the whole known.
		// Else the parts still make the whole when, added up, they are a total the
		// tables print (支出包括：一般公共服务支出…占81.65%；… adding up to the
		// 财政拨款 spending of 表4), within their rounding.
		sum, hundred, ok := sumOfParts(shares)
		if !ok || !hundred && !c.printedTotal(spanOf(sum)) {
			return
		}
		whole = sum
	}
	for _, sh := range shares {
		c.judgeShare(s, sh, whole)
	}
}

// lastMatch is the last match of re in s, as submatch indexes.
func lastMatch(re *regexp.Regexp, s string) []int {
	all := re.FindAllStringSubmatchIndex(s, -1)
	if len(all) == 0 {
		return nil
	}
	return all[len(all)-1]
}

// judgeShare reports a share no pair of figures within their printed rounding gives.
func (c *Doc) judgeShare(s Sentence, sh share, whole printed) {
	q, ok := percentOf(sh.part.v-sh.part.half, sh.part.v+sh.part.half, whole.v-whole.half, whole.v+whole.half)
	if !ok || sh.pct.fits(q) {
		return
	}
	exact := percentString(sh.part.v, whole.v, max(sh.pct.digits, 1))
	got := sh.pct.String()
	wan := formatThousandths
	f := Finding{Rule: "TXT-08", Severity: Error, Location: s.Loc(), Expected: exact + "%", Actual: got + "%",
		Message: fmt.Sprintf("“%s”：%s万元占 %s万元应为 %s%%，文字为 %s%%", sh.text, wan(sh.part.v), wan(whole.v), exact, got)}
	if sh.pct.cutFrom(q) {
		f.Rule, f.Severity = "TAIL-01", Info
		f.Message = fmt.Sprintf("“%s”：%s万元占 %s万元，四舍五入应为 %s%%，文字为 %s%%，似为截尾所致", sh.text, wan(sh.part.v), wan(whole.v), exact, got)
	}
	c.Add(f)
}

// span is a figure as printed, in 分, and its last printed place: it stands for
// any amount within half of step of v.
type span struct {
	v, step money.Amount
	source  string
}

func spanOf(p printed) span {
	// printed counts thousandths of 万元: 1,000 分 each.
	return span{v: money.Amount(p.v * 1000), step: money.Amount(2 * p.half * 1000)}
}

// within is the interval of the amounts the span stands for, doubled so that
// half a step of 1分 stays whole.
func (s span) within() (lo, hi int64) {
	return int64(2*s.v - s.step), int64(2*s.v + s.step)
}

// sumOfParts is the sum of a sentence's parts when they are all shares of one
// whole (ok), and whether their shares make 100% within a point and the halves
// of their last decimals (hundred).
func sumOfParts(shares []share) (sum printed, hundred, ok bool) {
	pct, tol := new(big.Rat), big.NewRat(1, 1)
	for _, sh := range shares {
		if sh.base != shares[0].base {
			return printed{}, false, false
		}
		pct.Add(pct, sh.pct.v)
		half := sh.pct.unit()
		tol.Add(tol, half.Quo(half, big.NewRat(2, 1)))
		sum.v += sh.part.v
		sum.half += sh.part.half
	}
	if len(shares) < 2 {
		return printed{}, false, false
	}
	off := pct.Sub(pct, big.NewRat(100, 1))
	return sum, off.Abs(off).Cmp(tol) <= 0, true
}

// partsWhole is the whole a sentence's shares are parts of when they are all
// shares of one whole and make 100%, within a point.
func partsWhole(shares []share) (span, bool) {
	sum, hundred, ok := sumOfParts(shares)
	if !ok || !hundred {
		return span{}, false
	}
	w := spanOf(sum)
	w.source = "所列各项之和"
	return w, true
}

// wholePrefixRe are words before the name of a whole that do not change which
// whole it is (本年, 部门, 2026年…).
var wholePrefixRe = regexp.MustCompile(`^(?:本部门|部门|本单位|单位|本年度?|年度|全年|当年|(?:19|20)[0-9]{2}年度?)+`)

// namedWholes are the figures the tables print that a share's whole, named in
// words, may stand for: this year's spending or income in all (本年支出合计,
// 支出总计, 部门支出总额, 本年支出预算…) in the 收支总表, the 财政拨款收支总表 and
// the 一般公共预算 table, or 一般公共预算/财政拨款 spending. Any other name (项目支出,
// “三公”经费, a 类) gives none: its whole is not told from the words.
func (c *Doc) namedWholes(base string) []span {
	name := wholePrefixRe.ReplaceAllString(Normalize(base), "")
	side := ""
	for _, w := range []string{"支出", "收入"} {
		for _, form := range []string{w, w + "合计", w + "总计", w + "总额", "总" + w, w + "预算", w + "预算总额", w + "总预算", w + "预算合计", w + "预算总计"} {
			for _, fund := range []string{"", "财政拨款", "一般公共预算", "一般公共预算拨款", "一般公共预算财政拨款"} {
				if name == fund+form {
					side = w
				}
			}
		}
	}
	if side == "" {
		return nil
	}
	var out []span
	add := func(kind disclosure.TableKind, r int, key string) {
		v := c.tables[kind]
		if v == nil || r < 0 {
			return
		}
		if a, ok := v.Amount(r, key); ok && v.Printed(r, key) && a > 0 {
			out = append(out, span{v: a, step: v.step, source: v.Label})
		}
	}
	item, amt := "spending_item", "spending"
	if side == "收入" {
		item, amt = "income_item", "income"
	}
	for _, kind := range []disclosure.TableKind{disclosure.SummaryTable, disclosure.FiscalSummaryTable} {
		if v := c.tables[kind]; v != nil {
			add(kind, v.FindRow(item, "本年"+side+"合计", "本年"+side), amt)
			add(kind, v.FindRow(item, side+"总计"), amt)
		}
	}
	if side == "支出" {
		for _, kind := range []disclosure.TableKind{disclosure.GPFunctionalTable, disclosure.SpendingTable} {
			add(kind, TopRow(c.tables[kind]), "total")
		}
	}
	return out
}

// judgeShareOf reports a share that none of the wholes it may be of gives, within
// the rounding of the part and the whole as printed.
func (c *Doc) judgeShareOf(s Sentence, sh share, wholes []span) {
	part := spanOf(sh.part)
	n0, n1 := part.within()
	var best span
	var bestGap *big.Rat
	cut := false
	for _, w := range wholes {
		d0, d1 := w.within()
		q, ok := percentOf(n0, n1, d0, d1)
		if !ok {
			continue
		}
		if sh.pct.fits(q) {
			return
		}
		if sh.pct.cutFrom(q) {
			cut = true
		}
		if gap := sh.pct.distance(q); bestGap == nil || gap.Cmp(bestGap) < 0 {
			best, bestGap = w, gap
		}
	}
	if bestGap == nil {
		return
	}
	wan := func(v money.Amount) string { return v.Format(money.UnitWan) }
	exact := percentString(int64(part.v), int64(best.v), max(sh.pct.digits, 1))
	got := sh.pct.String()
	f := Finding{Rule: "TXT-08", Severity: Error, Location: s.Loc(), Expected: exact + "%", Actual: got + "%",
		Message: fmt.Sprintf("“%s”：%s万元占%s（%s为 %s万元）应为 %s%%，文字为 %s%%", sh.text, wan(part.v), sh.base, best.source, wan(best.v), exact, got)}
	if cut {
		f.Rule, f.Severity = "TAIL-01", Info
		f.Message = fmt.Sprintf("“%s”：%s万元占%s（%s为 %s万元），四舍五入应为 %s%%，文字为 %s%%，似为截尾所致", sh.text, wan(part.v), sh.base, best.source, wan(best.v), exact, got)
	}
	c.Add(f)
}

// printedTotal reports whether a sum of printed parts is, within the rounding of
// the parts and the cell, one of the spending or income totals the tables print.
func (c *Doc) printedTotal(sum span) bool {
	for _, w := range append(c.namedWholes("支出"), c.namedWholes("收入")...) {
		if 2*(sum.v-w.v).Abs() <= sum.step+w.step {
			return true
		}
	}
	return false
}
