package store

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"yusuan/account"
)

func TestAuditChain(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		actor := account.Actor{User: account.User{ID: 7, Login: "wang", Role: account.BureauReviewer, RegionID: 1}, Address: "10.0.0.8"}
		for i := range 5 {
			e := NewAuditEntry(actor, "approve")
			e.Object = fmt.Sprintf("department %d", i)
			e.Version = i + 1
			e.Detail = "同意<script>"
			if _, err := s.AppendAudit(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		brk, n, err := s.VerifyAudit(ctx)
		if err != nil || brk != nil || n != 5 {
			t.Fatalf("VerifyAudit = %+v, %d, %v; want an intact chain of 5", brk, n, err)
		}
		list, err := s.ListAudit(ctx, AuditFilter{Login: "wang", Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[0].Object != "department 4" || list[0].Detail != "同意<script>" || list[0].Address != "10.0.0.8" {
			t.Fatalf("ListAudit = %+v", list)
		}
		older, err := s.ListAudit(ctx, AuditFilter{BeforeID: list[1].ID})
		if err != nil || len(older) != 3 {
			t.Fatalf("ListAudit before %d = %d entries, %v; want 3", list[1].ID, len(older), err)
		}

		// The application never changes an entry; the database refuses it too.
		if _, err := s.db.ExecContext(ctx, s.d.bind(`UPDATE audit_log SET detail = 'x' WHERE id = ?`), list[0].ID); err == nil {
			t.Error("UPDATE of audit_log succeeded")
		}
		if _, err := s.db.ExecContext(ctx, s.d.bind(`DELETE FROM audit_log WHERE id = ?`), list[0].ID); err == nil {
			t.Error("DELETE from audit_log succeeded")
		}
	})
}

// TestAuditTamper removes the guard as an intruder with database access would and
// checks that VerifyAudit finds each kind of change.
func TestAuditTamper(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for i := range 4 {
			e := NewAuditEntry(account.Actor{User: account.User{Login: "li"}}, "submit")
			e.Object = fmt.Sprint(i)
			if _, err := s.AppendAudit(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		drop := []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`}
		if s.Dialect() == "postgres" {
			drop = []string{`DROP TRIGGER audit_log_no_change ON audit_log`}
		}
		for _, q := range drop {
			if _, err := s.db.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		list, _ := s.ListAudit(ctx, AuditFilter{})
		second := list[2].ID // oldest first: list is newest first
		if _, err := s.db.ExecContext(ctx, s.d.bind(`UPDATE audit_log SET detail = 'x' WHERE id = ?`), second); err != nil {
			t.Fatal(err)
		}
		brk, _, err := s.VerifyAudit(ctx)
		if err != nil || brk == nil || brk.ID != second || !strings.Contains(brk.Reason, "被修改") {
			t.Fatalf("after an edit VerifyAudit = %+v, %v; want a break at %d", brk, err, second)
		}
		if _, err := s.db.ExecContext(ctx, s.d.bind(`DELETE FROM audit_log WHERE id = ?`), second); err != nil {
			t.Fatal(err)
		}
		brk, _, err = s.VerifyAudit(ctx)
		if err != nil || brk == nil || brk.ID != list[1].ID || !strings.Contains(brk.Reason, "删除") {
			t.Fatalf("after a deletion VerifyAudit = %+v, %v; want a break at %d", brk, err, list[1].ID)
		}
	})
}

// TestAuditConcurrent appends from many goroutines: the chain stays one line.
func TestAuditConcurrent(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for i := range 40 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				e := NewAuditEntry(account.Actor{User: account.User{Login: fmt.Sprint("u", i)}}, "login")
				e.At = time.Now()
				if _, err := s.AppendAudit(ctx, e); err != nil {
					errs <- err
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		brk, n, err := s.VerifyAudit(ctx)
		if err != nil || brk != nil || n != 40 {
			t.Fatalf("VerifyAudit = %+v, %d, %v; want an intact chain of 40", brk, n, err)
		}
	})
}
