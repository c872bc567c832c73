package check_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"yusuan/check"
	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/reader"
)

// TestNamePaths: the 类/款/项 names a narrative prints are the table's codes of
// their levels, each under the one before; a name of another level, another
// parent, a code the tables do not print or a number that is not the code's is a
// CODE-06 warning, and a former name is CODE-04's.
func TestNamePaths(t *testing.T) {
	tb := &disclosure.Table{Number: 5, Kind: disclosure.GPFunctionalTable, Title: "一般公共预算支出表", Unit: money.UnitWan,
		Header:  [][]disclosure.Cell{{{Text: "科目编码"}, {Text: "科目名称"}, {Text: "合计"}}},
		Columns: []disclosure.Column{{Key: "code", Kind: disclosure.CodeCol}, {Key: "name", Kind: disclosure.TextCol}, {Key: "total", Kind: disclosure.AmountCol}},
	}
	for _, r := range [][3]string{
		{"201", "一般公共服务支出", "120.00"}, {"20140", "信访事务", "120.00"}, {"2014001", "行政运行", "100.00"}, {"2014004", "信访业务", "20.00"},
		{"208", "社会保障和就业支出", "30.00"}, {"20805", "行政事业单位养老支出", "30.00"}, {"2080506", "机关事业单位职业年金缴费支出", "30.00"},
	} {
		tb.Rows = append(tb.Rows, disclosure.Row{Code: r[0], Cells: []disclosure.Cell{{Text: r[0]}, {Text: r[1]}, {Amount: wan(t, r[2]), Printed: r[2]}}})
	}
	para := func(s string) disclosure.Block { return disclosure.Block{Kind: disclosure.Paragraph, Text: s} }
	head := func(s string) disclosure.Block { return disclosure.Block{Kind: disclosure.Heading, Text: s} }
	for _, tt := range []struct {
		name   string
		blocks []disclosure.Block
		want   string // what the CODE-06 warning says, "" for none
		old    int    // CODE-04 warnings
	}{
		{"a path as the tables print it", []disclosure.Block{para("1.一般公共服务支出（类）信访事务（款）信访业务（项）20.00万元。")}, "", 0},
		{"a class without its 支出, half-width brackets", []disclosure.Block{para("一般公共服务(类)信访事务(款)行政运行(项)100.00万元。")}, "", 0},
		{"codes printed in the marks", []disclosure.Block{para("一般公共服务支出（201类）信访事务（40款）信访业务（04项）20.00万元。")}, "", 0},
		{"a dash path", []disclosure.Block{para("“一般公共服务支出-信访事务-行政运行”科目100.00万元。")}, "", 0},
		{"a 项 shortened", []disclosure.Block{para("社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金（项）30.00万元。")}, "", 0},
		{"a 款 name where the 项 belongs", []disclosure.Block{para("一般公共服务支出（类）信访事务（款）信访事务（项）20.00万元。")}, "“信访事务”在表中是款（20140），不是项", 0},
		{"a 款 the tables do not print", []disclosure.Block{para("一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）100.00万元。")}, "是款 20103，表中没有这一科目", 0},
		{"a 项 under another 款", []disclosure.Block{para("社会保障和就业支出（类）行政事业单位养老支出（款）信访业务（项）20.00万元。")}, "属于 20140 信访事务", 0},
		{"a number that is not the code's", []disclosure.Block{para("一般公共服务支出（201类）信访事务（40款）信访业务（01项）20.00万元。")}, "按所印编号应为 2014001", 0},
		{"a dash path of a 款 name", []disclosure.Block{para("“一般公共服务支出-信访事务-信访事务”科目20.00万元。")}, "不是项", 0},
		{"a heading broken within a name, its 项 below",
			[]disclosure.Block{head("四、一般公共服务（类）信访事务（款）：指…"), para("行政运行（项）：指…。"), para("信访事务（项）：指…。")},
			"“信访事务”在表中是款（20140），不是项", 0},
		{"a heading naming the wrong 款, broken within it",
			[]disclosure.Block{head("四、一般公共服务（类）政府办公厅（室）及相关机构"), para("事务（款）：指…。"), para("行政运行（项）：指…。")},
			"是款 20103，表中没有这一科目", 0},
		{"a former name in a heading", []disclosure.Block{head("六、社会保障和就业（类）行政事业单位离退休（款）："), para("机关事业单位职业年金缴费支出（项）：指…。")}, "", 1},
		{"a name whose start is unknown", []disclosure.Block{para("主要用于某某新设事务（款）行政运行（项）100.00万元。")}, "", 0},
	} {
		doc := &disclosure.Document{Profile: "generic", Format: "generic", Kind: "部门预算", Year: 2026, Tables: []*disclosure.Table{tb},
			Parts: []disclosure.Part{{Number: 1, Title: "部门预算情况说明", Blocks: tt.blocks}}}
		fs := check.Run(doc, check.Options{}).Findings
		got := findings(fs, "CODE-06", check.Warning)
		switch {
		case tt.want == "" && len(got) > 0:
			t.Errorf("%s: %v", tt.name, got)
		case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0].Message, tt.want)):
			t.Errorf("%s: %v, want one saying %q", tt.name, got, tt.want)
		}
		if old := findings(fs, "CODE-04", check.Warning); len(old) != tt.old {
			t.Errorf("%s: CODE-04 %v, want %d", tt.name, old, tt.old)
		}
		for _, f := range fs {
			if f.Severity == check.Error && f.Rule != "TXT-01" {
				t.Errorf("%s: %s %s", tt.name, f.Rule, f.Message)
			}
		}
	}
}

// TestCorpusNamePaths: the central 国家信访局's 名词解释 explains its 201 spending
// under 政府办公厅（室）及相关机构事务（款）, which its tables do not print (its 款
// is 20140 信访事务), lists 信访事务 as a 项 (the 款's name; the 项 is 信访业务), and
// calls 20805 by its former name; every other path of its narrative, and of the
// corpus's other documents, matches its tables.
func TestCorpusNamePaths(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skip("the shared corpus is not next to the repository")
	}
	for _, tt := range []struct {
		file string
		want []string
	}{
		{"other/central-guojia-xinfangju-2026-dept-budget.pdf", []string{
			"CODE-04 “行政事业单位离退休”至迟自 2023 年起称“行政事业单位养老支出”",
			"CODE-06 “政府办公厅（室）及相关机构事务”是款 20103，表中没有这一科目",
			"CODE-06 “信访事务”在表中是款（20140），不是项",
		}},
		{"other/central-guojia-xinfangju-2026-dept-budget.txt", []string{
			"CODE-04 “行政事业单位离退休”至迟自 2023 年起称“行政事业单位养老支出”",
			"CODE-06 “政府办公厅（室）及相关机构事务”是款 20103，表中没有这一科目",
			"CODE-06 “信访事务”在表中是款（20140），不是项",
		}},
		{"shanghai/putuo-wanli-jiedao-2023-dept-budget.pdf", nil},
		{"shanghai/putuo-shangwuwei-2025-dept-budget.pdf", nil},
		{"other/jiangsu-jianchayuan-2019-dept-budget.pdf", nil},
		{"shenzhen-2026/shenzhen-jiaotong-2026-dept-budget.pdf", nil},
	} {
		doc, err := reader.ReadFile(filepath.Join(corpusDir, tt.file))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range check.Run(doc, check.Options{}).Findings {
			if f.Rule == "CODE-06" || f.Rule == "CODE-04" {
				got = append(got, f.Rule+" "+f.Message)
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: %q, want %d findings", tt.file, got, len(tt.want))
			continue
		}
		for i, w := range tt.want {
			rule, text, _ := strings.Cut(w, " ")
			if !strings.HasPrefix(got[i], rule+" ") || !strings.Contains(got[i], text) {
				t.Errorf("%s: finding %d is %q, want %q", tt.file, i, got[i], w)
			}
		}
	}
}
