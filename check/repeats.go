package check

import (
	"fmt"
	"regexp"
	"strconv"
	"unicode/utf8"
	"yusuan/disclosure"
)

// comparisonYears: a stated comparison is with an earlier year than the
// document's (a 2026 budget compared 比2026年预算 is compared with itself).
func (c *Doc) comparisonYears() {
	if c.doc.Year == 0 {
		return
	}
	for _, s := range c.Sentences() {
		for _, m := range comparedYearRe.FindAllStringSubmatch(s.Text, -1) {
			y, _ := strconv.Atoi(m[1])
			if y >= c.doc.Year {
				c.Add(Finding{Rule: "CHG-05", Severity: Warning, Location: s.Loc(), Expected: strconv.Itoa(c.doc.Year - 1), Actual: m[1],
					Message: fmt.Sprintf("%d 年的预算与“%s年”比较，比较的应是以前年度（通常为 %d 年）", c.doc.Year, m[1], c.doc.Year-1)})
			}
		}
	}
}

var comparedYearRe = regexp.MustCompile(`(?:比|较|与)((?:19|20)[0-9]{2})年[^，。；]{0,12}?(?:增加|减少|增长|下降|持平|相比|相同)`)

// repeatedBlocks: no run of paragraphs is printed twice in a part (a block of
// items pasted again).
func (c *Doc) repeatedBlocks() {
	for _, p := range c.doc.Parts {
		seen := map[string]int{}
		var texts []string
		for _, b := range p.Blocks {
			texts = append(texts, Normalize(b.Text))
		}
		for i, t := range texts {
			// Each sub-heading starts afresh: two sections may say the same
			// (人员经费 under 财政拨款 and under 一般公共预算 when all money is one).
			if p.Blocks[i].Kind == disclosure.Heading {
				seen = map[string]int{}
				continue
			}
			if utf8.RuneCountInString(t) < 30 {
				continue
			}
			j, ok := seen[t]
			if !ok {
				seen[t] = i
				continue
			}
			// Text repeated from the page before may be a text flow drawn whole
			// on every page and clipped to each, which the text layer holds but
			// the print does not show: not counted as printed twice.
			if p.Blocks[j].Pos.Page == p.Blocks[i].Pos.Page-1 {
				continue
			}
			// A run of two or more, or one long paragraph, printed again.
			run := 1
			for i+run < len(texts) && j+run < i && texts[i+run] == texts[j+run] {
				run++
			}
			if run >= 2 || utf8.RuneCountInString(t) >= 80 {
				b := p.Blocks[i]
				c.Add(Finding{Rule: "TXT-06", Severity: Warning,
					Location: Location{Part: p.Heading(), Page: b.Pos.Page, Line: b.Pos.Line, Sentence: clip(t, 60)},
					Message:  fmt.Sprintf("这段文字（连同其后 %d 段）与本部分前文第 %d 段起的文字完全相同，似为重复印出", run-1, j+1)})
			}
		}
	}
}

// clip shortens s to n characters.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "……"
}
