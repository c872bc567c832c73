package pdftext

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// wasmMemoryLimitPages caps each PDFium instance's linear memory at 256 MiB
// (64 KiB pages): four times MaxSize, for the file's bytes plus its parsed
// objects, and more than ten times what any corpus document needs; small
// enough that a decompression bomb is refused at about 300 MB of resident
// memory for the whole process. At 2 GiB, a 1 MB bomb inflating to 1 GiB
// took 4 GB and 25 s before PDFium gave up. The allocator enforces it
// (memoryAllocator); wazero's own limit, runtimeMemoryLimitPages, is only
// a backstop above it.
const (
	wasmMemoryLimitPages    = 4096
	runtimeMemoryLimitPages = 2 * wasmMemoryLimitPages
)

// maxInstances bounds the PDFium instances however many cores there are.
// Each holds the wasm memory of the document it reads, about 30 MiB of RSS
// for a disclosure: the 22 PDFs of the shared corpus read on 8 instances
// peaked at 336 MiB, on one at 128 MiB (BenchmarkExtractParallel measures
// the same on the test documents).
const maxInstances = 8

// OnColdStart, when set, is called once before Start compiles the PDFium
// module without a compiled copy in the disk cache, which takes 5–10 s: a
// command uses it to tell its user why the first PDF is slow. Set it before
// the first Start.
var OnColdStart func()

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
	cache, warm := compilationCache()
	if !warm && OnColdStart != nil {
		OnColdStart()
	}
	cfg := wazero.NewRuntimeConfig().
		// The bundled PDFium lowers setjmp/longjmp to wasm exceptions.
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithCompilationCache(cache).
		WithMemoryLimitPages(runtimeMemoryLimitPages)
	n := instances()
	p, err := webassembly.Init(webassembly.Config{
		// A PDFium instance is single-threaded: one per core reads that
		// many documents at once, and callers beyond that queue on the
		// pool. One instance is made ahead; the others when needed.
		MinIdle:       1,
		MaxIdle:       n,
		MaxTotal:      n,
		RuntimeConfig: cfg,
		// PDFium gets the document as bytes; it needs no file system,
		// and must not see the host's (go-pdfium mounts / by default).
		FSConfig: wazero.NewFSConfig(),
		Stdout:   io.Discard,
		Stderr:   io.Discard,
		// Each instance's memory is reserved at the limit and released
		// when the instance closes; see limitedMemory.
		Context: experimental.WithMemoryAllocator(context.Background(), memoryAllocator(MaxMemory, reserve)),
	})
	if err != nil {
		return fmt.Errorf("pdftext: start PDFium: %w", err)
	}
	pool = p
	return nil
}

// instances is how many PDFium instances may read documents at once: one
// per core Go may use, at most maxInstances.
func instances() int {
	return max(1, min(runtime.GOMAXPROCS(0), maxInstances))
}

// compilationCache returns a disk-backed cache when the user cache
// directory is writable, else an in-memory one; warm tells whether it
// already holds compiled code.
func compilationCache() (cache wazero.CompilationCache, warm bool) {
	base, err := os.UserCacheDir()
	if err != nil {
		return wazero.NewCompilationCache(), false
	}
	dir := filepath.Join(base, "yusuan", "wazero")
	if err := os.MkdirAll(dir, 0o755); err != nil || !writable(dir) {
		return wazero.NewCompilationCache(), false
	}
	c, err := wazero.NewCompilationCacheWithDir(dir)
	if err != nil {
		return wazero.NewCompilationCache(), false
	}
	return c, compiledIn(dir)
}

// compiledIn reports whether the cache directory holds code compiled by
// this binary's wazero. wazero keeps it in a subdirectory named after its
// version and the platform, so a cache left by another version is cold.
// A new PDFium build under the same wazero would count as warm; the cost
// is one start without notice.
func compiledIn(dir string) bool {
	entries, err := os.ReadDir(filepath.Join(dir, "wazero-"+wazeroVersion()+"-"+runtime.GOARCH+"-"+runtime.GOOS))
	if err != nil {
		return false
	}
	for _, e := range entries {
		if e.Type().IsRegular() {
			return true
		}
	}
	return false
}

// wazeroVersion is the version wazero names its cache directory after, found
// the way wazero finds it: the module version this binary was built with,
// or "dev" when the build records none, as in tests.
func wazeroVersion() string {
	v := ""
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "github.com/tetratelabs/wazero" {
				v = dep.Version
			}
		}
	}
	if v == "" || v == "(devel)" {
		return "dev"
	}
	return v
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

// instance borrows a PDFium worker, waiting for one as long as ctx allows.
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
