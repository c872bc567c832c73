package check

import (
	"regexp"
	"strconv"
	"strings"

	"yusuan/disclosure"
	"yusuan/money"
)

// shanghaiNarrative checks the figures of a Shanghai document's 编制说明 and 其他相关
// 情况说明 against its tables (in 元, compared at 0.01万元).
func (c *checker) shanghaiNarrative() {
	totalOf := func(kind disclosure.TableKind, key string) ref {
		v := c.tables[kind]
		r := topRow(v)
		if r < 0 {
			return ref{}
		}
		return c.cell(kind, r, key)
	}
	summary := func(item, name, key string) ref {
		v := c.tables[disclosure.SummaryTable]
		if v == nil {
			return ref{}
		}
		return c.cell(disclosure.SummaryTable, v.findRow(item, name), key)
	}
	fiscal := func(key string) ref {
		v := c.tables[disclosure.FiscalSummaryTable]
		if v == nil {
			return ref{}
		}
		return c.cell(disclosure.FiscalSummaryTable, v.findRow("spending_item", "支出总计"), key)
	}
	sanGong := func(key string) ref {
		v := c.tables[disclosure.SanGongOfficeTable]
		if v == nil {
			return ref{}
		}
		for r := range v.body {
			if g := v.body[r][v.keys[key]]; g.cell != nil && g.cell.Amount != nil {
				return c.cell(disclosure.SanGongOfficeTable, r, key)
			}
		}
		return ref{}
	}
	figures := []struct {
		label string
		what  string
		want  func() ref
	}{
		{"收入预算", "收入预算", func() ref { return summary("income_item", "收入总计", "income") }},
		{"财政拨款收入", "财政拨款收入", func() ref { return totalOf(disclosure.IncomeTable, "fiscal") }},
		{"事业收入", "事业收入", func() ref { return totalOf(disclosure.IncomeTable, "business") }},
		{"事业单位经营收入", "事业单位经营收入", func() ref { return totalOf(disclosure.IncomeTable, "operating") }},
		{"其他收入", "其他收入", func() ref { return totalOf(disclosure.IncomeTable, "other") }},
		{"支出预算", "支出预算", func() ref { return summary("spending_item", "支出总计", "spending") }},
		{"财政拨款支出预算", "财政拨款支出预算", func() ref { return fiscal("spending") }},
		{"一般公共预算拨款支出预算", "一般公共预算拨款支出", func() ref { return totalOf(disclosure.GPFunctionalTable, "total") }},
		{"政府性基金拨款支出预算", "政府性基金拨款支出", func() ref { return totalOf(disclosure.GovFundTable, "total") }},
		{"国有资本经营预算拨款支出预算", "国有资本经营预算拨款支出", func() ref { return totalOf(disclosure.StateCapitalTable, "total") }},
		{"“三公”经费预算数", "“三公”经费", func() ref { return sanGong("total") }},
		{"因公出国（境）费", "因公出国（境）费", func() ref { return sanGong("abroad") }},
		{"公务用车购置及运行费", "公务用车购置及运行费", func() ref { return sanGong("car") }},
		{"公务用车购置费", "公务用车购置费", func() ref { return sanGong("car_purchase") }},
		{"公务用车运行费", "公务用车运行费", func() ref { return sanGong("car_running") }},
		{"公务接待费", "公务接待费", func() ref { return sanGong("reception") }},
		{"机关运行经费预算", "机关运行经费", func() ref { return sanGong("office_cost") }},
	}
	for _, s := range c.sentences() {
		if !strings.Contains(s.part, "编制说明") && !strings.Contains(s.part, "其他相关情况说明") {
			continue
		}
		for _, f := range figures {
			for _, i := range labelIndexes(s.text, f.label) {
				st, ok := statement(strings.TrimLeft(s.text[i+len(f.label):], "为：:"))
				if !ok {
					continue
				}
				// Last year's figures are not in the tables: the change is checked for
				// what it implies (a negative last year is impossible).
				c.figure(s, f.what, st, f.want(), nil)
			}
		}
		if st, ok := after(s.text, "政府采购预算"); ok {
			var parts []money.Amount
			for _, label := range []string{"政府采购货物预算", "政府采购工程预算", "政府采购服务预算"} {
				if p, ok := after(s.text, label); ok {
					parts = append(parts, p.value)
				}
			}
			if len(parts) == 3 {
				c.textSum(s, "政府采购预算", st.value, parts)
			}
		}
		c.functionalItem(s)
		c.executionChange(s)
	}
}

// executionRe reads "2022年当年预算执行数为1.48万元，2023年预算安排2.63万元，比2022年预算执行数增加77.70%".
var executionRe = regexp.MustCompile(`执行数为` + amountRe + `，\d{4}年预算安排` + amountRe + `，比\d{4}年预算执行数(增加|减少|增长|下降)(-?[0-9]+(?:\.[0-9]+)?)%`)

// executionChange: an item's percentage against last year's 执行数 follows from the
// two amounts it states. A percentage of a zero base is left alone: documents print
// 100% by convention there.
func (c *checker) executionChange(s sentence) {
	m := executionRe.FindStringSubmatch(s.text)
	if m == nil {
		return
	}
	last, ok1 := parseWan(m[1])
	this, ok2 := parseWan(m[2])
	if !ok1 || !ok2 {
		return
	}
	// The 预算安排 restates the item's amount.
	if item := functionalRe.FindStringSubmatch(s.block); item != nil {
		if amount, ok := parseWan(item[4]); ok && amount.Hundredths(money.UnitWan) != this.Hundredths(money.UnitWan) {
			diff := this - amount
			c.add(Finding{Rule: "TXT-01", Severity: Error, Location: s.loc(), Expected: amount.Format(money.UnitWan), Actual: this.Format(money.UnitWan), Difference: diff.Format(money.UnitWan),
				Message: "“" + item[3] + "（项）”列为 " + amount.Format(money.UnitWan) + "万元，同一段又称预算安排 " + this.Format(money.UnitWan) + "万元"})
			this = amount
		}
	}
	if last.Hundredths(money.UnitWan) == 0 {
		return
	}
	diff := this - last
	st := stated{value: this, hasChange: true, verb: m[3], up: m[3] == "增加" || m[3] == "增长", change: diff.Abs(), hasPct: true, pctWord: m[3]}
	st.pct, _ = strconv.ParseFloat(m[4], 64)
	if i := strings.IndexByte(m[4], '.'); i >= 0 {
		st.pctDigits = len(m[4]) - i - 1
	}
	if (diff < 0) == st.up && diff != 0 {
		c.add(Finding{Rule: "CHG-03", Severity: Error, Location: s.loc(),
			Message: "执行数为 " + last.Format(money.UnitWan) + "万元、本年 " + this.Format(money.UnitWan) + "万元，文字却写“" + m[3] + "”"})
		return
	}
	c.change(s, "该科目预算", this, 0, st, &last)
}

// labelIndexes finds label in s where it is not the tail of a longer label (公务用车
// 购置费 inside 公务用车购置及运行费 is not, but 收入预算 inside 财政拨款收入预算 would be).
func labelIndexes(s, label string) []int {
	var out []int
	for from := 0; ; {
		i := strings.Index(s[from:], label)
		if i < 0 {
			return out
		}
		i += from
		prev := s[:i]
		if !longerLabel(prev, label) {
			out = append(out, i)
		}
		from = i + len(label)
	}
}

// longerLabel reports whether the text before label makes it part of another label.
func longerLabel(prev, label string) bool {
	for _, p := range []string{"财政拨款", "一般公共预算拨款", "政府性基金拨款", "国有资本经营预算拨款", "事业单位经营", "单位经营"} {
		if strings.HasSuffix(prev, p) {
			return true
		}
	}
	return label == "事业收入" && strings.HasSuffix(prev, "事业单位经营")
}

// functionalRe reads “一般公共服务支出（类）商贸事务（款）行政运行（项）”938.99万元.
var functionalRe = regexp.MustCompile(`“([^”]+?)（类）([^”]+?)（款）([^”]+?)（项）”` + amountRe)

// functionalItem: an item of 财政拨款支出主要内容 shows the 项's amount in the
// 一般公共预算 (or 政府性基金, 国有资本经营) table.
func (c *checker) functionalItem(s sentence) {
	m := functionalRe.FindStringSubmatch(s.text)
	if m == nil {
		return
	}
	st, ok := statement(m[4] + "万元")
	if !ok {
		return
	}
	// The 财政拨款 spending of a 项 is its total in the 一般公共预算, 政府性基金 and
	// 国有资本经营 tables together.
	want := ref{}
	n := 0
	for _, k := range []disclosure.TableKind{disclosure.GPFunctionalTable, disclosure.GovFundTable, disclosure.StateCapitalTable} {
		v := c.tables[k]
		if v == nil {
			continue
		}
		if r := findByNames(v, m[1], m[2], m[3]); r >= 0 {
			got := c.cell(k, r, "total")
			if !got.ok {
				continue
			}
			want.a += got.a
			want.ok = true
			if n == 0 {
				want.source = got.source
			} else {
				want.source += "等"
			}
			n++
		}
	}
	if n > 1 {
		want.tails = n
	}
	c.figure(s, "“"+m[3]+"（项）”", st, want, nil)
}

// findByNames finds the 项 row named item under the 款 named section under the 类
// named class.
func findByNames(v *tview, class, section, item string) int {
	prefix := ""
	for r, row := range v.t.Rows {
		name := v.text(r, "name")
		switch len(row.Code) {
		case 3:
			prefix = ""
			if name == normalize(class) {
				prefix = row.Code
			}
		case 5:
			if prefix != "" && len(prefix) <= 5 && strings.HasPrefix(row.Code, prefix[:3]) {
				if name == normalize(section) {
					prefix = row.Code
				} else if len(prefix) == 5 {
					prefix = prefix[:3]
				}
			}
		case 7:
			if len(prefix) == 5 && strings.HasPrefix(row.Code, prefix) && name == normalize(item) {
				return r
			}
		}
	}
	return -1
}
