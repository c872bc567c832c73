package workflow

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf8"

	"yusuan/check"
)

// Severity ranks a finding as check does: errors block, warnings need an
// explanation before submission, notes need nothing. It is check's type, so that
// a finding of the generated document keeps its severity as check gave it.
type Severity = check.Severity

// The severities, check's own.
const (
	Error   = check.Error
	Warning = check.Warning
	Info    = check.Info
)

// Stage says which step found a finding.
type Stage string

// The stages: reading and validating the budget data, and checking the
// disclosure generated from it.
const (
	StageData     Stage = "data"     // 预算数据
	StageDocument Stage = "document" // 公开文件
)

// Label is the stage's Chinese name.
func (s Stage) Label() string {
	if s == StageDocument {
		return "公开文件核对"
	}
	return "预算数据校验"
}

// Finding is one problem of an uploaded version, with its place for a reader and,
// for data findings, the cell it came from.
type Finding struct {
	Key      string   `json:"key"` // stable across uploads while rule, place and message stay
	Severity Severity `json:"severity"`
	Stage    Stage    `json:"stage"`
	Rule     string   `json:"rule,omitempty"`
	Place    string   `json:"place"` // 文件 x.xlsx 工作表“支出明细” 第 12 行 E 列（经济科目）; 表3，行“…”
	Message  string   `json:"message"`
	Sheet    string   `json:"sheet,omitempty"`
	Row      int      `json:"row,omitempty"`
	Column   string   `json:"column,omitempty"`
}

// NewFinding fills f's Key from its stage, rule, place and message.
func NewFinding(f Finding) Finding {
	h := sha256.New()
	for _, s := range []string{string(f.Stage), f.Rule, f.Place, f.Message} {
		fmt.Fprintf(h, "%d:%s;", len(s), s)
	}
	f.Key = hex.EncodeToString(h.Sum(nil))[:16]
	return f
}

// String is the finding as yusuan validate and check print it.
func (f Finding) String() string {
	s := "【" + f.Severity.Label() + "】"
	if f.Rule != "" {
		s += f.Rule + " "
	}
	if f.Place != "" {
		return s + f.Place + "：" + f.Message
	}
	return s + f.Message
}

// Counts are a version's findings by severity.
type Counts struct{ Errors, Warnings, Infos int }

// Count counts findings by severity.
func Count(fs []Finding) Counts {
	var c Counts
	for _, f := range fs {
		switch f.Severity {
		case Error:
			c.Errors++
		case Warning:
			c.Warnings++
		default:
			c.Infos++
		}
	}
	return c
}

// Bounds on what people write.
const (
	MaxExplanation = 2000 // runes of one warning's explanation
	MaxReason      = 2000 // runes of a return's or withdrawal's reason
	MaxReasons     = 200  // reasons of one return
)

// CheckText refuses text that is empty or longer than max runes; what names the
// text in the message (说明, 退回理由).
func CheckText(what, text string, max int) error {
	t := strings.TrimSpace(text)
	switch {
	case t == "":
		return refuse(ErrBlocked, "%s不能为空", what)
	case utf8.RuneCountInString(t) > max:
		return refuse(ErrBlocked, "%s最多 %d 个字，现有 %d 个字", what, max, utf8.RuneCountInString(t))
	}
	return nil
}

// CanValidate refuses a version that has errors.
func CanValidate(fs []Finding) error {
	if n := Count(fs).Errors; n > 0 {
		return refuse(ErrBlocked, "还有 %d 处错误，改正并重新上传后才能通过校验", n)
	}
	return nil
}

// CanSubmit refuses a version that has errors or a warning without an
// explanation (explanations by finding key), naming the first warnings left.
func CanSubmit(fs []Finding, explanations map[string]string) error {
	if err := CanValidate(fs); err != nil {
		return err
	}
	var missing []string
	for _, f := range fs {
		if f.Severity == Warning && strings.TrimSpace(explanations[f.Key]) == "" {
			missing = append(missing, f.String())
		}
	}
	if len(missing) == 0 {
		return nil
	}
	shown := missing[:min(len(missing), 3)]
	more := ""
	if len(missing) > len(shown) {
		more = fmt.Sprintf("等 %d 条", len(missing))
	}
	return refuse(ErrBlocked, "每条警告都须填写说明后才能报送，尚未说明的有：%s%s", strings.Join(shown, "；"), more)
}

// Unexplained counts the warnings of fs without an explanation.
func Unexplained(fs []Finding, explanations map[string]string) int {
	n := 0
	for _, f := range fs {
		if f.Severity == Warning && strings.TrimSpace(explanations[f.Key]) == "" {
			n++
		}
	}
	return n
}

// Carry keeps the explanations of old that still apply to fs: those of warnings
// whose key is among fs's warnings, so that a re-upload that leaves a warning as
// it was keeps its explanation.
func Carry(fs []Finding, old map[string]string) map[string]string {
	out := map[string]string{}
	for _, f := range fs {
		if f.Severity == Warning && old[f.Key] != "" {
			out[f.Key] = old[f.Key]
		}
	}
	return out
}

// Classified refuses text that names any of the classified names (涉密 units and
// projects of the budget): explanations and reasons are published, and a 涉密
// name must never reach the public side.
func Classified(what, text string, names []string) error {
	for _, n := range names {
		if n != "" && strings.Contains(text, n) {
			return refuse(ErrBlocked, "%s中含有涉密单位或项目的名称“%s”，公开的说明不能出现涉密名称", what, n)
		}
	}
	return nil
}
