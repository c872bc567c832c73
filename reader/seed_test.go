package reader_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"yusuan/check"
	"yusuan/reader"
)

func seedText(t testing.TB) string {
	data, err := os.ReadFile(filepath.Join("..", "profile", "shenzhen", "testdata", "seed-longgang-2024.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func checkText(t testing.TB, text string) check.Result {
	doc, err := reader.ReadText("seed.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	return check.Run(doc, check.Options{})
}

// TestSeed: every narrative statement that contradicts the seed's tables is an
// error, its rounding tails are info, and nothing else is an error.
func TestSeed(t *testing.T) {
	res := checkText(t, seedText(t))
	var errs []string
	for _, f := range res.Findings {
		if f.Severity == check.Error {
			errs = append(errs, f.Rule+" "+f.Location.Part+" "+f.Actual)
		}
	}
	sort.Strings(errs)
	want := []string{
		"TXT-01 第五部分 财政拨款“三公”经费预算情况 3.00",
		"TXT-01 第五部分 财政拨款“三公”经费预算情况 3.00",
		"TXT-01 第五部分 财政拨款“三公”经费预算情况 9.00",
		"TXT-04 第六部分 部门预算绩效管理情况 11",
	}
	if strings.Join(errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
	tails := 0
	for _, f := range res.Findings {
		if f.Rule == "TAIL-01" {
			tails++
			if f.Severity != check.Info {
				t.Errorf("a rounding tail is %s", f.Severity)
			}
		}
	}
	// Table 7's basic column: 821.00 printed, 821.01 added up — the tail DOMAIN names.
	found := false
	for _, f := range res.Findings {
		if f.Rule == "TAIL-01" && strings.HasPrefix(f.Location.Table, "表7") && f.Actual == "821.00" && f.Expected == "821.01" {
			found = true
		}
	}
	if !found || tails < 5 {
		t.Errorf("rounding tails: %d, table 7's 821.00 found: %v", tails, found)
	}
}

// mutation is one number of the seed changed.
type mutation struct {
	line  int
	old   string
	new   string
	where string
}

var (
	cellAmount = regexp.MustCompile(`^-?[0-9][0-9,]*\.[0-9]{2}$`)
	// Numbers of the narrative that some table or sum verifies: amounts in 万元,
	// percentages, the number of projects, units and vehicles.
	narrativeNumber = regexp.MustCompile(`-?[0-9][0-9,]*(?:\.[0-9]+)?\s*(?:万元|%|个项目|家基层单位|辆)`)
)

// bump changes a number visibly: its integer part by +10%, at least +2, keeping the
// format. (+1 would turn the seed's wrong 3 万元 into the right 4.00 and so remove an
// error; and a 0-decimal percentage such as 81% cannot tell 470 from 471.)
func bump(s string) string {
	num := strings.TrimRight(s, " 万元%个项目家基层单位辆")
	return reader.BumpNumber(num) + s[len(num):]
}

// mutations lists every verifiable number of the seed: each amount cell of its
// tables and each amount, percentage and count of its narrative.
func mutations(text string) []mutation {
	lines := strings.Split(text, "\n")
	tablesFrom := strings.LastIndex(text, "## 二、表格部分")
	textFrom := strings.LastIndex(text[:tablesFrom], "# 一、文字部分")
	offset := 0
	var out []mutation
	table := ""
	for i, l := range lines {
		start := offset
		offset += len(l) + 1
		if start < textFrom {
			continue
		}
		if m := regexp.MustCompile(`^表\s*([0-9]+)\s*$`).FindStringSubmatch(strings.TrimSpace(l)); m != nil {
			table = "表" + m[1]
		}
		if start >= tablesFrom {
			if !strings.Contains(l, "\t") {
				continue
			}
			for _, cell := range strings.Split(l, "\t") {
				c := strings.TrimSpace(cell)
				if cellAmount.MatchString(c) {
					out = append(out, mutation{i, c, bump(c), table})
				}
			}
			continue
		}
		if strings.Contains(l, "\t") { // the 重点项目 table in 第七部分
			for _, cell := range strings.Split(l, "\t") {
				if c := strings.TrimSpace(cell); cellAmount.MatchString(c) {
					out = append(out, mutation{i, c, bump(c), "第七部分表"})
				}
			}
			continue
		}
		for _, n := range narrativeNumber.FindAllString(l, -1) {
			if strings.Contains(l, "单价100万元以上") && strings.HasPrefix(n, "100") {
				continue // a threshold, not a figure
			}
			if strings.Contains(l, "计划购置车辆") {
				continue // plans that no table shows
			}
			out = append(out, mutation{i, n, bump(n), "文字"})
		}
	}
	return out
}

func errorKeys(res check.Result) map[string]bool {
	keys := map[string]bool{}
	for _, f := range res.Findings {
		if f.Severity == check.Error {
			keys[fmt.Sprintf("%s|%s|%s|%s", f.Rule, f.Location, f.Actual, f.Message)] = true
		}
	}
	return keys
}

// TestSeedMutations: changing any single verifiable number of the seed's tables or
// narrative brings at least one new error. Every table the seed has and every part
// with figures is covered.
func TestSeedMutations(t *testing.T) {
	text := seedText(t)
	base := errorKeys(checkText(t, text))
	lines := strings.Split(text, "\n")
	muts := mutations(text)
	covered := map[string]int{}
	for _, m := range muts {
		changed := append([]string(nil), lines...)
		// Replace the first occurrence on the line that is a whole number token.
		idx := tokenIndex(changed[m.line], m.old)
		if idx < 0 {
			t.Fatalf("line %d: %q not found", m.line+1, m.old)
		}
		changed[m.line] = changed[m.line][:idx] + m.new + changed[m.line][idx+len(m.old):]
		got := errorKeys(checkText(t, strings.Join(changed, "\n")))
		fresh := false
		for k := range got {
			if !base[k] {
				fresh = true
				break
			}
		}
		if !fresh {
			t.Errorf("line %d (%s): changing %q to %q brings no new error", m.line+1, m.where, m.old, m.new)
		}
		covered[m.where]++
	}
	for _, want := range []string{"表1", "表6", "表7", "表8", "表9", "表10", "表11", "表12", "文字", "第七部分表"} {
		if covered[want] == 0 {
			t.Errorf("no mutation in %s", want)
		}
	}
	t.Logf("%d mutations: %v", len(muts), covered)
}

// tokenIndex finds s in line where it is not part of a longer number.
func tokenIndex(line, s string) int {
	for from := 0; ; {
		i := strings.Index(line[from:], s)
		if i < 0 {
			return -1
		}
		i += from
		before := i == 0 || !isNumByte(line[i-1])
		after := i+len(s) >= len(line) || !isNumByte(line[i+len(s)]) || strings.ContainsAny(s[len(s)-1:], "元%位辆")
		if before && after {
			return i
		}
		from = i + 1
	}
}

func isNumByte(b byte) bool { return b >= '0' && b <= '9' || b == '.' || b == ',' }
