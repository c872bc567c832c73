package check_test

import (
	"strings"
	"testing"

	"yusuan/check"
	"yusuan/check/checktest"
	"yusuan/disclosure"
)

// TestChangeColumns: a table printing this year's and an earlier year's figures
// with their change and its percentage (the central 一般公共预算支出表) is checked
// row by row: the percentage is the change over the earlier figure, the change
// the difference of the two (SUM-05), and a column the vocabulary does not know
// whose header names a figure (扣除中央基建投资后执行数) adds up like the others
// (SUM-01).
func TestChangeColumns(t *testing.T) {
	header := [][]string{
		{"科目名称|1|2", "2025年执行数|2|1", "2026年预算数|2|1", "2026年预算数比2025年执行数|2|1"},
		{"执行数", "扣除中央基建投资后执行数", "小计", "扣除中央基建投资后预算数", "增减额", "增减(%)"},
	}
	rows := map[string][]string{
		"201":     {"一般公共服务支出", "300.00", "150.00", "260.00", "260.00", "-40.00", "-13.33%"},
		"20140":   {"信访事务", "300.00", "150.00", "260.00", "260.00", "-40.00", "-13.33%"},
		"2014001": {"行政运行", "100.00", "100.00", "110.00", "110.00", "10.00", "10.00%"},
		"2014004": {"信访业务", "200.00", "50.00", "150.00", "150.00", "-50.00", "-25.00%"},
		"205":     {"教育支出", "50.00", "50.00", "60.00", "60.00", "10.00", "20.00%"},
		"20508":   {"进修及培训", "50.00", "50.00", "60.00", "60.00", "10.00", "20.00%"},
		"2050803": {"培训支出", "50.00", "50.00", "60.00", "60.00", "10.00", "20.00%"},
	}
	order := []string{"201", "20140", "2014001", "2014004", "205", "20508", "2050803"}
	build := func(edit func(map[string][]string)) *disclosure.Table {
		rs := map[string][]string{}
		for k, v := range rows {
			rs[k] = append([]string(nil), v...)
		}
		if edit != nil {
			edit(rs)
		}
		var body [][]string
		for _, code := range order {
			body = append(body, rs[code])
		}
		tb := table(t, disclosure.GPFunctionalTable, header, body)
		for i, code := range order {
			tb.Rows[i].Code = code
		}
		return tb
	}
	for _, tt := range []struct {
		name string
		edit func(map[string][]string)
		want []string // rule and a word of each error
	}{
		{"as printed", nil, nil},
		{"a percentage off", func(rs map[string][]string) { rs["2014001"][6] = "12.00%" }, []string{"SUM-05 应为 10.00%"}},
		{"a change off", func(rs map[string][]string) { rs["2014001"][5] = "12.00"; rs["2014001"][6] = "12.00%" },
			[]string{"SUM-01 各项相加", "SUM-05 减"}},
		{"an unknown column off", func(rs map[string][]string) { rs["2014004"][2] = "60.00" }, []string{"SUM-01 各项相加"}},
	} {
		var got []string
		for _, f := range run(build(tt.edit)) {
			if f.Severity == check.Error {
				got = append(got, f.Rule+" "+f.Message)
			}
		}
		missed, unexpected := checktest.Compare(got, tt.want)
		for _, w := range missed {
			rule, word, _ := strings.Cut(w, " ")
			t.Errorf("%s: %q, want a %s saying %q", tt.name, got, rule, word)
		}
		for _, g := range unexpected {
			t.Errorf("%s: %q, want %d errors; unexpected: %s", tt.name, got, len(tt.want), g)
		}
	}
}

// TestBracketedParts: in a 收支总表, an item numbered 一、 is the sum of its
// items numbered （一）（二）… (一、本年收入 over its funds, 一、本年支出 over its
// classes), as the central 财政拨款收支总表 prints them.
func TestBracketedParts(t *testing.T) {
	header := [][]string{{"收入|2|1", "支出|2|1"}, {"项目", "预算数", "项目", "预算数"}}
	body := [][]string{
		{"一、本年收入", "100.00", "一、本年支出", "120.00"},
		{"（一）一般公共预算拨款", "100.00", "（一）一般公共服务支出", "90.00"},
		{"（二）政府性基金预算拨款", "", "（二）教育支出", "30.00"},
		{"二、上年结转", "20.00", "二、结转下年", ""},
		{"（一）一般公共预算拨款", "20.00", "", ""},
		{"收入总计", "120.00", "支出总计", "120.00"},
	}
	build := func(r, c int, s string) *disclosure.Table {
		b := make([][]string, len(body))
		for i := range body {
			b[i] = append([]string(nil), body[i]...)
		}
		if r >= 0 {
			b[r][c] = s
		}
		tb := table(t, disclosure.FiscalSummaryTable, header, b)
		tb.Columns[2].Kind = disclosure.TextCol
		return tb
	}
	for _, tt := range []struct {
		r, c int
		s    string
		want string
	}{
		{-1, 0, "", ""},
		{1, 3, "95.00", "BAL-03"},
		{4, 1, "25.00", "BAL-02"},
	} {
		var got []string
		for _, f := range run(build(tt.r, tt.c, tt.s)) {
			if f.Severity == check.Error && strings.Contains(f.Message, "“一、") || f.Severity == check.Error && strings.Contains(f.Message, "“二、") {
				got = append(got, f.Rule)
			}
		}
		if tt.want == "" && len(got) > 0 || tt.want != "" && (len(got) != 1 || got[0] != tt.want) {
			t.Errorf("row %d col %d = %q: %v, want %q", tt.r, tt.c, tt.s, got, tt.want)
		}
	}
}

// TestVehicles: the vehicles a department holds add up to their kinds, written
// 共有车辆…，其中： or, as the central documents write it, 实有车辆…，其中，.
func TestVehicles(t *testing.T) {
	for _, tt := range []struct {
		text string
		errs int
	}{
		{"截至2025年7月31日，国家信访局实有车辆15辆，其中，部级领导干部用车1辆、机要通信用车2辆、应急保障用车2辆、其他用车10辆。", 0},
		{"截至2025年7月31日，国家信访局实有车辆17辆，其中，部级领导干部用车1辆、机要通信用车2辆、应急保障用车2辆、其他用车10辆。", 1},
		{"本部门共有车辆2辆，其中：一般公务用车1辆。", 1},
	} {
		doc := &disclosure.Document{Profile: "generic", Format: "generic", Kind: "部门预算", Year: 2026,
			Parts: []disclosure.Part{{Number: 8, Title: "其他需要说明情况", Blocks: []disclosure.Block{{Kind: disclosure.Paragraph, Text: tt.text}}}}}
		if got := findings(check.Run(doc, check.Options{}).Findings, "TXT-05", check.Error); len(got) != tt.errs {
			t.Errorf("%s: %v, want %d", tt.text, got, tt.errs)
		}
	}
}
