package shanghai_test

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"yusuan/budget"
	"yusuan/check"
	"yusuan/disclosure"
	"yusuan/examples/examplestest"
	"yusuan/money"
	"yusuan/profile/profiletest"
	"yusuan/profile/shanghai"
)

var update = flag.Bool("update", false, "rewrite golden files")

const example = "putuo-shangwuwei-2025"

func loadExample(t testing.TB) *budget.Budget {
	t.Helper()
	return examplestest.Load(t, example)
}

func documents(t testing.TB, b *budget.Budget) []*disclosure.Document {
	t.Helper()
	return profiletest.Documents(t, shanghai.Profile{}, b)
}

// TestGolden pins the example's documents, the 部门预算 and the 单位预算, as text.
func TestGolden(t *testing.T) {
	docs := documents(t, loadExample(t))
	if len(docs) != 2 {
		t.Fatalf("derived %d documents, want the 部门预算 and one 单位预算", len(docs))
	}
	for i, doc := range docs {
		path := filepath.Join("testdata", fmt.Sprintf("%s-%d.golden.txt", example, i))
		profiletest.Golden(t, doc.Title, path, profiletest.Text(t, doc), *update)
	}
}

// TestExampleChecks: every derived document passes the checker without errors.
func TestExampleChecks(t *testing.T) {
	for _, doc := range documents(t, loadExample(t)) {
		if errs := profiletest.Errors(check.Run(doc, check.Options{})); len(errs) > 0 {
			t.Errorf("%s %s has errors:\n%s", doc.Kind, doc.Subject, strings.Join(errs, "\n"))
		}
	}
}

// TestUnitText: a 单位预算 prints the unit's own 职能 and 机构设置 where the unit wrote
// them, the department's where it did not, and the 部门预算 always the department's.
func TestUnitText(t *testing.T) {
	b := loadExample(t)
	b.Units[0].Duties = []string{"本单位负责示范工作。", "1、承担交办事项。"}
	docs := documents(t, b)
	texts := func(doc *disclosure.Document, part int) []string {
		var out []string
		for _, bl := range doc.Parts[part].Blocks {
			out = append(out, bl.Text)
		}
		return out
	}
	for _, c := range []struct {
		doc, part int
		want      []string
	}{
		{0, 0, b.Text.Duties},
		{0, 1, b.Text.Organisation},
		{1, 0, b.Units[0].Duties},
		{1, 1, b.Text.Organisation},
	} {
		if got := texts(docs[c.doc], c.part); strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s part %d = %q, want %q", docs[c.doc].Kind, c.part+1, got, c.want)
		}
	}
}

// TestUnitLastYearAndAssets: in a department of several units, a 单位预算 compares
// with the unit's own last-year figures and prints the unit's own assets where the
// unit has them, and does neither where it has not, as the department's figures are
// not the unit's. The unit's document still passes the checker.
func TestUnitLastYearAndAssets(t *testing.T) {
	b := loadExample(t)
	b.Units = append(b.Units, budget.Unit{Code: "207009", Name: "上海市普陀区商务服务中心", Kind: budget.Institution})
	wan := func(n int64) money.Amount { return money.Amount(n * 1_000_000) } // n 万元 in 分
	unit := budget.OfUnit("207001")
	fiscalIn := b.Sum(budget.And(unit, func(li *budget.LineItem) bool { return li.SourceFund().Fiscal() }))
	general := b.Sum(budget.And(unit, func(li *budget.LineItem) bool { return li.SourceFund() == budget.GeneralPublic }))
	govFund := b.Sum(budget.And(unit, func(li *budget.LineItem) bool { return li.SourceFund() == budget.GovFund }))
	stateCapital := b.Sum(budget.And(unit, func(li *budget.LineItem) bool { return li.SourceFund() == budget.StateCapital }))
	u := &b.Units[0]
	u.LastYear = &budget.UnitLastYear{
		FiscalIncome: fiscalIn + wan(10), GeneralSpending: general - wan(5), GovFundSpending: govFund, StateCapitalSpending: stateCapital,
		OfficeCost: wan(300),
	}
	u.LastYear.FiscalSpending = u.LastYear.GeneralSpending + govFund + stateCapital
	u.Assets = &budget.Assets{AsOf: "2024年12月31日", Vehicles: []budget.VehicleCount{{Type: "其他用车", Count: 2}}, Equipment: 1, PlannedVehicles: 1}
	docs := documents(t, b)
	if len(docs) != 3 {
		t.Fatalf("derived %d documents, want the 部门预算 and two 单位预算", len(docs))
	}
	text := func(doc *disclosure.Document, part int) string {
		var out []string
		for _, bl := range doc.Parts[part].Blocks {
			out = append(out, bl.Text)
		}
		return strings.Join(out, "\n")
	}
	own, other := docs[1], docs[2]
	explanation, rest := text(own, 3), text(own, 4)
	for _, want := range []string{
		"财政拨款收入" + fiscalIn.Wan() + "万元，比2024年预算执行数减少10.00万元",
		"一般公共预算拨款支出预算" + general.Wan() + "万元，比2024年预算增加5.00万元",
	} {
		if !strings.Contains(explanation, want) {
			t.Errorf("%s 编制说明 lacks %q:\n%s", own.Subject, want, explanation)
		}
	}
	if strings.Contains(explanation, "主要原因是") {
		t.Errorf("%s 编制说明 gives the department's reason for the unit's change:\n%s", own.Subject, explanation)
	}
	for _, want := range []string{"五、国有资产占有使用情况", "截至2024年12月31日，上海市普陀区商务委员会共有车辆2辆", "其他用车2辆；单价100万元（含）以上设备（不含车辆）1台（套）", "预算安排购置车辆1辆"} {
		if !strings.Contains(rest, want) {
			t.Errorf("%s 其他相关情况说明 lacks %q:\n%s", own.Subject, want, rest)
		}
	}
	if s := text(other, 3); strings.Contains(s, "比2024年") {
		t.Errorf("%s compares with last year without figures of its own:\n%s", other.Subject, s)
	}
	if s := text(other, 4); strings.Contains(s, "国有资产") {
		t.Errorf("%s prints assets without assets of its own:\n%s", other.Subject, s)
	}
	if errs := profiletest.Errors(check.Run(own, check.Options{})); len(errs) > 0 {
		t.Errorf("%s has errors:\n%s", own.Subject, strings.Join(errs, "\n"))
	}
}
