package check

import (
	"fmt"
	"strconv"
	"strings"

	"yusuan/classification"
)

// renumbered finds the rows of an economic table numbered in order rather than
// by the standard codes (CODE-05): a run of at least three 款 rows of one 类 whose
// codes follow one another (30201, 30202, 30203…), at least two of which carry the
// standard name of another code of that 类 (30203 手续费, whose code is 30204).
// It returns, for each such row, the code its name has; the codes() rule reports
// them in one warning instead of one CODE-01 error per row. A table that lists
// every code of a run (30201 办公费, 30202 印刷费, 30203 咨询费) has no mismatch and
// is not flagged.
func (c *Doc) renumbered(v *View) map[int]string {
	byName := map[string]string{}
	for _, code := range c.cat.Codes(classification.Economic) {
		if len(code.Code) == 5 {
			byName[code.Code[:3]+"|"+classification.NormalizeName(code.Name)] = code.Code
		}
	}
	out := map[int]string{}
	var run []int
	flush := func() {
		if len(run) >= 3 {
			moved := map[int]string{}
			for _, r := range run {
				code := v.T.Rows[r].Code
				if std := byName[code[:3]+"|"+classification.NormalizeName(v.Text(r, "name"))]; std != "" && std != code {
					moved[r] = std
				}
			}
			if len(moved) >= 2 {
				for r, std := range moved {
					out[r] = std
				}
			}
		}
		run = nil
	}
	prev := 0
	for r, row := range v.T.Rows {
		if len(row.Code) != 5 || row.Code[0] != '3' {
			if len(row.Code) == 3 {
				flush()
			}
			continue
		}
		n, err := strconv.Atoi(row.Code)
		if err != nil {
			continue
		}
		if len(run) > 0 && n != prev+1 {
			flush()
		}
		run = append(run, r)
		prev = n
	}
	flush()
	return out
}

// reportRenumbered is the one warning for a table's renumbered rows.
func (c *Doc) reportRenumbered(v *View, rows map[int]string) {
	if len(rows) == 0 {
		return
	}
	first := -1
	var list []string
	for r := range v.T.Rows {
		std, ok := rows[r]
		if !ok {
			continue
		}
		if first < 0 {
			first = r
		}
		list = append(list, fmt.Sprintf("%s %s（应为 %s）", v.T.Rows[r].Code, v.Text(r, "name"), std))
	}
	c.Add(Finding{Rule: "CODE-05", Severity: Warning, Location: v.At(first, "code"), Actual: strings.Join(list, "、"),
		Message: fmt.Sprintf("经济分类科目似按顺序重新编号，而非使用标准编码：%s，共 %d 行", strings.Join(list, "、"), len(list))})
}
