package report

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"yusuan/disclosure"
)

// TestHeaderNamesDepartment: every form of a report starts by naming the
// department, the year and the file; a document that prints no 主管部门 is
// named by what it is published under.
func TestHeaderNamesDepartment(t *testing.T) {
	s := SummaryOf("单位预算.pdf", &disclosure.Document{Title: "2026年某中心单位预算", Kind: "单位预算", Year: 2026, Subject: "某市某中心"})
	if s.Department != "某市某中心" {
		t.Errorf("department = %q, want the subject", s.Department)
	}

	var text bytes.Buffer
	if err := Text(&text, s, sample); err != nil {
		t.Fatal(err)
	}
	if want := "核对：单位预算.pdf\n部门：某市某中心\n年度：2026年\n"; !strings.HasPrefix(text.String(), want) {
		t.Errorf("text starts %q, want %q", text.String()[:min(len(text.String()), 120)], want)
	}

	var js bytes.Buffer
	if err := JSON(&js, s, sample); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Document struct {
			File       string `json:"file"`
			Department string `json:"department"`
			Year       int    `json:"year"`
		} `json:"document"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil || doc.Document.Department != "某市某中心" || doc.Document.Year != 2026 || doc.Document.File != "单位预算.pdf" {
		t.Errorf("JSON document = %+v, %v", doc.Document, err)
	}

	f := workbook(t, func(w io.Writer) error { return XLSX(w, s, sample) }, "核对结果", "说明")
	for cell, want := range map[string]string{"A1": "部门", "B1": "某市某中心", "A2": "年度", "B2": "2026年", "A3": "文件", "B3": "单位预算.pdf"} {
		if v, _ := f.GetCellValue("说明", cell); v != want {
			t.Errorf("说明 %s = %q, want %q", cell, v, want)
		}
	}
}
