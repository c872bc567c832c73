package web

import "net/http"

// apiOutturnRow is a row of the 预算与决算 in the API: amounts in 分, the 完成率 in
// tenths of a per cent and as shown, null where the page shows a dash.
type apiOutturnRow struct {
	Code             string `json:"code"`
	Name             string `json:"name"`
	Level            string `json:"level,omitempty"`
	StatedBudget     *int64 `json:"stated_budget"`
	Adjusted         *int64 `json:"adjusted"`
	PublishedBudget  *int64 `json:"published_budget"`
	Budget           *int64 `json:"budget"`
	Final            *int64 `json:"final"`
	Difference       *int64 `json:"difference"`
	CompletionTenths *int64 `json:"completion_tenths"`
	Completion       string `json:"completion"`
	Large            bool   `json:"large"`
	Reason           string `json:"reason,omitempty"`
	Missing          bool   `json:"missing,omitempty"`
}

func toAPIOutturnRow(r outturnRow) apiOutturnRow {
	out := apiOutturnRow{Code: r.Code, Name: r.Name, Level: levelText(r.Level), Adjusted: fen(r.Adjusted), PublishedBudget: fen(r.Published),
		Completion: r.Rate(), Large: r.Large(), Reason: r.Reason, Missing: r.Missing}
	if r.Missing {
		return out
	}
	final := r.Final
	out.StatedBudget, out.Budget, out.Final, out.Difference = fen(r.Budget), fen(r.Base()), fen(&final), fen(r.Diff())
	if t, ok := r.Completion(); ok {
		out.CompletionTenths = &t
	}
	return out
}

type apiOutturnSection struct {
	Key string `json:"key"`
	// BudgetSource says where budget comes from: 部门预算 or 决算年初预算数.
	BudgetSource string          `json:"budget_source"`
	Differs      int             `json:"differs"`
	Rows         []apiOutturnRow `json:"rows"`
	Total        apiOutturnRow   `json:"total"`
}

type apiFinalBody struct {
	Department       apiDepartment `json:"department"`
	Year             int           `json:"year"`
	DocumentID       int64         `json:"document_id"`
	BudgetDocumentID *int64        `json:"budget_document_id"`
	// Read says the 决算's figures were read from the published document.
	Read     bool                `json:"read"`
	Sections []apiOutturnSection `json:"sections"`
}

// apiFinal is a department's 预算与决算 of a year, the rows of its page.
func (s *Server) apiFinal(w http.ResponseWriter, r *http.Request) error {
	v, err := s.outturn(r)
	if err != nil {
		return err
	}
	body := apiFinalBody{Department: toAPIDepartment(*v.Department), Year: v.Year, DocumentID: v.Final.ID, Read: v.Read(), Sections: []apiOutturnSection{}}
	if v.Budget != nil {
		body.BudgetDocumentID = &v.Budget.ID
	}
	for _, sec := range v.Sections {
		as := apiOutturnSection{Key: sec.Key, BudgetSource: budgetSource(sec.FromBudget), Differs: sec.Differs, Total: toAPIOutturnRow(sec.Total)}
		for _, row := range sec.Rows {
			as.Rows = append(as.Rows, toAPIOutturnRow(row))
		}
		body.Sections = append(body.Sections, as)
	}
	return writeJSON(w, http.StatusOK, body)
}

type apiRankedDept struct {
	Rank             int    `json:"rank"`
	DepartmentID     int64  `json:"department_id"`
	Department       string `json:"department"`
	BudgetSource     string `json:"budget_source,omitempty"`
	Budget           *int64 `json:"budget"`
	Final            *int64 `json:"final"`
	Difference       *int64 `json:"difference"`
	CompletionTenths *int64 `json:"completion_tenths"`
	DeviationTenths  *int64 `json:"deviation_tenths"`
	// Read says the 决算 was read from the published document; Unbudgeted
	// counts its 项 left out of the figures for stating no 预算数.
	Read       bool `json:"read"`
	Unbudgeted int  `json:"unbudgeted"`
}

type apiRegionFinalBody struct {
	Region      string          `json:"region"`
	Year        int             `json:"year"`
	Sort        string          `json:"sort"`
	Departments []apiRankedDept `json:"departments"`
}

// apiRegionFinal ranks a region's departments by the deviation of their 决算.
func (s *Server) apiRegionFinal(w http.ResponseWriter, r *http.Request) error {
	v, err := s.regionFinal(r)
	if err != nil {
		return err
	}
	if v.Region == "" || v.Year == 0 {
		return notFoundf("所选地区没有部门决算")
	}
	body := apiRegionFinalBody{Region: v.Region, Year: v.Year, Sort: v.Sort, Departments: []apiRankedDept{}}
	for i, d := range v.Depts {
		ad := apiRankedDept{Rank: i + 1, DepartmentID: d.ID, Department: d.Name, Read: d.Read, Unbudgeted: d.Unbudgeted}
		if !d.NoOutturn {
			final := d.Row.Final
			ad.BudgetSource, ad.Budget, ad.Final, ad.Difference = budgetSource(d.FromBudget), fen(d.Row.Base()), fen(&final), fen(d.Row.Diff())
			if t, ok := d.Row.Completion(); ok {
				ad.CompletionTenths = &t
			}
			if t, ok := d.Deviation(); ok {
				ad.DeviationTenths = &t
			}
		}
		body.Departments = append(body.Departments, ad)
	}
	return writeJSON(w, http.StatusOK, body)
}
