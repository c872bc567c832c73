package web

import (
	"bytes"
	"container/list"
	"context"
	"net/http"
	"sync"
	"time"

	"yusuan/store"
)

// Rendered pages are kept until the data changes, so that a document page costs
// what a static file costs after its first request (docs/performance.md). Imports
// through this process's store are seen at once; those of another process within
// generationTTL, when the database is asked again.
const (
	generationTTL = time.Second
	maxCachedPage = 4 << 20
	cacheBytes    = 64 << 20
)

// pageCache holds rendered pages by request URI, least recently used first out,
// all of one generation of the data.
type pageCache struct {
	mu      sync.Mutex
	gen     store.Generation
	checked time.Time // when gen was read from the database
	imports int64     // the store's own import count then
	size    int64
	order   *list.List // of *cachedPage, most recent first
	pages   map[string]*list.Element
}

type cachedPage struct {
	key    string
	gen    store.Generation
	header http.Header
	body   []byte
}

func newPageCache() *pageCache {
	return &pageCache{order: list.New(), pages: map[string]*list.Element{}}
}

// generation returns the data's current generation, asking the database at most
// once a generationTTL unless this process imported since. ok is false when the
// database could not say; nothing is cached then.
func (c *pageCache) generation(ctx context.Context, st *store.Store) (store.Generation, bool) {
	imports := st.Imports()
	c.mu.Lock()
	if imports == c.imports && !c.checked.IsZero() && time.Since(c.checked) < generationTTL {
		g := c.gen
		c.mu.Unlock()
		return g, true
	}
	c.mu.Unlock()
	g, err := st.Generation(ctx)
	if err != nil {
		return store.Generation{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if g != c.gen {
		c.order.Init()
		c.pages = map[string]*list.Element{}
		c.size = 0
	}
	c.gen, c.checked, c.imports = g, time.Now(), imports
	return g, true
}

func (c *pageCache) get(key string, gen store.Generation) *cachedPage {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.pages[key]
	if e == nil || e.Value.(*cachedPage).gen != gen {
		return nil
	}
	c.order.MoveToFront(e)
	return e.Value.(*cachedPage)
}

func (c *pageCache) put(p *cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p.gen != c.gen {
		return // the data changed while the page was made
	}
	if e := c.pages[p.key]; e != nil {
		c.size -= int64(len(e.Value.(*cachedPage).body))
		c.order.Remove(e)
	}
	c.pages[p.key] = c.order.PushFront(p)
	c.size += int64(len(p.body))
	for c.size > cacheBytes {
		last := c.order.Back()
		old := last.Value.(*cachedPage)
		c.order.Remove(last)
		delete(c.pages, old.key)
		c.size -= int64(len(old.body))
	}
}

// cached serves a page from the cache, or makes it and keeps it when it is a
// successful GET of reasonable size. Pages depend on nothing but the URL and the
// data; the security headers are set around this, on every response.
func (s *Server) cached(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gen, ok := s.cache.generation(r.Context(), s.store)
		key := r.URL.RequestURI()
		if ok {
			if p := s.cache.get(key, gen); p != nil {
				writePage(w, http.StatusOK, p.header, p.body)
				return
			}
		}
		rec := &recorder{header: http.Header{}, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		body := rec.body.Bytes()
		writePage(w, rec.status, rec.header, body)
		if ok && r.Method == http.MethodGet && rec.status == http.StatusOK && len(body) <= maxCachedPage {
			s.cache.put(&cachedPage{key: key, gen: gen, header: rec.header, body: body})
		}
	})
}

func writePage(w http.ResponseWriter, status int, header http.Header, body []byte) {
	for k, v := range header {
		w.Header()[k] = v
	}
	w.WriteHeader(status)
	w.Write(body)
}

// recorder keeps a response to be sent and cached.
type recorder struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.body.Write(b)
}
