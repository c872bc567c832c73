package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"yusuan/account"
)

// testHash is a valid argon2id hash made with tiny parameters, so that store tests
// need not spend time hashing.
var testHash = func() string {
	h, err := account.HashPasswordWith("correct horse", account.PasswordParams{Memory: 8, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
	if err != nil {
		panic(err)
	}
	return h
}()

// accountsFixture makes a region with two departments and returns their ids.
func accountsFixture(t *testing.T, s *Store) (region, deptA, deptB int64) {
	t.Helper()
	ctx := context.Background()
	region, err := s.EnsureRegion(ctx, "测试区")
	if err != nil {
		t.Fatal(err)
	}
	err = s.update(ctx, "fixture", func(tx *tx) error {
		if deptA, err = upsertDepartment(ctx, tx, region, "测试区财政局", "101", false); err != nil {
			return err
		}
		deptB, err = upsertDepartment(ctx, tx, region, "测试区教育局", "102", false)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return region, deptA, deptB
}

var cli = account.Actor{User: account.User{Login: "cli:test"}, Address: "local"}

func TestUsers(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		now := time.Now()
		region, deptA, deptB := accountsFixture(t, s)
		if again, err := s.EnsureRegion(ctx, "测试区"); err != nil || again != region {
			t.Fatalf("EnsureRegion again = %d, %v; want %d", again, err, region)
		}
		u, err := s.CreateUser(ctx, cli, account.User{Login: "wang", Name: "王五", Role: account.Preparer, RegionID: region, DepartmentID: deptA, Unit: "本级"}, testHash, now)
		if err != nil || u.ID == 0 {
			t.Fatalf("CreateUser = %+v, %v", u, err)
		}
		if _, err := s.CreateUser(ctx, cli, account.User{Login: "wang", Name: "另一个", Role: account.Admin, RegionID: region}, testHash, now); !errors.Is(err, ErrLoginTaken) {
			t.Errorf("duplicate login: %v, want ErrLoginTaken", err)
		}
		for _, bad := range []account.User{
			{Login: "Li", Name: "李", Role: account.Admin, RegionID: region},
			{Login: "li", Name: "", Role: account.Admin, RegionID: region},
			{Login: "li", Name: "李", Role: account.Preparer, RegionID: region},
			{Login: "li", Name: "李", Role: account.Admin, RegionID: region, DepartmentID: deptA},
			{Login: "li", Name: "李", Role: "boss", RegionID: region},
			{Login: "li", Name: "李", Role: account.DeptReviewer, RegionID: region, DepartmentID: 99999},
		} {
			if _, err := s.CreateUser(ctx, cli, bad, testHash, now); !errors.Is(err, ErrInvalid) {
				t.Errorf("CreateUser(%+v) = %v, want ErrInvalid", bad, err)
			}
		}
		if _, err := s.CreateUser(ctx, cli, account.User{Login: "zhao", Name: "赵六", Role: account.DeptReviewer, RegionID: region, DepartmentID: deptB}, testHash, now); err != nil {
			t.Fatal(err)
		}
		list, err := s.Users(ctx, UserFilter{RegionID: region})
		if len(list) == 2 && list[0].Login != "wang" {
			list[0], list[1] = list[1], list[0]
		}
		if err != nil || len(list) != 2 || list[0].Department != "测试区财政局" || list[0].Region != "测试区" || list[0].Unit != "本级" {
			t.Fatalf("Users = %+v, %v", list, err)
		}
		if only, _ := s.Users(ctx, UserFilter{DepartmentID: deptB}); len(only) != 1 || only[0].Login != "zhao" {
			t.Errorf("Users of department B = %+v", only)
		}

		// Every change is in the audit log, under the account's region and department.
		if err := s.SetDisabled(ctx, cli, u.ID, true, now); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.User(ctx, u.ID); !got.Disabled {
			t.Error("not disabled")
		}
		if err := s.SetDisabled(ctx, cli, u.ID, false, now); err != nil {
			t.Fatal(err)
		}
		if err := s.ResetPassword(ctx, cli, u.ID, testHash, now); err != nil {
			t.Fatal(err)
		}
		if err := s.SetDisabled(ctx, cli, 424242, true, now); !errors.Is(err, ErrNotFound) {
			t.Errorf("disable a missing user: %v", err)
		}
		entries, err := s.ListAudit(ctx, AuditFilter{DepartmentID: deptA})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range entries {
			if e.Object != "user wang" || e.Login != "cli:test" || e.RegionID != region {
				t.Errorf("audit entry %+v", e)
			}
			actions = append([]string{e.Action}, actions...)
		}
		if got := strings.Join(actions, " "); got != "user.add user.disable user.enable user.reset" {
			t.Errorf("audit actions = %s", got)
		}
		if brk, _, err := s.VerifyAudit(ctx); brk != nil || err != nil {
			t.Errorf("VerifyAudit = %+v, %v", brk, err)
		}
	})
}

func TestSessionsAndLockout(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		now := time.Now()
		region, deptA, _ := accountsFixture(t, s)
		u, err := s.CreateUser(ctx, cli, account.User{Login: "wang", Name: "王五", Role: account.Preparer, RegionID: region, DepartmentID: deptA}, testHash, now)
		if err != nil {
			t.Fatal(err)
		}
		actor := account.Actor{User: u, Address: "10.1.1.1"}
		for i := 1; i <= 3; i++ {
			locked, err := s.LoginFailed(ctx, actor, "密码不正确", 3, now.Add(time.Hour), now)
			if err != nil || locked != (i == 3) {
				t.Fatalf("failure %d: locked %v, %v", i, locked, err)
			}
		}
		// Unknown logins are counted too, by login and by address.
		if _, err := s.LoginFailed(ctx, account.Actor{User: account.User{Login: "nobody"}, Address: "10.1.1.1"}, "无此账号", 3, now, now); err != nil {
			t.Fatal(err)
		}
		st, err := s.LoginState(ctx, "wang", "10.1.1.1", now.Add(-time.Minute))
		if err != nil || st.User == nil || st.LoginFailures != 3 || st.AddressFailures != 4 || !st.User.Locked(now) || st.PasswordHash != testHash {
			t.Fatalf("LoginState = %+v, %v", st, err)
		}
		if st, _ := s.LoginState(ctx, "nobody", "10.9.9.9", now.Add(-time.Minute)); st.User != nil || st.LoginFailures != 1 || st.AddressFailures != 0 {
			t.Errorf("LoginState(nobody) = %+v", st)
		}

		// A reset ends the lockout; a login rotates the session token.
		if err := s.ResetPassword(ctx, cli, u.ID, testHash, now); err != nil {
			t.Fatal(err)
		}
		token, csrf := strings.Repeat("a", 43), strings.Repeat("c", 43)
		if err := s.StartSession(ctx, actor, token, "", csrf, now, now.Add(12*time.Hour)); err != nil {
			t.Fatal(err)
		}
		ses, err := s.Session(ctx, token)
		if err != nil || ses.User.Login != "wang" || ses.CSRF != csrf || ses.User.Locked(now) || ses.User.FailedLogins != 0 {
			t.Fatalf("Session = %+v, %v", ses, err)
		}
		var stored int
		s.db.QueryRowContext(ctx, s.d.bind(`SELECT COUNT(*) FROM sessions WHERE token_hash = ?`), token).Scan(&stored)
		if stored != 0 {
			t.Error("the token itself is stored")
		}
		token2 := strings.Repeat("b", 43)
		if err := s.StartSession(ctx, actor, token2, token, csrf, now, now.Add(12*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Session(ctx, token); !errors.Is(err, ErrNotFound) {
			t.Errorf("old token still opens a session: %v", err)
		}
		if err := s.TouchSession(ctx, token2, now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if ses, _ := s.Session(ctx, token2); !ses.LastSeen.Equal(time.UnixMicro(now.Add(time.Minute).UnixMicro()).UTC()) {
			t.Errorf("LastSeen = %v", ses.LastSeen)
		}
		// Disabling ends the sessions.
		if err := s.SetDisabled(ctx, cli, u.ID, true, now); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Session(ctx, token2); !errors.Is(err, ErrNotFound) {
			t.Errorf("a disabled account's session survives: %v", err)
		}
		if err := s.StartSession(ctx, actor, token, "", csrf, now, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.EndSession(ctx, actor, token, "logout", "", now); err != nil {
			t.Fatal(err)
		}
		if n, err := s.PurgeSessions(ctx, now, now); err != nil || n != 0 {
			t.Errorf("PurgeSessions = %d, %v", n, err)
		}
		entries, _ := s.ListAudit(ctx, AuditFilter{Login: "wang"})
		var actions []string
		for _, e := range entries {
			actions = append([]string{e.Action}, actions...)
		}
		if got := strings.Join(actions, " "); got != "login.fail login.fail login.fail login login login logout" {
			t.Errorf("audit actions of wang = %s", got)
		}
		if !strings.Contains(entries[len(entries)-3].Detail, "锁定") {
			t.Errorf("the third failure does not say the account is locked: %q", entries[len(entries)-3].Detail)
		}
	})
}
