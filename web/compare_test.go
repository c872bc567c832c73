package web

import (
	"encoding/json"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestCompareYearsPivot: the year comparison prints one row per code, the two years,
// the change and the per cent under each amount column, and a chart of the 类.
func TestCompareYearsPivot(t *testing.T) {
	eachBackend(t, func(t *testing.T, p *portal) {
		dept := id(p.depts["longgang"])
		_, _, body := p.get(t, "/compare/years?department="+dept+"&a=2023&b=2024")
		for _, want := range []string{
			`<th scope="colgroup" colspan="4" id="years-g0" class="group-head">支出总计</th>`,
			`id="years-g1" class="group-head"><abbr class="term" title="`, `">基本支出</abbr></th>`,
			`id="years-g2" class="group-head"><abbr class="term" title="`, `">项目支出</abbr></th>`,
			`<th scope="col" id="years-g0-s0" class="num start">2023年 <a class="sort" href="/compare/years?a=2023&amp;b=2024&amp;department=` + dept + `&amp;sort=g0s0"`,
			`<th scope="col" id="years-g2-s3" class="num">增减率 <a class="sort" href="/compare/years?a=2023&amp;b=2024&amp;department=` + dept + `&amp;sort=g2s3"`,
			`id="chart-years-compare"`, `<script type="application/json" id="chart-years-compare-data">`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("no %s", want)
			}
		}
		// One row per code: 201 heads exactly one row, a 款 and a 项 are indented.
		rows := regexp.MustCompile(`<tr[^>]*><th scope="row" id="years-r\d+" class="first[^"]*"><span class="code">201</span>`).FindAllString(body, -1)
		if len(rows) != 1 || !strings.Contains(rows[0], `class="group"`) {
			t.Errorf("rows of 201: %q", rows)
		}
		for code, ind := range map[string]string{"20103": "ind1", "2010301": "ind2"} {
			if !strings.Contains(body, `class="first `+ind+`"><span class="code">`+code+`</span>`) {
				t.Errorf("%s is not indented with %s", code, ind)
			}
		}
		// The 201 row: 12 cells (3 columns × 2 years, change, per cent), each naming
		// its group, its sub-column and its row.
		m := regexp.MustCompile(`<th scope="row" id="(years-r\d+)"[^>]*><span class="code">201</span>[^<]*</th>(.*?)</tr>`).FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no 201 row")
		}
		cells := regexp.MustCompile(`<td class="([^"]*)" headers="([^"]*)">([^<]*)</td>`).FindAllStringSubmatch(m[2], -1)
		if len(cells) != 12 {
			t.Fatalf("201 has %d cells: %s", len(cells), m[2])
		}
		if cells[0][2] != "years-g0 years-g0-s0 "+m[1] || cells[1][3] != "6,471.74" || html.UnescapeString(cells[3][3]) != "+11.1%" || cells[3][1] != "num up" {
			t.Errorf("201 cells: %q", cells[:4])
		}

		var chart struct {
			Labels []string
			Series []struct {
				Name   string
				Values []float64
			}
		}
		data := regexp.MustCompile(`(?s)id="chart-years-compare-data">(.*?)</script>`).FindStringSubmatch(body)
		if data == nil || json.Unmarshal([]byte(data[1]), &chart) != nil {
			t.Fatalf("chart data: %v", data)
		}
		if len(chart.Series) != 2 || chart.Series[0].Name != "2023年" || chart.Labels[0] != "一般公共服务支出" || chart.Series[1].Values[0] != 6471.74 {
			t.Errorf("chart = %+v", chart)
		}
	})
}

// TestCompareAPIColumns: the comparisons' JSON keeps its rows and adds the columns
// (and, side by side, every column's amounts) a client needs to pivot.
func TestCompareAPIColumns(t *testing.T) {
	eachBackend(t, func(t *testing.T, p *portal) {
		var years struct {
			Columns []apiColumn
			Rows    []apiComparison
		}
		_, _, body := p.get(t, "/api/compare/years?department="+id(p.depts["longgang"])+"&a=2023&b=2024")
		if err := json.Unmarshal([]byte(body), &years); err != nil {
			t.Fatal(err)
		}
		if len(years.Columns) != 3 || years.Columns[0] != (apiColumn{"total", "支出总计"}) || years.Columns[2].Key != "project" {
			t.Errorf("columns = %+v", years.Columns)
		}
		if len(years.Rows) < 3*10 || years.Rows[0].Column == years.Rows[1].Column {
			t.Errorf("rows are no longer one per code and column: %+v", years.Rows[:2])
		}

		var side struct {
			Column  string
			Columns []apiColumn
			Rows    []apiSideRow
		}
		_, _, body = p.get(t, "/api/compare/departments?d="+id(p.depts["longgang"])+"&d="+id(p.depts["putuoDept"])+"&year=2024")
		if err := json.Unmarshal([]byte(body), &side); err != nil {
			t.Fatal(err)
		}
		if side.Column != "total" || len(side.Columns) < 3 {
			t.Fatalf("column %q, columns %+v", side.Column, side.Columns)
		}
		for _, r := range side.Rows {
			total := r.ByColumn["total"]
			if len(total) != 2 || len(r.Amounts) != 2 || !samePointers(total, r.Amounts) {
				t.Errorf("%s %s: amounts %v, by column %v", r.Code, r.Name, r.Amounts, r.ByColumn)
			}
		}
	})
}

func samePointers(a, b []*int64) bool {
	for i := range a {
		if (a[i] == nil) != (b[i] == nil) || a[i] != nil && *a[i] != *b[i] {
			return false
		}
	}
	return true
}

// TestDocumentCells: a document's CSV and /api/cells?document= hold its cells only,
// not those of the 单位预算 of the same department and year.
func TestDocumentCells(t *testing.T) {
	eachBackend(t, func(t *testing.T, p *portal) {
		for _, name := range []string{"putuoDept", "putuoUnit"} {
			doc := id(p.docs[name])
			code, _, body := p.get(t, "/documents/"+doc+"/download/csv")
			if code != http.StatusOK {
				t.Fatalf("%s CSV: %d", name, code)
			}
			rows := readCSV(t, body)
			var cells []apiCell
			for next := "/api/cells?limit=200&document=" + doc; next != ""; {
				var page struct {
					Cells []apiCell
					Next  string
				}
				_, _, api := p.get(t, next)
				if err := json.Unmarshal([]byte(api), &page); err != nil {
					t.Fatal(err)
				}
				cells, next = append(cells, page.Cells...), page.Next
			}
			if len(rows) == 0 || len(rows) != len(cells) {
				t.Errorf("%s: %d CSV rows, %d API cells", name, len(rows), len(cells))
			}
			kind := map[string]string{"putuoDept": "部门预算", "putuoUnit": "单位预算"}[name]
			for _, r := range rows {
				if r[3] != kind {
					t.Fatalf("%s CSV holds a cell of a %s", name, r[3])
				}
			}
			for _, c := range cells {
				if id(c.DocumentID) != doc {
					t.Fatalf("%s API cell of document %d", name, c.DocumentID)
				}
			}
		}
	})
}
