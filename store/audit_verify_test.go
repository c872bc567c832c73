package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"yusuan/account"
)

// appendAudits appends n entries.
func appendAudits(tb testing.TB, s *Store, n int) {
	tb.Helper()
	ctx := context.Background()
	for i := range n {
		e := NewAuditEntry(account.Actor{User: account.User{Login: "li"}}, "submit")
		e.Object = fmt.Sprint(i)
		if _, err := s.AppendAudit(ctx, e); err != nil {
			tb.Fatal(err)
		}
	}
}

// unguard drops the audit log's triggers, as an intruder with database access would.
func unguard(t *testing.T, s *Store) {
	t.Helper()
	drop := []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`}
	if s.Dialect() == "postgres" {
		drop = []string{`DROP TRIGGER audit_log_no_change ON audit_log`}
	}
	for _, q := range drop {
		if _, err := s.db.ExecContext(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
}

// TestVerifyAuditSince verifies only the entries after the checkpoint, and
// finds tampering after the checkpoint, at it, and before it: a deletion or a
// rewritten chain at once, an edit that left the later hashes alone by the
// whole verification.
func TestVerifyAuditSince(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := s.db.ExecContext(ctx, s.d.bind(q), args...); err != nil {
				t.Fatal(err)
			}
		}
		verify := func(wantChecked int, wantBreak string) AuditVerification {
			t.Helper()
			v, err := s.VerifyAuditSince(ctx, time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case wantBreak == "" && v.Break != nil:
				t.Fatalf("break %+v, want none", v.Break)
			case wantBreak != "" && (v.Break == nil || !strings.Contains(v.Break.Reason, wantBreak)):
				t.Fatalf("break %+v, want one saying %q", v.Break, wantBreak)
			case wantChecked >= 0 && v.Checked != wantChecked:
				t.Fatalf("checked %d entries, want %d", v.Checked, wantChecked)
			}
			return v
		}
		appendAudits(t, s, 6)
		if v := verify(6, ""); v.Entries != 6 || v.Since.ID != 0 {
			t.Fatalf("first verification: %+v", v)
		}
		appendAudits(t, s, 2)
		if v := verify(2, ""); v.Entries != 8 || v.Since.ID == 0 {
			t.Fatalf("second verification: %+v", v)
		}
		verify(0, "")
		list, _ := s.ListAudit(ctx, AuditFilter{}) // newest first
		unguard(t, s)

		// After the checkpoint: an entry appended, then edited.
		appendAudits(t, s, 1)
		after := list[0].ID + 1
		exec(`UPDATE audit_log SET detail = 'x' WHERE id = ?`, after)
		verify(1, "被修改")
		// The break dropped the checkpoint: the next open verifies everything.
		verify(9, "被修改")
		exec(`DELETE FROM audit_log WHERE id = ?`, after)
		verify(8, "")

		// At the checkpoint, or before it with the chain rewritten from there on.
		exec(`UPDATE audit_log SET hash = ? WHERE id = ?`, strings.Repeat("0", 64), list[0].ID)
		verify(0, "已校验过的第")
		exec(`UPDATE audit_log SET hash = ? WHERE id = ?`, list[0].Hash, list[0].ID)
		verify(8, "")

		// Before it: a deletion shows at once by the count…
		exec(`DELETE FROM audit_log WHERE id = ?`, list[7].ID)
		verify(0, "记录被删除或插入")
		exec(`INSERT INTO audit_log (id, at, user_id, login, role, region_id, department_id, action, object,
			version, address, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			list[7].ID, list[7].At.UnixMicro(), list[7].UserID, list[7].Login, string(list[7].Role), list[7].RegionID,
			list[7].DepartmentID, list[7].Action, list[7].Object, list[7].Version, list[7].Address, list[7].Detail,
			list[7].PrevHash, list[7].Hash)
		verify(8, "")
		// …and an edit that leaves the hashes alone by the whole verification.
		exec(`UPDATE audit_log SET detail = 'x' WHERE id = ?`, list[6].ID)
		verify(0, "")
		if brk, _, err := s.VerifyAudit(ctx); err != nil || brk == nil || brk.ID != list[6].ID {
			t.Fatalf("the whole verification: %+v, %v; want a break at %d", brk, err, list[6].ID)
		}
		// The whole verification is due again after wholeEvery.
		if v, err := s.VerifyAuditSince(ctx, 0); err != nil || v.Break == nil || v.Since.ID != 0 {
			t.Fatalf("a verification with the whole one due: %+v, %v", v, err)
		}
	})
}

// BenchmarkVerifyAudit100k verifies an audit log of 100,000 entries: the
// whole chain, and since a checkpoint with 10 new entries (what opening the
// audit page costs).
func BenchmarkVerifyAudit100k(b *testing.B) {
	s := openSQLite(b)
	ctx := context.Background()
	err := s.update(ctx, "fill audit", func(tx *tx) error {
		for i := range 100_000 {
			e := NewAuditEntry(account.Actor{User: account.User{ID: 7, Login: "wang", Role: account.BureauReviewer, RegionID: 1}, Address: "10.0.0.8"}, "approve")
			e.Object = fmt.Sprintf("submission %d: 某某局 2026 部门预算", i)
			e.Detail = "预算.xlsx：0 处错误，2 条警告 → 已校验"
			if _, err := tx.appendAudit(ctx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("whole", func(b *testing.B) {
		for b.Loop() {
			if brk, n, err := s.VerifyAudit(ctx); err != nil || brk != nil || n < 100_000 {
				b.Fatal(brk, n, err)
			}
		}
	})
	b.Run("since", func(b *testing.B) {
		if _, err := s.VerifyAuditSince(ctx, time.Hour); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			b.StopTimer()
			appendAudits(b, s, 10)
			b.StartTimer()
			if v, err := s.VerifyAuditSince(ctx, time.Hour); err != nil || v.Break != nil || v.Checked != 10 {
				b.Fatal(v, err)
			}
		}
	})
}
