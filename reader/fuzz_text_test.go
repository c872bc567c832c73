package reader_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"yusuan/check"
	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/reader"
)

// FuzzReadTextLayout feeds ReadText text laid out like the published
// documents (seeded with pages of the corpus's texts, of testdata's and of the
// tab-separated seed) and holds what every read must: no panic; an error a
// person reads, in Chinese and naming the file; the same document from the same
// text; every amount read exactly as printed in its table's unit; and a check
// of the document whose findings are in Chinese.
func FuzzReadTextLayout(f *testing.F) {
	for _, s := range append(textSeeds(f), finalAccountsSeeds(f)...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		const name = "fuzz.txt"
		doc, err := reader.ReadText(name, text)
		if err != nil {
			if !hasHan(err.Error()) || !strings.Contains(err.Error(), name) {
				t.Fatalf("error not in Chinese or without the file name: %v", err)
			}
			return
		}
		again, err := reader.ReadText(name, text)
		if err != nil || !reflect.DeepEqual(doc, again) {
			t.Fatalf("the same text read twice differs (second error: %v)", err)
		}
		for _, tb := range doc.AllTables() {
			checkAmountsExact(t, tb)
		}
		for _, fd := range check.Run(doc, check.Options{}).Findings {
			if !hasHan(fd.Message) {
				t.Fatalf("finding %s not in Chinese: %q", fd.Rule, fd.Message)
			}
		}
	})
}

// checkAmountsExact: an amount cell holds what its printed text says in the
// table's unit, to the 分.
func checkAmountsExact(t *testing.T, tb *disclosure.Table) {
	t.Helper()
	for i, row := range tb.Rows {
		for j, c := range row.Cells {
			if c.Amount == nil || c.Printed == "" {
				continue
			}
			want, err := money.Parse(strings.ReplaceAll(c.Printed, "−", "-"), tb.Unit)
			if err != nil || want != *c.Amount {
				t.Fatalf("%s row %d cell %d: printed %q in %s, read %d 分 (parse: %d, %v)",
					tb.Title, i+1, j+1, c.Printed, tb.Unit, int64(*c.Amount), int64(want), err)
			}
		}
	}
}

func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

// textSeeds returns, of every text in the corpus (where it is there), in
// testdata and of the tab-separated seed, its first lines alone and followed by
// three pages with amounts: the title first, so that mutations reach the tables.
func textSeeds(f *testing.F) []string {
	var files []string
	for _, pattern := range []string{
		filepath.Join(corpusDir, "*", "*.txt"),
		filepath.Join("testdata", "*.txt"),
		filepath.Join("..", "profile", "shenzhen", "testdata", "seed-longgang-2024.txt"),
	} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		files = append(files, m...)
	}
	var seeds []string
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		pages := strings.Split(string(data), "\f")
		if len(pages) == 1 {
			// The seed has no form feeds: runs of 40 lines instead.
			pages = pieces(f, file, 40)
		}
		// The cover and the 目录, which the format is recognised by.
		head := firstLines(string(data), 60)
		seeds = append(seeds, head)
		// Two tables are the least a document is recognised by.
		seed, tables := head, 0
		for _, p := range pages[1:] {
			if tables < 3 && strings.Count(p, ".") > 20 && !strings.Contains(head, p) {
				seed, tables = seed+"\f"+p, tables+1
			}
		}
		seeds = append(seeds, seed)
	}
	return seeds
}

// firstLines is s up to its nth line.
func firstLines(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	return strings.Join(lines[:min(n, len(lines))], "")
}
