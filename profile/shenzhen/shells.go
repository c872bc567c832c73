package shenzhen

import (
	"yusuan/budget"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/money"
)

// Shells returns the profile's twelve tables and the narrative's project table without
// their rows: numbers, kinds, titles, units, columns and headers. Readers lay published
// tables onto them. They come from deriving a one-line budget, so reader and
// generator cannot drift apart.
func Shells() []*disclosure.Table {
	b := &budget.Budget{
		Profile:    "shenzhen",
		Year:       2000,
		Department: budget.Department{Name: "部门"},
		Units:      []budget.Unit{{Code: "1", Name: "单位", Kind: budget.Administrative}},
		Projects:   []budget.Project{{Code: "P", Unit: "1", Name: "项目", Target: "目标"}},
		Items: []budget.LineItem{
			{Unit: "1", Functional: "2010301", Economic: "30101", Kind: budget.Personnel, Fund: budget.GeneralPublic, Amount: money.Yuan},
			{Unit: "1", Functional: "2010302", Economic: "30201", Kind: budget.ProjectSp, Project: "P", Fund: budget.GeneralPublic, Amount: money.Yuan},
		},
	}
	doc, _ := Profile{}.Derive(b, classification.Default())
	var out []*disclosure.Table
	for _, t := range doc.Tables {
		s := *t
		s.Rows, s.Notes, s.Entity, s.Period, s.Empty = nil, nil, "", "", false
		out = append(out, &s)
	}
	for _, p := range doc.Parts {
		for _, bl := range p.Blocks {
			if bl.Kind == disclosure.TableRef {
				s := *bl.Table
				s.Rows = nil
				out = append(out, &s)
			}
		}
	}
	return out
}

// PartTitles are the nine narrative parts, in order.
var PartTitles = []string{"部门概况", "部门预算收支总体情况", "部门预算支出具体情况", "政府采购预算情况", "财政拨款“三公”经费预算情况",
	"部门预算绩效管理情况", "重点项目预算绩效情况说明", "其他需要说明情况", "名词解释"}
