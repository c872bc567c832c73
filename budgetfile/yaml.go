package budgetfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"yusuan/budget"
	"yusuan/money"
)

// yamlHeader opens every written YAML file, so that whoever edits it by hand knows the rules.
const yamlHeader = `部门预算数据（yusuan 文本格式）。修改后用“yusuan build 本文件 -o 输出目录”生成公开文件。
金额单位为元，写成带引号的数字，最多两位小数，例如 "552000.00"。
编码（部门、单位、项目、功能科目、经济科目）一律加双引号，以保留开头的 0；
功能科目填 7 位“项”级编码，经济科目填 5 位“款”级编码，政府经济科目填 5 位（以 5 开头）。
支出明细 items 每条一行：unit 单位编码、functional 功能科目、economic 经济科目、gov_economic 政府经济科目、
kind 支出类型（人员经费/公用经费/项目支出）、project 项目编码、fund 资金性质、carry_from 结转来源、amount 金额。`

// ReadYAML reads a budget from YAML text. name is the file name that errors print.
// Every element's Src gets the file and the line where the element starts.
func ReadYAML(r io.Reader, name string) (*budget.Budget, error) {
	b, err := readYAMLText(r, name, 0)
	if err != nil {
		return nil, err
	}
	return b, nil
}

// readYAMLText is ReadYAML that returns the budget as far as it was read along
// with the errors in its values (LoadAll). size, when positive, is the file's
// size, so that its bytes are read into one buffer of that size.
func readYAMLText(r io.Reader, name string, size int64) (*budget.Budget, error) {
	data, err := readLimited(r, size, maxYAMLSize)
	if err != nil {
		return nil, fileError(name, "读取失败：%v", err)
	}
	if len(data) > maxYAMLSize {
		return nil, fmt.Errorf("文件 %s 超过上限 %d MiB，拒绝读取%s", name, maxYAMLSize>>20, sizeHint(maxYAMLSize))
	}
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return nil, unreadable(fileError(name, "不是 UTF-8 编码的文本文件，无法读取；预算数据应为 UTF-8 编码的 .yaml 文件或 .xlsx 工作簿"))
	}
	// Block-style text, as WriteYAML writes it and people edit it, is decoded a
	// piece at a time (yaml_stream.go); anything else, and any text in which a
	// piece does not parse, is parsed whole, which gives the same budget and
	// the same errors for several times the memory.
	if b, errs, ok := readYAMLPieces(data, name); ok {
		return b, errs.Err()
	}
	return readYAMLDoc(data, name)
}

// readLimited reads r to its end, or to limit+1 bytes. With the size known it
// reads into a buffer of that size, rather than one grown by doubling.
func readLimited(r io.Reader, size, limit int64) ([]byte, error) {
	if size <= 0 || size > limit {
		return io.ReadAll(io.LimitReader(r, limit+1))
	}
	var buf bytes.Buffer
	buf.Grow(int(size) + bytes.MinRead)
	_, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	return buf.Bytes(), err
}

// readYAMLDoc decodes the YAML text data as one document, parsed whole.
func readYAMLDoc(data []byte, name string) (*budget.Budget, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fileError(name, "文件是空的，没有预算数据")
		}
		return nil, yamlSyntaxError(name, err)
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		return nil, &budget.Error{Src: budget.Source{File: name, Row: extra.Line}, Msg: "一个文件只能有一份预算（这里开始了第二个 YAML 文档“---”）"}
	case !errors.Is(err, io.EOF):
		return nil, yamlSyntaxError(name, err)
	}

	d := &yamlDecoder{file: name}
	b := &budget.Budget{}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		d.fail(root, "", "文件内容应为键值对（以 profile:、year:、department: 等开头）")
		return nil, d.errs.Err()
	}
	d.value(root, reflect.ValueOf(b).Elem(), "")
	nameMissing(b, name)
	return b, d.errs.Err()
}

// nameMissing gives the sections the file leaves out the file's name, which
// validation errors about them print.
func nameMissing(b *budget.Budget, name string) {
	for _, src := range []*budget.Source{&b.Department.Src, &b.LastYear.Src, &b.Assets.Src} {
		if src.File == "" {
			src.File = name
		}
	}
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// yamlSyntaxError turns the parser's English message into a Chinese one that keeps
// the line; the parser's own wording stays in brackets because it names the token.
func yamlSyntaxError(name string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = strings.TrimSpace(strings.Replace(msg, m[0]+":", "", 1))
	}
	return &budget.Error{Src: budget.Source{File: name, Row: line}, Msg: "YAML 格式错误，请检查缩进、冒号和引号（" + msg + "）"}
}

type yamlDecoder struct {
	file string
	errs budget.ErrorList
	// off is the number of lines of the file before the text being decoded,
	// when that is a piece of the file (yaml_stream.go).
	off int
}

// line is n's line in the file.
func (d *yamlDecoder) line(n *yaml.Node) int { return n.Line + d.off }

func (d *yamlDecoder) fail(n *yaml.Node, label, format string, args ...any) {
	d.failAt(d.line(n), label, format, args...)
}

func (d *yamlDecoder) failAt(line int, label, format string, args ...any) {
	if len(d.errs) >= maxErrors {
		return
	}
	d.errs = append(d.errs, &budget.Error{Src: budget.Source{File: d.file, Row: line}, Field: label, Msg: fmt.Sprintf(format, args...)})
}

var (
	amountType = reflect.TypeFor[money.Amount]()
	sourceType = reflect.TypeFor[budget.Source]()
)

// value decodes n into v by hand rather than with yaml's reflection, so that every
// error is Chinese and names its line, and every element's Src gets its line.
func (d *yamlDecoder) value(n *yaml.Node, v reflect.Value, label string) {
	if n.Kind == yaml.AliasNode {
		// Refused rather than expanded: aliases are how YAML bombs multiply.
		d.fail(n, label, "不支持 YAML 别名“*%s”，请直接写出内容", n.Value)
		return
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		if v.Type() == amountType {
			d.fail(n, label, "缺少金额：请填写以元为单位的数字，如 \"0.00\"")
		}
		return
	}
	if v.Type() == amountType {
		if n.Kind != yaml.ScalarNode {
			d.fail(n, label, "金额应为以元为单位的数字，如 \"1234.56\"")
			return
		}
		a, err := money.Parse(n.Value, money.UnitYuan)
		if err != nil {
			d.fail(n, label, "金额应为以元为单位、最多两位小数的数字：%v", err)
			return
		}
		v.SetInt(int64(a))
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		d.value(n, p.Elem(), label)
		v.Set(p)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.fail(n, label, "应为一段文字，实际为%s", nodeKindName(n))
			return
		}
		// The literal text, so that an unquoted 001 keeps its zeros.
		v.SetString(n.Value)
	case reflect.Int:
		i, err := strconv.Atoi(strings.TrimSpace(n.Value))
		if n.Kind != yaml.ScalarNode || err != nil {
			d.fail(n, label, "应为整数，实际为“%s”", n.Value)
			return
		}
		v.SetInt(int64(i))
	case reflect.Bool:
		switch n.Value {
		case "true", "True", "TRUE":
			v.SetBool(true)
		case "false", "False", "FALSE":
			v.SetBool(false)
		default:
			d.fail(n, label, "应为 true 或 false，实际为“%s”", n.Value)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.fail(n, label, "应为列表（每项以“- ”开头），实际为%s", nodeKindName(n))
			return
		}
		if len(n.Content) == 0 {
			return // nil, as WriteYAML's "[]" came from
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.value(c, s.Index(i), label)
		}
		v.Set(s)
	case reflect.Struct:
		d.mapping(n, v, label)
	default:
		panic("budgetfile: no YAML decoding for " + v.Type().String())
	}
}

func (d *yamlDecoder) mapping(n *yaml.Node, v reflect.Value, label string) {
	t := v.Type()
	if n.Kind != yaml.MappingNode {
		d.fail(n, label, "应为键值对（字段: 值），实际为%s", nodeKindName(n))
		return
	}
	if f := v.FieldByName("Src"); f.IsValid() && f.Type() == sourceType {
		f.Set(reflect.ValueOf(budget.Source{File: d.file, Row: d.line(n)}))
	}
	fields := yamlFields(t)
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		idx, ok := fields.index[k.Value]
		if k.Kind != yaml.ScalarNode || !ok {
			d.fail(k, "", "无法识别的字段“%s”，这里可用的字段为：%s", k.Value, strings.Join(fields.names, "、"))
			continue
		}
		fl := fieldLabel(t, k.Value)
		if line, dup := seen[k.Value]; dup {
			d.fail(k, fl, "字段“%s”重复（第 %d 行已写过）", k.Value, line)
			continue
		}
		seen[k.Value] = d.line(k)
		d.value(val, v.Field(idx), fl)
	}
}

type fieldSet struct {
	index map[string]int
	names []string
}

// fieldSets caches yamlFields: a budget has a mapping for every line item.
var fieldSets sync.Map // reflect.Type → fieldSet

func yamlFields(t reflect.Type) fieldSet {
	if fs, ok := fieldSets.Load(t); ok {
		return fs.(fieldSet)
	}
	fs := fieldSet{index: map[string]int{}}
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		fs.index[name] = i
		fs.names = append(fs.names, name)
	}
	fieldSets.Store(t, fs)
	return fs
}

func nodeKindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "键值对"
	case yaml.SequenceNode:
		return "列表"
	}
	return "“" + n.Value + "”"
}

// yamlLabels gives each YAML field the Chinese label that errors (and budget.Validate)
// use for it, so a message about line 12 says 功能科目 rather than functional.
var yamlLabels = map[reflect.Type]map[string]string{
	reflect.TypeFor[budget.Budget](): {
		"profile": "配置", "format": "公开格式", "year": "预算年度", "department": "部门", "units": "预算单位", "projects": "项目",
		"items": "支出明细", "procurement": "政府采购", "carry_forward": "结转下年", "last_year": "上年数", "assets": "资产",
		"performance": "绩效目标", "text": "部门文字",
	},
	reflect.TypeFor[budget.Department](): {"code": "部门编码", "name": "部门名称", "title": "公开名称", "region": "地区"},
	reflect.TypeFor[budget.Unit](): {
		"code": "单位编码", "name": "单位名称", "kind": "单位类型", "classified": "是否涉密",
		"duties": unitDuties, "organisation": unitOrganisation, "last_year": shUnitLast, "assets": shUnitAssets,
	},
	reflect.TypeFor[budget.UnitLastYear](): {
		"fiscal_income": keyLastFiscalIncome, "fiscal_spending": keyLastFiscalSpend, "general_spending": keyLastGeneral,
		"gov_fund_spending": keyLastGovFund, "state_capital_spending": keyLastStateCapital, "office_cost": keyLastOfficeCost,
	},
	reflect.TypeFor[budget.LineItem](): {
		"unit": "单位编码", "functional": "功能科目", "economic": "经济科目", "gov_economic": "政府经济科目",
		"kind": "支出类型", "project": "项目编码", "fund": "资金性质", "carry_from": "结转来源", "amount": "金额",
		"staff_growth": "增人增资",
	},
	reflect.TypeFor[budget.Project](): {
		"code": "项目编码", "unit": "单位编码", "name": "项目名称", "category": "项目类别", "purpose": "项目用途",
		"target": "绩效目标", "last_year": "上年年初预算", "change_reason": "变动原因", "classified": "是否涉密",
		"description": shProjectDesc,
	},
	reflect.TypeFor[budget.ProjectDescription](): {
		"overview": "项目概述", "basis": "立项依据", "implementer": "实施主体", "plan": "实施方案", "period": "实施周期",
		"budget_note": "年度预算安排",
	},
	reflect.TypeFor[budget.Procurement](): {
		"unit": "单位编码", "project": "项目编码", "item": "采购品目", "category": "采购类别", "amount": "金额",
		"functional": "功能科目", "reserved_sme": "预留给中小企业", "reserved_small": "其中预留给小型、微型企业",
	},
	reflect.TypeFor[budget.CarryForward](): {"unit": "单位编码", "fund": "资金性质", "amount": "金额"},
	reflect.TypeFor[budget.LastYear](): {
		"income": keyLastIncome, "expenditure": keyLastExpenditure, "office_cost": keyLastOfficeCost,
		"fiscal_income": keyLastFiscalIncome, "fiscal_spending": keyLastFiscalSpend, "general_spending": keyLastGeneral,
		"gov_fund_spending": keyLastGovFund, "state_capital_spending": keyLastStateCapital, "san_gong": "上年三公",
	},
	reflect.TypeFor[budget.SanGongLine](): {
		"unit": "单位编码", "fund": "资金性质", "abroad": "因公出国（境）费", "reception": "公务接待费",
		"car_purchase": "公务用车购置费", "car_running": "公务用车运行维护费",
	},
	reflect.TypeFor[budget.Assets](): {
		"as_of": keyAsOf, "vehicles": "车辆", "equipment": keyEquipment, "planned_vehicles": keyPlannedVehicles,
		"planned_equipment": keyPlannedEquipment, "planned_types": "各类计划购置车辆",
	},
	reflect.TypeFor[budget.VehicleCount](): {"type": "车辆类型", "count": "车辆数"},
	reflect.TypeFor[budget.Performance]():  {"tasks": "绩效任务", "goals": "总体目标", "indicators": "绩效指标"},
	reflect.TypeFor[budget.PerformanceTask](): {
		"task": "任务名称", "content": "主要内容", "fiscal": "财政拨款", "other": "其他资金",
	},
	reflect.TypeFor[budget.Indicator](): {"level1": "一级指标", "level2": "二级指标", "level3": "三级指标", "target": "目标值"},
	reflect.TypeFor[budget.Text](): {
		"duties": "部门职责", "organisation": "机构设置", "goals": "主要工作目标", "change_reason": "收支增减原因",
		"personnel_note": "人员经费说明", "public_note": "公用经费说明", "family_note": "对个人和家庭的补助说明",
		"san_gong": "三公经费说明", "office_cost_reason": "机关运行经费变动原因", "functional_notes": shFuncNotes,
		"also_absent": keyAlsoAbsent, "glossary": "名词解释",
	},
	reflect.TypeFor[budget.CodeNote](): {"code": "功能科目", "note": "用途说明"},
	reflect.TypeFor[budget.SanGongText](): {
		"total": "三公经费增减原因", "abroad": "因公出国（境）费增减原因", "reception": "公务接待费增减原因",
		"car_purchase": "公务用车购置费增减原因", "car_running": "公务用车运行维护费增减原因",
	},
	reflect.TypeFor[budget.Term](): {"term": "名词", "definition": "解释"},
}

func fieldLabel(t reflect.Type, key string) string {
	if l := yamlLabels[t][key]; l != "" {
		return l
	}
	return key
}

// codeKeys hold codes: always double-quoted on output so leading zeros survive any editor.
var codeKeys = map[string]bool{"code": true, "unit": true, "functional": true, "economic": true, "gov_economic": true, "project": true}

// WriteYAML writes b as YAML: block style, except that each line item is one flow
// mapping on one line so that a diff shows one line per changed item.
func WriteYAML(w io.Writer, b *budget.Budget) error {
	root := encodeNode(reflect.ValueOf(*b))
	root.HeadComment = yamlHeader
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("budgetfile: write yaml: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("budgetfile: write yaml: %w", err)
	}
	return nil
}

// encodeNode builds the node tree by hand (yaml.Node.Encode round-trips through text
// and fails on some strings) and chooses every scalar's style itself.
func encodeNode(v reflect.Value) *yaml.Node {
	if v.Type() == amountType {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: money.Amount(v.Int()).Plain(money.UnitYuan), Style: yaml.DoubleQuotedStyle}
	}
	switch v.Kind() {
	case reflect.Pointer:
		return encodeNode(v.Elem())
	case reflect.String:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v.String(), Style: stringStyle(v.String())}
	case reflect.Int:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(v.Int(), 10)}
	case reflect.Bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v.Bool())}
	case reflect.Slice:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for i := range v.Len() {
			n.Content = append(n.Content, encodeNode(v.Index(i)))
		}
		if len(n.Content) == 0 {
			n.Style = yaml.FlowStyle
		}
		return n
	case reflect.Struct:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		t := v.Type()
		for i := range t.NumField() {
			name, opts, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			fv := v.Field(i)
			if name == "" || name == "-" || (opts == "omitempty" && (fv.IsZero() || fv.Kind() == reflect.Slice && fv.Len() == 0)) {
				continue
			}
			val := encodeNode(fv)
			switch {
			case codeKeys[name] && val.Kind == yaml.ScalarNode:
				val.Style = yaml.DoubleQuotedStyle
			case name == "items" && t == reflect.TypeFor[budget.Budget]():
				for _, it := range val.Content {
					it.Style = yaml.FlowStyle
				}
			}
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name}, val)
		}
		if len(n.Content) == 0 {
			n.Style = yaml.FlowStyle
		}
		return n
	}
	panic("budgetfile: no YAML encoding for " + v.Type().String())
}

// stringStyle writes paragraphs as literal blocks where that reads back exactly,
// and leaves the rest to the emitter, which quotes what would not read as a string.
func stringStyle(s string) yaml.Style {
	if !strings.Contains(s, "\n") {
		return 0
	}
	if strings.TrimSpace(s) != s || strings.ContainsAny(s, "\r\t") {
		return yaml.DoubleQuotedStyle
	}
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimRight(line, " ") != line || strings.HasPrefix(line, " ") {
			return yaml.DoubleQuotedStyle
		}
	}
	for _, r := range s {
		if !unicode.IsPrint(r) && r != '\n' {
			return yaml.DoubleQuotedStyle
		}
	}
	return yaml.LiteralStyle
}
