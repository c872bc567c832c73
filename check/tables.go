package check

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/format"
	"yusuan/money"
)

// AmountKeys lists the amount columns of a table.
func (v *View) AmountKeys() []string {
	var keys []string
	for _, col := range v.T.Columns {
		if col.Kind == disclosure.AmountCol && col.Key != "" {
			keys = append(keys, col.Key)
		}
	}
	return keys
}

// summaryTables checks 收支总表 and 财政拨款收支总表: totals, carry-over and the
// income and spending sides.
func (c *Doc) summaryTables() {
	for _, kind := range []disclosure.TableKind{disclosure.SummaryTable, disclosure.FiscalSummaryTable} {
		v := c.tables[kind]
		if v == nil {
			continue
		}
		in, out := "income_item", "spending_item"
		inAmt, outAmt := "income", "spending"
		get := func(key, amtKey string, names ...string) (int, money.Amount, bool) {
			r := v.FindRow(key, names...)
			if r < 0 {
				r = v.findNumberedRow(key, names...)
			}
			if r < 0 {
				return -1, 0, false
			}
			a, ok := v.Amount(r, amtKey)
			return r, a, ok
		}
		rIn, totalIn, okIn := get(in, inAmt, "收入总计")
		rOut, totalOut, okOut := get(out, outAmt, "支出总计")
		_, yearIn, okYearIn := get(in, inAmt, "本年收入合计", "本年收入")
		_, carryIn, okCarry := get(in, inAmt, "上年结余、结转", "上年结转", "上年结余结转", "上年结转结余")
		rYearOut, yearOut, okYearOut := get(out, outAmt, "本年支出合计", "本年支出")
		_, carryOut, okCarryOut := get(out, outAmt, "结转下年", "年末结转和结余", "结转下年结余", "结转结余下年")
		if okIn && okOut {
			c.Equal("BAL-01", v.AtNamed(rOut, outAmt, out), v.Unit, "支出总计", totalIn, totalOut, 0)
		}
		if okIn && okYearIn {
			parts := []money.Amount{yearIn}
			if okCarry {
				parts = append(parts, carryIn)
			}
			c.Balance("BAL-01", v.AtNamed(rIn, inAmt, in), v.Unit, "收入总计（本年收入合计 + 上年结余结转）", totalIn, parts...)
		}
		if okOut && okYearOut {
			parts := []money.Amount{yearOut}
			if okCarryOut {
				parts = append(parts, carryOut)
			}
			c.Balance("BAL-01", v.AtNamed(rOut, outAmt, out), v.Unit, "支出总计（本年支出合计 + 结转下年）", totalOut, parts...)
		}
		c.carryOverParts(v, in, inAmt)
		c.bracketedParts(v, in, inAmt, "BAL-02")
		c.bracketedParts(v, out, outAmt, "BAL-03")
		switch rYearIn := v.FindRow(in, "本年收入合计", "本年收入"); {
		case okIn && !okYearIn:
			c.ordinalIncome(v, in, inAmt, rIn, totalIn)
		case okYearIn && numberedIncome(v, in, rYearIn):
			// Income numbered 一、 1. above 本年收入合计, whatever its names.
			c.ordinalIncome(v, in, inAmt, rYearIn, yearIn)
		default:
			c.incomeSide(v, in, inAmt)
		}
		c.fiscalIncomeRows(v, kind)
		// Without a 本年支出合计 row (Shanghai), 支出总计 is the sum of the classes.
		if !okYearOut && okOut {
			rYearOut, yearOut, okYearOut = rOut, totalOut, true
		}
		if okYearOut {
			c.spendingSide(v, out, outAmt, rYearOut, yearOut)
			c.spendingRows(v, out, outAmt, rYearOut, kind == disclosure.FiscalSummaryTable)
		}
	}
}

// ordinalIncome: where income is listed as 一、二、… with 1. 2. … below (Shanghai,
// and above 本年收入合计 elsewhere), the total is the sum of the 一、二、… items and
// each of them the sum of its 1. 2. …. An unnumbered row with numbered rows below
// it (财政拨款, then 1.一般公共预算拨款) is an item of the first level too.
func (c *Doc) ordinalIncome(v *View, key, amt string, totalRow int, total money.Amount) {
	var tops []money.Amount
	top, topAmt := -1, money.Amount(0)
	var subs []money.Amount
	closeTop := func() {
		if top >= 0 && len(subs) > 0 {
			c.Balance("BAL-02", v.AtNamed(top, amt, key), v.Unit, "“"+v.Text(top, key)+"”", topAmt, subs...)
		}
		subs = nil
	}
	heading := func(r int) bool {
		name := v.Text(r, key)
		if topOrdinal.MatchString(name) {
			return true
		}
		return name != "" && !subOrdinal.MatchString(name) && r+1 < totalRow && subOrdinal.MatchString(v.Text(r+1, key))
	}
	for r := 0; r < totalRow; r++ {
		name := v.Text(r, key)
		a, ok := v.Amount(r, amt)
		if !ok {
			continue
		}
		switch {
		case heading(r):
			closeTop()
			top, topAmt = r, a
			tops = append(tops, a)
		case subOrdinal.MatchString(name) && top >= 0:
			subs = append(subs, a)
		}
	}
	closeTop()
	if len(tops) > 0 {
		c.Balance("BAL-02", v.AtNamed(totalRow, amt, key), v.Unit, ordinal.ReplaceAllString(v.Text(totalRow, key), ""), total, tops...)
	}
}

// bracketedParts: an item numbered 一、 is the sum of the items numbered （一）
// （二）… below it (一、本年收入 over （一）一般公共预算拨款 …, 一、本年支出 over
// （一）一般公共服务支出 …, 二、上年结转 over its funds). An item without such parts
// is not summed.
func (c *Doc) bracketedParts(v *View, key, amt, rule string) {
	top, topAmt, topOK := -1, money.Amount(0), false
	var parts []money.Amount
	closeTop := func() {
		if top >= 0 && topOK && len(parts) > 0 {
			c.Balance(rule, v.AtNamed(top, amt, key), v.Unit, "“"+v.Text(top, key)+"”", topAmt, parts...)
		}
		top, parts = -1, nil
	}
	for r := range v.body {
		name := v.Text(r, key)
		switch {
		case topOrdinal.MatchString(name):
			closeTop()
			top = r
			topAmt, topOK = v.Amount(r, amt)
		case bracketOrdinal.MatchString(name) && top >= 0:
			if a, ok := v.Amount(r, amt); ok {
				parts = append(parts, a)
			}
		case name != "":
			closeTop()
		}
	}
	closeTop()
}

var (
	bracketOrdinal = regexp.MustCompile(`^（[一二三四五六七八九十]+）`)
	topOrdinal     = regexp.MustCompile(`^[一二三四五六七八九十]+、`)
	subOrdinal     = regexp.MustCompile(`^[0-9]+[.．、]`)
)

// carryOverParts: 上年结余、结转 equals its numbered parts below it.
func (c *Doc) carryOverParts(v *View, key, amt string) {
	r := v.FindRow(key, "上年结余、结转", "上年结转", "上年结余结转")
	if r < 0 {
		return
	}
	total, ok := v.Amount(r, amt)
	if !ok {
		return
	}
	var parts []money.Amount
	for i := r + 1; i < len(v.body); i++ {
		name := v.Text(i, key)
		if len(name) < 2 || name[0] < '1' || name[0] > '9' {
			break
		}
		if a, ok := v.Amount(i, amt); ok {
			parts = append(parts, a)
		}
	}
	if len(parts) > 0 {
		c.Balance("BAL-02", v.AtNamed(r, amt, key), v.Unit, "上年结余、结转", total, parts...)
	}
}

// incomeGroups are the income side's group rows and the rows each adds up.
var incomeGroups = []struct {
	name  string
	parts []string
}{
	{"政府预算资金", []string{"一般公共预算资金", "政府性基金预算资金", "国有资本经营预算资金", "政府性基金", "国有资本经营预算"}},
	{"单位资金", []string{"事业收入", "事业单位经营收入", "其他收入"}},
}

// incomeSide: 本年收入合计 = its groups; each group = its fund rows; a fund printed
// twice (group and detail line) shows the same amount.
func (c *Doc) incomeSide(v *View, key, amt string) {
	yr := v.FindRow(key, "本年收入合计", "本年收入")
	if yr < 0 {
		return
	}
	yearIn, _ := v.Amount(yr, amt)
	var tops []money.Amount
	found := false
	for _, g := range append(incomeGroups, struct {
		name  string
		parts []string
	}{"财政专户管理资金", nil}) {
		r := v.FindRow(key, g.name)
		if r < 0 || r > yr {
			continue
		}
		found = true
		total, _ := v.Amount(r, amt)
		tops = append(tops, total)
		var parts []money.Amount
		prevName := ""
		var prevAmt money.Amount
		for i := r + 1; i < yr; i++ {
			name := v.Text(i, key)
			if !contains(g.parts, name) {
				if name == "" {
					continue
				}
				break
			}
			a, _ := v.Amount(i, amt)
			if name == prevName {
				c.Equal("BAL-02", v.AtNamed(i, amt, key), v.Unit, "“"+name+"”明细行", prevAmt, a, 0)
				continue
			}
			prevName, prevAmt = name, a
			parts = append(parts, a)
		}
		if len(parts) > 0 {
			c.Balance("BAL-02", v.AtNamed(r, amt, key), v.Unit, "“"+g.name+"”", total, parts...)
		}
	}
	if found {
		c.Balance("BAL-02", v.AtNamed(yr, amt, key), v.Unit, "本年收入合计", yearIn, tops...)
	}
}

// numberedIncome reports whether the income side above row end numbers its items
// 一、二、… with 1. 2. … below some of them.
func numberedIncome(v *View, key string, end int) bool {
	tops, subs, named := 0, 0, 0
	for r := 0; r < end; r++ {
		name := v.Text(r, key)
		switch {
		case name == "":
			continue
		case topOrdinal.MatchString(name), r+1 < end && subOrdinal.MatchString(v.Text(r+1, key)) && !subOrdinal.MatchString(name):
			tops++
		case subOrdinal.MatchString(name):
			subs++
		}
		named++
	}
	// Every item is numbered or heads numbered items: no unnumbered part of
	// another item whose level is not known.
	return tops > 0 && tops+subs == named && (subs > 0 || tops > 1)
}

// fiscalIncomeRows: each income row of the 财政拨款收支总表 above 本年收入合计 shows
// what the 收支总表 shows on the row of the same name (财政拨款, 1.一般公共预算拨款…).
func (c *Doc) fiscalIncomeRows(v *View, kind disclosure.TableKind) {
	s1 := c.tables[disclosure.SummaryTable]
	if kind != disclosure.FiscalSummaryTable || s1 == nil {
		return
	}
	end, end1 := v.FindRow("income_item", "本年收入合计", "本年收入"), s1.FindRow("income_item", "本年收入合计", "本年收入")
	if end1 < 0 {
		end1 = s1.Len()
	}
	for r := 0; r < end; r++ {
		name := ordinal.ReplaceAllString(v.Text(r, "income_item"), "")
		if strings.Contains(name, "结转") || strings.Contains(name, "结余") {
			break // the money carried over, whose fund rows repeat this year's names
		}
		got, ok := v.Amount(r, "income")
		if name == "" || !ok {
			continue
		}
		r1 := s1.findNumberedRow("income_item", name)
		if r1 < 0 || r1 >= end1 {
			continue
		}
		if want, ok := s1.Amount(r1, "income"); ok {
			c.Equal("X-07", v.AtNamed(r, "income", "income_item"), v.Unit, "“"+name+"”（与"+s1.Label+"对照）", want, got, 0, s1.Label)
		}
	}
}

// spendingSide: 本年支出合计 = the functional 类 rows above it.
func (c *Doc) spendingSide(v *View, key, amt string, yr int, yearOut money.Amount) {
	// The classes are the items numbered 一、二、… where the side numbers them;
	// else the rows that name a 类 the catalogue or the document's own coded
	// tables know.
	numbered := false
	for r := 0; r < yr; r++ {
		if topOrdinal.MatchString(v.Text(r, key)) {
			numbered = true
		}
	}
	var classes []money.Amount
	prev := "" // the name of the row above, when it was taken as a class
	for r := 0; r < yr; r++ {
		text := v.Text(r, key)
		name := ordinal.ReplaceAllString(text, "")
		if name == "" {
			continue
		}
		// A 款 and 项 may carry their 类's name (229 其他支出, 22999 其他支出,
		// 2299999 其他支出): unnumbered, the rows under a class named as it are its
		// parts, not further classes.
		above := prev
		prev = ""
		if !numbered && above != "" && classification.SameName(above, name) {
			prev = above
			continue
		}
		// Unnumbered, a row nobody knows the name of may be a class: then the
		// classes are not known and the sum is not checked.
		if !numbered && !c.isClassName(name) && !c.isFunctionalName(name) {
			if _, ok := v.Amount(r, amt); ok {
				return
			}
		}
		if numbered && !topOrdinal.MatchString(text) || !numbered && !c.isClassName(name) {
			continue
		}
		if a, ok := v.Amount(r, amt); ok {
			classes = append(classes, a)
			prev = name
		}
	}
	if len(classes) > 0 {
		c.Balance("BAL-03", v.AtNamed(yr, amt, key), v.Unit, "本年支出合计", yearOut, classes...)
	}
}

// ordinal matches a leading 一、 or 1. numbering.
var ordinal = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|[0-9]+[.．、])`)

// spendingRows: every functional row on a 收支总表's spending side shows what the
// 支出总表 (or, when all money is 一般公共预算, the 一般公共预算 table) shows for it.
func (c *Doc) spendingRows(v *View, key, amt string, end int, fiscal bool) {
	ref := c.tables[disclosure.SpendingTable]
	if ref == nil || fiscal {
		ref = nil
		if c.AllGeneralPublic() || fiscal && c.allFiscalIsGeneralPublic(v, key, amt, end) {
			ref = c.tables[disclosure.GPFunctionalTable]
		}
	}
	if ref == nil {
		return
	}
	if HiddenSection(ref, "total") {
		return
	}
	// The department's figure of a code is the sum of its rows in every unit's section.
	type entry struct {
		code, name string
		sum        money.Amount
		n          int
	}
	byCode := map[string]*entry{}
	var codes []string
	for i, row := range ref.T.Rows {
		if row.Code == "" {
			continue
		}
		e := byCode[row.Code]
		if e == nil {
			e = &entry{code: row.Code, name: ref.Text(i, "name")}
			byCode[row.Code] = e
			codes = append(codes, row.Code)
		}
		a, _ := ref.Amount(i, "total")
		e.sum += a
		e.n++
	}
	// A 决算 generated by yusuan also prints a 项's total as the sum of its printed
	// columns, so that its rows add up as printed: each 项 brings the tails of its
	// columns (finalClassTails counts one a 项).
	items := map[string]int{}
	if c.final() {
		perItem := max(len(ref.AmountKeys())-1, 1)
		for _, code := range codes {
			if len(code) == 7 {
				items[code[:3]] += perItem
				items[code[:5]] += perItem
			}
		}
	}
	sort.Strings(codes)
	next := 0
	for r := 0; r < end; r++ {
		name := ordinal.ReplaceAllString(v.Text(r, key), "")
		got, ok := v.Amount(r, amt)
		if name == "" || !ok {
			continue
		}
		for i := next; i < len(codes); i++ {
			e := byCode[codes[i]]
			if classification.SameName(e.name, name) {
				tails := 0
				if e.n > 1 {
					tails = e.n + 1
				}
				if c.final() {
					tails = max(tails, finalClassTails(ref, e.code), items[e.code]+1)
				}
				c.Equal("X-06", v.AtNamed(r, amt, key), v.Unit, "“"+name+"”（与"+ref.Label+"对照）", e.sum, got, tails, ref.Label)
				next = i + 1
				break
			}
		}
	}
}

// allFiscalIsGeneralPublic reports whether a 财政拨款收支总表's 本年支出合计 (row
// yr) is what the 一般公共预算 table spends in all: then every spending row of it is
// that table's row.
func (c *Doc) allFiscalIsGeneralPublic(v *View, key, amt string, yr int) bool {
	gp := c.tables[disclosure.GPFunctionalTable]
	top := TopRow(gp)
	if top < 0 || yr < 0 {
		return false
	}
	want, ok1 := gp.Amount(top, "total")
	got, ok2 := v.Amount(yr, amt)
	return ok1 && ok2 && want == got
}

// isFunctionalName reports whether a name is a 功能分类 款 or 项 the catalogue or
// the document's own coded tables know.
func (c *Doc) isFunctionalName(name string) bool {
	if c.funcNames == nil {
		c.funcNames = map[string]bool{}
		for _, code := range c.cat.Codes(classification.Functional) {
			c.funcNames[classification.NormalizeName(code.Name)] = true
		}
		for _, t := range c.doc.Tables {
			v := c.tables[t.Kind]
			if v == nil || v.T != t || !v.Has("name") {
				continue
			}
			for i, row := range t.Rows {
				if len(row.Code) >= 3 && row.Code[0] == '2' {
					c.funcNames[classification.NormalizeName(v.Text(i, "name"))] = true
				}
			}
		}
	}
	return c.funcNames[classification.NormalizeName(name)]
}

func (c *Doc) isClassName(name string) bool {
	if c.classNames == nil {
		c.classNames = map[string]bool{}
		for _, code := range c.cat.Codes(classification.Functional) {
			if code.Level() == 1 {
				c.classNames[classification.NormalizeName(code.Name)] = true
			}
		}
		// The document's own functional tables name their 类 by a 3-digit code.
		for _, t := range c.doc.Tables {
			v := c.tables[t.Kind]
			if v == nil || v.T != t || !v.Has("name") {
				continue
			}
			for i, row := range t.Rows {
				if len(row.Code) == 3 && row.Code[0] == '2' {
					c.classNames[classification.NormalizeName(v.Text(i, "name"))] = true
				}
			}
		}
	}
	return c.classNames[classification.NormalizeName(name)]
}

// codeTables checks every table whose rows carry codes: each 类 is the sum of its 款,
// each 款 of its 项, and the row above the codes (a unit or 合计) of the 类.
// figureHeadRe is a header naming a budget's or an outturn's figure.
var figureHeadRe = regexp.MustCompile(`(预算|执行|决算)数$`)

func (c *Doc) codeTables() {
	for _, t := range c.doc.Tables {
		v := c.tables[t.Kind]
		if v == nil || v.T != t || !HasCodes(t) {
			continue
		}
		// A row whose code is not a code of any level (3, 5 or 7 digits) is the
		// defect to report; where it belongs in the tree is not known, so the
		// table's levels are not summed.
		if c.malformedCodes(v) {
			continue
		}
		// Every column of amounts the vocabulary knows adds up, and so does one
		// it does not know whose header names a budget's or an outturn's figure
		// (扣除中央基建投资后预算数); other unknown headers may be misread.
		var cols []int
		paths := format.HeaderPaths(t)
		for j, col := range t.Columns {
			if col.Kind != disclosure.AmountCol {
				continue
			}
			if col.Key == "" && (len(paths) != len(t.Columns) || len(paths[j]) == 0 || whereof(paths[j]) || !figureHeadRe.MatchString(format.Fold(paths[j][len(paths[j])-1]))) {
				continue
			}
			cols = append(cols, j)
		}
		// Sections: a head row without code (a unit or 合计), then coded rows.
		var heads []int
		for r, row := range t.Rows {
			if row.Code == "" {
				heads = append(heads, r)
				continue
			}
			if classification.LevelOf(row.Code) == 0 {
				continue
			}
			children := childRows(t, r)
			for _, k := range cols {
				total, ok := v.AmountIn(r, k)
				if !ok || len(children) == 0 {
					continue
				}
				var parts []money.Amount
				for _, ch := range children {
					a, _ := v.AmountIn(ch, k)
					parts = append(parts, a)
				}
				c.Balance("SUM-01", v.AtColumn(r, k), v.Unit, "“"+v.RowName(r)+"”", total, parts...)
			}
		}
		// Each head row equals the sum of the 类 rows in its section; a 合计 row at
		// the bottom (Shanghai) sums the 类 rows above it.
		for i, h := range heads {
			start, end := h+1, len(t.Rows)
			if i+1 < len(heads) {
				end = heads[i+1]
			}
			if h == len(t.Rows)-1 && h > 0 && Normalize(v.RowName(h)) == "合计" && t.Rows[0].Code != "" {
				start, end = 0, h
				if i > 0 {
					start = heads[i-1] + 1
				}
			}
			var classes []int
			for r := start; r < end; r++ {
				if classification.LevelOf(t.Rows[r].Code) == 1 {
					classes = append(classes, r)
				}
			}
			if len(classes) == 0 {
				continue
			}
			// A 决算 prints a 类 as the sum of its printed 项, and a 项's total as the
			// sum of its printed columns (docs/juesuan.md I-9): the 合计 may differ
			// from the 类 by the tails of every 项.
			items := 0
			if c.final() {
				for r := start; r < end; r++ {
					if classification.LevelOf(t.Rows[r].Code) == 3 {
						items++
					}
				}
			}
			for _, k := range cols {
				total, ok := v.AmountIn(h, k)
				if !ok {
					continue
				}
				var parts []money.Amount
				for _, r := range classes {
					a, _ := v.AmountIn(r, k)
					parts = append(parts, a)
				}
				n := items
				if t.Columns[k].Key == "total" {
					n *= max(len(cols)-1, 1)
				}
				c.BalanceOf("SUM-01", v.AtColumn(h, k), v.Unit, "“"+v.RowName(h)+"”合计", total, n, parts...)
			}
		}
		c.unitRowsAddUp(v, heads, v.AmountKeys())
	}
}

// unitRowsAddUp: in a table listing several units, the 合计 row (or the row
// read as the total, the department's name printed in its place) is the sum of
// the unit rows.
func (c *Doc) unitRowsAddUp(v *View, heads []int, keys []string) {
	if len(heads) < 3 || Normalize(v.RowName(heads[0])) != "合计" && v.T.Rows[heads[0]].Kind != disclosure.TotalRow {
		return
	}
	for _, k := range keys {
		total, ok := v.Amount(heads[0], k)
		if !ok {
			continue
		}
		var parts []money.Amount
		for _, h := range heads[1:] {
			a, _ := v.Amount(h, k)
			parts = append(parts, a)
		}
		c.Balance("SUM-01", v.At(heads[0], k), v.Unit, "合计", total, parts...)
	}
}

// malformedCodes reports each row of v whose code is not a classification code,
// or is printed otherwise than it reads (301   2 read as 30102), and whether any
// row's code fits no level of the tree.
func (c *Doc) malformedCodes(v *View) bool {
	codeCols := 0
	for _, col := range v.T.Columns {
		if col.Kind == disclosure.CodeCol {
			codeCols++
		}
	}
	broken := false
	for r, row := range v.T.Rows {
		printed := strings.TrimSpace(v.raw(r, "code"))
		compact := strings.Join(strings.Fields(printed), "")
		// A code the reader could not take for one (3 for 30102) leaves the row
		// without a code but digits in the code column.
		if row.Code == "" && !(codeCols == 1 && codeDigitsRe.MatchString(compact)) {
			if code, ok := c.uncodedItem(v, r); ok {
				broken = true
				c.Add(Finding{Rule: "CODE-03", Severity: Warning, Location: v.At(r, "name"), Actual: v.RowName(r), Expected: code,
					Message: fmt.Sprintf("行“%s”没有印科目编码（按名称是 %s），无法确定其层级，本表的逐级汇总未核对", v.RowName(r), code)})
			}
			continue
		}
		if classification.LevelOf(row.Code) == 0 {
			broken = true
			c.Add(Finding{Rule: "CODE-03", Severity: Warning, Location: v.At(r, "code"), Actual: printed,
				Message: fmt.Sprintf("科目编码“%s”位数不对（类 3 位、款 5 位、项 7 位），无法确定其层级，本表的逐级汇总未核对", printed)})
			continue
		}
		// One code column printing the code with a gap: 301   2 for 30102.
		if codeCols == 1 && printed != compact && codeDigitsRe.MatchString(compact) {
			c.Add(Finding{Rule: "CODE-03", Severity: Warning, Location: v.At(r, "code"), Actual: printed, Expected: row.Code,
				Message: fmt.Sprintf("科目编码印作“%s”，按“%s”读取，请核对", printed, row.Code)})
		}
	}
	return broken
}

var codeDigitsRe = regexp.MustCompile(`^[0-9]+$`)

// uncodedItem reports whether row r, printed without a code between rows with
// codes of one classification, is named as a 款 or 项 of that classification
// (津贴补贴 between 30101 and 30103): a row whose code is missing, not the head
// of a unit's section, which a unit's or a total's name would be. It returns the
// code the name belongs to (the first one, by the neighbours' classification).
func (c *Doc) uncodedItem(v *View, r int) (string, bool) {
	rows := v.T.Rows
	if r == 0 || r+1 >= len(rows) || rows[r].Kind == disclosure.TotalRow {
		return "", false
	}
	prev, next := rows[r-1].Code, rows[r+1].Code
	if prev == "" || next == "" || prev[0] != next[0] {
		return "", false
	}
	kind := classification.Functional
	if prev[0] == '3' {
		kind = classification.Economic
	}
	name := classification.NormalizeName(v.RowName(r))
	if name == "" {
		return "", false
	}
	if c.itemNames == nil {
		c.itemNames = map[classification.Kind]map[string]string{}
	}
	names := c.itemNames[kind]
	if names == nil {
		names = map[string]string{}
		for _, code := range c.cat.Codes(kind) {
			if code.Level() > 1 {
				if n := classification.NormalizeName(code.Name); names[n] == "" {
					names[n] = code.Code
				}
			}
		}
		c.itemNames[kind] = names
	}
	code, ok := names[name]
	return code, ok
}

// HasCodes reports whether any row of t carries a classification code.
func HasCodes(t *disclosure.Table) bool {
	for _, r := range t.Rows {
		if r.Code != "" {
			return true
		}
	}
	return false
}

// childRows returns the rows directly below row r in the code tree: for a 类 its 款,
// for a 款 its 项, within the same section.
func childRows(t *disclosure.Table, r int) []int {
	code := t.Rows[r].Code
	var out []int
	for i := r + 1; i < len(t.Rows); i++ {
		cc := t.Rows[i].Code
		if cc == "" || !strings.HasPrefix(cc, code) {
			break
		}
		if classification.ParentOf(cc) == code {
			out = append(out, i)
		}
	}
	return out
}

// rowSums checks sums within rows: total = basic + project, total = personnel +
// public, a total column = the fund columns; and 合计 rows of project and income tables.
func (c *Doc) rowSums() {
	for _, t := range c.doc.Tables {
		v := c.tables[t.Kind]
		if v == nil || v.T != t {
			continue
		}
		switch t.Kind {
		case disclosure.SanGongOfficeTable:
			c.sanGongOffice(v)
			continue
		case disclosure.FiscalSummaryTable:
			c.spendingColumns(v, "财政拨款支出合计", "general", "gov_fund", "state_capital")
			continue
		case disclosure.SummaryTable:
			c.spendingColumns(v, "支出合计", "personnel", "public", "project")
			continue
		case disclosure.SanGongTable:
			c.headerSums(v, "SUM-03")
			continue
		case disclosure.PerformanceTable, disclosure.KeyProjectTable, disclosure.ProjectPerformanceTable:
			continue
		}
		c.headerSums(v, "SUM-02")
		if t.Kind == disclosure.ProjectTable || t.Kind == disclosure.IncomeTable {
			c.totalRowAddsUp(v)
		}
	}
}

// sanGongOffice checks Shanghai's 表9: 合计 = its three parts, 小计 = 购置费 + 运行费.
func (c *Doc) sanGongOffice(v *View) {
	for r := range v.body {
		total, ok := v.Amount(r, "total")
		if !ok || v.body[r][v.keys["total"]].cell == nil || v.body[r][v.keys["total"]].cell.Amount == nil {
			continue
		}
		abroad, _ := v.Amount(r, "abroad")
		reception, _ := v.Amount(r, "reception")
		car, _ := v.Amount(r, "car")
		purchase, _ := v.Amount(r, "car_purchase")
		running, _ := v.Amount(r, "car_running")
		c.Balance("SUM-03", v.At(r, "total"), v.Unit, "“三公”经费合计", total, abroad, reception, car)
		c.Balance("SUM-03", v.At(r, "car"), v.Unit, "公务用车购置及运行费", car, purchase, running)
	}
}

// spendingColumns: in a summary table that splits its spending side (Shanghai's
// 财政拨款收支总表 by fund, a 单位预算's 财务收支预算总表 into 人员经费, 公用经费 and
// 项目支出), each row's 合计 is the sum of the split's columns. A table without them
// is not split.
func (c *Doc) spendingColumns(v *View, what string, keys ...string) {
	if _, ok := v.keys[keys[0]]; !ok {
		return
	}
	for r := range v.body {
		total, ok := v.Amount(r, "spending")
		if !ok || v.body[r][v.keys["spending"]].cell == nil || v.body[r][v.keys["spending"]].cell.Amount == nil {
			continue
		}
		var parts []money.Amount
		for _, k := range keys {
			a, _ := v.Amount(r, k)
			parts = append(parts, a)
		}
		c.Balance("SUM-02", v.AtNamed(r, "spending", "spending_item"), v.Unit, "“"+v.Text(r, "spending_item")+"”"+what, total, parts...)
	}
}

// totalRowAddsUp: a leading 合计 row is the sum of the rows below it.
func (c *Doc) totalRowAddsUp(v *View) {
	if len(v.body) < 2 || v.T.Rows[0].Kind != disclosure.TotalRow {
		return
	}
	// Rows of 类, 款 and 项 (a 决算's 收入决算表) add up level by level: SUM-01's.
	for _, row := range v.T.Rows {
		if row.Code != "" {
			return
		}
	}
	for _, k := range v.AmountKeys() {
		total, ok := v.Amount(0, k)
		if !ok {
			continue
		}
		var parts []money.Amount
		for r := 1; r < len(v.body); r++ {
			if v.T.Rows[r].Kind == disclosure.TotalRow {
				continue
			}
			a, _ := v.Amount(r, k)
			parts = append(parts, a)
		}
		// Rows that hold both a department's figure and its units' count every
		// unit twice: that level of rows is not known, so the sum is not checked.
		var sum money.Amount
		for _, p := range parts {
			sum += p
		}
		if total != 0 && withinTails(sum-2*total, 2*len(parts)+1, v.step) {
			continue
		}
		c.Balance("SUM-02", v.At(0, k), v.Unit, "合计行", total, parts...)
	}
}

// sanGong checks 表9: totals of the parts per fund, car = purchase + running, and the
// change row = this year − last year.
func (c *Doc) sanGong() {
	v := c.tables[disclosure.SanGongTable]
	if v == nil {
		return
	}
	// A table whose header prints the parts as columns under one total (总计 |
	// 因公出国（境）费 | 公务接待费 | 公务用车 › 小计 …) is checked by its header
	// (rowSums). A table that splits each part by fund (总计 › 一般公共预算 …) is
	// checked here, fund by fund.
	if v.Has("total.general") {
		for r := range v.body {
			for _, f := range []string{".general", ".gov_fund", ".state_capital"} {
				total, ok := v.Amount(r, "total"+f)
				if !ok || v.body[r][v.keys["total"+f]].cell == nil || !v.Has("abroad"+f) || !v.Has("reception"+f) || !v.Has("car"+f) {
					continue
				}
				abroad, _ := v.Amount(r, "abroad"+f)
				reception, _ := v.Amount(r, "reception"+f)
				car, _ := v.Amount(r, "car"+f)
				c.Balance("SUM-03", v.At(r, "total"+f), v.Unit, "“三公”经费合计", total, abroad, reception, car)
				if v.Has("car_purchase"+f) && v.Has("car_running"+f) {
					purchase, _ := v.Amount(r, "car_purchase"+f)
					running, _ := v.Amount(r, "car_running"+f)
					c.Balance("SUM-03", v.At(r, "car"+f), v.Unit, "公务用车购置及运行维护费", car, purchase, running)
				}
			}
		}
	}
	for r := range v.body {
		if v.Text(r, "year") == "增减变化金额" && r >= 2 {
			for _, k := range v.AmountKeys() {
				diff, _ := v.Amount(r, k)
				last, _ := v.Amount(r-2, k)
				this, _ := v.Amount(r-1, k)
				c.Equal("SUM-03", v.At(r, k), v.Unit, "增减变化金额", this-last, diff, 2)
			}
		}
	}
	c.sanGongRows(v)
}

// sanGongRows checks a 三公 table that prints the parts as rows (“三公”经费,
// 因公出国（境）…, 公务用车购置及运行维护…, 1.公务用车购置费, 2.公务用车运行维护费,
// 公务接待…): in every column of amounts, the 三公 row is the sum of the three parts
// and the car row of its two.
func (c *Doc) sanGongRows(v *View) {
	find := func(re *regexp.Regexp) int {
		at := -1
		for r := range v.body {
			if re.MatchString(sanGongRowName(v.RowName(r))) {
				if at >= 0 {
					return -2 // twice: not a table of one row per part
				}
				at = r
			}
		}
		return at
	}
	total, abroad, reception, car := find(sgTotalRe), find(sgAbroadRe), find(sgReceptionRe), find(sgCarRe)
	purchase, running := find(sgPurchaseRe), find(sgRunningRe)
	for _, k := range v.AmountKeys() {
		if total >= 0 && abroad >= 0 && reception >= 0 && car >= 0 {
			t, ok := v.Amount(total, k)
			a, _ := v.Amount(abroad, k)
			re, _ := v.Amount(reception, k)
			cr, _ := v.Amount(car, k)
			if ok {
				c.Balance("SUM-03", v.At(total, k), v.Unit, "“三公”经费合计", t, a, re, cr)
			}
		}
		if car >= 0 && purchase >= 0 && running >= 0 {
			cr, ok := v.Amount(car, k)
			p, _ := v.Amount(purchase, k)
			ru, _ := v.Amount(running, k)
			if ok {
				c.Balance("SUM-03", v.At(car, k), v.Unit, "公务用车购置及运行维护费", cr, p, ru)
			}
		}
	}
}

// sanGongRowName is a row label without its numbering and 其中.
func sanGongRowName(s string) string {
	s = Normalize(s)
	s = strings.TrimPrefix(s, "其中:")
	s = strings.TrimPrefix(s, "其中：")
	s = strings.TrimPrefix(s, "其中")
	return sgNumberRe.ReplaceAllString(s, "")
}

var (
	sgNumberRe    = regexp.MustCompile(`^(?:[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+、|[0-9]+[.．、])`)
	sgTotalRe     = regexp.MustCompile(`^(?:财政拨款)?[“"]?三公[”"]?经费(?:合计|支出|预算)?$`)
	sgAbroadRe    = regexp.MustCompile(`^因公出国[（(]境[)）](?:费用?|支出)?$`)
	sgReceptionRe = regexp.MustCompile(`^公务接待(?:费)?(?:支出)?$`)
	sgCarRe       = regexp.MustCompile(`^公务用车购置及运行(?:维护)?(?:费|支出)?$`)
	sgPurchaseRe  = regexp.MustCompile(`^公务用车购置(?:费|支出)?$`)
	sgRunningRe   = regexp.MustCompile(`^公务用车运行(?:维护)?(?:费|支出)?$`)
)

// performance checks 表12: each task's total = 财政拨款 + 其他资金, and 金额合计 = the tasks.
func (c *Doc) performance() {
	v := c.tables[disclosure.PerformanceTable]
	if v == nil {
		return
	}
	var tasks []int
	for r := range v.body {
		total, ok := v.Amount(r, "total")
		g := v.body[r][v.keys["total"]]
		if !ok || g.cell == nil || g.cell.Amount == nil {
			continue
		}
		fiscal, _ := v.Amount(r, "fiscal")
		other, _ := v.Amount(r, "other")
		c.Balance("SUM-04", v.At(r, "total"), v.Unit, "“"+v.Text(r, "content")+"”总额", total, fiscal, other)
		if v.Text(r, "task") == "金额合计" {
			for _, k := range []string{"total", "fiscal", "other"} {
				sum, _ := v.Amount(r, k)
				var parts []money.Amount
				for _, tr := range tasks {
					a, _ := v.Amount(tr, k)
					parts = append(parts, a)
				}
				c.Balance("SUM-04", v.At(r, k), v.Unit, "金额合计", sum, parts...)
			}
			tasks = nil
			continue
		}
		tasks = append(tasks, r)
	}
}

// TopRow is the row of a code table that holds the whole table's figures: its first
// row (a unit or 合计, Shenzhen) or a 合计 row at the bottom (Shanghai).
func TopRow(v *View) int {
	if v == nil || len(v.T.Rows) == 0 {
		return -1
	}
	// A 合计 row wherever it is printed; else a first row without a code (the
	// department's), unless its name starts with a code (2040601-行政运行).
	for r, row := range v.T.Rows {
		if row.Kind == disclosure.TotalRow && row.Code == "" {
			return r
		}
	}
	if v.T.Rows[0].Code == "" && !leadingCodeRe.MatchString(v.RowName(0)) {
		return 0
	}
	if last := len(v.T.Rows) - 1; v.T.Rows[last].Code == "" && Normalize(v.RowName(last)) == "合计" {
		return last
	}
	return -1
}

// leadingCodeRe is a row label that opens with a classification code.
var leadingCodeRe = regexp.MustCompile(`^\[?[0-9]{3,}`)

// crossTables checks figures that two tables both show.
func (c *Doc) crossTables() {
	t := c.tables
	same := func(rule string, a *View, ar int, ak string, b *View, br int, bk string, what string) {
		if a == nil || b == nil || ar < 0 || br < 0 {
			return
		}
		x, ok1 := a.Amount(ar, ak)
		y, ok2 := b.Amount(br, bk)
		if !ok1 || !ok2 {
			return
		}
		loc := b.At(br, bk)
		c.Equal(rule, loc, b.Unit, fmt.Sprintf("%s（与%s对照）", what, a.Label), x, y, 0, a.Label)
	}
	f7, e8 := t[disclosure.GPFunctionalTable], t[disclosure.GPEconomicTable]
	for _, k := range []string{"total", "basic", "project"} {
		same("X-01", f7, TopRow(f7), k, e8, TopRow(e8), k, "按经济分类的一般公共预算支出")
	}
	// A table of two halves has a 合计 for each: halfSums adds them up.
	if gb := t[disclosure.GPBasicTable]; gb == nil || !gb.Has("total#2") {
		same("X-01", f7, TopRow(f7), "basic", gb, TopRow(gb), "total", "一般公共预算基本支出合计")
	}
	s3, b4, p5 := t[disclosure.SpendingTable], t[disclosure.BasicTable], t[disclosure.ProjectTable]
	same("X-01", s3, TopRow(s3), "basic", b4, TopRow(b4), "total", "基本支出合计")
	if p5 != nil && len(p5.T.Rows) > 0 && p5.T.Rows[0].Kind == disclosure.TotalRow {
		same("X-02", s3, TopRow(s3), "project", p5, 0, "total", "项目支出合计")
	}
	sum1 := t[disclosure.SummaryTable]
	if sum1 != nil && s3 != nil {
		r := sum1.FindRow("spending_item", "本年支出合计")
		if r < 0 {
			r = sum1.FindRow("spending_item", "支出总计")
		}
		same("X-02", sum1, r, "spending", s3, TopRow(s3), "total", "支出总表合计")
	}
	if in2 := t[disclosure.IncomeTable]; sum1 != nil && in2 != nil && HasCodes(in2.T) {
		r := sum1.FindRow("income_item", "本年收入合计")
		if r < 0 {
			r = sum1.FindRow("income_item", "收入总计")
		}
		same("X-02", sum1, r, "income", in2, TopRow(in2), "total", "收入总表合计")
	}
	if perf := t[disclosure.PerformanceTable]; perf != nil && sum1 != nil && hasTasks(perf) {
		r := perf.FindRow("task", "金额合计")
		same("X-02", sum1, sum1.FindRow("spending_item", "本年支出合计"), "spending", perf, r, "total", "绩效目标表金额合计")
	}
	c.fiscalSummary()
	c.fiscalByFund()
	c.sanGongCodes()
}

// fiscalByFund: a 财政拨款收支总表 that splits spending by fund (Shanghai) shows in its
// 支出总计 row the totals of the 一般公共预算, 政府性基金 and 国有资本经营 tables.
func (c *Doc) fiscalByFund() {
	s4 := c.tables[disclosure.FiscalSummaryTable]
	if s4 == nil {
		return
	}
	if _, ok := s4.keys["general"]; !ok {
		return
	}
	r := s4.FindRow("spending_item", "支出总计")
	if r < 0 {
		return
	}
	for _, p := range []struct {
		key  string
		kind disclosure.TableKind
	}{{"general", disclosure.GPFunctionalTable}, {"gov_fund", disclosure.GovFundTable}, {"state_capital", disclosure.StateCapitalTable}} {
		v := c.tables[p.kind]
		if top := TopRow(v); top >= 0 {
			want, _ := v.Amount(top, "total")
			got, ok := s4.Amount(r, p.key)
			if ok {
				c.Equal("X-05", s4.AtNamed(r, p.key, "spending_item"), s4.Unit, "支出总计（与"+v.Label+"对照）", want, got, 0, v.Label)
			}
		}
	}
}

// fiscalSummary: 财政拨款收支总表 equals 收支总表 when all income is 财政拨款, and its
// spending equals the 一般公共预算, 政府性基金 and 国有资本经营 tables together.
func (c *Doc) fiscalSummary() {
	s1, s6 := c.tables[disclosure.SummaryTable], c.tables[disclosure.FiscalSummaryTable]
	if s6 == nil {
		return
	}
	if fiscal, hidden := allFiscal(s1); fiscal {
		// Each total is rounded on its own from exact figures that differ by the
		// hidden incomes, less than half a unit each: round(F+H) − round(F) is at
		// most ⌈hidden/2⌉ units, and Equal allows tails/2.
		tails := 2 * ((hidden + 1) / 2)
		for _, name := range []string{"本年收入合计", "收入总计"} {
			r1, r6 := s1.FindRow("income_item", name), s6.FindRow("income_item", name)
			if r1 < 0 || r6 < 0 {
				continue
			}
			a, _ := s1.Amount(r1, "income")
			b, _ := s6.Amount(r6, "income")
			c.Equal("X-03", s6.At(r6, "income"), s6.Unit, name+"（全部收入为财政拨款，应与收支总表一致）", a, b, tails, s1.Label)
		}
	}
	r := s6.FindRow("spending_item", "本年支出合计")
	if r < 0 {
		return
	}
	total, _ := s6.Amount(r, "spending")
	var parts []money.Amount
	// Spending of money carried over is in 表6; some formats leave it out of this
	// year's three tables (Shenzhen's district tables), others count it there too:
	// either way adds up.
	var carry money.Amount
	if cr := s6.FindRow("income_item", "上年结余、结转", "上年结转", "上年结转结余", "上年结余结转"); cr >= 0 {
		carry, _ = s6.Amount(cr, "income")
	}
	n := 0
	var from []string
	step := s6.step
	for _, k := range []disclosure.TableKind{disclosure.GPFunctionalTable, disclosure.GovFundTable, disclosure.StateCapitalTable} {
		v := c.tables[k]
		if top := TopRow(v); top >= 0 {
			a, _ := v.Amount(top, "total")
			parts = append(parts, a)
			from = append(from, v.Label)
			step = max(step, v.step)
			n++
		}
	}
	if n == 3 {
		var sum money.Amount
		for _, p := range parts {
			sum += p
		}
		if carry != 0 && withinTails(total-sum, len(parts)+1, step) {
			return // the three tables count the carried-over money too
		}
		if carry != 0 {
			parts = append(parts, carry)
		}
		c.BalanceAcross("X-05", s6.At(r, "spending"), s6.Unit, "财政拨款本年支出合计（一般公共预算、政府性基金、国有资本经营三表合计）", from, total, parts...)
	}
}

// hasTasks reports whether 表12 lists any task with an amount.
func hasTasks(v *View) bool {
	for r := range v.body {
		if g := v.body[r][v.keys["total"]]; g.cell != nil && g.cell.Amount != nil && v.Text(r, "task") != "金额合计" {
			return true
		}
	}
	return false
}

// allFiscal reports whether a 收支总表 shows no income other than 财政拨款, and how
// many other incomes it prints as a zero that may be rounded down (a blank is none).
func allFiscal(v *View) (fiscal bool, hidden int) {
	if v == nil {
		return false, 0
	}
	for r := range v.body {
		switch ordinal.ReplaceAllString(v.Text(r, "income_item"), "") {
		case "财政专户管理资金", "单位资金", "事业收入", "事业单位经营收入", "其他收入", "非财政拨款结余、结转",
			// and the 决算's own sources (收入支出决算总表)
			"上级补助收入", "经营收入", "附属单位上缴收入", "使用非财政拨款结余（含专用结余）", "使用非财政拨款结余", "用事业基金弥补收支差额":
			if a, _ := v.Amount(r, "income"); a != 0 {
				return false, 0
			}
			if v.Printed(r, "income") {
				// 0.00 may stand for less than half a unit (1.96 元 in 万元):
				// the totals may then differ by that much.
				hidden++
			}
		}
	}
	return true, hidden
}

// sanGongCodes: this year's 一般公共预算 三公 parts in 表9 equal their economic codes in 表8.
func (c *Doc) sanGongCodes() {
	s9, e8 := c.tables[disclosure.SanGongTable], c.tables[disclosure.GPEconomicTable]
	if s9 == nil || e8 == nil {
		return
	}
	year := fmt.Sprintf("%d年", c.doc.Year)
	r9 := -1
	for r := range s9.body {
		if s9.Text(r, "year") == year {
			r9 = r
			break
		}
	}
	if r9 < 0 || (len(s9.T.Rows) > 3 && Normalize(s9.RowName(0)) != "合计" && countYearRows(s9, year) > 1) {
		return
	}
	// 表9 counts 财政拨款 carried over from last year; 表8 only this year's 一般公共预算.
	for _, k := range []disclosure.TableKind{disclosure.SummaryTable, disclosure.FiscalSummaryTable} {
		if v := c.tables[k]; v != nil {
			if r := v.FindRow("income_item", "上年结余、结转", "上年结转"); r >= 0 {
				if a, _ := v.Amount(r, "income"); a != 0 {
					return
				}
			}
		}
	}
	if HiddenSection(e8, "total") {
		return // a classified unit's codes are not shown
	}
	n := 0
	codeAmount := func(codes ...string) money.Amount {
		var s money.Amount
		n = 0
		for r, row := range e8.T.Rows {
			if contains(codes, row.Code) {
				a, _ := e8.Amount(r, "total")
				s += a
				n++
			}
		}
		return s
	}
	fund := ""
	if s9.Has("total.general") {
		fund = ".general"
	}
	for _, it := range classification.SanGong {
		key := it.Key + fund
		got, ok := s9.Amount(r9, key)
		if !ok {
			continue
		}
		want := codeAmount(it.Codes...)
		c.Equal("X-04", s9.At(r9, key), s9.Unit, fmt.Sprintf("%s（经济科目 %s）", it.Name, strings.Join(it.Codes, "、")), want, got, n+1, e8.Label)
	}
}

func countYearRows(v *View, year string) int {
	n := 0
	for r := range v.body {
		if v.Text(r, "year") == year {
			n++
		}
	}
	return n
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}
