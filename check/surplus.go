package check

import (
	"fmt"
	"strings"
)

// surplusCells: a row that prints more cells than its table has columns (a number
// too many) is read as far as its columns go; what is left over is reported where
// it is printed (READ-02), and takes no part in any sum.
func (c *Doc) surplusCells() {
	for _, t := range c.doc.Tables {
		v := c.tables[t.Kind]
		if v == nil || v.T != t {
			continue
		}
		for r, row := range t.Rows {
			if len(row.Surplus) == 0 {
				continue
			}
			c.Add(Finding{Rule: "READ-02", Severity: Warning, Location: v.At(r, ""), Actual: strings.Join(row.Surplus, " "),
				Message: fmt.Sprintf("本行在表头的 %d 列之外还印了“%s”，不知属于哪一列，未计入核对", len(t.Columns), strings.Join(row.Surplus, "”“"))})
		}
	}
}
