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

// The execution of a 决算's budget, as its narrative states it: 年初预算为A万元，支出
// 决算为B万元，完成年初预算的P% (EXE-01), the direction it gives the difference
// (EXE-02), each 项's figures against table 5 (EXE-03) and the 项' budgets against
// the total (EXE-04), a reason for a large deviation (EXE-05), the 三公 figures
// against table 7 (EXE-06); and table 6 within the 三公 决算数.

var (
	// execRe is a budget against its actual: A, B and the completion rate P.
	execRe = regexp.MustCompile(`(?:年初)?预算(?:数)?为` + amountNum + `万元[，,](?:支出)?决算(?:数)?为` + amountNum + `万元(?:[，,]完成(?:年初)?预算的?` + pctNum + `%)?`)
	// itemRe opens a 项 of the list of 五（三）: 1、类名（类）款名（款）项名（项）.
	execItemRe = regexp.MustCompile(`(?:^|[。；\n])[0-9]{1,2}[、.．]([^。；\n]{0,40}?（类）)?([^。；\n（]{1,30}（款）)?([^。；\n（]{1,30})（项）`)
	// directionRe is how the narrative words the difference of B from A.
	directionRe = regexp.MustCompile(`决算数?(?:与预算数?)?(大于|小于|高于|低于|超过|基本持平|持平|等于)`)
	// sanGongExecRe is a 三公 part's (or the whole's) actual and completion rate.
	sanGongExecRe = regexp.MustCompile(`(三公[”“"]?经费|因公出国（境）费用?|公务用车购置及运行(?:维护)?费|公务用车购置费?|公务用车运行(?:维护)?费|公务接待费)(?:财政拨款)?(?:支出)?(?:年初预算为` + amountNum + `万元[，,])?(?:支出)?决算(?:数)?为` + amountNum + `万元(?:[，,]完成(?:年初)?预算的?` + pctNum + `%)?`)
)

const (
	amountNum = `(-?[0-9][0-9,]*(?:\.[0-9]+)?)`
	pctNum    = `(-?[0-9]+(?:\.[0-9]+)?)`
)

// execFigure is one statement of a budget against its actual.
type execFigure struct {
	s              Sentence
	budget, actual money.Amount
	// bRound and aRound are how many of two decimals the budget and the actual
	// leave out (rounded).
	bRound, aRound int
	pct            percent
	hasPct         bool
	budgetPrinted  string
	actualPrinted  string
	pctPrinted     string
	// directionWord is how the text words the actual against the budget (小于…).
	directionWord string
	reasonGiven   bool
	// itemName are the 类, 款 and 项 names of the item the statement belongs to.
	itemName   []string
	itemNumber int
	inItem     bool
}

// segment is a run of a part's blocks between two headings, as one text.
type segment struct {
	part string
	text string
	pos  []disclosure.Pos // the position of each block
	at   []int            // where each block starts in text
}

func (g segment) posAt(i int) disclosure.Pos {
	p := disclosure.Pos{}
	for k, a := range g.at {
		if a <= i {
			p = g.pos[k]
		}
	}
	return p
}

// segments splits the narrative into runs of blocks between headings.
func (c *Doc) segments() []segment {
	var out []segment
	for _, p := range c.doc.Parts {
		cur := segment{part: p.Heading()}
		flush := func() {
			if cur.text != "" {
				out = append(out, cur)
			}
			cur = segment{part: p.Heading()}
		}
		for _, b := range p.Blocks {
			switch b.Kind {
			case disclosure.Heading:
				flush()
			case disclosure.TableRef:
			default:
				cur.at = append(cur.at, len(cur.text))
				cur.pos = append(cur.pos, b.Pos)
				cur.text += Normalize(b.Text) + "\n"
			}
		}
		flush()
	}
	return out
}

// execution runs the 决算's rules on budget against actual.
func (c *Doc) execution() {
	if !c.final() {
		return
	}
	for _, g := range c.segments() {
		figs := execFigures(g)
		for i := range figs {
			c.completion(&figs[i], "")
			c.direction(&figs[i])
		}
		c.execItems(g, figs)
	}
	c.sanGongExecution()
}

// execFigures finds the statements of a segment and the 项 each belongs to.
func execFigures(g segment) []execFigure {
	items := execItemRe.FindAllStringSubmatchIndex(g.text, -1)
	var out []execFigure
	for _, m := range execRe.FindAllStringSubmatchIndex(g.text, -1) {
		f := execFigure{}
		f.budgetPrinted, f.actualPrinted = g.text[m[2]:m[3]], g.text[m[4]:m[5]]
		var ok1, ok2 bool
		f.budget, ok1 = ParseWan(f.budgetPrinted)
		f.actual, ok2 = ParseWan(f.actualPrinted)
		if !ok1 || !ok2 {
			continue
		}
		f.bRound, f.aRound = rounded(f.budgetPrinted), rounded(f.actualPrinted)
		if m[6] >= 0 {
			f.pctPrinted = g.text[m[6]:m[7]]
			f.pct, f.hasPct = parsePercent(f.pctPrinted)
		}
		// The 项 it belongs to: the last item opened before it.
		for k, it := range items {
			if it[0] > m[0] {
				break
			}
			f.inItem, f.itemNumber = true, k+1
			f.itemName = nil
			for j := 2; j < 8; j += 2 {
				name := ""
				if it[j] >= 0 {
					name = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(g.text[it[j]:it[j+1]], "（类）"), "（款）"), "（项）")
				}
				f.itemName = append(f.itemName, strings.TrimLeft(name, "。；\n"))
			}
		}
		// The wording of the difference, before the next statement or item.
		rest := g.text[m[1]:]
		if next := execRe.FindStringIndex(rest); next != nil {
			rest = rest[:next[0]]
		}
		if next := execItemRe.FindStringIndex(rest); next != nil {
			rest = rest[:next[0]]
		}
		if d := directionRe.FindStringSubmatch(rest); d != nil {
			f.directionWord = d[1]
		}
		f.reasonGiven = strings.Contains(rest, "原因")
		start := g.posAt(m[0])
		f.s = Sentence{Text: sentenceSpan(g.text, m[0], m[1]), Part: g.part, Pos: start, Block: g.text}
		out = append(out, f)
	}
	return out
}

// completion: P = B ÷ A at P's printed precision, A and B each within half their
// last printed place (EXE-01). A zero budget gives no rate to check.
func (c *Doc) completion(f *execFigure, what string) {
	if !f.hasPct || f.budget <= 0 {
		return
	}
	if q, ok := rateBounds(f.actual, f.aRound, f.budget, f.bRound); !ok || f.pct.fits(q) {
		return
	}
	want := percentString(int64(f.actual), int64(f.budget), max(f.pct.digits, 2)) + "%"
	c.Add(Finding{Rule: "EXE-01", Severity: Error, Location: f.s.Loc(), Expected: want, Actual: f.pctPrinted + "%",
		Message: fmt.Sprintf("%s年初预算 %s万元、支出决算 %s万元，完成率应为 %s，文字为 %s%%", what, f.budgetPrinted, f.actualPrinted, want, f.pctPrinted)})
}

// rateBounds are the B ÷ A (in percent) that printed figures may stand for, each
// within half its last printed place (neither below zero, A at least 1分); false
// when they stand for none.
func rateBounds(b money.Amount, bRound int, a money.Amount, aRound int) (quotients, bool) {
	hb, ha := place(bRound)/2, place(aRound)/2
	return percentOf(int64(max(b-hb, 0)), int64(b+hb), int64(max(a-ha, 1)), int64(a+ha))
}

// direction: the word for B against A follows B − A (EXE-02). 基本持平 is never an
// error; it is remarked on when the difference passes 5% of A.
func (c *Doc) direction(f *execFigure) {
	if f.directionWord == "" {
		return
	}
	diff := f.actual.Hundredths(money.UnitWan) - f.budget.Hundredths(money.UnitWan)
	wan := money.UnitWan
	var wrong bool
	switch f.directionWord {
	case "大于", "高于", "超过":
		wrong = diff < 0
	case "小于", "低于":
		wrong = diff > 0
	case "持平", "等于":
		wrong = f.bRound == 0 && f.aRound == 0 && diff != 0
	case "基本持平":
		if f.budget > 0 && abs(diff)*100 > 5*f.budget.Hundredths(wan) {
			c.Add(Finding{Rule: "EXE-02", Severity: Info, Location: f.s.Loc(), Actual: "基本持平",
				Message: fmt.Sprintf("年初预算 %s万元、支出决算 %s万元，相差 %s%%，文字称“基本持平”", f.budgetPrinted, f.actualPrinted, percentString(abs(diff), f.budget.Hundredths(wan), 1))})
		}
		return
	}
	if !wrong {
		return
	}
	want := "决算数与预算数持平"
	switch {
	case diff > 0:
		want = "决算数大于预算数"
	case diff < 0:
		want = "决算数小于预算数"
	}
	c.Add(Finding{Rule: "EXE-02", Severity: Error, Location: f.s.Loc(), Expected: want, Actual: f.directionWord,
		Message: fmt.Sprintf("年初预算 %s万元、支出决算 %s万元，应为“%s”，文字称决算数“%s”预算数", f.budgetPrinted, f.actualPrinted, want, f.directionWord)})
}

// execItems: each 项's actual is table 5's figure for it (EXE-03); the 项' budgets
// add up to the total stated before them (EXE-04); a large deviation gives its
// reason (EXE-05).
func (c *Doc) execItems(g segment, figs []execFigure) {
	var total *execFigure
	var items []execFigure
	seen := map[int]bool{}
	for i := range figs {
		f := &figs[i]
		if !f.inItem {
			if len(items) == 0 {
				total = f
			}
			continue
		}
		if seen[f.itemNumber] {
			continue // the item's first statement is its own
		}
		seen[f.itemNumber] = true
		items = append(items, *f)
		c.itemActual(f)
		if f.budget > 0 && !f.reasonGiven {
			// 10% or more off, compared exactly; the message shows it to one decimal.
			if dev := (f.actual - f.budget).Abs(); 10*dev >= f.budget {
				c.Add(Finding{Rule: "EXE-05", Severity: Warning, Location: f.s.Loc(),
					Message: fmt.Sprintf("“%s（项）”年初预算 %s万元、支出决算 %s万元，相差 %s%%，未说明原因", f.itemName[2], f.budgetPrinted, f.actualPrinted, percentString(int64(dev), int64(f.budget), 1))})
			}
		}
	}
	// Only a whole list, numbered 1…n with one statement each, adds up.
	if total == nil || len(items) < 2 || len(items) != countItems(g.text) {
		return
	}
	parts := make([]money.Amount, len(items))
	for i, it := range items {
		if it.bRound != 0 {
			return
		}
		parts[i] = it.budget
	}
	if total.bRound != 0 {
		return
	}
	c.budgetSum(total, parts)
}

// budgetSum compares the stated total budget with its 项' budgets (EXE-04); a
// difference within their rounding is a tail.
func (c *Doc) budgetSum(total *execFigure, parts []money.Amount) {
	var sum money.Amount
	for _, p := range parts {
		sum += p
	}
	wan := money.UnitWan
	if sum.Hundredths(wan) == total.budget.Hundredths(wan) {
		return
	}
	diff := total.budget - sum
	f := Finding{Rule: "EXE-04", Severity: Error, Location: total.s.Loc(), Expected: sum.Format(wan), Actual: total.budget.Format(wan), Difference: diff.Format(wan),
		Message: fmt.Sprintf("文字所述年初预算为 %s万元，所列 %d 项科目的年初预算相加为 %s万元", total.budget.Format(wan), len(parts), sum.Format(wan))}
	if diff.Abs().Hundredths(wan)*2 <= int64(len(parts)+1) {
		f.Rule, f.Severity = "TAIL-01", Info
		f.Message += "，在四舍五入尾数误差范围内"
	}
	c.Add(f)
}

// countItems counts the 项 a segment lists, when they are numbered 1…n in order;
// -1 otherwise.
func countItems(text string) int {
	ms := execItemRe.FindAllStringIndex(text, -1)
	for i, m := range ms {
		num := strings.TrimLeft(text[m[0]:m[1]], "。；\n")
		if !strings.HasPrefix(num, strconv.Itoa(i+1)) {
			return -1
		}
	}
	return len(ms)
}

// itemActual: the 项 named 类名（类）款名（款）项名（项） is one row of table 5 (or of the
// 支出决算表), whose 合计 the item's actual must show.
func (c *Doc) itemActual(f *execFigure) {
	if len(f.itemName) != 3 || f.itemName[2] == "" {
		return
	}
	v := c.tables[disclosure.GPFunctionalTable]
	if v == nil || !v.Has("total") {
		return
	}
	r := findItemRow(v, f.itemName)
	if r < 0 {
		return
	}
	want, ok := v.Amount(r, "total")
	if !ok {
		return
	}
	if f.aRound > 0 {
		if SamePrinted(f.actual, want, f.aRound, 0) {
			return
		}
	} else if f.actual == want {
		return
	}
	wan := money.UnitWan
	c.Add(Finding{Rule: "EXE-03", Severity: Error, Location: f.s.Loc(), Expected: want.Format(wan), Actual: f.actual.Format(wan),
		Difference: (f.actual - want).Format(wan),
		Message:    fmt.Sprintf("“%s（项）”支出决算为 %s万元，%s（%s）为 %s万元", f.itemName[2], f.actual.Format(wan), v.Label, v.T.Rows[r].Code, want.Format(wan))})
}

// findItemRow finds the one row of a functional table whose 项 bears the item's
// name under the named 款 and 类 (each name optional); -1 when none or several do.
func findItemRow(v *View, names []string) int {
	byCode := map[string]string{}
	for r, row := range v.T.Rows {
		if row.Code != "" {
			byCode[row.Code] = v.Text(r, "name")
		}
	}
	same := func(code, name string) bool {
		if name == "" {
			return true
		}
		got, ok := byCode[code]
		if !ok {
			return false
		}
		return classification.SameName(got, name) || classification.SameName(got, name+"支出")
	}
	at := -1
	for r, row := range v.T.Rows {
		if len(row.Code) != 7 || !same(row.Code, names[2]) || !same(row.Code[:5], names[1]) || !same(row.Code[:3], names[0]) {
			continue
		}
		if at >= 0 {
			return -1
		}
		at = r
	}
	return at
}

// sanGongExecution: the 三公 figures the narrative states, budget and actual, are
// table 7's (EXE-06), and each completion rate follows from them (EXE-01).
func (c *Doc) sanGongExecution() {
	v := c.tables[disclosure.SanGongTable]
	if v == nil || !v.Has("total") {
		return
	}
	r := TopRow(v)
	if len(v.body) == 1 {
		r = 0
	}
	if r < 0 {
		return
	}
	keyOf := func(name string) string {
		switch {
		case strings.HasPrefix(name, "三公"):
			return "total"
		case strings.HasPrefix(name, "因公出国"):
			return "abroad"
		case strings.HasPrefix(name, "公务用车购置及运行"):
			return "car"
		case strings.HasPrefix(name, "公务用车购置"):
			return "car_purchase"
		case strings.HasPrefix(name, "公务用车运行"):
			return "car_running"
		case strings.HasPrefix(name, "公务接待"):
			return "reception"
		}
		return ""
	}
	wan := money.UnitWan
	for _, g := range c.segments() {
		for _, m := range sanGongExecRe.FindAllStringSubmatchIndex(g.text, -1) {
			key := keyOf(g.text[m[2]:m[3]])
			if key == "" || !v.Has(key) || c.otherYear(g.text, m[0]) {
				continue
			}
			s := Sentence{Text: sentenceSpan(g.text, m[0], m[1]), Part: g.part, Pos: g.posAt(m[0]), Block: g.text}
			name := g.text[m[2]:m[3]]
			f := execFigure{s: s, actualPrinted: g.text[m[6]:m[7]]}
			var ok bool
			if f.actual, ok = ParseWan(f.actualPrinted); !ok {
				continue
			}
			f.aRound = rounded(f.actualPrinted)
			want, _ := v.Amount(r, key)
			if !SamePrinted(f.actual, want, f.aRound, 0) {
				c.Add(Finding{Rule: "EXE-06", Severity: Error, Location: s.Loc(), Expected: want.Format(wan), Actual: f.actual.Format(wan),
					Difference: (f.actual - want).Format(wan),
					Message:    fmt.Sprintf("文字中%s决算数为 %s万元，%s决算数为 %s万元", name, f.actual.Format(wan), v.Label, want.Format(wan))})
				continue
			}
			budget, hasBudget := v.Amount(r, "budget."+key)
			hasBudget = hasBudget && v.Has("budget."+key)
			if m[4] >= 0 {
				f.budgetPrinted = g.text[m[4]:m[5]]
				if f.budget, ok = ParseWan(f.budgetPrinted); !ok {
					continue
				}
				f.bRound = rounded(f.budgetPrinted)
				if hasBudget && !SamePrinted(f.budget, budget, f.bRound, 0) {
					c.Add(Finding{Rule: "EXE-06", Severity: Error, Location: s.Loc(), Expected: budget.Format(wan), Actual: f.budget.Format(wan),
						Difference: (f.budget - budget).Format(wan),
						Message:    fmt.Sprintf("文字中%s年初预算为 %s万元，%s预算数为 %s万元", name, f.budget.Format(wan), v.Label, budget.Format(wan))})
					continue
				}
			} else if hasBudget {
				f.budget, f.budgetPrinted = budget, budget.Format(wan)
			} else {
				continue
			}
			if m[8] >= 0 {
				f.pctPrinted = g.text[m[8]:m[9]]
				f.pct, f.hasPct = parsePercent(f.pctPrinted)
				c.completion(&f, name)
			}
		}
	}
}

// finalSanGongCodes: in a 决算, table 6's 30212, 30217, 31013 and 30231 count only
// this year's basic spending of 一般公共预算 money, while the 三公 决算数 counts project
// spending and carried-over money too: table 6 may not exceed it.
func (c *Doc) finalSanGongCodes() {
	if !c.final() {
		return
	}
	s7, e6 := c.tables[disclosure.SanGongTable], c.tables[disclosure.GPBasicTable]
	if s7 == nil || e6 == nil {
		return
	}
	r7 := TopRow(s7)
	if len(s7.body) == 1 {
		r7 = 0
	}
	if r7 < 0 {
		return
	}
	byCode := economicAmounts(e6)
	for _, it := range classification.SanGong {
		got, ok := s7.Amount(r7, it.Key)
		if !ok || !s7.Has(it.Key) {
			continue
		}
		var sum money.Amount
		found := false
		for _, code := range it.Codes {
			if a, ok := byCode[code]; ok {
				sum += a
				found = true
			}
		}
		if !found || sum <= got {
			continue
		}
		u := s7.Unit
		c.Add(Finding{Rule: "X-04", Severity: Error, Location: s7.At(r7, it.Key), Expected: "≥ " + sum.Format(u), Actual: got.Format(u),
			Difference: (got - sum).Format(u),
			Message:    fmt.Sprintf("%s决算数为 %s，小于%s经济科目 %s 的 %s（“三公”经费决算数含基本支出，不应小于它）", it.Name, got.Format(u), e6.Label, strings.Join(it.Codes, "、"), sum.Format(u))})
	}
}

// economicAmounts are the amounts of a basic-spending table by economic code, in
// each of its halves (a 决算's table 6 prints 人员经费 and 公用经费 side by side:
// code, name, total and code#2, name#2, total#2); a code printed as 类 and 款 in
// two columns is joined. A code printed twice is left out.
func economicAmounts(v *View) map[string]money.Amount {
	out := map[string]money.Amount{}
	twice := map[string]bool{}
	for _, sfx := range []string{"", "#2", "#3"} {
		if !v.Has("total" + sfx) {
			continue
		}
		for r := range v.body {
			code := v.Text(r, "code"+sfx)
			if code == "" && v.Has("code_class"+sfx) {
				code = v.Text(r, "code_class"+sfx) + v.Text(r, "code_item"+sfx)
			}
			code = strings.ReplaceAll(code, " ", "")
			if len(code) != 5 {
				continue
			}
			a, ok := v.Amount(r, "total"+sfx)
			if !ok {
				continue
			}
			if _, seen := out[code]; seen {
				twice[code] = true
			}
			out[code] = a
		}
	}
	for code := range twice {
		delete(out, code)
	}
	return out
}
