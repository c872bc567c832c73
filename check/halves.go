package check

import (
	"regexp"
	"strings"

	"yusuan/disclosure"
	"yusuan/money"
)

// A 决算's 一般公共预算财政拨款基本支出决算表 prints the economic classification in
// two halves side by side, 人员经费 on the left and 公用经费 on the right (columns
// code, name, total and code#2, name#2, total#2; the code as 类 | 款 where printed
// so), each half closed by its own 合计 row. Its rows hold one item of each half,
// so the table's rows have no code of their own and the code tables' sums
// (codeTables) pass it by: halfSums adds up each half on its own.

// halfSuffixes are the suffixes of the keys of a table's halves, left to right.
var halfSuffixes = []string{"", "#2", "#3"}

// econCodeRe is an economic code as a half prints it: a 类 (3 digits) or a 款 (5).
var econCodeRe = regexp.MustCompile(`^[0-9]{3}(?:[0-9]{2})?$`)

// halfRow is one item of a half: its row, its code and its name as printed.
type halfRow struct {
	r          int
	code, name string
}

// half is one half of a two-half table: its items in order and its 合计 row (-1
// if it prints none, or more than one).
type half struct {
	sfx   string
	items []halfRow
	total int
	name  string // the total row's label (人员经费合计)
}

// halfSums: in each half of a two-half 基本支出决算表, a 类 is the sum of its 款
// and the half's 合计 the sum of its 类 (SUM-01); the two 合计 together are the
// 基本支出 of the 一般公共预算财政拨款支出决算表. A half whose codes are not
// read as codes (a 款 run into its name) is not added up: unknown is not wrong.
func (c *Doc) halfSums() {
	v := c.tables[disclosure.GPBasicTable]
	if v == nil || !v.Has("total#2") {
		return
	}
	var totals []money.Amount
	var names []string
	whole := true // every half prints its 合计
	for _, h := range readHalves(v) {
		if h.items != nil {
			c.halfLevels(v, h)
		}
		a, ok := v.Amount(h.total, "total"+h.sfx)
		if h.total < 0 || !ok {
			whole = false
			continue
		}
		totals, names = append(totals, a), append(names, h.name)
	}
	f5 := c.tables[disclosure.GPFunctionalTable]
	top := TopRow(f5)
	if !whole || len(totals) < 2 || top < 0 {
		return
	}
	basic, ok := f5.Amount(top, "basic")
	if !ok {
		return
	}
	var sum money.Amount
	for _, a := range totals {
		sum += a
	}
	// Each 合计 is rounded once: the two may differ from table 5's by their tails.
	c.Equal("X-01", v.At(readHalves(v)[0].total, "total"), v.Unit, strings.Join(names, "与")+"之和（与"+f5.Label+"基本支出对照）", basic, sum, len(totals), f5.Label)
}

// halfLevels adds up one half: each 类 is the sum of the 款 under it, the 合计 the
// sum of the 类.
func (c *Doc) halfLevels(v *View, h half) {
	key := "total" + h.sfx
	var classes []money.Amount
	for i, it := range h.items {
		if len(it.code) != 3 {
			continue
		}
		total, _ := v.Amount(it.r, key)
		classes = append(classes, total)
		var parts []money.Amount
		for _, ch := range h.items[i+1:] {
			if len(ch.code) == 3 {
				break
			}
			if strings.HasPrefix(ch.code, it.code) {
				a, _ := v.Amount(ch.r, key)
				parts = append(parts, a)
			}
		}
		if _, ok := v.Amount(it.r, key); !ok || len(parts) == 0 {
			continue
		}
		c.Balance("SUM-01", v.AtNamed(it.r, key, "name"+h.sfx), v.Unit, "“"+it.name+"”", total, parts...)
	}
	if h.total < 0 || len(classes) == 0 {
		return
	}
	// A 决算 prints a 类 as the sum of its printed 款: the 合计 may differ from
	// the 类 by the tails of every 款 (as codeTables allows for 项).
	if total, ok := v.Amount(h.total, key); ok {
		c.BalanceOf("SUM-01", v.AtNamed(h.total, key, "name"+h.sfx), v.Unit, "“"+h.name+"”", total, len(h.items), classes...)
	}
}

// readHalves reads the halves of a two-half table. A half whose codes are not
// all codes, or that prints a 类 twice, has no items (its sums are not known).
func readHalves(v *View) []half {
	var out []half
	for _, sfx := range halfSuffixes {
		if !v.Has("total" + sfx) {
			continue
		}
		h := half{sfx: sfx, total: -1}
		ok, totals := true, 0
		seen := map[string]bool{}
		for r := range v.body {
			if label := halfLabel(v, r, sfx); strings.HasSuffix(label, "合计") {
				h.total, h.name = r, label
				totals++
				continue
			}
			code, printed := halfCode(v, r, sfx)
			if !printed {
				continue
			}
			if !econCodeRe.MatchString(code) || seen[code] {
				ok = false
				continue
			}
			seen[code] = true
			h.items = append(h.items, halfRow{r: r, code: code, name: v.Text(r, "name"+sfx)})
		}
		// A bare 合计 may be the whole table's (人员经费 and 公用经费 together): only a
		// total that names its half (人员经费合计) is the half's.
		if totals != 1 || h.name == "合计" {
			h.total = -1
		}
		if !ok {
			h.items = nil
		}
		out = append(out, h)
	}
	return out
}

// halfCode is the economic code a half prints on row r, its 类 and 款 joined, and
// whether it prints any.
func halfCode(v *View, r int, sfx string) (string, bool) {
	code := v.Text(r, "code"+sfx)
	if code == "" && v.Has("code_class"+sfx) {
		cls, item := v.Text(r, "code_class"+sfx), v.Text(r, "code_item"+sfx)
		if cls == "" && item == "" {
			return "", false
		}
		if item != "" && len(item) != 2 {
			return cls + " " + item, true // a 款 run into its name: no code
		}
		code = cls + item
	}
	code = strings.ReplaceAll(code, " ", "")
	return code, code != ""
}

// halfLabel is the text a half prints on row r outside its amounts (a 合计 row's
// label may stand in its code columns).
func halfLabel(v *View, r int, sfx string) string {
	var s string
	for _, k := range []string{"code_class", "code_item", "code", "name"} {
		s += v.Text(r, k+sfx)
	}
	return Normalize(s)
}
