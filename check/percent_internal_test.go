package check

import "testing"

// TestPercentEdges: a printed percentage is compared with an interval of
// quotients exactly, its half unit included at both ends. 1 ÷ 8 is 12.5%
// exactly: 12% and 13% both round to it, a quotient the least bit above it
// (1,000,000,000,001 ÷ 8,000,000,000,000) is not 12%, one the least bit below
// it is not 13%; 12.4% is 12.5% cut, 12.3% is not. A cut is any value up to a
// unit below the interval (cutFrom is asked only of a percentage that does not
// fit).
func TestPercentEdges(t *testing.T) {
	const big = 1_000_000_000_000
	for _, tt := range []struct {
		pct            string
		n0, n1, d0, d1 int64
		fits, cut      bool
	}{
		{"12", 1, 1, 8, 8, true, true},
		{"13", 1, 1, 8, 8, true, false},
		{"12", big + 1, big + 1, 8 * big, 8 * big, false, true},
		{"13", big + 1, big + 1, 8 * big, 8 * big, true, false},
		{"13", big - 1, big - 1, 8 * big, 8 * big, false, false},
		{"12", big - 1, big - 1, 8 * big, 8 * big, true, true},
		{"12.5", 1, 1, 8, 8, true, false},
		{"12.4", 1, 1, 8, 8, false, true},
		{"12.3", 1, 1, 8, 8, false, false},
		{"12.49", 1, 1, 8, 8, false, true},
		{"12.48", 1, 1, 8, 8, false, false},
		{"12.6", 1, 1, 8, 8, false, false},
		// An interval: 1 to 3 of 8 to 16 is 6.25% to 37.5%.
		{"6.2", 1, 3, 8, 16, true, true},
		{"6.1", 1, 3, 8, 16, false, false},
		{"6.24", 1, 3, 8, 16, false, true},
		{"6.23", 1, 3, 8, 16, false, false},
		{"37.5", 1, 3, 8, 16, true, false},
		{"37.6", 1, 3, 8, 16, false, false},
		// A change downwards: -3 to -1 of 8 to 16 is -37.5% to -6.25%.
		{"-37.5", -3, -1, 8, 16, true, false},
		{"-37.6", -3, -1, 8, 16, false, true},
		{"-37.7", -3, -1, 8, 16, false, false},
		{"-6.2", -3, -1, 8, 16, true, false},
		{"-6.1", -3, -1, 8, 16, false, false},
	} {
		p, ok := parsePercent(tt.pct)
		q, okQ := percentOf(tt.n0, tt.n1, tt.d0, tt.d1)
		if !ok || !okQ {
			t.Fatalf("%s%%: not read", tt.pct)
		}
		if got := p.fits(q); got != tt.fits {
			t.Errorf("%s%% of %d…%d ÷ %d…%d: fits %v, want %v", tt.pct, tt.n0, tt.n1, tt.d0, tt.d1, got, tt.fits)
		}
		if got := p.cutFrom(q); got != tt.cut {
			t.Errorf("%s%% of %d…%d ÷ %d…%d: cut %v, want %v", tt.pct, tt.n0, tt.n1, tt.d0, tt.d1, got, tt.cut)
		}
	}
	for _, s := range []string{"", "1e3", "1/2", "Inf", "NaN", "1,000", "."} {
		if _, ok := parsePercent(s); ok {
			t.Errorf("%q read as a percentage", s)
		}
	}
	if _, ok := percentOf(1, 1, 0, 8); ok {
		t.Error("a whole that may be zero gives a percentage")
	}
	if got := percentString(1, 8, 1); got != "12.5" {
		t.Errorf("1 ÷ 8 = %s%%", got)
	}
	if got := percentString(1, 800, 2); got != "0.13" {
		t.Errorf("1 ÷ 800 = %s%%, want 0.125 rounded half up", got)
	}
}
