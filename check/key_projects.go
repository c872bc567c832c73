package check

import (
	"regexp"

	"yusuan/disclosure"
	"yusuan/money"
)

// keyProjects: each project of the narrative's 重点项目 table shows the amount the
// 项目支出 table gives it (TXT-01). A name may carry its unit in brackets
// (专项工作经费（广州市人民政府办公厅）): the project is then the first of that
// name below the unit's row; without a unit, or where the unit's row is not found,
// any row of that name may be it. A project the 项目支出 table does not name is not
// judged; a format whose own rules check the table (Format.Rules) is left to them.
func (c *Doc) keyProjects() {
	key, projects := c.inline[disclosure.KeyProjectTable], c.tables[disclosure.ProjectTable]
	if key == nil || projects == nil || key.Unit != money.UnitWan || c.format != nil && len(c.format.Rules) > 0 {
		return
	}
	amountKey := func(v *View) string {
		if v.Has("total") {
			return "total"
		}
		if keys := v.AmountKeys(); len(keys) > 0 {
			return keys[0]
		}
		return ""
	}
	kk, pk := amountKey(key), amountKey(projects)
	if kk == "" || pk == "" {
		return
	}
	for r := range key.body {
		name := key.RowName(r)
		if _, ok := key.Amount(r, kk); !ok || name == "" {
			continue
		}
		base, unit := name, ""
		if m := unitSuffixRe.FindStringSubmatch(name); m != nil {
			base, unit = m[1], m[2]
		}
		var cells []Ref
		from := 0
		if unit != "" {
			for p := range projects.body {
				if projects.RowName(p) == unit {
					from = p + 1
					break
				}
			}
		}
		for p := from; p < len(projects.body); p++ {
			if n := projects.RowName(p); n != name && n != base {
				continue
			}
			if a, ok := projects.Amount(p, pk); ok {
				cells = append(cells, Ref{A: a, OK: true, Source: projects.Label})
				if from > 0 {
					break
				}
			}
		}
		num := key.printedAt(r, kk)
		s := Sentence{Text: name + " " + num, Part: key.Label, Pos: key.T.Rows[r].Pos}
		c.judgeFigure(s, "重点项目“"+name+"”", num, func() []Ref { return cells })
	}
}

// unitSuffixRe is a project's name and the unit in brackets after it.
var unitSuffixRe = regexp.MustCompile(`^(.+?)（([^（）]+)）$`)
