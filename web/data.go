package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"yusuan/store"
)

type dataView struct {
	Regions []store.Region
	Years   []int
}

// showData explains the bulk downloads.
func (s *Server) showData(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := s.query(r)
	defer cancel()
	var v dataView
	var err error
	if v.Regions, err = s.store.Regions(ctx); err != nil {
		return err
	}
	if v.Years, err = s.store.Years(ctx); err != nil {
		return err
	}
	return s.render(w, r, "data", "数据下载", "data", v)
}

// downloadCells sends every amount cell of every current version as CSV, one row
// per cell; ?region= and ?year= narrow it. The file is built once per question and
// generation of the data (bulkFiles) and then served from disk with ETag and Range,
// so a slow client holds none of the MaxBulk building slots, which bound the load
// on the database: a build that finds every slot taken is refused as busy.
func (s *Server) downloadCells(w http.ResponseWriter, r *http.Request) error {
	region, err := textParam(r, "region")
	if err != nil {
		return err
	}
	year, err := yearParam(r, "year")
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.BulkTimeout)
	defer cancel()
	gen, ok := s.cache.generation(ctx, s.store)
	if !ok {
		return &Error{EBusy, "暂时无法读取数据，请稍后再试"}
	}
	acquire := func() error {
		select {
		case s.bulk <- struct{}{}:
			return nil
		default:
			return &Error{EBusy, "当前下载人数较多，请稍后再试"}
		}
	}
	release := func() { <-s.bulk }
	write := func(ctx context.Context, w io.Writer) error {
		cw, err := newCellWriter(w)
		if err != nil {
			return err
		}
		err = s.store.Cells(ctx, store.CellFilter{Region: region, Year: year, Limit: store.MaxCells}, cw.write)
		return errors.Join(err, cw.flush())
	}
	f, err := s.bulkFiles.get(ctx, fmt.Sprintf("cells|%s|%d", region, year), gen, s.opts.BulkTimeout, acquire, release, write)
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			s.log.Error("bulk download failed", "err", err)
		}
		return err
	}
	defer s.bulkFiles.done(f)
	f.serve(w, r, "cells.csv", "text/csv; charset=utf-8")
	return nil
}

// downloadDataPackage describes cells.csv as a Frictionless Data Package with the
// Fiscal Data Package model, so OpenSpending-style tools can load it.
func (s *Server) downloadDataPackage(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, dataPackage())
}

type fdpField struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Type        string `json:"type"`
	Format      string `json:"format,omitempty"`
	Description string `json:"description,omitempty"`
	DecimalChar string `json:"decimalChar,omitempty"`
}

func dataPackage() map[string]any {
	fields := []fdpField{
		{Name: "region", Title: "地区", Type: "string"},
		{Name: "department", Title: "部门", Type: "string", Description: "主管部门"},
		{Name: "year", Title: "年度", Type: "year"},
		{Name: "kind", Title: "文件类型", Type: "string", Description: "部门预算、单位预算或部门决算；单位预算的金额已计入其部门预算，汇总预算时只取部门预算"},
		{Name: "subject", Title: "预算单位", Type: "string", Description: "单位预算的单位名称，部门预算为空"},
		{Name: "table", Title: "表格类型", Type: "string", Description: "gp_functional 为一般公共预算支出表（按功能分类），gp_economic 为按经济分类，其余见 API 文档"},
		{Name: "table_title", Title: "表格名称", Type: "string"},
		{Name: "code", Title: "科目编码", Type: "string", Description: "功能分类或经济分类科目编码（类 3 位、款 5 位、项 7 位），无编码的行为空"},
		{Name: "name", Title: "名称", Type: "string", Description: "该金额所在行的名称"},
		{Name: "column", Title: "列", Type: "string", Description: "列的标识，如 total（合计）、basic（基本支出）、project（项目支出）"},
		{Name: "header", Title: "列标题", Type: "string"},
		{Name: "amount", Title: "金额（元）", Type: "number", DecimalChar: "."},
	}
	return map[string]any{
		"profile": "fiscal-data-package",
		"name":    "yusuan-department-budgets",
		"title":   "部门预算公开数据",
		"description": "各部门预算公开文件中每张表格的每个金额，一个金额一行，以元为单位保留两位小数。" +
			"涉密项目按要求不予公开，不在数据中。",
		"version":     "1.0.0",
		"countryCode": "CN",
		"profiles":    map[string]string{"fiscal-data-package": "*", "tabular-data-package": "*"},
		"resources": []map[string]any{{
			"name":      "cells",
			"path":      "cells.csv",
			"profile":   "tabular-data-resource",
			"format":    "csv",
			"mediatype": "text/csv",
			"encoding":  "utf-8-sig",
			"schema":    map[string]any{"fields": fields},
		}},
		"model": map[string]any{
			"measures": map[string]any{
				"amount": map[string]any{"source": "amount", "currency": "CNY", "factor": 1, "title": "金额（元）"},
			},
			"dimensions": map[string]any{
				"administrative-classification": map[string]any{
					"dimensionType": "administrative-classification",
					"attributes": map[string]any{
						"region":     map[string]any{"source": "region", "title": "地区"},
						"department": map[string]any{"source": "department", "title": "部门"},
						"subject":    map[string]any{"source": "subject", "title": "预算单位"},
					},
					"primaryKey": []string{"region", "department", "subject"},
				},
				"date": map[string]any{
					"dimensionType": "datetime",
					"attributes":    map[string]any{"year": map[string]any{"source": "year", "title": "年度"}},
					"primaryKey":    []string{"year"},
				},
				"functional-classification": map[string]any{
					"dimensionType":      "classification",
					"classificationType": "functional",
					"attributes": map[string]any{
						"code": map[string]any{"source": "code", "title": "科目编码"},
						"name": map[string]any{"source": "name", "title": "名称", "labelfor": "code"},
					},
					"primaryKey": []string{"code"},
				},
				"document": map[string]any{
					"dimensionType": "other",
					"attributes": map[string]any{
						"kind":        map[string]any{"source": "kind", "title": "文件类型"},
						"table":       map[string]any{"source": "table", "title": "表格类型"},
						"table_title": map[string]any{"source": "table_title", "title": "表格名称", "labelfor": "table"},
						"column":      map[string]any{"source": "column", "title": "列"},
						"header":      map[string]any{"source": "header", "title": "列标题", "labelfor": "column"},
					},
					"primaryKey": []string{"kind", "table", "column"},
				},
			},
		},
	}
}

// showDevelopers describes the API and the downloads for programmers.
func (s *Server) showDevelopers(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, "developers", "开放接口（API）", "api", nil)
}
