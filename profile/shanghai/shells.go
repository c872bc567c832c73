// Package shanghai holds the Shanghai 部门预算 and 单位预算 format: seven parts and nine
// tables, tables 1-8 in 元 and the 三公 table and the narrative in 万元, laid out like
// the official templates of the Putuo district.
package shanghai

import (
	"fmt"

	"yusuan/disclosure"
	"yusuan/money"
)

// Parts are the narrative parts of a 部门预算, in order; a 单位预算 says 单位 for 部门
// and, as the unit template, has no 项目经费情况说明.
var Parts = []string{"部门主要职能", "部门机构设置", "名词解释", "部门预算编制说明", "部门预算表", "其他相关情况说明", "项目经费情况说明"}

// Tables are the nine tables' titles without year and 部门/预算单位, with their kinds
// and the names of their sheets in the templates after 部门 or 单位.
var Tables = []struct {
	Title string
	Kind  disclosure.TableKind
	Sheet string
}{
	{"财务收支预算总表", disclosure.SummaryTable, "收支总表"},
	{"收入预算总表", disclosure.IncomeTable, "收入总表"},
	{"支出预算总表", disclosure.SpendingTable, "支出总表"},
	{"财政拨款收支预算总表", disclosure.FiscalSummaryTable, "财政拨款收支总表"},
	{"一般公共预算支出功能分类预算表", disclosure.GPFunctionalTable, "一般公共预算拨款表"},
	{"政府性基金预算支出功能分类预算表", disclosure.GovFundTable, "政府性基金拨款表"},
	{"国有资本经营预算支出功能分类预算表", disclosure.StateCapitalTable, "国有资本经营预算拨款表"},
	{"一般公共预算基本支出部门预算经济分类预算表", disclosure.GPBasicTable, "一般公共预算拨款基本支出明细表"},
	{"“三公”经费和机关运行经费预算表", disclosure.SanGongOfficeTable, "“三公”经费和机关运行费预算表"},
}

func text(key string, width int) disclosure.Column {
	return disclosure.Column{Key: key, Kind: disclosure.TextCol, Width: width}
}

// code is a column of one level of a code: 类 has three digits, 款 and 项 two; the
// widths keep a 类 code on one line in the PDF.
func code(key string) disclosure.Column {
	w := 5
	if key == "code_class" {
		w = 7
	}
	return disclosure.Column{Key: key, Kind: disclosure.CodeCol, Width: w}
}

func amount(key string) disclosure.Column {
	return disclosure.Column{Key: key, Kind: disclosure.AmountCol, Width: 14}
}

// Shells returns the nine tables of a document of the year, for 部门 (dept true) or
// 单位: numbers, kinds, titles, units, columns and headers, without rows. The unit
// template differs from the department's: its titles say 预算单位 (the 三公 table's
// 单位), its entity line 编制单位, and its 财务收支预算总表 splits spending into 人员经费,
// 公用经费 and 项目支出.
func Shells(year int, dept bool) []*disclosure.Table {
	return shells(year, dept, !dept)
}

// SummaryShells returns both layouts of 表1 财务收支预算总表 for a document of the
// year, for 部门 or 单位: the department template's four columns and the unit
// template's seven. Documents do not keep to their kind's template (districts publish
// 单位预算 in the department's layout, as yusuan itself once did), so a reader takes
// the layout that the document prints.
func SummaryShells(year int, dept bool) (four, seven *disclosure.Table) {
	return shells(year, dept, false)[0], shells(year, dept, true)[0]
}

// shells returns the nine tables; split chooses 表1's layout.
func shells(year int, dept, split bool) []*disclosure.Table {
	who, titled, entity := "部门", "部门", "编制部门"
	if !dept {
		who, titled, entity = "单位", "预算单位", "编制单位"
	}
	t := func(n int, cols []disclosure.Column, header [][]disclosure.Cell) *disclosure.Table {
		unit, title := money.UnitYuan, titled
		if n == 9 {
			unit, title = money.UnitWan, who
		}
		return &disclosure.Table{
			Number: n, Kind: Tables[n-1].Kind, Title: fmt.Sprintf("%d年%s%s", year, title, Tables[n-1].Title),
			EntityLabel: entity, Unit: unit, Columns: cols, Header: header, Wide: n == 4 || n == 9 || n == 1 && split,
			Sheet: who + Tables[n-1].Sheet,
		}
	}
	T := disclosure.T
	span := func(s string, cols, rows int) disclosure.Cell {
		return disclosure.Cell{Text: s, ColSpan: cols, RowSpan: rows}
	}
	functional := func(n int, group string, amounts []disclosure.Column, names ...string) *disclosure.Table {
		cols := append([]disclosure.Column{code("code_class"), code("code_section"), code("code_item"), text("name", 40)}, amounts...)
		head := [][]disclosure.Cell{
			{span("项目", 4, 1), span(group, len(amounts), 1)},
			append([]disclosure.Cell{span("功能分类科目编码", 3, 1), span("功能分类科目名称", 1, 2)}, cellsOf(names, 2)...),
			{T("类"), T("款"), T("项")},
		}
		return t(n, cols, head)
	}
	basicSplit := []disclosure.Column{amount("total"), amount("basic"), amount("project")}
	basicNames := []string{"合计", "基本支出", "项目支出"}
	summary := t(1, []disclosure.Column{text("income_item", 24), amount("income"), text("spending_item", 28), amount("spending")},
		[][]disclosure.Cell{{span("本年收入", 2, 1), span("本年支出", 2, 1)}, {T("项目"), T("预算数"), T("项目"), T("预算数")}})
	// 表8's header in the unit template moves 部门 from the codes to the names.
	economicCode, economicName := "部门预算经济分类科目编码", "经济分类科目名称"
	if split {
		// spending stays the side's total, so that the rules on 支出总计 read either form.
		summary = t(1, []disclosure.Column{text("income_item", 22), amount("income"), text("spending_item", 26),
			amount("spending"), amount("personnel"), amount("public"), amount("project")},
			[][]disclosure.Cell{
				{span("本年收入", 2, 1), span("本年支出", 5, 1)},
				{span("项目", 1, 3), span("预算数", 1, 3), span("项目", 1, 3), span("预算数", 4, 1)},
				{span("合计", 1, 2), span("基本支出", 2, 1), span("项目支出", 1, 2)},
				{T("人员经费"), T("公用经费")},
			})
	}
	if !dept {
		economicCode, economicName = "经济分类科目编码", "部门经济分类科目名称"
	}
	return []*disclosure.Table{
		summary,
		functional(2, "收入预算", []disclosure.Column{amount("total"), amount("fiscal"), amount("business"), amount("operating"), amount("other")},
			"合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"),
		functional(3, "支出预算", basicSplit, basicNames...),
		t(4, []disclosure.Column{text("income_item", 22), amount("income"), text("spending_item", 26), amount("spending"), amount("general"), amount("gov_fund"), amount("state_capital")},
			[][]disclosure.Cell{{span("财政拨款收入", 2, 1), span("财政拨款支出", 5, 1)},
				{T("项目"), T("预算数"), T("项目"), T("合计"), T("一般公共预算"), T("政府性基金预算"), T("国有资本经营预算")}}),
		functional(5, "一般公共预算支出", basicSplit, basicNames...),
		functional(6, "政府性基金预算支出", basicSplit, basicNames...),
		functional(7, "国有资本经营预算支出", basicSplit, basicNames...),
		t(8, []disclosure.Column{code("code_class"), code("code_section"), text("name", 30), amount("total"), amount("personnel"), amount("public")},
			[][]disclosure.Cell{
				{span("项目", 3, 1), span("一般公共预算基本支出", 3, 1)},
				{span(economicCode, 2, 1), span(economicName, 1, 2), span("合计", 1, 2), span("人员经费", 1, 2), span("公用经费", 1, 2)},
				{T("类"), T("款")},
			}),
		t(9, []disclosure.Column{amount("total"), amount("abroad"), amount("reception"), amount("car"), amount("car_purchase"), amount("car_running"), amount("office_cost")},
			[][]disclosure.Cell{
				{span("“三公”经费预算数", 6, 1), span("机关运行经费预算数", 1, 3)},
				{span("合计", 1, 2), span("因公出国(境)费", 1, 2), span("公务接待费", 1, 2), span("公务用车购置及运行费", 3, 1)},
				{T("小计"), T("购置费"), T("运行费")},
			}),
	}
}

func cellsOf(names []string, rows int) []disclosure.Cell {
	out := make([]disclosure.Cell, len(names))
	for i, n := range names {
		out[i] = disclosure.Cell{Text: n, RowSpan: rows}
	}
	return out
}
