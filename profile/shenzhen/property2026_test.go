package shenzhen_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"yusuan/budget"
	"yusuan/disclosure"
	"yusuan/money"
)

// check2026 runs the identities of the 2026 format on doc, derived from b: the
// 收支总表s balance, every source of the 收入总表, 基本支出总表 and 项目支出总表 adds up
// to its row, every kind of spending of the 支出总表 adds up to its row and the codes
// to their unit, the shares reserved for small enterprises lie within the
// procurement, the tables agree with one another and with the narrative.
func (c *checker) check2026() {
	for n := 1; n <= 11; n++ {
		if c.table(n) == nil {
			return
		}
	}
	if tableOf(c.doc, 12) != nil {
		c.errorf("2026 年格式只有 11 张表，文件中有表12")
	}
	t1 := c.summary2026(1)
	t6 := c.summary2026(6)
	c.incomeTable(t1)
	spend := c.spendingTable2026()
	c.sum("表1 本年支出合计 = 表3 支出总计", t1.spent, spend.total)
	basic := c.sourceTable(4, true)
	projects := c.sourceTable(5, false)
	c.sum("表4 总计 = 表3 基本支出", basic, spend.basic)
	c.sum("表5 总计 = 表3 项目支出", projects, spend.project)
	codes := map[int]codeTable{}
	for _, n := range []int{7, 8, 10, 11} {
		codes[n] = c.codeTable(n)
	}
	for i, col := range []string{"支出总计", "基本支出", "项目支出"} {
		c.sum("表7 与表8 的"+col, codes[7].total[i], codes[8].total[i])
	}
	c.sum("表6 本年支出合计 = 表7 + 表10 + 表11", t6.spent, codes[7].total[0], codes[10].total[0], codes[11].total[0])
	t9 := c.sanGongTable()
	c.narrative2026(t1, spend, t9)
}

// summary2026 checks a 2026 收支总表: summaryHead's identities, and the carry-over
// lines below 本年收入合计 add up to 上年结余、结转.
func (c *checker) summary2026(n int) summary {
	s, _, end := c.summaryHead(n)
	if end < 0 {
		return s
	}
	t := s.table
	var carries []num
	for i := end + 2; i < len(t.Rows); i++ {
		if r := &t.Rows[i]; r.Cells[0].Indent == 1 {
			carries = append(carries, c.amount(t, r, 1))
		}
	}
	c.sum(fmt.Sprintf("表%d 上年结余、结转 = 各项结余、结转之和", n), s.carry, carries...)
	// Carry-over spent this year is spending; what is carried forward is not.
	c.sum(fmt.Sprintf("表%d 结转下年 = 预算的结转下年", n), s.carryNext, exactNum(c.carryForward(n == 6)))
	return s
}

// carryForward sums the budget's 结转下年, of fiscal funds only when fiscal.
func (c *checker) carryForward(fiscal bool) money.Amount {
	var s money.Amount
	for _, cf := range c.b.CarryForward {
		if !fiscal || cf.Fund.Fiscal() {
			s += cf.Amount
		}
	}
	return s
}

// spending2026 is what the cross-table checks need of the 支出总表: its first row.
type spending2026 struct {
	total, basic, project, procurement num
}

// spendingTable2026 checks 表3: every row's kinds add up to its 支出总计, reserved
// shares lie within the procurement, each unit is the sum of its 类, each 类 and 款
// the sum of the codes below it, and the department's row the sum of its units'.
func (c *checker) spendingTable2026() spending2026 {
	t := c.table(3)
	const cols = 9 // total, basic, project, operating, subsidy, remit, procurement, sme, micro
	vals := func(r *disclosure.Row) []num {
		var v []num
		for j := 3; j < 3+cols; j++ {
			v = append(v, c.amount(t, r, j))
		}
		return v
	}
	var total []num
	var units [][]num
	for i := range t.Rows {
		r := &t.Rows[i]
		v := vals(r)
		where := describe(t, r)
		c.sum(where+" 支出总计 = 基本 + 项目 + 经营 + 对附属单位补助 + 上缴上级", v[0], v[1:6]...)
		if v[7].exact > v[6].exact || v[8].exact > v[7].exact {
			c.errorf("%s 预留份额超出：采购 %s，中小企业 %s，小微企业 %s", where, v[6].exact, v[7].exact, v[8].exact)
		}
		switch {
		case r.Kind == disclosure.TotalRow:
			total = v
		case r.Code == "":
			units = append(units, v)
			c.codeRows(t, i, v)
		}
	}
	if total == nil {
		if len(units) != 1 {
			c.errorf("表3 有 %d 个单位行而没有合计行", len(units))
			return spending2026{}
		}
		total = units[0]
	} else {
		for j := 0; j < cols; j++ {
			var col []num
			for _, u := range units {
				col = append(col, u[j])
			}
			c.sum(fmt.Sprintf("表3 合计第%d列 = 各单位之和", j+4), total[j], col...)
		}
	}
	var procured money.Amount
	for _, p := range c.b.Procurement {
		procured += p.Amount
	}
	c.sum("表3 政府采购 = 预算的政府采购", total[6], exactNum(procured))
	return spending2026{total[0], total[1], total[2], total[6]}
}

// codeRows checks the code rows below the unit row at i: the 类 add up to the unit,
// each 类 to its 款 and each 款 to its 项, in every column.
func (c *checker) codeRows(t *disclosure.Table, i int, unit []num) {
	type row struct {
		code string
		v    []num
	}
	var rows []row
	for j := i + 1; j < len(t.Rows) && t.Rows[j].Code != ""; j++ {
		r := &t.Rows[j]
		var v []num
		for k := 3; k < 3+len(unit); k++ {
			v = append(v, c.amount(t, r, k))
		}
		rows = append(rows, row{r.Code, v})
	}
	if len(rows) == 0 {
		return
	}
	children := func(parent string, digits int) [][]num {
		var out [][]num
		for _, r := range rows {
			if len(r.code) == digits && strings.HasPrefix(r.code, parent) {
				out = append(out, r.v)
			}
		}
		return out
	}
	check := func(where string, parent []num, kids [][]num) {
		for k := range parent {
			var col []num
			for _, kid := range kids {
				col = append(col, kid[k])
			}
			c.sum(fmt.Sprintf("%s 第%d列", where, k+4), parent[k], col...)
		}
	}
	check(describe(t, &t.Rows[i])+" = 各类之和", unit, children("", 3))
	for _, r := range rows {
		if len(r.code) < 7 {
			check(fmt.Sprintf("表3 %s = 下级之和", r.code), r.v, children(r.code, len(r.code)+2))
		}
	}
}

// sourceTable checks 表4 or 表5: every row's total is the sum of its sources (and the
// 财政拨款 小计 of its three funds); it returns the first row's total.
func (c *checker) sourceTable(n int, fiscalSubtotal bool) num {
	t := c.table(n)
	var first num
	for i := range t.Rows {
		r := &t.Rows[i]
		var v []num
		for j := 1; j < len(r.Cells); j++ {
			v = append(v, c.amount(t, r, j))
		}
		where := describe(t, r)
		parts := v[1:]
		if fiscalSubtotal {
			c.sum(where+" 财政拨款小计 = 三项拨款之和", v[1], v[2:5]...)
			parts = v[2:]
		}
		c.sum(where+" 总计 = 各资金来源之和", v[0], parts...)
		if i == 0 {
			first = v[0]
		}
	}
	return first
}

var (
	part2Re2026  = regexp.MustCompile(`部门预算(收入|支出)(` + amountPat + `)万元`)
	unitSpendRe  = regexp.MustCompile(`^(.+)预算(` + amountPat + `)万元，包括(.+)。$`)
	kindAmountRe = regexp.MustCompile(`(` + amountPat + `)万元`)
	part4Re2026  = regexp.MustCompile(`共有(` + amountPat + `)万元`)
)

const amountPat = `-?[\d,]+\.\d\d`

// narrative2026 checks the narrative's figures against the tables: 第二部分's totals,
// each unit's kinds in 第三部分 against its total, 第四部分's procurement.
func (c *checker) narrative2026(t1 summary, spend spending2026, t9 sanGong) {
	var found int
	for _, b := range c.blocks(2) {
		for _, m := range part2Re2026.FindAllStringSubmatch(b.Text, -1) {
			found++
			c.printed("第二部分 部门预算"+m[1]+" = 表1 收入总计", c.parsed("第二部分", m[2]), t1.totalIn)
		}
	}
	if found != 2 {
		c.errorf("第二部分 应说明部门预算收入和支出，找到 %d 处", found)
	}
	units := 0
	for _, b := range c.blocks(3) {
		m := unitSpendRe.FindStringSubmatch(b.Text)
		if m == nil {
			continue
		}
		units++
		total := c.parsed("第三部分", m[2])
		var parts money.Amount
		kinds := kindAmountRe.FindAllStringSubmatch(m[3], -1)
		for _, k := range kinds {
			parts += c.parsed("第三部分", k[1])
		}
		if diff := (total - parts).Abs(); diff > money.Amount(len(kinds))*half {
			c.errorf("第三部分 %s预算 %s 万元，各类支出合计 %s 万元，超过尾差", m[1], total.Format(money.UnitWan), parts.Format(money.UnitWan))
		}
		u := c.unitNamed(m[1])
		if u == nil {
			c.errorf("第三部分 “%s”不是预算单位", m[1])
			continue
		}
		code := u.Code
		c.printed("第三部分 "+m[1]+"预算 = 单位支出", total, exactNum(c.b.Sum(budget.OfUnit(code))))
	}
	visible := 0
	for _, u := range c.b.Units {
		if !u.Classified {
			visible++
		}
	}
	if units != visible {
		c.errorf("第三部分 说明了 %d 个单位的支出，应为 %d 个", units, visible)
	}
	if m := c.find(4, part4Re2026); m != nil {
		c.printed("第四部分 政府采购 = 表3 政府采购", c.parsed("第四部分", m[1]), spend.procurement)
	} else if len(c.b.Procurement) > 0 {
		c.errorf("第四部分 没有政府采购总额")
	}
	c.sanGongPart(t9, wording2026)
}

var changeRe2026 = regexp.MustCompile(`预算数?` + amountText + `，(?:较\d{4}年年初预算(增加|减少)` + amountText + `|与\d{4}年年初预算持平)`)

// wording2026 words the changes against last year's 年初预算, without percentages.
var wording2026 = sanGongWording{"1.因公出国（境）费用", "2.公务接待费", "3.公务用车购置和运行维护费", changeRe2026,
	func(c *checker, where string, m []string, this, last money.Amount, diff []num) {
		d := this - last
		verb := "增加"
		if d < 0 {
			verb = "减少"
		}
		switch {
		case d.Round(money.Wan/100) == 0:
			if m[2] != "" {
				c.errorf("%s：变化不足 0.005 万元，应写持平，文字为“%s”", where, m[0])
			}
		case m[2] != verb:
			c.errorf("%s：应为%s，文字为“%s”", where, verb, m[0])
		default:
			c.printed(where+" 变化额 = 本年 − 上年", c.parsed(where, m[3]), absAll(diff, d < 0)...)
		}
	}}

// exactNum is an amount of the budget, as a cell would print it.
func exactNum(a money.Amount) num { return num{a, a.Round(money.Wan / 100)} }

func (c *checker) unitNamed(name string) *budget.Unit {
	for i := range c.b.Units {
		if c.b.Units[i].Name == name {
			return &c.b.Units[i]
		}
	}
	return nil
}

// TestIdentities2026 checks the identities on random budgets published in the 2026 format.
func TestIdentities2026(t *testing.T) {
	seeds := int64(150)
	if testing.Short() {
		seeds = 30
	}
	for seed := int64(0); seed < seeds; seed++ {
		b := random2026(seed)
		c := &checker{doc: derive(t, b), b: b}
		c.check2026()
		for _, p := range c.problems {
			t.Errorf("seed %d: %s", seed, p)
		}
		if t.Failed() {
			t.Fatalf("stopping at seed %d; reproduce with random2026(%d)", seed, seed)
		}
	}
}

// TestIdentity2026CheckerCatchesErrors breaks one number at a time and requires the
// 2026 checker to report it.
func TestIdentity2026CheckerCatchesErrors(t *testing.T) {
	var b *budget.Budget
	for seed := int64(0); ; seed++ {
		b = random2026(seed)
		if len(b.Units) >= 2 && len(b.Projects) >= 2 && len(b.Procurement) > 0 && len(b.CarryForward) > 0 {
			break
		}
	}
	doc := derive(t, b)
	c := &checker{doc: doc, b: b}
	if c.check2026(); len(c.problems) > 0 {
		t.Fatalf("the unbroken document already fails:\n%s", strings.Join(c.problems, "\n"))
	}
	tests := []struct {
		name, want string
		mutate     func(d *disclosure.Document)
	}{
		{"a source of 表2", "表2", func(d *disclosure.Document) { bump(&tableOf(d, 2).Rows[0], 3, 1) }},
		{"operating spending of 表3", "表3", func(d *disclosure.Document) { bump(&tableOf(d, 3).Rows[0], 6, 1) }},
		{"a 项 of 表3", "表3", func(d *disclosure.Document) { bump(firstCoded(tableOf(d, 3), 7), 4, 1) }},
		{"micro share above SME share", "预留", func(d *disclosure.Document) {
			r := &tableOf(d, 3).Rows[0]
			bump(r, 11, *r.Cells[10].Amount-*r.Cells[11].Amount+1)
		}},
		{"a source of 表4", "表4", func(d *disclosure.Document) { bump(&tableOf(d, 4).Rows[0], 4, 1) }},
		{"a source of 表5", "表5", func(d *disclosure.Document) { bump(&tableOf(d, 5).Rows[0], 2, 1) }},
		{"结转下年 of 表1", "表1", func(d *disclosure.Document) { bump(rowByText(tableOf(d, 1), "上年结余、结转"), 3, 1) }},
		{"第四部分 procurement", "第四部分", func(d *disclosure.Document) { editPart(d, 4, "共有", "共有9") }},
		{"第五部分 reception", "第五部分", func(d *disclosure.Document) {
			editPart(d, 5, "公务接待费。2026年预算数", "公务接待费。2026年预算数1")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &checker{doc: copyDoc(t, doc), b: b}
			tc.mutate(c.doc)
			if c.check2026(); len(c.problems) == 0 {
				t.Fatalf("the checker accepts a broken document (%s)", tc.name)
			} else if !strings.Contains(strings.Join(c.problems, "\n"), tc.want) {
				t.Errorf("the reports do not name %s:\n%s", tc.want, strings.Join(c.problems, "\n"))
			}
		})
	}
}
