package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"yusuan/account"
)

// ErrLoginTaken says another account already has the login.
var ErrLoginTaken = errors.New("store: login already taken")

// UserInfo is an account as the account pages and the CLI list it.
type UserInfo struct {
	account.User
	Region       string
	Department   string // empty for region-wide roles
	FailedLogins int    // since the last successful login
	LockedUntil  time.Time
	Created      time.Time
	Changed      time.Time
}

// Locked reports whether logins are refused at now because of failed attempts.
func (u UserInfo) Locked(now time.Time) bool { return u.LockedUntil.After(now) }

// UserFilter selects accounts; zero fields select everything.
type UserFilter struct {
	RegionID     int64
	DepartmentID int64
}

// EnsureRegion returns the region named name, adding it when it is new, so that a
// region's first administrator can be created before anything is imported.
func (s *Store) EnsureRegion(ctx context.Context, name string) (int64, error) {
	name = strings.TrimSpace(name)
	if name == "" || len([]rune(name)) > maxAuditText {
		return 0, invalid("region name empty or too long")
	}
	var id int64
	err := s.update(ctx, "ensure region", func(tx *tx) (err error) {
		id, err = upsertRegion(ctx, tx, clean(name))
		return err
	})
	return id, err
}

// RegionByName returns the id of the region named name.
func (s *Store) RegionByName(ctx context.Context, name string) (int64, error) {
	var id int64
	err := s.view(ctx, "region by name", func(tx *tx) error {
		err := tx.queryRow(ctx, `SELECT id FROM regions WHERE name = ?`, strings.TrimSpace(name)).Scan(&id)
		if isNoRows(err) {
			return fmt.Errorf("%w: region %q", ErrNotFound, name)
		}
		return err
	})
	return id, err
}

// CreateUser adds the account u with the given password hash and records it in
// the audit log as actor's action, in one transaction. The department, when u
// has one, must belong to u's region.
func (s *Store) CreateUser(ctx context.Context, actor account.Actor, u account.User, passwordHash string, at time.Time) (account.User, error) {
	u.Login = strings.TrimSpace(u.Login)
	u.Name = strings.TrimSpace(u.Name)
	u.Unit = strings.TrimSpace(u.Unit)
	if err := u.Check(); err != nil {
		return u, invalid("%s", err.Error())
	}
	if !strings.HasPrefix(passwordHash, "$argon2id$") {
		return u, invalid("password hash is not argon2id")
	}
	err := s.update(ctx, "create user", func(tx *tx) error {
		if err := checkDepartment(ctx, tx, u.RegionID, u.DepartmentID); err != nil {
			return err
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM users WHERE login = ?`, u.Login).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ErrLoginTaken
		}
		us := at.UnixMicro()
		err := tx.queryRow(ctx, `INSERT INTO users (login, name, role, region_id, department_id, unit, password_hash,
			disabled, failed_logins, locked_until, created_at, changed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, 0, 0, ?, ?) RETURNING id`,
			u.Login, clean(u.Name), string(u.Role), u.RegionID, nullID(u.DepartmentID), clean(u.Unit), passwordHash, us, us).Scan(&u.ID)
		if err != nil {
			return err
		}
		detail := "角色：" + u.Role.Label() + "；姓名：" + u.Name
		if u.Unit != "" {
			detail += "；单位：" + u.Unit
		}
		return auditUser(ctx, tx, actor, "user.add", u, detail, at)
	})
	return u, err
}

// checkDepartment makes sure department deptID (when not 0) is one of region's.
func checkDepartment(ctx context.Context, tx *tx, regionID, deptID int64) error {
	var n int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM regions WHERE id = ?`, regionID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return notFound("region", regionID)
	}
	if deptID == 0 {
		return nil
	}
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM departments WHERE id = ? AND region_id = ?`, deptID, regionID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return invalid("department %d is not one of region %d", deptID, regionID)
	}
	return nil
}

// auditUser appends the audit entry of an action on account u: it is filed under
// u's region and department, so that the administrators of that region see it.
func auditUser(ctx context.Context, tx *tx, actor account.Actor, action string, u account.User, detail string, at time.Time) error {
	e := NewAuditEntry(actor, action)
	e.RegionID, e.DepartmentID = u.RegionID, u.DepartmentID
	e.Object = "user " + u.Login
	e.Detail = detail
	e.At = at
	_, err := tx.appendAudit(ctx, e)
	return err
}

const userSelect = `SELECT u.id, u.login, u.name, u.role, u.region_id, COALESCE(u.department_id, 0), u.unit,
		u.disabled, u.failed_logins, u.locked_until, u.created_at, u.changed_at, r.name, COALESCE(d.name, '')
	FROM users u JOIN regions r ON r.id = u.region_id LEFT JOIN departments d ON d.id = u.department_id `

func scanUser(sc scanner) (UserInfo, error) {
	var u UserInfo
	var role string
	var locked, created, changed int64
	err := sc.Scan(&u.ID, &u.Login, &u.Name, &role, &u.RegionID, &u.DepartmentID, &u.Unit,
		&u.Disabled, &u.FailedLogins, &locked, &created, &changed, &u.Region, &u.Department)
	u.Role = account.Role(role)
	if locked > 0 {
		u.LockedUntil = time.UnixMicro(locked).UTC()
	}
	u.Created, u.Changed = time.UnixMicro(created).UTC(), time.UnixMicro(changed).UTC()
	return u, err
}

// User returns the account id.
func (s *Store) User(ctx context.Context, id int64) (UserInfo, error) {
	var u UserInfo
	err := s.view(ctx, "user", func(tx *tx) (err error) {
		u, err = userByID(ctx, tx, id)
		return err
	})
	return u, err
}

func userByID(ctx context.Context, tx *tx, id int64) (UserInfo, error) {
	u, err := scanUser(tx.queryRow(ctx, userSelect+`WHERE u.id = ?`, id))
	if isNoRows(err) {
		return u, notFound("user", id)
	}
	return u, err
}

// UserByLogin returns the account whose login is login.
func (s *Store) UserByLogin(ctx context.Context, login string) (UserInfo, error) {
	var u UserInfo
	err := s.view(ctx, "user by login", func(tx *tx) error {
		var err error
		u, err = scanUser(tx.queryRow(ctx, userSelect+`WHERE u.login = ?`, login))
		if isNoRows(err) {
			return fmt.Errorf("%w: user %q", ErrNotFound, login)
		}
		return err
	})
	return u, err
}

// Users returns the accounts f selects, by region, department and login.
func (s *Store) Users(ctx context.Context, f UserFilter) ([]UserInfo, error) {
	var out []UserInfo
	err := s.view(ctx, "users", func(tx *tx) (err error) {
		out, err = collect(ctx, tx, scanUser, userSelect+`WHERE (? = 0 OR u.region_id = ?) AND (? = 0 OR u.department_id = ?)
			ORDER BY r.name, COALESCE(d.name, ''), u.login LIMIT ?`,
			f.RegionID, f.RegionID, f.DepartmentID, f.DepartmentID, MaxListLength)
		return err
	})
	return out, err
}

// SetDisabled disables or enables account id as actor's action. Disabling ends
// every session of the account at once.
func (s *Store) SetDisabled(ctx context.Context, actor account.Actor, id int64, disabled bool, at time.Time) error {
	return s.update(ctx, "disable user", func(tx *tx) error {
		u, err := userByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE users SET disabled = ?, changed_at = ? WHERE id = ?`, disabled, at.UnixMicro(), id); err != nil {
			return err
		}
		action, detail := "user.enable", "启用账号"
		if disabled {
			action, detail = "user.disable", "停用账号，结束其全部登录会话"
			if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
				return err
			}
		}
		return auditUser(ctx, tx, actor, action, u.User, detail, at)
	})
}

// ResetPassword gives account id a new password hash as actor's action: it also
// ends the account's lockout and every session of it.
func (s *Store) ResetPassword(ctx context.Context, actor account.Actor, id int64, passwordHash string, at time.Time) error {
	if !strings.HasPrefix(passwordHash, "$argon2id$") {
		return invalid("password hash is not argon2id")
	}
	return s.update(ctx, "reset password", func(tx *tx) error {
		u, err := userByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = 0, changed_at = ?
			WHERE id = ?`, passwordHash, at.UnixMicro(), id); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
			return err
		}
		detail := "重置密码，解除锁定，结束其全部登录会话"
		if u.Locked(at) {
			detail = "重置密码并解除锁定（锁定至 " + u.LockedUntil.Local().Format("2006-01-02 15:04") + "），结束其全部登录会话"
		}
		return auditUser(ctx, tx, actor, "user.reset", u.User, detail, at)
	})
}

// passwordHash returns account id's password hash.
func passwordHash(ctx context.Context, tx *tx, id int64) (string, error) {
	var h string
	err := tx.queryRow(ctx, `SELECT password_hash FROM users WHERE id = ?`, id).Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return "", notFound("user", id)
	}
	return h, err
}

// EnsureDepartment returns the department of region regionID named name, adding
// it (with code) as actor's action when it is new, so that a region's accounts
// can be set up before any of its budgets is imported.
func (s *Store) EnsureDepartment(ctx context.Context, actor account.Actor, regionID int64, name, code string, at time.Time) (int64, error) {
	name, code = strings.TrimSpace(name), strings.TrimSpace(code)
	if name == "" || len([]rune(name)) > maxAuditText || len([]rune(code)) > 50 {
		return 0, invalid("department name empty or too long")
	}
	var id int64
	err := s.update(ctx, "ensure department", func(tx *tx) error {
		if err := checkDepartment(ctx, tx, regionID, 0); err != nil {
			return err
		}
		err := tx.queryRow(ctx, `SELECT id FROM departments WHERE region_id = ? AND name = ?`, regionID, name).Scan(&id)
		if err == nil || !isNoRows(err) {
			return err
		}
		if id, err = upsertDepartment(ctx, tx, regionID, clean(name), clean(code), false); err != nil {
			return err
		}
		e := NewAuditEntry(actor, "department.add")
		e.RegionID, e.DepartmentID, e.At = regionID, id, at
		e.Object = "department " + name
		if code != "" {
			e.Detail = "编码：" + code
		}
		_, err = tx.appendAudit(ctx, e)
		return err
	})
	return id, err
}
