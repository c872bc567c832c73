package reader_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"yusuan/disclosure"
	"yusuan/format"
	"yusuan/money"
	"yusuan/reader"
)

// The corpus tests read every published document of ../shared/corpus and compare
// what they read with ground truth written by hand from the documents
// (testdata/corpus/*.yaml): the document's kind, year and department, every table
// its 目录 lists, and of every table its unit, its columns and sample rows —
// the totals and at least three coded rows, every cell.

// corpusDir is the shared corpus, next to the repository.
const corpusDir = "../../shared/corpus"

type fixture struct {
	File string `yaml:"file"`
	// Also are other renditions of the same document (its text beside its PDF),
	// compared with the same ground truth.
	Also []string `yaml:"also"`
	// Pending says why the document cannot be read whole yet (the engine work it
	// waits for): its differences are logged, not failed, until the field is
	// removed. AlsoPending is the same for the other renditions alone, where
	// the file itself is read whole.
	Pending     string         `yaml:"pending"`
	AlsoPending string         `yaml:"also_pending"`
	Kind        string         `yaml:"kind"`
	Year        int            `yaml:"year"`
	Department  string         `yaml:"department"`
	Holds       string         `yaml:"holds"`
	Contents    []string       `yaml:"contents"`
	Tables      []fixtureTable `yaml:"tables"`
}

type fixtureTable struct {
	Label   string     `yaml:"label"`
	Title   string     `yaml:"title"`
	Kind    string     `yaml:"kind"`
	Unit    string     `yaml:"unit"`
	Pages   []int      `yaml:"pages"`
	Empty   bool       `yaml:"empty"`
	Columns []string   `yaml:"columns"`
	Rows    [][]string `yaml:"rows"`
}

func loadFixtures(t *testing.T) map[string]*fixture {
	t.Helper()
	files, err := filepath.Glob("testdata/corpus/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	out := map[string]*fixture{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var fx fixture
		if err := yaml.Unmarshal(data, &fx); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".yaml")] = &fx
	}
	return out
}

// corpusFile returns the path of a corpus file, skipping the test where the
// corpus is not there.
func corpusFile(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(corpusDir, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	return p
}

func TestCorpus(t *testing.T) {
	for name, fx := range loadFixtures(t) {
		for _, file := range append([]string{fx.File}, fx.Also...) {
			sub := name
			if file != fx.File {
				sub += "/" + filepath.Ext(file)[1:]
			}
			t.Run(sub, func(t *testing.T) {
				var r reporter = t
				pending := fx.Pending
				if file != fx.File && fx.AlsoPending != "" {
					pending = fx.AlsoPending
				}
				if pending != "" {
					p := &pendingLog{t: t}
					defer p.flush(pending)
					r = p
				}
				doc, err := reader.ReadFile(corpusFile(t, file))
				if err != nil {
					r.Errorf("%v", err)
					return
				}
				compareDocument(r, fx, doc)
			})
		}
	}
}

// reporter is what the comparisons report differences to: the test, or a
// pendingLog for a document whose reading is not finished.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// pendingLog collects the differences of a pending document and logs them, so
// that the test shows how far the reading has come without failing.
type pendingLog struct {
	t    *testing.T
	msgs []string
}

func (p *pendingLog) Helper() {}

func (p *pendingLog) Errorf(format string, args ...any) {
	p.msgs = append(p.msgs, fmt.Sprintf(format, args...))
}

func (p *pendingLog) flush(why string) {
	if len(p.msgs) == 0 {
		p.t.Errorf("pending (%s), but every comparison passes: remove the pending field", why)
		return
	}
	p.t.Logf("pending (%s): %d differences, not failed:", why, len(p.msgs))
	for _, m := range p.msgs {
		p.t.Log(m)
	}
}

func compareDocument(t reporter, fx *fixture, doc *disclosure.Document) {
	t.Helper()
	if fx.Year != 0 && doc.Year != fx.Year {
		t.Errorf("year %d, want %d", doc.Year, fx.Year)
	}
	if fx.Kind != "" && doc.Kind != fx.Kind {
		t.Errorf("kind %q, want %q", doc.Kind, fx.Kind)
	}
	if fx.Department != "" && !strings.Contains(fold(doc.Subject+doc.Department), fold(fx.Department)) && !strings.Contains(fold(fx.Department), fold(doc.Subject)) {
		t.Errorf("department %q / %q, want %q", doc.Subject, doc.Department, fx.Department)
	}
	switch fx.Holds {
	case "narrative":
		if len(doc.Tables) > 0 || len(doc.Parts) == 0 {
			t.Errorf("read %d parts and %d tables from a narrative", len(doc.Parts), len(doc.Tables))
		}
	case "tables":
		if len(doc.Parts) > 0 {
			t.Errorf("read %d parts from a file of tables", len(doc.Parts))
		}
	}
	read := doc.AllTables()
	// Every table the 目录 lists is read (from the file that holds the tables).
	for _, c := range fx.Contents {
		if fx.Holds == "narrative" {
			break
		}
		if findTable(read, "", c) == nil && findListed(read, doc, c) == nil {
			t.Errorf("目录 lists %q, not read; read %s", c, titles(read))
		}
	}
	for _, ft := range fx.Tables {
		got := findTable(read, ft.Kind, ft.Title, ft.Pages...)
		if got == nil {
			t.Errorf("table %s %q (%s) not read; read %s", ft.Label, ft.Title, ft.Kind, titles(read))
			continue
		}
		compareTable(t, ft, got)
	}
}

func titles(ts []*disclosure.Table) string {
	var s []string
	for _, t := range ts {
		s = append(s, fmt.Sprintf("%q(%s)", t.Title, t.Kind))
	}
	return strings.Join(s, " ")
}

// findListed finds the table a 目录 entry names by what the document's format
// calls it, where the entry words the title otherwise than the table.
func findListed(ts []*disclosure.Table, doc *disclosure.Document, entry string) *disclosure.Table {
	f := format.Lookup(doc.Format)
	if f == nil {
		return nil
	}
	spec := f.MatchTable(entry)
	if spec == nil {
		return nil
	}
	for _, t := range ts {
		if t.Kind == spec.Kind {
			return t
		}
	}
	return nil
}

// findTable finds a read table by title, or an untitled one by kind. Of tables
// printed under the same title (a form per project), it takes the one that starts
// on the pages given (first and last), if any.
func findTable(ts []*disclosure.Table, kind, title string, pages ...int) *disclosure.Table {
	if len(pages) == 2 {
		var on []*disclosure.Table
		for _, t := range ts {
			if t.Pos.Page >= pages[0] && t.Pos.Page <= pages[1] {
				on = append(on, t)
			}
		}
		if t := findTable(on, kind, title); t != nil {
			return t
		}
	}
	want := format.TitleKey(title)
	var best *disclosure.Table
	bestLen := 0
	for _, t := range ts {
		got := format.TitleKey(t.Title)
		if want == "" || got == "" {
			continue
		}
		if got == want {
			return t
		}
		// A 目录 may leave out the end of a title (财政拨款支出预算表 for …（功能科目）).
		if (strings.HasSuffix(got, want) || strings.HasSuffix(want, got) || strings.HasPrefix(got, want)) && min(len(got), len(want)) > bestLen {
			best, bestLen = t, min(len(got), len(want))
		}
	}
	if best != nil {
		return best
	}
	if want == "" {
		for _, t := range ts {
			if string(t.Kind) == kind && t.Title == "" {
				return t
			}
		}
	}
	return nil
}

var (
	spaceRe  = regexp.MustCompile(`\s+`)
	codeName = regexp.MustCompile(`^(?:\[[0-9]{3,7}\]|【[0-9]{3,7}】|[0-9]{3}(?:[0-9]{2}){0,2}\s*[-—－]\s*)`)
	amountRe = regexp.MustCompile(`^-?[0-9][0-9,]*(?:\.[0-9]+)?$`)
)

func fold(s string) string { return format.Fold(spaceRe.ReplaceAllString(s, "")) }

func compareTable(t reporter, ft fixtureTable, got *disclosure.Table) {
	t.Helper()
	where := fmt.Sprintf("table %s %s", ft.Label, ft.Title)
	if ft.Unit != "" && string(got.Unit) != ft.Unit {
		t.Errorf("%s: unit %q, want %q", where, got.Unit, ft.Unit)
	}
	if len(ft.Columns) > 0 {
		var leaves []string
		for _, p := range format.HeaderPaths(got) {
			if len(p) > 0 {
				leaves = append(leaves, fold(p[len(p)-1]))
			} else {
				leaves = append(leaves, "")
			}
		}
		if len(leaves) != len(ft.Columns) {
			t.Errorf("%s: %d columns %q, want %d %q", where, len(leaves), leaves, len(ft.Columns), ft.Columns)
			return
		}
		for j, c := range ft.Columns {
			if leaves[j] != fold(c) {
				t.Errorf("%s: column %d is %q, want %q", where, j+1, leaves[j], c)
			}
		}
	}
	for _, want := range ft.Rows {
		if !hasRow(got, want) {
			t.Errorf("%s: no row %q; read:\n%s", where, want, dumpRows(got))
		}
	}
}

// hasRow reports whether the table has a row that prints want: every amount in
// its column (blank as blank), and the row's text, its cells joined in order,
// alike — a label that spans columns may sit in any of them.
func hasRow(t *disclosure.Table, want []string) bool {
	for _, r := range t.Rows {
		if len(r.Cells) != len(want) {
			continue
		}
		var gotText, wantText strings.Builder
		ok := true
		for j, w := range want {
			c := r.Cells[j]
			w = strings.TrimSpace(w)
			switch {
			case t.Columns[j].Kind == disclosure.AmountCol && c.Amount != nil:
				a, err := money.Parse(w, t.Unit)
				if err != nil || a != *c.Amount {
					ok = false
				}
			case t.Columns[j].Kind == disclosure.AmountCol && amountRe.MatchString(w):
				ok = false
			default:
				wantText.WriteString(fold(codeName.ReplaceAllString(w, "")))
				gotText.WriteString(fold(codeName.ReplaceAllString(c.Text, "")))
			}
		}
		if !ok {
			continue
		}
		g, w := gotText.String(), wantText.String()
		if g == w || r.Code != "" && strings.ReplaceAll(w, r.Code, "") == strings.ReplaceAll(g, r.Code, "") {
			return true
		}
	}
	return false
}

func dumpRows(t *disclosure.Table) string {
	var b strings.Builder
	for i, r := range t.Rows {
		if i >= 60 {
			fmt.Fprintf(&b, "        … %d rows\n", len(t.Rows))
			break
		}
		var cs []string
		for _, c := range r.Cells {
			cs = append(cs, c.Display(t.Unit))
		}
		fmt.Fprintf(&b, "        %s|%s\n", strings.Join(cs, "|"), r.Code)
	}
	return b.String()
}
