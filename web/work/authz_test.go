package work

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"yusuan/account"
	"yusuan/budget"
	"yusuan/budgetfile"
)

// reach is how far a role may act through a route: nowhere, on its own
// department, or on every department of its region. No role reaches another region.
type reach int

const (
	denied reach = iota
	ownDept
	wholeRegion
)

// where is the object a request acts on, seen from the account making it.
type where int

const (
	own         where = iota // the account's department (department A for region-wide roles)
	otherDept                // another department of its region
	otherRegion              // a department of another region
)

func (w where) String() string { return [...]string{"own", "other-dept", "other-region"}[w] }

// every role reaches its whole region through routes that name no object.
var everyone = map[account.Role]reach{account.Preparer: wholeRegion, account.DeptReviewer: wholeRegion,
	account.BureauReviewer: wholeRegion, account.Publisher: wholeRegion, account.Admin: wholeRegion}

// matrix lists every route of the work area that needs a login, with a request
// and how far each role reaches through it (a route that names no object acts
// in the caller's own scope, wherever it is). In the path and form, {dept} is the
// department acted on and {user} a fresh preparer account of it, {new} a fresh
// login. Adding a route to routes() means adding its line here: TestMatrixCovers
// fails otherwise.
var matrix = []struct {
	route string // the pattern exactly as routes() registers it
	query string
	form  url.Values
	reach map[account.Role]reach
	// step says the route is a step of the workflow, which the submission's
	// state may refuse (409, 422) after authorisation passed.
	step bool
}{
	{"GET /work/{$}", "", nil, everyone, false},
	{"POST /work/logout", "", nil, everyone, false},
	{"GET /work/users", "", nil, map[account.Role]reach{account.Admin: wholeRegion}, false},
	{"POST /work/users", "", url.Values{"login": {"{new}"}, "name": {"新人"}, "role": {"preparer"}, "department": {"{dept}"}},
		map[account.Role]reach{account.Admin: wholeRegion}, false},
	{"POST /work/users/{user}/disable", "", nil, map[account.Role]reach{account.Admin: wholeRegion}, false},
	{"POST /work/users/{user}/enable", "", nil, map[account.Role]reach{account.Admin: wholeRegion}, false},
	{"POST /work/users/{user}/reset", "", nil, map[account.Role]reach{account.Admin: wholeRegion}, false},
	{"POST /work/settings/departments", "", url.Values{"dept_name": {"新部门{new}"}}, map[account.Role]reach{account.Admin: wholeRegion}, false},
	{"GET /work/audit", "department={dept}", nil,
		map[account.Role]reach{account.Admin: wholeRegion, account.BureauReviewer: wholeRegion, account.DeptReviewer: ownDept}, false},
	{"GET /work/audit.csv", "department={dept}", nil,
		map[account.Role]reach{account.Admin: wholeRegion, account.BureauReviewer: wholeRegion, account.DeptReviewer: ownDept}, false},

	{"GET /work/flow", "", nil, everyone, false},
	{"GET /work/flow/{dept}/{year}", "", nil, map[account.Role]reach{account.Preparer: ownDept, account.DeptReviewer: ownDept,
		account.BureauReviewer: wholeRegion, account.Publisher: wholeRegion, account.Admin: wholeRegion}, false},
	{"POST /work/flow/{dept}/{year}/upload", "", nil, preparers, true},
	{"POST /work/flow/{dept}/{year}/validate", "", nil, preparers, true},
	{"POST /work/flow/{dept}/{year}/explain", "", nil, preparers, true},
	{"POST /work/flow/{dept}/{year}/submit", "", nil, preparers, true},
	{"POST /work/flow/{dept}/{year}/return", "", url.Values{"reason": {"请补充说明"}}, bureau, true},
	{"POST /work/flow/{dept}/{year}/approve", "", url.Values{"date": {"2026-01-05"}}, bureau, true},
	{"POST /work/flow/{dept}/{year}/publish", "", nil, publisher, true},
	{"POST /work/flow/{dept}/{year}/withdraw", "", url.Values{"reason": {"更正"}}, publisher, true},
	{"POST /work/flow/{dept}/{year}/republish", "", url.Values{"reason": {"更正"}}, publisher, true},
	{"GET /work/flow/{dept}/{year}/final", "", nil, map[account.Role]reach{account.Preparer: ownDept, account.DeptReviewer: ownDept,
		account.BureauReviewer: wholeRegion, account.Publisher: wholeRegion, account.Admin: wholeRegion}, false},
	{"POST /work/flow/{dept}/{year}/final/upload", "", nil, preparers, true},
	{"POST /work/flow/{dept}/{year}/final/validate", "", nil, preparers, true},
	{"POST /work/flow/{dept}/{year}/final/explain", "", nil, preparers, true},
	{"POST /work/flow/{dept}/{year}/final/submit", "", nil, preparers, true},
	{"POST /work/flow/{dept}/{year}/final/return", "", url.Values{"reason": {"请补充说明"}}, bureau, true},
	{"POST /work/flow/{dept}/{year}/final/approve", "", url.Values{"date": {"2026-01-05"}}, bureau, true},
	{"POST /work/flow/{dept}/{year}/final/publish", "", nil, publisher, true},
	{"POST /work/flow/{dept}/{year}/final/withdraw", "", url.Values{"reason": {"更正"}}, publisher, true},
	{"POST /work/flow/{dept}/{year}/final/republish", "", url.Values{"reason": {"更正"}}, publisher, true},
	{"GET /work/flow/{dept}/{year}/units", "", nil, map[account.Role]reach{account.Preparer: ownDept, account.DeptReviewer: ownDept,
		account.BureauReviewer: wholeRegion, account.Publisher: wholeRegion, account.Admin: wholeRegion}, false},
	{"POST /work/flow/{dept}/{year}/units/upload", "", nil, preparers, true},
	{"POST /work/flow/{dept}/{year}/units/{part}/explain", "", nil, preparers, true},
	{"POST /work/flow/{dept}/{year}/units/{part}/return", "", url.Values{"reason": {"请核对"}}, deptReviewer, true},
	{"POST /work/flow/{dept}/{year}/assemble", "", nil, deptReviewer, true},
	{"GET /work/flow/{dept}/{year}/final/units", "", nil, map[account.Role]reach{account.Preparer: ownDept, account.DeptReviewer: ownDept,
		account.BureauReviewer: wholeRegion, account.Publisher: wholeRegion, account.Admin: wholeRegion}, false},
	{"POST /work/flow/{dept}/{year}/final/units/upload", "", nil, preparers, true},
	{"POST /work/flow/{dept}/{year}/final/units/{part}/explain", "", nil, preparers, true},
	{"POST /work/flow/{dept}/{year}/final/units/{part}/return", "", url.Values{"reason": {"请核对"}}, deptReviewer, true},
	{"POST /work/flow/{dept}/{year}/final/assemble", "", nil, deptReviewer, true},
	{"GET /work/flow/{dept}/{year}/edit", "", nil, preparers, true},
	{"POST /work/flow/{dept}/{year}/edit", "", url.Values{"sheet": {"单位"}, "n": {"0"}, "cols": {"4"}}, preparers, true},
	{"GET /work/flow/{dept}/{year}/final/edit", "", nil, preparers, true},
	{"POST /work/flow/{dept}/{year}/final/edit", "", url.Values{"sheet": {"收入决算"}, "n": {"0"}, "cols": {"6"}}, preparers, true},
	{"POST /work/bulk/approve", "", url.Values{"year": {"2026"}, "date": {"2026-01-05"}}, bureau, false},
	{"POST /work/bulk/publish", "", url.Values{"year": {"2026"}}, publisher, false},
}

// The workflow's reaches: a department's preparers on their own department, the
// bureau and the publisher on the whole region.
var (
	preparers = map[account.Role]reach{account.Preparer: ownDept, account.DeptReviewer: ownDept}
	bureau    = map[account.Role]reach{account.BureauReviewer: wholeRegion}
	publisher = map[account.Role]reach{account.Publisher: wholeRegion}
	// deptReviewer alone assembles the department's units and returns a unit's part.
	deptReviewer = map[account.Role]reach{account.DeptReviewer: ownDept}
)

// allowed says whether a role reaching r may act on an object at w.
func (r reach) allowed(w where) bool {
	switch w {
	case own:
		return r >= ownDept
	case otherDept:
		return r >= wholeRegion
	}
	return false
}

// TestMatrixCovers checks that the matrix lists every route that needs a login.
func TestMatrixCovers(t *testing.T) {
	s := New(nil, Options{})
	listed := map[string]bool{}
	for _, m := range matrix {
		listed[m.route] = true
	}
	for _, rt := range s.routes() {
		if !rt.access.public && !listed[rt.route()] {
			t.Errorf("route %s is not in the authorisation matrix", rt.pattern)
		}
		delete(listed, rt.pattern)
	}
	for r := range listed {
		t.Errorf("matrix lists %s, which routes() does not", r)
	}
}

func (rt route) route() string { return rt.pattern }

var newLogins atomic.Int64

// TestAuthorizationMatrix sends every route's request as every role, on an object
// of its own department, of another department and of another region, and
// expects exactly the allowed ones to pass; a refused request answers 403 and
// leaves no trace in the audit log. Without a login, pages redirect to the login
// page and actions answer 401.
func TestAuthorizationMatrix(t *testing.T) {
	if testing.Short() {
		t.Skip("long and sequential: -short (the race stage of .ci/run) leaves it to the full pass")
	}
	eachBackend(t, func(t *testing.T, e *env) {
		clients := map[account.Role]*client{}
		for _, role := range account.Roles {
			clients[role] = e.as(t, role)
		}
		anon := e.client(t)
		anon.get("/work/login")
		// A unit's part in each department, for the routes that act on one.
		parts := map[int64]int64{}
		for _, dept := range []int64{e.deptA, e.deptB, e.deptC} {
			parts[dept] = e.part(t, dept, "001", 2026)
		}
		for _, m := range matrix {
			method, path, _ := strings.Cut(m.route, " ")
			path = strings.TrimSuffix(path, "{$}")
			for _, role := range account.Roles {
				for _, w := range []where{own, otherDept, otherRegion} {
					dept := map[where]int64{own: e.deptA, otherDept: e.deptB, otherRegion: e.deptC}[w]
					region := e.region
					if w == otherRegion {
						region = e.otherRegion
					}
					n := newLogins.Add(1)
					target := e.addUser(t, account.User{Login: fmt.Sprintf("target%d", n), Name: "对象", Role: account.Preparer, RegionID: region, DepartmentID: dept})
					fill := strings.NewReplacer("{year}", "2026", "{dept}", formatID(dept), "{user}", formatID(target.ID),
						"{new}", fmt.Sprintf("new%d", n), "{part}", formatID(parts[dept]))
					p := fill.Replace(path)
					if m.query != "" {
						p += "?" + fill.Replace(m.query)
					}
					var form url.Values
					if m.form != nil {
						form = url.Values{}
						for k, v := range m.form {
							form.Set(k, fill.Replace(v[0]))
						}
					}
					c := clients[role]
					if m.route == "POST /work/logout" {
						c = e.as(t, role) // a session of its own, which this ends
					}
					before := e.auditCount(t)
					var resp *http.Response
					var body string
					if method == http.MethodGet {
						resp, body = c.get(p)
					} else {
						resp, body = c.post(p, form)
					}
					want := m.reach[role].allowed(w)
					if !strings.Contains(m.route+m.query+fmt.Sprint(m.form), "{dept}") && !strings.Contains(m.route, "{user}") {
						// The route names no object: it acts within the caller's own scope.
						want = m.reach[role] != denied
					}
					name := fmt.Sprintf("%s as %s on %s", m.route, role, w)
					switch {
					case want && m.step && (resp.StatusCode == http.StatusConflict || resp.StatusCode == http.StatusUnprocessableEntity):
						// Authorised; the submission's state refused the step.
					case want && resp.StatusCode >= 400:
						t.Errorf("%s: %d, want allowed\n%s", name, resp.StatusCode, excerpt(body))
					case !want && resp.StatusCode != http.StatusForbidden:
						t.Errorf("%s: %d, want 403", name, resp.StatusCode)
					case !want && e.auditCount(t) != before:
						t.Errorf("%s: refused, yet the audit log grew", name)
					case !want && !strings.Contains(body, "没有权限"):
						t.Errorf("%s: the refusal does not say why in Chinese", name)
					}
				}
			}
			// Anonymous.
			p := strings.NewReplacer("{year}", "2026", "{dept}", formatID(e.deptA), "{user}", formatID(e.users[account.Preparer].ID),
				"{new}", "anon", "{part}", formatID(parts[e.deptA])).Replace(path)
			if method == http.MethodGet {
				resp, _ := anon.get(p)
				if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/work/login?next=") {
					t.Errorf("%s without login: %d %s, want a redirect to the login page", m.route, resp.StatusCode, resp.Header.Get("Location"))
				}
			} else if resp, _ := anon.post(p, nil); resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("%s without login: %d, want 401", m.route, resp.StatusCode)
			}
		}
	})
}

func excerpt(body string) string {
	if i := strings.Index(body, `<main id="main">`); i >= 0 {
		body = body[i:]
	}
	if len(body) > 600 {
		body = body[:600]
	}
	return body
}

// TestUnitRestriction is the matrix's unit level: a preparer limited to one unit
// may upload, explain and submit that unit's data (own unit), and is refused
// data holding another unit (other unit), leaving no trace in the audit log;
// accounts of the whole department are not limited.
func TestUnitRestriction(t *testing.T) {
	if testing.Short() {
		t.Skip("long and sequential: -short (the race stage of .ci/run) leaves it to the full pass")
	}
	eachBackend(t, func(t *testing.T, e *env) {
		dept := e.flowDepartment(t)
		const ownUnit = "深圳市龙岗区政务服务数据管理局（本级）" // the example's one unit
		for _, u := range []account.User{
			{Login: "unit-own", Name: "本单位填报人", Unit: ownUnit},
			{Login: "unit-code", Name: "按编码限定的填报人", Unit: "355001"},
			{Login: "unit-other", Name: "其他单位填报人", Unit: "深圳市龙岗区政务服务中心"},
			{Login: "unit-none", Name: "全部门填报人"},
		} {
			u.Role, u.RegionID, u.DepartmentID = account.Preparer, e.region, dept
			e.addUser(t, u)
		}
		e.addUser(t, account.User{Login: "dept-rev", Name: "部门审核人", Role: account.DeptReviewer, RegionID: e.region, DepartmentID: dept})
		page := fmt.Sprintf("/work/flow/%d/2024", dept)
		good := flowWorkbook(t, false)
		// Two units: the example's and another one, to which a line of spending of no project moves.
		b, err := budgetfile.Load("../../examples/longgang-2024/budget.yaml")
		if err != nil {
			t.Fatal(err)
		}
		b.Units = append(b.Units, budget.Unit{Code: "355002", Name: "深圳市龙岗区政务服务中心", Kind: b.Units[0].Kind})
		for i := range b.Items {
			if b.Items[i].Project == "" {
				b.Items[i].Unit = "355002"
				break
			}
		}
		var buf bytes.Buffer
		if err := budgetfile.WriteXLSX(&buf, b); err != nil {
			t.Fatal(err)
		}
		twoUnits := buf.Bytes()

		type outcome int
		const (
			allowed outcome = iota
			refusedOnPage
			forbidden
		)
		act := func(login, action string, data []byte, want outcome) {
			t.Helper()
			c := e.client(t)
			if resp, body := c.login(login, testPassword); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("login %s: %d %s", login, resp.StatusCode, excerpt(body))
			}
			_, body := c.get(page)
			before := e.auditCount(t)
			var resp *http.Response
			switch action {
			case "upload":
				resp, body = c.upload(page+"/upload", "预算.xlsx", data, seen(t, body))
			case "edit":
				resp, body = c.get(page + "/edit")
			default:
				f := seen(t, body)
				if m := explainName.FindStringSubmatch(body); m != nil && action == "explain" {
					f.Set(m[1], flowExplanation)
				}
				resp, body = c.post(page+"/"+action, f)
			}
			name := login + " " + action
			switch want {
			case allowed:
				if resp.StatusCode != http.StatusSeeOther && (action != "edit" || resp.StatusCode != http.StatusOK) {
					t.Errorf("%s: %d, want allowed\n%s", name, resp.StatusCode, excerpt(body))
				}
				return
			case refusedOnPage:
				if resp.StatusCode != http.StatusUnprocessableEntity {
					t.Errorf("%s: %d, want 422", name, resp.StatusCode)
				}
			case forbidden:
				if resp.StatusCode != http.StatusForbidden {
					t.Errorf("%s: %d, want 403", name, resp.StatusCode)
				}
			}
			if !strings.Contains(body, "您的账号限于单位") {
				t.Errorf("%s: the refusal does not say why:\n%s", name, excerpt(body))
			}
			if e.auditCount(t) != before {
				t.Errorf("%s: refused, yet the audit log grew", name)
			}
		}
		// sees checks what login sees of the current data on the submission's
		// page and on the department's board: the whole department's findings
		// and units, or only its own unit's.
		sees := func(login string, findings bool, units ...string) {
			t.Helper()
			c := e.client(t)
			if resp, body := c.login(login, testPassword); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("login %s: %d %s", login, resp.StatusCode, excerpt(body))
			}
			_, body := c.get(page)
			if got := strings.Contains(body, "校验与核对结果"); got != findings || got == strings.Contains(body, "当前数据含有其他单位") {
				t.Errorf("%s sees the department's findings: %v, want %v\n%s", login, got, findings, excerpt(body))
			}
			_, board := c.get("/work/flow")
			for _, u := range []string{ownUnit, "深圳市龙岗区政务服务中心"} {
				if got, want := strings.Contains(board, u), slices.Contains(units, u); got != want {
					t.Errorf("%s sees unit %s on the board: %v, want %v", login, u, got, want)
				}
			}
		}
		// Data of the example's one unit.
		act("unit-other", "upload", good, refusedOnPage)
		act("unit-own", "upload", good, allowed)
		sees("unit-own", true, ownUnit)
		sees("unit-code", true, ownUnit)
		sees("unit-other", false)
		act("unit-code", "upload", good, allowed)
		act("unit-other", "explain", nil, forbidden)
		act("unit-own", "explain", nil, allowed)
		act("unit-own", "edit", nil, allowed)
		act("unit-other", "edit", nil, forbidden)
		// Data of two units: only an account of the whole department may upload it,
		// and a unit's preparer may then neither replace nor explain nor submit it.
		act("unit-own", "upload", twoUnits, refusedOnPage)
		act("unit-none", "upload", twoUnits, allowed)
		sees("unit-own", false, ownUnit)
		sees("unit-none", true, ownUnit, "深圳市龙岗区政务服务中心")
		sees("dept-rev", true, ownUnit, "深圳市龙岗区政务服务中心")
		act("unit-own", "upload", good, forbidden)
		act("unit-own", "explain", nil, forbidden)
		act("unit-own", "submit", nil, forbidden)
		act("unit-own", "edit", nil, forbidden)
		act("unit-none", "explain", nil, allowed)
		act("unit-none", "submit", nil, allowed)
	})
}
