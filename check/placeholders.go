package check

import (
	"fmt"
	"regexp"
	"strings"

	"yusuan/disclosure"
)

// placeholders: a published document keeps nothing of the template it was filled
// in from (DOC-04). An instruction to the preparer (（如持平作持平表述）) or an
// amount left as XXX万元 is an error; another placeholder (XX%, XX局) a warning. A
// blank template never gets here: the reader refuses it as such. Only 决算 are
// held to it for now: the 预算 templates are workbooks read as templates, whose
// instructions are their content.
func (c *Doc) placeholders() {
	if !c.final() {
		return
	}
	check := func(part string, pos disclosure.Pos, text string) {
		for _, m := range instructionRe.FindAllString(text, -1) {
			c.Add(Finding{Rule: "DOC-04", Severity: Error, Location: Location{Part: part, Sentence: sentenceOf(text, m), Page: pos.Page, Line: pos.Line},
				Actual: m, Message: fmt.Sprintf("文字中留有模板的填写说明“%s”", m)})
		}
		for _, m := range placeholderRe.FindAllString(text, -1) {
			sev := Warning
			if placeholderAmountRe.MatchString(m) {
				sev = Error
			}
			c.Add(Finding{Rule: "DOC-04", Severity: sev, Location: Location{Part: part, Sentence: sentenceOf(text, m), Page: pos.Page, Line: pos.Line},
				Actual: m, Message: fmt.Sprintf("文字中留有模板占位符“%s”", m)})
		}
	}
	for _, p := range c.doc.Parts {
		for _, b := range p.Blocks {
			if b.Kind != disclosure.TableRef {
				check(p.Heading(), b.Pos, Normalize(b.Text))
			}
		}
	}
	for _, t := range c.doc.AllTables() {
		for _, n := range t.Notes {
			check(fmt.Sprintf("表%d %s", t.Number, t.Title), t.Pos, Normalize(n))
		}
	}
}

var (
	// instructionRe are the template's instructions to whoever fills it in.
	instructionRe = regexp.MustCompile(`（如持平作持平表述）|（不涉及的?不列）|按上述格式依次说明[^。；]*|由主管部门根据三定方案[^。；]*|仍保留该表格式[^。；]*`)
	// placeholderRe are the template's placeholders: XX局, XXX万元, XX%.
	placeholderRe       = regexp.MustCompile(`(?:X{2,}|Ｘ{2,})(?:万元|%|％)?`)
	placeholderAmountRe = regexp.MustCompile(`万元$`)
)

// sentenceOf is the sentence of text that holds the first occurrence of m.
func sentenceOf(text, m string) string {
	i := strings.Index(text, m)
	if i < 0 {
		return m
	}
	return sentenceSpan(text, i, i+len(m))
}
