package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"yusuan/account"
)

// AuditEntry is one action of the work area's audit log: who took it, when, what
// it was, on which object and version, and from which address.
type AuditEntry struct {
	ID           int64
	At           time.Time
	UserID       int64
	Login        string
	Role         account.Role
	RegionID     int64
	DepartmentID int64
	Action       string // what was done: "login", "submit", "approve", …
	Object       string // what it was done to: "department 12 2026 部门预算", "user wang"
	Version      int    // the version of the data or document acted on, when there is one
	Address      string
	Detail       string // a reason, an explanation, the fields changed
	PrevHash     string
	Hash         string
}

// Bounds on what one audit entry may hold.
const (
	maxAuditText   = 200  // runes of action, object, login, address
	maxAuditDetail = 4000 // runes of detail
	MaxAuditList   = 10_000
)

// auditGenesis is the previous hash of the first entry.
const auditGenesis = "0000000000000000000000000000000000000000000000000000000000000000"

// NewAuditEntry starts an entry for an action of actor; the caller fills Object,
// Version and Detail.
func NewAuditEntry(actor account.Actor, action string) AuditEntry {
	u := actor.User
	return AuditEntry{UserID: u.ID, Login: u.Login, Role: u.Role, RegionID: u.RegionID,
		DepartmentID: u.DepartmentID, Action: action, Address: actor.Address}
}

// AppendAudit appends e to the audit log in a transaction of its own, for actions
// that change nothing else (a login, a failed login, an export). Actions that
// change data append their entry with appendAudit inside their own transaction, so
// that the action and its record commit together.
func (s *Store) AppendAudit(ctx context.Context, e AuditEntry) (AuditEntry, error) {
	err := s.update(ctx, "append audit", func(tx *tx) error {
		var err error
		e, err = tx.appendAudit(ctx, e)
		return err
	})
	return e, err
}

// appendAudit chains e to the last entry and inserts it. It sets e's time (now,
// to the microsecond), hashes and ID.
func (t *tx) appendAudit(ctx context.Context, e AuditEntry) (AuditEntry, error) {
	if strings.TrimSpace(e.Action) == "" {
		return e, invalid("audit entry without an action")
	}
	e.Login = truncate(clean(e.Login), maxAuditText)
	e.Action = truncate(clean(e.Action), maxAuditText)
	e.Object = truncate(clean(e.Object), maxAuditText)
	e.Address = truncate(clean(e.Address), maxAuditText)
	e.Detail = truncate(clean(e.Detail), maxAuditDetail)
	if t.d.lockAudit != "" {
		if _, err := t.exec(ctx, t.d.lockAudit); err != nil {
			return e, err
		}
	}
	prev := auditGenesis
	err := t.queryRow(ctx, `SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`).Scan(&prev)
	if err != nil && !isNoRows(err) {
		return e, err
	}
	if e.At.IsZero() {
		e.At = time.Now()
	}
	e.At = time.UnixMicro(e.At.UnixMicro()).UTC()
	e.PrevHash = prev
	e.Hash = e.hash()
	err = t.queryRow(ctx, `INSERT INTO audit_log (at, user_id, login, role, region_id, department_id,
		action, object, version, address, detail, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		e.At.UnixMicro(), e.UserID, e.Login, string(e.Role), e.RegionID, e.DepartmentID,
		e.Action, e.Object, e.Version, e.Address, e.Detail, e.PrevHash, e.Hash).Scan(&e.ID)
	return e, err
}

// hash is the SHA-256, in hex, of the entry's content and its previous hash, each
// field written with its length so that no two entries encode alike.
func (e AuditEntry) hash() string {
	h := sha256.New()
	for _, f := range []string{
		strconv.FormatInt(e.At.UnixMicro(), 10), strconv.FormatInt(e.UserID, 10), e.Login,
		string(e.Role), strconv.FormatInt(e.RegionID, 10), strconv.FormatInt(e.DepartmentID, 10),
		e.Action, e.Object, strconv.Itoa(e.Version), e.Address, e.Detail, e.PrevHash,
	} {
		fmt.Fprintf(h, "%d:%s;", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// AuditFilter selects entries of the audit log; zero fields select everything.
type AuditFilter struct {
	RegionID     int64
	DepartmentID int64
	Login        string
	Action       string
	From, To     time.Time // To is exclusive
	BeforeID     int64     // keyset paging: entries older than this one
	Limit        int       // at most MaxAuditList; 0 means 100
}

// ListAudit returns the entries that f selects, newest first.
func (s *Store) ListAudit(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	var where []string
	var args []any
	add := func(cond string, arg any) { where = append(where, cond); args = append(args, arg) }
	if f.RegionID != 0 {
		add("region_id = ?", f.RegionID)
	}
	if f.DepartmentID != 0 {
		add("department_id = ?", f.DepartmentID)
	}
	if f.Login != "" {
		add("login = ?", f.Login)
	}
	if f.Action != "" {
		add("action = ?", f.Action)
	}
	if !f.From.IsZero() {
		add("at >= ?", f.From.UnixMicro())
	}
	if !f.To.IsZero() {
		add("at < ?", f.To.UnixMicro())
	}
	if f.BeforeID > 0 {
		add("id < ?", f.BeforeID)
	}
	q := `SELECT ` + auditColumns + ` FROM audit_log`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += fmt.Sprintf(" ORDER BY id DESC LIMIT %d", limit(f.Limit, 100, MaxAuditList))
	var out []AuditEntry
	err := s.view(ctx, "list audit", func(tx *tx) error {
		var err error
		out, err = collect(ctx, tx, scanAudit, q, args...)
		return err
	})
	return out, err
}

// AuditBreak is where the audit log's hash chain breaks.
type AuditBreak struct {
	ID     int64  // the first entry whose hashes do not hold
	Reason string // in Chinese, for the administrator
}

const auditColumns = `id, at, user_id, login, role, region_id, department_id, action, object,
	version, address, detail, prev_hash, hash`

func scanAudit(sc scanner) (AuditEntry, error) {
	var e AuditEntry
	var at int64
	var role string
	err := sc.Scan(&e.ID, &at, &e.UserID, &e.Login, &role, &e.RegionID, &e.DepartmentID,
		&e.Action, &e.Object, &e.Version, &e.Address, &e.Detail, &e.PrevHash, &e.Hash)
	e.At = time.UnixMicro(at).UTC()
	e.Role = account.Role(role)
	return e, err
}
