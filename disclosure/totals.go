package disclosure

import "strings"

// IsTotalLabel reports whether a row label names a table's total: 合计, 总计, or
// a label ending in 合计 without digits (支出合计, but not 2025年合计).
func IsTotalLabel(s string) bool {
	s = strings.Join(strings.Fields(s), "")
	return s == "合计" || s == "总计" || strings.HasSuffix(s, "合计") && !strings.ContainsAny(s, "0123456789")
}

// PrintedTotalRow returns the index of the row that prints a table's total among n rows
// whose codes and labels code and label give: the first uncoded row labelled as a
// total, else the first row when it has no code (the department's own row heading
// a table of several units, as Shenzhen's 2026 tables print it). It returns -1
// when there is neither; the total is then the sum of the 类 rows, whose
// separately rounded amounts can miss a printed total by a few 分.
func PrintedTotalRow(n int, code, label func(i int) string) int {
	for i := range n {
		if code(i) == "" && IsTotalLabel(label(i)) {
			return i
		}
	}
	if n > 0 && code(0) == "" {
		return 0
	}
	return -1
}
