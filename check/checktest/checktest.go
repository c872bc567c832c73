// Package checktest holds what tests of checked documents share.
package checktest

import (
	"strings"
	"testing"

	"yusuan/check"
)

// Errors lists the errors the checker finds in a result, each as its rule, a space,
// its location, a full-width colon and its message: the form SameErrors compares.
func Errors(res check.Result) []string {
	var out []string
	for _, f := range res.Findings {
		if f.Severity == check.Error {
			out = append(out, f.Rule+" "+f.Location.String()+"："+f.Message)
		}
	}
	return out
}

// SameErrors reports the difference between the errors a check found and those a
// test expects. Each found error is its rule, a space and its text; each expected
// one is a rule, a space and a piece of the text it must hold. Every expected
// error must be found once, and nothing else.
func SameErrors(t testing.TB, got, want []string) {
	t.Helper()
	missed, unexpected := Compare(got, want)
	for _, w := range missed {
		t.Errorf("the checker missed the document's contradiction %q", w)
	}
	for _, g := range unexpected {
		t.Errorf("unexpected error: %s", g)
	}
}

// Compare matches found errors with expected ones as SameErrors does, each used
// once, and returns the expected errors that were not found and the found ones that
// were not expected, for a test that reports them its own way.
func Compare(got, want []string) (missed, unexpected []string) {
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
			missed = append(missed, w)
		}
	}
	for i, g := range got {
		if !used[i] {
			unexpected = append(unexpected, g)
		}
	}
	return missed, unexpected
}
