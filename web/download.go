package web

import (
	"context"
	"encoding/json"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"yusuan/build"
	"yusuan/store"
)

// downloadDocument sends one file of a document: a stored rendering (pdf, xlsx,
// html), the document as JSON, or its amount cells as CSV.
func (s *Server) downloadDocument(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	format := r.PathValue("format")
	if formatLabels[format] == "" {
		return errNotFound
	}
	ctx, cancel := s.query(r)
	defer cancel()
	dd, v, err := s.requestedVersion(ctx, r, id)
	if err != nil {
		return err
	}
	base := build.FileBase(v.Disclosure)
	switch format {
	case "json":
		data, err := json.MarshalIndent(v.Disclosure, "", "  ")
		if err != nil {
			return err
		}
		attach(w, base+".json", "application/json; charset=utf-8")
		_, err = w.Write(data)
		return err
	case "csv":
		// Every version's cells are kept, so an earlier version has its CSV too.
		cells, err := s.store.VersionCells(ctx, v.ID)
		if err != nil {
			return err
		}
		if v.ID != dd.Current.ID {
			base += "_第" + strconv.Itoa(v.Number) + "版"
		}
		attach(w, base+".csv", "text/csv; charset=utf-8")
		cw, err := newCellWriter(w)
		if err != nil {
			return nil
		}
		for _, c := range cells {
			if err := cw.write(c); err != nil {
				return nil
			}
		}
		cw.flush()
		return nil
	}
	f, err := s.store.File(ctx, v.ID, format)
	if err != nil {
		return err
	}
	name := f.Name
	if name == "" {
		name = base + "." + format
	}
	attach(w, name, f.ContentType())
	w.Header().Set("Content-Length", strconv.Itoa(len(f.Data)))
	// The header is sent: a failed write is the client gone, nothing to report.
	_, _ = w.Write(f.Data)
	return nil
}

// attach makes the response a download named name: an ASCII fallback for old
// clients and the UTF-8 name for the rest.
func attach(w http.ResponseWriter, name, contentType string) {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return -1
		}
		return r
	}, name)
	if strings.Trim(ascii, ".") == "" || strings.HasPrefix(ascii, ".") {
		ascii = "yusuan" + ascii
	}
	cd := mime.FormatMediaType("attachment", map[string]string{"filename": name})
	if cd == "" {
		cd = `attachment; filename="` + ascii + `"`
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", cd)
	w.Header().Set("Cache-Control", "no-cache")
}

// originalURL is where a published file a version was read from is downloaded.
func originalURL(docID, versionID int64, seq int, current bool) string {
	u := "/documents/" + strconv.FormatInt(docID, 10) + "/original/" + strconv.Itoa(seq)
	if !current {
		u += "?version=" + strconv.FormatInt(versionID, 10)
	}
	return u
}

// downloadOriginal sends a published file a document was read from, byte for
// byte as it was imported.
func (s *Server) downloadOriginal(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	seq, err := strconv.Atoi(r.PathValue("seq"))
	if err != nil || seq <= 0 {
		return errNotFound
	}
	ctx, cancel := s.query(r)
	defer cancel()
	_, v, err := s.requestedVersion(ctx, r, id)
	if err != nil {
		return err
	}
	o, err := s.store.Original(ctx, v.ID, seq)
	if err != nil {
		return err
	}
	attach(w, o.Name, o.ContentType())
	w.Header().Set("Content-Length", strconv.Itoa(len(o.Data)))
	_, _ = w.Write(o.Data)
	return nil
}

// requestedVersion is the document id and the version of it a download asks for:
// ?version=, else the current one.
func (s *Server) requestedVersion(ctx context.Context, r *http.Request, id int64) (*store.DocumentDetail, *store.Version, error) {
	versionID, err := idParam(r, "version")
	if err != nil {
		return nil, nil, err
	}
	dd, err := s.store.Document(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	v, err := s.version(r, dd, versionID)
	return dd, v, err
}
