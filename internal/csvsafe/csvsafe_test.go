package csvsafe

import "testing"

func TestNeutral(t *testing.T) {
	for in, want := range map[string]string{
		"":         "",
		"财政局":      "财政局",
		"=SUM(A1)": "'=SUM(A1)",
		"+1":       "'+1",
		"-1":       "'-1",
		"@x":       "'@x",
		"\t=1":     "'\t=1",
		"＝HYPER()": "'＝HYPER()",
		"a=b":      "a=b",
	} {
		if got := Neutral(in); got != want {
			t.Errorf("Neutral(%q) = %q, want %q", in, got, want)
		}
	}
}
