package observe

import (
	"fmt"
	"sort"
	"strings"

	"yusuan/classification"
)

// Doc is a document that prints a name, and its year.
type Doc struct {
	File string // its file name without the extension
	Year int
}

func (d Doc) String() string { return fmt.Sprintf("%s（%d）", d.File, d.Year) }

// Entry is a code's name as the corpus prints it: the years of the documents that
// print it and the documents.
type Entry struct {
	Kind     classification.Kind
	Code     string
	Name     string
	From, To int // To is 0 for the code's current name, seen in recent documents
	Docs     []Doc
}

// Variant is a name some documents print for a code that the catalogue does not
// take, with the name taken and why.
type Variant struct {
	Kind classification.Kind
	Code string
	Name string
	Kept string
	Why  string
	Docs []Doc
}

// recent is the first year whose documents show a code's current name: a name
// last seen before it may have changed since.
const recent = classification.NamesFrom

// Resolve decides each code's name or names from what the documents print.
// Spellings that differ only in brackets and spaces are one name, printed as
// most documents print it. A name that is the start or the end of another is
// one the layout cut where it wraps, and gives way to the whole name. Names of
// years that do not overlap are all kept: the code was renamed. Otherwise the
// name most documents print is kept and the others are variants.
func Resolve(seen []Seen) ([]Entry, []Variant) {
	type key struct {
		kind classification.Kind
		code string
	}
	byCode := map[key][]Seen{}
	var keys []key
	for _, s := range seen {
		k := key{s.Kind, s.Code}
		if _, ok := byCode[k]; !ok {
			keys = append(keys, k)
		}
		byCode[k] = append(byCode[k], s)
	}
	var entries []Entry
	var variants []Variant
	for _, k := range keys {
		e, v := resolveCode(byCode[k])
		entries = append(entries, e...)
		variants = append(variants, v...)
	}
	return entries, variants
}

// group is one name (brackets and spaces folded) of a code and its documents.
type group struct {
	norm      string
	spellings map[string][]Doc
	docs      []Doc
	from, to  int
}

func (g *group) spelling() string {
	best := ""
	for s, d := range g.spellings {
		if best == "" || len(d) > len(g.spellings[best]) || len(d) == len(g.spellings[best]) && s < best {
			best = s
		}
	}
	return best
}

func (g *group) overlaps(h *group) bool { return g.from <= h.to && h.from <= g.to }

func resolveCode(seen []Seen) ([]Entry, []Variant) {
	kind, code := seen[0].Kind, seen[0].Code
	groups := map[string]*group{}
	for _, s := range seen {
		n := classification.NormalizeName(s.Name)
		g := groups[n]
		if g == nil {
			g = &group{norm: n, spellings: map[string][]Doc{}, from: s.Year, to: s.Year}
			groups[n] = g
		}
		d := Doc{strings.TrimSuffix(s.File, fileExt(s.File)), s.Year}
		g.spellings[s.Name] = addDoc(g.spellings[s.Name], d)
		g.docs = addDoc(g.docs, d)
		g.from, g.to = min(g.from, s.Year), max(g.to, s.Year)
	}
	var all []*group
	for _, g := range groups {
		all = append(all, g)
	}
	// Most documents first; then the later name; then by name, to be repeatable.
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if len(a.docs) != len(b.docs) {
			return len(a.docs) > len(b.docs)
		}
		if a.to != b.to {
			return a.to > b.to
		}
		return a.norm < b.norm
	})
	var variants []Variant
	var kept []*group
	for _, g := range all {
		if whole := wholeOf(g, all); whole != nil {
			variants = append(variants, Variant{kind, code, g.spelling(), whole.spelling(), "折行截断的名称，取完整名称", g.docs})
			continue
		}
		var clash *group
		for _, k := range kept {
			if g.overlaps(k) {
				clash = k
				break
			}
		}
		if clash != nil {
			variants = append(variants, Variant{kind, code, g.spelling(), clash.spelling(), "同年份的文件多数用另一名称", g.docs})
			continue
		}
		kept = append(kept, g)
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].from < kept[j].from })
	var entries []Entry
	for i, g := range kept {
		name := g.spelling()
		for s, docs := range g.spellings {
			if s != name {
				variants = append(variants, Variant{kind, code, s, name, "括号或空格的写法不同，按同一名称", docs})
			}
		}
		to := g.to
		if i == len(kept)-1 && g.to >= recent {
			to = 0
		}
		entries = append(entries, Entry{kind, code, name, g.from, to, g.docs})
	}
	sort.Slice(variants, func(i, j int) bool { return variants[i].Name < variants[j].Name })
	return entries, variants
}

// wholeOf returns the name g is cut from: a longer name that starts or ends with it.
func wholeOf(g *group, all []*group) *group {
	for _, h := range all {
		if len(h.norm) > len(g.norm) && (strings.HasPrefix(h.norm, g.norm) || strings.HasSuffix(h.norm, g.norm)) {
			return h
		}
	}
	return nil
}

func addDoc(docs []Doc, d Doc) []Doc {
	for _, x := range docs {
		if x == d {
			return docs
		}
	}
	docs = append(docs, d)
	sort.Slice(docs, func(i, j int) bool { return docs[i].File < docs[j].File })
	return docs
}

func fileExt(name string) string {
	if i := strings.LastIndex(name, "."); i >= 0 {
		return name[i:]
	}
	return ""
}

// levelName is the 类/款/项 label of a code.
func levelName(code string) string {
	return [...]string{"", "类", "款", "项"}[classification.LevelOf(code)]
}

func years(from, to int) (string, string) {
	f, t := "", ""
	if from != 0 {
		f = fmt.Sprint(from)
	}
	if to != 0 {
		t = fmt.Sprint(to)
	}
	return f, t
}

func sources(docs []Doc) string {
	parts := make([]string, len(docs))
	for i, d := range docs {
		parts[i] = d.String()
	}
	return strings.Join(parts, "、")
}

// CorpusCSV writes the entries as the catalogue's corpus.csv.
func CorpusCSV(entries []Entry) string {
	var b strings.Builder
	b.WriteString(`# Generated by go run ./classification/gen from ../shared/corpus: do not edit; review the diff.
# Every code and name that the corpus documents print in their tables, read with yusuan's reader
# (决算, which the reader does not read, by their text's lines). from and to are the years of the
# documents that print the name; to is empty for a code's current name seen in documents of
# ` + fmt.Sprint(recent) + ` or later. source lists the documents (file name, year). Names not taken: variants.csv.
kind,code,name,level,from,to,source
`)
	for _, e := range entries {
		f, t := years(e.From, e.To)
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,语料：%s\n", e.Kind, e.Code, e.Name, levelName(e.Code), f, t, sources(e.Docs))
	}
	return b.String()
}

// VariantsCSV writes the names not taken as variants.csv.
func VariantsCSV(variants []Variant) string {
	var b strings.Builder
	b.WriteString(`# Generated by go run ./classification/gen from ../shared/corpus: do not edit; review the diff.
# Names that corpus documents print for a code but the catalogue does not take: kept is the name
# taken (corpus.csv), why says why, source lists the documents that print the variant.
kind,code,name,kept,why,source
`)
	sort.SliceStable(variants, func(i, j int) bool {
		a, c := variants[i], variants[j]
		if a.Kind != c.Kind {
			return a.Kind > c.Kind
		}
		return a.Code < c.Code
	})
	for _, v := range variants {
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,语料：%s\n", v.Kind, v.Code, v.Name, v.Kept, v.Why, sources(v.Docs))
	}
	return b.String()
}
