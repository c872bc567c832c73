// Package profile lists the jurisdictions' disclosure formats. A profile turns a
// budget into the document that its jurisdiction publishes; each one lives in its own
// folder below this one and is listed here.
package profile

import (
	"fmt"
	"sort"
	"strings"

	"yusuan/budget"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/profile/shenzhen"
)

// Profile derives a jurisdiction's disclosure from a budget.
type Profile interface {
	// Name is the identifier used in budget files and flags, e.g. "shenzhen".
	Name() string
	// Label is the Chinese name shown to users, e.g. 深圳.
	Label() string
	// Derive builds the document. The budget must have passed budget.Validate.
	Derive(b *budget.Budget, cat *classification.Catalogue) (*disclosure.Document, error)
}

var profiles = []Profile{
	shenzhen.Profile{},
}

// Default is the profile used when a budget names none.
const Default = "shenzhen"

// Get returns the profile with the name; "" means Default. The error is Chinese.
func Get(name string) (Profile, error) {
	if name == "" {
		name = Default
	}
	for _, p := range profiles {
		if p.Name() == name {
			return p, nil
		}
	}
	return nil, fmt.Errorf("未知的公开格式“%s”，可用的有：%s", name, strings.Join(Names(), "、"))
}

// Names lists the profile names in order.
func Names() []string {
	var out []string
	for _, p := range profiles {
		out = append(out, p.Name())
	}
	sort.Strings(out)
	return out
}
