// Package hangzhou describes the formats of 杭州市's 部门预算公开 for readers and
// checks. yusuan does not generate this jurisdiction's documents.
package hangzhou

import (
	"embed"

	"yusuan/format"
)

// Jurisdiction is 杭州市.
type Jurisdiction struct{}

// Name implements profile.Jurisdiction.
func (Jurisdiction) Name() string { return "hangzhou" }

// Label implements profile.Jurisdiction.
func (Jurisdiction) Label() string { return "杭州市" }

//go:embed formats/*.yaml
var formatFiles embed.FS

var formats = format.MustLoadDir(formatFiles, "formats")

// Formats describes the layouts 杭州市 publishes in.
func (Jurisdiction) Formats() []*format.Format { return formats }
