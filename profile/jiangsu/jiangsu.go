// Package jiangsu describes the formats of 江苏省's 部门预算公开 for readers and
// checks. yusuan does not generate this jurisdiction's documents.
package jiangsu

import (
	"embed"

	"yusuan/format"
)

// Jurisdiction is 江苏省.
type Jurisdiction struct{}

// Name implements profile.Jurisdiction.
func (Jurisdiction) Name() string { return "jiangsu" }

// Label implements profile.Jurisdiction.
func (Jurisdiction) Label() string { return "江苏省" }

//go:embed formats/*.yaml
var formatFiles embed.FS

var formats = format.MustLoadDir(formatFiles, "formats")

// Formats describes the layouts 江苏省 publishes in.
func (Jurisdiction) Formats() []*format.Format { return formats }
