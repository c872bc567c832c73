// Package budgettest generates random valid budgets for property tests: several units
// of every kind, line items on real classification codes, every fund type, carry-over,
// classified units and projects, project descriptions, last year's figures, 三公,
// procurement, assets, performance goals, functional notes and units' own text,
// last-year figures and assets. The
// same seed always gives the same budget.
package budgettest

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"slices"
	"sort"
	"strings"

	"yusuan/budget"
	"yusuan/classification"
	"yusuan/money"
)

// Options steer the generator. The zero value leaves every choice to the seed.
type Options struct {
	// MaxUnits bounds the number of units; 0 means 5.
	MaxUnits int
	// Classified asks for at least one classified project and, when there are two or
	// more units, one classified unit.
	Classified bool
	// Year fixes the budget's year; 0 leaves it to the seed (2019 to 2026).
	Year int
	// Fields2026 asks for the fields that only the 2026 formats print: institutions'
	// own income and spending kinds, 增人增资, procurement by code with reserved
	// shares, 结转下年. Formats without them refuse or ignore them.
	Fields2026 bool
	// Units, when positive, is the exact number of units (MaxUnits is then ignored):
	// benchmarks ask for departments of a given size.
	Units int
	// Items, when positive, is the number of line items to draw: the units' and
	// projects' own draws are topped up with more of the same kinds, or cut short.
	// A few more may follow so that every fund of the budget is used.
	Items int
}

// Markers start every name that a classified unit or project must never show, so a
// test can search any output for them. Each is followed by a unique token.
const (
	ClassifiedProjectMarker = "机密项目"
	ClassifiedPurposeMarker = "涉密用途"
	ClassifiedTargetMarker  = "涉密目标"
	ClassifiedUnitMarker    = "保密单位"
)

// Random returns a budget that passes budget.Validate with classification.Default().
func Random(r *rand.Rand, opts Options) *budget.Budget {
	if opts.MaxUnits <= 0 {
		opts.MaxUnits = 5
	}
	g := &gen{r: r, opts: opts, tokens: map[string]bool{}, keys: map[itemKey]int{}}
	g.codes()
	g.header()
	g.units()
	g.chooseFunds()
	g.projects()
	g.items()
	g.projectHistory()
	g.procurement()
	g.lastYear()
	g.assets()
	g.performance()
	g.text()
	// Fields the model gained later draw after all others, so that a seed still gives
	// the budget it gave before and tests that searched for a seed keep theirs.
	g.descriptions()
	g.fiscalHistory()
	g.assetDetails()
	g.functionalNotes()
	g.unitTexts()
	g.unitHistory()
	if g.opts.Fields2026 {
		g.fields2026()
	}
	return g.b
}

type itemKey struct {
	unit, functional, economic, govEconomic, project string
	kind                                             budget.SpendKind
	fund, carry                                      budget.FundType
}

type gen struct {
	r      *rand.Rand
	opts   Options
	b      *budget.Budget
	tokens map[string]bool
	keys   map[itemKey]int // index into b.Items

	functional []string            // the 项 codes this budget spends on
	economic   map[string][]string // 款 codes by 类
	funds      []budget.FundType   // the fund types this budget uses
	allFiscal  bool
}

// token returns a new random marker of six capital letters and digits, unique in the
// budget, so that no name is a substring of another.
func (g *gen) token() string {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	for {
		var b strings.Builder
		b.WriteString(string(alphabet[g.r.Intn(len(alphabet))]))
		for i := 0; i < 5; i++ {
			b.WriteByte(alphabet[g.r.Intn(len(alphabet))])
		}
		if s := b.String(); !g.tokens[s] {
			g.tokens[s] = true
			return s
		}
	}
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.Intn(len(xs))] }

// amount returns a random amount with odd 分, of a random magnitude from 1 分 to
// about 10 million 元; some are round, some sit exactly on a rounding tie of 万元.
func (g *gen) amount() money.Amount {
	switch g.r.Intn(12) {
	case 0:
		return 0
	case 1: // exactly half a hundredth of 万元 above a whole: rounds up in display
		return money.Amount(g.r.Int63n(100000))*10000 + 5000
	case 2: // just below the tie: rounds down
		return money.Amount(g.r.Int63n(100000))*10000 + 4999
	case 3: // whole 百元
		return money.Amount(g.r.Int63n(100000)+1) * 10000
	}
	digits := 1 + g.r.Intn(9)
	max := int64(1)
	for i := 0; i < digits; i++ {
		max *= 10
	}
	return money.Amount(g.r.Int63n(max) + 1)
}

// codes chooses the classification codes this budget uses, from the built-in catalogue.
func (g *gen) codes() {
	cat := classification.Default()
	var items []string
	for _, c := range cat.Codes(classification.Functional) {
		if c.Level() == 3 {
			items = append(items, c.Code)
		}
	}
	// A small pool makes several items share a 项, several 项 share a 款 and so on.
	n := 3 + g.r.Intn(12)
	g.r.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
	g.functional = append([]string(nil), items[:n]...)
	sort.Strings(g.functional)

	g.economic = map[string][]string{}
	for _, c := range cat.Codes(classification.Economic) {
		if c.Level() == 2 {
			g.economic[c.Code[:3]] = append(g.economic[c.Code[:3]], c.Code)
		}
	}
}

func (g *gen) header() {
	regions := []string{"深圳市福田区", "深圳市", "广东省", "某某县", "深圳市南山区"}
	region := pick(g.r, regions)
	g.b = &budget.Budget{
		Profile: "shenzhen",
		Year:    2019 + g.r.Intn(8),
		Department: budget.Department{
			Code:   fmt.Sprintf("%03d", g.r.Intn(1000)),
			Name:   region + "测试部门" + g.token() + "局",
			Region: region,
		},
	}
	if g.opts.Year != 0 {
		g.b.Year = g.opts.Year
	}
	if g.chance(0.2) {
		g.b.Department.Title = g.b.Department.Name + "（本级）"
	}
}

func (g *gen) units() {
	n := 1 + g.r.Intn(g.opts.MaxUnits)
	if g.opts.Units > 0 {
		n = g.opts.Units
	}
	kinds := append([]budget.UnitKind(nil), budget.UnitKinds...)
	g.r.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
	classified := -1
	if n >= 2 && (g.opts.Classified || g.chance(0.35)) {
		classified = 1 + g.r.Intn(n-1) // never the 本级 unit
	}
	for i := 0; i < n; i++ {
		u := budget.Unit{Code: fmt.Sprintf("%s%03d", g.b.Department.Code, i+1)}
		// The first units take distinct kinds, so three or more units have all three.
		if i < len(kinds) {
			u.Kind = kinds[i]
		} else {
			u.Kind = pick(g.r, budget.UnitKinds)
		}
		switch {
		case i == classified:
			u.Name = ClassifiedUnitMarker + g.token()
			u.Classified = true
		case i == 0:
			u.Name = "测试单位" + g.token() + "（本级）"
		default:
			u.Name = "测试下属单位" + g.token()
		}
		g.b.Units = append(g.b.Units, u)
	}
}

// fundTypes are the fund types every unit may have, as budget.FundTypes listed them
// before the institutions' own sources (which fields2026 draws) were added.
var fundTypes = []budget.FundType{budget.GeneralPublic, budget.GovFund, budget.StateCapital, budget.SpecialAccount,
	budget.BusinessIncome, budget.OperatingIncome, budget.OtherIncome, budget.CarryOver}

// chooseFunds chooses the fund types of this budget: always 一般公共预算, each other one by
// chance, and in some budgets only 财政拨款 (so that 表6 equals 表1).
func (g *gen) chooseFunds() {
	g.funds = []budget.FundType{budget.GeneralPublic}
	g.allFiscal = g.chance(0.25)
	for _, f := range fundTypes[1:] {
		if g.allFiscal && !f.Fiscal() && f != budget.CarryOver {
			continue
		}
		if g.chance(0.5) {
			g.funds = append(g.funds, f)
		}
	}
}

// carryFrom chooses where a carry-over came from: empty (一般公共预算) or a fund.
func (g *gen) carryFrom() budget.FundType {
	from := []budget.FundType{"", budget.GeneralPublic, budget.GovFund, budget.StateCapital}
	if !g.allFiscal {
		from = append(from, budget.SpecialAccount, budget.BusinessIncome, budget.OperatingIncome, budget.OtherIncome)
	}
	return pick(g.r, from)
}

func (g *gen) projects() {
	wantSecret := g.opts.Classified
	for ui, u := range g.b.Units {
		n := g.r.Intn(5)
		if ui == 0 && wantSecret && n == 0 {
			n = 1
		}
		for i := 0; i < n; i++ {
			p := budget.Project{
				Code:     fmt.Sprintf("P%d%02d%02d", g.b.Year, ui+1, i+1),
				Unit:     u.Code,
				Category: pick(g.r, []string{"", "通用项目", "专项项目", "政府投资项目"}),
			}
			secret := u.Classified || g.chance(0.15) || (wantSecret && ui == 0 && i == 0)
			if secret {
				p.Classified = !u.Classified || g.chance(0.5)
				p.Name = ClassifiedProjectMarker + g.token()
				p.Purpose = ClassifiedPurposeMarker + g.token()
				p.Target = ClassifiedTargetMarker + g.token()
			} else {
				p.Name = "公开项目" + g.token()
				if g.chance(0.8) {
					p.Purpose = g.token() + "工作"
				}
				if g.chance(0.7) {
					p.Target = "完成" + g.token() + "任务，满意度≥95%。"
				}
			}
			g.b.Projects = append(g.b.Projects, p)
		}
	}
}

// fund picks a fund of this budget; carry-over gets its origin.
func (g *gen) fund() (budget.FundType, budget.FundType) {
	f := pick(g.r, g.funds)
	if f == budget.CarryOver {
		return f, g.carryFrom()
	}
	return f, ""
}

var govEconomic = []string{"50101", "50102", "50201", "50205", "50206", "50501", "50502", "50601", "50901", "59999"}

// add puts an item into the budget, merging it into an existing one with the same key
// (validation refuses duplicates).
func (g *gen) add(li budget.LineItem) {
	if g.chance(0.3) {
		li.GovEconomic = pick(g.r, govEconomic)
	}
	k := itemKey{li.Unit, li.Functional, li.Economic, li.GovEconomic, li.Project, li.Kind, li.Fund, li.CarryFrom}
	if i, ok := g.keys[k]; ok {
		g.b.Items[i].Amount += li.Amount
		return
	}
	g.keys[k] = len(g.b.Items)
	g.b.Items = append(g.b.Items, li)
}

func (g *gen) item(unit, econ string, kind budget.SpendKind, project string) budget.LineItem {
	f, from := g.fund()
	return budget.LineItem{
		Unit: unit, Functional: pick(g.r, g.functional), Economic: econ, Kind: kind,
		Project: project, Fund: f, CarryFrom: from, Amount: g.amount(),
	}
}

// The 三公 codes: 因公出国（境）, 公务接待, 公务用车购置 (also as basic construction), 运行维护.
var sanGongCodes = func() []string {
	var out []string
	for _, it := range classification.SanGong {
		out = append(out, it.Codes...)
	}
	return out
}()

func (g *gen) items() {
	personnel := append(append([]string(nil), g.economic["301"]...), g.economic["303"]...)
	public := append(append(append([]string(nil), g.economic["302"]...), g.economic["310"]...), g.economic["309"]...)
	var every []string
	for _, codes := range g.economic {
		every = append(every, codes...)
	}
	sort.Strings(every)

	for _, u := range g.b.Units {
		for i, n := 0, g.r.Intn(6); i < n; i++ {
			g.add(g.item(u.Code, pick(g.r, personnel), budget.Personnel, ""))
		}
		for i, n := 0, g.r.Intn(6); i < n; i++ {
			g.add(g.item(u.Code, pick(g.r, public), budget.Public, ""))
		}
		// 三公 from 财政拨款, now and then as carry-over of a fiscal fund.
		for i, n := 0, g.r.Intn(4); i < n; i++ {
			li := g.item(u.Code, pick(g.r, sanGongCodes), budget.Public, "")
			li.Fund, li.CarryFrom = pick(g.r, budget.FiscalFunds), ""
			if g.chance(0.2) {
				li.Fund, li.CarryFrom = budget.CarryOver, pick(g.r, budget.FiscalFunds)
			}
			g.add(li)
		}
	}
	for _, p := range g.b.Projects {
		n := 1 + g.r.Intn(4)
		if g.chance(0.08) {
			n = 0 // a project without money this year
		}
		for i := 0; i < n; i++ {
			econ := pick(g.r, every)
			if g.chance(0.1) {
				econ = pick(g.r, sanGongCodes)
			}
			g.add(g.item(p.Unit, econ, budget.ProjectSp, p.Code))
		}
	}
	if g.opts.Items > 0 {
		g.resize(g.opts.Items, personnel, public, every)
	}
	// Every chosen fund is used somewhere; carry-over names each kind of origin.
	used := map[budget.FundType]bool{}
	for _, li := range g.b.Items {
		used[li.Fund] = true
	}
	for _, f := range g.funds {
		if used[f] {
			continue
		}
		li := g.item(pick(g.r, g.b.Units).Code, pick(g.r, personnel), budget.Personnel, "")
		li.Fund, li.CarryFrom = f, ""
		if f == budget.CarryOver {
			li.CarryFrom = g.carryFrom()
		}
		if li.Amount == 0 {
			li.Amount = 1234567
		}
		g.add(li)
	}
}

// resize cuts the items drawn so far to n, or adds basic items of random units and
// items of random projects until there are n.
func (g *gen) resize(n int, personnel, public, every []string) {
	if len(g.b.Items) > n {
		for _, li := range g.b.Items[n:] {
			delete(g.keys, itemKey{li.Unit, li.Functional, li.Economic, li.GovEconomic, li.Project, li.Kind, li.Fund, li.CarryFrom})
		}
		g.b.Items = g.b.Items[:n]
	}
	for len(g.b.Items) < n {
		u := pick(g.r, g.b.Units).Code
		switch {
		case len(g.b.Projects) > 0 && g.chance(0.5):
			p := pick(g.r, g.b.Projects)
			g.add(g.item(p.Unit, pick(g.r, every), budget.ProjectSp, p.Code))
		case g.chance(0.5):
			g.add(g.item(u, pick(g.r, personnel), budget.Personnel, ""))
		default:
			g.add(g.item(u, pick(g.r, public), budget.Public, ""))
		}
	}
}

// changed returns a last-year figure for this year's a: zero, equal, larger, smaller,
// or within half a hundredth of 万元 (which the text must call 持平).
func (g *gen) changed(a money.Amount) money.Amount {
	switch g.r.Intn(6) {
	case 0:
		return 0
	case 1:
		return a
	case 2:
		return a + g.amount() + 1
	case 3:
		if a == 0 {
			return 0
		}
		return money.Amount(g.r.Int63n(int64(a)))
	case 4:
		if d := money.Amount(g.r.Int63n(4000)); a > d {
			return a - d
		}
		return a + 1
	}
	return g.amount()
}

func (g *gen) sum(code string) money.Amount {
	return g.b.Sum(func(li *budget.LineItem) bool { return li.Project == code })
}

func (g *gen) projectHistory() {
	for i := range g.b.Projects {
		p := &g.b.Projects[i]
		if g.chance(0.25) {
			continue // new this year: LastYear nil
		}
		last := g.changed(g.sum(p.Code))
		p.LastYear = &last
		switch g.r.Intn(3) {
		case 0:
			p.ChangeReason = "主要是" + g.reason(p)
		case 1:
			p.ChangeReason = g.reason(p)
		}
	}
}

// reason is a change reason; a classified project's reason carries its marker too.
func (g *gen) reason(p *budget.Project) string {
	if g.secret(p) {
		return ClassifiedPurposeMarker + g.token() + "调整"
	}
	return "工作量" + g.token() + "调整"
}

func (g *gen) procurement() {
	if g.chance(0.2) {
		return
	}
	cats := append([]budget.ProcurementCategory(nil), budget.ProcurementCategories...)
	for i, n := 0, g.r.Intn(7); i < n; i++ {
		cats = append(cats, pick(g.r, budget.ProcurementCategories))
	}
	if g.chance(0.3) {
		cats = cats[g.r.Intn(3):] // some budgets lack a category
	}
	for _, c := range cats {
		p := budget.Procurement{
			Unit:     pick(g.r, g.b.Units).Code,
			Item:     "采购品目" + g.token(),
			Category: c,
			Amount:   g.amount(),
		}
		if len(g.b.Projects) > 0 && g.chance(0.6) {
			pr := pick(g.r, g.b.Projects)
			p.Unit, p.Project = pr.Unit, pr.Code
		}
		g.b.Procurement = append(g.b.Procurement, p)
	}
}

func (g *gen) lastYear() {
	total := g.b.Sum(budget.All)
	ly := &g.b.LastYear
	ly.Income = g.changed(total)
	ly.Expenditure = ly.Income // a budget balances, last year's too
	var office money.Amount
	for _, li := range g.b.Items {
		if u := g.b.Unit(li.Unit); u.Kind.RunsOffice() && li.Kind == budget.Public && li.Fund == budget.GeneralPublic {
			office += li.Amount
		}
	}
	ly.OfficeCost = g.changed(office)
	for _, u := range g.b.Units {
		for _, f := range budget.FiscalFunds {
			if !g.chance(0.4) {
				continue
			}
			ly.SanGong = append(ly.SanGong, budget.SanGongLine{
				Unit: u.Code, Fund: f,
				Abroad: g.small(), Reception: g.small(), CarPurchase: g.small(), CarRunning: g.small(),
			})
		}
	}
}

// small is a 三公-sized amount, often zero.
func (g *gen) small() money.Amount {
	if g.chance(0.3) {
		return 0
	}
	return money.Amount(g.r.Int63n(50_000_000))
}

// firstVehicleTypes are the types budget.VehicleTypes listed before it grew to eight.
// assets draws these, assetDetails the others after every other field, so that the
// longer list does not change what the earlier draws of a seed give.
var firstVehicleTypes = []string{"机要通信用车", "应急保障用车", "执法执勤用车", "特种专业技术用车", "其他用车"}

func (g *gen) assets() {
	a := &g.b.Assets
	for _, t := range firstVehicleTypes {
		if g.chance(0.4) {
			a.Vehicles = append(a.Vehicles, budget.VehicleCount{Type: t, Count: g.r.Intn(6)})
		}
	}
	a.Equipment = g.r.Intn(4)
	a.PlannedVehicles = g.r.Intn(3)
	a.PlannedEquipment = g.r.Intn(3)
}

// performance splits the budget total into tasks, 财政拨款 and other money apart, so
// the tasks add up exactly (validation requires it).
func (g *gen) performance() {
	p := &g.b.Performance
	if g.chance(0.1) {
		return
	}
	fiscal := g.b.Sum(budget.Fiscal)
	other := g.b.Sum(budget.All) - fiscal
	n := 1 + g.r.Intn(6)
	fs, others := g.split(fiscal, n), g.split(other, n)
	task := "任务" + g.token()
	for i := 0; i < n; i++ {
		if i > 0 && g.chance(0.4) {
			task = "任务" + g.token() // consecutive tasks share a name, some do not
		}
		p.Tasks = append(p.Tasks, budget.PerformanceTask{Task: task, Content: "内容" + g.token(), Fiscal: fs[i], Other: others[i]})
	}
	for i, n := 0, g.r.Intn(3); i < n; i++ {
		p.Goals = append(p.Goals, "目标"+g.token()+"：提升服务水平。")
	}
	levels := []struct{ l1, l2 string }{
		{"产出指标", "数量指标"}, {"产出指标", "质量指标"}, {"产出指标", "时效指标"},
		{"效益指标", "社会效益指标"}, {"满意度指标", "服务对象满意度指标"},
	}
	for _, lv := range levels {
		for i, n := 0, g.r.Intn(3); i < n; i++ {
			p.Indicators = append(p.Indicators, budget.Indicator{Level1: lv.l1, Level2: lv.l2, Level3: "指标" + g.token(), Target: pick(g.r, []string{"≥95%", "100%", ">8个", "有效提升", "不适用"})})
		}
	}
}

// split cuts a into n non-negative parts that add up to a.
func (g *gen) split(a money.Amount, n int) []money.Amount {
	cuts := []int64{0, int64(a)}
	for i := 1; i < n; i++ {
		if a > 0 {
			cuts = append(cuts, g.r.Int63n(int64(a)+1))
		} else {
			cuts = append(cuts, 0)
		}
	}
	sort.Slice(cuts, func(i, j int) bool { return cuts[i] < cuts[j] })
	parts := make([]money.Amount, n)
	for i := range parts {
		parts[i] = money.Amount(cuts[i+1] - cuts[i])
	}
	return parts
}

func (g *gen) text() {
	t := &g.b.Text
	for i, n := 0, g.r.Intn(3); i < n; i++ {
		t.Duties = append(t.Duties, "负责"+g.token()+"工作。")
	}
	var names []string
	for _, u := range g.b.Units {
		if !u.Classified {
			names = append(names, u.Name)
		}
	}
	if g.chance(0.8) {
		t.Organisation = append(t.Organisation, "本部门包括"+strings.Join(names, "、")+"。")
	}
	for i, n := 0, g.r.Intn(4); i < n; i++ {
		t.Goals = append(t.Goals, "工作目标"+g.token())
	}
	if g.chance(0.6) {
		t.ChangeReason = "收支变化原因" + g.token()
	}
	if g.chance(0.5) {
		t.PersonnelNote = "人员说明" + g.token()
		t.PublicNote = "公用说明" + g.token()
		t.FamilyNote = "补助说明" + g.token()
	}
	if g.chance(0.5) {
		t.SanGong = budget.SanGongText{
			Total: "三公总说明" + g.token(), Abroad: "出国说明" + g.token(), Reception: "接待说明" + g.token(),
			CarPurchase: "购车说明" + g.token(), CarRunning: "运维说明" + g.token(),
		}
	}
	if g.chance(0.5) {
		t.OfficeCostReason = "运行经费说明" + g.token()
	}
	if g.chance(0.3) {
		t.AlsoAbsent = []string{"上级专项转移支付支出"}
	}
	if g.chance(0.2) {
		t.Glossary = []budget.Term{{Term: "术语" + g.token(), Definition: "释义" + g.token()}}
	}
}

// secret reports whether p's texts must never be published.
func (g *gen) secret(p *budget.Project) bool {
	return p.Classified || g.b.Unit(p.Unit).Classified
}

// descriptions gives some projects a 项目经费情况说明 with up to three 立项依据 and
// some fields left empty; a classified project's texts carry the purpose marker.
func (g *gen) descriptions() {
	for i := range g.b.Projects {
		p := &g.b.Projects[i]
		if !g.chance(0.5) {
			continue
		}
		text := func(prefix string) string {
			if g.secret(p) {
				return ClassifiedPurposeMarker + g.token()
			}
			return prefix + g.token()
		}
		d := &budget.ProjectDescription{Overview: text("概述")}
		for j, n := 0, g.r.Intn(4); j < n; j++ {
			d.Basis = append(d.Basis, "《"+text("依据")+"》")
		}
		if g.chance(0.8) {
			d.Implementer = text("实施主体")
		}
		if g.chance(0.8) {
			d.Plan = text("实施方案")
		}
		if g.chance(0.7) {
			d.Period = fmt.Sprintf("%d年1月至12月", g.b.Year)
		}
		if g.chance(0.7) {
			d.BudgetNote = text("预算安排")
		}
		p.Description = d
	}
}

// fiscalHistory fills last year's 财政拨款 figures in most budgets: spending by fund
// near this year's, their total, and the income's 执行数, often equal to the spending.
func (g *gen) fiscalHistory() {
	if g.chance(0.3) {
		return
	}
	ly := &g.b.LastYear
	from := func(f budget.FundType) money.Amount {
		return g.changed(g.b.Sum(func(li *budget.LineItem) bool { return li.SourceFund() == f }))
	}
	ly.GeneralSpending = from(budget.GeneralPublic)
	ly.GovFundSpending = from(budget.GovFund)
	ly.StateCapitalSpending = from(budget.StateCapital)
	ly.FiscalSpending = ly.GeneralSpending + ly.GovFundSpending + ly.StateCapitalSpending
	ly.FiscalIncome = ly.FiscalSpending
	if g.chance(0.5) {
		ly.FiscalIncome = g.changed(ly.FiscalSpending)
	}
}

// assetDetails draws the vehicle types assets does not, the date of the counts, and
// in some budgets the planned vehicles by type, in random order, adding up to
// PlannedVehicles (some types with none).
func (g *gen) assetDetails() {
	a := &g.b.Assets
	for _, t := range budget.VehicleTypes {
		if !slices.Contains(firstVehicleTypes, t) && g.chance(0.4) {
			a.Vehicles = append(a.Vehicles, budget.VehicleCount{Type: t, Count: g.r.Intn(6)})
		}
	}
	if g.chance(0.5) {
		a.AsOf = fmt.Sprintf("%d年%s", g.b.Year-1, pick(g.r, []string{"8月31日", "12月31日", "6月30日"}))
	}
	if !g.chance(0.6) {
		return
	}
	types := append([]string(nil), budget.VehicleTypes...)
	g.r.Shuffle(len(types), func(i, j int) { types[i], types[j] = types[j], types[i] })
	for _, t := range types[:1+g.r.Intn(3)] {
		a.PlannedTypes = append(a.PlannedTypes, budget.VehicleCount{Type: t})
	}
	for i := 0; i < a.PlannedVehicles; i++ {
		a.PlannedTypes[g.r.Intn(len(a.PlannedTypes))].Count++
	}
}

// functionalNotes explains some of the 项 that the budget spends on.
func (g *gen) functionalNotes() {
	used := map[string]bool{}
	for _, li := range g.b.Items {
		used[li.Functional] = true
	}
	for _, code := range g.functional {
		if used[code] && g.chance(0.4) {
			g.b.Text.FunctionalNotes = append(g.b.Text.FunctionalNotes, budget.CodeNote{Code: code, Note: "用于" + g.token() + "等支出。"})
		}
	}
}

// unitTexts gives some units their own 职能 and 机构设置, and leaves the others to
// the department's. A classified unit's text carries its marker, as it must never show.
func (g *gen) unitTexts() {
	for i := range g.b.Units {
		u := &g.b.Units[i]
		if !g.chance(0.4) {
			continue
		}
		prefix := "单位职能"
		if u.Classified {
			prefix = ClassifiedUnitMarker
		}
		for n := 1 + g.r.Intn(2); n > 0; n-- {
			u.Duties = append(u.Duties, prefix+g.token()+"。")
		}
		if g.chance(0.7) {
			u.Organisation = []string{"本单位内设" + g.token() + "科。"}
		}
	}
}

// unitHistory gives some units their own last-year figures, near their own this
// year's, and some their own assets, drawn as the department's are.
func (g *gen) unitHistory() {
	for i := range g.b.Units {
		u := &g.b.Units[i]
		if g.chance(0.4) {
			from := func(f budget.FundType) money.Amount {
				return g.changed(g.b.Sum(func(li *budget.LineItem) bool { return li.Unit == u.Code && li.SourceFund() == f }))
			}
			ly := &budget.UnitLastYear{GeneralSpending: from(budget.GeneralPublic), GovFundSpending: from(budget.GovFund), StateCapitalSpending: from(budget.StateCapital)}
			ly.FiscalSpending = ly.GeneralSpending + ly.GovFundSpending + ly.StateCapitalSpending
			ly.FiscalIncome = ly.FiscalSpending
			if g.chance(0.5) {
				ly.FiscalIncome = g.changed(ly.FiscalSpending)
			}
			if u.Kind.RunsOffice() {
				ly.OfficeCost = g.changed(g.b.Sum(func(li *budget.LineItem) bool {
					return li.Unit == u.Code && li.Kind == budget.Public && li.Fund == budget.GeneralPublic
				}))
			}
			u.LastYear = ly
		}
		if g.chance(0.4) {
			a := &budget.Assets{Equipment: g.r.Intn(3), PlannedVehicles: g.r.Intn(3), PlannedEquipment: g.r.Intn(2)}
			types := append([]string(nil), budget.VehicleTypes...)
			g.r.Shuffle(len(types), func(i, j int) { types[i], types[j] = types[j], types[i] })
			for _, t := range types[:g.r.Intn(4)] {
				a.Vehicles = append(a.Vehicles, budget.VehicleCount{Type: t, Count: g.r.Intn(6)})
			}
			if g.chance(0.5) {
				a.AsOf = fmt.Sprintf("%d年12月31日", g.b.Year-1)
			}
			if g.chance(0.5) {
				for _, t := range types[:1+g.r.Intn(2)] {
					a.PlannedTypes = append(a.PlannedTypes, budget.VehicleCount{Type: t})
				}
				for n := 0; n < a.PlannedVehicles; n++ {
					a.PlannedTypes[g.r.Intn(len(a.PlannedTypes))].Count++
				}
			}
			u.Assets = a
		}
	}
}

// Diff compares two budgets as their JSON encodings, which leave out Src, and returns
// "" when they are the same, else the first line that differs.
func Diff(want, got *budget.Budget) string {
	w, err := json.MarshalIndent(want, "", " ")
	if err != nil {
		return err.Error()
	}
	g, err := json.MarshalIndent(got, "", " ")
	if err != nil {
		return err.Error()
	}
	if string(w) == string(g) {
		return ""
	}
	wl, gl := strings.Split(string(w), "\n"), strings.Split(string(g), "\n")
	for i := 0; i < len(wl) && i < len(gl); i++ {
		if wl[i] != gl[i] {
			return fmt.Sprintf("JSON line %d:\nwant %s\n got %s", i+1, wl[i], gl[i])
		}
	}
	return fmt.Sprintf("want %d JSON lines, got %d", len(wl), len(gl))
}

// ownFunds are the sources of 单位资金 an institution spends on its own kinds.
var ownFunds = []budget.FundType{budget.BusinessIncome, budget.OperatingIncome, budget.SuperiorSubsidy, budget.AffiliateRemit, budget.OtherIncome}

// fields2026 draws the fields of the 2026 formats, after every other field so that a
// seed gives the budget of before. Amounts it adds go to the last task's 其他资金, so
// the tasks still add up to the budget.
func (g *gen) fields2026() {
	before := g.b.Sum(budget.All)
	for i := range g.b.Items {
		li := &g.b.Items[i]
		if li.Kind == budget.Personnel && strings.HasPrefix(li.Economic, "301") && g.chance(0.25) {
			li.StaffGrowth = true
		}
	}
	if !g.allFiscal {
		codes := append(append([]string(nil), g.economic["302"]...), g.economic["310"]...)
		for _, u := range g.b.Units {
			if u.Kind != budget.Institution || g.chance(0.3) {
				continue
			}
			for _, k := range []budget.SpendKind{budget.OperatingSp, budget.SubsidySp, budget.RemitSp, budget.Public} {
				if g.chance(0.5) {
					li := g.item(u.Code, pick(g.r, codes), k, "")
					li.Fund, li.CarryFrom = pick(g.r, ownFunds), ""
					if g.chance(0.2) {
						li.Fund, li.CarryFrom = budget.CarryOver, pick(g.r, ownFunds)
					}
					g.add(li)
				}
			}
		}
	}
	spends := map[string][]string{}
	for _, li := range g.b.Items {
		spends[li.Unit] = append(spends[li.Unit], li.Functional)
	}
	for i := range g.b.Procurement {
		p := &g.b.Procurement[i]
		if g.chance(0.7) && len(spends[p.Unit]) > 0 {
			p.Functional = pick(g.r, spends[p.Unit])
		}
		if g.chance(0.6) && p.Amount > 0 {
			p.ReservedSME = money.Amount(g.r.Int63n(int64(p.Amount) + 1))
			if g.chance(0.6) && p.ReservedSME > 0 {
				p.ReservedSmall = money.Amount(g.r.Int63n(int64(p.ReservedSME) + 1))
			}
		}
	}
	if g.chance(0.3) {
		funds := budget.FiscalFunds
		if !g.allFiscal {
			funds = append(append([]budget.FundType(nil), funds...), budget.SpecialAccount, budget.BusinessIncome, budget.OtherIncome)
		}
		seen := map[string]bool{}
		for i, n := 0, 1+g.r.Intn(2); i < n; i++ {
			c := budget.CarryForward{Unit: pick(g.r, g.b.Units).Code, Fund: pick(g.r, funds), Amount: g.amount()}
			if key := c.Unit + string(c.Fund); !seen[key] {
				seen[key] = true
				g.b.CarryForward = append(g.b.CarryForward, c)
			}
		}
	}
	if tasks := g.b.Performance.Tasks; len(tasks) > 0 {
		tasks[len(tasks)-1].Other += g.b.Sum(budget.All) - before
	}
}
