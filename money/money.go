// Package money owns exact amounts of money and how they are shown.
//
// An Amount counts 分 (0.01 元) as an int64; nothing here uses floating point.
// Display rounds half up (四舍五入) from the exact value, once, at the end.
package money

import (
	"fmt"
	"strconv"
	"strings"
)

// Amount is an exact sum of money in 分.
type Amount int64

// Scale factors between 分 and the display units.
const (
	Fen  Amount = 1
	Yuan Amount = 100
	Wan  Amount = 1_000_000 // 万元 in 分
)

// Unit is a display unit of a table or text.
type Unit string

const (
	UnitYuan Unit = "元"
	UnitWan  Unit = "万元"
)

// Scale returns how many 分 one unit holds.
func (u Unit) Scale() Amount {
	if u == UnitWan {
		return Wan
	}
	return Yuan
}

// Yuan returns an amount of whole 元.
func FromYuan(y int64) Amount { return Amount(y) * Yuan }

// Round returns a rounded half up (away from zero for negatives) to a multiple of step.
func (a Amount) Round(step Amount) Amount {
	if step <= 1 {
		return a
	}
	neg := a < 0
	if neg {
		a = -a
	}
	r := (a + step/2) / step * step
	if neg {
		return -r
	}
	return r
}

// Hundredths returns a in hundredths of unit u, rounded half up: the integer behind a
// printed "6,762.91".
func (a Amount) Hundredths(u Unit) int64 {
	step := u.Scale() / 100
	return int64(a.Round(step) / step)
}

// Format prints a in unit u with two decimals and thousands separators
// ("6,762.91"), rounded half up from the exact value.
func (a Amount) Format(u Unit) string {
	return formatHundredths(a.Hundredths(u), true)
}

// Plain prints like Format but without thousands separators ("6762.91").
func (a Amount) Plain(u Unit) string {
	return formatHundredths(a.Hundredths(u), false)
}

// Wan formats a in 万元, the unit of Shenzhen tables and narratives.
func (a Amount) Wan() string { return a.Format(UnitWan) }

func formatHundredths(h int64, group bool) string {
	neg := h < 0
	if neg {
		h = -h
	}
	ip := strconv.FormatInt(h/100, 10)
	if group && len(ip) > 3 {
		var b strings.Builder
		lead := len(ip) % 3
		if lead > 0 {
			b.WriteString(ip[:lead])
		}
		for i := lead; i < len(ip); i += 3 {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(ip[i : i+3])
		}
		ip = b.String()
	}
	s := fmt.Sprintf("%s.%02d", ip, h%100)
	if neg {
		return "-" + s
	}
	return s
}

// String shows the exact amount in 元 with 分, for logs and errors.
func (a Amount) String() string { return formatHundredths(int64(a), true) + "元" }

// Abs returns |a|.
func (a Amount) Abs() Amount {
	if a < 0 {
		return -a
	}
	return a
}

// Parse reads a decimal amount given in unit u ("1,234.56", "-3", "0.005" in 万元)
// exactly into 分. More decimals than the unit allows down to 分 is an error, so
// nothing is silently rounded on input.
func Parse(s string, u Unit) (Amount, error) {
	t := strings.TrimSpace(s)
	t = strings.ReplaceAll(t, ",", "")
	t = strings.ReplaceAll(t, "，", "")
	if t == "" {
		return 0, fmt.Errorf("空值")
	}
	neg := false
	switch t[0] {
	case '-':
		neg = true
		t = t[1:]
	case '+':
		t = t[1:]
	}
	ip, fp, _ := strings.Cut(t, ".")
	if ip == "" && fp == "" {
		return 0, fmt.Errorf("“%s”不是数字", s)
	}
	if ip == "" {
		ip = "0"
	}
	if !digits(ip) || (fp != "" && !digits(fp)) || strings.Count(t, ".") > 1 {
		return 0, fmt.Errorf("“%s”不是数字", s)
	}
	// Decimal places that the unit allows: 元 → 2 (分), 万元 → 6.
	places := 2
	if u == UnitWan {
		places = 6
	}
	fp = strings.TrimRight(fp, "0")
	if len(fp) > places {
		return 0, fmt.Errorf("“%s”精确到分以下", s)
	}
	fp += strings.Repeat("0", places-len(fp))
	if len(ip) > 15 {
		return 0, fmt.Errorf("“%s”超出金额范围", s)
	}
	iv, err := strconv.ParseInt(ip, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("“%s”不是数字", s)
	}
	fv, _ := strconv.ParseInt(fp, 10, 64)
	v := Amount(iv)*u.Scale() + Amount(fv)
	if neg {
		v = -v
	}
	return v, nil
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// Percent returns the change from last to this as tenths of a percent, rounded
// half up on its magnitude, and false when last is zero (no percentage exists).
func Percent(this, last Amount) (tenths int64, ok bool) { return Ratio(this-last, last) }

// Ratio returns part as tenths of a percent of whole (a 完成率, say), rounded half
// up on its magnitude, and false when whole is zero.
func Ratio(part, whole Amount) (tenths int64, ok bool) {
	if whole == 0 {
		return 0, false
	}
	d := int64(part)
	l := int64(whole)
	if l < 0 {
		l, d = -l, -d
	}
	neg := d < 0
	if neg {
		d = -d
	}
	// Round half up: (d*1000 + l/2) / l, computed without overflow for realistic sums.
	t := (d*1000*2 + l) / (2 * l)
	if neg {
		t = -t
	}
	return t, true
}

// FormatTenths prints tenths of a percent as "11.5%".
func FormatTenths(t int64) string {
	neg := t < 0
	if neg {
		t = -t
	}
	s := fmt.Sprintf("%d.%d%%", t/10, t%10)
	if neg {
		return "-" + s
	}
	return s
}

// UnmarshalYAML reads an amount written in 元 in a text budget file, as a number
// (1234.56) or a string ("1,234.56"). The signature needs no YAML package.
func (a *Amount) UnmarshalYAML(unmarshal func(any) error) error {
	var s string
	if err := unmarshal(&s); err != nil {
		return fmt.Errorf("金额应为以元为单位的数字")
	}
	v, err := Parse(s, UnitYuan)
	if err != nil {
		return fmt.Errorf("金额%v", err)
	}
	*a = v
	return nil
}

// MarshalYAML writes an amount in 元 with two decimals.
func (a Amount) MarshalYAML() (any, error) { return a.Plain(UnitYuan), nil }
