package money

import (
	"math/rand"
	"testing"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		a    Amount
		u    Unit
		want string
	}{
		{67629100_00, UnitWan, "6,762.91"},
		{5348250_00, UnitWan, "534.83"}, // 534.825 rounds half up
		{5348249_99, UnitWan, "534.82"},
		{-180000_00, UnitWan, "-18.00"},
		{-5000, UnitWan, "-0.01"}, // -0.005 rounds away from zero
		{0, UnitWan, "0.00"},
		{22118861_00, UnitYuan, "22,118,861.00"},
		{12345, UnitYuan, "123.45"},
		{999_999_999_999_99, UnitYuan, "999,999,999,999.99"},
	}
	for _, tc := range tests {
		if got := tc.a.Format(tc.u); got != tc.want {
			t.Errorf("%d.Format(%s) = %s, want %s", tc.a, tc.u, got, tc.want)
		}
	}
}

func TestParse(t *testing.T) {
	good := map[string]Amount{"1,234.56": 123456, "0": 0, "-3": -300, "+7.5": 750, ".5": 50, "1，000": 100000}
	for s, want := range good {
		got, err := Parse(s, UnitYuan)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	if got, err := Parse("6762.91", UnitWan); err != nil || got != 67629100_00 {
		t.Errorf("Parse 万元 = %d, %v", got, err)
	}
	for _, s := range []string{"", "abc", "1.2.3", "1.234", "一百", "1e5", "--1", "12345678901234567"} {
		if _, err := Parse(s, UnitYuan); err == nil {
			t.Errorf("Parse(%q) accepted", s)
		}
	}
}

func TestParsePlainRoundTrip(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 10000; i++ {
		a := Amount(r.Int63n(1<<50) - 1<<49)
		got, err := Parse(a.Plain(UnitYuan), UnitYuan)
		if err != nil || got != a {
			t.Fatalf("round trip of %d gave %d, %v", a, got, err)
		}
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		this, last Amount
		want       string
	}{
		{67629100_00, 50470000_00, "34.0%"},
		{27_000000, 46_800000, "-42.3%"},
		{5_000000, 2_000000, "150.0%"},
		{1, 3, "-66.7%"},
		{2, 3, "-33.3%"},
	}
	for _, tc := range tests {
		got, ok := Percent(tc.this, tc.last)
		if !ok || FormatTenths(got) != tc.want {
			t.Errorf("Percent(%d, %d) = %s, want %s", tc.this, tc.last, FormatTenths(got), tc.want)
		}
	}
	if _, ok := Percent(5, 0); ok {
		t.Error("a percentage from zero")
	}
}

// TestRoundingNeverSumsRounded: the rounded sum of exact parts may differ from the
// sum of rounded parts by at most n half-units — the tail a checker tolerates.
func TestRoundingTailBound(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for i := 0; i < 2000; i++ {
		n := 1 + r.Intn(20)
		var exact Amount
		var rounded int64
		for j := 0; j < n; j++ {
			a := Amount(r.Int63n(1e10))
			exact += a
			rounded += a.Hundredths(UnitWan)
		}
		diff := exact.Hundredths(UnitWan) - rounded
		if diff < 0 {
			diff = -diff
		}
		if diff*2 > int64(n)+1 {
			t.Fatalf("tail %d hundredths for %d parts", diff, n)
		}
	}
}
