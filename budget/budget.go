// Package budget owns the budget model: a department, its units and the approved line
// items, with the projects, procurement, assets, performance goals, last year's figures
// and the department's own text that a disclosure needs. It has no I/O; readers in
// package budgetfile fill it, and Validate says in Chinese what is wrong and where.
package budget

import (
	"slices"

	"yusuan/money"
)

// FundType is the source of a line item's money (资金性质).
type FundType string

// The fund types, in the order disclosure tables list them.
const (
	GeneralPublic   FundType = "一般公共预算"
	GovFund         FundType = "政府性基金"
	StateCapital    FundType = "国有资本经营"
	SpecialAccount  FundType = "财政专户管理资金"
	BusinessIncome  FundType = "事业收入"
	OperatingIncome FundType = "事业单位经营收入"
	// SuperiorSubsidy and AffiliateRemit are the two further sources of 单位资金 that
	// the 2026 formats print (上级补助收入, 附属单位上缴收入).
	SuperiorSubsidy FundType = "上级补助收入"
	AffiliateRemit  FundType = "附属单位上缴收入"
	OtherIncome     FundType = "其他收入"
	CarryOver       FundType = "上年结转"
)

// Key is the fund's column key in the tables (see the format vocabulary).
func (f FundType) Key() string {
	switch f {
	case GeneralPublic:
		return "general"
	case GovFund:
		return "gov_fund"
	case StateCapital:
		return "state_capital"
	case SpecialAccount:
		return "special"
	case BusinessIncome:
		return "business"
	case OperatingIncome:
		return "operating"
	case SuperiorSubsidy:
		return "superior"
	case AffiliateRemit:
		return "affiliated"
	case OtherIncome:
		return "other"
	case CarryOver:
		return "carry"
	}
	return ""
}

// FundTypes lists every fund type in table order.
var FundTypes = []FundType{GeneralPublic, GovFund, StateCapital, SpecialAccount, BusinessIncome, OperatingIncome, SuperiorSubsidy, AffiliateRemit, OtherIncome, CarryOver}

// FiscalFunds are the fund types that count as 财政拨款.
var FiscalFunds = []FundType{GeneralPublic, GovFund, StateCapital}

// Valid reports whether f is a known fund type.
func (f FundType) Valid() bool { return slices.Contains(FundTypes, f) }

// InstitutionOnly reports whether f is income that only a 事业单位 receives: 上级补助收入
// (from its superior, not from the treasury) and 附属单位上缴收入 (from its affiliated
// units), kinds of income of the 收入管理 chapter of the 事业单位财务规则 (财政部令第108号).
func (f FundType) InstitutionOnly() bool { return f == SuperiorSubsidy || f == AffiliateRemit }

// Fiscal reports whether f is 财政拨款 (一般公共预算, 政府性基金 or 国有资本经营).
func (f FundType) Fiscal() bool {
	return f == GeneralPublic || f == GovFund || f == StateCapital
}

// SpendKind says whether a line item is basic spending (人员经费 or 公用经费) or a project.
type SpendKind string

const (
	Personnel SpendKind = "人员经费"
	Public    SpendKind = "公用经费"
	ProjectSp SpendKind = "项目支出"
	// The spending of an institution that is neither basic nor a project, printed in
	// its own columns of the 2026 支出总表.
	OperatingSp SpendKind = "事业单位经营支出"
	SubsidySp   SpendKind = "对附属单位补助支出"
	RemitSp     SpendKind = "上缴上级支出"
)

// SpendKinds lists the kinds in table order.
var SpendKinds = []SpendKind{Personnel, Public, ProjectSp, OperatingSp, SubsidySp, RemitSp}

// Basic reports whether k is basic spending (基本支出).
func (k SpendKind) Basic() bool { return k == Personnel || k == Public }

// InstitutionOnly reports whether k is spending that only a 事业单位 has: 经营支出,
// 对附属单位补助支出 and 上缴上级支出 are kinds of spending of the 支出管理 chapter of the
// 事业单位财务规则 (财政部令第108号), which pays them from the institution's own income,
// never from 财政补助收入.
func (k SpendKind) InstitutionOnly() bool {
	return k == OperatingSp || k == SubsidySp || k == RemitSp
}

// UnitKind is the legal kind of a budget unit; it decides whether 机关运行经费 applies.
type UnitKind string

const (
	Administrative UnitKind = "行政单位"
	CivilServant   UnitKind = "参照公务员法管理事业单位"
	Institution    UnitKind = "事业单位"
)

// UnitKinds lists the unit kinds.
var UnitKinds = []UnitKind{Administrative, CivilServant, Institution}

// RunsOffice reports whether units of this kind report 机关运行经费.
func (k UnitKind) RunsOffice() bool { return k == Administrative || k == CivilServant }

// ProcurementCategory is the kind of a government procurement item.
type ProcurementCategory string

const (
	Goods    ProcurementCategory = "货物"
	Works    ProcurementCategory = "工程"
	Services ProcurementCategory = "服务"
)

// ProcurementCategories lists the categories in narrative order.
var ProcurementCategories = []ProcurementCategory{Goods, Works, Services}

// Budget is one department's approved budget for one year.
type Budget struct {
	Profile string `yaml:"profile" json:"profile"`
	// Format names the profile's format to publish in (e.g. shenzhen-2024), for a
	// department that must keep an older layout; empty takes the format of the year.
	Format string `yaml:"format,omitempty" json:"format,omitempty"`
	// Document is the kind of document to publish: empty or 部门预算 for the budget,
	// 部门决算 for the year's final accounts, which needs every line item's 决算数
	// and the Final block.
	Document    string        `yaml:"document,omitempty" json:"document,omitempty"`
	Year        int           `yaml:"year" json:"year"`
	Department  Department    `yaml:"department" json:"department"`
	Units       []Unit        `yaml:"units" json:"units"`
	Projects    []Project     `yaml:"projects,omitempty" json:"projects,omitempty"`
	Items       []LineItem    `yaml:"items" json:"items"`
	Procurement []Procurement `yaml:"procurement,omitempty" json:"procurement,omitempty"`
	// CarryForward is what the budget plans to carry into next year (结转下年), by unit
	// and fund; almost always empty.
	CarryForward []CarryForward `yaml:"carry_forward,omitempty" json:"carry_forward,omitempty"`
	LastYear     LastYear       `yaml:"last_year" json:"last_year"`
	Assets       Assets         `yaml:"assets" json:"assets"`
	Performance  Performance    `yaml:"performance" json:"performance"`
	Text         Text           `yaml:"text" json:"text"`
	// Final holds a 决算's figures beyond the line items' 决算数; nil in a 预算.
	Final *Final `yaml:"final,omitempty" json:"final,omitempty"`

	idx lookups // units and projects by code, built when first asked (index.go)
}

// Department is the 主管部门 that publishes.
type Department struct {
	Code string `yaml:"code,omitempty" json:"code,omitempty"`
	Name string `yaml:"name" json:"name"`
	// Title is the name the document is published under, when it differs from Name
	// (a department with only its 本级 unit publishes under the unit's name).
	Title string `yaml:"title,omitempty" json:"title,omitempty"`
	// Region is the administrative area, e.g. 深圳市龙岗区.
	Region string `yaml:"region,omitempty" json:"region,omitempty"`
	Src    Source `yaml:"-" json:"-"`
}

// Unit is one budget unit (预算单位) of the department.
type Unit struct {
	Code       string   `yaml:"code" json:"code"`
	Name       string   `yaml:"name" json:"name"`
	Kind       UnitKind `yaml:"kind" json:"kind"`
	Classified bool     `yaml:"classified,omitempty" json:"classified,omitempty"`
	// Duties and Organisation are the unit's own 职能 and 机构设置, for formats that
	// publish a 单位预算 per unit (Shanghai). Left empty, the unit's document takes the
	// department's Text.Duties and Text.Organisation.
	Duties       []string `yaml:"duties,omitempty" json:"duties,omitempty"`
	Organisation []string `yaml:"organisation,omitempty" json:"organisation,omitempty"`
	// LastYear and Assets are the unit's own, for the same formats: the budget's
	// LastYear and Assets are the department's, which a unit's document of a
	// department with several units cannot print as its own. nil when not given.
	LastYear *UnitLastYear `yaml:"last_year,omitempty" json:"last_year,omitempty"`
	Assets   *Assets       `yaml:"assets,omitempty" json:"assets,omitempty"`
	Src      Source        `yaml:"-" json:"-"`
}

// UnitLastYear holds one unit's last-year figures that its 单位预算 compares with:
// the fiscal figures of LastYear, and its 机关运行经费.
type UnitLastYear struct {
	FiscalIncome         money.Amount `yaml:"fiscal_income,omitempty" json:"fiscal_income,omitempty"` // its 预算执行数
	FiscalSpending       money.Amount `yaml:"fiscal_spending,omitempty" json:"fiscal_spending,omitempty"`
	GeneralSpending      money.Amount `yaml:"general_spending,omitempty" json:"general_spending,omitempty"`
	GovFundSpending      money.Amount `yaml:"gov_fund_spending,omitempty" json:"gov_fund_spending,omitempty"`
	StateCapitalSpending money.Amount `yaml:"state_capital_spending,omitempty" json:"state_capital_spending,omitempty"`
	OfficeCost           money.Amount `yaml:"office_cost,omitempty" json:"office_cost,omitempty"`
	Src                  Source       `yaml:"-" json:"-"`
}

// LineItem is one approved amount: who spends it, on what function and economic
// class, as basic spending or for a project, from which fund.
type LineItem struct {
	Unit        string    `yaml:"unit" json:"unit"`
	Functional  string    `yaml:"functional" json:"functional"`
	Economic    string    `yaml:"economic" json:"economic"`
	GovEconomic string    `yaml:"gov_economic,omitempty" json:"gov_economic,omitempty"`
	Kind        SpendKind `yaml:"kind" json:"kind"`
	Project     string    `yaml:"project,omitempty" json:"project,omitempty"`
	Fund        FundType  `yaml:"fund" json:"fund"`
	// CarryFrom names the fund that a 上年结转 amount came from; empty means 一般公共预算.
	CarryFrom FundType `yaml:"carry_from,omitempty" json:"carry_from,omitempty"`
	// StaffGrowth marks personnel spending set aside for staff and pay increases during
	// the year (增人增资), which some narratives list apart from 在职人员经费.
	StaffGrowth bool `yaml:"staff_growth,omitempty" json:"staff_growth,omitempty"`
	// Amount is the approved 年初预算.
	Amount money.Amount `yaml:"amount" json:"amount"`
	// Adjusted is the 调整预算 and Final the 决算数 (what was spent), for a 决算;
	// nil when not given. A line paid only from carry-over or outside the budget
	// has Amount 0 and a Final.
	Adjusted *money.Amount `yaml:"adjusted,omitempty" json:"adjusted,omitempty"`
	Final    *money.Amount `yaml:"final,omitempty" json:"final,omitempty"`
	Src      Source        `yaml:"-" json:"-"`
}

// SourceFund is the fund that the money finally comes from: for carry-over, the fund
// it was carried from.
func (li LineItem) SourceFund() FundType {
	if li.Fund != CarryOver {
		return li.Fund
	}
	if li.CarryFrom == "" {
		return GeneralPublic
	}
	return li.CarryFrom
}

// Project is a project (项目) that line items pay for.
type Project struct {
	Code     string `yaml:"code" json:"code"`
	Unit     string `yaml:"unit" json:"unit"`
	Name     string `yaml:"name" json:"name"`
	Category string `yaml:"category,omitempty" json:"category,omitempty"` // e.g. 通用项目
	Purpose  string `yaml:"purpose,omitempty" json:"purpose,omitempty"`
	Target   string `yaml:"target,omitempty" json:"target,omitempty"` // performance target
	// LastYear is last year's 年初预算 for the project; nil when it is new.
	LastYear     *money.Amount `yaml:"last_year,omitempty" json:"last_year,omitempty"`
	ChangeReason string        `yaml:"change_reason,omitempty" json:"change_reason,omitempty"`
	Classified   bool          `yaml:"classified,omitempty" json:"classified,omitempty"`
	// Description is the 项目经费情况说明 that some formats (Shanghai) publish for a
	// project; nil when the project has none.
	Description *ProjectDescription `yaml:"description,omitempty" json:"description,omitempty"`
	Src         Source              `yaml:"-" json:"-"`
}

// ProjectDescription is a project's 经费情况说明.
type ProjectDescription struct {
	Overview    string   `yaml:"overview,omitempty" json:"overview,omitempty"`       // 项目概述
	Basis       []string `yaml:"basis,omitempty" json:"basis,omitempty"`             // 立项依据
	Implementer string   `yaml:"implementer,omitempty" json:"implementer,omitempty"` // 实施主体
	Plan        string   `yaml:"plan,omitempty" json:"plan,omitempty"`               // 实施方案
	Period      string   `yaml:"period,omitempty" json:"period,omitempty"`           // 实施周期
	// BudgetNote breaks the year's amount down (年度预算安排), after "其中".
	BudgetNote string `yaml:"budget_note,omitempty" json:"budget_note,omitempty"`
}

// DisplayName is the name the documents print: the category follows in brackets.
func (p Project) DisplayName() string {
	if p.Category == "" {
		return p.Name
	}
	return p.Name + "（" + p.Category + "）"
}

// Procurement is one government procurement item (政府采购预算).
type Procurement struct {
	Unit     string              `yaml:"unit" json:"unit"`
	Project  string              `yaml:"project,omitempty" json:"project,omitempty"`
	Item     string              `yaml:"item" json:"item"`
	Category ProcurementCategory `yaml:"category" json:"category"`
	Amount   money.Amount        `yaml:"amount" json:"amount"`
	// Functional is the functional code the purchase is paid from, for formats that
	// print procurement by code (the 2026 支出总表); empty when not given.
	Functional string `yaml:"functional,omitempty" json:"functional,omitempty"`
	// ReservedSME is the part of Amount reserved for small and medium enterprises
	// (预留给中小企业), and ReservedSmall the part of that reserved for small and
	// micro enterprises (其中预留给小型、微型企业).
	ReservedSME   money.Amount `yaml:"reserved_sme,omitempty" json:"reserved_sme,omitempty"`
	ReservedSmall money.Amount `yaml:"reserved_small,omitempty" json:"reserved_small,omitempty"`
	Src           Source       `yaml:"-" json:"-"`
}

// CarryForward is an amount of one unit and fund carried into next year.
type CarryForward struct {
	Unit   string       `yaml:"unit" json:"unit"`
	Fund   FundType     `yaml:"fund" json:"fund"`
	Amount money.Amount `yaml:"amount" json:"amount"`
	Src    Source       `yaml:"-" json:"-"`
}

// LastYear holds last year's figures that this year's are compared with.
type LastYear struct {
	Income      money.Amount `yaml:"income" json:"income"`           // 上年部门预算收入
	Expenditure money.Amount `yaml:"expenditure" json:"expenditure"` // 上年部门预算支出
	// OfficeCost is last year's 机关运行经费 budget.
	OfficeCost money.Amount `yaml:"office_cost" json:"office_cost"`
	// Fiscal figures that some formats (Shanghai's 编制说明) compare with: last year's
	// 财政拨款收入 (its 预算执行数), and 财政拨款支出 in total and by fund.
	FiscalIncome         money.Amount  `yaml:"fiscal_income,omitempty" json:"fiscal_income,omitempty"`
	FiscalSpending       money.Amount  `yaml:"fiscal_spending,omitempty" json:"fiscal_spending,omitempty"`
	GeneralSpending      money.Amount  `yaml:"general_spending,omitempty" json:"general_spending,omitempty"`
	GovFundSpending      money.Amount  `yaml:"gov_fund_spending,omitempty" json:"gov_fund_spending,omitempty"`
	StateCapitalSpending money.Amount  `yaml:"state_capital_spending,omitempty" json:"state_capital_spending,omitempty"`
	SanGong              []SanGongLine `yaml:"san_gong,omitempty" json:"san_gong,omitempty"`
	Src                  Source        `yaml:"-" json:"-"`
}

// SanGongLine is last year's 三公 budget of one unit from one fiscal fund.
type SanGongLine struct {
	Unit        string       `yaml:"unit" json:"unit"`
	Fund        FundType     `yaml:"fund" json:"fund"`
	Abroad      money.Amount `yaml:"abroad" json:"abroad"`             // 因公出国（境）费
	Reception   money.Amount `yaml:"reception" json:"reception"`       // 公务接待费
	CarPurchase money.Amount `yaml:"car_purchase" json:"car_purchase"` // 公务用车购置费
	CarRunning  money.Amount `yaml:"car_running" json:"car_running"`   // 公务用车运行维护费
	Src         Source       `yaml:"-" json:"-"`
}

// Assets is the 国有资产占用情况 at the end of last year, and this year's plans.
type Assets struct {
	// AsOf is the date the counts are taken, e.g. 2024年8月31日; empty means the end
	// of last year.
	AsOf             string         `yaml:"as_of,omitempty" json:"as_of,omitempty"`
	Vehicles         []VehicleCount `yaml:"vehicles,omitempty" json:"vehicles,omitempty"`
	Equipment        int            `yaml:"equipment" json:"equipment"` // 单价100万元以上设备, 台（套）
	PlannedVehicles  int            `yaml:"planned_vehicles" json:"planned_vehicles"`
	PlannedEquipment int            `yaml:"planned_equipment" json:"planned_equipment"`
	// PlannedTypes breaks PlannedVehicles down by type, where a format prints that.
	PlannedTypes []VehicleCount `yaml:"planned_types,omitempty" json:"planned_types,omitempty"`
	Src          Source         `yaml:"-" json:"-"`
}

// VehicleTypes are every vehicle type a document may list; each profile prints its
// own selection in its own order.
var VehicleTypes = []string{"部级领导干部用车", "主要领导干部用车", "机要通信用车", "应急保障用车", "执法执勤用车", "特种专业技术用车", "离退休干部用车", "其他用车"}

// VehicleCount is the number of vehicles of one type.
type VehicleCount struct {
	Type  string `yaml:"type" json:"type"`
	Count int    `yaml:"count" json:"count"`
}

// Performance is the 整体支出绩效目标: tasks with amounts, overall goals and indicators.
type Performance struct {
	Tasks      []PerformanceTask `yaml:"tasks,omitempty" json:"tasks,omitempty"`
	Goals      []string          `yaml:"goals,omitempty" json:"goals,omitempty"`
	Indicators []Indicator       `yaml:"indicators,omitempty" json:"indicators,omitempty"`
}

// PerformanceTask is one row of the 年度主要任务: a task group, its content and amounts.
type PerformanceTask struct {
	Task    string       `yaml:"task" json:"task"`       // 任务名称
	Content string       `yaml:"content" json:"content"` // 主要内容
	Fiscal  money.Amount `yaml:"fiscal" json:"fiscal"`   // 其中：财政拨款
	Other   money.Amount `yaml:"other" json:"other"`     // 其中：其他资金
	Src     Source       `yaml:"-" json:"-"`
}

// Total is the task's 总额.
func (t PerformanceTask) Total() money.Amount { return t.Fiscal + t.Other }

// Indicator is one 三级指标 with its place in the tree and its target value.
type Indicator struct {
	Level1 string `yaml:"level1" json:"level1"`
	Level2 string `yaml:"level2" json:"level2"`
	Level3 string `yaml:"level3" json:"level3"`
	Target string `yaml:"target" json:"target"`
	Src    Source `yaml:"-" json:"-"`
}

// Text is what the department writes itself. Empty fields take the profile's wording.
type Text struct {
	Duties       []string `yaml:"duties,omitempty" json:"duties,omitempty"`             // 部门职责
	Organisation []string `yaml:"organisation,omitempty" json:"organisation,omitempty"` // 机构设置情况
	Goals        []string `yaml:"goals,omitempty" json:"goals,omitempty"`               // 主要工作目标
	ChangeReason string   `yaml:"change_reason,omitempty" json:"change_reason,omitempty"`
	// Notes on spending kinds, printed after their amounts in 第三部分.
	PersonnelNote string `yaml:"personnel_note,omitempty" json:"personnel_note,omitempty"`
	PublicNote    string `yaml:"public_note,omitempty" json:"public_note,omitempty"`
	FamilyNote    string `yaml:"family_note,omitempty" json:"family_note,omitempty"`
	// Reasons for the 三公 changes, in total and by part.
	SanGong SanGongText `yaml:"san_gong,omitempty" json:"san_gong,omitempty"`
	// OfficeCostReason explains the change of 机关运行经费.
	OfficeCostReason string `yaml:"office_cost_reason,omitempty" json:"office_cost_reason,omitempty"`
	// FunctionalNotes say what each functional 项 pays for (财政拨款支出主要内容).
	FunctionalNotes []CodeNote `yaml:"functional_notes,omitempty" json:"functional_notes,omitempty"`
	// AlsoAbsent names further kinds of spending the department does not have, added
	// to the derived 无……预算 sentence (e.g. 上级专项转移支付支出).
	AlsoAbsent []string `yaml:"also_absent,omitempty" json:"also_absent,omitempty"`
	// Glossary replaces the profile's 名词解释 when given.
	Glossary []Term `yaml:"glossary,omitempty" json:"glossary,omitempty"`
}

// SanGongText holds the department's explanations of each 三公 figure.
type SanGongText struct {
	Total       string `yaml:"total,omitempty" json:"total,omitempty"`
	Abroad      string `yaml:"abroad,omitempty" json:"abroad,omitempty"`
	Reception   string `yaml:"reception,omitempty" json:"reception,omitempty"`
	CarPurchase string `yaml:"car_purchase,omitempty" json:"car_purchase,omitempty"`
	CarRunning  string `yaml:"car_running,omitempty" json:"car_running,omitempty"`
}

// CodeNote explains one classification code.
type CodeNote struct {
	Code string `yaml:"code" json:"code"`
	Note string `yaml:"note" json:"note"`
	Src  Source `yaml:"-" json:"-"`
}

// Term is one 名词解释 entry.
type Term struct {
	Term       string `yaml:"term" json:"term"`
	Definition string `yaml:"definition" json:"definition"`
}

// Source says where an element was read from, so errors can point at it.
type Source struct {
	File  string
	Sheet string // XLSX sheet; empty for text files
	Row   int    // XLSX row or text line, 1-based
	// Columns maps a field's Chinese label to its XLSX column letter.
	Columns map[string]string
}
