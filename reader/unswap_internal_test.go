package reader

import (
	"strings"
	"testing"

	"yusuan/disclosure"
)

// TestNarrateLineTakenEarly: `pdftotext -layout` prints a line that starts with a
// figure in a taller font one line before the line it continues, with an empty
// line above and below the pair. The paragraph reads on in the PDF's order, and a
// paragraph whose two lines stand between empty lines in their right order is
// left as it is.
func TestNarrateLineTakenEarly(t *testing.T) {
	text := strings.Join([]string{
		"  （二）一般公共预算财政拨款支出决算结构情况",
		"",
		"    一般公共预算财政拨款支出100.00万元，主要用于以下方面：一般公共服务支出",
		"（类）60.00万元，占60.00%；社会保障和就业支出（类）20.00万元，占20.00%；",
		"",
		"15.00%；",
		"卫生健康支出（类）5.00万元，占5.00%；住房保障支出（类）15.00万元，占",
		"",
		"",
		"  （三）一般公共预算财政拨款支出决算具体情况",
		"",
		"    2024年度一般公共预算财政拨款支出年初预算为105.00万元，支出决算为100.00",
		"万元，完成年初预算的95.24%。",
		"",
		"1、一般公共服务支出（类）财政事务（款）财政委托业务支出（项）。主要用于：",
		"",
		"20.00万元。决算数小于预算数的主要原因：因个别项目评审费未能实施或未来得及",
		"委托中介机构开展各类审计及绩效评价工作。年初预算为21.00万元，支出决算为",
		"",
		"支付完毕，于明年重新申请。",
	}, "\n")
	p := layoutPages(text)[0]
	right := 0.0
	for _, l := range p.lines {
		right = max(right, l.words[len(l.words)-1].x1)
	}
	blocks := narrate(p.lines, false, map[int]float64{1: 1}, map[int]float64{1: right}, 1)
	want := []disclosure.Block{
		{Kind: disclosure.Heading, Text: "（二）一般公共预算财政拨款支出决算结构情况"},
		{Kind: disclosure.Paragraph, Text: "一般公共预算财政拨款支出100.00万元，主要用于以下方面：一般公共服务支出（类）60.00万元，占60.00%；社会保障和就业支出（类）20.00万元，占20.00%；卫生健康支出（类）5.00万元，占5.00%；住房保障支出（类）15.00万元，占15.00%；"},
		{Kind: disclosure.Heading, Text: "（三）一般公共预算财政拨款支出决算具体情况"},
		{Kind: disclosure.Paragraph, Text: "2024年度一般公共预算财政拨款支出年初预算为105.00万元，支出决算为100.00万元，完成年初预算的95.24%。"},
		{Kind: disclosure.ListItem, Text: "1、一般公共服务支出（类）财政事务（款）财政委托业务支出（项）。主要用于："},
		{Kind: disclosure.Paragraph, Text: "委托中介机构开展各类审计及绩效评价工作。年初预算为21.00万元，支出决算为20.00万元。决算数小于预算数的主要原因：因个别项目评审费未能实施或未来得及支付完毕，于明年重新申请。"},
	}
	if len(blocks) != len(want) {
		for _, b := range blocks {
			t.Logf("%s %s", b.Kind, b.Text)
		}
		t.Fatalf("%d blocks, want %d", len(blocks), len(want))
	}
	for i, b := range blocks {
		if b.Kind != want[i].Kind || b.Text != want[i].Text {
			t.Errorf("block %d: %s %q, want %s %q", i, b.Kind, b.Text, want[i].Kind, want[i].Text)
		}
	}
	// The moved lines keep their own line numbers, and the page's lines are the
	// text's own, in its order.
	if blocks[1].Pos.Line != 3 || blocks[5].Pos.Line != 18 {
		t.Errorf("paragraphs at lines %d and %d, want 3 and 18", blocks[1].Pos.Line, blocks[5].Pos.Line)
	}
	if p.lines[3].text != "15.00%；" || p.lines[3].y != 6 {
		t.Errorf("the page's line 4 is %q at %v, want the text's own", p.lines[3].text, p.lines[3].y)
	}
}

// TestNarrateLineTakenEarlyAtPartStart: the line taken early may open a part,
// whose heading the part's lines do not hold; the indented line after it is the
// paragraph's first.
func TestNarrateLineTakenEarlyAtPartStart(t *testing.T) {
	text := strings.Join([]string{
		"20.00万元，占20.00%；",
		"    本年支出合计100.00万元，其中：基本支出80.00万元，占80.00%； 项目支出",
		"",
		"",
		"  四、财政拨款收入支出决算总体情况说明",
	}, "\n")
	p := layoutPages(text)[0]
	blocks := narrate(p.lines, false, map[int]float64{1: 1}, map[int]float64{1: 60}, 1)
	if len(blocks) != 2 || blocks[0].Text != "本年支出合计100.00万元，其中：基本支出80.00万元，占80.00%； 项目支出20.00万元，占20.00%；" || blocks[0].Pos.Line != 2 {
		for _, b := range blocks {
			t.Logf("%d %s %s", b.Pos.Line, b.Kind, b.Text)
		}
		t.Errorf("want the paragraph in order, then the heading")
	}
}
