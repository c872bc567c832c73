package check_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"yusuan/check"
	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/reader"
)

// putuoOutturn are rows of 上海市普陀区财政局 2024年度部门决算's read Outturn as the
// document prints them: table 5's 类, 款 and 项 with their 决算数, a 项 with the
// 年初预算 五（三） states (年初预算为 1560.05 万元，支出决算为1511.89万元…); table 6's
// economic 类 and 款; and table 7's 三公 items (公务接待费 预算数 0.95, 决算数 0.00).
// A budget of -1 is none.
var putuoOutturn = map[string][2]money.Amount{
	"201":       {-1, 210666 * wanCent},               // 一般公共服务支出
	"20805":     {-1, 32672 * wanCent},                // 行政事业单位养老支出
	"2010601":   {156005 * wanCent, 151189 * wanCent}, // 行政运行
	"2010602":   {1000 * wanCent, 1000 * wanCent},     // 一般行政管理事务
	"2010607":   {13590 * wanCent, 13525 * wanCent},   // 信息化建设
	"2080599":   {94 * wanCent, 94 * wanCent},         // 其他行政事业单位养老支出
	"2210203":   {25850 * wanCent, 25850 * wanCent},   // 购房补贴
	"301":       {-1, 208285 * wanCent},               // 工资福利支出
	"30102":     {-1, 123858 * wanCent},               // 津贴补贴
	"30103":     {-1, 0},                              // 奖金, printed blank
	"303":       {-1, 6941 * wanCent},                 // 对个人和家庭的补助
	"reception": {95 * wanCent, 0},
	"abroad":    {0, 0},
}

// wanCent is 0.01 万元 in 分.
const wanCent money.Amount = 10000

// TestReadOutturn reads the 预算 against 决算 the corpus's 决算 print, from the PDF
// and its layout text alike. The text prints two of 五（三）'s 项 out of order (财政委
// 托业务支出, 机关事业单位基本养老保险缴费支出: the figures before the names), which
// the reader puts back, so it states the PDF's budgets; but its table 6 runs the
// right half's 款 into their names (302 25 专用燃料费), so it has the left half
// alone (人员经费). Every row it has is the PDF's.
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
		if o == nil || !o.Read {
			t.Fatalf("%s: outturn %+v, want one read from the document", name, o)
		}
		return o
	}
	rows := func(o *disclosure.Outturn) map[string]disclosure.OutturnRow {
		m := map[string]disclosure.OutturnRow{}
		for _, r := range slices.Concat(o.Functional, o.Economic, o.SanGong) {
			m[r.Code] = r
		}
		return m
	}
	budgets := func(rs []disclosure.OutturnRow) int {
		n := 0
		for _, r := range rs {
			if r.Budget != nil {
				n++
			}
		}
		return n
	}
	pdfOutturn := read("putuo-caizhengju-2024-dept-final-accounts.pdf")
	textOutturn := read("putuo-caizhengju-2024-dept-final-accounts.txt")
	// Table 5: 4 类, 4 款, 11 项; table 6: 类 301, 302, 303, 310 and 60 款.
	for _, c := range []struct {
		name                                    string
		o                                       *disclosure.Outturn
		functional, budgeted, economic, sanGong int
	}{
		{"PDF", pdfOutturn, 19, 11, 64, 4},
		{"text", textOutturn, 19, 11, 26, 4},
	} {
		if len(c.o.Functional) != c.functional || budgets(c.o.Functional) != c.budgeted || len(c.o.Economic) != c.economic ||
			budgets(c.o.Economic) != 0 || len(c.o.SanGong) != c.sanGong || budgets(c.o.SanGong) != c.sanGong {
			t.Errorf("%s: %d functional rows (%d with a budget), %d economic (%d), %d 三公 (%d); want %d (%d), %d (0), %d (%d)", c.name,
				len(c.o.Functional), budgets(c.o.Functional), len(c.o.Economic), budgets(c.o.Economic), len(c.o.SanGong), budgets(c.o.SanGong),
				c.functional, c.budgeted, c.economic, c.sanGong, c.sanGong)
		}
	}
	// Table 5's 合计 as printed (its 类 add up to 2,940.06).
	for _, o := range []*disclosure.Outturn{pdfOutturn, textOutturn} {
		if o.FunctionalTotal == nil || *o.FunctionalTotal != 294005*wanCent {
			t.Errorf("functional 合计 %v, want 2,940.05 万元 as printed", o.FunctionalTotal)
		}
	}
	pdf, text := rows(pdfOutturn), rows(textOutturn)
	for code, r := range text {
		p := pdf[code]
		if r.Name != p.Name || r.Final != p.Final || r.Budget != nil && (p.Budget == nil || *r.Budget != *p.Budget) {
			t.Errorf("%s: text reads %+v, PDF %+v", code, r, p)
		}
	}
	for code, want := range putuoOutturn {
		r, ok := pdf[code]
		if !ok || r.Final != want[1] || r.Adjusted != nil || (r.Budget == nil) != (want[0] < 0) || r.Budget != nil && *r.Budget != want[0] {
			t.Errorf("%s: %+v, want 年初预算 %v and 决算 %v", code, r, want[0], want[1])
		}
	}
	if r := pdf["2010608"]; r.Name != "财政委托业务支出" || r.Budget == nil || *r.Budget != 45052*wanCent || r.Final != 44952*wanCent || text["2010608"].Budget == nil {
		t.Errorf("2010608 from the PDF: %+v; from the text: %+v", r, text["2010608"])
	}
	if r := pdf["30228"]; r.Name != "工会经费" || r.Final != 2442*wanCent {
		t.Errorf("30228 from the PDF: %+v", r)
	}
	// Foshan's narrative states no 项 with its budget: table 5's rows have their
	// 决算数 alone. Table 7 prints the 三公 预算数 (all 0) and 决算数.
	for _, name := range []string{"foshan-guidaojiaotong-2019-dept-final-accounts.pdf", "foshan-guidaojiaotong-2019-dept-final-accounts.txt"} {
		foshan := read(name)
		fr := rows(foshan)
		if len(foshan.Functional) != 12 || budgets(foshan.Functional) != 0 || len(foshan.Economic) != 79 || budgets(foshan.Economic) != 0 || len(foshan.SanGong) != 4 {
			t.Errorf("%s: %d functional rows (%d with a budget), %d economic (%d), %d 三公; want 12 (0), 79 (0), 4", name,
				len(foshan.Functional), budgets(foshan.Functional), len(foshan.Economic), budgets(foshan.Economic), len(foshan.SanGong))
		}
		for code, want := range map[string]money.Amount{"214": 153104 * wanCent, "2140102": 90560 * wanCent, "2210201": 6087 * wanCent, "30217": 16 * wanCent, "31002": 254 * wanCent} {
			if r := fr[code]; r.Final != want || r.Budget != nil {
				t.Errorf("%s %s: %+v, want 决算 %v and no budget", name, code, r, want)
			}
		}
		if foshan.FunctionalTotal == nil || *foshan.FunctionalTotal != 166814*wanCent {
			t.Errorf("%s: functional 合计 %v, want 1,668.14 万元", name, foshan.FunctionalTotal)
		}
		if r := fr["reception"]; r.Budget == nil || *r.Budget != 0 || r.Final != 16*wanCent {
			t.Errorf("%s 公务接待费: %+v", name, r)
		}
	}
}
