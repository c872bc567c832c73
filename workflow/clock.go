package workflow

import (
	"fmt"
	"time"
)

// The clock of 预算法 第十四条: a department publishes its budget "批复后二十日内".
//
// How it is counted, following 民法典 第二百零一条 (a period in days starts on the
// day after the event): the 批复 date is day 0, the next calendar day is day 1,
// and day 20 — the 批复 date plus 20 calendar days — is the last day on which
// publication is on time (the deadline, inclusive, to 24:00 Beijing time). Days
// are calendar days, weekends included. 民法典 第二百零三条 moves a deadline that
// falls on a statutory holiday to the first working day after it; yusuan has no
// holiday calendar and does not move it, so its deadline is never later than the
// law's: a department it shows on time is on time.

// PeriodDays is the number of calendar days from 批复 to the deadline.
const PeriodDays = 20

// Beijing is the time zone the days are counted in (UTC+8, no daylight saving),
// fixed so that the binary needs no time-zone database.
var Beijing = time.FixedZone("CST", 8*3600)

// Date is a calendar day.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf is the Beijing calendar day of t.
func DateOf(t time.Time) Date {
	y, m, d := t.In(Beijing).Date()
	return Date{y, m, d}
}

// ParseDate reads a date written 2026-03-05 (as an HTML date field sends it) or
// 2026年3月5日.
func ParseDate(s string) (Date, error) {
	for _, layout := range []string{"2006-01-02", "2006年1月2日"} {
		if t, err := time.Parse(layout, s); err == nil {
			return Date{t.Year(), t.Month(), t.Day()}, nil
		}
	}
	return Date{}, refuse(ErrBlocked, "日期“%s”无法识别，应写作 2026-03-05 或 2026年3月5日", s)
}

// IsZero reports whether d is the zero date (no date).
func (d Date) IsZero() bool { return d == Date{} }

func (d Date) time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDays is the date n calendar days after d.
func (d Date) AddDays(n int) Date {
	t := d.time().AddDate(0, 0, n)
	return Date{t.Year(), t.Month(), t.Day()}
}

// DaysUntil is the number of calendar days from d to e (negative when e is before d).
func (d Date) DaysUntil(e Date) int {
	return int(e.time().Sub(d.time()).Hours() / 24)
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.time().Before(e.time()) }

// String writes d as 2026-03-05, the form stored and sent in forms.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Chinese writes d as 2026年3月5日.
func (d Date) Chinese() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day)
}

// Deadline is the last day publication after a 批复 on approved is on time.
func Deadline(approved Date) Date { return approved.AddDays(PeriodDays) }

// Clock is where a submission stands against its deadline on a given day.
type Clock struct {
	Running  bool // approved and not yet published: the clock runs
	Deadline Date
	DaysLeft int  // calendar days from today to the deadline; 0 on the last day, negative when late
	Late     bool // today is past the deadline and it is not published, or it was published after it
}

// ClockOf is the clock of a submission approved on approved (zero: not yet
// approved) and published on published (zero: not yet) as seen on today.
func ClockOf(approved, published, today Date) Clock {
	if approved.IsZero() {
		return Clock{}
	}
	c := Clock{Deadline: Deadline(approved)}
	if !published.IsZero() {
		c.DaysLeft = published.DaysUntil(c.Deadline)
		c.Late = c.DaysLeft < 0
		return c
	}
	c.Running = true
	c.DaysLeft = today.DaysUntil(c.Deadline)
	c.Late = c.DaysLeft < 0
	return c
}

// Text is the clock in Chinese for a dashboard: 剩 5 天, 今日截止, 已逾期 3 天,
// 按期公开, 逾期 2 天公开.
func (c Clock) Text() string {
	switch {
	case c.Deadline.IsZero():
		return ""
	case !c.Running && c.Late:
		return fmt.Sprintf("逾期 %d 天公开", -c.DaysLeft)
	case !c.Running:
		return "按期公开"
	case c.Late:
		return fmt.Sprintf("已逾期 %d 天", -c.DaysLeft)
	case c.DaysLeft == 0:
		return "今日截止"
	}
	return fmt.Sprintf("剩 %d 天", c.DaysLeft)
}

// CheckApproval refuses a 批复 date after today: the bureau records a 批复 that
// has been issued.
func CheckApproval(approved, today Date) error {
	if approved.IsZero() {
		return refuse(ErrBlocked, "批复须填写批复日期")
	}
	if today.Before(approved) {
		return refuse(ErrBlocked, "批复日期 %s 晚于今天 %s", approved.Chinese(), today.Chinese())
	}
	return nil
}
