package demo

import "yusuan/budget"

// The catalogue of one synthetic district: the kinds of department a Shenzhen
// district has, with their units, the functional codes their money goes to (only
// codes of classification.Default()), their usual projects and their own words.
// A "%s" in a name stands for the district, e.g. 示例区.

// deptSpec is one kind of department.
type deptSpec struct {
	name  string // e.g. "%s教育局", "中共%s委组织部"
	kind  budget.UnitKind
	staff [2]int // headcount of the 本级 unit
	// run is the functional 项 of the 本级 unit's basic spending (行政运行 or the
	// nearest code the catalogue has); general is its 一般行政管理事务.
	run, general string
	sections     []string // 内设机构
	vehicles     map[string]int
	projects     []projSpec // of the 本级 unit
	units        []unitSpec
	duties       []string
	goals        []string
	output       string // the 数量指标 of its performance targets
	reception    int    // 公务接待费 of the 本级 unit, 百元
	abroad       bool   // may budget 因公出国（境）费用
	streets      bool   // one department per street: name takes the street too
}

// unitSpec is one kind of subordinate unit; count > 1 makes a family (schools).
type unitSpec struct {
	name  string
	kind  budget.UnitKind
	staff [2]int
	run   string
	count int
	// perStreet makes one unit for each street, named after it (派出所).
	perStreet bool
	vehicles  map[string]int
	projects  []projSpec
	// income is the share, in per cent, of basic spending paid from the unit's own
	// 事业收入 (hospitals); special is likewise from 财政专户管理资金 (high schools).
	income, special int
	equipment       [2]int // 单价100万元以上设备
}

// projSpec is a project a unit runs. Amounts are 万元.
type projSpec struct {
	name       string // "%s" takes the unit's short name
	purpose    string
	target     string
	functional string
	econ       []string
	amount     [2]int
	category   string
	procure    budget.ProcurementCategory
	// every says how often the project is budgeted: 0 every year, n every n-th year
	// from a year of its own.
	every      int
	classified bool
}

// Common functional codes of basic spending.
const (
	fnGovRun      = "2010301" // 行政运行（政府办公厅（室）及相关机构事务）
	fnGovGeneral  = "2010302"
	fnGovInst     = "2010350" // 事业运行
	fnFinRun      = "2010601"
	fnFinGeneral  = "2010602"
	fnTradeRun    = "2011301"
	fnTradeGen    = "2011302"
	fnTradeInst   = "2011350"
	fnJusticeRun  = "2040601"
	fnUrbanRun    = "2120101"
	fnUrbanGen    = "2120102"
	fnEnforce     = "2120104"
	fnSanitation  = "2120501"
	fnUrbanFac    = "2120399"
	fnUrbanOther  = "2129999"
	fnEducation   = "2059999"
	fnHealth      = "2109999"
	fnSecurity    = "2049999"
	fnMass        = "2012902" // 群众团体事务
	fnSocialOther = "2089999"
	fnSport       = "2070308"
)

var (
	carsFew    = map[string]int{"机要通信用车": 1}
	carsOffice = map[string]int{"机要通信用车": 1, "应急保障用车": 1}
	carsLaw    = map[string]int{"机要通信用车": 1, "执法执勤用车": 6}
)

// Projects most 本级 units have.
var (
	pjIT       = projSpec{"信息系统运行与维护", "保障机关业务系统、网络和设备正常运行", "保障业务系统全年正常运行，故障处理及时率100%。", fnGovGeneral, []string{"30213", "30227"}, [2]int{40, 260}, "通用项目", budget.Services, 0, false}
	pjOffice   = projSpec{"办公设备购置", "更新超过使用年限的计算机、打印机等办公设备", "按资产配置标准完成办公设备更新，资产使用率不低于95%。", fnGovGeneral, []string{"31002"}, [2]int{15, 80}, "通用项目", budget.Goods, 0, false}
	pjRepair   = projSpec{"办公用房修缮与维护", "办公楼及附属设施日常维修维护", "办公用房及附属设施完好率100%，维修响应及时。", fnGovGeneral, []string{"30213"}, [2]int{20, 150}, "通用项目", budget.Services, 0, false}
	pjLegal    = projSpec{"法律顾问服务经费", "聘请法律顾问开展合同审查和法律咨询", "完成全年合同合法性审查和法律咨询，审查及时率100%。", fnGovGeneral, []string{"30203"}, [2]int{8, 30}, "通用项目", budget.Services, 0, false}
	pjTraining = projSpec{"干部教育培训经费", "组织干部职工业务培训", "完成年度培训计划，参训率不低于95%。", "2050803", []string{"30216"}, [2]int{10, 60}, "通用项目", "", 0, false}
	pjAffairs  = projSpec{"一般管理事务", "保障机关综合事务、辅助服务和后勤运转", "保障机关各项工作正常运转。", fnGovGeneral, []string{"30226", "30209", "30299"}, [2]int{150, 900}, "", budget.Services, 0, false}
	pjPublic   = projSpec{"宣传经费", "政策宣传、信息公开和新闻发布", "完成年度宣传任务，群众知晓率持续提升。", fnGovGeneral, []string{"30202", "30227"}, [2]int{10, 60}, "通用项目", "", 0, false}
)

// commonProjects returns the usual 本级 projects, their functional code moved to general.
func commonProjects(general string, extra ...projSpec) []projSpec {
	var out []projSpec
	for _, p := range []projSpec{pjAffairs, pjIT, pjOffice, pjRepair, pjLegal, pjPublic} {
		if p.functional == fnGovGeneral {
			p.functional = general
		}
		out = append(out, p)
	}
	out = append(out, pjTraining)
	return append(out, extra...)
}

func proj(name, purpose, target, functional string, amount [2]int, procure budget.ProcurementCategory, econ ...string) projSpec {
	return projSpec{name: name, purpose: purpose, target: target, functional: functional, econ: econ, amount: amount, procure: procure}
}

func every(p projSpec, n int) projSpec { p.every = n; return p }

func secret(p projSpec) projSpec { p.classified = true; return p }

// Names of the district's places: streets, and the schools and parks named after them.
var (
	streetNames = []string{"东湖", "西岭", "南坪", "北溪", "青山", "翠园", "凤凰", "龙泉", "松坪", "梧桐"}
	schoolNames = []string{"东湖", "西岭", "南坪", "北溪", "青山", "翠园", "凤凰", "龙泉", "松坪", "梧桐",
		"荔园", "桂花", "玉兰", "碧湖", "锦绣", "明德", "育才", "启智", "致远", "博雅",
		"清华苑", "丹枫", "云峰", "枫林", "华景", "星河", "新城", "海湾", "金沙", "银湖",
		"红棉", "紫荆", "翠竹", "杏坛", "文华", "嘉园", "东城", "西城", "南山湖", "北岸"}
)

// schoolProjects are a school's projects; "%s" takes the school's short name.
var schoolProjects = []projSpec{
	every(proj("%s校舍维修改造", "教学楼、宿舍及运动场地维修改造", "按期完成校舍维修改造，工程验收合格率100%。", fnEducation, [2]int{60, 480}, budget.Works, "30213"), 3),
	proj("%s教学设备购置", "更新教学仪器、实验室和功能室设备", "按计划完成教学设备配置，设备完好率不低于98%。", fnEducation, [2]int{20, 160}, budget.Goods, "31003"),
	proj("%s课后服务", "开展课后托管和课后兴趣课程服务", "课后服务覆盖有需要的学生，家长满意度不低于90%。", fnEducation, [2]int{40, 220}, budget.Services, "30227", "30226"),
	proj("%s安保及物业服务", "校园安保、保洁和物业管理服务", "校园安全责任事故为零，物业服务质量达标。", fnEducation, [2]int{50, 200}, budget.Services, "30209"),
}

var schoolFamilies = []unitSpec{
	{name: "%s%s小学", kind: budget.Institution, staff: [2]int{60, 150}, run: fnEducation, count: 45, projects: schoolProjects},
	{name: "%s%s中学", kind: budget.Institution, staff: [2]int{80, 180}, run: fnEducation, count: 22, projects: schoolProjects},
	{name: "%s%s实验学校", kind: budget.Institution, staff: [2]int{120, 240}, run: fnEducation, count: 12, projects: schoolProjects},
	{name: "%s%s高级中学", kind: budget.Institution, staff: [2]int{150, 260}, run: fnEducation, count: 6, projects: schoolProjects, special: 8},
	{name: "%s%s幼儿园", kind: budget.Institution, staff: [2]int{25, 60}, run: fnEducation, count: 25, projects: schoolProjects[1:3]},
}

var hospitalProjects = []projSpec{
	proj("%s医疗设备购置", "购置和更新诊疗设备", "按计划完成医疗设备采购安装，设备验收合格率100%。", fnHealth, [2]int{300, 2600}, budget.Goods, "31003"),
	proj("%s信息化建设", "医院信息系统和互联网医院建设", "完成信息系统升级，电子病历应用水平持续提升。", fnHealth, [2]int{120, 900}, budget.Services, "31007", "30227"),
	proj("%s重点学科建设", "重点专科和学科人才培养", "完成年度学科建设任务，引进和培养学科骨干。", fnHealth, [2]int{80, 500}, "", "30216", "30227"),
	every(proj("%s院区维修改造", "院区及病房楼维修改造", "按期完成维修改造，工程验收合格率100%。", fnHealth, [2]int{200, 1500}, budget.Works, "31006"), 2),
}

// catalogue lists the departments of one district, in the order their codes run.
var catalogue = []deptSpec{
	{name: "中共%s委办公室", kind: budget.Administrative, staff: [2]int{60, 90}, run: fnGovRun, general: fnGovGeneral,
		sections: []string{"秘书科", "综合科", "督查科", "信息科", "机要科"}, vehicles: carsOffice, reception: 60,
		projects: commonProjects(fnGovGeneral, proj("区委重要会议及活动保障", "区委全会、重要会议和活动的组织保障", "保障各项会议活动安全有序。", fnGovGeneral, [2]int{80, 300}, budget.Services, "30215", "30227"),
			secret(proj("机要通信保障专项", "机要通信和保密工作", "确保机要通信安全畅通。", fnGovGeneral, [2]int{40, 150}, "", "30227", "31007"))),
		units: []unitSpec{{name: "%s档案馆", kind: budget.CivilServant, staff: [2]int{15, 25}, run: fnGovInst,
			projects: []projSpec{proj("档案数字化加工", "馆藏档案数字化加工和数据库建设", "完成年度档案数字化任务，数据准确率不低于99%。", fnGovGeneral, [2]int{60, 240}, budget.Services, "30227")}}},
		duties: []string{"负责区委日常工作的综合协调，保障区委领导工作正常运转。", "负责区委重要文件的起草、审核和印发，督促检查区委决策部署的落实。", "负责全区机要、保密和档案工作的统筹协调。"},
		goals:  []string{"提升以文辅政水平，高质量完成文稿起草和调查研究。", "强化督查落实，推动区委重大决策部署落地见效。", "做好机要保密和档案工作，确保安全万无一失。"},
		output: "督查督办事项"},
	{name: "%s人民政府办公室", kind: budget.Administrative, staff: [2]int{70, 110}, run: fnGovRun, general: fnGovGeneral,
		sections: []string{"秘书科", "综合科", "政务督查科", "应急值守科", "法制科"}, vehicles: carsOffice, reception: 80,
		projects: commonProjects(fnGovGeneral, proj("政府常务会议及重大活动保障", "区政府会议和重大活动组织保障", "保障会议活动有序开展。", fnGovGeneral, [2]int{60, 260}, budget.Services, "30215", "30227"),
			proj("12345热线服务", "政务服务便民热线运营", "热线接通率不低于95%，诉求按期办结率不低于98%。", fnGovGeneral, [2]int{300, 900}, budget.Services, "30227")),
		units: []unitSpec{{name: "%s政府发展研究中心", kind: budget.Institution, staff: [2]int{15, 30}, run: fnGovInst,
			projects: []projSpec{proj("重大课题研究", "围绕全区中心工作开展政策研究", "完成年度重大课题研究报告。", fnGovGeneral, [2]int{40, 160}, budget.Services, "30203")}},
			{name: "%s机关事务服务中心", kind: budget.Institution, staff: [2]int{30, 60}, run: fnGovInst, vehicles: map[string]int{"应急保障用车": 2, "其他用车": 3},
				projects: []projSpec{proj("机关大院物业管理", "区机关大院物业、保洁、安保服务", "物业服务质量考核达标率100%。", fnGovGeneral, [2]int{600, 1600}, budget.Services, "30209"),
					proj("机关食堂运营", "机关食堂委托运营", "食品安全事故为零，就餐满意度不低于90%。", fnGovGeneral, [2]int{200, 500}, budget.Services, "30227")}}},
		duties: []string{"协助区政府领导处理区政府日常工作，负责区政府会议的组织和决定事项的督办。", "负责区政府公文处理、政务信息、政务公开和应急值守工作。"},
		goals:  []string{"提高政务服务和督查督办效能。", "推进政务公开标准化规范化。", "做好应急值守，提升突发事件信息报送时效。"},
		output: "办理区政府公文"},
	{name: "中共%s委组织部", kind: budget.Administrative, staff: [2]int{40, 70}, run: fnGovRun, general: "2013202",
		sections: []string{"办公室", "干部科", "组织科", "人才工作科", "公务员管理科"}, vehicles: carsFew, reception: 30,
		projects: commonProjects("2013202", proj("人才发展专项", "引进和培养高层次人才，落实人才住房和奖励政策", "完成年度人才引进培养任务。", "2013202", [2]int{800, 3000}, "", "30309", "30227"),
			proj("基层党组织建设", "基层党建阵地建设和党员教育培训", "基层党组织规范化建设达标率100%。", "2013202", [2]int{200, 700}, "", "30216", "30227")),
		duties: []string{"负责全区党的组织建设、干部队伍建设和人才工作。", "负责公务员队伍的综合管理和干部教育培训。"},
		goals:  []string{"抓好基层党组织标准化规范化建设。", "完善干部选育管用全链条机制。", "深化人才发展体制机制改革。"},
		output: "培训党员干部"},
	{name: "中共%s委宣传部", kind: budget.Administrative, staff: [2]int{30, 55}, run: fnGovRun, general: "2013302",
		sections: []string{"办公室", "理论科", "新闻科", "文明创建科", "网络宣传科"}, vehicles: carsFew, reception: 30,
		projects: commonProjects("2013302", proj("文明城市创建", "开展文明城市常态化创建和志愿服务", "文明城市测评指标保持全市前列。", "2013302", [2]int{400, 1500}, budget.Services, "30227"),
			proj("重大主题宣传", "围绕中心工作开展主题宣传", "完成年度重大主题宣传任务。", "2013302", [2]int{150, 500}, budget.Services, "30227", "30202")),
		units: []unitSpec{{name: "%s融媒体中心", kind: budget.Institution, staff: [2]int{60, 110}, run: "2013302", vehicles: map[string]int{"特种专业技术用车": 2},
			projects: []projSpec{proj("融媒体平台运营", "新闻客户端和新媒体平台运营", "全年发布原创稿件不少于5000条。", "2013302", [2]int{300, 900}, budget.Services, "30227", "31007")}}},
		duties: []string{"负责全区理论学习、新闻宣传、网络宣传和精神文明建设工作。", "指导全区宣传思想文化工作。"},
		goals:  []string{"巩固文明城市创建成果。", "讲好本区故事，提升对外传播影响力。"},
		output: "组织主题宣传活动"},
	{name: "中共%s委统战部", kind: budget.Administrative, staff: [2]int{25, 40}, run: fnGovRun, general: "2013402",
		sections: []string{"办公室", "党派科", "民族宗教科", "非公经济科"}, vehicles: carsFew, reception: 20,
		projects: commonProjects("2013402", proj("统一战线工作经费", "民主党派、无党派人士和新的社会阶层人士工作", "完成年度统战工作任务。", "2013402", [2]int{80, 300}, "", "30227", "30215")),
		duties:   []string{"负责统一战线的方针政策在全区的贯彻落实。", "联系民主党派、工商联和无党派人士，做好民族宗教工作。"},
		goals:    []string{"巩固和发展最广泛的爱国统一战线。", "促进非公有制经济健康发展和非公有制经济人士健康成长。"},
		output:   "开展统战活动"},
	{name: "中共%s委政法委员会", kind: budget.Administrative, staff: [2]int{30, 50}, run: fnGovRun, general: fnSecurity,
		sections: []string{"办公室", "综治督导科", "执法监督科", "平安建设科"}, vehicles: carsOffice, reception: 20,
		projects: commonProjects(fnSecurity, proj("平安建设专项", "社会治安综合治理和平安创建", "群众安全感满意度不低于95%。", fnSecurity, [2]int{500, 2000}, budget.Services, "30227"),
			proj("网格化管理服务", "社区网格员队伍和网格化管理", "网格事件按期办结率不低于98%。", fnSecurity, [2]int{2000, 6000}, budget.Services, "30226")),
		duties: []string{"统筹协调全区政法工作和平安建设。", "指导推进社会治理现代化。"},
		goals:  []string{"建设更高水平的平安区。", "提升基层社会治理能力。"},
		output: "化解矛盾纠纷"},
	{name: "中共%s纪律检查委员会", kind: budget.Administrative, staff: [2]int{60, 100}, run: fnGovRun, general: fnGovGeneral,
		sections: []string{"办公室", "党风政风监督室", "信访室", "案件监督管理室", "审查调查室"}, vehicles: carsLaw, reception: 20,
		projects: commonProjects(fnGovGeneral, secret(proj("审查调查专项经费", "审查调查工作", "保障审查调查工作顺利开展。", fnGovGeneral, [2]int{200, 600}, "", "30227", "30211")),
			proj("廉政教育基地运营", "廉政教育基地日常运营和展陈更新", "全年接待参观学习不少于300批次。", fnGovGeneral, [2]int{60, 200}, budget.Services, "30227")),
		duties: []string{"维护党的章程和其他党内法规，检查党的路线方针政策和决议的执行情况。", "依法履行监督、调查、处置职责。"},
		goals:  []string{"深化正风肃纪反腐。", "做实日常监督。"},
		output: "开展监督检查"},
	{name: "%s发展和改革局", kind: budget.Administrative, staff: [2]int{45, 70}, run: fnGovRun, general: fnGovGeneral,
		sections: []string{"办公室", "综合规划科", "投资科", "价格科", "能源科"}, vehicles: carsFew, reception: 30,
		projects: commonProjects(fnGovGeneral, proj("国民经济和社会发展规划研究", "规划编制、中期评估和重大课题研究", "按期完成规划研究任务。", fnGovGeneral, [2]int{100, 500}, budget.Services, "30203", "30227"),
			proj("政府投资项目评审", "政府投资项目可行性研究评审", "评审按期完成率100%。", fnGovGeneral, [2]int{150, 600}, budget.Services, "30227")),
		duties: []string{"拟订并组织实施全区国民经济和社会发展规划。", "统筹政府投资项目管理，负责价格、能源等工作。"},
		goals:  []string{"扎实推进重大项目建设。", "做好经济运行监测和规划实施。"},
		output: "评审政府投资项目"},
	{name: "%s财政局", kind: budget.Administrative, staff: [2]int{70, 110}, run: fnFinRun, general: fnFinGeneral,
		sections: []string{"办公室", "预算科", "国库科", "政府采购监管科", "绩效管理科", "资产管理科"}, vehicles: carsOffice, reception: 30,
		projects: commonProjects(fnFinGeneral, proj("预算管理一体化系统运维", "预算管理一体化系统运行维护和升级", "系统全年可用率不低于99%。", "2010607", [2]int{200, 800}, budget.Services, "30227", "31007"),
			proj("预算绩效评价", "委托第三方开展重点项目和部门整体绩效评价", "完成年度重点绩效评价任务。", "2010604", [2]int{100, 400}, budget.Services, "30227"),
			proj("国库集中支付代理服务", "国库集中支付代理银行服务", "支付业务差错率为零。", "2010605", [2]int{50, 200}, budget.Services, "30204"),
			proj("财政投资评审委托", "委托中介机构开展工程预结算评审", "评审审减率达到预期。", "2010608", [2]int{300, 1200}, budget.Services, "30227")),
		units: []unitSpec{{name: "%s财政投资评审中心", kind: budget.CivilServant, staff: [2]int{20, 35}, run: fnFinRun},
			{name: "%s政府采购中心", kind: budget.CivilServant, staff: [2]int{15, 30}, run: fnFinRun,
				projects: []projSpec{proj("政府采购电子化平台运维", "政府采购交易平台运行维护", "平台全年稳定运行。", "2010607", [2]int{60, 200}, budget.Services, "30227")}}},
		duties: []string{"拟订全区财政发展规划和政策，编制区级预算草案并组织执行。", "负责政府采购、国有资产、预算绩效和财政监督管理。"},
		goals:  []string{"深化预算管理制度改革。", "全面实施预算绩效管理。", "加强财政资源统筹。"},
		output: "开展重点绩效评价项目"},
	{name: "%s统计局", kind: budget.Administrative, staff: [2]int{25, 40}, run: fnGovRun, general: "2010506",
		sections: []string{"办公室", "综合科", "经济统计科", "社会统计科"}, vehicles: carsFew, reception: 10,
		projects: commonProjects("2010506", every(proj("经济普查", "全国经济普查的组织实施", "按期完成普查登记和数据审核。", "2010507", [2]int{300, 900}, budget.Services, "30226", "30227"), 3),
			proj("统计调查及数据质量核查", "常规统计调查和数据质量核查", "统计数据按时上报率100%。", "2010506", [2]int{80, 300}, budget.Services, "30227")),
		duties: []string{"负责全区统计调查和国民经济核算工作。", "发布统计数据，开展统计分析。"},
		goals:  []string{"提高统计数据质量。", "做好普查和统计调查。"},
		output: "完成统计调查项目"},
	{name: "%s审计局", kind: budget.Administrative, staff: [2]int{40, 60}, run: fnGovRun, general: fnGovGeneral,
		sections: []string{"办公室", "财政审计科", "经济责任审计科", "投资审计科"}, vehicles: carsFew, reception: 10,
		projects: commonProjects(fnGovGeneral, proj("委托审计服务", "委托社会审计机构参与政府投资项目审计", "完成年度审计项目计划。", fnGovGeneral, [2]int{200, 800}, budget.Services, "30227")),
		duties:   []string{"主管全区审计工作，对财政收支和有关经济活动进行审计监督。"},
		goals:    []string{"做好预算执行审计和经济责任审计。", "推动审计整改落实。"},
		output:   "完成审计项目"},
	{name: "%s教育局", kind: budget.Administrative, staff: [2]int{60, 90}, run: fnGovRun, general: fnEducation,
		sections: []string{"办公室", "基础教育科", "学前教育科", "人事科", "计划财务科", "安全管理科"}, vehicles: carsOffice, reception: 20,
		projects: commonProjects(fnEducation, proj("学生资助", "家庭经济困难学生资助", "应助尽助，资助资金按时足额发放。", fnEducation, [2]int{300, 900}, "", "30308"),
			proj("教育信息化建设", "智慧校园和教育城域网建设", "全区学校网络覆盖率100%。", fnEducation, [2]int{800, 3000}, budget.Goods, "31007", "30227"),
			proj("教师培训", "中小学教师继续教育和骨干教师培养", "完成教师继续教育学时要求。", "2050801", [2]int{200, 600}, budget.Services, "30216"),
			proj("民办学校学位补贴", "民办中小学就读学生学位补贴", "补贴资金按时足额拨付。", fnEducation, [2]int{6000, 15000}, "", "39908"),
			proj("学前教育发展专项", "普惠性幼儿园生均补助和保教人员补贴", "普惠性幼儿园在园幼儿占比不低于85%。", fnEducation, [2]int{3000, 9000}, "", "39908", "30305")),
		units: append([]unitSpec{{name: "%s教育科学研究院", kind: budget.Institution, staff: [2]int{50, 80}, run: fnEducation,
			projects: []projSpec{proj("教学研究与质量监测", "教研活动和学业质量监测", "完成年度教学质量监测。", fnEducation, [2]int{100, 400}, budget.Services, "30227")}}}, schoolFamilies...),
		duties: []string{"贯彻执行国家、省、市教育方针政策，统筹规划全区各级各类教育发展。", "负责全区中小学、幼儿园的管理和教育督导。"},
		goals:  []string{"新增公办学位，缓解学位供需矛盾。", "推动基础教育优质均衡发展。", "加强教师队伍建设。"},
		output: "新增公办学位"},
	{name: "%s科技创新局", kind: budget.Administrative, staff: [2]int{30, 45}, run: fnGovRun, general: fnGovGeneral,
		sections: []string{"办公室", "科技计划科", "高新技术科", "产业创新科"}, vehicles: carsFew, reception: 20, abroad: true,
		projects: commonProjects(fnGovGeneral, proj("科技企业研发资助", "资助企业研发投入和创新平台建设", "资助企业研发投入持续增长。", "2060503", [2]int{3000, 9000}, "", "31204"),
			proj("科普活动", "科技活动周和科普进社区", "全年开展科普活动不少于50场。", "2060702", [2]int{50, 200}, budget.Services, "30227")),
		duties: []string{"拟订全区科技创新规划和政策并组织实施。", "负责科技计划项目和创新载体的管理。"},
		goals:  []string{"培育国家高新技术企业。", "提升区域创新能力。"},
		output: "资助科技企业"},
	{name: "%s工业和信息化局", kind: budget.Administrative, staff: [2]int{35, 55}, run: fnGovRun, general: fnGovGeneral,
		sections: []string{"办公室", "产业发展科", "技术改造科", "中小企业服务科"}, vehicles: carsFew, reception: 20, abroad: true,
		projects: commonProjects(fnGovGeneral, proj("工业企业技术改造扶持", "支持工业企业技术改造和数字化转型", "技术改造投资保持增长。", "2150899", [2]int{4000, 12000}, "", "31204"),
			proj("中小企业服务体系建设", "中小企业公共服务平台运营", "服务中小企业不少于2000家次。", "2150899", [2]int{200, 700}, budget.Services, "30227")),
		duties: []string{"拟订全区工业和信息化发展规划并组织实施。", "推进工业转型升级和中小企业发展。"},
		goals:  []string{"稳住工业经济基本盘。", "推动制造业数字化转型。"},
		output: "扶持工业企业"},
	{name: "%s商务局", kind: budget.Administrative, staff: [2]int{30, 45}, run: fnTradeRun, general: fnTradeGen,
		sections: []string{"办公室", "商贸流通科", "外经贸科", "消费促进科"}, vehicles: carsFew, reception: 30, abroad: true,
		projects: commonProjects(fnTradeGen, proj("促进消费专项", "举办促消费活动和发放消费券", "社会消费品零售总额保持增长。", "2011399", [2]int{1000, 5000}, budget.Services, "30227"),
			proj("外贸发展扶持", "支持企业开拓国际市场", "外贸进出口保持稳定。", "2169999", [2]int{800, 3000}, "", "31204")),
		units: []unitSpec{{name: "%s投资推广和企业服务中心", kind: budget.Institution, staff: [2]int{20, 40}, run: fnTradeInst,
			projects: []projSpec{proj("招商引资推介活动", "组织招商推介和重点企业服务", "引进重点项目不少于20个。", fnTradeGen, [2]int{200, 800}, budget.Services, "30227", "30215")}}},
		duties: []string{"负责全区商贸流通、消费促进和对外贸易工作。"},
		goals:  []string{"提振消费。", "稳外贸稳外资。"},
		output: "举办促消费活动"},
	{name: "%s公安分局", kind: budget.Administrative, staff: [2]int{300, 600}, run: fnSecurity, general: fnSecurity,
		sections: []string{"警务保障室", "指挥中心", "刑事侦查大队", "治安管理大队", "交通警察大队"}, vehicles: map[string]int{"机要通信用车": 2, "执法执勤用车": 60, "特种专业技术用车": 6}, reception: 30,
		projects: commonProjects(fnSecurity, proj("辅警队伍保障", "辅警人员经费和装备保障", "辅警队伍稳定，人员在岗率不低于98%。", fnSecurity, [2]int{8000, 20000}, "", "30226"),
			proj("警用装备购置", "执法记录仪、单警装备等警用装备购置", "警用装备配备达标率100%。", fnSecurity, [2]int{500, 2000}, budget.Goods, "31003", "30224"),
			proj("视频监控系统运维", "公共视频监控系统运行维护", "视频监控完好率不低于95%。", fnSecurity, [2]int{1000, 3000}, budget.Services, "30213", "30227"),
			secret(proj("专项业务经费", "专项业务工作", "保障专项业务工作开展。", fnSecurity, [2]int{600, 2400}, "", "30227", "30211")),
			secret(proj("技术侦查装备", "专项装备", "保障专项装备运行。", fnSecurity, [2]int{300, 1200}, "", "31003"))),
		units: []unitSpec{{name: "%s公安分局%s派出所", kind: budget.Administrative, staff: [2]int{40, 90}, run: fnSecurity, perStreet: true,
			vehicles: map[string]int{"执法执勤用车": 5},
			projects: []projSpec{proj("%s社区警务及治安巡防", "社区警务室运营和治安巡逻防控", "辖区刑事警情同比下降。", fnSecurity, [2]int{100, 400}, budget.Services, "30227", "30226")}}},
		duties: []string{"负责辖区社会治安管理，预防、制止和侦查违法犯罪活动。", "负责辖区道路交通安全管理和户政、出入境等管理服务。"},
		goals:  []string{"严厉打击违法犯罪，刑事警情持续下降。", "提升道路交通安全水平。"},
		output: "开展专项整治行动"},
	{name: "%s民政局", kind: budget.Administrative, staff: [2]int{35, 55}, run: fnGovRun, general: "2080206",
		sections: []string{"办公室", "社会救助科", "养老服务科", "社会组织管理科"}, vehicles: carsFew, reception: 10,
		projects: commonProjects("2080206", proj("最低生活保障及临时救助", "城市低保、特困人员供养和临时救助", "救助资金按时足额发放率100%。", "2082501", [2]int{1500, 5000}, "", "30306", "30305"),
			proj("居家养老服务", "长者饭堂和居家养老服务补贴", "服务老年人不少于1万人次。", "2081005", [2]int{600, 2000}, budget.Services, "30227", "30305"),
			proj("社会组织培育", "社会组织孵化和等级评估", "完成社会组织年度检查和评估。", "2080206", [2]int{80, 300}, budget.Services, "30227")),
		units: []unitSpec{{name: "%s社会福利中心", kind: budget.Institution, staff: [2]int{60, 120}, run: "2081005", vehicles: map[string]int{"特种专业技术用车": 1},
			projects: []projSpec{proj("福利中心院舍维护", "院舍和适老化设施维护", "设施完好率100%。", "2081005", [2]int{100, 500}, budget.Works, "30213")}},
			{name: "%s殡仪馆", kind: budget.Institution, staff: [2]int{40, 70}, run: "2080801", vehicles: map[string]int{"特种专业技术用车": 4},
				projects: []projSpec{proj("惠民殡葬服务", "基本殡葬服务费用减免", "惠民殡葬政策落实率100%。", "2080801", [2]int{200, 600}, "", "30305")}}},
		duties: []string{"负责全区社会救助、养老服务、社会组织管理和殡葬管理工作。"},
		goals:  []string{"兜牢民生底线。", "完善养老服务体系。"},
		output: "发放救助"},
	{name: "%s司法局", kind: budget.Administrative, staff: [2]int{50, 80}, run: fnJusticeRun, general: "2040604",
		sections: []string{"办公室", "法治督察科", "普法与依法治理科", "社区矫正科"}, vehicles: map[string]int{"机要通信用车": 1, "执法执勤用车": 3}, reception: 10,
		projects: commonProjects("2040604", proj("普法宣传", "法治宣传教育进社区、进校园", "开展普法活动不少于200场。", "2040605", [2]int{60, 200}, budget.Services, "30227"),
			proj("公共法律服务体系建设", "社区法律顾问和公共法律服务站点运营", "社区法律顾问覆盖率100%。", "2040607", [2]int{500, 1500}, budget.Services, "30227"),
			proj("智慧司法平台建设", "社区矫正和人民调解信息化", "系统上线运行。", "2040613", [2]int{100, 500}, budget.Goods, "31007")),
		units: []unitSpec{{name: "%s司法局%s司法所", kind: budget.Administrative, staff: [2]int{6, 12}, run: fnJusticeRun, perStreet: true},
			{name: "%s公证处", kind: budget.Institution, staff: [2]int{20, 35}, run: "2040699"},
			{name: "%s法律援助处", kind: budget.CivilServant, staff: [2]int{10, 20}, run: fnJusticeRun,
				projects: []projSpec{proj("法律援助案件补贴", "法律援助案件办案补贴", "法律援助案件办结率100%。", "2040607", [2]int{200, 600}, "", "30227")}}},
		duties: []string{"负责全区法治建设的统筹协调，承担普法、人民调解、社区矫正和公共法律服务工作。"},
		goals:  []string{"推进法治政府建设。", "完善公共法律服务体系。"},
		output: "办理法律援助案件"},
	{name: "%s人力资源局", kind: budget.Administrative, staff: [2]int{40, 60}, run: fnGovRun, general: fnSocialOther,
		sections: []string{"办公室", "就业促进科", "劳动关系科", "人才服务科"}, vehicles: carsFew, reception: 10,
		projects: commonProjects(fnSocialOther, proj("公益性岗位补贴", "就业困难人员公益性岗位补贴", "补贴按时足额发放。", "2080705", [2]int{500, 1500}, "", "30305"),
			proj("职业技能培训补贴", "职业技能提升培训补贴", "培训不少于5000人次。", fnSocialOther, [2]int{400, 1200}, "", "30305")),
		units: []unitSpec{{name: "%s公共就业服务中心", kind: budget.Institution, staff: [2]int{25, 45}, run: fnSocialOther,
			projects: []projSpec{proj("招聘会及就业服务活动", "举办招聘会和就业服务进社区", "举办招聘活动不少于100场。", fnSocialOther, [2]int{80, 300}, budget.Services, "30227")}},
			{name: "%s劳动人事争议仲裁院", kind: budget.CivilServant, staff: [2]int{20, 35}, run: fnGovRun}},
		duties: []string{"负责全区就业、劳动关系和人才服务工作。"},
		goals:  []string{"稳就业保就业。", "构建和谐劳动关系。"},
		output: "新增就业"},
	{name: "%s住房和建设局", kind: budget.Administrative, staff: [2]int{60, 90}, run: fnGovRun, general: "2210399",
		sections: []string{"办公室", "住房保障科", "建筑市场科", "物业管理科"}, vehicles: carsLaw, reception: 20,
		projects: commonProjects("2210399", proj("保障性住房运营管理", "保障性住房维修和运营管理", "保障性住房完好率100%。", "2210399", [2]int{800, 3000}, budget.Services, "30209", "30213"),
			proj("建筑施工安全监管", "委托开展建筑工地安全巡查", "较大以上安全事故为零。", fnUrbanOther, [2]int{300, 1000}, budget.Services, "30227")),
		units: []unitSpec{{name: "%s建设工程质量安全监督站", kind: budget.CivilServant, staff: [2]int{40, 60}, run: fnUrbanRun, vehicles: map[string]int{"执法执勤用车": 4}},
			{name: "%s住房保障服务中心", kind: budget.Institution, staff: [2]int{20, 35}, run: "2210399"}},
		duties: []string{"负责全区住房保障、建筑市场、工程质量安全和物业管理工作。"},
		goals:  []string{"筹集建设保障性住房。", "守住建筑施工安全底线。"},
		output: "筹集保障性住房"},
	{name: "%s交通运输局", kind: budget.Administrative, staff: [2]int{40, 60}, run: fnGovRun, general: fnUrbanFac,
		sections: []string{"办公室", "道路管理科", "公共交通科", "运输管理科"}, vehicles: carsLaw, reception: 10,
		projects: commonProjects(fnUrbanFac, proj("市政道路养护", "区管市政道路、桥梁日常养护", "道路完好率不低于95%。", fnUrbanFac, [2]int{3000, 9000}, budget.Services, "30213"),
			proj("公交微循环补贴", "社区公交微循环线路运营补贴", "公交站点500米覆盖率持续提高。", fnUrbanFac, [2]int{500, 2000}, "", "31204")),
		units:  []unitSpec{{name: "%s道路管养中心", kind: budget.Institution, staff: [2]int{30, 50}, run: fnUrbanFac, vehicles: map[string]int{"特种专业技术用车": 3}}},
		duties: []string{"负责全区交通运输规划、道路管养和公共交通管理。"},
		goals:  []string{"提升道路通行效率。", "完善公交服务。"},
		output: "养护市政道路"},
	{name: "%s水务局", kind: budget.Administrative, staff: [2]int{40, 60}, run: fnGovRun, general: fnUrbanOther,
		sections: []string{"办公室", "水资源科", "河湖管理科", "排水管理科"}, vehicles: carsLaw, reception: 10,
		projects: commonProjects(fnUrbanOther, proj("河道管养", "河道、水库日常管养", "河湖水质稳定达标。", fnUrbanOther, [2]int{2000, 6000}, budget.Services, "30213", "30227"),
			proj("排水管网运维", "雨污管网清疏和运营维护", "管网运行正常，内涝点及时消除。", fnUrbanOther, [2]int{1500, 5000}, budget.Services, "30213"),
			every(proj("防洪排涝设施改造", "易涝点整治和泵站改造", "按期完成整治工程。", fnUrbanOther, [2]int{2000, 8000}, budget.Works, "31005"), 2)),
		units:  []unitSpec{{name: "%s水务工程建设管理中心", kind: budget.Institution, staff: [2]int{30, 50}, run: fnUrbanOther}},
		duties: []string{"负责全区水资源、河湖、供排水和防洪排涝管理。"},
		goals:  []string{"巩固治水成果。", "提升防洪排涝能力。"},
		output: "整治易涝点"},
	{name: "%s城市管理和综合执法局", kind: budget.Administrative, staff: [2]int{70, 110}, run: fnUrbanRun, general: fnUrbanGen,
		sections: []string{"办公室", "市容环境科", "环卫管理科", "执法监督科", "公园管理科"}, vehicles: map[string]int{"机要通信用车": 1, "执法执勤用车": 12}, reception: 20,
		projects: commonProjects(fnUrbanGen, proj("市容环境提升", "主次干道市容环境整治和景观提升", "市容环境考评保持前列。", fnUrbanGen, [2]int{2000, 6000}, budget.Services, "30227"),
			proj("垃圾分类处理", "生活垃圾分类收运和处理", "垃圾分类回收利用率不低于45%。", fnSanitation, [2]int{4000, 12000}, budget.Services, "30227"),
			proj("城管执法专项", "城管执法装备和协管员", "违法建设零增量。", fnEnforce, [2]int{800, 3000}, "", "30226", "30224")),
		units: []unitSpec{{name: "%s环境卫生管理处", kind: budget.Institution, staff: [2]int{50, 90}, run: fnSanitation, vehicles: map[string]int{"特种专业技术用车": 8},
			projects: []projSpec{proj("道路清扫保洁", "市政道路清扫保洁服务", "道路保洁质量达标率不低于95%。", fnSanitation, [2]int{6000, 15000}, budget.Services, "30227")}},
			{name: "%s公园管理中心", kind: budget.Institution, staff: [2]int{40, 70}, run: fnUrbanFac,
				projects: []projSpec{proj("公园绿地管养", "公园和绿地日常管养", "公园设施完好率不低于95%。", fnUrbanFac, [2]int{3000, 8000}, budget.Services, "30213", "30227")}},
			{name: "%s市政设施管理中心", kind: budget.Institution, staff: [2]int{30, 50}, run: fnUrbanFac,
				projects: []projSpec{proj("市政照明设施维护", "路灯和景观照明维护", "亮灯率不低于98%。", fnUrbanFac, [2]int{800, 2500}, budget.Services, "30213")}}},
		duties: []string{"负责全区市容环境卫生、园林绿化和城市管理综合执法工作。"},
		goals:  []string{"打造干净整洁有序的城市环境。", "推进生活垃圾分类。"},
		output: "道路清扫保洁面积（万平方米）"},
	{name: "%s文化广电旅游体育局", kind: budget.Administrative, staff: [2]int{35, 55}, run: fnGovRun, general: fnSport,
		sections: []string{"办公室", "文化艺术科", "旅游发展科", "体育科"}, vehicles: carsFew, reception: 20,
		projects: commonProjects(fnSport, proj("全民健身活动", "举办全民健身赛事和群众体育活动", "全年举办群众体育活动不少于100场。", fnSport, [2]int{300, 1000}, budget.Services, "30227"),
			proj("社区体育设施维护", "社区健身路径和球场维护", "社区体育设施完好率不低于95%。", fnSport, [2]int{200, 600}, budget.Services, "30213")),
		units: []unitSpec{{name: "%s体育中心", kind: budget.Institution, staff: [2]int{40, 70}, run: fnSport,
			projects: []projSpec{proj("体育场馆运营", "体育场馆低收费免费开放", "场馆年接待健身群众不少于50万人次。", fnSport, [2]int{500, 1500}, budget.Services, "30209", "30227")}},
			{name: "%s全民健身指导中心", kind: budget.Institution, staff: [2]int{15, 30}, run: fnSport},
			{name: "%s业余体育学校", kind: budget.Institution, staff: [2]int{30, 50}, run: fnSport,
				projects: []projSpec{proj("青少年体育训练", "青少年业余训练和竞赛", "输送优秀运动员不少于10人。", fnSport, [2]int{150, 500}, "", "30227", "30216")}}},
		duties: []string{"负责全区文化、广电、旅游和体育事业发展。"},
		goals:  []string{"完善全民健身公共服务体系。", "促进文体旅融合发展。"},
		output: "举办群众体育活动"},
	{name: "%s卫生健康局", kind: budget.Administrative, staff: [2]int{50, 80}, run: fnGovRun, general: fnHealth,
		sections: []string{"办公室", "医政医管科", "基层卫生科", "疾病预防控制科", "人口家庭科"}, vehicles: carsOffice, reception: 20,
		projects: commonProjects(fnHealth, proj("基本公共卫生服务", "居民健康档案、慢病管理等基本公共卫生服务", "基本公共卫生服务项目考核达标。", fnHealth, [2]int{5000, 15000}, budget.Services, "30227"),
			proj("计划生育奖励扶助", "计划生育家庭奖励和特别扶助", "扶助资金按时足额发放。", "2100717", [2]int{300, 900}, "", "30309"),
			proj("社区健康服务机构补助", "社区健康服务机构运营补助", "社区首诊率持续提升。", fnHealth, [2]int{3000, 9000}, "", "39908")),
		units: []unitSpec{
			{name: "%s人民医院", kind: budget.Institution, staff: [2]int{1400, 2200}, run: fnHealth, income: 72, equipment: [2]int{25, 45}, vehicles: map[string]int{"特种专业技术用车": 8}, projects: hospitalProjects},
			{name: "%s中医院", kind: budget.Institution, staff: [2]int{700, 1100}, run: fnHealth, income: 68, equipment: [2]int{10, 20}, vehicles: map[string]int{"特种专业技术用车": 4}, projects: hospitalProjects},
			{name: "%s妇幼保健院", kind: budget.Institution, staff: [2]int{500, 900}, run: fnHealth, income: 65, equipment: [2]int{6, 15}, vehicles: map[string]int{"特种专业技术用车": 3}, projects: hospitalProjects},
			{name: "%s第二人民医院", kind: budget.Institution, staff: [2]int{800, 1300}, run: fnHealth, income: 70, equipment: [2]int{12, 25}, vehicles: map[string]int{"特种专业技术用车": 5}, projects: hospitalProjects},
			{name: "%s疾病预防控制中心", kind: budget.Institution, staff: [2]int{90, 150}, run: fnHealth, income: 10, equipment: [2]int{3, 8}, vehicles: map[string]int{"特种专业技术用车": 3},
				projects: []projSpec{proj("重大传染病防控", "传染病监测、预防接种和应急处置", "适龄儿童免疫规划疫苗接种率不低于95%。", fnHealth, [2]int{800, 2500}, budget.Goods, "30218", "30227")}},
			{name: "%s慢性病防治院", kind: budget.Institution, staff: [2]int{120, 200}, run: fnHealth, income: 40, equipment: [2]int{2, 6}, projects: hospitalProjects[:2]},
			{name: "%s急救中心", kind: budget.Institution, staff: [2]int{60, 100}, run: fnHealth, vehicles: map[string]int{"特种专业技术用车": 20},
				projects: []projSpec{proj("院前急救网络运营", "急救站点和救护车运营", "急救平均反应时间不超过12分钟。", fnHealth, [2]int{600, 1800}, budget.Services, "30227", "30225")}},
			{name: "%s第三人民医院", kind: budget.Institution, staff: [2]int{500, 900}, run: fnHealth, income: 70, equipment: [2]int{8, 16}, vehicles: map[string]int{"特种专业技术用车": 3}, projects: hospitalProjects},
			{name: "%s康复医院", kind: budget.Institution, staff: [2]int{200, 400}, run: fnHealth, income: 60, equipment: [2]int{2, 6}, projects: hospitalProjects[:2]},
			{name: "%s精神卫生中心", kind: budget.Institution, staff: [2]int{150, 300}, run: fnHealth, income: 45, equipment: [2]int{1, 4}, projects: hospitalProjects[:2]},
			{name: "%s卫生监督所", kind: budget.CivilServant, staff: [2]int{40, 60}, run: fnHealth, vehicles: map[string]int{"执法执勤用车": 4}},
		},
		duties: []string{"负责全区卫生健康事业发展规划和医疗卫生服务体系建设。", "负责疾病预防控制、基层卫生和人口家庭工作。"},
		goals:  []string{"推进优质医疗资源扩容。", "筑牢公共卫生防线。", "提升基层医疗服务能力。"},
		output: "新增床位"},
	{name: "%s应急管理局", kind: budget.Administrative, staff: [2]int{40, 60}, run: fnGovRun, general: fnSecurity,
		sections: []string{"办公室", "应急指挥科", "安全生产监管科", "防灾减灾科"}, vehicles: map[string]int{"机要通信用车": 1, "应急保障用车": 4, "执法执勤用车": 3}, reception: 10,
		projects: commonProjects(fnSecurity, proj("安全生产监管执法", "委托第三方开展企业安全隐患排查", "较大以上生产安全事故为零。", fnSecurity, [2]int{500, 1500}, budget.Services, "30227"),
			proj("应急物资储备", "防汛、救灾应急物资储备", "应急物资储备达标率100%。", fnSecurity, [2]int{200, 800}, budget.Goods, "31008"),
			proj("专职消防队伍保障", "社区专职消防队伍运营", "火灾起数持续下降。", fnSecurity, [2]int{1500, 4000}, "", "30226")),
		duties: []string{"负责全区应急管理、安全生产监管和防灾减灾工作。"},
		goals:  []string{"防范化解重大安全风险。", "提升应急处置能力。"},
		output: "开展安全检查"},
	{name: "%s市场监督管理局", kind: budget.Administrative, staff: [2]int{90, 150}, run: fnGovRun, general: "2013802",
		sections: []string{"办公室", "登记注册科", "食品安全科", "特种设备科", "知识产权科"}, vehicles: map[string]int{"机要通信用车": 1, "执法执勤用车": 10}, reception: 10,
		projects: commonProjects("2013802", proj("食品安全抽检", "食品安全监督抽检和风险监测", "完成食品抽检不少于8000批次。", "2013802", [2]int{300, 1000}, budget.Services, "30227"),
			proj("知识产权资助", "专利申请和知识产权保护资助", "每万人发明专利拥有量持续增长。", "2013802", [2]int{500, 2000}, "", "31204")),
		units: []unitSpec{{name: "%s市场监督管理局%s市场监督管理所", kind: budget.Administrative, staff: [2]int{20, 40}, run: fnGovRun, perStreet: true,
			vehicles: map[string]int{"执法执勤用车": 2}}},
		duties: []string{"负责辖区市场主体登记、市场监管、食品药品安全和知识产权工作。"},
		goals:  []string{"守牢食品安全底线。", "优化营商环境。"},
		output: "完成食品抽检（批次）"},
	{name: "%s退役军人事务局", kind: budget.Administrative, staff: [2]int{20, 35}, run: fnGovRun, general: fnSocialOther,
		sections: []string{"办公室", "优抚科", "就业创业科"}, vehicles: carsFew, reception: 10,
		projects: commonProjects(fnSocialOther, proj("优抚对象抚恤补助", "重点优抚对象抚恤和生活补助", "抚恤补助按时足额发放率100%。", "2080801", [2]int{500, 1500}, "", "30304"),
			proj("退役军人服务站运营", "区、街道、社区退役军人服务站运营", "服务站建设达标率100%。", fnSocialOther, [2]int{100, 400}, budget.Services, "30227")),
		duties: []string{"负责全区退役军人思想政治、管理保障和优抚工作。"},
		goals:  []string{"落实优抚政策。", "促进退役军人就业创业。"},
		output: "服务退役军人"},
	{name: "%s医疗保障局", kind: budget.Administrative, staff: [2]int{20, 35}, run: fnGovRun, general: fnHealth,
		sections: []string{"办公室", "待遇保障科", "基金监管科"}, vehicles: carsFew, reception: 10,
		projects: commonProjects(fnHealth, proj("医疗救助", "困难群众医疗救助和参保资助", "救助对象参保率100%。", fnHealth, [2]int{800, 2500}, "", "30307"),
			proj("医保基金监管", "委托第三方开展医保基金专项检查", "定点医药机构检查覆盖率100%。", fnHealth, [2]int{100, 300}, budget.Services, "30227")),
		duties: []string{"负责全区医疗保障、医疗救助和医保基金监管工作。"},
		goals:  []string{"守好群众看病钱。", "完善多层次医疗保障体系。"},
		output: "资助参保"},
	{name: "%s政务服务数据管理局", kind: budget.Administrative, staff: [2]int{30, 50}, run: fnGovRun, general: fnGovGeneral,
		sections: []string{"办公室", "事项管理科", "政务服务科", "政务公开科", "数据资源科"}, vehicles: carsFew, reception: 30,
		projects: commonProjects(fnGovGeneral, proj("政务服务中心运营", "区政务服务中心窗口服务和运营保障", "办事群众满意度不低于95%。", fnGovGeneral, [2]int{1500, 3000}, budget.Services, "30227"),
			proj("智慧城市建设", "城市运行管理平台和数据资源建设", "提升城市数字化治理水平。", "2010504", [2]int{1000, 4000}, budget.Services, "30907")),
		duties: []string{"负责全区政务服务、政务公开、电子政务和数据管理工作。"},
		goals:  []string{"深化“一网通办”。", "推进智慧城市建设。"},
		output: "进驻政务服务事项"},
	{name: "%s信访局", kind: budget.Administrative, staff: [2]int{20, 35}, run: fnGovRun, general: fnGovGeneral,
		sections: []string{"办公室", "接访科", "督查科"}, vehicles: carsFew, reception: 10,
		projects: commonProjects(fnGovGeneral, proj("信访维稳工作经费", "信访接待和矛盾化解", "信访事项按期办结率不低于98%。", fnGovGeneral, [2]int{150, 500}, budget.Services, "30227")),
		duties:   []string{"负责全区信访工作的统筹协调和督查督办。"},
		goals:    []string{"推进信访工作法治化。"},
		output:   "办理信访事项"},
	{name: "%s人大常委会办公室", kind: budget.Administrative, staff: [2]int{40, 60}, run: fnGovRun, general: fnGovGeneral,
		sections: []string{"办公室", "研究室", "代表工作室", "法制工作室"}, vehicles: carsOffice, reception: 30,
		projects: commonProjects(fnGovGeneral, proj("人大代表履职服务", "代表培训、视察调研和代表之家运营", "代表议案建议按期办结率100%。", fnGovGeneral, [2]int{150, 500}, budget.Services, "30215", "30227")),
		duties:   []string{"为区人大常委会依法行使职权提供服务保障。"},
		goals:    []string{"提高代表履职服务水平。"},
		output:   "组织代表视察调研"},
	{name: "中国人民政治协商会议%s委员会办公室", kind: budget.Administrative, staff: [2]int{30, 50}, run: fnGovRun, general: fnGovGeneral,
		sections: []string{"办公室", "提案委", "委员联络委"}, vehicles: carsOffice, reception: 30,
		projects: commonProjects(fnGovGeneral, proj("政协委员履职服务", "委员视察、协商议政和提案办理", "提案办复率100%。", fnGovGeneral, [2]int{120, 400}, budget.Services, "30215", "30227")),
		duties:   []string{"为区政协履行政治协商、民主监督和参政议政职能提供服务保障。"},
		goals:    []string{"提高协商议政质量。"},
		output:   "办理提案"},
	{name: "%s城市更新和土地整备局", kind: budget.Administrative, staff: [2]int{50, 80}, run: fnGovRun, general: fnUrbanOther,
		sections: []string{"办公室", "城市更新科", "土地整备科", "规划科"}, vehicles: carsLaw, reception: 20,
		projects: commonProjects(fnUrbanOther, proj("土地整备项目前期", "土地整备项目测绘、评估和前期工作", "完成年度土地整备任务。", fnUrbanOther, [2]int{1000, 4000}, budget.Services, "30227"),
			proj("城市更新规划研究", "城市更新单元规划研究", "完成更新单元计划审批。", fnUrbanOther, [2]int{300, 1000}, budget.Services, "30203")),
		duties: []string{"负责全区城市更新和土地整备工作。"},
		goals:  []string{"释放产业发展空间。"},
		output: "整备土地（公顷）"},
	{name: "%s建筑工务署", kind: budget.Administrative, staff: [2]int{80, 120}, run: fnGovRun, general: fnUrbanFac,
		sections: []string{"办公室", "计划合约科", "工程管理科", "质量安全科"}, vehicles: map[string]int{"机要通信用车": 1, "其他用车": 4}, reception: 20,
		projects: commonProjects(fnUrbanFac, every(proj("学校新改扩建工程", "中小学新建和改扩建", "按期交付新增学位。", fnEducation, [2]int{10000, 30000}, budget.Works, "30901", "31001"), 2),
			proj("市政道路新建工程", "区管市政道路新建", "按计划完成工程节点。", fnUrbanFac, [2]int{8000, 25000}, budget.Works, "30905"),
			proj("工程项目管理", "政府投资工程项目代建管理", "工程质量合格率100%。", fnUrbanFac, [2]int{400, 1200}, budget.Services, "30227")),
		duties: []string{"负责全区政府投资房屋建筑和市政基础设施工程的建设管理。"},
		goals:  []string{"加快重大项目建设。", "提高工程建设质量。"},
		output: "在建工程项目"},
	{name: "%s机关事务管理局", kind: budget.Administrative, staff: [2]int{25, 40}, run: fnGovRun, general: fnGovGeneral,
		sections: []string{"办公室", "公务用车管理科", "公共机构节能科"}, vehicles: map[string]int{"机要通信用车": 1, "应急保障用车": 6}, reception: 10,
		projects: commonProjects(fnGovGeneral, proj("公务用车平台运营", "公务用车服务平台运营维护", "用车保障及时率100%。", fnGovGeneral, [2]int{300, 800}, budget.Services, "30227")),
		units:    []unitSpec{{name: "%s机关幼儿园", kind: budget.Institution, staff: [2]int{30, 45}, run: fnEducation, projects: schoolProjects[1:3]}},
		duties:   []string{"负责区级机关事务管理、公务用车和公共机构节能工作。"},
		goals:    []string{"推进节约型机关建设。"},
		output:   "保障公务出行"},
	{name: "中共%s委党校", kind: budget.Institution, staff: [2]int{40, 60}, run: "2050802", general: "2050802",
		sections: []string{"办公室", "教务处", "科研处"}, vehicles: carsFew,
		projects: commonProjects("2050802", proj("主体班次培训", "干部主体班次培训", "完成年度主体班次培训任务。", "2050802", [2]int{200, 600}, budget.Services, "30216", "30227")),
		duties:   []string{"承担全区党员领导干部的教育培训工作。"},
		goals:    []string{"提高干部教育培训质量。"},
		output:   "举办培训班次"},
	{name: "%s总工会", kind: budget.CivilServant, staff: [2]int{20, 35}, run: fnMass, general: fnMass,
		sections: []string{"办公室", "组织部", "权益保障部"}, vehicles: carsFew, reception: 10,
		projects: commonProjects(fnMass, proj("职工服务及帮扶", "困难职工帮扶和职工文体活动", "困难职工帮扶覆盖率100%。", fnMass, [2]int{200, 600}, "", "30305", "30227")),
		duties:   []string{"组织和引导职工参与经济社会建设，维护职工合法权益。"},
		goals:    []string{"做好职工服务。"},
		output:   "帮扶困难职工"},
	{name: "共青团%s委员会", kind: budget.CivilServant, staff: [2]int{10, 20}, run: fnMass, general: fnMass,
		sections: []string{"办公室", "青少年工作部"}, vehicles: map[string]int{}, reception: 5,
		projects: commonProjects(fnMass, proj("青少年成长服务", "青少年志愿服务和成长关爱活动", "服务青少年不少于2万人次。", fnMass, [2]int{80, 300}, budget.Services, "30227")),
		duties:   []string{"团结带领全区青年，做好青少年服务工作。"},
		goals:    []string{"服务青年成长。"},
		output:   "开展青少年活动"},
	{name: "%s妇女联合会", kind: budget.CivilServant, staff: [2]int{10, 20}, run: fnMass, general: fnMass,
		sections: []string{"办公室", "权益部"}, vehicles: map[string]int{}, reception: 5,
		projects: commonProjects(fnMass, proj("妇女儿童权益保障", "妇女儿童维权服务和家庭教育指导", "妇女儿童维权服务及时率100%。", fnMass, [2]int{60, 250}, budget.Services, "30227")),
		duties:   []string{"代表和维护妇女权益，促进男女平等和儿童发展。"},
		goals:    []string{"维护妇女儿童合法权益。"},
		output:   "开展家庭教育指导"},
	{name: "%s残疾人联合会", kind: budget.CivilServant, staff: [2]int{15, 25}, run: fnMass, general: fnSocialOther,
		sections: []string{"办公室", "康复就业部"}, vehicles: carsFew, reception: 5,
		projects: commonProjects(fnSocialOther, proj("残疾人康复及生活补贴", "残疾人康复服务和两项补贴", "补贴按时足额发放率100%。", fnSocialOther, [2]int{800, 2500}, "", "30305")),
		duties:   []string{"代表残疾人共同利益，维护残疾人合法权益，承担残疾人事业的管理服务。"},
		goals:    []string{"完善残疾人保障和服务体系。"},
		output:   "服务残疾人"},
	{name: "%s红十字会", kind: budget.CivilServant, staff: [2]int{8, 15}, run: fnMass, general: "2081602",
		sections: []string{"办公室", "业务部"}, vehicles: map[string]int{}, reception: 5,
		projects: commonProjects("2081602", proj("应急救护培训", "群众性应急救护培训", "培训持证救护员不少于5000人。", "2081602", [2]int{40, 150}, budget.Services, "30216")),
		duties:   []string{"开展应急救护培训、人道救助和无偿献血、遗体器官捐献宣传。"},
		goals:    []string{"普及应急救护知识。"},
		output:   "培训救护员"},
	{name: "%s科学技术协会", kind: budget.CivilServant, staff: [2]int{8, 15}, run: fnMass, general: "2060702",
		sections: []string{"办公室", "科普部"}, vehicles: map[string]int{}, reception: 5,
		projects: commonProjects("2060702", proj("科普惠民活动", "科普讲座、科技节和青少年科技创新大赛", "公民具备科学素质比例持续提高。", "2060702", [2]int{60, 200}, budget.Services, "30227")),
		duties:   []string{"组织开展科学普及，团结联系全区科技工作者。"},
		goals:    []string{"提升公民科学素质。"},
		output:   "举办科普活动"},
	{name: "%s工商业联合会", kind: budget.CivilServant, staff: [2]int{10, 20}, run: fnMass, general: "2013402",
		sections: []string{"办公室", "会员部"}, vehicles: map[string]int{}, reception: 10,
		projects: commonProjects("2013402", proj("民营企业服务", "民营企业家培训和商会建设", "服务民营企业不少于500家次。", "2013402", [2]int{60, 200}, budget.Services, "30227")),
		duties:   []string{"引导民营经济人士健康成长，服务民营企业发展。"},
		goals:    []string{"促进民营经济发展。"},
		output:   "服务民营企业"},
	{name: "%s文学艺术界联合会", kind: budget.CivilServant, staff: [2]int{8, 15}, run: fnMass, general: fnMass,
		sections: []string{"办公室", "文艺创作部"}, vehicles: map[string]int{}, reception: 5,
		projects: commonProjects(fnMass, proj("文艺精品创作扶持", "扶持文艺精品创作和文艺惠民演出", "扶持文艺作品不少于20件。", fnMass, [2]int{80, 300}, "", "30227")),
		duties:   []string{"团结引导全区文艺工作者，繁荣文艺创作。"},
		goals:    []string{"推出文艺精品。"},
		output:   "扶持文艺作品"},
	{name: "中共%s委机构编制委员会办公室", kind: budget.Administrative, staff: [2]int{15, 25}, run: fnGovRun, general: fnGovGeneral,
		sections: []string{"综合科", "机构编制科", "监督检查科"}, vehicles: map[string]int{}, reception: 10,
		projects: commonProjects(fnGovGeneral, proj("机构编制实名制管理", "机构编制实名制系统运维和核查", "实名制数据准确率100%。", fnGovGeneral, [2]int{30, 120}, budget.Services, "30227")),
		duties:   []string{"负责全区行政管理体制和机构改革，管理各类机构编制。"},
		goals:    []string{"深化机构编制管理改革。"},
		output:   "核查机构编制数据"},
	{name: "中共%s委巡察工作领导小组办公室", kind: budget.Administrative, staff: [2]int{20, 35}, run: fnGovRun, general: fnGovGeneral,
		sections: []string{"综合科", "巡察组"}, vehicles: carsFew, reception: 5,
		projects: commonProjects(fnGovGeneral, proj("巡察工作经费", "常规巡察和专项巡察", "完成年度巡察全覆盖任务。", fnGovGeneral, [2]int{80, 300}, "", "30211", "30227")),
		duties:   []string{"负责区委巡察工作的统筹协调和组织实施。"},
		goals:    []string{"高质量推进巡察全覆盖。"},
		output:   "巡察党组织"},
	{name: "中共%s委社会工作部", kind: budget.Administrative, staff: [2]int{20, 35}, run: fnGovRun, general: fnGovGeneral,
		sections: []string{"办公室", "基层治理科", "志愿服务科"}, vehicles: carsFew, reception: 10,
		projects: commonProjects(fnGovGeneral, proj("志愿服务体系建设", "志愿服务组织培育和志愿者激励", "注册志愿者占常住人口比例持续提高。", fnGovGeneral, [2]int{100, 400}, budget.Services, "30227")),
		duties:   []string{"负责统筹指导全区基层治理和志愿服务工作。"},
		goals:    []string{"健全基层治理体系。"},
		output:   "培育志愿服务组织"},
	{name: "%s国有资产监督管理局", kind: budget.Administrative, staff: [2]int{25, 40}, run: fnGovRun, general: fnGovGeneral,
		sections: []string{"办公室", "企业改革科", "产权管理科"}, vehicles: carsFew, reception: 20,
		projects: commonProjects(fnGovGeneral, proj("国有企业审计评估", "委托开展区属国企年度审计和资产评估", "完成区属国企年度审计。", fnGovGeneral, [2]int{100, 400}, budget.Services, "30227")),
		duties:   []string{"依法履行区属国有企业出资人职责，监管国有资产。"},
		goals:    []string{"推动区属国企做强做优做大。"},
		output:   "监管区属企业"},
	{name: "%s规划土地监察局", kind: budget.Administrative, staff: [2]int{60, 100}, run: fnUrbanRun, general: fnEnforce,
		sections: []string{"办公室", "执法科", "巡查科"}, vehicles: map[string]int{"机要通信用车": 1, "执法执勤用车": 10}, reception: 5,
		projects: commonProjects(fnEnforce, proj("违法建筑查处", "违法建筑巡查、拆除和卫星图斑核查", "违法建设零增量。", fnEnforce, [2]int{800, 2500}, budget.Services, "30227", "30226")),
		duties:   []string{"负责全区规划土地监察和违法建筑查处工作。"},
		goals:    []string{"遏制违法建设。"},
		output:   "查处违法建筑"},
	{name: "%s%s街道办事处", kind: budget.Administrative, staff: [2]int{90, 160}, run: fnGovRun, general: fnGovGeneral, streets: true,
		sections: []string{"党政综合办公室", "党建工作办公室", "公共服务办公室", "城市建设办公室", "平安建设办公室"}, vehicles: map[string]int{"机要通信用车": 1, "应急保障用车": 2, "执法执勤用车": 4}, reception: 20,
		projects: commonProjects(fnGovGeneral, proj("%s环境卫生保洁", "辖区道路、社区环境卫生清扫保洁", "辖区保洁质量考核达标率不低于95%。", fnSanitation, [2]int{2000, 5000}, budget.Services, "30227"),
			proj("%s社区党群服务中心运营", "社区党群服务中心日常运营和活动", "社区党群服务中心服务群众满意度不低于90%。", fnGovGeneral, [2]int{600, 1800}, budget.Services, "30227"),
			proj("%s综合执法协管", "执法协管员和违建查处", "违法建设零增量。", fnEnforce, [2]int{800, 2000}, "", "30226"),
			proj("%s社区绿化及设施维护", "社区公园、绿化和小型设施维护", "设施完好率不低于95%。", fnUrbanOther, [2]int{300, 1200}, budget.Works, "30213"),
			proj("%s公益性岗位补贴", "街道公益性岗位补贴", "补贴按时足额发放。", "2080705", [2]int{100, 300}, "", "30305")),
		units: []unitSpec{{name: "%s%s街道党群服务中心", kind: budget.Institution, staff: [2]int{15, 30}, run: fnGovInst},
			{name: "%s%s街道公共事务服务中心", kind: budget.Institution, staff: [2]int{20, 40}, run: fnGovInst},
			{name: "%s%s街道综合行政执法队", kind: budget.CivilServant, staff: [2]int{30, 60}, run: fnEnforce, vehicles: map[string]int{"执法执勤用车": 4}},
			{name: "%s%s街道社区网格管理中心", kind: budget.Institution, staff: [2]int{15, 30}, run: fnGovInst},
			{name: "%s%s街道安全生产监督管理执法队", kind: budget.CivilServant, staff: [2]int{15, 30}, run: fnSecurity, vehicles: map[string]int{"执法执勤用车": 2}}},
		duties: []string{"负责辖区党的建设、社区治理和公共服务工作。", "负责辖区城市管理、综合执法、安全生产和平安建设。"},
		goals:  []string{"提升基层治理效能。", "打造宜居宜业街区。"},
		output: "服务社区"},
}
