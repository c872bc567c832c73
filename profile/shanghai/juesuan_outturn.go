package shanghai

import (
	"sort"

	"yusuan/budget"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/money"
)

// outturn is the 决算's 预算 against 决算 for the portal: every line item's 年初预算,
// 调整预算 and 决算数 summed by functional 项 and, for basic spending, by economic
// 款, with the department's reasons; and the 三公 items as 表7 prints them. When no
// line item gives a 调整预算 the rows carry none; when some do, an item without one
// counts at its 年初预算.
func (d *finalDeriver) outturn() *disclosure.Outturn {
	adjusted := false
	for _, li := range d.b.Items {
		adjusted = adjusted || li.Adjusted != nil
	}
	reasons := map[string]string{}
	for _, r := range d.f.Reasons {
		reasons[r.Code] = r.Note
	}
	byCode := func(k classification.Kind, f budget.Filter, reasons map[string]string) []disclosure.OutturnRow {
		rows := map[string]*disclosure.OutturnRow{}
		for i := range d.b.Items {
			li := &d.b.Items[i]
			if !f(li) {
				continue
			}
			code := li.Functional
			if k == classification.Economic {
				code = li.Economic
			}
			r := rows[code]
			if r == nil {
				r = &disclosure.OutturnRow{Code: code, Name: d.codeName(k, code), Budget: new(money.Amount), Reason: reasons[code]}
				if adjusted {
					r.Adjusted = new(money.Amount)
				}
				rows[code] = r
			}
			*r.Budget += li.Amount
			r.Final += li.FinalAmount()
			if r.Adjusted != nil {
				a := li.Amount
				if li.Adjusted != nil {
					a = *li.Adjusted
				}
				*r.Adjusted += a
			}
		}
		out := make([]disclosure.OutturnRow, 0, len(rows))
		for _, r := range rows {
			out = append(out, *r)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
		return out
	}
	o := &disclosure.Outturn{
		Functional: byCode(classification.Functional, budget.All, reasons),
		Economic:   byCode(classification.Economic, budget.Basic, nil),
	}
	p, f := sumSanGong(d.b), d.finalSanGong()
	for _, it := range []struct {
		key, name     string
		budget, final money.Amount
	}{
		{"abroad", "因公出国（境）费", p.Abroad, f.Abroad},
		{"car_purchase", "公务用车购置费", p.CarPurchase, f.CarPurchase},
		{"car_running", "公务用车运行维护费", p.CarRunning, f.CarRunning},
		{"reception", "公务接待费", p.Reception, f.Reception},
	} {
		o.SanGong = append(o.SanGong, disclosure.OutturnRow{Code: it.key, Name: it.name, Budget: &it.budget, Final: it.final})
	}
	return o
}
