package check_test

import (
	"testing"

	"yusuan/check"
	"yusuan/classification"
	"yusuan/examples/examplestest"
	"yusuan/profile"
)

func TestExampleHasNoErrors(t *testing.T) {
	b := examplestest.Load(t, "longgang-2024")
	cat := classification.Default()
	p, _ := profile.Get(b.Profile)
	doc, err := p.Derive(b, cat)
	if err != nil {
		t.Fatal(err)
	}
	res := check.Run(doc, check.Options{Codes: cat})
	for _, f := range res.Findings {
		t.Logf("%s %s %s: %s", f.Severity, f.Rule, f.Location, f.Message)
		if f.Severity == check.Error {
			t.Errorf("unexpected error %s", f.Rule)
		}
	}
}
