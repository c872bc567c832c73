package check

import (
	"regexp"
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
				st.hasChange = false // last year's figures are not in the tables
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
	}
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
	for _, k := range []disclosure.TableKind{disclosure.GPFunctionalTable, disclosure.GovFundTable, disclosure.StateCapitalTable} {
		v := c.tables[k]
		if v == nil {
			continue
		}
		if r := findByNames(v, m[1], m[2], m[3]); r >= 0 {
			c.figure(s, "“"+m[3]+"（项）”", st, c.cell(k, r, "total"), nil)
			return
		}
	}
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
