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

// codedTree reads a coded table's column for one unit (rows are the unit's, its own
// row first) as a tree of printed amounts; nil when the table has no such column.
func codedTree(t *disclosure.Table, rows []disclosure.Row, key string) (*tree, error) {
	if t == nil || col(t, key) < 0 || len(rows) == 0 {
		return nil, nil
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
	tr, err := newTree(printed, root)
	if err != nil {
		return nil, fmt.Errorf("%s“%s”列 %w", t.Title, key, err)
	}
	return tr, nil
}

// leaves returns a coded table's column at the rows of the given code length (7 for
// functional 项, 5 for economic 款), as exact amounts that add up to every printed
// parent (see exact). rows are one unit's, its own row first.
func leaves(t *disclosure.Table, rows []disclosure.Row, key string, digits int) (map[string]money.Amount, error) {
	tr, err := codedTree(t, rows, key)
	if err != nil || tr == nil {
		return map[string]money.Amount{}, err
	}
	return atDigits(tr.exact(), digits), nil
}

func atDigits(m map[string]money.Amount, digits int) map[string]money.Amount {
	out := map[string]money.Amount{}
	for c, a := range m {
		if len(c) == digits {
			out[c] = a
		}
	}
	return out
}

// printedLeaves returns a coded table's column at the rows of the given code length,
// as printed.
func printedLeaves(t *disclosure.Table, rows []disclosure.Row, key string, digits int) map[string]money.Amount {
	out := map[string]money.Amount{}
	if t == nil || col(t, key) < 0 {
		return out
	}
	for _, r := range rows {
		if len(r.Code) == digits {
			out[r.Code] += amount(t, r, key)
		}
	}
	return out
}

// unitNames reads the units from the income table: every row, except a first row
// that is the department's total (it names the department, or it is the sum of the
// others within their rounding).
func unitNames(t *disclosure.Table, department string) ([]string, error) {
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
	slack := money.Amount(len(names)) * tailDown
	if d := amount(t, t.Rows[0], "total") - rest; len(names) > 1 && (classification.SameName(names[0], department) || d.Abs() <= slack) {
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

// tailDown and tailUp are the most an exact amount may differ from what a table
// prints at two decimals of 万元 and still print the same: rounding half up keeps
// [v−50元, v+50元).
const (
	tailDown = 5000 // 分
	tailUp   = 4999
)

// exact works out exact amounts for a column printed as a tree of codes (类, 款, 项)
// under a root (the unit's row). Published tables round every cell from its exact
// sum, so a parent may print 0.01 more or less than its printed children add up to;
// then the children cannot all be exactly what they print. Each cell may be anything
// that prints the same (a zero stays zero); going up, a parent's range is what its
// children's ranges add up to within its own; going down, each node takes its printed
// amount where its range allows and the nearest amount where not, and its children
// share it out, as near their printed amounts as they can, the largest moving
// first. A column that adds up as printed comes back as printed.
func exact(printed map[string]money.Amount, root money.Amount) (map[string]money.Amount, error) {
	tr, err := newTree(printed, root)
	if err != nil {
		return nil, err
	}
	return tr.exact(), nil
}

// tree is a printed column as a tree of codes with the range of exact amounts each
// node may have.
type tree struct {
	printed  map[string]money.Amount
	root     money.Amount
	children map[string][]string
	lo, hi   map[string]money.Amount
}

func newTree(printed map[string]money.Amount, root money.Amount) (*tree, error) {
	t := &tree{printed: printed, root: root, children: map[string][]string{}, lo: map[string]money.Amount{}, hi: map[string]money.Amount{}}
	for c := range printed {
		p := classification.ParentOf(c)
		for p != "" {
			if _, ok := printed[p]; ok {
				break
			}
			p = classification.ParentOf(p)
		}
		t.children[p] = append(t.children[p], c)
	}
	for _, kids := range t.children {
		sort.Strings(kids)
	}
	return t, t.bounds("")
}

func (t *tree) value(node string) money.Amount {
	if node == "" {
		return t.root
	}
	return t.printed[node]
}

func (t *tree) bounds(node string) error {
	v := t.value(node)
	l, h := v-tailDown, v+tailUp
	if v == 0 {
		l, h = 0, 0
	}
	if kids := t.children[node]; len(kids) > 0 {
		var kl, kh money.Amount
		for _, k := range kids {
			if err := t.bounds(k); err != nil {
				return err
			}
			kl += t.lo[k]
			kh += t.hi[k]
		}
		l, h = max(l, kl), min(h, kh)
	}
	if l > h {
		return fmt.Errorf("%s：印出 %s，下级无论怎样四舍五入都合不上", orRoot(node), v.Wan())
	}
	t.lo[node], t.hi[node] = l, h
	return nil
}

// bound narrows each node's range to [lo, hi] of the maps (a missing key narrows
// nothing) where the range allows it, and a parent's to what its children's
// narrowed ranges add up to: a share (中小企业) bounded by what it is a share of.
func (t *tree) bound(lo, hi map[string]money.Amount) {
	var walk func(node string)
	walk = func(node string) {
		kids := t.children[node]
		var kl, kh money.Amount
		for _, k := range kids {
			walk(k)
			kl += t.lo[k]
			kh += t.hi[k]
		}
		l, h := t.lo[node], t.hi[node]
		if len(kids) > 0 {
			l, h = max(l, kl), min(h, kh)
		}
		if v, ok := lo[node]; ok {
			l = max(l, v)
		}
		if v, ok := hi[node]; ok {
			h = min(h, v)
		}
		if l <= h {
			t.lo[node], t.hi[node] = l, h
		}
	}
	walk("")
}

// exact shares out the amount nearest the printed root that the tree allows.
func (t *tree) exact() map[string]money.Amount { return t.share(t.clamp(t.root)) }

// clamp is the amount nearest v that the root may have.
func (t *tree) clamp(v money.Amount) money.Amount { return max(t.lo[""], min(t.hi[""], v)) }

// share gives the root the amount v and shares it out down the tree.
func (t *tree) share(v money.Amount) map[string]money.Amount { return t.shareWithin(v, nil) }

// shareWithin is share where a node should also stay within what limit allows (the
// room another column leaves it), as far as the node's own range and its parent's
// amount let it.
func (t *tree) shareWithin(v money.Amount, limit func(node string) (lo, hi money.Amount, ok bool)) map[string]money.Amount {
	out := map[string]money.Amount{}
	var share func(node string, v money.Amount)
	share = func(node string, v money.Amount) {
		out[node] = v
		kids := t.children[node]
		if len(kids) == 0 {
			return
		}
		lo, hi := map[string]money.Amount{}, map[string]money.Amount{}
		var sumLo, sumHi money.Amount
		for _, k := range kids {
			lo[k], hi[k] = t.lo[k], t.hi[k]
			if limit != nil {
				if l, h, ok := limit(k); ok && max(l, t.lo[k]) <= min(h, t.hi[k]) {
					lo[k], hi[k] = max(l, t.lo[k]), min(h, t.hi[k])
				}
			}
			sumLo += lo[k]
			sumHi += hi[k]
		}
		if v < sumLo || v > sumHi {
			// The limits cannot all hold: the node's own ranges still can.
			for _, k := range kids {
				lo[k], hi[k] = t.lo[k], t.hi[k]
			}
		}
		var sum money.Amount
		for _, k := range kids {
			out[k] = max(lo[k], min(hi[k], t.printed[k]))
			sum += out[k]
		}
		d := v - sum
		order := append([]string(nil), kids...)
		sort.SliceStable(order, func(i, j int) bool { return t.printed[order[i]] > t.printed[order[j]] })
		for _, k := range order {
			if d == 0 {
				break
			}
			a := max(min(d, hi[k]-out[k]), lo[k]-out[k])
			out[k] += a
			d -= a
		}
		for _, k := range kids {
			share(k, out[k])
		}
	}
	share("", v)
	delete(out, "")
	return out
}

// columns are a coded table's basic, project and total columns as trees; total may
// be nil.
type columns struct{ basic, project, total *tree }

func readColumns(t *disclosure.Table, rows []disclosure.Row) (*columns, error) {
	var c columns
	var err error
	if c.basic, err = codedTree(t, rows, "basic"); err != nil {
		return nil, err
	}
	if c.project, err = codedTree(t, rows, "project"); err != nil {
		return nil, err
	}
	if c.total, err = codedTree(t, rows, "total"); err != nil {
		c.total = nil // a total that does not add up constrains nothing
	}
	if c.basic == nil || c.project == nil {
		return nil, nil
	}
	return &c, nil
}

// split shares the roots b and p out, the project column within what each node's
// total leaves beside its basic amount.
func (c *columns) split(b, p money.Amount) (basic, project map[string]money.Amount) {
	basic = c.basic.share(b)
	if c.total == nil {
		return basic, c.project.share(p)
	}
	project = c.project.shareWithin(p, func(node string) (money.Amount, money.Amount, bool) {
		v := c.total.printed[node]
		if v == 0 {
			return 0, 0, false
		}
		return v - tailDown - basic[node], v + tailUp - basic[node], true
	})
	return basic, project
}

// split is one unit's functional table of one stream with the exact basic and
// project amounts of every node, kept so that the department's totals can move
// tails from one code to another within a unit.
type split struct {
	cols           *columns
	basic, project map[string]money.Amount
}

// leaves are the split's 项 amounts of a kind.
func (s *split) leaves(kind string) map[string]money.Amount {
	if s == nil {
		return map[string]money.Amount{}
	}
	if kind == "basic" {
		return atDigits(s.basic, 7)
	}
	return atDigits(s.project, 7)
}

// jointLeaves reads a functional table's basic and project columns, and those of
// an economic table that prints the same money (nil for none), so that each node's
// two columns also add up to what its 支出总计 prints, and the two tables share
// their totals. It returns the functional split (nil for a table without the
// columns) and the economic 款 amounts by kind.
func jointLeaves(ft *disclosure.Table, frows []disclosure.Row, et *disclosure.Table, erows []disclosure.Row) (fs *split, econ map[string]map[string]money.Amount, err error) {
	econ = map[string]map[string]money.Amount{"basic": {}, "project": {}}
	f, err := readColumns(ft, frows)
	if err != nil || f == nil {
		return nil, econ, err
	}
	var e *columns
	if et != nil {
		if e, err = readColumns(et, erows); err != nil {
			return nil, nil, err
		}
	}
	bl, bh := f.basic.lo[""], f.basic.hi[""]
	pl, ph := f.project.lo[""], f.project.hi[""]
	tl, th := bl+pl, bh+ph
	for _, c := range []*columns{f, e} {
		if c == nil {
			continue
		}
		bl, bh = max(bl, c.basic.lo[""]), min(bh, c.basic.hi[""])
		pl, ph = max(pl, c.project.lo[""]), min(ph, c.project.hi[""])
		if c.total != nil {
			tl, th = max(tl, c.total.lo[""]), min(th, c.total.hi[""])
		}
	}
	if bl > bh || pl > ph {
		return nil, nil, fmt.Errorf("%s与%s的合计在四舍五入的范围内也不相等", ft.Title, et.Title)
	}
	b := max(bl, min(bh, f.basic.root))
	p := max(pl, min(ph, f.project.root))
	// Both move, as little as they can, for their sum to print the total.
	if d := max(tl, min(th, b+p)) - (b + p); d != 0 {
		db := max(min(d, bh-b), bl-b)
		b += db
		p += max(min(d-db, ph-p), pl-p)
	}
	fb, fp := f.split(b, p)
	if e != nil {
		eb, ep := e.split(b, p)
		econ["basic"], econ["project"] = atDigits(eb, 5), atDigits(ep, 5)
	}
	return &split{cols: f, basic: fb, project: fp}, econ, nil
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
