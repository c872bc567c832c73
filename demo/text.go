package demo

import (
	"fmt"
	"strings"

	"yusuan/budget"
	"yusuan/classification"
	"yusuan/money"
)

// procurement buys, for each project that procures, most of its money.
func (d *dept) procurement(b *budget.Budget) {
	for _, p := range b.Projects {
		spec := d.project(p.Code).spec
		if spec.procure == "" {
			continue
		}
		code := p.Code
		amount := b.Sum(func(li *budget.LineItem) bool { return li.Project == code })
		share := money.Amount(70 + d.r.Intn(31))
		amount = (amount * share / 100).Round(100 * money.Yuan)
		if amount <= 0 {
			continue
		}
		b.Procurement = append(b.Procurement, budget.Procurement{Unit: p.Unit, Project: p.Code, Item: procurementItem(p.Name, spec.procure),
			Category: spec.procure, Amount: amount})
	}
}

// procurementItem names what a project buys.
func procurementItem(project string, c budget.ProcurementCategory) string {
	switch c {
	case budget.Goods:
		return strings.TrimSuffix(project, "购置") + "采购"
	case budget.Works:
		return project + "工程"
	}
	return project + "服务"
}

func (d *dept) project(code string) *project {
	for _, p := range d.projects {
		if p.code == code {
			return p
		}
	}
	return nil
}

// assets counts the vehicles and large equipment the units hold and plan to buy.
func (d *dept) assets(b *budget.Budget) {
	a := &b.Assets
	for _, t := range budget.VehicleTypes {
		n := 0
		for _, u := range d.units {
			n += u.vehicles[t]
		}
		if n > 0 {
			a.Vehicles = append(a.Vehicles, budget.VehicleCount{Type: t, Count: n})
		}
	}
	for _, u := range d.units {
		a.Equipment += u.equipment
		if u.equipment > 0 {
			a.PlannedEquipment += d.r.Intn(3)
		}
	}
	a.PlannedVehicles = len(d.bought)
	for _, t := range budget.VehicleTypes {
		n := 0
		for _, bt := range d.bought {
			if bt == t {
				n++
			}
		}
		if n > 0 {
			a.PlannedTypes = append(a.PlannedTypes, budget.VehicleCount{Type: t, Count: n})
		}
	}
}

// performance splits the whole budget into tasks: running the units, then each
// project under its functional 项; classified projects together, unnamed.
func (d *dept) performance(b *budget.Budget) {
	p := &b.Performance
	split := func(f budget.Filter) (fiscal, other money.Amount) {
		return b.Sum(budget.And(f, budget.Fiscal)), b.Sum(budget.And(f, func(li *budget.LineItem) bool { return !budget.Fiscal(li) }))
	}
	runTask := "保障机构运转"
	for _, part := range []struct {
		content string
		f       budget.Filter
	}{
		{"人员经费", budget.And(budget.Basic, budget.EconomicClass("301"))},
		{"对个人和家庭的补助", budget.And(budget.Basic, budget.EconomicClass("303"))},
		{"公用经费", budget.And(budget.Basic, func(li *budget.LineItem) bool {
			return !strings.HasPrefix(li.Economic, "301") && !strings.HasPrefix(li.Economic, "303")
		})},
	} {
		if fiscal, other := split(part.f); fiscal+other > 0 {
			p.Tasks = append(p.Tasks, budget.PerformanceTask{Task: runTask, Content: part.content, Fiscal: fiscal, Other: other})
		}
	}
	cat := classification.Default()
	var secret []budget.Filter
	for _, pr := range b.Projects {
		code := pr.Code
		f := func(li *budget.LineItem) bool { return li.Project == code }
		if pr.Classified {
			secret = append(secret, f)
			continue
		}
		fiscal, other := split(f)
		if fiscal+other == 0 {
			continue
		}
		task := cat.Name(classification.Functional, d.project(code).spec.functional)
		p.Tasks = append(p.Tasks, budget.PerformanceTask{Task: task, Content: pr.DisplayName(), Fiscal: fiscal, Other: other})
	}
	if len(secret) > 0 {
		fiscal, other := split(func(li *budget.LineItem) bool {
			for _, f := range secret {
				if f(li) {
					return true
				}
			}
			return false
		})
		p.Tasks = append(p.Tasks, budget.PerformanceTask{Task: "涉密事项", Content: "涉密项目支出", Fiscal: fiscal, Other: other})
	}
	p.Goals = append(p.Goals, d.spec.goals...)
	goal := strings.TrimSuffix(d.spec.goals[0], "。")
	p.Indicators = []budget.Indicator{
		{Level1: "产出指标", Level2: "数量指标", Level3: d.spec.output, Target: fmt.Sprintf("≥%d", 10*(2+d.r.Intn(60)))},
		{Level1: "产出指标", Level2: "质量指标", Level3: "项目验收合格率", Target: "100%"},
		{Level1: "产出指标", Level2: "时效指标", Level3: "预算执行进度", Target: "≥90%"},
		{Level1: "产出指标", Level2: "成本指标", Level3: "支出控制在预算范围内", Target: "100%"},
		{Level1: "效益指标", Level2: "社会效益指标", Level3: goal, Target: "有效推进"},
		{Level1: "满意度指标", Level2: "服务对象满意度指标", Level3: "服务对象满意度", Target: "≥90%"},
	}
}

// text writes the department's own words; the comparisons with last year are
// added by compare, once last year is known.
func (d *dept) text(b *budget.Budget) {
	t := &b.Text
	t.Duties = append(t.Duties, d.spec.duties...)
	if d.spec.streets {
		for i, s := range t.Duties {
			t.Duties[i] = strings.ReplaceAll(s, "辖区", d.street+"街道辖区")
		}
	}
	var names []string
	for _, u := range b.Units[1:] {
		names = append(names, u.Name)
	}
	org := fmt.Sprintf("%s内设%s共%d个科室。", d.name, strings.Join(d.spec.sections, "、"), len(d.spec.sections))
	switch n := len(names); {
	case n == 0:
		org += fmt.Sprintf("%s无下属单位，部门预算为本级预算。", d.name)
	case n <= 6:
		org += fmt.Sprintf("部门预算由本级和%d个下属单位的预算组成，下属单位为%s。", n, strings.Join(names, "、"))
	default:
		org += fmt.Sprintf("部门预算由本级和%d个下属单位的预算组成，下属单位包括%s等。", n, strings.Join(names[:5], "、"))
	}
	t.Organisation = []string{org, Notice}
	t.Goals = append(t.Goals, d.spec.goals...)
}

// compare fills b's figures of last year from prev, last year's budget of the
// same department, and the reasons for the changes.
func (d *dept) compare(b, prev *budget.Budget) {
	ly := &b.LastYear
	ly.Income = prev.Sum(budget.All)
	ly.Expenditure = ly.Income
	ly.OfficeCost = officeCost(prev)
	for _, u := range prev.Units {
		code := u.Code
		sum := func(econ ...string) money.Amount {
			return prev.Sum(budget.And(budget.OfUnit(code), budget.EconomicClass(econ...),
				func(li *budget.LineItem) bool { return li.SourceFund() == budget.GeneralPublic }))
		}
		l := budget.SanGongLine{Unit: code, Fund: budget.GeneralPublic,
			Abroad: sum(classification.SanGongCodes("abroad")...), Reception: sum(classification.SanGongCodes("reception")...),
			CarPurchase: sum(classification.SanGongCodes("car_purchase")...), CarRunning: sum(classification.SanGongCodes("car_running")...)}
		if l.Abroad+l.Reception+l.CarPurchase+l.CarRunning > 0 {
			ly.SanGong = append(ly.SanGong, l)
		}
	}
	last := map[string]money.Amount{}
	for _, p := range prev.Projects {
		code := p.Code
		last[code] = prev.Sum(func(li *budget.LineItem) bool { return li.Project == code })
	}
	for i := range b.Projects {
		p := &b.Projects[i]
		a, ok := last[p.Code]
		if !ok {
			continue
		}
		p.LastYear = &a
		code := p.Code
		now := b.Sum(func(li *budget.LineItem) bool { return li.Project == code })
		switch dir(now, a) {
		case 1:
			if now > a+a/5 {
				p.ChangeReason = "主要是工作任务量增加"
			}
		case -1:
			if now < a-a/5 {
				p.ChangeReason = "主要是落实过紧日子要求，压减非刚性支出"
			}
		}
	}

	t := &b.Text
	total := b.Sum(budget.All)
	switch dir(total, ly.Income) {
	case 1:
		t.ChangeReason = "人员经费按规定调整，以及部分项目工作任务增加。"
	case -1:
		t.ChangeReason = "部分项目已完成，以及落实过紧日子要求压减一般性支出。"
	}
	if office := officeCost(b); office > 0 {
		switch dir(office, ly.OfficeCost) {
		case 1:
			t.OfficeCostReason = "主要是公用经费定额标准调整和在编人数变化。"
		case -1:
			t.OfficeCostReason = "主要是落实过紧日子要求，压减一般性支出。"
		}
	}
	this := func(econ ...string) money.Amount {
		return b.Sum(budget.And(budget.EconomicClass(econ...), func(li *budget.LineItem) bool { return li.SourceFund().Fiscal() }))
	}
	var before [4]money.Amount
	for _, l := range ly.SanGong {
		before[0] += l.Abroad
		before[1] += l.Reception
		before[2] += l.CarPurchase
		before[3] += l.CarRunning
	}
	var now [4]money.Amount
	for i, it := range classification.SanGong {
		now[i] = this(it.Codes...)
	}
	sg := &t.SanGong
	parts := []string{"因公出国（境）费用", "公务接待费", "公务用车购置费", "公务用车运行维护费"}
	var up, down []string
	for i := range now {
		switch dir(now[i], before[i]) {
		case 1:
			up = append(up, parts[i])
		case -1:
			down = append(down, parts[i])
		}
	}
	sg.Total = reason(dir(now[0]+now[1]+now[2]+now[3], before[0]+before[1]+before[2]+before[3]),
		"主要是"+strings.Join(up, "、")+"增加", "主要是严格落实中央八项规定精神，"+strings.Join(down, "、")+"减少", "主要是严格控制“三公”经费支出")
	if now[0] == 0 {
		sg.Abroad = "主要是因公出国（境）经费按零基预算原则编制，根据出访计划审批结果据实安排"
	} else {
		sg.Abroad = reason(dir(now[0], before[0]), "主要是招商引资和经贸交流出访任务增加", "主要是压减出访批次和人数", "主要是出访计划与上年相当")
	}
	sg.Reception = reason(dir(now[1], before[1]), "主要是来访交流和检查指导任务增加", "主要是严格执行公务接待标准，压减接待支出", "主要是严格执行公务接待标准")
	sg.CarPurchase = reason(dir(now[2], before[2]), "主要是更新超过使用年限的执法执勤和应急保障车辆", "主要是本年无公务用车更新计划", "主要是按车辆更新计划安排")
	sg.CarRunning = reason(dir(now[3], before[3]), "主要是车辆使用年限增加，维修保养费用上升", "主要是车辆运行成本下降", "主要是车辆编制数未变化")
}

func reason(direction int, up, down, same string) string {
	switch direction {
	case 1:
		return up
	case -1:
		return down
	}
	return same
}

// dir compares two amounts as printed in 万元: 1 more, -1 less, 0 the same.
func dir(this, last money.Amount) int {
	switch d := (this - last).Hundredths(money.UnitWan); {
	case d > 0:
		return 1
	case d < 0:
		return -1
	}
	return 0
}

// officeCost is 机关运行经费: basic 公用经费 from 一般公共预算 of units that run an office.
func officeCost(b *budget.Budget) money.Amount {
	runs := map[string]bool{}
	for _, u := range b.Units {
		runs[u.Code] = u.Kind.RunsOffice()
	}
	return b.Sum(func(li *budget.LineItem) bool {
		return runs[li.Unit] && li.Kind == budget.Public && li.Fund == budget.GeneralPublic
	})
}
