// Package beijing describes the formats of 北京市's 部门预算公开 for readers and
// checks. yusuan does not generate this jurisdiction's documents.
package beijing

import (
	"embed"

	"yusuan/format"
)

// Jurisdiction is 北京市.
type Jurisdiction struct{}

// Name implements profile.Jurisdiction.
func (Jurisdiction) Name() string { return "beijing" }

// Label implements profile.Jurisdiction.
func (Jurisdiction) Label() string { return "北京市" }

//go:embed formats/*.yaml
var formatFiles embed.FS

var formats = format.MustLoadDir(formatFiles, "formats")

// Formats describes the layouts 北京市 publishes in.
func (Jurisdiction) Formats() []*format.Format { return formats }
