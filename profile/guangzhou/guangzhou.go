// Package guangzhou describes the formats of 广州市's 部门预算公开 for readers and
// checks. yusuan does not generate this jurisdiction's documents.
package guangzhou

import (
	"embed"

	"yusuan/format"
)

// Jurisdiction is 广州市.
type Jurisdiction struct{}

// Name implements profile.Jurisdiction.
func (Jurisdiction) Name() string { return "guangzhou" }

// Label implements profile.Jurisdiction.
func (Jurisdiction) Label() string { return "广州市" }

//go:embed formats/*.yaml
var formatFiles embed.FS

var formats = format.MustLoadDir(formatFiles, "formats")

// Formats describes the layouts 广州市 publishes in.
func (Jurisdiction) Formats() []*format.Format { return formats }
