// Package examples holds the example budgets in the binary, so that the
// demonstration portal runs from any directory.
package examples

import "embed"

// Files are the example budgets the demonstration portal imports, under their
// folder names (longgang-2024/budget.yaml, …).
//
//go:embed longgang-2024/budget.yaml putuo-shangwuwei-2025/budget.yaml
var Files embed.FS
