package budgetfile

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"yusuan/budget"
	"yusuan/money"
)

func amt(s string) money.Amount {
	a, err := money.Parse(s, money.UnitYuan)
	if err != nil {
		panic(err)
	}
	return a
}

func amtp(s string) *money.Amount {
	a := amt(s)
	return &a
}

// richBudget uses every part of the model: units of every kind (one classified), all
// fund types, carry-over with and without CarryFrom, projects with and without last
// year's budget, descriptions with several, one and no 立项依据, all procurement
// categories, last year's fiscal figures, 三公, assets with planned vehicles by type
// (out of order, one zero), performance and all text; and the units' own text,
// last-year figures and assets, some given but empty.
func richBudget() *budget.Budget {
	b := &budget.Budget{
		Profile: "shenzhen",
		Format:  "shenzhen-2024",
		Year:    2025,
		Department: budget.Department{
			Code: "001", Name: "深圳市龙岗区示范局", Title: "深圳市龙岗区示范局（本级）", Region: "深圳市龙岗区",
		},
		Units: []budget.Unit{
			{Code: "001001", Name: "深圳市龙岗区示范局本级", Kind: budget.Administrative,
				LastYear: &budget.UnitLastYear{
					FiscalIncome: amt("4500000.10"), FiscalSpending: amt("4400000.00"), GeneralSpending: amt("4300000.00"),
					GovFundSpending: amt("70000.00"), StateCapitalSpending: amt("30000.00"), OfficeCost: amt("400000.01"),
				},
				Assets: &budget.Assets{
					AsOf:      "2024年8月31日",
					Vehicles:  []budget.VehicleCount{{Type: "其他用车", Count: 10}, {Type: "机要通信用车", Count: 0}, {Type: "执法执勤用车", Count: 3}},
					Equipment: 1, PlannedVehicles: 2, PlannedEquipment: 1,
					PlannedTypes: []budget.VehicleCount{{Type: "执法执勤用车", Count: 1}, {Type: "主要领导干部用车", Count: 0}, {Type: "其他用车", Count: 1}},
				}},
			{Code: "001002", Name: "深圳市龙岗区示范中心", Kind: budget.CivilServant,
				Duties:       []string{"承担示范活动的组织实施。", "1、负责示范点的日常管理。\n2、完成局交办的其他事项。"},
				Organisation: []string{"中心内设综合科、业务科。"},
				LastYear:     &budget.UnitLastYear{FiscalIncome: amt("300000"), OfficeCost: amt("50000")},
				Assets:       &budget.Assets{Vehicles: []budget.VehicleCount{{Type: "离退休干部用车", Count: 1}}, Equipment: 1}},
			{Code: "001003", Name: "深圳市龙岗区示范研究所", Kind: budget.Institution, Duties: []string{"开展示范研究。"},
				LastYear: &budget.UnitLastYear{}, Assets: &budget.Assets{}},
			{Code: "001009", Name: "涉密单位", Kind: budget.Institution, Classified: true},
		},
		Projects: []budget.Project{
			{Code: "P2025001", Unit: "001001", Name: "信息化运维", Category: "通用项目", Purpose: "保障政务网络和系统运行。",
				Target: "系统可用率不低于 99%", LastYear: amtp("1200000.00"), ChangeReason: "新增两个系统的运维。",
				Description: &budget.ProjectDescription{
					Overview:    "保障全局政务网络和 12 个业务系统稳定运行。",
					Basis:       []string{"《深圳市政务信息系统运维管理办法》", "《关于加强网络安全等级保护工作的通知》（深网信〔2024〕3号）", "局党组会议纪要"},
					Implementer: "深圳市龙岗区示范局本级",
					Plan:        "第一步：公开招标选定运维服务商。\n第二步：按季度考核。",
					Period:      "2025年1月至12月",
					BudgetNote:  "系统运维 100 万元，等级保护测评 30 万元。",
				}},
			{Code: "P2025002", Unit: "001002", Name: "示范活动", Purpose: "第一段。\n第二段：含“引号”和 #号。",
				Description: &budget.ProjectDescription{Overview: "组织示范活动。", Basis: []string{"年度工作计划"}}},
			{Code: "P2025003", Unit: "001001", Name: "零基项目", LastYear: amtp("0"),
				Description: &budget.ProjectDescription{Overview: "没有立项依据的项目。", Period: "长期"}},
			{Code: "P2025009", Unit: "001009", Name: "涉密项目", Classified: true, LastYear: amtp("10.05")},
		},
		Items: []budget.LineItem{
			{Unit: "001001", Functional: "2010301", Economic: "30101", GovEconomic: "50101", Kind: budget.Personnel, Fund: budget.GeneralPublic, Amount: amt("552000.00")},
			{Unit: "001001", Functional: "2010301", Economic: "30201", GovEconomic: "50201", Kind: budget.Public, Fund: budget.GeneralPublic, Amount: amt("48000.50")},
			{Unit: "001001", Functional: "2010350", Economic: "30227", Kind: budget.ProjectSp, Project: "P2025001", Fund: budget.GeneralPublic, Amount: amt("1300000.00")},
			{Unit: "001002", Functional: "2010350", Economic: "30201", Kind: budget.ProjectSp, Project: "P2025002", Fund: budget.GovFund, Amount: amt("0.01")},
			{Unit: "001002", Functional: "2010301", Economic: "30102", Kind: budget.Personnel, Fund: budget.StateCapital, Amount: amt("100")},
			{Unit: "001003", Functional: "2010301", Economic: "30103", Kind: budget.Personnel, Fund: budget.SpecialAccount, Amount: amt("200")},
			{Unit: "001003", Functional: "2010301", Economic: "30201", Kind: budget.Public, Fund: budget.BusinessIncome, Amount: amt("300")},
			{Unit: "001003", Functional: "2010301", Economic: "30202", Kind: budget.Public, Fund: budget.OperatingIncome, Amount: amt("400")},
			{Unit: "001003", Functional: "2010301", Economic: "30205", Kind: budget.Public, Fund: budget.OtherIncome, Amount: amt("5.00")},
			{Unit: "001001", Functional: "2010350", Economic: "30227", Kind: budget.ProjectSp, Project: "P2025003", Fund: budget.CarryOver, Amount: amt("600")},
			{Unit: "001001", Functional: "2010350", Economic: "30201", Kind: budget.ProjectSp, Project: "P2025003", Fund: budget.CarryOver, CarryFrom: budget.GovFund, Amount: amt("700")},
			{Unit: "001009", Functional: "2010301", Economic: "30101", Kind: budget.Personnel, Fund: budget.GeneralPublic, Amount: amt("999999999999.99")},
			{Unit: "001001", Functional: "2010301", Economic: "30199", Kind: budget.Personnel, Fund: budget.GeneralPublic, StaffGrowth: true, Amount: amt("12000.00")},
			{Unit: "001003", Functional: "2010301", Economic: "30299", Kind: budget.OperatingSp, Fund: budget.OperatingIncome, Amount: amt("80")},
			{Unit: "001003", Functional: "2010301", Economic: "30299", Kind: budget.SubsidySp, Fund: budget.SuperiorSubsidy, Amount: amt("70")},
			{Unit: "001003", Functional: "2010301", Economic: "31002", Kind: budget.RemitSp, Fund: budget.AffiliateRemit, Amount: amt("60")},
		},
		Procurement: []budget.Procurement{
			{Unit: "001001", Project: "P2025001", Item: "服务器", Category: budget.Goods, Amount: amt("300000"),
				Functional: "2010350", ReservedSME: amt("300000"), ReservedSmall: amt("100000.01")},
			{Unit: "001001", Item: "办公楼维修", Category: budget.Works, Amount: amt("120000.10")},
			{Unit: "001002", Project: "P2025002", Item: "物业管理服务", Category: budget.Services, Amount: amt("80000")},
		},
		CarryForward: []budget.CarryForward{
			{Unit: "001001", Fund: budget.GeneralPublic, Amount: amt("1000")},
			{Unit: "001003", Fund: budget.BusinessIncome, Amount: amt("0.50")},
		},
		LastYear: budget.LastYear{
			Income: amt("5000000"), Expenditure: amt("5000000"), OfficeCost: amt("450000.01"),
			FiscalIncome: amt("4800000.10"), FiscalSpending: amt("4700000.00"),
			GeneralSpending: amt("4500000.00"), GovFundSpending: amt("150000.00"), StateCapitalSpending: amt("50000.00"),
			SanGong: []budget.SanGongLine{
				{Unit: "001001", Fund: budget.GeneralPublic, Abroad: amt("10000"), Reception: amt("2000.5"), CarPurchase: amt("250000"), CarRunning: amt("30000")},
				{Unit: "001002", Fund: budget.GovFund, Reception: amt("100")},
			},
		},
		Assets: budget.Assets{
			AsOf:      "2024年8月31日",
			Vehicles:  []budget.VehicleCount{{Type: "执法执勤用车", Count: 3}, {Type: "机要通信用车", Count: 0}, {Type: "其他用车", Count: 12}, {Type: "离退休干部用车", Count: 1}},
			Equipment: 2, PlannedVehicles: 3, PlannedEquipment: 3,
			PlannedTypes: []budget.VehicleCount{{Type: "其他用车", Count: 2}, {Type: "主要领导干部用车", Count: 0}, {Type: "执法执勤用车", Count: 1}},
		},
		Performance: budget.Performance{
			Tasks: []budget.PerformanceTask{
				{Task: "履职保障", Content: "保障机关运转", Fiscal: amt("600000.50"), Other: amt("0")},
				{Task: "信息化", Content: "运维两个系统", Other: amt("700")},
			},
			Goals: []string{"全面完成年度工作任务。", "提升服务水平：群众满意度 ≥ 90%"},
			Indicators: []budget.Indicator{
				{Level1: "产出指标", Level2: "数量指标", Level3: "运维系统数", Target: "2 个"},
				{Level1: "效益指标", Level2: "社会效益指标", Level3: "群众满意度", Target: "≥90%"},
			},
		},
		Text: budget.Text{
			Duties:        []string{"贯彻执行国家法律法规。", "负责示范工作。"},
			Organisation:  []string{"本部门下设 3 个预算单位。"},
			Goals:         []string{"目标一", "目标二", "目标三"},
			ChangeReason:  "收支增加主要是新增项目。",
			PersonnelNote: "人员经费用于工资福利。",
			PublicNote:    "公用经费用于日常运转。",
			FamilyNote:    "对个人和家庭的补助用于离退休人员。",
			SanGong: budget.SanGongText{
				Total: "三公经费下降。", Abroad: "无出国计划。", Reception: "压减接待。", CarPurchase: "无购车计划。", CarRunning: "车辆减少。",
			},
			OfficeCostReason: "机关运行经费持平。",
			FunctionalNotes: []budget.CodeNote{
				{Code: "2010350", Note: "用于事业单位的信息化运维和示范活动。"},
				{Code: "2010301", Note: "用于保障机关正常运转的基本支出。"},
			},
			AlsoAbsent: []string{"上级专项转移支付支出", "国有资本经营预算支出"},
			Glossary: []budget.Term{
				{Term: "基本支出", Definition: "保障机构正常运转的支出。"},
				{Term: "“三公”经费", Definition: "因公出国（境）费、公务用车购置及运行费、公务接待费。"},
			},
		},
	}
	// The tasks cover the whole budget, as validation requires.
	t := &b.Performance.Tasks[1]
	for _, li := range b.Items {
		t.Fiscal += li.Amount
	}
	t.Fiscal -= b.Performance.Tasks[0].Total() + t.Other
	finalAccounts(b)
	return b
}

// finalAccounts makes b a 部门决算 that balances: every item's 决算数 (some below
// the budget), its income as received, carry-in for what carry-over paid, and the
// rest of the Final block with every field set.
func finalAccounts(b *budget.Budget) {
	b.Document = budget.DocFinal
	f := &budget.Final{}
	for i := range b.Items {
		li := &b.Items[i]
		a := li.Amount
		if i%3 == 1 {
			a = a / 2
		}
		li.Final = &a
		if li.Fund == budget.CarryOver {
			c := budget.FinalCarry{Unit: li.Unit, Fund: budget.CarryFund(li.SourceFund()), Amount: a}
			if c.Fund == budget.GovFund {
				c.Functional = li.Functional
			}
			f.CarryIn = append(f.CarryIn, c)
			continue
		}
		f.Income = append(f.Income, budget.FinalIncome{Unit: li.Unit, Functional: li.Functional, Source: li.Fund, Amount: a})
	}
	b.Items[0].Adjusted = amtp("560000.00")
	b.Items[2].Adjusted = amtp("0")
	// 001001 keeps 1,000.00 of its 一般公共预算 income; 001003 draws 5.00 of its
	// balances and distributes them.
	f.Income = append(f.Income, budget.FinalIncome{Unit: "001001", Functional: "2010301", Source: budget.GeneralPublic, Amount: amt("1000")})
	f.Income = append(f.Income, budget.FinalIncome{Unit: "001001", Functional: "2010350", Source: budget.GovFund, Amount: amt("10")})
	f.CarryIn = append(f.CarryIn, budget.FinalCarry{Unit: "001003", Fund: budget.NonFiscal, Amount: amt("0")})
	f.CarryOut = []budget.FinalCarry{{Unit: "001001", Fund: budget.GeneralPublic, Amount: amt("1000")},
		{Unit: "001001", Fund: budget.GovFund, Functional: "2010350", Amount: amt("10")}}
	f.Distribution = []budget.FinalCarry{{Unit: "001003", Fund: budget.NonFiscal, Functional: "2010301", Amount: amt("5.00")}}
	f.UseBalance = []budget.FinalCarry{{Unit: "001003", Fund: budget.NonFiscal, Functional: "2010301", Amount: amt("5.00")}}
	f.SanGong = []budget.SanGongLine{{Unit: "001001", Fund: budget.GeneralPublic, Abroad: amt("1"), Reception: amt("2"), CarPurchase: amt("3"), CarRunning: amt("4")}}
	f.LastYear = budget.FinalLastYear{Total: amt("4000000"), FiscalTotal: amt("3900000.01"), GeneralSpending: amt("3800000"), OfficeCost: amt("400000"),
		SanGong: []budget.SanGongLine{{Unit: "001001", Fund: budget.GeneralPublic, Abroad: amt("100"), Reception: amt("1500"), CarPurchase: amt("200"), CarRunning: amt("300")}}, CompareSanGong: true}
	f.Procurement = budget.FinalProcurement{Goods: amt("1"), Works: amt("2"), Services: amt("3"), ReservedSME: amt("4"), ReservedSmall: amt("1"),
		AwardedSME: amt("4"), AwardedSmall: amt("1"), AwardedOther: amt("0.50")}
	f.Performance = budget.FinalPerformance{Intro: "制定了绩效管理办法；", Targets: 3, TargetAmount: amt("100"), Tracked: 2, TrackedAmount: amt("50"),
		Evaluated: 4, EvaluatedAmount: amt("120"), Score: "96.5", Excellent: 1, Good: 1, Pass: 1, Fail: 1, Problems: 3, Fixed: 1, Fixing: 1}
	f.Reasons = []budget.CodeNote{{Code: "2010301", Note: "人员减少。"}}
	f.Text = budget.FinalText{TotalReason: "总计减少。", FiscalReason: "财政拨款减少。", GeneralReason: "一般公共预算减少。",
		ExecutionReason: "项目调减。", SanGongReason: "压减接待。", SanGongLastReason: "接待增加。", OfficeCostReason: "运行经费持平。",
		Members: []budget.Member{{Name: "示范局财政所", Note: "预算不单列，并入本级"}, {Name: "示范局中心"}}}
	b.Final = f
}

// sameBudget compares two budgets ignoring Src (json:"-"), so that a round trip
// through either format can be checked for loss.
func sameBudget(t *testing.T, want, got *budget.Budget) {
	t.Helper()
	w, err := json.MarshalIndent(want, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	g, err := json.MarshalIndent(got, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if string(w) != string(g) {
		wl, gl := strings.Split(string(w), "\n"), strings.Split(string(g), "\n")
		for i := 0; i < len(wl) && i < len(gl); i++ {
			if wl[i] != gl[i] {
				t.Fatalf("budgets differ at JSON line %d:\nwant %s\n got %s", i+1, wl[i], gl[i])
			}
		}
		t.Fatalf("budgets differ in length: want %d lines, got %d", len(wl), len(gl))
	}
}

// errContains fails unless err's text contains every part.
func errContains(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("want an error containing %q, got nil", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error does not contain %q:\n%v", p, err)
		}
	}
}

// TestRichBudgetCoversModel fails when the model gains a field that richBudget leaves
// empty: the round trips would then not show whether both formats carry it.
func TestRichBudgetCoversModel(t *testing.T) {
	set := map[string]bool{}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), path)
			}
		case reflect.Struct:
			if v.Type() == sourceType {
				return
			}
			for i := range v.NumField() {
				if !v.Type().Field(i).IsExported() {
					continue // not the model's: a cache (Budget's lookups)
				}
				f := v.Type().Field(i).Name
				if _, ok := set[path+"."+f]; !ok {
					set[path+"."+f] = false
				}
				if !v.Field(i).IsZero() {
					set[path+"."+f] = true
				}
				walk(v.Field(i), path+"."+f)
			}
		}
	}
	walk(reflect.ValueOf(richBudget()).Elem(), "Budget")
	for f, ok := range set {
		if !ok && !strings.HasSuffix(f, ".Src") {
			t.Errorf("richBudget never sets %s", f)
		}
	}
}
