package web

import (
	"net/http"
	"strings"
	"testing"

	"yusuan/store"
)

// TestHistoryCSV: an earlier version downloads as CSV with its own cells, and the
// history table links each version's CSV.
func TestHistoryCSV(t *testing.T) {
	eachBackend(t, func(t *testing.T, p *portal) {
		f, _ := fixtures()
		imp := f[0].imp
		doc := id(p.docs["longgang"])
		_, _, before := p.get(t, "/documents/"+doc+"/download/csv")
		res, err := p.st.Import(t.Context(), store.ImportSet{Documents: []store.ImportDoc{imp}, Synthetic: true})
		if err != nil {
			t.Fatal(err)
		}
		old := id(res.Documents[0].Replaced)
		code, h, body := p.get(t, "/documents/"+doc+"/download/csv?version="+old)
		if code != http.StatusOK || !strings.Contains(h.Get("Content-Disposition"), "attachment") {
			t.Fatalf("old version's CSV: %d %v", code, h)
		}
		if rows := readCSV(t, body); len(rows) == 0 || len(rows) != len(readCSV(t, before)) {
			t.Errorf("old version's CSV has %d rows, %d before the import", len(rows), len(readCSV(t, before)))
		}
		_, _, page := p.get(t, "/documents/"+doc)
		if !strings.Contains(page, `/download/csv?version=`+old+`" download>CSV</a>`) {
			t.Error("the history table does not link the old version's CSV")
		}
		if !strings.Contains(page, "数据更新于") {
			t.Error("the document page does not say when its data was updated")
		}
	})
}
