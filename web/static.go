package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

// Static files are embedded and never change while the process runs, so each is
// compressed once, at its first request, at the best compression, and then
// served from memory with an ETag (its content's hash) and Range support (a range
// is always of the plain file). The response middleware (compress.go) leaves an
// encoded answer as it is.

// staticFile is one embedded file, plain and gzipped.
type staticFile struct {
	plain, gzipped []byte
	etag           string // quoted; the gzipped form's ends in -gz
	ctype          string
}

type staticCache struct {
	fsys  fs.FS
	mu    sync.Mutex
	files map[string]*staticFile
}

// get returns the file at name, reading and compressing it on first use.
func (s *staticCache) get(name string) (*staticFile, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, ok := s.files[name]; ok {
		return f, nil
	}
	data, err := fs.ReadFile(s.fsys, name)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	f := &staticFile{plain: data, etag: hex.EncodeToString(sum[:12])}
	f.ctype = mime.TypeByExtension(path.Ext(name))
	if f.ctype == "" {
		f.ctype = http.DetectContentType(data)
	}
	if len(data) >= minCompress && compressible(f.ctype) {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(data)
		zw.Close()
		if buf.Len() < len(data) {
			f.gzipped = buf.Bytes()
		}
	}
	s.files[name] = f
	return f, nil
}

func staticHandler() http.Handler {
	sub, err := fs.Sub(staticFiles, "static")
	if err != nil {
		panic(err)
	}
	files := &staticCache{fsys: sub, files: map[string]*staticFile{}}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/static/")
		// Directory listings would show nothing secret, but nothing links to them.
		if name == "" || strings.HasSuffix(name, "/") || !fs.ValidPath(name) {
			http.NotFound(w, r)
			return
		}
		f, err := files.get(name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Cache-Control", "public, max-age=3600")
		h.Set("Content-Type", f.ctype)
		h.Add("Vary", "Accept-Encoding")
		body, etag := f.plain, `"`+f.etag+`"`
		if f.gzipped != nil && acceptsGzip(r) && r.Header.Get("Range") == "" {
			body, etag = f.gzipped, `"`+f.etag+`-gz"`
			h.Set("Content-Encoding", "gzip")
		}
		h.Set("ETag", etag)
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
	})
}
