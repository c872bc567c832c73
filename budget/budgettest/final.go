package budgettest

import (
	"math/rand"

	"yusuan/budget"
	"yusuan/money"
)

// Spend draws the 决算数 of a line item. It may return any amount that is not
// negative; FinalSpending balances the 决算 around it.
type Spend func(r *rand.Rand, li *budget.LineItem) money.Amount

// Final turns a random budget into a balanced random 部门决算 whose line items
// spend widely: a tenth nothing, a tenth more than budgeted and the rest half to
// all of their budget, so that property tests meet every kind of deviation. It
// changes b and returns it.
func Final(r *rand.Rand, b *budget.Budget) *budget.Budget { return FinalSpending(r, b, wide) }

// wide is Final's draw.
func wide(r *rand.Rand, li *budget.LineItem) money.Amount {
	switch r.Intn(10) {
	case 0:
		return 0
	case 1:
		return li.Amount + money.Amount(r.Int63n(1_000_000))
	}
	return Share(li.Amount, 500+r.Int63n(501))
}

// Share is permille thousandths of a, rounded down: exact integer arithmetic,
// since money is never a float.
func Share(a money.Amount, permille int64) money.Amount { return a * money.Amount(permille) / 1000 }

// FinalSpending turns a random budget into a balanced random 部门决算: spend draws
// each line item's 决算数, every unit receives what it spent and a random surplus
// that it carries out, carry-over spending comes out of the carry-in of its fund,
// and some units distribute and use non-fiscal balances. It changes b and returns
// it.
func FinalSpending(r *rand.Rand, b *budget.Budget, spend Spend) *budget.Budget {
	b.Profile, b.Document = "shanghai", budget.DocFinal
	f := &budget.Final{}
	// Carry-overs are kept by unit and fund, and for 政府性基金 and 国有资本经营 by
	// functional code too, as their tables print them.
	type key struct {
		unit, code string
		fund       budget.FundType
	}
	keyOf := func(li *budget.LineItem) key {
		k := key{unit: li.Unit, fund: budget.CarryFund(li.SourceFund())}
		if k.fund == budget.GovFund || k.fund == budget.StateCapital {
			k.code = li.Functional
		}
		return k
	}
	in, out := map[key]money.Amount{}, map[key]money.Amount{}
	var order []key
	for i := range b.Items {
		li := &b.Items[i]
		a := spend(r, li)
		li.Final = &a
		k := keyOf(li)
		if _, ok := in[k]; !ok {
			in[k] = 0
			order = append(order, k)
		}
		if li.Fund == budget.CarryOver {
			in[k] += a
			continue
		}
		extra := money.Amount(0)
		if r.Intn(3) == 0 {
			extra = money.Amount(r.Int63n(5_000_000))
		}
		f.Income = append(f.Income, budget.FinalIncome{Unit: li.Unit, Functional: li.Functional, Source: li.Fund, Amount: a + extra})
		out[k] += extra
	}
	for _, k := range order {
		if r.Intn(4) == 0 {
			c := money.Amount(r.Int63n(3_000_000))
			in[k] += c
			out[k] += c
		}
		if in[k] != 0 {
			f.CarryIn = append(f.CarryIn, budget.FinalCarry{Unit: k.unit, Fund: k.fund, Functional: k.code, Amount: in[k]})
		}
		if k.fund == budget.NonFiscal && r.Intn(3) == 0 {
			use := money.Amount(r.Int63n(1_000_000))
			dist := money.Amount(r.Int63n(int64(use + out[k] + 1)))
			f.UseBalance = append(f.UseBalance, budget.FinalCarry{Unit: k.unit, Fund: k.fund, Amount: use})
			f.Distribution = append(f.Distribution, budget.FinalCarry{Unit: k.unit, Fund: k.fund, Amount: dist})
			out[k] += use - dist
		}
		if out[k] != 0 {
			f.CarryOut = append(f.CarryOut, budget.FinalCarry{Unit: k.unit, Fund: k.fund, Functional: k.code, Amount: out[k]})
		}
	}
	if r.Intn(2) == 0 {
		f.LastYear = budget.FinalLastYear{Total: money.Amount(r.Int63n(1e10)), FiscalTotal: money.Amount(r.Int63n(1e10)),
			GeneralSpending: money.Amount(r.Int63n(1e10)), OfficeCost: money.Amount(r.Int63n(1e8)), CompareSanGong: true}
	}
	f.Procurement = budget.FinalProcurement{Goods: money.Amount(r.Int63n(1e8)), Services: money.Amount(r.Int63n(1e8))}
	b.Final = f
	return b
}
