package rebuild

import (
	"regexp"
	"sort"
	"strings"

	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/money"
)

// department moves tails between the codes of one unit so that the department's
// totals by code (the 财政拨款收支总表's spending side) print as published too. Each
// unit's amounts already print as its own rows do; a department of many units may
// still add up to 0.01 more or less than it prints, because every unit rounds on its
// own. A move takes an amount from one 项 of a unit and gives it to another 项 of the
// same unit, table and column, within what every cell on their paths still prints,
// so nothing else that the tables print changes. It is best effort: what it cannot
// mend stays as it is.
func (r *rebuilder) department() {
	want := r.departmentTotals()
	if len(want) == 0 || len(r.figures) < 2 {
		return
	}
	have := map[string]money.Amount{}
	for _, f := range r.figures {
		for _, fs := range f.splits {
			if fs == nil {
				continue
			}
			for c, a := range fs.basic {
				have[c] += a
			}
			for c, a := range fs.project {
				have[c] += a
			}
		}
	}
	codes := make([]string, 0, len(want))
	for c := range want {
		codes = append(codes, c)
	}
	// The deepest codes first: mending a 项 mends its 款 and 类 too, or moves
	// within them.
	sort.Slice(codes, func(i, j int) bool {
		if len(codes[i]) != len(codes[j]) {
			return len(codes[i]) > len(codes[j])
		}
		return codes[i] < codes[j]
	})
	inRange := func(c string, a money.Amount) bool {
		w, ok := want[c]
		return !ok || (a >= w-tailDown && a <= w+tailUp)
	}
	for round := 0; round < 3; round++ {
		for _, c := range codes {
			if inRange(c, have[c]) {
				continue
			}
			w := want[c]
			d := max(w-tailDown, min(w+tailUp, have[c])) - have[c]
			r.mend(c, d, have, inRange)
		}
	}
}

// mend looks for one move of d into the code c and makes it.
func (r *rebuilder) mend(c string, d money.Amount, have map[string]money.Amount, inRange func(string, money.Amount) bool) {
	for _, f := range r.figures {
		for _, s := range streams {
			fs := f.splits[s.name]
			if fs == nil {
				continue
			}
			for _, kind := range []string{"basic", "project"} {
				if fs.move(kind, c, d, have, inRange) {
					return
				}
			}
		}
	}
}

// move moves d from a 项 outside c to a 项 under c (c itself when it is a 项), when
// every cell on their paths still prints the same and no department total that was
// right goes wrong.
func (fs *split) move(kind, c string, d money.Amount, have map[string]money.Amount, inRange func(string, money.Amount) bool) bool {
	vals, tr := fs.basic, fs.cols.basic
	if kind == "project" {
		vals, tr = fs.project, fs.cols.project
	}
	var into, from []string
	for code := range tr.printed {
		if len(code) != 7 || tr.printed[code] == 0 {
			continue
		}
		if strings.HasPrefix(code, c) {
			into = append(into, code)
		} else {
			from = append(from, code)
		}
	}
	sort.Strings(into)
	sort.Strings(from)
	for _, a := range into {
		for _, b := range from {
			changed := map[string]money.Amount{}
			for n := a; n != ""; n = classification.ParentOf(n) {
				changed[n] += d
			}
			for n := b; n != ""; n = classification.ParentOf(n) {
				changed[n] -= d
			}
			if fs.allows(kind, vals, tr, changed, have, inRange) {
				for n, x := range changed {
					vals[n] += x
					have[n] += x
				}
				return true
			}
		}
	}
	return false
}

// allows reports whether the changes keep every cell of the unit's table printing
// as published, and every department total that prints right still right.
func (fs *split) allows(kind string, vals map[string]money.Amount, tr *tree, changed, have map[string]money.Amount, inRange func(string, money.Amount) bool) bool {
	other := fs.project
	if kind == "project" {
		other = fs.basic
	}
	for n, x := range changed {
		if x == 0 {
			continue
		}
		p, ok := tr.printed[n]
		if !ok {
			return false // a code the unit does not print
		}
		v := vals[n] + x
		if p == 0 || v < p-tailDown || v > p+tailUp {
			return false
		}
		if fs.cols.total != nil {
			if t := fs.cols.total.printed[n]; v+other[n] < t-tailDown || v+other[n] > t+tailUp {
				return false
			}
		}
		if inRange(n, have[n]) && !inRange(n, have[n]+x) {
			return false
		}
	}
	return true
}

// numbering is the 一、 before a 类's name on a summary's spending side.
var numbering = regexp.MustCompile(`^[一二三四五六七八九十]+、`)

// departmentTotals reads the department's totals by functional code from the
// 财政拨款收支总表, whose spending side names codes in code order; the codes are
// those the units' tables print. Nil when the names do not follow the codes.
func (r *rebuilder) departmentTotals() map[string]money.Amount {
	t := tableOf(r.doc, disclosure.FiscalSummaryTable)
	if t == nil {
		return nil
	}
	set := map[string]bool{}
	for _, f := range r.figures {
		for _, fs := range f.splits {
			if fs == nil {
				continue
			}
			for _, tr := range []*tree{fs.cols.basic, fs.cols.project} {
				for c, a := range tr.printed {
					if a != 0 {
						set[c] = true
					}
				}
			}
		}
	}
	codes := make([]string, 0, len(set))
	for c := range set {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	out := map[string]money.Amount{}
	next := 0
	for _, row := range t.Rows {
		name := text(t, row, "spending_item")
		if name == "" || next >= len(codes) {
			continue
		}
		name = numbering.ReplaceAllString(strings.ReplaceAll(name, " ", ""), "")
		if classification.SameName(r.cat.Name(classification.Functional, codes[next]), name) {
			out[codes[next]] = amount(t, row, "spending")
			next++
		}
	}
	if next != len(codes) {
		return nil
	}
	return out
}
