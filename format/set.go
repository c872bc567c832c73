package format

import (
	_ "embed"
)

//go:embed generic.yaml
var genericYAML []byte

var generic = MustParse("generic.yaml", genericYAML)

// Generic returns the national family's description, used for documents of a
// jurisdiction that has none of its own.
func Generic() *Format { return generic }

// Set is the formats a reader can recognise: every jurisdiction's, and the
// family's generic description last.
type Set struct {
	formats []*Format
}

// NewSet returns a set of the formats followed by the generic description.
func NewSet(formats ...*Format) *Set {
	s := &Set{}
	for _, f := range formats {
		if f != nil && !f.Generic {
			s.formats = append(s.formats, f)
		}
	}
	s.formats = append(s.formats, generic)
	return s
}

// All returns the formats, the generic description last.
func (s *Set) All() []*Format { return s.formats }

// ByID returns the format with the id, or nil.
func (s *Set) ByID(id string) *Format {
	for _, f := range s.formats {
		if f.ID == id {
			return f
		}
	}
	return nil
}

var registry = map[string]*Format{generic.ID: generic}

// Register makes formats known by their ids to Lookup; the profile registry
// registers every jurisdiction's when it loads.
func Register(formats ...*Format) {
	for _, f := range formats {
		registry[f.ID] = f
	}
}

// Lookup returns the registered format with the id, or nil.
func Lookup(id string) *Format { return registry[id] }
