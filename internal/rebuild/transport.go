package rebuild

import (
	"fmt"
	"sort"
	"strings"

	"yusuan/money"
)

// margin is one side of an allocation: amounts by key, in the order keys were added,
// so that an allocation is the same on every run.
type margin struct {
	keys []string
	amt  map[string]money.Amount
}

func newMargin() *margin { return &margin{amt: map[string]money.Amount{}} }

// marginOf is the margin of amounts by key, its keys in sorted order.
func marginOf(amounts map[string]money.Amount) *margin {
	m := newMargin()
	for _, key := range sortedKeys(amounts) {
		m.add(key, amounts[key])
	}
	return m
}

// add adds a to key; zero amounts leave no key.
func (m *margin) add(key string, a money.Amount) {
	if a == 0 {
		return
	}
	if _, ok := m.amt[key]; !ok {
		m.keys = append(m.keys, key)
	}
	m.amt[key] += a
}

func (m *margin) total() money.Amount {
	var s money.Amount
	for _, k := range m.keys {
		s += m.amt[k]
	}
	return s
}

// describe lists the keys and amounts, for errors.
func (m *margin) describe() string {
	var parts []string
	for _, k := range m.keys {
		if m.amt[k] != 0 {
			parts = append(parts, k+" "+m.amt[k].Wan())
		}
	}
	return strings.Join(parts, "、")
}

// cell is one allocated amount of a row key and a column key.
type cell struct {
	row, col string
	amt      money.Amount
}

// preference ranks how natural a pair is: 0 is no preference, lower positive ranks
// are taken first.
type preference func(row, col string) int

// transport allocates rows against columns so that every row and every column sums
// to its amount: first the preferred pairs, then rows and columns of equal amounts
// (one item instead of several), then the largest rows first against the columns in order (the north-west corner rule). The
// totals must agree to the 分; when they do not, the published tables contradict
// each other and the error says by how much.
func transport(what string, rows, cols *margin, prefer preference) ([]cell, error) {
	if rt, ct := rows.total(), cols.total(); rt != ct {
		return nil, fmt.Errorf("%s：两边合计不等（%s 与 %s，相差 %s）\n  行：%s\n  列：%s", what, rt.Wan(), ct.Wan(), (rt - ct).Wan(), rows.describe(), cols.describe())
	}
	for _, m := range []*margin{rows, cols} {
		for _, k := range m.keys {
			if m.amt[k] < 0 {
				return nil, fmt.Errorf("%s：%s 为负数 %s（固定明细超过了表格中的金额）", what, k, m.amt[k].Wan())
			}
		}
	}
	r := map[string]money.Amount{}
	c := map[string]money.Amount{}
	for _, k := range rows.keys {
		r[k] = rows.amt[k]
	}
	for _, k := range cols.keys {
		c[k] = cols.amt[k]
	}
	var out []cell
	take := func(rk, ck string, a money.Amount) {
		if a <= 0 {
			return
		}
		r[rk] -= a
		c[ck] -= a
		for i := range out {
			if out[i].row == rk && out[i].col == ck {
				out[i].amt += a
				return
			}
		}
		out = append(out, cell{rk, ck, a})
	}
	if prefer != nil {
		type pair struct {
			rk, ck string
			rank   int
		}
		var pairs []pair
		for _, rk := range rows.keys {
			for _, ck := range cols.keys {
				if p := prefer(rk, ck); p > 0 {
					pairs = append(pairs, pair{rk, ck, p})
				}
			}
		}
		sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].rank < pairs[j].rank })
		for _, p := range pairs {
			take(p.rk, p.ck, min(r[p.rk], c[p.ck]))
		}
	}
	for _, rk := range rows.keys {
		for _, ck := range cols.keys {
			if r[rk] > 0 && r[rk] == c[ck] {
				take(rk, ck, r[rk])
			}
		}
	}
	// The largest rows first: the row that takes most (行政运行, the main project)
	// takes the columns in order, and small rows are not left with odd remnants.
	order := append([]string(nil), rows.keys...)
	sort.SliceStable(order, func(i, j int) bool { return r[order[i]] > r[order[j]] })
	ci := 0
	for _, rk := range order {
		for r[rk] > 0 {
			for ci < len(cols.keys) && c[cols.keys[ci]] <= 0 {
				ci++
			}
			ck := cols.keys[ci]
			take(rk, ck, min(r[rk], c[ck]))
		}
	}
	return out, nil
}
