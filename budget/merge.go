package budget

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Merge assembles a department's budget from its units' parts: each part is a
// budget of the same department, year and profile holding units of its own.
// The units and all that belongs to a unit (projects, line items, procurement,
// carry-forward, last year's 三公, and in a 决算 the income, carry-overs,
// 结余分配, uses of balances and this and last year's 三公 决算数) follow one
// another in the parts' order, every amount copied as it was, none added. The
// department's own blocks (last year's totals, assets, performance, text, code,
// title and region, and a 决算's last year's figures, 政府采购, 预算绩效管理,
// reasons and text) may be given in any part: where several parts give one,
// they must give the same. A unit or project code in two parts, and a
// department block given two ways, are conflicts, each an Error naming both
// files.
func Merge(parts []*Budget) (*Budget, error) {
	if len(parts) == 0 {
		return nil, ErrorList{{Msg: "没有可汇总的单位数据"}}
	}
	var errs ErrorList
	conflict := func(src Source, field, format string, args ...any) {
		errs = append(errs, &Error{Src: src, Field: field, Msg: fmt.Sprintf(format, args...), Joint: true})
	}
	first := parts[0]
	out := &Budget{Profile: first.Profile, Format: first.Format, Document: first.Document, Year: first.Year,
		Department: Department{Name: strings.TrimSpace(first.Department.Name), Src: first.Department.Src}}
	units := map[string]Source{}    // unit code → where it was first given
	projects := map[string]Source{} // project code → where it was first given
	blocks := map[string]given{}    // a department block's label → its first giving
	for _, p := range parts {
		src := Source{File: p.Department.Src.File}
		for _, h := range []struct{ field, got, want string }{
			{"预算方案", p.Profile, out.Profile},
			{"格式", p.Format, out.Format},
			{"文件种类", p.Document, out.Document},
			{"年度", fmt.Sprint(p.Year), fmt.Sprint(out.Year)},
			{"部门名称", strings.TrimSpace(p.Department.Name), out.Department.Name},
		} {
			if h.got != h.want {
				conflict(src, h.field, "%s为“%s”，与文件 %s 的“%s”不一致，不能汇总为同一部门预算", h.field, h.got, first.Department.Src.File, h.want)
			}
		}
		for _, u := range p.Units {
			if at, ok := units[u.Code]; ok {
				conflict(u.Src, "单位编码", "单位编码 %s 已在%s 出现，同一单位只能由一个单位文件填报", u.Code, at.Describe(""))
				continue
			}
			units[u.Code] = u.Src
			out.Units = append(out.Units, u)
		}
		for _, pr := range p.Projects {
			if at, ok := projects[pr.Code]; ok {
				conflict(pr.Src, "项目编码", "项目编码 %s 已在%s 出现，一个项目编码只能属于一个单位", pr.Code, at.Describe(""))
				continue
			}
			projects[pr.Code] = pr.Src
			out.Projects = append(out.Projects, pr)
		}
		out.Items = append(out.Items, p.Items...)
		out.Procurement = append(out.Procurement, p.Procurement...)
		out.CarryForward = append(out.CarryForward, p.CarryForward...)
		out.LastYear.SanGong = append(out.LastYear.SanGong, p.LastYear.SanGong...)
		f := mergeFinal(out, p)

		ly := p.LastYear
		ly.SanGong = nil
		fly := f.LastYear
		fly.SanGong = nil
		for _, b := range []struct {
			label string
			value any
			set   func()
		}{
			{"部门编码", p.Department.Code, func() { out.Department.Code = p.Department.Code }},
			{"公开名称", p.Department.Title, func() { out.Department.Title = p.Department.Title }},
			{"地区", p.Department.Region, func() { out.Department.Region = p.Department.Region }},
			{"上年数", ly, func() { sg := out.LastYear.SanGong; out.LastYear = ly; out.LastYear.SanGong = sg }},
			{"资产情况", p.Assets, func() { out.Assets = p.Assets }},
			{"绩效目标", p.Performance, func() { out.Performance = p.Performance }},
			{"部门文字说明", p.Text, func() { out.Text = p.Text }},
			{"上年决算数", fly, func() { sg := out.Final.LastYear.SanGong; out.Final.LastYear = fly; out.Final.LastYear.SanGong = sg }},
			{"政府采购决算", f.Procurement, func() { out.Final.Procurement = f.Procurement }},
			{"预算绩效管理", f.Performance, func() { out.Final.Performance = f.Performance }},
			{"决算数变动原因", f.Reasons, func() { out.Final.Reasons = f.Reasons }},
			{"决算说明", f.Text, func() { out.Final.Text = f.Text }},
		} {
			v, err := json.Marshal(b.value)
			if err != nil {
				return nil, err
			}
			if isZeroJSON(v) {
				continue
			}
			g, ok := blocks[b.label]
			switch {
			case !ok:
				blocks[b.label] = given{string(v), src}
				b.set()
			case g.json != string(v):
				conflict(src, b.label, "部门的“%s”与%s 中填写的不一致：部门的数据只能填写一份，或在各单位文件中填写相同的内容", b.label, g.src.Describe(""))
			}
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// mergeFinal appends the rows by unit of p's 决算 figures to out's, which it
// starts at the first part that has them, and returns p's (an empty block for
// a part without them), whose department-wide blocks Merge then compares.
func mergeFinal(out, p *Budget) *Final {
	if p.Final == nil {
		return &Final{}
	}
	f := p.Final
	if out.Final == nil {
		out.Final = &Final{Src: f.Src}
	}
	o := out.Final
	o.Income = append(o.Income, f.Income...)
	for i, l := range f.CarryLists() {
		to := o.CarryLists()[i].List
		*to = append(*to, *l.List...)
	}
	o.SanGong = append(o.SanGong, f.SanGong...)
	o.LastYear.SanGong = append(o.LastYear.SanGong, f.LastYear.SanGong...)
	return f
}

// given is a department block as one part gives it.
type given struct {
	json string
	src  Source
}

// isZeroJSON reports whether v is the JSON of a value not given: null, an empty
// string, or an object of no fields (every field omitted or zero).
func isZeroJSON(v []byte) bool {
	var x any
	if json.Unmarshal(v, &x) != nil {
		return false
	}
	return zero(x)
}

func zero(x any) bool {
	switch x := x.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(x) == ""
	case float64:
		return x == 0
	case bool:
		return !x
	case []any:
		return len(x) == 0
	case map[string]any:
		for _, v := range x {
			if !zero(v) {
				return false
			}
		}
		return true
	}
	return false
}

// OutsideUnit lists everything of b that is not of the one unit named unit
// (by name or code): other units' rows, and the projects, line items,
// procurement, carry-forward and 三公 rows of any unit but that one, and in a
// 决算 its income, carry-over, 结余分配, use of balances and 三公 决算 rows,
// each with its sheet and row. A unit's part holds that unit alone. A 涉密 unit is
// named by its code only.
func OutsideUnit(b *Budget, unit string) ErrorList {
	unit = strings.TrimSpace(unit)
	var errs ErrorList
	own := ""
	for _, u := range b.Units {
		if strings.TrimSpace(u.Name) == unit || strings.TrimSpace(u.Code) == unit {
			own = u.Code
			continue
		}
		errs = append(errs, &Error{Src: u.Src, Field: "单位名称", Msg: fmt.Sprintf(
			"单位%s不是本单位“%s”：单位的文件只能含有本单位的数据", u.Label(), unit)})
	}
	if own == "" && len(b.Units) == 0 {
		errs = append(errs, &Error{Src: b.Department.Src, Msg: fmt.Sprintf("文件中没有单位“%s”", unit)})
	}
	row := func(src Source, what, code string) {
		if code != own {
			errs = append(errs, &Error{Src: src, Field: "单位", Msg: fmt.Sprintf(
				"这一行%s属于单位编码 %s，不是本单位“%s”：单位的文件只能含有本单位的数据", what, code, unit)})
		}
	}
	for _, p := range b.Projects {
		row(p.Src, "项目", p.Unit)
	}
	for _, li := range b.Items {
		row(li.Src, "支出", li.Unit)
	}
	for _, p := range b.Procurement {
		row(p.Src, "政府采购", p.Unit)
	}
	for _, c := range b.CarryForward {
		row(c.Src, "结转", c.Unit)
	}
	for _, s := range b.LastYear.SanGong {
		row(s.Src, "三公经费", s.Unit)
	}
	if f := b.Final; f != nil {
		for _, x := range f.Income {
			row(x.Src, "收入决算", x.Unit)
		}
		for _, l := range f.CarryLists() {
			for _, x := range *l.List {
				row(x.Src, l.Label, x.Unit)
			}
		}
		for _, s := range f.SanGong {
			row(s.Src, "三公决算", s.Unit)
		}
		for _, s := range f.LastYear.SanGong {
			row(s.Src, "上年三公决算", s.Unit)
		}
	}
	return errs
}

// Label names the unit in a message: “name”（编码 code）, or only its code when
// it is 涉密.
func (u Unit) Label() string {
	if u.Classified {
		return fmt.Sprintf("（编码 %s）", u.Code)
	}
	return fmt.Sprintf("“%s”（编码 %s）", u.Name, u.Code)
}
