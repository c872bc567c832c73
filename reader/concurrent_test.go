package reader

import (
	"fmt"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
)

// TestReadConcurrently: documents read at the same time, as yusuan check and
// import read their files, give what each gives alone. reader starts no
// goroutines of its own, but its callers do, so whatever state it or the
// packages it uses share must be safe to share; .ci/run runs this test under
// the race detector, which the corpus tests are too slow for.
func TestReadConcurrently(t *testing.T) {
	files := []string{
		"putuo-shangwuwei-2025-dept-budget.txt",
		"putuo-wanli-jiedao-2023-dept-budget.txt",
		"template-department-budget.xlsx",
		"template-unit-budget.xlsx",
	}
	type result struct {
		doc any
		err string
	}
	read := func(name string) result {
		doc, err := ReadFile(filepath.Join("testdata", name))
		return result{doc, fmt.Sprint(err)}
	}
	want := map[string]result{}
	for _, f := range files {
		want[f] = read(f)
	}
	const rounds = 2
	var wg sync.WaitGroup
	got := make([]result, rounds*len(files))
	for i := range got {
		wg.Go(func() { got[i] = read(files[i%len(files)]) })
	}
	wg.Wait()
	for i, g := range got {
		f := files[i%len(files)]
		if g.err != want[f].err || !reflect.DeepEqual(g.doc, want[f].doc) {
			t.Errorf("%s read concurrently differs from alone: error %q, want %q", f, g.err, want[f].err)
		}
	}
}
