package check_test

import (
	"os"
	"path/filepath"
	"testing"

	"yusuan/check"
	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/reader"
)

// putuoOutturn are rows of 上海市普陀区财政局 2024年度部门决算's read Outturn as the
// document prints them: 五（三）'s 项 (年初预算为 1560.05 万元，支出决算为1511.89万元…)
// and table 7's 三公 items (公务接待费 预算数 0.95, 决算数 0.00).
var putuoOutturn = map[string][2]money.Amount{
	"2010601":   {156005 * wanCent, 151189 * wanCent}, // 行政运行
	"2010602":   {1000 * wanCent, 1000 * wanCent},     // 一般行政管理事务
	"2010607":   {13590 * wanCent, 13525 * wanCent},   // 信息化建设
	"2080599":   {94 * wanCent, 94 * wanCent},         // 其他行政事业单位养老支出
	"2210203":   {25850 * wanCent, 25850 * wanCent},   // 购房补贴
	"reception": {95 * wanCent, 0},
	"abroad":    {0, 0},
}

// wanCent is 0.01 万元 in 分.
const wanCent money.Amount = 10000

// TestReadOutturn reads the 预算 against 决算 the corpus's 决算 print, from the PDF
// and its layout text alike. The text prints two of 五（三）'s 项 out of order (财政委
// 托业务支出, 机关事业单位基本养老保险缴费支出: the figures before the names), so it
// has those two fewer; every row it has is the PDF's.
func TestReadOutturn(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skip("the shared corpus is not next to the repository")
	}
	read := func(name string) *disclosure.Outturn {
		doc, err := reader.ReadFile(filepath.Join(corpusDir, "juesuan", name))
		if err != nil {
			t.Fatal(err)
		}
		o := check.ReadOutturn(doc, check.Options{})
		if o == nil || !o.Read || len(o.Economic) != 0 {
			t.Fatalf("%s: outturn %+v, want one read from the document", name, o)
		}
		return o
	}
	rows := func(o *disclosure.Outturn) map[string]disclosure.OutturnRow {
		m := map[string]disclosure.OutturnRow{}
		for _, r := range append(append([]disclosure.OutturnRow{}, o.Functional...), o.SanGong...) {
			m[r.Code] = r
		}
		return m
	}
	pdf := rows(read("putuo-caizhengju-2024-dept-final-accounts.pdf"))
	text := rows(read("putuo-caizhengju-2024-dept-final-accounts.txt"))
	if len(pdf) != 15 || len(text) != 13 {
		t.Errorf("PDF has %d rows, text %d; want 11 项 + 4 三公 and 9 + 4", len(pdf), len(text))
	}
	for code, r := range text {
		if pdf[code] != r {
			t.Errorf("%s: text reads %+v, PDF %+v", code, r, pdf[code])
		}
	}
	for code, want := range putuoOutturn {
		if r, ok := pdf[code]; !ok || r.Budget != want[0] || r.Final != want[1] || r.Adjusted != nil {
			t.Errorf("%s: %+v, want 年初预算 %v and 决算 %v", code, r, want[0], want[1])
		}
	}
	if r := pdf["2010608"]; r.Name != "财政委托业务支出" || r.Budget != 45052*wanCent || r.Final != 44952*wanCent {
		t.Errorf("2010608 from the PDF: %+v", r)
	}
	// Foshan's narrative states no 项 with its budget; table 7 prints the 三公
	// 预算数 (all 0) and 决算数.
	foshan := read("foshan-guidaojiaotong-2019-dept-final-accounts.pdf")
	if fr := rows(foshan); len(foshan.Functional) != 0 || len(fr) != 4 || fr["reception"].Budget != 0 || fr["reception"].Final != 16*wanCent {
		t.Errorf("Foshan: %+v", foshan)
	}
}
