package budgetfile

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"yusuan/budget"
	"yusuan/money"
)

// From read sheets to the model, one function per part of the budget.

// kvRow is one value of a key/value sheet.
type kvRow struct {
	key, value string
	num        int
}

// keyValues reads a key/value sheet. A row with an empty key continues the list
// above it (a further paragraph), so a user may leave column A blank after the first.
func (x *xlsxReader) keyValues(t *table) []kvRow {
	s := t.spec
	valueLabel := s.cols[1].label
	var out []kvRow
	seen := map[string]int{}
	prev := ""
	for _, r := range t.rows {
		key, value := t.get(r, kvKeyLabel), t.get(r, valueLabel)
		if key == "" {
			if value == "" {
				continue
			}
			if k := s.key(prev); k == nil || !k.list {
				x.fail(s.name, r.num, t.cols[kvKeyLabel], kvKeyLabel, "请在这一列填写项目名称（%s）", short(value))
				continue
			}
			key = prev
		}
		prev = key
		k := s.key(key)
		if k == nil && s.name != shAssets {
			x.fail(s.name, r.num, t.cols[kvKeyLabel], kvKeyLabel, "无法识别的项目“%s”，这张工作表的项目为：%s", short(key), keyList(s))
			continue
		}
		if value == "" {
			continue
		}
		if line, dup := seen[key]; dup && k != nil && !k.list {
			x.fail(s.name, r.num, t.cols[kvKeyLabel], key, "“%s”重复填写（第 %d 行已填）", key, line)
			continue
		}
		seen[key] = r.num
		out = append(out, kvRow{key: key, value: value, num: r.num})
	}
	return out
}

func keyList(s *sheetSpec) string {
	var out []string
	for _, k := range s.keys {
		out = append(out, k.label)
	}
	return strings.Join(out, "、")
}

// kvSrc is the Source of a key/value sheet's element: no single row, but every field
// is in the value column, and the field's label names its row in column A.
func (x *xlsxReader) kvSrc(t *table, fields ...string) budget.Source {
	col := t.cols[t.spec.cols[1].label]
	cols := map[string]string{}
	for _, f := range fields {
		cols[f] = col
	}
	return budget.Source{File: x.name, Sheet: t.spec.name, Columns: cols}
}

func (x *xlsxReader) department(b *budget.Budget, t *table) {
	b.Department.Src = x.kvSrc(t, keyProfile, keyFormat, keyYear, keyCode, keyName, keyTitle, keyRegion, keyDocument)
	col := t.cols[t.spec.cols[1].label]
	for _, kv := range x.keyValues(t) {
		switch kv.key {
		case keyProfile:
			b.Profile = kv.value
		case keyFormat:
			b.Format = kv.value
		case keyYear:
			b.Year = x.integer(t.spec.name, kv.num, col, kv.key, kv.value)
		case keyCode:
			c, err := parseCode(foldDigits(kv.value), false)
			if err != nil {
				x.fail(t.spec.name, kv.num, col, kv.key, "%v", err)
			}
			b.Department.Code = c
		case keyName:
			b.Department.Name = kv.value
		case keyTitle:
			b.Department.Title = kv.value
		case keyRegion:
			b.Department.Region = kv.value
		case keyDocument:
			b.Document = kv.value
		}
	}
}

func (x *xlsxReader) units(b *budget.Budget, t *table) {
	for _, r := range t.rows {
		b.Units = append(b.Units, budget.Unit{
			Code:       x.code(t, r, "单位编码"),
			Name:       t.get(r, "单位名称"),
			Kind:       budget.UnitKind(t.get(r, "单位类型")),
			Classified: x.boolean(t, r, "是否涉密"),
			Src:        t.src(x.name, r),
		})
	}
}

// unitTexts reads the 单位文字 sheet into the units it names, one paragraph a row in
// order. An empty 单位编码 continues the unit above, as merged cells read, and an empty
// 项目 continues the 项目 above within the same unit.
func (x *xlsxReader) unitTexts(b *budget.Budget, t *table) {
	units := unitsByCode(b)
	prevUnit, prevKey := "", ""
	for _, r := range t.rows {
		code, key := x.code(t, r, "单位编码"), t.get(r, "项目")
		if code == "" {
			code = prevUnit
		}
		if code != prevUnit {
			prevKey = ""
		}
		if key == "" {
			key = prevKey
		}
		prevUnit, prevKey = code, key
		switch {
		case code == "":
			x.fail(t.spec.name, r.num, t.cols["单位编码"], "单位编码", "缺少单位编码：请填写这段文字所属单位的编码")
			continue
		case units[code] == nil:
			x.fail(t.spec.name, r.num, t.cols["单位编码"], "单位编码", "单位“%s”不在“%s”表中", short(code), shUnits)
			continue
		}
		var lines *[]string
		for _, ut := range unitTexts(units[code]) {
			if ut.label == key {
				lines = ut.lines
			}
		}
		switch {
		case key == "":
			x.fail(t.spec.name, r.num, t.cols["项目"], "项目", "缺少项目：请填写“%s”或“%s”", unitDuties, unitOrganisation)
		case lines == nil:
			x.fail(t.spec.name, r.num, t.cols["项目"], "项目", "无法识别的项目“%s”，应为“%s”或“%s”", short(key), unitDuties, unitOrganisation)
		case t.get(r, "内容") == "":
			x.fail(t.spec.name, r.num, t.cols["内容"], "内容", "缺少内容：请填写单位的%s（每行一段），或删除这一行", key)
		default:
			*lines = append(*lines, t.get(r, "内容"))
		}
	}
}

func (x *xlsxReader) projects(b *budget.Budget, t *table) {
	for _, r := range t.rows {
		p := budget.Project{
			Code:         x.code(t, r, "项目编码"),
			Unit:         x.code(t, r, "单位编码"),
			Name:         t.get(r, "项目名称"),
			Category:     t.get(r, "项目类别"),
			Purpose:      t.get(r, "项目用途"),
			Target:       t.get(r, "绩效目标"),
			ChangeReason: t.get(r, "变动原因"),
			Classified:   x.boolean(t, r, "是否涉密"),
			Src:          t.src(x.name, r),
		}
		// An empty cell means a new project; 0 means last year's budget was zero.
		if a, ok := x.amount(t, r, "上年年初预算"); ok {
			p.LastYear = &a
		}
		b.Projects = append(b.Projects, p)
	}
}

// textField is a column and the field its text fills.
type textField struct {
	label string
	s     *string
}

// descFields are the 项目说明 columns that a project fills once.
func descFields(d *budget.ProjectDescription) []textField {
	return []textField{
		{"项目概述", &d.Overview}, {"实施主体", &d.Implementer}, {"实施方案", &d.Plan},
		{"实施周期", &d.Period}, {"年度预算安排", &d.BudgetNote},
	}
}

// projectDescriptions reads the 项目说明 sheet into the projects it names. A project's
// rows give one 立项依据 each, in order; the other columns are filled once. A row
// without a 项目编码 continues the project above it, as merged cells read.
func (x *xlsxReader) projectDescriptions(b *budget.Budget, t *table) {
	projects := map[string]*budget.Project{}
	for i := range b.Projects {
		if p := &b.Projects[i]; projects[p.Code] == nil {
			projects[p.Code] = p
		}
	}
	filled := map[*string]int{} // field → the row that filled it
	prev := ""
	for _, r := range t.rows {
		code := x.code(t, r, "项目编码")
		if code == "" {
			if prev == "" {
				x.fail(t.spec.name, r.num, t.cols["项目编码"], "项目编码", "缺少项目编码：请填写这份说明所属项目的编码")
				continue
			}
			code = prev
		}
		prev = code
		p := projects[code]
		if p == nil {
			x.fail(t.spec.name, r.num, t.cols["项目编码"], "项目编码", "项目“%s”不在“项目”表中", short(code))
			continue
		}
		if p.Description == nil {
			p.Description = &budget.ProjectDescription{}
		}
		d := p.Description
		for _, f := range descFields(d) {
			v := t.get(r, f.label)
			if v == "" {
				continue
			}
			if first, dup := filled[f.s]; dup {
				x.fail(t.spec.name, r.num, t.cols[f.label], f.label, "项目“%s”的%s已在第 %d 行填写：每个项目只填一次，只有立项依据可以每条一行", short(code), f.label, first)
				continue
			}
			filled[f.s] = r.num
			*f.s = v
		}
		if v := t.get(r, "立项依据"); v != "" {
			d.Basis = append(d.Basis, v)
		}
	}
}

func (x *xlsxReader) items(b *budget.Budget, t *table) {
	for _, r := range t.rows {
		li := budget.LineItem{
			Unit:        x.code(t, r, "单位编码"),
			Functional:  x.code(t, r, "功能科目"),
			Economic:    x.code(t, r, "经济科目"),
			GovEconomic: x.code(t, r, "政府经济科目"),
			Kind:        budget.SpendKind(t.get(r, "支出类型")),
			Project:     x.code(t, r, "项目编码"),
			Fund:        budget.FundType(t.get(r, "资金性质")),
			CarryFrom:   budget.FundType(t.get(r, "结转来源")),
			StaffGrowth: x.boolean(t, r, "增人增资"),
			Src:         t.src(x.name, r),
		}
		li.Amount = x.mustAmount(t, r, "金额")
		b.Items = append(b.Items, li)
	}
}

// mustAmount reads an amount that must be filled in: an empty cell is more likely
// forgotten than meant as zero.
func (x *xlsxReader) mustAmount(t *table, r tableRow, label string) money.Amount {
	a, ok := x.amount(t, r, label)
	if !ok {
		x.fail(t.spec.name, r.num, t.cols[label], label, "缺少金额：请填写以元为单位的数字（没有金额请删除这一行）")
	}
	return a
}

func (x *xlsxReader) procurement(b *budget.Budget, t *table) {
	for _, r := range t.rows {
		p := budget.Procurement{
			Unit:     x.code(t, r, "单位编码"),
			Project:  x.code(t, r, "项目编码"),
			Item:     t.get(r, "采购品目"),
			Category: budget.ProcurementCategory(t.get(r, "采购类别")),
			Src:      t.src(x.name, r),
		}
		p.Amount = x.mustAmount(t, r, "金额")
		p.Functional = x.code(t, r, "功能科目")
		p.ReservedSME, _ = x.amount(t, r, "预留给中小企业")
		p.ReservedSmall, _ = x.amount(t, r, "其中预留给小型、微型企业")
		b.Procurement = append(b.Procurement, p)
	}
}

func (x *xlsxReader) carryForward(b *budget.Budget, t *table) {
	for _, r := range t.rows {
		c := budget.CarryForward{
			Unit: x.code(t, r, "单位编码"),
			Fund: budget.FundType(t.get(r, "资金性质")),
			Src:  t.src(x.name, r),
		}
		c.Amount = x.mustAmount(t, r, "金额")
		b.CarryForward = append(b.CarryForward, c)
	}
}

// kvAmount reads an amount from a key/value sheet's value cell.
func (x *xlsxReader) kvAmount(t *table, kv kvRow) money.Amount {
	a, err := parseAmountCell(foldDigits(kv.value))
	if err != nil {
		x.fail(t.spec.name, kv.num, t.cols[t.spec.cols[1].label], kv.key, "%v", err)
	}
	return a
}

func (x *xlsxReader) lastYear(b *budget.Budget, t, sg *table) {
	ly := &b.LastYear
	fields := lastYearAmounts(ly)
	var keys []string
	for _, f := range fields {
		keys = append(keys, f.key)
	}
	ly.Src = x.kvSrc(t, keys...)
	for _, kv := range x.keyValues(t) {
		a := x.kvAmount(t, kv)
		for _, f := range fields {
			if f.key == kv.key {
				*f.a = a
			}
		}
	}
	ly.SanGong = x.sanGongLines(sg)
}

// sanGongLines reads a sheet of sanGongSheet's layout.
func (x *xlsxReader) sanGongLines(t *table) []budget.SanGongLine {
	var out []budget.SanGongLine
	for _, r := range t.rows {
		line := budget.SanGongLine{Unit: x.code(t, r, "单位编码"), Fund: budget.FundType(t.get(r, "资金性质")), Src: t.src(x.name, r)}
		line.Abroad, _ = x.amount(t, r, "因公出国（境）费")
		line.Reception, _ = x.amount(t, r, "公务接待费")
		line.CarPurchase, _ = x.amount(t, r, "公务用车购置费")
		line.CarRunning, _ = x.amount(t, r, "公务用车运行维护费")
		out = append(out, line)
	}
	return out
}

func (x *xlsxReader) assets(b *budget.Budget, t *table) {
	a := &b.Assets
	a.Src = x.kvSrc(t, keyAsOf, "车辆数", keyEquipment, keyPlannedVehicles, keyPlannedEquipment)
	if col := t.cols[kvKeyLabel]; col != "" {
		a.Src.Columns["车辆类型"] = col
	}
	col := t.cols[t.spec.cols[1].label]
	for _, kv := range x.keyValues(t) {
		x.assetValue(a, t.spec.name, kv.num, col, kv.key, kv.value)
	}
}

// assetValue sets what one 资产 or 单位资产 row says; col is its value's column.
func (x *xlsxReader) assetValue(a *budget.Assets, sheet string, row int, col, key, value string) {
	if key == keyAsOf {
		a.AsOf = dateText(foldDigits(value))
		return
	}
	n := x.integer(sheet, row, col, key, value)
	switch key {
	case keyEquipment:
		a.Equipment = n
	case keyPlannedVehicles:
		a.PlannedVehicles = n
	case keyPlannedEquipment:
		a.PlannedEquipment = n
	default:
		// Any other row is a vehicle type, or a planned purchase of one; budget.Validate
		// names the types it knows.
		if typ, ok := plannedType(key); ok {
			a.PlannedTypes = append(a.PlannedTypes, budget.VehicleCount{Type: typ, Count: n})
		} else {
			a.Vehicles = append(a.Vehicles, budget.VehicleCount{Type: key, Count: n})
		}
	}
}

// unitsByCode indexes b's units by code; of two with one code the first counts, and
// budget.Validate reports the second.
func unitsByCode(b *budget.Budget) map[string]*budget.Unit {
	units := map[string]*budget.Unit{}
	for i := range b.Units {
		if u := &b.Units[i]; units[u.Code] == nil {
			units[u.Code] = u
		}
	}
	return units
}

// unitLastYears reads the 单位上年数 sheet: one row per unit, empty amounts zero.
func (x *xlsxReader) unitLastYears(b *budget.Budget, t *table) {
	units := unitsByCode(b)
	seen := map[string]int{}
	for _, r := range t.rows {
		code := x.code(t, r, "单位编码")
		switch u := units[code]; {
		case code == "":
			x.fail(t.spec.name, r.num, t.cols["单位编码"], "单位编码", "缺少单位编码：请填写这些上年数所属单位的编码")
		case u == nil:
			x.fail(t.spec.name, r.num, t.cols["单位编码"], "单位编码", "单位“%s”不在“%s”表中", short(code), shUnits)
		case seen[code] > 0:
			x.fail(t.spec.name, r.num, t.cols["单位编码"], "单位编码", "单位“%s”的上年数已在第 %d 行填写：每个单位只填一行", short(code), seen[code])
		default:
			seen[code] = r.num
			ly := &budget.UnitLastYear{Src: t.src(x.name, r)}
			for _, f := range unitLastYearAmounts(ly) {
				*f.a, _ = x.amount(t, r, f.key)
			}
			u.LastYear = ly
		}
	}
}

// unitAssets reads the 单位资产 sheet: rows of 项目 and 数量 as on the 资产 sheet, each
// with its unit. An empty 单位编码 continues the unit above, as merged cells read.
func (x *xlsxReader) unitAssets(b *budget.Budget, t *table) {
	units := unitsByCode(b)
	known := sheetByName(shAssets)
	type unitKey struct{ unit, key string }
	seen := map[unitKey]int{}
	prev := ""
	for _, r := range t.rows {
		code, key, value := x.code(t, r, "单位编码"), t.get(r, "项目"), t.get(r, "数量")
		if code == "" {
			code = prev
		}
		prev = code
		u := units[code]
		switch {
		case code == "":
			x.fail(t.spec.name, r.num, t.cols["单位编码"], "单位编码", "缺少单位编码：请填写这项资产所属单位的编码")
			continue
		case u == nil:
			x.fail(t.spec.name, r.num, t.cols["单位编码"], "单位编码", "单位“%s”不在“%s”表中", short(code), shUnits)
			continue
		case key == "":
			x.fail(t.spec.name, r.num, t.cols["项目"], "项目", "缺少项目：请填写车辆类型、%s、%s等（与“%s”表的项目相同）", keyEquipment, keyPlannedVehicles, shAssets)
			continue
		}
		if line, dup := seen[unitKey{code, key}]; dup && known.key(key) != nil {
			x.fail(t.spec.name, r.num, t.cols["项目"], key, "单位“%s”的“%s”重复填写（第 %d 行已填）", short(code), key, line)
			continue
		}
		seen[unitKey{code, key}] = r.num
		if u.Assets == nil {
			col := t.cols["数量"]
			u.Assets = &budget.Assets{Src: budget.Source{File: x.name, Sheet: t.spec.name, Row: r.num, Columns: map[string]string{
				"车辆类型": t.cols["项目"], "车辆数": col, "计划购置车辆": col, keyEquipment: col, keyPlannedEquipment: col, keyAsOf: col,
			}}}
		}
		if value != "" {
			x.assetValue(u.Assets, t.spec.name, r.num, t.cols["数量"], key, value)
		}
	}
}

// plannedType reads the vehicle type of a 计划购置：类型 key; a half-width colon will do.
func plannedType(key string) (string, bool) {
	for _, prefix := range []string{keyPlannedPrefix, "计划购置:"} {
		if typ, ok := strings.CutPrefix(key, prefix); ok {
			return strings.TrimSpace(typ), true
		}
	}
	return "", false
}

// dateText turns a date that Excel stored as a day number (a cell typed as 2024/8/31
// becomes 45535) back into 2024年8月31日; any other text stays as typed. Only day
// numbers of the years 2000 to 2099 count, so that a plain year such as 2024 stays.
func dateText(v string) string {
	n, err := strconv.Atoi(v)
	if err != nil || n < 36526 || n > 73050 {
		return v
	}
	d, err := excelize.ExcelDateToTime(float64(n), false)
	if err != nil {
		return v
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year(), d.Month(), d.Day())
}

func (x *xlsxReader) performance(b *budget.Budget, tasks, indicators, goals *table) {
	p := &b.Performance
	for _, r := range tasks.rows {
		task := budget.PerformanceTask{
			Task:    tasks.get(r, "任务名称"),
			Content: tasks.get(r, "主要内容"),
			Src:     tasks.src(x.name, r),
		}
		task.Fiscal, _ = x.amount(tasks, r, "财政拨款")
		task.Other, _ = x.amount(tasks, r, "其他资金")
		p.Tasks = append(p.Tasks, task)
	}
	for _, r := range indicators.rows {
		p.Indicators = append(p.Indicators, budget.Indicator{
			Level1: indicators.get(r, "一级指标"),
			Level2: indicators.get(r, "二级指标"),
			Level3: indicators.get(r, "三级指标"),
			Target: indicators.get(r, "目标值"),
			Src:    indicators.src(x.name, r),
		})
	}
	for _, r := range goals.rows {
		p.Goals = append(p.Goals, goals.get(r, "总体目标"))
	}
}

func (x *xlsxReader) texts(b *budget.Budget, t, notes, glossary *table) {
	txt := &b.Text
	strs := map[string]*string{
		"收支增减原因": &txt.ChangeReason, "人员经费说明": &txt.PersonnelNote, "公用经费说明": &txt.PublicNote,
		"对个人和家庭的补助说明": &txt.FamilyNote, "三公经费增减原因": &txt.SanGong.Total,
		"因公出国（境）费增减原因": &txt.SanGong.Abroad, "公务接待费增减原因": &txt.SanGong.Reception,
		"公务用车购置费增减原因": &txt.SanGong.CarPurchase, "公务用车运行维护费增减原因": &txt.SanGong.CarRunning,
		"机关运行经费变动原因": &txt.OfficeCostReason,
	}
	lists := map[string]*[]string{"部门职责": &txt.Duties, "机构设置": &txt.Organisation, "主要工作目标": &txt.Goals, keyAlsoAbsent: &txt.AlsoAbsent}
	for _, kv := range x.keyValues(t) {
		if l := lists[kv.key]; l != nil {
			*l = append(*l, kv.value)
		} else if s := strs[kv.key]; s != nil {
			*s = kv.value
		}
	}
	for _, r := range notes.rows {
		txt.FunctionalNotes = append(txt.FunctionalNotes, budget.CodeNote{Code: x.code(notes, r, "功能科目"), Note: notes.get(r, "用途说明"), Src: notes.src(x.name, r)})
	}
	for _, r := range glossary.rows {
		txt.Glossary = append(txt.Glossary, budget.Term{Term: glossary.get(r, "名词"), Definition: glossary.get(r, "解释")})
	}
}
