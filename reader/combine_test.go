package reader

import (
	"reflect"
	"slices"
	"testing"

	"yusuan/disclosure"
	"yusuan/money"
)

// half builds one half of a two-file document with slices of its own, so that two
// calls give equal documents that share nothing a test might change.
func half(title, dept string, year int, parts []disclosure.Part, tables []*disclosure.Table, contents []string) *disclosure.Document {
	return &disclosure.Document{
		Profile: "p", Format: "f-" + title, FormatLabel: "格式" + title, Kind: "部门预算", Year: year,
		Department: dept, Subject: dept, Title: title, Unit: money.UnitWan,
		Parts: slices.Clone(parts), Tables: slices.Clone(tables), Contents: slices.Clone(contents), Notes: []string{"注：" + title},
	}
}

func TestCombine(t *testing.T) {
	parts := []disclosure.Part{{Number: 1, Title: "部门职责"}, {Number: 2, Title: "收支预算情况说明"}}
	t1 := &disclosure.Table{Number: 1, Title: "收支总表", Rows: make([]disclosure.Row, 3)}
	t2 := &disclosure.Table{Number: 2, Title: "收入总表", Rows: make([]disclosure.Row, 5)}
	tests := []struct {
		name                string
		narrative, tables   func() *disclosure.Document
		wantTitle, wantDept string
		wantYear            int
		wantContents        []string
	}{
		{
			name: "narrative metadata and contents win",
			narrative: func() *disclosure.Document {
				return half("文字", "司法局", 2026, parts, nil, []string{"一、部门职责"})
			},
			tables: func() *disclosure.Document {
				return half("表格", "北京市司法局", 2025, nil, []*disclosure.Table{t1, t2}, []string{"表1"})
			},
			wantTitle:    "文字",
			wantDept:     "司法局",
			wantYear:     2026,
			wantContents: []string{"一、部门职责"},
		},
		{
			name:      "tables half fills what the narrative lacks",
			narrative: func() *disclosure.Document { return half("文字", "", 0, parts, nil, nil) },
			tables: func() *disclosure.Document {
				return half("表格", "办公厅", 2019, nil, []*disclosure.Table{t1, t2}, []string{"表1", "表2"})
			},
			wantTitle:    "文字",
			wantDept:     "办公厅",
			wantYear:     2019,
			wantContents: []string{"表1", "表2"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			narrative, tables := tc.narrative(), tc.tables()
			got := Combine(narrative, tables)
			if got == narrative || got == tables {
				t.Fatal("Combine returned one of its inputs")
			}
			if got.Title != tc.wantTitle || got.Department != tc.wantDept || got.Year != tc.wantYear {
				t.Errorf("title, department, year = %q, %q, %d; want %q, %q, %d",
					got.Title, got.Department, got.Year, tc.wantTitle, tc.wantDept, tc.wantYear)
			}
			if got.Format != narrative.Format || got.FormatLabel != narrative.FormatLabel || got.Kind != narrative.Kind || got.Unit != narrative.Unit {
				t.Errorf("format %q (%q), kind %q, unit %q not the narrative's", got.Format, got.FormatLabel, got.Kind, got.Unit)
			}
			if !reflect.DeepEqual(got.Parts, parts) {
				t.Errorf("parts = %v, want the narrative's", got.Parts)
			}
			if len(got.Tables) != 2 || got.Tables[0] != t1 || got.Tables[1] != t2 {
				t.Errorf("tables = %v, want the tables half's", got.Tables)
			}
			if !reflect.DeepEqual(got.Contents, tc.wantContents) {
				t.Errorf("contents = %v, want %v", got.Contents, tc.wantContents)
			}
			if want := []string{"注：文字", "注：表格"}; !reflect.DeepEqual(got.Notes, want) {
				t.Errorf("notes = %v, want %v", got.Notes, want)
			}

			// The inputs are as they were, also after the result is changed.
			got.Parts[0].Title = "改动"
			got.Tables[0] = nil
			got.Notes[0] = "改动"
			if len(got.Contents) > 0 {
				got.Contents[0] = "改动"
			}
			if want := tc.narrative(); !reflect.DeepEqual(narrative, want) {
				t.Errorf("narrative changed:\n got %+v\nwant %+v", narrative, want)
			}
			if want := tc.tables(); !reflect.DeepEqual(tables, want) {
				t.Errorf("tables half changed:\n got %+v\nwant %+v", tables, want)
			}
		})
	}
}
