package budgetfile

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"yusuan/budget"
	"yusuan/classification"
)

const smallYAML = `profile: shenzhen
year: 2025
department:
  name: 示范局
units:
  - code: 001001
    name: 示范局本级
    kind: 行政单位
items:
  - {unit: "001001", functional: "2010301", economic: "30101", kind: 人员经费, fund: 一般公共预算, amount: "100.00"}
  - {unit: "001001", functional: "2019999", economic: "30201", kind: 公用经费, fund: 一般公共预算, amount: 50}
`

func TestReadYAMLSources(t *testing.T) {
	b, err := ReadYAML(strings.NewReader(smallYAML), "b.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if b.Units[0].Code != "001001" {
		t.Errorf("an unquoted code lost its zeros: %q", b.Units[0].Code)
	}
	if b.Items[1].Amount != amt("50") {
		t.Errorf("amount written as a number: %v", b.Items[1].Amount)
	}
	for _, c := range []struct {
		what      string
		src       budget.Source
		wantLine  int
		wantSheet string
	}{
		{"department", b.Department.Src, 4, ""},
		{"unit", b.Units[0].Src, 6, ""},
		{"item 2", b.Items[1].Src, 11, ""},
		{"assets (absent)", b.Assets.Src, 0, ""},
	} {
		if c.src.Row != c.wantLine || c.src.File != "b.yaml" || c.src.Sheet != c.wantSheet {
			t.Errorf("%s: Src = %+v, want line %d of b.yaml", c.what, c.src, c.wantLine)
		}
	}
	errContains(t, budget.Validate(b, classification.Default()), "文件 b.yaml 第 11 行（功能科目）：功能分类科目“2019999”不在科目表中")
}

func TestReadYAMLErrors(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"unknown key", "profile: x\nyear: 2025\nunits:\n  - code: \"1\"\n    nmae: 甲\n",
			[]string{"文件 bad.yaml 第 5 行：无法识别的字段“nmae”", "code、name、kind、classified"}},
		{"three decimals", "items:\n  - {unit: \"1\", amount: \"12.345\"}\n",
			[]string{"文件 bad.yaml 第 2 行（金额）", "精确到分以下"}},
		{"amount as text", "last_year:\n  income: 一百\n",
			[]string{"文件 bad.yaml 第 2 行（上年收入）", "不是数字"}},
		{"null amount", "items:\n  - {unit: \"1\", amount: }\n",
			[]string{"第 2 行（金额）：缺少金额"}},
		{"syntax", "profile: x\nunits:\n  - code: \"1\n    name: 甲\n",
			[]string{"文件 bad.yaml 第 3 行：YAML 格式错误"}},
		{"bad indent", "department:\n  name: 甲\n code: 1\n",
			[]string{"文件 bad.yaml 第 2 行：YAML 格式错误"}},
		{"wrong type", "year: 明年\nunits: 甲\n",
			[]string{"第 1 行（预算年度）：应为整数，实际为“明年”", "第 2 行（预算单位）：应为列表"}},
		{"bool", "units:\n  - {code: \"1\", classified: 是}\n", []string{"第 2 行（是否涉密）：应为 true 或 false"}},
		{"duplicate key", "year: 2025\nyear: 2026\n", []string{"第 2 行（预算年度）：字段“year”重复（第 1 行已写过）"}},
		{"alias", "department: &d\n  name: 甲\ntext:\n  goals: [*d]\n", []string{"第 4 行", "不支持 YAML 别名"}},
		{"not a mapping", "- a\n- b\n", []string{"文件 bad.yaml 第 1 行：文件内容应为键值对"}},
		{"two documents", "year: 2025\n---\nyear: 2026\n", []string{"文件 bad.yaml 第 2 行", "第二个 YAML 文档"}},
		{"empty", "", []string{"文件 bad.yaml：文件是空的"}},
		{"basis not a list", "projects:\n  - code: P1\n    description:\n      basis: 甲\n",
			[]string{"第 4 行（立项依据）：应为列表"}},
		{"fiscal figure as text", "last_year:\n  general_spending: 四百万\n", []string{"第 2 行（上年一般公共预算支出）", "不是数字"}},
		{"planned count as text", "assets:\n  planned_types:\n    - {type: 其他用车, count: 两辆}\n", []string{"第 3 行（车辆数）：应为整数"}},
		{"note without code key", "text:\n  functional_notes:\n    - {cod: \"2010301\"}\n", []string{"第 3 行：无法识别的字段“cod”", "code、note"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadYAML(strings.NewReader(tt.text), "bad.yaml")
			errContains(t, err, tt.want...)
		})
	}
}

// zeros reads as n zero bytes without holding them.
type zeros struct{ n int64 }

func (z *zeros) Read(p []byte) (int, error) {
	if z.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > z.n {
		p = p[:z.n]
	}
	clear(p)
	z.n -= int64(len(p))
	return len(p), nil
}

func TestReadYAMLTooLarge(t *testing.T) {
	_, err := ReadYAML(&zeros{maxYAMLSize + 1}, "big.yaml")
	errContains(t, err, "文件 big.yaml 超过上限 8 MiB")
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	yamlData := writeYAML(t, richBudget())
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, p := range []string{
		write("a/budget.yaml", yamlData),
		write("b/budget.xlsx", writeXLSX(t, richBudget())),
		filepath.Join(dir, "a"),
		filepath.Join(dir, "b"),
	} {
		b, err := Load(p)
		if err != nil {
			t.Fatalf("Load(%s): %v", p, err)
		}
		sameBudget(t, richBudget(), b)
	}
	if b, _ := Load(filepath.Join(dir, "b")); b.Items[0].Src.File != filepath.Join(dir, "b", "budget.xlsx") {
		t.Errorf("Src.File = %q", b.Items[0].Src.File)
	}

	write("c/budget.yaml", yamlData)
	write("c/budget.xlsx", yamlData)
	big := write("big.xlsx", nil)
	if err := os.Truncate(big, 65<<20); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, want string }{
		{filepath.Join(dir, "c"), "有多个预算文件（budget.yaml、budget.xlsx）"},
		{dir, "中没有预算文件"},
		{filepath.Join(dir, "nope.yaml"), "nope.yaml 不存在"},
		{write("x.csv", nil), "x.csv 的类型不受支持"},
		{big, "big.xlsx 大小为 65.0 MiB，超过上限 64 MiB"},
		{write("fake.xlsx", []byte("not a zip")), "fake.xlsx：不是有效的 Excel 工作簿（.xlsx）"},
	} {
		_, err := Load(c.path)
		errContains(t, err, c.want)
	}
}

func TestWriteYAMLCompactItems(t *testing.T) {
	data := writeYAML(t, richBudget())
	want := `  - {unit: "001001", functional: "2010301", economic: "30101", gov_economic: "50101", kind: 人员经费, fund: 一般公共预算, amount: "552000.00", adjusted: "560000.00", final: "552000.00"}` + "\n"
	if !bytes.Contains(data, []byte(want)) {
		t.Errorf("line item not written as one flow line:\n%s", data)
	}
	if !bytes.HasPrefix(data, []byte("# 部门预算数据")) {
		t.Errorf("no header comment:\n%.200s", data)
	}
}

// TestYAMLLabelsCoverModel fails when a model field has no Chinese label, so that an
// error about it would name the YAML key instead.
func TestYAMLLabelsCoverModel(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(typ reflect.Type)
	walk = func(typ reflect.Type) {
		switch typ.Kind() {
		case reflect.Pointer, reflect.Slice:
			walk(typ.Elem())
			return
		case reflect.Struct:
		default:
			return
		}
		if seen[typ] || typ == amountType || typ == sourceType {
			return
		}
		seen[typ] = true
		for i := range typ.NumField() {
			f := typ.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "" || name == "-" {
				continue
			}
			if yamlLabels[typ][name] == "" {
				t.Errorf("%s.%s (yaml %q) has no label in yamlLabels", typ.Name(), f.Name, name)
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[budget.Budget]())
}
