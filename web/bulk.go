package web

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"os"
	"sync"
	"time"

	"yusuan/store"
)

// maxBulkFiles is how many bulk files (one per region and year asked for)
// are kept built; the least recently used goes first.
const maxBulkFiles = 32

// bulkFiles keeps bulk downloads built, one file per question (the region
// and year asked for) and generation of the data, plain and gzipped. A
// download holds one of the MaxBulk slots only while its file is built from
// the database; sending it is http.ServeContent from the built file, with
// Range and ETag, however slowly the client reads, and holds no slot.
// Clients asking for a file being built wait for it rather than build it
// again.
//
// The files are temporary files removed from the directory as soon as they
// are made: the open descriptors keep them, so nothing is left on disk when
// the process ends, however it ends.
type bulkFiles struct {
	mu    sync.Mutex
	files map[string]*bulkFile
	clock int64 // for least recently used
}

// bulkFile is one built file, or one being built until ready is closed.
type bulkFile struct {
	key   string
	gen   store.Generation
	ready chan struct{}
	// Set before ready is closed:
	err            error
	plain, gzipped *os.File
	plainSize      int64
	gzippedSize    int64
	modTime        time.Time
	etag           string // of the plain file; the gzipped one's ends in -gzip
	// Guarded by bulkFiles.mu:
	lastUsed int64
	refs     int  // requests sending it
	dropped  bool // no longer in files; closed when refs falls to 0
}

func newBulkFiles() *bulkFiles { return &bulkFiles{files: map[string]*bulkFile{}} }

// get returns the file for key at generation gen, building it with write
// (which writes the plain content) within timeout if no request has yet.
// acquire takes a build slot or fails; release gives it back. The caller
// must call done with the file once it is sent.
func (b *bulkFiles) get(ctx context.Context, key string, gen store.Generation, timeout time.Duration,
	acquire func() error, release func(), write func(context.Context, io.Writer) error) (*bulkFile, error) {
	b.mu.Lock()
	f := b.files[key]
	if f != nil && f.gen != gen {
		b.drop(f)
		f = nil
	}
	if f == nil {
		if err := acquire(); err != nil {
			b.mu.Unlock()
			return nil, err
		}
		f = &bulkFile{key: key, gen: gen, ready: make(chan struct{})}
		b.files[key] = f
		b.evict()
		// The build outlives the request that started it, since others may
		// wait for it: it has a deadline of its own.
		bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
		go func() {
			defer cancel()
			defer release()
			err := f.build(bctx, write)
			b.mu.Lock()
			if f.err = err; err != nil {
				b.drop(f)
			}
			b.mu.Unlock()
			close(f.ready)
		}()
	}
	b.clock++
	f.lastUsed = b.clock
	f.refs++
	b.mu.Unlock()
	select {
	case <-f.ready:
		if f.err != nil {
			b.done(f)
			return nil, f.err
		}
		return f, nil
	case <-ctx.Done():
		b.done(f)
		return nil, ctx.Err()
	}
}

// done says a request has finished with f.
func (b *bulkFiles) done(f *bulkFile) {
	b.mu.Lock()
	defer b.mu.Unlock()
	f.refs--
	if f.dropped && f.refs == 0 {
		f.close()
	}
}

// drop takes f out of the files kept; b.mu is held. Requests sending it go
// on reading it, and the last to finish closes it.
func (b *bulkFiles) drop(f *bulkFile) {
	if b.files[f.key] == f {
		delete(b.files, f.key)
	}
	f.dropped = true
	if f.refs == 0 && isReady(f) {
		f.close()
	}
}

// evict drops the least recently used built files beyond maxBulkFiles; b.mu
// is held.
func (b *bulkFiles) evict() {
	for len(b.files) > maxBulkFiles {
		var oldest *bulkFile
		for _, f := range b.files {
			if isReady(f) && (oldest == nil || f.lastUsed < oldest.lastUsed) {
				oldest = f
			}
		}
		if oldest == nil {
			return
		}
		b.drop(oldest)
	}
}

func isReady(f *bulkFile) bool {
	select {
	case <-f.ready:
		return true
	default:
		return false
	}
}

func (f *bulkFile) close() {
	for _, file := range []*os.File{f.plain, f.gzipped} {
		if file != nil {
			file.Close()
		}
	}
	f.plain, f.gzipped = nil, nil
}

// build writes the plain and the gzipped file side by side.
func (f *bulkFile) build(ctx context.Context, write func(context.Context, io.Writer) error) (err error) {
	plain, err := anonymousFile()
	if err != nil {
		return err
	}
	gzipped, err := anonymousFile()
	if err != nil {
		plain.Close()
		return err
	}
	defer func() {
		if err != nil {
			plain.Close()
			gzipped.Close()
		}
	}()
	pw := bufio.NewWriterSize(plain, 64<<10)
	gw := bufio.NewWriterSize(gzipped, 64<<10)
	gz, _ := gzip.NewWriterLevel(gw, gzip.BestSpeed)
	h := fnv.New64a()
	if err := write(ctx, io.MultiWriter(pw, gz, h)); err != nil {
		return err
	}
	if err := errors.Join(pw.Flush(), gz.Close(), gw.Flush()); err != nil {
		return err
	}
	if f.plainSize, err = plain.Seek(0, io.SeekEnd); err != nil {
		return err
	}
	if f.gzippedSize, err = gzipped.Seek(0, io.SeekEnd); err != nil {
		return err
	}
	f.plain, f.gzipped = plain, gzipped
	f.modTime = time.Now().UTC().Truncate(time.Second)
	f.etag = fmt.Sprintf(`"%x"`, h.Sum64())
	return nil
}

// anonymousFile is a temporary file already removed from its directory.
func anonymousFile() (*os.File, error) {
	f, err := os.CreateTemp("", "yusuan-bulk-*")
	if err != nil {
		return nil, err
	}
	// Where an open file cannot be removed (Windows), it stays in the
	// temporary directory.
	_ = os.Remove(f.Name())
	return f, nil
}

// serve sends the file as name with contentType: gzipped to a client that
// takes gzip, plain to others, both with Range and conditional requests.
// Each request reads through its own SectionReader, so any number may read
// the same file at once.
func (f *bulkFile) serve(w http.ResponseWriter, r *http.Request, name, contentType string) {
	content := io.NewSectionReader(f.plain, 0, f.plainSize)
	etag := f.etag
	w.Header().Add("Vary", "Accept-Encoding")
	if acceptsGzip(r) {
		content = io.NewSectionReader(f.gzipped, 0, f.gzippedSize)
		etag = f.etag[:len(f.etag)-1] + `-gzip"`
		w.Header().Set("Content-Encoding", "gzip")
	}
	attach(w, name, contentType)
	w.Header().Set("ETag", etag)
	http.ServeContent(w, r, name, f.modTime, content)
}
