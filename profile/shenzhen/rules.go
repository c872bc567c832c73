package shenzhen

// The rules Shenzhen's narrative is checked by: each figure the parts state is the
// cell of a table the generator derives it from, and the changes they state follow
// from last year's figures.

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"yusuan/check"
	"yusuan/disclosure"
	"yusuan/money"
)

func init() { check.Register("shenzhen", narrative) }

// narrative checks the nine parts against the tables.
func narrative(c *check.Doc) {
	totalsPart(c)
	projectMentions(c)
	spendingPart(c)
	procurementPart(c)
	sanGongPart(c)
	performancePart(c)
	keyProjectTable(c)
	otherPart(c)
}

func totalsPart(c *check.Doc) {
	var implied []struct {
		s    check.Sentence
		last money.Amount
	}
	for _, s := range c.PartSentences("收支总体情况") {
		for _, p := range []struct{ label, what, row, key string }{
			{"部门预算收入", "部门预算收入", "收入总计", "income"},
			{"部门预算支出", "部门预算支出", "支出总计", "spending"},
		} {
			st, ok := check.After(s.Text, p.label)
			if !ok {
				continue
			}
			r := c.SummaryRow(p.row, p.key)
			r.Source += p.row
			c.Figure(s, p.what, st, r, nil)
			this := st.Value
			if r.OK {
				this = r.A
			}
			if st.HasChange && !st.Flat {
				last := this - st.Change
				if !st.Up {
					last = this + st.Change
				}
				implied = append(implied, struct {
					s    check.Sentence
					last money.Amount
				}{s, last})
			}
		}
	}
	// Last year's budget balanced too: the income and spending it implies are equal.
	if len(implied) == 2 && implied[0].last != implied[1].last {
		c.Add(check.Finding{Rule: "CHG-04", Severity: check.Error, Location: implied[1].s.Loc(),
			Expected: implied[0].last.Format(money.UnitWan), Actual: implied[1].last.Format(money.UnitWan),
			Message: fmt.Sprintf("按文字推算，上年收入为 %s万元、上年支出为 %s万元，两者应相等", implied[0].last.Format(money.UnitWan), implied[1].last.Format(money.UnitWan))})
	}
}

func spendingPart(c *check.Doc) {
	personnel, family, public, project, total := c.BasicParts()
	var listed []money.Amount
	var projectSentence *check.Sentence
	// The 2026 documents give each unit a section of its own; the department's
	// totals then stand in no one sentence, and only each project is checked.
	sections := 0
	for _, s := range c.PartSentences("支出具体情况") {
		if strings.HasPrefix(s.Text, "（一）") || strings.HasPrefix(s.Text, "涉密单位") {
			sections++
		}
	}
	if sections > 1 {
		project.OK = false
	}
	for _, s := range c.PartSentences("支出具体情况") {
		t := s.Text
		if strings.Contains(t, "包括人员支出") {
			if st, ok := check.After(t, "预算"); ok {
				c.Figure(s, "部门预算支出", st, total, nil)
			}
			var parts []money.Amount
			for _, p := range []struct {
				label, what string
				want        check.Ref
			}{
				{"人员支出", "人员支出", personnel}, {"公用经费", "公用经费", public},
				{"对个人和家庭的补助支出", "对个人和家庭的补助支出", family}, {"项目支出", "项目支出", project},
			} {
				if st, ok := check.After(t, p.label); ok {
					c.Figure(s, p.what, st, p.want, nil)
					parts = append(parts, st.Value)
				}
			}
			if st, ok := check.After(t, "预算"); ok && len(parts) == 4 {
				c.TextSum(s, "部门预算支出", st.Value, parts)
			}
			continue
		}
		for _, p := range []struct {
			label, what string
			want        check.Ref
		}{
			{"（一）人员支出", "人员支出", personnel}, {"（二）公用支出", "公用支出", public}, {"（二）公用经费", "公用经费", public},
			{"（三）对个人和家庭补助支出", "对个人和家庭补助支出", family}, {"（三）对个人和家庭的补助支出", "对个人和家庭的补助支出", family},
			{"（四）项目支出", "项目支出", project},
		} {
			if strings.HasPrefix(t, p.label) {
				if st, ok := check.After(t, p.label); ok {
					c.Figure(s, p.what, st, p.want, nil)
					if p.label == "（四）项目支出" {
						s := s
						projectSentence = &s
					}
				}
			}
		}
		if name, rest, ok := projectItem(c, s.Block); ok && strings.HasPrefix(s.Block, t) && !strings.HasPrefix(name, "涉密项目") {
			st, ok := check.ParseStatement(rest)
			if !ok {
				continue
			}
			// The change against last year's 年初预算 is often a sentence of its own.
			if !st.HasChange {
				st = check.WithChange(st, rest)
			}
			listed = append(listed, st.Value)
			want := projectAmount(c, name, nil)
			c.Figure(s, "项目“"+name+"”", st, want, nil)
			this := st.Value
			if want.OK {
				this = want.A
			}
			// The text leaves out the percentage only where last year's 年初预算 was
			// zero; an increase smaller than the amount then contradicts it.
			if st.HasChange && !st.Flat && st.Up && !st.HasPct && !check.SamePrinted(st.Change, this, st.ChangeRounded, 1) {
				c.Add(check.Finding{Rule: "CHG-02", Severity: check.Error, Location: s.Loc(), Expected: this.Format(money.UnitWan), Actual: st.Change.Format(money.UnitWan),
					Message: fmt.Sprintf("项目“%s”未写增幅，表示上年年初预算为零，增加额应等于本年预算 %s万元，文字为 %s万元", name, this.Format(money.UnitWan), st.Change.Format(money.UnitWan))})
			}
		}
		if m := secretItemRe.FindStringSubmatch(t); m != nil {
			if a, ok := check.ParseWan(m[1]); ok {
				listed = append(listed, a)
			}
		}
	}
	if projectSentence != nil && len(listed) > 0 && sections <= 1 {
		st, _ := check.After(projectSentence.Text, "（四）项目支出")
		c.TextSum(*projectSentence, "项目支出（所列项目合计）", st.Value, listed)
	}
}

// projectItem splits a numbered project entry into the project's name and the text
// from its amount on. A name may itself end in digits, so among the places where an
// amount could start, the one that leaves a known project name wins.
func projectItem(c *check.Doc, block string) (name, rest string, ok bool) {
	m := listNumberRe.FindString(block)
	if m == "" {
		return "", "", false
	}
	body := block[len(m):]
	first := -1
	for i := range body {
		if body[i] < '0' || body[i] > '9' {
			continue
		}
		if loc := check.NumberRe.FindStringIndex(body[i:]); loc != nil && loc[0] == 0 {
			if first < 0 {
				first = i
			}
			if knownProject(c, body[:i]) {
				return body[:i], body[i:], true
			}
		}
	}
	if first <= 0 {
		return "", "", false
	}
	return body[:first], body[first:], true
}

var (
	listNumberRe = regexp.MustCompile(`^\d+[.．、]`)
	secretItemRe = regexp.MustCompile(`涉密项目\d+个，共` + check.AmountPattern)
)

// projectName folds the ways documents print one project's name.
func projectName(s string) string {
	s = check.Normalize(s)
	for _, cut := range []string{"（通用项目）", "（通用）", "（专项）", "-", "—", "和", "、", "（一级项目）"} {
		s = strings.ReplaceAll(s, cut, "")
	}
	return s
}

// knownProject reports whether a table lists a project of exactly this name.
func knownProject(c *check.Doc, name string) bool {
	want := projectName(name)
	for _, src := range []struct {
		v   *check.View
		key string
	}{
		{c.Table(disclosure.ProjectTable), "project"},
		{c.Table(disclosure.PerformanceTable), "content"},
		{c.Inline(disclosure.KeyProjectTable), "project"},
	} {
		if src.v != nil && len(projectNamesOf(src.v, src.key).Rows(want)) > 0 {
			return true
		}
	}
	return false
}

// projectNamesOf is the column key of v folded by projectName, computed once per
// document: a long narrative names thousands of projects.
func projectNamesOf(v *check.View, key string) *check.Names {
	return v.NamesBy("shenzhen.projectName", key, projectName)
}

// projectAmount finds a project's amount in 项目支出总表, 表12 or the narrative's
// project table, by name; skip is a table not to use (the one being checked).
func projectAmount(c *check.Doc, name string, skip *check.View) check.Ref {
	want := projectName(name)
	for _, src := range []struct {
		v        *check.View
		name, am string
	}{
		{c.Table(disclosure.ProjectTable), "project", "total"},
		{c.Table(disclosure.PerformanceTable), "content", "total"},
		{c.Inline(disclosure.KeyProjectTable), "project", "total"},
	} {
		if src.v == nil || src.v == skip {
			continue
		}
		// A project of the same name in several units' blocks (a multi-unit
		// department) has no one figure to compare with unless all agree.
		names := projectNamesOf(src.v, src.name)
		var found, exact []int
		if want != "" {
			exact = names.Rows(want)
		}
		if len(exact) == 0 {
			for r, got := range names.Text {
				if got != "" && (strings.Contains(got, want) || strings.Contains(want, got)) {
					found = append(found, r)
				}
			}
		}
		if len(exact) > 0 {
			found = exact[:1]
			first, _ := src.v.Amount(exact[0], src.am)
			for _, r := range exact[1:] {
				if a, _ := src.v.Amount(r, src.am); a != first {
					found = nil
				}
			}
		}
		if len(found) == 1 {
			a, ok := src.v.Amount(found[0], src.am)
			if ok && src.v.Printed(found[0], src.am) {
				return check.Ref{A: a, OK: true, Source: src.v.Label}
			}
		}
	}
	return check.Ref{}
}

func procurementPart(c *check.Doc) {
	for _, s := range c.PartSentences("政府采购预算情况") {
		st, ok := check.After(s.Text, "共有")
		if !ok {
			continue
		}
		var parts []money.Amount
		for _, label := range []string{"货物类项目", "工程类项目", "服务类项目"} {
			if p, ok := check.After(s.Text, label); ok {
				parts = append(parts, p.Value)
			}
		}
		if len(parts) == 3 {
			c.TextSum(s, "政府采购预算", st.Value, parts)
		}
	}
}

// sanGongFigures returns this and last year's 三公 parts of all fiscal funds from 表9
// (its first group of rows: the department total or its only unit).
func sanGongFigures(c *check.Doc) (this, last map[string]check.Ref) {
	v := c.Table(disclosure.SanGongTable)
	if v == nil {
		return nil, nil
	}
	this, last = map[string]check.Ref{}, map[string]check.Ref{}
	lastLabel, thisLabel := fmt.Sprintf("%d年", c.Document().Year-1), fmt.Sprintf("%d年", c.Document().Year)
	rThis, rLast := -1, -1
	for r := range v.Len() {
		switch v.Text(r, "year") {
		case thisLabel:
			if rThis < 0 {
				rThis = r
			}
		case lastLabel:
			if rLast < 0 {
				rLast = r
			}
		}
	}
	for _, part := range []string{"total", "abroad", "reception", "car", "car_purchase", "car_running"} {
		for _, p := range []struct {
			r   int
			out map[string]check.Ref
		}{{rThis, this}, {rLast, last}} {
			if p.r < 0 {
				continue
			}
			var sum money.Amount
			ok := true
			for _, f := range []string{"general", "gov_fund", "state_capital"} {
				a, ok1 := v.Amount(p.r, part+"."+f)
				sum += a
				ok = ok && ok1
			}
			p.out[part] = check.Ref{A: sum, OK: ok, Source: v.Label + "本年数", Tails: 3}
		}
	}
	return this, last
}

func sanGongPart(c *check.Doc) {
	this, last := sanGongFigures(c)
	lastOf := func(part string) *money.Amount {
		if r, ok := last[part]; ok && r.OK {
			a := r.A
			return &a
		}
		return nil
	}
	for _, s := range c.PartSentences("“三公”经费预算情况") {
		t := s.Text
		// A list entry is one block of several sentences; its label is the block's start.
		label := strings.TrimLeft(s.Block, "0123456789.．、")
		var part, what string
		switch {
		case strings.Contains(s.Block, "“三公”经费预算") && !strings.HasPrefix(label, "因公") && !strings.HasPrefix(label, "公务"):
			part, what = "total", "财政拨款“三公”经费"
		case strings.HasPrefix(label, "因公出国"):
			part, what = "abroad", "因公出国（境）费用"
		case strings.HasPrefix(label, "公务接待费"):
			part, what = "reception", "公务接待费"
		case strings.HasPrefix(label, "公务用车购置和运行维护费"), strings.HasPrefix(label, "公务用车购置及运行维护费"), strings.HasPrefix(label, "公务用车购置及运行费"):
			part, what = "car", "公务用车购置和运行维护费"
		case strings.HasPrefix(label, "公务用车购置费"):
			part, what = "car_purchase", "公务用车购置费"
		case strings.HasPrefix(label, "公务用车运行维护费"), strings.HasPrefix(label, "公务用车运行费"):
			part, what = "car_running", "公务用车运行维护费"
		default:
			continue
		}
		want := this[part]
		// The first figure of the entry carries its change; later ones restate it.
		for i, m := range sanGongFigureRe.FindAllStringSubmatchIndex(t, -1) {
			st, ok := check.ParseStatement(t[m[2]:])
			if !ok {
				continue
			}
			var lastYear *money.Amount
			if i == 0 {
				lastYear = lastOf(part)
			} else {
				st.HasChange = false
			}
			c.Figure(s, what, st, want, lastYear)
		}
	}
}

var sanGongFigureRe = regexp.MustCompile(`(?:经费预算|预算数)为?(-?[0-9])`)

func performancePart(c *check.Doc) {
	_, _, _, project, _ := c.BasicParts()
	key := c.Inline(disclosure.KeyProjectTable)
	for _, s := range c.PartSentences("绩效管理情况") {
		if st, ok := check.After(s.Text, "涉及预算资金"); ok {
			c.Figure(s, "纳入绩效管理的项目资金", st, project, nil)
		}
		if m := unitCountRe.FindStringSubmatch(s.Text); m != nil {
			unitCount(c, s, m[1]+m[2])
		}
		m := regexp.MustCompile(`(\d+)个项目绩效目标`).FindStringSubmatch(s.Text)
		if m == nil || key == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		var listedSum money.Amount
		listed := 0
		for r := range key.Len() {
			if a, ok := key.Amount(r, "total"); ok && key.Text(r, "project") != "" {
				listed++
				listedSum += a
			}
		}
		if n == listed {
			continue
		}
		// Unlisted (classified) projects are possible only when the listed ones leave
		// room for them in the project total.
		if n > listed && project.OK && listedSum.Hundredths(money.UnitWan) < project.A.Hundredths(money.UnitWan) {
			continue
		}
		c.Add(check.Finding{Rule: "TXT-04", Severity: check.Error, Location: s.Loc(), Expected: strconv.Itoa(listed), Actual: strconv.Itoa(n),
			Message: fmt.Sprintf("文字称设置了 %d 个项目绩效目标，但重点项目表列出 %d 个，其金额合计 %s万元已等于项目支出，没有未列出的项目", n, listed, listedSum.Format(money.UnitWan))})
	}
}

// unitCountRe reads "共5家基层单位"; without 共 a unit name ending in digits would run
// into the count, so that form is read only when 共 is missing.
var unitCountRe = regexp.MustCompile(`共(\d+)家基层单位|^[^共]*?(\d+)家基层单位`)

// unitCount: the number of units the text gives is the number of unit rows in the
// functional tables.
func unitCount(c *check.Doc, s check.Sentence, stated string) {
	n, _ := strconv.Atoi(stated)
	for _, k := range []disclosure.TableKind{disclosure.SpendingTable, disclosure.GPFunctionalTable} {
		v := c.Table(k)
		if v == nil {
			continue
		}
		units := 0
		for r, row := range v.T.Rows {
			if row.Code == "" && row.Kind != disclosure.TotalRow && check.Normalize(v.RowName(r)) != "合计" {
				units++
			}
		}
		if units != n {
			c.Add(check.Finding{Rule: "TXT-04", Severity: check.Error, Location: s.Loc(), Expected: strconv.Itoa(units), Actual: stated,
				Message: fmt.Sprintf("文字称 %s 家基层单位，%s列出 %d 个预算单位", stated, v.Label, units)})
		}
		return
	}
}

// projectMentions: a project named with an amount outside the project list (in a
// reason, say) is given the amount the tables give it.
func projectMentions(c *check.Doc) {
	names := projectNames(c)
	for _, s := range c.Sentences() {
		if strings.HasSuffix(s.Part, "支出具体情况") || strings.HasSuffix(s.Part, "重点项目预算绩效情况说明") {
			continue
		}
		for _, name := range names {
			i := strings.Index(s.Text, name)
			if i < 0 {
				continue
			}
			rest := strings.TrimPrefix(s.Text[i+len(name):], "项目")
			if st, ok := check.ParseStatement(rest); ok {
				st.HasChange = false
				c.Figure(s, "项目“"+name+"”", st, projectAmount(c, name, nil), nil)
			}
		}
	}
}

// projectNames lists the project names the tables print.
func projectNames(c *check.Doc) []string {
	seen := map[string]bool{}
	var out []string
	for _, src := range []struct {
		v   *check.View
		key string
	}{
		{c.Table(disclosure.ProjectTable), "project"},
		{c.Inline(disclosure.KeyProjectTable), "project"},
		{c.Table(disclosure.PerformanceTable), "content"},
	} {
		if src.v == nil {
			continue
		}
		for r := range src.v.Len() {
			n, ok := src.v.Own(r, src.key)
			if !ok {
				continue
			}
			if n != "" && !seen[n] && len([]rune(n)) >= 4 {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}

// keyProjectTable: each project in the narrative's 重点项目 table shows the amount the
// tables give it.
func keyProjectTable(c *check.Doc) {
	v := c.Inline(disclosure.KeyProjectTable)
	if v == nil {
		return
	}
	for r := range v.Len() {
		name := v.Text(r, "project")
		got, ok := v.Amount(r, "total")
		if name == "" || !ok {
			continue
		}
		want := projectAmount(c, name, v)
		if want.OK {
			c.Equal("TXT-01", v.At(r, "total"), v.Unit, "项目“"+name+"”预算数（与"+want.Source+"对照）", want.A, got, 0, want.Source)
		}
	}
}

func otherPart(c *check.Doc) {
	_, _, public, _, _ := c.BasicParts()
	for _, s := range c.PartSentences("其他需要说明情况") {
		if st, ok := check.After(s.Text, "机关运行经费财政拨款预算"); ok {
			if c.Table(disclosure.BasicTable) != nil {
				public.OK = false // 基本支出总表 covers every fund; 机关运行经费 is 一般公共预算 only
			}
			c.Figure(s, "机关运行经费", st, public, nil)
		}
	}
}
