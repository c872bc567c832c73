package disclosure

import "testing"

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
