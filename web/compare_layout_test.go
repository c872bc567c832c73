package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"yusuan/disclosure"
	"yusuan/money"
)

// mainRows are the row headings of a comparison's first table, in order: the code
// (empty for a row without one) and the name.
var rowHead = regexp.MustCompile(`<tr[^>]*><th scope="row" id="(?:departments|years)-r\d+" class="first[^"]*">(?:<span class="code">([^<]*)</span> )?([^<]*)</th>(.*?)</tr>`)

func mainRows(body string) [][]string {
	// The main table comes before the folded units.
	if i := strings.Index(body, `<details class="units"`); i >= 0 {
		body = body[:i]
	}
	return rowHead.FindAllStringSubmatch(body, -1)
}

var cellText = regexp.MustCompile(`<td[^>]*>([^<]*)</td>`)

// printedTotal is a document's 一般公共预算支出表（按功能分类） total row, as printed.
func printedTotal(t *testing.T, p *portal, doc int64) tableRow {
	t.Helper()
	dd, err := p.st.Document(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	fn := findTable(dd.Version.Disclosure, disclosure.GPFunctionalTable)
	if fn == nil {
		t.Fatal("no functional table")
	}
	return totalRow(tableRows(fn))
}

// TestCompareDepartmentsLayout: the comparison opens with the total each document
// prints, then the subjects; a department's units are folded under its name, not
// listed before the subjects.
func TestCompareDepartmentsLayout(t *testing.T) {
	eachBackend(t, func(t *testing.T, p *portal) {
		dd, err := p.st.Document(context.Background(), p.docs["secret"])
		if err != nil {
			t.Fatal(err)
		}
		year := strconv.Itoa(dd.Year)
		_, _, body := p.get(t, "/compare/departments?d="+id(p.depts["secret"])+"&d="+id(p.depts["longgang"])+"&year="+year)
		rows := mainRows(body)
		if len(rows) < 5 {
			t.Fatalf("%d rows", len(rows))
		}
		if rows[0][1] != "" || rows[0][2] != "合计" || !strings.Contains(body, `<tr class="total"><th scope="row" id="departments-r0"`) {
			t.Errorf("first row %q", rows[0][1:3])
		}
		for _, r := range rows[1:] {
			if r[1] == "" {
				t.Errorf("row without a code among the subjects: %q", r[2])
			}
		}
		// The secret budget's total is its document's printed one.
		want := printedTotal(t, p, p.docs["secret"])
		cells := cellText.FindAllStringSubmatch(rows[0][3], -1)
		if len(cells) < 1 || cells[0][1] != wan(want.total) {
			t.Errorf("total %q, document prints %s", cells, wan(want.total))
		}
		// Its units are listed apart, folded under the department.
		if !strings.Contains(body, `<details class="units"><summary>`) {
			t.Error("no folded units")
		}
		// The API lists the same: the total first, the units apart.
		var api struct {
			Rows  []apiSideRow
			Units []apiDeptUnits
		}
		_, _, data := p.get(t, "/api/compare/departments?d="+id(p.depts["secret"])+"&year="+year)
		if err := json.Unmarshal([]byte(data), &api); err != nil {
			t.Fatal(err)
		}
		if len(api.Rows) == 0 || api.Rows[0].Name != "合计" || api.Rows[0].Amounts[0] == nil || money.Amount(*api.Rows[0].Amounts[0]) != want.total {
			t.Errorf("API rows start %+v", api.Rows[:min(len(api.Rows), 1)])
		}
		if len(api.Units) != 1 || len(api.Units[0].Units) == 0 {
			t.Errorf("API units %+v", api.Units)
		}
		// The other department has no 部门预算 that year, and the page says so.
		if dd.Year != 2024 && !strings.Contains(body, "该年度没有数据") {
			t.Error("no message for the department without data")
		}
	})
}

// TestCompareNoData: a year the department has no 部门预算 of, or a department
// with a single year, gives a clear message and a title without a year 0.
func TestCompareNoData(t *testing.T) {
	eachBackend(t, func(t *testing.T, p *portal) {
		for _, c := range []struct{ path, want string }{
			{"/compare/years?department=" + id(p.depts["longgang"]) + "&a=2019&b=2024", "该年度没有数据"},
			{"/compare/years?department=" + id(p.depts["script"]), "只有 2024 年的部门预算"},
			{"/compare/departments?d=" + id(p.depts["longgang"]) + "&d=" + id(p.depts["putuoDept"]) + "&year=2023", "没有 2023 年的部门预算，未列入比较"},
		} {
			code, _, body := p.get(t, c.path)
			if code != http.StatusOK {
				t.Errorf("%s: %d", c.path, code)
			}
			if !strings.Contains(body, c.want) {
				t.Errorf("%s: no %q", c.path, c.want)
			}
			if strings.Contains(body, "0年与") || strings.Contains(body, "与0年") {
				t.Errorf("%s: a year 0 in the page", c.path)
			}
		}
	})
}

// TestCompareSort: sorting by a column orders the 类 by it and keeps each 款 and
// 项 under its 类; the heading says which column the rows are sorted by.
func TestCompareSort(t *testing.T) {
	eachBackend(t, func(t *testing.T, p *portal) {
		_, _, body := p.get(t, "/compare/years?department="+id(p.depts["longgang"])+"&a=2023&b=2024&sort=g0s1&order=desc")
		if !strings.Contains(body, `id="years-g0-s1" class="num" aria-sort="descending"`) {
			t.Error("the sorted column is not marked")
		}
		rows := mainRows(body)
		var last int64 = -1
		class := ""
		for _, r := range rows[1:] {
			code := r[1]
			if len(code) == 3 {
				cells := cellText.FindAllStringSubmatch(r[3], -1)
				a, err := money.Parse(strings.ReplaceAll(cells[1][1], ",", ""), money.UnitWan)
				if err != nil {
					t.Fatal(err)
				}
				if last >= 0 && int64(a) > last {
					t.Errorf("%s (%s) after a smaller 类", code, cells[1][1])
				}
				last, class = int64(a), code
				continue
			}
			if !strings.HasPrefix(code, class) {
				t.Errorf("%s is not under its 类 (after %s)", code, class)
			}
		}
		if code, _, _ := p.get(t, "/compare/years?department="+id(p.depts["longgang"])+"&sort=x1"); code != http.StatusBadRequest {
			t.Errorf("bad sort: %d", code)
		}
	})
}

// TestCompareExport: a comparison downloads as CSV and XLSX with the rows and
// totals of the page.
func TestCompareExport(t *testing.T) {
	eachBackend(t, func(t *testing.T, p *portal) {
		dd, err := p.st.Document(context.Background(), p.docs["secret"])
		if err != nil {
			t.Fatal(err)
		}
		for _, page := range []string{
			"/compare/departments?d=" + id(p.depts["secret"]) + "&d=" + id(p.depts["longgang"]) + "&year=" + strconv.Itoa(dd.Year),
			"/compare/years?department=" + id(p.depts["longgang"]) + "&a=2023&b=2024",
		} {
			_, _, body := p.get(t, page)
			rows := mainRows(body)
			units := strings.Count(body, `class="first">`) - strings.Count(mainBody(body), `class="first">`)
			for _, format := range []string{"csv", "xlsx"} {
				if !regexp.MustCompile(`href="[^"]*format=` + format + `[^"]*" download>`).MatchString(body) {
					t.Errorf("%s: no %s link", page, format)
				}
				code, h, data := p.get(t, page+"&format="+format)
				if code != http.StatusOK || !strings.Contains(h.Get("Content-Disposition"), "attachment") {
					t.Fatalf("%s %s: %d %v", page, format, code, h)
				}
				var got [][]string
				if format == "csv" {
					got = readCSV(t, data)
				} else {
					f, err := excelize.OpenReader(bytes.NewReader([]byte(data)))
					if err != nil {
						t.Fatal(err)
					}
					all, err := f.GetRows("比较")
					if err != nil {
						t.Fatal(err)
					}
					got = all[3:]
					f.Close()
				}
				if len(got) != len(rows)+units {
					t.Errorf("%s %s: %d rows, the page %d and %d units", page, format, len(got), len(rows), units)
				}
				// The total row holds the page's figures.
				cells := cellText.FindAllStringSubmatch(rows[0][3], -1)
				if got[0][1] != "合计" || len(got[0]) < 3 || strings.ReplaceAll(cells[0][1], ",", "") != strings.ReplaceAll(got[0][2], ",", "") {
					t.Errorf("%s %s: total %q, page %q", page, format, got[0], cells[0][1])
				}
			}
		}
	})
}

func mainBody(body string) string {
	if i := strings.Index(body, `<details class="units"`); i >= 0 {
		return body[:i]
	}
	return body
}

// TestExportNeutralisesFormulas: names in a downloaded comparison never become
// formulas, in CSV or XLSX.
func TestExportNeutralisesFormulas(t *testing.T) {
	a := money.Amount(12_345_600) // 123,456 元
	tab := compareTable{Groups: []headCell{{Key: "total", Text: "=合计"}}, Subs: []headCell{{Text: "@部门"}},
		Rows: []compareRow{{Code: "", Name: "=HYPERLINK(\"http://x\")", Cells: []compareCell{{Amount: &a}}}}}
	for _, format := range []string{"csv", "xlsx"} {
		rec := &responseRecorder{header: http.Header{}}
		if err := writeComparison(rec, format, "x", "+标题", tab, nil, true); err != nil {
			t.Fatal(err)
		}
		if format == "csv" {
			body := rec.body.String()
			if !strings.Contains(body, `"'=HYPERLINK(""http://x"")"`) || !strings.Contains(body, "'=合计：@部门") || !strings.Contains(body, ",12.35") {
				t.Errorf("csv: %s", body)
			}
			continue
		}
		f, err := excelize.OpenReader(&rec.body)
		if err != nil {
			t.Fatal(err)
		}
		for _, cell := range []string{"A1", "B4", "C3"} {
			if formula, _ := f.GetCellFormula("比较", cell); formula != "" {
				t.Errorf("%s is a formula: %s", cell, formula)
			}
		}
		if v, _ := f.GetCellValue("比较", "B4"); v != `=HYPERLINK("http://x")` {
			t.Errorf("B4 = %q", v)
		}
		if v, _ := f.GetCellValue("比较", "C4", excelize.Options{RawCellValue: true}); v != "12.35" {
			t.Errorf("C4 = %q", v)
		}
		f.Close()
	}
}

type responseRecorder struct {
	header http.Header
	body   bytes.Buffer
}

func (r *responseRecorder) Header() http.Header         { return r.header }
func (r *responseRecorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *responseRecorder) WriteHeader(int)             {}
