package classification

import (
	"strings"
	"testing"
)

func TestDefaultHasTheSeedCodes(t *testing.T) {
	cat := Default()
	for _, c := range []string{"2010301", "2010504", "2050803", "2210203"} {
		if err := cat.Check(Functional, c, "", 3); err != nil {
			t.Error(err)
		}
	}
	for _, c := range []string{"30101", "30907", "31002", "30399"} {
		if err := cat.Check(Economic, c, "", 2); err != nil {
			t.Error(err)
		}
	}
}

func TestCheck(t *testing.T) {
	cat := Default()
	tests := []struct {
		kind       Kind
		code, name string
		levels     []int
		want       string
	}{
		{Economic, "30213", "维修(护)费", nil, ""},
		{Economic, "30213", "维修（护）费", nil, ""},
		{Economic, "30213", "差旅费", nil, "名称应为"},
		{Functional, "20103", "", []int{3}, "项级"},
		{Functional, "2019999", "", nil, "不在科目表中"},
		{Functional, "20A", "", nil, "格式不对"},
	}
	for _, tc := range tests {
		err := cat.Check(tc.kind, tc.code, tc.name, tc.levels...)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.code, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: error %v, want one containing %q", tc.code, err, tc.want)
		}
	}
}

func TestReadCSVErrorsNameTheLine(t *testing.T) {
	cat := New()
	err := cat.ReadCSV(strings.NewReader("kind,code,name\nF,201,一般公共服务支出\nX,202,外交支出\n"), "")
	if err == nil || !strings.Contains(err.Error(), "第 3 行") {
		t.Errorf("got %v", err)
	}
	err = New().ReadCSV(strings.NewReader("编码,名称\n201,一般公共服务支出\n101,税收收入\n"), "")
	if err == nil || !strings.Contains(err.Error(), "第 3 行") || !strings.Contains(err.Error(), "kind") {
		t.Errorf("a code of neither kind: %v", err)
	}
}

// An official list loaded with --codes keeps loading as before: positional
// columns, with or without a header, the kind given or in the first column.
func TestReadCSVOfficialLists(t *testing.T) {
	for _, tc := range []struct {
		text string
		kind Kind
	}{
		{"科目编码,科目名称\n201,一般公共服务支出\n2010301,行政运行\n", Functional},
		{"201,一般公共服务支出\n2010301,行政运行,项,20103\n", Functional},
		{"kind,code,name\nF,201,一般公共服务支出\nF,2010301,行政运行\n", ""},
		// Named columns without a kind, as yusuan check --codes reads them: the
		// code says its kind (this once panicked).
		{"科目编码,科目名称\n201,一般公共服务支出\n2010301,行政运行\n30201,办公费\n", ""},
	} {
		cat := New()
		if err := cat.ReadCSV(strings.NewReader(tc.text), tc.kind); err != nil {
			t.Fatalf("%q: %v", tc.text, err)
		}
		if cat.Name(Functional, "2010301") != "行政运行" || cat.Len(Functional) != 2 {
			t.Errorf("%q: read %v", tc.text, cat.Codes(Functional))
		}
	}
}

// The built-in lists name their columns and carry years and sources; a code known
// by two names gives the name of each year, the later one as its current name.
func TestNamesByYear(t *testing.T) {
	codes, err := ParseCSV(strings.NewReader("kind,code,name,level,from,to,source\n"+
		"F,20805,行政事业单位养老支出,款,2023,,b\n"+
		"F,20805,行政事业单位离退休,款,2019,2019,a\n"+
		"F,20805,行政事业单位养老支出,款,2024,2026,c\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	cat := New()
	for _, c := range codes {
		cat.merge(c)
	}
	if c, _ := cat.Lookup(Functional, "20805"); c.Name != "行政事业单位养老支出" || c.From != 2023 || c.To != 0 || c.Source != "b；c" {
		t.Errorf("current %+v", c)
	}
	if c, ok := cat.LookupIn(Functional, "20805", 2019); !ok || c.Name != "行政事业单位离退休" {
		t.Errorf("2019: %+v %v", c, ok)
	}
	if c, ok := cat.LookupIn(Functional, "20805", 2021); ok || c.Name != "行政事业单位养老支出" {
		t.Errorf("2021 (no evidence): %+v %v", c, ok)
	}
	if h := cat.History(Functional, "20805"); len(h) != 2 || h[0].Name != "行政事业单位离退休" {
		t.Errorf("history %+v", h)
	}
	if _, err := ParseCSV(strings.NewReader("kind,code,name,from\nF,201,一般公共服务支出,19\n"), ""); err == nil || !strings.Contains(err.Error(), "第 2 行") {
		t.Errorf("bad year: %v", err)
	}
}
