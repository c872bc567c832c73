// Package examples holds the example budgets in the binary, so that the
// demonstration portal runs from any directory.
package examples

import "embed"

// Files are the example budgets, under their folder names (longgang-2024/budget.yaml,
// …): the demonstration portal imports the 预算 ones; putuo-caizhengju-2024-juesuan
// is the 部门决算 of the Putuo 财政局.
//
//go:embed longgang-2024/budget.yaml putuo-shangwuwei-2025/budget.yaml putuo-caizhengju-2024-juesuan/budget.yaml
var Files embed.FS
