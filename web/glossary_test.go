package web

import (
	"reflect"
	"strings"
	"testing"

	"yusuan/disclosure"
)

// TestDocumentTerms: the entries of a 名词解释 part, numbered in any of the ways
// documents number them, and continued on the next block when a PDF line breaks.
func TestDocumentTerms(t *testing.T) {
	doc := &disclosure.Document{Parts: []disclosure.Part{
		{Title: "部门概况", Blocks: []disclosure.Block{{Kind: disclosure.Paragraph, Text: "一、职责：不是名词"}}},
		{Title: "名词解释", Blocks: []disclosure.Block{
			{Kind: disclosure.Heading, Text: "一、基本支出：指为保障机构正常运转、完成日常工作任"},
			{Kind: disclosure.Paragraph, Text: "务而发生的人员支出和公用支出。"},
			{Kind: disclosure.ListItem, Text: "（二）“三公”经费：指因公出国（境）费、公务用车购置及运行费、公务接待费。"},
			{Kind: disclosure.ListItem, Text: "3. 项目支出: 指在基本支出之外的支出。"},
			{Kind: disclosure.Heading, Text: "二、表格部分"},
		}},
	}}
	got := documentTerms(doc)
	want := []termDef{
		{"基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"},
		{"“三公”经费", "指因公出国（境）费、公务用车购置及运行费、公务接待费。"},
		{"项目支出", "指在基本支出之外的支出。"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestGlossaryDedupe: a term spelt with or without quotes is one term; the same
// definition with other punctuation is one definition, citing both documents.
func TestGlossaryDedupe(t *testing.T) {
	g := &glossary{}
	g.add("“三公”经费", "指因公出国（境）费、公务接待费。", &glossarySource{Title: "甲"})
	g.add("三公经费", "指因公出国(境)费，公务接待费", &glossarySource{Title: "乙"})
	g.add("三公经费", "另一种说法。", &glossarySource{Title: "丙"})
	if len(g.Terms) != 1 || len(g.Terms[0].Definitions) != 2 || len(g.Terms[0].Definitions[0].Sources) != 2 {
		t.Fatalf("%+v", g.Terms)
	}
	tips := g.tooltips()
	if tips["三公经费"] != "指因公出国（境）费、公务接待费。（摘自《甲》名词解释）" {
		t.Errorf("tooltip %q", tips["三公经费"])
	}
}

// TestTermHTML: a term gets its tooltip once per text, everything is escaped.
func TestTermHTML(t *testing.T) {
	tips := map[string]string{"三公经费": `指"x"<y>`, "基本支出": "基本"}
	got := string(termHTML(tips, "<b>“三公”经费与基本支出、基本支出</b>"))
	want := `&lt;b&gt;<abbr class="term" title="指&#34;x&#34;&lt;y&gt;">“三公”经费</abbr>与<abbr class="term" title="基本">基本支出</abbr>、基本支出&lt;/b&gt;`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestGlossaryPage: the glossary lists the documents' terms with links to the
// documents, and the pages put the definitions in tooltips.
func TestGlossaryPage(t *testing.T) {
	eachBackend(t, func(t *testing.T, p *portal) {
		_, _, body := p.get(t, "/glossary")
		for _, want := range []string{"<dt id=\"term-0\">", "基本支出", `出处：<a href="/documents/`, "支出功能分类", "本平台说明"} {
			if !strings.Contains(body, want) {
				t.Errorf("glossary lacks %s", want)
			}
		}
		for _, page := range []string{"/?region=深圳市龙岗区", "/departments/" + id(p.depts["longgang"]), "/documents/" + id(p.docs["longgang"]),
			"/compare/years?department=" + id(p.depts["longgang"]) + "&a=2023&b=2024"} {
			_, _, body := p.get(t, page)
			if !strings.Contains(body, `<abbr class="term" title="`) || !strings.Contains(body, `">基本支出</abbr>`) {
				t.Errorf("%s has no tooltip on 基本支出", page)
			}
		}
	})
}
