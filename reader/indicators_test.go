package reader

import (
	"strings"
	"testing"

	"yusuan/disclosure"
	"yusuan/format"
)

// gridLine is a line of positioned text for the grid tests: words at x, one
// character 10 wide, on a baseline at y.
func gridLine(no int, y float64, words ...any) *tline {
	var ws []word
	for i := 0; i+1 < len(words); i += 2 {
		x, text := words[i].(float64), words[i+1].(string)
		ws = append(ws, word{text: text, x0: x, x1: x + 10*float64(len([]rune(text))), col: -1})
	}
	l := newLine(1, no, y, ws)
	l.top, l.bottom = y-8, y+2
	return l
}

// TestIndicatorGrid reads a grid whose 一级指标 and 二级指标 cells merge over rows,
// printed once, centred on their rows, with a form's block and a label down the
// side: every row repeats the merged cells it lies in.
func TestIndicatorGrid(t *testing.T) {
	lines := []*tline{
		gridLine(1, 40, 10.0, "项目名称", 100.0, "某项目"),
		gridLine(2, 100, 60.0, "一级指标", 130.0, "二级指标", 220.0, "三级指标", 320.0, "指标值"),
		gridLine(3, 130, 140.0, "数量指标", 220.0, "甲", 320.0, "1"),
		gridLine(4, 155, 10.0, "绩", 60.0, "产出指标", 220.0, "乙", 320.0, "2"),
		gridLine(5, 167.5, 140.0, "质量指标"),
		gridLine(6, 180, 10.0, "效", 220.0, "丙", 320.0, "3"),
		gridLine(7, 198.5, 220.0, "丁丁丁丁丁"),
		gridLine(8, 205, 60.0, "效益指标", 130.0, "社会效益指标", 320.0, "4"),
		gridLine(9, 211.5, 220.0, "丁丁"),
	}
	spec := &format.Table{Kind: disclosure.ProjectPerformanceTable, Title: "绩效目标表", Layout: "indicators", Spans: []string{"level1", "level2"}}
	r := &tableReader{file: "t", spec: spec, t: &disclosure.Table{Kind: spec.Kind, Title: spec.Title}}
	r.readPage(lines, &tpage{number: 1, em: 10, lines: lines})
	tb, err := r.finish()
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, c := range tb.Columns {
		keys = append(keys, c.Key)
	}
	if got := strings.Join(keys, " "); got != "level1 level2 level3 value" {
		t.Fatalf("columns %q", got)
	}
	want := []string{
		"产出指标|数量指标|甲|1",
		"产出指标|质量指标|乙|2",
		"产出指标|质量指标|丙|3",
		"效益指标|社会效益指标|丁丁丁丁丁丁丁|4",
	}
	if len(tb.Rows) != len(want) {
		t.Fatalf("%d rows, want %d: %v", len(tb.Rows), len(want), tb.Rows)
	}
	for i, row := range tb.Rows {
		var cells []string
		for _, c := range row.Cells {
			cells = append(cells, c.Text)
		}
		if got := strings.Join(cells, "|"); got != want[i] {
			t.Errorf("row %d: %s, want %s", i+1, got, want[i])
		}
	}
}
