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

// TestLayoutFinalAccounts reads layout text of four 决算 tables as the corpus
// prints them: a 收入支出决算总表 with 行次 columns beside its amounts (Foshan),
// a 财政拨款收入支出决算总表 whose labels wrap under their items and whose two
// sides' items stand on lines of their own (Putuo), a 基本支出决算表 of two halves
// with codes of their own, its right half longer (Foshan), an empty fund table
// whose header's 本年收入 is no row of its body (Putuo), and a fund table whose
// names are centred on their rows (Foshan).
func TestLayoutFinalAccounts(t *testing.T) {
	doc := readTestdata(t, "layout-final-accounts.txt")
	if doc.Kind != "部门决算" || len(doc.Tables) != 5 {
		t.Fatalf("read a %s of %d tables, want a 部门决算 of 5", doc.Kind, len(doc.Tables))
	}
	// 行次 are no amounts: 1 stays apart from 1668.14.
	wantRows(t, doc.Tables[0], []string{
		"一、一般公共预算财政拨款收入|1|1668.14|一、一般公共服务支出|27|0.00",
		"本年收入合计|23|1668.14|本年支出合计|49|1668.14",
		"总计|26|1668.14|总计|52|1668.14",
	})
	wantRows(t, doc.Tables[1], []string{
		"一、一般公共预算财政拨款|2,940.05|一、一般公共服务支出|2,106.66|2,106.66||",
		"二、政府性基金预算财政拨款||二、外交支出||||",
		"三、国有资本经营预算财政拨款||三、国防支出||||",
		"||四、公共安全支出||||",
		"||五、教育支出||||",
		"||六、科学技术支出||||",
		"||七、文化旅游体育与传媒支出||||",
		"||八、社会保障和就业支出|326.71|326.71||",
		"||九、卫生健康支出|60.99|60.99||",
		"||十、节能环保支出||||",
		"||十一、城乡社区支出||||",
		"||十二、农林水支出||||",
		"||十三、交通运输支出||||",
		"||二十六、抗疫特别国债安排的支出||||",
		"本年收入合计|2,940.05|本年支出合计|2,940.05|2,940.05||",
		"年初财政拨款结转和结余|21.63|年末财政拨款结转和结余|21.63|21.63||",
		"一、一般公共预算财政拨款|21.63|||||",
		"二、政府性基金预算财政拨款||||||",
		"三、国有资本经营预算财政拨款||||||",
		"总计|2,961.68|总计|2,961.68|2,961.68||",
	})
	// A row of two halves is two items: no one code is the row's, and a row
	// of the longer half heads no rows of the other.
	for _, r := range doc.Tables[2].Rows {
		if r.Code != "" {
			t.Errorf("基本支出决算表 row %q has the code %s", printedCells(r), r.Code)
		}
	}
	empty := doc.Tables[3]
	if !empty.Empty || len(empty.Rows) != 1 || empty.Rows[0].Kind != disclosure.TotalRow {
		t.Errorf("the empty fund table reads %d rows (empty %v), want its 合计 alone", len(empty.Rows), empty.Empty)
	}
	var keys []string
	for _, c := range empty.Columns {
		keys = append(keys, c.Key)
	}
	// 本年收入 and, a line below and right of it, 本年支出's 小计 are two
	// columns, keyed as the PDF's.
	if k := strings.Join(keys, " "); !strings.Contains(k, "carry income spending basic project carry_next") {
		t.Errorf("the empty fund table's columns are %s, want 年初结转和结余, 本年收入, 小计, 基本支出, 项目支出 and 年末结转和结余", k)
	}
	// Names centred on their rows over three lines, one above and one below
	// the row's code, beside a row whose name is one line (Foshan's 表8).
	wantRows(t, doc.Tables[4], []string{
		"|合计|0.00|0.00|0.00|0.00|0.00|0.00",
		"208|社会保障和就业支出|0.00|0.00|0.00|0.00|0.00|0.00",
		"20822|大中型水库移民后期扶持基金支出|0.00|0.00|0.00|0.00|0.00|0.00",
		"2082299|其他大中型水库移民后期扶持基金支出|0.00|0.00|0.00|0.00|0.00|0.00",
		"212|城乡社区支出|0.00|0.00|0.00|0.00|0.00|0.00",
		"21208|国有土地使用权出让收入及对应专项债务收入安排的支出|0.00|0.00|0.00|0.00|0.00|0.00",
		"2120801|征地和拆迁补偿支出|0.00|0.00|0.00|0.00|0.00|0.00",
	})
}
