package work

import (
	"fmt"
	"net/http"
	"strings"
	"sync"

	"yusuan/account"
)

// loginForm is the login page's data.
type loginForm struct {
	Login   string
	Next    string
	Message string // why the last attempt failed, or why the visitor is here
}

func (s *Server) showLogin(w http.ResponseWriter, r *http.Request, c *caller) error {
	f := loginForm{Next: safeNext(r.URL.Query().Get("next"))}
	switch {
	case c.LoggedIn():
		// Logging in again, as anyone, ends this session and starts a new one.
		f.Message = "您已以 " + c.User.Login + " 登录；在此重新登录将结束当前会话。"
	case r.URL.Query().Get("expired") != "" || c.Expired:
		f.Message = "登录已过期（30 分钟无操作或登录超过 12 小时），请重新登录。"
	}
	return s.render(w, c, http.StatusOK, "login", "登录", "login", f)
}

// safeNext keeps a redirect after login inside the work area.
func safeNext(next string) string {
	if !strings.HasPrefix(next, Prefix) || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") ||
		strings.HasPrefix(next, "/work/login") || len(next) > 2000 {
		return "/work/"
	}
	return next
}

// dummyHash is verified against when no account has the login, so that a
// failed login takes as long whether the login exists or not.
var dummyHash = sync.OnceValue(func() string {
	h, err := account.HashPassword(account.GeneratePassword())
	if err != nil {
		panic(err)
	}
	return h
})

// login checks a login and a password. Before the password is checked, attempts
// are refused from an address with too many recent failures, for a login no
// account has after too many failures (so that locked and unknown logins look
// alike), and for a locked account. A failure counts against the account, which
// is locked after LockAfter in a row; a success starts a new session under a new
// token, whatever cookie the browser brought.
func (s *Server) login(w http.ResponseWriter, r *http.Request, c *caller) error {
	login := strings.ToLower(strings.TrimSpace(r.PostFormValue("login")))
	pw := r.PostFormValue("password")
	f := loginForm{Login: login, Next: safeNext(r.PostFormValue("next"))}
	refuse := func(code int, msg string) error {
		f.Message = msg
		return s.render(w, c, code, "login", "登录", "login", f)
	}
	if login == "" || pw == "" {
		return refuse(http.StatusBadRequest, "请输入登录名和密码。")
	}
	if len(login) > 64 {
		login = login[:64]
	}
	ctx, cancel := s.query(r)
	defer cancel()
	now := s.opts.Now()
	st, err := s.st.LoginState(ctx, login, c.Address, now.Add(-s.opts.Window))
	if err != nil {
		return err
	}
	wait := fmt.Sprintf("%d 分钟", int(s.opts.Window.Minutes()))
	lockMsg := fmt.Sprintf("登录失败次数过多，账号已暂时锁定。请 %d 分钟后再试，或请管理员重置密码。", int(s.opts.LockFor.Minutes()))
	switch {
	case st.AddressFailures >= s.opts.AddressLimit:
		return refuse(http.StatusTooManyRequests, "来自您所在地址的登录失败次数过多，请 "+wait+"后再试。")
	case st.User == nil && st.LoginFailures >= s.opts.LoginLimit:
		return refuse(http.StatusTooManyRequests, lockMsg)
	case st.User != nil && st.User.Locked(now):
		return refuse(http.StatusTooManyRequests, lockMsg)
	}

	actor := account.Actor{User: account.User{Login: login}, Address: c.Address}
	hash := dummyHash()
	if st.User != nil {
		actor.User = st.User.User
		hash = st.PasswordHash
	}
	ok, err := account.VerifyPassword(pw, hash)
	if err != nil {
		s.log.Error("unreadable password hash", "login", login, "err", err)
		ok = false
	}
	reason := ""
	switch {
	case st.User == nil:
		reason = "无此登录名"
	case !ok:
		reason = "密码不正确"
	case st.User.Disabled:
		reason = "账号已停用"
	}
	if reason != "" {
		locked, err := s.st.LoginFailed(ctx, actor, reason, s.opts.LockAfter, now.Add(s.opts.LockFor), now)
		if err != nil {
			return err
		}
		switch {
		case locked:
			return refuse(http.StatusTooManyRequests, lockMsg)
		case reason == "账号已停用":
			return refuse(http.StatusUnauthorized, "账号已停用，请联系管理员。")
		}
		return refuse(http.StatusUnauthorized, "登录名或密码不正确。")
	}

	token, csrf := randomToken(), randomToken()
	old := ""
	if ck, err := r.Cookie(sessionCookie); err == nil {
		old = ck.Value
	}
	if err := s.st.StartSession(ctx, actor, token, old, csrf, now, now.Add(s.opts.MaxSessionAge)); err != nil {
		return err
	}
	// Sessions that ended without a logout are cleared on the way.
	if _, err := s.st.PurgeSessions(ctx, now, now.Add(-s.opts.IdleTimeout)); err != nil {
		s.log.Warn("purge sessions", "err", err)
	}
	s.setCookie(w, r, sessionCookie, token, 0)
	s.clearCookie(w, r, preCookie)
	http.Redirect(w, r, f.Next, http.StatusSeeOther)
	return nil
}

// logout ends the session and records it.
func (s *Server) logout(w http.ResponseWriter, r *http.Request, c *caller) error {
	ctx, cancel := s.query(r)
	defer cancel()
	if err := s.st.EndSession(ctx, c.Actor(), c.token, "logout", "", s.opts.Now()); err != nil {
		return err
	}
	s.clearCookie(w, r, sessionCookie)
	http.Redirect(w, r, "/work/login", http.StatusSeeOther)
	return nil
}

// home is the first page after login: who the caller is and what it may do.
type home struct {
	Role    string
	Scope   string
	Expires string
	Links   []menuItem
}

func (s *Server) showHome(w http.ResponseWriter, r *http.Request, c *caller) error {
	h := home{Role: c.User.Role.Label(), Scope: c.User.Region}
	if c.User.Department != "" {
		h.Scope += " · " + c.User.Department
	}
	if c.User.Unit != "" {
		h.Scope += " · " + c.User.Unit
	}
	h.Expires = c.Session.Expires.Local().Format("2006-01-02 15:04")
	for _, m := range menu[1:] {
		if a, ok := s.byRoute[m.route]; ok && a.allowedRole(c.User.Role) {
			h.Links = append(h.Links, menuItem{Label: m.label, Href: m.href})
		}
	}
	return s.render(w, c, http.StatusOK, "home", "首页", "home", h)
}
