package budget_test

import (
	"strings"
	"testing"

	"yusuan/budget"
	"yusuan/classification"
)

// TestTextLimit: a text up to budget.MaxText passes, a longer one is refused with
// where it is and which field, in Chinese.
func TestTextLimit(t *testing.T) {
	b := &budget.Budget{
		Year:       2025,
		Department: budget.Department{Name: "部门", Src: budget.Source{File: "budget.yaml"}},
		Units:      []budget.Unit{{Code: "1", Name: "单位", Kind: budget.UnitKinds[0]}},
		Projects:   []budget.Project{{Code: "P1", Unit: "1", Name: "项目", Target: strings.Repeat("目", budget.MaxText), Src: budget.Source{File: "budget.xlsx", Sheet: "项目", Row: 7}}},
	}
	if err := budget.Validate(b, classification.Default()); err != nil && strings.Contains(err.Error(), "上限") {
		t.Fatalf("a text of MaxText characters is refused: %v", err)
	}
	b.Projects[0].Target += "。"
	b.Text.Duties = []string{strings.Repeat("职", budget.MaxText+1)}
	err := budget.Validate(b, classification.Default())
	if err == nil {
		t.Fatal("texts over the limit pass")
	}
	for _, want := range []string{"文件 budget.xlsx 工作表“项目” 第 7 行（绩效目标）：文字有 30001 个字符，超过上限 30000 个字符", "文件 budget.yaml（职责）：文字有 30001 个字符"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not say %q:\n%v", want, err)
		}
	}
}
