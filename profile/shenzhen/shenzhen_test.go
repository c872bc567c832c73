package shenzhen_test

import (
	"flag"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"yusuan/budget"
	"yusuan/disclosure"
	"yusuan/examples/examplestest"
	"yusuan/profile/profiletest"
	"yusuan/profile/shenzhen"
)

var update = flag.Bool("update", false, "rewrite golden files")

func deriveExample(t testing.TB) *disclosure.Document {
	t.Helper()
	return derive(t, examplestest.Load(t, "longgang-2024"))
}

func derive(t testing.TB, b *budget.Budget) *disclosure.Document {
	t.Helper()
	return profiletest.Documents(t, shenzhen.Profile{}, b)[0]
}

// TestGolden pins the whole example document, tables and narrative, as text.
func TestGolden(t *testing.T) {
	profiletest.Golden(t, "derived document", filepath.Join("testdata", "longgang-2024.golden.txt"), profiletest.Text(t, deriveExample(t)), *update)
}

var (
	tableMarker = regexp.MustCompile(`^表\s*(\d+)\s*$`)
	amountRe    = regexp.MustCompile(`^-?[\d,]+\.\d\d$`)
	numberRe    = regexp.MustCompile(`\d[\d,]*(?:\.\d+)?`)
)

// tableRows splits text into tables by their 表N markers and returns, for each table,
// the rows that hold at least one amount, as their non-empty cells without spaces.
func tableRows(s string) map[int][]string {
	out := map[int][]string{}
	current := 0
	for _, line := range strings.Split(s, "\n") {
		if m := tableMarker.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
			current = atoi(m[1])
			continue
		}
		if current == 0 || !strings.Contains(line, "\t") {
			continue
		}
		var cells []string
		hasAmount := false
		for _, c := range strings.Split(line, "\t") {
			c = strings.Join(strings.Fields(c), "")
			if c == "" {
				continue
			}
			hasAmount = hasAmount || amountRe.MatchString(c)
			cells = append(cells, c)
		}
		if hasAmount {
			out[current] = append(out[current], strings.Join(cells, "|"))
		}
	}
	return out
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

// TestSeedTables checks that every printed row of the seed's tables 1 and 6-12 is
// reproduced cell for cell, and that those tables have no other rows with amounts.
func TestSeedTables(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join("testdata", "seed-longgang-2024.txt"))
	if err != nil {
		t.Fatal(err)
	}
	seedTables := string(seed)[strings.LastIndex(string(seed), "## 二、表格部分"):]
	_, ours, _ := strings.Cut(profiletest.Text(t, deriveExample(t)), "# 二、表格部分")
	want, got := tableRows(seedTables), tableRows(ours)
	for _, n := range []int{1, 6, 7, 8, 9, 10, 11, 12} {
		if len(want[n]) == 0 {
			t.Fatalf("seed table %d: no rows found", n)
		}
		if strings.Join(want[n], "\n") != strings.Join(got[n], "\n") {
			t.Errorf("table %d differs from the seed\nseed:\n%s\nours:\n%s", n, strings.Join(want[n], "\n"), strings.Join(got[n], "\n"))
		}
	}
}

// seedContradictions are the numbers of the seed's narrative that contradict its own
// tables; the generated text follows the data there (see README).
var seedContradictions = map[int][]string{
	5: {"9.00", "3", "3"}, // 三公 total is 7.00 in table 9; 公务用车 parts are 4.00 (table 9, table 8 30231)
	6: {"11"},             // ten projects with targets are listed (part 7, table 12)
}

func narrativeNumbers(s string) map[int][]string {
	out := map[int][]string{}
	part := 0
	parts := []string{"一", "二", "三", "四", "五", "六", "七", "八", "九"}
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, "#* "), "第") && strings.Contains(line, "部分") {
			for i, p := range parts {
				if strings.Contains(line, "第"+p+"部分") {
					part = i + 1
				}
			}
			continue
		}
		if part == 0 {
			continue
		}
		for _, n := range numberRe.FindAllString(line, -1) {
			out[part] = append(out[part], canonical(n))
		}
		// A change of zero is worded 持平 (DOMAIN §3) where the seed writes 增加0万元.
		for i := 0; i < strings.Count(line, "持平"); i++ {
			out[part] = append(out[part], "0")
		}
	}
	return out
}

// canonical writes a number so that 34, 34.0 and 34.00 compare equal.
func canonical(s string) string {
	r, ok := new(big.Rat).SetString(strings.ReplaceAll(s, ",", ""))
	if !ok {
		return s
	}
	return r.RatString()
}

// TestSeedNarrative checks that every number of the seed's narrative appears in the
// same part of the generated narrative, as often, except the seed's contradictions.
func TestSeedNarrative(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join("testdata", "seed-longgang-2024.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// The 目录 repeats both headings; the sections proper are their last occurrences.
	seedText := string(seed)
	seedText = seedText[:strings.LastIndex(seedText, "## 二、表格部分")]
	seedText = seedText[strings.LastIndex(seedText, "# 一、文字部分"):]
	ourText, _, _ := strings.Cut(profiletest.Text(t, deriveExample(t)), "# 二、表格部分")
	want, got := narrativeNumbers(seedText), narrativeNumbers(ourText)
	for part := 1; part <= 9; part++ {
		have := map[string]int{}
		for _, n := range got[part] {
			have[n]++
		}
		for _, n := range seedContradictions[part] {
			have[canonical(n)]++
		}
		for _, n := range want[part] {
			if have[n] == 0 {
				t.Errorf("part %d: the seed's number %s is missing from the generated text", part, n)
				continue
			}
			have[n]--
		}
	}
}
