package budgetfile

import (
	"strconv"

	"yusuan/budget"
	"yusuan/money"
)

// The workbook layout, shared by the reader, the writer and the template so that the
// three cannot drift apart. Column labels are the field labels budget.Validate uses.

// cellKind says how a column's cells are written and read.
type cellKind int

const (
	kText      cellKind = iota // free text
	kCode                      // a code, kept as text so leading zeros survive
	kClassCode                 // a classification code, optionally followed by its name
	kAmount                    // 元 with up to 2 decimals
	kInt                       // a whole number
	kBool                      // 是 / 否
)

type column struct {
	label string
	kind  cellKind
	width float64
	help  string   // the header cell's comment
	list  []string // drop-down values
	// listName is the defined name of a drop-down list kept on the hidden 科目表 sheet.
	listName string
	optional bool // the header may be missing; the field is then empty
	wrap     bool // long text: wrapped cells
}

// kvKey is one row of a key/value sheet (部门, 上年数, 资产, 部门文字).
type kvKey struct {
	label string
	kind  cellKind
	help  string
	list  bool // may repeat: one paragraph per row
}

type sheetSpec struct {
	name     string
	about    string // what the sheet holds, for the 说明 sheet
	required bool
	cols     []column
	keys     []kvKey // set for key/value sheets, whose cols are 项目, the value and 说明
	// example rows in the template, one []string per row in column order.
	examples [][]string
}

// The sheet names.
const (
	shHelp        = "说明"
	shDept        = "部门"
	shUnits       = "单位"
	shProjects    = "项目"
	shProjectDesc = "项目说明"
	shItems       = "支出明细"
	shProcurement = "政府采购"
	shCarryNext   = "结转下年"
	shLastYear    = "上年数"
	shSanGong     = "上年三公"
	shUnitLast    = "单位上年数"
	shAssets      = "资产"
	shUnitAssets  = "单位资产"
	shTasks       = "绩效任务"
	shIndicators  = "绩效指标"
	shGoals       = "总体目标"
	shText        = "部门文字"
	shUnitText    = "单位文字"
	shFuncNotes   = "功能科目说明"
	shGlossary    = "名词解释"
	shCodes       = "科目表"
)

// exampleMark starts the first cell of a template example row; such rows are skipped
// on reading, so an untouched template reads as an empty budget and no example
// amount can slip into a published document.
const exampleMark = "【示例】"

// Defined names of the drop-down lists on the hidden 科目表 sheet.
const (
	listFunctional = "FunctionalCodes"
	listEconomic   = "EconomicCodes"
)

// Key/value sheet columns.
const (
	kvKeyLabel  = "项目"
	kvNoteLabel = "说明"
)

// Keys of the 部门 sheet.
const (
	keyProfile = "配置"
	keyFormat  = "公开格式"
	keyYear    = "预算年度"
	keyCode    = "部门编码"
	keyName    = "部门名称"
	keyTitle   = "公开名称"
	keyRegion  = "地区"
)

// keyAlsoAbsent is the 部门文字 key of Text.AlsoAbsent.
const keyAlsoAbsent = "其他无预算的支出"

// The 项目 of the 单位文字 sheet: which of a unit's own texts a row adds a paragraph to.
const (
	unitDuties       = "职能"
	unitOrganisation = "机构设置"
)

// unitText is one 单位文字 项目 and the unit's paragraphs of it.
type unitText struct {
	label string
	lines *[]string
}

// unitTexts lists the 单位文字 项目 of u in sheet order.
func unitTexts(u *budget.Unit) []unitText {
	return []unitText{{unitDuties, &u.Duties}, {unitOrganisation, &u.Organisation}}
}

// Keys of the 上年数 sheet. The first three every format compares with; the fiscal
// figures only some formats (Shanghai) print, so they may stay empty.
const (
	keyLastIncome       = "上年收入"
	keyLastExpenditure  = "上年支出"
	keyLastOfficeCost   = "上年机关运行经费"
	keyLastFiscalIncome = "上年财政拨款收入（执行数）"
	keyLastFiscalSpend  = "上年财政拨款支出"
	keyLastGeneral      = "上年一般公共预算支出"
	keyLastGovFund      = "上年政府性基金支出"
	keyLastStateCapital = "上年国有资本经营支出"
)

// lastYearAmount is one amount of the 上年数 sheet and the field it fills. Optional
// amounts are written empty when zero, as their YAML fields are left out.
type lastYearAmount struct {
	key      string
	a        *money.Amount
	optional bool
}

// fiscalAmounts lists last year's fiscal figures, which the department's
// LastYear and a unit's UnitLastYear both hold, in the order both sheets print
// them: 财政拨款收入, 财政拨款支出 and its three funds. Only some formats compare
// with them, so they are optional.
func fiscalAmounts(income, spending, general, govFund, stateCapital *money.Amount) []lastYearAmount {
	return []lastYearAmount{
		{keyLastFiscalIncome, income, true},
		{keyLastFiscalSpend, spending, true},
		{keyLastGeneral, general, true},
		{keyLastGovFund, govFund, true},
		{keyLastStateCapital, stateCapital, true},
	}
}

// lastYearAmounts lists the amounts of the 上年数 sheet in sheet order.
func lastYearAmounts(ly *budget.LastYear) []lastYearAmount {
	return append([]lastYearAmount{
		{keyLastIncome, &ly.Income, false},
		{keyLastExpenditure, &ly.Expenditure, false},
		{keyLastOfficeCost, &ly.OfficeCost, false},
	}, fiscalAmounts(&ly.FiscalIncome, &ly.FiscalSpending, &ly.GeneralSpending, &ly.GovFundSpending, &ly.StateCapitalSpending)...)
}

// unitLastYearAmounts lists the columns of the 单位上年数 sheet after 单位编码, in
// sheet order; they are named as the 上年数 keys of the same figures.
func unitLastYearAmounts(ly *budget.UnitLastYear) []lastYearAmount {
	return append(fiscalAmounts(&ly.FiscalIncome, &ly.FiscalSpending, &ly.GeneralSpending, &ly.GovFundSpending, &ly.StateCapitalSpending),
		lastYearAmount{keyLastOfficeCost, &ly.OfficeCost, true})
}

// lastYearKeys are the keys of the 上年数 sheet, lastYearAmounts with their help.
func lastYearKeys() []kvKey {
	help := map[string]string{
		keyLastIncome:       "上年部门预算收入合计（元）。",
		keyLastExpenditure:  "上年部门预算支出合计（元）。",
		keyLastOfficeCost:   "上年机关运行经费预算（元）。",
		keyLastFiscalIncome: "上年财政拨款收入的预算执行数（元）。公开格式不比较时可不填。",
		keyLastFiscalSpend:  "上年财政拨款支出合计（元），等于下面三项之和。公开格式不比较时可不填。",
		keyLastGeneral:      "上年财政拨款支出中的一般公共预算支出（元）。",
		keyLastGovFund:      "上年财政拨款支出中的政府性基金预算支出（元）。",
		keyLastStateCapital: "上年财政拨款支出中的国有资本经营预算支出（元）。",
	}
	var keys []kvKey
	for _, f := range lastYearAmounts(&budget.LastYear{}) {
		keys = append(keys, kvKey{label: f.key, kind: kAmount, help: help[f.key]})
	}
	return keys
}

// unitLastYearCols are the columns of the 单位上年数 sheet.
func unitLastYearCols() []column {
	cols := []column{{label: "单位编码", kind: kCode, width: 14, help: helpUnitRef + "每个单位一行。"}}
	help := map[string]string{
		keyLastFiscalIncome: "本单位上年财政拨款收入的预算执行数（元）。",
		keyLastFiscalSpend:  "本单位上年财政拨款支出合计（元），等于后三列之和。",
		keyLastGeneral:      "其中一般公共预算支出（元）。",
		keyLastGovFund:      "其中政府性基金预算支出（元）。",
		keyLastStateCapital: "其中国有资本经营预算支出（元）。",
		keyLastOfficeCost:   "本单位上年机关运行经费预算（元）。",
	}
	for _, f := range unitLastYearAmounts(&budget.UnitLastYear{}) {
		cols = append(cols, column{label: f.key, kind: kAmount, width: 18, optional: true, help: help[f.key] + "空白视为 0。"})
	}
	return cols
}

// Keys of the 资产 sheet besides the vehicle types. A planned purchase of one type is
// the key keyPlannedPrefix followed by the type, e.g. 计划购置：机要通信用车.
const (
	keyAsOf             = "统计截止日期"
	keyEquipment        = "单价100万元以上设备"
	keyPlannedVehicles  = "计划购置车辆"
	keyPlannedPrefix    = "计划购置："
	keyPlannedEquipment = "计划新增设备"
)

var (
	yesNo       = []string{"是", "否"}
	fiscalFunds = strs(budget.FiscalFunds)
	allFunds    = strs(budget.FundTypes)
	unitKinds   = strs(budget.UnitKinds)
	spendKinds  = strs(budget.SpendKinds)
	procCats    = strs(budget.ProcurementCategories)
)

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

const (
	helpUnitRef = "预算单位的编码，须在“单位”表中。按文本填写，保留开头的 0。"
	helpAmount  = "以元为单位的数字，最多两位小数（到分）。不要写“元”“万元”，不要用公式。"
	helpClassif = "涉密单位或项目填“是”，不在公开文件中出现；空白视为“否”。"
)

var sheets = []sheetSpec{
	{name: shDept, required: true, about: "部门基本信息：公开格式、预算年度、部门编码和名称。",
		cols: kvCols("内容", 40), keys: []kvKey{
			{label: keyProfile, kind: kText, help: "公开文件的格式（地区模板），如 shenzhen（深圳）。"},
			{label: keyYear, kind: kInt, help: "四位年份，如 2025。"},
			{label: keyCode, kind: kCode, help: "主管部门编码，按文本填写，可不填。"},
			{label: keyName, kind: kText, help: "主管部门全称，如 深圳市龙岗区某某局。"},
			{label: keyTitle, kind: kText, help: "公开文件使用的名称，与部门名称相同时可不填。"},
			{label: keyRegion, kind: kText, help: "行政区域，如 深圳市龙岗区。"},
			{label: keyFormat, kind: kText, help: "公开格式的编号，如 shenzhen-2024；一般不填，按预算年度选用该年的格式（深圳：2025 年及以前 shenzhen-2024，2026 年起 shenzhen-2026）。"},
		}},
	{name: shUnits, required: true, about: "本部门的预算单位，每个单位一行（含本级）。",
		cols: []column{
			{label: "单位编码", kind: kCode, width: 14, help: "预算单位编码，按文本填写，保留开头的 0，不能重复。"},
			{label: "单位名称", width: 36, help: "预算单位全称。"},
			{label: "单位类型", width: 26, list: unitKinds, help: "从下拉列表选择；行政单位和参公单位统计机关运行经费。"},
			{label: "是否涉密", kind: kBool, width: 10, list: yesNo, optional: true, help: helpClassif},
		},
		examples: [][]string{{exampleMark + "001001", "某某局本级", string(budget.Administrative), "否"}}},
	{name: shProjects, about: "项目支出的项目，每个项目一行。",
		cols: []column{
			{label: "项目编码", kind: kCode, width: 16, help: "项目编码，按文本填写，不能重复。“支出明细”中的项目支出引用此编码。"},
			{label: "单位编码", kind: kCode, width: 14, help: helpUnitRef},
			{label: "项目名称", width: 30, help: "项目名称。"},
			{label: "项目类别", width: 12, optional: true, help: "如 通用项目、专项项目，可不填；公开时写在项目名称后的括号里。"},
			{label: "项目用途", width: 40, optional: true, wrap: true, help: "项目做什么，公开文件“支出具体情况”引用。"},
			{label: "绩效目标", width: 40, optional: true, wrap: true, help: "项目的绩效目标。"},
			{label: "上年年初预算", kind: kAmount, width: 16, optional: true, help: "上年年初预算数（元）。新增项目留空；上年有此项目但预算为 0 的填 0。"},
			{label: "变动原因", width: 30, optional: true, wrap: true, help: "与上年年初预算相比增减的原因。"},
			{label: "是否涉密", kind: kBool, width: 10, list: yesNo, optional: true, help: helpClassif},
		},
		examples: [][]string{{exampleMark + "P001", "001001", "信息化运维", "通用项目", "保障政务网络和系统运行", "系统可用率不低于99%", "100000", "新增系统运维", "否"}}},
	{name: shProjectDesc, about: "项目经费情况说明（上海等格式逐个项目公开）：每个项目一行；立项依据有几条，就再加几行，只填项目编码和立项依据。",
		cols: []column{
			{label: "项目编码", kind: kCode, width: 16, help: "须在“项目”表中。立项依据有多条时，下一行再填同一项目编码（或留空，表示同上），只填“立项依据”一列。"},
			{label: "项目概述", width: 40, optional: true, wrap: true, help: "项目做什么、为什么做。"},
			{label: "立项依据", width: 40, optional: true, wrap: true, help: "每行一条依据（文件、规划、会议纪要等）；多条时每条占一行，按公开顺序排列。"},
			{label: "实施主体", width: 20, optional: true, help: "负责实施的单位或内设机构。"},
			{label: "实施方案", width: 40, optional: true, wrap: true, help: "怎样实施：方式、步骤、采购安排等。"},
			{label: "实施周期", width: 16, optional: true, help: "如 2025年1月至12月、长期。"},
			{label: "年度预算安排", width: 40, optional: true, wrap: true, help: "本年预算的构成，公开时写在“其中：”之后，如 系统运维 8 万元，等级保护测评 2 万元。"},
		},
		examples: [][]string{
			{exampleMark + "P001", "保障政务网络和业务系统稳定运行。", "《某某市政务信息系统运维管理办法》", "某某局本级", "通过政府采购选定运维服务商，按季度考核。", "2025年1月至12月", "系统运维 8 万元，等级保护测评 2 万元。"},
			{exampleMark + "P001", "", "《关于加强政务信息系统安全保障工作的通知》"},
		}},
	{name: shItems, required: true, about: "支出明细：每行一笔批复金额，写明单位、科目、支出类型、项目和资金性质。",
		cols: []column{
			{label: "单位编码", kind: kCode, width: 14, help: helpUnitRef},
			{label: "功能科目", kind: kClassCode, width: 34, listName: listFunctional, help: "支出功能分类 7 位“项”级编码。可从下拉列表选择“编码 名称”，程序只读编码；也可只填编码。"},
			{label: "经济科目", kind: kClassCode, width: 30, listName: listEconomic, help: "部门预算支出经济分类 5 位“款”级编码。可从下拉列表选择“编码 名称”，程序只读编码；也可只填编码。"},
			{label: "政府经济科目", kind: kCode, width: 14, optional: true, help: "政府预算支出经济分类 5 位编码（以 5 开头），可不填。"},
			{label: "支出类型", width: 12, list: spendKinds, help: "人员经费、公用经费（合称基本支出）或项目支出；事业单位用自有资金安排的事业单位经营支出、对附属单位补助支出、上缴上级支出。人员经费只用 301、303 类经济科目。"},
			{label: "项目编码", kind: kCode, width: 16, optional: true, help: "支出类型为“项目支出”时必填，须在“项目”表中；基本支出不填。"},
			{label: "资金性质", width: 18, list: allFunds, help: "从下拉列表选择资金来源。"},
			{label: "结转来源", width: 14, list: fiscalFunds, optional: true, help: "仅资金性质为“上年结转”时填写：结转资金原来的资金性质；空白视为一般公共预算。"},
			{label: "金额", kind: kAmount, width: 18, help: helpAmount},
			{label: "增人增资", kind: kBool, width: 10, list: yesNo, optional: true, help: "人员经费中为预算执行中增人、晋级增资等预留的部分填“是”（2026 年起的深圳格式在“支出具体情况”中单独列示）；空白视为“否”。"},
		},
		examples: [][]string{
			{exampleMark + "001001", "2010301", "30101", "50101", string(budget.Personnel), "", string(budget.GeneralPublic), "", "552000"},
			{exampleMark + "001001", "2010301", "30201", "50201", string(budget.Public), "", string(budget.GeneralPublic), "", "48000.50"},
			{exampleMark + "001001", "2010350", "30227", "", string(budget.ProjectSp), "P001", string(budget.GeneralPublic), "", "100000"},
		}},
	{name: shProcurement, about: "政府采购预算，每个采购品目一行。",
		cols: []column{
			{label: "单位编码", kind: kCode, width: 14, help: helpUnitRef},
			{label: "项目编码", kind: kCode, width: 16, optional: true, help: "属于项目的采购填项目编码，可不填。"},
			{label: "采购品目", width: 30, help: "采购的货物、工程或服务名称。"},
			{label: "采购类别", width: 10, list: procCats, help: "货物、工程或服务。"},
			{label: "金额", kind: kAmount, width: 18, help: helpAmount},
			{label: "功能科目", kind: kClassCode, width: 34, listName: listFunctional, optional: true, help: "采购资金所在的功能分类 7 位“项”级编码（2026 年起的深圳格式在支出总表中按科目列示采购），须是本单位有支出的科目；可不填。"},
			{label: "预留给中小企业", kind: kAmount, width: 18, optional: true, help: "采购金额中预留给中小企业的部分（元），不超过采购金额；空白视为 0。"},
			{label: "其中预留给小型、微型企业", kind: kAmount, width: 22, optional: true, help: "预留给中小企业的金额中，再预留给小型、微型企业的部分（元）；空白视为 0。"},
		},
		examples: [][]string{{exampleMark + "001001", "P001", "服务器", string(budget.Goods), "30000", "2010301", "30000", "10000"}}},
	{name: shCarryNext, about: "结转下年：预算中计划结转到下一年使用的资金，按单位和资金性质各一行；没有可不填。",
		cols: []column{
			{label: "单位编码", kind: kCode, width: 14, help: helpUnitRef},
			{label: "资金性质", width: 18, list: allFunds, help: "结转资金的资金性质，不能是“上年结转”。"},
			{label: "金额", kind: kAmount, width: 18, help: helpAmount},
		},
		examples: [][]string{{exampleMark + "001001", string(budget.GeneralPublic), "10000"}}},
	{name: shLastYear, about: "上年部门预算的收入、支出和机关运行经费，以及上年财政拨款收支（部分格式比较），用于与本年比较。",
		cols: kvCols("金额", 18), keys: lastYearKeys()},
	sanGongSheet(shSanGong, "上年“三公”经费预算，按单位和资金性质各一行，用于与本年比较。"),
	{name: shUnitLast, about: "单位自己的上年财政拨款收支和机关运行经费（上海等格式为每个单位公开单位预算时比较）：每个单位一行；不填的单位，部门只有这一个单位时沿用“" + shLastYear + "”，否则单位预算不作比较。",
		cols:     unitLastYearCols(),
		examples: [][]string{{exampleMark + "001001", "1000000", "1000000", "1000000", "0", "0", "200000"}}},
	{name: shAssets, about: "国有资产占用情况（统计截止日期的车辆数、单价 100 万元以上设备）和本年购置计划（可按车辆类型分列）。",
		cols: kvCols("数量", 12), keys: assetKeys()},
	{name: shUnitAssets, about: "单位自己的国有资产占用情况和购置计划（上海等格式为每个单位公开单位预算时使用）：每个单位若干行，项目与“" + shAssets + "”表相同；不填的单位，部门只有这一个单位时沿用“" + shAssets + "”，否则单位预算不写国有资产。",
		cols: []column{
			{label: "单位编码", kind: kCode, width: 14, help: helpUnitRef + "一个单位占几行；留空表示同上。"},
			{label: "项目", width: 28, list: assetKeyLabels(), help: "与“" + shAssets + "”表的项目相同：统计截止日期、车辆类型、设备和购置计划。同一单位每个项目只填一行。"},
			{label: "数量", width: 16, help: "车辆数（辆）或设备数（台（套）），填整数；统计截止日期按文字填写，如 2024年8月31日。"},
		},
		examples: [][]string{
			{exampleMark + "001001", "执法执勤用车", "2"},
			{exampleMark + "001001", keyEquipment, "0"},
		}},
	{name: shTasks, about: "整体支出绩效目标的年度主要任务。",
		cols: []column{
			{label: "任务名称", width: 20, help: "任务名称。"},
			{label: "主要内容", width: 50, wrap: true, help: "任务的主要内容。"},
			{label: "财政拨款", kind: kAmount, width: 18, help: helpAmount + "空白视为 0。"},
			{label: "其他资金", kind: kAmount, width: 18, help: helpAmount + "空白视为 0。"},
		},
		examples: [][]string{
			{exampleMark + "履职保障", "保障机关正常运转", "600000.50", "0"},
			{exampleMark + "信息化", "运维政务系统", "100000", "0"},
		}},
	{name: shIndicators, about: "整体支出绩效指标：一级、二级、三级指标和目标值。",
		cols: []column{
			{label: "一级指标", width: 14, help: "如 产出指标、效益指标、满意度指标。"},
			{label: "二级指标", width: 16, help: "如 数量指标、质量指标、时效指标。"},
			{label: "三级指标", width: 30, help: "具体指标名称。"},
			{label: "目标值", width: 20, help: "如 ≥90%、2 个。"},
		},
		examples: [][]string{{exampleMark + "产出指标", "数量指标", "运维系统数", "2 个"}}},
	{name: shGoals, about: "整体支出绩效的总体目标，每段一行。",
		cols:     []column{{label: "总体目标", width: 100, wrap: true, help: "每行一段。"}},
		examples: [][]string{{exampleMark + "全面完成年度工作任务。"}}},
	{name: shText, about: "部门自己撰写的文字；不填的项目使用公开格式的默认措辞。",
		cols: kvCols("内容", 80), keys: []kvKey{
			{label: "部门职责", list: true, help: "每行一段；需要多段时再加一行，A 列同样写“部门职责”。"},
			{label: "机构设置", list: true, help: "每行一段。"},
			{label: "主要工作目标", list: true, help: "每行一条。"},
			{label: "收支增减原因", help: "本年收支与上年相比增减的原因。"},
			{label: "人员经费说明", help: "写在人员经费金额之后的说明。"},
			{label: "公用经费说明", help: "写在公用经费金额之后的说明。"},
			{label: "对个人和家庭的补助说明", help: "写在对个人和家庭的补助金额之后的说明。"},
			{label: "三公经费增减原因", help: "“三公”经费合计增减的原因。"},
			{label: "因公出国（境）费增减原因", help: "因公出国（境）费与上年相比增减的原因。"},
			{label: "公务接待费增减原因", help: "公务接待费与上年相比增减的原因。"},
			{label: "公务用车购置费增减原因", help: "公务用车购置费与上年相比增减的原因。"},
			{label: "公务用车运行维护费增减原因", help: "公务用车运行维护费与上年相比增减的原因。"},
			{label: "机关运行经费变动原因", help: "机关运行经费与上年相比变动的原因。"},
			{label: keyAlsoAbsent, list: true, help: "本部门没有、需在“无……预算”一句中另外写出的支出，如 上级专项转移支付支出；每行一项。"},
		}},
	{name: shUnitText, about: "单位自己撰写的职能和机构设置（上海等格式为每个单位公开单位预算时使用）：每段一行；不填的单位沿用“" + shText + "”中的部门职责和机构设置。",
		cols: []column{
			{label: "单位编码", kind: kCode, width: 14, help: helpUnitRef + "一个单位有几段文字就占几行；留空表示同上。"},
			{label: "项目", width: 12, list: []string{unitDuties, unitOrganisation}, help: "职能或机构设置；留空表示同上。同一项目的各段按行的先后排列。"},
			{label: "内容", width: 80, wrap: true, help: "每行一段。单元格内换行（Alt+Enter）保留为同一段内的换行。"},
		},
		examples: [][]string{{exampleMark + "001001", unitDuties, "负责本单位职责范围内的某某工作。"}}},
	{name: shFuncNotes, about: "财政拨款支出主要内容：按功能分类科目说明每笔支出用于什么，每个科目一行。",
		cols: []column{
			{label: "功能科目", kind: kClassCode, width: 34, listName: listFunctional, help: "支出功能分类科目编码（通常为 7 位“项”级），每个科目只填一行。可从下拉列表选择“编码 名称”，程序只读编码。"},
			{label: "用途说明", width: 80, wrap: true, help: "该科目的财政拨款支出主要用于什么，如 用于保障机关正常运转的基本支出。"},
		},
		examples: [][]string{{exampleMark + "2010301 行政运行", "用于保障机关正常运转、完成日常工作任务的基本支出。"}}},
	{name: shGlossary, about: "名词解释；填写后替换公开格式的默认名词解释。",
		cols: []column{
			{label: "名词", width: 20, help: "名词。"},
			{label: "解释", width: 80, wrap: true, help: "通俗的解释。"},
		},
		examples: [][]string{{exampleMark + "基本支出", "保障机构正常运转、完成日常工作任务的支出。"}}},
}

// sanGongSheet is a sheet of 三公 amounts by unit and fiscal fund, one budget.SanGongLine
// a row: 上年三公 in a 预算, 三公决算 and 上年三公决算 in a 决算.
func sanGongSheet(name, about string) sheetSpec {
	return sheetSpec{name: name, about: about, cols: []column{
		{label: "单位编码", kind: kCode, width: 14, help: helpUnitRef},
		{label: "资金性质", width: 16, list: fiscalFunds, help: "一般公共预算、政府性基金或国有资本经营。"},
		{label: "因公出国（境）费", kind: kAmount, width: 18, help: helpAmount + "空白视为 0。"},
		{label: "公务接待费", kind: kAmount, width: 16, help: helpAmount + "空白视为 0。"},
		{label: "公务用车购置费", kind: kAmount, width: 16, help: helpAmount + "空白视为 0。"},
		{label: "公务用车运行维护费", kind: kAmount, width: 20, help: helpAmount + "空白视为 0。"},
	}, examples: [][]string{{exampleMark + "001001", string(budget.GeneralPublic), "0", "2000", "0", "30000"}}}
}

func kvCols(value string, width float64) []column {
	return []column{
		{label: kvKeyLabel, width: 28, help: "填写的项目，请勿修改。"},
		{label: value, width: width, wrap: width > 30, help: "在此列填写。"},
		{label: kvNoteLabel, width: 50, optional: true, wrap: true, help: "填写说明，读取时忽略。"},
	}
}

const (
	helpVehicles = "统计截止日期的车辆数（辆）；没有此类车辆填 0 或留空。"
	helpPlanned  = "本年计划购置此类车辆数（辆）；各类相加应等于“计划购置车辆”。不按类型公开时全部留空。"
)

// assetKeys lists the 资产 sheet: the date, the vehicles by type, the equipment, and
// the plans, with the planned vehicles by type after their total.
func assetKeys() []kvKey {
	keys := []kvKey{{label: keyAsOf, kind: kText, help: "车辆和设备数的统计日期，如 2024年8月31日；留空表示上年末（12月31日）。请按文字填写。"}}
	for _, t := range budget.VehicleTypes {
		keys = append(keys, kvKey{label: t, kind: kInt, help: helpVehicles})
	}
	keys = append(keys,
		kvKey{label: keyEquipment, kind: kInt, help: "统计截止日期的单价 100 万元以上设备数，台（套）。"},
		kvKey{label: keyPlannedVehicles, kind: kInt, help: "本年计划购置车辆数（辆）。"},
	)
	for _, t := range budget.VehicleTypes {
		keys = append(keys, kvKey{label: keyPlannedPrefix + t, kind: kInt, help: helpPlanned})
	}
	return append(keys, kvKey{label: keyPlannedEquipment, kind: kInt, help: "本年计划新增单价 100 万元以上设备数，台（套）。"})
}

// assetKeyLabels lists the 项目 of the 资产 and 单位资产 sheets.
func assetKeyLabels() []string {
	var out []string
	for _, k := range assetKeys() {
		out = append(out, k.label)
	}
	return out
}

// assetRows lists a unit's assets as 项目 and 数量 in sheet order: the date when given,
// the vehicles and planned types as they are, and the equipment and plans always, so
// that assets with nothing in them still read back as given.
func assetRows(a *budget.Assets) [][2]string {
	var out [][2]string
	if a.AsOf != "" {
		out = append(out, [2]string{keyAsOf, a.AsOf})
	}
	for _, v := range a.Vehicles {
		out = append(out, [2]string{v.Type, strconv.Itoa(v.Count)})
	}
	out = append(out, [2]string{keyEquipment, strconv.Itoa(a.Equipment)}, [2]string{keyPlannedVehicles, strconv.Itoa(a.PlannedVehicles)})
	for _, v := range a.PlannedTypes {
		out = append(out, [2]string{keyPlannedPrefix + v.Type, strconv.Itoa(v.Count)})
	}
	return append(out, [2]string{keyPlannedEquipment, strconv.Itoa(a.PlannedEquipment)})
}

func sheetByName(name string) *sheetSpec {
	for i := range sheets {
		if sheets[i].name == name {
			return &sheets[i]
		}
	}
	return nil
}

func (s *sheetSpec) col(label string) *column {
	for i := range s.cols {
		if s.cols[i].label == label {
			return &s.cols[i]
		}
	}
	return nil
}

func (s *sheetSpec) key(label string) *kvKey {
	for i := range s.keys {
		if s.keys[i].label == label {
			return &s.keys[i]
		}
	}
	return nil
}
