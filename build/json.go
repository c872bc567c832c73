package build

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"

	"yusuan/disclosure"
)

// writeJSON writes doc as indented JSON, HTML characters unescaped, exactly as
// json.Encoder with SetIndent("", "  ") and SetEscapeHTML(false) writes it, but one
// table at a time: the encoder builds the whole text, and then its indented copy,
// before writing a byte, which for a department of a thousand units is two copies
// of 30 MB besides the one written.
func writeJSON(w io.Writer, doc *disclosure.Document) error {
	if doc == nil || len(doc.Tables) == 0 {
		return encodeJSON(w, doc, "")
	}
	// The document without its tables, whose place is the line "tables": null at
	// the first level of indentation: no string holds a raw line break, and deeper
	// keys are indented further.
	rest := *doc
	rest.Tables = nil
	var head bytes.Buffer
	if err := encodeJSON(&head, &rest, ""); err != nil {
		return err
	}
	const slot = "\n  \"tables\": null"
	before, after, ok := bytes.Cut(head.Bytes(), []byte(slot))
	if !ok || bytes.Contains(after, []byte(slot)) {
		return errors.New("JSON: the document's tables have no place") // a fault of this function
	}
	if _, err := w.Write(append(before, "\n  \"tables\": ["...)); err != nil {
		return err
	}
	var buf bytes.Buffer
	for i, t := range doc.Tables {
		buf.Reset()
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    ")
		if err := encodeJSON(&buf, t, "    "); err != nil {
			return err
		}
		buf.Truncate(buf.Len() - 1) // the encoder's line break
		if _, err := buf.WriteTo(w); err != nil {
			return err
		}
	}
	if _, err := io.WriteString(w, "\n  ]"); err != nil {
		return err
	}
	_, err := w.Write(after)
	return err
}

// encodeJSON writes v indented by two spaces a level after prefix, and a line break.
func encodeJSON(w io.Writer, v any, prefix string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
