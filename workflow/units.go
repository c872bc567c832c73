package workflow

import (
	"slices"
	"strings"
)

// PartState is where one unit's part of a department's data stands: each
// budget unit's preparer uploads the unit's own workbook, and the department's
// reviewer assembles the parts once every one is ready.
type PartState string

// The states of a part.
const (
	PartMissing   PartState = "missing"     // 未上传
	PartErrors    PartState = "errors"      // 有错误: errors block it
	PartUnexplain PartState = "unexplained" // 待说明: a warning has no explanation
	PartReturned  PartState = "returned"    // 已退回: the reviewer sent it back with a reason
	PartReady     PartState = "ready"       // 已就绪
)

var partLabels = map[PartState]string{
	PartMissing: "未上传", PartErrors: "有错误", PartUnexplain: "待说明", PartReturned: "已退回", PartReady: "已就绪",
}

// Label is the part state's Chinese name.
func (s PartState) Label() string {
	if l, ok := partLabels[s]; ok {
		return l
	}
	return string(s)
}

// PartStateOf is the state of a part from its current version: uploaded or not,
// its errors and unexplained warnings, and whether the reviewer returned it
// since it was uploaded. A returned part stays returned until a new upload.
func PartStateOf(uploaded bool, c Counts, unexplained int, returned bool) PartState {
	switch {
	case !uploaded:
		return PartMissing
	case returned:
		return PartReturned
	case c.Errors > 0:
		return PartErrors
	case unexplained > 0:
		return PartUnexplain
	}
	return PartReady
}

// CanAssemble refuses assembly unless every part (by unit name) is ready,
// naming the units that are not; the units the reviewer confirmed gone are
// not among parts.
func CanAssemble(parts map[string]PartState) error {
	if len(parts) == 0 {
		return refuse(ErrBlocked, "还没有任何单位上传数据，不能汇总")
	}
	var missing []string
	gone := ""
	for unit, st := range parts {
		if st != PartReady {
			missing = append(missing, unit+"（"+st.Label()+"）")
		}
		if st == PartMissing {
			gone = "；未上传的单位如已撤销或不再单独编制预算，请在汇总时勾选确认"
		}
	}
	if len(missing) == 0 {
		return nil
	}
	slices.Sort(missing)
	return refuse(ErrBlocked, "各单位的数据都已就绪后才能汇总，尚未就绪的有：%s%s", strings.Join(missing, "、"), gone)
}
