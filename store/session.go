package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"

	"yusuan/account"
)

// Session is a logged-in visit of the work area. The store knows it by the
// SHA-256 of its token only, so a copy of the database opens no session.
type Session struct {
	User     UserInfo
	CSRF     string // the secret every form of the session carries
	Address  string // where the login came from
	Created  time.Time
	Expires  time.Time // the absolute end, however active the session
	LastSeen time.Time // the last request, for the idle limit
}

// tokenHash is what the store keeps of a session token.
func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// LoginState is what a login attempt is judged on before its password is
// checked: the account (nil when no account has the login), its password hash,
// and the failed attempts counted for the login and for the address.
type LoginState struct {
	User            *UserInfo
	PasswordHash    string
	LoginFailures   int
	AddressFailures int
}

// LoginState returns the state of login as seen from address, counting the
// failed attempts since since.
func (s *Store) LoginState(ctx context.Context, login, address string, since time.Time) (LoginState, error) {
	var st LoginState
	err := s.view(ctx, "login state", func(tx *tx) error {
		u, err := scanUser(tx.queryRow(ctx, userSelect+`WHERE u.login = ?`, login))
		switch {
		case err == nil:
			st.User = &u
			if st.PasswordHash, err = passwordHash(ctx, tx, u.ID); err != nil {
				return err
			}
		case !isNoRows(err):
			return err
		}
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM login_attempts WHERE login = ? AND at >= ? AND NOT ok`,
			login, since.UnixMicro()).Scan(&st.LoginFailures); err != nil {
			return err
		}
		return tx.queryRow(ctx, `SELECT COUNT(*) FROM login_attempts WHERE address = ? AND at >= ? AND NOT ok`,
			address, since.UnixMicro()).Scan(&st.AddressFailures)
	})
	return st, err
}

// attemptsKept is how long login attempts are kept for counting.
const attemptsKept = 24 * time.Hour

func recordAttempt(ctx context.Context, tx *tx, login, address string, ok bool, at time.Time) error {
	if _, err := tx.exec(ctx, `DELETE FROM login_attempts WHERE at < ?`, at.Add(-attemptsKept).UnixMicro()); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `INSERT INTO login_attempts (at, login, address, ok) VALUES (?, ?, ?, ?)`,
		at.UnixMicro(), truncate(clean(login), maxAuditText), truncate(clean(address), maxAuditText), ok)
	return err
}

// LoginFailed records a failed login of actor (whose User is the account when one
// has the login, else only its Login) with the reason in Chinese. The account's
// count of failures grows; when it reaches lockAfter the account is locked until
// lockUntil, and LoginFailed says so.
func (s *Store) LoginFailed(ctx context.Context, actor account.Actor, reason string, lockAfter int, lockUntil, at time.Time) (locked bool, err error) {
	err = s.update(ctx, "login failed", func(tx *tx) error {
		login := actor.User.Login
		if err := recordAttempt(ctx, tx, login, actor.Address, false, at); err != nil {
			return err
		}
		e := NewAuditEntry(actor, "login.fail")
		e.Object, e.Detail, e.At = "user "+login, reason, at
		if actor.User.ID != 0 {
			var failed int
			if err := tx.queryRow(ctx, `UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ? RETURNING failed_logins`,
				actor.User.ID).Scan(&failed); err != nil {
				return err
			}
			if lockAfter > 0 && failed >= lockAfter {
				if _, err := tx.exec(ctx, `UPDATE users SET locked_until = ? WHERE id = ?`, lockUntil.UnixMicro(), actor.User.ID); err != nil {
					return err
				}
				locked = true
				e.Detail += "；连续失败 " + strconv.Itoa(failed) + " 次，账号锁定至 " + lockUntil.Local().Format("2006-01-02 15:04:05")
			}
		}
		_, err := tx.appendAudit(ctx, e)
		return err
	})
	return locked, err
}

// StartSession opens a session for actor's account after a successful login: it
// records the attempt, clears the account's failures and lockout, ends the
// session the browser brought (oldToken, when any: a new login never keeps a
// token that was known before it), stores the new one and appends the "login"
// audit entry, all in one transaction.
func (s *Store) StartSession(ctx context.Context, actor account.Actor, token, oldToken, csrf string, at, expires time.Time) error {
	if len(token) < 32 || len(csrf) < 32 {
		return invalid("session token or CSRF secret too short")
	}
	return s.update(ctx, "start session", func(tx *tx) error {
		u := actor.User
		if err := recordAttempt(ctx, tx, u.Login, actor.Address, true, at); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = ?`, u.ID); err != nil {
			return err
		}
		if oldToken != "" {
			if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash(oldToken)); err != nil {
				return err
			}
		}
		// Sessions of the account that have ended are cleared on the way.
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ? AND expires_at < ?`, u.ID, at.UnixMicro()); err != nil {
			return err
		}
		us := at.UnixMicro()
		if _, err := tx.exec(ctx, `INSERT INTO sessions (token_hash, user_id, csrf, address, created_at, expires_at, last_seen)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, tokenHash(token), u.ID, csrf, truncate(clean(actor.Address), maxAuditText),
			us, expires.UnixMicro(), us); err != nil {
			return err
		}
		e := NewAuditEntry(actor, "login")
		e.Object, e.At = "user "+u.Login, at
		_, err := tx.appendAudit(ctx, e)
		return err
	})
}

// Session returns the session whose token is token, with its account as it is
// now; ErrNotFound when there is none. Whether it has expired is the caller's
// judgement (idle and absolute limits are the work area's settings).
func (s *Store) Session(ctx context.Context, token string) (Session, error) {
	var ses Session
	err := s.view(ctx, "session", func(tx *tx) error {
		var userID, created, expires, seen int64
		err := tx.queryRow(ctx, `SELECT user_id, csrf, address, created_at, expires_at, last_seen FROM sessions WHERE token_hash = ?`,
			tokenHash(token)).Scan(&userID, &ses.CSRF, &ses.Address, &created, &expires, &seen)
		if isNoRows(err) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		ses.Created, ses.Expires, ses.LastSeen = time.UnixMicro(created).UTC(), time.UnixMicro(expires).UTC(), time.UnixMicro(seen).UTC()
		ses.User, err = userByID(ctx, tx, userID)
		return err
	})
	return ses, err
}

// TouchSession records a request of the session at at, for the idle limit.
func (s *Store) TouchSession(ctx context.Context, token string, at time.Time) error {
	return s.update(ctx, "touch session", func(tx *tx) error {
		_, err := tx.exec(ctx, `UPDATE sessions SET last_seen = ? WHERE token_hash = ? AND last_seen < ?`,
			at.UnixMicro(), tokenHash(token), at.UnixMicro())
		return err
	})
}

// EndSession deletes the session of token. When action is not empty ("logout"),
// actor's action is appended to the audit log in the same transaction.
func (s *Store) EndSession(ctx context.Context, actor account.Actor, token, action, detail string, at time.Time) error {
	return s.update(ctx, "end session", func(tx *tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash(token)); err != nil {
			return err
		}
		if action == "" {
			return nil
		}
		e := NewAuditEntry(actor, action)
		e.Object, e.Detail, e.At = "user "+actor.User.Login, detail, at
		_, err := tx.appendAudit(ctx, e)
		return err
	})
}

// PurgeSessions deletes the sessions that ended before at (absolute limit) or
// were last seen before idleSince, and returns how many.
func (s *Store) PurgeSessions(ctx context.Context, at, idleSince time.Time) (int64, error) {
	var n int64
	err := s.update(ctx, "purge sessions", func(tx *tx) error {
		res, err := tx.exec(ctx, `DELETE FROM sessions WHERE expires_at < ? OR last_seen < ?`, at.UnixMicro(), idleSince.UnixMicro())
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}
