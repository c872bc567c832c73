package build_test

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"path/filepath"
	"strings"
	"testing"

	"yusuan/budget"
	"yusuan/build"
	"yusuan/check"
	"yusuan/check/checktest"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/examples/examplestest"
	"yusuan/reader"
	"yusuan/reader/pdftext"
	"yusuan/render/text"
)

// repeatTo repeats s up to n characters.
func repeatTo(s string, n int) string {
	r := []rune(strings.Repeat(s, n/len([]rune(s))+1))
	return string(r[:n])
}

// Texts as long as a budget may hold: validation accepts them, so every format
// must show them whole.
type longTexts struct{ target, name, duties string }

var (
	long = longTexts{
		target: targetOf(1500),
		name:   repeatTo("政务服务数据管理能力提升", 800),
		duties: dutiesOf(1500),
	}
	// longest are as long as validation allows.
	longest = longTexts{
		target: targetOf(budget.MaxText),
		name:   repeatTo("政务服务数据管理能力提升", budget.MaxText),
		duties: dutiesOf(budget.MaxText),
	}
)

func targetOf(n int) string {
	return repeatTo("确保区政务服务中心系统设备正常运行，提高办公效率，群众满意度达到95%以上。", n-1) + "。"
}

func dutiesOf(n int) string {
	return repeatTo("负责统筹全区政务服务体系建设、数据资源管理和电子政务工作。", n-1) + "。"
}

// longBudget is the example with a long project target, project name and duties
// paragraph.
func longBudget(t *testing.T, profile string, texts longTexts) *budget.Budget {
	t.Helper()
	b := examplestest.Load(t, "longgang-2024")
	b.Profile = profile
	b.Projects[0].Target = texts.target
	b.Projects[1].Name = texts.name
	// Shanghai names a project in its 项目经费情况说明, which a description gives it.
	b.Projects[1].Description = &budget.ProjectDescription{Overview: "项目概述。"}
	b.Text.Duties = append([]string{texts.duties}, b.Text.Duties...)
	if err := budget.Validate(b, classification.Default()); err != nil {
		t.Fatalf("the long texts do not pass validation: %v", err)
	}
	return b
}

// TestLongTextFitsEveryFormat builds a budget with a 1,500-character project
// target, an 800-character project name and a 1,500-character duties paragraph in
// every format, for each profile, and reads the text, JSON, XLSX and PDF back (and
// searches the HTML): each long text is found whole where the document prints it,
// and what is read back passes the checks.
func TestLongTextFitsEveryFormat(t *testing.T) {
	if testing.Short() {
		t.Skip("reads PDFs back")
	}
	if err := pdftext.Start(); err != nil {
		t.Fatal(err)
	}
	for _, profile := range []string{"shenzhen", "shanghai"} {
		t.Run(profile, func(t *testing.T) { buildAndReadBack(t, profile, long, []string{"text", "json", "xlsx", "pdf"}) })
	}
}

// TestLongestTextBuilds builds the same texts as long as validation allows
// (budget.MaxText) into every format, and reads the text, JSON and XLSX back. The PDF is
// built but not read back: yusuan's PDF reader gives a table row that goes on over
// a page to the row below it.
func TestLongestTextBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large document")
	}
	for _, profile := range []string{"shenzhen", "shanghai"} {
		t.Run(profile, func(t *testing.T) { buildAndReadBack(t, profile, longest, []string{"text", "json", "xlsx"}) })
	}
}

// buildAndReadBack builds every document of the example with texts in every
// format, and reads the first back in the formats named.
func buildAndReadBack(t *testing.T, profile string, texts longTexts, formats []string) {
	cat := classification.Default()
	docs, err := build.Documents(longBudget(t, profile, texts), "", cat)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs[1:] {
		if _, err := build.Render(d, build.Formats); err != nil {
			t.Fatal(err)
		}
	}
	doc := docs[0]
	want := printedLongTexts(t, doc, texts)
	files, err := build.Render(doc, build.Formats)
	if err != nil {
		t.Fatal(err)
	}
	var txt bytes.Buffer
	if err := text.Write(&txt, doc); err != nil {
		t.Fatal(err)
	}
	back := map[string]func() (*disclosure.Document, error){
		"text": func() (*disclosure.Document, error) { return reader.ReadText("long.txt", txt.String()) },
	}
	for _, f := range files {
		data := f.Data
		switch filepath.Ext(f.Name) {
		case ".xlsx":
			back["xlsx"] = func() (*disclosure.Document, error) {
				return reader.ReadXLSX("long.xlsx", bytes.NewReader(data), int64(len(data)))
			}
		case ".pdf":
			back["pdf"] = func() (*disclosure.Document, error) {
				return reader.ReadPDF(context.Background(), "long.pdf", data)
			}
		case ".json":
			back["json"] = func() (*disclosure.Document, error) {
				var d disclosure.Document
				return &d, json.Unmarshal(data, &d)
			}
		case ".html":
			// No reader takes HTML back: its text, unescaped, holds each text whole.
			page := html.UnescapeString(string(data))
			for what, s := range want {
				if !strings.Contains(page, s) {
					t.Errorf("html: the %s is not on the page whole", what)
				}
			}
		}
	}
	for _, name := range formats {
		got, err := back[name]()
		if err != nil {
			t.Errorf("%s: reading back: %v", name, err)
			continue
		}
		all := squeeze(allText(got))
		for what, s := range want {
			if notReadBack[profile+" "+name+" "+what] {
				continue
			}
			if !strings.Contains(all, squeeze(s)) {
				t.Errorf("%s: the %s does not read back whole", name, what)
			}
		}
		if errs := checktest.Errors(check.Run(got, check.Options{Codes: cat})); len(errs) > 0 {
			t.Errorf("%s: read back with errors:\n%s", name, strings.Join(errs, "\n"))
		}
	}
}

// notReadBack are the texts a format prints but yusuan's reader of it does not
// give back, however short: the reader titles a Shanghai workbook's 项目经费情况说明
// as its 目录 lists them, without the project's name.
var notReadBack = map[string]bool{"shanghai xlsx project name": true}

// printedLongTexts returns which of the long texts doc prints (a profile may leave
// a project's target out of its narrative), and fails when it prints none.
func printedLongTexts(t *testing.T, doc *disclosure.Document, texts longTexts) map[string]string {
	t.Helper()
	all := allText(doc)
	out := map[string]string{}
	for what, s := range map[string]string{"target": texts.target, "project name": texts.name, "duties": texts.duties} {
		if strings.Contains(all, s) {
			out[what] = s
		}
	}
	if out["duties"] == "" {
		t.Fatalf("the document does not print the duties paragraph")
	}
	t.Logf("long texts printed: %d of 3", len(out))
	return out
}

// allText is every text of doc: part headings, narrative blocks and table cells.
func allText(doc *disclosure.Document) string {
	var b strings.Builder
	table := func(t *disclosure.Table) {
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				b.WriteString(c.Text)
				b.WriteByte('\n')
			}
		}
	}
	for _, p := range doc.Parts {
		b.WriteString(p.Heading())
		b.WriteByte('\n')
		for _, bl := range p.Blocks {
			b.WriteString(bl.Text)
			b.WriteByte('\n')
			if bl.Table != nil {
				table(bl.Table)
			}
		}
	}
	for _, t := range doc.Tables {
		if t != nil {
			table(t)
		}
	}
	return b.String()
}

// squeeze removes white space, which a reader may put where a line wrapped.
func squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// TestRenderErrorIsChinese: a document that a format cannot hold (here a paragraph
// over an Excel cell's limit, which validation keeps out of a budget) fails with a
// Chinese message that names the file, the sheet, the row and the part.
func TestRenderErrorIsChinese(t *testing.T) {
	doc := exampleDoc(t)
	doc.Parts[0].Blocks = append(doc.Parts[0].Blocks, disclosure.Block{Kind: disclosure.Paragraph, Text: strings.Repeat("字", 40000)})
	_, err := build.Render(doc, build.Formats)
	if err == nil {
		t.Fatal("rendered a paragraph over the cell limit")
	}
	msg := err.Error()
	for _, want := range []string{"生成Excel 表格 " + build.FileBase(doc) + ".xlsx 失败", "工作表“文字部分”", doc.Parts[0].Heading(), "行", "40000 个字符"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not say %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "xlsx:") || strings.Contains(msg, "height of the row") {
		t.Errorf("error has the library's English:\n%s", msg)
	}
}
