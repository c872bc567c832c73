// Package profiletest holds what the profiles' tests share.
package profiletest

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"yusuan/budget"
	"yusuan/check"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/profile"
	"yusuan/render/text"
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

// Text renders doc as yusuan's text format, failing t when it cannot.
func Text(t testing.TB, doc *disclosure.Document) string {
	t.Helper()
	var buf bytes.Buffer
	if err := text.Write(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// Golden compares got, the text of what (a document's title, say), with the golden
// file at path. Under update (the test's -update flag) it first rewrites the file,
// so that the diff can be reviewed before it is committed. The flag is the test
// package's own: a flag registered here would clash with packages that have one.
func Golden(t testing.TB, what, path, got string, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s; run the test with -update and review the diff", what, path)
	}
}
