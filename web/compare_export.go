package web

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"

	"github.com/xuri/excelize/v2"

	"yusuan/money"
)

// exportLinks are the downloads of the comparison a request shows: the same
// address with format=csv or xlsx, its rows in the order shown.
func exportLinks(r *http.Request) []compareLink {
	var out []compareLink
	for _, f := range []struct{ format, text string }{{"csv", "CSV"}, {"xlsx", "Excel 表格"}} {
		q := r.URL.Query()
		q.Set("format", f.format)
		out = append(out, compareLink{Text: f.text, URL: r.URL.Path + "?" + q.Encode()})
	}
	return out
}

// exportRow is one row of a downloaded comparison: its code and name, and one
// cell per sub-column of every group, as the page's table has them.
type exportRow struct {
	code, name string
	cells      []compareCell
}

// exportRows flattens a comparison for a download: the table's rows, then each
// block of units with its department named, its figures placed under the
// department's sub-column (or, for a year comparison, under the same ones).
func exportRows(t compareTable, units []unitBlock) (head []string, rows []exportRow) {
	head = []string{"科目编码", "名称"}
	per := len(t.Subs) / max(len(t.Groups), 1)
	for j, s := range t.Subs {
		head = append(head, t.Groups[j/max(per, 1)].Text+"："+s.Text)
	}
	for _, r := range t.Rows {
		rows = append(rows, exportRow{r.Code, r.Name, r.Cells})
	}
	group := map[string]int{}
	for g, h := range t.Groups {
		group[h.Key] = g
	}
	for _, u := range units {
		uper := len(u.Table.Subs) / max(len(u.Table.Groups), 1)
		for _, r := range u.Table.Rows {
			row := exportRow{name: "所属单位：" + r.Name, cells: make([]compareCell, len(t.Subs))}
			if u.Department != "" {
				row.name = u.Department + "所属单位：" + r.Name
			}
			for j, c := range r.Cells {
				g, ok := group[u.Table.Groups[j/max(uper, 1)].Key]
				if !ok {
					continue
				}
				sub := j % max(uper, 1)
				if u.Department != "" {
					sub = u.Index
				}
				if sub < per {
					row.cells[g*per+sub] = c
				}
			}
			rows = append(rows, row)
		}
	}
	return head, rows
}

// writeComparison sends a comparison as a download in format (csv or xlsx) named
// name: the rows and totals of the page, amounts in 万元 as numbers, per cents
// as numbers of per cent; text is kept from turning into formulas.
func writeComparison(w http.ResponseWriter, format, name, caption string, t compareTable, units []unitBlock, has bool) error {
	if format != "csv" && format != "xlsx" {
		return invalidf("下载格式应为 csv 或 xlsx")
	}
	if !has {
		return notFoundf("所选比较没有数据，无法下载")
	}
	head, rows := exportRows(t, units)
	if format == "csv" {
		for i := range head {
			head[i] = neutral(head[i])
		}
		return sendCSV(w, name+".csv", head, func(cw *csv.Writer) {
			for _, r := range rows {
				rec := []string{neutral(r.code), neutral(r.name)}
				for _, c := range r.cells {
					rec = append(rec, cellPlain(c))
				}
				cw.Write(rec)
			}
		})
	}
	data, err := comparisonXLSX(caption, head, rows)
	if err != nil {
		return err
	}
	attach(w, name+".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, err = w.Write(data)
	return err
}

// cellPlain is a cell for a CSV: an amount in 万元 without separators, a per cent
// as a number, else nothing (a dash says only that the figure is missing).
func cellPlain(c compareCell) string {
	switch {
	case c.Amount != nil:
		return c.Amount.Plain(money.UnitWan)
	case c.Tenths != nil:
		return tenthsPlain(*c.Tenths)
	}
	return ""
}

// comparisonXLSX lays a comparison out on one sheet: its caption, the unit, the
// heading and the rows, amounts as numbers with two decimals.
func comparisonXLSX(caption string, head []string, rows []exportRow) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "比较"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	num, err := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	if err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	cell := func(col, row int) string {
		name, _ := excelize.CoordinatesToCellName(col, row)
		return name
	}
	// SetCellStr, never SetCellValue: names from documents must not become formulas.
	if err := f.SetCellStr(sheet, cell(1, 1), caption); err != nil {
		return nil, err
	}
	if err := f.SetCellStr(sheet, cell(1, 2), "单位：万元；增减率单位：%"); err != nil {
		return nil, err
	}
	for i, h := range head {
		if err := f.SetCellStr(sheet, cell(i+1, 3), h); err != nil {
			return nil, err
		}
	}
	if err := f.SetCellStyle(sheet, cell(1, 3), cell(len(head), 3), bold); err != nil {
		return nil, err
	}
	for i, r := range rows {
		y := i + 4
		if err := f.SetCellStr(sheet, cell(1, y), r.code); err != nil {
			return nil, err
		}
		if err := f.SetCellStr(sheet, cell(2, y), r.name); err != nil {
			return nil, err
		}
		for j, c := range r.cells {
			at := cell(j+3, y)
			switch {
			case c.Amount != nil:
				if err := f.SetCellFloat(sheet, at, float64(c.Amount.Hundredths(money.UnitWan))/100, 2, 64); err != nil {
					return nil, err
				}
				if err := f.SetCellStyle(sheet, at, at, num); err != nil {
					return nil, err
				}
			case c.Tenths != nil:
				if err := f.SetCellFloat(sheet, at, float64(*c.Tenths)/10, 1, 64); err != nil {
					return nil, err
				}
			case c.Text != "" && c.Text != "—":
				if err := f.SetCellStr(sheet, at, c.Text); err != nil {
					return nil, err
				}
			}
		}
	}
	if err := f.SetColWidth(sheet, "B", "B", 36); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
