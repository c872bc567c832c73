package check

import (
	"fmt"
	"regexp"
	"strings"

	"yusuan/classification"
	"yusuan/disclosure"
)

// requiredTables are the tables each profile's document must have, in order.
var requiredTables = map[string][]struct {
	kind  disclosure.TableKind
	title string
}{
	"shenzhen": {
		{disclosure.SummaryTable, "收支总表"},
		{disclosure.IncomeTable, "收入总表"},
		{disclosure.SpendingTable, "支出总表"},
		{disclosure.BasicTable, "基本支出总表"},
		{disclosure.ProjectTable, "项目支出总表"},
		{disclosure.FiscalSummaryTable, "财政拨款收支总表"},
		{disclosure.GPFunctionalTable, "一般公共预算支出表（按功能分类）"},
		{disclosure.GPEconomicTable, "一般公共预算支出表（按经济分类）"},
		{disclosure.SanGongTable, "财政拨款“三公”经费支出表"},
		{disclosure.GovFundTable, "政府性基金预算支出表"},
		{disclosure.StateCapitalTable, "国有资本经营预算支出表"},
		{disclosure.PerformanceTable, "单位整体支出绩效目标表"},
	},
	"shanghai": {
		{disclosure.SummaryTable, "财务收支预算总表"},
		{disclosure.IncomeTable, "收入预算总表"},
		{disclosure.SpendingTable, "支出预算总表"},
		{disclosure.FiscalSummaryTable, "财政拨款收支预算总表"},
		{disclosure.GPFunctionalTable, "一般公共预算支出功能分类预算表"},
		{disclosure.GovFundTable, "政府性基金预算支出功能分类预算表"},
		{disclosure.StateCapitalTable, "国有资本经营预算支出功能分类预算表"},
		{disclosure.GPBasicTable, "一般公共预算基本支出部门预算经济分类预算表"},
		{disclosure.SanGongOfficeTable, "“三公”经费和机关运行经费预算表"},
	},
}

// requiredParts are the narrative parts each profile's document must have: a part
// whose title contains the words (Shanghai's titles carry the department's name).
var requiredParts = map[string][]string{
	"shenzhen": {"部门概况", "部门预算收支总体情况", "部门预算支出具体情况", "政府采购预算情况", "财政拨款“三公”经费预算情况",
		"部门预算绩效管理情况", "重点项目预算绩效情况说明", "其他需要说明情况", "名词解释"},
	"shanghai": {"主要职能", "机构设置", "名词解释", "预算编制说明", "其他相关情况说明"},
}

// completeness: every table and part the profile requires is there. A table that the
// document's own 目录 lists but whose content could not be read (an image in a PDF)
// is a warning; one missing altogether is an error.
func (c *checker) completeness() {
	for i, req := range requiredTables[c.doc.Profile] {
		if c.tables[req.kind] != nil {
			continue
		}
		loc := Location{Table: fmt.Sprintf("表%d %s", i+1, req.title)}
		if c.listed(req.title) {
			c.add(Finding{Rule: "DOC-01", Severity: Warning, Location: loc,
				Message: fmt.Sprintf("目录列有“%s”，但未读到该表的内容（可能是图片），无法核对", req.title)})
			continue
		}
		c.add(Finding{Rule: "DOC-01", Severity: Error, Location: loc, Message: fmt.Sprintf("缺少必备表格“%s”", req.title)})
	}
	has := func(title string) bool {
		for _, p := range c.doc.Parts {
			if strings.Contains(normalize(p.Title), normalize(title)) {
				return true
			}
		}
		return false
	}
	for i, title := range requiredParts[c.doc.Profile] {
		if !has(title) {
			c.add(Finding{Rule: "DOC-02", Severity: Error, Location: Location{Part: "第" + disclosure.ChineseNumber(i+1) + "部分 " + title},
				Message: fmt.Sprintf("缺少必备的文字部分“%s”", title)})
		}
	}
}

func (c *checker) listed(title string) bool {
	for _, s := range c.doc.Contents {
		if strings.Contains(normalize(s), normalize(title)) {
			return true
		}
	}
	return false
}

// emptyNote finds a note that says a table is empty.
var emptyNote = regexp.MustCompile(`空表|无发生额|无数据|没有数据`)

// mayBeEmpty are the tables that a department prints empty when it has no such
// money; the summary tables, and 三公 with its one row of zeros, are never "empty".
var mayBeEmpty = map[disclosure.TableKind]bool{
	disclosure.GovFundTable: true, disclosure.StateCapitalTable: true, disclosure.GPFunctionalTable: true,
	disclosure.GPEconomicTable: true, disclosure.GPBasicTable: true, disclosure.BasicTable: true, disclosure.ProjectTable: true,
}

// emptyTables: a table without amounts carries a note that says so and names itself,
// not another table; a table with amounts does not say it is empty.
func (c *checker) emptyTables() {
	for _, t := range c.doc.Tables {
		v := c.tables[t.Kind]
		if v == nil || v.t != t {
			continue
		}
		// A table with code rows has content even if they print as 0.00.
		hasData := hasCodes(t)
		for r := range v.body {
			for _, k := range v.amountKeys() {
				if a, _ := v.amount(r, k); a != 0 {
					hasData = true
				}
			}
		}
		note := ""
		for _, n := range t.Notes {
			if emptyNote.MatchString(n) {
				note = n
			}
		}
		loc := Location{Table: v.label, Page: t.Pos.Page, Line: t.Pos.Line}
		switch {
		case hasData && note != "":
			loc.Sentence = note
			c.add(Finding{Rule: "EMPTY-02", Severity: Error, Location: loc, Message: "本表有数据，但附注称其为空表"})
		case !hasData && note == "" && mayBeEmpty[t.Kind] && (t.Kind == disclosure.GovFundTable || t.Kind == disclosure.StateCapitalTable || t.Empty):
			c.add(Finding{Rule: "EMPTY-01", Severity: Error, Location: loc, Message: "本表没有数据，但未附注说明本表为空表"})
		case !hasData && note != "":
			if other := otherTableNamed(note, t.Title); other != "" {
				loc.Sentence = note
				c.add(Finding{Rule: "EMPTY-01", Severity: Error, Location: loc,
					Message: fmt.Sprintf("空表附注说的是“%s”，与本表“%s”不符", other, t.Title)})
			}
		}
	}
}

// otherTableNamed returns the fund that an empty-table note names when it is not the
// table's own, e.g. a 国有资本经营 table whose note speaks of 政府性基金.
func otherTableNamed(note, title string) string {
	for _, fund := range []string{"政府性基金", "国有资本经营", "一般公共预算"} {
		if strings.Contains(note, fund) && !strings.Contains(title, fund) {
			return fund
		}
	}
	return ""
}

// codes: each code's name agrees with the classification; an unknown code is a warning.
func (c *checker) codes() {
	for _, t := range c.doc.Tables {
		v := c.tables[t.Kind]
		if v == nil || v.t != t {
			continue
		}
		kind := classification.Functional
		if t.Kind == disclosure.GPEconomicTable || t.Kind == disclosure.BasicTable || t.Kind == disclosure.GPBasicTable {
			kind = classification.Economic
		}
		for r, row := range t.Rows {
			if row.Code == "" {
				continue
			}
			name := v.text(r, "name")
			known, ok := c.cat.Lookup(kind, row.Code)
			loc := v.at(r, "code")
			switch {
			case !ok:
				c.add(Finding{Rule: "CODE-02", Severity: Warning, Location: loc, Actual: row.Code,
					Message: fmt.Sprintf("%s“%s”不在已知科目表中，无法核对名称（可用 --codes 加载当年官方科目表）", kind.Label(), row.Code)})
			case name != "" && !classification.SameName(name, known.Name):
				c.add(Finding{Rule: "CODE-01", Severity: Error, Location: loc, Expected: known.Name, Actual: name,
					Message: fmt.Sprintf("%s“%s”的名称应为“%s”，表中为“%s”", kind.Label(), row.Code, known.Name, name)})
			}
		}
	}
}
