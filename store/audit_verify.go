package store

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// AuditCheckpoint is the last entry of the audit log that a verification found
// intact, with the number of entries up to it. It is kept in the process, never
// in the database: whoever can change the log's table could change a stored
// checkpoint too. A restarted process verifies the whole chain once.
type AuditCheckpoint struct {
	ID    int64
	Hash  string
	Count int
	// Whole is when the whole chain was last verified; the entries after
	// that were verified from checkpoint to checkpoint.
	Whole time.Time
}

// auditVerified holds a Store's checkpoint.
type auditVerified struct {
	mu sync.Mutex
	cp AuditCheckpoint
}

func (v *auditVerified) get() AuditCheckpoint {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.cp
}

func (v *auditVerified) set(cp AuditCheckpoint) {
	v.mu.Lock()
	defer v.mu.Unlock()
	// Of two verifications at once, the one that reached further wins.
	if cp.ID == 0 || cp.ID >= v.cp.ID {
		v.cp = cp
	}
}

// AuditVerification is what a verification of the audit log found.
type AuditVerification struct {
	Break   *AuditBreak // nil when the chain holds
	Entries int         // entries in the log
	Checked int         // entries whose hashes this verification computed
	// Since is the checkpoint this verification started from; zero when it
	// verified the whole chain.
	Since AuditCheckpoint
}

// VerifyAuditSince verifies only what changed since the last verification:
// the checkpoint's entry must still have its content and hash, the entries up
// to it must still be as many, and every entry after it must chain on from it.
// Without a checkpoint (a new process, or a break found before) it verifies the
// whole chain as VerifyAudit does, and so it does when the whole chain was last
// verified longer than wholeEvery ago. An intact chain moves the checkpoint to
// its last entry. An entry before the checkpoint changed without rewriting the
// hashes after it is found only by a whole verification (VerifyAudit), which
// the audit page and `yusuan audit verify` offer and wholeEvery bounds.
func (s *Store) VerifyAuditSince(ctx context.Context, wholeEvery time.Duration) (AuditVerification, error) {
	cp := s.auditVerified.get()
	if cp.ID == 0 || time.Since(cp.Whole) > wholeEvery {
		return s.verifyAudit(ctx, AuditCheckpoint{})
	}
	return s.verifyAudit(ctx, cp)
}

// VerifyAudit walks the whole audit log in order and returns the first place the
// chain breaks, or nil when every entry's hash matches its content and the entry
// before it, with the number of entries.
func (s *Store) VerifyAudit(ctx context.Context) (*AuditBreak, int, error) {
	v, err := s.verifyAudit(ctx, AuditCheckpoint{})
	return v.Break, v.Entries, err
}

// verifyAudit verifies the entries after cp (all of them for a zero cp) in one
// read transaction and moves the checkpoint: to the last entry when the chain
// holds, to nothing when it breaks.
func (s *Store) verifyAudit(ctx context.Context, cp AuditCheckpoint) (AuditVerification, error) {
	v := AuditVerification{Since: cp}
	last := cp
	err := s.view(ctx, "verify audit", func(tx *tx) error {
		prev := auditGenesis
		if cp.ID != 0 {
			if brk, err := checkpointHolds(ctx, tx, cp); brk != nil || err != nil {
				v.Break = brk
				return err
			}
			prev = cp.Hash
		}
		rows, err := tx.query(ctx, `SELECT `+auditColumns+` FROM audit_log WHERE id > ? ORDER BY id`, cp.ID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scanAudit(rows)
			if err != nil {
				return err
			}
			v.Checked++
			switch {
			case e.PrevHash != prev:
				v.Break = &AuditBreak{ID: e.ID, Reason: fmt.Sprintf("第 %d 条记录的前一条哈希与上一条记录不符（上一条记录被删除或修改）", e.ID)}
			case e.hash() != e.Hash:
				v.Break = &AuditBreak{ID: e.ID, Reason: fmt.Sprintf("第 %d 条记录的内容与其哈希不符（记录被修改）", e.ID)}
			}
			if v.Break != nil {
				return nil
			}
			prev = e.Hash
			last = AuditCheckpoint{ID: e.ID, Hash: e.Hash, Count: last.Count + 1}
		}
		return rows.Err()
	})
	if err != nil {
		return v, err
	}
	v.Entries = last.Count
	if v.Break != nil {
		s.auditVerified.set(AuditCheckpoint{})
		return v, nil
	}
	last.Whole = cp.Whole
	if cp.ID == 0 {
		last.Whole = time.Now()
	}
	s.auditVerified.set(last)
	return v, nil
}

// checkpointHolds checks that the checkpoint's entry still has the content
// and hash it was verified with, and that as many entries precede it: a change
// that rewrote the chain from an earlier entry, or deleted or added an entry
// before it, shows there.
func checkpointHolds(ctx context.Context, tx *tx, cp AuditCheckpoint) (*AuditBreak, error) {
	e, err := scanAudit(tx.queryRow(ctx, `SELECT `+auditColumns+` FROM audit_log WHERE id = ?`, cp.ID))
	if isNoRows(err) {
		return &AuditBreak{ID: cp.ID, Reason: fmt.Sprintf("已校验过的第 %d 条记录不见了（记录被删除）", cp.ID)}, nil
	}
	if err != nil {
		return nil, err
	}
	if e.Hash != cp.Hash || e.hash() != e.Hash {
		return &AuditBreak{ID: cp.ID, Reason: fmt.Sprintf("已校验过的第 %d 条记录或其之前的记录被修改（哈希与校验时不同）", cp.ID)}, nil
	}
	var n int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM audit_log WHERE id <= ?`, cp.ID).Scan(&n); err != nil {
		return nil, err
	}
	if n != cp.Count {
		return &AuditBreak{ID: cp.ID, Reason: fmt.Sprintf("第 %d 条及以前的记录校验时为 %d 条，现为 %d 条（记录被删除或插入）", cp.ID, cp.Count, n)}, nil
	}
	return nil, nil
}
