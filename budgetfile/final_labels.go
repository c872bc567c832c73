package budgetfile

import (
	"reflect"

	"yusuan/budget"
)

// The Chinese labels of a 决算's YAML fields (see yamlLabels), kept apart from the
// decoder so that the 决算 model adds to it without touching it.
func init() {
	yamlLabels[reflect.TypeFor[budget.Budget]()]["document"] = "公开文件"
	yamlLabels[reflect.TypeFor[budget.Budget]()]["final"] = "决算"
	yamlLabels[reflect.TypeFor[budget.LineItem]()]["adjusted"] = "调整预算数"
	yamlLabels[reflect.TypeFor[budget.LineItem]()]["final"] = "决算数"
	for t, labels := range map[reflect.Type]map[string]string{
		reflect.TypeFor[budget.Final](): {
			"income": "收入决算", "carry_in": "年初结转和结余", "carry_out": "年末结转和结余", "distribution": "结余分配",
			"use_balance": "使用非财政拨款结余", "san_gong": "三公决算", "last_year": "上年决算数", "procurement": "政府采购决算",
			"performance": "预算绩效管理", "reasons": "决算数变动原因", "text": "决算说明",
		},
		reflect.TypeFor[budget.FinalIncome](): {"unit": "单位编码", "functional": "功能科目", "source": "收入来源", "amount": "金额"},
		reflect.TypeFor[budget.FinalCarry]():  {"unit": "单位编码", "fund": "资金性质", "functional": "功能科目", "amount": "金额"},
		reflect.TypeFor[budget.FinalLastYear](): {
			"total": "上年收入支出总计", "fiscal_total": "上年财政拨款收入支出总计", "general_spending": "上年一般公共预算财政拨款支出",
			"office_cost": "上年机关运行经费", "san_gong": "上年三公决算", "compare_san_gong": "与上年三公比较",
		},
		reflect.TypeFor[budget.FinalProcurement](): {
			"goods": "货物采购", "works": "工程采购", "services": "服务采购", "reserved_sme": "面向中小企业预留",
			"reserved_small": "面向小微企业预留", "awarded_sme": "中小企业中标（预留项目）", "awarded_small": "小微企业中标（预留项目）",
			"awarded_other": "中小企业中标（其他项目）",
		},
		reflect.TypeFor[budget.FinalPerformance](): {
			"intro": "绩效管理工作情况", "targets": "编报绩效目标的项目", "target_amount": "编报绩效目标的金额", "tracked": "绩效跟踪评价的项目",
			"tracked_amount": "绩效跟踪评价的金额", "evaluated": "绩效自评的项目", "evaluated_amount": "绩效自评的金额", "score": "平均得分",
			"excellent": "评级为优", "good": "评级为良", "pass": "评级为合格", "fail": "评级为不合格", "problems": "发现问题",
			"fixed": "已完成整改", "fixing": "正在整改",
		},
		reflect.TypeFor[budget.FinalText](): {
			"total_reason": "收入支出总计变动原因", "fiscal_reason": "财政拨款收入支出总计变动原因", "general_reason": "一般公共预算财政拨款支出变动原因",
			"execution_reason": "决算数与年初预算差异原因", "san_gong_reason": "三公决算与预算差异原因", "san_gong_last_reason": "三公与上年比较说明",
			"office_cost_reason": "机关运行经费变动原因", "members": "决算单位构成",
		},
		reflect.TypeFor[budget.Member](): {"name": "单位名称", "note": "备注"},
	} {
		yamlLabels[t] = labels
	}
}
