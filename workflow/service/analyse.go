package service

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"yusuan/budget"
	"yusuan/budgetfile"
	"yusuan/check"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/profile"
	"yusuan/store"
	"yusuan/workflow"
)

// Analysis is what reading, validating and checking an uploaded file found.
type Analysis struct {
	Budget   *budget.Budget // nil when the file could not be read
	Model    []byte         // Budget as JSON
	Findings []workflow.Finding
}

// Analyse reads an uploaded budget file (.xlsx, .yaml or .yml) and reports what
// yusuan validate reports (format and validation errors, with file, sheet, row
// and column) and then what yusuan check reports of the 部门预算 it generates, or
// of the 部门决算 when its 公开文件 asks for one.
// dept and year are the submission's: data of another department or year is an
// error too.
func Analyse(name string, data []byte, dept string, year int, cat *classification.Catalogue) Analysis {
	b, err := readBudget(name, data)
	if err != nil {
		return Analysis{Findings: dataFindings(name, err)}
	}
	return analyseBudget(name, b, b, dept, year, cat)
}

// analyseBudget validates and checks b, read from the file name, as Analyse
// does; the analysis keeps model as its budget (b itself, or the whole of which
// b is what can be checked alone).
func analyseBudget(name string, model, b *budget.Budget, dept string, year int, cat *classification.Catalogue) Analysis {
	a := Analysis{Budget: model}
	if m, err := json.Marshal(model); err == nil {
		a.Model = m
	}
	if n := strings.TrimSpace(b.Department.Name); n != dept {
		a.Findings = append(a.Findings, dataError(b.Department.Src.Describe("部门名称"),
			fmt.Sprintf("预算数据的部门为“%s”，不是本报送的部门“%s”", n, dept), b.Department.Src, "部门名称"))
	}
	if b.Year != year {
		a.Findings = append(a.Findings, dataError(name, fmt.Sprintf("预算数据的年度为 %d 年，不是本报送的 %d 年", b.Year, year), budget.Source{File: name}, ""))
	}
	if err := budget.Validate(b, cat); err != nil {
		a.Findings = append(a.Findings, dataFindings(name, err)...)
	}
	if len(a.Findings) > 0 {
		return a
	}
	doc, err := departmentDocument(b, cat)
	if err != nil {
		a.Findings = append(a.Findings, dataError(name, "无法生成公开文件："+err.Error(), budget.Source{File: name}, ""))
		return a
	}
	a.Findings = append(a.Findings, documentFindings(check.Run(doc, check.Options{Codes: cat}))...)
	return a
}

// readBudget reads the file by its extension, as yusuan validate does.
func readBudget(name string, data []byte) (*budget.Budget, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx":
		return budgetfile.ReadXLSX(bytes.NewReader(data), int64(len(data)), name)
	case ".yaml", ".yml":
		return budgetfile.ReadYAML(bytes.NewReader(data), name)
	}
	return nil, fmt.Errorf("文件 %s 的类型不受支持：预算数据应为 .xlsx 工作簿或 .yaml 文件", name)
}

// departmentDocument derives the documents of b's profile and returns the one
// the workflow publishes, unchecked: the 部门预算, or the 部门决算 when b asks
// for one.
func departmentDocument(b *budget.Budget, cat *classification.Catalogue) (*disclosure.Document, error) {
	p, err := profile.Get(b.Profile)
	if err != nil {
		return nil, err
	}
	docs, err := profile.Documents(p, b, cat)
	if err != nil {
		return nil, err
	}
	kind := documentKind(b)
	for _, d := range docs {
		if d.Kind == kind {
			return d, nil
		}
	}
	return nil, fmt.Errorf("预算方案“%s”不生成%s", b.Profile, kind)
}

// documentKind is the kind of document b asks for in its 公开文件: the 部门预算
// when it names none.
func documentKind(b *budget.Budget) string {
	if b.IsFinal() {
		return store.FinalAccounts
	}
	return store.DepartmentBudget
}

// sameKind refuses data b, read from the file name, whose 公开文件 asks for
// another kind of document than the submission's: a 部门预算 uploaded as the
// 部门决算 or the reverse, named by the cell that says which. Data that could
// not be read is no refusal here: its findings say why.
func sameKind(name string, data []byte, b *budget.Budget, kind string) error {
	if b == nil || documentKind(b) == kind {
		return nil
	}
	src := b.Department.Src
	// The reader places the 部门 sheet's keys by column alone; the row of the
	// 公开文件 key is the workbook's to find.
	if src.Sheet != "" && src.Row == 0 {
		sheets, _ := budgetfile.Grid(bytes.NewReader(data), int64(len(data)), name)
		for _, sh := range sheets {
			for _, r := range sh.Rows {
				if sh.Name == src.Sheet && len(r.Cells) > 0 && strings.TrimSpace(r.Cells[0]) == "公开文件" {
					src.Row = r.Num
				}
			}
		}
	}
	value := "“" + b.Document + "”"
	if b.Document == "" {
		value = "空白（即部门预算）"
	}
	fix := "部门决算的数据须在该处填写“部门决算”，并填写支出明细的决算数和各决算工作表"
	if kind == store.DepartmentBudget {
		fix = "请到本部门该年度部门决算的报送页上传"
	}
	return &workflow.Refusal{Kind: workflow.ErrBlocked, Msg: fmt.Sprintf("%s为%s，是%s的数据，不能作为%s上传；%s",
		src.Describe("公开文件"), value, documentKind(b), kind, fix)}
}

// dataFindings turns a read or validation error into error findings, one per
// place.
func dataFindings(name string, err error) []workflow.Finding {
	var list budget.ErrorList
	var one *budget.Error
	switch {
	case errors.As(err, &list):
		out := make([]workflow.Finding, 0, len(list))
		for _, e := range list {
			out = append(out, dataError(e.Src.Describe(e.Field), e.Msg, e.Src, e.Field))
		}
		return out
	case errors.As(err, &one):
		return []workflow.Finding{dataError(one.Src.Describe(one.Field), one.Msg, one.Src, one.Field)}
	}
	return []workflow.Finding{dataError(name, err.Error(), budget.Source{File: name}, "")}
}

func dataError(place, msg string, src budget.Source, field string) workflow.Finding {
	return workflow.NewFinding(workflow.Finding{Severity: workflow.Error, Stage: workflow.StageData, Place: place,
		Message: msg, Sheet: src.Sheet, Row: src.Row, Column: src.Columns[field]})
}

// documentFindings turns check's findings of the generated document into the
// workflow's, with the figures as yusuan check prints them.
func documentFindings(res check.Result) []workflow.Finding {
	out := make([]workflow.Finding, 0, len(res.Findings))
	for _, f := range res.Findings {
		msg := f.Message
		if f.Expected != "" || f.Actual != "" {
			msg += fmt.Sprintf("（应为：%s，实为：%s）", orDash(f.Expected), orDash(f.Actual))
		}
		out = append(out, workflow.NewFinding(workflow.Finding{Severity: f.Severity,
			Stage: workflow.StageDocument, Rule: f.Rule, Place: f.Location.String(), Message: msg}))
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// classifiedNames are the names of b's 涉密 units and projects, which nothing
// published may contain.
func classifiedNames(b *budget.Budget) []string {
	var out []string
	for _, u := range b.Units {
		if u.Classified && strings.TrimSpace(u.Name) != "" {
			out = append(out, strings.TrimSpace(u.Name))
		}
	}
	for _, p := range b.Projects {
		if p.Classified && strings.TrimSpace(p.Name) != "" {
			out = append(out, strings.TrimSpace(p.Name))
		}
	}
	return out
}
