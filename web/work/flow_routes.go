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
// department's submission of a year and kind, one action per step, and the
// bulk actions (under /work/bulk/, apart from the departments' paths), and
// the browser editor of the submission's current data (edit). Each
// kind of submission has the same pages under its own path (kindSegment), its
// handlers reading the kind from the request (pathKind). Each action's roles
// are those the workflow lets take it in some state; the workflow then refuses
// a step the submission's state does not allow.
func (s *Server) flowRoutes() []route {
	out := []route{{"GET /work/flow", anyone, s.showBoard}}
	for _, kind := range flowKinds {
		base := "/work/flow/{dept}/{year}" + kindSegment(kind)
		step := func(a workflow.Action, h handler) route {
			return route{"POST " + base + "/" + string(a), access{roles: workflow.RolesFor(a), scope: pathDepartment}, withKind(kind, h)}
		}
		out = append(out,
			route{"GET " + base, access{scope: pathDepartment}, withKind(kind, s.showSubmission)},
			step(workflow.Upload, s.uploadData),
			route{"GET " + base + "/edit", editAccess, withKind(kind, s.showEdit)},
			route{"POST " + base + "/edit", editAccess, withKind(kind, s.saveEdit)})
		for _, a := range []workflow.Action{workflow.Validate, workflow.Explain, workflow.Submit, workflow.Return,
			workflow.Approve, workflow.Publish, workflow.Withdraw, workflow.Republish} {
			out = append(out, step(a, s.flowStep(a)))
		}
	}
	return append(out,
		route{"POST /work/bulk/approve", access{roles: workflow.RolesFor(workflow.Approve)}, s.bulkApprove},
		route{"POST /work/bulk/publish", access{roles: workflow.RolesFor(workflow.Publish)}, s.bulkPublish})
}

// flowKinds are the kinds of submission the work area prepares and publishes:
// the workflow's.
var flowKinds = store.SubmissionKinds

// kindSegment is what follows the year in the paths of a submission of kind:
// nothing for the 部门预算, whose paths were there before any other kind, and
// /final for the 部门决算, as the portal's /departments/{id}/final/{year}.
func kindSegment(kind string) string {
	if kind == store.FinalAccounts {
		return "/final"
	}
	return ""
}

// flowPath is the path of a department's submission of year and kind.
func flowPath(dept int64, year int, kind string) string {
	return "/work/flow/" + formatID(dept) + "/" + strconv.Itoa(year) + kindSegment(kind)
}

// withKind serves h with kind as the request's, for pathKind.
func withKind(kind string, h handler) handler {
	return func(w http.ResponseWriter, r *http.Request, c *caller) error {
		r.SetPathValue("kind", kind)
		return h(w, r, c)
	}
}

// pathKind is the kind of submission the request's path names: the 部门预算
// unless the route says otherwise (withKind).
func pathKind(r *http.Request) string {
	if k := r.PathValue("kind"); k != "" {
		return k
	}
	return store.DepartmentBudget
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
