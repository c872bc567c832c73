package workflow

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"yusuan/account"
)

// TestNextEveryStateActionRole walks every state × action × role against the
// table of the workflow written out by hand, so that a change to Transitions
// must change this test too.
func TestNextEveryStateActionRole(t *testing.T) {
	P, D, B, U, A := account.Preparer, account.DeptReviewer, account.BureauReviewer, account.Publisher, account.Admin
	type key struct {
		s State
		a Action
	}
	want := map[key]struct {
		to    State
		roles []account.Role
	}{
		{None, Upload}:         {Draft, []account.Role{P, D}},
		{Draft, Upload}:        {Draft, []account.Role{P, D}},
		{Validated, Upload}:    {Draft, []account.Role{P, D}},
		{Returned, Upload}:     {Draft, []account.Role{P, D}},
		{Withdrawn, Upload}:    {Draft, []account.Role{P, D}},
		{None, Assemble}:       {Draft, []account.Role{D}},
		{Draft, Assemble}:      {Draft, []account.Role{D}},
		{Validated, Assemble}:  {Draft, []account.Role{D}},
		{Returned, Assemble}:   {Draft, []account.Role{D}},
		{Withdrawn, Assemble}:  {Draft, []account.Role{D}},
		{Draft, Validate}:      {Validated, []account.Role{P, D}},
		{Draft, Explain}:       {Draft, []account.Role{P, D}},
		{Validated, Explain}:   {Validated, []account.Role{P, D}},
		{Returned, Explain}:    {Returned, []account.Role{P, D}},
		{Validated, Submit}:    {Submitted, []account.Role{P, D}},
		{Returned, Submit}:     {Submitted, []account.Role{P, D}},
		{Submitted, Return}:    {Returned, []account.Role{B}},
		{Approved, Return}:     {Returned, []account.Role{B}},
		{Submitted, Approve}:   {Approved, []account.Role{B}},
		{Approved, Publish}:    {Published, []account.Role{U}},
		{Published, Withdraw}:  {Withdrawn, []account.Role{U}},
		{Withdrawn, Republish}: {Published, []account.Role{U}},
	}
	roles := []account.Role{P, D, B, U, A}
	n := 0
	for _, s := range append([]State{None}, States...) {
		for _, a := range Actions {
			w, ok := want[key{s, a}]
			for _, r := range roles {
				n++
				to, err := Next(s, a, r)
				switch {
				case !ok:
					if !errors.Is(err, ErrNotAllowed) {
						t.Errorf("%q %s by %s: got %q, %v; want not allowed", s, a, r, to, err)
					}
				case contains(w.roles, r):
					if err != nil || to != w.to {
						t.Errorf("%q %s by %s: got %q, %v; want %q", s, a, r, to, err, w.to)
					}
				default:
					if !errors.Is(err, ErrForbidden) {
						t.Errorf("%q %s by %s: got %q, %v; want forbidden", s, a, r, to, err)
					}
				}
				if err != nil && !strings.Contains(err.Error(), "不能") {
					t.Errorf("%q %s by %s: message %q is not Chinese", s, a, r, err)
				}
			}
		}
	}
	if n != 8*len(Actions)*5 {
		t.Errorf("walked %d cases", n)
	}
}

func contains(rs []account.Role, r account.Role) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

func TestAllowed(t *testing.T) {
	got := Allowed(Submitted, account.BureauReviewer)
	if len(got) != 2 || got[0] != Return || got[1] != Approve {
		t.Errorf("Allowed(submitted, bureau) = %v", got)
	}
	if got := Allowed(Published, account.Admin); len(got) != 0 {
		t.Errorf("Allowed(published, admin) = %v", got)
	}
}

func TestEveryStateHasLabelAndNextActor(t *testing.T) {
	for _, s := range States {
		if s.Label() == string(s) || NextActor(s) == "" {
			t.Errorf("state %s: label %q, next %q", s, s.Label(), NextActor(s))
		}
	}
	for _, a := range Actions {
		if a.Label() == string(a) {
			t.Errorf("action %s has no label", a)
		}
	}
}

func TestCanSubmit(t *testing.T) {
	warn := NewFinding(Finding{Severity: Warning, Stage: StageDocument, Rule: "TXT-01", Place: "第二部分", Message: "数字不符"})
	info := NewFinding(Finding{Severity: Info, Stage: StageDocument, Message: "提示"})
	bad := NewFinding(Finding{Severity: Error, Stage: StageData, Place: "文件 a.xlsx 第 3 行", Message: "金额不是数字"})
	cases := []struct {
		name string
		fs   []Finding
		ex   map[string]string
		ok   bool
	}{
		{"clean", []Finding{info}, nil, true},
		{"error", []Finding{bad}, nil, false},
		{"warning unexplained", []Finding{warn, info}, nil, false},
		{"warning blank", []Finding{warn}, map[string]string{warn.Key: "  "}, false},
		{"warning explained", []Finding{warn}, map[string]string{warn.Key: "年中追加，已说明"}, true},
		{"error and explained", []Finding{warn, bad}, map[string]string{warn.Key: "x"}, false},
	}
	for _, c := range cases {
		err := CanSubmit(c.fs, c.ex)
		if (err == nil) != c.ok {
			t.Errorf("%s: %v", c.name, err)
		}
		if err != nil && !errors.Is(err, ErrBlocked) {
			t.Errorf("%s: %v is not ErrBlocked", c.name, err)
		}
	}
	if err := CanSubmit([]Finding{warn}, nil); err == nil || !strings.Contains(err.Error(), "TXT-01") {
		t.Errorf("unexplained warning not named: %v", err)
	}
}

func TestFindingKeyStable(t *testing.T) {
	a := NewFinding(Finding{Severity: Warning, Stage: StageDocument, Rule: "R", Place: "p", Message: "m"})
	b := NewFinding(Finding{Severity: Warning, Stage: StageDocument, Rule: "R", Place: "p", Message: "m"})
	c := NewFinding(Finding{Severity: Warning, Stage: StageDocument, Rule: "R", Place: "pm", Message: ""})
	if a.Key != b.Key || a.Key == c.Key || len(a.Key) != 16 {
		t.Errorf("keys %q %q %q", a.Key, b.Key, c.Key)
	}
	kept := Carry([]Finding{a}, map[string]string{a.Key: "说明", "other": "旧说明"})
	if len(kept) != 1 || kept[a.Key] != "说明" {
		t.Errorf("Carry = %v", kept)
	}
}

func TestCheckText(t *testing.T) {
	if CheckText("理由", " ", 10) == nil || CheckText("理由", strings.Repeat("字", 11), 10) == nil {
		t.Error("empty or long text accepted")
	}
	if err := CheckText("理由", strings.Repeat("字", 10), 10); err != nil {
		t.Error(err)
	}
	if Classified("说明", "与机密项目甲有关", []string{"机密项目甲"}) == nil {
		t.Error("classified name accepted")
	}
	if err := Classified("说明", "普通说明", []string{"机密项目甲", ""}); err != nil {
		t.Error(err)
	}
}

func TestRolesFor(t *testing.T) {
	if got := RolesFor(Submit); len(got) != 2 || got[0] != account.Preparer || got[1] != account.DeptReviewer {
		t.Errorf("RolesFor(submit) = %v", got)
	}
	if got := RolesFor(Approve); len(got) != 1 || got[0] != account.BureauReviewer {
		t.Errorf("RolesFor(approve) = %v", got)
	}
}

// TestDocumentedTransitions: docs/workflow.md lists every transition, as a row
// of its table, so that the rules and their description do not drift apart.
func TestDocumentedTransitions(t *testing.T) {
	doc, err := os.ReadFile("../docs/workflow.md")
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]bool{}
	for _, a := range Actions {
		actions[a.Label()] = true
	}
	rows := 0 // rows of a table whose second column is an action
	for _, line := range strings.Split(string(doc), "\n") {
		if cells := strings.Split(line, "|"); len(cells) == 6 && actions[strings.TrimSpace(cells[2])] {
			rows++
		}
	}
	for _, tr := range Transitions {
		from := "（无）"
		if tr.From != None {
			from = tr.From.Label()
		}
		row := fmt.Sprintf("| %s | %s | %s | %s |", from, tr.Action.Label(), tr.To.Label(), roleNames(tr.Roles))
		if !strings.Contains(string(doc), row) {
			t.Errorf("docs/workflow.md lacks the row %s", row)
		}
	}
	if rows != len(Transitions) {
		t.Errorf("docs/workflow.md has %d transition rows, the workflow %d", rows, len(Transitions))
	}
}
