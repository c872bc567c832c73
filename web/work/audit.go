package work

import (
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"yusuan/internal/csvsafe"

	"yusuan/store"
	"yusuan/workflow"
)

// actionLabels names the audit log's actions in Chinese, the workflow's steps
// included; an action without a label shows as it is recorded.
var actionLabels = withSteps(map[string]string{
	"login":          "登录",
	"login.fail":     "登录失败",
	"logout":         "退出登录",
	"user.add":       "新建账号",
	"user.disable":   "停用账号",
	"user.enable":    "启用账号",
	"user.reset":     "重置密码",
	"department.add": "新建部门",
	"audit.export":   "导出审计日志",
	"part.upload":    "上传单位数据",
	"part.explain":   "说明单位警告",
	"part.return":    "退回单位数据",
})

// withSteps adds the workflow's actions, by their Chinese names, to labels.
func withSteps(labels map[string]string) map[string]string {
	for _, a := range workflow.Actions {
		labels[string(a)] = a.Label()
	}
	return labels
}

func actionLabel(a string) string {
	if l, ok := actionLabels[a]; ok {
		return l
	}
	return a
}

// auditPageSize is how many entries one page of the audit log shows.
const auditPageSize = 100

// auditQuery is the audit page's filter as the form sends it.
type auditQuery struct {
	Login, Action, From, To string
	Department              int64
	Before                  int64
}

type auditPage struct {
	Query       auditQuery
	Entries     []auditRow
	Departments []store.Department
	Actions     []actionOption
	DeptLocked  bool   // a department reviewer sees only its own department
	Chain       string // the hash chain's state
	ChainOK     bool
	ChainSince  bool   // verified from a checkpoint: offer the whole verification
	Older       string // the link to older entries, when there are more
	CSV         string // the export link of the same filter
}

type auditRow struct {
	store.AuditEntry
	Department string
}

type actionOption struct{ Value, Label string }

// auditFilter reads the filter of the request, limited to what c may see: its
// region, and its department for a department-scoped role.
func (s *Server) auditFilter(r *http.Request, c *caller) (store.AuditFilter, auditQuery, error) {
	q := r.URL.Query()
	aq := auditQuery{Login: strings.TrimSpace(q.Get("login")), Action: strings.TrimSpace(q.Get("action")),
		From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to"))}
	f := store.AuditFilter{RegionID: c.User.RegionID, Login: aq.Login, Action: aq.Action}
	if len(aq.Login) > 64 || len(aq.Action) > 64 {
		return f, aq, errInvalid("筛选条件过长")
	}
	if v := q.Get("department"); v != "" {
		aq.Department, _ = strconv.ParseInt(v, 10, 64)
	}
	if c.User.Role.DepartmentScoped() {
		aq.Department = c.User.DepartmentID
	}
	f.DepartmentID = aq.Department
	var err error
	if aq.From != "" {
		if f.From, err = time.ParseInLocation("2006-01-02", aq.From, time.Local); err != nil {
			return f, aq, errInvalid("起始日期“" + aq.From + "”应写作 2026-01-31")
		}
	}
	if aq.To != "" {
		to, err := time.ParseInLocation("2006-01-02", aq.To, time.Local)
		if err != nil {
			return f, aq, errInvalid("截止日期“" + aq.To + "”应写作 2026-01-31")
		}
		f.To = to.AddDate(0, 0, 1) // the whole last day
	}
	if v := q.Get("before"); v != "" {
		aq.Before, _ = strconv.ParseInt(v, 10, 64)
		f.BeforeID = aq.Before
	}
	return f, aq, nil
}

func (aq auditQuery) values() url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"login": aq.Login, "action": aq.Action, "from": aq.From, "to": aq.To} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if aq.Department != 0 {
		v.Set("department", formatID(aq.Department))
	}
	return v
}

func (s *Server) showAudit(w http.ResponseWriter, r *http.Request, c *caller) error {
	f, aq, err := s.auditFilter(r, c)
	if err != nil {
		return err
	}
	ctx, cancel := s.query(r)
	defer cancel()
	f.Limit = auditPageSize + 1
	entries, err := s.st.ListAudit(ctx, f)
	if err != nil {
		return err
	}
	p := auditPage{Query: aq, DeptLocked: c.User.Role.DepartmentScoped()}
	if p.Departments, err = s.st.WorkDepartments(ctx, c.User.Region); err != nil {
		return err
	}
	names := map[int64]string{}
	for _, d := range p.Departments {
		names[d.ID] = d.Name
	}
	if len(entries) > auditPageSize {
		entries = entries[:auditPageSize]
		v := aq.values()
		v.Set("before", formatID(entries[len(entries)-1].ID))
		p.Older = "/work/audit?" + v.Encode()
	}
	for _, e := range entries {
		p.Entries = append(p.Entries, auditRow{e, names[e.DepartmentID]})
	}
	for a, l := range actionLabels {
		p.Actions = append(p.Actions, actionOption{a, l})
	}
	sortActions(p.Actions)
	p.CSV = "/work/audit.csv?" + aq.values().Encode()
	if err := s.verifyChain(r, &p); err != nil {
		return err
	}
	return s.render(w, c, http.StatusOK, "audit", "审计日志", "audit", p)
}

func sortActions(a []actionOption) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j].Value < a[j-1].Value; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// exportAudit sends the entries the filter selects (at most store.MaxAuditList)
// as CSV, and records the export.
func (s *Server) exportAudit(w http.ResponseWriter, r *http.Request, c *caller) error {
	f, aq, err := s.auditFilter(r, c)
	if err != nil {
		return err
	}
	ctx, cancel := s.query(r)
	defer cancel()
	f.Limit = store.MaxAuditList
	entries, err := s.st.ListAudit(ctx, f)
	if err != nil {
		return err
	}
	depts, err := s.st.WorkDepartments(ctx, c.User.Region)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, d := range depts {
		names[d.ID] = d.Name
	}
	e := store.NewAuditEntry(c.Actor(), "audit.export")
	e.DepartmentID = aq.Department
	e.Object = "audit_log"
	e.Detail = fmt.Sprintf("导出 %d 条记录；筛选：%s", len(entries), aq.values().Encode())
	if _, err := s.st.AppendAudit(ctx, e); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="audit.csv"; filename*=UTF-8''`+url.PathEscape("审计日志.csv"))
	return writeAuditCSV(w, entries, names)
}

func writeAuditCSV(w io.Writer, entries []store.AuditEntry, depts map[int64]string) error {
	// A byte order mark makes Excel read the file as UTF-8.
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"编号", "时间", "登录名", "角色", "部门", "操作", "对象", "版本", "地址", "详情", "哈希"})
	for _, e := range entries {
		version := ""
		if e.Version != 0 {
			version = strconv.Itoa(e.Version)
		}
		cw.Write([]string{
			formatID(e.ID), e.At.Local().Format("2006-01-02 15:04:05"), neutral(e.Login), neutral(e.Role.Label()),
			neutral(depts[e.DepartmentID]), neutral(actionLabel(e.Action)), neutral(e.Object), version,
			neutral(e.Address), neutral(e.Detail), e.Hash,
		})
	}
	cw.Flush()
	return cw.Error()
}

// neutral is csvsafe.Neutral, the one rule for text in exported sheets.
var neutral = csvsafe.Neutral
