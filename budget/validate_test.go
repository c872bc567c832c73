package budget_test

import (
	"strings"
	"testing"

	"yusuan/budget"
	"yusuan/classification"
	"yusuan/money"
)

// base2026 is a valid budget of an office and an institution that uses every 2026 field.
func base2026() *budget.Budget {
	return &budget.Budget{
		Profile:    "shenzhen",
		Year:       2026,
		Department: budget.Department{Name: "深圳市示例局"},
		Units: []budget.Unit{
			{Code: "1", Name: "本级", Kind: budget.Administrative},
			{Code: "2", Name: "中心", Kind: budget.Institution},
		},
		Items: []budget.LineItem{
			{Unit: "1", Functional: "2010301", Economic: "30101", Kind: budget.Personnel, Fund: budget.GeneralPublic, StaffGrowth: true, Amount: 100},
			{Unit: "2", Functional: "2010350", Economic: "30201", Kind: budget.OperatingSp, Fund: budget.OperatingIncome, Amount: 100},
			{Unit: "2", Functional: "2010350", Economic: "30201", Kind: budget.SubsidySp, Fund: budget.SuperiorSubsidy, Amount: 100},
			{Unit: "2", Functional: "2010350", Economic: "30201", Kind: budget.RemitSp, Fund: budget.AffiliateRemit, Amount: 100},
		},
		Procurement: []budget.Procurement{
			{Unit: "1", Item: "服务", Category: budget.Services, Amount: 100, Functional: "2010301", ReservedSME: 100, ReservedSmall: 50},
		},
		CarryForward: []budget.CarryForward{{Unit: "2", Fund: budget.BusinessIncome, Amount: 10}},
	}
}

func TestValidate2026Fields(t *testing.T) {
	cat := classification.Default()
	if err := budget.Validate(base2026(), cat); err != nil {
		t.Fatalf("the base budget is invalid: %v", err)
	}
	tests := []struct {
		name   string
		mutate func(b *budget.Budget)
		want   string
	}{
		{"institution kind in an office", func(b *budget.Budget) { b.Items[1].Unit = "1" }, "只适用于事业单位"},
		{"institution kind from 财政拨款", func(b *budget.Budget) { b.Items[1].Fund = budget.GeneralPublic }, "不能使用财政拨款"},
		{"institution kind carried over from 财政拨款", func(b *budget.Budget) {
			b.Items[1].Fund, b.Items[1].CarryFrom = budget.CarryOver, budget.GovFund
		}, "不能使用财政拨款"},
		{"institution kind with a project", func(b *budget.Budget) { b.Items[2].Project = "P1" }, "不应填写项目编码"},
		{"上级补助收入 in an office", func(b *budget.Budget) { b.Items[0].Fund = budget.SuperiorSubsidy }, "只有事业单位才有"},
		{"增人增资 on 公用经费", func(b *budget.Budget) {
			b.Items = append(b.Items, budget.LineItem{Unit: "1", Functional: "2010301", Economic: "30201", Kind: budget.Public, Fund: budget.GeneralPublic, StaffGrowth: true, Amount: 1})
		}, "增人增资只能标在人员经费上"},
		{"SME share above the amount", func(b *budget.Budget) { b.Procurement[0].ReservedSME = 101 }, "超过采购金额"},
		{"small share above the SME share", func(b *budget.Budget) { b.Procurement[0].ReservedSmall = 101 }, "超过预留给中小企业的金额"},
		{"negative share", func(b *budget.Budget) { b.Procurement[0].ReservedSmall = -1 }, "预留份额不能为负数"},
		{"procurement code unknown", func(b *budget.Budget) { b.Procurement[0].Functional = "2019999" }, "不在科目表中"},
		{"procurement code the unit does not spend on", func(b *budget.Budget) { b.Procurement[0].Functional = "2010350" }, "没有功能科目“2010350”的支出明细"},
		{"carry forward of 上年结转", func(b *budget.Budget) { b.CarryForward[0].Fund = budget.CarryOver }, "结转下年的资金性质"},
		{"carry forward of an unknown unit", func(b *budget.Budget) { b.CarryForward[0].Unit = "9" }, "不在单位表中"},
		{"carry forward twice", func(b *budget.Budget) { b.CarryForward = append(b.CarryForward, b.CarryForward[0]) }, "同一单位、同一资金性质的结转下年"},
		{"negative carry forward", func(b *budget.Budget) { b.CarryForward[0].Amount = -money.Yuan }, "不能为负数"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := base2026()
			tc.mutate(b)
			err := budget.Validate(b, cat)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("want an error containing %q, got %v", tc.want, err)
			}
		})
	}
}

// TestSplit2026 checks that the institutions' own kinds count in a split's total and
// in neither basic nor project spending.
func TestSplit2026(t *testing.T) {
	s := base2026().SplitOf(budget.All)
	if s.Total() != 400 || s.Basic() != 100 || s.Project != 0 || s.Operating != 100 || s.Subsidy != 100 || s.Remit != 100 {
		t.Errorf("split = %+v, total %s", s, s.Total())
	}
}
