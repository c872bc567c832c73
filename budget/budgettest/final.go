package budgettest

import (
	"math/rand"

	"yusuan/budget"
	"yusuan/money"
)

// Final turns a random budget into a balanced random 部门决算: each line item
// spends a random part of its budget (now and then more, or nothing), every unit
// receives what it spent and a random surplus that it carries out, carry-over
// spending comes out of the carry-in of its fund, and some units distribute and
// use non-fiscal balances. It changes b and returns it.
func Final(r *rand.Rand, b *budget.Budget) *budget.Budget {
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
		var a money.Amount
		switch p := r.Float64(); {
		case p < 0.1:
			a = 0
		case p < 0.2:
			a = li.Amount + money.Amount(r.Int63n(1_000_000))
		default:
			a = money.Amount(float64(li.Amount) * (0.5 + r.Float64()/2))
		}
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
