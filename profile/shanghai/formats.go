package shanghai

import (
	"embed"

	"yusuan/format"
)

//go:embed formats/*.yaml
var formatFiles embed.FS

var formats = format.MustLoadDir(formatFiles, "formats")

// Formats returns the descriptions of the formats Shanghai has published in.
func (Profile) Formats() []*format.Format { return formats }
