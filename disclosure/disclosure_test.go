package disclosure

import (
	"math/rand"
	"reflect"
	"testing"
)

func TestGridPlacesSpans(t *testing.T) {
	rows := [][]Cell{
		{{Text: "a", RowSpan: 2}, {Text: "b", ColSpan: 2}},
		{T("c"), T("d")},
	}
	g := Grid(rows, 3)
	want := [][]int{{0, 1}, {1, 2}}
	for r, row := range g {
		for i, p := range row {
			if p.Col != want[r][i] {
				t.Errorf("row %d cell %d at column %d, want %d", r, i, p.Col, want[r][i])
			}
		}
	}
}

func TestGridCutsHostileSpans(t *testing.T) {
	rows := [][]Cell{{{Text: "x", RowSpan: 1 << 30, ColSpan: 1 << 30}}, {T("y")}}
	g := Grid(rows, 4)
	if cs, rs := g[0][0].Span(); cs != 4 || rs != 2 {
		t.Errorf("span cut to %d×%d, want 4×2", cs, rs)
	}
	if g[1][0].Col != 4 {
		t.Errorf("cell below a full-width span placed at column %d, want 4", g[1][0].Col)
	}
}

func TestChineseNumber(t *testing.T) {
	for n, want := range map[int]string{1: "一", 10: "十", 12: "十二", 20: "二十", 99: "九十九"} {
		if got := ChineseNumber(n); got != want {
			t.Errorf("ChineseNumber(%d) = %s, want %s", n, got, want)
		}
	}
}

// gridByPositions is Grid as it was first written, with a set of covered
// positions: the reference the faster Grid must agree with.
func gridByPositions(rows [][]Cell, ncols int) [][]Placed {
	bound := max(ncols, 1)
	for _, row := range rows {
		bound = max(bound, len(row))
	}
	covered := map[[2]int]bool{}
	out := make([][]Placed, len(rows))
	for r, row := range rows {
		col := 0
		for _, c := range row {
			for covered[[2]int{r, col}] {
				col++
			}
			cs, rs := c.Span()
			c.ColSpan, c.RowSpan = min(cs, bound), min(rs, len(rows)-r)
			for dr := 0; dr < c.RowSpan; dr++ {
				for dc := 0; dc < c.ColSpan; dc++ {
					covered[[2]int{r + dr, col + dc}] = true
				}
			}
			out[r] = append(out[r], Placed{Cell: c, Row: r, Col: col})
			col += c.ColSpan
		}
	}
	return out
}

// TestGridMatchesCoveredPositions places random tables of random spans (hostile
// ones included) with Grid and with the reference and wants the same placement.
func TestGridMatchesCoveredPositions(t *testing.T) {
	rnd := rand.New(rand.NewSource(10))
	span := func() int {
		switch rnd.Intn(8) {
		case 0:
			return 0
		case 1:
			return 1 << 30
		default:
			return 1 + rnd.Intn(3)
		}
	}
	for i := range 2000 {
		rows := make([][]Cell, rnd.Intn(8))
		for r := range rows {
			for range rnd.Intn(6) {
				rows[r] = append(rows[r], Cell{Text: "x", ColSpan: span(), RowSpan: span()})
			}
		}
		ncols := rnd.Intn(7)
		if got, want := Grid(rows, ncols), gridByPositions(rows, ncols); !reflect.DeepEqual(got, want) {
			t.Fatalf("table %d (%d columns) %v: placed %v, want %v", i, ncols, rows, got, want)
		}
	}
}
