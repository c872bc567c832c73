package rebuild

import (
	"fmt"
	"sort"

	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/money"
)

// col returns the index of the column with the key, or -1.
func col(t *disclosure.Table, key string) int {
	for i, c := range t.Columns {
		if c.Key == key {
			return i
		}
	}
	return -1
}

// text is the text of a row's cell in the column with the key.
func text(t *disclosure.Table, r disclosure.Row, key string) string {
	i := col(t, key)
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return r.Cells[i].Text
}

// amount is the amount of a row's cell in the column with the key; a cell that
// prints nothing is zero.
func amount(t *disclosure.Table, r disclosure.Row, key string) money.Amount {
	i := col(t, key)
	if i < 0 || i >= len(r.Cells) || r.Cells[i].Amount == nil {
		return 0
	}
	return *r.Cells[i].Amount
}

// tableOf returns the document's table of the kind, or nil.
func tableOf(doc *disclosure.Document, k disclosure.TableKind) *disclosure.Table {
	for _, t := range doc.Tables {
		if t.Kind == k {
			return t
		}
	}
	return nil
}

// byUnit splits a table's body into the rows under each unit's own row. A unit's
// row names it in the column nameKey; rows before the first unit (a department's
// total) belong to none. Unit names are compared as classification names are.
func byUnit(t *disclosure.Table, nameKey string, units []string) map[string][]disclosure.Row {
	out := map[string][]disclosure.Row{}
	if t == nil {
		return out
	}
	known := map[string]string{}
	for _, u := range units {
		known[classification.NormalizeName(u)] = u
	}
	cur := ""
	for _, r := range t.Rows {
		if u, ok := known[classification.NormalizeName(text(t, r, nameKey))]; ok && r.Code == "" {
			cur = u
			out[u] = append(out[u], r)
			continue
		}
		if cur != "" {
			out[cur] = append(out[cur], r)
		}
	}
	return out
}

// leaves returns a coded table's column at the rows of the given code length (7 for
// functional 项, 5 for economic 款), as exact amounts that add up to every printed
// parent (see exact). rows are one unit's, its own row first.
func leaves(t *disclosure.Table, rows []disclosure.Row, key string, digits int) (map[string]money.Amount, error) {
	out := map[string]money.Amount{}
	if t == nil || col(t, key) < 0 || len(rows) == 0 {
		return out, nil
	}
	printed := map[string]money.Amount{}
	for _, r := range rows {
		if r.Code != "" {
			printed[r.Code] += amount(t, r, key)
		}
	}
	root := amount(t, rows[0], key)
	if rows[0].Code != "" {
		root = 0
		for c, a := range printed {
			if len(c) == 3 {
				root += a
			}
		}
	}
	ex, err := exact(printed, root)
	if err != nil {
		return nil, fmt.Errorf("%s“%s”列 %w", t.Title, key, err)
	}
	for c, a := range ex {
		if len(c) == digits {
			out[c] = a
		}
	}
	return out, nil
}

// unitNames reads the units from the income table: every row, except a first row
// that is the sum of the others (the department's total).
func unitNames(t *disclosure.Table) ([]string, error) {
	if t == nil {
		return nil, fmt.Errorf("文件中没有收入总表，无法得知预算单位")
	}
	var names []string
	var rest money.Amount
	for i, r := range t.Rows {
		if r.Kind == disclosure.TotalRow {
			continue
		}
		names = append(names, text(t, r, "unit"))
		if i > 0 {
			rest += amount(t, r, "total")
		}
	}
	if len(names) > 1 && amount(t, t.Rows[0], "total") == rest {
		names = names[1:]
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("收入总表中没有预算单位")
	}
	return names, nil
}

// economicByName resolves the names of a table that lists economic classes by name
// only (基本支出总表): a 类's name sets the class, and a 款 is looked up under it,
// because some 款 names (办公设备购置) occur in more than one class.
type economicNames struct {
	classes map[string]string            // name → 类 code
	items   map[string]map[string]string // 类 code → name → 款 code
}

func newEconomicNames(cat *classification.Catalogue) *economicNames {
	e := &economicNames{classes: map[string]string{}, items: map[string]map[string]string{}}
	for _, c := range cat.Codes(classification.Economic) {
		n := classification.NormalizeName(c.Name)
		switch len(c.Code) {
		case 3:
			e.classes[n] = c.Code
		case 5:
			p := c.Code[:3]
			if e.items[p] == nil {
				e.items[p] = map[string]string{}
			}
			e.items[p][n] = c.Code
		}
	}
	return e
}

// halfCent is the most an exact amount may differ from what a table prints at two
// decimals of 万元 and still print the same: rounding half up keeps [v−50元, v+50元).
const (
	tailDown = 5000 // 分
	tailUp   = 4999
)

// exact works out exact amounts for a column printed as a tree of codes (类, 款, 项)
// under a root (the unit's row). Published tables round every cell from its exact
// sum, so a parent may print 0.01 more or less than its printed children add up
// to; then the children cannot all be exactly what they print. Every node is given
// the part of its parent's exact amount that its printed siblings leave, spread
// over the non-zero siblings within what still prints the same. A column that adds
// up as printed comes back as printed.
func exact(printed map[string]money.Amount, root money.Amount) (map[string]money.Amount, error) {
	out := map[string]money.Amount{}
	children := map[string][]string{}
	for c := range printed {
		p := classification.ParentOf(c)
		for p != "" {
			if _, ok := printed[p]; ok {
				break
			}
			p = classification.ParentOf(p)
		}
		children[p] = append(children[p], c)
	}
	var walk func(node string, value money.Amount) error
	walk = func(node string, value money.Amount) error {
		kids := children[node]
		if len(kids) == 0 {
			return nil
		}
		sort.Strings(kids)
		var sum money.Amount
		var live []string
		for _, k := range kids {
			sum += printed[k]
			if printed[k] != 0 {
				live = append(live, k)
			}
		}
		for _, k := range kids {
			out[k] = printed[k]
		}
		if d := value - sum; d != 0 {
			if err := spread(out, live, d); err != nil {
				return fmt.Errorf("%s：下级合计 %s 与本级 %s 相差过大：%w", orRoot(node), sum.Wan(), value.Wan(), err)
			}
		}
		for _, k := range kids {
			if err := walk(k, out[k]); err != nil {
				return err
			}
		}
		return nil
	}
	return out, walk("", root)
}

func orRoot(node string) string {
	if node == "" {
		return "合计"
	}
	return node
}

// spread adds d to the amounts of keys, within the tail a printed cell allows, on as
// few and as large amounts as it can: a tail on a large amount stays inside one line
// item, where tails on many small ones would leave slivers of a few 元 to allocate.
func spread(out map[string]money.Amount, keys []string, d money.Amount) error {
	keys = append([]string(nil), keys...)
	sort.SliceStable(keys, func(i, j int) bool { return out[keys[i]] > out[keys[j]] })
	for _, k := range keys {
		if d == 0 {
			return nil
		}
		a := max(min(d, tailUp), -tailDown)
		out[k] += a
		d -= a
	}
	if d != 0 {
		return fmt.Errorf("还差 %s 无法在四舍五入的范围内分摊", d.Wan())
	}
	return nil
}
