package web

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// TestSiteFiles: robots.txt points at the sitemap, the sitemap lists every
// department, /favicon.ico leads to the icon, /api/ says what the API offers, and the
// API and bulk data may be read from other sites.
func TestSiteFiles(t *testing.T) {
	p := newPortal(t, filepath.Join(t.TempDir(), "yusuan.db"))

	code, _, robots := p.get(t, "/robots.txt")
	if code != http.StatusOK || !strings.Contains(robots, "Sitemap: "+p.srv.URL+"/sitemap.xml") || !strings.Contains(robots, "Disallow: /api/") {
		t.Errorf("robots.txt: %d %q", code, robots)
	}

	code, hdr, body := p.get(t, "/sitemap.xml")
	var set urlSet
	if code != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "application/xml") || xml.Unmarshal([]byte(body), &set) != nil {
		t.Fatalf("sitemap.xml: %d %s %.200q", code, hdr.Get("Content-Type"), body)
	}
	locs := map[string]bool{}
	for _, u := range set.URLs {
		locs[u.Loc] = true
	}
	for name, dept := range p.depts {
		if !locs[p.srv.URL+"/departments/"+id(dept)] {
			t.Errorf("sitemap lacks department %s", name)
		}
	}
	if !locs[p.srv.URL+"/"] {
		t.Error("sitemap lacks the home page")
	}

	code, hdr, icon := p.get(t, "/favicon.ico")
	if code != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "image/svg+xml") || !strings.Contains(icon, "<svg") {
		t.Errorf("favicon: %d %s", code, hdr.Get("Content-Type"))
	}
	if _, _, home := p.get(t, "/"); !strings.Contains(home, `rel="icon"`) {
		t.Error("pages do not name their icon")
	}

	code, hdr, body = p.get(t, "/api/")
	var index struct {
		OpenAPI   string `json:"openapi"`
		Endpoints []struct {
			Path string `json:"path"`
		} `json:"endpoints"`
	}
	if code != http.StatusOK || json.Unmarshal([]byte(body), &index) != nil || index.OpenAPI != "/api/openapi.json" || len(index.Endpoints) < 10 {
		t.Errorf("/api/: %d %.300s", code, body)
	}
	for _, e := range index.Endpoints {
		if strings.Contains(e.Path, "{") {
			continue
		}
		// Without its parameters an endpoint may ask for them (400), but it exists.
		if c, _, _ := p.get(t, e.Path); c != http.StatusOK && c != http.StatusBadRequest {
			t.Errorf("/api/ lists %s, which answers %d", e.Path, c)
		}
	}
	if hdr.Get("Access-Control-Allow-Origin") != "*" {
		t.Error("/api/ cannot be read from other sites")
	}
	for _, path := range []string{"/api/regions", "/data/datapackage.json"} {
		if _, h, _ := p.get(t, path); h.Get("Access-Control-Allow-Origin") != "*" || h.Get("Cross-Origin-Resource-Policy") != "cross-origin" {
			t.Errorf("%s: no CORS for other sites", path)
		}
	}
	if _, h, _ := p.get(t, "/"); h.Get("Access-Control-Allow-Origin") != "" {
		t.Error("pages are open to other sites' scripts")
	}
}

// TestRegionWithoutYear: choosing a region together with a year that only another
// region has shows the region's latest year and says so, rather than a 404.
func TestRegionWithoutYear(t *testing.T) {
	p := newPortal(t, filepath.Join(t.TempDir(), "yusuan.db"))
	for _, path := range []string{"/?region=深圳市龙岗区&year=2025", "/region?region=深圳市龙岗区&year=2025"} {
		code, _, body := p.get(t, path)
		if code != http.StatusOK || !strings.Contains(body, "没有 2025 年的部门预算，下面显示 2024 年") {
			t.Errorf("%s: %d, or no notice of the missing year", path, code)
		}
	}
	if code, _, _ := p.get(t, "/?region=深圳市龙岗区&year=1999"); code != http.StatusOK {
		t.Errorf("a year no region has: %d", code)
	}
	if code, _, body := p.get(t, "/?region=深圳市龙岗区&year=2024"); code != http.StatusOK || strings.Contains(body, "下面显示") {
		t.Errorf("a year the region has: %d, or a notice it does not need", code)
	}
}
