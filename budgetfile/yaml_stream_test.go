package budgetfile

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"yusuan/budget/budgettest"
)

// readBothWays reads data piece by piece (as ReadYAML does) and parsed whole,
// and fails unless both give the same budget, Src lines included, and the same
// error. It reports whether the pieces were used.
func readBothWays(t *testing.T, data []byte) (pieces bool) {
	t.Helper()
	whole, werr := readYAMLDoc(data, "x.yaml")
	got, gerr := readYAMLText(bytes.NewReader(data), "x.yaml", 0)
	if fmt.Sprint(werr) != fmt.Sprint(gerr) {
		t.Fatalf("errors differ:\npieces: %v\nwhole:  %v\ntext:\n%s", gerr, werr, clip(data))
	}
	if !reflect.DeepEqual(whole, got) {
		t.Fatalf("budgets differ between pieces and whole parse; text:\n%s", clip(data))
	}
	_, _, pieces = readYAMLPieces(data, "x.yaml")
	return pieces
}

func clip(data []byte) []byte {
	if len(data) > 4000 {
		return append(data[:4000:4000], "…"...)
	}
	return data
}

// TestYAMLPiecesMatchWhole: written budgets, large enough for several batches
// of line items, read piece by piece exactly as parsed whole.
func TestYAMLPiecesMatchWhole(t *testing.T) {
	rich, err := os.ReadFile(filepath.Join("testdata", "rich.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	texts := [][]byte{rich, writeYAML(t, richBudget()), []byte(smallYAML)}
	for seed := range int64(12) {
		opts := budgettest.Options{Fields2026: seed%2 == 0, Classified: seed%3 == 0}
		if seed < 3 {
			opts.Items = 3000 // several batches
		}
		texts = append(texts, writeYAML(t, budgettest.Random(rand.New(rand.NewSource(seed)), opts)))
	}
	for i, data := range texts {
		if !readBothWays(t, data) {
			t.Errorf("text %d was not read piece by piece", i)
		}
		if i >= 3 && i < 6 {
			entries, _ := splitYAML(data)
			batches := 0
			for _, e := range entries {
				batches += len(e.batches)
			}
			if batches < 5 {
				t.Errorf("text %d (%d bytes): %d batches", i, len(data), batches)
			}
		}
	}
}

// TestYAMLPiecesMutated: written budgets with lines deleted, repeated,
// shifted or replaced by tricky ones give the same budget and the same errors,
// with the same lines, piece by piece as whole.
func TestYAMLPiecesMutated(t *testing.T) {
	base := [][]byte{
		writeYAML(t, richBudget()),
		writeYAML(t, budgettest.Random(rand.New(rand.NewSource(7)), budgettest.Options{Items: 800, Fields2026: true})),
	}
	tricky := []string{
		"", "#", "---", "...", "- x", "  - x", "items:", "items: []", "units:", "year: 2026", "bogus:", "bogus: 1",
		"  - &a {unit: \"1\"}", "  - *a", "text: &t", "  goals: *t", "  - \"open", "  - {unit: \"1\",", "  - [", "]",
		"\t- x", "  \t- x", "  -x", " - x", "   - x", "department: {name: 甲", "code: 1}", "  - |", "    两段", "x\r",
		"key:value", "\"year\": 2025", "%YAML 1.2", "\ufeffprofile: x", "  # 注释", "  - {unit: \"1\", amount: \"1.005\"}",
	}
	pieces, total := 0, 0
	for k, data := range base {
		lines := strings.Split(string(data), "\n")
		r := rand.New(rand.NewSource(int64(k)))
		runs := 200
		if testing.Short() {
			runs = 40
		}
		for range runs {
			m := append([]string(nil), lines...)
			for range 1 + r.Intn(3) {
				i := r.Intn(len(m))
				switch r.Intn(5) {
				case 0:
					m = append(m[:i], m[i+1:]...)
				case 1:
					m = append(m[:i+1], m[i:]...)
				case 2:
					m[i] = " " + m[i]
				case 3:
					m[i] = strings.TrimPrefix(m[i], " ")
				default:
					m = append(m[:i], append([]string{tricky[r.Intn(len(tricky))]}, m[i:]...)...)
				}
			}
			text := []byte(strings.Join(m, "\n"))
			total++
			if readBothWays(t, text) {
				pieces++
			}
		}
	}
	// Most mutations break the YAML, but enough still read piece by piece that
	// the comparison is not only of the fallback with itself.
	if pieces < total/6 {
		t.Errorf("only %d of %d mutated texts were read piece by piece", pieces, total)
	}
	t.Logf("%d of %d mutated texts read piece by piece", pieces, total)
}

// FuzzYAMLPieces: any text reads piece by piece exactly as parsed whole.
func FuzzYAMLPieces(f *testing.F) {
	rich, err := os.ReadFile(filepath.Join("testdata", "rich.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{string(rich), smallYAML, "", "year: 2025\n", "items:\n  - {amount: \"1.005\"}\n",
		"a: &x [*x]\n", "units: [{code: 1, classified: true}]\n", "text:\n  duties:\n    - |\n      两段\n\n      文字\n",
		"items:\n- {unit: \"1\"}\n- {unit: \"2\"}\nyear: 2025\n", "units:\n  - code: \"1\"\n    name: 甲\n  - &u {code: \"2\"}\nprojects:\n  - *u\n"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
			return
		}
		readBothWays(t, data)
	})
}
