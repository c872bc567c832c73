package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/store"
)

// regionYear is the region and year a page shows, with the choices it offers.
type regionYear struct {
	Regions []store.Region
	Region  string // empty when the store holds no region
	Years   []int
	Year    int
	// Missing is the year asked for when the region has no data for it (a year
	// chosen with another region): the page shows the region's latest year and
	// says so, rather than ending on a 404.
	Missing int
}

// pickRegionYear reads the region and year a request asks for, defaulting to the
// first region and its latest year.
func (s *Server) pickRegionYear(ctx context.Context, r *http.Request) (regionYear, error) {
	var v regionYear
	var err error
	if v.Regions, err = s.store.Regions(ctx); err != nil {
		return v, err
	}
	if v.Region, err = s.pickRegion(r, v.Regions); err != nil || v.Region == "" {
		return v, err
	}
	if v.Years, err = s.store.RegionYears(ctx, v.Region); err != nil {
		return v, err
	}
	v.Year, err = pickYear(r, "year", v.Years)
	if err != nil && classify(err).Code == ENotFound && len(v.Years) > 0 {
		if asked, perr := yearParam(r, "year"); perr == nil && asked != 0 {
			v.Missing, v.Year, err = asked, v.Years[0], nil
		}
	}
	return v, err
}

type homeView struct {
	regionYear
	Total       money.Amount
	Basic       money.Amount
	Project     money.Amount
	Classes     []store.CodeTotal
	Departments []store.Department
	// Amounts are the departments' 一般公共预算支出 of the year, by id, where
	// their 部门预算 print one (departments.go).
	Amounts   map[int64]money.Amount
	Synthetic bool // some department's data is synthetic
	Published bool // every department's documents were read from published files
	Chart     chart
	// Others are the regions not shown, real ones before synthetic ones, so that
	// a visitor meets published budgets before invented ones.
	Others []store.Region
	// Compare links the comparisons of all the region's departments for the
	// year, when there are few enough to compare side by side.
	Compare []compareLink
	Tips    map[string]string // tooltips of the terms shown
}

type compareLink struct {
	Text string
	URL  string
}

// regionComparisons are the comparisons the home page offers of a small region's
// departments: the tables a reader compares first.
var regionComparisons = []struct {
	table disclosure.TableKind
	text  string
}{
	{disclosure.SanGongTable, "“三公”经费（按项目，上年与本年）"},
	{disclosure.GPFunctionalTable, "一般公共预算支出：按功能分类、基本支出与项目支出"},
	{disclosure.SpendingTable, "支出总表"},
}

// compareLinks returns the links to compare all of depts in year, or none
// when there are fewer than two or more than can be compared at once.
func compareLinks(depts []store.Department, year int) []compareLink {
	if len(depts) < 2 || len(depts) > maxCompared {
		return nil
	}
	q := url.Values{}
	for _, d := range depts {
		q.Add("d", strconv.FormatInt(d.ID, 10))
	}
	q.Set("year", strconv.Itoa(year))
	var out []compareLink
	for _, c := range regionComparisons {
		q.Set("table", string(c.table))
		out = append(out, compareLink{c.text, "/compare/departments?" + q.Encode()})
	}
	return out
}

// showHome shows a region's totals for a year and its departments.
func (s *Server) showHome(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := s.query(r)
	defer cancel()
	ry, err := s.pickRegionYear(ctx, r)
	if err != nil {
		return err
	}
	v := homeView{regionYear: ry}
	if v.Region == "" {
		return s.render(w, r, "home", "首页", "home", v)
	}
	totals, err := s.store.RegionTotals(ctx, v.Region, v.Year, disclosure.GPFunctionalTable)
	if err != nil {
		return err
	}
	v.Chart = chart{ID: "chart-region", Type: "pie", Title: "一般公共预算支出（按功能分类）", Unit: "万元"}
	for _, t := range totals {
		if t.Level() != 1 {
			continue
		}
		switch t.Column {
		case "total":
			v.Total += t.Amount
			v.Classes = append(v.Classes, t)
			v.Chart.Labels = append(v.Chart.Labels, t.Name)
			v.Chart.Values = append(v.Chart.Values, wanValue(t.Amount))
		case "basic":
			v.Basic += t.Amount
		case "project":
			v.Project += t.Amount
		}
	}
	// The headline figures are what the documents print on their total rows.
	printed, ok, err := s.regionPrinted(r, v.Region, v.Year)
	if err != nil {
		return err
	}
	if ok {
		v.Total, v.Basic, v.Project = printed.Total, printed.Basic, printed.Project
	}
	if v.Departments, err = s.store.Departments(ctx, v.Region); err != nil {
		return err
	}
	v.Published = len(v.Departments) > 0
	for _, d := range v.Departments {
		v.Synthetic = v.Synthetic || d.Synthetic
		v.Published = v.Published && d.Published == d.Documents
	}
	if v.Tips, err = s.tooltips(ctx, nil, ""); err != nil {
		return err
	}
	v.Chart.Tips = v.Tips
	if v.Amounts, err = s.departmentAmounts(r, v.Region, v.Year); err != nil {
		return err
	}
	v.Others = otherRegions(v.Regions, v.Region)
	v.Compare = compareLinks(v.Departments, v.Year)
	return s.render(w, r, "home", v.Region+"部门预算", "home", v)
}

// pickRegion returns the region asked for, else the configured one, else the first.
func (s *Server) pickRegion(r *http.Request, regions []store.Region) (string, error) {
	want, err := textParam(r, "region")
	if err != nil {
		return "", err
	}
	if want == "" {
		want = s.opts.Region
	}
	for _, reg := range regions {
		if reg.Name == want {
			return want, nil
		}
	}
	if r.URL.Query().Get("region") != "" {
		return "", notFoundf("地区“" + want + "”不存在")
	}
	if len(regions) == 0 {
		return "", nil
	}
	return regions[0].Name, nil
}

// pickYear returns the year asked for when it is one of years, else the newest.
func pickYear(r *http.Request, name string, years []int) (int, error) {
	y, err := yearParam(r, name)
	if err != nil {
		return 0, err
	}
	if y != 0 {
		if !slices.Contains(years, y) {
			return 0, notFoundf("没有该年度的数据")
		}
		return y, nil
	}
	if len(years) == 0 {
		return 0, nil
	}
	return years[0], nil
}

// otherRegions returns the regions but shown, those with real data first, each
// group in the store's order (by name).
func otherRegions(regions []store.Region, shown string) []store.Region {
	var out []store.Region
	for _, synthetic := range []bool{false, true} {
		for _, r := range regions {
			if r.Name != shown && r.Synthetic == synthetic {
				out = append(out, r)
			}
		}
	}
	return out
}
