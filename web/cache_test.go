package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"yusuan/store"
)

// TestPageCacheFollowsImports: a cached page changes as soon as this process
// imports, and within generationTTL when another process does.
func TestPageCacheFollowsImports(t *testing.T) {
	eachBackend(t, func(t *testing.T, p *portal) {
		path := "/documents/" + id(p.docs["longgang"])
		_, _, before := p.get(t, path)
		if _, _, again := p.get(t, path); again != before {
			t.Fatal("the same page differs between two requests with no import")
		}
		fx, err := fixtures()
		if err != nil {
			t.Fatal(err)
		}
		var doc store.ImportDoc
		for _, f := range fx {
			if f.name == "longgang" {
				doc = f.imp
			}
		}
		doc.Source = "重新导入.yaml"
		if _, err := p.st.Import(context.Background(), store.ImportSet{Documents: []store.ImportDoc{doc}}); err != nil {
			t.Fatal(err)
		}
		_, _, after := p.get(t, path)
		if after == before || !strings.Contains(after, "重新导入.yaml") {
			t.Errorf("the page did not change after an import in this process")
		}

		// Another process: a second store over the same database.
		other, err := store.Open(context.Background(), p.dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		doc.Source = "另一个进程.yaml"
		if _, err := other.Import(context.Background(), store.ImportSet{Documents: []store.ImportDoc{doc}}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(generationTTL + 100*time.Millisecond)
		if _, _, later := p.get(t, path); !strings.Contains(later, "另一个进程.yaml") {
			t.Errorf("the page did not change within %s of an import by another store", generationTTL)
		}
	})
}
