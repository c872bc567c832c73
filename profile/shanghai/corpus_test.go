package shanghai_test

import (
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"yusuan/disclosure"
	"yusuan/reader"
)

// readCorpus reads the published document that the example reconstructs.
func readCorpus(t *testing.T) *disclosure.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "putuo-shangwuwei-2025-dept-budget.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := reader.ReadText("putuo-shangwuwei-2025-dept-budget.txt", string(data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// amountRows returns the rows of t that print at least one amount, each as its
// printed cells without spaces, column by column.
func amountRows(t *disclosure.Table) []string {
	var out []string
	for r, row := range disclosure.Grid(t.BodyCells(), len(t.Columns)) {
		line := make([]string, len(t.Columns))
		has := false
		for _, p := range row {
			if p.Col < len(line) {
				line[p.Col] = strings.Join(strings.Fields(p.Display(t.Unit)), "")
				has = has || p.Amount != nil
			}
		}
		if has {
			out = append(out, strings.Join(line, "|")+"|"+t.Rows[r].Code)
		}
	}
	return out
}

// TestCorpusTables checks that every row with an amount of the nine published tables
// is reproduced cell for cell, column by column (codes, name, amounts), and that the
// derived tables have no other rows with amounts.
func TestCorpusTables(t *testing.T) {
	corpus := readCorpus(t)
	ours := documents(t, loadExample(t))[0]
	if len(corpus.Tables) != 9 || len(ours.Tables) != 9 {
		t.Fatalf("read %d tables from the corpus and derived %d, want 9 each", len(corpus.Tables), len(ours.Tables))
	}
	rows, cells := 0, 0
	for i, want := range corpus.Tables {
		got := ours.Tables[i]
		if want.Title != got.Title || want.Entity != got.Entity || want.Unit != got.Unit {
			t.Errorf("table %d: derived %q %q %s, published %q %q %s", i+1, got.Title, got.Entity, got.Unit, want.Title, want.Entity, want.Unit)
		}
		w, g := amountRows(want), amountRows(got)
		if strings.Join(w, "\n") != strings.Join(g, "\n") {
			t.Errorf("table %d differs from the published one\npublished:\n%s\nderived:\n%s", i+1, strings.Join(w, "\n"), strings.Join(g, "\n"))
		}
		if len(want.Notes) != len(got.Notes) || strings.Join(want.Notes, "") != strings.Join(got.Notes, "") {
			t.Errorf("table %d notes: derived %q, published %q", i+1, got.Notes, want.Notes)
		}
		rows += len(w)
		for _, r := range w {
			for _, c := range strings.Split(r, "|") {
				if c != "" {
					cells++
				}
			}
		}
	}
	t.Logf("compared %d rows, %d non-empty cells of the nine tables", rows, cells)
}

var numberRe = regexp.MustCompile(`\d[\d,]*(?:\.\d+)?`)

// canonical writes a number so that 1720, 1720.0 and 1,720.00 compare equal.
func canonical(s string) string {
	r, ok := new(big.Rat).SetString(strings.ReplaceAll(s, ",", ""))
	if !ok {
		return s
	}
	return r.RatString()
}

// partNumbers returns the numbers of each part's text by the part's title.
func partNumbers(doc *disclosure.Document) map[string][]string {
	out := map[string][]string{}
	for _, p := range doc.Parts {
		title := strings.Join(strings.Fields(p.Title), "")
		for _, b := range p.Blocks {
			for _, n := range numberRe.FindAllString(b.Text, -1) {
				out[title] = append(out[title], canonical(n))
			}
		}
	}
	return out
}

// corpusExtra are numbers the published narrative prints that the generated one does
// not, by part: the published document's own faults (listed for the README).
var corpusExtra = map[string][]string{
	// The published PDF prints duties 7 (its second half) to 12 twice: a page is repeated.
	"上海市普陀区商务委员会主要职能": {"8", "9", "10", "11", "12"},
}

// TestCorpusNarrative checks that every number of each published part appears in the
// generated part of the same title, as often, apart from corpusExtra; and that the
// generated parts print no number the published ones lack.
func TestCorpusNarrative(t *testing.T) {
	corpus := readCorpus(t)
	ours := documents(t, loadExample(t))[0]
	want, got := partNumbers(corpus), partNumbers(ours)
	total := 0
	for title, nums := range want {
		if _, ok := got[title]; !ok {
			t.Errorf("the published part %q has no generated counterpart", title)
			continue
		}
		have := map[string]int{}
		for _, n := range got[title] {
			have[n]++
		}
		for _, n := range corpusExtra[title] {
			have[canonical(n)]++
		}
		for _, n := range nums {
			total++
			if have[n] == 0 {
				t.Errorf("part %q: the published number %s is missing from the generated text", title, n)
				continue
			}
			have[n]--
		}
		for n, k := range have {
			if k > 0 {
				t.Errorf("part %q: the generated text prints %s %d more time(s) than the published one", title, n, k)
			}
		}
	}
	for title := range got {
		if _, ok := want[title]; !ok {
			t.Errorf("the generated part %q is not in the published document", title)
		}
	}
	t.Logf("compared %d numbers in %d parts", total, len(want))
}
