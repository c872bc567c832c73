package check

import (
	"math/rand"
	"strings"
	"testing"
)

// TestNormalizeFastPath: Normalize, which returns most texts as they are, folds
// every text as removing the spaces and then replacing does.
func TestNormalizeFastPath(t *testing.T) {
	slow := func(s string) string { return normReplacer.Replace(strings.Join(strings.Fields(s), "")) }
	alphabet := []rune("项目支出（）():：\"“” \u3000\t\n\u00a0\u2003a1,，")
	texts := []string{"", "行政运行", "一般公共服务支出", "(本级)", "a b", "\u3000合计", "\xff\xfe", "名称:"}
	r := rand.New(rand.NewSource(1))
	for range 5000 {
		var b strings.Builder
		for range r.Intn(12) {
			b.WriteRune(alphabet[r.Intn(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		if got, want := Normalize(s), slow(s); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", s, got, want)
		}
	}
}
