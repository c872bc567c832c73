package reader

import (
	"regexp"
	"strings"
)

// placeholderRe matches the placeholders of an official blank template: XX局,
// XXX万元, XX%, XXXXXXXX (ASCII or full-width letters).
var placeholderRe = regexp.MustCompile(`X{2,}|Ｘ{2,}`)

// amountRe matches an amount printed with decimals, such as 2,940.05 or 0.3.
var amountRe = regexp.MustCompile(`[0-9][0-9,]*\.[0-9]+`)

// minPlaceholders is how many placeholders make a blank template: the Shanghai
// 决算 template prints 174; a published document may leave one or two behind.
const minPlaceholders = 10

// blankTemplate reports whether lines are a blank template rather than a
// document: many placeholders and not one amount other than zero. A published
// document prints hundreds of figures, so a few forgotten placeholders never make
// it a template.
func blankTemplate(lines []*tline) bool {
	placeholders := 0
	for _, l := range lines {
		placeholders += len(placeholderRe.FindAllStringIndex(l.compact, -1))
		for _, a := range amountRe.FindAllString(l.compact, -1) {
			if strings.Trim(a, "0.,") != "" {
				return false
			}
		}
	}
	return placeholders >= minPlaceholders
}
