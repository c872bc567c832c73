package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"yusuan/disclosure"
)

// checkExts are the files a directory given to yusuan check contributes.
var checkExts = []string{".pdf", ".txt", ".xlsx"}

// input is one file to check; err says why a directory named on the command
// line gave none.
type input struct {
	path string
	err  error
}

// expandInputs lists the files args name, in order: a file as given, a
// directory as its .pdf, .txt and .xlsx files at any depth sorted by path,
// without hidden files and directories. A file named twice is checked once.
func expandInputs(args []string) []input {
	var out []input
	seen := map[string]bool{}
	add := func(in input) {
		key := filepath.Clean(in.path)
		if !seen[key] {
			seen[key] = true
			out = append(out, in)
		}
	}
	for _, arg := range args {
		fi, err := os.Stat(arg)
		if err != nil || !fi.IsDir() {
			add(input{path: arg}) // the reader says what is wrong with it
			continue
		}
		files, err := filesIn(arg)
		// A PDF's text beside it (pdftotext) is the same document: check it once.
		files, _ = oneForm(files)
		switch {
		case err != nil:
			add(input{path: arg, err: fmt.Errorf("无法读取目录 %s：%v", arg, err)})
		case len(files) == 0:
			add(input{path: arg, err: fmt.Errorf("目录 %s 中没有可核对的文件（应为 .pdf、.txt 或 .xlsx 文件）", arg)})
		}
		for _, f := range files {
			add(input{path: f})
		}
	}
	return out
}

// filesIn returns the files below dir with one of checkExts, sorted.
func filesIn(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		hidden := path != dir && strings.HasPrefix(d.Name(), ".")
		switch {
		case d.IsDir() && hidden:
			return filepath.SkipDir
		case d.Type().IsRegular() && !hidden && slices.Contains(checkExts, strings.ToLower(filepath.Ext(path))):
			files = append(files, path)
		}
		return nil
	})
	slices.Sort(files)
	return files, err
}

// halfKind says whether a document read from one file is one half of a
// document published as two: the narrative alone, or the tables alone.
type halfKind int

const (
	whole halfKind = iota
	narrativeHalf
	tablesHalf
)

func halfOf(doc *disclosure.Document) halfKind {
	switch {
	case len(doc.Parts) > 0 && len(doc.Tables) == 0:
		return narrativeHalf
	case len(doc.Tables) > 0 && len(doc.Parts) == 0:
		return tablesHalf
	}
	return whole
}

// halfDoc is a half read from a file, for pairHalves.
type halfDoc struct {
	path string
	doc  *disclosure.Document
}

// pair is a narrative half and a tables half, as indices into pairHalves'
// arguments.
type pair struct{ narrative, tables int }

// pairHalves finds the narrative and tables halves of the same document.
// Two halves fit when they have the same year and the same department (the
// document's Department, else its Subject, without spaces). Halves whose
// departments are equal pair first, those with the most alike file names
// first, unless two are equally alike. A half without a department fits any
// other half of its year, and pairs when neither has another partner left,
// or when their names are each other's closest and share at least half of
// the shorter one. With twoFiles, the user named exactly these two files,
// and a half with no year fits too.
func pairHalves(narratives, tables []halfDoc, twoFiles bool) []pair {
	type candidate struct {
		pair
		sameDept bool
		shared   int // characters the names share at the start
		alike    int // shared, and one each for the same folder and extension
		shorter  int // characters of the shorter name
	}
	var cands []candidate
	for i, n := range narratives {
		for j, t := range tables {
			nd, td := department(n.doc), department(t.doc)
			sameYear := n.doc.Year == t.doc.Year || (twoFiles && (n.doc.Year == 0 || t.doc.Year == 0))
			if !sameYear || (nd != td && nd != "" && td != "") {
				continue
			}
			shared, alike := nameAlike(n.path, t.path)
			shorter := min(len([]rune(stem(n.path))), len([]rune(stem(t.path))))
			cands = append(cands, candidate{pair{i, j}, nd == td && nd != "", shared, alike, shorter})
		}
	}
	slices.SortStableFunc(cands, func(a, b candidate) int {
		if a.sameDept != b.sameDept {
			if a.sameDept {
				return -1
			}
			return 1
		}
		return b.alike - a.alike
	})
	var pairs []pair
	usedN, usedT := map[int]bool{}, map[int]bool{}
	open := func(c candidate) bool { return !usedN[c.narrative] && !usedT[c.tables] }
	// rivals counts the other open candidates sharing a half with c; asGood
	// counts only those as good as c.
	rivals := func(c candidate, asGood bool) int {
		n := 0
		for _, o := range cands {
			if o.pair == c.pair || !open(o) || (o.narrative != c.narrative && o.tables != c.tables) {
				continue
			}
			if !asGood || (o.sameDept == c.sameDept && o.alike >= c.alike) {
				n++
			}
		}
		return n
	}
	fits := func(c candidate) bool {
		if c.sameDept {
			return rivals(c, true) == 0
		}
		return rivals(c, false) == 0 || (rivals(c, true) == 0 && 2*c.shared >= c.shorter)
	}
	// A pair made can leave another half with one partner: go round again.
	for more := true; more; {
		more = false
		for _, c := range cands {
			if open(c) && fits(c) {
				usedN[c.narrative], usedT[c.tables] = true, true
				pairs = append(pairs, c.pair)
				more = true
			}
		}
	}
	return pairs
}

// department is the name a document is published under, without spaces and
// without the party or body a department of it is named with (中共江苏省委办公厅
// and 江苏省委办公厅 are one department).
func department(doc *disclosure.Document) string {
	name := doc.Department
	if name == "" {
		name = doc.Subject
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, name)
	for _, p := range []string{"中国共产党", "中共"} {
		name = strings.TrimPrefix(name, p)
	}
	return name
}

// nameAlike measures how alike two files' names are: shared is how many
// characters their names share at the start, alike adds one each for the
// same folder and the same extension.
func nameAlike(a, b string) (shared, alike int) {
	ra, rb := []rune(stem(a)), []rune(stem(b))
	for shared < len(ra) && shared < len(rb) && ra[shared] == rb[shared] {
		shared++
	}
	alike = shared
	if filepath.Dir(a) == filepath.Dir(b) {
		alike++
	}
	if strings.EqualFold(filepath.Ext(a), filepath.Ext(b)) {
		alike++
	}
	return shared, alike
}

// stem is a file's name without folder and extension.
func stem(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}
