package check

import (
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
