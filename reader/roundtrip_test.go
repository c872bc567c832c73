package reader_test

import (
	"bytes"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"yusuan/budget"
	"yusuan/budget/budgettest"
	"yusuan/check"
	"yusuan/disclosure"
	"yusuan/disclosure/disclosuretest"
	"yusuan/examples/examplestest"
	"yusuan/profile/profiletest"
	"yusuan/profile/shenzhen"
	"yusuan/reader"
	"yusuan/render/text"
)

// derive validates b and derives its Shenzhen document, failing t on either error.
func derive(t testing.TB, b *budget.Budget) *disclosure.Document {
	t.Helper()
	return profiletest.Documents(t, shenzhen.Profile{}, b)[0]
}

// errorsOf lists the errors of a check result, each as its rule, location and
// message.
var errorsOf = profiletest.Errors

// printedTable is a table as printed.
var printedTable = disclosuretest.Printed

// roundTrip renders doc as text, reads it back and checks both: the derived document
// and the one read back have no errors, and every table reads back cell for cell.
func roundTrip(t *testing.T, name string, doc *disclosure.Document) {
	t.Helper()
	if errs := errorsOf(check.Run(doc, check.Options{})); len(errs) > 0 {
		t.Errorf("%s: derived document has errors:\n%s", name, strings.Join(errs, "\n"))
	}
	var buf bytes.Buffer
	if err := text.Write(&buf, doc); err != nil {
		t.Fatal(err)
	}
	back, err := reader.ReadText(name+".txt", buf.String())
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if errs := errorsOf(check.Run(back, check.Options{})); len(errs) > 0 {
		t.Errorf("%s: document read back has errors:\n%s", name, strings.Join(errs, "\n"))
	}
	if len(back.Tables) != len(doc.Tables) {
		t.Fatalf("%s: read %d tables, derived %d", name, len(back.Tables), len(doc.Tables))
	}
	for i, want := range doc.Tables {
		if got := printedTable(back.Tables[i]); got != printedTable(want) {
			t.Errorf("%s: table %d reads back differently\nderived:\n%s\nread:\n%s", name, want.Number, printedTable(want), got)
		}
	}
	if back.Year != doc.Year || back.Subject != doc.Subject || back.Kind != doc.Kind {
		t.Errorf("%s: read %d %q %q, want %d %q %q", name, back.Year, back.Subject, back.Kind, doc.Year, doc.Subject, doc.Kind)
	}
}

// longgang is the Longgang example, derived.
func longgang(t testing.TB) *disclosure.Document {
	t.Helper()
	b := examplestest.Load(t, "longgang-2024")
	return derive(t, b)
}

// randomDoc is the document of a random budget; every third has classified items.
func randomDoc(t testing.TB, seed int64) *disclosure.Document {
	t.Helper()
	return derive(t, budgettest.Random(rand.New(rand.NewSource(seed)), budgettest.Options{Classified: seed%3 == 0}))
}

// eachRandom calls check on the documents of n random budgets (short of them under
// -short), stopping at the first that fails.
func eachRandom(t *testing.T, n, short int64, check func(name string, doc *disclosure.Document)) {
	t.Helper()
	if testing.Short() {
		n = short
	}
	for seed := int64(0); seed < n; seed++ {
		check(fmt.Sprintf("seed%d", seed), randomDoc(t, seed))
		if t.Failed() {
			t.Fatalf("stopping at seed %d", seed)
		}
	}
}

func TestTextRoundTripExample(t *testing.T) {
	roundTrip(t, "longgang-2024", longgang(t))
}

func TestTextRoundTripRandom(t *testing.T) {
	eachRandom(t, 100, 20, func(name string, doc *disclosure.Document) { roundTrip(t, name, doc) })
}
