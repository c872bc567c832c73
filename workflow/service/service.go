// Package service runs the workflow's steps: it reads and checks uploaded
// budgets, generates and freezes the document at publication, and hands each
// step to the store, which applies it in one transaction with its audit entry.
// The work area's pages call it; it answers with workflow.Refusal errors whose
// messages are for the person who acted.
package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"yusuan/account"
	"yusuan/budget"
	"yusuan/build"
	"yusuan/check"
	"yusuan/classification"
	"yusuan/money"
	"yusuan/store"
	"yusuan/workflow"
)

// Service runs the workflow over a store.
type Service struct {
	Store *store.Store
	// Codes is the classification to validate and check against; nil means the
	// built-in one.
	Codes *classification.Catalogue
	// Now is the clock; nil means time.Now. Tests set it to move the 20 days.
	Now func() time.Time
}

func (s *Service) codes() *classification.Catalogue {
	if s.Codes == nil {
		return classification.Default()
	}
	return s.Codes
}

func (s *Service) today() workflow.Date {
	if s.Now == nil {
		return workflow.DateOf(time.Now())
	}
	return workflow.DateOf(s.Now())
}

// yearEnded refuses a 部门决算 of a year that has not ended (Beijing time): its
// 决算数 cannot exist yet, and a department that picks the wrong year should be
// told at once rather than after the bureau's review.
func (s *Service) yearEnded(year int, kind string) error {
	if kind == store.FinalAccounts && year >= s.today().Year {
		return &workflow.Refusal{Kind: workflow.ErrBlocked, Msg: fmt.Sprintf("%d年尚未结束，部门决算在年度结束后编制，现在不能上传%d年部门决算数据", year, year)}
	}
	return nil
}

// Seen is the state and revision of a submission as the actor saw it; zero
// values check nothing (a bulk action reads them itself).
type Seen struct {
	State    workflow.State
	Revision int
}

func step(actor account.Actor, id int64, seen Seen) store.Step {
	return store.Step{Actor: actor, SubmissionID: id, Expect: seen.State, Revision: seen.Revision}
}

// Upload reads, validates and checks an uploaded file and stores it as the new
// data version of the department's 部门预算 of year, validated at once when it
// has no errors. A preparer limited to one unit may upload only that unit's
// data, and not over data holding other units. The findings come back with the submission; an upload with
// errors is kept as a draft.
func (s *Service) Upload(ctx context.Context, actor account.Actor, deptID int64, year int, seen Seen, name string, data []byte) (store.Submission, []workflow.Finding, error) {
	return s.UploadKind(ctx, actor, deptID, year, store.DepartmentBudget, seen, name, data)
}

// UploadKind is Upload to the department's submission of kind, the 部门预算 or
// the 部门决算: a file whose 公开文件 asks for the other kind is refused.
func (s *Service) UploadKind(ctx context.Context, actor account.Actor, deptID int64, year int, kind string, seen Seen, name string, data []byte) (store.Submission, []workflow.Finding, error) {
	return s.upload(ctx, actor, deptID, year, kind, seen, name, data, "")
}

// upload is UploadKind with a detail for the audit entry (what an edit changed).
func (s *Service) upload(ctx context.Context, actor account.Actor, deptID int64, year int, kind string, seen Seen, name string, data []byte, detail string) (store.Submission, []workflow.Finding, error) {
	if !store.SubmissionKind(kind) {
		return store.Submission{}, nil, fmt.Errorf("service: upload of kind %q", kind)
	}
	if err := s.yearEnded(year, kind); err != nil {
		return store.Submission{}, nil, err
	}
	name = filepath.Base(strings.ReplaceAll(name, `\`, "/"))
	if len(data) > store.MaxWorkbookSize {
		return store.Submission{}, nil, &workflow.Refusal{Kind: workflow.ErrBlocked,
			Msg: fmt.Sprintf("文件 %s 超过 %d MB，不能上传", name, store.MaxWorkbookSize>>20)}
	}
	dept, err := s.Store.WorkDepartment(ctx, deptID)
	if err != nil {
		return store.Submission{}, nil, err
	}
	a := Analyse(name, data, dept.Name, year, s.codes())
	if err := sameKind(name, data, a.Budget, kind); err != nil {
		return store.Submission{}, a.Findings, err
	}
	if err := s.uploadUnits(ctx, actor, deptID, year, kind, a); err != nil {
		return store.Submission{}, a.Findings, err
	}
	st := step(actor, 0, seen)
	st.Detail = detail
	sub, err := s.Store.UploadData(ctx, st, deptID, year, kind,
		store.Upload{FileName: name, Workbook: data, Model: a.Model, Findings: a.Findings, Validate: true})
	return sub, a.Findings, err
}

// uploadUnits refuses a preparer limited to one unit an upload that holds any
// other unit, or that would replace data holding other units: a submission is
// the whole department's data, which only an account of the whole department
// may replace.
func (s *Service) uploadUnits(ctx context.Context, actor account.Actor, deptID int64, year int, kind string, a Analysis) error {
	unit := unitLimit(actor)
	if unit == "" {
		return nil
	}
	if a.Budget == nil {
		msg := fmt.Sprintf("您的账号限于单位“%s”，而文件未能读出其中的单位，不能上传", unit)
		for _, f := range a.Findings {
			if f.Severity == workflow.Error {
				msg += "：" + f.String()
				break
			}
		}
		return &workflow.Refusal{Kind: workflow.ErrBlocked, Msg: msg}
	}
	if other := otherUnit(a.Budget, unit); other != "" {
		return &workflow.Refusal{Kind: workflow.ErrBlocked, Msg: fmt.Sprintf(
			"您的账号限于单位“%s”，上传的数据中含有其他单位%s，不能上传；含有多个单位的数据请由部门审核人或不限单位的填报人上传", unit, other)}
	}
	sub, err := s.Store.FindSubmission(ctx, deptID, year, kind)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	return s.currentUnits(ctx, actor, sub.ID, "替换")
}

// currentUnits refuses a preparer limited to one unit a step on a submission
// whose current data holds any other unit.
func (s *Service) currentUnits(ctx context.Context, actor account.Actor, id int64, what string) error {
	unit := unitLimit(actor)
	if unit == "" {
		return nil
	}
	dv, err := s.Store.SubmissionData(ctx, id, 0)
	if errors.Is(err, store.ErrNotFound) || (err == nil && dv.Model == nil) {
		return nil
	}
	if err != nil {
		return err
	}
	var b budget.Budget
	if err := json.Unmarshal(dv.Model, &b); err != nil {
		return fmt.Errorf("service: model of submission %d: %w", id, err)
	}
	if other := otherUnit(&b, unit); other != "" {
		return &workflow.Refusal{Kind: workflow.ErrForbidden, Msg: fmt.Sprintf(
			"您的账号限于单位“%s”，当前数据中含有其他单位%s，您不能%s；请由部门审核人或不限单位的填报人操作", unit, other, what)}
	}
	return nil
}

// OtherUnits reports whether the current data of a submission holds a unit
// other than the one a preparer's account is limited to: such a preparer sees
// neither its figures nor its findings, which are the whole department's.
func (s *Service) OtherUnits(ctx context.Context, actor account.Actor, id int64) (bool, error) {
	err := s.currentUnits(ctx, actor, id, "查看")
	if errors.Is(err, workflow.ErrForbidden) {
		return true, nil
	}
	return false, err
}

// unitLimit is the unit a preparer's account is limited to, or "" for any
// account of a whole department or region.
func unitLimit(actor account.Actor) string {
	if actor.User.Role != account.Preparer {
		return ""
	}
	return strings.TrimSpace(actor.User.Unit)
}

// otherUnit names, in Chinese, the first unit of b that is not unit (matched by
// name or code), or returns "" when b holds only that unit.
func otherUnit(b *budget.Budget, unit string) string {
	for _, u := range b.Units {
		if strings.TrimSpace(u.Name) == unit || strings.TrimSpace(u.Code) == unit {
			continue
		}
		return u.Label()
	}
	return ""
}

// Validate validates a draft again (a draft without errors that was not
// validated at upload).
func (s *Service) Validate(ctx context.Context, actor account.Actor, id int64, seen Seen) (store.Submission, error) {
	return s.Store.Validate(ctx, step(actor, id, seen))
}

// Explain writes the explanations of warnings (by finding key), refusing any
// that names a 涉密 unit or project of the data: explanations are published. A
// preparer limited to one unit may explain only data of that unit alone.
func (s *Service) Explain(ctx context.Context, actor account.Actor, id int64, seen Seen, texts map[string]string) (store.Submission, error) {
	if err := s.currentUnits(ctx, actor, id, "说明其中的警告"); err != nil {
		return store.Submission{}, err
	}
	dv, err := s.Store.SubmissionData(ctx, id, 0)
	if err != nil {
		return store.Submission{}, err
	}
	names, err := modelClassified(dv.Model)
	if err != nil {
		return store.Submission{}, err
	}
	for _, t := range texts {
		if err := workflow.Classified("说明", t, names); err != nil {
			return store.Submission{}, err
		}
	}
	return s.Store.Explain(ctx, step(actor, id, seen), texts)
}

// Submit sends the data to the bureau; a preparer limited to one unit may
// submit only data of that unit alone.
func (s *Service) Submit(ctx context.Context, actor account.Actor, id int64, seen Seen) (store.Submission, error) {
	if err := s.currentUnits(ctx, actor, id, "报送"); err != nil {
		return store.Submission{}, err
	}
	return s.Store.Submit(ctx, step(actor, id, seen))
}

// Return sends the submission back with reasons.
func (s *Service) Return(ctx context.Context, actor account.Actor, id int64, seen Seen, reasons []store.ReturnReason) (store.Submission, error) {
	return s.Store.Return(ctx, step(actor, id, seen), reasons)
}

// Approve records the 批复 date (2026-03-05 or 2026年3月5日), which starts the clock.
func (s *Service) Approve(ctx context.Context, actor account.Actor, id int64, seen Seen, date string) (store.Submission, error) {
	d, err := workflow.ParseDate(strings.TrimSpace(date))
	if err != nil {
		return store.Submission{}, err
	}
	return s.Store.Approve(ctx, step(actor, id, seen), d, s.today())
}

// Publish generates the document from the approved data, checks it once more,
// renders it (HTML, XLSX, PDF; the JSON is the stored document) and imports it
// into the portal with the warnings' explanations, frozen as a portal version.
func (s *Service) Publish(ctx context.Context, actor account.Actor, id int64, seen Seen) (store.Submission, store.Imported, error) {
	doc, explained, err := s.frozen(ctx, id)
	if err != nil {
		return store.Submission{}, store.Imported{}, err
	}
	return s.Store.Publish(ctx, step(actor, id, seen), doc, explained, s.today())
}

// Withdraw takes the published document back for correction, with a reason.
func (s *Service) Withdraw(ctx context.Context, actor account.Actor, id int64, seen Seen, reason string) (store.Submission, error) {
	if err := s.publishedTextClean(ctx, id, "撤回理由", reason); err != nil {
		return store.Submission{}, err
	}
	return s.Store.Withdraw(ctx, step(actor, id, seen), reason)
}

// Republish publishes a withdrawn submission's current data again as a new
// portal version, with the reason.
func (s *Service) Republish(ctx context.Context, actor account.Actor, id int64, seen Seen, reason string) (store.Submission, store.Imported, error) {
	if err := s.publishedTextClean(ctx, id, "重新公开的理由", reason); err != nil {
		return store.Submission{}, store.Imported{}, err
	}
	doc, explained, err := s.frozen(ctx, id)
	if err != nil {
		return store.Submission{}, store.Imported{}, err
	}
	return s.Store.Republish(ctx, step(actor, id, seen), doc, explained, s.today(), reason)
}

// publishedTextClean refuses a text that names a 涉密 unit or project of the
// submission's current data.
func (s *Service) publishedTextClean(ctx context.Context, id int64, what, text string) error {
	dv, err := s.Store.SubmissionData(ctx, id, 0)
	if err != nil {
		return err
	}
	names, err := modelClassified(dv.Model)
	if err != nil {
		return err
	}
	return workflow.Classified(what, text, names)
}

// frozen generates the submission's document from its current data and checks
// it once more: what Publish imports.
func (s *Service) frozen(ctx context.Context, id int64) (store.ImportDoc, []store.Explained, error) {
	sub, err := s.Store.Submission(ctx, id)
	if err != nil {
		return store.ImportDoc{}, nil, err
	}
	dv, err := s.Store.SubmissionData(ctx, id, 0)
	if err != nil {
		return store.ImportDoc{}, nil, err
	}
	if dv.Model == nil {
		return store.ImportDoc{}, nil, &workflow.Refusal{Kind: workflow.ErrBlocked, Msg: "当前版本的数据无法读取，不能公开"}
	}
	var b budget.Budget
	if err := json.Unmarshal(dv.Model, &b); err != nil {
		return store.ImportDoc{}, nil, fmt.Errorf("service: model of submission %d: %w", id, err)
	}
	cat := s.codes()
	if err := budget.Validate(&b, cat); err != nil {
		return store.ImportDoc{}, nil, &workflow.Refusal{Kind: workflow.ErrBlocked, Msg: "数据未通过校验，不能公开：" + err.Error()}
	}
	doc, err := departmentDocument(&b, cat)
	if err != nil {
		return store.ImportDoc{}, nil, &workflow.Refusal{Kind: workflow.ErrBlocked, Msg: "无法生成公开文件：" + err.Error()}
	}
	res := check.Run(doc, check.Options{Codes: cat})
	if n := res.Count(check.Error); n > 0 {
		return store.ImportDoc{}, nil, &workflow.Refusal{Kind: workflow.ErrBlocked,
			Msg: fmt.Sprintf("生成的公开文件《%s》核对发现 %d 个错误，不能公开", doc.Title, n)}
	}
	names := classifiedNames(&b)
	body, err := json.Marshal(doc)
	if err != nil {
		return store.ImportDoc{}, nil, err
	}
	for _, n := range names {
		if strings.Contains(string(body), n) {
			return store.ImportDoc{}, nil, &workflow.Refusal{Kind: workflow.ErrBlocked,
				Msg: fmt.Sprintf("生成的公开文件含有涉密单位或项目的名称“%s”，不能公开", n)}
		}
	}
	var explained []store.Explained
	for _, f := range documentFindings(res) {
		if f.Severity != workflow.Warning {
			continue
		}
		text := strings.TrimSpace(dv.Explanations[f.Key])
		if text == "" {
			return store.ImportDoc{}, nil, &workflow.Refusal{Kind: workflow.ErrBlocked,
				Msg: "生成的公开文件有未说明的警告：" + f.String()}
		}
		if err := workflow.Classified("说明", text, names); err != nil {
			return store.ImportDoc{}, nil, err
		}
		explained = append(explained, store.Explained{Rule: f.Rule, Place: f.Place, Message: f.Message, Explanation: text})
	}
	d := store.ImportDoc{Region: sub.Region, DepartmentCode: b.Department.Code,
		Source: fmt.Sprintf("报送 %d 数据版本 %d（%s）", sub.ID, dv.Number, dv.FileName), Disclosure: doc, Check: res}
	rendered, err := build.Render(doc, build.Formats)
	if err != nil {
		return store.ImportDoc{}, nil, err
	}
	for _, f := range rendered {
		// The JSON is the stored document itself; the other formats are kept as files.
		if format := strings.TrimPrefix(filepath.Ext(f.Name), "."); format != "json" {
			d.Files = append(d.Files, store.File{Format: format, Name: f.Name, Data: f.Data})
		}
	}
	return d, explained, nil
}

func modelClassified(model []byte) ([]string, error) {
	if model == nil {
		return nil, nil
	}
	var b budget.Budget
	if err := json.Unmarshal(model, &b); err != nil {
		return nil, fmt.Errorf("service: model: %w", err)
	}
	return classifiedNames(&b), nil
}

// Outcome is what a bulk action did to one submission.
type Outcome struct {
	Submission store.Submission
	Err        error // nil when the step was taken
}

// ApproveClean approves, with one 批复 date, every submission of the region and
// year that is submitted without errors or unexplained warnings.
func (s *Service) ApproveClean(ctx context.Context, actor account.Actor, regionID int64, year int, date string) ([]Outcome, error) {
	if _, err := workflow.ParseDate(strings.TrimSpace(date)); err != nil {
		return nil, err
	}
	subs, err := s.Store.SubmissionsIn(ctx, regionID, year, workflow.Submitted)
	if err != nil {
		return nil, err
	}
	var out []Outcome
	for _, sub := range subs {
		if sub.Errors > 0 || sub.Unexplained > 0 {
			continue
		}
		res, err := s.Approve(ctx, actor, sub.ID, Seen{State: sub.State, Revision: sub.Revision}, date)
		if err != nil {
			res = sub
		}
		out = append(out, Outcome{Submission: res, Err: err})
	}
	return out, nil
}

// PublishApproved publishes every approved submission of the region and year.
func (s *Service) PublishApproved(ctx context.Context, actor account.Actor, regionID int64, year int) ([]Outcome, error) {
	subs, err := s.Store.SubmissionsIn(ctx, regionID, year, workflow.Approved)
	if err != nil {
		return nil, err
	}
	var out []Outcome
	for _, sub := range subs {
		res, _, err := s.Publish(ctx, actor, sub.ID, Seen{State: sub.State, Revision: sub.Revision})
		if err != nil {
			res = sub
		}
		out = append(out, Outcome{Submission: res, Err: err})
	}
	return out, nil
}

// BoardItem is one department on the bureau's dashboard.
type BoardItem struct {
	store.BoardRow
	Clock     workflow.Clock
	NextActor string // who acts next, in Chinese
}

// ErrScope refuses a dashboard outside the actor's region or department.
var ErrScope = &workflow.Refusal{Kind: workflow.ErrForbidden, Msg: "无权查看其他地区或其他部门的报送"}

// RegionBoard is the bureau's dashboard of a region's year and kind (部门预算
// or 部门决算): every department, late ones first, then those whose clock runs
// by days left, then the rest by name.
func (s *Service) RegionBoard(ctx context.Context, actor account.Actor, regionID int64, year int, kind string) ([]BoardItem, error) {
	u := actor.User
	if u.Disabled || u.RegionID != regionID || u.Role.DepartmentScoped() {
		return nil, ErrScope
	}
	rows, err := s.Store.RegionBoard(ctx, regionID, year, kind)
	if err != nil {
		return nil, err
	}
	today := s.today()
	out := make([]BoardItem, len(rows))
	for i, r := range rows {
		out[i] = BoardItem{BoardRow: r, Clock: workflow.ClockOf(r.Approved, r.PublishedOn, today), NextActor: workflow.NextActor(r.State)}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Clock, out[j].Clock
		if a.Late != b.Late {
			return a.Late
		}
		if a.Running != b.Running {
			return a.Running
		}
		if a.Running && a.DaysLeft != b.DaysLeft {
			return a.DaysLeft < b.DaysLeft
		}
		return false
	})
	return out, nil
}

// Unit is one unit of a department's current data, for its dashboard.
type Unit struct {
	Code, Name string
	Kind       budget.UnitKind
	Classified bool
	Items      int
	Total      money.Amount // of the items' amounts; of their 决算数 in a 部门决算
}

// DepartmentItem is one of a department's submissions with the units of its
// current data.
type DepartmentItem struct {
	Submission store.Submission
	Clock      workflow.Clock
	NextActor  string
	Units      []Unit
}

// DepartmentBoard is a department's dashboard: its submissions, newest year
// first, each with the units of its current data.
func (s *Service) DepartmentBoard(ctx context.Context, actor account.Actor, deptID int64) ([]DepartmentItem, error) {
	dept, err := s.Store.WorkDepartment(ctx, deptID)
	if err != nil {
		return nil, err
	}
	if !actor.User.Scope(dept.RegionID, deptID) {
		return nil, ErrScope
	}
	subs, err := s.Store.DepartmentSubmissions(ctx, deptID)
	if err != nil {
		return nil, err
	}
	today := s.today()
	var out []DepartmentItem
	for _, sub := range subs {
		it := DepartmentItem{Submission: sub, Clock: workflow.ClockOf(sub.Approved, sub.PublishedOn, today), NextActor: workflow.NextActor(sub.State)}
		if sub.DataVersion > 0 {
			dv, err := s.Store.SubmissionData(ctx, sub.ID, 0)
			if err != nil {
				return nil, err
			}
			it.Units = units(dv.Model)
		}
		if unit := unitLimit(actor); unit != "" {
			// A preparer limited to a unit sees that unit's figures alone.
			it.Units = slices.DeleteFunc(it.Units, func(u Unit) bool { return u.Name != unit && u.Code != unit })
		}
		out = append(out, it)
	}
	return out, nil
}

func units(model []byte) []Unit {
	var b budget.Budget
	if model == nil || json.Unmarshal(model, &b) != nil {
		return nil
	}
	idx := map[string]int{}
	var out []Unit
	for _, u := range b.Units {
		idx[u.Code] = len(out)
		out = append(out, Unit{Code: u.Code, Name: u.Name, Kind: u.Kind, Classified: u.Classified})
	}
	for _, li := range b.Items {
		if i, ok := idx[li.Unit]; ok {
			out[i].Items++
			switch {
			case !b.IsFinal():
				out[i].Total += li.Amount
			case li.Final != nil:
				out[i].Total += *li.Final
			}
		}
	}
	return out
}

// Message is what to tell the person who acted when err refused their step: a
// Refusal's Chinese message, or a general one for anything else.
func Message(err error) string {
	var r *workflow.Refusal
	if errors.As(err, &r) {
		return r.Msg
	}
	if errors.Is(err, store.ErrNotFound) {
		return "找不到该报送或部门"
	}
	return "操作未能完成，请稍后再试"
}
