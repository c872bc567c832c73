package web

import (
	"html/template"
	"strings"

	"yusuan/disclosure"
	htmlr "yusuan/render/html"
)

// docTable lays out a document's table with render/html, so that the portal prints
// the same accessible markup as the standalone page (header ids, headers, scope,
// indentation, a pinned first column), without the style attributes the portal's
// Content-Security-Policy refuses: site.css sizes table.doc instead.
func docTable(t *disclosure.Table, id string) htmlr.TableView {
	tv := htmlr.NewTableView(t, id)
	tv.Class, tv.MinWidth, tv.Cols = "doc", "", nil
	return tv
}

// tableHTML prints a table laid out by docTable, for the templates.
func tableHTML(tv htmlr.TableView) (template.HTML, error) {
	var b strings.Builder
	if err := htmlr.WriteTable(&b, tv); err != nil {
		return "", err
	}
	// WriteTable's template escaped every text it printed.
	return template.HTML(b.String()), nil
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
