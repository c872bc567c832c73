package pdf

import (
	"strings"
	"testing"
)

// TestTitleLinesKeepWords: a title that needs two or three lines breaks between
// words (政务服务 / 数据管理局), never inside one (数据管 / 理局) when a break
// between words gives as many lines, at every width; and it takes no more lines
// than plain wrapping.
func TestTitleLinesKeepWords(t *testing.T) {
	fonts, err := loadFaces()
	if err != nil {
		t.Fatal(err)
	}
	r := &renderer{faces: fonts}
	for _, tc := range []struct {
		title string
		st    style
		words []string // words no break should fall inside
	}{
		{"2024年深圳市龙岗区政务服务数据管理局（本级）部门预算", coverStyle, []string{"数据", "管理局", "政务", "服务", "龙岗", "部门预算", "本级"}},
		{"第七部分 重点项目预算绩效情况说明", partStyle, []string{"重点", "项目", "预算", "绩效", "情况", "说明"}},
		{"一般公共预算“三公”经费支出表（按经济分类）", tableTitleStyle, []string{"一般公共", "预算", "经费", "经济分类"}},
		{"2026年深圳市规划和自然资源局（本级）部门预算", coverStyle, []string{"规划", "自然资源", "部门预算"}},
	} {
		splits := func(lines []line) bool {
			for i := range len(lines) - 1 {
				for _, w := range tc.words {
					rw := []rune(w)
					for k := 1; k < len(rw); k++ {
						if strings.HasSuffix(lines[i].s, string(rw[:k])) && strings.HasPrefix(lines[i+1].s, string(rw[k:])) {
							return true
						}
					}
				}
			}
			return false
		}
		full := r.width(tc.title, tc.st)
		for width := full / 3; width < full; width += 1.5 {
			lines := r.titleLines(tc.title, tc.st, width)
			plain := r.wrap(tc.title, tc.st, width, 0)
			if len(lines) != len(plain) {
				t.Errorf("%q at %.1f mm: %d lines, plain wrapping %d", tc.title, width, len(lines), len(plain))
			}
			var got strings.Builder
			for _, l := range lines {
				got.WriteString(l.s)
				if r.width(l.s, tc.st) > width+1e-6 {
					t.Errorf("%q at %.1f mm: line %q too wide", tc.title, width, l.s)
				}
			}
			if strings.ReplaceAll(got.String(), " ", "") != strings.ReplaceAll(tc.title, " ", "") {
				t.Errorf("%q at %.1f mm: lines %q lose text", tc.title, width, texts(lines))
			}
			if splits(lines) && len(lines) <= 3 {
				if better := wholeWordBreak(r, tc.title, tc.st, width, len(lines), splits); better != nil {
					t.Errorf("%q at %.1f mm: %q splits a word; %q does not", tc.title, width, texts(lines), texts(better))
				}
			}
		}
	}
}

// wholeWordBreak tries every way of breaking s into n (2 or 3) lines of at most
// width between characters and returns one that splits no word, or nil.
func wholeWordBreak(r *renderer, s string, st style, width float64, n int, splits func([]line) bool) []line {
	rs := []rune(s)
	fits := func(a, b int) (line, bool) {
		l := strings.TrimSpace(string(rs[a:b]))
		c := []rune(l)
		ok := l != "" && r.width(l, st) <= width+1e-6 &&
			!(a > 0 && strings.ContainsRune(noStart, c[0])) && !strings.ContainsRune(noEnd, c[len(c)-1]) &&
			!(a > 0 && isWordRune(rs[a-1]) && isWordRune(rs[a]) && rs[a-1] != ' ' && rs[a] != ' ')
		return line{s: l}, ok
	}
	for i := 1; i < len(rs); i++ {
		first, ok := fits(0, i)
		if !ok {
			continue
		}
		if n == 2 {
			if second, ok := fits(i, len(rs)); ok && !splits([]line{first, second}) {
				return []line{first, second}
			}
			continue
		}
		for j := i + 1; j < len(rs); j++ {
			second, ok1 := fits(i, j)
			third, ok2 := fits(j, len(rs))
			if ok1 && ok2 && !splits([]line{first, second, third}) {
				return []line{first, second, third}
			}
		}
	}
	return nil
}
