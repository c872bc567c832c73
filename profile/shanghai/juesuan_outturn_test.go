package shanghai_test

import (
	"testing"

	"yusuan/money"
)

// TestPutuoOutturn checks the portal's 预算 against 决算 with the tables it sits
// beside: the 决算数 add up to 表3's 本年支出合计 and the basic ones to its 基本支出,
// and the 三公 items are 表7's 预算数 and 决算数.
func TestPutuoOutturn(t *testing.T) {
	doc := putuoFinal(t)
	o := doc.Outturn
	if o == nil || len(o.Functional) == 0 || len(o.Economic) == 0 {
		t.Fatalf("outturn = %+v, want rows", o)
	}
	var final, basic, budgeted money.Amount
	for _, r := range o.Functional {
		if len(r.Code) != 7 || r.Name == "" || r.Name == r.Code {
			t.Errorf("functional row %+v: want a named 项", r)
		}
		final += r.Final
		budgeted += *r.Budget
	}
	for _, r := range o.Economic {
		basic += r.Final
	}
	spending := doc.Tables[2]
	if got, want := final.Round(money.Wan/100), amountAt(spending.Rows[0], 1); got != want {
		t.Errorf("决算数 add up to %s, 表3 合计 prints %s", got, want)
	}
	if got, want := basic.Round(money.Wan/100), amountAt(spending.Rows[0], 2); got != want {
		t.Errorf("basic 决算数 add up to %s, 表3 基本支出 prints %s", got, want)
	}
	if budgeted == 0 {
		t.Error("no 年初预算 in the outturn")
	}
	sg := doc.Tables[6].Rows[0]
	// 表7's columns: 合计, 因公出国（境）, 公务用车小计, 购置, 运行, 接待; 预算数 then 决算数.
	cols := map[string]int{"abroad": 2, "car_purchase": 6, "car_running": 8, "reception": 10}
	for _, r := range o.SanGong {
		i := cols[r.Code]
		if *r.Budget != amountAt(sg, i) || r.Final != amountAt(sg, i+1) {
			t.Errorf("三公 %s: %s/%s, 表7 prints %s/%s", r.Code, *r.Budget, r.Final, amountAt(sg, i), amountAt(sg, i+1))
		}
	}
	if len(o.SanGong) != 4 {
		t.Errorf("%d 三公 items, want 4", len(o.SanGong))
	}
}
