package check

// UnverifiedClass is a kind of number a budget document prints that no rule can
// verify, because no table, sum or stated change of the document gives it. The
// mutation tests leave these numbers alone, and only these (reader's
// TestCorpusMutations); the rules page lists them so that a reader knows what a
// clean report does not vouch for.
type UnverifiedClass struct {
	ID      string `json:"id"`
	What    string `json:"what"`
	Example string `json:"example"`
}

// unverified lists the classes, narrowest first.
var unverified = []UnverifiedClass{
	{"dates", "年份、日期", "2026年、截至2025年10月、2025-2026年度"},
	{"numbering", "页码、序号、部分编号", "- 3 -、1.社工服务项目、（一）、（1）项目概述"},
	{"staff", "内设机构数、人数", "下设5个处（室）、内设处室18个、社工23名"},
	{"targets", "重点项目表、项目绩效目标表中的绩效指标值", "24小时在岗、冲突事件2起/年、达标率100%、设备完好率≥96%、发行量720000册"},
	{"weights", "项目绩效目标表中各指标的分值（尚无规则核对其合计）", "设备完好率 ≥96% 8、指标值（90）、执行率（10）"},
	{"threshold", "“单价100万元以上”的门槛及此类设备台数", "单价100万元以上设备0台（套）、单位价值100万元以上设备"},
	{"plans", "表格不反映的购置计划", "2026年计划购置车辆0辆、0万元"},
	{"assets", "资产占有情况（表格不反映）", "固定资产金额91,973.02万元、房屋70,193.21平方米、车辆0辆（未分类别时）"},
	{"sub_parts", "项目某一部分中再分出的金额（表格不细分）", "大厅律师服务支出120万元（含结转2025年采购经费6.9万元）"},
	{"scores", "绩效评价的得分、评级和问题个数（决算）", "平均得分99.43分、绩效评级为“优”的项目4个、自评分数96.53"},
	{"performance_money", "绩效目标、评价所涉及的预算金额（表格不反映）", "编报绩效目标的项目4个，涉及预算金额598.42万元"},
	{"sme", "政府采购中面向中小企业、小微企业的预留和成交金额（表格不反映）", "面向中小企业预留政府采购项目预算金额246.47万元"},
}

// Unverified returns the kinds of printed numbers no rule verifies.
func Unverified() []UnverifiedClass { return append([]UnverifiedClass(nil), unverified...) }
