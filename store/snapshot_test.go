package store

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
)

// TestReadsSeeOneState reads a document over and over while the same document is
// imported again and again, and checks that every reply shows one state: the
// current version is the newest of the history, the history is numbered without a
// gap up to the count of versions, and exactly one version is current. With
// PostgreSQL's READ COMMITTED, each query of a reply took its own snapshot, and
// about one reply in a hundred showed the current version of one state and the
// history of the next.
func TestReadsSeeOneState(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		lg := fix(t, "longgang")
		docID := mustImport(t, s, lg.importDoc()).Documents[0].DocumentID
		const imports, readers = 12, 3
		var done atomic.Bool
		var wg sync.WaitGroup
		var replies atomic.Int64
		for range readers {
			wg.Go(func() {
				for !done.Load() {
					dd, err := s.Document(ctx, docID)
					if err != nil {
						t.Error(err)
						return
					}
					replies.Add(1)
					if msg := torn(dd); msg != "" {
						t.Errorf("a reply shows two states: %s", msg)
						return
					}
				}
			})
		}
		for range imports {
			if _, err := s.Import(ctx, ImportSet{Documents: []ImportDoc{lg.importDoc()}}); err != nil {
				t.Error(err)
				break
			}
		}
		done.Store(true)
		wg.Wait()
		t.Logf("%d replies during %d imports", replies.Load(), imports)
	})
}

// torn describes how dd mixes two states of the database, or is "".
func torn(dd *DocumentDetail) string {
	switch {
	case len(dd.History) == 0:
		return "no history"
	case dd.History[0].ID != dd.Current.ID:
		return "current version is not the newest of the history"
	case dd.Versions != len(dd.History):
		return "count of versions differs from the history"
	case dd.Version == nil || dd.Version.ID != dd.Current.ID:
		return "content of another version"
	}
	current := 0
	for i, v := range dd.History {
		if v.Number != len(dd.History)-i {
			return "history numbered with a gap"
		}
		if v.Current() {
			current++
		}
	}
	if current != 1 {
		return "not exactly one current version"
	}
	return ""
}
