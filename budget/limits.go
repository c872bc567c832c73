package budget

import (
	"reflect"
	"strings"
	"unicode/utf16"
)

// MaxText is the longest text a budget may hold in one field, in UTF-16 units (one
// for each Chinese character of common use). An Excel cell holds at most 32,767, and
// the published workbook prints a field in one cell, sometimes inside a sentence of
// the profile's own words: the rest is left for those. Every shorter text fits every
// output, wrapped over lines, rows and pages as it needs.
const MaxText = 30000

// textLengths refuses texts longer than MaxText, naming where each is.
func (v *validator) textLengths(b *Budget) {
	// Fields outside any element with a Source of its own (the department's Text)
	// are named by the file at least.
	walkTexts(reflect.ValueOf(b).Elem(), Source{File: b.Department.Src.File}, "", func(src Source, field, s string) {
		if len(s) <= MaxText { // bytes never undercount UTF-16 units
			return
		}
		n := 0
		for _, r := range s {
			n += utf16.RuneLen(r)
		}
		if n > MaxText {
			v.add(src, field, "文字有 %d 个字符，超过上限 %d 个字符（Excel 单元格最多容纳 32767 个字符）；请分成几段或删减（文字开头：“%s…”）", n, MaxText, string([]rune(s)[:20]))
		}
	})
}

// walkTexts calls fn for every string in v, with the Source of the nearest element
// that has one and the Chinese label of the field.
func walkTexts(v reflect.Value, src Source, field string, fn func(Source, string, string)) {
	switch v.Kind() {
	case reflect.String:
		fn(src, field, v.String())
	case reflect.Pointer:
		if !v.IsNil() {
			walkTexts(v.Elem(), src, field, fn)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walkTexts(v.Index(i), src, field, fn)
		}
	case reflect.Struct:
		if f := v.FieldByName("Src"); f.IsValid() && f.Type() == reflect.TypeFor[Source]() {
			if s := f.Interface().(Source); s.File != "" || s.Sheet != "" || s.Row > 0 {
				src = s
			}
		}
		t := v.Type()
		for i := range t.NumField() {
			sf := t.Field(i)
			if !sf.IsExported() || sf.Type == reflect.TypeFor[Source]() {
				continue
			}
			walkTexts(v.Field(i), src, textLabel(sf), fn)
		}
	}
}

// textLabel is a field's Chinese label for a message: its own where it has one,
// else the key it is written under in YAML.
func textLabel(f reflect.StructField) string {
	key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if l, ok := textLabels[key]; ok {
		return l
	}
	return key
}

var textLabels = map[string]string{
	"name": "名称", "title": "公开名称", "region": "地区", "target": "绩效目标", "purpose": "用途",
	"duties": "职责", "organisation": "机构设置", "goals": "工作目标", "change_reason": "变动原因",
	"category": "类别", "item": "采购品目", "task": "任务名称", "content": "主要内容",
	"level1": "一级指标", "level2": "二级指标", "level3": "三级指标", "note": "说明",
	"overview": "项目概述", "basis": "立项依据", "implementer": "实施主体", "plan": "实施方案",
	"period": "实施周期", "budget_note": "预算安排", "term": "名词", "definition": "解释",
	"personnel_note": "人员经费说明", "public_note": "公用经费说明", "family_note": "对个人和家庭补助说明",
	"office_cost_reason": "机关运行经费变动原因", "also_absent": "无此项支出", "as_of": "统计日期",
	"total": "三公经费说明", "abroad": "因公出国（境）费说明", "reception": "公务接待费说明",
	"car_purchase": "公务用车购置费说明", "car_running": "公务用车运行维护费说明",
}
