package shanghai_test

import (
	"math/rand"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"yusuan/budget"
	"yusuan/budget/budgettest"
	"yusuan/check"
	"yusuan/disclosure"
	"yusuan/money"
)

// randomFinal turns a random budget into a balanced random 部门决算: each line item
// spends a random part of its budget (now and then more, or nothing), every unit
// receives what it spent and a random surplus that it carries out, carry-over
// spending comes out of the carry-in of its fund, and some units distribute and
// use non-fiscal balances.
func randomFinal(r *rand.Rand, b *budget.Budget) *budget.Budget {
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

var completionRe = regexp.MustCompile(`年初预算为([0-9.]+)万元，支出决算为([0-9.]+)万元，完成年初预算的([0-9.]+)%`)

// TestRandomFinalsPassChecks derives random 部门决算 and requires the checker to find
// no error, the carry-over identity of 表1 and 表4 to hold exactly, and the 完成率
// of 五（三） to follow from its two amounts.
func TestRandomFinalsPassChecks(t *testing.T) {
	seeds := int64(100)
	if testing.Short() {
		seeds = 20
	}
	for seed := int64(0); seed < seeds; seed++ {
		r := rand.New(rand.NewSource(seed))
		b := randomFinal(r, budgettest.Random(r, budgettest.Options{Classified: seed%4 == 0}))
		docs := documents(t, b)
		if len(docs) != 1 || docs[0].Kind != budget.DocFinal {
			t.Fatalf("seed %d: %d documents, want the 部门决算 alone", seed, len(docs))
		}
		doc := docs[0]
		if errs := errorsOf(check.Run(doc, check.Options{})); len(errs) > 0 {
			t.Fatalf("seed %d: the 决算 has errors:\n%s", seed, strings.Join(errs, "\n"))
		}
		for _, n := range []int{0, 3} {
			tab := doc.Tables[n]
			last := tab.Rows[len(tab.Rows)-1]
			income, spending := amountAt(last, 1), amountAt(last, 3)
			if income != spending {
				t.Errorf("seed %d: %s 总计 %s against %s", seed, tab.Title, income, spending)
			}
		}
		// 表1: 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 = 总计 = 本年支出合计 + 结余分配 + 年末.
		t1 := doc.Tables[0].Rows
		n := len(t1)
		if in, out, total := amountAt(t1[n-4], 1)+amountAt(t1[n-3], 1)+amountAt(t1[n-2], 1),
			amountAt(t1[n-4], 3)+amountAt(t1[n-3], 3)+amountAt(t1[n-2], 3), amountAt(t1[n-1], 1); in != total || out != total {
			t.Errorf("seed %d: 表1 carry-over identity: %s, %s, 总计 %s", seed, in, out, total)
		}
		for _, p := range doc.Parts {
			for _, bl := range p.Blocks {
				for _, m := range completionRe.FindAllStringSubmatch(bl.Text, -1) {
					// P is printed to 0.01%, A and B to 0.01 万元: P must lie within
					// what amounts that print as A and B give.
					a, b, p := atof(m[1]), atof(m[2]), atof(m[3])
					if a < 0.01 {
						continue
					}
					lo, hi := (max(b-0.005, 0))/(a+0.005)*100-0.005, (b+0.005)/(a-0.005)*100+0.005
					if p < lo || p > hi {
						t.Errorf("seed %d: %s: 完成率 outside %.4f%%..%.4f%%", seed, m[0], lo, hi)
					}
				}
			}
		}
	}
}

func atof(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

func amountAt(r disclosure.Row, i int) money.Amount {
	if i < len(r.Cells) && r.Cells[i].Amount != nil {
		return *r.Cells[i].Amount
	}
	return 0
}
