package work

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"yusuan/account"
	"yusuan/store"
	"yusuan/workflow"
	"yusuan/workflow/service"
)

// unitRoutes are the pages and actions of the units' parts of a department's
// data of each kind, under the kind's path: the page of every unit's state, a
// unit's upload, the explanation and the return of a part, and the reviewer's
// assembly.
func (s *Server) unitRoutes() []route {
	preparers := workflow.RolesFor(workflow.Upload)
	var out []route
	for _, kind := range flowKinds {
		base := "/work/flow/{dept}/{year}" + kindSegment(kind)
		out = append(out,
			route{"GET " + base + "/units", access{scope: pathDepartment}, withKind(kind, s.showUnits)},
			route{"POST " + base + "/units/upload", access{roles: preparers, scope: pathDepartment}, withKind(kind, s.uploadPart)},
			route{"POST " + base + "/units/{part}/explain", access{roles: preparers, scope: pathDepartment}, withKind(kind, s.partStep("explain"))},
			route{"POST " + base + "/units/{part}/return", access{roles: only(account.DeptReviewer), scope: pathDepartment}, withKind(kind, s.partStep("return"))},
			route{"POST " + base + "/assemble", access{roles: workflow.RolesFor(workflow.Assemble), scope: pathDepartment}, withKind(kind, s.assemble)})
	}
	return out
}

// unitsPage is a department's units of a year: each unit's state, findings and
// return, the forms the caller may use, and the assembly.
type unitsPage struct {
	Dept        *store.Department
	Year        int
	Kind        string
	Path        string           // the submission's page; the units' page is at Path/units
	Sub         store.Submission // the department's submission; State None when there is none
	Units       []unitRow
	Ready       int
	CanUpload   bool // the caller may upload a unit's part now
	CanReturn   bool
	CanAssemble bool               // the caller may assemble, and every unit is ready or missing
	Assembler   bool               // the caller is who assembles
	Missing     []service.UnitPart // the units expected that have not uploaded: assembled without them only when confirmed gone
	UnitLimit   string
	Error, Done string
}

type unitRow struct {
	service.UnitPart
	Data     store.DataVersion
	Errors   []workflow.Finding
	Warnings []explained
	Infos    int
}

func (s *Server) unitsPage(r *http.Request, c *caller) (*unitsPage, error) {
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
	kind := pathKind(r)
	p := &unitsPage{Dept: d, Year: year, Kind: kind, Path: flowPath(id, year, kind), UnitLimit: c.User.Unit}
	switch sub, err := s.st.FindSubmission(ctx, id, year, kind); {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return nil, err
	default:
		p.Sub = sub
	}
	units, err := s.flow().UnitParts(ctx, c.Actor(), id, year, kind)
	if err != nil {
		return nil, err
	}
	for _, u := range units {
		row := unitRow{UnitPart: u}
		if u.Part.Version > 0 {
			if row.Data, err = s.st.PartData(ctx, u.Part.ID, 0); err != nil {
				return nil, err
			}
			row.Data.Workbook, row.Data.Model = nil, nil
		}
		for _, f := range row.Data.Findings {
			switch f.Severity {
			case workflow.Error:
				row.Errors = append(row.Errors, f)
			case workflow.Warning:
				row.Warnings = append(row.Warnings, explained{Finding: f, Explanation: row.Data.Explanations[f.Key]})
			default:
				row.Infos++
			}
		}
		switch u.State {
		case workflow.PartReady:
			p.Ready++
		case workflow.PartMissing:
			p.Missing = append(p.Missing, u)
		}
		p.Units = append(p.Units, row)
	}
	role := c.User.Role
	_, upErr := workflow.Next(p.Sub.State, workflow.Upload, role)
	p.CanUpload = upErr == nil
	p.CanReturn = p.CanUpload && role == account.DeptReviewer
	_, asErr := workflow.Next(p.Sub.State, workflow.Assemble, role)
	p.Assembler = workflow.RolesFor(workflow.Assemble)[0] == role
	p.CanAssemble = asErr == nil && p.Ready > 0 && p.Ready+len(p.Missing) == len(p.Units)
	return p, nil
}

// unitsDone says what a step on the units' page did, after its redirect.
var unitsDone = map[string]string{
	"upload":   "单位的数据已上传，校验和核对的结果见下方。",
	"explain":  "警告说明已保存。",
	"return":   "已退回该单位，并附退回理由。",
	"assemble": "已汇总各单位的数据，作为报送的新数据版本。",
}

func (s *Server) showUnits(w http.ResponseWriter, r *http.Request, c *caller) error {
	return s.renderUnits(w, r, c, http.StatusOK, unitsDone[r.URL.Query().Get("done")], "")
}

// renderUnits shows the units' page with status, saying what a step did (done)
// or why it was refused (msg).
func (s *Server) renderUnits(w http.ResponseWriter, r *http.Request, c *caller, status int, done, msg string) error {
	p, err := s.unitsPage(r, c)
	if err != nil {
		return err
	}
	p.Done, p.Error = done, msg
	return s.render(w, c, status, "units", fmt.Sprintf("%s %d年%s · 各单位", p.Dept.Name, p.Year, p.Kind), "flow", p)
}

// unitsRefused answers a refused step (answerRefusal) on the units' page.
func (s *Server) unitsRefused(w http.ResponseWriter, r *http.Request, c *caller, err error) error {
	return answerRefusal(err, func(status int, msg string) error { return s.renderUnits(w, r, c, status, "", msg) })
}

func (s *Server) afterUnits(w http.ResponseWriter, r *http.Request, done string) error {
	http.Redirect(w, r, fmt.Sprintf("/work/flow/%s/%s%s/units?done=%s", r.PathValue("dept"), r.PathValue("year"), kindSegment(pathKind(r)), done), http.StatusSeeOther)
	return nil
}

// uploadPart takes a unit's workbook (field "file"; "unit" names the unit for
// an account of the whole department, empty for the workbook's one unit).
func (s *Server) uploadPart(w http.ResponseWriter, r *http.Request, c *caller) error {
	err := s.takeUpload(r, "请选择要上传的单位数据文件（.xlsx 或 .yaml）", func(ctx context.Context, dept int64, year int, name string, data []byte) error {
		_, _, err := s.flow().UploadPart(ctx, c.Actor(), dept, year, pathKind(r), r.PostFormValue("unit"), name, data)
		return err
	})
	if err != nil {
		return s.unitsRefused(w, r, c, err)
	}
	return s.afterUnits(w, r, "upload")
}

// partStep explains a part's warnings or returns it, on the version the form
// was rendered with.
func (s *Server) partStep(what string) handler {
	return func(w http.ResponseWriter, r *http.Request, c *caller) error {
		id, err := strconv.ParseInt(r.PathValue("part"), 10, 64)
		if err != nil || id <= 0 {
			return errInvalid("单位数据的编号不正确")
		}
		version, _ := strconv.Atoi(r.PostFormValue("version"))
		ctx, cancel := s.query(r)
		defer cancel()
		svc, actor := s.flow(), c.Actor()
		if what == "return" {
			_, err = svc.ReturnPart(ctx, actor, pathKind(r), id, version, r.PostFormValue("reason"))
		} else {
			texts := map[string]string{}
			for k, v := range r.PostForm {
				if key, ok := strings.CutPrefix(k, "explain."); ok && len(v) > 0 {
					texts[key] = v[0]
				}
			}
			_, err = svc.ExplainPart(ctx, actor, pathKind(r), id, version, texts)
		}
		if err != nil {
			return s.unitsRefused(w, r, c, err)
		}
		return s.afterUnits(w, r, what)
	}
}

// assemble merges the units' parts into the department's new data version and
// shows the submission's page.
func (s *Server) assemble(w http.ResponseWriter, r *http.Request, c *caller) error {
	dept, year, err := pathSubmission(r)
	if err != nil {
		return err
	}
	// Assembly writes, reads and checks the whole department's workbook.
	ctx, cancel := context.WithTimeout(r.Context(), max(s.opts.QueryTimeout, publishTimeout))
	defer cancel()
	if _, _, err := s.flow().Assemble(ctx, c.Actor(), dept, year, pathKind(r), seenOf(r), r.PostForm["gone"]); err != nil {
		return s.unitsRefused(w, r, c, err)
	}
	return s.afterStep(w, r, "assemble")
}
