package shanghai

import (
	"fmt"
	"strings"

	"yusuan/budget"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/money"
)

// Profile is the Shanghai format.
type Profile struct{}

// Name implements profile.Profile.
func (Profile) Name() string { return "shanghai" }

// Label implements profile.Profile.
func (Profile) Label() string { return "上海" }

// Derive builds the 部门预算 from a validated budget, or its 部门决算 when the budget
// asks for one (document: 部门决算).
func (Profile) Derive(b *budget.Budget, cat *classification.Catalogue) (*disclosure.Document, error) {
	if b.IsFinal() {
		return newFinalDeriver(b, cat).document(), nil
	}
	return newDeriver(b, cat, nil).document(), nil
}

// Documents builds the 部门预算 and one 单位预算 for each unit that may be named, in
// the order of the budget's units. Classified units publish nothing of their own.
func (Profile) Documents(b *budget.Budget, cat *classification.Catalogue) ([]*disclosure.Document, error) {
	if b.IsFinal() {
		// The 部门决算 only: yusuan does not publish a 单位决算.
		return []*disclosure.Document{newFinalDeriver(b, cat).document()}, nil
	}
	docs := []*disclosure.Document{newDeriver(b, cat, nil).document()}
	// A unit's document sums over a copy of the budget with the unit's items alone.
	units := b.ByUnit()
	for i := range b.Units {
		if b.Units[i].Classified {
			continue
		}
		docs = append(docs, newDeriver(units[b.Units[i].Code], cat, &b.Units[i]).document())
	}
	return docs, nil
}

// deriver derives one document: the department's (unit nil) or one unit's.
type deriver struct {
	b    *budget.Budget
	cat  *classification.Catalogue
	unit *budget.Unit
	// sel selects the line items the document covers.
	sel budget.Filter
	// subject is the name the document is published under; who is 部门 or 单位.
	subject, who string
}

func newDeriver(b *budget.Budget, cat *classification.Catalogue, unit *budget.Unit) *deriver {
	d := &deriver{b: b, cat: cat, unit: unit, sel: budget.All, subject: b.Department.Name, who: "部门"}
	if b.Department.Title != "" {
		d.subject = b.Department.Title
	}
	if unit != nil {
		d.sel, d.subject, d.who = budget.OfUnit(unit.Code), unit.Name, "单位"
	}
	return d
}

func (d *deriver) dept() bool { return d.unit == nil }

// kind is 部门预算 or 单位预算.
func (d *deriver) kind() string { return d.who + "预算" }

// title is the cover's title, e.g. 上海市普陀区2025年区级部门预算.
func (d *deriver) title() string {
	return fmt.Sprintf("%s%d年%s%s", d.b.Department.Region, d.b.Year, d.level(), d.kind())
}

// level is the level of government the document belongs to, from the region's last
// character (区级, 市级 …); empty when the region does not say.
func (d *deriver) level() string {
	r := d.b.Department.Region
	for _, suffix := range []string{"区", "县", "市"} {
		if strings.HasSuffix(r, suffix) {
			return suffix + "级"
		}
	}
	return ""
}

func (d *deriver) document() *disclosure.Document {
	// The first of Shanghai's formats that publishes the kind: a 预算 is never
	// written in the 决算 format.
	f := formats[0]
	for _, x := range formats {
		if x.Publishes(d.kind()) {
			f = x
			break
		}
	}
	doc := &disclosure.Document{
		Profile:     "shanghai",
		Format:      f.ID,
		FormatLabel: f.Label,
		Kind:        d.kind(),
		Year:        d.b.Year,
		Department:  d.b.Department.Name,
		Subject:     d.subject,
		Title:       d.title(),
		Unit:        money.UnitWan,
	}
	doc.Tables = d.tables()
	doc.Parts = d.narrative()
	// The workbook follows the template: the tables are its fifth part, after the
	// four parts of text that open the document.
	doc.Workbook, doc.TablesAt = disclosure.TemplateWorkbook, 4
	cover := "预算主管部门："
	if !d.dept() {
		cover = "预算单位："
	}
	doc.Cover = []string{cover + d.subject}
	doc.Contents = d.contents(doc)
	return doc
}

// contents is the template's 目录: its seven parts, with the tables under the fifth.
func (d *deriver) contents(doc *disclosure.Document) []string {
	var out []string
	n := 0
	entry := func(s string) {
		n++
		out = append(out, disclosure.ChineseNumber(n)+"、"+s)
	}
	for _, p := range []string{"主要职能", "机构设置"} {
		entry(d.who + p)
	}
	entry("名词解释")
	entry(d.who + "预算编制说明")
	entry(d.who + "预算表")
	for i, t := range doc.Tables {
		out = append(out, fmt.Sprintf("    %d. %s", i+1, t.Title))
	}
	entry("其他相关情况说明")
	if d.dept() {
		entry("项目经费情况说明")
	}
	return out
}

// in selects the document's items among those f selects.
func (d *deriver) in(f budget.Filter) budget.Filter { return budget.And(d.sel, f) }

// sum adds the document's items that f selects.
func (d *deriver) sum(f budget.Filter) money.Amount { return d.b.Sum(d.in(f)) }

// codeName returns the catalogue name of a code, or the code itself when the loaded
// catalogue lacks it (a user's list may omit parent levels).
func (d *deriver) codeName(k classification.Kind, code string) string {
	if n := d.cat.Name(k, code); n != "" {
		return n
	}
	return code
}

// fromFund selects items whose money comes from fund f, carried over or not: the
// Shanghai tables count last year's carry-over with the fund it came from.
func fromFund(f budget.FundType) budget.Filter {
	return func(li *budget.LineItem) bool { return li.SourceFund() == f }
}

// incomeColumn says in which income column of 表2 an item's money is shown: 财政拨款,
// 事业收入, 事业单位经营收入, or 其他收入 for everything else (财政专户 included).
func incomeColumn(li *budget.LineItem) string {
	switch f := li.SourceFund(); {
	case f.Fiscal():
		return "fiscal"
	case f == budget.BusinessIncome:
		return "business"
	case f == budget.OperatingIncome:
		return "operating"
	}
	return "other"
}

func ofColumn(key string) budget.Filter {
	return func(li *budget.LineItem) bool { return incomeColumn(li) == key }
}

// wan writes an amount of the narrative in 万元 as the Shanghai documents do: 0 for
// nothing, else two decimals with separators.
func wan(a money.Amount) string {
	if a == 0 {
		return "0"
	}
	return a.Wan()
}

// change compares this year with last year in the Shanghai wording:
// 比2024年预算增加1.00万元, 与2024年预算持平.
func change(this, last money.Amount, base string) string {
	diff := this - last
	switch {
	case diff.Hundredths(money.UnitWan) == 0:
		return "与" + base + "持平"
	case diff > 0:
		return "比" + base + "增加" + wan(diff) + "万元"
	}
	return "比" + base + "减少" + wan(diff.Abs()) + "万元"
}
