package web

import (
	"slices"
	"sort"
	"strconv"

	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/store"
)

// The 预算与决算 view (issue #14): a department's 部门决算 set against its budget,
// by functional class (类/款/项), by economic class of basic spending (类/款) and by
// 三公 item, each row with its 预算数, 决算数, 差额 and 完成率. The page, its CSV and
// the API are written from the same outturnView.

// largeDeviation is the deviation, in per cent of the budget, from which a row
// stands out: spending a fifth more or less than budgeted.
const largeDeviation = 20

// codes names the 类 and 款 above the 决算's rows.
var codes = classification.Default()

// outturnRow is one row of the view. Budget is the 年初预算数 the 决算 states, nil
// when it states none (a 决算 read from published files states a few 项' at
// most); Published is the same row of the department's 部门预算 of the year when
// the portal holds one that prints the section (0 for a code it does not print),
// nil otherwise.
type outturnRow struct {
	Code, Name string
	Level      int // 1 类, 2 款, 3 项; 0 for a 三公 item
	Budget     *money.Amount
	Adjusted   *money.Amount // 调整预算数, when the 决算 gives one
	Published  *money.Amount
	Final      money.Amount
	Reason     string // the 决算's reason for the difference
	// Missing marks a 三公 item the 决算 does not give.
	Missing bool
}

// Base is the 预算数 the row is measured against: the published 部门预算's when
// the portal holds it, else the 决算's own 年初预算数; nil when there is neither.
func (r outturnRow) Base() *money.Amount {
	if r.Published != nil {
		return r.Published
	}
	return r.Budget
}

// Diff is 决算数 − 预算数; nil without a 预算数.
func (r outturnRow) Diff() *money.Amount {
	b := r.Base()
	if b == nil {
		return nil
	}
	d := r.Final - *b
	return &d
}

// Completion is 决算数 / 预算数 in tenths of a per cent, rounded half up; false
// when nothing was budgeted or the budget is not known.
func (r outturnRow) Completion() (int64, bool) {
	b := r.Base()
	if b == nil {
		return 0, false
	}
	return completion(r.Final, *b)
}

// Rate is the 完成率 as shown: one decimal (DOMAIN §3), or a dash when nothing was
// budgeted, the budget is not known or the item is missing.
func (r outturnRow) Rate() string {
	t, ok := r.Completion()
	if !ok || r.Missing {
		return "—"
	}
	return money.FormatTenths(t)
}

// Large reports a deviation of largeDeviation per cent or more, or spending on a
// row with no budget; a row whose budget is not known deviates from nothing.
func (r outturnRow) Large() bool {
	b := r.Base()
	if r.Missing || b == nil {
		return false
	}
	if *b == 0 {
		return r.Final.Round(money.Wan/100) != 0
	}
	return r.Diff().Abs()*100 >= *b*largeDeviation
}

// Differs reports a 年初预算数 in the 决算 that is not the published 部门预算's, at
// the precision the 部门预算 prints (0.01 万元).
func (r outturnRow) Differs() bool {
	return r.Published != nil && r.Budget != nil && r.Budget.Hundredths(money.UnitWan) != r.Published.Hundredths(money.UnitWan)
}

// plus is a + b, a nil a counting as 0.
func plus(a *money.Amount, b money.Amount) *money.Amount {
	if a != nil {
		b += *a
	}
	return &b
}

// completion is part/whole in tenths of a per cent, rounded half up; false when
// whole is not positive.
func completion(part, whole money.Amount) (int64, bool) {
	if whole <= 0 {
		return 0, false
	}
	return money.Ratio(part, whole)
}

// outturnSection is one of the view's three tables.
type outturnSection struct {
	Key, Title string
	Rows       []outturnRow
	Total      outturnRow
	// FromBudget says the 预算数 are the published 部门预算's.
	FromBudget bool
	// Differs counts the 项 (of the economic class, 款) and 三公 items whose
	// 年初预算数 in the 决算 differs from the published 部门预算.
	Differs     int
	HasAdjusted bool
	// Read says the rows were read from the published document (据公开文件读取).
	Read bool
	// PrintedTotal says the 合计's 决算数 is the one the document prints, not
	// the sum of the 类 listed.
	PrintedTotal bool
	// Compared adds up the Comparable finest rows, which have both a 预算数 and
	// a 决算数, for the region's ranking; Unbudgeted counts the finest rows left
	// out of it.
	Compared               outturnRow
	Comparable, Unbudgeted int
}

// outturnView is a department's 预算与决算 of a year.
type outturnView struct {
	Department *store.Department
	Year       int
	Final      store.Final
	// Budget is the department's 部门预算 of the year, when the portal holds it.
	Budget   *store.Document
	Sections []outturnSection
	Tips     map[string]string
}

// Read says the 决算's outturn was read from the published document.
func (v outturnView) Read() bool { return v.Final.Outturn != nil && v.Final.Outturn.Read }

// budgetFigures are what a department's 部门预算 of the year prints of the
// three sections, by code or 三公 item; a nil map for a section it does not print.
type budgetFigures struct {
	functional, economic, sanGong map[string]money.Amount
}

// readBudgetFigures takes the figures of a 部门预算 from the cells of its 支出总表
// (total column, by 项), its 基本支出总表 (total column, by 款) and its 三公 table.
// A table of several units prints each unit's codes apart, and the units'
// rows add up to the department's.
func readBudgetFigures(spending, basic, sanGong []store.Cell, year int) budgetFigures {
	var f budgetFigures
	byCode := func(cells []store.Cell, digits int) map[string]money.Amount {
		// A table printing no row of such a code (the 2026 基本支出总表 names
		// its rows without codes) says nothing of the section.
		var out map[string]money.Amount
		for _, c := range cells {
			if c.Column == "total" && len(c.Code) == digits {
				if out == nil {
					out = map[string]money.Amount{}
				}
				out[c.Code] += c.Amount
			}
		}
		return out
	}
	f.functional, f.economic = byCode(spending, 7), byCode(basic, 5)
	if rows := readSanGong(sanGong, year)[sgThis]; len(rows) > 0 {
		f.sanGong = rows
	}
	return f
}

// newOutturnSections lays out the 决算's outturn against the budget figures. An
// outturn read from the published document holds what its 一般公共预算财政拨款
// tables print (not the 部门预算's 本年支出) and the 三公 items: it is set against
// its own 年初预算数 alone, and a section it has no rows for is left out (the
// functional one comes first whenever it has rows, as the ranking takes it).
func newOutturnSections(o *disclosure.Outturn, b budgetFigures) []outturnSection {
	if o == nil {
		return nil
	}
	if o.Read {
		var s []outturnSection
		if len(o.Functional) > 0 {
			f := codeSection("functional", "按功能分类（一般公共预算财政拨款支出）", classification.Functional, o.Functional, nil, []int{3, 5, 7})
			if o.FunctionalTotal != nil {
				f.Total.Final, f.PrintedTotal = *o.FunctionalTotal, true
			}
			s = append(s, f)
		}
		if len(o.Economic) > 0 {
			s = append(s, codeSection("economic", "按经济分类（一般公共预算财政拨款基本支出）", classification.Economic, o.Economic, nil, []int{3, 5}))
		}
		if len(o.SanGong) > 0 {
			s = append(s, sanGongSection(o.SanGong, nil))
		}
		for i := range s {
			s[i].Read = true
		}
		return s
	}
	return []outturnSection{
		codeSection("functional", "按功能分类（本年支出）", classification.Functional, o.Functional, b.functional, []int{3, 5, 7}),
		codeSection("economic", "按经济分类（基本支出）", classification.Economic, o.Economic, b.economic, []int{3, 5}),
		sanGongSection(o.SanGong, b.sanGong),
	}
}

// codeSection builds a code tree from the 决算's rows of the longest code
// length, each parent the sum of its children, with the published figures of
// every level. A parent's 年初预算数 is unknown when a row under it has none; a
// parent the 决算 prints itself (one read from the published document) keeps
// its printed 决算数. Codes the 部门预算 prints and the 决算 does not get a row too,
// budgeted at 0 in the 决算 (data the outturn was derived from lacks nothing).
func codeSection(key, title string, kind classification.Kind, rows []disclosure.OutturnRow, published map[string]money.Amount, levels []int) outturnSection {
	s := outturnSection{Key: key, Title: title, FromBudget: published != nil}
	leaf := levels[len(levels)-1]
	byCode := map[string]*outturnRow{}
	get := func(code string) *outturnRow {
		r := byCode[code]
		if r == nil {
			r = &outturnRow{Code: code}
			for i, n := range levels {
				if n == len(code) {
					r.Level = i + 1
				}
			}
			if published != nil {
				r.Published = new(money.Amount)
			}
			byCode[code] = r
		}
		return r
	}
	unknown := map[string]bool{} // codes with a row under them that states no budget
	for _, or := range rows {
		if len(or.Code) != leaf {
			continue
		}
		for _, n := range levels {
			r := get(or.Code[:n])
			if n == leaf {
				r.Name, r.Reason = or.Name, or.Reason
			}
			if or.Budget == nil {
				unknown[r.Code] = true
			} else {
				r.Budget = plus(r.Budget, *or.Budget)
			}
			r.Final += or.Final
			if or.Adjusted != nil {
				r.Adjusted = plus(r.Adjusted, *or.Adjusted)
				s.HasAdjusted = true
			}
		}
	}
	for _, or := range rows {
		if len(or.Code) < leaf && slices.Contains(levels, len(or.Code)) {
			r := get(or.Code)
			r.Name, r.Final = or.Name, or.Final
			if r.Budget == nil {
				unknown[r.Code] = true
			}
		}
	}
	for code := range unknown {
		byCode[code].Budget = nil
	}
	for code, a := range published {
		for _, n := range levels {
			r := get(code[:n])
			*r.Published += a
			if r.Budget == nil && !unknown[r.Code] {
				r.Budget = new(money.Amount)
			}
		}
	}
	var order []string
	for code := range byCode {
		order = append(order, code)
	}
	sort.Strings(order)
	var top []outturnRow
	s.Compared = outturnRow{Name: "合计", Budget: new(money.Amount)}
	if published != nil {
		s.Compared.Published = new(money.Amount)
	}
	for _, code := range order {
		r := byCode[code]
		if r.Name == "" {
			r.Name = codes.Name(kind, code)
		}
		if r.Level == 1 {
			top = append(top, *r)
		}
		if r.Level == len(levels) {
			if r.Differs() {
				s.Differs++
			}
			if r.Base() == nil {
				s.Unbudgeted++
			} else {
				s.Comparable++
				addRow(&s.Compared, *r)
			}
		}
		s.Rows = append(s.Rows, *r)
	}
	s.Total = sumRows(top, published != nil)
	return s
}

// sumRows is the 合计 of rows: its 年初预算数 unknown when a row's is.
func sumRows(rows []outturnRow, published bool) outturnRow {
	t := outturnRow{Name: "合计", Budget: new(money.Amount)}
	if published {
		t.Published = new(money.Amount)
	}
	for _, r := range rows {
		if r.Budget == nil && !r.Missing {
			t.Budget = nil
		}
		addRow(&t, r)
	}
	return t
}

// addRow adds r's amounts to total; a missing 三公 item adds its published
// figure alone, and a total whose 年初预算数 is unknown stays so.
func addRow(total *outturnRow, r outturnRow) {
	if r.Published != nil && total.Published != nil {
		*total.Published += *r.Published
	}
	if r.Missing {
		return
	}
	if total.Budget != nil && r.Budget != nil {
		*total.Budget += *r.Budget
	}
	total.Final += r.Final
	if r.Adjusted != nil {
		total.Adjusted = plus(total.Adjusted, *r.Adjusted)
	}
}

// sanGongOutturn are the 三公 items of the view, in the 决算 table's order.
var sanGongOutturn = []struct{ key, name string }{
	{"abroad", "因公出国（境）费"},
	{"car_purchase", "公务用车购置费"},
	{"car_running", "公务用车运行维护费"},
	{"reception", "公务接待费"},
}

// sanGongSection lists every 三公 item, marking those the 决算 does not give.
func sanGongSection(rows []disclosure.OutturnRow, published map[string]money.Amount) outturnSection {
	s := outturnSection{Key: "san_gong", Title: "“三公”经费（财政拨款）", FromBudget: published != nil}
	given := map[string]disclosure.OutturnRow{}
	for _, r := range rows {
		given[r.Code] = r
	}
	for _, it := range sanGongOutturn {
		g, ok := given[it.key]
		r := outturnRow{Code: it.key, Name: it.name, Budget: g.Budget, Adjusted: g.Adjusted, Final: g.Final, Reason: g.Reason, Missing: !ok}
		if published != nil {
			a := published[it.key]
			r.Published = &a
		}
		if r.Differs() {
			s.Differs++
		}
		s.HasAdjusted = s.HasAdjusted || r.Adjusted != nil
		s.Rows = append(s.Rows, r)
	}
	s.Total = sumRows(s.Rows, published != nil)
	return s
}

// Large is largeDeviation, for the page to state.
func (outturnView) Large() int { return largeDeviation }

// Differs counts the rows of every section whose 年初预算数 in the 决算 is not the
// published 部门预算's.
func (v outturnView) Differs() int {
	n := 0
	for _, s := range v.Sections {
		n += s.Differs
	}
	return n
}

// yearText is "2024年".
func yearText(y int) string { return strconv.Itoa(y) + "年" }
