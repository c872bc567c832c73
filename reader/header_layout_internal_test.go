package reader

import (
	"strings"
	"testing"
)

// layoutHeader reads the header lines of a layout text into its columns, each
// as the path of headings over it joined by ">".
func layoutHeader(text string) []string {
	pg := layoutPages(text)[0]
	var got []string
	for _, c := range buildColumns(headerCells(pg.lines, 1, true), 1) {
		got = append(got, strings.Join(c.path, ">"))
	}
	return got
}

// TestLayoutHeaderSides reads the headers of two-sided tables (收入 | 支出) as
// `pdftotext -layout` sets them: the columns of the side on the right pushed
// right by the figures of the body printed left of them, and its heading not.
func TestLayoutHeaderSides(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{
			// 支出 a third of the gap between its two columns left of their
			// centre, on a line with 收入 centred over its own: a side
			// heading, not a column between 项目 and 决算数.
			name: "side heading off centre",
			text: "" +
				"          收入                           支出\n" +
				"      项目           决算数              项目            决算数\n",
			want: []string{"收入>项目", "收入>决算数", "支出>项目", "支出>决算数"},
		},
		{
			// A cell cut over three lines among its neighbours' (一般公共预算 /
			// 财 / 政拨款), set flush left under the side heading: the side
			// heading is no line of it.
			name: "wrapped cell under a side heading",
			text: "" +
				"          收入                                        支出\n" +
				"                                                                             国有资本经营\n" +
				"                                                    一般公共预算          政府性基金预\n" +
				"                                                                               预\n" +
				"     项目         决算数            项目         合计          财               算\n" +
				"                                                                              算财政拨\n" +
				"                                                    政拨款             财政拨款\n" +
				"                                                                              款\n",
			want: []string{"收入>项目", "收入>决算数", "支出>项目", "支出>合计", "支出>一般公共预算财政拨款", "支出>政府性基金预算财政拨款", "支出>国有资本经营预算财政拨款"},
		},
		{
			// 支出 over 合计 a line of other cells' words apart: two cells, not
			// one heading 支出合计. 支出 lies over the 项目, 行次 and 金额 of the
			// side on the right nearer its 金额 than its last column: a side
			// starts at its items (项目) and runs to the table's last column.
			name: "side heading over a total",
			text: "" +
				"               收入                                        支出\n" +
				"                                                                      一般公共预算财        政府性基金预算\n" +
				"     项   目          行次   金额              项    目     行次   合计\n" +
				"                                                                        政拨款           财政拨款\n",
			want: []string{"收入>项目", "收入>行次", "收入>金额", "支出>项目", "支出>行次", "支出>合计", "支出>一般公共预算财政拨款", "支出>政府性基金预算财政拨款"},
		},
		{
			// A code's 款 between its 类 and the 类 of a table's other half, as
			// far off their centre as a side heading may lie, is a column: no
			// heading of its line is centred over a gap.
			name: "halves' codes",
			text: "" +
				"    经济分类                                   经济分类\n" +
				"    科目编码                                   科目编码\n" +
				"                   科目名称      决算数                         科目名称        决算数\n" +
				"        款                                      款\n" +
				"类                                      类\n",
			want: []string{"经济分类科目编码>类", "经济分类科目编码>款", "科目名称", "决算数", "经济分类科目编码>类", "经济分类科目编码>款", "科目名称", "决算数"},
		},
	}
	for _, c := range cases {
		if got := layoutHeader(c.text); strings.Join(got, " | ") != strings.Join(c.want, " | ") {
			t.Errorf("%s: columns\n%s\nwant\n%s", c.name, strings.Join(got, " | "), strings.Join(c.want, " | "))
		}
	}
}
