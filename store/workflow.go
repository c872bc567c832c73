package store

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"yusuan/account"
	"yusuan/workflow"
)

// Submission is one department's 部门预算 or 部门决算 of one year on its way
// through the workflow. Nothing of it is public until it is published.
type Submission struct {
	ID, RegionID, DepartmentID int64
	Region, Department         string
	Year                       int
	Kind                       string
	State                      workflow.State
	Revision                   int // grows at every step; a step names the one it saw
	DataVersion                int // the current data version, from 1
	Errors, Warnings           int
	Unexplained                int // warnings of the current data without an explanation
	Approved, Deadline         workflow.Date
	PublishedOn                workflow.Date // first publication after the latest 批复
	Publications               int
	UpdatedAt                  time.Time
}

// Object names the submission in the audit log.
func (s Submission) Object() string {
	return fmt.Sprintf("submission %d: %s %d %s", s.ID, s.Department, s.Year, s.Kind)
}

// DataVersion is one upload of a submission's data.
type DataVersion struct {
	Number       int
	UploadedAt   time.Time
	Login        string
	FileName     string
	Workbook     []byte // the file as uploaded
	Model        []byte // the budget model as JSON; nil when the file could not be read
	Findings     []workflow.Finding
	Explanations map[string]string // warning's key → explanation
	Authors      map[string]string // warning's key → login of who wrote its explanation
}

// ReturnReason is one reason of a return, attached to a finding, a cell, or
// neither (the whole data).
type ReturnReason struct {
	ID          int64
	DataVersion int
	At          time.Time
	Login       string
	Reason      string
	FindingKey  string
	Cell        string
}

// Publication is one publication of a submission into the portal.
type Publication struct {
	Number         int
	DataVersion    int
	VersionID      int64 // the portal version
	At             time.Time
	Login          string
	Reason         string // of a republication
	WithdrawnAt    time.Time
	WithdrawReason string
}

// SubmissionKinds are the kinds of document the workflow prepares: the 部门预算
// and the 部门决算 (migration 009), not the 单位预算, which publication derives
// with its 部门预算.
var SubmissionKinds = []string{DepartmentBudget, FinalAccounts}

// SubmissionKind reports whether kind is one of SubmissionKinds.
func SubmissionKind(kind string) bool { return slices.Contains(SubmissionKinds, kind) }

// Bounds of the workflow's data.
const (
	MaxWorkbookSize = 64 << 20
	MaxFindings     = 10_000
)

// WorkDepartments returns the departments of a region by name, every one of
// them: the work area's list, where Departments lists only those with documents.
func (s *Store) WorkDepartments(ctx context.Context, region string) ([]Department, error) {
	var out []Department
	err := s.view(ctx, "work departments", func(tx *tx) (err error) {
		out, err = collect(ctx, tx, scanDepartment, departmentColumns+`WHERE r.name = ? ORDER BY d.name LIMIT ?`, region, MaxListLength)
		return err
	})
	return out, err
}

// WorkDepartment returns one department, with documents or not.
func (s *Store) WorkDepartment(ctx context.Context, id int64) (*Department, error) {
	var d Department
	err := s.view(ctx, "work department", func(tx *tx) error {
		var err error
		d, err = scanDepartment(tx.queryRow(ctx, departmentColumns+`WHERE d.id = ?`, id))
		if isNoRows(err) {
			return notFound("department", id)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return &d, nil
}

const submissionColumns = `s.id, s.region_id, s.department_id, r.name, d.name, s.year, s.kind, s.state,
	s.revision, s.data_version, s.errors, s.warnings, s.unexplained, s.approved_on, s.deadline,
	s.published_on, s.publications, s.updated_at`

const submissionFrom = ` FROM submissions s JOIN departments d ON d.id = s.department_id JOIN regions r ON r.id = s.region_id `

func scanSubmission(sc scanner) (Submission, error) {
	var s Submission
	var state, approved, deadline, published string
	var updated int64
	err := sc.Scan(&s.ID, &s.RegionID, &s.DepartmentID, &s.Region, &s.Department, &s.Year, &s.Kind, &state,
		&s.Revision, &s.DataVersion, &s.Errors, &s.Warnings, &s.Unexplained, &approved, &deadline,
		&published, &s.Publications, &updated)
	s.State = workflow.State(state)
	s.Approved, s.Deadline, s.PublishedOn = parseDay(approved), parseDay(deadline), parseDay(published)
	s.UpdatedAt = time.UnixMicro(updated).UTC()
	return s, err
}

// parseDay reads a date the store wrote; ” is the zero date.
func parseDay(s string) workflow.Date {
	d, _ := workflow.ParseDate(s)
	return d
}

// Submission returns one submission.
func (s *Store) Submission(ctx context.Context, id int64) (Submission, error) {
	var sub Submission
	err := s.view(ctx, "submission", func(tx *tx) (err error) {
		sub, err = getSubmission(ctx, tx, id)
		return err
	})
	return sub, err
}

// FindSubmission returns the submission of a department, year and kind, or
// ErrNotFound.
func (s *Store) FindSubmission(ctx context.Context, deptID int64, year int, kind string) (Submission, error) {
	var sub Submission
	err := s.view(ctx, "find submission", func(tx *tx) error {
		var err error
		sub, err = scanSubmission(tx.queryRow(ctx, `SELECT `+submissionColumns+submissionFrom+
			`WHERE s.department_id = ? AND s.year = ? AND s.kind = ?`, deptID, year, kind))
		if isNoRows(err) {
			return notFound("submission of department", deptID)
		}
		return err
	})
	return sub, err
}

func getSubmission(ctx context.Context, tx *tx, id int64) (Submission, error) {
	sub, err := scanSubmission(tx.queryRow(ctx, `SELECT `+submissionColumns+submissionFrom+`WHERE s.id = ?`, id))
	if isNoRows(err) {
		return sub, notFound("submission", id)
	}
	return sub, err
}

// SubmissionData returns a data version of a submission with its explanations;
// number 0 is the current one.
func (s *Store) SubmissionData(ctx context.Context, id int64, number int) (DataVersion, error) {
	var dv DataVersion
	err := s.view(ctx, "submission data", func(tx *tx) error {
		if number == 0 {
			if err := tx.queryRow(ctx, `SELECT data_version FROM submissions WHERE id = ?`, id).Scan(&number); err != nil {
				if isNoRows(err) {
					return notFound("submission", id)
				}
				return err
			}
		}
		var err error
		dv, err = getData(ctx, tx, id, number, true)
		return err
	})
	return dv, err
}

// getData reads a data version; the workbook only when whole says so.
func getData(ctx context.Context, tx *tx, id int64, number int, whole bool) (DataVersion, error) {
	dv := DataVersion{Number: number}
	var at int64
	var model *string
	var findings string
	wb := "workbook"
	if !whole {
		wb = "NULL"
	}
	var workbook []byte
	err := tx.queryRow(ctx, `SELECT uploaded_at, login, file_name, `+wb+`, model, findings
		FROM submission_data WHERE submission_id = ? AND number = ?`, id, number).
		Scan(&at, &dv.Login, &dv.FileName, &workbook, &model, &findings)
	if isNoRows(err) {
		return dv, notFound(fmt.Sprintf("data version %d of submission", number), id)
	}
	if err != nil {
		return dv, err
	}
	dv.UploadedAt, dv.Workbook = time.UnixMicro(at).UTC(), workbook
	if model != nil {
		dv.Model = []byte(*model)
	}
	if err := json.Unmarshal([]byte(findings), &dv.Findings); err != nil {
		return dv, fmt.Errorf("findings of submission %d version %d: %w", id, number, err)
	}
	dv.Explanations, dv.Authors, err = explanations(ctx, tx, id, number)
	return dv, err
}

func explanations(ctx context.Context, tx *tx, id int64, number int) (bodies, authors map[string]string, err error) {
	return explanationRows(ctx, tx, `SELECT finding_key, body, login FROM submission_explanations
		WHERE submission_id = ? AND data_version = ?`, id, number)
}

// explanationRows reads explanations (finding key, body, login) by query: each
// body and who wrote it, by the warning's key.
func explanationRows(ctx context.Context, tx *tx, query string, args ...any) (bodies, authors map[string]string, err error) {
	type row struct{ key, body, login string }
	rows, err := collect(ctx, tx, func(sc scanner) (row, error) {
		var x row
		err := sc.Scan(&x.key, &x.body, &x.login)
		return x, err
	}, query, args...)
	bodies, authors = map[string]string{}, map[string]string{}
	for _, x := range rows {
		bodies[x.key], authors[x.key] = x.body, x.login
	}
	return bodies, authors, err
}

// Returns lists every reason the submission was returned with, oldest first.
func (s *Store) Returns(ctx context.Context, id int64) ([]ReturnReason, error) {
	var out []ReturnReason
	err := s.view(ctx, "returns", func(tx *tx) (err error) {
		out, err = collect(ctx, tx, func(sc scanner) (ReturnReason, error) {
			var r ReturnReason
			var at int64
			err := sc.Scan(&r.ID, &r.DataVersion, &at, &r.Login, &r.Reason, &r.FindingKey, &r.Cell)
			r.At = time.UnixMicro(at).UTC()
			return r, err
		}, `SELECT id, data_version, at, login, reason, finding_key, cell FROM submission_returns
			WHERE submission_id = ? ORDER BY id LIMIT ?`, id, MaxListLength)
		return err
	})
	return out, err
}

// Publications lists the submission's publications, oldest first.
func (s *Store) Publications(ctx context.Context, id int64) ([]Publication, error) {
	var out []Publication
	err := s.view(ctx, "publications", func(tx *tx) (err error) {
		out, err = collect(ctx, tx, func(sc scanner) (Publication, error) {
			var p Publication
			var at, wat int64
			err := sc.Scan(&p.Number, &p.DataVersion, &p.VersionID, &at, &p.Login, &p.Reason, &wat, &p.WithdrawReason)
			p.At = time.UnixMicro(at).UTC()
			if wat != 0 {
				p.WithdrawnAt = time.UnixMicro(wat).UTC()
			}
			return p, err
		}, `SELECT number, data_version, version_id, at, login, reason, withdrawn_at, withdraw_reason
			FROM publications WHERE submission_id = ? ORDER BY number LIMIT ?`, id, MaxListLength)
		return err
	})
	return out, err
}

// Step is who takes an action on which submission, and what they saw of it.
type Step struct {
	Actor        account.Actor
	SubmissionID int64
	// Expect and Revision are the state and revision the actor saw; a step on a
	// submission that changed since is refused (workflow.ErrConflict). Zero values
	// check nothing.
	Expect   workflow.State
	Revision int
	// Detail goes into the audit entry after what the step itself records.
	Detail string
}

// transition applies one step in one transaction (see step).
func (s *Store) transition(ctx context.Context, st Step, action workflow.Action,
	apply func(tx *tx, sub *Submission, e *AuditEntry) error) (Submission, error) {
	var out Submission
	err := s.update(ctx, string(action), func(tx *tx) error {
		sub, err := getSubmission(ctx, tx, st.SubmissionID)
		if err != nil {
			return err
		}
		out, err = step(ctx, tx, st, action, sub, sub.State, apply)
		return err
	})
	return out, err
}

// step applies one step to sub, which is in state from, inside tx: it checks
// the actor's scope, the state and revision the actor saw and the workflow's
// rules, claims the submission's revision (so that of two steps at once one
// waits and then fails), runs apply, writes the submission's new state and
// appends the audit entry.
func step(ctx context.Context, tx *tx, st Step, action workflow.Action, sub Submission, from workflow.State,
	apply func(tx *tx, sub *Submission, e *AuditEntry) error) (Submission, error) {
	if err := checkStep(st, sub, from); err != nil {
		return sub, err
	}
	to, err := workflow.Next(from, action, st.Actor.User.Role)
	if err != nil {
		return sub, err
	}
	res, err := tx.exec(ctx, `UPDATE submissions SET revision = revision + 1 WHERE id = ? AND revision = ?`, sub.ID, sub.Revision)
	if err != nil {
		return sub, err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return sub, workflow.Conflict()
	}
	sub.Revision++
	sub.State = to
	e := NewAuditEntry(st.Actor, string(action))
	if err := apply(tx, &sub, &e); err != nil {
		return sub, err
	}
	if err := writeSubmission(ctx, tx, &sub); err != nil {
		return sub, err
	}
	return sub, auditStep(ctx, tx, sub, e, st.Detail)
}

// checkStep refuses an actor outside the submission's region or department, and
// a step on a submission that changed since the actor saw it.
func checkStep(st Step, sub Submission, from workflow.State) error {
	u := st.Actor.User
	if !u.Scope(sub.RegionID, sub.DepartmentID) {
		return &workflow.Refusal{Kind: workflow.ErrForbidden, Msg: "无权操作其他地区或其他部门的报送"}
	}
	if (st.Expect != "" && st.Expect != from) || (st.Revision != 0 && st.Revision != sub.Revision) {
		return workflow.Conflict()
	}
	return nil
}

func writeSubmission(ctx context.Context, tx *tx, sub *Submission) error {
	sub.UpdatedAt = time.Now().UTC().Truncate(time.Microsecond)
	_, err := tx.exec(ctx, `UPDATE submissions SET state = ?, data_version = ?, errors = ?, warnings = ?,
		unexplained = ?, approved_on = ?, deadline = ?, published_on = ?, publications = ?, updated_at = ?
		WHERE id = ?`, string(sub.State), sub.DataVersion, sub.Errors, sub.Warnings, sub.Unexplained,
		sub.Approved.String(), sub.Deadline.String(), sub.PublishedOn.String(), sub.Publications,
		sub.UpdatedAt.UnixMicro(), sub.ID)
	return err
}

// auditStep appends e, recorded against the submission's region and department
// so that a department's log shows what the bureau did to it.
func auditStep(ctx context.Context, tx *tx, sub Submission, e AuditEntry, detail string) error {
	e.RegionID, e.DepartmentID = sub.RegionID, sub.DepartmentID
	e.Object = sub.Object()
	if e.Version == 0 {
		e.Version = sub.DataVersion
	}
	if detail != "" {
		if e.Detail != "" {
			e.Detail += "；"
		}
		e.Detail += detail
	}
	e.Detail = strings.TrimSpace(e.Detail + " → " + sub.State.Label())
	_, err := tx.appendAudit(ctx, e)
	return err
}

// Upload is one uploaded file and what reading, validating and checking it found.
type Upload struct {
	FileName string
	Workbook []byte
	Model    []byte // budget model JSON; nil when unreadable
	Findings []workflow.Finding
	// Validate asks to validate the upload in the same transaction when it has
	// no errors, as a second step of the audit log.
	Validate bool
	// UnitTexts are, for assembled data, the explanations the units wrote of
	// their parts' warnings by the warning's key, and UnitAuthors who wrote
	// each: they carry over as the previous version's do (workflow.Carry), to
	// the warnings that version did not explain or whose explanation the same
	// person wrote (carried from the unit before).
	UnitTexts, UnitAuthors map[string]string
}

// UploadData adds a data version to a department's submission of year and kind,
// starting the submission when there is none, and validates it when asked and
// it has no errors: one transaction, one or two steps of the audit log. The
// explanations of the previous version that still apply (same warning) carry
// over. st.SubmissionID is ignored: the department, year and kind find it.
func (s *Store) UploadData(ctx context.Context, st Step, deptID int64, year int, kind string, up Upload) (Submission, error) {
	return s.uploadData(ctx, st, workflow.Upload, deptID, year, kind, up, nil)
}

// uploadData adds a data version by action (Upload or Assemble); also, when
// given, runs in the same transaction once the version is written.
func (s *Store) uploadData(ctx context.Context, st Step, action workflow.Action, deptID int64, year int, kind string, up Upload,
	also func(tx *tx, sub *Submission, e *AuditEntry) error) (Submission, error) {
	if len(up.Workbook) > MaxWorkbookSize {
		return Submission{}, invalid("upload: %d MB, at most %d MB", len(up.Workbook)>>20, MaxWorkbookSize>>20)
	}
	if !SubmissionKind(kind) || year < 1949 || year > 2200 {
		return Submission{}, invalid("submission: kind %q, year %d", kind, year)
	}
	if len(up.Findings) > MaxFindings {
		up.Findings = up.Findings[:MaxFindings]
	}
	findings, err := json.Marshal(nonNil(up.Findings))
	if err != nil {
		return Submission{}, err
	}
	var model any
	if up.Model != nil {
		model = string(up.Model)
	}
	counts := workflow.Count(up.Findings)
	login := st.Actor.User.Login
	var out Submission
	err = s.update(ctx, "upload", func(t *tx) error {
		sub, from, err := findOrStart(ctx, t, deptID, year, kind)
		if err != nil {
			return err
		}
		sub, err = step(ctx, t, st, action, sub, from, func(tx *tx, sub *Submission, e *AuditEntry) error {
			var old, oldAuthors map[string]string
			if sub.DataVersion > 0 {
				var err error
				if old, oldAuthors, err = explanations(ctx, tx, sub.ID, sub.DataVersion); err != nil {
					return err
				}
			}
			sub.DataVersion++
			if _, err := tx.exec(ctx, `INSERT INTO submission_data (submission_id, number, uploaded_at, login, file_name,
					workbook, model, findings, errors, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				sub.ID, sub.DataVersion, time.Now().UnixMicro(), login, clean(up.FileName), up.Workbook,
				model, string(findings), counts.Errors, counts.Warnings); err != nil {
				return err
			}
			kept, authors := workflow.Carry(up.Findings, old), map[string]string{}
			for k, v := range workflow.Carry(up.Findings, up.UnitTexts) {
				if _, ok := kept[k]; !ok || oldAuthors[k] == up.UnitAuthors[k] {
					kept[k], authors[k] = v, up.UnitAuthors[k]
				}
			}
			for k, v := range kept {
				if err := putExplanation(ctx, tx, sub.ID, sub.DataVersion, k, v, cmp.Or(authors[k], login)); err != nil {
					return err
				}
			}
			sub.Errors, sub.Warnings = counts.Errors, counts.Warnings
			sub.Unexplained = workflow.Unexplained(up.Findings, kept)
			e.Version = sub.DataVersion
			e.Detail = fmt.Sprintf("%s：%d 处错误，%d 条警告", clean(up.FileName), counts.Errors, counts.Warnings)
			if len(kept) > 0 {
				e.Detail += fmt.Sprintf("，沿用 %d 条说明", len(kept))
			}
			if len(authors) > 0 {
				e.Detail += fmt.Sprintf("（其中单位说明 %d 条）", len(authors))
			}
			if also != nil {
				return also(tx, sub, e)
			}
			return nil
		})
		if err == nil && up.Validate && counts.Errors == 0 {
			next := Step{Actor: st.Actor, SubmissionID: sub.ID}
			sub, err = step(ctx, t, next, workflow.Validate, sub, sub.State, func(*tx, *Submission, *AuditEntry) error { return nil })
		}
		out = sub
		return err
	})
	return out, err
}

// findOrStart finds the submission of a department, year and kind, or writes a
// new one, which is in the state None until its first upload's step.
func findOrStart(ctx context.Context, tx *tx, deptID int64, year int, kind string) (Submission, workflow.State, error) {
	sub, err := scanSubmission(tx.queryRow(ctx, `SELECT `+submissionColumns+submissionFrom+
		`WHERE s.department_id = ? AND s.year = ? AND s.kind = ?`, deptID, year, kind))
	if err == nil {
		return sub, sub.State, nil
	}
	if !isNoRows(err) {
		return sub, "", err
	}
	var regionID int64
	if err := tx.queryRow(ctx, `SELECT region_id FROM departments WHERE id = ?`, deptID).Scan(&regionID); err != nil {
		if isNoRows(err) {
			return sub, "", notFound("department", deptID)
		}
		return sub, "", err
	}
	// Two first uploads at once: the second waits for the first's row (PostgreSQL)
	// and then finds it, so that its upload becomes the next version.
	var id int64
	err = tx.queryRow(ctx, `INSERT INTO submissions (region_id, department_id, year, kind, state, updated_at)
		VALUES (?, ?, ?, ?, 'draft', ?) ON CONFLICT (department_id, year, kind) DO NOTHING RETURNING id`,
		regionID, deptID, year, kind, time.Now().UnixMicro()).Scan(&id)
	if isNoRows(err) {
		sub, err = scanSubmission(tx.queryRow(ctx, `SELECT `+submissionColumns+submissionFrom+
			`WHERE s.department_id = ? AND s.year = ? AND s.kind = ?`, deptID, year, kind))
		return sub, sub.State, err
	}
	if err != nil {
		return sub, "", err
	}
	sub, err = getSubmission(ctx, tx, id)
	return sub, workflow.None, err
}

func nonNil(fs []workflow.Finding) []workflow.Finding {
	if fs == nil {
		return []workflow.Finding{}
	}
	return fs
}

func putExplanation(ctx context.Context, tx *tx, id int64, version int, key, body, login string) error {
	_, err := tx.exec(ctx, `INSERT INTO submission_explanations (submission_id, data_version, finding_key, body, login, at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (submission_id, data_version, finding_key) DO UPDATE SET body = excluded.body, login = excluded.login, at = excluded.at`,
		id, version, key, clean(body), login, time.Now().UnixMicro())
	return err
}

// explain applies texts (finding key → explanation; an empty one removes it) to
// the explanations current of the warnings among findings, with put and del
// writing them, and returns the audit detail. A text that is unchanged stays
// whoever wrote it; a key that is not a warning of this data is refused with stale.
func explain(findings []workflow.Finding, current, texts map[string]string, stale string,
	put func(key, text string) error, del func(key string) error) (string, error) {
	warnings := map[string]workflow.Finding{}
	for _, f := range findings {
		if f.Severity == workflow.Warning {
			warnings[f.Key] = f
		}
	}
	var done []string
	for _, k := range slices.Sorted(maps.Keys(texts)) {
		f, ok := warnings[k]
		if !ok {
			return "", &workflow.Refusal{Kind: workflow.ErrBlocked, Msg: stale}
		}
		v := strings.TrimSpace(texts[k])
		switch {
		case v == current[k]:
			continue
		case v == "":
			if err := del(k); err != nil {
				return "", err
			}
			delete(current, k)
			done = append(done, "删除说明 "+f.Rule+" "+f.Place)
			continue
		}
		if err := workflow.CheckText("说明", v, workflow.MaxExplanation); err != nil {
			return "", err
		}
		if err := put(k, v); err != nil {
			return "", err
		}
		current[k] = v
		done = append(done, fmt.Sprintf("说明 %s %s：%s", f.Rule, f.Place, v))
	}
	return strings.Join(done, "；"), nil
}

// Validate moves a draft without errors to validated.
func (s *Store) Validate(ctx context.Context, st Step) (Submission, error) {
	return s.transition(ctx, st, workflow.Validate, func(tx *tx, sub *Submission, e *AuditEntry) error {
		dv, err := getData(ctx, tx, sub.ID, sub.DataVersion, false)
		if err != nil {
			return err
		}
		return workflow.CanValidate(dv.Findings)
	})
}

// Explain writes explanations of warnings of the current data version (by
// finding key); an empty text removes one. Keys that are not warnings of the
// version are refused.
func (s *Store) Explain(ctx context.Context, st Step, texts map[string]string) (Submission, error) {
	return s.transition(ctx, st, workflow.Explain, func(tx *tx, sub *Submission, e *AuditEntry) error {
		dv, err := getData(ctx, tx, sub.ID, sub.DataVersion, false)
		if err != nil {
			return err
		}
		detail, err := explain(dv.Findings, dv.Explanations, texts, "要说明的警告不在当前版本的数据中，请刷新页面",
			func(k, v string) error {
				return putExplanation(ctx, tx, sub.ID, sub.DataVersion, k, v, st.Actor.User.Login)
			},
			func(k string) error {
				_, err := tx.exec(ctx, `DELETE FROM submission_explanations WHERE submission_id = ? AND data_version = ? AND finding_key = ?`,
					sub.ID, sub.DataVersion, k)
				return err
			})
		if err != nil {
			return err
		}
		sub.Unexplained = workflow.Unexplained(dv.Findings, dv.Explanations)
		e.Detail = detail
		return nil
	})
}

// Submit sends validated data without errors, every warning explained, to the bureau.
func (s *Store) Submit(ctx context.Context, st Step) (Submission, error) {
	return s.transition(ctx, st, workflow.Submit, func(tx *tx, sub *Submission, e *AuditEntry) error {
		dv, err := getData(ctx, tx, sub.ID, sub.DataVersion, false)
		if err != nil {
			return err
		}
		return workflow.CanSubmit(dv.Findings, dv.Explanations)
	})
}

// Return sends the submission back with reasons, each attached to a finding of
// the current data, a cell, or the whole data.
func (s *Store) Return(ctx context.Context, st Step, reasons []ReturnReason) (Submission, error) {
	if len(reasons) == 0 {
		return Submission{}, &workflow.Refusal{Kind: workflow.ErrBlocked, Msg: "退回须填写理由"}
	}
	if len(reasons) > workflow.MaxReasons {
		return Submission{}, &workflow.Refusal{Kind: workflow.ErrBlocked, Msg: fmt.Sprintf("一次退回最多 %d 条理由", workflow.MaxReasons)}
	}
	for _, r := range reasons {
		if err := workflow.CheckText("退回理由", r.Reason, workflow.MaxReason); err != nil {
			return Submission{}, err
		}
	}
	return s.transition(ctx, st, workflow.Return, func(tx *tx, sub *Submission, e *AuditEntry) error {
		var texts []string
		for _, r := range reasons {
			if _, err := tx.exec(ctx, `INSERT INTO submission_returns (submission_id, data_version, at, login, reason, finding_key, cell)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, sub.ID, sub.DataVersion, time.Now().UnixMicro(), st.Actor.User.Login,
				clean(strings.TrimSpace(r.Reason)), truncate(clean(r.FindingKey), 64), truncate(clean(r.Cell), 200)); err != nil {
				return err
			}
			t := strings.TrimSpace(r.Reason)
			if r.Cell != "" {
				t = r.Cell + "：" + t
			}
			texts = append(texts, t)
		}
		// A return after approval takes the approval back: the clock stops.
		sub.Approved, sub.Deadline = workflow.Date{}, workflow.Date{}
		e.Detail = "退回理由：" + strings.Join(texts, "；")
		return nil
	})
}

// Approve records the 批复 on date approved (not after today), which starts the
// 20-day clock.
func (s *Store) Approve(ctx context.Context, st Step, approved, today workflow.Date) (Submission, error) {
	if err := workflow.CheckApproval(approved, today); err != nil {
		return Submission{}, err
	}
	return s.transition(ctx, st, workflow.Approve, func(tx *tx, sub *Submission, e *AuditEntry) error {
		sub.Approved, sub.Deadline, sub.PublishedOn = approved, workflow.Deadline(approved), workflow.Date{}
		e.Detail = "批复日期 " + approved.Chinese() + "，公开截止 " + sub.Deadline.Chinese()
		return nil
	})
}

// Explained is a warning of a published document with its explanation.
type Explained struct {
	Rule, Place, Message, Explanation string
}

// Publish imports doc into the portal as the submission's published document,
// with the explanations of its warnings, and records the publication, all in one
// transaction. today is the publication day, for the clock.
func (s *Store) Publish(ctx context.Context, st Step, doc ImportDoc, explained []Explained, today workflow.Date) (Submission, Imported, error) {
	return s.publish(ctx, st, workflow.Publish, doc, explained, today, "")
}

// Republish publishes a withdrawn submission again as a new portal version, with
// the reason of the republication.
func (s *Store) Republish(ctx context.Context, st Step, doc ImportDoc, explained []Explained, today workflow.Date, reason string) (Submission, Imported, error) {
	if err := workflow.CheckText("重新公开的理由", reason, workflow.MaxReason); err != nil {
		return Submission{}, Imported{}, err
	}
	return s.publish(ctx, st, workflow.Republish, doc, explained, today, strings.TrimSpace(reason))
}

func (s *Store) publish(ctx context.Context, st Step, action workflow.Action, doc ImportDoc, explained []Explained,
	today workflow.Date, reason string) (Submission, Imported, error) {
	p, err := prepare(doc)
	if err != nil {
		return Submission{}, Imported{}, err
	}
	var im Imported
	at := time.Now().UTC().Truncate(time.Microsecond)
	sub, err := s.transition(ctx, st, action, func(tx *tx, sub *Submission, e *AuditEntry) error {
		if p.region != sub.Region || p.department != sub.Department || p.year != sub.Year || p.kind != sub.Kind {
			return invalid("publish: document of %s %s %d %s for submission %d of %s %s %d %s",
				p.region, p.department, p.year, p.kind, sub.ID, sub.Region, sub.Department, sub.Year, sub.Kind)
		}
		var err error
		if im, err = importDoc(ctx, tx, p, false, at); err != nil {
			return err
		}
		if err := indexDepartments(ctx, tx, []int64{im.DepartmentID}); err != nil {
			return err
		}
		for i, x := range explained {
			if _, err := tx.exec(ctx, `INSERT INTO published_explanations (version_id, seq, rule, place, message, body)
				VALUES (?, ?, ?, ?, ?, ?)`, im.VersionID, i+1, clean(x.Rule), clean(x.Place), clean(x.Message), clean(x.Explanation)); err != nil {
				return err
			}
		}
		sub.Publications++
		if _, err := tx.exec(ctx, `INSERT INTO publications (submission_id, number, data_version, version_id, at, login, reason)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, sub.ID, sub.Publications, sub.DataVersion, im.VersionID, at.UnixMicro(),
			st.Actor.User.Login, clean(reason)); err != nil {
			return err
		}
		if sub.PublishedOn.IsZero() {
			sub.PublishedOn = today
		}
		e.Detail = fmt.Sprintf("公开版本 %d（门户文件版本 %d）", sub.Publications, im.Number)
		if reason != "" {
			e.Detail += "，理由：" + reason
		}
		if c := workflow.ClockOf(sub.Approved, sub.PublishedOn, today); c.Late {
			e.Detail += "，" + c.Text()
		}
		return nil
	})
	if err == nil {
		s.imports.Add(1)
		s.analyze(ctx)
	}
	return sub, im, err
}

// Withdraw records the withdrawal of the published document for correction,
// with its reason. The portal keeps the published version, as a published
// disclosure stays on the record; the correction is published as a new version.
func (s *Store) Withdraw(ctx context.Context, st Step, reason string) (Submission, error) {
	if err := workflow.CheckText("撤回理由", reason, workflow.MaxReason); err != nil {
		return Submission{}, err
	}
	reason = strings.TrimSpace(reason)
	return s.transition(ctx, st, workflow.Withdraw, func(tx *tx, sub *Submission, e *AuditEntry) error {
		if _, err := tx.exec(ctx, `UPDATE publications SET withdrawn_at = ?, withdraw_reason = ? WHERE submission_id = ? AND number = ?`,
			time.Now().UnixMicro(), clean(reason), sub.ID, sub.Publications); err != nil {
			return err
		}
		e.Detail = "撤回理由：" + reason
		return nil
	})
}

// PublishedExplanations returns the explanations published with a portal
// version, in order: the portal shows them with the document.
func (s *Store) PublishedExplanations(ctx context.Context, versionID int64) ([]Explained, error) {
	var out []Explained
	err := s.view(ctx, "published explanations", func(tx *tx) (err error) {
		out, err = collect(ctx, tx, func(sc scanner) (Explained, error) {
			var x Explained
			err := sc.Scan(&x.Rule, &x.Place, &x.Message, &x.Explanation)
			return x, err
		}, `SELECT rule, place, message, body FROM published_explanations WHERE version_id = ? ORDER BY seq LIMIT ?`,
			versionID, MaxListLength)
		return err
	})
	return out, err
}

// BoardRow is one department on the bureau's dashboard: its submission of the
// year, or none yet (State None, SubmissionID 0).
type BoardRow struct {
	DepartmentID int64
	Department   string
	Submission
}

// RegionBoard lists every department of a region with its submission of year
// and kind, by department name. Departments without a submission are listed
// too: they have not started.
func (s *Store) RegionBoard(ctx context.Context, regionID int64, year int, kind string) ([]BoardRow, error) {
	var out []BoardRow
	err := s.view(ctx, "region board", func(tx *tx) error {
		rows, err := tx.query(ctx, `SELECT d.id, d.name, COALESCE(s.id, 0) FROM departments d
			LEFT JOIN submissions s ON s.department_id = d.id AND s.year = ? AND s.kind = ?
			WHERE d.region_id = ? ORDER BY d.name LIMIT ?`, year, kind, regionID, MaxListLength)
		if err != nil {
			return err
		}
		for rows.Next() {
			var r BoardRow
			if err := rows.Scan(&r.DepartmentID, &r.Department, &r.ID); err != nil {
				rows.Close()
				return err
			}
			out = append(out, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		subs, err := collect(ctx, tx, scanSubmission, `SELECT `+submissionColumns+submissionFrom+
			`WHERE s.region_id = ? AND s.year = ? AND s.kind = ?`, regionID, year, kind)
		if err != nil {
			return err
		}
		byID := map[int64]Submission{}
		for _, sub := range subs {
			byID[sub.ID] = sub
		}
		for i := range out {
			if sub, ok := byID[out[i].ID]; ok {
				out[i].Submission = sub
			}
		}
		return nil
	})
	return out, err
}

// DepartmentSubmissions lists a department's submissions, newest year first.
func (s *Store) DepartmentSubmissions(ctx context.Context, deptID int64) ([]Submission, error) {
	var out []Submission
	err := s.view(ctx, "department submissions", func(tx *tx) (err error) {
		out, err = collect(ctx, tx, scanSubmission, `SELECT `+submissionColumns+submissionFrom+
			`WHERE s.department_id = ? ORDER BY s.year DESC, s.kind LIMIT ?`, deptID, MaxListLength)
		return err
	})
	return out, err
}

// SubmissionsIn lists the submissions of a region and year in a state, for bulk
// actions.
func (s *Store) SubmissionsIn(ctx context.Context, regionID int64, year int, state workflow.State) ([]Submission, error) {
	var out []Submission
	err := s.view(ctx, "submissions in state", func(tx *tx) (err error) {
		out, err = collect(ctx, tx, scanSubmission, `SELECT `+submissionColumns+submissionFrom+
			`WHERE s.region_id = ? AND s.year = ? AND s.state = ? ORDER BY d.name LIMIT ?`, regionID, year, string(state), MaxListLength)
		return err
	})
	return out, err
}
