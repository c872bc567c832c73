package pdftext

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.layout golden files")

// run lays out s as characters of the given size from x on baseline y, a
// CJK character one em wide and any other half an em; a space advances
// without producing a character, as in a PDF.
func run(s string, x, y, size float64) []char {
	var cs []char
	for _, r := range s {
		adv := size / 2
		if columns(string(r)) == 2 {
			adv = size
		}
		if r != ' ' {
			cs = append(cs, char{r: r, x0: x, x1: x + adv, y0: y - 0.9*size, y1: y + 0.2*size, base: y, size: size})
		}
		x += adv
	}
	return cs
}

func TestGroup(t *testing.T) {
	cat := func(runs ...[]char) []char {
		var all []char
		for _, r := range runs {
			all = append(all, r...)
		}
		return all
	}
	tests := []struct {
		name  string
		chars []char
		want  []string // lines, words separated by |
	}{
		{"one word", run("行政运行", 100, 200, 10), []string{"行政运行"}},
		{"latin space kept inside a word", run("Total 12.50", 100, 200, 10), []string{"Total 12.50"}},
		{"cells split at wide gaps", cat(run("201", 50, 200, 10), run("行政运行", 100, 200, 10), run("9,389,913.00", 300, 200, 10)),
			[]string{"201|行政运行|9,389,913.00"}},
		{"baselines within tolerance join", cat(run("合计", 50, 200, 10), run("1.00", 200, 201.5, 10)), []string{"合计|1.00"}},
		{"lines sorted top to bottom", cat(run("第二行", 50, 220, 10), run("第一行", 50, 200, 10)), []string{"第一行", "第二行"}},
		{"words sorted left to right", cat(run("右", 300, 200, 10), run("左", 50, 200, 10)), []string{"左|右"}},
		{"fake bold drawn twice", cat(run("预算", 100, 200, 10), run("预算", 100.3, 200, 10)), []string{"预算"}},
		{"no chars", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, l := range group(tt.chars) {
				var ws []string
				for _, w := range l.Words {
					ws = append(ws, w.Text)
				}
				got = append(got, strings.Join(ws, "|"))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLayout(t *testing.T) {
	// Column width comes out as 5 pt (10 pt CJK glyphs), left edge at 50.
	page := Page{Number: 1, Width: 600, Height: 800, Lines: group(append(append(
		run("类 款 项", 50, 100, 10),
		run("合计", 100, 120, 10)...),
		run("1,234.00", 200, 120, 10)...))}
	got := Layout([]Page{page, {Number: 2}})
	want := "类 款 项\n" +
		"          合计                1,234.00\n" +
		"\f\f"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	// Words that overlap on the grid keep one space between them.
	tight := Page{Lines: []Line{{Words: []Word{{Text: "ab", X0: 0, X1: 10}, {Text: "cd", X0: 5, X1: 15}}}}}
	if got := Layout([]Page{tight}); got != "ab cd\n\f" {
		t.Errorf("overlapping words: %q", got)
	}
}

// TestLayoutGolden keeps the Layout text of each test document under
// testdata so that a change in grouping shows up in review as a diff.
// Refresh with: go test ./reader/pdftext -run TestLayoutGolden -update
func TestLayoutGolden(t *testing.T) {
	for _, d := range documents {
		t.Run(d.file, func(t *testing.T) {
			got := Layout(extractTestdata(t, d.file))
			golden := filepath.Join("testdata", strings.TrimSuffix(d.file, ".pdf")+".layout")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("Layout differs from %s; run with -update and review the diff", golden)
			}
		})
	}
}
