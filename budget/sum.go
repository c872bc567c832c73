package budget

import (
	"sort"

	"yusuan/classification"
	"yusuan/money"
)

// Filter selects line items.
type Filter func(li *LineItem) bool

// All selects every line item.
func All(*LineItem) bool { return true }

// And selects items that every filter selects.
func And(fs ...Filter) Filter {
	return func(li *LineItem) bool {
		for _, f := range fs {
			if !f(li) {
				return false
			}
		}
		return true
	}
}

// OfFund selects items whose fund is f.
func OfFund(f FundType) Filter { return func(li *LineItem) bool { return li.Fund == f } }

// Fiscal selects 财政拨款 items: fiscal funds, and carry-over of fiscal funds.
func Fiscal(li *LineItem) bool { return li.SourceFund().Fiscal() }

// OfUnit selects the items of one unit.
func OfUnit(code string) Filter { return func(li *LineItem) bool { return li.Unit == code } }

// OfKind selects items of one spending kind.
func OfKind(k SpendKind) Filter { return func(li *LineItem) bool { return li.Kind == k } }

// Basic selects basic spending.
func Basic(li *LineItem) bool { return li.Kind.Basic() }

// EconomicClass selects items whose economic code starts with one of the prefixes.
func EconomicClass(prefixes ...string) Filter {
	return func(li *LineItem) bool {
		for _, p := range prefixes {
			if len(li.Economic) >= len(p) && li.Economic[:len(p)] == p {
				return true
			}
		}
		return false
	}
}

// Sum adds the amounts of the selected items.
func (b *Budget) Sum(f Filter) money.Amount {
	var s money.Amount
	for i := range b.Items {
		if f(&b.Items[i]) {
			s += b.Items[i].Amount
		}
	}
	return s
}

// Split is a sum broken down into basic (personnel, public) and project spending, and
// the institutions' own kinds of spending (经营支出, 对附属单位补助支出, 上缴上级支出).
type Split struct {
	Personnel, Public, Project money.Amount
	Operating, Subsidy, Remit  money.Amount
}

// Basic is personnel plus public spending.
func (s Split) Basic() money.Amount { return s.Personnel + s.Public }

// Total is every kind of spending.
func (s Split) Total() money.Amount {
	return s.Personnel + s.Public + s.Project + s.Operating + s.Subsidy + s.Remit
}

func (s *Split) add(li *LineItem) {
	switch li.Kind {
	case Personnel:
		s.Personnel += li.Amount
	case Public:
		s.Public += li.Amount
	case OperatingSp:
		s.Operating += li.Amount
	case SubsidySp:
		s.Subsidy += li.Amount
	case RemitSp:
		s.Remit += li.Amount
	default:
		s.Project += li.Amount
	}
}

// CodeSum is the split of one classification code, at any level.
type CodeSum struct {
	Code string
	Split
}

// ByCode sums the selected items by their code of kind k, at every level of the tree
// (类, 款 and, for functional codes, 项), in code order with parents before children.
func (b *Budget) ByCode(k classification.Kind, f Filter) []CodeSum {
	var items []*LineItem
	for i := range b.Items {
		if f(&b.Items[i]) {
			items = append(items, &b.Items[i])
		}
	}
	return CodeSums(items, k)
}

// CodeSums is ByCode of items already selected: one pass however many callers share
// a selection.
func CodeSums(items []*LineItem, k classification.Kind) []CodeSum {
	sums := map[string]*Split{}
	for _, li := range items {
		code := li.Functional
		if k == classification.Economic {
			code = li.Economic
		}
		for c := code; c != ""; c = classification.ParentOf(c) {
			s := sums[c]
			if s == nil {
				s = &Split{}
				sums[c] = s
			}
			s.add(li)
		}
	}
	out := make([]CodeSum, 0, len(sums))
	for c, s := range sums {
		out = append(out, CodeSum{Code: c, Split: *s})
	}
	// Lexical order puts 201 before 20103 before 2010301 before 20104.
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// SplitItems sums items already selected into one split.
func SplitItems(items []*LineItem) Split {
	var s Split
	for _, li := range items {
		s.add(li)
	}
	return s
}

// SplitOf sums the selected items into one split.
func (b *Budget) SplitOf(f Filter) Split {
	var s Split
	for i := range b.Items {
		if f(&b.Items[i]) {
			s.add(&b.Items[i])
		}
	}
	return s
}

// Classified reports whether an item belongs to a classified unit or project.
func (b *Budget) Classified(li *LineItem) bool {
	if u := b.Unit(li.Unit); u != nil && u.Classified {
		return true
	}
	if li.Project != "" {
		if p := b.Project(li.Project); p != nil && p.Classified {
			return true
		}
	}
	return false
}

// SubjectName is the name the document is published under: the department's Title,
// else the only unit's name, else the department's name.
func (b *Budget) SubjectName() string {
	if b.Department.Title != "" {
		return b.Department.Title
	}
	if len(b.Units) == 1 && !b.Units[0].Classified {
		return b.Units[0].Name
	}
	return b.Department.Name
}
