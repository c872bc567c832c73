package work

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"yusuan/account"
	"yusuan/store"
	"yusuan/workflow"
	"yusuan/workflow/service"
)

// Bounds of the steps that generate documents: one publication (rendering a
// large department's PDF takes seconds), and all of a region's at once.
const (
	publishTimeout     = 2 * time.Minute
	bulkPublishTimeout = 30 * time.Minute
)

// boardPage is the dashboard: the bureau's of every department of the region,
// its 部门预算 and its 部门决算, or a department's of its submissions and units.
type boardPage struct {
	Year       int
	Years      []int
	FinalYears []int // the years whose 部门决算 a department may start: those that have ended
	Region     bool  // the region's board
	Rows       []service.BoardItem
	FinalRows  []service.BoardItem // the 部门决算 of the year
	Parts      map[int64][2]int    // department → its units' parts of the 部门预算 and how many are ready
	FinalParts map[int64][2]int    // the same of the 部门决算
	Late       int
	Dept       *store.Department
	Items      []service.DepartmentItem
	CanApprove bool
	CanPublish bool
	Today      string
	ThisYear   int // today's year
	Error      string
	Done       string
	Outcomes   []outcome
}

// boardTable is one kind's table of the region's dashboard.
type boardTable struct {
	Kind  string
	Final bool // Kind is the 部门决算
	Year  int
	Rows  []service.BoardItem
	Parts map[int64][2]int
	// Open says the year has not ended, so that its 部门决算 cannot be made yet:
	// the table says so and points at last year's instead.
	Open bool
}

// Last is the year before the table's.
func (t boardTable) Last() int { return t.Year - 1 }

// Tables are the region's dashboard tables: the 部门预算, then the 部门决算.
func (p *boardPage) Tables() []boardTable {
	return []boardTable{
		{Kind: store.DepartmentBudget, Year: p.Year, Rows: p.Rows, Parts: p.Parts},
		{Kind: store.FinalAccounts, Final: true, Year: p.Year, Rows: p.FinalRows, Parts: p.FinalParts, Open: p.Year >= p.ThisYear && noneStarted(p.FinalRows)},
	}
}

// noneStarted reports that no department has a submission among rows.
func noneStarted(rows []service.BoardItem) bool {
	for _, r := range rows {
		if r.ID != 0 {
			return false
		}
	}
	return true
}

type outcome struct {
	Department string
	Message    string
	OK         bool
}

func (s *Server) boardPage(r *http.Request, c *caller) (*boardPage, error) {
	today := workflow.DateOf(s.opts.Now())
	p := &boardPage{Year: today.Year, Today: today.String(), ThisYear: today.Year}
	if y, err := strconv.Atoi(r.FormValue("year")); err == nil && y >= 1949 && y <= 2200 {
		p.Year = y
	}
	p.Years = []int{today.Year + 1, today.Year, today.Year - 1}
	p.FinalYears = []int{today.Year - 1, today.Year - 2}
	// The year shown is always among the choices, where it goes in the descending list.
	if p.Year > p.Years[0] {
		p.Years = append([]int{p.Year}, p.Years...)
	} else if p.Year < p.Years[len(p.Years)-1] {
		p.Years = append(p.Years, p.Year)
	}
	ctx, cancel := s.query(r)
	defer cancel()
	actor := c.Actor()
	if regionWide(c.User.Role) {
		p.Region = true
		var err error
		if p.Rows, err = s.flow().RegionBoard(ctx, actor, c.User.RegionID, p.Year, store.DepartmentBudget); err != nil {
			return nil, err
		}
		if p.FinalRows, err = s.flow().RegionBoard(ctx, actor, c.User.RegionID, p.Year, store.FinalAccounts); err != nil {
			return nil, err
		}
		if p.Parts, err = s.st.PartCounts(ctx, c.User.RegionID, p.Year, store.DepartmentBudget); err != nil {
			return nil, err
		}
		if p.FinalParts, err = s.st.PartCounts(ctx, c.User.RegionID, p.Year, store.FinalAccounts); err != nil {
			return nil, err
		}
		for _, row := range append(p.Rows, p.FinalRows...) {
			if row.Clock.Late {
				p.Late++
			}
		}
		p.CanApprove = c.User.Role == workflowRole(workflow.Approve)
		p.CanPublish = c.User.Role == workflowRole(workflow.Publish)
		return p, nil
	}
	d, err := s.st.WorkDepartment(ctx, c.User.DepartmentID)
	if err != nil {
		return nil, err
	}
	p.Dept = d
	p.Items, err = s.flow().DepartmentBoard(ctx, actor, d.ID)
	return p, err
}

// workflowRole is the one role that may take a bulk action's step.
func workflowRole(a workflow.Action) account.Role {
	roles := workflow.RolesFor(a)
	if len(roles) != 1 {
		return ""
	}
	return roles[0]
}

func (s *Server) showBoard(w http.ResponseWriter, r *http.Request, c *caller) error {
	p, err := s.boardPage(r, c)
	if err != nil {
		return err
	}
	return s.render(w, c, http.StatusOK, "flow_board", "报送进度", "flow", p)
}

// submissionPage is a department's submission of a year and kind (部门预算 or
// 部门决算, Path the page's own path): its state and clock,
// the findings of its current data with the warnings' explanations, the
// bureau's returns, its publications, and the forms of the steps the caller may
// take now.
type submissionPage struct {
	Dept         *store.Department
	Year         int
	Kind         string
	Final        bool // Kind is the 部门决算
	Path         string
	Sub          store.Submission
	Exists       bool
	Clock        workflow.Clock
	NextActor    string
	Data         store.DataVersion
	Errors       []workflow.Finding
	Warnings     []explained
	Infos        int
	Returns      []store.ReturnReason
	Publications []store.Publication
	OtherUnits   bool            // the caller is limited to a unit and the data holds others: not shown
	Can          map[string]bool // actions the caller may take now
	Today        string
	Error        string
	Done         string
}

type explained struct {
	workflow.Finding
	Explanation string
	Unit        service.UnitNote // the unit's whose explanation it is, carried over by assembly; zero when none
}

func (s *Server) submissionPage(r *http.Request, c *caller) (*submissionPage, error) {
	id, year, err := pathSubmission(r)
	if err != nil {
		return nil, err
	}
	ctx, cancel := s.query(r)
	defer cancel()
	d, err := s.st.WorkDepartment(ctx, id)
	if err != nil {
		return nil, err
	}
	today := workflow.DateOf(s.opts.Now())
	kind := pathKind(r)
	p := &submissionPage{Dept: d, Year: year, Kind: kind, Final: kind == store.FinalAccounts, Path: flowPath(id, year, kind), Today: today.String(), Can: map[string]bool{}}
	sub, err := s.st.FindSubmission(ctx, id, year, kind)
	switch {
	case errors.Is(err, store.ErrNotFound):
		p.Sub.State = workflow.None
	case err != nil:
		return nil, err
	default:
		p.Sub, p.Exists = sub, true
		p.Clock = workflow.ClockOf(sub.Approved, sub.PublishedOn, today)
		if sub.DataVersion > 0 {
			if p.Data, err = s.st.SubmissionData(ctx, sub.ID, 0); err != nil {
				return nil, err
			}
			p.Data.Workbook = nil
		}
		if p.Returns, err = s.st.Returns(ctx, sub.ID); err != nil {
			return nil, err
		}
		if p.Publications, err = s.st.Publications(ctx, sub.ID); err != nil {
			return nil, err
		}
		if p.OtherUnits, err = s.flow().OtherUnits(ctx, c.Actor(), sub.ID); err != nil {
			return nil, err
		}
	}
	p.NextActor = workflow.NextActor(p.Sub.State)
	if p.OtherUnits {
		// The whole department's findings and returns are not the unit's.
		p.Data.Findings, p.Returns = nil, nil
	}
	notes, err := s.flow().UnitExplanations(ctx, id, year, kind, p.Data)
	if err != nil {
		return nil, err
	}
	for _, f := range p.Data.Findings {
		switch f.Severity {
		case workflow.Error:
			p.Errors = append(p.Errors, f)
		case workflow.Warning:
			p.Warnings = append(p.Warnings, explained{f, p.Data.Explanations[f.Key], notes[f.Key]})
		default:
			p.Infos++
		}
	}
	if c.User.Scope(d.RegionID, d.ID) {
		for _, a := range workflow.Allowed(p.Sub.State, c.User.Role) {
			p.Can[string(a)] = true
		}
	}
	return p, nil
}

// doneText says what a step did, after the redirect that follows it.
var doneText = map[string]string{
	"upload":    "数据已上传，校验和核对的结果见下方。",
	"validate":  "已通过校验。",
	"explain":   "警告说明已保存。",
	"submit":    "已报送财政局。",
	"return":    "已退回，并附退回理由。",
	"approve":   "已批复，公开时限开始计算。",
	"publish":   "已公开，公开门户已显示该文件。",
	"withdraw":  "已撤回。",
	"republish": "已重新公开为新的版本。",
	"assemble":  "已汇总各单位的数据，校验和核对的结果见下方。",
}

func (s *Server) showSubmission(w http.ResponseWriter, r *http.Request, c *caller) error {
	return s.renderSubmission(w, r, c, http.StatusOK, doneText[r.URL.Query().Get("done")], "")
}

// renderSubmission shows the submission's page with status, saying what a step
// did (done) or why it was refused (msg).
func (s *Server) renderSubmission(w http.ResponseWriter, r *http.Request, c *caller, status int, done, msg string) error {
	p, err := s.submissionPage(r, c)
	if err != nil {
		return err
	}
	p.Done, p.Error = done, msg
	return s.render(w, c, status, "flow_submission", fmt.Sprintf("%s %d年%s", p.Dept.Name, p.Year, p.Kind), "flow", p)
}

// refused answers a step the workflow refused (answerRefusal) on the
// submission's page.
func (s *Server) refused(w http.ResponseWriter, r *http.Request, c *caller, err error) error {
	return answerRefusal(err, func(status int, msg string) error { return s.renderSubmission(w, r, c, status, "", msg) })
}

// afterStep sends the caller back to the page of the submission the step was
// taken on (of the path's kind), saying what the step did.
func (s *Server) afterStep(w http.ResponseWriter, r *http.Request, a string) error {
	http.Redirect(w, r, fmt.Sprintf("/work/flow/%s/%s%s?done=%s", r.PathValue("dept"), r.PathValue("year"), kindSegment(pathKind(r)), a), http.StatusSeeOther)
	return nil
}

// uploadData takes an uploaded workbook (field "file") as the data of the
// path's kind.
func (s *Server) uploadData(w http.ResponseWriter, r *http.Request, c *caller) error {
	kind := pathKind(r)
	err := s.takeUpload(r, fmt.Sprintf("请选择要上传的%s数据文件（.xlsx 或 .yaml）", service.KindData(kind)), func(ctx context.Context, dept int64, year int, name string, data []byte) error {
		_, _, err := s.flow().UploadKind(ctx, c.Actor(), dept, year, kind, seenOf(r), name, data)
		return err
	})
	if err != nil {
		return s.refused(w, r, c, err)
	}
	return s.afterStep(w, r, "upload")
}

// takeUpload reads the file uploaded (field "file") to the submission of the
// path and hands it to put, the department's data or a unit's part: the same
// form, limit and messages for both. No file chosen is a refusal that says
// missing, so that the page shows it beside the form.
func (s *Server) takeUpload(r *http.Request, missing string, put func(ctx context.Context, dept int64, year int, name string, data []byte) error) error {
	dept, year, err := pathSubmission(r)
	if err != nil {
		return err
	}
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return &workflow.Refusal{Kind: workflow.ErrBlocked, Msg: missing}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, store.MaxWorkbookSize+1))
	if err != nil {
		return errInvalid("上传的文件未能完整读取，请重试")
	}
	ctx, cancel := s.query(r)
	defer cancel()
	return put(ctx, dept, year, hdr.Filename, data)
}

// flowStep runs one step of the department's submission of the path's year and kind.
func (s *Server) flowStep(a workflow.Action) handler {
	return func(w http.ResponseWriter, r *http.Request, c *caller) error {
		dept, year, err := pathSubmission(r)
		if err != nil {
			return err
		}
		// A publication renders the document in every format before its import.
		ctx, cancel := context.WithTimeout(r.Context(), max(s.opts.QueryTimeout, publishTimeout))
		defer cancel()
		sub, err := s.st.FindSubmission(ctx, dept, year, pathKind(r))
		if errors.Is(err, store.ErrNotFound) {
			_, err := workflow.Next(workflow.None, a, c.User.Role)
			return s.refused(w, r, c, err)
		}
		if err != nil {
			return err
		}
		svc, actor, seen := s.flow(), c.Actor(), seenOf(r)
		switch a {
		case workflow.Validate:
			_, err = svc.Validate(ctx, actor, sub.ID, seen)
		case workflow.Explain:
			texts := map[string]string{}
			for k, v := range r.PostForm {
				if key, ok := strings.CutPrefix(k, "explain."); ok && len(v) > 0 {
					texts[key] = v[0]
				}
			}
			_, err = svc.Explain(ctx, actor, sub.ID, seen, texts)
		case workflow.Submit:
			_, err = svc.Submit(ctx, actor, sub.ID, seen)
		case workflow.Return:
			reason := store.ReturnReason{Reason: r.PostFormValue("reason"), FindingKey: r.PostFormValue("finding"),
				Cell: strings.TrimSpace(r.PostFormValue("cell"))}
			var reasons []store.ReturnReason
			if strings.TrimSpace(reason.Reason) != "" {
				reasons = append(reasons, reason)
			}
			_, err = svc.Return(ctx, actor, sub.ID, seen, reasons)
		case workflow.Approve:
			_, err = svc.Approve(ctx, actor, sub.ID, seen, r.PostFormValue("date"))
		case workflow.Publish:
			_, _, err = svc.Publish(ctx, actor, sub.ID, seen)
		case workflow.Withdraw:
			_, err = svc.Withdraw(ctx, actor, sub.ID, seen, r.PostFormValue("reason"))
		case workflow.Republish:
			_, _, err = svc.Republish(ctx, actor, sub.ID, seen, r.PostFormValue("reason"))
		}
		if err != nil {
			return s.refused(w, r, c, err)
		}
		return s.afterStep(w, r, string(a))
	}
}

// bulkApprove approves every clean submission of the year with one 批复 date.
func (s *Server) bulkApprove(w http.ResponseWriter, r *http.Request, c *caller) error {
	return s.bulk(w, r, c, "批复", func(svc *service.Service, year int) ([]service.Outcome, error) {
		ctx, cancel := s.query(r)
		defer cancel()
		return svc.ApproveClean(ctx, c.Actor(), c.User.RegionID, year, r.PostFormValue("date"))
	})
}

// bulkPublish publishes every approved submission of the year.
func (s *Server) bulkPublish(w http.ResponseWriter, r *http.Request, c *caller) error {
	return s.bulk(w, r, c, "公开", func(svc *service.Service, year int) ([]service.Outcome, error) {
		ctx, cancel := context.WithTimeout(r.Context(), bulkPublishTimeout)
		defer cancel()
		return svc.PublishApproved(ctx, c.Actor(), c.User.RegionID, year)
	})
}

func (s *Server) bulk(w http.ResponseWriter, r *http.Request, c *caller, what string,
	run func(*service.Service, int) ([]service.Outcome, error)) error {
	year, err := strconv.Atoi(r.PostFormValue("year"))
	if err != nil || year < 1949 || year > 2200 {
		return errInvalid("年度不正确")
	}
	outcomes, runErr := run(s.flow(), year)
	r.Form.Set("year", strconv.Itoa(year))
	p, err := s.boardPage(r, c)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if runErr != nil {
		st, msg, _ := refusal(runErr)
		if st == 0 {
			return runErr
		}
		status, p.Error = st, msg
	}
	ok := 0
	for _, o := range outcomes {
		if o.Err == nil {
			ok++
			p.Outcomes = append(p.Outcomes, outcome{o.Submission.Department + " " + o.Submission.Kind, "已" + what, true})
			continue
		}
		msg := service.Message(o.Err)
		p.Outcomes = append(p.Outcomes, outcome{o.Submission.Department + " " + o.Submission.Kind, msg, false})
	}
	if runErr == nil {
		p.Done = fmt.Sprintf("%d 份报送已%s，%d 份未能%s。", ok, what, len(outcomes)-ok, what)
	}
	return s.render(w, c, status, "flow_board", "报送进度", "flow", p)
}
