package check

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"yusuan/disclosure"
)

// itemStatements: a narrative item that names a 项 by its path of names and states
// its amount shows the amount the functional tables give that 项, in whatever form
// the family writes it:
//
//	党委办公厅（室）及相关机构事务（款）行政运行（项）支出9370.12万元
//	一般公共服务支出（201类）政府办公厅（室）及相关机构事务（03款）行政运行（01项）12.34万元
//	“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目12.34万元
//	一般公共服务支出（类）信访事务（款）机关服务（项）2026年预算数为236.83万元
//
// The 项 is found by its name and its 款's name (and its 类's, when given); a
// statement whose names the tables do not print, or whose 项 several units print
// with different amounts that none matches, is not judged otherwise than by the
// cells there are: wrong only when it shows none of them as printed.
func (c *Doc) itemStatements() {
	c.eachBlock(func(heading string, pos disclosure.Pos, text string) {
		for _, re := range []*regexp.Regexp{itemParenRe, itemDashRe} {
			for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
				g := func(k int) string {
					if m[2*k] < 0 {
						return ""
					}
					return text[m[2*k]:m[2*k+1]]
				}
				class, kuan, xiang, year, num := g(1), g(2), g(3), g(4), g(5)
				if c.otherYear(text, m[0]) || gluedNumber(text, m[10]) || year != "" && year != strconv.Itoa(c.doc.Year) {
					continue
				}
				s := Sentence{Text: sentenceSpan(text, m[0], m[1]), Part: heading, Pos: pos, Block: text}
				c.itemStatement(s, cleanItemName(class), cleanItemName(kuan), cleanItemName(xiang), num)
			}
		}
	})
}

var (
	// itemName is a name in a path, which may hold a bracketed word of its own
	// (政府办公厅（室）及相关机构事务) but no 类/款/项 mark.
	// itemYear is what may stand between a path and its amount: the year (only
	// the document's is this year's figure: 2026年预算数为), 支出, 预算, 数, 为.
	itemYear    = `(?:((?:19|20)[0-9]{2})年)?(?:支出)?(?:预算)?(?:数)?(?:为)?`
	itemName    = `((?:[^，。；：“”（）()0-9、]|（[^（）类款项0-9]{1,6}）){2,30}?)`
	itemParenRe = regexp.MustCompile(`(?:` + itemName + `（[0-9]{0,3}类）)?` + itemName + `（[0-9]{0,2}款）` + itemName + `（[0-9]{0,2}项）(?:科目)?` + itemYear + `([0-9][0-9,]*(?:\.[0-9]+)?)万元`)
	itemDashRe  = regexp.MustCompile(`“([^“”-]{2,30})-([^“”-]{2,30})-([^“”-]{2,30})”(?:科目)?` + itemYear + `([0-9][0-9,]*(?:\.[0-9]+)?)万元`)
)

// cleanItemName is a name of a path without what the text puts before it: an
// item's number's stop (1．), a 其中 or 主要是.
func cleanItemName(s string) string {
	s = strings.TrimLeft(strings.TrimSpace(s), ".．、:：")
	for _, p := range []string{"其中", "主要是", "主要包括", "包括"} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

func (c *Doc) itemStatement(s Sentence, class, kuan, xiang, num string) {
	c.judgeFigure(s, fmt.Sprintf("“%s”（项）", xiang), num, func() []Ref { return c.itemCells(class, kuan, xiang) })
}

// itemCells are the totals the functional tables print for the 项 of a path of
// names (its 类's name may be empty: any).
func (c *Doc) itemCells(class, kuan, xiang string) []Ref {
	var cells []Ref
	for _, kind := range []disclosure.TableKind{disclosure.SpendingTable, disclosure.GPFunctionalTable, disclosure.FiscalFunctionalTable} {
		v := c.tables[kind]
		if v == nil || !v.Has("name") {
			continue
		}
		names := map[string]string{} // code → name, for the parents
		for r, row := range v.T.Rows {
			if row.Code != "" {
				names[row.Code] = Normalize(v.Text(r, "name"))
			}
		}
		for r, row := range v.T.Rows {
			if len(row.Code) != 7 || Normalize(v.Text(r, "name")) != Normalize(xiang) {
				continue
			}
			if n, ok := names[row.Code[:5]]; !ok || n != Normalize(kuan) {
				continue
			}
			if n, ok := names[row.Code[:3]]; class != "" && (!ok || n != Normalize(class)) {
				continue
			}
			if a, ok := v.Amount(r, "total"); ok && v.Printed(r, "total") {
				cells = append(cells, Ref{A: a, OK: true, Source: v.Label})
			}
		}
	}
	return cells
}
