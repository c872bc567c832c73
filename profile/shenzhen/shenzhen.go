// Package shenzhen derives the Shenzhen 部门预算 disclosure from a budget, everything in
// 万元 with two decimals: up to 2025 the district format of the Longgang documents
// (nine narrative parts, twelve tables), from 2026 the city format of the 2026
// documents (nine parts, eleven tables).
package shenzhen

import (
	"fmt"
	"strings"

	"yusuan/budget"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/format"
	"yusuan/money"
)

// Profile is the Shenzhen format.
type Profile struct{}

// Name implements profile.Profile.
func (Profile) Name() string { return "shenzhen" }

// Label implements profile.Profile.
func (Profile) Label() string { return "深圳" }

// Derive builds the Shenzhen document from a validated budget, in the format the
// budget names or else the format of its year: the district format of 2024 up to
// 2025, the city format of 2026 from then on.
func (Profile) Derive(b *budget.Budget, cat *classification.Catalogue) (*disclosure.Document, error) {
	f, err := formatOf(b)
	if err != nil {
		return nil, err
	}
	d := &deriver{b: b, cat: cat, subject: b.SubjectName(), ix: newIndex(b)}
	if f.ID == format2026 {
		return d.document2026(f), nil
	}
	if err := d.fits2024(); err != nil {
		return nil, err
	}
	doc := &disclosure.Document{
		Profile:     "shenzhen",
		Format:      f.ID,
		FormatLabel: f.Label,
		Kind:        "部门预算",
		Year:        b.Year,
		Department:  b.Department.Name,
		Subject:     d.subject,
		Title:       fmt.Sprintf("%d年%s部门预算", b.Year, d.subject),
		Unit:        money.UnitWan,
	}
	doc.Tables = d.tables()
	doc.Parts = d.narrative()
	return doc, nil
}

// The formats the generator writes.
const (
	format2024 = "shenzhen-2024"
	format2026 = "shenzhen-2026"
)

// formatOf returns the format a budget is published in: the one it names, or the one
// whose years cover the budget's.
func formatOf(b *budget.Budget) (*format.Format, error) {
	for _, f := range formats {
		if b.Format != "" && f.ID == b.Format {
			return f, nil
		}
	}
	if b.Format != "" {
		return nil, fmt.Errorf("%s：公开格式“%s”不是深圳的格式，应为“%s”或“%s”（不填则按预算年度选用）", b.Department.Src.Describe("公开格式"), b.Format, format2024, format2026)
	}
	id := format2024
	if b.Year >= 2026 {
		id = format2026
	}
	for _, f := range formats {
		if f.ID == id {
			return f, nil
		}
	}
	return nil, fmt.Errorf("shenzhen: format %s not embedded", id)
}

// use2026 tells how to choose the 2026 format.
const use2026 = "请改用 " + format2026 + "（YAML 写 format: " + format2026 + "，Excel 在“部门”表填“公开格式”）"

// fits2024 refuses a budget that the 2024 format has no place for: its tables know
// neither the institutions' own income and spending nor 结转下年.
func (d *deriver) fits2024() error {
	for _, li := range d.b.Items {
		what := ""
		switch {
		case li.Kind.InstitutionOnly():
			what = string(li.Kind)
		case li.SourceFund().InstitutionOnly():
			what = string(li.SourceFund())
		default:
			continue
		}
		return fmt.Errorf("%s：公开格式 %s（深圳 2024 年区级格式）的表格没有“%s”栏目，%s", li.Src.Describe(""), format2024, what, use2026)
	}
	if len(d.b.CarryForward) > 0 {
		return fmt.Errorf("%s：公开格式 %s（深圳 2024 年区级格式）的表格不列结转下年，%s", d.b.CarryForward[0].Src.Describe(""), format2024, use2026)
	}
	return nil
}

// deriver holds what every table and part needs.
type deriver struct {
	b       *budget.Budget
	cat     *classification.Catalogue
	subject string
	ix      *index
}

func (d *deriver) year() string     { return fmt.Sprintf("%d年", d.b.Year) }
func (d *deriver) lastYear() string { return fmt.Sprintf("%d年", d.b.Year-1) }

// wan formats an amount for the narrative: 万元, two decimals, separators.
func wan(a money.Amount) string { return a.Wan() + "万元" }

// codeName returns the catalogue name of a code, or the code itself when the loaded
// catalogue lacks it (a user's list may omit parent levels).
func (d *deriver) codeName(k classification.Kind, code string) string {
	if n := d.cat.Name(k, code); n != "" {
		return n
	}
	return code
}

// visibleUnits are the units that may be named; classified units are only counted.
func (d *deriver) visibleUnits() (visible []budget.Unit, classified int) {
	for _, u := range d.b.Units {
		if u.Classified {
			classified++
			continue
		}
		visible = append(visible, u)
	}
	return visible, classified
}

// region is the level of government that the finance bureau belongs to: 区, 市 …
func (d *deriver) region() string {
	r := d.b.Department.Region
	for _, suffix := range []string{"区", "县", "市", "省"} {
		if strings.HasSuffix(r, suffix) {
			return suffix
		}
	}
	return "本级"
}

// printedBase reports whether last year's figure, and the one a reader works out
// from the printed figures (this year minus the printed change), are both non-zero.
func printedBase(this, last money.Amount) bool {
	diff := this - last
	implied := this.Hundredths(money.UnitWan) - sign(diff)*diff.Abs().Hundredths(money.UnitWan)
	return last.Hundredths(money.UnitWan) != 0 && implied != 0
}

func sign(a money.Amount) int64 {
	if a < 0 {
		return -1
	}
	return 1
}

// change describes this year against last year: "比2023年增加1,715.91万元，增长34.0%",
// "与2023年持平", or without a percentage when last year was zero.
func change(this, last money.Amount, lastLabel string, up, down string) string {
	diff := this - last
	if diff.Hundredths(money.UnitWan) == 0 {
		return "与" + lastLabel + "持平"
	}
	verb, pct := "增加", up
	if diff < 0 {
		verb, pct = "减少", down
	}
	s := fmt.Sprintf("比%s%s%s", lastLabel, verb, wan(diff.Abs()))
	// A percentage of a base that prints as 0.00, or that the printed figures imply
	// to be 0.00, would mean nothing to a reader.
	if t, ok := money.Percent(this, last); ok && printedBase(this, last) {
		if t < 0 {
			t = -t
		}
		s += fmt.Sprintf("，%s%s", pct, money.FormatTenths(t))
	}
	return s
}
