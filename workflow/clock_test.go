package workflow

import (
	"testing"
	"time"
)

func d(s string) Date {
	x, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return x
}

func TestDeadline(t *testing.T) {
	cases := []struct{ approved, deadline string }{
		{"2026-01-15", "2026-02-04"},
		{"2026-02-20", "2026-03-12"}, // across a short February
		{"2024-02-20", "2024-03-11"}, // leap year
		{"2026-12-20", "2027-01-09"}, // across the year
	}
	for _, c := range cases {
		if got := Deadline(d(c.approved)); got != d(c.deadline) {
			t.Errorf("Deadline(%s) = %s, want %s", c.approved, got, c.deadline)
		}
	}
}

func TestClock(t *testing.T) {
	approved := d("2026-01-15") // deadline 2026-02-04
	cases := []struct {
		published, today string
		running, late    bool
		left             int
		text             string
	}{
		{"", "2026-01-15", true, false, 20, "剩 20 天"},
		{"", "2026-02-03", true, false, 1, "剩 1 天"},
		{"", "2026-02-04", true, false, 0, "今日截止"},
		{"", "2026-02-05", true, true, -1, "已逾期 1 天"},
		{"2026-02-04", "2026-03-01", false, false, 0, "按期公开"},
		{"2026-02-06", "2026-03-01", false, true, -2, "逾期 2 天公开"},
	}
	for _, c := range cases {
		var pub Date
		if c.published != "" {
			pub = d(c.published)
		}
		got := ClockOf(approved, pub, d(c.today))
		if got.Running != c.running || got.Late != c.late || got.DaysLeft != c.left || got.Text() != c.text {
			t.Errorf("published %q today %s: %+v %q", c.published, c.today, got, got.Text())
		}
	}
	if (ClockOf(Date{}, Date{}, d("2026-01-01")) != Clock{}) {
		t.Error("clock runs without approval")
	}
}

func TestDateOfBeijing(t *testing.T) {
	// 2026-01-15 17:00 UTC is already the 16th in Beijing.
	if got := DateOf(time.Date(2026, 1, 15, 17, 0, 0, 0, time.UTC)); got != d("2026-01-16") {
		t.Errorf("DateOf = %s", got)
	}
	if d("2026年3月5日") != d("2026-03-05") || d("2026-03-05").Chinese() != "2026年3月5日" {
		t.Error("date forms differ")
	}
	if _, err := ParseDate("3/5/2026"); err == nil {
		t.Error("bad date accepted")
	}
}

func TestCheckApproval(t *testing.T) {
	if CheckApproval(Date{}, d("2026-01-01")) == nil || CheckApproval(d("2026-01-02"), d("2026-01-01")) == nil {
		t.Error("missing or future 批复 date accepted")
	}
	if err := CheckApproval(d("2026-01-01"), d("2026-01-01")); err != nil {
		t.Error(err)
	}
}
