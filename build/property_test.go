package build_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"yusuan/budget"
	"yusuan/budget/budgettest"
	"yusuan/build"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/render/text"
)

// secrets lists what a public output must never contain: the names of classified
// units, and the name, purpose, target and change reason of every project that is
// classified or belongs to a classified unit.
func secrets(b *budget.Budget) (list []string, hiddenProjects int) {
	for _, u := range b.Units {
		if u.Classified {
			list = append(list, u.Name)
		}
	}
	for _, p := range b.Projects {
		if p.Classified || b.Unit(p.Unit).Classified {
			hiddenProjects++
			for _, s := range []string{p.Name, p.Purpose, p.Target, p.ChangeReason} {
				if s != "" {
					list = append(list, s)
				}
			}
		}
	}
	// The generator starts every such text with a marker; none may appear at all.
	list = append(list, budgettest.ClassifiedProjectMarker, budgettest.ClassifiedPurposeMarker,
		budgettest.ClassifiedTargetMarker, budgettest.ClassifiedUnitMarker)
	return list, hiddenProjects
}

// visibleName is a name that every output must show, so that a search that finds no
// secret is known to have searched real text.
func visibleName(b *budget.Budget) string {
	for _, u := range b.Units {
		if !u.Classified {
			return u.Name
		}
	}
	return b.Department.Name
}

// compressed outputs can only be searched for secrets as bytes (a hit is still a
// leak); their readable text is searched as XLSX XML and PDF text.
var compressed = map[string]bool{".xlsx bytes": true, ".pdf bytes": true}

var noSpace = strings.NewReplacer(" ", "", "\n", "", "\r", "", "\t", "", "\f", "", "\u3000", "")

// found describes each secret that text contains, with its surroundings.
func found(text string, secrets []string) []string {
	var out []string
	for _, s := range secrets {
		if i := strings.Index(text, s); i >= 0 {
			from, to := max(0, i-60), min(len(text), i+len(s)+60)
			out = append(out, fmt.Sprintf("%q: …%s…", s, strings.ToValidUTF8(text[from:to], "?")))
		}
	}
	return out
}

// outputs renders doc as text and in every build format, and returns for each the
// text a reader (or a search) can see in it, the raw bytes and the extracted text apart.
func outputs(t *testing.T, seed int64, doc *disclosure.Document) map[string]string {
	t.Helper()
	out := map[string]string{}
	var txt bytes.Buffer
	if err := text.Write(&txt, doc); err != nil {
		t.Fatalf("seed %d: text: %v", seed, err)
	}
	out["text"] = txt.String()
	files, err := build.Render(doc, build.Formats)
	if err != nil {
		t.Fatalf("seed %d: %v", seed, err)
	}
	for _, f := range files {
		ext := filepath.Ext(f.Name)
		out[ext+" bytes"] = string(f.Data)
		switch ext {
		case ".html":
			out["HTML text"] = html.UnescapeString(string(f.Data))
		case ".json":
		case ".xlsx":
			out["XLSX XML"] = xlsxText(t, seed, f.Data)
		case ".pdf":
			if pdftotext, err := exec.LookPath("pdftotext"); err == nil {
				out["PDF text"] = noSpace.Replace(pdfText(t, seed, pdftotext, f.Data))
			}
		default:
			t.Fatalf("no leak check for format %s", ext)
		}
	}
	return out
}

// TestClassifiedNeverPublished renders random budgets with classified units and
// projects in every format and searches each output for their names and texts.
func TestClassifiedNeverPublished(t *testing.T) {
	seeds := int64(10)
	if testing.Short() {
		seeds = 3
	}
	_, pdfErr := exec.LookPath("pdftotext")
	cat := classification.Default()
	for seed := int64(0); seed < seeds; seed++ {
		opts := budgettest.Options{Classified: true}
		if seed%2 == 1 { // the 2026 format with every field it prints
			opts.Year, opts.Fields2026 = 2026, true
		}
		b := budgettest.Random(rand.New(rand.NewSource(seed)), opts)
		secret, hidden := secrets(b)
		visible := visibleName(b)
		doc, err := build.Derive(b, cat)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		out := outputs(t, seed, doc)
		for where, shown := range out {
			for _, leak := range found(shown, secret) {
				t.Errorf("seed %d: %s shows classified text %s", seed, where, leak)
			}
			if compressed[where] {
				continue
			}
			want := visible
			if where == "PDF text" {
				want = noSpace.Replace(visible)
			}
			if !strings.Contains(shown, want) {
				t.Errorf("seed %d: %s does not show %q: the search for secrets proves nothing", seed, where, want)
			}
			if hidden > 0 && !strings.Contains(shown, "不予公开") {
				t.Errorf("seed %d: %s never says 不予公开 although %d projects are classified", seed, where, hidden)
			}
		}
		if hidden > 0 {
			if !saysHidden(out["text"], doc.Format, hidden) {
				t.Errorf("seed %d: %d classified projects, but the text never says 涉密项目%d个……不予公开", seed, hidden, hidden)
			}
		}
	}
	if pdfErr != nil {
		t.Skip("pdftotext is not on PATH: the PDF was searched as bytes only")
	}
}

// TestLeakSearchFindsText plants a classified name in a paragraph and requires the
// search to find it in every output, so that a passing leak test means something.
func TestLeakSearchFindsText(t *testing.T) {
	b := budgettest.Random(rand.New(rand.NewSource(1)), budgettest.Options{Classified: true})
	secret, _ := secrets(b)
	doc, err := build.Derive(b, classification.Default())
	if err != nil {
		t.Fatal(err)
	}
	doc.Parts[0].Blocks = append(doc.Parts[0].Blocks, disclosure.Block{Kind: disclosure.Paragraph, Text: "泄露：" + secret[0]})
	doc.Tables[4].Rows = append(doc.Tables[4].Rows, disclosure.Row{Cells: []disclosure.Cell{disclosure.T(secret[1])}})
	for where, shown := range outputs(t, 1, doc) {
		if compressed[where] {
			continue
		}
		planted := secret[:2]
		if where == "XLSX XML" {
			planted = secret[1:2] // the workbook holds the tables only
		}
		if got := found(shown, planted); len(got) != len(planted) {
			t.Errorf("%s: planted %q, search found %d of them", where, planted, len(got))
		}
	}
}

// xlsxText returns the XML of every part of a workbook, shared strings and sheets
// included, with character references resolved.
func xlsxText(t *testing.T, seed int64, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("seed %d: the XLSX is not a zip file: %v", seed, err)
	}
	var all strings.Builder
	sheets := 0
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			sheets++
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("seed %d: XLSX part %s: %v", seed, f.Name, err)
		}
		part, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("seed %d: XLSX part %s: %v", seed, f.Name, err)
		}
		all.WriteString(html.UnescapeString(string(part)))
		all.WriteByte('\n')
	}
	if sheets == 0 {
		t.Fatalf("seed %d: the XLSX has no worksheets", seed)
	}
	return all.String()
}

// pdfText extracts the text of a PDF with pdftotext.
func pdfText(t *testing.T, seed int64, pdftotext string, data []byte) string {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-q", "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("seed %d: pdftotext: %v", seed, err)
	}
	if strings.IndexFunc(string(out), func(r rune) bool { return unicode.Is(unicode.Han, r) }) < 0 {
		t.Fatalf("seed %d: pdftotext found no Chinese text in the PDF", seed)
	}
	return string(out)
}

// TestClassifiedNeverPublishedShanghai does the same under the Shanghai profile, for the
// 部门预算 and every 单位预算 a budget publishes.
func TestClassifiedNeverPublishedShanghai(t *testing.T) {
	seeds := int64(6)
	if testing.Short() {
		seeds = 2
	}
	cat := classification.Default()
	for seed := int64(0); seed < seeds; seed++ {
		b := budgettest.Random(rand.New(rand.NewSource(seed)), budgettest.Options{Classified: true})
		secret, _ := secrets(b)
		docs, err := build.Documents(b, "shanghai", cat)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for _, doc := range docs {
			for where, shown := range outputs(t, seed, doc) {
				for _, leak := range found(shown, secret) {
					t.Errorf("seed %d: %s of %s shows classified text %s", seed, where, doc.Title, leak)
				}
			}
		}
	}
}

var hiddenRe = regexp.MustCompile(`涉密项目(\d+)个（按要求不予公开）`)

// saysHidden reports whether a text says it leaves n classified projects out: in one
// sentence, or in the 2026 format in the 项目支出总表's row of each unit.
func saysHidden(text, format string, n int) bool {
	if format != "shenzhen-2026" {
		return regexp.MustCompile(fmt.Sprintf(`涉密项目%d个[^\n]*不予公开`, n)).MatchString(text)
	}
	_, tables, _ := strings.Cut(text, "项目支出总表")
	tables, _, _ = strings.Cut(tables, "财政拨款收支总表")
	said := 0
	for _, m := range hiddenRe.FindAllStringSubmatch(tables, -1) {
		k, _ := strconv.Atoi(m[1])
		said += k
	}
	return said == n
}
