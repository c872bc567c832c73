// Package rebuild turns a published 部门预算 back into the line items that produce it.
// A published document prints marginals only: spending by functional 项 and by
// economic 款, by fund, by project. Rebuild reads them from a document that package
// reader has read, allocates line items (unit × functional × economic × project ×
// fund) whose sums reproduce every leaf cell to the 分, and merges them into an
// overlay: a hand-written budget file with what the tables cannot give (codes, unit
// kinds, project purposes, text, last year's figures, assets). Items that the
// overlay lists are kept as they are and the rest is allocated around them, so the
// natural pairs a reader knows (代理银行手续费 is 财政国库业务 × 手续费) can be fixed
// by hand.
//
// It knows the family's table kinds and column keys (package format's vocabulary),
// never a jurisdiction.
package rebuild

import (
	"fmt"
	"sort"
	"strings"

	"yusuan/budget"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/money"
)

// DefaultProjectEconomic is the economic class given to project spending whose
// economic class no table prints (政府性基金, 国有资本经营 and 单位资金 projects: the
// economic tables cover 一般公共预算 only).
const DefaultProjectEconomic = "30299"

// stream is the money of a group of funds that the functional tables print
// together: 一般公共预算, 政府性基金, 国有资本经营, and the non-fiscal rest.
type stream struct {
	name  string
	funds []budget.FundType
	// table is the functional table of the stream; "" for the non-fiscal rest,
	// which is the 支出总表 minus the fiscal tables.
	table disclosure.TableKind
	// carryFrom is what a carried-over amount of this stream came from.
	carryFrom budget.FundType
	// economic says whether an economic table (按经济分类) prints the stream's
	// project spending.
	economic bool
}

var streams = []stream{
	{"一般公共预算", []budget.FundType{budget.GeneralPublic}, disclosure.GPFunctionalTable, "", true},
	{"政府性基金", []budget.FundType{budget.GovFund}, disclosure.GovFundTable, budget.GovFund, false},
	{"国有资本经营", []budget.FundType{budget.StateCapital}, disclosure.StateCapitalTable, budget.StateCapital, false},
	{"单位资金", []budget.FundType{budget.SpecialAccount, budget.BusinessIncome, budget.OperatingIncome, budget.SuperiorSubsidy, budget.AffiliateRemit, budget.OtherIncome}, "", budget.OtherIncome, false},
}

// Tail moves the exact amount of one economic 款 of a unit's 一般公共预算 spending
// (basic or project) within what still prints the same. A figure that the text
// derives from several cells (机关运行经费 adds a list of economic classes) may print
// 0.01 off their printed sum; the tails that make it agree cannot be read from the
// tables, so the overlay's author gives them. The tails of a column must add up to
// zero.
type Tail struct {
	Unit   string       `yaml:"unit"`
	Column string       `yaml:"column"` // basic or project
	Code   string       `yaml:"code"`
	Amount money.Amount `yaml:"amount"`
	Note   string       `yaml:"note,omitempty"`
}

// Rebuild returns the overlay completed with line items, projects and procurement
// that reproduce the tables of doc. The overlay is not changed.
func Rebuild(doc *disclosure.Document, overlay *budget.Budget, cat *classification.Catalogue, tails ...Tail) (*budget.Budget, error) {
	names, err := unitNames(tableOf(doc, disclosure.IncomeTable), doc.Department)
	if err != nil {
		return nil, err
	}
	out := *overlay
	out.Projects = append([]budget.Project(nil), overlay.Projects...)
	out.Items = nil
	r := &rebuilder{doc: doc, cat: cat, econ: newEconomicNames(cat), out: &out, names: names, fixed: overlay.Items, tails: tails}
	var units []*budget.Unit
	for _, n := range names {
		u := r.unitNamed(n)
		if u == nil {
			return nil, fmt.Errorf("预算单位“%s”不在底稿的单位表中：请在底稿中写明它的编码和类型", n)
		}
		if err := r.unit(u); err != nil {
			return nil, fmt.Errorf("%s：%w", n, err)
		}
		units = append(units, u)
	}
	r.department()
	for i, u := range units {
		if err := r.allocate(u, r.figures[i]); err != nil {
			return nil, fmt.Errorf("%s：%w", u.Name, err)
		}
	}
	items, err := merge(r.items)
	if err != nil {
		return nil, err
	}
	out.Items = items
	if len(overlay.Procurement) == 0 {
		out.Procurement = r.procurement
	}
	if len(overlay.LastYear.SanGong) == 0 {
		out.LastYear.SanGong = r.lastSanGong()
	}
	return &out, nil
}

// lastSanGong reads last year's 三公 budget of every unit and fiscal fund from the
// 三公 table's rows of last year, for overlays that do not give it.
func (r *rebuilder) lastSanGong() []budget.SanGongLine {
	t := tableOf(r.doc, disclosure.SanGongTable)
	if t == nil {
		return nil
	}
	last := fmt.Sprintf("%d年", r.out.Year-1)
	var out []budget.SanGongLine
	var unit *budget.Unit
	for _, row := range t.Rows {
		if n := text(t, row, "unit"); n != "" {
			unit = r.unitNamed(n)
		}
		if unit == nil || strings.ReplaceAll(text(t, row, "year"), " ", "") != last {
			continue
		}
		for _, fund := range budget.FiscalFunds {
			k := "." + fund.Key()
			l := budget.SanGongLine{Unit: unit.Code, Fund: fund,
				Abroad: amount(t, row, "abroad"+k), Reception: amount(t, row, "reception"+k),
				CarPurchase: amount(t, row, "car_purchase"+k), CarRunning: amount(t, row, "car_running"+k)}
			if l.Abroad+l.Reception+l.CarPurchase+l.CarRunning != 0 {
				out = append(out, l)
			}
		}
	}
	return out
}

type rebuilder struct {
	doc         *disclosure.Document
	cat         *classification.Catalogue
	econ        *economicNames
	out         *budget.Budget
	names       []string
	fixed       []budget.LineItem // the overlay's items
	tails       []Tail
	items       []budget.LineItem
	procurement []budget.Procurement
	figures     []*unitFigures // by unit, in the order of names
}

func (r *rebuilder) unitNamed(name string) *budget.Unit {
	for i := range r.out.Units {
		if classification.SameName(r.out.Units[i].Name, name) {
			return &r.out.Units[i]
		}
	}
	return nil
}

// projectCode returns the code of the unit's project of the name, adding a project
// when the overlay has none.
func (r *rebuilder) projectCode(unit, name string) string {
	n := 0
	for _, p := range r.out.Projects {
		if p.Unit != unit {
			continue
		}
		n++
		if classification.SameName(p.DisplayName(), name) || classification.SameName(p.Name, name) {
			return p.Code
		}
	}
	code := fmt.Sprintf("%s-P%03d", unit, n+1)
	r.out.Projects = append(r.out.Projects, budget.Project{Code: code, Unit: unit, Name: name})
	return code
}

// pools are the amounts still to place, by fund and by economic code (basic) or
// project (projects).
type pools map[budget.FundType]map[string]money.Amount

func (p pools) add(f budget.FundType, key string, a money.Amount) {
	if a == 0 {
		return
	}
	if p[f] == nil {
		p[f] = map[string]money.Amount{}
	}
	p[f][key] += a
}

// unitFigures are one unit's marginals.
type unitFigures struct {
	// fn[stream][kind] are functional 项 amounts; kind is "basic" or "project".
	fn map[string]map[string]*margin
	// gpEcon[kind] are the 一般公共预算 economic 款 amounts.
	gpEcon map[string]*margin
	// basic are the 基本支出总表 amounts by fund (上年结转 as budget.CarryOver) and
	// economic 款; projects by fund and project code.
	basic, projects pools
	// projectOrder lists the unit's projects in table order.
	projectOrder []string
	// splits are the fiscal streams' functional tables, by stream.
	splits map[string]*split
}

func (r *rebuilder) unit(u *budget.Unit) error {
	f := &unitFigures{fn: map[string]map[string]*margin{}, gpEcon: map[string]*margin{}, basic: pools{}, projects: pools{}, splits: map[string]*split{}}
	if err := r.read(u, f); err != nil {
		return err
	}
	r.figures = append(r.figures, f)
	return nil
}

// allocate places one unit's line items, once every unit is read.
func (r *rebuilder) allocate(u *budget.Unit, f *unitFigures) error {
	for _, s := range streams {
		if fs := f.splits[s.name]; fs != nil {
			for _, kind := range []string{"basic", "project"} {
				f.fn[s.name][kind] = marginOf(fs.leaves(kind))
			}
		}
	}
	carry, err := r.carry(f)
	if err != nil {
		return err
	}
	var anchors []budget.LineItem
	for _, li := range r.fixed {
		if li.Unit == u.Code {
			anchors = append(anchors, li)
		}
	}
	for _, s := range streams {
		if err := r.stream(u, f, s, carry[s.name], anchors); err != nil {
			return err
		}
	}
	return nil
}

// read collects the unit's marginals from every table.
func (r *rebuilder) read(u *budget.Unit, f *unitFigures) error {
	doc := r.doc
	spend := tableOf(doc, disclosure.SpendingTable)
	spendRows := byUnit(spend, "unit", r.names)[u.Name]
	for _, key := range []string{"operating_spending", "subsidy", "remit"} {
		l, err := leaves(spend, spendRows, key, 7)
		if err != nil {
			return err
		}
		for code, a := range l {
			if a != 0 {
				return fmt.Errorf("支出总表 %s 的“%s”列有金额 %s：这类支出还不能重建", code, key, a.Wan())
			}
		}
	}
	if err := r.readStreams(u, f, spend, spendRows); err != nil {
		return err
	}
	for _, tl := range r.tails {
		if tl.Unit != u.Code {
			continue
		}
		m := f.gpEcon[tl.Column]
		if m == nil || m.amt[tl.Code] == 0 || tl.Amount < -tailDown || tl.Amount > tailUp {
			return fmt.Errorf("尾数调整 %s %s %s：一般公共预算支出表（按经济分类）没有这一格，或调整超出四舍五入的范围（-50.00 至 49.99 元）", tl.Column, tl.Code, tl.Amount)
		}
		m.add(tl.Code, tl.Amount)
	}
	if err := r.readBasic(u, f); err != nil {
		return err
	}
	if err := r.readProjects(u, f); err != nil {
		return err
	}
	if err := r.readProcurement(u, spend, spendRows); err != nil {
		return err
	}
	return nil
}

// readStreams reads each stream's functional amounts, basic and project, and the
// economic ones of 一般公共预算: exact, from the fiscal tables, and the non-fiscal
// rest from the 支出总表.
func (r *rebuilder) readStreams(u *budget.Unit, f *unitFigures, spend *disclosure.Table, spendRows []disclosure.Row) error {
	doc := r.doc
	// The non-fiscal rest is what the 支出总表 prints beyond the fiscal tables, cell
	// by cell as printed: each table's own tails would leave slivers of a few 分.
	rest := map[string]map[string]money.Amount{}
	for _, kind := range []string{"basic", "project"} {
		rest[kind] = printedLeaves(spend, spendRows, kind, 7)
	}
	for _, s := range streams {
		f.fn[s.name] = map[string]*margin{}
		if s.table != "" {
			t := tableOf(doc, s.table)
			rows := byUnit(t, "unit", r.names)[u.Name]
			var et *disclosure.Table
			var erows []disclosure.Row
			if s.economic {
				// One total by function and by economic class.
				et = tableOf(doc, disclosure.GPEconomicTable)
				erows = byUnit(et, "unit", r.names)[u.Name]
			}
			fs, econ, err := jointLeaves(t, rows, et, erows)
			if err != nil {
				return err
			}
			f.splits[s.name] = fs
			for _, kind := range []string{"basic", "project"} {
				f.fn[s.name][kind] = marginOf(fs.leaves(kind))
				for code, a := range printedLeaves(t, rows, kind, 7) {
					rest[kind][code] -= a
				}
				if s.economic {
					e := newMargin()
					for _, code := range sortedKeys(econ[kind]) {
						e.add(code, econ[kind][code])
					}
					f.gpEcon[kind] = e
				}
			}
			continue
		}
		for _, kind := range []string{"basic", "project"} {
			m := newMargin()
			for _, code := range sortedKeys(rest[kind]) {
				if a := rest[kind][code]; a < 0 {
					return fmt.Errorf("%s %s：财政拨款各表之和超过支出总表 %s", kindLabel(kind), code, (-a).Wan())
				}
				m.add(code, rest[kind][code])
			}
			f.fn[s.name][kind] = m
		}
	}
	return nil
}

// fundColumns are the fund columns of the 基本支出总表 and 项目支出总表.
var fundColumns = []budget.FundType{budget.GeneralPublic, budget.GovFund, budget.StateCapital, budget.SpecialAccount, budget.BusinessIncome, budget.OperatingIncome, budget.SuperiorSubsidy, budget.AffiliateRemit, budget.OtherIncome, budget.CarryOver}

func (r *rebuilder) readBasic(u *budget.Unit, f *unitFigures) error {
	t := tableOf(r.doc, disclosure.BasicTable)
	rows := byUnit(t, "name", r.names)[u.Name]
	if len(rows) == 0 {
		return nil
	}
	// The table names its rows; give them their codes and read them like a coded
	// table.
	class := ""
	coded := []disclosure.Row{rows[0]}
	for _, row := range rows[1:] {
		name := classification.NormalizeName(text(t, row, "name"))
		if c, ok := r.econ.classes[name]; ok {
			class = c
			row.Code = c
			coded = append(coded, row)
			continue
		}
		code := r.econ.items[class][name]
		if code == "" {
			return fmt.Errorf("基本支出总表第 %d 页“%s”：在经济分类科目“%s”下找不到这个名称", row.Pos.Page, text(t, row, "name"), class)
		}
		row.Code = code
		coded = append(coded, row)
	}
	for _, fund := range fundColumns {
		l, err := leaves(t, coded, fund.Key(), 5)
		if err != nil {
			return err
		}
		for _, code := range sortedKeys(l) {
			f.basic.add(fund, code, l[code])
		}
	}
	return nil
}

func (r *rebuilder) readProjects(u *budget.Unit, f *unitFigures) error {
	t := tableOf(r.doc, disclosure.ProjectTable)
	rows := byUnit(t, "project", r.names)[u.Name]
	if len(rows) == 0 {
		return nil
	}
	for _, row := range rows[1:] {
		f.projectOrder = append(f.projectOrder, r.projectCode(u.Code, text(t, row, "project")))
	}
	for _, fund := range fundColumns {
		// The projects are the unit row's children: the same tails as a coded table.
		out := map[string]money.Amount{}
		var live []string
		var sum money.Amount
		for i, row := range rows[1:] {
			a := amount(t, row, fund.Key())
			out[f.projectOrder[i]] += a
			sum += a
			if a != 0 {
				live = append(live, f.projectOrder[i])
			}
		}
		if d := amount(t, rows[0], fund.Key()) - sum; d != 0 {
			if err := spread(out, live, d); err != nil {
				return fmt.Errorf("项目支出总表“%s”列：各项目合计 %s 与单位合计不符：%w", fund, sum.Wan(), err)
			}
		}
		for _, p := range f.projectOrder {
			f.projects.add(fund, p, out[p])
		}
	}
	return nil
}

// readProcurement keeps one procurement line per functional code, for overlays that
// list none: the tables print procurement by code only, not by item or category.
// The amounts are exact like the spending columns' (a code's parent may print 0.01
// off its children).
func (r *rebuilder) readProcurement(u *budget.Unit, t *disclosure.Table, rows []disclosure.Row) error {
	// Each share is exact within what it is a share of: the procurement no less
	// than its 中小企业 share, which is no less than its 小微企业 share.
	trees := map[string]*tree{}
	for _, key := range []string{"procurement", "procurement_sme", "procurement_micro"} {
		tr, err := codedTree(t, rows, key)
		if err != nil {
			return err
		}
		trees[key] = tr
	}
	if trees["procurement"] == nil {
		return nil
	}
	var sme map[string]money.Amount
	if tr := trees["procurement_sme"]; tr != nil {
		sme = tr.exact()
		sme[""] = tr.clamp(tr.root)
	}
	ptr := trees["procurement"]
	ptr.bound(sme, nil)
	proc := ptr.exact()
	micro := map[string]money.Amount{}
	if tr := trees["procurement_micro"]; tr != nil {
		tr.bound(nil, sme)
		micro = tr.exact()
	}
	exact := []map[string]money.Amount{proc, sme, micro}
	for _, row := range rows {
		a := exact[0][row.Code]
		if len(row.Code) != 7 || a == 0 {
			continue
		}
		r.procurement = append(r.procurement, budget.Procurement{
			Unit: u.Code, Item: "政府采购（" + text(t, row, "name") + "）", Category: budget.Services, Amount: a,
			Functional: row.Code, ReservedSME: min(exact[1][row.Code], a), ReservedSmall: min(exact[2][row.Code], exact[1][row.Code], a),
		})
	}
	return nil
}

// carry works out how much of the carried-over money (上年结余、结转) each stream
// spends, by kind: a fiscal table prints the stream's spending including what it
// carried over, the fund columns without it.
func (r *rebuilder) carry(f *unitFigures) (map[string]map[string]money.Amount, error) {
	out := map[string]map[string]money.Amount{}
	total := map[string]money.Amount{"basic": sum(f.basic[budget.CarryOver]), "project": sum(f.projects[budget.CarryOver])}
	slack := money.Amount(len(f.projectOrder)+2) * tailDown
	for _, s := range streams {
		out[s.name] = map[string]money.Amount{}
		for kind, p := range map[string]pools{"basic": f.basic, "project": f.projects} {
			if s.table == "" {
				continue
			}
			var own money.Amount
			for _, fund := range s.funds {
				own += sum(p[fund])
			}
			c := f.fn[s.name][kind].total() - own
			if c < 0 && -c <= slack {
				c = 0 // rounding: the pools are reconciled with the tables later
			}
			if c < 0 {
				return nil, fmt.Errorf("%s的%s：按功能分类的表合计 %s 少于资金列 %s", s.name, kindLabel(kind), f.fn[s.name][kind].total().Wan(), own.Wan())
			}
			out[s.name][kind] = c
			total[kind] -= c
		}
	}
	// The rest is the non-fiscal streams'; a rest within rounding, where the
	// non-fiscal stream spends nothing, belongs to the fiscal stream that carries
	// most (the tables print its parts rounded).
	nf := streams[len(streams)-1].name
	for kind, a := range total {
		if a != 0 && a.Abs() <= slack && f.fn[nf][kind].total() == 0 {
			best := streams[0].name
			for _, s := range streams[:len(streams)-1] {
				if out[s.name][kind] > out[best][kind] {
					best = s.name
				}
			}
			out[best][kind] += a
			continue
		}
		if a < 0 {
			return nil, fmt.Errorf("%s的上年结余结转少于各表所需（相差 %s）", kindLabel(kind), a.Wan())
		}
		out[nf][kind] = a
	}
	return out, nil
}

func kindLabel(kind string) string {
	if kind == "basic" {
		return "基本支出"
	}
	return "项目支出"
}

func sum(m map[string]money.Amount) money.Amount {
	var s money.Amount
	for _, a := range m {
		s += a
	}
	return s
}

func sortedKeys(m map[string]money.Amount) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// streamOf is the stream a line item's money belongs to.
func streamOf(li budget.LineItem) string {
	src := li.SourceFund()
	for _, s := range streams {
		for _, f := range s.funds {
			if f == src {
				return s.name
			}
		}
	}
	return streams[len(streams)-1].name
}

// takeCarry moves up to want of the carried-over pool into the stream's own pool,
// key by key in order, so that a stream's carry is placed like its own funds.
func takeCarry(from map[string]money.Amount, order []string, want money.Amount) map[string]money.Amount {
	out := map[string]money.Amount{}
	for _, k := range order {
		if want == 0 {
			break
		}
		a := min(from[k], want)
		if a > 0 {
			out[k] += a
			from[k] -= a
			want -= a
		}
	}
	return out
}

// stream allocates one stream of one unit: basic, then projects.
func (r *rebuilder) stream(u *budget.Unit, f *unitFigures, s stream, carry map[string]money.Amount, anchors []budget.LineItem) error {
	carryFund := budget.CarryOver
	// The stream's funds, with its share of the carried-over money.
	basicPools, projectPools := pools{}, pools{}
	for _, fund := range s.funds {
		for k, a := range f.basic[fund] {
			basicPools.add(fund, k, a)
		}
		for k, a := range f.projects[fund] {
			projectPools.add(fund, k, a)
		}
	}
	econOrder := sortedKeys(f.basic[budget.CarryOver])
	for k, a := range takeCarry(f.basic[budget.CarryOver], econOrder, carry["basic"]) {
		basicPools.add(carryFund, k, a)
	}
	for k, a := range takeCarry(f.projects[budget.CarryOver], f.projectOrder, carry["project"]) {
		projectPools.add(carryFund, k, a)
	}
	fundOrder := append(append([]budget.FundType(nil), s.funds...), carryFund)

	fnBasic, fnProject := copyMargin(f.fn[s.name]["basic"]), copyMargin(f.fn[s.name]["project"])
	var econBasic, econProject *margin
	if s.economic {
		econBasic, econProject = copyMargin(f.gpEcon["basic"]), copyMargin(f.gpEcon["project"])
	} else {
		econBasic = newMargin()
		for _, fund := range fundOrder {
			for _, k := range sortedKeys(basicPools[fund]) {
				econBasic.add(k, basicPools[fund][k])
			}
		}
	}
	if err := reconcile(s, basicPools, projectPools, fundOrder, econBasic, fnBasic, fnProject); err != nil {
		return err
	}
	projRows := newMargin()
	for _, p := range f.projectOrder {
		for _, fund := range fundOrder {
			projRows.add(p, projectPools[fund][p])
		}
	}
	// The overlay's items come off first. A project item without an economic class
	// fixes only the project's functional class; the economic split is allocated.
	var fixedCells []cell
	for _, li := range anchors {
		if streamOf(li) != s.name {
			continue
		}
		fund := li.Fund
		if li.Kind.Basic() {
			fnBasic.add(li.Functional, -li.Amount)
			econBasic.add(li.Economic, -li.Amount)
			basicPools.add(fund, li.Economic, -li.Amount)
		} else {
			fnProject.add(li.Functional, -li.Amount)
			projRows.add(li.Project, -li.Amount)
			if li.Economic == "" {
				fixedCells = append(fixedCells, cell{li.Project, li.Functional, li.Amount})
				continue
			}
			if econProject != nil {
				econProject.add(li.Economic, -li.Amount)
			}
			projectPools.add(fund, li.Project, -li.Amount)
		}
		r.items = append(r.items, li)
	}

	where := fmt.Sprintf("%s的基本支出（功能分类 × 经济分类）", s.name)
	cells, err := transport(where, fnBasic, econBasic, prefer)
	if err != nil {
		return err
	}
	for _, c := range cells {
		kind := budget.Public
		if strings.HasPrefix(c.col, "301") || strings.HasPrefix(c.col, "303") {
			kind = budget.Personnel
		}
		li := budget.LineItem{Unit: u.Code, Functional: c.row, Economic: c.col, Kind: kind}
		if err := r.split(li, c.amt, basicPools, fundOrder, c.col, s); err != nil {
			return fmt.Errorf("%s：%w", where, err)
		}
	}

	where = fmt.Sprintf("%s的项目支出（项目 × 功能分类）", s.name)
	pcells, err := transport(where, projRows, fnProject, nil)
	if err != nil {
		return err
	}
	pcells = append(fixedCells, pcells...)
	type placed struct {
		project, functional, economic string
		amt                           money.Amount
	}
	var items []placed
	if econProject != nil {
		rows := newMargin()
		for _, c := range pcells {
			rows.add(c.row+"|"+c.col, c.amt)
		}
		where = fmt.Sprintf("%s的项目支出（功能分类 × 经济分类）", s.name)
		ecells, err := transport(where, rows, econProject, func(row, col string) int {
			return prefer(row[strings.Index(row, "|")+1:], col)
		})
		if err != nil {
			return err
		}
		for _, c := range ecells {
			p, fn, _ := strings.Cut(c.row, "|")
			items = append(items, placed{p, fn, c.col, c.amt})
		}
	} else {
		for _, c := range pcells {
			items = append(items, placed{c.row, c.col, DefaultProjectEconomic, c.amt})
		}
	}
	for _, it := range items {
		li := budget.LineItem{Unit: u.Code, Functional: it.functional, Economic: it.economic, Kind: budget.ProjectSp, Project: it.project}
		if err := r.split(li, it.amt, projectPools, fundOrder, it.project, s); err != nil {
			return fmt.Errorf("%s：%w", where, err)
		}
	}
	return nil
}

// split adds li with amount a, divided among the funds in order as their pools
// for key allow.
func (r *rebuilder) split(li budget.LineItem, a money.Amount, p pools, order []budget.FundType, key string, s stream) error {
	for _, fund := range order {
		if a == 0 {
			return nil
		}
		take := min(a, p[fund][key])
		if take <= 0 {
			continue
		}
		p[fund][key] -= take
		a -= take
		item := li
		item.Fund = fund
		if fund == budget.CarryOver {
			item.CarryFrom = s.carryFrom
		}
		item.Amount = take
		r.items = append(r.items, item)
	}
	if a != 0 {
		return fmt.Errorf("%s %s 有 %s 在各资金列中找不到（按经济分类的表与基本支出总表、项目支出总表不符）", li.Functional, key, a.Wan())
	}
	return nil
}

func copyMargin(m *margin) *margin {
	out := newMargin()
	if m == nil {
		return out
	}
	for _, k := range m.keys {
		out.add(k, m.amt[k])
	}
	return out
}

// merge joins items that are the same line (every field equal) and refuses two
// items that validation would call duplicates but that differ (one of them marked
// 增人增资, say): the overlay must then fix the other one elsewhere.
func merge(items []budget.LineItem) ([]budget.LineItem, error) {
	type key struct {
		unit, fn, econ, project string
		kind                    budget.SpendKind
		fund, from              budget.FundType
	}
	idx := map[key]int{}
	var out []budget.LineItem
	for _, li := range items {
		if li.Amount == 0 {
			continue
		}
		k := key{li.Unit, li.Functional, li.Economic, li.Project, li.Kind, li.Fund, li.CarryFrom}
		if i, ok := idx[k]; ok {
			if out[i].StaffGrowth != li.StaffGrowth || out[i].GovEconomic != li.GovEconomic {
				return nil, fmt.Errorf("单位 %s 功能科目 %s 经济科目 %s 项目“%s”：底稿固定的明细与分配的明细重复而标记不同，请在底稿中另行固定该科目的其余金额", li.Unit, li.Functional, li.Economic, li.Project)
			}
			out[i].Amount += li.Amount
			continue
		}
		idx[k] = len(out)
		out = append(out, li)
	}
	return out, nil
}

// reconcile makes the fund pools add up to what the functional and economic tables
// print, where the fund columns of the 基本支出总表 and 项目支出总表 were rounded
// apart from them: each difference is spread over the pool entries, carried-over
// money first, within what still prints the same.
func reconcile(s stream, basic, projects pools, order []budget.FundType, econBasic, fnBasic, fnProject *margin) error {
	type entry struct {
		fund budget.FundType
		key  string
	}
	// entries lists the pools' entries of the keys, carry first, then by amount.
	entries := func(p pools, keys []string) []entry {
		var out []entry
		for _, fund := range append([]budget.FundType{budget.CarryOver}, order[:len(order)-1]...) {
			for _, k := range keys {
				if p[fund][k] != 0 {
					out = append(out, entry{fund, k})
				}
			}
		}
		sort.SliceStable(out, func(i, j int) bool {
			ci, cj := out[i].fund == budget.CarryOver, out[j].fund == budget.CarryOver
			if ci != cj {
				return ci
			}
			return p[out[i].fund][out[i].key] > p[out[j].fund][out[j].key]
		})
		return out
	}
	spreadPools := func(p pools, es []entry, d money.Amount, what string) error {
		for _, e := range es {
			if d == 0 {
				break
			}
			a := max(min(d, tailUp), -tailDown)
			p[e.fund][e.key] += a
			d -= a
		}
		if d != 0 {
			return fmt.Errorf("%s的%s：资金列与按功能、经济分类的表相差 %s，超出四舍五入的范围", s.name, what, d.Wan())
		}
		return nil
	}
	poolSum := func(p pools, key string) money.Amount {
		var t money.Amount
		for _, fund := range order {
			if key == "" {
				t += sum(p[fund])
			} else {
				t += p[fund][key]
			}
		}
		return t
	}
	if s.economic {
		for _, e := range econBasic.keys {
			if d := econBasic.amt[e] - poolSum(basic, e); d != 0 {
				if err := spreadPools(basic, entries(basic, []string{e}), d, "基本支出 "+e); err != nil {
					return err
				}
			}
		}
	} else if d := fnBasic.total() - poolSum(basic, ""); d != 0 {
		var keys []string
		for _, fund := range order {
			keys = append(keys, sortedKeys(basic[fund])...)
		}
		if err := spreadPools(basic, entries(basic, keys), d, "基本支出"); err != nil {
			return err
		}
	}
	if d := fnProject.total() - poolSum(projects, ""); d != 0 {
		var keys []string
		for _, fund := range order {
			keys = append(keys, sortedKeys(projects[fund])...)
		}
		es := entries(projects, keys)
		// A carried-over project's own funds next to its carry, so that the
		// project's row keeps printing its total.
		if len(es) > 0 && es[0].fund == budget.CarryOver {
			for i, e := range es[1:] {
				if e.key == es[0].key && e.fund != budget.CarryOver {
					es = append([]entry{es[0], e}, append(es[1:i+1:i+1], es[i+2:]...)...)
					break
				}
			}
		}
		if err := spreadPools(projects, es, d, "项目支出"); err != nil {
			return err
		}
	}
	return nil
}
