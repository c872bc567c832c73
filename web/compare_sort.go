package web

import (
	"net/http"
	"strconv"
	"strings"

	"yusuan/money"
)

// compareSort is the order a comparison's rows are asked in: ?sort=g1s0 sorts by
// the first sub-column of the second column group, &order=asc or desc (the
// default); no sort keeps the table's own order (codes, then rows as printed).
// The page works without script: every sub-column's heading links its sort.
type compareSort struct {
	group, sub int
	desc       bool
	set        bool
}

func readSort(r *http.Request) (compareSort, error) {
	q := r.URL.Query()
	var o compareSort
	switch q.Get("order") {
	case "", "desc":
		o.desc = true
	case "asc":
	default:
		return o, invalidf("排序方向应为 asc（升序）或 desc（降序）")
	}
	s := q.Get("sort")
	if s == "" {
		return o, nil
	}
	g, sub, ok := strings.Cut(strings.TrimPrefix(s, "g"), "s")
	var err1, err2 error
	o.group, err1 = strconv.Atoi(g)
	o.sub, err2 = strconv.Atoi(sub)
	if !strings.HasPrefix(s, "g") || !ok || err1 != nil || err2 != nil || o.group < 0 || o.sub < 0 || o.group > 1000 || o.sub > 1000 {
		return o, invalidf("排序列“" + truncate(s, 20) + "”不正确")
	}
	o.set = true
	return o, nil
}

// apply sorts the pivot's rows by the asked column, whose groups each have per
// sub-columns; key reads the figure of sub-column sub from one row's amounts of
// one column.
func (o compareSort) apply(p *pivot, per int, key func(vals []*money.Amount, sub int) (int64, bool)) error {
	if !o.set {
		return nil
	}
	if o.group >= len(p.cols) || o.sub >= per {
		return invalidf("排序列超出了表格的范围")
	}
	p.sortBy(func(r *pivotRow) (int64, bool) {
		vals := r.vals[o.group]
		if vals == nil {
			return 0, false
		}
		return key(vals, o.sub)
	}, o.desc)
	return nil
}

// link gives every sub-column heading of t the address that sorts by it: largest
// first, or smallest first when it is the current sort, largest first.
func (o compareSort) link(t *compareTable, r *http.Request) {
	per := len(t.Subs) / max(len(t.Groups), 1)
	for j := range t.Subs {
		g, sub := j/max(per, 1), j%max(per, 1)
		q := r.URL.Query()
		q.Set("sort", "g"+strconv.Itoa(g)+"s"+strconv.Itoa(sub))
		q.Del("order")
		q.Del("format")
		if o.set && o.group == g && o.sub == sub {
			if o.desc {
				t.Subs[j].Sort = "descending"
				q.Set("order", "asc")
			} else {
				t.Subs[j].Sort = "ascending"
			}
		}
		t.Subs[j].SortURL = r.URL.Path + "?" + q.Encode()
	}
	q := r.URL.Query()
	q.Del("sort")
	q.Del("order")
	q.Del("format")
	t.ResetURL = r.URL.Path + "?" + q.Encode()
	t.Sorted = o.set
}
