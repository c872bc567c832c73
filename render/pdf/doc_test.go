package pdf

import (
	"fmt"

	"yusuan/disclosure"
	"yusuan/money"
)

const entity = "深圳市龙岗区政务服务数据管理局（本级）"

func wan(s string) disclosure.Cell {
	a, err := money.Parse(s, money.UnitWan)
	if err != nil {
		panic(err)
	}
	return disclosure.A(a)
}

func p(s string) disclosure.Block { return disclosure.Block{Kind: disclosure.Paragraph, Text: s} }
func h(s string) disclosure.Block { return disclosure.Block{Kind: disclosure.Heading, Text: s} }
func li(s string) disclosure.Block {
	return disclosure.Block{Kind: disclosure.ListItem, Text: s}
}

func standard(n int, title string, cols []disclosure.Column, header [][]disclosure.Cell, rows []disclosure.Row) *disclosure.Table {
	return &disclosure.Table{
		Number: n, Title: title, EntityLabel: "部门名称", Entity: entity, Unit: money.UnitWan,
		Columns: cols, Header: header, Rows: rows,
	}
}

var functionalCols = []disclosure.Column{
	{Key: "unit", Kind: disclosure.TextCol, Width: 14},
	{Key: "code", Kind: disclosure.CodeCol, Width: 7},
	{Key: "name", Kind: disclosure.TextCol, Width: 16},
	{Key: "total", Kind: disclosure.AmountCol, Width: 8},
	{Key: "basic", Kind: disclosure.AmountCol, Width: 8},
	{Key: "project", Kind: disclosure.AmountCol, Width: 8},
}

var functionalHeader = [][]disclosure.Cell{{
	disclosure.T("预算单位"), disclosure.T("科目编码"), disclosure.T("科目名称"),
	disclosure.T("支出总计"), disclosure.T("基本支出"), disclosure.T("项目支出"),
}}

// testDocument is shaped like the Shenzhen seed: nine parts, twelve tables, one
// of them long enough to run over several pages, one with a three-row header.
func testDocument() *disclosure.Document {
	long := "贯彻党中央及省、市、区关于政务服务、政务公开、电子政务、数据管理工作的方针政策和决策部署，按照中国共产党深圳市龙岗区委员会工作要求，在履行职责过程中坚持和加强党对政务服务、政务公开、电子政务、数据管理工作的集中统一领导。"
	parts := []disclosure.Part{
		{Number: 1, Title: "部门概况", Blocks: []disclosure.Block{
			h("一、部门职责"), p(long + long + long),
			h("二、机构设置情况"), p(entity + "无下属单位，部门预算为局本级预算。内设办公室、事项管理科、政务服务科、政务公开科、规划标准科共 5 个科室。"),
			h("三、2024 年主要工作目标"), p(entity + "2024 年主要工作目标包括："),
			li("1. 高标准落实政务服务国办试点任务，全力塑造营商环境新优势；"),
			li("2. 高水平谋划智慧龙岗 3.0 建设，全面挖掘数据要素新动能；"),
			li("3. 高效能推进民生诉求改革，全力构建城运体系高效运行新机制，推动城市治理体系和治理能力现代化，让群众办事更便捷、更高效；"),
		}},
		{Number: 2, Title: "部门预算收支总体情况", Blocks: []disclosure.Block{
			p("2024年深圳市龙岗区政务服务数据管理局（本级）部门预算收入6,762.91万元，比2023年增加1,715.91万元，增长34%。2024年部门预算支出6,762.91万元，比2023年增加1,715.91万元，增长34%。"),
			p("预算收支增长主要原因：2024年将城市建设-智慧城市建设-智慧龙岗项目2,000.00万元纳入了年初预算。"),
		}},
		{Number: 3, Title: "部门预算支出具体情况", Blocks: projects()},
		{Number: 4, Title: "政府采购预算情况", Blocks: []disclosure.Block{
			p(entity + "纳入 2024 年部门预算的政府采购项目共有 718.04 万元，其中：货物类项目 61.80 万元、工程类项目 0.00 万元、服务类项目 656.24 万元。"),
		}},
		{Number: 5, Title: "财政拨款“三公”经费预算情况", Blocks: []disclosure.Block{
			p("2024 年财政拨款“三公”经费预算 9.00 万元，比 2023 年预算减少 18.00 万元，下降 72%，主要是局本级 2023 年更新购置公务用车一辆，2024 年无公务用车购置计划。"),
			li("1. 因公出国（境）费用。2024 年预算数 0 万元，比 2023 年增加 0 万元，主要是为进一步规范因公出国（境）经费管理，我区因公出国（境）经费完全按零基预算的原则编制。"),
			li("2. 公务接待费。2024 年预算数 3.00 万元，比 2023 年增加 0 万元，主要是我局严格坚持厉行节约，从严控制“三公”经费支出。"),
		}},
		{Number: 6, Title: "部门预算绩效管理情况", Blocks: []disclosure.Block{
			h("一、实施部门预算绩效管理的单位范围"), p(long),
			h("二、实施部门预算绩效管理的项目情况及工作要求"),
			p("2024 年深圳市龙岗区政务服务数据管理局（本级）所有项目支出预算纳入部门预算绩效管理，涉及预算资金 5,941.91 万元，设置并编报 11 个项目绩效目标。"),
		}},
		{Number: 7, Title: "重点项目预算绩效情况说明", Blocks: []disclosure.Block{
			p("2024年，本部门重点项目绩效目标情况如下："),
			{Kind: disclosure.TableRef, Table: &disclosure.Table{
				Columns: []disclosure.Column{{Kind: disclosure.TextCol, Width: 12}, {Kind: disclosure.AmountCol, Width: 7}, {Kind: disclosure.TextCol, Width: 24}},
				Header:  [][]disclosure.Cell{{disclosure.T("项目名称（一级项目）"), disclosure.T("预算数（万元）"), disclosure.T("绩效目标")}},
				Unit:    money.UnitWan,
				Rows: []disclosure.Row{
					{Cells: []disclosure.Cell{disclosure.T("办公用房修缮与维护（通用项目）"), wan("27"), disclosure.T("做好区政务服务中心空调日常维修和维保服务，每季度定期清洗空调面板，确保区政务服务中心室内温度适宜，通风流畅。")}},
					{Cells: []disclosure.Cell{disclosure.T("信息系统运行与维护（通用项目）"), wan("336"), disclosure.T("保障我局及区政务服务中心系统设备正常运行，提高办公效率。")}},
					{Cells: []disclosure.Cell{disclosure.T("政务管理"), wan("2426.71"), disclosure.T("对全区政务服务工作进行查漏补缺，提升工作质量；优化营商环境。")}},
				},
			}},
			{Kind: disclosure.Note, Text: "备注：涉密项目按要求不予公开。"},
		}},
		{Number: 8, Title: "其他需要说明情况", Blocks: []disclosure.Block{
			h("一、机关运行经费"), p("2024年深圳市龙岗区政务服务数据管理局（本级）机关运行经费财政拨款预算60.92万元，比2023年预算减少4.08万元，下降6.3%。"),
			h("二、国有资产占用情况"), p("截至2023年底，本部门共有车辆1辆，其中：机要通信用车1辆、应急保障用车0辆、执法执勤用车0辆、特种专业技术用车0辆、其他用车0辆；单价100万元以上设备0台（套）。"),
		}},
		{Number: 9, Title: "名词解释", Blocks: []disclosure.Block{
			p("一、财政拨款收入：指预算单位从本级财政部门取得的财政预算资金收入。"),
			p("二、“三公”经费：“三公”经费指部门(单位)使用财政拨款安排的因公出国(境)费用、公务用车购置及运行费和公务接待费。其中：因公出国(境)费用具体包括国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出。"),
		}},
	}

	t1 := standard(1, "收支总表", []disclosure.Column{
		{Key: "in", Kind: disclosure.TextCol, Width: 16}, {Key: "in_amount", Kind: disclosure.AmountCol, Width: 8},
		{Key: "out", Kind: disclosure.TextCol, Width: 18}, {Key: "out_amount", Kind: disclosure.AmountCol, Width: 8},
	}, [][]disclosure.Cell{
		{{Text: "收 入", ColSpan: 2}, {Text: "支 出", ColSpan: 2}},
		{disclosure.T("项 目"), disclosure.T("2024 年预算数"), disclosure.T("项 目"), disclosure.T("2024 年预算数")},
	}, nil)
	spend := []struct {
		name   string
		indent int
		amount string
	}{
		{"一般公共服务支出", 0, "6471.74"}, {"政府办公厅（室）及相关机构事务", 1, "4361.74"}, {"行政运行", 2, "534.83"},
		{"一般行政管理事务", 2, "3826.91"}, {"统计信息事务", 1, "2110"}, {"信息事务", 2, "2110"},
		{"教育支出", 0, "6"}, {"进修及培训", 1, "6"}, {"培训支出", 2, "6"},
		{"社会保障和就业支出", 0, "81.01"}, {"行政事业单位养老支出", 1, "81.01"}, {"机关事业单位基本养老保险缴费支出", 2, "60.01"},
		{"机关事业单位职业年金缴费支出", 2, "21"}, {"卫生健康支出", 0, "25.67"}, {"行政事业单位医疗", 1, "25.67"},
		{"行政单位医疗", 2, "25.67"}, {"住房保障支出", 0, "178.50"}, {"住房改革支出", 1, "178.50"},
		{"住房公积金", 2, "61.41"}, {"购房补贴", 2, "117.09"},
	}
	income := []string{"政府预算资金", "一般公共预算资金", "一般公共预算资金"}
	for i, s := range spend {
		row := disclosure.Row{Cells: []disclosure.Cell{disclosure.T(""), disclosure.T("")}}
		if i < len(income) {
			row.Cells = []disclosure.Cell{{Text: income[i], Indent: i}, wan("6762.91")}
		}
		row.Cells = append(row.Cells, disclosure.Cell{Text: s.name, Indent: s.indent}, wan(s.amount))
		t1.Rows = append(t1.Rows, row)
	}
	t1.Rows = append(t1.Rows,
		disclosure.Row{Kind: disclosure.TotalRow, Cells: []disclosure.Cell{disclosure.T("本年收入合计"), wan("6762.91"), disclosure.T("本年支出合计"), wan("6762.91")}},
		disclosure.Row{Cells: []disclosure.Cell{disclosure.T("上年结余、结转"), wan("0"), disclosure.T("结转下年"), wan("0")}},
		disclosure.Row{Kind: disclosure.TotalRow, Cells: []disclosure.Cell{disclosure.T("收 入 总 计"), wan("6762.91"), disclosure.T("支 出 总 计"), wan("6762.91")}},
	)
	t1.Notes = []string{"注：财政拨款收支情况包括一般公共预算、政府性基金预算、国有资本经营预算拨款收支情况。"}

	t7 := standard(7, "一般公共预算支出表（按功能分类）", functionalCols, functionalHeader, []disclosure.Row{
		{Kind: disclosure.TotalRow, Cells: []disclosure.Cell{disclosure.T(entity), disclosure.T(""), disclosure.T(""), wan("6762.91"), wan("821"), wan("5941.91")}},
	})
	for _, s := range spend {
		t7.Rows = append(t7.Rows, disclosure.Row{Cells: []disclosure.Cell{
			disclosure.T(""), disclosure.T(fmt.Sprint(201 + len(s.name))), {Text: s.name, Indent: s.indent}, wan(s.amount), wan(s.amount), wan("0"),
		}})
	}

	// Table 8 runs over several pages: every page must repeat its header.
	t8 := standard(8, "一般公共预算支出表（按经济分类）", functionalCols, functionalHeader, nil)
	for i := 0; i < 80; i++ {
		t8.Rows = append(t8.Rows, disclosure.Row{Cells: []disclosure.Cell{
			disclosure.T(""), disclosure.T(fmt.Sprintf("302%02d", i)), {Text: fmt.Sprintf("商品和服务支出明细%d", i+1), Indent: 1},
			disclosure.A(money.Amount(int64(i)*1234567 + 5)), disclosure.A(money.Amount(int64(i) * 1000000)), disclosure.A(money.Amount(int64(i)*234567 + 5)),
		}})
	}

	t9 := &disclosure.Table{Number: 9, Title: "财政拨款“三公”经费支出表", EntityLabel: "单位名称", Entity: entity, Unit: money.UnitWan, Wide: true}
	t9.Columns = []disclosure.Column{{Kind: disclosure.TextCol, Width: 10}, {Kind: disclosure.TextCol, Width: 6}}
	for i := 0; i < 18; i++ {
		t9.Columns = append(t9.Columns, disclosure.Column{Kind: disclosure.AmountCol, Width: 5})
	}
	funds := []disclosure.Cell{disclosure.T("一般公共预算"), disclosure.T("政府性基金预算"), disclosure.T("国有资本经营预算")}
	var third []disclosure.Cell
	for i := 0; i < 6; i++ {
		third = append(third, funds...)
	}
	t9.Header = [][]disclosure.Cell{
		{{Text: "预算单位", RowSpan: 3}, {Text: "年度", RowSpan: 3}, {Text: "总计", ColSpan: 3, RowSpan: 2},
			{Text: "因公出国（境）费", ColSpan: 3, RowSpan: 2}, {Text: "公务接待费", ColSpan: 3, RowSpan: 2}, {Text: "公务用车购置及运行维护费", ColSpan: 9}},
		{{Text: "小计", ColSpan: 3}, {Text: "公务用车购置费", ColSpan: 3}, {Text: "公务用车运行维护费", ColSpan: 3}},
		third,
	}
	years := []string{"2023年", "2024年", "增减变化金额"}
	values := [][]string{
		{"25", "3", "22", "18", "4"}, {"7", "3", "4", "0", "4"}, {"-18", "0", "-18", "-18", "0"},
	}
	for i, y := range years {
		var cells []disclosure.Cell
		if i == 0 {
			cells = append(cells, disclosure.Cell{Text: entity, RowSpan: 3})
		}
		cells = append(cells, disclosure.T(y))
		v := values[i]
		for _, a := range []string{v[0], "0", "0", "0", "0", "0", v[1], "0", "0", v[2], "0", "0", v[3], "0", "0", v[4], "0", "0"} {
			cells = append(cells, wan(a))
		}
		t9.Rows = append(t9.Rows, disclosure.Row{Cells: cells})
	}

	t10 := standard(10, "政府性基金预算支出表", functionalCols, functionalHeader, nil)
	t10.Empty = true
	t10.Notes = []string{"注：本部门无政府性基金预算支出，故本表为空表。"}

	t12 := &disclosure.Table{Number: 12, Title: entity + "整体支出绩效目标表", Period: "2024 年度", Unit: money.UnitWan,
		Columns: []disclosure.Column{{Kind: disclosure.TextCol, Width: 7}, {Kind: disclosure.TextCol, Width: 9}, {Kind: disclosure.TextCol, Width: 16}, {Kind: disclosure.AmountCol, Width: 7}, {Kind: disclosure.AmountCol, Width: 7}, {Kind: disclosure.AmountCol, Width: 7}},
		Header: [][]disclosure.Cell{
			{{Text: "任务名称", RowSpan: 2}, {Text: "主要内容", ColSpan: 2, RowSpan: 2}, {Text: "预算金额（万元）", ColSpan: 3}},
			{disclosure.T("总额"), disclosure.T("其中：财政拨款"), disclosure.T("其中：其他资金")},
		},
	}
	tasks := []struct{ group, name, amount string }{
		{"行政运行", "在职人员经费（公）", "537.56"}, {"", "在职人员经费", "222.51"}, {"", "对个人与家庭补助", "0.01"}, {"", "机构公用经费", "60.92"},
		{"一般行政管理事务", "信息系统运行与维护（通用项目）", "336"}, {"", "宣传经费", "6"}, {"", "办公用房修缮与维护（通用项目）", "27"},
		{"", "办公设备购置（通用项目）", "26"}, {"", "法律顾问服务经费（通用）", "9.80"}, {"", "培训经费（通用项目）", "5"},
		{"", "一般管理事务", "995.40"}, {"", "政务管理", "2426.71"},
		{"信息事务", "城市建设-智慧城市建设-政务信息化", "110"}, {"", "城市建设-智慧城市建设-智慧龙岗", "2000"},
	}
	groupSize := map[string]int{"行政运行": 4, "一般行政管理事务": 8, "信息事务": 2}
	for i, tk := range tasks {
		var cells []disclosure.Cell
		if i == 0 {
			cells = append(cells, disclosure.Cell{Text: "年度主要任务", RowSpan: len(tasks) + 1})
		}
		if tk.group != "" {
			cells = append(cells, disclosure.Cell{Text: tk.group, RowSpan: groupSize[tk.group]})
		}
		cells = append(cells, disclosure.T(tk.name), wan(tk.amount), wan(tk.amount), wan("0"))
		t12.Rows = append(t12.Rows, disclosure.Row{Cells: cells})
	}
	t12.Rows = append(t12.Rows, disclosure.Row{Kind: disclosure.TotalRow, Cells: []disclosure.Cell{{Text: "金额合计", ColSpan: 2}, wan("6762.91"), wan("6762.91"), wan("0")}})
	t12.Rows = append(t12.Rows, disclosure.Row{Cells: []disclosure.Cell{disclosure.T("年度总体目标"), {Text: "一、牢固树立“以人民为中心”的发展思想，聚焦解决群众办事难点痛点堵点，充分利用信息技术手段重构办理流程，精简办事材料，优化政务服务，推动营商环境持续改善。\n二、严格落实法治政府，廉洁政府和服务型政府建设各项要求，扎实推进全区政务公开水平提升。", ColSpan: 5}}})

	tables := []*disclosure.Table{t1,
		standard(2, "收入总表", functionalCols, functionalHeader, t7.Rows[:3]),
		standard(3, "支出总表", functionalCols, functionalHeader, t7.Rows[:3]),
		standard(4, "基本支出总表", functionalCols, functionalHeader, t7.Rows[:3]),
		standard(5, "项目支出总表", functionalCols, functionalHeader, t7.Rows[:3]),
		standard(6, "财政拨款收支总表", t1.Columns, t1.Header, t1.Rows),
		t7, t8, t9, t10,
		standard(11, "国有资本经营预算支出表", functionalCols, functionalHeader, []disclosure.Row{{Cells: []disclosure.Cell{disclosure.T(entity), disclosure.T(""), disclosure.T(""), wan("0"), wan("0"), wan("0")}}}),
		t12,
	}
	return &disclosure.Document{
		Profile: "shenzhen", Kind: "部门预算", Year: 2024,
		Department: "深圳市龙岗区政务服务数据管理局", Subject: entity,
		Title: "2024年深圳市龙岗区政务服务数据管理局（本级）部门预算", Unit: money.UnitWan,
		Parts: parts, Tables: tables,
		Notes: []string{"本套报表金额单位转换时可能存在尾数误差。"},
	}
}

func projects() []disclosure.Block {
	bs := []disclosure.Block{
		p(entity + "预算6,762.91万元，包括人员支出760.07万元、公用经费60.92万元、对个人和家庭的补助支出0.01万元、项目支出5,941.91万元。"),
		p("（一）人员支出760.07万元，主要是在职人员工资福利和社保缴费等相关支出。"),
		p("（四）项目支出 5,941.91 万元，具体包括："),
	}
	names := []string{"办公用房修缮与维护（通用项目）", "法律顾问服务经费（通用项目）", "政务管理", "宣传经费（通用项目）", "信息系统运行与维护（通用项目）", "城市建设-智慧城市建设-智慧龙岗", "办公设备购置（通用项目）", "培训经费（通用项目）"}
	for i, n := range names {
		bs = append(bs, li(fmt.Sprintf("%d. %s %d.00 万元，主要用于区政务服务中心办公楼及附属设施建设和维修等支出。较 2023 年年初预算减少 19.80 万元，减幅 42.3%%，主要原因是区政务服务中心办公楼楼顶维修已于 2023 年完成，故 2024 年减少了该项办公楼修缮费用。", i+1, n, 10*(i+1))))
	}
	return bs
}
