// Package account names the people of the work area: their roles, the region and
// department each account is scoped to, and what a role may do. It holds no I/O:
// the store keeps accounts and sessions, the web work area checks them.
package account

import (
	"fmt"
	"strings"
)

// Role is what an account does in the preparation and publication workflow.
type Role string

// The roles, from the unit that prepares data to the bureau that publishes it.
const (
	Preparer       Role = "preparer"        // 单位填报人: prepares one unit's data
	DeptReviewer   Role = "dept_reviewer"   // 部门审核人: assembles and submits the department's budget
	BureauReviewer Role = "bureau_reviewer" // 财政局审核人: reviews every department, returns, approves
	Publisher      Role = "publisher"       // 公开发布人: publishes approved documents
	Admin          Role = "admin"           // 管理员: accounts and the region's settings
)

// Roles lists every role in workflow order.
var Roles = []Role{Preparer, DeptReviewer, BureauReviewer, Publisher, Admin}

var labels = map[Role]string{
	Preparer:       "单位填报人",
	DeptReviewer:   "部门审核人",
	BureauReviewer: "财政局审核人",
	Publisher:      "公开发布人",
	Admin:          "管理员",
}

// Label is the role's Chinese name, as users read it.
func (r Role) Label() string {
	if l, ok := labels[r]; ok {
		return l
	}
	return string(r)
}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool { _, ok := labels[r]; return ok }

// DepartmentScoped reports whether an account of this role belongs to one
// department (preparers and department reviewers) rather than to the whole region.
func (r Role) DepartmentScoped() bool { return r == Preparer || r == DeptReviewer }

// ParseRole accepts a role's identifier (preparer) or its Chinese name (单位填报人).
func ParseRole(s string) (Role, error) {
	s = strings.TrimSpace(s)
	for _, r := range Roles {
		if s == string(r) || s == labels[r] {
			return r, nil
		}
	}
	names := make([]string, len(Roles))
	for i, r := range Roles {
		names[i] = fmt.Sprintf("%s（%s）", r, labels[r])
	}
	return "", fmt.Errorf("未知的角色“%s”，应为：%s", s, strings.Join(names, "、"))
}

// User is an account of the work area. A department-scoped account (Preparer,
// DeptReviewer) has a DepartmentID; a Preparer may further be limited to one Unit
// of it (empty: every unit of the department). Region-wide roles have no department.
type User struct {
	ID           int64
	Login        string // unique, what the person types to log in
	Name         string // the person's name as shown in the audit log
	Role         Role
	RegionID     int64
	DepartmentID int64  // 0 for region-wide roles
	Unit         string // a Preparer's unit name; empty for the whole department
	Disabled     bool
}

// Actor is who takes an action and from where, as the audit log records it.
type Actor struct {
	User    User
	Address string // the client's address (IP), as the server saw it
}

// Scope answers whether u may act on the given region and department: region-wide
// roles on any department of their region, department-scoped ones on their own.
func (u User) Scope(regionID, departmentID int64) bool {
	if u.Disabled || u.RegionID != regionID {
		return false
	}
	if u.Role.DepartmentScoped() {
		return u.DepartmentID == departmentID
	}
	return true
}
