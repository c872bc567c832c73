package shanghai

import (
	"fmt"
	"slices"
	"strings"

	"yusuan/budget"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/format"
	"yusuan/money"
)

// The Shanghai 部门决算 (final accounts), after the official 2024 template and the
// Putuo documents: four parts (概况, the nine tables, 情况说明, 名词解释), every table
// and the narrative in 万元 with two decimals. A budget file asks for it with
// `document: 部门决算`; the tables sum the line items' 决算数, the narrative compares
// them with the 年初预算 (the line items' amounts) and last year's 决算.

// FinalAccounts reports that the profile generates a 部门决算 (build refuses a
// budget that asks for one from a profile that does not).
func (Profile) FinalAccounts() bool { return true }

// FinalFormat is the id of the 决算 format description (formats/shanghai-juesuan.yaml).
const FinalFormat = "shanghai-juesuan"

// FinalTables are the nine tables of the 决算, in order, with their kinds.
var FinalTables = []struct {
	Title string
	Kind  disclosure.TableKind
}{
	{"收入支出决算总表", disclosure.SummaryTable},
	{"收入决算表", disclosure.IncomeTable},
	{"支出决算表", disclosure.SpendingTable},
	{"财政拨款收入支出决算总表", disclosure.FiscalSummaryTable},
	{"一般公共预算财政拨款支出决算表", disclosure.GPFunctionalTable},
	{"一般公共预算财政拨款基本支出决算表", disclosure.GPBasicTable},
	{"财政拨款“三公”经费支出决算表", disclosure.SanGongTable},
	{"政府性基金预算财政拨款收入支出决算表", disclosure.GovFundTable},
	{"国有资本经营预算财政拨款收入支出决算表", disclosure.StateCapitalTable},
}

// finalDeriver derives the department's 决算.
type finalDeriver struct {
	b   *budget.Budget // the budget: line items' amounts are the 年初预算
	act *budget.Budget // the same with the 决算数 as amounts
	cat *classification.Catalogue
	f   *budget.Final
	// subject is the name the document is published under.
	subject string
	// gpClasses are table 5's printed 类 figures and gpItems its 项 totals, which
	// the narrative restates.
	gpClasses []printedClass
	gpItems   map[string]money.Amount
}

// printedClass is a 类 row of a code table: its code and the amount it prints.
type printedClass struct {
	code   string
	amount money.Amount
}

func newFinalDeriver(b *budget.Budget, cat *classification.Catalogue) *finalDeriver {
	d := &finalDeriver{b: b, act: b.Actuals(), cat: cat, f: b.Final, subject: b.Department.Name}
	if d.f == nil {
		d.f = &budget.Final{}
	}
	if b.Department.Title != "" {
		d.subject = b.Department.Title
	}
	return d
}

// finalFormat is the 决算 format's description.
func finalFormat() *format.Format {
	for _, f := range formats {
		if f.ID == FinalFormat {
			return f
		}
	}
	return nil
}

// formatLabel is the description's label of the 决算 format.
func formatLabel() string {
	if f := finalFormat(); f != nil {
		return f.Label
	}
	return "上海市部门决算"
}

func (d *finalDeriver) document() *disclosure.Document {
	doc := &disclosure.Document{
		Profile:     "shanghai",
		Format:      FinalFormat,
		FormatLabel: formatLabel(),
		Kind:        budget.DocFinal,
		Year:        d.b.Year,
		Department:  d.b.Department.Name,
		Subject:     d.subject,
		Title:       fmt.Sprintf("%s%d年度部门决算", d.subject, d.b.Year),
		Unit:        money.UnitWan,
	}
	doc.Tables = d.tables()
	doc.Parts = d.parts()
	doc.Outturn = d.outturn()
	doc.Contents = d.contents(doc)
	return doc
}

// contents is the 目录 as the template words it.
func (d *finalDeriver) contents(doc *disclosure.Document) []string {
	out := []string{"第一部分 " + d.subject + "概况", " 一、主要职能", " 二、部门决算单位构成",
		fmt.Sprintf("第二部分 %s%d年度部门决算表", d.subject, d.b.Year)}
	for i, t := range doc.Tables {
		out = append(out, " "+disclosure.ChineseNumber(i+1)+"、"+t.Title)
	}
	out = append(out, fmt.Sprintf("第三部分 %s%d年度部门决算情况说明", d.subject, d.b.Year))
	for _, s := range finalSections {
		out = append(out, " "+s)
	}
	return append(out, "第四部分 名词解释")
}

// finalSections are the sections of 第三部分, as the template numbers them.
var finalSections = []string{
	"一、收入支出决算总体情况说明", "二、收入决算情况说明", "三、支出决算情况说明", "四、财政拨款收入支出决算总体情况说明",
	"五、一般公共预算财政拨款支出决算情况说明", "六、一般公共预算财政拨款基本支出决算情况说明",
	"七、财政拨款“三公”经费支出决算情况说明", "八、政府性基金预算财政拨款收入支出决算情况说明",
	"九、国有资本经营预算财政拨款收入支出决算情况说明", "十、预算绩效管理情况", "十一、其他重要事项的情况说明",
}

// actual sums the 决算数 of the items f selects; planned their 年初预算.
func (d *finalDeriver) actual(f budget.Filter) money.Amount  { return d.act.Sum(f) }
func (d *finalDeriver) planned(f budget.Filter) money.Amount { return d.b.Sum(f) }

func (d *finalDeriver) codeName(k classification.Kind, code string) string {
	if n := d.cat.Name(k, code); n != "" {
		return n
	}
	return code
}

// income sums the year's income that f selects.
func (d *finalDeriver) income(f func(*budget.FinalIncome) bool) money.Amount {
	var s money.Amount
	for i := range d.f.Income {
		if f(&d.f.Income[i]) {
			s += d.f.Income[i].Amount
		}
	}
	return s
}

func incomeFrom(src ...budget.FundType) func(*budget.FinalIncome) bool {
	return func(in *budget.FinalIncome) bool {
		for _, s := range src {
			if in.Source == s {
				return true
			}
		}
		return false
	}
}

func allIncome(*budget.FinalIncome) bool { return true }

func fiscalIncome(in *budget.FinalIncome) bool { return in.Source.Fiscal() }

// carries sums a list of carry-overs of the funds given (all when none).
func carries(list []budget.FinalCarry, funds ...budget.FundType) money.Amount {
	var s money.Amount
	for _, c := range list {
		if len(funds) == 0 || slices.Contains(funds, c.Fund) {
			s += c.Amount
		}
	}
	return s
}

// incomeKey is the column of 收入决算表 that income from src is printed in.
func incomeKey(src budget.FundType) string {
	switch {
	case src.Fiscal():
		return "fiscal"
	case src == budget.SuperiorSubsidy:
		return "superior"
	case src == budget.BusinessIncome:
		return "business"
	case src == budget.OperatingIncome:
		return "operating"
	case src == budget.AffiliateRemit:
		return "affiliated"
	}
	return "other"
}

// plain writes an amount of the narrative in 万元 as the 决算 narratives do: two
// decimals, no separators (2995.39万元).
func plain(a money.Amount) string { return a.Plain(money.UnitWan) }

// plainOrZero writes nothing as 0 (工程采购金额0万元), other amounts as plain does.
func plainOrZero(a money.Amount) string {
	if a.Hundredths(money.UnitWan) == 0 {
		return "0"
	}
	return plain(a)
}

// percent2 is part/whole as a percentage with two decimals, rounded half up; ok is
// false when whole is zero.
func percent2(part, whole money.Amount) (string, bool) {
	if whole == 0 {
		return "", false
	}
	p, w := int64(part), int64(whole)
	neg := (p < 0) != (w < 0)
	if p < 0 {
		p = -p
	}
	if w < 0 {
		w = -w
	}
	h := (p*10000*2 + w) / (2 * w) // hundredths of a percent
	s := fmt.Sprintf("%d.%02d%%", h/100, h%100)
	if neg && h != 0 {
		s = "-" + s
	}
	return s, true
}

// share is "占xx.xx%" of whole, or nothing when whole is zero.
func share(part, whole money.Amount) string {
	if p, ok := percent2(part, whole); ok {
		return "，占" + p
	}
	return ""
}

// completion is the 完成率 of the 决算 b against the budget a: two decimals, but 0%
// for nothing spent or nothing budgeted, as the documents print it.
func completion(b, a money.Amount) string {
	if a == 0 || b == 0 {
		return "0%"
	}
	p, _ := percent2(b, a)
	return p
}

// versus compares this year with last year at the printed precision:
// 减少56.95万元，下降1.87%, or 持平.
func versus(this, last money.Amount) string {
	diff := this - last
	h := diff.Hundredths(money.UnitWan)
	switch {
	case h == 0:
		return "持平"
	case last == 0:
		return "增加" + plain(diff) + "万元"
	}
	p, _ := percent2(diff.Abs(), last)
	if h > 0 {
		return "增加" + plain(diff) + "万元，增长" + p
	}
	return "减少" + plain(diff.Abs()) + "万元，下降" + p
}

// because turns a department's reason into "主要原因：……。", or nothing.
func because(prefix, s string) string {
	s = strings.TrimRight(strings.TrimSpace(s), "。；;")
	if s == "" {
		return ""
	}
	return prefix + s + "。"
}
