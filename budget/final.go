package budget

import "yusuan/money"

// Document kinds a budget file can ask for (Budget.Document).
const (
	// DocBudget is the 部门预算, the default.
	DocBudget = "部门预算"
	// DocFinal is the 部门决算: the year's final accounts, built from the line
	// items' 决算数 (LineItem.Final) and the Final block.
	DocFinal = "部门决算"
)

// IsFinal reports whether the budget file asks for the 部门决算.
func (b *Budget) IsFinal() bool { return b.Document == DocFinal }

// NonFiscal is the fund of carry-overs that are not 财政拨款 (非财政拨款结转和结余):
// a 决算 carries 财政拨款 by fund and everything else together.
const NonFiscal FundType = "非财政拨款"

// CarryFunds are the funds a 决算's carry-overs are kept by, in table order.
var CarryFunds = []FundType{GeneralPublic, GovFund, StateCapital, NonFiscal}

// CarryFund is the fund a carry-over of money from f counts under: a fiscal fund as
// itself, everything else as NonFiscal.
func CarryFund(f FundType) FundType {
	if f.Fiscal() {
		return f
	}
	return NonFiscal
}

// Final holds what a 部门决算 needs beyond the line items' 决算数: income as received
// (not derivable from spending: carry-overs and unspent income), carry-overs, the
// narrative's comparisons and the department's explanations. All amounts in 分.
type Final struct {
	// Income is the year's income by unit, functional code and source (收入决算表).
	Income []FinalIncome `yaml:"income,omitempty" json:"income,omitempty"`
	// CarryIn and CarryOut are 年初结转和结余 and 年末结转和结余 by unit and fund
	// (一般公共预算, 政府性基金, 国有资本经营 or 非财政拨款). The budget's CarryForward
	// is a 预算's planned 结转下年; CarryOut is the actual one.
	CarryIn  []FinalCarry `yaml:"carry_in,omitempty" json:"carry_in,omitempty"`
	CarryOut []FinalCarry `yaml:"carry_out,omitempty" json:"carry_out,omitempty"`
	// Distribution is 结余分配 and UseBalance 使用非财政拨款结余（含专用结余）, by unit
	// and fund (almost always 非财政拨款).
	Distribution []FinalCarry `yaml:"distribution,omitempty" json:"distribution,omitempty"`
	UseBalance   []FinalCarry `yaml:"use_balance,omitempty" json:"use_balance,omitempty"`
	// SanGong is the 三公 决算数 by unit and fund, which covers basic and project
	// spending from this year's money and carry-overs; when empty, it is summed from
	// the line items' 决算数 in the 三公 economic codes.
	SanGong []SanGongLine `yaml:"san_gong,omitempty" json:"san_gong,omitempty"`
	// LastYear holds last year's 决算 figures that the narrative compares with.
	LastYear FinalLastYear `yaml:"last_year,omitempty" json:"last_year,omitempty"`
	// Procurement is the year's 政府采购 as contracted.
	Procurement FinalProcurement `yaml:"procurement,omitempty" json:"procurement,omitempty"`
	// Performance is the 预算绩效管理 of the year's projects.
	Performance FinalPerformance `yaml:"performance,omitempty" json:"performance,omitempty"`
	// Reasons explain why a functional 项's 决算数 differs from its 年初预算
	// (keyed by the 7-digit code).
	Reasons []CodeNote `yaml:"reasons,omitempty" json:"reasons,omitempty"`
	// Text are the department's explanations of the 决算 as a whole.
	Text FinalText `yaml:"text,omitempty" json:"text,omitempty"`
	Src  Source    `yaml:"-" json:"-"`
}

// FinalIncome is one amount of income received in the year.
type FinalIncome struct {
	Unit       string `yaml:"unit" json:"unit"`
	Functional string `yaml:"functional" json:"functional"`
	// Source is where the money came from: a fiscal fund, 上级补助收入, 事业收入,
	// 事业单位经营收入, 附属单位上缴收入 or 其他收入 (财政专户管理资金 counts as 其他收入).
	Source FundType     `yaml:"source" json:"source"`
	Amount money.Amount `yaml:"amount" json:"amount"`
	Src    Source       `yaml:"-" json:"-"`
}

// FinalCarry is an amount of one unit and fund: a carry-over, a 结余分配 or a use of
// non-fiscal balances.
type FinalCarry struct {
	Unit string   `yaml:"unit" json:"unit"`
	Fund FundType `yaml:"fund" json:"fund"`
	// Functional is the 7-digit functional code, for the carry-overs of 政府性基金 and
	// 国有资本经营 that their tables print by code; empty otherwise.
	Functional string       `yaml:"functional,omitempty" json:"functional,omitempty"`
	Amount     money.Amount `yaml:"amount" json:"amount"`
	Src        Source       `yaml:"-" json:"-"`
}

// CarryList is one of a 决算's four lists of amounts by unit and fund, with the
// name that the workbook's column and the errors give it.
type CarryList struct {
	Label string
	List  *[]FinalCarry
}

// CarryLists lists f's carry-overs, 结余分配 and uses of balances in the order the
// workbook's 结转结余 sheet prints them, so that the sheet and the validation
// name them alike.
func (f *Final) CarryLists() []CarryList {
	return []CarryList{
		{"年初结转和结余", &f.CarryIn},
		{"年末结转和结余", &f.CarryOut},
		{"结余分配", &f.Distribution},
		{"使用非财政拨款结余", &f.UseBalance},
	}
}

// FinalLastYear are last year's 决算 figures. Zero means not given: the sentence
// that compares with it is left out.
type FinalLastYear struct {
	Total           money.Amount `yaml:"total,omitempty" json:"total,omitempty"`                       // 收入支出总计
	FiscalTotal     money.Amount `yaml:"fiscal_total,omitempty" json:"fiscal_total,omitempty"`         // 财政拨款收入支出总计
	GeneralSpending money.Amount `yaml:"general_spending,omitempty" json:"general_spending,omitempty"` // 一般公共预算财政拨款支出
	OfficeCost      money.Amount `yaml:"office_cost,omitempty" json:"office_cost,omitempty"`           // 机关运行经费
	// SanGong is last year's 三公 决算数; Compare says to compare the 三公 with it
	// even when it is all zero.
	SanGong        []SanGongLine `yaml:"san_gong,omitempty" json:"san_gong,omitempty"`
	CompareSanGong bool          `yaml:"compare_san_gong,omitempty" json:"compare_san_gong,omitempty"`
	Src            Source        `yaml:"-" json:"-"`
}

// FinalProcurement is the year's 政府采购 (以合同签订为准) by category, and what went
// to small and medium enterprises.
type FinalProcurement struct {
	Goods    money.Amount `yaml:"goods,omitempty" json:"goods,omitempty"`
	Works    money.Amount `yaml:"works,omitempty" json:"works,omitempty"`
	Services money.Amount `yaml:"services,omitempty" json:"services,omitempty"`
	// ReservedSME and ReservedSmall are the budgets reserved for small and medium
	// and for small and micro enterprises; AwardedSME and AwardedSmall what such
	// suppliers won of them; AwardedOther what small and medium suppliers won of
	// the other purchases.
	ReservedSME   money.Amount `yaml:"reserved_sme,omitempty" json:"reserved_sme,omitempty"`
	ReservedSmall money.Amount `yaml:"reserved_small,omitempty" json:"reserved_small,omitempty"`
	AwardedSME    money.Amount `yaml:"awarded_sme,omitempty" json:"awarded_sme,omitempty"`
	AwardedSmall  money.Amount `yaml:"awarded_small,omitempty" json:"awarded_small,omitempty"`
	AwardedOther  money.Amount `yaml:"awarded_other,omitempty" json:"awarded_other,omitempty"`
	Src           Source       `yaml:"-" json:"-"`
}

// Sum is goods + works + services.
func (p FinalProcurement) Sum() money.Amount { return p.Goods + p.Works + p.Services }

// FinalPerformance counts the projects of the year's 预算绩效管理.
type FinalPerformance struct {
	// Intro is the department's account of its work, printed before the counts.
	Intro           string       `yaml:"intro,omitempty" json:"intro,omitempty"`
	Targets         int          `yaml:"targets,omitempty" json:"targets,omitempty"` // 编报绩效目标的项目
	TargetAmount    money.Amount `yaml:"target_amount,omitempty" json:"target_amount,omitempty"`
	Tracked         int          `yaml:"tracked,omitempty" json:"tracked,omitempty"` // 绩效跟踪评价
	TrackedAmount   money.Amount `yaml:"tracked_amount,omitempty" json:"tracked_amount,omitempty"`
	Evaluated       int          `yaml:"evaluated,omitempty" json:"evaluated,omitempty"` // 绩效自评
	EvaluatedAmount money.Amount `yaml:"evaluated_amount,omitempty" json:"evaluated_amount,omitempty"`
	// Score is the average self-evaluation score as printed (99.43); a score, not money.
	Score     string `yaml:"score,omitempty" json:"score,omitempty"`
	Excellent int    `yaml:"excellent,omitempty" json:"excellent,omitempty"` // 优
	Good      int    `yaml:"good,omitempty" json:"good,omitempty"`           // 良
	Pass      int    `yaml:"pass,omitempty" json:"pass,omitempty"`           // 合格
	Fail      int    `yaml:"fail,omitempty" json:"fail,omitempty"`           // 不合格
	Problems  int    `yaml:"problems,omitempty" json:"problems,omitempty"`   // 发现问题
	Fixed     int    `yaml:"fixed,omitempty" json:"fixed,omitempty"`         // 已经完成整改
	Fixing    int    `yaml:"fixing,omitempty" json:"fixing,omitempty"`       // 正在整改
	Src       Source `yaml:"-" json:"-"`
}

// FinalText are the department's explanations in a 决算's narrative.
type FinalText struct {
	TotalReason     string `yaml:"total_reason,omitempty" json:"total_reason,omitempty"`         // 收入支出总计 against last year
	FiscalReason    string `yaml:"fiscal_reason,omitempty" json:"fiscal_reason,omitempty"`       // 财政拨款收入支出总计 against last year
	GeneralReason   string `yaml:"general_reason,omitempty" json:"general_reason,omitempty"`     // 一般公共预算财政拨款支出 against last year
	ExecutionReason string `yaml:"execution_reason,omitempty" json:"execution_reason,omitempty"` // 决算 against 年初预算, in total
	SanGongReason   string `yaml:"san_gong_reason,omitempty" json:"san_gong_reason,omitempty"`   // 三公 决算 against 预算
	// SanGongLastReason explains the 三公 against last year.
	SanGongLastReason string `yaml:"san_gong_last_reason,omitempty" json:"san_gong_last_reason,omitempty"`
	OfficeCostReason  string `yaml:"office_cost_reason,omitempty" json:"office_cost_reason,omitempty"`
	// Members are further units in the 决算 whose accounts are merged into a listed
	// unit (财政所, 国库收付中心), printed in the 单位构成 list with their notes.
	Members []Member `yaml:"members,omitempty" json:"members,omitempty"`
}

// Member is a unit named in the 部门决算单位构成 that keeps no accounts of its own.
type Member struct {
	Name string `yaml:"name" json:"name"`
	Note string `yaml:"note,omitempty" json:"note,omitempty"`
}

// FinalAmount is the line item's 决算数, zero when it has none.
func (li *LineItem) FinalAmount() money.Amount {
	if li.Final == nil {
		return 0
	}
	return *li.Final
}
