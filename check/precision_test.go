package check_test

import (
	"strings"
	"testing"
	"yusuan/reader"

	"yusuan/check"
	"yusuan/disclosure"
	"yusuan/money"
)

// inYuan turns a table built by table (in 万元) into one printed in whole 元: its
// amounts are read again from their printed text in 元.
func inYuan(t *testing.T, tb *disclosure.Table) *disclosure.Table {
	t.Helper()
	tb.Unit = money.UnitYuan
	for _, r := range tb.Rows {
		for i, c := range r.Cells {
			if c.Amount == nil {
				continue
			}
			a, err := money.Parse(c.Printed, money.UnitYuan)
			if err != nil {
				t.Fatal(err)
			}
			r.Cells[i].Amount = &a
		}
	}
	return tb
}

// pairCase is two figures that tables print and the number of errors of a rule
// that the tables must give.
type pairCase struct {
	name string
	a, b string
	errs int
}

// runPairs requires, of each case, its number of errors of the rule among the
// findings on the tables that tables builds from the case's two figures.
func runPairs(t *testing.T, rule string, tables func(a, b string) []*disclosure.Table, cases []pairCase) {
	t.Helper()
	for _, tt := range cases {
		wantErrors(t, tt.name, run(tables(tt.a, tt.b)...), rule, tt.errs)
	}
}

// wantErrors requires n errors of the rule among fs; what names the case.
func wantErrors(t *testing.T, what string, fs []check.Finding, rule string, n int) {
	t.Helper()
	if got := findings(fs, rule, check.Error); len(got) != n {
		t.Errorf("%s: %d %s errors, want %d: %v", what, len(got), rule, n, got)
	}
}

// TestCrossTablePrecision: a figure two tables both print is compared at the
// precision each prints it in. A table in whole 元 shows 12,345,678 where one in
// 万元 shows 1,234.57: the same figure, whichever table the finding would be
// placed in; 12,355,678 is not.
func TestCrossTablePrecision(t *testing.T) {
	header := [][]string{{"科目名称", "合计", "基本支出", "项目支出"}}
	functional := func() *disclosure.Table {
		return table(t, disclosure.GPFunctionalTable, header, [][]string{
			{"合计", "1,234.57", "1,000.00", "234.57"},
		})
	}
	economic := func(total, project string) *disclosure.Table {
		tb := inYuan(t, table(t, disclosure.GPEconomicTable, header, [][]string{
			{"合计", total, "10,000,000", project},
		}))
		tb.Number, tb.Title = 8, "一般公共预算支出表（按经济分类）"
		return tb
	}
	tables := func(total, project string) []*disclosure.Table {
		return []*disclosure.Table{functional(), economic(total, project)}
	}
	runPairs(t, "X-01", tables, []pairCase{
		{"whole 元 against 万元", "12,345,678", "2,345,678", 0},
		{"the same in both", "12,345,700", "2,345,700", 0},
		{"10,000 元 apart", "12,355,678", "2,355,678", 2},
	})
}

// TestChangeColumnsWholeYuan: in a table printed in whole 元, a change one 元 off
// this year less last year is the three figures' rounding (each up to 0.5元),
// not an error; ten 元 off is.
func TestChangeColumnsWholeYuan(t *testing.T) {
	header := [][]string{
		{"科目名称|1|2", "2025年执行数|1|1", "2026年预算数|1|1", "2026年预算数比2025年执行数|2|1"},
		{"执行数", "小计", "增减额", "增减(%)"},
	}
	build := func(change string) *disclosure.Table {
		rows := [][]string{
			{"一般公共服务支出", "300", "261", "-39", "-13.00%"},
			{"信访事务", "300", "261", "-39", "-13.00%"},
			{"行政运行", "100", "110", change, "11.00%"},
			{"信访业务", "200", "151", "-49", "-24.50%"},
			{"教育支出", "50", "60", "10", "20.00%"},
			{"进修及培训", "50", "60", "10", "20.00%"},
			{"培训支出", "50", "60", "10", "20.00%"},
		}
		tb := inYuan(t, table(t, disclosure.GPFunctionalTable, header, rows))
		for i, code := range []string{"201", "20140", "2014001", "2014004", "205", "20508", "2050803"} {
			tb.Rows[i].Code = code
		}
		return tb
	}
	for _, tt := range []struct {
		change string
		errs   int
	}{
		{"11", 0}, // 110.4 − 99.5 = 10.9: printed 110, 100 and 11
		{"20", 2}, // the change, and the percentage beside it
	} {
		wantErrors(t, "change "+tt.change, run(build(tt.change)), "SUM-05", tt.errs)
	}
}

// TestBasicSplitAcrossUnits: the 收支总表's split of 基本支出 (in 万元) is compared
// with a 基本支出 table printed in whole 元, at the coarser precision.
func TestBasicSplitAcrossUnits(t *testing.T) {
	summary := table(t, disclosure.SummaryTable, [][]string{
		{"收入|2|1", "支出|5|1"},
		{"项目", "预算数", "项目", "合计", "人员经费", "公用经费", "项目支出"},
	}, [][]string{
		{"本年收入合计", "1,454.08", "本年支出合计", "1,454.08", "1,187.37", "266.71", ""},
	})
	summary.Columns[2].Kind = disclosure.TextCol
	basic := func(personnel, public string) *disclosure.Table {
		tb := inYuan(t, table(t, disclosure.BasicTable, [][]string{{"科目名称", "合计", "人员经费", "公用经费"}}, [][]string{
			{"合计", "14,540,800", personnel, public},
		}))
		tb.Number, tb.Title = 4, "基本支出表"
		return tb
	}
	tables := func(personnel, public string) []*disclosure.Table {
		return []*disclosure.Table{summary, basic(personnel, public)}
	}
	runPairs(t, "X-08", tables, []pairCase{
		{"the same split", "11,873,700", "2,667,100", 0},
		{"the same split, rounded", "11,873,749", "2,667,051", 0},
		{"100,000 元 moved", "11,973,700", "2,567,100", 1},
	})
}

// TestNamedWholeShares: a share of a whole named in words is judged against the
// tables' figures the name may stand for, on published documents: each as
// published gives no error, each changed share one. A share of 部门支出总额 that
// is in fact of the 一般公共预算 total (国家信访局, 22.00%) is not an error: the
// words may stand for either; a whole that cannot be told (项目支出) is left alone.
// Parts whose shares do not make 100% still make the whole when their amounts
// add up to a total the tables print (支出包括：…, 表4's 支出总计).
func TestNamedWholeShares(t *testing.T) {
	const (
		jiangsu = "other/jiangsu-jianchayuan-2019-dept-budget.pdf"
		central = "other/central-guojia-xinfangju-2026-dept-budget.pdf"
		beijing = "other/beijing-sifaju-2026-dept-budget-text.pdf"
	)
	read := func(t *testing.T, file string) *disclosure.Document {
		doc := corpusDoc(t, file)
		if file == beijing {
			doc = reader.Combine(doc, corpusDoc(t, "other/beijing-sifaju-2026-dept-budget-tables.pdf"))
		}
		return doc
	}
	for _, tt := range []struct {
		name, file, old, new string
		errs                 int
	}{
		{"占本年支出合计的", jiangsu, "占本年支出合计的100%", "占本年支出合计的90%", 1},
		{"占本年支出预算 (no 的)", beijing, "占本年支出预算63.99%", "占本年支出预算64.99%", 1},
		{"占本年支出预算, within rounding", beijing, "占本年支出预算63.99%", "占本年支出预算64%", 0},
		{"占部门支出总额的, of the 一般公共预算 total", central, "占部门支出总额的22.00%", "占部门支出总额的25.00%", 1},
		{"parts adding up to a printed total, one share far off", central, "教育支出118.01万元，占0.63%", "教育支出118.01万元，占2.63%", 1},
		{"a whole not told", central, "占部门支出总额的22.00%", "占项目支出的25.00%", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := read(t, tt.file)
			before := errorsOf(doc)
			for e := range before {
				if strings.HasPrefix(e, "TXT-08 ") && strings.Contains(e, tt.old) {
					t.Fatalf("reported as published: %s", e)
				}
			}
			editText(t, doc, tt.old, tt.new)
			fresh := freshFindings(before, doc, check.Error)
			if len(fresh) != tt.errs {
				t.Fatalf("%d new errors, want %d: %q", len(fresh), tt.errs, fresh)
			}
			for _, e := range fresh {
				if !strings.HasPrefix(e, "TXT-08 ") {
					t.Errorf("want TXT-08, got %s", e)
				}
			}
		})
	}
}

// TestTruncatedFigureInDocument: a narrative figure that is its cell, printed in
// whole 元, cut rather than rounded to the hundredths of 万元 (2,144.32万元 for
// 21,443,290元) is a remark (TAIL-01), not an error; one that is neither is.
func TestTruncatedFigureInDocument(t *testing.T) {
	summary := inYuan(t, table(t, disclosure.SummaryTable, [][]string{{"收入|2|1", "支出|2|1"}, {"项目", "预算数", "项目", "预算数"}}, [][]string{
		{"一、财政拨款", "21,443,290", "一、一般公共服务支出", "21,443,290"},
		{"收入总计", "21,443,290", "支出总计", "21,443,290"},
	}))
	summary.Columns[2].Kind = disclosure.TextCol
	for _, tt := range []struct {
		text      string
		errs, cut int
	}{
		{"2026年收入预算2,144.33万元。", 0, 0},
		{"2026年收入预算2,144.32万元。", 0, 1},
		{"2026年收入预算2,144.31万元。", 1, 0},
	} {
		doc := &disclosure.Document{Profile: "generic", Format: "generic", Kind: "部门预算", Year: 2026, Tables: []*disclosure.Table{summary},
			Parts: []disclosure.Part{{Number: 1, Title: "部门预算情况说明", Blocks: []disclosure.Block{{Kind: disclosure.Paragraph, Text: tt.text}}}}}
		fs := check.Run(doc, check.Options{}).Findings
		if got := findings(fs, "TXT-01", check.Error); len(got) != tt.errs {
			t.Errorf("%s: %d errors, want %d: %v", tt.text, len(got), tt.errs, got)
		}
		var cuts int
		for _, f := range findings(fs, "TAIL-01", check.Info) {
			if strings.Contains(f.Message, "截尾") {
				cuts++
			}
		}
		if cuts != tt.cut {
			t.Errorf("%s: %d truncation remarks, want %d: %v", tt.text, cuts, tt.cut, fs)
		}
	}
}

// TestSameFigure: two figures the text prints show the same amount when the finer,
// rounded to the coarser's last place, is the coarser; at the same precision they
// must be equal.
func TestSameFigure(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		same bool
	}{
		{"92.30", "92.30", true},
		{"92.30", "92.31", false},
		{"2,144", "2,143.87", true},
		{"2,143.87", "2,144", true},
		{"2,144", "2,143.49", false},
		{"2,144", "2,145", false},
		{"92.3", "92.34", true},
		{"92.3", "92.36", false},
		{"x", "92.30", false},
	} {
		if got := check.SameFigure(tt.a, tt.b); got != tt.same {
			t.Errorf("SameFigure(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}
