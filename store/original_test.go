package store

import (
	"context"
	"errors"
	"testing"
)

// TestImportOriginals imports a published document with its original files and
// address: the version says where it came from, each file comes back byte for
// byte and by name, a newer version keeps the older one's files in its history,
// and what is not a published document's origin is refused.
func TestImportOriginals(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		seed := fix(t, "seed")
		doc := seed.importDoc()
		doc.Published, doc.SourceURL = true, "https://www.example.gov.cn/yusuan/2024.html"
		doc.Originals = []Original{{OriginalInfo: OriginalInfo{Name: "部门预算.pdf"}, Data: []byte("%PDF-1.7 第一版\x00\xff")},
			{OriginalInfo: OriginalInfo{Name: "tables.xlsx"}, Data: []byte("PK")}}
		first := mustImport(t, s, doc).Documents[0]
		dd, err := s.Document(ctx, first.DocumentID)
		if err != nil {
			t.Fatal(err)
		}
		v := dd.Current
		if !v.Published || v.SourceURL != doc.SourceURL || len(v.Originals) != 2 || v.Originals[0] != (OriginalInfo{1, "部门预算.pdf", 20}) ||
			v.Originals[1] != (OriginalInfo{2, "tables.xlsx", 2}) {
			t.Fatalf("current version %+v", v)
		}
		o, err := s.Original(ctx, v.ID, 1)
		if err != nil || string(o.Data) != "%PDF-1.7 第一版\x00\xff" || o.ContentType() != "application/pdf" {
			t.Errorf("Original(1) = %+v, %v", o, err)
		}
		if o, err := s.Original(ctx, v.ID, 2); err != nil || o.ContentType() != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Errorf("Original(2) = %+v, %v", o, err)
		}
		if _, err := s.Original(ctx, v.ID, 3); !errors.Is(err, ErrNotFound) {
			t.Errorf("Original(3): %v, want ErrNotFound", err)
		}
		names, err := s.OriginalNames(ctx)
		if err != nil || len(names) != 2 || !names["部门预算.pdf"] {
			t.Errorf("OriginalNames = %v, %v", names, err)
		}

		// A newer version from budget data: not published, no originals; the
		// first version keeps its own, and the names are the current versions'.
		second := mustImport(t, s, seed.importDoc()).Documents[0]
		dd, err = s.Document(ctx, first.DocumentID)
		if err != nil {
			t.Fatal(err)
		}
		if dd.Current.ID != second.VersionID || dd.Current.Published || len(dd.Current.Originals) != 0 || len(dd.History[1].Originals) != 2 || !dd.History[1].Published {
			t.Errorf("after a second import: current %+v, first %+v", dd.Current, dd.History[1])
		}
		if o, err := s.Original(ctx, first.VersionID, 1); err != nil || len(o.Data) != 20 {
			t.Errorf("the first version's original: %+v, %v", o, err)
		}
		if names, err := s.OriginalNames(ctx); err != nil || len(names) != 0 {
			t.Errorf("OriginalNames after a newer version = %v, %v", names, err)
		}

		before := rowCounts(t, s)
		for name, bad := range map[string]func(d *ImportDoc){
			"originals not published": func(d *ImportDoc) { d.Originals = doc.Originals },
			"address not published":   func(d *ImportDoc) { d.SourceURL = doc.SourceURL },
			"script address":          func(d *ImportDoc) { d.Published, d.SourceURL = true, "javascript:alert(1)" },
			"nameless original": func(d *ImportDoc) {
				d.Published, d.Originals = true, []Original{{OriginalInfo: OriginalInfo{Name: " "}, Data: []byte("x")}}
			},
		} {
			d := seed.importDoc()
			bad(&d)
			if _, err := s.Import(ctx, ImportSet{Documents: []ImportDoc{d}}); !errors.Is(err, ErrInvalid) {
				t.Errorf("%s: %v, want ErrInvalid", name, err)
			}
		}
		sameCounts(t, before, rowCounts(t, s))
	})
}
