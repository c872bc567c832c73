package check_test

import (
	"testing"

	"yusuan/check"
	"yusuan/disclosure"
)

// TestFiscalSummaryHiddenIncome: a 收支总表 whose only income other than 财政拨款 is
// printed 0.00 may hide up to half a unit there (1.96 元 in 万元), so its 本年收入合计
// may be 0.01 above the 财政拨款收支总表's: a tail, not an X-03 error. With the other
// income left blank the totals must agree exactly, and 0.02 apart is an error
// either way.
func TestFiscalSummaryHiddenIncome(t *testing.T) {
	header := [][]string{{"收入|2|1", "支出|2|1"}, {"项目", "预算数", "项目", "预算数"}}
	summary := func(other, total string) *disclosure.Table {
		tb := table(t, disclosure.SummaryTable, header, [][]string{
			{"一、财政拨款", "761.56", "一、一般公共服务支出", total},
			{"二、财政专户管理资金", other, "", ""},
			{"本年收入合计", total, "本年支出合计", total},
		})
		tb.Columns[2].Kind = disclosure.TextCol
		return tb
	}
	fiscal := func() *disclosure.Table {
		tb := table(t, disclosure.FiscalSummaryTable, header, [][]string{
			{"一、本年收入", "761.56", "一、本年支出", "761.56"},
			{"（一）一般公共预算拨款", "761.56", "（一）一般公共服务支出", "761.56"},
			{"本年收入合计", "761.56", "本年支出合计", "761.56"},
		})
		tb.Number = 6
		tb.Columns[2].Kind = disclosure.TextCol
		return tb
	}
	for _, tt := range []struct {
		name, other, total string
		errs               int
	}{
		{"0.00 hides 1.96 元", "0.00", "761.57", 0},
		{"blank hides nothing", "", "761.57", 1},
		{"beyond half a unit", "0.00", "761.58", 1},
		{"the same", "0.00", "761.56", 0},
	} {
		if got := findings(run(summary(tt.other, tt.total), fiscal()), "X-03", check.Error); len(got) != tt.errs {
			t.Errorf("%s: %d X-03 errors, want %d: %v", tt.name, len(got), tt.errs, got)
		}
	}
}
