package web

import (
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"

	"yusuan/check"
	"yusuan/disclosure"
	htmlr "yusuan/render/html"
	"yusuan/store"
)

type documentView struct {
	Doc        *store.DocumentDetail
	Department *store.Department
	Version    *store.Version // the version shown
	Current    bool
	Parts      []htmlr.PartView
	Tables     []htmlr.TableView
	Notes      []string
	Charts     []chart
	Findings   []findingView
	Explained  []store.Explained // the department's explanations of warnings, published with a version by the workflow
	Downloads  []downloadLink
	Originals  []downloadLink // the published files it was read from
	Errors     int
	Warnings   int
	Infos      int
}

type findingView struct {
	Severity string // error, warning, info
	Label    string // 错误
	Rule     string
	Title    string
	Where    string
	Message  string
	Expected string
	Actual   string
	Diff     string
}

type downloadLink struct {
	Format, Label, URL string
	Name               string // of an original file
}

// showDocument shows a document as published: check status and findings, charts,
// downloads, the narrative and every table. ?version= shows an earlier version.
func (s *Server) showDocument(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	versionID, err := idParam(r, "version")
	if err != nil {
		return err
	}
	ctx, cancel := s.query(r)
	defer cancel()
	v := documentView{}
	if v.Doc, err = s.store.Document(ctx, id); err != nil {
		return err
	}
	if v.Version, err = s.version(r, v.Doc, versionID); err != nil {
		return err
	}
	v.Current = v.Version.ID == v.Doc.Current.ID
	if v.Department, err = s.store.Department(ctx, v.Doc.DepartmentID); err != nil {
		return err
	}
	doc := v.Version.Disclosure
	if doc == nil {
		doc = &disclosure.Document{}
	}
	v.Parts = htmlr.NewPartViews(doc, docTable)
	for i, t := range doc.Tables {
		if t != nil {
			v.Tables = append(v.Tables, docTable(t, "table-"+strconv.Itoa(i+1)))
		}
	}
	v.Notes = doc.Notes
	v.Charts = documentCharts(doc)
	sg, err := s.sanGong(r, v.Doc.DepartmentID)
	if err != nil {
		return err
	}
	v.Charts = append(v.Charts, sg)
	title := v.Version.Title
	if title == "" {
		title = v.Doc.Department + v.Doc.Kind
	}
	tips, err := s.tooltips(ctx, v.Version.Disclosure, title)
	if err != nil {
		return err
	}
	for i := range v.Charts {
		v.Charts[i].Tips = tips
	}
	v.Findings = findingViews(v.Version.Findings)
	if v.Explained, err = s.store.PublishedExplanations(ctx, v.Version.ID); err != nil {
		return err
	}
	v.Errors, v.Warnings, v.Infos = v.Version.Errors, v.Version.Warnings, v.Version.Infos
	v.Originals = originalLinks(v.Doc.ID, v.Version, v.Current)
	v.Downloads = slices.Concat(v.Originals, downloads(v.Doc.ID, v.Version, v.Current))
	return s.render(w, r, "document", title, "", v)
}

// version returns the version of dd asked for: the current one when id is 0; an
// earlier one only when it belongs to this document.
func (s *Server) version(r *http.Request, dd *store.DocumentDetail, id int64) (*store.Version, error) {
	if id == 0 || id == dd.Current.ID {
		return dd.Version, nil
	}
	ctx, cancel := s.query(r)
	defer cancel()
	v, err := s.store.Version(ctx, id)
	if err != nil {
		return nil, err
	}
	if v.DocumentID != dd.ID {
		return nil, notFoundf("该文件没有这个版本")
	}
	return v, nil
}

var formatLabels = map[string]string{
	"pdf":  "PDF 文件",
	"xlsx": "Excel 表格",
	"html": "网页（单页）",
	"json": "JSON 数据",
	"csv":  "CSV 数据（每个金额一行）",
}

// downloads lists a version's files: its stored renderings, its JSON and its CSV.
func downloads(docID int64, v *store.Version, current bool) []downloadLink {
	var out []downloadLink
	q := ""
	if !current {
		q = "?version=" + strconv.FormatInt(v.ID, 10)
	}
	base := "/documents/" + strconv.FormatInt(docID, 10) + "/download/"
	for _, f := range []string{"pdf", "xlsx", "html"} {
		for _, have := range v.Formats {
			if have == f {
				out = append(out, downloadLink{Format: f, Label: formatLabels[f], URL: base + f + q})
			}
		}
	}
	out = append(out, downloadLink{Format: "json", Label: formatLabels["json"], URL: base + "json" + q})
	out = append(out, downloadLink{Format: "csv", Label: formatLabels["csv"], URL: base + "csv" + q})
	return out
}

// originalLinks lists the published files a version was read from. The original
// comes first among the downloads: it is the document itself, where everything
// else is what the portal read from it.
func originalLinks(docID int64, v *store.Version, current bool) []downloadLink {
	var out []downloadLink
	for _, o := range v.Originals {
		format := strings.TrimPrefix(strings.ToLower(path.Ext(o.Name)), ".")
		label := "公开原文（" + strings.ToUpper(format) + "，" + sizeText(o.Size) + "）"
		out = append(out, downloadLink{Format: format, Label: label, URL: originalURL(docID, v.ID, o.Seq, current), Name: o.Name})
	}
	return out
}

// sizeText is a file size as a reader expects it: 764 KB, 1.2 MB.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatInt((n+512)>>10, 10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " 字节"
}

func findingViews(fs []check.Finding) []findingView {
	titles := map[string]string{}
	for _, r := range check.Rules() {
		titles[r.ID] = r.Title
	}
	out := make([]findingView, 0, len(fs))
	// Errors first, then warnings, then the rounding tails.
	for _, sev := range []check.Severity{check.Error, check.Warning, check.Info} {
		for _, f := range fs {
			if f.Severity != sev {
				continue
			}
			out = append(out, findingView{Severity: string(sev), Label: sev.Label(), Rule: f.Rule, Title: titles[f.Rule],
				Where: f.Location.String(), Message: f.Message, Expected: f.Expected, Actual: f.Actual, Diff: f.Difference})
		}
	}
	return out
}
