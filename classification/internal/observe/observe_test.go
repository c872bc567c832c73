package observe

import (
	"strings"
	"testing"

	"yusuan/classification"
)

func TestResolve(t *testing.T) {
	F := classification.Functional
	seen := []Seen{
		// a renaming: names of years that do not overlap
		{F, "20805", "行政事业单位离退休", "js-2019.pdf", 2019, false},
		{F, "20805", "行政事业单位养老支出", "sz-2026.pdf", 2026, false},
		{F, "20805", "行政事业单位养老支出", "sh-2023.pdf", 2023, false},
		// a name cut where the layout wraps it
		{F, "2080505", "机关事业单位基本养老保险缴费支出", "sz-2026.pdf", 2026, false},
		{F, "2080505", "保险缴费支出", "gz-2026.pdf", 2026, false},
		// brackets, and a minority name in the same year (in other years it would
		// be a renaming, which renamed.csv must then confirm)
		{classification.Economic, "30213", "维修（护）费", "a-2026.pdf", 2026, false},
		{classification.Economic, "30213", "维修（护）费", "b-2026.pdf", 2026, false},
		{classification.Economic, "30213", "维修(护)费", "c-2026.pdf", 2026, false},
		{classification.Economic, "30213", "修缮费", "d-2026.pdf", 2026, false},
	}
	entries, variants := Resolve(seen)
	var got []string
	for _, e := range entries {
		got = append(got, e.Code+" "+e.Name)
	}
	want := "20805 行政事业单位离退休|20805 行政事业单位养老支出|2080505 机关事业单位基本养老保险缴费支出|30213 维修（护）费"
	if strings.Join(got, "|") != want {
		t.Errorf("entries %q, want %q", strings.Join(got, "|"), want)
	}
	if entries[0].To != 2019 || entries[1].From != 2023 || entries[1].To != 0 {
		t.Errorf("years %+v %+v", entries[0], entries[1])
	}
	var vs []string
	for _, v := range variants {
		vs = append(vs, v.Code+" "+v.Name)
	}
	if strings.Join(vs, "|") != "2080505 保险缴费支出|30213 修缮费|30213 维修(护)费" {
		t.Errorf("variants %q", vs)
	}
}

// Names wrapped in their cells, as pdftotext lays out a 决算 (佛山市轨道交通局 2019).
func TestScanJoinsWrappedNames(t *testing.T) {
	text := "          国有土地使用权出让收入\n" +
		"21208     及对应专项债务收入安排          0.00\n" +
		"          的支出\n" +
		"2120801   征地和拆迁补偿支出            0.00\n" +
		"          农业土地开发资金安排的\n" +
		"21211                          0.00        0.00        0.00\n" +
		"          支出\n" +
		"2140102   一般行政管理事务     905.60\n" +
		"          其他公路水路运输\n" +
		"\n" +
		"30101   基本工资                      301.79   30201   办公费                   13.80\n" +
		// a code cut in two (310 / 07) beside a name on three lines: left out
		"                                    310         信息网络及软件购置更\n" +
		"                                          07\n" +
		"                                                新\n"
	var got []string
	for _, s := range scan("f.txt", 2019, text) {
		got = append(got, s.Code+" "+s.Name)
	}
	want := "21208 国有土地使用权出让收入及对应专项债务收入安排的支出|2120801 征地和拆迁补偿支出|" +
		"21211 农业土地开发资金安排的支出|30101 基本工资|30201 办公费"
	if strings.Join(got, "|") != want {
		t.Errorf("got  %q\nwant %q", strings.Join(got, "|"), want)
	}
}

func TestStandardFollowsTheEvidence(t *testing.T) {
	cat := classification.New()
	err := cat.ReadCSV(strings.NewReader("kind,code,name\n"+
		"F,201,一般公共服务支出\nF,20106,财政事务\nF,2010650,事业运行\nF,2010699,其他财政事务支出\nF,20113,商贸事务\n"+
		"F,208,社会保障和就业支出\nF,20808,抚恤\nF,2080899,其他优抚支出\nF,20816,红十字事业\nF,2081602,一般行政管理事务\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	std, _ := Standard(cat)
	var got []string
	for _, c := range std {
		got = append(got, c.Code+" "+c.Name)
	}
	want := "2010601 行政运行|2010602 一般行政管理事务|2010603 机关服务|" +
		"2011301 行政运行|2011302 一般行政管理事务|2011303 机关服务|2011350 事业运行|2011399 其他商贸事务支出|" +
		"2081601 行政运行|2081603 机关服务"
	if strings.Join(got, "|") != want {
		t.Errorf("got %q\nwant %q", strings.Join(got, "|"), want)
	}
}
