package shanghai_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"yusuan/budget"
	"yusuan/budgetfile"
	"yusuan/check"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/profile/shanghai"
	"yusuan/render/text"
)

var update = flag.Bool("update", false, "rewrite golden files")

const example = "putuo-shangwuwei-2025"

func loadExample(t testing.TB) *budget.Budget {
	t.Helper()
	b, err := budgetfile.Load(filepath.Join("..", "..", "examples", example))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func documents(t testing.TB, b *budget.Budget) []*disclosure.Document {
	t.Helper()
	cat := classification.Default()
	if err := budget.Validate(b, cat); err != nil {
		t.Fatal(err)
	}
	docs, err := shanghai.Profile{}.Documents(b, cat)
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func render(t testing.TB, doc *disclosure.Document) string {
	t.Helper()
	var buf bytes.Buffer
	if err := text.Write(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func errorsOf(res check.Result) []string {
	var out []string
	for _, f := range res.Findings {
		if f.Severity == check.Error {
			out = append(out, fmt.Sprintf("%s %s: %s", f.Rule, f.Location, f.Message))
		}
	}
	return out
}

// TestGolden pins the example's documents, the 部门预算 and the 单位预算, as text.
func TestGolden(t *testing.T) {
	docs := documents(t, loadExample(t))
	if len(docs) != 2 {
		t.Fatalf("derived %d documents, want the 部门预算 and one 单位预算", len(docs))
	}
	for i, doc := range docs {
		got := render(t, doc)
		path := filepath.Join("testdata", fmt.Sprintf("%s-%d.golden.txt", example, i))
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("%s differs from %s; run go test ./profile/shanghai -update and review the diff", doc.Title, path)
		}
	}
}

// TestExampleChecks: every derived document passes the checker without errors.
func TestExampleChecks(t *testing.T) {
	for _, doc := range documents(t, loadExample(t)) {
		if errs := errorsOf(check.Run(doc, check.Options{})); len(errs) > 0 {
			t.Errorf("%s %s has errors:\n%s", doc.Kind, doc.Subject, strings.Join(errs, "\n"))
		}
	}
}

// TestUnitText: a 单位预算 prints the unit's own 职能 and 机构设置 where the unit wrote
// them, the department's where it did not, and the 部门预算 always the department's.
func TestUnitText(t *testing.T) {
	b := loadExample(t)
	b.Units[0].Duties = []string{"本单位负责示范工作。", "1、承担交办事项。"}
	docs := documents(t, b)
	texts := func(doc *disclosure.Document, part int) []string {
		var out []string
		for _, bl := range doc.Parts[part].Blocks {
			out = append(out, bl.Text)
		}
		return out
	}
	for _, c := range []struct {
		doc, part int
		want      []string
	}{
		{0, 0, b.Text.Duties},
		{0, 1, b.Text.Organisation},
		{1, 0, b.Units[0].Duties},
		{1, 1, b.Text.Organisation},
	} {
		if got := texts(docs[c.doc], c.part); strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s part %d = %q, want %q", docs[c.doc].Kind, c.part+1, got, c.want)
		}
	}
}
