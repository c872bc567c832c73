package work

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"yusuan/budgetfile"
	"yusuan/store"
	"yusuan/workflow"
)

// editAccess admits to the browser editor those who may upload a department's
// data; the service then refuses a submission that is not being prepared.
var editAccess = access{roles: workflow.RolesFor(workflow.Upload), scope: pathDepartment}

// Bounds of the editor: the body of a save (a sheet of thousands of rows),
// and the blank rows offered for adding.
const (
	maxEdit      = 10 << 20
	blankRows    = 5
	maxBlankRows = 200
	maxEditRows  = 100_000
)

// editPage is one sheet of a submission's current data as a form: every cell
// an input, a delete box per row and blank rows to add, with the findings of
// the current data marked on their cells.
type editPage struct {
	Dept      *store.Department
	Year      int
	Kind      string
	Path      string // the submission's page; the editor is at Path/edit
	Sub       store.Submission
	Data      store.DataVersion
	Tabs      []editTab
	Sheet     budgetfile.Sheet
	Rows      []editRow
	Blank     []editRow
	N         int // rows of the form
	More      int // blank rows of the "more rows" link
	Errors    []workflow.Finding
	Elsewhere int // errors on other sheets or on no sheet
	Error     string
	Done      string
}

type editTab struct {
	Name    string
	Rows    int
	Errors  int
	Current bool
}

// editRow is one row of the form: its index in the form, its row in the
// stored workbook (0 for a new row), and its cells with their findings.
type editRow struct {
	Index int
	Num   int
	Line  int // the workbook row the findings of this form name
	Cells []editCell
	Cols  []budgetfile.Column
}

type editCell struct {
	Value   string
	Problem string // the findings on this cell
}

// showEdit shows one sheet (?sheet=, the first with rows by default) of the
// current data for editing.
func (s *Server) showEdit(w http.ResponseWriter, r *http.Request, c *caller) error {
	p, err := s.editPage(r, c, nil, nil)
	if err != nil {
		return s.refused(w, r, c, err)
	}
	if r.URL.Query().Get("done") != "" {
		p.Done = fmt.Sprintf("已保存为数据第 %d 版：%d 处错误，%d 条警告（警告须在报送页面说明）。", p.Sub.DataVersion, p.Sub.Errors, p.Sub.Warnings)
	}
	return s.render(w, c, http.StatusOK, "edit", p.title(), "flow", p)
}

// saveEdit saves the posted sheet as a new data version, or shows the form
// again with what was typed and why it was refused.
func (s *Server) saveEdit(w http.ResponseWriter, r *http.Request, c *caller) error {
	dept, year, err := pathSubmission(r)
	if err != nil {
		return err
	}
	edited, err := postedSheet(r)
	if err != nil {
		return err
	}
	ctx, cancel := s.query(r)
	defer cancel()
	kind := pathKind(r)
	_, findings, err := s.flow().SaveSheet(ctx, c.Actor(), dept, year, kind, seenOf(r), edited)
	if err == nil {
		q := url.Values{"sheet": {edited.Name}, "done": {"1"}}
		http.Redirect(w, r, flowPath(dept, year, kind)+"/edit?"+q.Encode(), http.StatusSeeOther)
		return nil
	}
	return answerRefusal(err, func(status int, msg string) error {
		p, err := s.editPage(r, c, &edited, findings)
		if err != nil {
			return s.refused(w, r, c, err)
		}
		// The form keeps what was typed and the revision it was opened at, so that
		// a save over someone else's change stays refused until the page is
		// reloaded.
		p.Sub.State, p.Sub.Revision = seenOf(r).State, seenOf(r).Revision
		p.Error = msg
		return s.render(w, c, status, "edit", p.title(), "flow", p)
	})
}

// editPage builds the form of a sheet: the stored one, or posted (with the
// findings of its refused save) when the save was refused.
func (s *Server) editPage(r *http.Request, c *caller, posted *budgetfile.Sheet, refused []workflow.Finding) (*editPage, error) {
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
	draft, err := s.flow().OpenDraft(ctx, c.Actor(), id, year, kind)
	if err != nil {
		return nil, err
	}
	p := &editPage{Dept: d, Year: year, Kind: kind, Path: flowPath(id, year, kind), Sub: draft.Submission, Data: draft.Data}
	name := r.FormValue("sheet")
	if posted != nil {
		name = posted.Name
	}
	findings := draft.Data.Findings
	if posted != nil {
		findings = refused
	}
	errorsOn := map[string]int{}
	for _, f := range findings {
		if f.Severity == workflow.Error {
			errorsOn[f.Sheet]++
		}
	}
	for _, g := range draft.Sheets {
		if name == "" && len(g.Rows) > 0 {
			name = g.Name
		}
		p.Tabs = append(p.Tabs, editTab{Name: g.Name, Rows: len(g.Rows), Errors: errorsOn[g.Name], Current: g.Name == name})
		if g.Name == name {
			p.Sheet = g
		}
	}
	if p.Sheet.Name == "" {
		return nil, errInvalid(fmt.Sprintf("没有名为“%s”的工作表", name))
	}
	for _, f := range findings {
		if f.Severity != workflow.Error {
			continue
		}
		if f.Sheet == p.Sheet.Name {
			p.Errors = append(p.Errors, f)
		} else {
			p.Elsewhere++
		}
	}
	rows := p.Sheet.Rows
	if posted != nil {
		rows = posted.Rows
	}
	for i, gr := range rows {
		line := gr.Num
		if posted != nil {
			line = i + 2 // the refused cells are named by their place in the posted sheet
		}
		p.Rows = append(p.Rows, editRow{Index: i, Num: gr.Num, Line: line, Cells: cellsOf(p.Sheet, gr.Cells, line, p.Errors), Cols: p.Sheet.Columns})
	}
	blank := blankRows
	if n, err := strconv.Atoi(r.URL.Query().Get("add")); err == nil && n > 0 {
		blank = min(n, maxBlankRows)
	}
	for i := range blank {
		p.Blank = append(p.Blank, editRow{Index: len(rows) + i, Cells: make([]editCell, len(p.Sheet.Columns)), Cols: p.Sheet.Columns})
	}
	p.N = len(p.Rows) + len(p.Blank)
	p.More = min(blank+20, maxBlankRows)
	return p, nil
}

// title is the editor's page title.
func (p *editPage) title() string {
	return fmt.Sprintf("编辑 %s %d年%s", p.Dept.Name, p.Year, p.Kind)
}

// cellsOf pairs a row's values with the findings on each of its cells.
func cellsOf(g budgetfile.Sheet, values []string, line int, errs []workflow.Finding) []editCell {
	out := make([]editCell, len(g.Columns))
	for j, col := range g.Columns {
		if j < len(values) {
			out[j].Value = values[j]
		}
		for _, f := range errs {
			if f.Row == line && f.Column == col.Letter {
				if out[j].Problem != "" {
					out[j].Problem += "；"
				}
				out[j].Problem += f.Message
			}
		}
	}
	return out
}

// postedSheet reads the posted form of a sheet: field n is the number of
// rows, r{i} a row's number in the stored workbook (0 for a new one),
// r{i}.{j} its cells and r{i}.del its delete box. Deleted rows and rows left
// empty are left out.
func postedSheet(r *http.Request) (budgetfile.Sheet, error) {
	g := budgetfile.Sheet{Name: r.PostFormValue("sheet")}
	n, err := strconv.Atoi(r.PostFormValue("n"))
	if err != nil || n < 0 || n > maxEditRows+maxBlankRows {
		return g, errInvalid("表单不完整，请刷新页面后重新编辑")
	}
	cols, err := strconv.Atoi(r.PostFormValue("cols"))
	if err != nil || cols < 1 || cols > 64 {
		return g, errInvalid("表单不完整，请刷新页面后重新编辑")
	}
	for i := range n {
		key := "r" + strconv.Itoa(i)
		if r.PostFormValue(key+".del") != "" {
			continue
		}
		num, _ := strconv.Atoi(r.PostFormValue(key))
		row := budgetfile.GridRow{Num: max(num, 0), Cells: make([]string, cols)}
		empty := true
		for j := range cols {
			v := r.PostFormValue(key + "." + strconv.Itoa(j))
			row.Cells[j] = v
			empty = empty && strings.TrimSpace(v) == ""
		}
		if !empty {
			g.Rows = append(g.Rows, row)
		}
	}
	return g, nil
}
