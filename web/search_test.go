package web

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"yusuan/money"
	"yusuan/store"
)

func urlQuery(s string) string { return url.QueryEscape(s) }

// manyDepartments is how many departments addDepartments adds: more than a
// search used to show (100), so that paging is needed.
const manyDepartments = 130

// addDepartments imports manyDepartments copies of the Longgang document as the
// 部门预算 of 示例区教育局000分局 … 示例区教育局129分局, the i-th with its amounts
// scaled by i%7+1.
func addDepartments(t *testing.T, p *portal) {
	t.Helper()
	fs, err := fixtures()
	if err != nil {
		t.Fatal(err)
	}
	var set store.ImportSet
	for _, f := range fs {
		if f.name != "longgang" {
			continue
		}
		for i := 0; i < manyDepartments; i++ {
			doc := clone(f.imp.Disclosure)
			name := fmt.Sprintf("示例区教育局%03d分局", i)
			doc.Department, doc.Subject, doc.Title = name, name, "2024年"+name+"部门预算"
			for _, tb := range doc.AllTables() {
				for _, r := range tb.Rows {
					for c := range r.Cells {
						if a := r.Cells[c].Amount; a != nil {
							v := *a * money.Amount(i%7+1)
							r.Cells[c].Amount = &v
						}
					}
				}
			}
			set.Documents = append(set.Documents, store.ImportDoc{Region: "示例区", Source: name, Disclosure: doc, Check: f.imp.Check})
		}
	}
	if _, err := p.st.Import(context.Background(), set); err != nil {
		t.Fatal(err)
	}
}

var (
	hitLink  = regexp.MustCompile(`<li><span class="tag">([^<]*)</span> <a href="(/[^"]+)">([^<]*)</a>`)
	nextLink = regexp.MustCompile(`<a href="([^"]+)" rel="next">`)
)

// walkSearch follows a search's next-page links from path, as a visitor would,
// and returns every hit as kind|link|text, in order; fetch gets a page's HTML.
func walkSearch(t *testing.T, path string, fetch func(string) string) (hits []string, pages int) {
	t.Helper()
	for path != "" && pages < 50 {
		body := fetch(path)
		pages++
		for _, m := range hitLink.FindAllStringSubmatch(body, -1) {
			hits = append(hits, m[1]+"|"+m[2]+"|"+html.UnescapeString(m[3]))
		}
		path = ""
		if m := nextLink.FindStringSubmatch(body); m != nil {
			path = html.UnescapeString(m[1])
		}
	}
	return hits, pages
}

func TestSearchPaging(t *testing.T) {
	if testing.Short() {
		t.Skip("long and sequential: -short (the race stage of .ci/run) leaves it to the full pass")
	}
	eachBackend(t, func(t *testing.T, p *portal) {
		addDepartments(t, p)
		fetch := func(path string) string {
			code, _, body := p.get(t, path)
			if code != http.StatusOK {
				t.Fatalf("GET %s: %d\n%s", path, code, body)
			}
			return body
		}
		first := fetch("/search?q=教育局&kind=department")
		if !strings.Contains(first, fmt.Sprintf("找到 %d 条", manyDepartments)) {
			t.Errorf("first page does not count %d hits:\n%s", manyDepartments, first)
		}
		hits, pages := walkSearch(t, "/search?q=教育局&kind=department", fetch)
		checkWalk(t, hits, pages, manyDepartments, searchPageSize)

		// Every kind: units, projects and the narrative of every copy.
		all, _ := walkSearch(t, "/search?q=政务服务", fetch)
		if len(all) <= 2*manyDepartments {
			t.Errorf("%d hits of every kind, want more than two for each of the %d departments", len(all), manyDepartments)
		}
		seen := map[string]bool{}
		for _, h := range all {
			if seen[h] {
				t.Errorf("%s found twice", h)
			}
			seen[h] = true
		}

		// The API by its next links, 30 at a time.
		var apiHits []string
		next, n := "/api/search?q=教育局&kind=department&limit=30", 0
		for ; next != "" && n < 20; n++ {
			var resp struct {
				Hits  []apiHit `json:"hits"`
				Next  string   `json:"next"`
				Total *int     `json:"total"`
			}
			_, _, body := p.get(t, next)
			if err := json.Unmarshal([]byte(body), &resp); err != nil {
				t.Fatalf("%s: %v\n%s", next, err, body)
			}
			if (n == 0) != (resp.Total != nil) || n == 0 && *resp.Total != manyDepartments {
				t.Errorf("page %d: total %v", n+1, resp.Total)
			}
			for _, h := range resp.Hits {
				if h.Amount == nil || h.AmountYuan == nil || h.Year != 2024 {
					t.Errorf("hit without its amount: %+v", h)
				}
				apiHits = append(apiHits, hitKinds[h.Kind]+"|"+h.URL+"|"+h.Text)
			}
			next = resp.Next
		}
		checkWalk(t, apiHits, n, manyDepartments, 30)
		if strings.Join(apiHits, "\n") != strings.Join(hits, "\n") {
			t.Error("the API's pages differ from the search page's")
		}

		for _, bad := range []string{"/search?q=教育局&cursor=xyz", "/api/search?q=教育局&cursor=xyz", "/api/search?q=教育&kind=cells",
			"/search?q=教育局&page=0", "/api/search?q=教育局&cursor=" + strings.Repeat("a", 1001)} {
			code, _, body := p.get(t, bad)
			if code != http.StatusBadRequest || !strings.Contains(body, "不正确") && !strings.Contains(body, "应为") {
				t.Errorf("GET %s: %d, want 400 with a Chinese reason\n%s", bad, code, truncate(body, 300))
			}
		}
	})
}

// checkWalk checks that pages of size per held want hits, each once.
func checkWalk(t *testing.T, hits []string, pages, want, per int) {
	t.Helper()
	seen := map[string]bool{}
	for _, h := range hits {
		if seen[h] {
			t.Errorf("%s on two pages", h)
		}
		seen[h] = true
	}
	if len(seen) != want || pages != (want+per-1)/per {
		t.Errorf("%d distinct hits on %d pages, want %d on %d", len(seen), pages, want, (want+per-1)/per)
	}
}

func TestSearchRanking(t *testing.T) {
	eachBackend(t, func(t *testing.T, p *portal) {
		addDepartments(t, p)
		for _, c := range []struct{ q, first, kind string }{
			{"示例区教育局042分局", "示例区教育局042分局", "部门"},
			{"深圳市龙岗区政务服务数据管理局", "深圳市龙岗区政务服务数据管理局", "部门"},
			{"政务", "深圳市龙岗区政务服务数据管理局", "部门"},
			{"智慧龙岗", "", "项目"},
		} {
			_, _, body := p.get(t, "/search?q="+c.q)
			m := hitLink.FindStringSubmatch(body)
			if m == nil || m[1] != c.kind || c.first != "" && m[3] != c.first {
				t.Errorf("%s: first hit %q, want %s %s", c.q, m, c.kind, c.first)
			}
		}
		// Amounts beside hits: a department's 一般公共预算支出 of its latest year.
		_, _, body := p.get(t, "/search?q=深圳市龙岗区政务服务数据管理局")
		if !strings.Contains(body, "2024年一般公共预算支出 <strong>6,762.91</strong> 万元") {
			t.Errorf("no department amount:\n%s", body)
		}
		// Words of the narrative, shown in their passage.
		_, _, body = p.get(t, "/search?q=政务服务&kind=text")
		if !strings.Contains(body, `<span class="tag">文字说明</span>`) || !strings.Contains(body, "<mark>") {
			t.Errorf("no narrative hit:\n%s", truncate(body, 2000))
		}
	})
}

func TestSearchEscaping(t *testing.T) {
	eachBackend(t, func(t *testing.T, p *portal) {
		for _, q := range []string{`"><b>x</b>`, "<script>alert(1)</script>", "100%", "a_b", `\`, "'; DROP TABLE search_docs; --", `教育" OR "`, "NEAR(教育 局)"} {
			for _, path := range []string{"/search?q=" + urlQuery(q), "/api/search?q=" + urlQuery(q)} {
				code, _, body := p.get(t, path)
				if code != http.StatusOK {
					t.Errorf("GET %s: %d\n%s", path, code, truncate(body, 300))
				}
				if strings.Contains(body, "<b>x</b>") || strings.Contains(body, "<script>alert(1)") {
					t.Errorf("GET %s: the query is not escaped", path)
				}
			}
		}
		// The department with markup in its name is found, escaped.
		_, _, body := p.get(t, "/search?q=测试局")
		if !strings.Contains(body, "&lt;script&gt;alert") || strings.Contains(body, "<script>alert") {
			t.Errorf("department with markup:\n%s", truncate(body, 2000))
		}
		if code, _, _ := p.get(t, "/search?q=%25"); code != http.StatusOK {
			t.Errorf("search for %%: %d", code)
		}
	})
}

func TestDepartmentList(t *testing.T) {
	if testing.Short() {
		t.Skip("long and sequential: -short (the race stage of .ci/run) leaves it to the full pass")
	}
	eachBackend(t, func(t *testing.T, p *portal) {
		addDepartments(t, p)
		// The API by its next links, largest amount first.
		var amounts []int64
		seen := map[int64]bool{}
		next, n := "/api/departments?region=示例区&sort=-amount&limit=40", 0
		for ; next != "" && n < 20; n++ {
			var resp struct {
				Departments []apiListedDepartment `json:"departments"`
				Total       int                   `json:"total"`
				Next        string                `json:"next"`
			}
			code, _, body := p.get(t, next)
			if code != http.StatusOK || json.Unmarshal([]byte(body), &resp) != nil {
				t.Fatalf("GET %s: %d\n%s", next, code, truncate(body, 300))
			}
			if resp.Total != manyDepartments {
				t.Errorf("total %d, want %d", resp.Total, manyDepartments)
			}
			for _, d := range resp.Departments {
				if seen[d.ID] || d.Amount == nil || d.Year != 2024 {
					t.Errorf("%+v: repeated or without its amount", d)
					continue
				}
				seen[d.ID] = true
				amounts = append(amounts, *d.Amount)
			}
			next = resp.Next
		}
		if len(seen) != manyDepartments || n != 4 {
			t.Errorf("%d departments on %d pages, want %d on 4", len(seen), n, manyDepartments)
		}
		for i := 1; i < len(amounts); i++ {
			if amounts[i] > amounts[i-1] {
				t.Errorf("amount %d after %d", amounts[i], amounts[i-1])
			}
		}
		if amounts[0] != 7*amounts[len(amounts)-1] {
			t.Errorf("largest %d, smallest %d: want seven times", amounts[0], amounts[len(amounts)-1])
		}

		// The page: filtered by name, sorted by amount, paged.
		_, _, body := p.get(t, "/departments?region=示例区&name=分局&sort=-amount")
		for _, w := range []string{"共 130 个部门", "示例区教育局", "一般公共预算支出 ↓", `rel="next"`, "page=2"} {
			if !strings.Contains(body, w) {
				t.Errorf("department list: no %q", w)
			}
		}
		_, _, body = p.get(t, "/departments?name=政务服务")
		if !strings.Contains(body, "共 1 个部门") || !strings.Contains(body, "6,762.91") {
			t.Errorf("department list by name:\n%s", truncate(body, 3000))
		}
		_, _, body = p.get(t, "/?region=深圳市龙岗区&year=2024")
		if !strings.Contains(body, `<span class="amount">6,762.91 万元</span>`) || !strings.Contains(body, "/departments?region=") {
			t.Errorf("home: no department amounts or list link")
		}
		for _, bad := range []string{"/departments?sort=size", "/api/departments?cursor=abc", "/api/departments?limit=1001", "/departments?year=1800"} {
			if code, _, body := p.get(t, bad); code != http.StatusBadRequest {
				t.Errorf("GET %s: %d, want 400\n%s", bad, code, truncate(body, 300))
			}
		}
	})
}
