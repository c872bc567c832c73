package shanghai

// The rules Shanghai's narrative is checked by: the 编制说明 and 其他相关情况说明 state
// figures of the tables (in 元, compared at 0.01万元) and their changes.

import (
	"regexp"
	"strconv"
	"strings"
	"yusuan/check"

	"yusuan/disclosure"
	"yusuan/money"
)

func init() { check.Register("shanghai", shanghaiNarrative) }

// shanghaiNarrative checks the figures of a Shanghai document's 编制说明 and 其他相关
// 情况说明 against its tables (in 元, compared at 0.01万元).
func shanghaiNarrative(c *check.Doc) {
	totalOf := func(kind disclosure.TableKind, key string) check.Ref {
		v := c.Table(kind)
		r := check.TopRow(v)
		if r < 0 {
			return check.Ref{}
		}
		return c.Cell(kind, r, key)
	}
	summary := func(item, name, key string) check.Ref {
		v := c.Table(disclosure.SummaryTable)
		if v == nil {
			return check.Ref{}
		}
		return c.Cell(disclosure.SummaryTable, v.FindRow(item, name), key)
	}
	fiscal := func(key string) check.Ref {
		v := c.Table(disclosure.FiscalSummaryTable)
		if v == nil {
			return check.Ref{}
		}
		return c.Cell(disclosure.FiscalSummaryTable, v.FindRow("spending_item", "支出总计"), key)
	}
	sanGong := func(key string) check.Ref {
		v := c.Table(disclosure.SanGongOfficeTable)
		if v == nil {
			return check.Ref{}
		}
		for r := range v.Len() {
			if v.Printed(r, key) {
				return c.Cell(disclosure.SanGongOfficeTable, r, key)
			}
		}
		return check.Ref{}
	}
	figures := []struct {
		label string
		what  string
		want  func() check.Ref
	}{
		{"收入预算", "收入预算", func() check.Ref { return summary("income_item", "收入总计", "income") }},
		{"财政拨款收入", "财政拨款收入", func() check.Ref { return totalOf(disclosure.IncomeTable, "fiscal") }},
		{"事业收入", "事业收入", func() check.Ref { return totalOf(disclosure.IncomeTable, "business") }},
		{"事业单位经营收入", "事业单位经营收入", func() check.Ref { return totalOf(disclosure.IncomeTable, "operating") }},
		{"其他收入", "其他收入", func() check.Ref { return totalOf(disclosure.IncomeTable, "other") }},
		{"支出预算", "支出预算", func() check.Ref { return summary("spending_item", "支出总计", "spending") }},
		{"财政拨款支出预算", "财政拨款支出预算", func() check.Ref { return fiscal("spending") }},
		{"一般公共预算拨款支出预算", "一般公共预算拨款支出", func() check.Ref { return totalOf(disclosure.GPFunctionalTable, "total") }},
		{"政府性基金拨款支出预算", "政府性基金拨款支出", func() check.Ref { return totalOf(disclosure.GovFundTable, "total") }},
		{"国有资本经营预算拨款支出预算", "国有资本经营预算拨款支出", func() check.Ref { return totalOf(disclosure.StateCapitalTable, "total") }},
		{"“三公”经费预算数", "“三公”经费", func() check.Ref { return sanGong("total") }},
		{"因公出国（境）费", "因公出国（境）费", func() check.Ref { return sanGong("abroad") }},
		{"公务用车购置及运行费", "公务用车购置及运行费", func() check.Ref { return sanGong("car") }},
		{"公务用车购置费", "公务用车购置费", func() check.Ref { return sanGong("car_purchase") }},
		{"公务用车运行费", "公务用车运行费", func() check.Ref { return sanGong("car_running") }},
		{"公务接待费", "公务接待费", func() check.Ref { return sanGong("reception") }},
		{"机关运行经费预算", "机关运行经费", func() check.Ref { return sanGong("office_cost") }},
	}
	for _, s := range c.Sentences() {
		if !strings.Contains(s.Part, "编制说明") && !strings.Contains(s.Part, "其他相关情况说明") {
			continue
		}
		for _, f := range figures {
			for _, i := range labelIndexes(s.Text, f.label) {
				st, ok := check.ParseStatement(strings.TrimLeft(s.Text[i+len(f.label):], "为：:"))
				if !ok {
					continue
				}
				// Last year's figures are not in the tables: the change is checked for
				// what it implies (a negative last year is impossible).
				c.Figure(s, f.what, st, f.want(), nil)
			}
		}
		if st, ok := check.After(s.Text, "政府采购预算"); ok {
			var parts []money.Amount
			for _, label := range []string{"政府采购货物预算", "政府采购工程预算", "政府采购服务预算"} {
				if p, ok := check.After(s.Text, label); ok {
					parts = append(parts, p.Value)
				}
			}
			if len(parts) == 3 {
				c.TextSum(s, "政府采购预算", st.Value, parts)
			}
		}
		functionalItem(c, s)
		executionChange(c, s)
	}
}

// executionRe reads "2022年当年预算执行数为1.48万元，2023年预算安排2.63万元，比2022年预算执行数增加77.70%".
var executionRe = regexp.MustCompile(`执行数为` + check.AmountPattern + `，\d{4}年预算安排` + check.AmountPattern + `，比\d{4}年预算执行数(增加|减少|增长|下降)(-?[0-9]+(?:\.[0-9]+)?)%`)

// executionChange: an item's percentage against last year's 执行数 follows from the
// two amounts it states. A percentage of a zero base is left alone: documents print
// 100% by convention there.
func executionChange(c *check.Doc, s check.Sentence) {
	m := executionRe.FindStringSubmatch(s.Text)
	if m == nil {
		return
	}
	last, ok1 := check.ParseWan(m[1])
	this, ok2 := check.ParseWan(m[2])
	if !ok1 || !ok2 {
		return
	}
	// The 预算安排 restates the item's amount.
	if item := functionalRe.FindStringSubmatch(s.Block); item != nil {
		if amount, ok := check.ParseWan(item[4]); ok && !check.SameFigure(item[4], m[2]) {
			diff := this - amount
			c.Add(check.Finding{Rule: "TXT-01", Severity: check.Error, Location: s.Loc(), Expected: amount.Format(money.UnitWan), Actual: this.Format(money.UnitWan), Difference: diff.Format(money.UnitWan),
				Message: "“" + item[3] + "（项）”列为 " + amount.Format(money.UnitWan) + "万元，同一段又称预算安排 " + this.Format(money.UnitWan) + "万元"})
			this = amount
		}
	}
	if last.Hundredths(money.UnitWan) == 0 {
		return
	}
	diff := this - last
	st := check.Stated{Value: this, HasChange: true, Verb: m[3], Up: m[3] == "增加" || m[3] == "增长", Change: diff.Abs(), HasPct: true, PctWord: m[3]}
	st.Pct, _ = strconv.ParseFloat(m[4], 64)
	if i := strings.IndexByte(m[4], '.'); i >= 0 {
		st.PctDigits = len(m[4]) - i - 1
	}
	if (diff < 0) == st.Up && diff != 0 {
		c.Add(check.Finding{Rule: "CHG-03", Severity: check.Error, Location: s.Loc(),
			Message: "执行数为 " + last.Format(money.UnitWan) + "万元、本年 " + this.Format(money.UnitWan) + "万元，文字却写“" + m[3] + "”"})
		return
	}
	c.Change(s, "该科目预算", this, 0, st, &last)
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
var functionalRe = regexp.MustCompile(`“([^”]+?)（类）([^”]+?)（款）([^”]+?)（项）”` + check.AmountPattern)

// functionalItem: an item of 财政拨款支出主要内容 shows the 项's amount in the
// 一般公共预算 (or 政府性基金, 国有资本经营) table.
func functionalItem(c *check.Doc, s check.Sentence) {
	m := functionalRe.FindStringSubmatch(s.Text)
	if m == nil {
		return
	}
	st, ok := check.ParseStatement(m[4] + "万元")
	if !ok {
		return
	}
	// The 财政拨款 spending of a 项 is its total in the 一般公共预算, 政府性基金 and
	// 国有资本经营 tables together.
	want := check.Ref{}
	n := 0
	for _, k := range []disclosure.TableKind{disclosure.GPFunctionalTable, disclosure.GovFundTable, disclosure.StateCapitalTable} {
		v := c.Table(k)
		if v == nil {
			continue
		}
		if r := findByNames(v, m[1], m[2], m[3]); r >= 0 {
			got := c.Cell(k, r, "total")
			if !got.OK {
				continue
			}
			want.A += got.A
			want.OK = true
			if n == 0 {
				want.Source = got.Source
			} else {
				want.Source += "等"
			}
			n++
		}
	}
	if n > 1 {
		want.Tails = n
	}
	c.Figure(s, "“"+m[3]+"（项）”", st, want, nil)
}

// findByNames finds the 项 row named item under the 款 named section under the 类
// named class.
func findByNames(v *check.View, class, section, item string) int {
	prefix := ""
	for r, row := range v.T.Rows {
		name := v.Text(r, "name")
		switch len(row.Code) {
		case 3:
			prefix = ""
			if name == check.Normalize(class) {
				prefix = row.Code
			}
		case 5:
			if prefix != "" && len(prefix) <= 5 && strings.HasPrefix(row.Code, prefix[:3]) {
				if name == check.Normalize(section) {
					prefix = row.Code
				} else if len(prefix) == 5 {
					prefix = prefix[:3]
				}
			}
		case 7:
			if len(prefix) == 5 && strings.HasPrefix(row.Code, prefix) && name == check.Normalize(item) {
				return r
			}
		}
	}
	return -1
}
