package shenzhen

import (
	"slices"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"

	"yusuan/budget"
)

// byPrintedName sorts projects as the published 2026 documents list them in 表5
// 项目支出总表: by name in the order of its GBK code, which for common characters is
// their pinyin (财政监督管理业务, 上级转移支付项目, 信息化…, 预决算管理业务, 综合管理);
// six of the eight published departments of 2026 print their projects so, the
// other two in an order the budget does not carry. Equal names go by code.
func byPrintedName(projects []budget.Project) {
	keys := make(map[string]string, len(projects))
	enc := encoding.ReplaceUnsupported(simplifiedchinese.GBK.NewEncoder())
	for _, p := range projects {
		if _, ok := keys[p.DisplayName()]; !ok {
			k, err := enc.String(p.DisplayName())
			if err != nil {
				k = p.DisplayName()
			}
			keys[p.DisplayName()] = k
		}
	}
	slices.SortStableFunc(projects, func(a, b budget.Project) int {
		if c := strings.Compare(keys[a.DisplayName()], keys[b.DisplayName()]); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
}
