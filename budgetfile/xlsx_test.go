package budgetfile

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"yusuan/budget"
	"yusuan/classification"
)

// editXLSX writes b as a workbook, lets edit change it with excelize, and returns the bytes.
func editXLSX(t *testing.T, b *budget.Budget, edit func(f *excelize.File)) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(writeXLSX(t, b)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	edit(f)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func readXLSXErr(data []byte, name string) error {
	_, err := ReadXLSX(bytes.NewReader(data), int64(len(data)), name)
	return err
}

func TestXLSXBadCells(t *testing.T) {
	tests := []struct {
		name string
		edit func(t *testing.T, f *excelize.File)
		want []string
	}{
		{"text in amount", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shItems, "I7", "一百"))
		}, []string{"文件 a.xlsx 工作表“支出明细” 第 7 行 I 列（金额）：应为数字（元），实际为“一百”"}},
		{"formula in amount", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellFormula(shItems, "I3", "SUM(I4:I5)"))
		}, []string{"工作表“支出明细” 第 3 行 I 列（金额）：不能使用公式（=SUM(I4:I5)）"}},
		{"shared formula in amount", func(t *testing.T, f *excelize.File) {
			shared, ref := excelize.STCellFormulaTypeShared, "I3:I4"
			must(t, f.SetCellFormula(shItems, "I3", "I2*2", excelize.FormulaOpts{Type: &shared, Ref: &ref}))
		}, []string{"第 3 行 I 列（金额）：不能使用公式（=I2*2）", "第 4 行 I 列（金额）：不能使用公式"}},
		{"three decimals", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellDefault(shItems, "I2", "1234.567"))
		}, []string{"工作表“支出明细” 第 2 行 I 列（金额）", "精确到分以下"}},
		{"empty amount", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shProcurement, "E3", ""))
		}, []string{"工作表“政府采购” 第 3 行 E 列（金额）：缺少金额"}},
		{"code with decimals", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellDefault(shItems, "B4", "2010301.5"))
		}, []string{"工作表“支出明细” 第 4 行 B 列（功能科目）", "带小数"}},
		{"bad yes/no", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shUnits, "D3", "也许"))
		}, []string{"工作表“单位” 第 3 行 D 列（是否涉密）：应填“是”或“否”"}},
		{"bad year", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shDept, "B3", "二〇二五"))
		}, []string{"工作表“部门” 第 3 行 B 列（预算年度）：应为整数"}},
		{"unknown header", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shItems, "J1", "备注"))
		}, []string{"工作表“支出明细” 第 1 行 J 列（备注）：无法识别的列标题“备注”"}},
		{"data without header", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shUnits, "F2", "多余"))
		}, []string{"工作表“单位” 第 2 行 F 列", "没有标题"}},
		{"missing column", func(t *testing.T, f *excelize.File) {
			must(t, f.RemoveCol(shItems, "I"))
		}, []string{"工作表“支出明细”", "缺少“金额”列"}},
		{"missing sheet", func(t *testing.T, f *excelize.File) {
			must(t, f.DeleteSheet(shItems))
		}, []string{"文件 a.xlsx：缺少必需的工作表“支出明细”"}},
		{"unknown sheet", func(t *testing.T, f *excelize.File) {
			_, err := f.NewSheet("草稿")
			must(t, err)
			must(t, f.SetCellStr("草稿", "C5", "临时"))
		}, []string{"工作表“草稿”：无法识别的工作表"}},
		{"unknown key", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shText, "A3", "部门简介"))
		}, []string{"工作表“部门文字” 第 3 行 A 列（项目）：无法识别的项目“部门简介”"}},
		{"description of an unknown project", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shProjectDesc, "A5", "P9999"))
		}, []string{"工作表“项目说明” 第 5 行 A 列（项目编码）：项目“P9999”不在“项目”表中"}},
		{"description field twice", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shProjectDesc, "B4", "再写一遍概述"))
		}, []string{"工作表“项目说明” 第 4 行 B 列（项目概述）：项目“P2025001”的项目概述已在第 2 行填写"}},
		{"description without a project", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shProjectDesc, "A2", ""))
		}, []string{"工作表“项目说明” 第 2 行 A 列（项目编码）：缺少项目编码"}},
		{"text of an unknown unit", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shUnitText, "A3", "009999"))
		}, []string{"工作表“单位文字” 第 3 行 A 列（单位编码）：单位“009999”不在“单位”表中"}},
		{"unknown unit text", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shUnitText, "B2", "简介"))
		}, []string{"工作表“单位文字” 第 2 行 B 列（项目）：无法识别的项目“简介”"}},
		{"unit text without content", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shUnitText, "C4", ""))
		}, []string{"工作表“单位文字” 第 4 行 C 列（内容）：缺少内容"}},
		{"text in a planned count", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shAssets, "B13", "两辆"))
		}, []string{"工作表“资产” 第 13 行 B 列（计划购置：其他用车）：应为整数，实际为“两辆”"}},
		{"text in a fiscal figure", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shLastYear, "B5", "四百八十万"))
		}, []string{"工作表“上年数” 第 5 行 B 列（上年财政拨款收入（执行数））：应为数字（元）"}},
		{"last year of an unknown unit", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shUnitLast, "A3", "009999"))
		}, []string{"工作表“单位上年数” 第 3 行 A 列（单位编码）：单位“009999”不在“单位”表中"}},
		{"unit last year twice", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shUnitLast, "A4", "001001"))
		}, []string{"工作表“单位上年数” 第 4 行 A 列（单位编码）：单位“001001”的上年数已在第 2 行填写"}},
		{"text in a unit's last-year figure", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shUnitLast, "C2", "四百四十万"))
		}, []string{"工作表“单位上年数” 第 2 行 C 列（上年财政拨款支出）：应为数字（元）"}},
		{"assets of an unknown unit", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shUnitAssets, "A12", "009999"))
		}, []string{"工作表“单位资产” 第 12 行 A 列（单位编码）：单位“009999”不在“单位”表中"}},
		{"unit asset twice", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shUnitAssets, "B7", keyEquipment))
		}, []string{"工作表“单位资产” 第 7 行 B 列（单价100万元以上设备）：单位“001001”的“单价100万元以上设备”重复填写（第 6 行已填）"}},
		{"text in a unit's count", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shUnitAssets, "C3", "十辆"))
		}, []string{"工作表“单位资产” 第 3 行 C 列（其他用车）：应为整数，实际为“十辆”"}},
		{"unit asset without 项目", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr(shUnitAssets, "B13", ""))
		}, []string{"工作表“单位资产” 第 13 行 B 列（项目）：缺少项目"}},
		{"functional note code with decimals", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellDefault(shFuncNotes, "A3", "2010301.5"))
		}, []string{"工作表“功能科目说明” 第 3 行 A 列（功能科目）", "带小数"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := editXLSX(t, richBudget(), func(f *excelize.File) { tt.edit(t, f) })
			errContains(t, readXLSXErr(data, "a.xlsx"), tt.want...)
		})
	}
}

func TestXLSXLenientCells(t *testing.T) {
	data := editXLSX(t, richBudget(), func(f *excelize.File) {
		must(t, f.SetCellDefault(shItems, "I2", "552000.00000000001")) // binary noise of a number cell
		must(t, f.SetCellInt(shItems, "B3", 2010301))                  // a code typed as a number
		must(t, f.SetCellStr(shItems, "C3", "  30201  "))              // spaces around
		must(t, f.SetCellStr(shItems, "I3", "４８０００.５"))                // full-width digits
		must(t, f.SetCellStr(shItems, "I5", "1.0E-2"))                 // exponent form
		must(t, f.InsertRows(shItems, 5, 2))                           // empty rows in between
		must(t, f.InsertRows(shUnits, 2, 1))
		must(t, f.SetSheetRow(shUnits, "A2", &[]string{exampleMark + "999", "示例单位", "行政单位"}))
		must(t, f.SetCellStr(shProjectDesc, "A3", ""))                                        // 立项依据 rows below a project: 同上
		must(t, f.MergeCell(shProjectDesc, "A2", "A4"))                                       // or merged
		must(t, f.SetCellStr(shAssets, "A13", "计划购置:其他用车"))                                   // half-width colon
		must(t, f.SetCellValue(shAssets, "B2", time.Date(2024, 8, 31, 0, 0, 0, 0, time.UTC))) // a date cell
		must(t, f.SetCellStr(shFuncNotes, "A2", "2010350"))                                   // a code without its name
		must(t, f.SetCellStr(shUnitText, "A3", ""))                                           // a unit's next paragraph: 同上
		must(t, f.SetCellStr(shUnitText, "B3", ""))
		must(t, f.SetCellStr(shUnitAssets, "A3", ""))                                             // a unit's next asset: 同上
		must(t, f.SetCellValue(shUnitAssets, "C2", time.Date(2024, 8, 31, 0, 0, 0, 0, time.UTC))) // a date cell
	})
	got := readXLSX(t, data, "a.xlsx")
	sameBudget(t, richBudget(), got)
	if row := got.Items[4].Src.Row; row != 8 {
		t.Errorf("item after two inserted empty rows has Src.Row %d, want 8", row)
	}
}

// TestXLSXColumnsByHeader moves 金额 to the front: columns are found by their header.
func TestXLSXColumnsByHeader(t *testing.T) {
	want := richBudget()
	data := editXLSX(t, want, func(f *excelize.File) {
		cols, err := f.GetCols(shItems)
		must(t, err)
		must(t, f.RemoveCol(shItems, "I"))
		must(t, f.InsertCols(shItems, "A", 1))
		for i, v := range cols[8] {
			ref, _ := excelize.CoordinatesToCellName(1, i+1)
			if i == 0 {
				must(t, f.SetCellStr(shItems, ref, v))
			} else {
				must(t, f.SetCellDefault(shItems, ref, strings.ReplaceAll(v, ",", "")))
			}
		}
	})
	got := readXLSX(t, data, "a.xlsx")
	sameBudget(t, want, got)
	if c := got.Items[0].Src.Columns["金额"]; c != "A" {
		t.Errorf("金额 column = %q, want A", c)
	}
}

// TestXLSXValidateNamesColumn checks that validation errors of a read workbook point
// at sheet, row and column letter.
func TestXLSXValidateNamesColumn(t *testing.T) {
	data := editXLSX(t, richBudget(), func(f *excelize.File) {
		must(t, f.SetCellStr(shItems, "B5", "2019999"))
		must(t, f.SetCellStr(shDept, "B3", "1999"))
		must(t, f.SetCellStr(shLastYear, "B2", "-1"))
		must(t, f.SetCellInt(shAssets, "B12", 5))
		must(t, f.SetCellInt(shUnitLast, "D2", 1))
		must(t, f.SetCellInt(shUnitAssets, "C4", -1))
	})
	b := readXLSX(t, data, "a.xlsx")
	errContains(t, budget.Validate(b, classification.Default()),
		"文件 a.xlsx 工作表“支出明细” 第 5 行 B 列（功能科目）",
		"文件 a.xlsx 工作表“部门” B 列（预算年度）",
		"文件 a.xlsx 工作表“上年数” B 列（上年收入）",
		"文件 a.xlsx 工作表“资产” B 列（计划购置车辆）：各类计划购置车辆相加为 3 辆，与计划购置车辆 5 辆不一致",
		"文件 a.xlsx 工作表“单位上年数” 第 2 行 C 列（上年财政拨款支出）：上年财政拨款支出 4,400,000.00元 应等于",
		"文件 a.xlsx 工作表“单位资产” 第 2 行 C 列（车辆数）：车辆数不能为负数")
}

func TestXLSXNotAWorkbook(t *testing.T) {
	full := writeXLSX(t, richBudget())
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"text file", []byte("单位编码,金额\n001,100\n"), "文件 x.xlsx：不是有效的 Excel 工作簿（.xlsx）"},
		{"empty", nil, "文件 x.xlsx：不是有效的 Excel 工作簿（.xlsx）"},
		{"truncated", full[:len(full)/2], "文件 x.xlsx：不是有效的 Excel 工作簿（.xlsx）"},
		{"old xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), "旧版 Excel（.xls）"},
		{"zip without workbook", zipOf(t, map[string]string{"a.txt": "hello"}), "没有工作簿内容"},
		{"corrupt part", corruptPart(t, full), "文件 x.xlsx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errContains(t, readXLSXErr(tt.data, "x.xlsx"), tt.want)
		})
	}
}

func zipOf(t *testing.T, files map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		must(t, err)
		w.Write([]byte(body))
	}
	must(t, zw.Close())
	return buf.Bytes()
}

// corruptPart keeps the zip directory intact but flips bytes inside the compressed parts.
func corruptPart(t *testing.T, data []byte) []byte {
	out := append([]byte(nil), data...)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(t, err)
	for _, f := range zr.File {
		if off, err := f.DataOffset(); err == nil && f.CompressedSize64 > 8 {
			for i := int64(2); i < int64(f.CompressedSize64)-2; i += 7 {
				out[off+i] ^= 0x5A
			}
		}
	}
	return out
}

func TestXLSXZipBomb(t *testing.T) {
	for _, tt := range []struct {
		name string
		mib  int
		want string
	}{
		{"1 GiB part", 1024, "超过上限"},
		{"absurd ratio", 48, "压缩比异常"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			bomb := zipBomb(t, tt.mib)
			start := time.Now()
			err := readXLSXErr(bomb, "bomb.xlsx")
			errContains(t, err, "文件 bomb.xlsx", "xl/worksheets/sheet1.xml", tt.want, "拒绝读取")
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("refusing the bomb took %v", d)
			}
		})
	}
}

func TestXLSXTooLarge(t *testing.T) {
	_, err := ReadXLSX(bytes.NewReader(nil), 65<<20, "big.xlsx")
	errContains(t, err, "文件 big.xlsx", "超过上限 64 MiB")
}

func TestTemplate(t *testing.T) {
	var buf bytes.Buffer
	must(t, WriteTemplate(&buf, "shenzhen"))
	data := buf.Bytes()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	must(t, err)
	defer f.Close()

	// Drop-downs: the enumerations inline, the codes from the hidden 科目表.
	lists := map[string]map[string]string{}
	for _, sheet := range f.GetSheetList() {
		dvs, err := f.GetDataValidations(sheet)
		must(t, err)
		lists[sheet] = map[string]string{}
		for _, dv := range dvs {
			if dv.Type == "list" {
				lists[sheet][strings.Fields(dv.Sqref)[0]] = dv.Formula1
			}
		}
	}
	for _, c := range []struct{ sheet, sqref, contains string }{
		{shUnits, "C2:C20000", "参照公务员法管理事业单位"},
		{shUnits, "D2:D20000", "是,否"},
		{shItems, "B2:B20000", listFunctional},
		{shItems, "C2:C20000", listEconomic},
		{shItems, "E2:E20000", "项目支出"},
		{shItems, "G2:G20000", "财政专户管理资金"},
		{shItems, "H2:H20000", "国有资本经营"},
		{shProcurement, "D2:D20000", "工程"},
		{shSanGong, "B2:B20000", "政府性基金"},
		{shProjects, "I2:I20000", "是,否"},
		{shAssets, "A2:A20000", "特种专业技术用车"},
		{shAssets, "A2:A20000", keyPlannedPrefix + "离退休干部用车"},
		{shFuncNotes, "A2:A20000", listFunctional},
		{shUnitText, "B2:B20000", unitOrganisation},
		{shUnitAssets, "B2:B20000", keyPlannedPrefix + "其他用车"},
	} {
		if got := lists[c.sheet][c.sqref]; !strings.Contains(got, c.contains) {
			t.Errorf("%s!%s drop-down = %q, want it to contain %q", c.sheet, c.sqref, got, c.contains)
		}
	}
	if visible, _ := f.GetSheetVisible(shCodes); visible {
		t.Errorf("%s is visible", shCodes)
	}
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		names[dn.Name] = dn.RefersTo
	}
	if !strings.HasPrefix(names[listFunctional], shCodes+"!$C$2:") || !strings.HasPrefix(names[listEconomic], shCodes+"!$G$2:") {
		t.Errorf("defined names = %v", names)
	}
	if v, _ := f.GetCellValue(shCodes, "C2"); v != "2010301 行政运行" {
		t.Errorf("%s!C2 = %q", shCodes, v)
	}
	if c, _ := f.GetComments(shItems); len(c) != len(sheetByName(shItems).cols) {
		t.Errorf("支出明细 has %d header comments, want %d", len(c), len(sheetByName(shItems).cols))
	}

	// An untouched template is an empty budget: its examples are skipped.
	b := readXLSX(t, data, "template.xlsx")
	want := &budget.Budget{Profile: "shenzhen"}
	sameBudget(t, want, b)
	errContains(t, budget.Validate(b, classification.Default()), "缺少部门名称", "至少需要一个预算单位")
}

// TestTemplateExamplesAreValid removes the example marks: the examples then form a
// budget that passes validation, so they teach nothing wrong.
func TestTemplateExamplesAreValid(t *testing.T) {
	var buf bytes.Buffer
	must(t, WriteTemplate(&buf, "shenzhen"))
	f, err := excelize.OpenReader(&buf)
	must(t, err)
	defer f.Close()
	for _, s := range sheets {
		for i := range s.examples {
			ref := "A" + string(rune('2'+i))
			v, err := f.GetCellValue(s.name, ref)
			must(t, err)
			must(t, f.SetCellStr(s.name, ref, strings.TrimPrefix(v, exampleMark)))
		}
	}
	must(t, f.SetCellInt(shDept, "B3", 2025))
	must(t, f.SetCellStr(shDept, "B5", "某某局"))
	var out bytes.Buffer
	must(t, f.Write(&out))
	b := readXLSX(t, out.Bytes(), "template.xlsx")
	if len(b.Items) != 3 || len(b.Units) != 1 || len(b.Text.FunctionalNotes) != 1 {
		t.Fatalf("examples read as %d items, %d units, %d functional notes", len(b.Items), len(b.Units), len(b.Text.FunctionalNotes))
	}
	if u := b.Units[0]; len(u.Duties) != 1 {
		t.Fatalf("example unit text read as %q", u.Duties)
	}
	if d := b.Projects[0].Description; d == nil || len(d.Basis) != 2 || d.Period == "" {
		t.Fatalf("example project description read as %+v", d)
	}
	if err := budget.Validate(b, classification.Default()); err != nil {
		t.Fatal(err)
	}
}
