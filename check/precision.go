package check

import (
	"math/big"
	"regexp"
	"strings"

	"yusuan/money"
)

// One rule of precision serves every comparison of printed figures, in this file.
// A figure printed to a place (its step: 0.01万元, 1元, whole 万元) stands for any
// amount within half that place of it. Two printed figures, or a printed total and
// the sum of its printed parts, contradict each other only when they differ by more
// than the halves of every figure involved (withinTails). A figure printed to a
// coarser place than a cell shows the cell when the cell rounded to that place is
// the figure, a tie going either way since the cell is rounded too (shows); a
// figure that shows a cell only cut, not rounded, is a remark (cuts: TAIL-01,
// 截尾而非四舍五入), never an error.
//
// Tables and cross-table sums (balance, BalanceAcross, Equal), the narrative's
// figures against the tables (Figure, judgeFigure: 三公, 重点项目, 类款项 items),
// its own sums (TextSum, listSum: 政府采购 and other lists of parts), and its
// stated changes and shares (printed intervals) all go through these.
//
// A percentage printed with d decimals (65.56%) likewise stands for any value
// within half a unit of its last decimal (percent), and a share or change of
// figures each known within their printed halves for any quotient of such
// figures (percentOf). The percentage is right when the two meet (fits), one unit
// short in its last decimal is a cut (cutFrom); both compared exactly, as
// rationals, never as floats.

// hundredth is the last place of a figure in 万元 printed with two decimals.
const hundredth = money.Wan / 100

// rounded is how many of two decimals a printed number leaves out.
func rounded(num string) int {
	i := strings.IndexByte(num, '.')
	if i < 0 {
		return 2
	}
	return max(0, 2-(len(num)-i-1))
}

// place is the step of a figure in 万元 printed with roundedOut of its two
// decimals left out: 0.01万元, 0.1万元, or 1万元 for a whole 万元.
func place(roundedOut int) money.Amount {
	step := hundredth
	for range roundedOut {
		step *= 10
	}
	return step
}

// withinTails reports whether a difference lies within the rounding of n
// separately rounded figures, each at most half of step, the last printed place.
func withinTails(diff money.Amount, n int, step money.Amount) bool {
	return int64(diff.Abs()/step)*2 <= int64(n)
}

// shows reports whether figure p, printed to step, shows amount a, printed to the
// finer place fine and perhaps the sum of tails such cells: a rounded to step is
// p, give or take half of step on a tie and half of fine for each of a's cells.
func shows(p, step, a, fine money.Amount, tails int) bool {
	return withinTails(p.Round(fine)-a.Round(fine), int(step/fine)+tails, fine)
}

// cuts reports whether figure p, printed to step, is amount a cut, not rounded,
// to step (56.78万元 for a cell of 567,890元).
func cuts(p, step, a money.Amount) bool {
	if a < 0 || p < 0 {
		return false
	}
	cut := a / step * step
	return p == cut && a != cut
}

// SamePrinted reports whether a figure in 万元 printed with roundedOut of its two
// decimals left out shows amount a, itself printed to 0.01万元 and perhaps the
// sum of tails such cells (shows).
func SamePrinted(printed, a money.Amount, roundedOut, tails int) bool {
	return shows(printed, place(roundedOut), a, hundredth, tails)
}

// Truncates reports whether a figure in 万元 printed with roundedOut of its two
// decimals left out is amount a cut, not rounded (cuts).
func Truncates(printed, a money.Amount, roundedOut int) bool {
	return cuts(printed, place(roundedOut), a)
}

// SameFigure reports whether two figures the text prints in 万元 (as printed:
// 2,144 or 2,143.87) show the same amount: the finer, rounded to the coarser's
// last place, is the coarser (shows). False when either is no number.
func SameFigure(a, b string) bool {
	p, errP := money.Parse(a, money.UnitWan)
	q, errQ := money.Parse(b, money.UnitWan)
	if errP != nil || errQ != nil {
		return false
	}
	rp, rq := rounded(a), rounded(b)
	if rp < rq {
		p, q, rp, rq = q, p, rq, rp
	}
	return shows(p, place(rp), q, hundredth, 0)
}

// printed is a figure as the text prints it, for judging intervals (stated
// changes, shares, lists of parts): its value in thousandths of 万元 and half a
// unit of its last printed decimal, in the same thousandths.
type printed struct {
	v, half int64
}

func parsePrinted(s string) (printed, bool) {
	a, err := money.Parse(s, money.UnitWan)
	if err != nil {
		return printed{}, false
	}
	return printed{v: a.Hundredths(money.UnitWan) * 10, half: int64(place(rounded(s)) / hundredth * 5)}, true
}

// agree reports whether printed figures that should differ by d (thousandths of
// 万元) may: d lies within the halves of every figure involved (withinTails, in
// thousandths).
func agree(d int64, figures ...printed) bool {
	var tol int64
	for _, f := range figures {
		tol += f.half
	}
	return withinTails(money.Amount(d), int(2*tol), 1)
}

// formatThousandths writes a printed figure's value (thousandths of 万元) as 万元
// with two decimals.
func formatThousandths(v int64) string {
	return money.Amount(v / 10 * int64(hundredth)).Format(money.UnitWan)
}

// percent is a percentage as printed (65.56 of 65.56%): its exact value and how
// many decimals it prints.
type percent struct {
	v      *big.Rat
	digits int
}

// percentRe is a percentage's number as printed: digits, perhaps signed, perhaps
// with decimals.
var percentRe = regexp.MustCompile(`^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$`)

// parsePercent reads a percentage's number as printed (65.56, -60.86); false
// when it is no number.
func parsePercent(s string) (percent, bool) {
	if !percentRe.MatchString(s) {
		return percent{}, false
	}
	v, ok := new(big.Rat).SetString(strings.TrimSuffix(s, "."))
	if !ok {
		return percent{}, false
	}
	digits := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		digits = len(s) - i - 1
	}
	return percent{v: v, digits: digits}, true
}

// unit is a unit of the percentage's last printed decimal (0.01 for 65.56).
func (p percent) unit() *big.Rat {
	return new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(p.digits)), nil))
}

// String is the percentage with the decimals it prints.
func (p percent) String() string {
	return p.v.FloatString(p.digits)
}

// quotients are the percentages 100×n/d for n within [n0, n1] and d within
// [d0, d1], d0 > 0: a share or change of figures known within their printed
// halves, the figures in any one unit.
type quotients struct {
	lo, hi *big.Rat
}

// percentOf is the interval of 100×n/d for n within [n0, n1] and d within
// [d0, d1]; false unless 0 < d0 <= d1 and n0 <= n1.
func percentOf(n0, n1, d0, d1 int64) (quotients, bool) {
	if d0 <= 0 || d1 < d0 || n1 < n0 {
		return quotients{}, false
	}
	q := func(n, d int64) *big.Rat {
		r := new(big.Rat).SetFrac64(n, d)
		return r.Mul(r, big.NewRat(100, 1))
	}
	lo, hi := q(n0, d1), q(n1, d1)
	if x := q(n0, d0); x.Cmp(lo) < 0 {
		lo = x
	}
	if x := q(n1, d0); x.Cmp(hi) > 0 {
		hi = x
	}
	return quotients{lo: lo, hi: hi}, true
}

// fits reports whether p, standing for any value within half its last decimal,
// may be one of q: the two intervals meet, ends included.
func (p percent) fits(q quotients) bool {
	half := p.unit()
	half.Quo(half, big.NewRat(2, 1))
	lo := new(big.Rat).Sub(q.lo, half)
	hi := new(big.Rat).Add(q.hi, half)
	return p.v.Cmp(lo) >= 0 && p.v.Cmp(hi) <= 0
}

// cutFrom reports whether p lies below every one of q by at most a unit of its
// last decimal: q's least value cut, not rounded (TAIL-01).
func (p percent) cutFrom(q quotients) bool {
	lo := new(big.Rat).Sub(q.lo, p.unit())
	return p.v.Cmp(q.lo) < 0 && p.v.Cmp(lo) >= 0
}

// distance is how far p lies from q: zero within it, else to its nearer end.
func (p percent) distance(q quotients) *big.Rat {
	d := new(big.Rat).Sub(q.lo, p.v)
	if up := new(big.Rat).Sub(p.v, q.hi); up.Cmp(d) > 0 {
		d = up
	}
	if d.Sign() < 0 {
		d.SetInt64(0)
	}
	return d
}

// percentString writes 100×n/d, d > 0, with that many decimals, rounded half
// away from zero.
func percentString(n, d int64, decimals int) string {
	r := new(big.Rat).SetFrac64(n, d)
	return r.Mul(r, big.NewRat(100, 1)).FloatString(decimals)
}
