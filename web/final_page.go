package web

import (
	"context"
	"encoding/csv"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/store"
)

// finalYear reads the year of a 预算与决算 address (/departments/{id}/final/{year}).
func finalYear(r *http.Request) (int, error) {
	y, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || y < minYear || y > maxYear {
		return 0, errNotFound
	}
	return y, nil
}

// budgetCells reads the cells of the current 部门预算 of year that the view sets
// against the 决算: of one department, or of a whole region when deptID is 0.
func (s *Server) budgetCells(ctx context.Context, region string, deptID int64, year int) (spending, basic, sanGong []store.Cell, err error) {
	read := func(kind disclosure.TableKind, into *[]store.Cell) error {
		return s.store.Cells(ctx, store.CellFilter{Region: region, DepartmentID: deptID, Year: year, Kind: store.DepartmentBudget, TableKind: kind, Limit: 500_000},
			func(c store.Cell) error {
				*into = append(*into, c)
				return nil
			})
	}
	for _, t := range []struct {
		kind disclosure.TableKind
		into *[]store.Cell
	}{{disclosure.SpendingTable, &spending}, {disclosure.BasicTable, &basic}, {disclosure.SanGongTable, &sanGong}, {disclosure.SanGongOfficeTable, &sanGong}} {
		if err := read(t.kind, t.into); err != nil {
			return nil, nil, nil, err
		}
	}
	return spending, basic, sanGong, nil
}

// csvFormat reports whether a request asks for the CSV of a page (format=csv),
// the one download the 预算与决算 pages offer.
func csvFormat(r *http.Request) (bool, error) {
	format, err := textParam(r, "format")
	if err != nil || format == "" {
		return false, err
	}
	if format != "csv" {
		return false, invalidf("下载格式应为 csv")
	}
	return true, nil
}

// outturn loads a department's 预算与决算 of the year a request names.
func (s *Server) outturn(r *http.Request) (outturnView, error) {
	var v outturnView
	id, err := pathID(r)
	if err != nil {
		return v, err
	}
	if v.Year, err = finalYear(r); err != nil {
		return v, err
	}
	ctx, cancel := s.query(r)
	defer cancel()
	if v.Department, err = s.store.Department(ctx, id); err != nil {
		return v, err
	}
	f, err := s.store.FinalOf(ctx, id, v.Year)
	if err != nil {
		return v, err
	}
	v.Final = *f
	docs, err := s.store.Documents(ctx, id)
	if err != nil {
		return v, err
	}
	for i, d := range docs {
		if d.Year == v.Year && d.Kind == store.DepartmentBudget {
			v.Budget = &docs[i]
		}
	}
	var b budgetFigures
	if v.Budget != nil {
		spending, basic, sanGong, err := s.budgetCells(ctx, "", id, v.Year)
		if err != nil {
			return v, err
		}
		b = readBudgetFigures(spending, basic, sanGong, v.Year)
	}
	v.Sections = newOutturnSections(f.Outturn, b)
	v.Tips, err = s.tooltips(ctx, nil, "")
	return v, err
}

// showFinal is the department's 预算与决算 page, or its CSV with format=csv.
func (s *Server) showFinal(w http.ResponseWriter, r *http.Request) error {
	asCSV, err := csvFormat(r)
	if err != nil {
		return err
	}
	v, err := s.outturn(r)
	if err != nil {
		return err
	}
	if asCSV {
		return writeOutturnCSV(w, v)
	}
	return s.render(w, r, "final", v.Department.Name+" "+yearText(v.Year)+"预算与决算", "", v)
}

// outturnCSVHeader names the columns of the 预算与决算 CSV: amounts in 元 with two
// decimals, the 完成率 in per cent with one.
var outturnCSVHeader = []string{"部分", "科目编码", "名称", "级次", "决算所列年初预算数", "调整预算数", "部门预算数", "预算数",
	"决算数", "差额", "完成率", "偏差较大", "差异原因"}

// writeOutturnCSV sends the view's rows, section by section, each section's
// 合计 last.
func writeOutturnCSV(w http.ResponseWriter, v outturnView) error {
	if len(v.Sections) == 0 {
		return notFoundf("此部门决算据公开文件读取，没有逐项的年初预算数，无法下载")
	}
	return sendCSV(w, v.Department.Name+yearText(v.Year)+"预算与决算.csv", outturnCSVHeader, func(cw *csv.Writer) {
		writeOutturnRows(cw, v)
	})
}

// writeOutturnRows writes the rows of the view's sections.
func writeOutturnRows(cw *csv.Writer, v outturnView) {
	yuan := func(a *money.Amount) string {
		if a == nil {
			return ""
		}
		return a.Plain(money.UnitYuan)
	}
	for _, sec := range v.Sections {
		for _, r := range append(append([]outturnRow(nil), sec.Rows...), sec.Total) {
			rate := ""
			if t, ok := r.Completion(); ok && !r.Missing {
				rate = tenthsPlain(t)
			}
			final := r.Final
			if r.Missing {
				cw.Write([]string{neutral(sec.Title), neutral(r.Code), neutral(r.Name), "", "", "", yuan(r.Published), "", "", "", "", "", "决算未列出此项"})
				continue
			}
			cw.Write([]string{neutral(sec.Title), neutral(r.Code), neutral(r.Name), levelText(r.Level), yuan(r.Budget), yuan(r.Adjusted), yuan(r.Published),
				yuan(r.Base()), yuan(&final), yuan(r.Diff()), rate, yesNo(r.Large()), neutral(r.Reason)})
		}
	}
}

// tenthsPlain is tenths of a per cent as a CSV writes them: a number of per cent
// with one decimal, no sign of per cent.
func tenthsPlain(t int64) string { return strings.TrimSuffix(money.FormatTenths(t), "%") }

func levelText(l int) string {
	switch l {
	case 1:
		return "类"
	case 2:
		return "款"
	case 3:
		return "项"
	}
	return ""
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return ""
}

// rankedDept is a department in the region's ranking: its 本年支出 预算数 (the
// published 部门预算's when the portal holds it) and 决算数, over the 项 that have
// both.
type rankedDept struct {
	ID         int64
	Name       string
	Row        outturnRow
	FromBudget bool
	// NoOutturn marks a 决算 with no 项 that has both a 预算数 and a 决算数 (one
	// read from published files whose narrative states no 项's budget).
	NoOutturn bool
	// Read marks a 决算 read from published files; Unbudgeted counts its 项 left
	// out of Row for stating no 预算数.
	Read       bool
	Unbudgeted int
}

// Deviation is |决算数 − 预算数| / 预算数 in tenths of a per cent; false when
// nothing was budgeted.
func (d rankedDept) Deviation() (int64, bool) {
	diff, base := d.Row.Diff(), d.Row.Base()
	if diff == nil {
		return 0, false
	}
	return completion(diff.Abs(), *base)
}

// DeviationText is the deviation as shown.
func (d rankedDept) DeviationText() string {
	t, ok := d.Deviation()
	if !ok || d.NoOutturn {
		return "—"
	}
	return money.FormatTenths(t)
}

// rankSorts are the orders of the ranking, by the sort parameter.
var rankSorts = []struct{ Key, Text string }{
	{"deviation", "偏差最大"},
	{"completion", "完成率最低"},
	{"amount", "差额最大"},
}

type regionFinalView struct {
	regionYear
	Sort  string
	Sorts []struct{ Key, Text string }
	Depts []rankedDept
	Tips  map[string]string
}

// Partial reports a department ranked on part of its 项, the rest stating no
// 预算数.
func (v regionFinalView) Partial() bool {
	for _, d := range v.Depts {
		if d.Unbudgeted > 0 && !d.NoOutturn {
			return true
		}
	}
	return false
}

// regionFinal ranks the 部门决算 of a region's year.
func (s *Server) regionFinal(r *http.Request) (regionFinalView, error) {
	v := regionFinalView{Sorts: rankSorts}
	sortKey, err := textParam(r, "sort")
	if err != nil {
		return v, err
	}
	if sortKey == "" {
		sortKey = rankSorts[0].Key
	}
	valid := false
	for _, s := range rankSorts {
		valid = valid || s.Key == sortKey
	}
	if !valid {
		return v, invalidf("排序应为 deviation（偏差最大）、completion（完成率最低）或 amount（差额最大）")
	}
	v.Sort = sortKey
	ctx, cancel := s.query(r)
	defer cancel()
	if v.Regions, err = s.store.Regions(ctx); err != nil {
		return v, err
	}
	if v.Region, err = s.pickRegion(r, v.Regions); err != nil || v.Region == "" {
		return v, err
	}
	if v.Years, err = s.store.FinalYears(ctx, v.Region); err != nil {
		return v, err
	}
	if len(v.Years) == 0 {
		return v, nil
	}
	if v.Year, err = pickYear(r, "year", v.Years); err != nil {
		return v, err
	}
	finals, err := s.store.Finals(ctx, v.Region, v.Year)
	if err != nil {
		return v, err
	}
	spending, _, _, err := s.budgetCells(ctx, v.Region, 0, v.Year)
	if err != nil {
		return v, err
	}
	byDept := map[int64][]store.Cell{}
	for _, c := range spending {
		byDept[c.DepartmentID] = append(byDept[c.DepartmentID], c)
	}
	for _, f := range finals {
		// A 决算 ranks by the 项 that have both figures: one read from published
		// files by those its narrative states the 年初预算 of.
		d := rankedDept{ID: f.DepartmentID, Name: f.Department, NoOutturn: true}
		if f.Outturn != nil && len(f.Outturn.Functional) > 0 {
			sec := newOutturnSections(f.Outturn, readBudgetFigures(byDept[f.DepartmentID], nil, nil, v.Year))[0]
			d.Row, d.FromBudget, d.Read, d.Unbudgeted = sec.Compared, sec.FromBudget, sec.Read, sec.Unbudgeted
			d.NoOutturn = sec.Comparable == 0
		}
		v.Depts = append(v.Depts, d)
	}
	rankDepts(v.Depts, v.Sort)
	v.Tips, err = s.tooltips(ctx, nil, "")
	return v, err
}

// rankDepts orders departments by sort key: largest deviation, lowest 完成率 or
// largest |差额| first; departments without a figure for the key come last, by
// name, as do ties.
func rankDepts(ds []rankedDept, key string) {
	value := func(d rankedDept) (int64, bool) {
		if d.NoOutturn {
			return 0, false
		}
		switch key {
		case "completion":
			t, ok := d.Row.Completion()
			return -t, ok
		case "amount":
			return int64(d.Row.Diff().Abs()), true
		}
		return d.Deviation()
	}
	sort.SliceStable(ds, func(i, j int) bool {
		a, aok := value(ds[i])
		b, bok := value(ds[j])
		switch {
		case aok != bok:
			return aok
		case a != b:
			return a > b
		}
		return ds[i].Name < ds[j].Name
	})
}

// showRegionFinal is the region's ranking page, or its CSV with format=csv.
func (s *Server) showRegionFinal(w http.ResponseWriter, r *http.Request) error {
	asCSV, err := csvFormat(r)
	if err != nil {
		return err
	}
	v, err := s.regionFinal(r)
	if err != nil {
		return err
	}
	if asCSV {
		return writeRankingCSV(w, v)
	}
	return s.render(w, r, "region_final", "预算与决算：部门排名", "region", v)
}

// writeRankingCSV sends the ranking in its order.
func writeRankingCSV(w http.ResponseWriter, v regionFinalView) error {
	if len(v.Depts) == 0 {
		return notFoundf("所选地区和年度没有部门决算，无法下载")
	}
	header := []string{"名次", "部门", "预算数", "预算数来源", "决算数", "差额", "完成率", "偏差率", "未列预算数而未计入的项数"}
	return sendCSV(w, v.Region+yearText(v.Year)+"预算与决算排名.csv", header, func(cw *csv.Writer) {
		writeRankingRows(cw, v)
	})
}

// writeRankingRows writes the ranking's departments in order.
func writeRankingRows(cw *csv.Writer, v regionFinalView) {
	for i, d := range v.Depts {
		if d.NoOutturn {
			cw.Write([]string{strconv.Itoa(i + 1), neutral(d.Name), "", "", "", "", "", "", strconv.Itoa(d.Unbudgeted)})
			continue
		}
		base, final, diff := d.Row.Base(), d.Row.Final, d.Row.Diff()
		rate, dev := "", ""
		if t, ok := d.Row.Completion(); ok {
			rate = tenthsPlain(t)
		}
		if t, ok := d.Deviation(); ok {
			dev = tenthsPlain(t)
		}
		cw.Write([]string{strconv.Itoa(i + 1), neutral(d.Name), base.Plain(money.UnitYuan), budgetSource(d.FromBudget), final.Plain(money.UnitYuan),
			diff.Plain(money.UnitYuan), rate, dev, strconv.Itoa(d.Unbudgeted)})
	}
}

// budgetSource names where the 预算数 come from.
func budgetSource(fromBudget bool) string {
	if fromBudget {
		return "部门预算"
	}
	return "决算年初预算数"
}
