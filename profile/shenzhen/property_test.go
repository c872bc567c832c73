package shenzhen_test

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"regexp"
	"strings"
	"testing"
	"time"

	"yusuan/budget"
	"yusuan/budget/budgettest"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/money"
)

// TestIdentities derives the document of random budgets and checks every identity of
// DOMAIN.md §5 on the derived tables and narrative: exactly on the amounts, and on the
// printed values within the rounding tolerance of n × 0.005 万元 for n added cells.
func TestIdentities(t *testing.T) {
	seeds := int64(200)
	if testing.Short() {
		seeds = 40
	}
	start := time.Now()
	for seed := int64(0); seed < seeds; seed++ {
		ok := t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			b := budgettest.Random(rand.New(rand.NewSource(seed)), budgettest.Options{Classified: seed%4 == 0})
			doc := derive(t, b)
			c := &checker{doc: doc, b: b}
			if doc.Format == "shenzhen-2026" {
				c.check2026()
			} else {
				c.check()
			}
			for _, p := range c.problems {
				t.Errorf("seed %d: %s", seed, p)
			}
		})
		if !ok {
			t.Fatalf("stopping at the first failing seed; reproduce with budgettest.Random(rand.New(rand.NewSource(%d)), budgettest.Options{Classified: %v})", seed, seed%4 == 0)
		}
	}
	t.Logf("%d random budgets in %v", seeds, time.Since(start))
}

// publicProject reports whether a project may be shown: neither it nor its unit is
// classified.
func publicProject(b *budget.Budget) bool {
	for _, p := range b.Projects {
		if !p.Classified && !b.Unit(p.Unit).Classified {
			return true
		}
	}
	return false
}

// TestIdentityCheckerCatchesErrors breaks one number at a time in a copy of a derived
// document and requires the checker to report it: a checker that never fails proves nothing.
func TestIdentityCheckerCatchesErrors(t *testing.T) {
	// The first seed with several units and projects (one of them public),
	// procurement and 三公 spending.
	var doc *disclosure.Document
	var b *budget.Budget
	for seed := int64(0); ; seed++ {
		b = budgettest.Random(rand.New(rand.NewSource(seed)), budgettest.Options{Classified: true})
		if b.Year < 2026 && len(b.Units) >= 2 && len(b.Projects) >= 2 && len(b.Procurement) > 0 && sanGongSpent(b) && publicProject(b) {
			doc = derive(t, b)
			break
		}
	}
	if p := checkIdentities(doc, b); len(p) > 0 {
		t.Fatalf("the unbroken document already fails:\n%s", strings.Join(p, "\n"))
	}
	const wan = money.Wan
	tests := []struct {
		name   string
		want   string // a part of the report
		mutate func(d *disclosure.Document, b *budget.Budget)
	}{
		{"one 分 in a 项 of table 3", "表3", func(d *disclosure.Document, _ *budget.Budget) { bump(firstCoded(tableOf(d, 3), 7), 4, 1) }},
		{"one 万元 in a 款 of table 7", "表7", func(d *disclosure.Document, _ *budget.Budget) { bump(firstCoded(tableOf(d, 7), 5), 3, wan) }},
		{"basic of table 8's total", "表8", func(d *disclosure.Document, _ *budget.Budget) { bump(&tableOf(d, 8).Rows[0], 4, 1) }},
		{"personnel of table 4", "表4", func(d *disclosure.Document, _ *budget.Budget) { bump(firstCoded(tableOf(d, 4), 3), 4, 1) }},
		{"收入总计 of table 1", "表1", func(d *disclosure.Document, _ *budget.Budget) { bump(rowByText(tableOf(d, 1), "收入总计"), 1, 1) }},
		{"上年结余 of table 6", "表6", func(d *disclosure.Document, _ *budget.Budget) {
			bump(rowByText(tableOf(d, 6), "上年结余、结转"), 1, 1)
		}},
		{"a project of table 5", "表5", func(d *disclosure.Document, _ *budget.Budget) { bump(&tableOf(d, 5).Rows[1], 4, 1) }},
		{"增减 of table 9", "表9", func(d *disclosure.Document, _ *budget.Budget) { bump(&tableOf(d, 9).Rows[2], 5, 1) }},
		{"a task of table 12", "表12", func(d *disclosure.Document, _ *budget.Budget) {
			r := firstTask(tableOf(d, 12))
			bump(r, len(r.Cells)-1, 1)
		}},
		{"第三部分 personnel", "第三部分", func(d *disclosure.Document, _ *budget.Budget) { editPart(d, 3, "人员支出", "人员支出9") }},
		{"第四部分 goods", "第四部分", func(d *disclosure.Document, _ *budget.Budget) { editPart(d, 4, "货物类项目", "货物类项目9") }},
		{"第五部分 abroad", "第五部分", func(d *disclosure.Document, _ *budget.Budget) { editPart(d, 5, "预算数", "预算数1") }},
		{"第二部分 last year's income", "第二部分", func(_ *disclosure.Document, b *budget.Budget) { b.LastYear.Income += 3 * wan }},
		{"第三部分 a project's last year", "第三部分", func(_ *disclosure.Document, b *budget.Budget) {
			for i := range b.Projects {
				if p := &b.Projects[i]; !p.Classified && !b.Unit(p.Unit).Classified {
					last := 7 * wan
					if p.LastYear != nil {
						last = *p.LastYear + 7*wan
					}
					p.LastYear = &last
					return
				}
			}
			panic("no public project")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, b := copyDoc(t, doc), copyBudget(t, b)
			tc.mutate(d, b)
			problems := checkIdentities(d, b)
			if len(problems) == 0 {
				t.Fatalf("the checker accepts a broken document (%s)", tc.name)
			}
			if !strings.Contains(strings.Join(problems, "\n"), tc.want) {
				t.Errorf("the reports do not name %s:\n%s", tc.want, strings.Join(problems, "\n"))
			}
		})
	}
}

func sanGongSpent(b *budget.Budget) bool {
	for _, li := range b.Items {
		if li.SourceFund().Fiscal() && li.Amount > 0 && (li.Economic == "30217" || li.Economic == "30212") {
			return true
		}
	}
	return false
}

func copyDoc(t *testing.T, doc *disclosure.Document) *disclosure.Document {
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var out disclosure.Document
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return &out
}

func copyBudget(t *testing.T, b *budget.Budget) *budget.Budget {
	data, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	var out budget.Budget
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return &out
}

// bump adds d to the amount in cell i of row r.
func bump(r *disclosure.Row, i int, d money.Amount) {
	a := *r.Cells[i].Amount + d
	r.Cells[i].Amount = &a
}

func firstCoded(t *disclosure.Table, digits int) *disclosure.Row {
	for i := range t.Rows {
		if len(t.Rows[i].Code) == digits {
			return &t.Rows[i]
		}
	}
	panic(fmt.Sprintf("表%d has no %d-digit code", t.Number, digits))
}

func firstTask(t *disclosure.Table) *disclosure.Row {
	for i := range t.Rows {
		if r := &t.Rows[i]; r.Kind != disclosure.TotalRow && len(r.Cells) >= 3 && r.Cells[len(r.Cells)-1].Amount != nil {
			return r
		}
	}
	panic("表12 has no task")
}

// editPart replaces the first old in part n's text with new.
func editPart(d *disclosure.Document, n int, old, new string) {
	for i := range d.Parts[n-1].Blocks {
		b := &d.Parts[n-1].Blocks[i]
		if strings.Contains(b.Text, old) {
			b.Text = strings.Replace(b.Text, old, new, 1)
			return
		}
	}
	panic(fmt.Sprintf("part %d has no %q", n, old))
}

// ---- the checker ----

// num is one amount: exact, and as printed (rounded to 0.01 万元, parsed back).
type num struct {
	exact, shown money.Amount
}

func (n num) neg() num { return num{-n.exact, -n.shown} }

func (n num) String() string {
	return fmt.Sprintf("%s（印 %s）", n.exact, n.exact.Format(money.UnitWan))
}

// printedNum is a number read from the narrative: only its printed value is known.
func printedNum(s string) (money.Amount, error) { return money.Parse(s, money.UnitWan) }

type checker struct {
	doc      *disclosure.Document
	b        *budget.Budget
	problems []string
}

// check runs every identity on doc, derived from b. Last year's figures are not in
// the tables, so the stated changes of 第二部分 and of each project are checked against b.
func check(doc *disclosure.Document, b *budget.Budget) *checker {
	c := &checker{doc: doc, b: b}
	c.check()
	return c
}

// checkIdentities returns every broken identity.
func checkIdentities(doc *disclosure.Document, b *budget.Budget) []string {
	return check(doc, b).problems
}

func (c *checker) errorf(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// half is 0.005 万元, the largest rounding error of one printed cell.
const half = money.Wan / 200

// sum checks that parent = Σ terms: exactly, and as printed within n × 0.005 万元
// where n counts the terms (each term's rounding adds at most 0.005).
func (c *checker) sum(where string, parent num, terms ...num) {
	var exact, shown money.Amount
	var parts []string
	for _, t := range terms {
		exact += t.exact
		shown += t.shown
		parts = append(parts, t.exact.String())
	}
	if parent.exact != exact {
		c.errorf("%s：精确值 %s ≠ %s = %s", where, parent.exact, strings.Join(parts, " + "), exact)
	}
	if diff := (parent.shown - shown).Abs(); diff > money.Amount(len(terms))*half {
		var sp []string
		for _, t := range terms {
			sp = append(sp, t.shown.Format(money.UnitWan))
		}
		c.errorf("%s：印出值 %s 与 %s = %s 相差 %s，超过 %d × 0.005 万元的尾差", where,
			parent.shown.Format(money.UnitWan), strings.Join(sp, " + "), shown.Format(money.UnitWan), diff.Format(money.UnitWan), len(terms))
	}
}

// printed checks a narrative number, which has no exact value, against table cells:
// it must print as their exact sum does, and lie within n × 0.005 万元 of their printed sum.
func (c *checker) printed(where string, text money.Amount, terms ...num) {
	var exact, shown money.Amount
	for _, t := range terms {
		exact += t.exact
		shown += t.shown
	}
	if want := exact.Round(money.Wan / 100); text != want {
		c.errorf("%s：文字为 %s 万元，表格精确值合计 %s 应印为 %s 万元", where, text.Format(money.UnitWan), exact, want.Format(money.UnitWan))
	}
	if diff := (text - shown).Abs(); diff > money.Amount(len(terms))*half {
		c.errorf("%s：文字为 %s 万元，表格印出值合计 %s 万元，超过尾差", where, text.Format(money.UnitWan), shown.Format(money.UnitWan))
	}
}

func tableOf(doc *disclosure.Document, n int) *disclosure.Table {
	for _, t := range doc.Tables {
		if t.Number == n {
			return t
		}
	}
	return nil
}

// rowByText returns the first row whose first cell reads text.
func rowByText(t *disclosure.Table, text string) *disclosure.Row {
	for i := range t.Rows {
		if len(t.Rows[i].Cells) > 0 && t.Rows[i].Cells[0].Text == text {
			return &t.Rows[i]
		}
	}
	return nil
}

// describe names a row for a report: its number, code and first text.
func describe(t *disclosure.Table, r *disclosure.Row) string {
	i := 0
	for j := range t.Rows {
		if &t.Rows[j] == r {
			i = j + 1
		}
	}
	var text []string
	if r.Code != "" {
		text = append(text, r.Code)
	}
	for _, c := range r.Cells {
		if c.Amount == nil && strings.TrimSpace(c.Text) != "" && c.Text != r.Code {
			text = append(text, c.Text)
			break
		}
	}
	return fmt.Sprintf("表%d 第%d行（%s）", t.Number, i, strings.Join(text, " "))
}

// amount reads cell i of row r; a missing or text cell is reported and reads as zero.
func (c *checker) amount(t *disclosure.Table, r *disclosure.Row, i int) num {
	if i < 0 || i >= len(r.Cells) || r.Cells[i].Amount == nil {
		c.errorf("%s 第%d格应为金额", describe(t, r), i+1)
		return num{}
	}
	cell := r.Cells[i]
	shown, err := money.Parse(cell.Display(t.Unit), t.Unit)
	if err != nil {
		c.errorf("%s 第%d格印为“%s”，不能读回：%v", describe(t, r), i+1, cell.Display(t.Unit), err)
	}
	return num{*cell.Amount, shown}
}

func (c *checker) table(n int) *disclosure.Table {
	t := tableOf(c.doc, n)
	if t == nil {
		c.errorf("文件中没有表%d", n)
	}
	return t
}

func (c *checker) check() {
	for n := 1; n <= 12; n++ {
		if c.table(n) == nil {
			return
		}
	}
	t1 := c.summary(1)
	t6 := c.summary(6)
	codes := map[int]codeTable{}
	for _, n := range []int{3, 4, 7, 8, 10, 11} {
		codes[n] = c.codeTable(n)
	}
	t5 := c.projectTable()
	c.incomeTable(t1)
	t9 := c.sanGongTable()
	t12 := c.performanceTable()

	// 表1 spending is 表3; functional and economic tables of one scope agree.
	c.sum("表1 本年支出合计 = 表3 支出总计", t1.spent, codes[3].total[0])
	for i, col := range []string{"支出总计", "基本支出", "项目支出"} {
		c.sum("表7 与表8 的"+col, codes[7].total[i], codes[8].total[i])
	}
	c.sum("表3 基本支出 = 表4 合计", codes[3].total[1], codes[4].total[0])
	for name, g3 := range codes[3].groups {
		if g4, ok := codes[4].groups[name]; ok {
			c.sum("表3 “"+name+"”基本支出 = 表4 合计", g3[1], g4[0])
		}
		if g7, ok := codes[7].groups[name]; ok {
			g8 := codes[8].groups[name]
			for i := range g7 {
				c.sum("表7 与表8 “"+name+"”", g7[i], g8[i])
			}
		}
	}
	// 表5 is 表3's projects, and its fiscal columns are the project columns of 表7, 10, 11.
	c.sum("表5 合计 = 表3 项目支出", t5[0], codes[3].total[2])
	c.sum("表5 一般公共预算 = 表7 项目支出", t5[1], codes[7].total[2])
	c.sum("表5 政府性基金 = 表10 项目支出", t5[2], codes[10].total[2])
	c.sum("表5 国有资本经营 = 表11 项目支出", t5[3], codes[11].total[2])
	// 表6 is every 财政拨款: the three fiscal tables plus the carry-over of fiscal funds.
	c.sum("表6 支出总计 = 表7 + 表10 + 表11 + 财政拨款结转", t6.totalOut, codes[7].total[0], codes[10].total[0], codes[11].total[0], t6.carry)
	if t1.allFiscal {
		c.sameSummary(t1, t6)
	}
	if t12.tasks > 0 {
		c.sum("表12 金额合计 = 表1 支出总计", t12.total, t1.totalOut)
	}
	c.narrative(t1, codes, t9)
}

// ---- 表1 and 表6 ----

type summary struct {
	table                          *disclosure.Table
	yearIncome, carry, totalIn     num
	spent, carryNext, totalOut     num
	spending                       []sideLine // the spending side, in order
	allFiscal                      bool       // every line of income is 财政拨款
	governmentOnly, nonFiscalCarry bool
}

type sideLine struct {
	name   string
	indent int
	value  num
}

// summaryHead checks what the 收支总表s of both formats share: the income and the
// spending lines above 本年收入合计 are trees under it, and the closing rows balance.
// end is the row of 本年收入合计, -1 when the table has none.
func (c *checker) summaryHead(n int) (s summary, income []sideLine, end int) {
	t := c.table(n)
	s = summary{table: t}
	end = -1
	for i := range t.Rows {
		r := &t.Rows[i]
		if r.Cells[0].Text == "本年收入合计" {
			end = i
			break
		}
		if r.Cells[1].Amount != nil {
			income = append(income, sideLine{r.Cells[0].Text, r.Cells[0].Indent, c.amount(t, r, 1)})
		}
		if r.Cells[3].Amount != nil {
			s.spending = append(s.spending, sideLine{r.Cells[2].Text, r.Cells[2].Indent, c.amount(t, r, 3)})
		}
	}
	if end < 0 {
		c.errorf("表%d 没有“本年收入合计”行", n)
		return s, income, end
	}
	get := func(text string, col int) num {
		r := rowByText(t, text)
		if r == nil {
			c.errorf("表%d 没有“%s”行", n, text)
			return num{}
		}
		return c.amount(t, r, col)
	}
	s.yearIncome, s.spent = get("本年收入合计", 1), get("本年收入合计", 3)
	s.carry, s.carryNext = get("上年结余、结转", 1), get("上年结余、结转", 3)
	s.totalIn, s.totalOut = get("收入总计", 1), get("收入总计", 3)

	c.sum(fmt.Sprintf("表%d 收入总计 = 支出总计", n), s.totalIn, s.totalOut)
	c.sum(fmt.Sprintf("表%d 本年收入合计 + 上年结余、结转 = 收入总计", n), s.totalIn, s.yearIncome, s.carry)
	c.sum(fmt.Sprintf("表%d 本年支出合计 + 结转下年 = 支出总计", n), s.totalOut, s.spent, s.carryNext)
	c.tree(fmt.Sprintf("表%d 收入", n), s.yearIncome, income)
	c.tree(fmt.Sprintf("表%d 支出", n), s.spent, s.spending)
	return s, income, end
}

func (c *checker) summary(n int) summary {
	s, income, end := c.summaryHead(n)
	if end < 0 {
		return s
	}
	t := s.table

	// The numbered carry-over lines after 上年结余、结转 add up to it.
	var carries []num
	for i := end; i < len(t.Rows); i++ {
		r := &t.Rows[i]
		if text := r.Cells[0].Text; len(text) > 3 && text[0] >= '1' && text[0] <= '9' && strings.HasPrefix(text[1:], ". ") {
			carries = append(carries, c.amount(t, r, 1))
			if strings.Contains(text, "非财政拨款") {
				s.nonFiscalCarry = r.Cells[1].Amount != nil && *r.Cells[1].Amount != 0
			}
		}
	}
	if len(carries) == 0 {
		c.errorf("表%d 没有分项的上年结余、结转", n)
	}
	c.sum(fmt.Sprintf("表%d 上年结余、结转 = 各项结余、结转之和", n), s.carry, carries...)

	s.governmentOnly = true
	for _, l := range income {
		if l.indent == 0 && l.name != "政府预算资金" {
			s.governmentOnly = false
		}
	}
	s.allFiscal = s.governmentOnly && !s.nonFiscalCarry
	return s
}

// tree checks lines indented as a tree: the top level adds up to total, and every
// line with lines indented below it is their sum.
func (c *checker) tree(where string, total num, lines []sideLine) {
	var top []num
	for i, l := range lines {
		if l.indent == 0 {
			top = append(top, l.value)
		}
		var kids []num
		for j := i + 1; j < len(lines) && lines[j].indent > l.indent; j++ {
			if lines[j].indent == l.indent+1 {
				kids = append(kids, lines[j].value)
			}
		}
		if len(kids) > 0 {
			c.sum(fmt.Sprintf("%s“%s” = 下级之和", where, l.name), l.value, kids...)
		}
	}
	c.sum(where+"合计 = 第一级之和", total, top...)
}

// sameSummary checks that 表6 repeats 表1 when all income is 财政拨款.
func (c *checker) sameSummary(t1, t6 summary) {
	for _, p := range []struct {
		name   string
		a1, a6 num
	}{
		{"本年收入合计", t1.yearIncome, t6.yearIncome}, {"上年结余、结转", t1.carry, t6.carry}, {"收入总计", t1.totalIn, t6.totalIn},
		{"本年支出合计", t1.spent, t6.spent}, {"支出总计", t1.totalOut, t6.totalOut},
	} {
		c.sum("全部为财政拨款时表6 = 表1："+p.name, p.a6, p.a1)
	}
	if len(t1.spending) != len(t6.spending) {
		c.errorf("全部为财政拨款时表6 支出有 %d 行，表1 有 %d 行", len(t6.spending), len(t1.spending))
		return
	}
	for i := range t1.spending {
		if t1.spending[i].name != t6.spending[i].name {
			c.errorf("全部为财政拨款时表6 支出第%d项为“%s”，表1 为“%s”", i+1, t6.spending[i].name, t1.spending[i].name)
		}
		c.sum("全部为财政拨款时表6 = 表1：支出“"+t1.spending[i].name+"”", t6.spending[i].value, t1.spending[i].value)
	}
}

// ---- 表2 ----

func (c *checker) incomeTable(t1 summary) {
	t := c.table(2)
	var units [][]num
	var total []num
	for i := range t.Rows {
		r := &t.Rows[i]
		var v []num
		for j := 1; j < len(r.Cells); j++ {
			v = append(v, c.amount(t, r, j))
		}
		c.sum(describe(t, r)+" 合计 = 各资金之和", v[0], v[1:]...)
		if r.Kind == disclosure.TotalRow {
			total = v
		} else {
			units = append(units, v)
		}
	}
	if total == nil && len(units) == 1 {
		total = units[0]
	} else {
		for j := range total {
			var col []num
			for _, u := range units {
				col = append(col, u[j])
			}
			c.sum(fmt.Sprintf("表2 合计第%d列 = 各单位之和", j+2), total[j], col...)
		}
	}
	if total == nil {
		c.errorf("表2 没有合计行")
		return
	}
	c.sum("表2 合计 = 表1 收入总计", total[0], t1.totalIn)
	c.sum("表2 上年结转 = 表1 上年结余、结转", total[len(total)-1], t1.carry)
}

// ---- 表3, 4, 7, 8, 10, 11 ----

// codeTable is what the cross-table checks need: the totals and each unit's row.
type codeTable struct {
	total  [3]num
	groups map[string][3]num
}

func (c *checker) codeTable(n int) codeTable {
	t := c.table(n)
	kind := classification.Functional
	if n == 4 || n == 8 {
		kind = classification.Economic
	}
	out := codeTable{groups: map[string][3]num{}}
	type group struct {
		row  *disclosure.Row
		vals [3]num
		kids []*disclosure.Row
	}
	var groups []*group
	vals := map[*disclosure.Row][3]num{}
	for i := range t.Rows {
		r := &t.Rows[i]
		var v [3]num
		for j := range v {
			v[j] = c.amount(t, r, 3+j)
		}
		vals[r] = v
		c.sum(describe(t, r)+" "+t.Header[0][3].Text+" = "+t.Header[0][4].Text+" + "+t.Header[0][5].Text, v[0], v[1], v[2])
		if r.Code == "" {
			groups = append(groups, &group{row: r, vals: v})
			continue
		}
		if len(groups) == 0 {
			c.errorf("%s 不属于任何单位", describe(t, r))
			continue
		}
		g := groups[len(groups)-1]
		g.kids = append(g.kids, r)
	}
	if len(groups) == 0 {
		c.errorf("表%d 没有合计行", n)
		return out
	}
	out.total = groups[0].vals
	var units []*group
	for _, g := range groups {
		if g.row.Kind == disclosure.TotalRow {
			continue
		}
		units = append(units, g)
		out.groups[g.row.Cells[0].Text] = g.vals
		// Every 类 = Σ 款, 款 = Σ 项 within the unit; the unit = Σ 类.
		children := map[string][]num{}
		var top []num
		for _, r := range g.kids {
			v := vals[r]
			if p := classification.ParentOf(r.Code); p != "" {
				children[p] = append(children[p], v[:]...)
			} else {
				top = append(top, v[:]...)
			}
		}
		for _, r := range g.kids {
			kids := children[r.Code]
			lowest := classification.LevelOf(r.Code) == 3 || (kind == classification.Economic && classification.LevelOf(r.Code) == 2)
			if len(kids) == 0 {
				if !lowest {
					c.errorf("%s 没有下级科目", describe(t, r))
				}
				continue
			}
			for j := 0; j < 3; j++ {
				c.sum(describe(t, r)+" "+t.Header[0][3+j].Text+" = 下级科目之和", vals[r][j], every3(kids, j)...)
			}
		}
		switch {
		case len(g.kids) > 0:
			for j := 0; j < 3; j++ {
				c.sum(describe(t, g.row)+" "+t.Header[0][3+j].Text+" = 各类之和", g.vals[j], every3(top, j)...)
			}
		case g.vals[0].exact != 0 && !strings.Contains(g.row.Cells[0].Text, "涉密"):
			c.errorf("%s 有金额但没有科目", describe(t, g.row))
		}
	}
	if groups[0].row.Kind == disclosure.TotalRow {
		for j := 0; j < 3; j++ {
			var col []num
			for _, u := range units {
				col = append(col, u.vals[j])
			}
			c.sum(describe(t, groups[0].row)+" "+t.Header[0][3+j].Text+" = 各单位之和", groups[0].vals[j], col...)
		}
	} else if len(groups) > 1 {
		c.errorf("表%d 有 %d 个单位却没有合计行", n, len(groups))
	}
	return out
}

// every3 picks column j from a flat list of three-column values.
func every3(flat []num, j int) []num {
	var out []num
	for i := j; i < len(flat); i += 3 {
		out = append(out, flat[i])
	}
	return out
}

// ---- 表5 ----

// projectTable checks 表5 and returns its 合计: total, the three fiscal funds, other.
func (c *checker) projectTable() [5]num {
	t := c.table(5)
	var total [5]num
	cols := make([][]num, 5)
	for i := range t.Rows {
		r := &t.Rows[i]
		var v [5]num
		for j := range v {
			v[j] = c.amount(t, r, 3+j)
		}
		c.sum(describe(t, r)+" 合计 = 各资金之和", v[0], v[1:]...)
		if i == 0 {
			if r.Kind != disclosure.TotalRow {
				c.errorf("表5 第1行应为合计")
			}
			total = v
			continue
		}
		for j := range v {
			cols[j] = append(cols[j], v[j])
		}
	}
	if len(t.Rows) > 1 {
		for j := range total {
			c.sum(fmt.Sprintf("表5 合计第%d列 = 各项目之和", 4+j), total[j], cols[j]...)
		}
	}
	return total
}

// ---- 表9 ----

// sanGong holds 表9's department rows: for last year, this year and the change, the
// 18 amounts (six parts × three funds).
type sanGong struct {
	last, this, diff []num
}

// The six parts of each 表9 row, three fund columns each.
const (
	sgTotal = iota
	sgAbroad
	sgReception
	sgCar
	sgCarPurchase
	sgCarRunning
)

// part sums one part over the three funds.
func (c *checker) part(v []num, p int) []num { return v[p*3 : p*3+3] }

func (c *checker) sanGongTable() sanGong {
	t := c.table(9)
	var groups []sanGong
	var names []string
	for i := 0; i+2 < len(t.Rows); i += 3 {
		var rows [3][]num
		for k := 0; k < 3; k++ {
			r := &t.Rows[i+k]
			if len(r.Cells) < 18 {
				c.errorf("%s 不足 18 个金额", describe(t, r))
				return sanGong{}
			}
			for j := len(r.Cells) - 18; j < len(r.Cells); j++ {
				rows[k] = append(rows[k], c.amount(t, r, j))
			}
			where := describe(t, &t.Rows[i]) + " " + []string{"上年", "本年", "增减"}[k]
			for f := 0; f < 3; f++ {
				v := rows[k]
				fund := []string{"一般公共预算", "政府性基金预算", "国有资本经营预算"}[f]
				c.sum(where+" "+fund+" 总计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行维护费", v[sgTotal*3+f], v[sgAbroad*3+f], v[sgReception*3+f], v[sgCar*3+f])
				c.sum(where+" "+fund+" 公务用车购置及运行维护费 = 购置费 + 运行维护费", v[sgCar*3+f], v[sgCarPurchase*3+f], v[sgCarRunning*3+f])
			}
		}
		for j := 0; j < 18; j++ {
			c.sum(fmt.Sprintf("%s 增减第%d列 = 本年 − 上年", describe(t, &t.Rows[i]), j+3), rows[2][j], rows[1][j], rows[0][j].neg())
		}
		groups = append(groups, sanGong{rows[0], rows[1], rows[2]})
		names = append(names, t.Rows[i].Cells[0].Text)
	}
	if len(t.Rows)%3 != 0 || len(groups) == 0 {
		c.errorf("表9 有 %d 行，应为每个单位 3 行", len(t.Rows))
		return sanGong{}
	}
	if t.Rows[0].Kind == disclosure.TotalRow {
		for j := 0; j < 18; j++ {
			for k, get := range []func(sanGong) []num{
				func(s sanGong) []num { return s.last }, func(s sanGong) []num { return s.this }, func(s sanGong) []num { return s.diff },
			} {
				var col []num
				for _, g := range groups[1:] {
					col = append(col, get(g)[j])
				}
				c.sum(fmt.Sprintf("表9 合计%s第%d列 = 各单位之和", []string{"上年", "本年", "增减"}[k], j+3), get(groups[0])[j], col...)
			}
		}
	} else if len(groups) > 1 {
		c.errorf("表9 有 %d 个单位（%s）却没有合计", len(groups), strings.Join(names, "、"))
	}
	return groups[0]
}

// ---- 表12 ----

type performance struct {
	tasks int
	total num
}

func (c *checker) performanceTable() performance {
	t := c.table(12)
	var p performance
	var tasks [3][]num
	var sum *disclosure.Row
	for i := range t.Rows {
		r := &t.Rows[i]
		n := len(r.Cells)
		if n < 3 || r.Cells[n-1].Amount == nil {
			continue
		}
		v := [3]num{c.amount(t, r, n-3), c.amount(t, r, n-2), c.amount(t, r, n-1)}
		c.sum(describe(t, r)+" 总额 = 财政拨款 + 其他资金", v[0], v[1], v[2])
		if r.Kind == disclosure.TotalRow {
			sum = r
			p.total = v[0]
			for j := range v {
				c.sum(fmt.Sprintf("表12 金额合计第%d列 = 各任务之和", j+1), v[j], tasks[j]...)
			}
			continue
		}
		p.tasks++
		for j := range v {
			tasks[j] = append(tasks[j], v[j])
		}
	}
	if sum == nil {
		c.errorf("表12 没有金额合计行")
	}
	return p
}

// ---- the narrative ----

var (
	amountText = `([\d,]+\.\d\d)万元`
	part2Re    = regexp.MustCompile(`部门预算(?:收入|支出)` + amountText + `，(?:比\d{4}年(增加|减少)` + amountText + `(?:，(增长|下降)(\d+\.\d%))?|与\d{4}年持平)`)
	projectRe  = regexp.MustCompile(`^` + amountText + `.*?(?:较\d{4}年年初预算(增加|减少)` + amountText + `(?:，(增幅|减幅)(\d+\.\d%))?|与\d{4}年年初预算数(持平)|该项目为\d{4}年(新增)项目)`)
	part3Re    = regexp.MustCompile(`预算` + amountText + `，包括人员支出` + amountText + `、公用经费` + amountText + `、对个人和家庭的补助支出` + amountText + `、项目支出` + amountText + `。`)
	part3Sub   = []*regexp.Regexp{
		regexp.MustCompile(`^（一）人员支出` + amountText),
		regexp.MustCompile(`^（二）公用支出` + amountText),
		regexp.MustCompile(`^（三）对个人和家庭补助支出` + amountText),
		regexp.MustCompile(`^（四）项目支出` + amountText),
	}
	secretRe        = regexp.MustCompile(`^\d+\. 涉密项目(\d+)个，共` + amountText + `，按要求不予公开。$`)
	part4Re         = regexp.MustCompile(`共有` + amountText + `，其中：货物类项目` + amountText + `、工程类项目` + amountText + `、服务类项目` + amountText + `。`)
	changeRe        = regexp.MustCompile(`预算数?` + amountText + `，(?:比\d{4}年(?:预算数?)?(增加|减少)` + amountText + `(?:，(增长|下降)(\d+\.\d%))?|与\d{4}年(?:预算数?)?持平)`)
	carTotalRe      = regexp.MustCompile(`预算数` + amountText + `，其中：`)
	noProcurementRe = regexp.MustCompile(`未安排政府采购项目`)
	part6Re         = regexp.MustCompile(`涉及预算资金` + amountText)
)

// parsed reads a narrative amount; a number that does not parse is reported.
func (c *checker) parsed(where, s string) money.Amount {
	a, err := printedNum(s)
	if err != nil {
		c.errorf("%s：“%s”不是金额：%v", where, s, err)
	}
	return a
}

func (c *checker) blocks(n int) []disclosure.Block {
	if n > len(c.doc.Parts) || c.doc.Parts[n-1].Number != n {
		c.errorf("文字部分缺少第%s部分", disclosure.ChineseNumber(n))
		return nil
	}
	return c.doc.Parts[n-1].Blocks
}

// find returns the submatches of the first block of part n that re matches.
func (c *checker) find(n int, re *regexp.Regexp) []string {
	for _, b := range c.blocks(n) {
		if m := re.FindStringSubmatch(b.Text); m != nil {
			return m
		}
	}
	return nil
}

// match is find that reports when no block matches.
func (c *checker) match(n int, re *regexp.Regexp, what string) []string {
	if m := c.find(n, re); m != nil {
		return m
	}
	c.errorf("第%s部分 找不到%s", disclosure.ChineseNumber(n), what)
	return nil
}

func (c *checker) narrative(t1 summary, codes map[int]codeTable, t9 sanGong) {
	var part2 [][]string
	for _, b := range c.blocks(2) {
		part2 = append(part2, part2Re.FindAllStringSubmatch(b.Text, -1)...)
	}
	if len(part2) != 2 {
		c.errorf("第二部分 应说明部门预算收入和支出及其变化，找到 %d 处", len(part2))
	} else {
		for i, p := range []struct {
			name  string
			table num
			last  money.Amount
		}{{"收入", t1.totalIn, c.b.LastYear.Income}, {"支出", t1.totalOut, c.b.LastYear.Expenditure}} {
			where := "第二部分 部门预算" + p.name
			c.printed(where+" = 表1 "+p.name+"总计", c.parsed(where, part2[i][1]), p.table)
			c.stated(where, part2[i], p.table.exact, p.last, nil, "增长", "下降")
		}
	}
	c.spendingPart(codes)
	if m := c.find(4, part4Re); m != nil {
		total := c.parsed("第四部分", m[1])
		var parts money.Amount
		for _, s := range m[2:5] {
			parts += c.parsed("第四部分", s)
		}
		if diff := (total - parts).Abs(); diff > 3*half {
			c.errorf("第四部分 政府采购共有 %s 万元，货物、工程、服务合计 %s 万元，超过尾差", total.Format(money.UnitWan), parts.Format(money.UnitWan))
		}
	} else if c.find(4, noProcurementRe) == nil {
		c.errorf("第四部分 既没有政府采购总额和分类，也没有说明未安排政府采购")
	}
	c.sanGongPart(t9, wording2024)
	if m := c.match(6, part6Re, "项目支出预算资金"); m != nil {
		c.printed("第六部分 涉及预算资金 = 表3 项目支出", c.parsed("第六部分", m[1]), codes[3].total[2])
	}
}

// spendingPart checks 第三部分: its four kinds add up to the total and match 表3 and
// 表4, the sub-paragraphs repeat them, and the project list adds up to 项目支出.
func (c *checker) spendingPart(codes map[int]codeTable) {
	m := c.match(3, part3Re, "支出总额和四类支出")
	if m == nil {
		return
	}
	var v [5]money.Amount
	for i := range v {
		v[i] = c.parsed("第三部分", m[i+1])
	}
	total, personnel, public, family, projects := v[0], v[1], v[2], v[3], v[4]
	if diff := (total - personnel - public - family - projects).Abs(); diff > 4*half {
		c.errorf("第三部分 预算 %s 万元 ≠ 人员支出 %s + 公用经费 %s + 对个人和家庭的补助 %s + 项目支出 %s 万元，超过尾差",
			total.Format(money.UnitWan), personnel.Format(money.UnitWan), public.Format(money.UnitWan), family.Format(money.UnitWan), projects.Format(money.UnitWan))
	}
	c.printed("第三部分 预算 = 表3 支出总计", total, codes[3].total[0])
	c.printed("第三部分 项目支出 = 表3 项目支出", projects, codes[3].total[2])
	c.printed("第三部分 公用经费 = 表4 公用经费", public, codes[4].total[2])
	if diff := (personnel + family - codes[4].total[1].shown).Abs(); diff > 2*half {
		c.errorf("第三部分 人员支出 %s + 对个人和家庭的补助 %s 万元 与表4 人员经费 %s 万元不符", personnel.Format(money.UnitWan), family.Format(money.UnitWan), codes[4].total[1].shown.Format(money.UnitWan))
	}
	blocks := c.blocks(3)
	for i, re := range part3Sub {
		found := false
		for _, b := range blocks {
			if s := re.FindStringSubmatch(b.Text); s != nil {
				found = true
				if got := c.parsed("第三部分", s[1]); got != v[i+1] {
					c.errorf("第三部分 “%s”写 %s 万元，总述写 %s 万元", b.Text[:strings.Index(b.Text, s[1])], got.Format(money.UnitWan), v[i+1].Format(money.UnitWan))
				}
			}
		}
		if !found {
			c.errorf("第三部分 缺少第%d段分项说明", i+1)
		}
	}
	// The list names the projects of 表5 in order, then the classified ones together.
	t5 := c.table(5)
	var rows []*disclosure.Row
	for i := 1; i < len(t5.Rows); i++ {
		rows = append(rows, &t5.Rows[i])
	}
	var visible []budget.Project
	for _, p := range c.b.Projects {
		if u := c.b.Unit(p.Unit); !p.Classified && !u.Classified {
			visible = append(visible, p)
		}
	}
	var listed []money.Amount
	k := 0
	for _, b := range blocks {
		if b.Kind != disclosure.ListItem {
			continue
		}
		if s := secretRe.FindStringSubmatch(b.Text); s != nil {
			a := c.parsed("第三部分", s[2])
			listed = append(listed, a)
			if k >= len(rows) || !strings.HasPrefix(rows[k].Cells[1].Text, "涉密项目"+s[1]+"个") {
				c.errorf("第三部分 “%s”在表5 中没有对应的涉密项目行", b.Text)
			} else {
				c.printed("第三部分 涉密项目 = 表5 涉密项目行", a, c.amount(t5, rows[k], 3))
			}
			k++
			continue
		}
		if k >= len(rows) {
			c.errorf("第三部分 “%s”在表5 中没有对应的项目", b.Text)
			continue
		}
		name := rows[k].Cells[1].Text
		if cat := rows[k].Cells[2].Text; cat != "" {
			name += "（" + cat + "）"
		}
		prefix := fmt.Sprintf("%d. %s", k+1, name)
		rest, ok := strings.CutPrefix(b.Text, prefix)
		s := projectRe.FindStringSubmatch(rest)
		if !ok || s == nil {
			c.errorf("第三部分 第%d个项目应为“%s……万元……（变化）”，实际为“%s”", k+1, prefix, b.Text)
			k++
			continue
		}
		a := c.parsed("第三部分", s[1])
		listed = append(listed, a)
		amount := c.amount(t5, rows[k], 3)
		where := "第三部分 “" + name + "”"
		c.printed(where+" = 表5", a, amount)
		if k < len(visible) {
			c.projectChange(where, s, amount.exact, visible[k].LastYear)
		}
		k++
	}
	if k != len(rows) {
		c.errorf("第三部分 列出 %d 个项目，表5 有 %d 行", k, len(rows))
	}
	if len(listed) > 0 {
		var sum money.Amount
		for _, a := range listed {
			sum += a
		}
		if diff := (sum - projects).Abs(); diff > money.Amount(len(listed))*half {
			c.errorf("第三部分 项目清单合计 %s 万元 ≠ 项目支出 %s 万元，超过 %d 项的尾差", sum.Format(money.UnitWan), projects.Format(money.UnitWan), len(listed))
		}
	}
}

// sanGongWording is how a format words 第五部分: the items' openings, the pattern of
// a figure and its change, and how a stated change is checked.
type sanGongWording struct {
	abroad, reception, car string
	change                 *regexp.Regexp
	stated                 func(c *checker, where string, m []string, this, last money.Amount, diff []num)
}

// wording2024 words the changes against last year's budget, with percentages.
var wording2024 = sanGongWording{"1. 因公出国（境）费用", "2. 公务接待费", "3. 公务用车购置和运行维护费", changeRe,
	func(c *checker, where string, m []string, this, last money.Amount, diff []num) {
		c.stated(where, m, this, last, diff, "增长", "下降")
	}}

// sanGongPart checks 第五部分: each figure is 表9's, and each stated change, with its
// direction and percentage, follows from the department's rows of 表9.
func (c *checker) sanGongPart(t9 sanGong, w sanGongWording) {
	if t9.this == nil {
		return
	}
	blocks := c.blocks(5)
	find := func(prefix string) string {
		for _, b := range blocks {
			if strings.HasPrefix(b.Text, prefix) || (prefix == "" && b.Kind == disclosure.Paragraph) {
				return b.Text
			}
		}
		c.errorf("第五部分 没有以“%s”开头的段落", prefix)
		return ""
	}
	for _, p := range []struct {
		name, prefix string
		part         int
	}{
		{"“三公”经费", "", sgTotal},
		{"因公出国（境）费用", w.abroad, sgAbroad},
		{"公务接待费", w.reception, sgReception},
		{"公务用车购置费", "公务用车购置费", sgCarPurchase},
		{"公务用车运行维护费", "公务用车运行维护费", sgCarRunning},
	} {
		text := find(p.prefix)
		m := w.change.FindStringSubmatch(text)
		if m == nil {
			c.errorf("第五部分 %s：找不到预算数和变化：“%s”", p.name, text)
			continue
		}
		where := "第五部分 " + p.name
		this, last := c.part(t9.this, p.part), c.part(t9.last, p.part)
		c.printed(where+" = 表9 本年", c.parsed(where, m[1]), this...)
		w.stated(c, where, m, sumExact(this), sumExact(last), c.part(t9.diff, p.part))
	}
	if m := carTotalRe.FindStringSubmatch(find(w.car)); m != nil {
		c.printed("第五部分 公务用车购置和运行维护费 = 表9 本年", c.parsed("第五部分", m[1]), c.part(t9.this, sgCar)...)
	} else {
		c.errorf("第五部分 公务用车购置和运行维护费：找不到预算数")
	}
}

func sumExact(v []num) money.Amount {
	var s money.Amount
	for _, n := range v {
		s += n.exact
	}
	return s
}

// stated checks a stated change against this and last year: m[2] is the verb
// (增加/减少, empty for 持平), m[3] the amount, m[4] and m[5] the word and the percentage
// (up or down). diff are the printed cells of the change, or nil when no table shows it.
func (c *checker) stated(where string, m []string, this, last money.Amount, diff []num, up, down string) {
	d := this - last
	if d.Round(money.Wan/100) == 0 {
		if m[2] != "" {
			c.errorf("%s：变化不足 0.005 万元（%s），应写持平，文字为“%s%s万元”", where, d, m[2], m[3])
		}
		return
	}
	verb, word := "增加", up
	if d < 0 {
		verb, word = "减少", down
	}
	if m[2] != verb {
		c.errorf("%s：本年 %s、上年 %s，应为%s，文字为“%s”", where, this, last, verb, m[0])
		return
	}
	if diff == nil {
		diff = []num{{d, d.Round(money.Wan / 100)}}
	}
	c.printed(where+" 变化额 = 本年 − 上年", c.parsed(where, m[3]), absAll(diff, d < 0)...)
	tenths, ok := money.Percent(this, last)
	// No percentage of a base that prints as 0.00 万元, or that the printed figures
	// imply to be 0.00 (this year's printed figure minus the printed change).
	implied := this.Hundredths(money.UnitWan) - d.Abs().Hundredths(money.UnitWan)
	if d < 0 {
		implied = this.Hundredths(money.UnitWan) + d.Abs().Hundredths(money.UnitWan)
	}
	ok = ok && last.Hundredths(money.UnitWan) != 0 && implied != 0
	switch {
	case !ok && m[4] != "":
		c.errorf("%s：上年为零（按 0.01 万元），不应写百分比，文字为“%s”", where, m[0])
	case ok:
		if tenths < 0 {
			tenths = -tenths
		}
		if want := word + money.FormatTenths(tenths); m[4]+m[5] != want {
			c.errorf("%s：本年 %s、上年 %s，应写“%s”，文字为“%s”", where, this, last, want, m[4]+m[5])
		}
	}
}

// projectChange checks a project's stated change against last year's 年初预算.
func (c *checker) projectChange(where string, m []string, this money.Amount, last *money.Amount) {
	switch {
	case last == nil:
		if m[7] == "" {
			c.errorf("%s：上年无预算，应写新增项目，文字为“%s”", where, m[0])
		}
	case m[7] != "":
		c.errorf("%s：上年年初预算为 %s，不是新增项目", where, *last)
	default:
		c.stated(where, m, this, *last, nil, "增幅", "减幅")
	}
}

// absAll negates the values when the change is a decrease, so they add up to its size.
func absAll(v []num, negative bool) []num {
	if !negative {
		return v
	}
	out := make([]num, len(v))
	for i, n := range v {
		out[i] = n.neg()
	}
	return out
}
