package demo

import (
	"testing"

	"yusuan/budget"
	"yusuan/build"
	"yusuan/check"
	"yusuan/classification"
)

// TestFinalsPass derives the 部门决算 of every department's second-latest year, as
// the demonstration portal imports them: each must pass validation and the
// checks, and carry its 预算 against 决算 with the reasons of large deviations.
func TestFinalsPass(t *testing.T) {
	cat := classification.Default()
	opts := Options{}
	n := PerDistrict
	if testing.Short() {
		n = 12
	}
	adjusted, reasons := 0, 0
	for k := range n {
		budgets := Department(1, k, opts)
		b := budgets[len(budgets)-2]
		f, err := Final(1, k, b)
		if err != nil {
			t.Fatal(err)
		}
		if b.IsFinal() || b.Items[0].Final != nil {
			t.Fatalf("%s: Final changed the budget it copied", b.Department.Name)
		}
		docs, err := build.Documents(f, "shanghai", cat)
		if err != nil {
			t.Fatalf("%d %s: %v", f.Year, f.Department.Name, err)
		}
		if len(docs) != 1 || docs[0].Kind != budget.DocFinal || docs[0].Outturn == nil {
			t.Fatalf("%s: %d documents, want one 部门决算 with its outturn", f.Department.Name, len(docs))
		}
		for _, fd := range check.Run(docs[0], check.Options{Codes: cat}).Findings {
			if fd.Severity == check.Error {
				t.Errorf("%s: %s %s: %s", f.Department.Name, fd.Rule, fd.Location, fd.Message)
			}
		}
		for _, r := range docs[0].Outturn.Functional {
			if r.Adjusted != nil {
				adjusted++
			}
			if r.Reason != "" {
				reasons++
			}
		}
	}
	if adjusted == 0 || reasons == 0 {
		t.Errorf("%d rows with 调整预算, %d with reasons; want some of each", adjusted, reasons)
	}
}
