package web

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"yusuan/store"
)

func TestPages(t *testing.T) {
	eachBackend(t, func(t *testing.T, p *portal) {
		lg, lgDept := id(p.docs["longgang"]), id(p.depts["longgang"])
		pt, ptDept := id(p.docs["putuoDept"]), id(p.depts["putuoDept"])
		for _, c := range []struct {
			path string
			want []string
		}{
			{"/", []string{"预算公开平台", "首页", "地区汇总", "数据下载", "部门预算", "一般公共预算支出", "示例数据"}},
			{"/?region=深圳市龙岗区&year=2024", []string{"深圳市龙岗区部门预算", "深圳市龙岗区政务服务数据管理局", "201 一般公共服务支出", "chart-region"}},
			{"/departments/" + lgDept, []string{"深圳市龙岗区政务服务数据管理局", "2024年", "2023年", "比较 2023 年与 2024 年", "示例数据", "历年一般公共预算支出"}},
			{"/documents/" + lg, []string{"2024年深圳市龙岗区政务服务数据管理局（本级）部门预算", "核对结果", "部门概况", "一般公共预算支出表（按功能分类）",
				"6,762.91", "chart-functional", "chart-economic", "chart-basic", "chart-sangong", "/documents/" + lg + "/download/pdf", "/download/csv", "示例数据"}},
			{"/documents/" + pt, []string{"上海市普陀区2025年区级部门预算", "部门一般公共预算支出功能分类预算表", "chart-functional"}},
			{"/compare/", []string{"同一部门两个年度", "多个部门并列"}},
			{"/compare/years?department=" + lgDept + "&a=2023&b=2024", []string{"年度比较", "2023年", "2024年", "增减额", "一般公共服务支出", "11.1%"}},
			{"/compare/departments?d=" + lgDept + "&d=" + ptDept + "&year=2024", []string{"部门比较", "深圳市龙岗区政务服务数据管理局", "一般公共服务支出"}},
			{"/region?region=深圳市龙岗区&year=2024", []string{"部门预算汇总", "201 一般公共服务支出", "chart-drill"}},
			{"/region?region=深圳市龙岗区&year=2024&code=201", []string{"20103", "各部门支出", "深圳市龙岗区政务服务数据管理局"}},
			{"/region?region=深圳市龙岗区&year=2024&code=20103", []string{"2010301", "行政运行"}},
			{"/search?q=政务服务", []string{"深圳市龙岗区政务服务数据管理局", "部门"}},
			{"/search?q=商务委", []string{"上海市普陀区商务委员会"}},
			{"/data/", []string{"cells.csv", "datapackage.json"}},
			{"/developers", []string{"/api/openapi.json"}},
		} {
			code, h, body := p.get(t, c.path)
			if code != http.StatusOK {
				t.Errorf("GET %s: %d\n%s", c.path, code, body)
				continue
			}
			if ct := h.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("GET %s: Content-Type %q", c.path, ct)
			}
			for _, w := range c.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s: no %q", c.path, w)
				}
			}
		}
		for _, path := range []string{"/nope", "/departments/999999", "/documents/999999", "/documents/abc", "/api/nope", "/documents/" + lg + "/download/exe"} {
			code, _, body := p.get(t, path)
			if code != http.StatusNotFound {
				t.Errorf("GET %s: %d, want 404", path, code)
			}
			if !strings.HasPrefix(path, "/api/") && !strings.Contains(body, "不存在") {
				t.Errorf("GET %s: no Chinese 404 page", path)
			}
		}
	})
}

func TestDownloads(t *testing.T) {
	eachBackend(t, func(t *testing.T, p *portal) {
		lg := "/documents/" + id(p.docs["longgang"]) + "/download/"
		for format, magic := range map[string]string{"pdf": "%PDF", "xlsx": "PK", "html": "<!DOCTYPE html>", "json": "{", "csv": "\uFEFFregion,"} {
			code, h, body := p.get(t, lg+format)
			if code != http.StatusOK || !strings.HasPrefix(body, magic) {
				t.Errorf("%s: %d, starts %q", format, code, truncate(body, 20))
			}
			if cd := h.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") {
				t.Errorf("%s: Content-Disposition %q", format, cd)
			}
		}
		_, _, body := p.get(t, lg+"csv")
		rows := readCSV(t, body)
		if len(rows) < 500 {
			t.Fatalf("document CSV has %d rows", len(rows))
		}
		found := false
		for _, r := range rows {
			if r[7] == "201" && r[9] == "total" && r[5] == "gp_functional" {
				found = r[11] == "64717350.00"
			}
		}
		if !found {
			t.Error("document CSV: no 201 total of 64717350.00 元 in gp_functional")
		}
		code, _, body := p.get(t, "/data/cells.csv")
		if code != http.StatusOK {
			t.Fatalf("bulk CSV: %d", code)
		}
		rows = readCSV(t, body)
		var n int
		for _, r := range rows {
			if r[1] == "深圳市龙岗区政务服务数据管理局" && r[2] == "2024" {
				n++
			}
		}
		if n < 500 {
			t.Errorf("bulk CSV: %d cells of the example", n)
		}
		code, _, body = p.get(t, "/data/datapackage.json")
		var dp struct {
			Profile   string `json:"profile"`
			Resources []struct {
				Path   string `json:"path"`
				Schema struct {
					Fields []struct{ Name, Type string } `json:"fields"`
				} `json:"schema"`
			} `json:"resources"`
			Model struct {
				Measures   map[string]struct{ Source, Currency string } `json:"measures"`
				Dimensions map[string]json.RawMessage                   `json:"dimensions"`
			} `json:"model"`
		}
		if err := json.Unmarshal([]byte(body), &dp); err != nil || code != 200 {
			t.Fatalf("datapackage.json: %d %v", code, err)
		}
		if dp.Profile != "fiscal-data-package" || len(dp.Resources) != 1 || dp.Resources[0].Path != "cells.csv" ||
			dp.Model.Measures["amount"].Currency != "CNY" || dp.Model.Dimensions["functional-classification"] == nil {
			t.Errorf("datapackage.json: %+v", dp)
		}
		var names []string
		for _, f := range dp.Resources[0].Schema.Fields {
			names = append(names, f.Name)
		}
		if strings.Join(names, ",") != strings.Join(cellHeader, ",") {
			t.Errorf("datapackage fields %v, CSV header %v", names, cellHeader)
		}
	})
}

func readCSV(t *testing.T, body string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[1:]
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	var buf bytes.Buffer
	cw, err := newCellWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	cw.write(store.Cell{Region: "=1+2", Department: "+cmd", Subject: "-x", TableTitle: "@SUM(A1)", Name: "＝HYPERLINK()", Header: "\t=x", Amount: -150})
	cw.flush()
	rows := readCSV(t, buf.String())
	want := []string{"'=1+2", "'+cmd", "0", "", "'-x", "", "'@SUM(A1)", "", "'＝HYPERLINK()", "", "'\t=x", "-1.50"}
	for i, w := range want {
		if rows[0][i] != w {
			t.Errorf("field %d (%s) = %q, want %q", i, cellHeader[i], rows[0][i], w)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	eachBackend(t, func(t *testing.T, p *portal) {
		for _, path := range []string{"/", "/api/regions", "/static/css/site.css", "/nope", "/data/cells.csv"} {
			_, h, _ := p.get(t, path)
			for k, want := range map[string]string{
				"Content-Security-Policy":    "default-src 'self'; script-src 'self'; style-src 'self'",
				"X-Content-Type-Options":     "nosniff",
				"X-Frame-Options":            "DENY",
				"Referrer-Policy":            "strict-origin-when-cross-origin",
				"Cross-Origin-Opener-Policy": "same-origin",
			} {
				if !strings.Contains(h.Get(k), want) {
					t.Errorf("%s: %s = %q", path, k, h.Get(k))
				}
			}
			if !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
				t.Errorf("%s: CSP lacks frame-ancestors", path)
			}
		}
		for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodOptions} {
			for _, path := range []string{"/", "/documents/1", "/api/regions", "/search?q=x"} {
				code, h, _ := p.do(t, m, path)
				if code != http.StatusMethodNotAllowed || h.Get("Allow") != "GET, HEAD" {
					t.Errorf("%s %s: %d, Allow %q", m, path, code, h.Get("Allow"))
				}
			}
		}
		if code, _, body := p.do(t, http.MethodHead, "/"); code != 200 || body != "" {
			t.Errorf("HEAD /: %d, %d bytes", code, len(body))
		}
	})
}

func TestBounds(t *testing.T) {
	eachBackend(t, func(t *testing.T, p *portal) {
		eleven := strings.Repeat("d=1&", 11)
		for _, path := range []string{
			"/api/cells?limit=201",
			"/api/cells?limit=0x10",
			"/api/cells?offset=-1",
			"/api/cells?offset=99999999",
			"/api/cells?table=nope",
			"/api/search?q=" + strings.Repeat("预", store.MaxSearchRunes+1),
			"/api/search?q=x&limit=101",
			"/api/compare/departments?" + eleven,
			"/compare/departments?" + eleven,
			"/search?q=" + strings.Repeat("预", store.MaxSearchRunes+1),
			"/region?code=20",
			"/region?year=abc",
			"/?year=1800",
			"/compare/years?department=-1",
			"/api/region-totals?region=" + strings.Repeat("区", 101) + "&year=2024",
		} {
			code, _, body := p.get(t, path)
			if code != http.StatusBadRequest {
				t.Errorf("GET %s: %d, want 400\n%s", path, code, truncate(body, 200))
			}
		}
		if code, _, _ := p.get(t, "/search?q="+strings.Repeat("x", 5000)); code != http.StatusRequestURITooLong {
			t.Errorf("long URL: %d", code)
		}
		_, _, body := p.get(t, "/api/cells?limit=200")
		var page struct {
			Cells []json.RawMessage `json:"cells"`
			Next  string            `json:"next"`
		}
		if err := json.Unmarshal([]byte(body), &page); err != nil || len(page.Cells) != 200 || page.Next == "" {
			t.Errorf("cells page: %d cells, next %q, %v", len(page.Cells), page.Next, err)
		}
		_, _, body2 := p.get(t, page.Next)
		if body2 == body || !strings.Contains(body2, `"offset":200`) {
			t.Errorf("second page %s", truncate(body2, 100))
		}
	})
}

func TestEscaping(t *testing.T) {
	eachBackend(t, func(t *testing.T, p *portal) {
		for _, path := range []string{
			"/?region=深圳市龙岗区", "/departments/" + id(p.depts["script"]), "/documents/" + id(p.docs["script"]),
			"/search?q=测试局", "/search?q=<script>", "/compare/", "/compare/departments?d=" + id(p.depts["script"]),
			"/api/departments", "/api/documents/" + id(p.docs["script"]), "/api/search?q=测试局",
			"/region?region=深圳市龙岗区&year=2024&code=201",
		} {
			code, _, body := p.get(t, path)
			if code != http.StatusOK {
				t.Errorf("GET %s: %d", path, code)
			}
			if strings.Contains(body, "<script>alert") {
				t.Errorf("GET %s: the department name is not escaped", path)
			}
			if !strings.Contains(body, "&lt;script&gt;alert") && !strings.Contains(body, `\u003cscript\u003ealert`) && path != "/search?q=<script>" {
				t.Errorf("GET %s: the escaped name is missing", path)
			}
		}
	})
}

// TestClassified walks every page, API answer and download of a portal holding a
// budget with classified units and projects, and finds none of their names.
func TestClassified(t *testing.T) {
	if len(secretNames()) == 0 {
		t.Fatal("the random budget has no classified items")
	}
	eachBackend(t, func(t *testing.T, p *portal) {
		doc, dept := id(p.docs["secret"]), id(p.depts["secret"])
		paths := []string{
			"/", "/?region=测试区", "/departments/" + dept, "/documents/" + doc, "/region?region=测试区",
			"/compare/departments?d=" + dept, "/search?q=" + "项目", "/search?q=单位",
			"/documents/" + doc + "/download/json", "/documents/" + doc + "/download/csv", "/documents/" + doc + "/download/html",
			"/documents/" + doc + "/download/xlsx", "/data/cells.csv",
			"/api/departments", "/api/departments/" + dept, "/api/documents/" + doc, "/api/documents/" + doc + "/findings",
			"/api/search?q=项目&limit=100", "/api/cells?department=" + dept + "&limit=200", "/api/region-totals?region=测试区&year=" + yearOf(t, p, doc),
		}
		for _, marker := range []string{"机密项目", "涉密用途", "涉密目标", "保密单位"} {
			paths = append(paths, "/search?q="+marker, "/api/search?q="+marker)
		}
		for _, path := range paths {
			code, _, body := p.get(t, path)
			if code != http.StatusOK {
				t.Errorf("GET %s: %d", path, code)
			}
			if strings.HasSuffix(path, "/xlsx") {
				body = unzipText(t, body)
			}
			for _, name := range p.secrets {
				if strings.Contains(body, name) {
					t.Errorf("GET %s shows the classified %q", path, name)
				}
			}
		}
	})
}

func yearOf(t *testing.T, p *portal, doc string) string {
	_, _, body := p.get(t, "/api/documents/"+doc)
	var d struct {
		Document struct{ Year int } `json:"document"`
	}
	json.Unmarshal([]byte(body), &d)
	return id(int64(d.Document.Year))
}

// unzipText is the text of every file of an XLSX, where its strings are.
func unzipText(t *testing.T, data string) string {
	t.Helper()
	zr, err := zip.NewReader(strings.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(&b, rc)
		rc.Close()
	}
	if !utf8.ValidString(b.String()) {
		t.Log("xlsx text is not all UTF-8")
	}
	return b.String()
}

func TestVersions(t *testing.T) {
	eachBackend(t, func(t *testing.T, p *portal) {
		f, _ := fixtures()
		imp := f[0].imp
		res, err := p.st.Import(t.Context(), store.ImportSet{Documents: []store.ImportDoc{imp}, Synthetic: true})
		if err != nil {
			t.Fatal(err)
		}
		doc := id(res.Documents[0].DocumentID)
		old := id(res.Documents[0].Replaced)
		code, _, body := p.get(t, "/documents/"+doc+"?version="+old)
		if code != 200 || !strings.Contains(body, "历史版本") || !strings.Contains(body, "第 1 版") {
			t.Errorf("old version: %d", code)
		}
		if code, _, _ := p.get(t, "/documents/"+doc+"/download/pdf?version="+old); code != 200 {
			t.Errorf("old version's PDF: %d", code)
		}
		other := id(p.docs["putuoDept"])
		if code, _, _ := p.get(t, "/documents/"+other+"?version="+old); code != http.StatusNotFound {
			t.Errorf("another document's version: %d, want 404", code)
		}
	})
}
