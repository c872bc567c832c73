package web

import (
	"context"
	"encoding/json"
	"math/rand"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"yusuan/budget"
	"yusuan/budget/budgettest"
	"yusuan/budgetfile"
	"yusuan/build"
	"yusuan/check"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/reader"
	"yusuan/store"
)

// finalPortal is a portal holding the Putuo 财政局's 2024 决算 (its 三公 reception
// left out, one 项 given a 年初预算 that the 部门预算 does not have, one 项 with no
// budget) beside a 部门预算 of the same year built from the same data; three
// copies of the 决算 under other names in 测试区, spent at 50%, 90% and 130% of
// their budgets; and a random 决算 with classified projects.
type finalPortal struct {
	*portal
	dept, secretDept int64
	testDepts        map[string]int64
	secrets          []string
}

func newFinalPortal(t *testing.T) *finalPortal {
	t.Helper()
	cat := classification.Default()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "yusuan.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	load := func() *budget.Budget {
		b, err := budgetfile.Load("../examples/putuo-caizhengju-2024-juesuan")
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	derive := func(b *budget.Budget, profile string) *disclosure.Document {
		docs, err := build.Documents(b, profile, cat)
		if err != nil {
			t.Fatal(err)
		}
		return docs[0]
	}
	imp := func(region string, doc *disclosure.Document) store.ImportDoc {
		return store.ImportDoc{Region: region, Source: doc.Title, Disclosure: doc, Check: check.Run(doc, check.Options{Codes: cat})}
	}
	final := derive(load(), "")
	o := final.Outturn
	o.SanGong = slices.DeleteFunc(o.SanGong, func(r disclosure.OutturnRow) bool { return r.Code == "reception" })
	o.Functional[0].Budget = plus(o.Functional[0].Budget, 1_000_000) // 1 万元 more than the 部门预算 approved
	o.Functional = append(o.Functional, disclosure.OutturnRow{Code: "2010699", Name: "其他财政事务支出", Budget: new(money.Amount), Final: 500_000})
	plan := load()
	plan.Document, plan.Final = "", nil
	for i := range plan.Items {
		plan.Items[i].Final, plan.Items[i].Adjusted = nil, nil
	}
	budgetDoc := derive(plan, "shanghai")
	set := store.ImportSet{Documents: []store.ImportDoc{imp("上海市普陀区", final), imp("上海市普陀区", budgetDoc)}}
	names := []string{"测试区甲局", "测试区乙局", "测试区丙局"}
	for i, pct := range []money.Amount{50, 90, 130} {
		c := clone(final)
		c.Department, c.Subject, c.Title = names[i], names[i], names[i]+"2024年度部门决算"
		for j := range c.Outturn.Functional {
			r := &c.Outturn.Functional[j]
			r.Final = *r.Budget * pct / 100
		}
		set.Documents = append(set.Documents, imp("测试区", c))
	}
	secret := budgettest.Final(rand.New(rand.NewSource(11)), budgettest.Random(rand.New(rand.NewSource(11)), budgettest.Options{Classified: true, MaxUnits: 3, Year: 2024}))
	var secrets []string
	for _, p := range secret.Projects {
		if p.Classified {
			secrets = append(secrets, p.Name)
		}
	}
	set.Documents = append(set.Documents, imp("保密区", derive(secret, "shanghai")))
	res, err := st.Import(ctx, set)
	if err != nil {
		t.Fatal(err)
	}
	p := &portal{st: st, docs: map[string]int64{}, depts: map[string]int64{}}
	p.srv = httptest.NewServer(New(st, Options{}))
	t.Cleanup(p.srv.Close)
	fp := &finalPortal{portal: p, dept: res.Documents[0].DepartmentID, secretDept: res.Documents[5].DepartmentID, testDepts: map[string]int64{}, secrets: secrets}
	for i, n := range names {
		fp.testDepts[n] = res.Documents[2+i].DepartmentID
	}
	if len(secrets) == 0 {
		t.Fatal("the random 决算 has no classified project")
	}
	return fp
}

func (p *finalPortal) api(t *testing.T, path string, v any) {
	t.Helper()
	code, _, body := p.get(t, path)
	if code != 200 {
		t.Fatalf("GET %s: %d %s", path, code, body)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatal(err)
	}
}

// TestFinalView checks the figures of the 预算与决算 page, its API and its CSV.
func TestFinalView(t *testing.T) {
	p := newFinalPortal(t)
	path := "/departments/" + id(p.dept) + "/final/2024"
	code, _, page := p.get(t, path)
	if code != 200 {
		t.Fatalf("GET %s: %d", path, code)
	}
	var body apiFinalBody
	p.api(t, "/api"+path, &body)
	if body.BudgetDocumentID == nil || len(body.Sections) != 3 {
		t.Fatalf("API: budget document %v, %d sections", body.BudgetDocumentID, len(body.Sections))
	}
	rows := map[string]apiOutturnRow{}
	// The Shanghai 部门预算 prints spending by 项 (支出总表) but basic spending from
	// 一般公共预算 alone and its 三公 beside 机关运行经费: only the functional
	// section takes its figures.
	sources := map[string]string{"functional": "部门预算", "economic": "决算年初预算数", "san_gong": "决算年初预算数"}
	for _, s := range body.Sections {
		if s.BudgetSource != sources[s.Key] {
			t.Errorf("section %s: budget from %s, want %s", s.Key, s.BudgetSource, sources[s.Key])
		}
		for _, r := range s.Rows {
			rows[s.Key+"/"+r.Code] = r
		}
	}
	// 行政运行: the 部门预算 approved 1,516.97 万元 … the 决算 states 1 万元 more.
	run := rows["functional/2010601"]
	if run.PublishedBudget == nil || run.StatedBudget == nil || *run.StatedBudget-*run.PublishedBudget != 1_000_000 {
		t.Errorf("行政运行: stated %v, published %v; want 1 万元 apart", run.StatedBudget, run.PublishedBudget)
	}
	if want := *run.Final * 1000 * 2 / *run.PublishedBudget; *run.CompletionTenths != (want+1)/2 {
		t.Errorf("行政运行 完成率 %d tenths, want %d", *run.CompletionTenths, (want+1)/2)
	}
	if !strings.Contains(page, "有 1 处不一致") || !strings.Contains(page, "≠ "+wan(money.Amount(*run.StatedBudget))) {
		t.Error("the page does not say that the 决算's 年初预算数 differs from the 部门预算")
	}
	// A 项 with no budget: no 完成率, never a division by zero, and it stands out.
	other := rows["functional/2010699"]
	if other.CompletionTenths != nil || other.Completion != "—" || !other.Large || *other.Final != 500_000 || *other.Budget != 0 {
		t.Errorf("a 项 with no budget: %+v", other)
	}
	// The 三公 item the 决算 leaves out is listed as missing.
	if r := rows["san_gong/reception"]; !r.Missing || r.Final != nil {
		t.Errorf("公务接待费: %+v, want missing", r)
	}
	if !strings.Contains(page, "决算未列出此项") {
		t.Error("the page does not mark the missing 三公 item")
	}
	// The CSV carries the API's rows with the same figures.
	code, hdr, csvBody := p.get(t, path+"?format=csv")
	if code != 200 || !strings.HasPrefix(csvBody, "\uFEFF") || !strings.Contains(hdr.Get("Content-Disposition"), "attachment") {
		t.Fatalf("CSV: %d %q", code, hdr.Get("Content-Disposition"))
	}
	records := readCSV(t, csvBody)
	n := 0
	for _, s := range body.Sections {
		for _, r := range append(s.Rows, s.Total) {
			rec := records[n]
			n++
			if rec[1] != r.Code || rec[2] != r.Name {
				t.Fatalf("CSV row %d is %v, API row %s %s", n, rec, r.Code, r.Name)
			}
			yuan := func(f *int64) string {
				if f == nil || r.Missing {
					return ""
				}
				return money.Amount(*f).Plain(money.UnitYuan)
			}
			rate := ""
			if r.CompletionTenths != nil {
				rate = strconv.FormatFloat(float64(*r.CompletionTenths)/10, 'f', 1, 64)
			}
			if rec[7] != yuan(r.Budget) || rec[8] != yuan(r.Final) || rec[9] != yuan(r.Difference) || rec[10] != rate {
				t.Errorf("CSV row %v, API %+v", rec, r)
			}
			// The page shows the same 完成率 in the row of that code.
			if r.Code != "" && r.Level != "" {
				i := strings.Index(page, `data-code="`+r.Code+`"`)
				end := strings.Index(page[i:], "</tr>")
				if i < 0 || !strings.Contains(page[i:i+end], ">"+r.Completion+"<") {
					t.Errorf("page row %s does not show 完成率 %s", r.Code, r.Completion)
				}
			}
		}
	}
	if n != len(records) {
		t.Errorf("CSV has %d rows, API %d", len(records), n)
	}
}

// TestFinalClassified checks that no classified project of a 决算 reaches the
// view, its CSV or its API.
func TestFinalClassified(t *testing.T) {
	p := newFinalPortal(t)
	path := "/departments/" + id(p.secretDept) + "/final/2024"
	for _, u := range []string{path, path + "?format=csv", "/api" + path} {
		code, _, body := p.get(t, u)
		if code != 200 {
			t.Fatalf("GET %s: %d", u, code)
		}
		for _, s := range p.secrets {
			if strings.Contains(body, s) {
				t.Errorf("%s shows the classified %s", u, s)
			}
		}
	}
}

// TestFinalRanking checks the order of the region's ranking under each sort.
func TestFinalRanking(t *testing.T) {
	p := newFinalPortal(t)
	want := map[string][]string{
		"deviation":  {"测试区甲局", "测试区丙局", "测试区乙局"}, // 50%, 30%, 10% off
		"completion": {"测试区甲局", "测试区乙局", "测试区丙局"}, // 50%, 90%, 130%
		"amount":     {"测试区甲局", "测试区丙局", "测试区乙局"},
	}
	for sort, names := range want {
		var body apiRegionFinalBody
		p.api(t, "/api/region-final?region=测试区&year=2024&sort="+sort, &body)
		var got []string
		for _, d := range body.Departments {
			got = append(got, d.Department)
		}
		if !slices.Equal(got, names) {
			t.Errorf("sort %s: %v, want %v", sort, got, names)
		}
		_, _, page := p.get(t, "/region/final?region=测试区&year=2024&sort="+sort)
		last := -1
		for _, n := range names {
			i := strings.Index(page, `/final/2024">`+n+"<")
			if i < last {
				t.Errorf("page sorted by %s lists %s out of order", sort, n)
			}
			last = i
		}
		if sort == "deviation" && (body.Departments[0].DeviationTenths == nil || *body.Departments[0].DeviationTenths != 500) {
			t.Errorf("甲局's deviation %v, want 500 tenths", body.Departments[0].DeviationTenths)
		}
		_, _, csvBody := p.get(t, "/region/final?region=测试区&year=2024&format=csv&sort="+sort)
		records := readCSV(t, csvBody)
		for i, n := range names {
			if records[i][1] != n {
				t.Errorf("CSV sorted by %s: row %d is %v, want %s", sort, i+1, records[i], n)
			}
		}
	}
	if code, _, _ := p.get(t, "/region/final?region=测试区&sort=x"); code != 400 {
		t.Errorf("an unknown sort: %d, want 400", code)
	}
}

// TestOutturnRow checks a row's 完成率, 差额 and deviation mark, at one decimal
// rounded half up, with no budget never divided by.
func TestOutturnRow(t *testing.T) {
	amt := func(a money.Amount) *money.Amount { return &a }
	for _, c := range []struct {
		row   outturnRow
		rate  string
		diff  *money.Amount
		large bool
	}{
		{outturnRow{Budget: amt(300), Final: 200}, "66.7%", amt(-100), true},
		{outturnRow{Budget: amt(2000), Final: 1999}, "100.0%", amt(-1), false},   // 99.95% rounds up
		{outturnRow{Budget: amt(20000), Final: 19989}, "99.9%", amt(-11), false}, // 99.945%
		{outturnRow{Budget: amt(100), Final: 120}, "120.0%", amt(20), true},
		{outturnRow{Budget: amt(100), Final: 119}, "119.0%", amt(19), false},
		{outturnRow{Budget: amt(0), Final: 500_000}, "—", amt(500_000), true},
		{outturnRow{Budget: amt(0), Final: 0}, "—", amt(0), false},
		{outturnRow{Budget: amt(100), Published: amt(200), Final: 100}, "50.0%", amt(-100), true},
		{outturnRow{Budget: amt(100), Final: 0, Missing: true}, "—", amt(-100), false},
		// A budget the 决算 does not state: no 差额, no 完成率, no deviation.
		{outturnRow{Final: 500_000}, "—", nil, false},
		{outturnRow{Published: amt(400_000), Final: 500_000}, "125.0%", amt(100_000), true},
	} {
		if got := c.row.Rate(); got != c.rate {
			t.Errorf("%+v: 完成率 %s, want %s", c.row, got, c.rate)
		}
		if got := c.row.Diff(); (got == nil) != (c.diff == nil) || got != nil && *got != *c.diff {
			t.Errorf("%+v: 差额 %v, want %v", c.row, got, c.diff)
		}
		if got := c.row.Large(); got != c.large {
			t.Errorf("%+v: large %v, want %v", c.row, got, c.large)
		}
	}
}

// TestReadBudgetFigures: a unit's rows add to the department's, and a table that
// prints no codes gives no figures for its section.
func TestReadBudgetFigures(t *testing.T) {
	cell := func(code, col string, a money.Amount) store.Cell {
		return store.Cell{Code: code, Column: col, Amount: a}
	}
	spending := []store.Cell{cell("", "total", 900), cell("201", "total", 900), cell("2010301", "total", 500), cell("2010301", "basic", 500),
		cell("2010301", "total", 400)}
	basic := []store.Cell{cell("", "total", 300)}
	f := readBudgetFigures(spending, basic, nil, 2024)
	if len(f.functional) != 1 || f.functional["2010301"] != 900 {
		t.Errorf("functional %v, want 2010301: 900", f.functional)
	}
	if f.economic != nil || f.sanGong != nil {
		t.Errorf("economic %v, 三公 %v; want none", f.economic, f.sanGong)
	}
}

// unstated takes out the 年初预算 a read 决算's narrative states for the 项 codes, as
// if it stated none: every 项 of Putuo's has its budget stated.
func unstated(t *testing.T, o *disclosure.Outturn, codes ...string) {
	t.Helper()
	for _, code := range codes {
		i := slices.IndexFunc(o.Functional, func(r disclosure.OutturnRow) bool { return r.Code == code && r.Budget != nil })
		if i < 0 {
			t.Fatalf("no 项 %s with a stated budget in %+v", code, o.Functional)
		}
		o.Functional[i].Budget = nil
	}
}

// TestFinalRead shows two 决算 imported as published: Putuo's layout text, whose
// narrative states the 年初预算 of table 5's 11 项 (two of them, 财政委托业务支出 and
// 机关事业单位基本养老保险缴费支出, taken out here as unstated), and Foshan's PDF, whose
// narrative states none. Every row the tables print is shown with its 决算数, a
// 项 without a stated budget (and the 类 and 款 above it) with a dash for its
// 预算数, 差额 and 完成率, in the page, the API and the CSV alike; the region's
// ranking takes the 项 that have both figures and puts Foshan, which has none,
// last.
func TestFinalRead(t *testing.T) {
	corpus := "../../shared/corpus/juesuan/"
	putuo, err := reader.ReadFile(corpus + "putuo-caizhengju-2024-dept-final-accounts.txt")
	if err != nil {
		t.Skip("the shared corpus is not next to the repository")
	}
	foshan, err := reader.ReadFile(corpus + "foshan-guidaojiaotong-2019-dept-final-accounts.pdf")
	if err != nil {
		t.Fatal(err)
	}
	foshan.Year = 2024 // to rank it beside Putuo's
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "yusuan.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var set store.ImportSet
	for _, doc := range []*disclosure.Document{putuo, foshan} {
		doc.Outturn = check.ReadOutturn(doc, check.Options{})
		if doc == putuo {
			unstated(t, doc.Outturn, "2010608", "2080505")
		}
		set.Documents = append(set.Documents, store.ImportDoc{Region: "读取区", Source: doc.Title, Disclosure: doc, Check: check.Run(doc, check.Options{}), Published: true})
	}
	res, err := st.Import(ctx, set)
	if err != nil {
		t.Fatal(err)
	}
	p := &portal{st: st, srv: httptest.NewServer(New(st, Options{}))}
	t.Cleanup(p.srv.Close)
	fp := &finalPortal{portal: p}
	putuoPath := "/departments/" + id(res.Documents[0].DepartmentID) + "/final/2024"
	foshanPath := "/departments/" + id(res.Documents[1].DepartmentID) + "/final/2024"
	_, _, page := p.get(t, putuoPath)
	row := func(page, code string) string {
		i := strings.Index(page, `data-code="`+code+`"`)
		if i < 0 {
			return ""
		}
		return page[i : i+strings.Index(page[i:], "</tr>")]
	}
	for code, want := range map[string][]string{
		"2010601":   {">1,560.05<", ">1,511.89<", ">-48.16<", ">96.9%<"}, // 行政运行, as stated
		"2010608":   {">—<", ">449.52<"},                                 // 财政委托业务支出: no budget read
		"201":       {">—<", ">2,106.66<"},                               // its 类, as printed
		"2101101":   {">62.29<", ">60.99<", ">97.9%<"},
		"30102":     {">—<", ">1,238.58<"}, // 津贴补贴, table 6
		"reception": {">0.95<", ">0.00<"},
	} {
		r := row(page, code)
		for _, w := range want {
			if !strings.Contains(r, w) {
				t.Errorf("row %s lacks %q: %s", code, w, r)
			}
		}
	}
	if r := row(page, "2010608"); strings.Contains(r, "%") || strings.Contains(r, "large") {
		t.Errorf("a 项 without a budget shows a 完成率 or a deviation: %s", r)
	}
	if !strings.Contains(page, "据公开文件读取") || strings.Contains(page, "无法逐项比较") || !strings.Contains(page, `id="economic"`) {
		t.Error("the page does not say it was read, says it cannot compare, or lacks the economic section")
	}
	var body apiFinalBody
	fp.api(t, "/api"+putuoPath, &body)
	_, _, raw := p.get(t, "/api"+putuoPath)
	conforms(t, "/api/departments/{id}/final/{year}", raw)
	var keys []string
	rows := map[string]apiOutturnRow{}
	for _, s := range body.Sections {
		keys = append(keys, s.Key)
		for _, r := range append(s.Rows, s.Total) {
			rows[s.Key+"/"+r.Code] = r
		}
	}
	if !body.Read || strings.Join(keys, ",") != "functional,economic,san_gong" {
		t.Errorf("API: read %v, sections %v", body.Read, keys)
	}
	if r := rows["functional/2010608"]; r.StatedBudget != nil || r.Budget != nil || r.Difference != nil || r.CompletionTenths != nil ||
		r.Completion != "—" || r.Large || r.Final == nil || *r.Final != 449_520_000 {
		t.Errorf("API 财政委托业务支出: %+v", r)
	}
	// The 合计 is table 5's as printed, 2,940.05 万元, not the sum of its rounded
	// 类 (2,940.06).
	if r := rows["functional/"]; r.Budget != nil || *r.Final != 2_940_050_000 {
		t.Errorf("API 合计: %+v, want no budget and 2,940.05 万元 as printed", r)
	}
	if !strings.Contains(page, "合计的决算数为文件所列合计") {
		t.Error("the page does not say the functional 合计 is the printed one")
	}
	_, _, csvBody := p.get(t, putuoPath+"?format=csv")
	records := readCSV(t, csvBody)
	i := slices.IndexFunc(records, func(rec []string) bool { return rec[1] == "2010608" })
	if i < 0 || records[i][4] != "" || records[i][7] != "" || records[i][8] != "4495200.00" || records[i][9] != "" || records[i][10] != "" {
		t.Errorf("CSV 财政委托业务支出 at %d of %v", i, records)
	}
	// Foshan: every row of table 5 with its 决算数, none with a budget.
	_, _, fpage := p.get(t, foshanPath)
	if r := row(fpage, "2140102"); !strings.Contains(r, ">905.60<") || strings.Count(r, ">—<") != 3 {
		t.Errorf("Foshan 一般行政管理事务: %s", r)
	}
	// The ranking takes Putuo's 9 项 with both figures, 2,329.79 of 2,381.79
	// 万元, and says the rest are left out; Foshan, with none, comes last.
	_, _, rank := p.get(t, "/region/final?region=读取区&year=2024")
	if !strings.Contains(rank, "2,329.79") || !strings.Contains(rank, "97.8%") || !strings.Contains(rank, "†") ||
		!strings.Contains(rank, "只比较同时列出预算数和决算数的项目") {
		t.Errorf("the ranking does not rank Putuo by the 项 with both figures:\n%s", rank)
	}
	var ranking apiRegionFinalBody
	fp.api(t, "/api/region-final?region=读取区&year=2024", &ranking)
	_, _, raw = p.get(t, "/api/region-final?region=读取区&year=2024")
	conforms(t, "/api/region-final", raw)
	if d := ranking.Departments; len(d) != 2 || !d[0].Read || d[0].Unbudgeted != 2 || d[0].Budget == nil || *d[0].Budget != 2_381_790_000 ||
		!d[1].Read || d[1].Unbudgeted != 6 || d[1].Budget != nil || d[1].DeviationTenths != nil {
		t.Errorf("API ranking: %+v", d)
	}
}
