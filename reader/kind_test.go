package reader_test

import (
	"errors"
	"strings"
	"testing"

	"yusuan/reader"
)

// kindDoc is a small document: a title, then a table of the family under each of
// the titles, each with a unit line and one row.
func kindDoc(title string, tables ...string) string {
	var b strings.Builder
	b.WriteString(title + "\n")
	for _, t := range tables {
		b.WriteString("\n" + t + "\n                                  单位：万元\n")
		b.WriteString("项目                              金额\n")
		b.WriteString("合计                              100.00\n")
	}
	return b.String()
}

var (
	budgetTitles = []string{"收支总表", "收入总表", "支出总表", "财政拨款收支总表"}
	finalTitles  = []string{"收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表"}
)

// TestDocumentKindChoosesFormat: the title's kind decides which formats may read a
// document: a 预算 format is never chosen for a 决算 and a 决算 format never for a
// 预算, and a kind no format lists (单位决算) is refused as 暂不支持.
func TestDocumentKindChoosesFormat(t *testing.T) {
	for _, c := range []struct {
		name, title string
		tables      []string
		kind        string
		format      string // "" when the document is refused
		unsupported bool
	}{
		{"budget", "某区某局2026年部门预算", budgetTitles, "部门预算", "generic", false},
		{"final", "某区某局2024年度部门决算", finalTitles, "部门决算", "generic-juesuan", false},
		{"final-foshan-title", "2019 年某市某局 部门决算", finalTitles, "部门决算", "generic-juesuan", false},
		// A 决算 printing 预算 titles is not read as a 预算, nor the reverse.
		{"final-with-budget-tables", "某区某局2024年度部门决算", budgetTitles, "部门决算", "", false},
		{"budget-with-final-tables", "某区某局2026年部门预算", finalTitles, "部门预算", "", false},
		{"unit-final", "某区某中心2024年度单位决算", finalTitles, "单位决算", "", true},
	} {
		doc, err := reader.ReadText(c.name+".txt", kindDoc(c.title, c.tables...))
		var u *reader.UnsupportedError
		switch {
		case c.unsupported:
			if !errors.As(err, &u) || u.Kind != c.kind || u.Blank || !strings.Contains(err.Error(), "暂不支持"+c.kind) {
				t.Errorf("%s: err = %v, want 暂不支持%s", c.name, err, c.kind)
			}
		case c.format == "":
			var un *reader.UnrecognisedError
			if !errors.As(err, &un) {
				t.Errorf("%s: got %v, %v; want an UnrecognisedError", c.name, doc, err)
			}
		case err != nil:
			t.Errorf("%s: %v", c.name, err)
		case doc.Kind != c.kind || doc.Format != c.format:
			t.Errorf("%s: read as %s in %s, want %s in %s", c.name, doc.Kind, doc.Format, c.kind, c.format)
		}
	}
}
