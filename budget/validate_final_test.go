package budget_test

import (
	"strings"
	"testing"

	"yusuan/budget"
	"yusuan/classification"
	"yusuan/money"
)

func ptr(a money.Amount) *money.Amount { return &a }

// baseFinal is a balanced 部门决算 of one office: 100.00 元 budgeted, 90.00 spent of
// 95.00 received, 5.00 carried in and 10.00 carried out.
func baseFinal() *budget.Budget {
	return &budget.Budget{
		Profile: "shanghai", Document: budget.DocFinal, Year: 2024,
		Department: budget.Department{Name: "上海市示例局"},
		Units:      []budget.Unit{{Code: "1", Name: "本级", Kind: budget.Administrative}},
		Items: []budget.LineItem{
			{Unit: "1", Functional: "2010301", Economic: "30101", Kind: budget.Personnel, Fund: budget.GeneralPublic, Amount: 10000, Final: ptr(9000)},
		},
		Final: &budget.Final{
			Income:   []budget.FinalIncome{{Unit: "1", Functional: "2010301", Source: budget.GeneralPublic, Amount: 9500}},
			CarryIn:  []budget.FinalCarry{{Unit: "1", Fund: budget.GeneralPublic, Amount: 500}},
			CarryOut: []budget.FinalCarry{{Unit: "1", Fund: budget.GeneralPublic, Amount: 1000}},
		},
	}
}

func TestValidateFinal(t *testing.T) {
	cat := classification.Default()
	if err := budget.Validate(baseFinal(), cat); err != nil {
		t.Fatalf("the base 决算 is invalid: %v", err)
	}
	tests := []struct {
		name string
		edit func(b *budget.Budget)
		want []string
	}{
		{"line without 决算数", func(b *budget.Budget) { b.Items[0].Final = nil },
			[]string{"决算数", "生成部门决算需要每条支出明细的决算数", "单位“1”、功能科目“2010301”、经济科目“30101”"}},
		{"carry-over out of balance", func(b *budget.Budget) { b.Final.CarryOut[0].Amount = 1001 },
			[]string{"单位“1”的一般公共预算资金结转和结余不平衡", "年初结转和结余 5.00元", "本年收入 95.00元", "本年支出（决算数）90.00元", "年末结转和结余为 10.01元", "相差 -0.01元"}},
		{"non-fiscal carry-over", func(b *budget.Budget) {
			b.Final.Income = append(b.Final.Income, budget.FinalIncome{Unit: "1", Functional: "2010301", Source: budget.OtherIncome, Amount: 700})
		}, []string{"单位“1”的非财政拨款资金结转和结余不平衡", "本年收入 7.00元"}},
		{"unknown document", func(b *budget.Budget) { b.Document = "决算" }, []string{"公开文件应为“部门预算”或“部门决算”"}},
		{"carry-over fund", func(b *budget.Budget) { b.Final.CarryIn[0].Fund = budget.BusinessIncome }, []string{"年初结转和结余的资金性质应为"}},
		{"income source", func(b *budget.Budget) { b.Final.Income[0].Source = budget.CarryOver }, []string{"收入来源应为"}},
		{"negative 决算数", func(b *budget.Budget) { b.Items[0].Final = ptr(-1) }, []string{"决算数不能为负数"}},
		{"grades", func(b *budget.Budget) { b.Final.Performance = budget.FinalPerformance{Evaluated: 2, Excellent: 1} }, []string{"绩效评级为优、良、合格、不合格的项目共 1 个"}},
		{"score", func(b *budget.Budget) { b.Final.Performance.Score = "九十" }, []string{"平均得分应为最多两位小数的数字"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := baseFinal()
			tt.edit(b)
			err := budget.Validate(b, cat)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not say %q:\n%v", w, err)
				}
			}
		})
	}
	// A 预算 needs no 决算数.
	b := baseFinal()
	b.Document, b.Items[0].Final = "", nil
	if err := budget.Validate(b, cat); err != nil {
		t.Errorf("a 预算 without 决算数: %v", err)
	}
}
