package shenzhen

import (
	"math/rand"
	"slices"
	"testing"

	"yusuan/budget"
)

// TestByPrintedName: projects come in the order the published 2026 documents print
// them in 表5 (../shared/corpus/shenzhen-2026), whatever their codes.
func TestByPrintedName(t *testing.T) {
	for _, published := range [][]string{
		{"财政监督管理业务", "财政综合管理业务", "上级转移支付项目", "信息化（财政审核）", "信息化服务类项目（非运维服务部分）", "预决算管理业务", "预算准备金", "综合管理"}, // 财政局
		{"机关政务保障", "市政府值班业务", "信息公开业务", "研究调研活动", "预算准备金", "政府公报编辑管理", "政务信息化项目（系统运维服务）", "综合管理"},          // 办公厅
		{"公共卫生服务", "上级下达资金", "市级人才专项经费", "卫生健康行业管理", "医疗服务", "预算准备金"},                                      // 卫健委
		{"社工服务项目", "信访大厅运行", "信访专项", "预算准备金", "政务信息化项目（系统运维服务）", "综合管理"},                                   // 信访局
	} {
		var projects []budget.Project
		for i, name := range published {
			projects = append(projects, budget.Project{Code: string(rune('Z' - i)), Name: name})
		}
		rand.New(rand.NewSource(1)).Shuffle(len(projects), func(i, j int) { projects[i], projects[j] = projects[j], projects[i] })
		byPrintedName(projects)
		var got []string
		for _, p := range projects {
			got = append(got, p.Name)
		}
		if !slices.Equal(got, published) {
			t.Errorf("order\n%q, published\n%q", got, published)
		}
	}
	same := []budget.Project{{Code: "P2", Name: "综合管理"}, {Code: "P1", Name: "综合管理"}}
	if byPrintedName(same); same[0].Code != "P1" {
		t.Errorf("equal names not by code: %v", same)
	}
}
