package service

import (
	"bytes"
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

// Draft is a submission's current data opened for editing in the browser:
// the data version (without its file) and its sheets as the workbook shows
// them.
type Draft struct {
	Submission store.Submission
	Data       store.DataVersion
	Sheets     []budgetfile.Sheet
}

// editable reports whether a submission in state may be edited: while it is
// prepared, not once it is with the bureau, published or withdrawn.
func editable(state workflow.State) bool {
	return state == workflow.Draft || state == workflow.Validated || state == workflow.Returned
}

// OpenDraft opens the current data of the department's submission of kind
// (the 部门预算 or the 部门决算) of year for editing: the uploaded workbook's
// sheets as the template lays them out, or, for data read from YAML, the sheets
// its budget fills. It refuses what an upload by the actor would refuse, and a
// submission that is not a draft, validated or returned.
func (s *Service) OpenDraft(ctx context.Context, actor account.Actor, deptID int64, year int, kind string) (Draft, error) {
	var d Draft
	if !store.SubmissionKind(kind) {
		return d, fmt.Errorf("service: draft of kind %q", kind)
	}
	sub, err := s.Store.FindSubmission(ctx, deptID, year, kind)
	if errors.Is(err, store.ErrNotFound) {
		return d, &workflow.Refusal{Kind: workflow.ErrBlocked, Msg: fmt.Sprintf("尚未上传数据，请先上传%s数据工作簿，再在网页上编辑", KindData(kind))}
	}
	if err != nil {
		return d, err
	}
	if !actor.User.Scope(sub.RegionID, sub.DepartmentID) {
		return d, &workflow.Refusal{Kind: workflow.ErrForbidden, Msg: "无权编辑其他地区或其他部门的报送"}
	}
	if !slices.Contains(workflow.RolesFor(workflow.Upload), actor.User.Role) {
		return d, &workflow.Refusal{Kind: workflow.ErrForbidden, Msg: "只有单位填报人或部门审核人可以编辑数据"}
	}
	if !editable(sub.State) {
		return d, &workflow.Refusal{Kind: workflow.ErrBlocked, Msg: fmt.Sprintf(
			"报送处于“%s”状态，不能编辑；只有草稿、已校验或已退回的数据可以在网页上编辑", sub.State.Label())}
	}
	if err := s.currentUnits(ctx, actor, sub.ID, "编辑"); err != nil {
		return d, err
	}
	dv, err := s.Store.SubmissionData(ctx, sub.ID, 0)
	if err != nil {
		return d, err
	}
	sheets, err := draftSheets(dv)
	if err != nil {
		return d, err
	}
	dv.Workbook = nil
	return Draft{Submission: sub, Data: dv, Sheets: sheets}, nil
}

// draftSheets are a data version's sheets: its workbook's when it is one,
// else those of its budget written as a workbook.
func draftSheets(dv store.DataVersion) ([]budgetfile.Sheet, error) {
	if strings.EqualFold(filepath.Ext(dv.FileName), ".xlsx") {
		sheets, err := budgetfile.Grid(bytes.NewReader(dv.Workbook), int64(len(dv.Workbook)), dv.FileName)
		if err == nil {
			return sheets, nil
		}
		if !budgetfile.IsUnreadable(err) {
			return nil, err
		}
	}
	if dv.Model == nil {
		return nil, &workflow.Refusal{Kind: workflow.ErrBlocked, Msg: fmt.Sprintf(
			"当前数据（%s）未能读出，不能在网页上编辑，请改正后重新上传", dv.FileName)}
	}
	var b budget.Budget
	if err := json.Unmarshal(dv.Model, &b); err != nil {
		return nil, fmt.Errorf("service: model of %s: %w", dv.FileName, err)
	}
	return budgetfile.GridWorkbook(&b, dv.FileName)
}

// SaveSheet replaces one sheet of the current data of the department's
// submission of kind with edited and stores the result as a new data version
// exactly as an upload of the regenerated workbook to that submission would be
// (read, validated, checked, explanations carried over, audited), with
// what changed in the audit entry. Cells that are not what the sheet expects
// (an amount that is not exact 元, a formula) refuse the save, each named by
// sheet, row and column. seen is the submission as the editor saw it: a save
// over someone else's change is refused. The sheets keep the 部门 sheet's
// 公开文件, so that a draft stays of its kind unless that cell is edited, which
// the upload then refuses as it refuses a workbook of the other kind.
func (s *Service) SaveSheet(ctx context.Context, actor account.Actor, deptID int64, year int, kind string, seen Seen, edited budgetfile.Sheet) (store.Submission, []workflow.Finding, error) {
	d, err := s.OpenDraft(ctx, actor, deptID, year, kind)
	if err != nil {
		return store.Submission{}, nil, err
	}
	if (seen.State != "" && seen.State != d.Submission.State) || seen.Revision != d.Submission.Revision {
		return store.Submission{}, nil, workflow.Conflict()
	}
	name := editedName(d.Submission)
	before := slices.Clone(d.Sheets)
	found := false
	for i, g := range d.Sheets {
		if g.Name == edited.Name {
			d.Sheets[i], found = edited, true
		}
	}
	if !found {
		return store.Submission{}, nil, &workflow.Refusal{Kind: workflow.ErrBlocked, Msg: fmt.Sprintf("没有名为“%s”的工作表", edited.Name)}
	}
	checked, err := budgetfile.CheckGrid(name, d.Sheets)
	if err != nil {
		fs := dataFindings(name, err)
		return store.Submission{}, fs, &workflow.Refusal{Kind: workflow.ErrBlocked,
			Msg: fmt.Sprintf("未保存：%d 个单元格填写有误（已在下方标出），请改正后再保存", len(fs))}
	}
	var buf bytes.Buffer
	if err := budgetfile.WriteGrid(&buf, checked); err != nil {
		return store.Submission{}, nil, fmt.Errorf("service: write edited workbook: %w", err)
	}
	return s.upload(ctx, actor, deptID, year, kind, seen, name, buf.Bytes(), editDetail(edited.Name, before, checked))
}

// editedName is the file name of a workbook saved from the browser.
func editedName(sub store.Submission) string {
	return fmt.Sprintf("%s%d年%s（网页编辑）.xlsx", sub.Department, sub.Year, sub.Kind)
}

// KindData names the data of a kind of submission in a message: 预算 or 决算.
func KindData(kind string) string {
	if kind == store.FinalAccounts {
		return "决算"
	}
	return "预算"
}

// editDetail says in the audit log what an edit changed in sheet: cells
// changed, rows added and rows deleted, compared by the rows' numbers in the
// workbook they were read from.
func editDetail(sheet string, before, after []budgetfile.Sheet) string {
	var old, cur budgetfile.Sheet
	for i := range before {
		if before[i].Name == sheet {
			old, cur = before[i], after[i]
		}
	}
	byNum := map[int][]string{}
	for _, r := range old.Rows {
		if r.Num > 0 {
			byNum[r.Num] = r.Cells
		}
	}
	changed, added := 0, 0
	for _, r := range cur.Rows {
		prev, ok := byNum[r.Num]
		if r.Num == 0 || !ok {
			added++
			continue
		}
		delete(byNum, r.Num)
		for j, v := range r.Cells {
			if j >= len(prev) || prev[j] != v {
				changed++
			}
		}
	}
	return fmt.Sprintf("网页编辑工作表“%s”：修改 %d 个单元格，新增 %d 行，删除 %d 行", sheet, changed, added, len(byNum))
}
