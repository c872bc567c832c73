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
	"yusuan/profile/profiletest"
)

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
		b := budgettest.Final(r, budgettest.Random(r, budgettest.Options{Classified: seed%4 == 0}))
		docs := documents(t, b)
		if len(docs) != 1 || docs[0].Kind != budget.DocFinal {
			t.Fatalf("seed %d: %d documents, want the 部门决算 alone", seed, len(docs))
		}
		doc := docs[0]
		if errs := profiletest.Errors(check.Run(doc, check.Options{})); len(errs) > 0 {
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
