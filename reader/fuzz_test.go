package reader_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"yusuan/check"
	"yusuan/reader"
	"yusuan/reader/pdftext"
)

// pieces cuts a file into runs of lines, for fuzz seeds small enough to mutate.
func pieces(t testing.TB, path string, size int) []string {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	var out []string
	for i := 0; i < len(lines); i += size {
		out = append(out, strings.Join(lines[i:min(i+size, len(lines))], ""))
	}
	return out
}

// fuzzRead feeds text to read: it must return a document or an error that names
// the file, and never panic.
func fuzzRead(f *testing.F, read func(name, text string) error, seeds ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if err := read("fuzz.txt", text); err != nil && !strings.Contains(err.Error(), "fuzz.txt") {
			t.Errorf("error without the file name: %v", err)
		}
	})
}

func FuzzReadLayout(f *testing.F) {
	var seeds []string
	for _, c := range shanghaiCorpus {
		p := pieces(f, filepath.Join("testdata", c.name+".txt"), 60)
		head := p[0]
		for _, piece := range p {
			// The title first, so that the seeds reach the tables.
			seeds = append(seeds, head+piece)
		}
	}
	// yusuan's Shenzhen PDF as laid out: the title first, then a run of its lines,
	// so that seeds reach the narrative, the project table and the tables.
	sz := pieces(f, filepath.Join("pdftext", "testdata", "longgang-2024.layout"), 40)
	for _, piece := range sz {
		seeds = append(seeds, sz[0][:strings.Index(sz[0], "目")]+piece)
	}
	seeds = append(seeds, finalAccountsSeeds(f)...)
	fuzzRead(f, func(name, text string) error {
		_, err := reader.ReadLayout(name, text)
		return err
	}, seeds...)
}

// finalAccountsSeeds returns, of every 部门决算 text in the corpus (where it
// is there), its first lines followed by the lines around its first table's
// title and then around a later table's title or a heading of the narrative:
// two-sided tables with side headings over their columns, and the 五（二）/（三）
// narrative whose lines `pdftotext -layout` prints out of order. The first
// table goes with every seed, as a document is recognised by its tables.
func finalAccountsSeeds(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join(corpusDir, "juesuan", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	marks := []string{"收入支出决算总表", "一般公共预算财政拨款支出决算表", "支出决算结构情况", "支出决算具体情况", "财政拨款支出说明"}
	var seeds []string
	for _, file := range files {
		lines := pieces(t, file, 1)
		var windows []string
		for i := 60; i < len(lines); i++ {
			for _, m := range marks {
				if strings.Contains(lines[i], m) {
					windows = append(windows, strings.Join(lines[max(60, i-10):min(i+90, len(lines))], ""))
					// The next window starts past this one.
					i += 80
					break
				}
			}
		}
		if len(windows) == 0 {
			continue
		}
		head := strings.Join(lines[:min(60, len(lines))], "") + windows[0]
		seeds = append(seeds, head)
		for _, w := range windows[1:] {
			seeds = append(seeds, head+w)
		}
	}
	return seeds
}

func FuzzReadText(f *testing.F) {
	seed := pieces(f, filepath.Join("..", "profile", "shenzhen", "testdata", "seed-longgang-2024.txt"), 40)
	for i := 1; i < len(seed); i++ {
		seed[i] = seed[0] + seed[i]
	}
	fuzzRead(f, func(name, text string) error {
		doc, err := reader.ReadText(name, text)
		if err == nil {
			check.Run(doc, check.Options{})
		}
		return err
	}, seed...)
}

// TestReadFileRefusesHugeFile: a 1 GB file is refused from its size, unread.
func TestReadFileRefusesHugeFile(t *testing.T) {
	for _, ext := range []string{".txt", ".pdf"} {
		path := filepath.Join(t.TempDir(), "huge"+ext)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(1 << 30); err != nil {
			t.Fatal(err)
		}
		f.Close()
		_, err = reader.ReadFile(path)
		if err == nil || !strings.Contains(err.Error(), "上限") || !strings.Contains(err.Error(), "huge"+ext) {
			t.Errorf("%s: %v", ext, err)
		}
	}
}

func BenchmarkReadLayout(b *testing.B) {
	text, err := os.ReadFile(filepath.Join("testdata", shanghaiCorpus[1].name+".txt"))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("shanghai", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			if _, err := reader.ReadLayout("wanli.txt", string(text)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCheckSeedText reads and checks the seed; the target is under 20 ms.
func BenchmarkCheckSeedText(b *testing.B) {
	text := seedText(b)
	for b.Loop() {
		checkText(b, text)
	}
}

// BenchmarkCheckPDF reads and checks a 26-page PDF once PDFium is warm; the target
// is under a second.
func BenchmarkCheckPDF(b *testing.B) {
	if err := pdftext.Start(); err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("pdftext", "testdata", shanghaiCorpus[0].name+".pdf"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		doc, err := reader.ReadPDF(context.Background(), "shangwuwei.pdf", data)
		if err != nil {
			b.Fatal(err)
		}
		check.Run(doc, check.Options{})
	}
}
