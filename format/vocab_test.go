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

// TestMeaningFinal: in a 决算 the 决算数 is the document's own figure and a 预算数
// beside it a comparison keyed budget.…, whichever of the two is printed on top;
// the same words keep their 预算 meaning in a 预算 document.
func TestMeaningFinal(t *testing.T) {
	const final = "部门决算"
	for _, c := range []struct {
		doc  string
		kind disclosure.TableKind
		path []string
		key  string
		col  disclosure.ColumnKind
	}{
		// Putuo and the template: the items on top, 预算数 | 决算数 under each.
		{final, disclosure.SanGongTable, []string{"财政拨款“三公”经费", "公务接待费", "预算数"}, "budget.reception", disclosure.AmountCol},
		{final, disclosure.SanGongTable, []string{"财政拨款“三公”经费", "公务接待费", "决算数"}, "reception", disclosure.AmountCol},
		{final, disclosure.SanGongTable, []string{"财政拨款“三公”经费", "合计", "预算数"}, "budget.total", disclosure.AmountCol},
		{final, disclosure.SanGongTable, []string{"财政拨款“三公”经费", "合计", "决算数"}, "total", disclosure.AmountCol},
		{final, disclosure.SanGongTable, []string{"财政拨款“三公”经费", "公务用车购置及运行费", "小计", "决算数"}, "car", disclosure.AmountCol},
		{final, disclosure.SanGongTable, []string{"财政拨款“三公”经费", "公务用车购置及运行维护费", "公务用车运行维护费", "预算数"}, "budget.car_running", disclosure.AmountCol},
		{final, disclosure.SanGongTable, []string{"财政拨款“三公”经费", "因公出国（境）费", "预算数"}, "budget.abroad", disclosure.AmountCol},
		// Foshan: 预算数 | 决算数 on top, the items under each.
		{final, disclosure.SanGongTable, []string{"预算数", "公务用车购置及运行费", "公务用车购置费"}, "budget.car_purchase", disclosure.AmountCol},
		{final, disclosure.SanGongTable, []string{"预算数", "公务用车购置及运行费", "小计"}, "budget.car", disclosure.AmountCol},
		{final, disclosure.SanGongTable, []string{"预算数", "合计"}, "budget.total", disclosure.AmountCol},
		{final, disclosure.SanGongTable, []string{"决算数", "合计"}, "total", disclosure.AmountCol},
		{final, disclosure.SanGongTable, []string{"决算数", "公务接待费"}, "reception", disclosure.AmountCol},
		{final, disclosure.SanGongTable, []string{"调整预算数", "公务接待费"}, "adjusted.reception", disclosure.AmountCol},
		// Table 1 and table 4.
		{final, disclosure.SummaryTable, []string{"收入", "决算数"}, "income", disclosure.AmountCol},
		{final, disclosure.SummaryTable, []string{"支出", "决算数"}, "spending", disclosure.AmountCol},
		{final, disclosure.SummaryTable, []string{"收入", "项目"}, "income_item", disclosure.TextCol},
		{final, disclosure.SummaryTable, []string{"收入", "行次"}, "line_no", disclosure.TextCol},
		{final, disclosure.FiscalSummaryTable, []string{"收入", "金额"}, "income", disclosure.AmountCol},
		{final, disclosure.FiscalSummaryTable, []string{"支出", "一般公共预算财政拨款"}, "general", disclosure.AmountCol},
		{final, disclosure.FiscalSummaryTable, []string{"支出", "合计"}, "spending", disclosure.AmountCol},
		// Tables 2, 3 and 5: the 本年…合计 heading with nothing under it is the total.
		{final, disclosure.IncomeTable, []string{"本年收入合计"}, "total", disclosure.AmountCol},
		{final, disclosure.IncomeTable, []string{"财政拨款收入"}, "fiscal", disclosure.AmountCol},
		{final, disclosure.IncomeTable, []string{"附属单位上缴收入"}, "affiliated", disclosure.AmountCol},
		{final, disclosure.IncomeTable, []string{"项目", "支出功能分类科目编码", "类"}, "code_class", disclosure.CodeCol},
		{final, disclosure.SpendingTable, []string{"本年支出合计"}, "total", disclosure.AmountCol},
		{final, disclosure.SpendingTable, []string{"对附属单位补助支出"}, "subsidy", disclosure.AmountCol},
		{final, disclosure.SpendingTable, []string{"上缴上级支出"}, "remit", disclosure.AmountCol},
		{final, disclosure.GPFunctionalTable, []string{"本年支出合计"}, "total", disclosure.AmountCol},
		// Table 6: 人员经费 | 公用经费 head the halves, 决算数 and 金额 are their totals.
		{final, disclosure.GPBasicTable, []string{"人员经费", "金额"}, "total", disclosure.AmountCol},
		{final, disclosure.GPBasicTable, []string{"人员经费", "经济分类科目编码"}, "code", disclosure.CodeCol},
		{final, disclosure.GPBasicTable, []string{"决算数"}, "total", disclosure.AmountCol},
		// Tables 8 and 9: carry-overs, this year's income and spending.
		{final, disclosure.GovFundTable, []string{"年初结转和结余"}, "carry", disclosure.AmountCol},
		{final, disclosure.GovFundTable, []string{"本年收入"}, "income", disclosure.AmountCol},
		{final, disclosure.GovFundTable, []string{"本年支出", "小计"}, "spending", disclosure.AmountCol},
		{final, disclosure.GovFundTable, []string{"本年支出", "基本支出"}, "basic", disclosure.AmountCol},
		{final, disclosure.StateCapitalTable, []string{"本年支出", "项目支出"}, "project", disclosure.AmountCol},
		{final, disclosure.StateCapitalTable, []string{"年末结转和结余"}, "carry_next", disclosure.AmountCol},
		// The same words in a 预算 keep their meaning there.
		{"", disclosure.SanGongTable, []string{"预算数", "合计"}, "total", disclosure.AmountCol},
		{"部门预算", disclosure.SanGongTable, []string{"公务接待费", "预算数"}, "reception", disclosure.AmountCol},
		{"部门预算", disclosure.GPFunctionalTable, []string{"年初预算数"}, "total", disclosure.AmountCol},
		{"部门预算", disclosure.IncomeTable, []string{"本年收入合计"}, "this_year", disclosure.AmountCol},
		{"部门预算", disclosure.SpendingTable, []string{"决算数"}, "", ""},
		{"部门预算", disclosure.GovFundTable, []string{"本年收入"}, "this_year", disclosure.AmountCol},
	} {
		key, col := MeaningIn(Context{Table: c.kind, Year: 2024, Document: c.doc}, c.path)
		if key != c.key || col != c.col {
			t.Errorf("%s %s %q: got %q %q, want %q %q", c.doc, c.kind, c.path, key, col, c.key, c.col)
		}
	}
}

// TestFinalFormats: a 决算 is read only with a format that publishes 决算, and a
// 预算 never with one; the 决算 family's titles are told apart by their longest
// name (支出决算表 is the end of 一般公共预算财政拨款支出决算表).
func TestFinalFormats(t *testing.T) {
	g, f := Generic(), GenericFor("部门决算")
	if f == g || f.ID != "generic-juesuan" || GenericFor("部门预算") != g || Lookup(f.ID) != f {
		t.Fatalf("GenericFor: %v %v", f.ID, g.ID)
	}
	for _, c := range []struct {
		format       *Format
		kind         string
		publishes    bool
		familyIsJue  bool
		supportedSet bool
	}{
		{g, "部门预算", true, false, true},
		{g, "部门决算", false, false, true},
		{f, "部门决算", true, true, true},
		{f, "部门预算", false, true, true},
		{f, "单位决算", false, true, false},
		{&Format{ID: "none"}, "部门决算", false, false, true},
		{&Format{ID: "none"}, "单位预算", true, false, true},
	} {
		if got := c.format.Publishes(c.kind); got != c.publishes {
			t.Errorf("%s.Publishes(%s) = %v", c.format.ID, c.kind, got)
		}
		if got := c.format.Family() == f; got != c.familyIsJue {
			t.Errorf("%s.Family() is 决算: %v", c.format.ID, got)
		}
		if got := NewSet().Supports(c.kind); got != c.supportedSet {
			t.Errorf("Supports(%s) = %v", c.kind, got)
		}
	}
	for _, c := range []struct {
		printed string
		kind    disclosure.TableKind
	}{
		{"收入支出决算总表", disclosure.SummaryTable},
		{"表1 收入支出决算总表", disclosure.SummaryTable},
		{"收入决算表", disclosure.IncomeTable},
		{"支出决算表", disclosure.SpendingTable},
		{"表4 财政拨款收入支出决算总表", disclosure.FiscalSummaryTable},
		{"一般公共预算财政拨款支出决算表", disclosure.GPFunctionalTable},
		{"一般公共预算财政拨款基本支出决算表", disclosure.GPBasicTable},
		{"财政拨款“三公”经费支出决算表", disclosure.SanGongTable},
		{"七、一般公共预算财政拨款“三公”经费支出决算表", disclosure.SanGongTable},
		{"政府性基金预算财政拨款收入支出决算表", disclosure.GovFundTable},
		{"国有资本经营预算财政拨款收入支出决算表", disclosure.StateCapitalTable},
		{"收支总表", ""},
	} {
		var kind disclosure.TableKind
		if got := f.MatchTable(c.printed); got != nil {
			kind = got.Kind
		}
		if kind != c.kind {
			t.Errorf("%s: got %q, want %q", c.printed, kind, c.kind)
		}
	}
}
