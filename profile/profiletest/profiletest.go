// Package profiletest holds what the profiles' tests share.
package profiletest

import (
	"fmt"
	"testing"

	"yusuan/budget"
	"yusuan/check"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/profile"
)

// Documents validates b against the default catalogue and builds every document p
// publishes from it, the department's first, failing t on either error.
func Documents(t testing.TB, p profile.Profile, b *budget.Budget) []*disclosure.Document {
	t.Helper()
	cat := classification.Default()
	if err := budget.Validate(b, cat); err != nil {
		t.Fatal(err)
	}
	docs, err := profile.Documents(p, b, cat)
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// Errors lists the errors of a check result, each as its rule, location and message.
func Errors(res check.Result) []string {
	var out []string
	for _, f := range res.Findings {
		if f.Severity == check.Error {
			out = append(out, fmt.Sprintf("%s %s: %s", f.Rule, f.Location, f.Message))
		}
	}
	return out
}
