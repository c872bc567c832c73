package classification_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"yusuan/classification"
	"yusuan/classification/internal/observe"
)

// The built-in lists are evidence for names in years; these tests hold them to
// the shape a catalogue must have, and to the corpus they were read from.

// corpusDir is the shared corpus of published documents, next to the repository.
const corpusDir = "../../shared/corpus"

// builtinRows reads every row of the built-in lists with the file it is in.
func builtinRows(t *testing.T) map[string][]classification.Code {
	t.Helper()
	out := map[string][]classification.Code{}
	for _, f := range classification.BuiltinFiles {
		r, err := classification.Data().Open(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		codes, err := classification.ParseCSV(r, f.Kind)
		r.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		out[f.Name] = codes
	}
	return out
}

func TestEveryRowHasASource(t *testing.T) {
	for file, codes := range builtinRows(t) {
		for _, c := range codes {
			if strings.TrimSpace(c.Source) == "" {
				t.Errorf("%s: %s %s has no source", file, c.Code, c.Name)
			}
			if c.From != 0 && c.To != 0 && c.From > c.To {
				t.Errorf("%s: %s %s: years %d–%d", file, c.Code, c.Name, c.From, c.To)
			}
		}
	}
	for _, r := range classification.Renames() {
		if r.Source == "" || r.From == 0 {
			t.Errorf("renamed.csv: %s has no source or year", r.Code)
		}
	}
}

// TestNoTwoNamesInOneYear: a code has one name in any year, across all lists
// (brackets and spaces folded).
func TestNoTwoNamesInOneYear(t *testing.T) {
	cat := classification.Default()
	for _, k := range []classification.Kind{classification.Functional, classification.Economic} {
		for _, c := range cat.Codes(k) {
			h := cat.History(k, c.Code)
			for i := range h {
				for j := i + 1; j < len(h); j++ {
					if h[i].Overlaps(h[j]) {
						t.Errorf("%s %s: “%s”（%d–%d, %s） and “%s”（%d–%d, %s） in the same years", k, c.Code,
							h[i].Name, h[i].From, h[i].To, h[i].Source, h[j].Name, h[j].From, h[j].To, h[j].Source)
					}
				}
			}
		}
	}
}

// TestNamesOfOtherYearsAreRenamings: a code known by two names has the change in
// renamed.csv, so that the checker accepts the old name in its years.
func TestNamesOfOtherYearsAreRenamings(t *testing.T) {
	cat := classification.Default()
	for _, k := range []classification.Kind{classification.Functional, classification.Economic} {
		for _, c := range cat.Codes(k) {
			for _, old := range cat.History(k, c.Code) {
				if old.Name == c.Name {
					continue
				}
				r, ok := classification.RenamedFrom(k, c.Code, old.Name)
				if !ok || !classification.SameName(r.New, c.Name) {
					t.Errorf("%s %s: “%s” became “%s”, but renamed.csv does not say so", k, c.Code, old.Name, c.Name)
				}
				if ok && old.To != 0 && r.From <= old.To {
					t.Errorf("%s %s: renamed in %d, but “%s” is printed until %d", k, c.Code, r.From, old.Name, old.To)
				}
			}
		}
	}
}

func TestEveryParentExists(t *testing.T) {
	cat := classification.Default()
	for _, k := range []classification.Kind{classification.Functional, classification.Economic} {
		for _, c := range cat.Codes(k) {
			if c.Parent != classification.ParentOf(c.Code) {
				t.Errorf("%s %s: parent %q, want %q", k, c.Code, c.Parent, classification.ParentOf(c.Code))
			}
			if p := classification.ParentOf(c.Code); p != "" {
				if _, ok := cat.Lookup(k, p); !ok {
					t.Errorf("%s %s %s: parent %s is not in the catalogue", k, c.Code, c.Name, p)
				}
			}
		}
	}
}

// TestLevelsMatchLengths: the level column says what the code's length says, and
// economic codes stop at 款.
func TestLevelsMatchLengths(t *testing.T) {
	levels := map[string]int{"类": 1, "款": 2, "项": 3}
	for _, f := range classification.BuiltinFiles {
		r, err := classification.Data().Open(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(r)
		var col, codeCol, kindCol int = -1, -1, -1
		for line := 1; sc.Scan(); line++ {
			text := sc.Text()
			if text == "" || strings.HasPrefix(text, "#") {
				continue
			}
			fields := strings.Split(text, ",")
			if col < 0 && codeCol < 0 {
				for i, h := range fields {
					switch h {
					case "level":
						col = i
					case "code":
						codeCol = i
					case "kind":
						kindCol = i
					}
				}
				if col < 0 {
					t.Fatalf("%s: no level column", f.Name)
				}
				continue
			}
			code, lv := fields[codeCol], levels[fields[col]]
			if lv == 0 || lv != classification.LevelOf(code) {
				t.Errorf("%s:%d: %s is level %q", f.Name, line, code, fields[col])
			}
			kind := f.Kind
			if kindCol >= 0 {
				kind = classification.Kind(fields[kindCol])
			}
			if kind == classification.Economic && lv == 3 {
				t.Errorf("%s:%d: economic code %s has a 项", f.Name, line, code)
			}
		}
		r.Close()
	}
}

// TestEveryCorpusCodeIsKnown: every code a corpus document prints is in the
// catalogue, and its name there is the name of the document's year, a former name
// of the code, or a variant the catalogue records.
func TestEveryCorpusCodeIsKnown(t *testing.T) {
	seen := corpusSeen(t)
	cat := classification.Default()
	variants := map[string]bool{}
	for _, v := range classification.Variants() {
		variants[string(v.Kind)+v.Code+classification.NormalizeName(v.Name)] = true
	}
	for _, s := range seen {
		c, ok := cat.LookupIn(s.Kind, s.Code, s.Year)
		switch {
		case !ok:
			t.Errorf("%s: %s %s (%d) is not in the catalogue for its year", s.File, s.Kind, s.Code, s.Year)
		case classification.SameName(c.Name, s.Name):
		case variants[string(s.Kind)+s.Code+classification.NormalizeName(s.Name)]:
		default:
			t.Errorf("%s: %s %s “%s” (%d): the catalogue says “%s”", s.File, s.Kind, s.Code, s.Name, s.Year, c.Name)
		}
	}
}

// TestGeneratedListsAreCurrent: corpus.csv and variants.csv are what the generator
// writes from the corpus now (go run ./classification/gen rewrites them).
func TestGeneratedListsAreCurrent(t *testing.T) {
	entries, variants := observe.Resolve(corpusSeen(t))
	for file, want := range map[string]string{
		"data/corpus.csv":   observe.CorpusCSV(entries),
		"data/variants.csv": observe.VariantsCSV(variants),
	} {
		got, err := os.ReadFile(filepath.FromSlash(file))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s is not what the corpus gives: run go run ./classification/gen and review the diff", file)
		}
	}
	cat, err := classification.Load(os.DirFS("."))
	if err != nil {
		t.Fatal(err)
	}
	std, _ := observe.Standard(cat)
	got, err := os.ReadFile(filepath.FromSlash("data/standard.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != observe.StandardCSV(std) {
		t.Error("data/standard.csv is not what the rule gives: run go run ./classification/gen and review the diff")
	}
}

// corpusSeen reads the corpus once, skipping where it is not next to the repository.
func corpusSeen(t *testing.T) []observe.Seen {
	t.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skip("the shared corpus is not next to the repository")
	}
	if testing.Short() {
		t.Skip("reads every corpus PDF")
	}
	seenOnce.Do(func() { seenList, seenErr = observe.Corpus(corpusDir) })
	if seenErr != nil {
		t.Fatal(seenErr)
	}
	return seenList
}

var (
	seenOnce sync.Once
	seenList []observe.Seen
	seenErr  error
)

// TestRenameSince: a rename whose year is only the earliest evidence (20805, no
// official year known) says 至迟自; one with the official year says 自.
func TestRenameSince(t *testing.T) {
	want := map[string]string{"20805": "至迟自 2023 年起", "210": "自 2019 年起"}
	for _, r := range classification.Renames() {
		if w, ok := want[r.Code]; ok {
			if got := r.Since(); got != w {
				t.Errorf("%s: %q, want %q", r.Code, got, w)
			}
			delete(want, r.Code)
		}
	}
	if len(want) > 0 {
		t.Errorf("renames missing: %v", want)
	}
}
