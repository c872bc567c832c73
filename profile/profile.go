// Package profile is the registry of jurisdictions. Each lives in its own folder
// below this one — its format descriptions, its narrative rules and, where yusuan
// generates its documents, its profile, which turns a budget into the document
// the jurisdiction publishes — and is listed here, once.
package profile

import (
	"fmt"
	"sort"
	"strings"

	"yusuan/budget"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/format"
	"yusuan/profile/beijing"
	"yusuan/profile/central"
	"yusuan/profile/guangzhou"
	"yusuan/profile/hangzhou"
	"yusuan/profile/jiangsu"
	"yusuan/profile/shanghai"
	"yusuan/profile/shenzhen"
)

// jurisdictions are every region whose documents yusuan reads, one line each.
var jurisdictions = []Jurisdiction{
	shenzhen.Profile{},
	shanghai.Profile{},
	central.Jurisdiction{},
	guangzhou.Jurisdiction{},
	hangzhou.Jurisdiction{},
	jiangsu.Jurisdiction{},
	beijing.Jurisdiction{},
}

// Jurisdiction is a region whose documents yusuan reads and checks.
type Jurisdiction interface {
	// Name is the identifier used in budget files and flags, e.g. "shenzhen".
	Name() string
	// Label is the Chinese name shown to users, e.g. 深圳.
	Label() string
	// Formats describes the layouts the jurisdiction publishes in, for readers.
	Formats() []*format.Format
}

// Profile is a jurisdiction whose documents yusuan generates from a budget.
type Profile interface {
	Jurisdiction
	// Derive builds the department's document. The budget must have passed
	// budget.Validate.
	Derive(b *budget.Budget, cat *classification.Catalogue) (*disclosure.Document, error)
}

// Publisher is a profile that publishes more than one document from a budget, such as
// Shanghai's 部门预算 and one 单位预算 for each unit.
type Publisher interface {
	Profile
	// Documents builds every document, the department's first.
	Documents(b *budget.Budget, cat *classification.Catalogue) ([]*disclosure.Document, error)
}

// Documents builds every document a profile publishes from b.
func Documents(p Profile, b *budget.Budget, cat *classification.Catalogue) ([]*disclosure.Document, error) {
	if pub, ok := p.(Publisher); ok {
		return pub.Documents(b, cat)
	}
	doc, err := p.Derive(b, cat)
	if err != nil {
		return nil, err
	}
	return []*disclosure.Document{doc}, nil
}

// profiles are the jurisdictions that generate documents.
var profiles = func() []Profile {
	var out []Profile
	for _, j := range jurisdictions {
		if p, ok := j.(Profile); ok {
			out = append(out, p)
		}
	}
	return out
}()

// Formats returns the format descriptions of every profile, with the national
// family's generic description last.
func Formats() *format.Set { return formatSet }

var formatSet = func() *format.Set {
	var all []*format.Format
	for _, j := range jurisdictions {
		all = append(all, j.Formats()...)
	}
	format.Register(all...)
	return format.NewSet(all...)
}()

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
