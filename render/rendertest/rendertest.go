// Package rendertest holds the documents that the renderers are tested with: shaped
// like the Shenzhen seed, plus odd documents that must never make a renderer panic;
// and the tests and benchmark that every renderer's Write takes alike.
package rendertest

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"yusuan/disclosure"
	"yusuan/money"
)

// The test documents below follow the Shenzhen seed (2024 龙岗区政务服务数据管理局): the same
// table shapes, headers and figures, so that the renderer meets what it will meet in use.

// wan reads an amount printed in 万元; the test data is literal, so a bad one is a bug here.
func wan(s string) money.Amount {
	a, err := money.Parse(s, money.UnitWan)
	if err != nil {
		panic(err)
	}
	return a
}

func amt(s string) disclosure.Cell { return disclosure.A(wan(s)) }

// Entity is the unit the test documents are about.
const Entity = "深圳市龙岗区政务服务数据管理局（本级）"

// TestDoc is a small but complete document: a narrative with every block kind, a
// 收支总表 with paired columns, a table with three header rows, a 50-row table and an
// empty table.
func TestDoc() *disclosure.Document {
	return &disclosure.Document{
		Profile:    "shenzhen",
		Kind:       "部门预算",
		Year:       2024,
		Department: "深圳市龙岗区政务服务数据管理局",
		Subject:    Entity,
		Title:      "2024年" + Entity + "部门预算",
		Unit:       money.UnitWan,
		Parts:      testParts(),
		Tables: []*disclosure.Table{
			summaryTable(1),
			longTable(2, 50),
			sanGongTable(3),
			emptyTable(4),
		},
		Notes: []string{"本套报表金额单位转换时可能存在尾数误差。"},
	}
}

func testParts() []disclosure.Part {
	p := func(s string) disclosure.Block { return disclosure.Block{Kind: disclosure.Paragraph, Text: s} }
	h := func(s string) disclosure.Block { return disclosure.Block{Kind: disclosure.Heading, Text: s} }
	li := func(s string) disclosure.Block { return disclosure.Block{Kind: disclosure.ListItem, Text: s} }
	note := func(s string) disclosure.Block { return disclosure.Block{Kind: disclosure.Note, Text: s} }
	return []disclosure.Part{
		{Number: 1, Title: "部门概况", Blocks: []disclosure.Block{
			h("一、部门职责"),
			p("贯彻党中央及省、市、区关于政务服务、政务公开、电子政务、数据管理工作的方针政策和决策部署，在履行职责过程中坚持和加强党对政务服务、政务公开、电子政务、数据管理工作的集中统一领导。"),
			h("二、机构设置情况"),
			p(Entity + "无下属单位，部门预算为局本级预算。内设办公室、事项管理科、政务服务科、政务公开科、规划标准科共5个科室。"),
			h("三、2024年主要工作目标"),
			li("1. 高标准落实政务服务国办试点任务，全力塑造营商环境新优势；"),
			li("2. 高水平谋划智慧龙岗3.0建设，全面挖掘数据要素新动能；"),
			li("3. 高效能推进民生诉求改革，全力构建城运体系高效运行新机制。"),
		}},
		{Number: 2, Title: "部门预算收支总体情况", Blocks: []disclosure.Block{
			p("2024年" + Entity + "部门预算收入6,762.91万元，比2023年增加1,715.91万元，增长34.0%。"),
			p("预算收支增长主要原因：2024年将城市建设-智慧城市建设-智慧龙岗项目2,000.00万元纳入了年初预算。"),
		}},
		{Number: 7, Title: "重点项目预算绩效情况说明", Blocks: []disclosure.Block{
			p("2024年，本部门重点项目绩效目标情况如下："),
			{Kind: disclosure.TableRef, Table: &disclosure.Table{
				Unit:    money.UnitWan,
				Columns: []disclosure.Column{{Key: "name", Kind: disclosure.TextCol, Width: 16}, {Key: "amount", Kind: disclosure.AmountCol, Width: 8}, {Key: "goal", Kind: disclosure.TextCol, Width: 30}},
				Header:  [][]disclosure.Cell{{disclosure.T("项目名称（一级项目）"), disclosure.T("预算数（万元）"), disclosure.T("绩效目标")}},
				Rows: []disclosure.Row{
					{Cells: []disclosure.Cell{disclosure.T("办公用房修缮与维护（通用项目）"), amt("27"), disclosure.T("做好区政务服务中心空调日常维修和维保服务，确保室内温度适宜，通风流畅。")}},
					{Cells: []disclosure.Cell{disclosure.T("政务管理"), amt("2426.71"), disclosure.T("对全区政务服务工作进行查漏补缺，提升工作质量；优化营商环境。")}},
				},
			}},
			note("备注：涉密项目按要求不予公开。"),
		}},
	}
}

// summaryTable is a 收支总表: income and spending side by side, two header rows.
func summaryTable(n int) *disclosure.Table {
	T, A := disclosure.T, amt
	income := []disclosure.Cell{T("政府预算资金"), T("一般公共预算资金")}
	incomeAmt := []string{"6762.91", "6762.91"}
	spend := functionalRows()
	t := &disclosure.Table{
		Number: n, Title: "收支总表", EntityLabel: "部门名称", Entity: Entity, Unit: money.UnitWan,
		Columns: []disclosure.Column{
			{Key: "in_name", Kind: disclosure.TextCol, Width: 16}, {Key: "in_amount", Kind: disclosure.AmountCol, Width: 8},
			{Key: "out_name", Kind: disclosure.TextCol, Width: 16}, {Key: "out_amount", Kind: disclosure.AmountCol, Width: 8},
		},
		Header: [][]disclosure.Cell{
			{{Text: "收 入", ColSpan: 2}, {Text: "支 出", ColSpan: 2}},
			{T("项 目"), T("2024年预算数"), T("项 目"), T("2024年预算数")},
		},
		Notes: []string{"注：财政拨款收支情况包括一般公共预算、政府性基金预算、国有资本经营预算拨款收支情况。"},
	}
	for i, s := range spend {
		row := disclosure.Row{Code: s.code}
		if i < len(income) {
			row.Cells = append(row.Cells, income[i], A(incomeAmt[i]))
		} else {
			row.Cells = append(row.Cells, T(""), T(""))
		}
		row.Cells = append(row.Cells, disclosure.Cell{Text: s.name, Indent: (len(s.code) - 3) / 2}, A(s.total))
		t.Rows = append(t.Rows, row)
	}
	t.Rows = append(t.Rows,
		disclosure.Row{Kind: disclosure.TotalRow, Cells: []disclosure.Cell{T("本年收入合计"), A("6762.91"), T("本年支出合计"), A("6762.91")}},
		disclosure.Row{Cells: []disclosure.Cell{T("上年结余、结转"), A("0"), T("结转下年"), A("0")}},
		disclosure.Row{Kind: disclosure.TotalRow, Cells: []disclosure.Cell{T("收 入 总 计"), A("6762.91"), T("支 出 总 计"), A("6762.91")}},
	)
	return t
}

type fnRow struct{ code, name, total, basic, project string }

func functionalRows() []fnRow {
	return []fnRow{
		{"201", "一般公共服务支出", "6471.74", "534.83", "5936.91"},
		{"20103", "政府办公厅（室）及相关机构事务", "4361.74", "534.83", "3826.91"},
		{"2010301", "行政运行", "534.83", "534.83", "0"},
		{"2010302", "一般行政管理事务", "3826.91", "0", "3826.91"},
		{"20105", "统计信息事务", "2110", "0", "2110"},
		{"2010504", "信息事务", "2110", "0", "2110"},
		{"205", "教育支出", "6", "1", "5"},
		{"20508", "进修及培训", "6", "1", "5"},
		{"2050803", "培训支出", "6", "1", "5"},
		{"208", "社会保障和就业支出", "81.01", "81.01", "0"},
		{"20805", "行政事业单位养老支出", "81.01", "81.01", "0"},
		{"2080505", "机关事业单位基本养老保险缴费支出", "60.01", "60.01", "0"},
		{"2080506", "机关事业单位职业年金缴费支出", "21", "21", "0"},
		{"210", "卫生健康支出", "25.67", "25.67", "0"},
		{"21011", "行政事业单位医疗", "25.67", "25.67", "0"},
		{"2101101", "行政单位医疗", "25.67", "25.67", "0"},
		{"221", "住房保障支出", "178.5", "178.5", "0"},
		{"22102", "住房改革支出", "178.5", "178.5", "0"},
		{"2210201", "住房公积金", "61.41", "61.41", "0"},
		{"2210203", "购房补贴", "117.09", "117.09", "0"},
	}
}

// codeTableColumns are the columns of tables 7, 8, 10 and 11.
func codeTableColumns() ([]disclosure.Column, [][]disclosure.Cell) {
	T := disclosure.T
	return []disclosure.Column{
		{Key: "unit", Kind: disclosure.TextCol, Width: 14}, {Key: "code", Kind: disclosure.CodeCol, Width: 6},
		{Key: "name", Kind: disclosure.TextCol, Width: 16}, {Key: "total", Kind: disclosure.AmountCol, Width: 8},
		{Key: "basic", Kind: disclosure.AmountCol, Width: 8}, {Key: "project", Kind: disclosure.AmountCol, Width: 8},
	}, [][]disclosure.Cell{{T("预算单位"), T("科目编码"), T("科目名称"), T("支出总计"), T("基本支出"), T("项目支出")}}
}

// longTable is a 一般公共预算支出表 with n rows (the functional rows repeated, with
// odd amounts so that rounding shows).
func longTable(num, n int) *disclosure.Table {
	cols, head := codeTableColumns()
	t := &disclosure.Table{
		Number: num, Title: "一般公共预算支出表（按功能分类）", EntityLabel: "部门名称", Entity: Entity,
		Unit: money.UnitWan, Columns: cols, Header: head,
	}
	t.Rows = append(t.Rows, disclosure.Row{Kind: disclosure.GroupRow, Cells: []disclosure.Cell{
		disclosure.T(Entity), disclosure.T(""), disclosure.T(""), amt("6762.91"), amt("821.00"), amt("5941.91")}})
	fr := functionalRows()
	for i := 1; i < n; i++ {
		r := fr[(i-1)%len(fr)]
		// 0.005 万元 = 50 元 rounds up; an extra 49 元 rounds down.
		extra := money.Amount(i%3) * 49 * money.Yuan
		t.Rows = append(t.Rows, disclosure.Row{Code: r.code, Cells: []disclosure.Cell{
			disclosure.T(""), disclosure.T(r.code), {Text: r.name, Indent: (len(r.code) - 3) / 2},
			disclosure.A(wan(r.total) + extra), amt(r.basic), amt(r.project)}})
	}
	return t
}

// sanGongTable is the seed's table 9: three header rows with nested spans.
func sanGongTable(n int) *disclosure.Table {
	T := disclosure.T
	funds := []string{"一般公共预算", "政府性基金预算", "国有资本经营预算"}
	t := &disclosure.Table{
		Number: n, Title: "财政拨款“三公”经费支出表", EntityLabel: "单位名称", Entity: Entity,
		Unit: money.UnitWan, Wide: true,
		Columns: []disclosure.Column{{Key: "unit", Kind: disclosure.TextCol, Width: 14}, {Key: "year", Kind: disclosure.TextCol, Width: 6}},
	}
	for i := 0; i < 18; i++ {
		t.Columns = append(t.Columns, disclosure.Column{Key: fmt.Sprintf("c%d", i), Kind: disclosure.AmountCol, Width: 7})
	}
	top := []disclosure.Cell{{Text: "预算单位", RowSpan: 3}, {Text: "年度", RowSpan: 3}}
	for _, s := range []string{"总计", "因公出国（境）费", "公务接待费"} {
		top = append(top, disclosure.Cell{Text: s, ColSpan: 3, RowSpan: 2})
	}
	top = append(top, disclosure.Cell{Text: "公务用车购置及运行维护费", ColSpan: 9})
	mid := []disclosure.Cell{{Text: "小计", ColSpan: 3}, {Text: "公务用车购置费", ColSpan: 3}, {Text: "公务用车运行维护费", ColSpan: 3}}
	var leaf []disclosure.Cell
	for i := 0; i < 6; i++ {
		for _, f := range funds {
			leaf = append(leaf, T(f))
		}
	}
	t.Header = [][]disclosure.Cell{top, mid, leaf}
	vals := [][]string{
		{"25", "0", "0", "0", "0", "0", "3", "0", "0", "22", "0", "0", "18", "0", "0", "4", "0", "0"},
		{"7", "0", "0", "0", "0", "0", "3", "0", "0", "4", "0", "0", "0", "0", "0", "4", "0", "0"},
		{"-18", "0", "0", "0", "0", "0", "0", "0", "0", "-18", "0", "0", "-18", "0", "0", "0", "0", "0"},
	}
	years := []string{"2023年", "2024年", "增减变化金额"}
	for i, v := range vals {
		var cells []disclosure.Cell
		if i == 0 {
			cells = append(cells, disclosure.Cell{Text: Entity, RowSpan: 3})
		}
		cells = append(cells, T(years[i]))
		for _, s := range v {
			cells = append(cells, amt(s))
		}
		t.Rows = append(t.Rows, disclosure.Row{Cells: cells})
	}
	return t
}

// emptyTable is a table with no data, printed with its header and a note.
func emptyTable(n int) *disclosure.Table {
	cols, head := codeTableColumns()
	return &disclosure.Table{
		Number: n, Title: "政府性基金预算支出表", EntityLabel: "部门名称", Entity: Entity,
		Unit: money.UnitWan, Columns: cols, Header: head, Empty: true,
		Notes: []string{"注：本部门无政府性基金预算支出，故本表为空表。"},
	}
}

// OddDocs are documents a careless caller might pass: nothing may panic on them.
func OddDocs() map[string]*disclosure.Document {
	one := money.Amount(1)
	return map[string]*disclosure.Document{
		"nil tables and parts": {},
		"nil table":            {Tables: []*disclosure.Table{nil}, Parts: []disclosure.Part{{Blocks: []disclosure.Block{{Kind: disclosure.TableRef}}}}},
		"no columns or rows":   {Tables: []*disclosure.Table{{Number: 1, Title: "空"}}},
		"spans past the grid": {Tables: []*disclosure.Table{{
			Number: 1, Title: "跨越", Columns: []disclosure.Column{{Kind: disclosure.TextCol}},
			Header: [][]disclosure.Cell{{{Text: "甲", ColSpan: 5, RowSpan: 9}}, {}},
			Rows: []disclosure.Row{
				{Cells: []disclosure.Cell{{Text: "乙", ColSpan: 40, RowSpan: 70}, {Amount: &one}}},
				{Cells: []disclosure.Cell{{}, {}, {}, {}}},
				{},
			},
		}}},
		"nil amounts and negative spans": {Tables: []*disclosure.Table{{
			Number: 2, Title: "负数", Unit: money.UnitYuan,
			Columns: []disclosure.Column{{Kind: disclosure.AmountCol, Width: -4}, {Kind: "?", Width: 1000}},
			Header:  [][]disclosure.Cell{{{Text: "a", ColSpan: -1, RowSpan: -2}}},
			Rows:    []disclosure.Row{{Kind: "weird", Cells: []disclosure.Cell{{Amount: nil, Indent: -3}, {Indent: 99, Text: "深"}}}},
		}}},
		"same titles": {Tables: []*disclosure.Table{
			{Number: 1, Title: "一个非常非常非常非常非常非常非常长的表格标题/带[非法]字符:*?\\"},
			{Number: 1, Title: "一个非常非常非常非常非常非常非常长的表格标题/带[非法]字符:*?\\"},
			{Title: "'"},
			{Title: "'"},
		}},
	}
}

// ShenzhenDoc has the size and shapes of the whole seed document: 9 narrative parts and 12
// tables with about 200 rows, for timing.
func ShenzhenDoc() *disclosure.Document {
	d := TestDoc()
	parts := testParts()
	d.Parts = nil
	for i := 1; i <= 9; i++ {
		p := parts[(i-1)%len(parts)]
		p.Number = i
		d.Parts = append(d.Parts, p)
	}
	retitle := func(t *disclosure.Table, title string) *disclosure.Table { t.Title = title; return t }
	d.Tables = []*disclosure.Table{
		summaryTable(1),
		retitle(longTable(2, 6), "收入总表"),
		retitle(longTable(3, 21), "支出总表"),
		retitle(longTable(4, 21), "基本支出总表"),
		retitle(longTable(5, 12), "项目支出总表"),
		retitle(summaryTable(6), "财政拨款收支总表"),
		longTable(7, 21),
		retitle(longTable(8, 40), "一般公共预算支出表（按经济分类）"),
		sanGongTable(9),
		emptyTable(10),
		retitle(emptyTable(11), "国有资本经营预算支出表"),
		performanceTable(12),
	}
	return d
}

// performanceTable is the seed's table 12: tasks with amounts, a long goal text and an
// indicator tree, all with row spans.
func performanceTable(n int) *disclosure.Table {
	T := disclosure.T
	c := func(s string, cs, rs int) disclosure.Cell { return disclosure.Cell{Text: s, ColSpan: cs, RowSpan: rs} }
	t := &disclosure.Table{
		Number: n, Title: Entity + "整体支出绩效目标表", Period: "2024 年度", Unit: money.UnitWan,
		Columns: []disclosure.Column{
			{Key: "a", Kind: disclosure.TextCol, Width: 8}, {Key: "b", Kind: disclosure.TextCol, Width: 10},
			{Key: "c", Kind: disclosure.TextCol, Width: 16}, {Key: "total", Kind: disclosure.AmountCol, Width: 8},
			{Key: "fiscal", Kind: disclosure.AmountCol, Width: 8}, {Key: "other", Kind: disclosure.AmountCol, Width: 8},
		},
		Header: [][]disclosure.Cell{
			{c("单位名称", 1, 1), c(Entity, 2, 1), T("主管部门"), c("深圳市龙岗区政务服务数据管理局", 2, 1)},
			{c("任务名称", 2, 2), c("主要内容", 1, 2), c("预算金额（万元）", 3, 1)},
			{T("总额"), T("其中：财政拨款"), T("其中：其他资金")},
		},
	}
	tasks := []struct{ group, name, amount string }{
		{"行政运行", "在职人员经费（公）", "537.56"}, {"", "在职人员经费", "222.51"}, {"", "对个人与家庭补助", "0.01"}, {"", "机构公用经费", "60.92"},
		{"一般行政管理事务", "信息系统运行与维护（通用项目）", "336"}, {"", "宣传经费", "6"}, {"", "办公用房修缮与维护（通用项目）", "27"},
		{"", "办公设备购置（通用项目）", "26"}, {"", "法律顾问服务经费（通用）", "9.8"}, {"", "培训经费（通用项目）", "5"},
		{"", "一般管理事务", "995.4"}, {"", "政务管理", "2426.71"},
		{"信息事务", "城市建设-智慧城市建设-政务信息化", "110"}, {"", "城市建设-智慧城市建设-智慧龙岗", "2000"},
	}
	spans := map[string]int{"行政运行": 4, "一般行政管理事务": 8, "信息事务": 2}
	for i, tk := range tasks {
		var cells []disclosure.Cell
		if i == 0 {
			cells = append(cells, c("年度主要任务", 1, len(tasks)+1))
		}
		if tk.group != "" {
			cells = append(cells, c(tk.group, 1, spans[tk.group]))
		}
		cells = append(cells, T(tk.name), amt(tk.amount), amt(tk.amount), amt("0"))
		t.Rows = append(t.Rows, disclosure.Row{Cells: cells})
	}
	t.Rows = append(t.Rows,
		disclosure.Row{Kind: disclosure.TotalRow, Cells: []disclosure.Cell{c("金额合计", 2, 1), amt("6762.91"), amt("6762.91"), amt("0")}},
		disclosure.Row{Cells: []disclosure.Cell{T("年度总体目标"), c("一、牢固树立“以人民为中心”的发展思想，聚焦解决群众办事难点痛点堵点，充分利用信息技术手段重构办理流程，精简办事材料，优化政务服务，推动营商环境持续改善。二、严格落实法治政府，廉洁政府和服务型政府建设各项要求，扎实推进全区政务公开水平提升。", 5, 1)}},
	)
	ind := [][]string{
		{"产出指标", "数量指标", "申报项目数", ">8 个"},
		{"", "", "合同文本合法性审查", ">100 件"},
		{"", "质量指标", "项目质量可控性", "≥99%"},
		{"", "", "信息系统故障处理率", "100%"},
		{"", "时效指标", "项目进度计划完成率", "≥97%"},
		{"", "成本指标", "控制在预算范围内", "100%"},
		{"效益指标", "社会效益指标", "政务服务能力", "有效提升"},
		{"", "", "营商环境优化", "有效提升"},
		{"满意度指标", "服务对象满意度指标", "办事群众满意度", "≥95%"},
	}
	first := map[string]int{"产出指标": 6, "效益指标": 2, "满意度指标": 1}
	second := map[string]int{"数量指标": 2, "质量指标": 2, "时效指标": 1, "成本指标": 1, "社会效益指标": 2, "服务对象满意度指标": 1}
	t.Rows = append(t.Rows, disclosure.Row{Cells: []disclosure.Cell{c("年度绩效指标", 1, len(ind)+1), T("一级指标"), T("二级指标"), c("三级指标", 2, 1), T("目标值")}})
	for _, r := range ind {
		var cells []disclosure.Cell
		if r[0] != "" {
			cells = append(cells, c(r[0], 1, first[r[0]]))
		}
		if r[1] != "" {
			cells = append(cells, c(r[1], 1, second[r[1]]))
		}
		cells = append(cells, c(r[2], 2, 1), T(r[3]))
		t.Rows = append(t.Rows, disclosure.Row{Cells: cells})
	}
	t.Notes = []string{"备注：本套报表金额单位转换时可能存在尾数误差。"}
	return t
}

// Write is a renderer's Write: the document, rendered to w.
type Write func(w io.Writer, doc *disclosure.Document) error

// WriteError checks that write reports a writer that fails as an error whose message,
// for the user, starts with prefix (写出网页失败：, …).
func WriteError(t *testing.T, write Write, prefix string) {
	t.Helper()
	err := write(failWriter{}, TestDoc())
	if err == nil || !strings.HasPrefix(err.Error(), prefix) {
		t.Errorf("err = %v, want %s…", err, prefix)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

// BenchmarkWrite times write rendering doc into memory.
func BenchmarkWrite(b *testing.B, write Write, doc *disclosure.Document) {
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := write(&buf, doc); err != nil {
			b.Fatal(err)
		}
	}
}
