package web

import (
	"encoding/json"
	"testing"

	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/store"
)

// TestReadSide: a compared table's total is the row the document prints, and its
// units are set apart from its subjects.
func TestReadSide(t *testing.T) {
	cell := func(row int, code, name, col string, a money.Amount) store.Cell {
		return store.Cell{DocumentID: 1, TableKind: disclosure.GPFunctionalTable, Row: row, Code: code, Name: name, Column: col, Amount: a}
	}
	tests := []struct {
		name   string
		cells  []store.Cell
		total  money.Amount // of column total; -1 for none
		summed bool
		units  int
		code   money.Amount // the 201 row's total
	}{
		{"合计 row", []store.Cell{cell(1, "", "合 计", "total", 100), cell(2, "201", "一般公共服务支出", "total", 99)}, 100, false, 0, 99},
		{"department row over its units", []store.Cell{
			cell(1, "", "甲局", "total", 30), cell(2, "", "甲局（本级）", "total", 10), cell(3, "201", "一般公共服务支出", "total", 10),
			cell(4, "", "甲中心", "total", 20), cell(5, "201", "一般公共服务支出", "total", 20)}, 30, false, 2, 30},
		{"a single unit's row at the top", []store.Cell{cell(1, "", "甲局（本级）", "total", 12), cell(2, "201", "一般公共服务支出", "total", 11)}, 12, false, 0, 11},
		{"units without a total", []store.Cell{
			cell(1, "", "甲中心", "total", 10), cell(2, "201", "一般公共服务支出", "total", 10),
			cell(3, "", "乙中心", "total", 21), cell(4, "201", "一般公共服务支出", "total", 20)}, 30, true, 2, 30},
		{"no total, no codes", []store.Cell{cell(1, "", "一、财政拨款", "income", 5), cell(2, "", "一、财政拨款", "income", 5)}, -1, false, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := readSide("甲局", tc.cells, unitNames("甲局", tc.cells))
			got, ok := s.Total["total"]
			if tc.total < 0 && ok || tc.total >= 0 && got != tc.total {
				t.Errorf("total %v (%v), want %v", got, ok, tc.total)
			}
			if s.Summed != tc.summed {
				t.Errorf("summed %v", s.Summed)
			}
			names := map[string]bool{}
			for _, u := range s.Units {
				names[u.Name] = true
			}
			if len(names) != tc.units {
				t.Errorf("units %v", names)
			}
			var code money.Amount
			for _, c := range s.Subjects {
				if c.Code == "201" {
					code = c.Amount
				}
				if c.Code == "" && c.Name == "一、财政拨款" && c.Amount != 5 {
					t.Errorf("a repeated row without a code was added up: %v", c.Amount)
				}
			}
			if code != tc.code {
				t.Errorf("201 = %v, want %v", code, tc.code)
			}
		})
	}
}

// TestCompareYearsSummary: the year comparison of a 收支总表, which prints
// 一般公共预算资金 twice (the fund and its detail line), shows the figure once
// rather than the two lines added up; every code of the functional table is
// compared, each year with its document's amount.
func TestCompareYearsSummary(t *testing.T) {
	eachBackend(t, func(t *testing.T, p *portal) {
		var cmp struct {
			Rows []apiComparison
		}
		base := "/api/compare/years?department=" + id(p.depts["longgang"]) + "&a=2023&b=2024"
		_, _, body := p.get(t, base+"&table=summary")
		if err := json.Unmarshal([]byte(body), &cmp); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, c := range cmp.Rows {
			if c.Name == "一般公共预算资金" && c.Column == "income" {
				found = true
				if c.B == nil || *c.B != 6762910000 {
					t.Errorf("一般公共预算资金 2024 = %v, want 6,762.91万元", c.B)
				}
			}
		}
		if !found {
			t.Error("no 一般公共预算资金 row in the 收支总表 comparison")
		}

		_, _, body = p.get(t, base)
		if err := json.Unmarshal([]byte(body), &cmp); err != nil {
			t.Fatal(err)
		}
		dd, err := p.st.Document(t.Context(), p.docs["longgang"])
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]money.Amount{}
		for _, r := range classRows(findTable(dd.Version.Disclosure, disclosure.GPFunctionalTable), "total") {
			want[r.code] = r.amount
		}
		for _, c := range cmp.Rows {
			if a, ok := want[c.Code]; ok && c.Column == "total" {
				if c.B == nil || money.Amount(*c.B) != a || c.A == nil {
					t.Errorf("%s: %v, %v; want 2024 %s", c.Code, c.A, c.B, a)
				}
				delete(want, c.Code)
			}
		}
		if len(want) != 0 {
			t.Errorf("类 not compared: %v", want)
		}
	})
}
