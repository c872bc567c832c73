package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"yusuan/classification"
)

// readDir returns the names and contents of dir's regular files.
func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

// TestWriteAllFailureKeepsPreviousFiles writes three files, then writes new
// contents while a directory stands where the last one goes: the rename of
// the first two succeeds before the third fails, and all three must be left
// as they were, with no temporary file beside them.
func TestWriteAllFailureKeepsPreviousFiles(t *testing.T) {
	files := func(version string) []File {
		return []File{
			{Name: "a.html", Data: []byte("html " + version)},
			{Name: "a.xlsx", Data: []byte("xlsx " + version)},
			{Name: "a.pdf", Data: []byte("pdf " + version)},
		}
	}
	tests := []struct {
		name  string
		block func(t *testing.T, dir string) // puts something in the way
		want  map[string]string
	}{
		{
			name: "directory where a file was",
			block: func(t *testing.T, dir string) {
				if err := os.Remove(filepath.Join(dir, "a.pdf")); err != nil {
					t.Fatal(err)
				}
				if err := os.Mkdir(filepath.Join(dir, "a.pdf"), 0o755); err != nil {
					t.Fatal(err)
				}
			},
			want: map[string]string{"a.html": "html 1", "a.xlsx": "xlsx 1"},
		},
		{
			name: "directory in the way, one file new",
			block: func(t *testing.T, dir string) {
				for _, name := range []string{"a.html", "a.pdf"} {
					if err := os.Remove(filepath.Join(dir, name)); err != nil {
						t.Fatal(err)
					}
				}
				if err := os.Mkdir(filepath.Join(dir, "a.pdf"), 0o755); err != nil {
					t.Fatal(err)
				}
			},
			want: map[string]string{"a.xlsx": "xlsx 1"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := WriteAll(dir, files("1")); err != nil {
				t.Fatal(err)
			}
			tc.block(t, dir)
			_, err := WriteAll(dir, files("2"))
			if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "a.pdf")) {
				t.Fatalf("error %v, want one naming a.pdf", err)
			}
			got := readDir(t, dir)
			if len(got) != len(tc.want) {
				t.Errorf("after the failed write the folder holds %v, want %v", keys(got), keys(tc.want))
			}
			for name, want := range tc.want {
				if got[name] != want {
					t.Errorf("%s = %q, want the previous %q", name, got[name], want)
				}
			}
		})
	}
}

// TestRunFailureKeepsPreviousOutputs builds the example, puts a directory
// where its last output goes, and builds again: the failed build must leave
// the first build's other outputs in place.
func TestRunFailureKeepsPreviousOutputs(t *testing.T) {
	dir := t.TempDir()
	paths, err := Run("../examples/longgang-2024", dir, "", classification.Default(), Formats)
	if err != nil {
		t.Fatal(err)
	}
	before := readDir(t, dir)
	last := paths[len(paths)-1]
	if err := os.Remove(last); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(last, 0o755); err != nil {
		t.Fatal(err)
	}
	delete(before, filepath.Base(last))
	if _, err := Run("../examples/longgang-2024", dir, "", classification.Default(), Formats); err == nil {
		t.Fatal("the build succeeded with a directory in the way")
	}
	after := readDir(t, dir)
	if len(after) != len(before) {
		t.Errorf("after the failed build the folder holds %v, want %v", keys(after), keys(before))
	}
	for name, want := range before {
		if after[name] != want {
			t.Errorf("%s changed or went missing", name)
		}
	}
}

// TestWriteAllRemovesStaleTemporaries leaves temporaries as a killed build
// would: the old one must go, one just made (perhaps by a build running now)
// must stay.
func TestWriteAllRemovesStaleTemporaries(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, tempPrefix+"123")
	fresh := filepath.Join(dir, tempPrefix+"456")
	for _, p := range []string{stale, fresh} {
		if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-2 * staleAfter)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteAll(dir, []File{{Name: "a.html", Data: []byte("x")}}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale temporary still there (%v)", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a fresh temporary was removed: %v", err)
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
