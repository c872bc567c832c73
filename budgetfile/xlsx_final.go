package budgetfile

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"yusuan/budget"
	"yusuan/classification"
	"yusuan/money"
)

// The 决算 sheets of the workbook: the line items' 调整预算数 and 决算数 (two
// optional columns of 支出明细), the 公开文件 key of 部门, and seven sheets of the
// Final block. A 预算 leaves them empty.

// The 决算 sheet names.
const (
	shFinalIncome  = "收入决算"
	shFinalCarry   = "结转结余"
	shFinalSanGong = "三公决算"
	shFinalLastSG  = "上年三公决算"
	shFinalNotes   = "决算说明"
	shFinalReasons = "决算差异原因"
	shFinalMembers = "决算单位构成"
)

// Column labels of the 决算 columns and keys.
const (
	colAdjusted  = "调整预算数"
	colFinal     = "决算数"
	keyDocument  = "公开文件"
	keyCompareSG = "与上年三公比较"
)

// carryCols are the 结转结余 sheet's amount columns, in sheet order: the labels of
// the Final block's CarryLists, which they fill.
var carryCols = func() []string {
	var out []string
	for _, l := range (&budget.Final{}).CarryLists() {
		out = append(out, l.Label)
	}
	return out
}()

// finalNote is one key of the 决算说明 sheet and the field it fills: an amount, a
// count, a text or a yes/no.
type finalNote struct {
	key  string
	help string
	a    *money.Amount
	n    *int
	s    *string
	b    *bool
}

// finalNotes lists the 决算说明 keys of f in sheet order.
func finalNotes(f *budget.Final) []finalNote {
	ly, pr, pf, t := &f.LastYear, &f.Procurement, &f.Performance, &f.Text
	return []finalNote{
		{key: "上年收入支出总计", a: &ly.Total, help: "上年决算的收入支出总计（元），与本年比较；不比较可不填。"},
		{key: "上年财政拨款收入支出总计", a: &ly.FiscalTotal, help: "上年决算的财政拨款收入支出总计（元）。"},
		{key: "上年一般公共预算财政拨款支出", a: &ly.GeneralSpending, help: "上年决算的一般公共预算财政拨款支出（元）。"},
		{key: "上年机关运行经费", a: &ly.OfficeCost, help: "上年机关运行经费支出（元）。"},
		{key: keyCompareSG, b: &ly.CompareSanGong, help: "“三公”经费与上年决算比较填“是”（上年为 0 也比较）；“" + shFinalLastSG + "”表有数据时自动比较。"},
		{key: "货物采购", a: &pr.Goods, help: "本年政府采购金额（以合同签订为准）中的货物（元）。"},
		{key: "工程采购", a: &pr.Works, help: "其中工程（元）。"},
		{key: "服务采购", a: &pr.Services, help: "其中服务（元）。"},
		{key: "面向中小企业预留", a: &pr.ReservedSME, help: "面向中小企业预留的政府采购项目预算金额（元）。"},
		{key: "面向小微企业预留", a: &pr.ReservedSmall, help: "其中面向小微企业预留的金额（元）。"},
		{key: "中小企业中标（预留项目）", a: &pr.AwardedSME, help: "面向中小企业预留的项目中，由中小企业供应商中标或成交的金额（元）。"},
		{key: "小微企业中标（预留项目）", a: &pr.AwardedSmall, help: "面向小微企业预留的项目中，由小微企业供应商中标或成交的金额（元）。"},
		{key: "中小企业中标（其他项目）", a: &pr.AwardedOther, help: "其他政府采购项目中，由中小企业供应商中标或成交的金额（元）。"},
		{key: "绩效管理工作情况", s: &pf.Intro, help: "预算绩效管理工作的开展情况，写在各项目个数之前。"},
		{key: "编报绩效目标的项目", n: &pf.Targets, help: "编报绩效目标的本年度项目个数。"},
		{key: "编报绩效目标的金额", a: &pf.TargetAmount, help: "这些项目涉及的预算金额（元）。"},
		{key: "绩效跟踪评价的项目", n: &pf.Tracked, help: "开展绩效跟踪评价的项目个数。"},
		{key: "绩效跟踪评价的金额", a: &pf.TrackedAmount, help: "涉及的预算金额（元）。"},
		{key: "绩效自评的项目", n: &pf.Evaluated, help: "开展绩效自评的项目个数。"},
		{key: "绩效自评的金额", a: &pf.EvaluatedAmount, help: "涉及的预算金额（元）。"},
		{key: "平均得分", s: &pf.Score, help: "绩效自评的平均得分，如 99.43。"},
		{key: "评级为优", n: &pf.Excellent, help: "绩效评级为“优”的项目个数；四级相加应等于绩效自评的项目个数。"},
		{key: "评级为良", n: &pf.Good, help: "绩效评级为“良”的项目个数。"},
		{key: "评级为合格", n: &pf.Pass, help: "绩效评级为“合格”的项目个数。"},
		{key: "评级为不合格", n: &pf.Fail, help: "绩效评级为“不合格”的项目个数。"},
		{key: "发现问题", n: &pf.Problems, help: "绩效自评中发现的问题个数。"},
		{key: "已完成整改", n: &pf.Fixed, help: "已经完成整改的问题个数。"},
		{key: "正在整改", n: &pf.Fixing, help: "正在整改的问题个数。"},
		{key: "收入支出总计变动原因", s: &t.TotalReason, help: "收入支出总计与上年相比增减的主要原因。"},
		{key: "财政拨款收入支出总计变动原因", s: &t.FiscalReason, help: "财政拨款收入支出总计与上年相比增减的主要原因。"},
		{key: "一般公共预算财政拨款支出变动原因", s: &t.GeneralReason, help: "一般公共预算财政拨款支出与上年相比增减的主要原因。"},
		{key: "决算数与年初预算差异原因", s: &t.ExecutionReason, help: "一般公共预算财政拨款支出决算数与年初预算不同的主要原因。"},
		{key: "三公决算与预算差异原因", s: &t.SanGongReason, help: "“三公”经费决算数与预算数不同的主要原因。"},
		{key: "三公与上年比较说明", s: &t.SanGongLastReason, help: "“三公”经费与上年决算相比增减的主要原因。"},
		{key: "机关运行经费变动原因", s: &t.OfficeCostReason, help: "机关运行经费与上年相比增减的主要原因。"},
	}
}

func finalNoteKeys() []kvKey {
	var keys []kvKey
	for _, n := range finalNotes(&budget.Final{}) {
		kind := kText
		switch {
		case n.a != nil:
			kind = kAmount
		case n.n != nil:
			kind = kInt
		case n.b != nil:
			kind = kBool
		}
		keys = append(keys, kvKey{label: n.key, kind: kind, help: n.help})
	}
	return keys
}

var finalFunds = strs(budget.CarryFunds)

var incomeSources = func() []string {
	var out []string
	for _, f := range budget.FundTypes {
		if f != budget.CarryOver {
			out = append(out, string(f))
		}
	}
	return out
}()

func init() {
	items := sheetByName(shItems)
	items.cols = append(items.cols,
		column{label: colAdjusted, kind: kAmount, width: 18, optional: true, help: "部门决算用：调整预算数（元），可不填。"},
		column{label: colFinal, kind: kAmount, width: 18, optional: true, help: "部门决算用：本行的决算数（实际支出，元）；生成部门决算时每行必填，没有支出填 0。“金额”一列是年初预算。"},
	)
	dept := sheetByName(shDept)
	dept.keys = append(dept.keys, kvKey{label: keyDocument, kind: kText,
		help: "要生成的公开文件：部门预算（空白即是）或部门决算。部门决算需要“支出明细”的决算数和以下各决算工作表。"})
	carry := []column{
		{label: "单位编码", kind: kCode, width: 14, help: helpUnitRef},
		{label: "资金性质", width: 16, list: finalFunds, help: "一般公共预算、政府性基金、国有资本经营或非财政拨款（其他资金合并填写）。"},
		{label: "功能科目", kind: kClassCode, width: 34, listName: listFunctional, optional: true, help: "政府性基金、国有资本经营的结转按功能科目填写时填 7 位编码（决算表八、表九按科目列示）；其他可不填。"},
	}
	for _, c := range carryCols {
		carry = append(carry, column{label: c, kind: kAmount, width: 18, optional: true, help: helpAmount + "空白表示没有。"})
	}
	sheets = append(sheets,
		sheetSpec{name: shFinalIncome, about: "部门决算：本年收入，按单位、功能科目和收入来源各一行（收入决算表）。",
			cols: []column{
				{label: "单位编码", kind: kCode, width: 14, help: helpUnitRef},
				{label: "功能科目", kind: kClassCode, width: 34, listName: listFunctional, help: "收入所列的支出功能分类 7 位“项”级编码。"},
				{label: "收入来源", width: 18, list: incomeSources, help: "财政拨款（一般公共预算、政府性基金、国有资本经营）、上级补助收入、事业收入、事业单位经营收入、附属单位上缴收入或其他收入。"},
				{label: "金额", kind: kAmount, width: 18, help: helpAmount},
			},
			examples: [][]string{{exampleMark + "001001", "2010301", string(budget.GeneralPublic), "600000.50"}}},
		sheetSpec{name: shFinalCarry, about: "部门决算：年初、年末结转和结余，结余分配，使用非财政拨款结余，按单位和资金性质各一行；年初结转和结余 + 本年收入 + 使用非财政拨款结余 − 本年支出 − 结余分配 应等于年末结转和结余。",
			cols: carry, examples: [][]string{{exampleMark + "001001", string(budget.GeneralPublic), "", "10000", "10000", "", ""}}},
		sanGongSheet(shFinalSanGong, "部门决算：本年“三公”经费决算数，按单位和资金性质各一行；不填时按“支出明细”中“三公”经济科目的决算数汇总。"),
		sanGongSheet(shFinalLastSG, "部门决算：上年“三公”经费决算数，按单位和资金性质各一行，用于与本年比较。"),
		sheetSpec{name: shFinalNotes, about: "部门决算：上年决算数、政府采购、预算绩效管理和各项说明。",
			cols: kvCols("内容", 60), keys: finalNoteKeys()},
		sheetSpec{name: shFinalReasons, about: "部门决算：功能科目“项”的决算数与年初预算不同的原因，每个科目一行。",
			cols: []column{
				{label: "功能科目", kind: kClassCode, width: 34, listName: listFunctional, help: "支出功能分类 7 位“项”级编码，每个科目只填一行。"},
				{label: "原因", width: 80, wrap: true, help: "决算数大于或小于年初预算的主要原因。"},
			},
			examples: [][]string{{exampleMark + "2010301 行政运行", "人员变动，人员经费减少。"}}},
		sheetSpec{name: shFinalMembers, about: "部门决算：单位构成中另外列出、不单独编报决算的单位（如“预算不单列，并入本级”）。",
			cols: []column{
				{label: "单位名称", width: 36, help: "单位全称。"},
				{label: "备注", width: 30, optional: true, help: "如 预算不单列，并入本级。"},
			},
			examples: [][]string{{exampleMark + "某某局财政所", "预算不单列，并入本级"}}},
	)
}

// empty reports whether the workbook holds no 决算 data, so that a 预算 reads
// back with no Final block.
func (f *finalSheets) empty() bool {
	return len(f.income.rows)+len(f.carry.rows)+len(f.sanGong.rows)+len(f.lastSG.rows)+len(f.reasons.rows)+len(f.members.rows) == 0 && len(f.noteRows) == 0
}

// finalSheets are the read 决算 sheets.
type finalSheets struct {
	income, carry, sanGong, lastSG, notes, reasons, members *table
	noteRows                                                []kvRow
}

// final reads the 决算 columns of 支出明细 into b's items (in row order, as items
// read them) and the 决算 sheets into b.Final.
func (x *xlsxReader) final(b *budget.Budget, tables map[string]*table) {
	items := tables[shItems]
	for i, r := range items.rows {
		if i >= len(b.Items) {
			break
		}
		if a, ok := x.amount(items, r, colAdjusted); ok {
			b.Items[i].Adjusted = &a
		}
		if a, ok := x.amount(items, r, colFinal); ok {
			b.Items[i].Final = &a
		}
	}
	fs := &finalSheets{income: tables[shFinalIncome], carry: tables[shFinalCarry], sanGong: tables[shFinalSanGong],
		lastSG: tables[shFinalLastSG], notes: tables[shFinalNotes], reasons: tables[shFinalReasons], members: tables[shFinalMembers]}
	fs.noteRows = x.keyValues(fs.notes)
	if fs.empty() {
		return
	}
	f := &budget.Final{Src: budget.Source{File: x.name, Sheet: shFinalCarry}}
	b.Final = f
	for _, r := range fs.income.rows {
		in := budget.FinalIncome{
			Unit:       x.code(fs.income, r, "单位编码"),
			Functional: x.code(fs.income, r, "功能科目"),
			Source:     budget.FundType(fs.income.get(r, "收入来源")),
			Src:        fs.income.src(x.name, r),
		}
		in.Amount = x.mustAmount(fs.income, r, "金额")
		f.Income = append(f.Income, in)
	}
	for _, r := range fs.carry.rows {
		c := budget.FinalCarry{
			Unit:       x.code(fs.carry, r, "单位编码"),
			Fund:       budget.FundType(fs.carry.get(r, "资金性质")),
			Functional: x.code(fs.carry, r, "功能科目"),
			Src:        fs.carry.src(x.name, r),
		}
		filled := false
		for _, l := range f.CarryLists() {
			if a, ok := x.amount(fs.carry, r, l.Label); ok {
				c.Amount = a
				*l.List = append(*l.List, c)
				filled = true
			}
		}
		if !filled {
			x.fail(shFinalCarry, r.num, fs.carry.cols[carryCols[0]], carryCols[0], "这一行没有填写任何金额：请填写%s中的至少一项，或删除这一行", strings.Join(carryCols, "、"))
		}
	}
	f.SanGong = x.sanGongLines(fs.sanGong)
	f.LastYear.SanGong = x.sanGongLines(fs.lastSG)
	notes := finalNotes(f)
	var keys []string
	for _, n := range notes {
		keys = append(keys, n.key)
	}
	src := x.kvSrc(fs.notes, append(keys, "政府采购", "绩效", "绩效自评")...)
	f.LastYear.Src, f.Procurement.Src, f.Performance.Src = src, src, src
	col := fs.notes.cols[fs.notes.spec.cols[1].label]
	for _, kv := range fs.noteRows {
		for _, n := range notes {
			if n.key != kv.key {
				continue
			}
			switch {
			case n.a != nil:
				*n.a = x.kvAmount(fs.notes, kv)
			case n.n != nil:
				*n.n = x.integer(shFinalNotes, kv.num, col, kv.key, kv.value)
			case n.b != nil:
				switch kv.value {
				case "是":
					*n.b = true
				case "否":
				default:
					x.fail(shFinalNotes, kv.num, col, kv.key, "应填“是”或“否”，实际为“%s”", short(kv.value))
				}
			default:
				*n.s = kv.value
			}
		}
	}
	for _, r := range fs.reasons.rows {
		f.Reasons = append(f.Reasons, budget.CodeNote{Code: x.code(fs.reasons, r, "功能科目"), Note: fs.reasons.get(r, "原因"), Src: fs.reasons.src(x.name, r)})
	}
	for _, r := range fs.members.rows {
		name := fs.members.get(r, "单位名称")
		if name == "" {
			x.fail(shFinalMembers, r.num, fs.members.cols["单位名称"], "单位名称", "缺少单位名称")
			continue
		}
		f.Text.Members = append(f.Text.Members, budget.Member{Name: name, Note: fs.members.get(r, "备注")})
	}
}

// fillFinal writes the 决算 columns and sheets.
func (wb *workbook) fillFinal(b *budget.Budget) {
	items := sheetByName(shItems)
	adjCol, finalCol := colLetter(items, colAdjusted), colLetter(items, colFinal)
	for i, li := range b.Items {
		if li.Adjusted != nil {
			wb.cell(shItems, adjCol+itoa(i+2), kAmount, yuan(*li.Adjusted))
		}
		if li.Final != nil {
			wb.cell(shItems, finalCol+itoa(i+2), kAmount, yuan(*li.Final))
		}
	}
	f := b.Final
	if f == nil {
		wb.keyValues(shFinalNotes, nil, nil)
		return
	}
	cat := classification.Default()
	withName := func(code string) string {
		if name := cat.Name(classification.Functional, code); name != "" && code != "" {
			return code + " " + name
		}
		return code
	}
	for i, in := range f.Income {
		wb.row(shFinalIncome, i+2, []string{in.Unit, withName(in.Functional), string(in.Source), yuan(in.Amount)}, false)
	}
	// One row per unit, fund and code, in the order they first appear.
	type key struct {
		unit, functional string
		fund             budget.FundType
	}
	var order []key
	rows := map[key][]string{}
	for i, l := range f.CarryLists() {
		for _, c := range *l.List {
			k := key{c.Unit, c.Functional, c.Fund}
			if rows[k] == nil {
				rows[k] = make([]string, len(carryCols))
				order = append(order, k)
			}
			rows[k][i] = yuan(c.Amount)
		}
	}
	for i, k := range order {
		wb.row(shFinalCarry, i+2, append([]string{k.unit, string(k.fund), withName(k.functional)}, rows[k]...), false)
	}
	wb.sanGongRows(shFinalSanGong, f.SanGong)
	wb.sanGongRows(shFinalLastSG, f.LastYear.SanGong)
	values := map[string][]string{}
	for _, n := range finalNotes(f) {
		switch {
		case n.a != nil:
			values[n.key] = []string{amountOrEmpty(*n.a)}
		case n.n != nil:
			values[n.key] = []string{intOf(*n.n)}
		case n.b != nil:
			values[n.key] = []string{yesOrEmpty(*n.b)}
		default:
			values[n.key] = []string{*n.s}
		}
	}
	wb.keyValues(shFinalNotes, values, nil)
	for i, r := range f.Reasons {
		wb.row(shFinalReasons, i+2, []string{withName(r.Code), r.Note}, false)
	}
	for i, m := range f.Text.Members {
		wb.row(shFinalMembers, i+2, []string{m.Name, m.Note}, false)
	}
}

// colLetter is the letter of a sheet's column.
func colLetter(s *sheetSpec, label string) string {
	for i := range s.cols {
		if s.cols[i].label == label {
			col, _ := excelize.ColumnNumberToName(i + 1)
			return col
		}
	}
	panic("budgetfile: no column " + label + " in " + s.name)
}

func itoa(i int) string { return strconv.Itoa(i) }
