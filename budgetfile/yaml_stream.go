package budgetfile

import (
	"bytes"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"

	"yusuan/budget"
)

// yaml.v3 parses a document whole into a tree of nodes, about fifteen times the
// size of the text, before anything is decoded. Block-style text (as WriteYAML
// writes it and people edit it) is cut instead into pieces that parse alone:
// each top-level key with its value, and the items of a top-level list in
// batches of about yamlBatch bytes. Each piece is parsed and decoded, then
// dropped, so only one piece's nodes are alive at a time; its lines are counted
// from where it starts in the file, so errors name the same lines.
//
// The cuts are only made where the whole document's parse would also end
// what came before: a line that starts at column 0 with a plain key ends every
// block node, and a line "- " at a list's own indentation ends its item. A cut
// inside a quoted scalar or a flow collection leaves the piece before it
// unterminated, which does not parse. Text whose lines at column 0 are not all
// plain keys, comments or list items, or that has line breaks other than
// "\n" and "\r\n", is not cut, and when any piece does not parse the whole text
// is parsed as one document (readYAMLDoc), so that syntax errors, aliases to
// anchors in another piece and anything unusual give exactly what they gave
// before.

// yamlBatch is about how many bytes of a list's items are parsed at a time.
const yamlBatch = 64 << 10

// yamlPiece is a part of the text that parses alone: its bytes, and the line of
// the file it starts on.
type yamlPiece struct {
	start, end int
	line       int
}

// yamlEntry is a top-level key and its value.
type yamlEntry struct {
	key string
	yamlPiece
	// batches, when the value is a block list on the lines after the key, are
	// its items in pieces that each start with an item; items counts them.
	batches []yamlPiece
	items   int
}

// readYAMLPieces decodes data piece by piece. ok is false when data is not
// cut into pieces or a piece does not parse; the caller then parses it whole.
func readYAMLPieces(data []byte, name string) (b *budget.Budget, errs budget.ErrorList, ok bool) {
	entries, ok := splitYAML(data)
	if !ok {
		return nil, nil, false
	}
	d := &yamlDecoder{file: name}
	b = &budget.Budget{}
	v := reflect.ValueOf(b).Elem()
	t := v.Type()
	fields := yamlFields(t)
	seen := map[string]int{}
	for i := range entries {
		e := &entries[i]
		idx, known := fields.index[e.key]
		if len(e.batches) > 0 && (!known || v.Field(idx).Kind() != reflect.Slice) {
			e.batches = nil // parsed whole below, for the error it gives
		}
		var key, val *yaml.Node
		if len(e.batches) == 0 {
			var root *yaml.Node
			if root, ok = parsePiece(data, e.yamlPiece, yaml.MappingNode); !ok || len(root.Content) != 2 {
				return nil, nil, false
			}
			key, val = root.Content[0], root.Content[1]
			if key.Kind != yaml.ScalarNode || key.Value != e.key {
				return nil, nil, false
			}
		}
		// As yamlDecoder.mapping does for any other mapping.
		if !known {
			d.failAt(e.line, "", "无法识别的字段“%s”，这里可用的字段为：%s", e.key, strings.Join(fields.names, "、"))
			continue
		}
		fl := fieldLabel(t, e.key)
		if line, dup := seen[e.key]; dup {
			if len(e.batches) > 0 && !d.parses(data, e.batches) {
				return nil, nil, false
			}
			d.failAt(e.line, fl, "字段“%s”重复（第 %d 行已写过）", e.key, line)
			continue
		}
		seen[e.key] = e.line
		if len(e.batches) == 0 {
			d.off = e.line - 1
			d.value(val, v.Field(idx), fl)
			continue
		}
		if !d.list(data, e, v.Field(idx), fl) {
			return nil, nil, false
		}
	}
	nameMissing(b, name)
	return b, d.errs, true
}

// list decodes the block list of e into the slice v, a batch at a time.
func (d *yamlDecoder) list(data []byte, e *yamlEntry, v reflect.Value, label string) bool {
	s := reflect.MakeSlice(v.Type(), e.items, e.items)
	i := 0
	for _, p := range e.batches {
		seq, ok := parsePiece(data, p, yaml.SequenceNode)
		if !ok || i+len(seq.Content) > e.items {
			return false
		}
		d.off = p.line - 1
		for _, c := range seq.Content {
			d.value(c, s.Index(i), label)
			i++
		}
	}
	if i != e.items {
		return false
	}
	v.Set(s)
	return true
}

// parses reports whether every piece parses, for a list that is not decoded.
func (d *yamlDecoder) parses(data []byte, pieces []yamlPiece) bool {
	for _, p := range pieces {
		if _, ok := parsePiece(data, p, yaml.SequenceNode); !ok {
			return false
		}
	}
	return true
}

// parsePiece parses the piece p of data as one document whose root is of the
// given kind. Its nodes' lines count from the piece's start.
func parsePiece(data []byte, p yamlPiece, kind yaml.Kind) (*yaml.Node, bool) {
	dec := yaml.NewDecoder(bytes.NewReader(data[p.start:p.end]))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil || len(doc.Content) != 1 || doc.Content[0].Kind != kind {
		return nil, false
	}
	return doc.Content[0], true
}

// splitYAML cuts data into its top-level entries, and their block lists into
// batches of items. ok is false for text it does not cut (see above).
func splitYAML(data []byte) (entries []yamlEntry, ok bool) {
	// YAML also breaks lines at a lone "\r" and at U+0085, U+2028 and U+2029,
	// which would make the lines counted here differ from the parser's.
	for _, brk := range []string{"\u0085", "\u2028", "\u2029"} {
		if bytes.Contains(data, []byte(brk)) {
			return nil, false
		}
	}
	for i := bytes.IndexByte(data, '\r'); i >= 0; {
		if i+1 >= len(data) || data[i+1] != '\n' {
			return nil, false
		}
		j := bytes.IndexByte(data[i+1:], '\r')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	line := 0
	for pos := 0; pos < len(data); {
		text, next := nextLine(data, pos)
		line++
		switch {
		case blankOrComment(text):
		case text[0] == ' ' || listItemAt(text, 0):
			if len(entries) == 0 {
				return nil, false // before the first key: not a mapping at column 0
			}
		default:
			key, ok := plainKey(text)
			if !ok {
				return nil, false
			}
			if n := len(entries); n > 0 {
				entries[n-1].end = pos
			}
			entries = append(entries, yamlEntry{key: key, yamlPiece: yamlPiece{start: pos, line: line}})
		}
		pos = next
	}
	if len(entries) == 0 {
		return nil, false
	}
	entries[len(entries)-1].end = len(data)
	for i := range entries {
		splitList(data, &entries[i])
	}
	return entries, true
}

// splitList cuts the value of e into batches of items when it is a block list
// on the lines after the key, each of whose lines is at least as indented as
// its items, and the items start with "-" at that indentation.
func splitList(data []byte, e *yamlEntry) {
	first, pos := nextLine(data, e.start)
	if rest := strings.TrimSpace(string(first[len(e.key)+1:])); rest != "" && !strings.HasPrefix(rest, "#") {
		return // the value starts on the key's line
	}
	indent := -1
	line := e.line
	var batches []yamlPiece
	items := 0
	for ; pos < e.end; line++ {
		text, next := nextLine(data, pos)
		if !blankOrComment(text) {
			n := len(text) - len(bytes.TrimLeft(text, " "))
			if indent < 0 {
				indent = n
			}
			switch {
			case n < indent:
				return
			case n == indent:
				if !listItemAt(text, n) {
					return
				}
				items++
				if len(batches) == 0 || pos-batches[len(batches)-1].start >= yamlBatch {
					if len(batches) > 0 {
						batches[len(batches)-1].end = pos
					}
					batches = append(batches, yamlPiece{start: pos, line: line + 1})
				}
			}
		}
		pos = next
	}
	if items == 0 {
		return
	}
	batches[len(batches)-1].end = e.end
	e.batches, e.items = batches, items
}

// nextLine returns the line of data at pos without its line break, and where
// the next line starts.
func nextLine(data []byte, pos int) (text []byte, next int) {
	end := bytes.IndexByte(data[pos:], '\n')
	if end < 0 {
		text, next = data[pos:], len(data)
	} else {
		text, next = data[pos:pos+end], pos+end+1
	}
	return bytes.TrimSuffix(text, []byte("\r")), next
}

// blankOrComment reports whether a line holds only spaces, or a comment after them.
func blankOrComment(text []byte) bool {
	t := bytes.TrimLeft(text, " ")
	return len(t) == 0 || t[0] == '#'
}

// listItemAt reports whether the line has a list item's "-" at column n.
func listItemAt(text []byte, n int) bool {
	return len(text) > n && text[n] == '-' && (len(text) == n+1 || text[n+1] == ' ')
}

// plainKey returns the key of a line "key:" or "key: value" whose key is a
// plain word of ASCII letters, digits, "_" and "-".
func plainKey(text []byte) (string, bool) {
	i := bytes.IndexByte(text, ':')
	if i <= 0 || (i+1 < len(text) && text[i+1] != ' ') {
		return "", false
	}
	for j, c := range text[:i] {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case j > 0 && (c >= '0' && c <= '9' || c == '-'):
		default:
			return "", false
		}
	}
	return string(text[:i]), true
}
