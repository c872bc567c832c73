package budgetfile

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"yusuan/budget"
	"yusuan/classification"
	"yusuan/money"
)

// validationRows is how far down drop-downs and formats reach: far beyond any
// department's line items, short of making Excel slow.
const validationRows = 20000

// WriteXLSX writes b as a filled workbook in the input layout: the same sheets,
// drop-downs and help as the template, without example rows.
func WriteXLSX(w io.Writer, b *budget.Budget) error {
	wb, err := newWorkbook()
	if err != nil {
		return err
	}
	defer wb.f.Close()
	wb.fill(b)
	return wb.write(w)
}

// WriteTemplate writes an empty workbook for profile with instructions, drop-downs
// and example rows. Example rows start with 【示例】 and are skipped when read, so an
// untouched template reads as a budget with nothing but its profile.
func WriteTemplate(w io.Writer, profile string) error {
	wb, err := newWorkbook()
	if err != nil {
		return err
	}
	defer wb.f.Close()
	wb.keyValues(shDept, map[string][]string{keyProfile: {profile}}, nil)
	wb.keyValues(shLastYear, nil, nil)
	wb.keyValues(shAssets, nil, nil)
	wb.keyValues(shText, nil, nil)
	wb.keyValues(shFinalNotes, nil, nil)
	for _, s := range sheets {
		for i, ex := range s.examples {
			wb.row(s.name, 2+i, ex, true)
		}
	}
	return wb.write(w)
}

type workbook struct {
	f      *excelize.File
	styles map[string]int
	err    error // the first error; later calls do nothing
}

func (wb *workbook) check(err error) {
	if err != nil && wb.err == nil {
		wb.err = err
	}
}

func (wb *workbook) write(w io.Writer) error {
	if wb.err != nil {
		return wb.err
	}
	if err := wb.f.Write(w); err != nil {
		return fmt.Errorf("budgetfile: write xlsx: %w", err)
	}
	return nil
}

func newWorkbook() (*workbook, error) {
	wb := &workbook{f: excelize.NewFile(), styles: map[string]int{}}
	border := []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}}
	text, amount := 49, "#,##0.00" // 49 is the built-in "@" (text) format
	for name, st := range map[string]*excelize.Style{
		"header":  {Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, NumFmt: text},
		"title":   {Font: &excelize.Font{Bold: true, Size: 14}},
		"text":    {NumFmt: text, Alignment: &excelize.Alignment{Vertical: "top"}},
		"wrap":    {NumFmt: text, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		"amount":  {CustomNumFmt: &amount, Alignment: &excelize.Alignment{Vertical: "top"}},
		"int":     {NumFmt: 1, Alignment: &excelize.Alignment{Vertical: "top"}},
		"note":    {Font: &excelize.Font{Color: "595959"}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		"example": {Font: &excelize.Font{Italic: true, Color: "808080"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}, NumFmt: text},
	} {
		id, err := wb.f.NewStyle(st)
		if err != nil {
			return nil, fmt.Errorf("budgetfile: xlsx style %s: %w", name, err)
		}
		wb.styles[name] = id
	}
	wb.check(wb.f.SetSheetName("Sheet1", shHelp))
	wb.helpSheet()
	for i := range sheets {
		wb.sheet(&sheets[i])
	}
	wb.codeSheet()
	return wb, wb.err
}

func (wb *workbook) cellStyle(c *column) int {
	switch {
	case c.kind == kAmount:
		return wb.styles["amount"]
	case c.kind == kInt:
		return wb.styles["int"]
	case c.wrap:
		return wb.styles["wrap"]
	}
	return wb.styles["text"]
}

// sheet lays out one sheet: headers with comments, widths, column formats, the frozen
// header row, and a data validation per column (drop-down or input message).
func (wb *workbook) sheet(s *sheetSpec) {
	f := wb.f
	_, err := f.NewSheet(s.name)
	wb.check(err)
	for i := range s.cols {
		c := &s.cols[i]
		col, _ := excelize.ColumnNumberToName(i + 1)
		wb.check(f.SetColWidth(s.name, col, col, c.width))
		wb.check(f.SetColStyle(s.name, col, wb.cellStyle(c)))
		wb.check(f.SetCellStr(s.name, col+"1", c.label))
		wb.check(f.AddComment(s.name, excelize.Comment{Cell: col + "1", Author: "yusuan", Width: 260, Height: 90,
			Paragraph: []excelize.RichTextRun{{Text: c.label + "：", Font: &excelize.Font{Bold: true}}, {Text: c.help}}}))
		if s.keys == nil {
			wb.validation(s.name, fmt.Sprintf("%s2:%s%d", col, col, validationRows), c.label, c)
		}
	}
	last, _ := excelize.ColumnNumberToName(len(s.cols))
	wb.check(f.SetCellStyle(s.name, "A1", last+"1", wb.styles["header"]))
	wb.check(f.SetRowHeight(s.name, 1, 22))
	wb.check(f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	if s.keys != nil {
		wb.check(f.SetColStyle(s.name, "C", wb.styles["note"]))
	}
}

// validation adds the column's drop-down, or for amounts a number check, with an
// input message that repeats the header's help where the user types.
func (wb *workbook) validation(sheet, sqref, label string, c *column) {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	switch {
	case c.listName != "":
		dv.SetSqrefDropList(c.listName)
		// A warning, not a stop: the built-in catalogue is a subset, and a code from
		// the official list of the year must still be accepted.
		dv.SetError(excelize.DataValidationErrorStyleWarning, label, "该编码不在内置科目表中；如确认无误请点“是”继续。")
	case c.list != nil:
		wb.check(dv.SetDropList(c.list))
		dv.SetError(excelize.DataValidationErrorStyleStop, label, "请从下拉列表中选择："+strings.Join(c.list, "、"))
	case c.kind == kAmount:
		wb.check(dv.SetRange("-999999999999999", "999999999999999", excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween))
		dv.SetError(excelize.DataValidationErrorStyleStop, label, helpAmount)
	case c.kind == kInt:
		wb.check(dv.SetRange("0", "1000000", excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween))
		dv.SetError(excelize.DataValidationErrorStyleStop, label, "请填写整数。")
	}
	dv.SetInput(label, c.help)
	wb.check(wb.f.AddDataValidation(sheet, dv))
}

// row writes one record; values are in column order and typed by the column.
func (wb *workbook) row(sheet string, r int, values []string, example bool) {
	s := sheetByName(sheet)
	for i, v := range values {
		col, _ := excelize.ColumnNumberToName(i + 1)
		wb.cell(sheet, col+strconv.Itoa(r), s.cols[i].kind, v)
	}
	if example {
		last, _ := excelize.ColumnNumberToName(len(values))
		wb.check(wb.f.SetCellStyle(sheet, fmt.Sprintf("A%d", r), fmt.Sprintf("%s%d", last, r), wb.styles["example"]))
	}
}

// cell writes a value: amounts and integers as numbers (so that Excel can sum them),
// everything else as text, so codes keep their leading zeros.
func (wb *workbook) cell(sheet, ref string, kind cellKind, v string) {
	if v == "" {
		return
	}
	if utf8.RuneCountInString(v) > excelize.TotalCellChars {
		wb.check(fmt.Errorf("工作表“%s”单元格 %s 的文字有 %d 字，超过 Excel 单元格上限 %d 字", sheet, ref, utf8.RuneCountInString(v), excelize.TotalCellChars))
		return
	}
	if (kind == kAmount || kind == kInt) && !strings.HasPrefix(v, exampleMark) {
		wb.check(wb.f.SetCellDefault(sheet, ref, v))
		return
	}
	wb.check(wb.f.SetCellStr(sheet, ref, v))
}

func yuan(a money.Amount) string { return a.Plain(money.UnitYuan) }

func yesNoOf(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// yesOrEmpty writes a flag that is almost always off: 是, or nothing.
func yesOrEmpty(b bool) string {
	if b {
		return "是"
	}
	return ""
}

// amountOrEmpty writes an optional amount, empty when zero.
func amountOrEmpty(a money.Amount) string {
	if a == 0 {
		return ""
	}
	return yuan(a)
}

func intOf(i int) string {
	if i == 0 {
		return ""
	}
	return strconv.Itoa(i)
}

// fill writes b's data into the laid-out sheets.
func (wb *workbook) fill(b *budget.Budget) {
	cat := classification.Default()
	withName := func(k classification.Kind, code string) string {
		if name := cat.Name(k, code); name != "" {
			return code + " " + name
		}
		return code
	}
	d := b.Department
	wb.keyValues(shDept, map[string][]string{
		keyProfile: {b.Profile}, keyFormat: {b.Format}, keyYear: {intOf(b.Year)}, keyCode: {d.Code}, keyName: {d.Name}, keyTitle: {d.Title}, keyRegion: {d.Region},
		keyDocument: {b.Document},
	}, nil)
	for i, u := range b.Units {
		wb.row(shUnits, i+2, []string{u.Code, u.Name, string(u.Kind), yesNoOf(u.Classified)}, false)
	}
	wb.unitTexts(b.Units)
	for i, p := range b.Projects {
		last := ""
		if p.LastYear != nil {
			last = yuan(*p.LastYear)
		}
		wb.row(shProjects, i+2, []string{p.Code, p.Unit, p.Name, p.Category, p.Purpose, p.Target, last, p.ChangeReason, yesNoOf(p.Classified)}, false)
	}
	wb.projectDescriptions(b.Projects)
	for i, li := range b.Items {
		wb.row(shItems, i+2, []string{li.Unit, withName(classification.Functional, li.Functional), withName(classification.Economic, li.Economic),
			li.GovEconomic, string(li.Kind), li.Project, string(li.Fund), string(li.CarryFrom), yuan(li.Amount), yesOrEmpty(li.StaffGrowth)}, false)
	}
	for i, p := range b.Procurement {
		wb.row(shProcurement, i+2, []string{p.Unit, p.Project, p.Item, string(p.Category), yuan(p.Amount),
			withName(classification.Functional, p.Functional), amountOrEmpty(p.ReservedSME), amountOrEmpty(p.ReservedSmall)}, false)
	}
	for i, c := range b.CarryForward {
		wb.row(shCarryNext, i+2, []string{c.Unit, string(c.Fund), yuan(c.Amount)}, false)
	}
	ly := b.LastYear
	lastYear := map[string][]string{}
	for _, f := range lastYearAmounts(&ly) {
		if !f.optional || *f.a != 0 {
			lastYear[f.key] = []string{yuan(*f.a)}
		}
	}
	wb.keyValues(shLastYear, lastYear, nil)
	wb.sanGongRows(shSanGong, ly.SanGong)
	wb.unitLastYears(b.Units)
	wb.assets(b.Assets)
	wb.unitAssets(b.Units)
	for i, t := range b.Performance.Tasks {
		wb.row(shTasks, i+2, []string{t.Task, t.Content, yuan(t.Fiscal), yuan(t.Other)}, false)
	}
	for i, ind := range b.Performance.Indicators {
		wb.row(shIndicators, i+2, []string{ind.Level1, ind.Level2, ind.Level3, ind.Target}, false)
	}
	for i, g := range b.Performance.Goals {
		wb.row(shGoals, i+2, []string{g}, false)
	}
	t := b.Text
	wb.keyValues(shText, map[string][]string{
		"部门职责": t.Duties, "机构设置": t.Organisation, "主要工作目标": t.Goals, "收支增减原因": {t.ChangeReason},
		"人员经费说明": {t.PersonnelNote}, "公用经费说明": {t.PublicNote}, "对个人和家庭的补助说明": {t.FamilyNote},
		"三公经费增减原因": {t.SanGong.Total}, "因公出国（境）费增减原因": {t.SanGong.Abroad}, "公务接待费增减原因": {t.SanGong.Reception},
		"公务用车购置费增减原因": {t.SanGong.CarPurchase}, "公务用车运行维护费增减原因": {t.SanGong.CarRunning},
		"机关运行经费变动原因": {t.OfficeCostReason}, keyAlsoAbsent: t.AlsoAbsent,
	}, nil)
	for i, n := range t.FunctionalNotes {
		wb.row(shFuncNotes, i+2, []string{withName(classification.Functional, n.Code), n.Note}, false)
	}
	for i, g := range t.Glossary {
		wb.row(shGlossary, i+2, []string{g.Term, g.Definition}, false)
	}
	wb.fillFinal(b)
}

// unitTexts writes one 单位文字 row per paragraph of each unit's own text, with the
// unit code on every row.
func (wb *workbook) unitTexts(units []budget.Unit) {
	r := 2
	for i := range units {
		for _, ut := range unitTexts(&units[i]) {
			for _, line := range *ut.lines {
				wb.row(shUnitText, r, []string{units[i].Code, ut.label, line}, false)
				r++
			}
		}
	}
}

// unitLastYears writes one 单位上年数 row for each unit with its own last-year
// figures, zero amounts empty.
func (wb *workbook) unitLastYears(units []budget.Unit) {
	r := 2
	for i := range units {
		u := &units[i]
		if u.LastYear == nil {
			continue
		}
		values := []string{u.Code}
		for _, f := range unitLastYearAmounts(u.LastYear) {
			v := ""
			if *f.a != 0 {
				v = yuan(*f.a)
			}
			values = append(values, v)
		}
		wb.row(shUnitLast, r, values, false)
		r++
	}
}

// unitAssets writes the 单位资产 rows of each unit with its own assets, the unit
// code on every row, counts as numbers and the date as text.
func (wb *workbook) unitAssets(units []budget.Unit) {
	r := 2
	for i := range units {
		u := &units[i]
		if u.Assets == nil {
			continue
		}
		for _, kv := range assetRows(u.Assets) {
			wb.row(shUnitAssets, r, []string{u.Code, kv[0]}, false)
			kind := kInt
			if kv[0] == keyAsOf {
				kind = kText
			}
			wb.cell(shUnitAssets, "C"+strconv.Itoa(r), kind, kv[1])
			r++
		}
	}
}

// projectDescriptions writes one 项目说明 row per 立项依据 of each described project,
// the other columns on its first row; a description without 立项依据 takes one row.
func (wb *workbook) projectDescriptions(projects []budget.Project) {
	r := 2
	for _, p := range projects {
		d := p.Description
		if d == nil {
			continue
		}
		basis := d.Basis
		if len(basis) == 0 {
			basis = []string{""}
		}
		for i, line := range basis {
			values := []string{p.Code, "", line}
			if i == 0 {
				values = []string{p.Code, d.Overview, line, d.Implementer, d.Plan, d.Period, d.BudgetNote}
			}
			wb.row(shProjectDesc, r, values, false)
			r++
		}
	}
}

// assets lists the date, the budget's vehicles in their order, then the vehicle
// types it lacks with an empty count (read back as absent), the equipment and the
// planned vehicles, whose types follow the same rule.
func (wb *workbook) assets(a budget.Assets) {
	values := map[string][]string{
		keyAsOf: {a.AsOf}, keyEquipment: {strconv.Itoa(a.Equipment)}, keyPlannedVehicles: {strconv.Itoa(a.PlannedVehicles)},
		keyPlannedEquipment: {strconv.Itoa(a.PlannedEquipment)},
	}
	order := []string{keyAsOf}
	counts := func(prefix string, vcs []budget.VehicleCount) {
		for _, v := range vcs {
			k := prefix + v.Type
			if _, dup := values[k]; !dup {
				order = append(order, k)
			}
			values[k] = append(values[k], strconv.Itoa(v.Count))
		}
		for _, t := range budget.VehicleTypes {
			order = append(order, prefix+t)
		}
	}
	counts("", a.Vehicles)
	order = append(order, keyEquipment, keyPlannedVehicles)
	counts(keyPlannedPrefix, a.PlannedTypes)
	wb.keyValues(shAssets, values, order)
}

// keyValues writes a key/value sheet: first the keys in first (in that order), then
// every key of the sheet; a key with several values gets one row per value, a key
// with none one empty row, so that the user sees every field there is to fill.
func (wb *workbook) keyValues(sheet string, values map[string][]string, first []string) {
	s := sheetByName(sheet)
	var order []string
	seen := map[string]bool{}
	for _, k := range first {
		if !seen[k] {
			order = append(order, k)
			seen[k] = true
		}
	}
	for _, k := range s.keys {
		if !seen[k.label] {
			order = append(order, k.label)
			seen[k.label] = true
		}
	}
	r := 2
	for _, k := range order {
		kind, help := kText, ""
		if key := s.key(k); key != nil {
			kind, help = key.kind, key.help
		} else if sheet == shAssets { // a vehicle type the drop-down does not know
			kind, help = kInt, helpVehicles
			if _, ok := plannedType(k); ok {
				help = helpPlanned
			}
		}
		vs := values[k]
		if len(vs) == 0 {
			vs = []string{""}
		}
		for _, v := range vs {
			wb.check(wb.f.SetCellStr(sheet, fmt.Sprintf("A%d", r), k))
			wb.cell(sheet, fmt.Sprintf("B%d", r), kind, v)
			wb.check(wb.f.SetCellStr(sheet, fmt.Sprintf("C%d", r), help))
			if kind != kText {
				wb.validation(sheet, fmt.Sprintf("B%d", r), k, &column{label: k, kind: kind, help: help})
			}
			r++
		}
	}
	if sheet == shAssets {
		var keys []string
		for _, k := range s.keys {
			keys = append(keys, k.label)
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("A2:A%d", validationRows)
		wb.check(dv.SetDropList(keys))
		dv.SetError(excelize.DataValidationErrorStyleStop, "车辆类型", "请从下拉列表中选择车辆类型或资产项目。")
		dv.SetInput("车辆类型", "车辆类型："+strings.Join(budget.VehicleTypes, "、")+"；以及统计截止日期、设备和购置计划（计划购置：类型）。")
		wb.check(wb.f.AddDataValidation(sheet, dv))
	}
}

// codeSheet writes the hidden 科目表 that the 功能科目 and 经济科目 drop-downs list:
// 项-level functional codes and 款-level economic codes of the built-in catalogue.
func (wb *workbook) codeSheet() {
	f := wb.f
	_, err := f.NewSheet(shCodes)
	wb.check(err)
	cat := classification.Default()
	headers := []string{"功能科目编码", "功能科目名称", "功能科目（下拉）", "", "经济科目编码", "经济科目名称", "经济科目（下拉）"}
	wb.check(f.SetSheetRow(shCodes, "A1", &headers))
	wb.check(f.SetCellStyle(shCodes, "A1", "G1", wb.styles["header"]))
	wb.check(f.SetColStyle(shCodes, "A:G", wb.styles["text"]))
	wb.check(f.SetColWidth(shCodes, "A", "G", 16))
	for _, g := range []struct {
		kind  classification.Kind
		level int
		col   int
		name  string
	}{{classification.Functional, 3, 1, listFunctional}, {classification.Economic, 2, 5, listEconomic}} {
		r := 2
		for _, c := range cat.Codes(g.kind) {
			if c.Level() != g.level {
				continue
			}
			for i, v := range []string{c.Code, c.Name, c.Code + " " + c.Name} {
				ref, _ := excelize.CoordinatesToCellName(g.col+i, r)
				wb.check(f.SetCellStr(shCodes, ref, v))
			}
			r++
		}
		col, _ := excelize.ColumnNumberToName(g.col + 2)
		wb.check(f.SetDefinedName(&excelize.DefinedName{Name: g.name, RefersTo: fmt.Sprintf("%s!$%s$2:$%s$%d", shCodes, col, col, r-1)}))
	}
	wb.check(f.SetSheetVisible(shCodes, false))
}

// helpSheet writes the 说明 sheet: how to fill the workbook, sheet by sheet.
func (wb *workbook) helpSheet() {
	f := wb.f
	rows := [][2]string{
		{"部门预算填报工作簿", ""},
		{"怎么用", "按工作表逐一填写，每行一条记录。第 1 行是标题（鼠标停在标题上可看说明），请勿修改、删除或调换含义；列的先后可以调整。" +
			"填好后运行：yusuan build 文件.xlsx -o 输出目录。生成前会检查数据，发现问题时会指出工作表、行号和列。"},
		{"金额", "所有金额以元为单位，填数字，最多两位小数（到分）。不要写“元”“万元”等文字，不要使用公式（需要计算时，请复制后“选择性粘贴 → 数值”）。"},
		{"编码", "编码一律按文本填写，保留开头的 0（本工作簿已把编码列设为文本格式）。功能科目填 7 位“项”级编码（如 2010301 行政运行），" +
			"经济科目填 5 位“款”级编码（如 30101 基本工资）；可从下拉列表选择“编码 名称”，程序只读取编码。不在下拉列表中的编码会先提示，确认后仍可填写。"},
		{"示例行", "灰色斜体、以“" + exampleMark + "”开头的行是填写示例，生成时会被跳过，不会进入公开文件。可以在示例下方填写，也可以直接覆盖示例（覆盖时请把“" + exampleMark + "”字样一并删掉）。"},
		{"空行和新列", "空行会被跳过。请不要新增列或工作表：无法识别的列和有内容的工作表都会报错。"},
		{"多行文字", "“" + shProjectDesc + "”中一个项目有几条立项依据，就占几行：第一行填全项目概述、实施主体等各列，以下各行填同一项目编码（或留空，表示同上；合并单元格也可以），只填“立项依据”。" +
			"“" + shText + "”中的部门职责等段落、“" + shUnitText + "”中单位的职能和机构设置同样每段一行。单元格内换行（Alt+Enter）保留为同一条内的换行。"},
		{"车辆和购置计划", "车辆按类型各占一行；按类型公开计划购置车辆时，填“" + keyPlannedPrefix + "类型”各行，相加应等于“" + keyPlannedVehicles + "”。" +
			"统计截止日期按文字填写，如 2024年8月31日。"},
		{"单位预算", "上海等格式还为每个单位公开单位预算。部门有多个单位时，“" + shLastYear + "”和“" + shAssets + "”是全部门的数字，单位预算只能用单位自己的：" +
			"“" + shUnitLast + "”每个单位一行，“" + shUnitAssets + "”每个单位若干行（项目与“" + shAssets + "”表相同，单位编码留空表示同上）。不填的单位，单位预算不作上年比较、不写国有资产。"},
		{"可选值", "单位类型：" + strings.Join(unitKinds, "、") + "\n支出类型：" + strings.Join(spendKinds, "、") +
			"\n资金性质：" + strings.Join(allFunds, "、") + "\n结转来源（仅“上年结转”填写）：" + strings.Join(fiscalFunds, "、") +
			"\n采购类别：" + strings.Join(procCats, "、") + "\n车辆类型：" + strings.Join(budget.VehicleTypes, "、") + "\n是否涉密：是、否"},
		{"", ""},
		{"工作表", "内容"},
	}
	for _, s := range sheets {
		about := s.about
		if s.required {
			about += "（必填）"
		}
		rows = append(rows, [2]string{s.name, about})
	}
	rows = append(rows, [2]string{shCodes, "（隐藏）下拉列表所用的科目编码和名称，请勿修改。"})
	for i, r := range rows {
		wb.check(f.SetCellStr(shHelp, fmt.Sprintf("A%d", i+1), r[0]))
		wb.check(f.SetCellStr(shHelp, fmt.Sprintf("B%d", i+1), r[1]))
	}
	wb.check(f.SetColWidth(shHelp, "A", "A", 14))
	wb.check(f.SetColWidth(shHelp, "B", "B", 110))
	wb.check(f.SetColStyle(shHelp, "B", wb.styles["note"]))
	wb.check(f.SetCellStyle(shHelp, "A1", "A1", wb.styles["title"]))
	wb.check(f.SetCellStyle(shHelp, "A2", fmt.Sprintf("A%d", len(rows)), wb.styles["header"]))
}

// sanGongRows writes lines to a sheet of sanGongSheet's layout.
func (wb *workbook) sanGongRows(sheet string, lines []budget.SanGongLine) {
	for i, s := range lines {
		wb.row(sheet, i+2, []string{s.Unit, string(s.Fund), yuan(s.Abroad), yuan(s.Reception), yuan(s.CarPurchase), yuan(s.CarRunning)}, false)
	}
}
