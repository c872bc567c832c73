package format

import (
	_ "embed"
	"slices"
	"strings"
)

//go:embed generic.yaml
var genericYAML []byte

//go:embed generic-juesuan.yaml
var genericFinalYAML []byte

var (
	generic      = MustParse("generic.yaml", genericYAML)
	genericFinal = MustParse("generic-juesuan.yaml", genericFinalYAML)
)

// Generic returns the national family's description of 预算 documents, used for
// documents of a jurisdiction that has none of its own.
func Generic() *Format { return generic }

// GenericFor returns the family's description of documents of the kind: the 决算
// one for final accounts (部门决算), the 预算 one otherwise.
func GenericFor(kind string) *Format {
	if IsFinal(kind) {
		return genericFinal
	}
	return generic
}

// Family returns the family's description of the kind of documents f describes:
// where a title f does not know is looked for.
func (f *Format) Family() *Format {
	for _, k := range f.Kinds {
		if IsFinal(k) {
			return genericFinal
		}
	}
	return generic
}

// IsFinal reports whether a kind of document is a 决算 (final accounts), whose
// figures are what was spent rather than what is planned.
func IsFinal(kind string) bool { return strings.Contains(kind, "决算") }

// Set is the formats a reader can recognise: every jurisdiction's, and the
// family's generic descriptions (预算, then 决算) last.
type Set struct {
	formats []*Format
}

// NewSet returns a set of the formats followed by the generic descriptions.
func NewSet(formats ...*Format) *Set {
	s := &Set{}
	for _, f := range formats {
		if f != nil && !f.Generic {
			s.formats = append(s.formats, f)
		}
	}
	s.formats = append(s.formats, generic, genericFinal)
	return s
}

// All returns the formats, the generic descriptions last.
func (s *Set) All() []*Format { return s.formats }

// Supports reports whether a format of the set publishes documents of the kind
// by name: a kind no description lists (单位决算) cannot be read.
func (s *Set) Supports(kind string) bool {
	for _, f := range s.formats {
		if slices.Contains(f.Kinds, kind) {
			return true
		}
	}
	return false
}

// ByID returns the format with the id, or nil.
func (s *Set) ByID(id string) *Format {
	for _, f := range s.formats {
		if f.ID == id {
			return f
		}
	}
	return nil
}

var registry = map[string]*Format{generic.ID: generic, genericFinal.ID: genericFinal}

// Register makes formats known by their ids to Lookup; the profile registry
// registers every jurisdiction's when it loads.
func Register(formats ...*Format) {
	for _, f := range formats {
		registry[f.ID] = f
	}
}

// Lookup returns the registered format with the id, or nil.
func Lookup(id string) *Format { return registry[id] }
