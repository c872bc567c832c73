// Package workflow holds the rules of preparing and publishing a department's
// budget: its states, the actions that move it between them, which role may take
// each, what must hold first (no errors, every warning explained, a 批复 date), and
// the 20-day publication clock. It has no I/O and reads no clock: the store applies
// a step in one transaction, the service computes what a step needs.
package workflow

import (
	"errors"
	"fmt"
	"slices"

	"yusuan/account"
)

// State is where a submission stands.
type State string

// The states, in the order a submission normally passes them.
const (
	Draft     State = "draft"     // 草稿: uploaded, has errors or is not yet validated
	Validated State = "validated" // 已校验: no errors
	Submitted State = "submitted" // 已报送: waiting for the bureau
	Returned  State = "returned"  // 已退回: sent back with reasons
	Approved  State = "approved"  // 已批复: the 批复 date starts the 20-day clock
	Published State = "published" // 已公开: in the public portal
	Withdrawn State = "withdrawn" // 已撤回: taken back for correction, republished as a new version
)

// States lists every state in workflow order.
var States = []State{Draft, Validated, Submitted, Returned, Approved, Published, Withdrawn}

var stateLabels = map[State]string{
	Draft: "草稿", Validated: "已校验", Submitted: "已报送", Returned: "已退回",
	Approved: "已批复", Published: "已公开", Withdrawn: "已撤回",
}

// Label is the state's Chinese name.
func (s State) Label() string {
	if l, ok := stateLabels[s]; ok {
		return l
	}
	return string(s)
}

// Valid reports whether s is one of States.
func (s State) Valid() bool { _, ok := stateLabels[s]; return ok }

// Action is a step someone takes on a submission.
type Action string

// The actions. Upload also starts a submission (from the empty state None).
const (
	Upload    Action = "upload"    // 上传数据: a new version of the data
	Validate  Action = "validate"  // 校验
	Explain   Action = "explain"   // 说明警告
	Submit    Action = "submit"    // 报送
	Return    Action = "return"    // 退回
	Approve   Action = "approve"   // 批复
	Publish   Action = "publish"   // 公开
	Withdraw  Action = "withdraw"  // 撤回
	Republish Action = "republish" // 重新公开
	// Assemble merges the department's units' parts into a new version of its
	// data, as an upload of the whole department would.
	Assemble Action = "assemble" // 汇总各单位
)

// Actions lists every action.
var Actions = []Action{Upload, Assemble, Validate, Explain, Submit, Return, Approve, Publish, Withdraw, Republish}

var actionLabels = map[Action]string{
	Upload: "上传数据", Assemble: "汇总各单位", Validate: "校验", Explain: "说明警告", Submit: "报送", Return: "退回",
	Approve: "批复", Publish: "公开", Withdraw: "撤回", Republish: "重新公开",
}

// Label is the action's Chinese name.
func (a Action) Label() string {
	if l, ok := actionLabels[a]; ok {
		return l
	}
	return string(a)
}

// None is the state of a submission that does not exist yet: only Upload starts one.
const None State = ""

// Transition is one allowed step: an action taken in a state by one of the roles,
// and the state it leads to.
type Transition struct {
	From   State
	Action Action
	To     State
	Roles  []account.Role
}

var (
	preparers = []account.Role{account.Preparer, account.DeptReviewer}
	bureau    = []account.Role{account.BureauReviewer}
	publisher = []account.Role{account.Publisher}
	reviewer  = []account.Role{account.DeptReviewer}
)

// Transitions is the whole workflow. An action missing for a state is refused in it.
// A preparer and the department's reviewer prepare and submit the department's
// data (the reviewer alone assembles it from its units' parts); the bureau returns or approves; the publisher publishes and withdraws.
// Upload leads to Draft: the service then validates a clean upload at once.
var Transitions = []Transition{
	{None, Upload, Draft, preparers},
	{Draft, Upload, Draft, preparers},
	{Validated, Upload, Draft, preparers},
	{Returned, Upload, Draft, preparers},
	{Withdrawn, Upload, Draft, preparers},
	{None, Assemble, Draft, reviewer},
	{Draft, Assemble, Draft, reviewer},
	{Validated, Assemble, Draft, reviewer},
	{Returned, Assemble, Draft, reviewer},
	{Withdrawn, Assemble, Draft, reviewer},
	{Draft, Validate, Validated, preparers},
	{Draft, Explain, Draft, preparers},
	{Validated, Explain, Validated, preparers},
	{Returned, Explain, Returned, preparers},
	{Validated, Submit, Submitted, preparers},
	{Returned, Submit, Submitted, preparers},
	{Submitted, Return, Returned, bureau},
	{Submitted, Approve, Approved, bureau},
	{Approved, Return, Returned, bureau},
	{Approved, Publish, Published, publisher},
	{Published, Withdraw, Withdrawn, publisher},
	{Withdrawn, Republish, Published, publisher},
}

// The kinds of refusal, for errors.Is; a Refusal's message says in Chinese why.
var (
	ErrNotAllowed = errors.New("workflow: action not allowed in this state")
	ErrForbidden  = errors.New("workflow: role may not take this action")
	ErrBlocked    = errors.New("workflow: conditions of the action not met")
	// ErrConflict says someone else changed the submission since the caller read it.
	ErrConflict = errors.New("workflow: changed by someone else")
)

// Refusal is a step refused, with why in Chinese for the person who tried it.
type Refusal struct {
	Kind error // ErrNotAllowed, ErrForbidden, ErrBlocked or ErrConflict
	Msg  string
}

func (r *Refusal) Error() string { return r.Msg }

// Is makes errors.Is(err, ErrBlocked) and the like hold for a Refusal of that kind.
func (r *Refusal) Is(target error) bool { return target == r.Kind }

func refuse(kind error, format string, args ...any) error {
	return &Refusal{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// Conflict is the refusal of a step whose submission changed since it was read.
func Conflict() error {
	return refuse(ErrConflict, "该报送已被他人修改（状态或版本已变化），请刷新页面后再操作")
}

// Next returns the state that action leads to from state when role takes it. It
// refuses an action the state does not allow (ErrNotAllowed) and a role that may
// not take it (ErrForbidden), saying why in Chinese.
func Next(state State, action Action, role account.Role) (State, error) {
	for _, t := range Transitions {
		if t.From != state || t.Action != action {
			continue
		}
		for _, r := range t.Roles {
			if r == role {
				return t.To, nil
			}
		}
		return "", refuse(ErrForbidden, "%s不能%s（可由%s操作）", role.Label(), action.Label(), roleNames(t.Roles))
	}
	if state == None {
		return "", refuse(ErrNotAllowed, "还没有上传数据，不能%s", action.Label())
	}
	return "", refuse(ErrNotAllowed, "当前状态为“%s”，不能%s", state.Label(), action.Label())
}

// Allowed lists the actions role may take in state, in the order of Actions.
func Allowed(state State, role account.Role) []Action {
	var out []Action
	for _, a := range Actions {
		if _, err := Next(state, a, role); err == nil {
			out = append(out, a)
		}
	}
	return out
}

// NextActor is who acts next on a submission in state, in Chinese, for dashboards.
func NextActor(state State) string {
	switch state {
	case None, Draft, Validated, Returned, Withdrawn:
		return account.Preparer.Label() + "或" + account.DeptReviewer.Label()
	case Submitted:
		return account.BureauReviewer.Label()
	case Approved:
		return account.Publisher.Label()
	}
	return "无"
}

func roleNames(roles []account.Role) string {
	s := ""
	for i, r := range roles {
		if i > 0 {
			s += "或"
		}
		s += r.Label()
	}
	return s
}

// RolesFor lists the roles that may take action in some state, in the order of
// account.Roles: who may use the action's form at all.
func RolesFor(action Action) []account.Role {
	var out []account.Role
	for _, r := range account.Roles {
		for _, t := range Transitions {
			if t.Action == action && slices.Contains(t.Roles, r) {
				out = append(out, r)
				break
			}
		}
	}
	return out
}
