package check_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"yusuan/check"
	"yusuan/disclosure"
	"yusuan/money"
	"yusuan/reader"
)

// corpusDoc reads a corpus PDF, or skips the test when the corpus is absent.
func corpusDoc(t *testing.T, file string) *disclosure.Document {
	t.Helper()
	path := filepath.Join(corpusDir, file)
	if _, err := os.Stat(path); err != nil {
		t.Skip("the shared corpus is not next to the repository")
	}
	doc, err := reader.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// findingsOf lists a document's findings of a severity as “RULE message”.
func findingsOf(doc *disclosure.Document, sev check.Severity) map[string]bool {
	out := map[string]bool{}
	for _, f := range check.Run(doc, check.Options{}).Findings {
		if f.Severity == sev {
			out[f.Rule+" "+f.Message] = true
		}
	}
	return out
}

// errorsOf lists a document's errors as “RULE message”.
func errorsOf(doc *disclosure.Document) map[string]bool { return findingsOf(doc, check.Error) }

// freshFindings lists the findings of sev that doc gives and were, its findings
// before a change, do not hold.
func freshFindings(were map[string]bool, doc *disclosure.Document, sev check.Severity) []string {
	var fresh []string
	for e := range findingsOf(doc, sev) {
		if !were[e] {
			fresh = append(fresh, e)
		}
	}
	return fresh
}

// docEdit is one change to a published document, the mutation of a case in a
// table of cases.
type docEdit func(*testing.T, *disclosure.Document)

// textEdit is editText as a docEdit.
func textEdit(old, new string) docEdit {
	return func(t *testing.T, doc *disclosure.Document) { editText(t, doc, old, new) }
}

// cellEdit is editCell as a docEdit.
func cellEdit(kind disclosure.TableKind, name string, nth int, printed string) docEdit {
	return func(t *testing.T, doc *disclosure.Document) { editCell(t, doc, kind, name, nth, printed) }
}

// edits is several changes made in turn, as one docEdit.
func edits(es ...docEdit) docEdit {
	return func(t *testing.T, doc *disclosure.Document) {
		for _, e := range es {
			e(t, doc)
		}
	}
}

// mutation is a case of runMutations: a change to a published document and the
// finding of the rule that must report it, which holds says.
type mutation struct {
	name, file string
	edit       docEdit
	sev        check.Severity
	rule, says string
}

// runMutations requires, of each case, that its document as published gives no
// finding of the rule that holds says, and that the changed one gives it.
func runMutations(t *testing.T, cases []mutation) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := corpusDoc(t, tc.file)
			before := findingsOf(doc, tc.sev)
			for e := range before {
				if strings.HasPrefix(e, tc.rule+" ") && strings.Contains(e, tc.says) {
					t.Fatalf("reported as published: %s", e)
				}
			}
			tc.edit(t, doc)
			fresh := freshFindings(before, doc, tc.sev)
			for _, e := range fresh {
				if strings.HasPrefix(e, tc.rule+" ") && strings.Contains(e, tc.says) {
					return
				}
			}
			t.Errorf("want %s “…%s…”, got %q", tc.rule, tc.says, fresh)
		})
	}
}

// editText changes the first narrative block that holds old.
func editText(t *testing.T, doc *disclosure.Document, old, new string) {
	t.Helper()
	for _, p := range doc.Parts {
		for i, b := range p.Blocks {
			if text := check.Normalize(b.Text); strings.Contains(text, old) {
				p.Blocks[i].Text = strings.Replace(text, old, new, 1)
				return
			}
		}
	}
	t.Fatalf("no block holds %q", old)
}

// editCell sets, in the table of kind (in the tables part or the narrative), the nth amount (from 0) of the row whose
// cells hold name.
func editCell(t *testing.T, doc *disclosure.Document, kind disclosure.TableKind, name string, nth int, printed string) {
	t.Helper()
	for _, tb := range doc.AllTables() {
		if tb.Kind != kind {
			continue
		}
		for _, r := range tb.Rows {
			named, seen := false, 0
			for i, c := range r.Cells {
				if c.Amount == nil {
					named = named || check.Normalize(c.Text) == name
					continue
				}
				if named && seen == nth {
					a, err := money.Parse(printed, tb.Unit)
					if err != nil {
						t.Fatal(err)
					}
					r.Cells[i].Amount, r.Cells[i].Printed = &a, printed
					return
				}
				if named {
					seen++
				}
			}
		}
	}
	t.Fatalf("no row %q in %s", name, kind)
}

// TestNarrativeRulesOnRealDocuments changes one figure of a published document and
// requires the rule that speaks of it to report it, and nothing to be reported on
// the document as published.
func TestNarrativeRulesOnRealDocuments(t *testing.T) {
	const xinfang = "shenzhen-2026/shenzhen-xinfang-2026-dept-budget.pdf"
	const guangzhou = "other/guangzhou-bangongting-2026-dept-budget.pdf"
	const central = "other/central-guojia-xinfangju-2026-dept-budget.pdf"
	const shangwuwei = "shanghai/putuo-shangwuwei-2025-dept-budget.pdf"
	const caikuai = "other/shanghai-caikuai-zhongxin-2026-unit-budget.pdf"
	runMutations(t, []mutation{
		{"list of parts (包括)", xinfang, textEdit("公用经费357.43万元、", "公用经费392.43万元、"), check.Error, "TXT-02", "所列各项相加 4,719.29万元"},
		{"list of main parts (主要包括) exceeding its total", xinfang, textEdit("信访工作经费216.40万元", "信访工作经费237.40万元"), check.Error, "TXT-02", "所列主要各项相加已超过总数"},
		{"list with a part stated as 其中", guangzhou, textEdit("工程类采购预算0万元", "工程类采购预算2万元"), check.Error, "TXT-02", "所列各项相加 485.05万元"},
		{"a listed part restated", xinfang, textEdit("（二）公用经费357.43万元", "（二）公用经费392.43万元"), check.Error, "TXT-07", "前文所列为 357.43万元"},
		{"a 三公 part against its row", guangzhou, textEdit("因公出国（境）费215.6万元", "因公出国（境）费236.6万元"), check.Error, "TXT-01", "文字中因公出国（境）费为 236.6万元"},
		{"三公 changes of the parts", guangzhou, textEdit("比上年减少70万元", "比上年减少77万元"), check.Error, "CHG-06", "所述各部分的变化相加为 -395.88万元"},
		{"财政拨款 change against its funds' changes", shangwuwei, textEdit("一般公共预算拨款支出预算37,151.47万元，比2024年预算增加24,491.71万元", "一般公共预算拨款支出预算37,151.47万元，比2024年预算增加25,491.71万元"), check.Error, "CHG-06", "所述各部分的变化相加为 25,491.71万元"},
		{"a change printed after a bracket", guangzhou, textEdit("下降100%", "下降110%"), check.Error, "CHG-02", "文字为 110%"},
		{"a share of the list's total", central, textEdit("上年结转2,254.12万元，占4.45%", "上年结转2,254.12万元，占6.45%"), check.Error, "TXT-08", "应为 4.45%，文字为 6.45%"},
		{"a share of parts making 100%", central, textEdit("教育支出118.01万元，占0.63%", "教育支出118.01万元，占0.68%"), check.Error, "TXT-08", "文字为 0.68%"},
		{"the 收支总表's split of 基本支出", caikuai, edits(cellEdit(disclosure.SummaryTable, "支出总计", 1, "11,873,700"), cellEdit(disclosure.SummaryTable, "支出总计", 2, "2,667,100")), check.Error, "X-08", "两者各差 100,000"},
		{"numbered income items", xinfang, cellEdit(disclosure.SummaryTable, "二、财政专户管理资金", 0, "2.00"), check.Error, "BAL-02", "本年收入合计为 4,676.96，但各项相加为 4,678.96"},
		{"财政拨款收支总表 income against 收支总表", xinfang, cellEdit(disclosure.FiscalSummaryTable, "1.一般公共预算拨款", 0, "5,143.96"), check.Error, "X-07", "应为 4,676.96"},
		{"财政拨款收支总表 spending against the 一般公共预算 table", xinfang, cellEdit(disclosure.FiscalSummaryTable, "行政运行", 0, "2,052.84"), check.Error, "X-06", "“行政运行”"},
		{"a 重点项目 against the 项目支出 table", guangzhou, cellEdit(disclosure.KeyProjectTable, "专项工作经费（广州市人民政府办公厅）", 0, "823.25"), check.Error, "TXT-01", "表12 部门预算项目支出及其他支出预算表为 749.25万元"},
		{"结转结余下年 in 支出总计", guangzhou, cellEdit(disclosure.SummaryTable, "结转结余下年", 0, "2.00"), check.Error, "BAL-01", "支出总计（本年支出合计 + 结转下年）"},
	})
}
