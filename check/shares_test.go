package check_test

import (
	"strings"
	"testing"

	"yusuan/check"
	"yusuan/disclosure"
)

// sharesOf checks a narrative of one paragraph and returns its findings on
// shares (TXT-08, TAIL-01).
func sharesOf(text string) []check.Finding {
	doc := &disclosure.Document{Parts: []disclosure.Part{{Number: 1, Title: "部门预算情况说明",
		Blocks: []disclosure.Block{{Kind: disclosure.Paragraph, Text: text}}}}}
	var out []check.Finding
	for _, f := range check.Run(doc, check.Options{}).Findings {
		if f.Rule == "TXT-08" || f.Rule == "TAIL-01" {
			out = append(out, f)
		}
	}
	return out
}

// TestShareEdges: a share is judged at the ends of the interval its printed
// figures allow, to the last unit. 16.00万元 of 19.99万元 may be as little as
// 15.995 ÷ 19.995 = 79.994998…%: 79.99% rounds up to it by 0.0000013 and holds,
// 79.98% is an error (not a cut: 79.984998…% rounds to 79.98%, and is not one). 2.66万元 of
// 19.99万元 may be as much as 2.665 ÷ 19.985 = 13.335001…%: 13.34% holds,
// 13.35% is an error (a share too large is never a cut). The other ends:
// 16.005 ÷ 19.985 = 80.085063…% (80.09% holds, 80.10% does not) and
// 2.655 ÷ 19.995 = 13.278319…% (13.28% holds, 13.27% is a cut).
func TestShareEdges(t *testing.T) {
	for _, tt := range []struct {
		first, share string
		rule         string
		sev          check.Severity
	}{
		{"16.00", "79.99", "", check.Info},
		{"16.00", "79.98", "TXT-08", check.Error},
		{"16.00", "80.09", "", check.Info},
		{"16.00", "80.10", "TXT-08", check.Error},
		{"2.66", "13.34", "", check.Info},
		{"2.66", "13.35", "TXT-08", check.Error},
		{"2.66", "13.28", "", check.Info},
		{"2.66", "13.27", "TAIL-01", check.Info},
	} {
		rest := map[string]string{"16.00": "3.99万元，占19.96%", "2.66": "17.33万元，占86.69%"}[tt.first]
		text := "支出预算合计19.99万元，其中：基本支出" + tt.first + "万元，占" + tt.share + "%；项目支出" + rest + "。"
		got := sharesOf(text)
		switch {
		case tt.rule == "" && len(got) != 0:
			t.Errorf("%s%%: want no finding, got %v", tt.share, got)
		case tt.rule != "" && (len(got) != 1 || got[0].Rule != tt.rule || got[0].Severity != tt.sev || got[0].Actual != tt.share+"%"):
			t.Errorf("%s%%: want one %s, got %v", tt.share, tt.rule, got)
		}
	}
}

// TestShareMessage: a wrong share names the exact share, rounded half up at the
// decimals the text prints (1.00 of 8.00 is 12.50%).
func TestShareMessage(t *testing.T) {
	got := sharesOf("支出预算合计8.00万元，其中：基本支出1.00万元，占13.50%；项目支出7.00万元，占87.50%。")
	if len(got) != 1 || got[0].Expected != "12.50%" || got[0].Actual != "13.50%" || !strings.Contains(got[0].Message, "应为 12.50%") {
		t.Errorf("want one TXT-08 expecting 12.50%%, got %v", got)
	}
}
