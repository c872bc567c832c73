package web

import (
	"strconv"
	"strings"

	"yusuan/disclosure"
)

// tableView is a disclosure table laid out for a template: header and body rows of
// cells with their spans and classes already decided, so the template only loops.
type tableView struct {
	ID     string
	Label  string // 表1
	Title  string
	Entity string // 部门名称：……
	Period string
	Unit   string // 单位：万元
	Head   [][]cellView
	Body   []rowView
	NCols  int
	Notes  []string
	Empty  bool
}

type rowView struct {
	Class string
	Cells []cellView
}

type cellView struct {
	Header  bool
	Scope   string
	Class   string
	Text    string
	ColSpan int
	RowSpan int
}

// maxIndent is the deepest indentation the CSS has a class for.
const maxIndent = 4

func newTableView(t *disclosure.Table, id string) tableView {
	tv := tableView{ID: id, Label: t.Label(), Title: t.Title, Period: t.Period, Notes: t.Notes, Empty: t.Empty}
	if t.Entity != "" {
		label := t.EntityLabel
		if label == "" {
			label = "部门名称"
		}
		tv.Entity = label + "：" + t.Entity
	}
	if t.Unit != "" {
		tv.Unit = "单位：" + string(t.Unit)
	}
	head := disclosure.Grid(t.Header, len(t.Columns))
	body := disclosure.Grid(t.BodyCells(), len(t.Columns))
	n := max(len(t.Columns), width(head), width(body), 1)
	tv.NCols = n
	kind := func(c int) disclosure.ColumnKind {
		if c < len(t.Columns) {
			return t.Columns[c].Kind
		}
		return disclosure.TextCol
	}
	for _, row := range head {
		var cells []cellView
		for _, p := range row {
			cs, rs := p.Span()
			cs = max(min(cs, n-p.Col), 1)
			scope := "col"
			if cs > 1 {
				scope = "colgroup"
			}
			cells = append(cells, cellView{Header: true, Scope: scope, Text: p.Display(t.Unit), ColSpan: cs, RowSpan: rs})
		}
		tv.Head = append(tv.Head, cells)
	}
	for r, row := range body {
		var rv rowView
		switch t.Rows[r].Kind {
		case disclosure.TotalRow:
			rv.Class = "total"
		case disclosure.GroupRow:
			rv.Class = "group"
		}
		for _, p := range row {
			cs, rs := p.Span()
			cs = max(min(cs, n-p.Col), 1)
			var class []string
			if p.Amount != nil || (kind(p.Col) == disclosure.AmountCol && p.Text == "") {
				class = append(class, "num")
			}
			if kind(p.Col) == disclosure.CodeCol {
				class = append(class, "code")
			}
			if p.Indent > 0 {
				class = append(class, "ind"+strconv.Itoa(min(p.Indent, maxIndent)))
			}
			rv.Cells = append(rv.Cells, cellView{Class: strings.Join(class, " "), Text: p.Display(t.Unit), ColSpan: cs, RowSpan: rs})
		}
		tv.Body = append(tv.Body, rv)
	}
	return tv
}

func width(g [][]disclosure.Placed) int {
	w := 0
	for _, row := range g {
		for _, p := range row {
			cs, _ := p.Span()
			w = max(w, p.Col+cs)
		}
	}
	return w
}

// tableKinds are the kinds a visitor can pick for comparisons and totals, with
// their Chinese names, in the order of a Shenzhen document.
var tableKinds = []struct {
	Kind disclosure.TableKind
	Name string
}{
	{disclosure.GPFunctionalTable, "一般公共预算支出（按功能分类）"},
	{disclosure.GPEconomicTable, "一般公共预算支出（按经济分类）"},
	{disclosure.GPBasicTable, "一般公共预算基本支出（按经济分类）"},
	{disclosure.SpendingTable, "支出总表"},
	{disclosure.IncomeTable, "收入总表"},
	{disclosure.SummaryTable, "收支总表"},
	{disclosure.FiscalSummaryTable, "财政拨款收支总表"},
	{disclosure.BasicTable, "基本支出总表"},
	{disclosure.ProjectTable, "项目支出总表"},
	{disclosure.SanGongTable, "“三公”经费支出表"},
	{disclosure.SanGongOfficeTable, "“三公”经费和机关运行经费预算表"},
	{disclosure.GovFundTable, "政府性基金预算支出表"},
	{disclosure.StateCapitalTable, "国有资本经营预算支出表"},
}

// tableKind reads a table kind parameter: the default when empty, an error when
// unknown.
func tableKind(s string, def disclosure.TableKind) (disclosure.TableKind, error) {
	if s == "" {
		return def, nil
	}
	for _, k := range tableKinds {
		if string(k.Kind) == s {
			return k.Kind, nil
		}
	}
	return "", invalidf("表格类型“" + s + "”不存在")
}

func tableKindName(k disclosure.TableKind) string {
	for _, t := range tableKinds {
		if t.Kind == k {
			return t.Name
		}
	}
	return string(k)
}
