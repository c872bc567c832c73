package rebuild

import "strings"

// natural are pairs of a functional 项 and an economic class that belong together in
// every budget of the family (the pension contribution is paid from 机关事业单位基本养老
// 保险缴费支出, housing money from 住房改革支出 …), by functional prefix and economic
// prefix. Allocation places them first, so that a rebuilt budget reads like one a
// finance officer would enter.
var natural = []struct{ functional, economic string }{
	{"2080505", "30108"}, // 机关事业单位基本养老保险缴费支出 — 机关事业单位基本养老保险缴费
	{"2080506", "30109"}, // 职业年金缴费支出 — 职业年金缴费
	{"21011", "30110"},   // 行政事业单位医疗 — 职工基本医疗保险缴费
	{"21011", "30111"},   // — 公务员医疗补助缴费
	{"21011", "30112"},   // — 其他社会保障缴费
	{"2210201", "30113"}, // 住房公积金
	{"2210202", "30102"}, // 提租补贴 — 津贴补贴
	{"2210203", "30102"}, // 购房补贴 — 津贴补贴
	{"2080501", "303"},   // 行政单位离退休 — 对个人和家庭的补助
	{"2080502", "303"},   // 事业单位离退休
	{"20808", "303"},     // 抚恤
	{"2050803", "30216"}, // 培训支出 — 培训费
	{"21703", "31205"},   // 金融发展支出 — 利息补贴
	{"2010605", "30204"}, // 财政国库业务 — 手续费
	{"2010607", "31007"}, // 信息化建设 — 信息网络及软件购置更新
}

// prefer ranks a functional and economic pair by the list above; 0 for none.
func prefer(functional, economic string) int {
	for i, n := range natural {
		if strings.HasPrefix(functional, n.functional) && strings.HasPrefix(economic, n.economic) {
			return i + 1
		}
	}
	return 0
}
