// Package demo generates a synthetic district for demonstrations and load tests:
// about sixty departments of the kinds a Shenzhen district has, three hundred budget
// units, over consecutive years, each year's budget following from the last. Every
// name carries the district's name 示例区 and every document says in its text that
// the data is invented. The same seed always gives the same district.
package demo

import (
	"fmt"
	"math/rand"
	"strings"

	"yusuan/budget"
	"yusuan/money"
)

// Options steer the district. Zero values take the defaults.
type Options struct {
	// Departments is how many departments to generate; 0 means one district's worth
	// (60). Beyond that, further synthetic districts (示例二区, 示例三区, …) follow.
	Departments int
	// Years is how many consecutive years each department has; 0 means 3.
	Years int
	// LastYear is the newest budget year; 0 means 2025.
	LastYear int
}

// PerDistrict is the number of departments of one synthetic district.
var PerDistrict = departmentsPerDistrict()

func departmentsPerDistrict() int {
	n := 0
	for _, s := range catalogue {
		if s.streets {
			n += len(streetNames)
		} else {
			n++
		}
	}
	return n
}

// RegionMark follows a synthetic district's name wherever the portal lists it.
const RegionMark = "（虚拟数据）"

// PortalRegion is the region a budget of the district is filed under in the portal:
// the district's name marked as synthetic.
func PortalRegion(b *budget.Budget) string { return b.Department.Region + RegionMark }

// Notice is the sentence every generated document carries in its 机构设置.
const Notice = "本部门预算为 yusuan 生成的虚拟示例数据，部门、单位、项目名称和金额均为虚构，不代表任何真实部门。"

// District returns the budgets of the synthetic district, department by department,
// each department's years in order.
func District(seed int64, opts Options) []*budget.Budget {
	opts = opts.withDefaults()
	var out []*budget.Budget
	for k := range opts.Departments {
		out = append(out, Department(seed, k, opts)...)
	}
	return out
}

// Department returns the budgets of the district's k-th department (from 0), one
// for each year, oldest first. Department k is the same whatever the number of
// departments asked for, so a large district can be made one department at a time.
func Department(seed int64, k int, opts Options) []*budget.Budget {
	opts = opts.withDefaults()
	first := opts.LastYear - opts.Years + 1
	r := rand.New(rand.NewSource(seed*1_000_003 + int64(k)))
	d := newDept(r, k)
	// The year before the first is generated too, so that the first year's 上年
	// figures come from the same model as the later years'.
	prev := d.budget(first - 1)
	var out []*budget.Budget
	for y := first; y <= opts.LastYear; y++ {
		d.advance()
		b := d.budget(y)
		d.compare(b, prev)
		out = append(out, b)
		prev = b
	}
	return out
}

func (o Options) withDefaults() Options {
	if o.Departments <= 0 {
		o.Departments = PerDistrict
	}
	if o.Years <= 0 {
		o.Years = 3
	}
	if o.LastYear <= 0 {
		o.LastYear = 2025
	}
	return o
}

// districtName names the n-th synthetic district: 示例区, 示例二区, 示例三区, …
func districtName(n int) string {
	switch {
	case n == 0:
		return "示例区"
	case n < 99:
		return "示例" + numeral(n+1) + "区"
	}
	return fmt.Sprintf("示例%d区", n+1)
}

// numeral writes 1…99 in Chinese.
func numeral(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	default:
		return digits[n/10] + "十" + digits[n%10]
	}
}

// slot is the k-th department: which kind, in which district, for which street.
func slot(k int) (spec *deptSpec, district int, street string, index int) {
	district, index = k/PerDistrict, k%PerDistrict
	i := index
	for s := range catalogue {
		n := 1
		if catalogue[s].streets {
			n = len(streetNames)
		}
		if i < n {
			if catalogue[s].streets {
				street = streetNames[i]
			}
			return &catalogue[s], district, street, index
		}
		i -= n
	}
	panic("demo: slot out of range")
}

type dept struct {
	r        *rand.Rand
	spec     *deptSpec
	region   string
	street   string
	name     string
	code     string
	units    []*unit
	projects []*project
	started  bool
	bought   []string // vehicle types bought this year
}

type unit struct {
	code, name, short string
	kind              budget.UnitKind
	run               string
	staff, contract   int
	retired           int
	vehicles          map[string]int
	income, special   int
	equipment         int
	reception         int64 // 元
	abroad            bool
	scale             int64 // per mille: this unit's pay and costs against the norm
}

type project struct {
	code   string
	unit   *unit
	spec   projSpec
	name   string
	amount int64 // 元, this year's when active
	from   int   // first year, 0 for always
	until  int   // last year, 0 for always
	phase  int
	shares []int64 // per mille of the amount for each economic code but the last
	carry  bool    // part of it is carried over from last year
}

func newDept(r *rand.Rand, k int) *dept {
	spec, district, street, index := slot(k)
	d := &dept{r: r, spec: spec, region: districtName(district), street: street, code: fmt.Sprintf("%03d", 101+index)}
	if spec.streets {
		d.name = fmt.Sprintf(spec.name, d.region, street)
	} else {
		d.name = fmt.Sprintf(spec.name, d.region)
	}
	own := &unit{code: d.code + "001", name: d.name + "（本级）", short: d.name, kind: spec.kind, run: spec.run,
		vehicles: spec.vehicles, reception: int64(spec.reception) * 100, abroad: spec.abroad}
	own.staff = between(r, spec.staff)
	d.units = append(d.units, own)
	for _, us := range spec.units {
		n := max(us.count, 1)
		if us.perStreet {
			n = len(streetNames)
		}
		offset := r.Intn(len(schoolNames))
		for i := 0; i < n; i++ {
			u := &unit{kind: us.kind, run: us.run, vehicles: us.vehicles, income: us.income, special: us.special}
			switch {
			case us.perStreet:
				u.name = fmt.Sprintf(us.name, d.region, streetNames[i])
			case us.count > 0:
				// Schools are named after places, then numbered (第一小学) when the
				// places run out.
				var place string
				if i < len(schoolNames) {
					place = schoolNames[(offset+i*7)%len(schoolNames)]
				} else {
					place = "第" + numeral(i-len(schoolNames)+1)
				}
				u.name = fmt.Sprintf(us.name, d.region, place)
			case spec.streets:
				u.name = fmt.Sprintf(us.name, d.region, street)
			default:
				u.name = fmt.Sprintf(us.name, d.region)
			}
			u.code = fmt.Sprintf("%s%03d", d.code, len(d.units)+1)
			u.short = strings.TrimPrefix(u.name, d.region)
			u.staff = between(r, us.staff)
			u.equipment = between(r, us.equipment)
			if u.kind.RunsOffice() {
				u.reception = int64(5+r.Intn(20)) * 100
			}
			d.units = append(d.units, u)
			d.addProjects(u, us.projects)
		}
	}
	// The 本级 projects come first in the list, as departments print them.
	subs := d.projects
	d.projects = nil
	d.addProjects(own, spec.projects)
	d.projects = append(d.projects, subs...)
	for _, u := range d.units {
		u.scale = 900 + int64(r.Intn(200))
		u.contract = u.staff * r.Intn(30) / 100
		u.retired = 1 + u.staff*(2+r.Intn(10))/100
	}
	return d
}

func between(r *rand.Rand, span [2]int) int {
	if span[1] <= span[0] {
		return span[0]
	}
	return span[0] + r.Intn(span[1]-span[0]+1)
}

func (d *dept) addProjects(u *unit, specs []projSpec) {
	for i, ps := range specs {
		p := &project{code: fmt.Sprintf("P%s%02d", u.code, i+1), unit: u, spec: ps, phase: d.r.Intn(3)}
		p.name = ps.name
		if strings.Contains(ps.name, "%s") {
			short := u.short
			if d.spec.streets && u == d.units[0] {
				short = d.street + "街道"
			}
			p.name = fmt.Sprintf(ps.name, short)
		}
		p.amount = int64(between(d.r, ps.amount))*10000 + int64(d.r.Intn(100))*100
		for range len(ps.econ) - 1 {
			p.shares = append(p.shares, int64(150+d.r.Intn(400)))
		}
		// Most projects run every year; some start in a later year, a few end.
		switch x := d.r.Intn(20); {
		case x < 3:
			p.from = -1 // decided relative to the first year in advance
		case x == 3:
			p.until = -1
		}
		p.carry = d.r.Intn(12) == 0
		d.projects = append(d.projects, p)
	}
}

// advance moves the department on by a year: staff come and go, projects change.
func (d *dept) advance() {
	r := d.r
	for _, u := range d.units {
		delta := u.staff * (r.Intn(9) - 3) / 100
		if delta == 0 {
			delta = r.Intn(3) - 1
		}
		u.staff = max(5, u.staff+delta)
		u.contract = max(0, u.contract+r.Intn(5)-2)
	}
	for _, p := range d.projects {
		p.amount = roundYuan(p.amount*int64(880+r.Intn(300))/1000, 100)
	}
}

func roundYuan(y, step int64) int64 { return max(step, (y+step/2)/step*step) }

// budget builds the department's budget for year from its current state.
func (d *dept) budget(year int) *budget.Budget {
	if !d.started {
		d.started = true
		// Projects that start late start in the second year shown; ones that end
		// stop after it.
		for _, p := range d.projects {
			if p.from == -1 {
				p.from = year + 2
			}
			if p.until == -1 {
				p.until = year + 2
			}
		}
	}
	b := &budget.Budget{
		Profile: "shenzhen",
		Year:    year,
		Department: budget.Department{
			Code: d.code, Name: d.name, Region: d.region,
		},
	}
	g := &items{b: b, keys: map[itemKey]int{}}
	for _, u := range d.units {
		b.Units = append(b.Units, budget.Unit{Code: u.code, Name: u.name, Kind: u.kind})
		d.basic(g, u, year)
	}
	d.projectItems(g, year)
	d.carPurchase(g)
	d.procurement(b)
	d.assets(b)
	d.performance(b)
	d.text(b)
	return b
}

type itemKey struct {
	unit, functional, economic, project string
	kind                                string
	fund, carry                         budget.FundType
}

// items collects line items, merging those with the same key.
type items struct {
	b    *budget.Budget
	keys map[itemKey]int
}

func (g *items) add(li budget.LineItem) {
	if li.Amount <= 0 {
		return
	}
	k := itemKey{li.Unit, li.Functional, li.Economic, li.Project, string(li.Kind), li.Fund, li.CarryFrom}
	if i, ok := g.keys[k]; ok {
		g.b.Items[i].Amount += li.Amount
		return
	}
	g.keys[k] = len(g.b.Items)
	g.b.Items = append(g.b.Items, li)
}

// growth is the pay level of year against 2022, per mille: about 3 % a year.
func growth(year int) int64 {
	g := int64(1000)
	for y := 2022; y < year; y++ {
		g = g * 1030 / 1000
	}
	return g
}

// cost is per-head annual amounts in 元 at 2022 pay.
type cost struct {
	economic, functional string
	perHead              int64
}

// basic adds a unit's personnel, public and family items.
func (d *dept) basic(g *items, u *unit, year int) {
	inst := u.kind == budget.Institution
	medical, retire := "2101101", "2080501"
	if inst {
		medical, retire = "2101102", "2080502"
	}
	var pay []cost
	if inst {
		pay = []cost{{"30101", u.run, 40_000}, {"30102", u.run, 52_000}, {"30107", u.run, 88_000},
			{"30108", "2080505", 28_000}, {"30109", "2080506", 13_000}, {"30110", medical, 10_000},
			{"30112", u.run, 600}, {"30113", "2210201", 30_000}}
	} else {
		pay = []cost{{"30101", u.run, 48_000}, {"30102", u.run, 105_000}, {"30102", "2210203", 15_000}, {"30103", u.run, 32_000},
			{"30108", "2080505", 30_000}, {"30109", "2080506", 14_000}, {"30110", medical, 11_000},
			{"30112", u.run, 600}, {"30113", "2210201", 32_000}}
	}
	gr := growth(year)
	var wages int64
	add := func(econ, fn string, kind budget.SpendKind, yuan int64) {
		yuan = roundYuan(yuan, 100)
		d.fund(g, u, budget.LineItem{Unit: u.code, Functional: fn, Economic: econ, Kind: kind}, yuan)
	}
	for _, c := range pay {
		y := c.perHead * int64(u.staff) * gr / 1000 * u.scale / 1000
		if strings.HasPrefix(c.economic, "3010") && c.economic <= "30107" {
			wages += y
		}
		add(c.economic, c.functional, budget.Personnel, y)
	}
	if u.contract > 0 {
		add("30199", u.run, budget.Personnel, int64(u.contract)*95_000*gr/1000)
	}
	add("30302", retire, budget.Personnel, int64(u.retired)*24_000)
	add("30399", u.run, budget.Personnel, int64(u.staff)*300)

	facility := int64(1)
	if inst {
		facility = 3
	}
	pub := []cost{{"30201", u.run, 5_500}, {"30205", u.run, 900 * facility}, {"30206", u.run, 3_800 * facility},
		{"30207", u.run, 1_400}, {"30209", u.run, 7_500}, {"30211", u.run, 2_600}, {"30213", u.run, 2_800},
		{"30216", "2050803", 1_300}, {"30299", u.run, 900}}
	if !inst {
		pub = append(pub, cost{"30215", u.run, 600}, cost{"30239", u.run, 13_000})
	}
	for _, c := range pub {
		add(c.economic, c.functional, budget.Public, c.perHead*int64(u.staff)*u.scale/1000)
	}
	add("30228", u.run, budget.Public, wages*2/100)
	add("30229", u.run, budget.Public, wages*15/1000)
	cars := 0
	for _, n := range u.vehicles {
		cars += n
	}
	if cars > 0 {
		add("30231", u.run, budget.Public, int64(cars)*(21_000+int64(d.r.Intn(60))*100))
	}
	if u.reception > 0 {
		add("30217", u.run, budget.Public, u.reception*100*int64(900+d.r.Intn(250))/1000)
	}
	if u.abroad && d.r.Intn(2) == 0 {
		add("30212", u.run, budget.Public, int64(3+d.r.Intn(12))*10_000)
	}
}

// fund adds an item of yuan 元 from the unit's funds: all 一般公共预算, or part
// 事业收入 (hospitals) or 财政专户管理资金 (high-school fees).
func (d *dept) fund(g *items, u *unit, li budget.LineItem, yuan int64) {
	own := int64(0)
	switch {
	case u.income > 0 && li.Economic != "30217" && li.Economic != "30231" && li.Economic != "30212":
		own = roundYuan(yuan*int64(u.income)/100, 100)
		li.Fund = budget.BusinessIncome
	case u.special > 0 && li.Kind == budget.Public && !strings.HasPrefix(li.Economic, "3021") && li.Economic != "30231":
		own = roundYuan(yuan*int64(u.special)/100, 100)
		li.Fund = budget.SpecialAccount
	}
	if own > 0 && own < yuan {
		li.Amount = money.FromYuan(own)
		g.add(li)
		yuan -= own
	}
	li.Fund = budget.GeneralPublic
	li.Amount = money.FromYuan(yuan)
	g.add(li)
}

func (d *dept) projectItems(g *items, year int) {
	for _, p := range d.projects {
		if !d.runs(p, year) {
			continue
		}
		g.b.Projects = append(g.b.Projects, budget.Project{
			Code: p.code, Unit: p.unit.code, Name: p.name, Category: p.spec.category,
			Purpose: p.spec.purpose, Target: p.spec.target, Classified: p.spec.classified,
		})
		rest := p.amount
		var carried int64
		if p.carry {
			carried = roundYuan(p.amount*int64(10+d.r.Intn(30))/100, 10000)
			if carried >= rest {
				carried = 0
			}
		}
		for i, econ := range p.spec.econ {
			part := rest
			if i < len(p.shares) {
				part = roundYuan(p.amount*p.shares[i]/1000, 100)
				part = min(part, rest-100*int64(len(p.spec.econ)-1-i))
			}
			rest -= part
			li := budget.LineItem{Unit: p.unit.code, Functional: p.spec.functional, Economic: econ, Kind: budget.ProjectSp,
				Project: p.code, Fund: budget.GeneralPublic}
			if i == 0 && carried > 0 && carried < part {
				c := li
				c.Fund, c.Amount = budget.CarryOver, money.FromYuan(carried)
				g.add(c)
				part -= carried
			}
			li.Amount = money.FromYuan(part)
			g.add(li)
		}
	}
}

// runs reports whether a project has money in year.
func (d *dept) runs(p *project, year int) bool {
	if p.spec.every > 0 && (year+p.phase)%p.spec.every != 0 {
		return false
	}
	if p.from > 0 && year < p.from {
		return false
	}
	if p.until > 0 && year > p.until {
		return false
	}
	return true
}

// carPurchase buys, now and then, a car to replace an old one.
func (d *dept) carPurchase(g *items) {
	d.bought = nil
	for _, u := range d.units {
		var types []string
		for _, t := range budget.VehicleTypes {
			if u.vehicles[t] > 0 && t != "机要通信用车" {
				types = append(types, t)
			}
		}
		if len(types) == 0 || d.r.Intn(5) != 0 {
			continue
		}
		d.bought = append(d.bought, types[d.r.Intn(len(types))])
		g.add(budget.LineItem{Unit: u.code, Functional: u.run, Economic: "31013", Kind: budget.Public,
			Fund: budget.GeneralPublic, Amount: money.FromYuan(int64(180+d.r.Intn(120)) * 1000)})
	}
}
