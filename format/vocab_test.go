package format

import (
	"testing"

	"yusuan/disclosure"
)

func TestMeaning(t *testing.T) {
	d := disclosure.SummaryTable
	for _, c := range []struct {
		kind disclosure.TableKind
		path []string
		key  string
		col  disclosure.ColumnKind
	}{
		{d, []string{"收 入", "项 目"}, "income_item", disclosure.TextCol},
		{d, []string{"收 入", "2026 年预算数"}, "income", disclosure.AmountCol},
		{d, []string{"支 出", "项 目"}, "spending_item", disclosure.TextCol},
		{d, []string{"支出", "功能分类", "金额"}, "spending", disclosure.AmountCol},
		{d, []string{"支出", "人员经费"}, "personnel", disclosure.AmountCol},
		{disclosure.FiscalSummaryTable, []string{"支出", "一般公共预算"}, "general", disclosure.AmountCol},
		{disclosure.IncomeTable, []string{"预算单位"}, "unit", disclosure.TextCol},
		{disclosure.IncomeTable, []string{"收入总计"}, "total", disclosure.AmountCol},
		{disclosure.IncomeTable, []string{"本年收入", "财政拨款", "一般公共预算拨款"}, "general", disclosure.AmountCol},
		{disclosure.IncomeTable, []string{"本年收入", "财政拨款", "国有资本经营预算拨款"}, "state_capital", disclosure.AmountCol},
		{disclosure.IncomeTable, []string{"本年收入", "财政专户管理资金"}, "special", disclosure.AmountCol},
		{disclosure.IncomeTable, []string{"本年收入", "单位资金", "事业单位经营收入"}, "operating", disclosure.AmountCol},
		{disclosure.IncomeTable, []string{"上年结余、结转"}, "carry", disclosure.AmountCol},
		{disclosure.IncomeTable, []string{"上年结转结余", "一般公共预算"}, "carry.general", disclosure.AmountCol},
		{disclosure.IncomeTable, []string{"上年结转结余", "小计"}, "carry", disclosure.AmountCol},
		{disclosure.IncomeTable, []string{"本年收入", "小计"}, "this_year", disclosure.AmountCol},
		{disclosure.IncomeTable, []string{"事业收入", "金额"}, "business", disclosure.AmountCol},
		{disclosure.SpendingTable, []string{"科目编码"}, "code", disclosure.CodeCol},
		{disclosure.SpendingTable, []string{"功能分类科目", "科目编码"}, "code", disclosure.CodeCol},
		{disclosure.SpendingTable, []string{"功能分类科目", "科目名称"}, "name", disclosure.TextCol},
		{disclosure.SpendingTable, []string{"2026年政府采购项目", "小计"}, "procurement", disclosure.AmountCol},
		{disclosure.SpendingTable, []string{"2026年政府采购项目", "其中：2026 年政府采购项目中预留给中小企业的项目资金规模"}, "procurement_sme", disclosure.AmountCol},
		{disclosure.SpendingTable, []string{"2026年政府采购项目", "其中：2026 年政府采购项目中预留给小型、微型企业的项目资金规模"}, "procurement_micro", disclosure.AmountCol},
		{disclosure.SpendingTable, []string{"事业单位经营支出"}, "operating_spending", disclosure.AmountCol},
		{disclosure.SpendingTable, []string{"基本支出", "小计"}, "basic", disclosure.AmountCol},
		{disclosure.SpendingTable, []string{"基本支出", "日常公用支出"}, "public", disclosure.AmountCol},
		{disclosure.SanGongTable, []string{"总计", "一般公共预算"}, "total.general", disclosure.AmountCol},
		{disclosure.SanGongTable, []string{"因公出国(境)费", "政府性基金预算"}, "abroad.gov_fund", disclosure.AmountCol},
		{disclosure.SanGongTable, []string{"公务用车购置及运行维护费", "小计", "一般公共预算"}, "car.general", disclosure.AmountCol},
		{disclosure.SanGongTable, []string{"公务用车购置及运行维护费", "公务用车运行维护费", "国有资本经营预算"}, "car_running.state_capital", disclosure.AmountCol},
		{disclosure.SanGongTable, []string{"2026 年预算数", "合计"}, "total", disclosure.AmountCol},
		{disclosure.SanGongTable, []string{"2026 年预算数", "公务用车购置及运行费", "小计"}, "car", disclosure.AmountCol},
		{disclosure.SanGongTable, []string{"年度"}, "year", disclosure.TextCol},
		{disclosure.GPFunctionalTable, []string{"2025 年执行数"}, "last.exec", disclosure.AmountCol},
		{disclosure.GPFunctionalTable, []string{"2026 年预算数", "年初预算数", "小计"}, "total", disclosure.AmountCol},
		{disclosure.GPFunctionalTable, []string{"2026年预算数比2025年执行数", "增减额"}, "change", disclosure.AmountCol},
		{disclosure.GPFunctionalTable, []string{"2026年预算数比2025年执行数", "增减(%)"}, "change_pct", disclosure.AmountCol},
		{disclosure.ProjectTable, []string{"项目名称"}, "project", disclosure.TextCol},
		{disclosure.SpendingTable, []string{"不知道的列"}, "", ""},
	} {
		key, col := Meaning(c.kind, c.path, 2026)
		if key != c.key || col != c.col {
			t.Errorf("%s %q: got %q %q, want %q %q", c.kind, c.path, key, col, c.key, c.col)
		}
	}
}

func TestMatchTable(t *testing.T) {
	g := Generic()
	for _, c := range []struct {
		printed string
		kind    disclosure.TableKind
	}{
		{"收支总表", disclosure.SummaryTable},
		{"表1：2026年市级部门收支预算总表", disclosure.SummaryTable},
		{"2026年市级部门财政拨款收支预算总表", disclosure.FiscalSummaryTable},
		{"一般公共预算支出表（按经济分类）", disclosure.GPEconomicTable},
		{"一般公共预算基本支出情况表（按经济分类科目）", disclosure.GPBasicTable},
		{"一般公共预算基本支出表", disclosure.GPBasicTable},
		{"预算01表 收支总表", disclosure.SummaryTable},
		{"财政拨款预算“三公”经费支出表", disclosure.SanGongTable},
		{"2025年部门财务收支预算总表", disclosure.SummaryTable},
		{"关于一般公共预算支出表的说明", ""},
		{"一、部门概况", ""},
	} {
		got := g.MatchTable(c.printed)
		var kind disclosure.TableKind
		if got != nil {
			kind = got.Kind
		}
		if kind != c.kind {
			t.Errorf("%s: got %q, want %q", c.printed, kind, c.kind)
		}
	}
}
