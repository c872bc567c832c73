// Command gen writes the built-in catalogue's generated lists from their evidence:
//
//	go run ./classification/gen [-corpus ../shared/corpus] [-data classification/data] [-list]
//
// run from the repository root. With -list it only prints what it reads, one
// line per code, name and document (kind, code, name, year, file), for review. It reads every corpus document with yusuan's
// reader (classification/internal/observe) and writes
//
//   - corpus.csv: every code and name the documents print, with the years of the
//     documents that print each name and the documents themselves as its source.
//     Where documents disagree on a code's name, names of years that do not
//     overlap are all kept (a renaming); otherwise the name most documents print
//     is kept, a name cut short by the layout gives way to the whole one, and the
//     others go to variants.csv;
//   - variants.csv: the names not kept, with the name kept and why;
//   - standard.csv: the standard items of the administrative 款 (standard.go).
//
// The lists are reviewed in the diff like golden files; classification's tests
// fail when corpus.csv no longer matches the corpus.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"yusuan/classification/internal/observe"
)

func main() {
	corpus := flag.String("corpus", "../shared/corpus", "the corpus folder")
	dataDir := flag.String("data", "classification/data", "the catalogue's data folder")
	list := flag.Bool("list", false, "print what the documents print and write nothing")
	flag.Parse()
	log.SetFlags(0)
	seen, err := observe.Corpus(*corpus)
	if err != nil {
		log.Fatalf("gen: %v", err)
	}
	if *list {
		for _, s := range seen {
			fmt.Printf("%s\t%s\t%s\t%d\t%s\n", s.Kind, s.Code, s.Name, s.Year, s.File)
		}
		return
	}
	entries, variants := observe.Resolve(seen)
	if err := write(filepath.Join(*dataDir, "corpus.csv"), observe.CorpusCSV(entries)); err != nil {
		log.Fatalf("gen: %v", err)
	}
	if err := write(filepath.Join(*dataDir, "variants.csv"), observe.VariantsCSV(variants)); err != nil {
		log.Fatalf("gen: %v", err)
	}
	known, err := observe.LoadDir(*dataDir)
	if err != nil {
		log.Fatalf("gen: %v", err)
	}
	std, skipped := observe.Standard(known)
	if err := write(filepath.Join(*dataDir, "standard.csv"), observe.StandardCSV(std)); err != nil {
		log.Fatalf("gen: %v", err)
	}
	for _, s := range skipped {
		fmt.Fprintln(os.Stderr, "standard item not generated:", s)
	}
	fmt.Fprintf(os.Stderr, "%d observations, %d entries, %d variants, %d standard items\n", len(seen), len(entries), len(variants), len(std))
}

func write(path, text string) error {
	return os.WriteFile(path, []byte(text), 0o644)
}
