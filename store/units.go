package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"yusuan/account"
	"yusuan/workflow"
)

// Part is one budget unit's part of a department's data of a year: the unit's
// own workbook, uploaded by its preparer, which the department's reviewer
// assembles with the other units' into the department's submission.
type Part struct {
	ID, RegionID, DepartmentID int64
	Department                 string
	Year                       int
	Kind                       string
	UnitCode, UnitName         string
	Classified                 bool
	Version                    int // the current data version, from 1
	Errors, Warnings           int
	Unexplained                int
	Returned                   string // the reviewer's reason while the current version is returned
	Assembled                  int    // the submission data version the current version went into; 0 when none
	UpdatedAt                  time.Time
}

// State is where the part stands: 有错误, 待说明, 已退回 or 已就绪.
func (p Part) State() workflow.PartState {
	return workflow.PartStateOf(p.Version > 0, workflow.Counts{Errors: p.Errors}, p.Unexplained, p.Returned != "")
}

// Object names the part in the audit log; a 涉密 unit by its code only.
func (p Part) Object() string {
	name := p.UnitName
	if p.Classified {
		name = "涉密单位"
	}
	return fmt.Sprintf("unit part %d: %s %d %s, unit %s %s", p.ID, p.Department, p.Year, p.Kind, p.UnitCode, name)
}

const partColumns = `p.id, p.region_id, p.department_id, d.name, p.year, p.kind, p.unit_code, p.unit_name,
	p.classified, p.version, p.errors, p.warnings, p.unexplained, p.returned, p.assembled, p.updated_at
	FROM unit_parts p JOIN departments d ON d.id = p.department_id `

func scanPart(sc scanner) (Part, error) {
	var p Part
	var updated int64
	err := sc.Scan(&p.ID, &p.RegionID, &p.DepartmentID, &p.Department, &p.Year, &p.Kind, &p.UnitCode, &p.UnitName,
		&p.Classified, &p.Version, &p.Errors, &p.Warnings, &p.Unexplained, &p.Returned, &p.Assembled, &updated)
	p.UpdatedAt = time.UnixMicro(updated).UTC()
	return p, err
}

// Parts lists the units' parts of a department's data of year and kind, by unit code.
func (s *Store) Parts(ctx context.Context, deptID int64, year int, kind string) ([]Part, error) {
	var out []Part
	err := s.view(ctx, "parts", func(tx *tx) (err error) {
		out, err = collect(ctx, tx, scanPart, `SELECT `+partColumns+
			`WHERE p.department_id = ? AND p.year = ? AND p.kind = ? ORDER BY p.unit_code LIMIT ?`, deptID, year, kind, MaxListLength)
		return err
	})
	return out, err
}

// PartCounts counts, for each department of a region with parts of year and
// kind, its parts and how many of them are ready: the bureau's view of assembly.
func (s *Store) PartCounts(ctx context.Context, regionID int64, year int, kind string) (map[int64][2]int, error) {
	out := map[int64][2]int{}
	err := s.view(ctx, "part counts", func(tx *tx) error {
		parts, err := collect(ctx, tx, scanPart, `SELECT `+partColumns+
			`WHERE p.region_id = ? AND p.year = ? AND p.kind = ? LIMIT ?`, regionID, year, kind, MaxListLength*10)
		for _, p := range parts {
			c := out[p.DepartmentID]
			c[0]++
			if p.State() == workflow.PartReady {
				c[1]++
			}
			out[p.DepartmentID] = c
		}
		return err
	})
	return out, err
}

// PartOf returns one part.
func (s *Store) PartOf(ctx context.Context, id int64) (Part, error) {
	var p Part
	err := s.view(ctx, "part", func(tx *tx) (err error) {
		p, err = getPart(ctx, tx, id)
		return err
	})
	return p, err
}

func getPart(ctx context.Context, tx *tx, id int64) (Part, error) {
	p, err := scanPart(tx.queryRow(ctx, `SELECT `+partColumns+`WHERE p.id = ?`, id))
	if isNoRows(err) {
		return p, notFound("unit part", id)
	}
	return p, err
}

// PartData returns a version of a part with its explanations; number 0 is the
// current one.
func (s *Store) PartData(ctx context.Context, id int64, number int) (DataVersion, error) {
	var dv DataVersion
	err := s.view(ctx, "part data", func(tx *tx) error {
		p, err := getPart(ctx, tx, id)
		if err != nil {
			return err
		}
		if number == 0 {
			number = p.Version
		}
		dv, err = getPartData(ctx, tx, id, number)
		return err
	})
	return dv, err
}

func getPartData(ctx context.Context, tx *tx, id int64, number int) (DataVersion, error) {
	dv := DataVersion{Number: number}
	var at int64
	var model, findings string
	err := tx.queryRow(ctx, `SELECT uploaded_at, login, file_name, workbook, model, findings
		FROM unit_part_data WHERE part_id = ? AND number = ?`, id, number).
		Scan(&at, &dv.Login, &dv.FileName, &dv.Workbook, &model, &findings)
	if isNoRows(err) {
		return dv, notFound(fmt.Sprintf("data version %d of unit part", number), id)
	}
	if err != nil {
		return dv, err
	}
	dv.UploadedAt, dv.Model = time.UnixMicro(at).UTC(), []byte(model)
	if err := json.Unmarshal([]byte(findings), &dv.Findings); err != nil {
		return dv, fmt.Errorf("findings of unit part %d version %d: %w", id, number, err)
	}
	dv.Explanations, dv.Authors, err = partExplanations(ctx, tx, id, number)
	return dv, err
}

// PartExplanations returns the explanations of a version of a part and who
// wrote each, by the warning's key, without the version's data.
func (s *Store) PartExplanations(ctx context.Context, id int64, number int) (bodies, authors map[string]string, err error) {
	err = s.view(ctx, "part explanations", func(tx *tx) (err error) {
		bodies, authors, err = partExplanations(ctx, tx, id, number)
		return err
	})
	return bodies, authors, err
}

func partExplanations(ctx context.Context, tx *tx, id int64, number int) (bodies, authors map[string]string, err error) {
	return explanationRows(ctx, tx, `SELECT finding_key, body, login FROM unit_part_explanations
		WHERE part_id = ? AND number = ?`, id, number)
}

// PartUpload is one uploaded workbook of a unit and what reading, validating
// and checking it found. A part's model is always there: a file that could not
// be read names no unit and is refused before it reaches the store.
type PartUpload struct {
	UnitCode, UnitName string
	Classified         bool
	FileName           string
	Workbook           []byte
	Model              []byte
	Findings           []workflow.Finding
}

// partStep checks, inside tx, that actor may work on the parts of a department's
// data of year and kind: within its scope, and while the department's submission
// is still being prepared (a state in which role may upload).
func partStep(ctx context.Context, tx *tx, actor account.Actor, regionID, deptID int64, year int, kind string) error {
	if !actor.User.Scope(regionID, deptID) {
		return &workflow.Refusal{Kind: workflow.ErrForbidden, Msg: "无权操作其他地区或其他部门的单位数据"}
	}
	var state string
	err := tx.queryRow(ctx, `SELECT state FROM submissions WHERE department_id = ? AND year = ? AND kind = ?`,
		deptID, year, kind).Scan(&state)
	if err != nil && !isNoRows(err) {
		return err
	}
	if _, err := workflow.Next(workflow.State(state), workflow.Upload, actor.User.Role); err != nil {
		if errors.Is(err, workflow.ErrNotAllowed) {
			return &workflow.Refusal{Kind: workflow.ErrBlocked, Msg: fmt.Sprintf(
				"部门预算当前状态为“%s”，不能再更改各单位的数据；如需更改，请先由财政局退回", workflow.State(state).Label())}
		}
		return err
	}
	return nil
}

// auditPart appends e for part p, against its region and department.
func auditPart(ctx context.Context, tx *tx, p Part, e AuditEntry) error {
	e.RegionID, e.DepartmentID, e.Object, e.Version = p.RegionID, p.DepartmentID, p.Object(), p.Version
	e.Detail = strings.TrimSpace(e.Detail + " → " + p.State().Label())
	_, err := tx.appendAudit(ctx, e)
	return err
}

// UploadPart adds a version to a unit's part of a department's data of year and
// kind, starting the part at its first upload; the explanations of the previous
// version that still apply carry over, and a return is answered. One
// transaction with its audit entry (part.upload).
func (s *Store) UploadPart(ctx context.Context, actor account.Actor, deptID int64, year int, kind string, up PartUpload) (Part, error) {
	if len(up.Workbook) > MaxWorkbookSize {
		return Part{}, invalid("upload: %d MB, at most %d MB", len(up.Workbook)>>20, MaxWorkbookSize>>20)
	}
	if !SubmissionKind(kind) || year < 1949 || year > 2200 || up.UnitCode == "" || up.Model == nil {
		return Part{}, invalid("unit part: kind %q, year %d, unit %q", kind, year, up.UnitCode)
	}
	if len(up.Findings) > MaxFindings {
		up.Findings = up.Findings[:MaxFindings]
	}
	findings, err := json.Marshal(nonNil(up.Findings))
	if err != nil {
		return Part{}, err
	}
	counts := workflow.Count(up.Findings)
	login := actor.User.Login
	var out Part
	err = s.update(ctx, "upload part", func(tx *tx) error {
		var regionID int64
		if err := tx.queryRow(ctx, `SELECT region_id FROM departments WHERE id = ?`, deptID).Scan(&regionID); err != nil {
			if isNoRows(err) {
				return notFound("department", deptID)
			}
			return err
		}
		if err := partStep(ctx, tx, actor, regionID, deptID, year, kind); err != nil {
			return err
		}
		now := time.Now().UnixMicro()
		var id int64
		if err := tx.queryRow(ctx, `INSERT INTO unit_parts (region_id, department_id, year, kind, unit_code, unit_name, classified, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (department_id, year, kind, unit_code) DO UPDATE SET unit_name = excluded.unit_name, classified = excluded.classified
			RETURNING id`, regionID, deptID, year, kind, clean(up.UnitCode), clean(up.UnitName), up.Classified, now).Scan(&id); err != nil {
			return err
		}
		p, err := getPart(ctx, tx, id)
		if err != nil {
			return err
		}
		var old map[string]string
		if p.Version > 0 {
			if old, _, err = partExplanations(ctx, tx, id, p.Version); err != nil {
				return err
			}
		}
		p.Version++
		if _, err := tx.exec(ctx, `INSERT INTO unit_part_data (part_id, number, uploaded_at, login, file_name, workbook, model, findings, errors, warnings)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, p.Version, now, login, clean(up.FileName), up.Workbook,
			string(up.Model), string(findings), counts.Errors, counts.Warnings); err != nil {
			return err
		}
		kept := workflow.Carry(up.Findings, old)
		for k, v := range kept {
			if err := putPartExplanation(ctx, tx, id, p.Version, k, v, login); err != nil {
				return err
			}
		}
		p.Errors, p.Warnings, p.Unexplained = counts.Errors, counts.Warnings, workflow.Unexplained(up.Findings, kept)
		p.Returned, p.Assembled = "", 0
		if err := writePart(ctx, tx, &p); err != nil {
			return err
		}
		e := NewAuditEntry(actor, "part.upload")
		e.Detail = fmt.Sprintf("%s：%d 处错误，%d 条警告", clean(up.FileName), counts.Errors, counts.Warnings)
		if len(kept) > 0 {
			e.Detail += fmt.Sprintf("，沿用 %d 条说明", len(kept))
		}
		out = p
		return auditPart(ctx, tx, p, e)
	})
	return out, err
}

// writePart writes a part's version, counts, return and assembly; the caller
// holds the part's row (its upsert or partChange's claim).
func writePart(ctx context.Context, tx *tx, p *Part) error {
	p.UpdatedAt = time.Now().UTC().Truncate(time.Microsecond)
	_, err := tx.exec(ctx, `UPDATE unit_parts SET version = ?, errors = ?, warnings = ?, unexplained = ?, returned = ?,
		assembled = ?, updated_at = ? WHERE id = ?`, p.Version, p.Errors, p.Warnings, p.Unexplained, clean(p.Returned),
		p.Assembled, p.UpdatedAt.UnixMicro(), p.ID)
	return err
}

func putPartExplanation(ctx context.Context, tx *tx, id int64, number int, key, body, login string) error {
	_, err := tx.exec(ctx, `INSERT INTO unit_part_explanations (part_id, number, finding_key, body, login, at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (part_id, number, finding_key) DO UPDATE SET body = excluded.body, login = excluded.login, at = excluded.at`,
		id, number, key, clean(body), login, time.Now().UnixMicro())
	return err
}

// partChange runs a change of a part's current version (seen is the version the
// actor saw; 0 checks nothing) in one transaction with its audit entry.
func (s *Store) partChange(ctx context.Context, actor account.Actor, id int64, seen int, action string,
	apply func(tx *tx, p *Part, e *AuditEntry) error) (Part, error) {
	var out Part
	err := s.update(ctx, action, func(tx *tx) error {
		// Claim the part first, so that of two changes at once one waits and then
		// finds the part changed.
		res, err := tx.exec(ctx, `UPDATE unit_parts SET updated_at = updated_at WHERE id = ? AND version > 0`, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return notFound("uploaded unit part", id)
		}
		p, err := getPart(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := partStep(ctx, tx, actor, p.RegionID, p.DepartmentID, p.Year, p.Kind); err != nil {
			return err
		}
		if seen != 0 && seen != p.Version {
			return &workflow.Refusal{Kind: workflow.ErrConflict, Msg: "该单位的数据已重新上传，请刷新页面后再操作"}
		}
		e := NewAuditEntry(actor, action)
		if err := apply(tx, &p, &e); err != nil {
			return err
		}
		if err := writePart(ctx, tx, &p); err != nil {
			return err
		}
		out = p
		return auditPart(ctx, tx, p, e)
	})
	return out, err
}

// ExplainPart writes explanations of warnings of a part's current version (by
// finding key); an empty text removes one (part.explain).
func (s *Store) ExplainPart(ctx context.Context, actor account.Actor, id int64, seen int, texts map[string]string) (Part, error) {
	return s.partChange(ctx, actor, id, seen, "part.explain", func(tx *tx, p *Part, e *AuditEntry) error {
		dv, err := getPartData(ctx, tx, p.ID, p.Version)
		if err != nil {
			return err
		}
		detail, err := explain(dv.Findings, dv.Explanations, texts, "要说明的警告不在该单位当前版本的数据中，请刷新页面",
			func(k, v string) error {
				return putPartExplanation(ctx, tx, p.ID, p.Version, k, v, actor.User.Login)
			},
			func(k string) error {
				_, err := tx.exec(ctx, `DELETE FROM unit_part_explanations WHERE part_id = ? AND number = ? AND finding_key = ?`,
					p.ID, p.Version, k)
				return err
			})
		if err != nil {
			return err
		}
		p.Unexplained = workflow.Unexplained(dv.Findings, dv.Explanations)
		e.Detail = detail
		return nil
	})
}

// ReturnPart sends a unit's part back to its preparer with a reason; it stays
// returned until the unit uploads again (part.return). Only the department's
// reviewer returns a part.
func (s *Store) ReturnPart(ctx context.Context, actor account.Actor, id int64, seen int, reason string) (Part, error) {
	if err := workflow.CheckText("退回理由", reason, workflow.MaxReason); err != nil {
		return Part{}, err
	}
	if actor.User.Role != account.DeptReviewer {
		return Part{}, &workflow.Refusal{Kind: workflow.ErrForbidden, Msg: "只有部门审核人可以退回单位的数据"}
	}
	return s.partChange(ctx, actor, id, seen, "part.return", func(tx *tx, p *Part, e *AuditEntry) error {
		if p.Returned != "" {
			return &workflow.Refusal{Kind: workflow.ErrBlocked, Msg: "该单位的数据已退回，等待重新上传"}
		}
		p.Returned = strings.TrimSpace(reason)
		e.Detail = "退回理由：" + p.Returned
		return nil
	})
}

// AssembledFrom is a part as the assembly read it: its id and version.
type AssembledFrom struct {
	PartID  int64
	Version int
}

// AssembleData adds the assembled data of a department's parts as a new data
// version of its submission, as UploadData does for an uploaded file (the
// workflow's 汇总各单位 step, then 校验 when it has no errors), and marks each
// part's version assembled. The parts must be exactly those read, every one
// still at the version read and ready: otherwise someone changed them meanwhile.
// without names the expected units that have not uploaded and that the reviewer
// confirmed gone, for the audit entry.
func (s *Store) AssembleData(ctx context.Context, st Step, deptID int64, year int, kind string, up Upload, from []AssembledFrom, without []string) (Submission, error) {
	return s.uploadData(ctx, st, workflow.Assemble, deptID, year, kind, up, func(tx *tx, sub *Submission, e *AuditEntry) error {
		parts, err := collect(ctx, tx, scanPart, `SELECT `+partColumns+
			`WHERE p.department_id = ? AND p.year = ? AND p.kind = ? ORDER BY p.unit_code LIMIT ?`, deptID, year, kind, MaxListLength)
		if err != nil {
			return err
		}
		seen := map[int64]int{}
		for _, f := range from {
			seen[f.PartID] = f.Version
		}
		if len(parts) != len(from) {
			return &workflow.Refusal{Kind: workflow.ErrConflict, Msg: "汇总期间有单位上传了数据，请刷新页面后再汇总"}
		}
		var units []string
		for _, p := range parts {
			if v, ok := seen[p.ID]; !ok || v != p.Version || p.State() != workflow.PartReady {
				return &workflow.Refusal{Kind: workflow.ErrConflict, Msg: "汇总期间有单位的数据发生了变化，请刷新页面后再汇总"}
			}
			// Only the version read: a new upload that commits meanwhile is not assembled.
			res, err := tx.exec(ctx, `UPDATE unit_parts SET assembled = ? WHERE id = ? AND version = ?`, sub.DataVersion, p.ID, p.Version)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n != 1 {
				return &workflow.Refusal{Kind: workflow.ErrConflict, Msg: "汇总期间有单位的数据发生了变化，请刷新页面后再汇总"}
			}
			units = append(units, fmt.Sprintf("%s 第 %d 版", p.UnitCode, p.Version))
		}
		e.Detail = fmt.Sprintf("汇总 %d 个单位（%s）；", len(parts), strings.Join(units, "、")) + e.Detail
		if len(without) > 0 {
			e.Detail = fmt.Sprintf("经确认不含未上传的单位：%s；", clean(strings.Join(without, "、"))) + e.Detail
		}
		return nil
	})
}
