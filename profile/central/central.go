// Package central describes the formats of 中央部门's 部门预算公开 for readers and
// checks. yusuan does not generate this jurisdiction's documents.
package central

import (
	"embed"

	"yusuan/format"
)

// Jurisdiction is 中央部门.
type Jurisdiction struct{}

// Name implements profile.Jurisdiction.
func (Jurisdiction) Name() string { return "central" }

// Label implements profile.Jurisdiction.
func (Jurisdiction) Label() string { return "中央部门" }

//go:embed formats/*.yaml
var formatFiles embed.FS

var formats = format.MustLoadDir(formatFiles, "formats")

// Formats describes the layouts 中央部门 publishes in.
func (Jurisdiction) Formats() []*format.Format { return formats }
