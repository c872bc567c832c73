package demo

import (
	"embed"
	"io/fs"
	"path"
)

// publishedFiles are real published budgets bundled with the binary, so that the
// demonstration portal shows a real region without the project's corpus beside
// it (published/README.md says what they are).
//
//go:embed published/shenzhen-2026/*.pdf
var publishedFiles embed.FS

// PublishedRegion and PublishedYear are the region and year the bundled
// published budgets import as.
const (
	PublishedRegion = "深圳市"
	PublishedYear   = 2026
)

// PublishedFile is one bundled published document, named as it was published.
type PublishedFile struct {
	Name string
	Data []byte
}

// Published returns the bundled published documents, by name.
func Published() []PublishedFile {
	names, err := fs.Glob(publishedFiles, "published/shenzhen-2026/*.pdf")
	if err != nil {
		panic(err) // the pattern is a constant
	}
	out := make([]PublishedFile, 0, len(names))
	for _, n := range names {
		data, err := publishedFiles.ReadFile(n)
		if err != nil {
			panic(err) // embedded files are always readable
		}
		out = append(out, PublishedFile{Name: path.Base(n), Data: data})
	}
	return out
}
