package web

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strconv"
)

// The files a crawler and a browser ask for at the site's root, and the index of the
// API. None of them says more than the pages already do.

// showRobots lets crawlers read the public pages and points them at the sitemap; the
// API and bulk downloads are for programs, which do not need robots.txt's leave.
func (s *Server) showRobots(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, err := fmt.Fprintf(w, "User-agent: *\nDisallow: /api/\nDisallow: /data/cells.csv\nDisallow: /search\nSitemap: %s/sitemap.xml\n", origin(r))
	return err
}

// origin is the scheme and host the request came to, for absolute addresses.
func origin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// maxSitemapURLs is the sitemap protocol's limit for one file.
const maxSitemapURLs = 50_000

type sitemapURL struct {
	Loc string `xml:"loc"`
}

type urlSet struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

// showSitemap lists the home page, each region's summary and each department's page,
// from which every document is one link away.
func (s *Server) showSitemap(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := s.query(r)
	defer cancel()
	base := origin(r)
	set := urlSet{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	add := func(path string) bool {
		if len(set.URLs) >= maxSitemapURLs {
			return false
		}
		set.URLs = append(set.URLs, sitemapURL{Loc: base + path})
		return true
	}
	for _, p := range []string{"/", "/compare/", "/data/", "/developers"} {
		add(p)
	}
	regions, err := s.store.Regions(ctx)
	if err != nil {
		return err
	}
	for _, reg := range regions {
		add("/region" + string(query("region", reg.Name)))
	}
	depts, err := s.store.Departments(ctx, "")
	if err != nil {
		return err
	}
	for _, d := range depts {
		if !add("/departments/" + strconv.FormatInt(d.ID, 10)) {
			break
		}
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	if _, err := w.Write([]byte(xml.Header)); err != nil {
		return err
	}
	return xml.NewEncoder(w).Encode(set)
}

// showFavicon answers browsers that ask for /favicon.ico with the site's icon.
func (s *Server) showFavicon(w http.ResponseWriter, r *http.Request) error {
	http.Redirect(w, r, "/static/img/favicon.svg", http.StatusMovedPermanently)
	return nil
}

// apiEndpoint is one entry of the API's index.
type apiEndpoint struct {
	Path        string `json:"path"`
	Description string `json:"description"`
}

// apiIndex is what /api/ answers: where the description is and what there is.
func (s *Server) apiIndex(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, struct {
		Name          string        `json:"name"`
		OpenAPI       string        `json:"openapi"`
		Documentation string        `json:"documentation"`
		Endpoints     []apiEndpoint `json:"endpoints"`
	}{
		Name:          "预算公开平台开放接口（只读）",
		OpenAPI:       "/api/openapi.json",
		Documentation: "/developers",
		Endpoints: []apiEndpoint{
			{"/api/regions", "地区列表"},
			{"/api/years", "有数据的年度"},
			{"/api/departments", "部门列表（可按地区筛选）"},
			{"/api/departments/{id}", "一个部门及其各年度公开文件"},
			{"/api/documents/{id}", "一份公开文件的表格和文字"},
			{"/api/documents/{id}/findings", "一份公开文件的核对结果"},
			{"/api/region-totals", "地区按功能分类汇总"},
			{"/api/departments/{id}/final/{year}", "一个部门某年度的预算与决算"},
			{"/api/region-final", "地区各部门预算与决算排名"},
			{"/api/compare/years", "同一部门两个年度比较"},
			{"/api/compare/departments", "多个部门比较"},
			{"/api/search", "搜索"},
			{"/api/cells", "表格单元格明细（可筛选）"},
		},
	})
}
