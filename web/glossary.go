package web

import (
	"context"
	"html/template"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"yusuan/disclosure"
	"yusuan/store"
)

// The glossary (名词解释) is read from the documents' own 名词解释 parts: each
// numbered entry "一、基本支出：指……" is a term and its definition. The pages put
// the definitions of the terms a reader meets first (三公经费, 基本支出, 项目支出,
// 功能分类, 经济分类) in tooltips.

// glossaryDocs bounds how many documents the glossary reads: definitions repeat
// from one document to the next, published documents come first, and the page
// must stay cheap to build once per change of the data.
const glossaryDocs = 16

// glossaryTerm is one term with each distinct definition the documents give.
type glossaryTerm struct {
	Term        string
	Key         string // the term without quotes, brackets made full-width: what is matched
	Definitions []glossaryDef
}

// glossaryDef is one definition and the documents that give it.
type glossaryDef struct {
	Text    string
	Sources []glossarySource
	// Platform says the definition is the portal's own, for a term no document
	// defines.
	Platform bool
}

type glossarySource struct {
	Title, URL string
}

// platformTerms define the terms the tooltips need where no document does:
// the two classifications every table uses.
var platformTerms = []struct{ term, text string }{
	{"支出功能分类", "按政府职能和活动对支出分类，说明钱用来做什么。分类、款、项三级，编码分别为 3、5、7 位，如 201 一般公共服务支出 › 20103 政府办公厅（室）及相关机构事务 › 2010301 行政运行。"},
	{"支出经济分类", "按支出的经济性质和具体用途分类，说明钱怎么花，如 301 工资福利支出、302 商品和服务支出、303 对个人和家庭的补助。部门预算经济分类分类、款两级。"},
}

// tooltipTerms are the terms that get a tooltip, with the glossary terms that
// define them, in order of preference.
var tooltipTerms = map[string][]string{
	"三公经费":   {"三公经费", "“三公”经费"},
	"基本支出":   {"基本支出", "基本支出预算"},
	"项目支出":   {"项目支出", "项目支出预算"},
	"功能分类":   {"支出功能分类", "功能分类"},
	"经济分类":   {"支出经济分类", "经济分类"},
	"机关运行经费": {"机关运行经费", "行政经费（机关运行经费）"},
}

// entryStart is the number that opens a glossary entry: 一、 （一） 1. 1、 (1)
var entryStart = regexp.MustCompile(`^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[、.．])\s*`)

// isGlossaryPart reports whether a narrative part is the 名词解释.
func isGlossaryPart(title string) bool {
	return strings.Contains(title, "名词解释") || strings.Contains(title, "名词术语") || strings.Contains(title, "术语解释")
}

// termDef is one entry of a document's 名词解释.
type termDef struct{ term, text string }

// documentTerms reads the entries of a document's 名词解释 parts. A PDF's lines
// may come as a heading and its continuation: a block that does not open with an
// entry's number continues the entry before it.
func documentTerms(doc *disclosure.Document) []termDef {
	if doc == nil {
		return nil
	}
	var out []termDef
	for _, p := range doc.Parts {
		if !isGlossaryPart(p.Title) {
			continue
		}
		var entries []string
		for _, b := range p.Blocks {
			text := strings.TrimSpace(b.Text)
			switch {
			case text == "":
			case entryStart.MatchString(text):
				entries = append(entries, entryStart.ReplaceAllString(text, ""))
			case len(entries) > 0:
				entries[len(entries)-1] += text
			}
		}
		for _, e := range entries {
			if d, ok := splitTerm(e); ok {
				out = append(out, d)
			}
		}
	}
	return out
}

// splitTerm cuts an entry at its first colon into the term and its definition; an
// entry without one (a heading such as 表格部分) defines nothing.
func splitTerm(e string) (termDef, bool) {
	i := strings.IndexAny(e, "：:")
	if i <= 0 {
		return termDef{}, false
	}
	_, colon := utf8.DecodeRuneInString(e[i:])
	term, text := strings.TrimSpace(e[:i]), strings.TrimSpace(e[i+colon:])
	if text == "" || len([]rune(term)) > 24 {
		return termDef{}, false
	}
	return termDef{term, text}, true
}

// termKey is what two spellings of a term share: no quotes, no spaces, brackets
// full-width.
func termKey(s string) string {
	return strings.NewReplacer("“", "", "”", "", "\"", "", " ", "", "\u3000", "", "(", "（", ")", "）").Replace(s)
}

// sameWording reports whether two definitions differ at most in punctuation and
// the width of brackets, as the same sentence printed by two departments does.
func sameWording(a, b string) bool {
	return wording(a) == wording(b)
}

func wording(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsPunct(r) || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// glossary is the terms of the documents read, each term once, in the order the
// documents first give them, then the portal's own.
type glossary struct {
	Terms []glossaryTerm
	Docs  int // documents read
	index map[string]int
}

func (g *glossary) add(term, text string, src *glossarySource) {
	if g.index == nil {
		g.index = map[string]int{}
	}
	key := termKey(term)
	i, ok := g.index[key]
	if !ok {
		i = len(g.Terms)
		g.index[key] = i
		g.Terms = append(g.Terms, glossaryTerm{Term: term, Key: key})
	}
	t := &g.Terms[i]
	for j := range t.Definitions {
		if sameWording(t.Definitions[j].Text, text) {
			if src != nil {
				t.Definitions[j].Sources = append(t.Definitions[j].Sources, *src)
			}
			return
		}
	}
	d := glossaryDef{Text: text, Platform: src == nil}
	if src != nil {
		d.Sources = []glossarySource{*src}
	}
	t.Definitions = append(t.Definitions, d)
}

// lookup returns the first definition of the first of names the glossary has.
func (g *glossary) lookup(names ...string) (glossaryDef, bool) {
	for _, n := range names {
		if i, ok := g.index[termKey(n)]; ok {
			return g.Terms[i].Definitions[0], true
		}
	}
	return glossaryDef{}, false
}

// tooltips maps each tooltip term to the text of its tooltip: the definition and
// where it is from.
func (g *glossary) tooltips() map[string]string {
	out := map[string]string{}
	for term, names := range tooltipTerms {
		if d, ok := g.lookup(names...); ok {
			out[term] = tooltipText(d)
		}
	}
	return out
}

func tooltipText(d glossaryDef) string {
	src := "本平台说明"
	if len(d.Sources) > 0 {
		src = "摘自《" + d.Sources[0].Title + "》名词解释"
	}
	return d.Text + "（" + src + "）"
}

// glossaryCache keeps the glossary of one generation of the data.
type glossaryCache struct {
	mu  sync.Mutex
	gen store.Generation
	ok  bool
	g   *glossary
}

// glossary returns the portal's glossary, built again when the data changed.
func (s *Server) glossary(ctx context.Context) (*glossary, error) {
	gen, ok := s.cache.generation(ctx, s.store)
	c := &s.terms
	c.mu.Lock()
	defer c.mu.Unlock()
	if ok && c.ok && c.gen == gen {
		return c.g, nil
	}
	g, err := s.buildGlossary(ctx)
	if err != nil {
		return nil, err
	}
	c.g, c.gen, c.ok = g, gen, ok
	return g, nil
}

// buildGlossary reads the 名词解释 of each department's latest 部门预算, the
// departments of real regions first, at most glossaryDocs documents.
func (s *Server) buildGlossary(ctx context.Context) (*glossary, error) {
	g := &glossary{}
	depts, err := s.store.Departments(ctx, "")
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(depts, func(a, b store.Department) int {
		switch {
		case a.Synthetic == b.Synthetic:
			return 0
		case b.Synthetic:
			return -1
		}
		return 1
	})
	for _, d := range depts {
		if g.Docs >= glossaryDocs {
			break
		}
		docs, err := s.store.Documents(ctx, d.ID)
		if err != nil {
			return nil, err
		}
		var latest *store.Document
		for i, doc := range docs {
			if doc.Kind == store.DepartmentBudget && (latest == nil || doc.Year > latest.Year) {
				latest = &docs[i]
			}
		}
		if latest == nil {
			continue
		}
		dd, err := s.store.Document(ctx, latest.ID)
		if err != nil {
			return nil, err
		}
		g.Docs++
		src := &glossarySource{Title: documentTitle(dd), URL: "/documents/" + strconv.FormatInt(dd.ID, 10)}
		for _, t := range documentTerms(dd.Version.Disclosure) {
			g.add(t.term, t.text, src)
		}
	}
	for _, t := range platformTerms {
		if _, ok := g.lookup(t.term); !ok {
			g.add(t.term, t.text, nil)
		}
	}
	return g, nil
}

func documentTitle(dd *store.DocumentDetail) string {
	if dd.Version != nil && dd.Version.Title != "" {
		return dd.Version.Title
	}
	return strconv.Itoa(dd.Year) + "年" + dd.Department + dd.Kind
}

type glossaryView struct {
	Terms []glossaryTerm
	Docs  int
}

// showGlossary lists every term the documents define, with the documents that
// define it.
func (s *Server) showGlossary(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := s.query(r)
	defer cancel()
	g, err := s.glossary(ctx)
	if err != nil {
		return err
	}
	return s.render(w, r, "glossary", "名词解释", "glossary", glossaryView{Terms: g.Terms, Docs: g.Docs})
}

// tooltips returns the tooltip of each term a page may show: from doc's own
// 名词解释 (titled title) when doc is given, else from the portal's glossary.
func (s *Server) tooltips(ctx context.Context, doc *disclosure.Document, title string) (map[string]string, error) {
	g, err := s.glossary(ctx)
	if err != nil {
		return nil, err
	}
	out := g.tooltips()
	if doc != nil {
		own := &glossary{}
		src := &glossarySource{Title: title}
		for _, t := range documentTerms(doc) {
			own.add(t.term, t.text, src)
		}
		for term, text := range own.tooltips() {
			out[term] = text
		}
	}
	return out, nil
}

// termSpellings are how each tooltip term is written in running text.
var termSpellings = map[string][]string{
	"三公经费":   {"“三公”经费", "\"三公\"经费", "三公经费"},
	"基本支出":   {"基本支出"},
	"项目支出":   {"项目支出"},
	"功能分类":   {"功能分类"},
	"经济分类":   {"经济分类"},
	"机关运行经费": {"机关运行经费"},
}

// termHTML escapes text and marks the first place each term with a tooltip
// appears as an <abbr> whose title is the definition.
func termHTML(tips map[string]string, text string) template.HTML {
	var b strings.Builder
	used := map[string]bool{}
	for i := 0; i < len(text); {
		matched := false
		for term, spellings := range termSpellings {
			tip, ok := tips[term]
			if !ok || used[term] {
				continue
			}
			for _, sp := range spellings {
				if strings.HasPrefix(text[i:], sp) {
					b.WriteString(`<abbr class="term" title="` + template.HTMLEscapeString(tip) + `">` + template.HTMLEscapeString(sp) + `</abbr>`)
					used[term], matched = true, true
					i += len(sp)
					break
				}
			}
			if matched {
				break
			}
		}
		if !matched {
			_, n := utf8.DecodeRuneInString(text[i:])
			b.WriteString(template.HTMLEscapeString(text[i : i+n]))
			i += n
		}
	}
	return template.HTML(b.String())
}

// pageTooltips are the portal's tooltips, for a page that reads no document.
func (s *Server) pageTooltips(r *http.Request) (map[string]string, error) {
	ctx, cancel := s.query(r)
	defer cancel()
	return s.tooltips(ctx, nil, "")
}
