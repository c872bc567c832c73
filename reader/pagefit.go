package reader

import (
	"slices"
)

// Layout text sets each page on a character grid of its own. A page that goes on
// with a table without printing its header may squeeze its columns otherwise than
// the page that printed it, not merely shift them: 国家信访局's 表6 prints its three
// columns of amounts ending at 52, 69 and 84 under the header and at 39, 50 and 61
// on the next page, where the first ends under no column at all and the others
// under the wrong ones. Such a page is fitted on its own: its amounts fall into
// columns by where they end, and those columns are laid, in order, onto the
// columns of amounts the pages before filled, when there are as many of each.

// columnGap is the least gap, in ems, between where the amounts of two columns
// end; columnSpread is the most by which the ends of one column's amounts differ
// (layout text sets amounts flush right to within a character or two).
const (
	columnGap    = 3.0
	columnSpread = 3.0
	// onEdge is how near, in ems, a column of the page must end to a column of
	// the pages before for the page to be taken as set on their grid.
	onEdge = 1.0
)

// fitPage moves the amounts of a page that goes on with a table without its
// header onto the columns of amounts the pages before filled, column by column:
// the k-th column of the page's amounts goes to the k-th column filled before.
// It applies only where that is unambiguous: the page's amounts form as many
// clearly separated columns as the pages before filled, and none of them ends
// where a column before ended (a page on the same grid, whose amounts may fill
// other columns than before, is left as it is). ok is false when the page is not
// fitted.
func (r *tableReader) fitPage(lines []*tline, pg *tpage) (out []*tline, ok bool) {
	if pg.em != 1 || pg.grid {
		return nil, false
	}
	// The columns filled before, left to right, and where their amounts end.
	var filled []int
	for j := range r.cols {
		if len(r.rights[j]) >= 2 {
			filled = append(filled, j)
		}
	}
	if len(filled) == 0 {
		return nil, false
	}
	refs := make([]float64, len(filled))
	for i, j := range filled {
		refs[i] = median(r.rights[j])
		if i > 0 && refs[i] <= refs[i-1] {
			return nil, false
		}
	}
	var ends []float64
	for _, l := range lines {
		for _, w := range l.words {
			if amountWord(w) {
				ends = append(ends, w.x1)
			}
		}
	}
	if len(ends) < 3 {
		return nil, false
	}
	groups := endGroups(ends, columnGap*pg.em)
	if len(groups) != len(refs) {
		return nil, false
	}
	shift := make([]float64, len(groups))
	bounds := make([]float64, len(groups)) // the last end of each group
	for i, g := range groups {
		if g[len(g)-1]-g[0] > columnSpread*pg.em {
			return nil, false
		}
		m := median(g)
		for _, e := range refs {
			if m >= e-onEdge*pg.em && m <= e+onEdge*pg.em {
				return nil, false
			}
		}
		shift[i] = refs[i] - m
		bounds[i] = g[len(g)-1]
	}
	out = make([]*tline, len(lines))
	for i, l := range lines {
		c := *l
		c.words = slices.Clone(l.words)
		for k, w := range c.words {
			if !amountWord(w) {
				continue
			}
			g, _ := slices.BinarySearch(bounds, w.x1)
			c.words[k].x0 += shift[g]
			c.words[k].x1 += shift[g]
		}
		out[i] = &c
	}
	return out, true
}

// endGroups sorts where amounts end and cuts them into groups wherever two
// consecutive ends lie more than gap apart.
func endGroups(ends []float64, gap float64) [][]float64 {
	s := slices.Clone(ends)
	slices.Sort(s)
	var groups [][]float64
	start := 0
	for i := 1; i <= len(s); i++ {
		if i == len(s) || s[i]-s[i-1] > gap {
			groups = append(groups, s[start:i])
			start = i
		}
	}
	return groups
}
