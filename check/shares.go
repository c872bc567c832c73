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

// statedShares: a share the narrative states for a part (基本支出15,844.04万元，
// 占65.56%) is the part over the whole, within the rounding of the printed figures
// (TXT-08). The whole is the total the list of parts opens with (支出预算合计
// 24,169.74万元，其中：…), or, where no total opens it, the sum of the parts when
// their shares make 100%, within a point (人员支出…占49.4%；日常公用支出…占14.3%；项目支出…占36.3%);
// a share of a whole named otherwise (占部门支出总额的22.00%) is judged only when
// every part of the sentence is a share of that same whole and they make 100%.
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
	part   printed
	base   string // the whole named after 占 (“三公”经费), or ""
	pct    float64
	digits int
	text   string
}

var (
	shareRe      = regexp.MustCompile(`([0-9][0-9,]*(?:\.[0-9]+)?)万元[，,]?占(?:([^0-9，。；%]{1,12})的)?([0-9]+(?:\.[0-9]+)?)%`)
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
		pct, err := strconv.ParseFloat(s.Text[m[6]:m[7]], 64)
		if !ok || err != nil {
			continue
		}
		digits := 0
		if i := strings.IndexByte(s.Text[m[6]:m[7]], '.'); i >= 0 {
			digits = m[7] - m[6] - i - 1
		}
		base := ""
		if m[4] >= 0 {
			base = s.Text[m[4]:m[5]]
		}
		if first < 0 {
			first = m[0]
		}
		shares = append(shares, share{p, base, pct, digits, s.Text[m[0]:m[1]]})
	}
	if len(shares) == 0 {
		return
	}
	// The whole: the total a list opens with, right before its first share.
	var whole printed
	known := false
	if loc := lastMatch(shareTotalRe, s.Text[:first]); loc != nil && shares[0].base == "" && !changeClause(s.Text[:loc[2]]) {
		whole, known = parsePrinted(s.Text[loc[2]:loc[3]])
	}
	if !known {
		// The parts make the whole when they are all shares of one whole and make 100%.
		var sum float64
		var halves float64
		for _, sh := range shares {
			if sh.base != shares[0].base {
				return
			}
			sum += sh.pct
			halves += 0.5 * math.Pow(10, -float64(sh.digits))
			whole.v += sh.part.v
			whole.half += sh.part.half
		}
		// Within a point of 100%: one share misprinted still leaves the whole known.
		if len(shares) < 2 || math.Abs(sum-100) > 1+halves+1e-9 {
			return
		}
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

// formatThousandths writes a printed figure's value (thousandths of 万元) as 万元
// with two decimals.
func formatThousandths(v int64) string {
	return money.Amount(v / 10 * int64(money.Wan/100)).Format(money.UnitWan)
}

// judgeShare reports a share no pair of figures within their printed rounding gives.
func (c *Doc) judgeShare(s Sentence, sh share, whole printed) {
	if whole.v-whole.half <= 0 {
		return
	}
	lo := float64(sh.part.v-sh.part.half) / float64(whole.v+whole.half) * 100
	hi := float64(sh.part.v+sh.part.half) / float64(whole.v-whole.half) * 100
	unit := math.Pow(10, -float64(sh.digits))
	if sh.pct >= lo-unit/2-1e-9 && sh.pct <= hi+unit/2+1e-9 {
		return
	}
	exact := strconv.FormatFloat(float64(sh.part.v)/float64(whole.v)*100, 'f', max(sh.digits, 1), 64)
	got := strconv.FormatFloat(sh.pct, 'f', sh.digits, 64)
	wan := formatThousandths
	f := Finding{Rule: "TXT-08", Severity: Error, Location: s.Loc(), Expected: exact + "%", Actual: got + "%",
		Message: fmt.Sprintf("“%s”：%s万元占 %s万元应为 %s%%，文字为 %s%%", sh.text, wan(sh.part.v), wan(whole.v), exact, got)}
	if sh.pct < lo && sh.pct >= lo-unit-1e-9 {
		f.Rule, f.Severity = "TAIL-01", Info
		f.Message = fmt.Sprintf("“%s”：%s万元占 %s万元，四舍五入应为 %s%%，文字为 %s%%，似为截尾所致", sh.text, wan(sh.part.v), wan(whole.v), exact, got)
	}
	c.Add(f)
}
