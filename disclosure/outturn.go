package disclosure

import "yusuan/money"

// Outturn is a 决算's budget against its outturn as the data it was derived from
// has them, for the portal to set side by side: spending (本年支出, all funds) by
// functional 项, basic spending by economic 款, and the 财政拨款 三公 by item. The
// printed tables carry mostly the 决算数 alone, so a 决算 read from published
// files has only what it prints of both (check.ReadOutturn): the 类, 款 and 项 of
// the 一般公共预算财政拨款 tables (支出决算表 by function, 基本支出决算表 by
// economic class) with their 决算数, and a 年初预算 only where the narrative
// states one for a 项; and the 三公 items table 7 prints with 预算数 and 决算数.
// Read marks such an Outturn. Rows are by code, never by project, so nothing
// classified is named.
type Outturn struct {
	Functional []OutturnRow `json:"functional"`
	Economic   []OutturnRow `json:"economic"`
	SanGong    []OutturnRow `json:"san_gong"`
	// Read says the rows were read from the published document, not derived
	// from data (the page says 据公开文件读取).
	Read bool `json:"read,omitempty"`
	// FunctionalTotal is the 合计 a read 决算's functional table prints, nil when
	// it prints none or the outturn is derived. The page shows it as printed: the
	// document's total and the sum of its rounded 类 may differ in the last
	// digit, and a reader compares the page with the document.
	FunctionalTotal *money.Amount `json:"functional_total,omitempty"`
}

// OutturnRow is one code's or item's 年初预算 and 调整预算 (each nil when the
// source gives none: a 决算 read from published files states the 年初预算 of a
// few 项 at most) and 决算数, in 分, with the department's reason for the
// difference when it gave one. Code is a classification code, or for a 三公 item
// its key (abroad, reception, car_purchase, car_running). A derived Outturn has
// rows of the finest level only (项, economic 款); a read one also has the 类 and
// 款 the table prints, whose 决算数 stand as printed.
type OutturnRow struct {
	Code     string        `json:"code"`
	Name     string        `json:"name"`
	Budget   *money.Amount `json:"budget"`
	Adjusted *money.Amount `json:"adjusted,omitempty"`
	Final    money.Amount  `json:"final"`
	Reason   string        `json:"reason,omitempty"`
}
