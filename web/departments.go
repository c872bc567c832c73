package web

import (
	"net/http"

	"yusuan/money"
	"yusuan/store"
)

// deptPageSize is how many departments a page of the list shows.
const deptPageSize = 50

type departmentsView struct {
	Regions []store.Region
	Region  string
	Years   []int
	Year    int
	Name    string
	Sort    string
	Sorts   []kindChoice
	store.DepartmentPage
	Page  int
	Start int    // the number of the page's first department
	Next  string // the next page's URL, empty on the last
	First string // the first page's URL, on later pages
	// SortURLs are the list sorted by name, by amount from the largest and from
	// the smallest, with the same filters: the column headings' links.
	ByName, ByAmount, ByAmountAsc string
}

var departmentSorts = []kindChoice{{store.ByName, "按名称"}, {store.ByAmount, "按金额从大到小"}, {store.ByAmountAsc, "按金额从小到大"}}

// showDepartments lists departments with their amounts, filtered by region,
// year and name, sorted by name or amount, a page at a time.
func (s *Server) showDepartments(w http.ResponseWriter, r *http.Request) error {
	f, err := departmentFilter(r)
	if err != nil {
		return err
	}
	v := departmentsView{Region: f.Region, Year: f.Year, Name: f.Name, Sort: f.Sort, Sorts: departmentSorts}
	if v.Sort == "" {
		v.Sort = store.ByName
	}
	if v.Page, err = intParam(r, "page", "页码", 1, maxPageNumber); err != nil {
		return err
	}
	v.Page = max(v.Page, 1)
	v.Start = (v.Page-1)*deptPageSize + 1
	ctx, cancel := s.query(r)
	defer cancel()
	if v.Regions, err = s.store.Regions(ctx); err != nil {
		return err
	}
	if f.Region != "" {
		v.Years, err = s.store.RegionYears(ctx, f.Region)
	} else {
		v.Years, err = s.store.Years(ctx)
	}
	if err != nil {
		return err
	}
	f.Limit = deptPageSize
	if v.DepartmentPage, err = s.departmentList(r, f); err != nil {
		return err
	}
	list := func(sort, cursor string, page int) string {
		if page < 2 {
			page = 0
		}
		return "/departments" + string(query("region", f.Region, "year", f.Year, "name", f.Name, "sort", sort, "cursor", cursor, "page", page))
	}
	if v.DepartmentPage.Next != "" {
		v.Next = list(f.Sort, v.DepartmentPage.Next, v.Page+1)
	}
	if f.Cursor != "" {
		v.First = list(f.Sort, "", 0)
	}
	v.ByName, v.ByAmount, v.ByAmountAsc = list("", "", 0), list(store.ByAmount, "", 0), list(store.ByAmountAsc, "", 0)
	title := "部门列表"
	if f.Region != "" {
		title = f.Region + title
	}
	return s.render(w, r, "departments", title, "departments", v)
}

// departmentAmounts returns the 一般公共预算支出 of year of a region's
// departments, by id, for the home page's list.
func (s *Server) departmentAmounts(r *http.Request, region string, year int) (map[int64]money.Amount, error) {
	out := map[int64]money.Amount{}
	f := store.DepartmentFilter{Region: region, Year: year, Limit: store.MaxDeptLimit}
	for {
		page, err := s.departmentList(r, f)
		if err != nil {
			return nil, err
		}
		for _, d := range page.Departments {
			if d.HasAmount {
				out[d.ID] = d.Total
			}
		}
		if f.Cursor = page.Next; f.Cursor == "" || len(out) >= store.MaxListLength {
			return out, nil
		}
	}
}
