package reader_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"yusuan/disclosure"
	"yusuan/reader"
)

// readTestdata reads a layout text of testdata.
func readTestdata(t *testing.T, name string) *disclosure.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := reader.ReadText(name, string(data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// wantRows compares a table's rows, as printedCells prints them, with want.
func wantRows(t *testing.T, tb *disclosure.Table, want []string) {
	t.Helper()
	var got []string
	for _, r := range tb.Rows {
		got = append(got, printedCells(r))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s reads\n%s\nwant\n%s", tb.Title, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLayoutAmountsAboveTheirRow reads layout text of a table set as Putuo's 2024
// 支出决算表 is: the 基本支出 and 项目支出 of some rows a line above the row's
// code and total (the 合计 row's two lines above, over the header's 类 款 项
// line), the codes' parts set wider apart than 类 款 项 and one run into its
// name (02一般行政管理事务), and a name set wholly under its row's line.
func TestLayoutAmountsAboveTheirRow(t *testing.T) {
	doc := readTestdata(t, "layout-amounts-above.txt")
	if len(doc.Tables) != 3 {
		t.Fatalf("read %d tables, want 3", len(doc.Tables))
	}
	tb := doc.Tables[2]
	wantRows(t, tb, []string{
		"|||合计|2,940.05|2,336.91|603.14|||",
		"201|||一般公共服务支出|2,106.66|1,503.52|603.14|||",
		"201|06||财政事务|2,106.66|1,503.52|603.14|||",
		"201|06|01|行政运行|1,511.89|1,503.52|8.37|||",
		"201|06|02|一般行政管理事务|10.00||10.00|||",
		"201|06|07|信息化建设|135.25||135.25|||",
		"201|06|08|财政委托业务支出|449.52||449.52|||",
		"208|||社会保障和就业支出|326.72|326.72||||",
		"208|05||行政事业单位养老支出|326.72|326.72||||",
		"208|05|06|机关事业单位职业年金缴费支出|80.38|80.38||||",
		"208|05|99|其他行政事业单位养老支出|0.94|0.94||||",
		"221|||住房保障支出|445.69|445.69||||",
		"221|02||住房改革支出|445.69|445.69||||",
		"221|02|01|住房公积金|187.19|187.19||||",
	})
	for _, r := range tb.Rows {
		if printedCells(r) != "" && r.Cells[3].Text == "行政运行" && r.Code != "2010601" {
			t.Errorf("行政运行's code %q, want 2010601", r.Code)
		}
	}
}

// TestLayoutRepeatedTotal reads a table that prints its header, its 栏次 line and
// its 合计 row again on the page it goes on to, as Foshan's 2019 决算 does: one
// 合计, read once, and no row of column numbers (栏次 1 2 3 …, and 栏     次
// spaced out over its cell on the 收支总表).
func TestLayoutRepeatedTotal(t *testing.T) {
	doc := readTestdata(t, "layout-repeated-total.txt")
	if len(doc.Tables) != 3 {
		t.Fatalf("read %d tables, want 3", len(doc.Tables))
	}
	for _, r := range doc.Tables[0].Rows {
		if strings.Contains(printedCells(r), "栏") {
			t.Errorf("收支总表 reads the column numbers as a row: %q", printedCells(r))
		}
	}
	tb := doc.Tables[2]
	wantRows(t, tb, []string{
		"|合计|1668.14|1668.14|0.00|0.00|0.00|0.00|0.01",
		"208|社会保障和就业支出|76.23|76.23|0.00|0.00|0.00|0.00|0.00",
		"20805|行政事业单位离退休|76.23|76.23|0.00|0.00|0.00|0.00|0.00",
		"2080505|机关事业单位基本养老保险缴费支出|53.45|53.45|0.00|0.00|0.00|0.00|0.00",
		"2080506|机关事业单位职业年金缴费支出|22.78|22.78|0.00|0.00|0.00|0.00|0.00",
		"214|交通运输支出|1531.04|1531.04|0.00|0.00|0.00|0.00|0.01",
		"21401|公路水路运输|1531.04|1531.04|0.00|0.00|0.00|0.00|0.01",
		"2140101|行政运行|609.30|609.29|0.00|0.00|0.00|0.00|0.01",
		"2140102|一般行政管理事务|905.60|905.60|0.00|0.00|0.00|0.00|0.00",
		"2140199|其他公路水路运输支出|16.15|16.15|0.00|0.00|0.00|0.00|0.00",
		"221|住房保障支出|60.87|60.87|0.00|0.00|0.00|0.00|0.00",
		"22102|住房改革支出|60.87|60.87|0.00|0.00|0.00|0.00|0.00",
		"2210201|住房公积金|60.87|60.87|0.00|0.00|0.00|0.00|0.00",
	})
}
