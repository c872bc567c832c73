package rebuild

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"yusuan/money"
)

func wan(hundredths int64) money.Amount { return money.Amount(hundredths) * money.Wan / 100 }

// TestTransportKeepsMargins allocates random margins of equal totals and checks that
// every row and column adds up, that preferred pairs come first, and that unequal
// totals are refused.
func TestTransportKeepsMargins(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 200; n++ {
		rows, cols := newMargin(), newMargin()
		var total money.Amount
		for i := 0; i < 1+r.IntN(6); i++ {
			a := money.Amount(r.Int64N(1_000_000_000))
			rows.add(fmt.Sprintf("r%d", i), a)
			total += a
		}
		for i := 0; total > 0; i++ {
			a := min(total, money.Amount(r.Int64N(1_000_000_000)))
			if r.IntN(3) == 0 {
				a = total
			}
			cols.add(fmt.Sprintf("c%d", i), a)
			total -= a
		}
		cells, err := transport("test", rows, cols, func(row, col string) int {
			if row == "r0" && col == "c1" {
				return 1
			}
			return 0
		})
		if err != nil {
			t.Fatal(err)
		}
		gotRows, gotCols := map[string]money.Amount{}, map[string]money.Amount{}
		for _, c := range cells {
			if c.amt <= 0 {
				t.Fatalf("cell %v is not positive", c)
			}
			gotRows[c.row] += c.amt
			gotCols[c.col] += c.amt
		}
		for _, m := range []struct {
			want *margin
			got  map[string]money.Amount
		}{{rows, gotRows}, {cols, gotCols}} {
			for _, k := range m.want.keys {
				if m.want.amt[k] != m.got[k] {
					t.Fatalf("%s: allocated %s, want %s", k, m.got[k], m.want.amt[k])
				}
			}
		}
		if _, ok := cols.amt["c1"]; ok {
			want := min(rows.amt["r0"], cols.amt["c1"])
			for _, c := range cells {
				if c.row == "r0" && c.col == "c1" && c.amt < want {
					t.Fatalf("preferred pair r0 × c1 got %s, want at least %s", c.amt, want)
				}
			}
		}
	}
	rows, cols := newMargin(), newMargin()
	rows.add("a", 100)
	cols.add("b", 101)
	if _, err := transport("test", rows, cols, nil); err == nil {
		t.Fatal("unequal totals allocated")
	}
}

// TestExactTails reads the 财政局's 工资福利支出: its nine items print 8,490.43 in all
// and the class 8,490.42, so the items cannot all be what they print.
func TestExactTails(t *testing.T) {
	printed := map[string]money.Amount{
		"301":   wan(849042),
		"30101": wan(139846), "30102": wan(397695), "30103": wan(84032), "30108": wan(59689),
		"30109": wan(29845), "30110": wan(24345), "30112": wan(747), "30113": wan(64113), "30199": wan(48731),
		"303":   wan(106696),
		"30301": wan(3331), "30302": wan(101438), "30305": wan(1928),
	}
	root := wan(849042 + 106696)
	got, err := exact(printed, root)
	if err != nil {
		t.Fatal(err)
	}
	sums := map[string]money.Amount{}
	for code, a := range got {
		if len(code) == 5 {
			sums[code[:3]] += a
			if a.Format(money.UnitWan) != printed[code].Format(money.UnitWan) {
				t.Errorf("%s: exact %s prints %s, published %s", code, a, a.Wan(), printed[code].Wan())
			}
		}
	}
	for _, class := range []string{"301", "303"} {
		if sums[class] != got[class] || got[class] != printed[class] {
			t.Errorf("%s: items add up to %s, class %s, published %s", class, sums[class], got[class], printed[class])
		}
	}
	// A column that adds up comes back as printed.
	plain := map[string]money.Amount{"201": wan(300), "20101": wan(100), "20102": wan(200)}
	got, err = exact(plain, wan(300))
	if err != nil {
		t.Fatal(err)
	}
	for code, a := range plain {
		if got[code] != a {
			t.Errorf("%s: %s, want %s as printed", code, got[code], a)
		}
	}
	// A parent that no rounding of its children reaches is refused.
	if _, err := exact(map[string]money.Amount{"201": wan(300), "20101": wan(100), "20102": wan(205)}, wan(300)); err == nil {
		t.Error("a parent 0.05 off two children accepted")
	}
}
