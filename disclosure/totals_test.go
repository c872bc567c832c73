package disclosure

import "testing"

func TestPrintedTotalRow(t *testing.T) {
	type r struct{ code, label string }
	for _, c := range []struct {
		name string
		rows []r
		want int
	}{
		{"合计 row", []r{{"201", "一般公共服务支出"}, {"", "合 计"}}, 1},
		{"department row heads units", []r{{"", "深圳市水务局"}, {"", "深圳市水务局（本级）"}, {"213", "农林水支出"}}, 0},
		{"合计 before a first uncoded row", []r{{"", "某单位"}, {"", "支出合计"}}, 1},
		{"a year's 合计 is not the total", []r{{"201", "一般公共服务支出"}, {"", "2025年合计"}}, -1},
		{"only coded rows", []r{{"201", "一般公共服务支出"}, {"20101", "人大事务"}}, -1},
		{"no rows", nil, -1},
	} {
		got := PrintedTotalRow(len(c.rows), func(i int) string { return c.rows[i].code }, func(i int) string { return c.rows[i].label })
		if got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}
