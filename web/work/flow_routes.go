package work

import (
	"errors"
	"net/http"
	"strconv"

	"yusuan/account"
	"yusuan/store"
	"yusuan/workflow"
	"yusuan/workflow/service"
)

// flowRoutes are the pages and actions of the workflow: the dashboards, a
// department's submission of a year, one action per step, and the bulk
// actions (under /work/bulk/, apart from the departments' paths). Each action's
// roles are those the workflow lets take it in some state; the workflow then
// refuses a step the submission's state does not allow.
func (s *Server) flowRoutes() []route {
	step := func(a workflow.Action) route {
		return route{"POST /work/flow/{dept}/{year}/" + string(a), access{roles: workflow.RolesFor(a), scope: pathDepartment}, s.flowStep(a)}
	}
	return []route{
		{"GET /work/flow", anyone, s.showBoard},
		{"GET /work/flow/{dept}/{year}", access{scope: pathDepartment}, s.showSubmission},
		{"POST /work/flow/{dept}/{year}/upload", access{roles: workflow.RolesFor(workflow.Upload), scope: pathDepartment}, s.uploadData},
		step(workflow.Validate),
		step(workflow.Explain),
		step(workflow.Submit),
		step(workflow.Return),
		step(workflow.Approve),
		step(workflow.Publish),
		step(workflow.Withdraw),
		step(workflow.Republish),
		{"POST /work/bulk/approve", access{roles: workflow.RolesFor(workflow.Approve)}, s.bulkApprove},
		{"POST /work/bulk/publish", access{roles: workflow.RolesFor(workflow.Publish)}, s.bulkPublish},
	}
}

// maxUpload bounds the body of an upload: the largest workbook the store keeps
// and its form.
const maxUpload = store.MaxWorkbookSize + 1<<20

func (s *Server) flow() *service.Service {
	return &service.Service{Store: s.st, Now: s.opts.Now}
}

// pathSubmission reads the department and year a submission's path names.
func pathSubmission(r *http.Request) (dept int64, year int, err error) {
	if year, err = pathYear(r); err != nil {
		return 0, 0, err
	}
	dept, err = strconv.ParseInt(r.PathValue("dept"), 10, 64)
	if err != nil || dept <= 0 {
		return 0, 0, errInvalid("部门编号不正确")
	}
	return dept, year, nil
}

// pathYear reads the year of the path.
func pathYear(r *http.Request) (int, error) {
	y, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || y < 1949 || y > 2200 {
		return 0, errInvalid("年度不正确")
	}
	return y, nil
}

// refusal turns a refused step into what to answer: a role or scope refusal is
// an error page (403); any other refusal is shown on the page it came from, with
// 409 when someone else changed the submission and 422 otherwise.
func refusal(err error) (status int, msg string, page bool) {
	var r *workflow.Refusal
	switch {
	case errors.As(err, &r) && errors.Is(err, workflow.ErrForbidden):
		return http.StatusForbidden, r.Msg, false
	case errors.As(err, &r) && errors.Is(err, workflow.ErrConflict):
		return http.StatusConflict, r.Msg, true
	case errors.As(err, &r):
		return http.StatusUnprocessableEntity, r.Msg, true
	}
	return 0, "", false
}

// answerRefusal answers err as refusal sorts it: err itself when it is no
// refusal, an error page for a role or scope refusal, else show with the status
// and why, which renders again the page the step was taken on.
func answerRefusal(err error, show func(status int, msg string) error) error {
	status, msg, page := refusal(err)
	switch {
	case status == 0:
		return err
	case !page:
		return errForbidden(msg)
	}
	return show(status, msg)
}

// seenOf reads the state and revision a form was rendered with.
func seenOf(r *http.Request) service.Seen {
	rev, _ := strconv.Atoi(r.PostFormValue("revision"))
	return service.Seen{State: workflow.State(r.PostFormValue("state")), Revision: rev}
}

// regionWide reports whether role sees the region's dashboard rather than a department's.
func regionWide(role account.Role) bool { return !role.DepartmentScoped() }
