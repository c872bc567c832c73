// Package checktest holds what tests of checked documents share.
package checktest

import (
	"strings"
	"testing"
)

// SameErrors reports the difference between the errors a check found and those a
// test expects. Each found error is its rule, a space and its text; each expected
// one is a rule, a space and a piece of the text it must hold. Every expected
// error must be found once, and nothing else.
func SameErrors(t testing.TB, got, want []string) {
	t.Helper()
	used := make([]bool, len(got))
	for _, w := range want {
		rule, piece, _ := strings.Cut(w, " ")
		found := false
		for i, g := range got {
			if !used[i] && strings.HasPrefix(g, rule+" ") && strings.Contains(g, piece) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("the checker missed the document's contradiction %q", w)
		}
	}
	for i, g := range got {
		if !used[i] {
			t.Errorf("unexpected error: %s", g)
		}
	}
}
