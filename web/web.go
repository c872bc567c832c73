// Package web is the public portal over the store: server-rendered Chinese pages
// (home, department, document, comparisons, region view, search, downloads), a
// read-only JSON API described by an OpenAPI document, and bulk downloads. Nothing
// here writes: every route is GET or HEAD.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"yusuan/store"
)

// Options tune a Server; zero values pick the defaults.
type Options struct {
	// Region is the region the home page shows first; the first region by name when empty.
	Region string
	// SiteName heads every page.
	SiteName string
	// QueryTimeout bounds the store calls of one page or API request.
	QueryTimeout time.Duration
	// BulkTimeout bounds the building of a bulk download's file, which reads
	// every cell, and a client's wait for it.
	BulkTimeout time.Duration
	// MaxBulk is how many bulk files may be built at once; a download that
	// needs another is refused as busy rather than pile up on the database.
	// Sending a built file takes no slot (bulk.go).
	MaxBulk int
	Logger  *slog.Logger
}

// Server serves the portal. It is an http.Handler.
type Server struct {
	store   *store.Store
	opts    Options
	log     *slog.Logger
	handler http.Handler
	bulk    chan struct{}
	cache   *pageCache
	terms   glossaryCache
	// bulkFiles keeps the bulk downloads built (bulk.go).
	bulkFiles *bulkFiles
}

// New returns the portal over st.
func New(st *store.Store, opts Options) *Server {
	if opts.SiteName == "" {
		opts.SiteName = "预算公开平台"
	}
	if opts.QueryTimeout <= 0 {
		opts.QueryTimeout = 10 * time.Second
	}
	if opts.BulkTimeout <= 0 {
		opts.BulkTimeout = 5 * time.Minute
	}
	if opts.MaxBulk <= 0 {
		opts.MaxBulk = 2
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	s := &Server{store: st, opts: opts, log: opts.Logger, bulk: make(chan struct{}, opts.MaxBulk), cache: newPageCache(), bulkFiles: newBulkFiles()}
	s.handler = s.secure(compress(s.routes()))
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// routes lists every route of the portal.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("GET /static/", staticHandler())

	// The pages most read, and searches asked again, are kept rendered until the
	// data changes (cache.go).
	mux.Handle("GET /{$}", s.cached(s.page(s.showHome)))
	mux.Handle("GET /departments", s.cached(s.page(s.showDepartments)))
	mux.Handle("GET /departments/{id}", s.cached(s.page(s.showDepartment)))
	mux.Handle("GET /departments/{id}/final/{year}", s.cached(s.page(s.showFinal)))
	mux.Handle("GET /documents/{id}", s.cached(s.page(s.showDocument)))
	mux.Handle("GET /documents/{id}/download/{format}", s.page(s.downloadDocument))
	mux.Handle("GET /documents/{id}/original/{seq}", s.page(s.downloadOriginal))
	mux.Handle("GET /compare/{$}", s.page(s.showCompareIndex))
	mux.Handle("GET /compare/years", s.page(s.showCompareYears))
	mux.Handle("GET /compare/departments", s.page(s.showCompareDepartments))
	mux.Handle("GET /region", s.cached(s.page(s.showRegion)))
	mux.Handle("GET /region/final", s.cached(s.page(s.showRegionFinal)))
	mux.Handle("GET /search", s.cached(s.page(s.showSearch)))
	mux.Handle("GET /data/{$}", s.page(s.showData))
	mux.Handle("GET /data/cells.csv", s.page(s.downloadCells))
	mux.Handle("GET /data/datapackage.json", s.page(s.downloadDataPackage))
	mux.Handle("GET /developers", s.page(s.showDevelopers))
	mux.Handle("GET /glossary", s.cached(s.page(s.showGlossary)))

	mux.Handle("GET /robots.txt", s.page(s.showRobots))
	mux.Handle("GET /sitemap.xml", s.page(s.showSitemap))
	mux.Handle("GET /favicon.ico", s.page(s.showFavicon))

	mux.Handle("GET /api/{$}", s.api(s.apiIndex))
	mux.Handle("GET /api/openapi.json", s.api(s.apiOpenAPI))
	mux.Handle("GET /api/regions", s.api(s.apiRegions))
	mux.Handle("GET /api/years", s.api(s.apiYears))
	mux.Handle("GET /api/departments", s.api(s.apiDepartments))
	mux.Handle("GET /api/departments/{id}", s.api(s.apiDepartment))
	mux.Handle("GET /api/documents/{id}", s.api(s.apiDocument))
	mux.Handle("GET /api/documents/{id}/findings", s.api(s.apiFindings))
	mux.Handle("GET /api/region-totals", s.api(s.apiRegionTotals))
	mux.Handle("GET /api/departments/{id}/final/{year}", s.api(s.apiFinal))
	mux.Handle("GET /api/region-final", s.api(s.apiRegionFinal))
	mux.Handle("GET /api/compare/years", s.api(s.apiCompareYears))
	mux.Handle("GET /api/compare/departments", s.api(s.apiCompareDepartments))
	mux.Handle("GET /api/search", s.api(s.apiSearch))
	mux.Handle("GET /api/cells", s.api(s.apiCells))
	mux.Handle("/api/", s.api(func(http.ResponseWriter, *http.Request) error { return errNotFound }))

	// Everything else: a Chinese 404 page, or 405 for other methods on known paths
	// (the mux answers those itself, through secure's wrapper).
	mux.Handle("/", s.page(func(http.ResponseWriter, *http.Request) error { return errNotFound }))
	return mux
}

// query returns a context for the store calls of one request, bounded so that no
// single request holds the database for long.
func (s *Server) query(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), s.opts.QueryTimeout)
}
