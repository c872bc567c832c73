package service

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"yusuan/account"
	"yusuan/budget"
	"yusuan/budgetfile"
	"yusuan/store"
	"yusuan/workflow"
)

// UnitPart is one budget unit of a department's data of a year: its part when
// uploaded, or a unit expected and still missing.
type UnitPart struct {
	Code, Name string
	Classified bool
	State      workflow.PartState
	Part       store.Part // zero when missing
	Expected   string     // why a missing unit is expected, in Chinese
}

// Key is what names the unit in a form: its code when known, else its name.
func (u UnitPart) Key() string {
	return cmp.Or(u.Code, u.Name)
}

// UnitParts lists the units of a department's data of year and kind (the
// 部门预算 or the 部门决算): every
// part uploaded, by unit code, then the units expected that have not uploaded
// yet: those of the department's current data and of its latest publication
// (of year, else of the year before), then each unit that a preparer's account
// is limited to. A preparer limited to a unit sees that unit alone.
func (s *Service) UnitParts(ctx context.Context, actor account.Actor, deptID int64, year int, kind string) ([]UnitPart, error) {
	dept, err := s.Store.WorkDepartment(ctx, deptID)
	if err != nil {
		return nil, err
	}
	if !actor.User.Scope(dept.RegionID, deptID) {
		return nil, ErrScope
	}
	parts, err := s.Store.Parts(ctx, deptID, year, kind)
	if err != nil {
		return nil, err
	}
	var out []UnitPart
	for _, p := range parts {
		out = append(out, UnitPart{Code: p.UnitCode, Name: p.UnitName, Classified: p.Classified, State: p.State(), Part: p})
	}
	expected, err := s.expectedUnits(ctx, deptID, year, kind)
	if err != nil {
		return nil, err
	}
	for _, u := range expected {
		if findUnit(out, u.Code) < 0 {
			out = append(out, u)
		}
	}
	users, err := s.Store.Users(ctx, store.UserFilter{RegionID: dept.RegionID, DepartmentID: deptID})
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		unit := strings.TrimSpace(u.Unit)
		if u.Role != account.Preparer || u.Disabled || unit == "" || findUnit(out, unit) >= 0 {
			continue
		}
		out = append(out, UnitPart{Name: unit, State: workflow.PartMissing, Expected: "已有限定该单位的填报人账号"})
	}
	if unit := unitLimit(actor); unit != "" {
		i := findUnit(out, unit)
		if i < 0 {
			return []UnitPart{{Name: unit, State: workflow.PartMissing}}, nil
		}
		return out[i : i+1], nil
	}
	return out, nil
}

// expectedUnits are the units of the department's current data of year and kind
// and of its latest publication of kind (of year, else of the year before),
// each missing, saying where it was found.
func (s *Service) expectedUnits(ctx context.Context, deptID int64, year int, kind string) ([]UnitPart, error) {
	var out []UnitPart
	add := func(model []byte, where string) {
		var b budget.Budget
		if model == nil || json.Unmarshal(model, &b) != nil {
			return
		}
		for _, u := range b.Units {
			if u.Code != "" && findUnit(out, u.Code) < 0 {
				out = append(out, UnitPart{Code: u.Code, Name: u.Name, Classified: u.Classified, State: workflow.PartMissing, Expected: where})
			}
		}
	}
	for _, y := range []int{year, year - 1} {
		sub, err := s.Store.FindSubmission(ctx, deptID, y, kind)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if y == year && sub.DataVersion > 0 {
			dv, err := s.Store.SubmissionData(ctx, sub.ID, 0)
			if err != nil {
				return nil, err
			}
			add(dv.Model, fmt.Sprintf("见于%s当前数据第 %d 版", kind, sub.DataVersion))
		}
		pubs, err := s.Store.Publications(ctx, sub.ID)
		if err != nil {
			return nil, err
		}
		if len(pubs) == 0 {
			continue
		}
		last := pubs[len(pubs)-1]
		dv, err := s.Store.SubmissionData(ctx, sub.ID, last.DataVersion)
		if err != nil {
			return nil, err
		}
		add(dv.Model, fmt.Sprintf("见于已公开的%d年%s", y, kind))
		break
	}
	return out, nil
}

// findUnit returns the index of the unit named unit (by name or code), or -1.
func findUnit(units []UnitPart, unit string) int {
	for i, u := range units {
		if u.Name == unit || (u.Code != "" && u.Code == unit) {
			return i
		}
	}
	return -1
}

// UploadPart reads, validates and checks a unit's workbook and keeps it as the
// new version of that unit's part of the department's data of year and kind,
// whose 公开文件 it must ask for. The
// workbook must hold one unit and that unit's rows alone: the unit of the
// uploader's account when it is limited to one, else the unit chosen (by code
// or name; "" takes the workbook's one unit). A workbook that cannot be read,
// or that holds anything of another unit, is refused with where; one with
// errors is kept, to be corrected and uploaded again.
func (s *Service) UploadPart(ctx context.Context, actor account.Actor, deptID int64, year int, kind, unit, name string, data []byte) (store.Part, []workflow.Finding, error) {
	if err := s.yearEnded(year, kind); err != nil {
		return store.Part{}, nil, err
	}
	name = filepath.Base(strings.ReplaceAll(name, `\`, "/"))
	if len(data) > store.MaxWorkbookSize {
		return store.Part{}, nil, blocked("文件 %s 超过 %d MB，不能上传", name, store.MaxWorkbookSize>>20)
	}
	dept, err := s.Store.WorkDepartment(ctx, deptID)
	if err != nil {
		return store.Part{}, nil, err
	}
	b, err := readBudget(name, data)
	if err != nil {
		return store.Part{}, nil, blocked("未能读出单位的数据，不能上传：%s", firstError(dataFindings(name, err)))
	}
	if limit := unitLimit(actor); limit != "" {
		unit = limit
	}
	unit = strings.TrimSpace(unit)
	if unit == "" {
		if len(b.Units) != 1 {
			return store.Part{}, nil, blocked("单位的文件只能含有一个单位，文件 %s 中有 %d 个；含有多个单位的整个部门的工作簿请在报送页面上传", name, len(b.Units))
		}
		unit = b.Units[0].Code
	}
	if err := sameKind(name, data, b, kind); err != nil {
		return store.Part{}, nil, err
	}
	if errs := budget.OutsideUnit(b, unit); len(errs) > 0 {
		return store.Part{}, nil, blocked("文件 %s 含有其他单位的数据，不能作为单位“%s”的数据上传：%s", name, unit, listErrors(errs))
	}
	u := b.Units[0]
	// The department's performance tasks add up to the whole department's
	// spending: a part is checked without them, the assembled data with them.
	// A 涉密 unit's part is checked as its own document, not as a department
	// whose every unit is 涉密: its findings stay in the work area.
	alone := *b
	alone.Performance.Tasks = nil
	alone.Units = append([]budget.Unit(nil), b.Units...)
	alone.Units[0].Classified = false
	a := analyseBudget(name, b, &alone, dept.Name, year, s.codes())
	part, err := s.Store.UploadPart(ctx, actor, deptID, year, kind, store.PartUpload{
		UnitCode: u.Code, UnitName: u.Name, Classified: u.Classified,
		FileName: name, Workbook: data, Model: a.Model, Findings: a.Findings})
	return part, a.Findings, err
}

// ownPart reads a part of the data of kind and refuses a preparer limited to
// another unit, and a part of the other kind (reached through the other
// kind's page).
func (s *Service) ownPart(ctx context.Context, actor account.Actor, kind string, id int64) (store.Part, error) {
	p, err := s.Store.PartOf(ctx, id)
	if err != nil {
		return p, err
	}
	if !actor.User.Scope(p.RegionID, p.DepartmentID) {
		return p, ErrScope
	}
	if unit := unitLimit(actor); unit != "" && unit != p.UnitName && unit != p.UnitCode {
		return p, &workflow.Refusal{Kind: workflow.ErrForbidden, Msg: fmt.Sprintf("您的账号限于单位“%s”，不能操作其他单位的数据", unit)}
	}
	if p.Kind != kind {
		return p, blocked("该单位数据属于%s，不属于%s，请在%s的单位页面操作", p.Kind, kind, p.Kind)
	}
	return p, nil
}

// ExplainPart writes explanations of a unit's warnings (by finding key) of its
// part of the data of kind; a
// preparer limited to a unit explains that unit's alone, and no explanation may
// name a 涉密 unit or project of the part.
func (s *Service) ExplainPart(ctx context.Context, actor account.Actor, kind string, id int64, seen int, texts map[string]string) (store.Part, error) {
	p, err := s.ownPart(ctx, actor, kind, id)
	if err != nil {
		return p, err
	}
	dv, err := s.Store.PartData(ctx, id, 0)
	if err != nil {
		return p, err
	}
	names, err := modelClassified(dv.Model)
	if err != nil {
		return p, err
	}
	for _, t := range texts {
		if err := workflow.Classified("说明", t, names); err != nil {
			return p, err
		}
	}
	return s.Store.ExplainPart(ctx, actor, id, seen, texts)
}

// ReturnPart sends a unit's part of the data of kind back to the unit with a
// reason.
func (s *Service) ReturnPart(ctx context.Context, actor account.Actor, kind string, id int64, seen int, reason string) (store.Part, error) {
	if _, err := s.ownPart(ctx, actor, kind, id); err != nil {
		return store.Part{}, err
	}
	return s.Store.ReturnPart(ctx, actor, id, seen, reason)
}

// Assemble merges every unit's part of the department's data of year and kind, once
// all are ready, into one budget (budget.Merge: exactly, conflicts refused
// with where), writes it as the department's workbook and adds it as the new
// data version of the department's submission, analysed as an upload is:
// validated at once when it has no errors. The explanations the units wrote of
// their warnings carry over to the same warnings of the assembled data. A unit
// expected that has not uploaded blocks assembly unless gone names it (by Key):
// the reviewer confirmed that it no longer has a budget of its own. Only the
// department's reviewer assembles.
func (s *Service) Assemble(ctx context.Context, actor account.Actor, deptID int64, year int, kind string, seen Seen, gone []string) (store.Submission, []workflow.Finding, error) {
	if _, err := workflow.Next(seen.State, workflow.Assemble, actor.User.Role); errors.Is(err, workflow.ErrForbidden) {
		return store.Submission{}, nil, err
	}
	dept, err := s.Store.WorkDepartment(ctx, deptID)
	if err != nil {
		return store.Submission{}, nil, err
	}
	units, err := s.UnitParts(ctx, actor, deptID, year, kind)
	if err != nil {
		return store.Submission{}, nil, err
	}
	states := map[string]workflow.PartState{}
	var without []string
	for _, u := range units {
		if u.State == workflow.PartMissing && slices.Contains(gone, u.Key()) {
			without = append(without, u.label())
			continue
		}
		states[u.label()] = u.State
	}
	if err := workflow.CanAssemble(states); err != nil {
		return store.Submission{}, nil, err
	}
	var parts []*budget.Budget
	var from []store.AssembledFrom
	texts, authors := map[string]string{}, map[string]string{}
	for _, u := range units {
		if u.State == workflow.PartMissing {
			continue
		}
		dv, err := s.Store.PartData(ctx, u.Part.ID, u.Part.Version)
		if err != nil {
			return store.Submission{}, nil, err
		}
		for k, v := range dv.Explanations {
			if _, ok := texts[k]; !ok {
				texts[k], authors[k] = v, dv.Authors[k]
			}
		}
		// Read again from the file, so that a conflict names its sheet and row.
		b, err := readBudget(dv.FileName, dv.Workbook)
		if err != nil {
			return store.Submission{}, nil, fmt.Errorf("service: workbook of unit part %d: %w", u.Part.ID, err)
		}
		parts = append(parts, b)
		from = append(from, store.AssembledFrom{PartID: u.Part.ID, Version: u.Part.Version})
	}
	merged, err := budget.Merge(parts)
	if err != nil {
		var list budget.ErrorList
		if errors.As(err, &list) {
			return store.Submission{}, nil, blocked("各单位的数据有 %d 处冲突，不能汇总：%s", len(list), listErrors(list))
		}
		return store.Submission{}, nil, err
	}
	var buf bytes.Buffer
	if err := budgetfile.WriteXLSX(&buf, merged); err != nil {
		return store.Submission{}, nil, fmt.Errorf("service: workbook of assembled department %d: %w", deptID, err)
	}
	name := fmt.Sprintf("%s%d年%s（汇总 %d 个单位）.xlsx", dept.Name, year, kind, len(parts))
	a := Analyse(name, buf.Bytes(), dept.Name, year, s.codes())
	sub, err := s.Store.AssembleData(ctx, step(actor, 0, seen), deptID, year, kind,
		store.Upload{FileName: name, Workbook: buf.Bytes(), Model: a.Model, Findings: a.Findings, Validate: true,
			UnitTexts: texts, UnitAuthors: authors}, from, without)
	return sub, a.Findings, err
}

// UnitNote says that an explanation of the assembled data is the one a unit
// wrote of its part: which unit (a 涉密 one by its code) and who wrote it.
type UnitNote struct {
	Unit, Login string
}

// UnitExplanations finds, among the explanations of dv, a data version of the
// department's submission of year and kind, those that are still a unit's: carried over
// from a part assembled into dv, same text, same author (the reviewer's edit
// makes it the reviewer's). By the warning's key.
func (s *Service) UnitExplanations(ctx context.Context, deptID int64, year int, kind string, dv store.DataVersion) (map[string]UnitNote, error) {
	out := map[string]UnitNote{}
	if len(dv.Explanations) == 0 {
		return out, nil
	}
	parts, err := s.Store.Parts(ctx, deptID, year, kind)
	if err != nil {
		return nil, err
	}
	for _, p := range parts {
		if p.Assembled != dv.Number {
			continue
		}
		bodies, authors, err := s.Store.PartExplanations(ctx, p.ID, p.Version)
		if err != nil {
			return nil, err
		}
		unit := UnitPart{Code: p.UnitCode, Name: p.UnitName, Classified: p.Classified}.label()
		for k, body := range bodies {
			if _, ok := out[k]; !ok && dv.Explanations[k] == body && dv.Authors[k] == authors[k] {
				out[k] = UnitNote{Unit: unit, Login: authors[k]}
			}
		}
	}
	return out, nil
}

// label names the unit in a message; a 涉密 unit by its code.
func (u UnitPart) label() string {
	if u.Classified {
		return "编码 " + u.Code
	}
	return u.Name
}

func blocked(format string, args ...any) error {
	return &workflow.Refusal{Kind: workflow.ErrBlocked, Msg: fmt.Sprintf(format, args...)}
}

// firstError is the first error of fs as yusuan validate prints it.
func firstError(fs []workflow.Finding) string {
	for _, f := range fs {
		if f.Severity == workflow.Error {
			return f.String()
		}
	}
	return ""
}

// listErrors lists the first few errors of a budget, each with its place.
func listErrors(errs budget.ErrorList) string {
	const shown = 5
	var out []string
	for i, e := range errs {
		if i == shown {
			out = append(out, fmt.Sprintf("等 %d 处", len(errs)))
			break
		}
		out = append(out, e.Error())
	}
	return strings.Join(out, "；")
}
