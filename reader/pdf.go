package reader

import (
	"context"

	"yusuan/disclosure"
	"yusuan/reader/pdftext"
)

// ReadPDF reads a published PDF: its characters with their positions, laid out as
// text, read like `pdftotext -layout` output. Rows keep their page and their line on
// the page.
func ReadPDF(ctx context.Context, name string, data []byte) (*disclosure.Document, error) {
	pages, err := pdftext.Extract(ctx, name, data)
	if err != nil {
		return nil, err
	}
	return readLayout(name, pdftext.Layout(pages), true)
}
