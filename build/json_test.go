package build

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"testing"

	"yusuan/budget/budgettest"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/examples/examplestest"
)

// TestWriteJSONAsEncoder: the JSON written a table at a time is, byte for byte, what
// json.Encoder writes for the whole document, for the examples, random budgets of
// both profiles and odd documents.
func TestWriteJSONAsEncoder(t *testing.T) {
	cat := classification.Default()
	var docs []*disclosure.Document
	for _, ex := range []string{"longgang-2024", "shenzhen-caizheng-2026", "putuo-shangwuwei-2025"} {
		d, err := derive(examplestest.Load(t, ex), "", cat)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d...)
	}
	for seed := int64(1); seed <= 4; seed++ {
		for _, p := range []string{"shenzhen", "shanghai"} {
			b := budgettest.Random(rand.New(rand.NewSource(seed)), budgettest.Options{Classified: true})
			b.Profile = p
			d, err := derive(b, "", cat)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, d...)
		}
	}
	odd := *docs[0]
	odd.Tables = append([]*disclosure.Table{nil}, odd.Tables...)
	odd.Title = "<a & b>\n  \"tables\": null"
	odd.Tables[1] = &disclosure.Table{Title: "\"tables\": null <&>"}
	docs = append(docs, &odd, &disclosure.Document{}, &disclosure.Document{Tables: []*disclosure.Table{}}, nil)
	for i, doc := range docs {
		var want, got bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(doc); err != nil {
			t.Fatal(err)
		}
		if err := writeJSON(&got, doc); err != nil {
			t.Fatalf("document %d: %v", i, err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			n := 0
			for n < min(got.Len(), want.Len()) && got.Bytes()[n] == want.Bytes()[n] {
				n++
			}
			t.Errorf("document %d differs at byte %d: %q, want %q", i, n, got.Bytes()[max(n-40, 0):min(n+40, got.Len())], want.Bytes()[max(n-40, 0):min(n+40, want.Len())])
		}
	}
}
