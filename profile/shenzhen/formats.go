package shenzhen

import (
	"embed"

	"yusuan/format"
)

//go:embed formats/*.yaml
var formatFiles embed.FS

var formats = format.MustLoadDir(formatFiles, "formats")

// Formats returns the descriptions of the formats Shenzhen has published in.
func (Profile) Formats() []*format.Format { return formats }
