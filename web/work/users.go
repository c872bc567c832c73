package work

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"yusuan/account"
	"yusuan/store"
)

// usersPage is the account management page of a region's administrator.
type usersPage struct {
	Region      string
	Users       []userRow
	Departments []store.Department
	Roles       []roleOption
	Form        userForm
	Error       string
	// Done says what the last action did; Password, when set, is the password
	// given to the account, shown this once.
	Done     string
	Login    string
	Password string
}

type userRow struct {
	store.UserInfo
	Self   bool
	Status string
	Locked bool
}

type roleOption struct{ Value, Label string }

type userForm struct {
	Login, Name, Role, Unit string
	Department              int64
}

func formatID(id int64) string { return strconv.FormatInt(id, 10) }

func (s *Server) usersPage(r *http.Request, c *caller) (*usersPage, error) {
	ctx, cancel := s.query(r)
	defer cancel()
	p := &usersPage{Region: c.User.Region}
	users, err := s.st.Users(ctx, store.UserFilter{RegionID: c.User.RegionID})
	if err != nil {
		return nil, err
	}
	now := s.opts.Now()
	for _, u := range users {
		row := userRow{UserInfo: u, Self: u.ID == c.User.ID, Status: "启用", Locked: u.Locked(now)}
		switch {
		case u.Disabled:
			row.Status = "已停用"
		case row.Locked:
			row.Status = "已锁定至 " + u.LockedUntil.Local().Format("15:04")
		}
		p.Users = append(p.Users, row)
	}
	if p.Departments, err = s.st.WorkDepartments(ctx, c.User.Region); err != nil {
		return nil, err
	}
	for _, role := range account.Roles {
		p.Roles = append(p.Roles, roleOption{string(role), role.Label()})
	}
	return p, nil
}

func (s *Server) showUsers(w http.ResponseWriter, r *http.Request, c *caller) error {
	p, err := s.usersPage(r, c)
	if err != nil {
		return err
	}
	return s.render(w, c, http.StatusOK, "users", "账号管理", "users", p)
}

// addUser creates an account in the administrator's region. A password left
// empty is generated and shown once.
func (s *Server) addUser(w http.ResponseWriter, r *http.Request, c *caller) error {
	f := userForm{
		Login: strings.ToLower(strings.TrimSpace(r.PostFormValue("login"))),
		Name:  strings.TrimSpace(r.PostFormValue("name")),
		Role:  r.PostFormValue("role"),
		Unit:  strings.TrimSpace(r.PostFormValue("unit")),
	}
	f.Department, _ = strconv.ParseInt(r.PostFormValue("department"), 10, 64)
	pw := r.PostFormValue("password")
	again := func(msg string) error {
		p, err := s.usersPage(r, c)
		if err != nil {
			return err
		}
		p.Form, p.Error = f, msg
		return s.render(w, c, http.StatusBadRequest, "users", "账号管理", "users", p)
	}
	role, err := account.ParseRole(f.Role)
	if err != nil {
		return again(err.Error())
	}
	u := account.User{Login: f.Login, Name: f.Name, Role: role, RegionID: c.User.RegionID, Unit: f.Unit}
	if role.DepartmentScoped() {
		u.DepartmentID = f.Department
	}
	if err := u.Check(); err != nil {
		return again(err.Error())
	}
	generated := pw == ""
	if generated {
		pw = account.GeneratePassword()
	} else if err := account.CheckPassword(pw, u.Login); err != nil {
		return again(err.Error())
	}
	hash, err := account.HashPassword(pw)
	if err != nil {
		return err
	}
	ctx, cancel := s.query(r)
	defer cancel()
	if _, err := s.st.CreateUser(ctx, c.Actor(), u, hash, s.opts.Now()); err != nil {
		if errors.Is(err, store.ErrLoginTaken) {
			return again("登录名“" + u.Login + "”已被使用，请换一个")
		}
		if errors.Is(err, store.ErrInvalid) {
			return again("部门不属于本地区")
		}
		return err
	}
	p, err := s.usersPage(r, c)
	if err != nil {
		return err
	}
	p.Done, p.Login = "已新建账号 "+u.Login+"（"+role.Label()+"）。", u.Login
	if generated {
		p.Password = pw
	}
	return s.render(w, c, http.StatusOK, "users", "账号管理", "users", p)
}

// addDepartment adds a department to the administrator's region, so that its
// accounts can be created before any of its budgets is imported.
func (s *Server) addDepartment(w http.ResponseWriter, r *http.Request, c *caller) error {
	name := strings.TrimSpace(r.PostFormValue("dept_name"))
	code := strings.TrimSpace(r.PostFormValue("dept_code"))
	again := func(msg string) error {
		p, err := s.usersPage(r, c)
		if err != nil {
			return err
		}
		p.Error = msg
		return s.render(w, c, http.StatusBadRequest, "users", "账号管理", "users", p)
	}
	switch {
	case name == "":
		return again("请填写部门名称")
	case len([]rune(name)) > 100 || len([]rune(code)) > 50:
		return again("部门名称最多 100 个字，编码最多 50 个字符")
	}
	ctx, cancel := s.query(r)
	defer cancel()
	if _, err := s.st.EnsureDepartment(ctx, c.Actor(), c.User.RegionID, name, code, s.opts.Now()); err != nil {
		return err
	}
	p, err := s.usersPage(r, c)
	if err != nil {
		return err
	}
	p.Done = "已有部门“" + name + "”，可以为它新建账号。"
	return s.render(w, c, http.StatusOK, "users", "账号管理", "users", p)
}

// target returns the account named by the path, which pathUser has already
// found to be in the caller's scope.
func (s *Server) target(r *http.Request) (store.UserInfo, error) {
	id, err := strconv.ParseInt(r.PathValue("user"), 10, 64)
	if err != nil || id <= 0 {
		return store.UserInfo{}, errNotFound
	}
	ctx, cancel := s.query(r)
	defer cancel()
	return s.st.User(ctx, id)
}

func (s *Server) disableUser(w http.ResponseWriter, r *http.Request, c *caller) error {
	return s.setDisabled(w, r, c, true)
}

func (s *Server) enableUser(w http.ResponseWriter, r *http.Request, c *caller) error {
	return s.setDisabled(w, r, c, false)
}

func (s *Server) setDisabled(w http.ResponseWriter, r *http.Request, c *caller, disabled bool) error {
	u, err := s.target(r)
	if err != nil {
		return err
	}
	if u.ID == c.User.ID {
		return errInvalid("不能停用或启用自己的账号")
	}
	ctx, cancel := s.query(r)
	defer cancel()
	if err := s.st.SetDisabled(ctx, c.Actor(), u.ID, disabled, s.opts.Now()); err != nil {
		return err
	}
	p, err := s.usersPage(r, c)
	if err != nil {
		return err
	}
	p.Done = "已启用账号 " + u.Login + "。"
	if disabled {
		p.Done = "已停用账号 " + u.Login + "，其登录会话已全部结束。"
	}
	return s.render(w, c, http.StatusOK, "users", "账号管理", "users", p)
}

// resetUser gives an account a new password (the one typed, or a generated one
// shown once) and ends its lockout and sessions.
func (s *Server) resetUser(w http.ResponseWriter, r *http.Request, c *caller) error {
	u, err := s.target(r)
	if err != nil {
		return err
	}
	pw := r.PostFormValue("password")
	generated := pw == ""
	if generated {
		pw = account.GeneratePassword()
	} else if err := account.CheckPassword(pw, u.Login); err != nil {
		return errInvalid(err.Error())
	}
	hash, err := account.HashPassword(pw)
	if err != nil {
		return err
	}
	ctx, cancel := s.query(r)
	defer cancel()
	if err := s.st.ResetPassword(ctx, c.Actor(), u.ID, hash, s.opts.Now()); err != nil {
		return err
	}
	p, err := s.usersPage(r, c)
	if err != nil {
		return err
	}
	p.Done, p.Login = "已重置账号 "+u.Login+" 的密码并解除锁定。", u.Login
	if generated {
		p.Password = pw
	}
	return s.render(w, c, http.StatusOK, "users", "账号管理", "users", p)
}

// pathUser is the scope of a request on the account named by the path: that
// account's region and department.
func pathUser(s *Server, r *http.Request, c *caller) (int64, int64, error) {
	u, err := s.target(r)
	if err != nil {
		return 0, 0, err
	}
	return u.RegionID, u.DepartmentID, nil
}

// formDepartment is the scope of a form that names a department (field
// "department"): that department's region and itself; the caller's region when
// the form names none.
func formDepartment(s *Server, r *http.Request, c *caller) (int64, int64, error) {
	return departmentScope(s, r, r.PostFormValue("department"))
}

// queryDepartment is the scope of a page filtered by a department (query
// parameter "department").
func queryDepartment(s *Server, r *http.Request, c *caller) (int64, int64, error) {
	return departmentScope(s, r, r.URL.Query().Get("department"))
}

// pathDepartment is the scope of a request on the department named by the path
// ({dept}): that department's region and itself.
func pathDepartment(s *Server, r *http.Request, c *caller) (int64, int64, error) {
	if r.PathValue("dept") == "" {
		return 0, 0, errNotFound
	}
	return departmentScope(s, r, r.PathValue("dept"))
}

func departmentScope(s *Server, r *http.Request, value string) (int64, int64, error) {
	if value == "" || value == "0" {
		return 0, 0, nil
	}
	id, err := strconv.ParseInt(value, 10, 64)
	if err != nil || id <= 0 {
		return 0, 0, errInvalid("部门编号不正确")
	}
	ctx, cancel := s.query(r)
	defer cancel()
	d, err := s.st.WorkDepartment(ctx, id)
	if err != nil {
		return 0, 0, err
	}
	return d.RegionID, d.ID, nil
}
