package check_test

import (
	"strconv"
	"strings"
	"testing"

	"yusuan/check"
	"yusuan/check/checktest"
	"yusuan/disclosure"
)

// The 决算 rules, each on a small document that keeps it and one that breaks it,
// with Putuo 2024's figures where they serve; and the cases they must not flag.

const final = "部门决算"

func finalTable(kind disclosure.TableKind, header, body [][]string) *disclosure.Table {
	return checktest.Table(final, 2024, kind, header, body)
}

// putuoSummary is table 1 of Putuo 2024, with its carry-overs, and the last cell
// replaced by out (年末结转和结余).
func putuoSummary(out string) *disclosure.Table {
	return finalTable(disclosure.SummaryTable, [][]string{{"收入|2|1", "支出|2|1"}, {"项目", "决算数", "项目", "决算数"}}, [][]string{
		{"一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "2,106.66"},
		{"八、其他收入", "6.20", "八、社会保障和就业支出", "326.71"},
		{"", "", "九、卫生健康支出", "60.99"},
		{"", "", "十九、住房保障支出", "445.69"},
		{"本年收入合计", "2,946.25", "本年支出合计", "2,940.05"},
		{"使用非财政拨款结余（含专用结余）", "", "结余分配", ""},
		{"年初结转和结余", "49.14", "年末结转和结余", out},
		{"总计", "2,995.39", "总计", "2,995.39"},
	})
}

// putuoFiscal is table 4 of Putuo 2024 with its 年初 fiscal carry-over replaced.
func putuoFiscal(in string) *disclosure.Table {
	return finalTable(disclosure.FiscalSummaryTable,
		[][]string{{"收入|2|1", "支出|5|1"}, {"项目", "决算数", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"}},
		[][]string{
			{"一、一般公共预算财政拨款", "2,940.05", "一、一般公共服务支出", "2,106.66", "2,106.66", "", ""},
			{"", "", "八、社会保障和就业支出", "326.71", "326.71", "", ""},
			{"", "", "九、卫生健康支出", "60.99", "60.99", "", ""},
			{"", "", "十九、住房保障支出", "445.69", "445.69", "", ""},
			{"本年收入合计", "2,940.05", "本年支出合计", "2,940.05", "2,940.05", "", ""},
			{"年初财政拨款结转和结余", in, "年末财政拨款结转和结余", "21.63", "21.63", "", ""},
			{"一、一般公共预算财政拨款", in, "", "", "", "", ""},
			{"总计", "2,961.68", "总计", "2,961.68", "2,961.68", "", ""},
		})
}

var codeHeader = [][]string{{"科目编码", "科目名称", "合计", "基本支出", "项目支出"}}

// putuoGP is a part of table 5 of Putuo 2024: 201 06 01/02 and 208 05 with their
// 类 and 款, 208 as table 1 rounds it otherwise.
func putuoGP(rows ...[]string) *disclosure.Table {
	body := [][]string{
		{"201", "一般公共服务支出", "1,521.89", "1,503.52", "18.37"},
		{"20106", "财政事务", "1,521.89", "1,503.52", "18.37"},
		{"2010601", "行政运行", "1,511.89", "1,503.52", "8.37"},
		{"2010602", "一般行政管理事务", "10.00", "", "10.00"},
	}
	body = append(body, rows...)
	return finalTable(disclosure.GPFunctionalTable, codeHeader, body)
}

// gpTotal is putuoGP's 合计 row.
var gpTotal = []string{"合计", "", "1,521.89", "1,503.52", "18.37"}

// spendingBasic is a 支出决算表 of 10.29 basic spending, none of it 一般公共预算.
func spendingBasic() *disclosure.Table {
	return finalTable(disclosure.SpendingTable, codeHeader, [][]string{
		{"合计", "", "10.29", "10.29", ""},
		{"208", "社会保障和就业支出", "10.29", "10.29", ""},
	})
}

// emptyGP is a 一般公共预算财政拨款支出决算表 printed without data.
func emptyGP() *disclosure.Table {
	return finalTable(disclosure.GPFunctionalTable, codeHeader, [][]string{{"合计", "", "", "", ""}})
}

// errorsOn returns the document's findings of the rules as "RULE severity message".
func errorsOn(doc *disclosure.Document, rules ...string) []string {
	var out []string
	for _, f := range check.Run(doc, check.Options{}).Findings {
		for _, r := range rules {
			if f.Rule == r {
				out = append(out, f.Rule+" "+f.Severity.Label()+" "+f.Message)
			}
		}
	}
	return out
}

func TestFinalRules(t *testing.T) {
	sanGong := func(budget, actual string) *disclosure.Table {
		h := [][]string{{"财政拨款“三公”经费|12|1"}, {"合计|2|1", "因公出国（境）费|2|1", "公务用车购置及运行费|6|1", "公务接待费|2|1"},
			{"|2|1", "|2|1", "小计|2|1", "公务用车购置费|2|1", "公务用车运行费|2|1", "|2|1"},
			{"预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数"}}
		return finalTable(disclosure.SanGongTable, h, [][]string{{budget, actual, "", "", "", "", "", "", "", "", budget, actual}})
	}
	basic := func(reception string) *disclosure.Table {
		return finalTable(disclosure.GPBasicTable, [][]string{{"经济分类科目编码", "科目名称", "决算数"}}, [][]string{
			{"302", "商品和服务支出", reception},
			{"30217", "公务接待费", reception},
		})
	}
	// halves is a two-half 基本支出决算表 (人员经费 | 公用经费), its last row labelled
	// total (人员经费合计 | 公用经费合计, or a bare 合计 of the whole table).
	// Its rows have no code of their own, as the reader reads them.
	halves := func(wage string, total ...string) *disclosure.Table {
		t := finalTable(disclosure.GPBasicTable, [][]string{{"人员经费|3|1", "公用经费|3|1"},
			{"经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"}}, [][]string{
			{"301", "工资福利支出", "10.00", "302", "商品和服务支出", "5.00"},
			{"30101", "基本工资", wage, "30201", "办公费", "5.00"},
			total,
		})
		for i := range t.Rows {
			t.Rows[i].Code = ""
		}
		return t
	}
	fund := func(out string) *disclosure.Table {
		return finalTable(disclosure.GovFundTable,
			[][]string{{"科目编码|1|2", "科目名称|1|2", "年初结转和结余|1|2", "本年收入|1|2", "本年支出|3|1", "年末结转和结余|1|2"}, {"", "", "", "", "小计", "基本支出", "项目支出", ""}},
			[][]string{{"合计", "", "1.00", "2.00", "2.50", "", "2.50", out}})
	}
	income := func(total string) *disclosure.Table {
		return finalTable(disclosure.IncomeTable, [][]string{{"科目编码", "科目名称", "本年收入合计", "财政拨款收入", "其他收入"}}, [][]string{
			{"合计", "", total, "2,940.05", "6.20"},
		})
	}
	const exec = "一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。决算数小于预算数的主要原因：项目调减。"
	item := func(n int, name, a, b, tail string) string {
		return strings.Join([]string{itoa(n), "、一般公共服务支出（类）财政事务（款）", name, "（项）。主要用于：基本支出。年初预算为", a, "万元，支出决算为", b, "万元。", tail}, "")
	}
	for _, c := range []struct {
		name   string
		rules  []string
		doc    *disclosure.Document
		errors []string // "RULE piece of the message"; infos and warnings too, by rule
	}{
		{"BAL-04 kept", []string{"BAL-04"}, checktest.FinalDoc(2024, []*disclosure.Table{putuoSummary("55.34"), putuoFiscal("21.63")}), nil},
		{"BAL-04 年末 56.34", []string{"BAL-04"}, checktest.FinalDoc(2024, []*disclosure.Table{putuoSummary("56.34")}), []string{"BAL-04 各项相加为 2,996.39"}},
		// 0.01 in three rounded figures is a tail.
		{"BAL-04 年末 55.35", []string{"BAL-04", "TAIL-01"}, checktest.FinalDoc(2024, []*disclosure.Table{putuoSummary("55.35")}), []string{"TAIL-01 各项相加为 2,995.40"}},
		{"BAL-04 table 4", []string{"BAL-04"}, checktest.FinalDoc(2024, []*disclosure.Table{putuoFiscal("21.73")}), []string{"BAL-04 收入总计（本年收入合计＋年初财政拨款结转和结余）为 2,961.68"}},
		{"BAL-05 kept", []string{"BAL-05"}, checktest.FinalDoc(2024, []*disclosure.Table{fund("0.50")}), nil},
		{"BAL-05 broken", []string{"BAL-05"}, checktest.FinalDoc(2024, []*disclosure.Table{fund("0.60")}), []string{"BAL-05 年末结转和结余"}},
		{"X-09 kept", []string{"X-09"}, checktest.FinalDoc(2024, []*disclosure.Table{putuoSummary("55.34"), putuoFiscal("21.63"), income("2,946.25")}), nil},
		{"X-09 table 2", []string{"X-09"}, checktest.FinalDoc(2024, []*disclosure.Table{putuoSummary("55.34"), income("2,946.26")}), []string{"X-09 本年收入合计对照）为 2,946.26"}},
		{"X-09 fiscal carry above all", []string{"X-09", "BAL-04"}, checktest.FinalDoc(2024, []*disclosure.Table{putuoSummary("55.34"), putuoFiscal("60.00")}),
			[]string{"X-09 年初财政拨款结转和结余为 60.00", "BAL-04 收入总计"}},
		{"EXE-01 kept", []string{"EXE-01"}, checktest.FinalDoc(2024, nil, exec), nil},
		{"EXE-01 98.30%", []string{"EXE-01"}, checktest.FinalDoc(2024, nil, strings.Replace(exec, "98.20%", "98.30%", 1)), []string{"EXE-01 完成率应为 98.20%"}},
		{"EXE-01 zero budget", []string{"EXE-01"}, checktest.FinalDoc(2024, nil, "“三公”经费年初预算为0.00万元，支出决算为0.16万元，完成预算的0%。"), nil},
		{"EXE-01 nothing spent", []string{"EXE-01"}, checktest.FinalDoc(2024, nil, "年初预算为0.95万元，支出决算为0.00万元，完成预算的0%。"), nil},
		{"EXE-02 kept", []string{"EXE-02"}, checktest.FinalDoc(2024, nil, item(1, "行政运行", "1560.05", "1511.89", "决算数小于预算数的主要原因：人员变化。")), nil},
		{"EXE-02 大于", []string{"EXE-02"}, checktest.FinalDoc(2024, nil, item(1, "行政运行", "1560.05", "1511.89", "决算数大于预算数的主要原因：人员变化。")), []string{"EXE-02 应为“决算数小于预算数”"}},
		{"EXE-02 基本持平 with 1%", []string{"EXE-02"}, checktest.FinalDoc(2024, nil, item(1, "一般行政管理事务", "10.00", "10.10", "决算数与预算数基本持平。")), nil},
		{"EXE-02 基本持平 with 20%", []string{"EXE-02"}, checktest.FinalDoc(2024, nil, item(1, "一般行政管理事务", "10.00", "12.00", "决算数与预算数基本持平。")), []string{"EXE-02 相差 20.0%"}},
		{"EXE-03 kept", []string{"EXE-03"}, checktest.FinalDoc(2024, []*disclosure.Table{putuoGP()}, item(1, "行政运行", "1560.05", "1511.89", "原因：略。")), nil},
		{"EXE-03 wrong actual", []string{"EXE-03"}, checktest.FinalDoc(2024, []*disclosure.Table{putuoGP()}, item(1, "行政运行", "1560.05", "1511.99", "原因：略。")), []string{"EXE-03 （2010601）为 1,511.89万元"}},
		{"EXE-04 kept", []string{"EXE-04", "TAIL-01"}, checktest.FinalDoc(2024, nil,
			"一般公共预算财政拨款支出年初预算为1570.05万元，支出决算为1521.89万元，完成年初预算的96.93%。决算数小于预算数的主要原因：略。其中：",
			item(1, "行政运行", "1560.05", "1511.89", "原因：略。"), item(2, "一般行政管理事务", "10.00", "10.00", "决算数与预算数基本持平。")), nil},
		{"EXE-04 broken", []string{"EXE-04", "TAIL-01"}, checktest.FinalDoc(2024, nil,
			"一般公共预算财政拨款支出年初预算为1580.05万元，支出决算为1521.89万元，完成年初预算的96.32%。决算数小于预算数的主要原因：略。其中：",
			item(1, "行政运行", "1560.05", "1511.89", "原因：略。"), item(2, "一般行政管理事务", "10.00", "10.00", "决算数与预算数基本持平。")),
			[]string{"EXE-04 所列 2 项科目的年初预算相加为 1,570.05万元"}},
		{"EXE-05 no reason", []string{"EXE-05"}, checktest.FinalDoc(2024, nil, item(1, "信息化建设", "100.00", "135.25", "")), []string{"EXE-05 相差 35.3%"}},
		{"EXE-05 reason", []string{"EXE-05"}, checktest.FinalDoc(2024, nil, item(1, "信息化建设", "100.00", "135.25", "决算数大于预算数的主要原因：追加。")), nil},
		{"EXE-06 kept", []string{"EXE-06", "EXE-01"}, checktest.FinalDoc(2024, []*disclosure.Table{sanGong("0.95", "")},
			"“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%，其中：因公出国（境）费决算为0.00万元，完成预算的0%；公务接待费支出决算为0.00万元，完成预算的0%。"), nil},
		{"EXE-06 budget 0.96", []string{"EXE-06", "EXE-01"}, checktest.FinalDoc(2024, []*disclosure.Table{sanGong("0.95", "")},
			"“三公”经费财政拨款支出年初预算为0.96万元，支出决算为0.00万元，完成预算的0%。"), []string{"EXE-06 年初预算为 0.96万元"}},
		{"EXE-06 actual", []string{"EXE-06", "EXE-01"}, checktest.FinalDoc(2024, []*disclosure.Table{sanGong("0.95", "0.50")},
			"“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.50万元，完成预算的52.63%，其中：公务接待费支出决算为0.40万元，完成预算的52.63%。"),
			[]string{"EXE-06 公务接待费决算数为 0.40万元"}},
		{"SUM-03 budget columns", []string{"SUM-03"}, checktest.FinalDoc(2024, []*disclosure.Table{
			finalTable(disclosure.SanGongTable, [][]string{{"财政拨款“三公”经费|12|1"}, {"合计|2|1", "因公出国（境）费|2|1", "公务用车购置及运行费|6|1", "公务接待费|2|1"},
				{"|2|1", "|2|1", "小计|2|1", "公务用车购置费|2|1", "公务用车运行费|2|1", "|2|1"},
				{"预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数"}},
				[][]string{{"0.95", "", "", "", "", "", "", "", "", "", "1.95", ""}})}), []string{"SUM-03 “三公”经费合计（预算数）为 0.95"}},
		{"halves kept", []string{"SUM-01"}, checktest.FinalDoc(2024, []*disclosure.Table{halves("10.00", "人员经费合计", "", "10.00", "公用经费合计", "", "5.00")}), nil},
		{"halves 基本工资", []string{"SUM-01"}, checktest.FinalDoc(2024, []*disclosure.Table{halves("12.00", "人员经费合计", "", "10.00", "公用经费合计", "", "5.00")}),
			[]string{"SUM-01 “工资福利支出”为 10.00"}},
		{"halves 人员经费合计", []string{"SUM-01"}, checktest.FinalDoc(2024, []*disclosure.Table{halves("10.00", "人员经费合计", "", "11.00", "公用经费合计", "", "5.00")}),
			[]string{"SUM-01 “人员经费合计”为 11.00"}},
		// A bare 合计 may be the whole table's: 15.00 is no half's sum, and not judged.
		{"halves bare 合计", []string{"SUM-01"}, checktest.FinalDoc(2024, []*disclosure.Table{halves("10.00", "合计", "", "15.00", "", "", "")}), nil},
		{"X-04 within", []string{"X-04"}, checktest.FinalDoc(2024, []*disclosure.Table{sanGong("0.95", "0.16"), basic("0.10")}), nil},
		{"X-04 above", []string{"X-04"}, checktest.FinalDoc(2024, []*disclosure.Table{sanGong("0.95", "0.16"), basic("0.20")}), []string{"X-04 公务接待费决算数为 0.16"}},
		{"X-06 tail 326.71/326.72", []string{"X-06", "TAIL-01"}, checktest.FinalDoc(2024, []*disclosure.Table{
			putuoSummary("55.34"),
			finalTable(disclosure.SpendingTable, codeHeader, [][]string{
				{"201", "一般公共服务支出", "2,106.66", "1,503.52", "603.14"},
				{"208", "社会保障和就业支出", "326.72", "326.72", ""},
				{"2080501", "行政单位离退休", "84.65", "84.65", ""},
				{"2080505", "机关事业单位基本养老保险缴费支出", "160.75", "160.75", ""},
				{"2080506", "机关事业单位职业年金缴费支出", "80.38", "80.38", ""},
				{"2080599", "其他行政事业单位养老支出", "0.94", "0.94", ""},
				{"210", "卫生健康支出", "60.99", "60.99", ""},
				{"221", "住房保障支出", "445.69", "445.69", ""},
			})}), []string{"TAIL-01 社会保障和就业支出"}},
		// 一般公共预算财政拨款基本支出 is the gp tables' figure, 0 when they are empty,
		// not the 基本支出 of all funds in 支出决算表.
		{"TXT-01 gp basic of an empty gp table", []string{"TXT-01"}, checktest.FinalDoc(2024, []*disclosure.Table{spendingBasic(), emptyGP()},
			"本年支出合计10.29万元，其中：基本支出10.29万元。一般公共预算财政拨款基本支出0.00万元。"), nil},
		{"TXT-01 gp basic as all funds'", []string{"TXT-01"}, checktest.FinalDoc(2024, []*disclosure.Table{spendingBasic(), emptyGP()},
			"一般公共预算财政拨款基本支出10.29万元。"), []string{"TXT-01 一般公共预算财政拨款基本支出为 10.29万元"}},
		{"TXT-01 gp basic kept", []string{"TXT-01"}, checktest.FinalDoc(2024, []*disclosure.Table{spendingBasic(), putuoGP(gpTotal)},
			"一般公共预算财政拨款基本支出1503.52万元，项目支出18.37万元。"), nil},
		{"TXT-01 gp basic wrong", []string{"TXT-01"}, checktest.FinalDoc(2024, []*disclosure.Table{spendingBasic(), putuoGP(gpTotal)},
			"一般公共预算财政拨款基本支出1503.53万元。"), []string{"TXT-01 一般公共预算财政拨款基本支出为 1503.53万元"}},
		{"DOC-04 none", []string{"DOC-04"}, checktest.FinalDoc(2024, nil, exec), nil},
		{"DOC-04 XXX万元", []string{"DOC-04"}, checktest.FinalDoc(2024, nil, "本年收入合计XXX万元，与2023年度相比，持平。"), []string{"DOC-04 “XXX万元”"}},
		{"DOC-04 instruction", []string{"DOC-04"}, checktest.FinalDoc(2024, nil, "与2023年度相比，持平（如持平作持平表述）。"), []string{"DOC-04 填写说明"}},
		{"DOC-04 XX%", []string{"DOC-04"}, checktest.FinalDoc(2024, nil, "其他收入6.20万元，占XX%。"), []string{"DOC-04 “XX%”"}},
		{"CHG-02 zero base", []string{"CHG-01", "CHG-02", "CHG-03"}, checktest.FinalDoc(2024, nil,
			"一般公共预算财政拨款支出1668.14万元，比年初预算数增加1668.14万元，增长0%；主要是因为我局去年预算数为0，因此增长率为0%。"), nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := errorsOn(c.doc, c.rules...)
			missed, unexpected := checktest.Compare(got, c.errors)
			for _, w := range missed {
				t.Errorf("missed %q; got %q", w, got)
			}
			for _, g := range unexpected {
				t.Errorf("unexpected: %s", g)
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
