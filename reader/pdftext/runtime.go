package pdftext

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// wasmMemoryLimitPages caps each PDFium instance's linear memory at 2 GiB
// (64 KiB pages): enough for a 256 MiB input plus its parsed objects, small
// enough that one hostile document cannot take the whole machine.
const wasmMemoryLimitPages = 32768

var (
	startOnce sync.Once
	startErr  error
	pool      pdfium.Pool
)

// Start initialises the PDFium runtime once per process. Compiling the
// 6 MB wasm module is the slow part, so the compiled code is cached on disk
// in os.UserCacheDir()/yusuan/wazero and reused by later processes; when
// that directory is not writable the cache lives in memory only. Extract
// calls Start lazily; servers and benchmarks may call it early to warm up.
func Start() error {
	startOnce.Do(func() { startErr = start() })
	return startErr
}

func start() error {
	cfg := wazero.NewRuntimeConfig().
		// The bundled PDFium lowers setjmp/longjmp to wasm exceptions.
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithCompilationCache(compilationCache()).
		WithMemoryLimitPages(wasmMemoryLimitPages)
	p, err := webassembly.Init(webassembly.Config{
		// One worker: a PDFium instance is single-threaded, and one
		// document at a time bounds memory. Callers queue on the pool.
		MinIdle:       1,
		MaxIdle:       1,
		MaxTotal:      1,
		RuntimeConfig: cfg,
		// PDFium gets the document as bytes; it needs no file system,
		// and must not see the host's (go-pdfium mounts / by default).
		FSConfig: wazero.NewFSConfig(),
		Stdout:   io.Discard,
		Stderr:   io.Discard,
	})
	if err != nil {
		return fmt.Errorf("pdftext: start PDFium: %w", err)
	}
	pool = p
	return nil
}

// compilationCache returns a disk-backed cache when the user cache
// directory is writable, else an in-memory one.
func compilationCache() wazero.CompilationCache {
	base, err := os.UserCacheDir()
	if err != nil {
		return wazero.NewCompilationCache()
	}
	dir := filepath.Join(base, "yusuan", "wazero")
	if err := os.MkdirAll(dir, 0o755); err != nil || !writable(dir) {
		return wazero.NewCompilationCache()
	}
	c, err := wazero.NewCompilationCacheWithDir(dir)
	if err != nil {
		return wazero.NewCompilationCache()
	}
	return c
}

// writable reports whether dir accepts new files; MkdirAll succeeds on an
// existing read-only directory, and wazero would then fail silently on
// every write.
func writable(dir string) bool {
	f, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return false
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	return true
}

// instance borrows the PDFium worker, waiting for it as long as ctx allows.
func instance(ctx context.Context) (pdfium.Pdfium, error) {
	if err := Start(); err != nil {
		return nil, err
	}
	inst, err := pool.GetInstanceWithContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("pdftext: get PDFium instance: %w", err)
	}
	return inst, nil
}
