package budget

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"yusuan/classification"
	"yusuan/money"
)

// Error is one problem in a budget, with where it was found. Its text is Chinese.
type Error struct {
	Src   Source
	Field string // the Chinese label of the field, e.g. 功能科目
	Msg   string
	// Joint says the error weighs the element against others (a duplicate, a
	// reference, a total), so that a value misread elsewhere can cause it.
	Joint bool
}

func (e *Error) Error() string {
	return e.Src.Describe(e.Field) + "：" + e.Msg
}

// Describe names a place for a reader: file, sheet, row and the field's column.
func (s Source) Describe(field string) string {
	var b strings.Builder
	if s.File != "" {
		fmt.Fprintf(&b, "文件 %s", s.File)
	}
	if s.Sheet != "" {
		fmt.Fprintf(&b, " 工作表“%s”", s.Sheet)
	}
	if s.Row > 0 {
		fmt.Fprintf(&b, " 第 %d 行", s.Row)
	}
	if field != "" {
		if col := s.Columns[field]; col != "" {
			fmt.Fprintf(&b, " %s 列（%s）", col, field)
		} else {
			fmt.Fprintf(&b, "（%s）", field)
		}
	}
	out := strings.TrimSpace(b.String())
	if out == "" {
		return "预算数据"
	}
	return out
}

// ErrorList is every problem found, in input order.
type ErrorList []*Error

func (l ErrorList) Error() string {
	const max = 20
	var b strings.Builder
	for i, e := range l {
		if i == max {
			fmt.Fprintf(&b, "……另有 %d 处错误未列出\n", len(l)-max)
			break
		}
		b.WriteString(e.Error())
		b.WriteByte('\n')
	}
	return strings.TrimRight(b.String(), "\n")
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Src, l[j].Src
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		return a.Row < b.Row
	})
	return l
}

type validator struct {
	cat  *classification.Catalogue
	errs ErrorList
}

func (v *validator) add(src Source, field, format string, args ...any) {
	v.errs = append(v.errs, &Error{Src: src, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// addJoint adds an error that weighs the element against others.
func (v *validator) addJoint(src Source, field, format string, args ...any) {
	v.errs = append(v.errs, &Error{Src: src, Field: field, Msg: fmt.Sprintf(format, args...), Joint: true})
}

// Validate checks the budget against the catalogue and its own rules, and returns
// every problem it finds (as an ErrorList), or nil.
func Validate(b *Budget, cat *classification.Catalogue) error {
	v := &validator{cat: cat}
	v.department(b)
	units := v.units(b)
	projects := v.projects(b, units)
	v.items(b, units, projects)
	v.procurement(b, units, projects)
	v.carryForward(b, units)
	v.lastYear(b, units)
	v.assets(b)
	v.performance(b)
	v.notes(b)
	v.textLengths(b)
	v.final(b, units)
	return v.errs.Err()
}

func (v *validator) department(b *Budget) {
	src := b.Department.Src
	if b.Year < 2000 || b.Year > 2100 {
		v.add(src, "预算年度", "预算年度应为 2000 至 2100 之间的四位年份，实际为 %d", b.Year)
	}
	if strings.TrimSpace(b.Department.Name) == "" {
		v.add(src, "部门名称", "缺少部门名称")
	}
	if len(b.Units) == 0 {
		v.addJoint(src, "预算单位", "至少需要一个预算单位")
	}
}

func (v *validator) units(b *Budget) map[string]*Unit {
	units := map[string]*Unit{}
	for i := range b.Units {
		u := &b.Units[i]
		if !newCode(v, u.Src, "单位编码", u.Code, units, func(u *Unit) Source { return u.Src }) {
			continue
		}
		if strings.TrimSpace(u.Name) == "" {
			v.add(u.Src, "单位名称", "缺少单位名称")
		}
		if !slices.Contains(UnitKinds, u.Kind) {
			v.add(u.Src, "单位类型", "单位类型应为%s之一，实际为“%s”", quoteAll(UnitKinds), u.Kind)
		}
		if ly := u.LastYear; ly != nil {
			v.nonNegative(ly.Src, []labelled{{labelFiscalIncome, ly.FiscalIncome}, {labelFiscalSpending, ly.FiscalSpending},
				{labelGeneral, ly.GeneralSpending}, {labelGovFund, ly.GovFundSpending}, {labelStateCapital, ly.StateCapitalSpending},
				{labelOfficeCost, ly.OfficeCost}})
			v.fundsAddUp(ly.Src, ly.FiscalSpending, ly.GeneralSpending, ly.GovFundSpending, ly.StateCapitalSpending)
		}
		if u.Assets != nil {
			v.assetsOf(u.Assets)
		}
		units[u.Code] = u
	}
	return units
}

// newCode reports whether code, the label of an element read at src, is given and
// not the code of an element before it in seen, and says what is wrong when not.
// srcOf is where an element of seen was read.
func newCode[T any](v *validator, src Source, label, code string, seen map[string]*T, srcOf func(*T) Source) bool {
	switch first := seen[code]; {
	case strings.TrimSpace(code) == "":
		v.add(src, label, "缺少%s", label)
		return false
	case first != nil:
		v.addJoint(src, label, "%s“%s”重复（%s）", label, code, srcOf(first).Describe(""))
		return false
	}
	return true
}

func (v *validator) unitRef(src Source, units map[string]*Unit, code string) bool {
	if strings.TrimSpace(code) == "" {
		v.add(src, "单位编码", "缺少预算单位")
		return false
	}
	if units[code] == nil {
		v.addJoint(src, "单位编码", "预算单位“%s”不在单位表中", code)
		return false
	}
	return true
}

func (v *validator) projects(b *Budget, units map[string]*Unit) map[string]*Project {
	projects := map[string]*Project{}
	for i := range b.Projects {
		p := &b.Projects[i]
		if !newCode(v, p.Src, "项目编码", p.Code, projects, func(p *Project) Source { return p.Src }) {
			continue
		}
		v.unitRef(p.Src, units, p.Unit)
		if strings.TrimSpace(p.Name) == "" {
			v.add(p.Src, "项目名称", "缺少项目名称")
		}
		if p.LastYear != nil && *p.LastYear < 0 {
			v.add(p.Src, "上年年初预算", "上年年初预算不能为负数，实际为 %s", p.LastYear)
		}
		projects[p.Code] = p
	}
	return projects
}

type itemKey struct {
	unit, functional, economic, govEconomic, project string
	kind                                             SpendKind
	fund, carry                                      FundType
}

func (v *validator) items(b *Budget, units map[string]*Unit, projects map[string]*Project) {
	if len(b.Items) == 0 {
		v.addJoint(b.Department.Src, "支出明细", "没有任何支出明细")
	}
	seen := map[itemKey]*LineItem{}
	for i := range b.Items {
		li := &b.Items[i]
		v.unitRef(li.Src, units, li.Unit)
		if err := v.cat.Check(classification.Functional, li.Functional, "", 3); err != nil {
			v.add(li.Src, "功能科目", "%v", err)
		}
		econOK := true
		if err := v.cat.Check(classification.Economic, li.Economic, "", 2); err != nil {
			v.add(li.Src, "经济科目", "%v", err)
			econOK = false
		}
		if li.GovEconomic != "" && (len(li.GovEconomic) != 5 || !strings.HasPrefix(li.GovEconomic, "5") || strings.Trim(li.GovEconomic, "0123456789") != "") {
			v.add(li.Src, "政府经济科目", "政府预算支出经济分类科目“%s”应为以 5 开头的 5 位数字", li.GovEconomic)
		}
		switch li.Kind {
		case Personnel, Public:
			if li.Project != "" {
				v.add(li.Src, "项目编码", "基本支出（%s）不应填写项目编码“%s”", li.Kind, li.Project)
			}
			if econOK {
				class := li.Economic[:3]
				personnelClass := class == "301" || class == "303"
				if li.Kind == Personnel && !personnelClass {
					v.add(li.Src, "经济科目", "人员经费应使用 301 或 303 类经济科目，实际为“%s”", li.Economic)
				}
				if li.Kind == Public && personnelClass {
					v.add(li.Src, "经济科目", "公用经费不应使用 301 或 303 类经济科目“%s”（应为人员经费）", li.Economic)
				}
			}
		case OperatingSp, SubsidySp, RemitSp:
			if li.Project != "" {
				v.add(li.Src, "项目编码", "%s不是项目支出，不应填写项目编码“%s”", li.Kind, li.Project)
			}
			if u := units[li.Unit]; u != nil && u.Kind != Institution {
				v.addJoint(li.Src, "支出类型", "%s只适用于事业单位，单位“%s”为%s", li.Kind, li.Unit, u.Kind)
			}
			if li.SourceFund().Fiscal() {
				v.add(li.Src, "资金性质", "%s应由单位自有资金安排，不能使用财政拨款（%s）", li.Kind, li.SourceFund())
			}
		case ProjectSp:
			switch p := projects[li.Project]; {
			case li.Project == "":
				v.add(li.Src, "项目编码", "项目支出必须填写项目编码")
			case p == nil:
				v.addJoint(li.Src, "项目编码", "项目“%s”不在项目表中", li.Project)
			case p.Unit != li.Unit:
				v.addJoint(li.Src, "项目编码", "项目“%s”属于单位“%s”，与本行单位“%s”不一致", li.Project, p.Unit, li.Unit)
			}
		default:
			v.add(li.Src, "支出类型", "支出类型应为%s之一，实际为“%s”", quoteAll(SpendKinds), li.Kind)
		}
		if !li.Fund.Valid() {
			v.add(li.Src, "资金性质", "资金性质应为%s之一，实际为“%s”", quoteAll(FundTypes), li.Fund)
		}
		if li.SourceFund().InstitutionOnly() {
			if u := units[li.Unit]; u != nil && u.Kind != Institution {
				v.addJoint(li.Src, "资金性质", "%s只有事业单位才有，单位“%s”为%s", li.SourceFund(), li.Unit, u.Kind)
			}
		}
		if li.StaffGrowth && li.Kind != Personnel {
			v.add(li.Src, "增人增资", "增人增资只能标在人员经费上，本行为%s", li.Kind)
		}
		if li.CarryFrom != "" && (li.Fund != CarryOver || li.CarryFrom == CarryOver || !li.CarryFrom.Valid()) {
			v.add(li.Src, "结转来源", "只有“上年结转”资金可填写结转来源，且应为“上年结转”以外的资金性质，实际为“%s”", li.CarryFrom)
		}
		v.amount(li.Src, li.Amount)
		key := itemKey{li.Unit, li.Functional, li.Economic, li.GovEconomic, li.Project, li.Kind, li.Fund, li.CarryFrom}
		if first := seen[key]; first != nil {
			v.addJoint(li.Src, "", "与%s重复（单位、功能科目、经济科目、支出类型、项目和资金性质都相同），请合并为一行", first.Src.Describe(""))
		} else {
			seen[key] = li
		}
	}
}

func (v *validator) procurement(b *Budget, units map[string]*Unit, projects map[string]*Project) {
	spendsOn := map[unitCode]bool{}
	for i := range b.Items {
		spendsOn[unitCode{b.Items[i].Unit, b.Items[i].Functional}] = true
	}
	for i := range b.Procurement {
		p := &b.Procurement[i]
		v.unitRef(p.Src, units, p.Unit)
		if p.Project != "" && projects[p.Project] == nil {
			v.addJoint(p.Src, "项目编码", "项目“%s”不在项目表中", p.Project)
		}
		if strings.TrimSpace(p.Item) == "" {
			v.add(p.Src, "采购品目", "缺少采购品目")
		}
		if p.Category != Goods && p.Category != Works && p.Category != Services {
			v.add(p.Src, "采购类别", "采购类别应为“货物”“工程”“服务”之一，实际为“%s”", p.Category)
		}
		v.amount(p.Src, p.Amount)
		switch {
		case p.ReservedSME < 0 || p.ReservedSmall < 0:
			v.add(p.Src, "预留给中小企业", "预留份额不能为负数")
		case p.ReservedSME > p.Amount:
			v.add(p.Src, "预留给中小企业", "预留给中小企业的金额 %s 超过采购金额 %s", p.ReservedSME, p.Amount)
		case p.ReservedSmall > p.ReservedSME:
			v.add(p.Src, "其中预留给小型、微型企业", "预留给小型、微型企业的金额 %s 超过预留给中小企业的金额 %s（前者是后者的一部分）", p.ReservedSmall, p.ReservedSME)
		}
		if p.Functional != "" {
			if err := v.cat.Check(classification.Functional, p.Functional, "", 3); err != nil {
				v.add(p.Src, "功能科目", "%v", err)
			} else if !spendsOn[unitCode{p.Unit, p.Functional}] {
				v.addJoint(p.Src, "功能科目", "单位“%s”没有功能科目“%s”的支出明细，采购不能记在该科目下", p.Unit, p.Functional)
			}
		}
	}
}

type unitCode struct{ unit, code string }

func (v *validator) carryForward(b *Budget, units map[string]*Unit) {
	seen := map[FundType]map[string]*CarryForward{}
	for i := range b.CarryForward {
		c := &b.CarryForward[i]
		v.unitRef(c.Src, units, c.Unit)
		if !c.Fund.Valid() || c.Fund == CarryOver {
			v.add(c.Src, "资金性质", "结转下年的资金性质应为“上年结转”以外的%s之一，实际为“%s”", quoteAll(FundTypes), c.Fund)
		}
		v.amount(c.Src, c.Amount)
		if seen[c.Fund] == nil {
			seen[c.Fund] = map[string]*CarryForward{}
		}
		if first := seen[c.Fund][c.Unit]; first != nil {
			v.addJoint(c.Src, "", "与%s重复（同一单位、同一资金性质的结转下年），请合并为一行", first.Src.Describe(""))
		}
		seen[c.Fund][c.Unit] = c
	}
}

// amount checks an element's 金额, which no element may have negative.
func (v *validator) amount(src Source, a money.Amount) {
	if a < 0 {
		v.add(src, "金额", "金额不能为负数，实际为 %s", a)
	}
}

// Labels of last year's figures, shared by the department's and a unit's: the
// workbook's headers and keys, so that an error names their column.
const (
	labelOfficeCost     = "上年机关运行经费"
	labelFiscalIncome   = "上年财政拨款收入（执行数）"
	labelFiscalSpending = "上年财政拨款支出"
	labelGeneral        = "上年一般公共预算支出"
	labelGovFund        = "上年政府性基金支出"
	labelStateCapital   = "上年国有资本经营支出"
)

// labelled is an amount and the label an error names it by.
type labelled struct {
	label string
	a     money.Amount
}

func (v *validator) nonNegative(src Source, amounts []labelled) {
	for _, f := range amounts {
		if f.a < 0 {
			v.add(src, f.label, "不能为负数")
		}
	}
}

// fundsAddUp checks last year's 财政拨款支出 against its parts by fund, when given.
func (v *validator) fundsAddUp(src Source, fiscal, general, govFund, stateCapital money.Amount) {
	if byFund := general + govFund + stateCapital; byFund != 0 && byFund != fiscal {
		v.add(src, labelFiscalSpending, "上年财政拨款支出 %s 应等于一般公共预算、政府性基金、国有资本经营支出之和 %s", fiscal, byFund)
	}
}

func (v *validator) lastYear(b *Budget, units map[string]*Unit) {
	ly := &b.LastYear
	v.nonNegative(ly.Src, []labelled{{"上年收入", ly.Income}, {"上年支出", ly.Expenditure}, {labelOfficeCost, ly.OfficeCost},
		{labelFiscalIncome, ly.FiscalIncome}, {labelFiscalSpending, ly.FiscalSpending}, {labelGeneral, ly.GeneralSpending},
		{labelGovFund, ly.GovFundSpending}, {labelStateCapital, ly.StateCapitalSpending}})
	v.fundsAddUp(ly.Src, ly.FiscalSpending, ly.GeneralSpending, ly.GovFundSpending, ly.StateCapitalSpending)
	if ly.Income != ly.Expenditure {
		v.add(ly.Src, "上年支出", "上年收入 %s 与上年支出 %s 应相等（部门预算收支平衡）", ly.Income, ly.Expenditure)
	}
	type key struct {
		unit string
		fund FundType
	}
	seen := map[key]*SanGongLine{}
	for i := range ly.SanGong {
		s := &ly.SanGong[i]
		v.unitRef(s.Src, units, s.Unit)
		if !s.Fund.Fiscal() {
			v.add(s.Src, "资金性质", "“三公”经费的资金性质应为一般公共预算、政府性基金或国有资本经营，实际为“%s”", s.Fund)
		}
		if first := seen[key{s.Unit, s.Fund}]; first != nil {
			v.addJoint(s.Src, "", "与%s重复（同一单位、同一资金性质）", first.Src.Describe(""))
		}
		seen[key{s.Unit, s.Fund}] = s
		if s.Abroad < 0 || s.Reception < 0 || s.CarPurchase < 0 || s.CarRunning < 0 {
			v.add(s.Src, "", "上年“三公”经费不能为负数")
		}
	}
}

func (v *validator) assets(b *Budget) { v.assetsOf(&b.Assets) }

// assetsOf checks the department's or one unit's assets.
func (v *validator) assetsOf(a *Assets) {
	seen := map[string]bool{}
	for _, vc := range a.Vehicles {
		if !slices.Contains(VehicleTypes, vc.Type) {
			v.add(a.Src, "车辆类型", "车辆类型应为%s之一，实际为“%s”", quoteAll(VehicleTypes), vc.Type)
		}
		if seen[vc.Type] {
			v.add(a.Src, "车辆类型", "车辆类型“%s”重复", vc.Type)
		}
		seen[vc.Type] = true
		if vc.Count < 0 {
			v.add(a.Src, "车辆数", "车辆数不能为负数")
		}
	}
	if a.Equipment < 0 || a.PlannedVehicles < 0 || a.PlannedEquipment < 0 {
		v.add(a.Src, "", "资产数量不能为负数")
	}
	if len(a.PlannedTypes) > 0 {
		sum := 0
		planned := map[string]bool{}
		for _, vc := range a.PlannedTypes {
			if planned[vc.Type] {
				v.add(a.Src, "计划购置车辆", "计划购置车辆类型“%s”重复", vc.Type)
			}
			planned[vc.Type] = true
			if !slices.Contains(VehicleTypes, vc.Type) || vc.Count < 0 {
				v.add(a.Src, "计划购置车辆", "计划购置车辆类型应为%s之一且数量不为负，实际为“%s”%d 辆", quoteAll(VehicleTypes), vc.Type, vc.Count)
			}
			sum += vc.Count
		}
		if sum != a.PlannedVehicles {
			v.add(a.Src, "计划购置车辆", "各类计划购置车辆相加为 %d 辆，与计划购置车辆 %d 辆不一致", sum, a.PlannedVehicles)
		}
	}
}

func (v *validator) notes(b *Budget) {
	seen := map[string]bool{}
	for _, n := range b.Text.FunctionalNotes {
		if err := v.cat.Check(classification.Functional, n.Code, ""); err != nil {
			v.add(n.Src, "功能科目", "%v", err)
		}
		if seen[n.Code] {
			v.add(n.Src, "功能科目", "功能科目“%s”的说明重复", n.Code)
		}
		seen[n.Code] = true
	}
}

func (v *validator) performance(b *Budget) {
	if len(b.Performance.Tasks) > 0 {
		var tasks money.Amount
		for _, t := range b.Performance.Tasks {
			tasks += t.Total()
		}
		if total := b.Sum(All); tasks != total {
			v.addJoint(b.Performance.Tasks[0].Src, "金额", "绩效任务金额合计 %s 与预算支出总额 %s 不一致（相差 %s）", tasks, total, tasks-total)
		}
	}
	for i := range b.Performance.Tasks {
		t := &b.Performance.Tasks[i]
		if strings.TrimSpace(t.Task) == "" || strings.TrimSpace(t.Content) == "" {
			v.add(t.Src, "任务名称", "绩效任务需要任务名称和主要内容")
		}
		if t.Fiscal < 0 || t.Other < 0 {
			v.add(t.Src, "金额", "绩效任务金额不能为负数")
		}
	}
	for i := range b.Performance.Indicators {
		ind := &b.Performance.Indicators[i]
		if strings.TrimSpace(ind.Level1) == "" || strings.TrimSpace(ind.Level2) == "" || strings.TrimSpace(ind.Level3) == "" {
			v.add(ind.Src, "一级指标", "绩效指标需要填写一级、二级、三级指标")
		}
	}
}

// quoteAll lists the values an error says a field may take, each in quotes.
func quoteAll[T ~string](xs []T) string {
	var b strings.Builder
	for _, x := range xs {
		b.WriteString("“" + string(x) + "”")
	}
	return b.String()
}
