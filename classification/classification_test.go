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
}
