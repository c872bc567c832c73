package pdftext

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/go-pdf/fpdf"
)

// documents are the real PDFs under testdata. reference is the
// `pdftotext -layout` output kept beside the Shanghai files; for
// yusuan's own PDF it is generated at test time when pdftotext is present.
var documents = []struct {
	file      string
	pages     int // as reported by pdfinfo
	title     string
	reference string
}{
	{"putuo-shangwuwei-2025-dept-budget.pdf", 26, "上海市普陀区2025年区级部门预算", "putuo-shangwuwei-2025-dept-budget.txt"},
	{"putuo-wanli-jiedao-2023-dept-budget.pdf", 35, "上海市普陀区2023年区级部门预算", "putuo-wanli-jiedao-2023-dept-budget.txt"},
	{"longgang-2024.pdf", 25, "2024年深圳市龙岗区政务服务数据管理局（本级）部门预算", ""},
}

var amount = regexp.MustCompile(`-?\d{1,3}(?:,\d{3})*\.\d{2}`)

func readTestdata(t testing.TB, file string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// referenceText returns pdftotext's layout text of a test document, split
// into pages, or skips the test when it is not available.
func referenceText(t *testing.T, file, reference string) []string {
	t.Helper()
	var text string
	if reference != "" {
		text = string(readTestdata(t, reference))
	} else {
		if _, err := exec.LookPath("pdftotext"); err != nil {
			t.Skip("pdftotext not on PATH")
		}
		out, err := exec.Command("pdftotext", "-layout", filepath.Join("testdata", file), "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", file, err)
		}
		text = string(out)
	}
	return strings.Split(text, "\f")
}

func extractTestdata(t testing.TB, file string) []Page {
	t.Helper()
	pages, err := Extract(context.Background(), file, readTestdata(t, file))
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

func lineText(l Line) string {
	words := make([]string, len(l.Words))
	for i, w := range l.Words {
		words[i] = w.Text
	}
	return strings.Join(words, " ")
}

func TestExtractMatchesPdftotext(t *testing.T) {
	for _, d := range documents {
		t.Run(d.file, func(t *testing.T) {
			ref := referenceText(t, d.file, d.reference)
			pages := extractTestdata(t, d.file)
			if len(pages) != d.pages {
				t.Fatalf("got %d pages, pdfinfo says %d", len(pages), d.pages)
			}
			checked := 0
			for i, p := range pages {
				if p.Number != i+1 || p.Width <= 0 || p.Height <= 0 {
					t.Errorf("page %d: number %d, size %.1f×%.1f", i+1, p.Number, p.Width, p.Height)
				}
				var ours []string
				for _, l := range p.Lines {
					ours = append(ours, strings.Join(amount.FindAllString(lineText(l), -1), " "))
				}
				for _, refLine := range strings.Split(ref[i], "\n") {
					want := amount.FindAllString(refLine, -1)
					if len(want) == 0 {
						continue
					}
					checked++
					if !containsLine(ours, strings.Join(want, " ")) {
						t.Errorf("page %d: no line with amounts %v (pdftotext line %q)", i+1, want, strings.TrimSpace(refLine))
					}
				}
			}
			if checked == 0 {
				t.Fatal("no amounts in the reference text")
			}
			var first strings.Builder
			for _, l := range pages[0].Lines {
				for _, w := range l.Words {
					first.WriteString(w.Text)
				}
			}
			if !strings.Contains(first.String(), d.title) {
				t.Errorf("page 1 lacks the title %q; it reads %q", d.title, first.String())
			}
			t.Logf("%d pages, %d lines with amounts matched", len(pages), checked)
		})
	}
}

func containsLine(lines []string, want string) bool {
	for _, l := range lines {
		if l == want {
			return true
		}
	}
	return false
}

// TestLayoutKeepsTableRows checks that every classification row pdftotext
// prints (类 款 项 codes, name, amounts) comes out of Layout as one line
// with the same fields in the same order.
func TestLayoutKeepsTableRows(t *testing.T) {
	const file = "putuo-shangwuwei-2025-dept-budget.pdf"
	ref := referenceText(t, file, "putuo-shangwuwei-2025-dept-budget.txt")
	layout := strings.Split(Layout(extractTestdata(t, file)), "\f")
	if len(layout) != len(ref) {
		t.Fatalf("Layout has %d form-feed separated parts, pdftotext %d", len(layout), len(ref))
	}
	row := regexp.MustCompile(`^\s*\d{3}(\s+\d{2}){0,2}\s+\S+.*\d\.\d\d\s*$`)
	rows := 0
	for i := range ref {
		ours := map[string]bool{}
		for _, l := range strings.Split(layout[i], "\n") {
			ours[strings.Join(strings.Fields(l), " ")] = true
		}
		for _, l := range strings.Split(ref[i], "\n") {
			if !row.MatchString(l) {
				continue
			}
			rows++
			if want := strings.Join(strings.Fields(l), " "); !ours[want] {
				t.Errorf("page %d: no Layout line with fields %q", i+1, want)
			}
		}
	}
	if rows < 50 {
		t.Errorf("only %d table rows found in the reference; the pattern is wrong", rows)
	}
	if !regexp.MustCompile(`(?m)^\s*201\s+13\s+01\s+行政运行\s+9,389,913\.00\s+9,389,913\.00\s*$`).MatchString(Layout(extractTestdata(t, file))) {
		t.Error("the 行政运行 row is not laid out on one line")
	}
}

func TestExtractRotatedPage(t *testing.T) {
	pages, err := Extract(context.Background(), "rotated.pdf", rotatedPDF())
	if err != nil {
		t.Fatal(err)
	}
	p := pages[0]
	if p.Width != 600 || p.Height != 400 {
		t.Errorf("displayed size %.0f×%.0f, want 600×400", p.Width, p.Height)
	}
	if len(p.Lines) != 1 || lineText(p.Lines[0]) != "Total 1,234.00" {
		t.Fatalf("lines %+v, want one line \"Total 1,234.00\"", p.Lines)
	}
	// Drawn at user-space (300, 100) going up; a quarter turn clockwise
	// puts the baseline 300 pt from the top, text starting 100 pt from the left.
	w := p.Lines[0].Words[0]
	if w.X0 < 95 || w.X0 > 105 || p.Lines[0].Y < 295 || p.Lines[0].Y > 305 {
		t.Errorf("word at x %.1f, baseline %.1f; want about 100, 300", w.X0, p.Lines[0].Y)
	}
}

func TestExtractPermissionsOnlyEncryption(t *testing.T) {
	// An owner password without a user password only restricts copying or
	// printing; many published budgets are like this and must still read.
	data := tinyPDF(t, [][]string{{"Total 12.50"}}, func(p *fpdf.Fpdf) { p.SetProtection(fpdf.CnProtectPrint, "", "owner") })
	pages, err := Extract(context.Background(), "restricted.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	if got := lineText(pages[0].Lines[0]); got != "Total 12.50" {
		t.Errorf("got %q", got)
	}
}

func TestExtractRefuses(t *testing.T) {
	real := readTestdata(t, "longgang-2024.pdf")
	random := make([]byte, 64<<10)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	var manyPages [][]string
	for range MaxPages + 1 {
		manyPages = append(manyPages, nil)
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "不是有效的 PDF"},
		{"text", []byte("预算说明\n一、部门职责\n"), "不是有效的 PDF"},
		{"xlsx", append([]byte("PK\x03\x04"), random[:2000]...), "不是有效的 PDF"},
		{"truncated", real[:len(real)/2], "不完整"},
		{"random with header", append([]byte("%PDF-1.7\n"), random...), "不完整"},
		{"random with header and trailer", append(append([]byte("%PDF-1.7\n"), random...), "\n%%EOF\n"...), "不是有效的 PDF"},
		{"header only", []byte("%PDF-1.4\n%%EOF\n"), "不是有效的 PDF"},
		{"password", tinyPDF(t, [][]string{{"secret"}}, func(p *fpdf.Fpdf) { p.SetProtection(0, "user", "owner") }), "已加密"},
		{"too many pages", tinyPDF(t, manyPages, nil), "最多读取 2000 页"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := tt.name + ".pdf"
			pages, err := Extract(context.Background(), name, tt.data)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %d pages, err %v; want a refusal", len(pages), err)
			}
			if !strings.HasPrefix(err.Error(), "文件 "+name+" ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("message %q; want it to name %s and say %q", err, name, tt.want)
			}
		})
	}
}

func TestExtractFileRefusesHugeFileUnread(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.pdf")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: 300 MiB long, no blocks written. Reading it would take the
	// memory the limit exists to protect, and would show in the test's time.
	if err := f.Truncate(300 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = ExtractFile(context.Background(), path)
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(err.Error(), "太大") {
		t.Fatalf("err %v; want a size refusal", err)
	}
	if _, err := Extract(context.Background(), "big.pdf", make([]byte, MaxSize+1)); err == nil || !strings.Contains(err.Error(), "太大") {
		t.Errorf("Extract of MaxSize+1 bytes: %v", err)
	}
}

func TestExtractCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Extract(ctx, "x.pdf", readTestdata(t, "longgang-2024.pdf")); !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
	// The worker must be usable again afterwards.
	extractTestdata(t, "longgang-2024.pdf")
}

func TestExtractConcurrent(t *testing.T) {
	files := []string{"longgang-2024.pdf", "putuo-shangwuwei-2025-dept-budget.pdf"}
	want := map[string][]Page{}
	for _, f := range files {
		want[f] = extractTestdata(t, f)
	}
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			f := files[i%len(files)]
			got, err := Extract(context.Background(), f, readTestdata(t, f))
			if err != nil {
				t.Error(err)
				return
			}
			if !reflect.DeepEqual(got, want[f]) {
				t.Errorf("goroutine %d: %s differs from a sequential extraction", i, f)
			}
		})
	}
	wg.Wait()
}

func FuzzExtract(f *testing.F) {
	f.Add(tinyPDF(f, [][]string{{"Total 1,234.00", "Item 1.00"}}, nil))
	f.Add(tinyPDF(f, [][]string{{"a"}, {"b"}}, func(p *fpdf.Fpdf) { p.SetProtection(0, "", "o") }))
	f.Add(rotatedPDF())
	f.Add([]byte("%PDF-1.4\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pages, err := Extract(context.Background(), "fuzz.pdf", data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("not a user-facing refusal: %v", err)
			}
			return
		}
		if len(pages) == 0 || len(pages) > MaxPages {
			t.Fatalf("%d pages", len(pages))
		}
		Layout(pages)
	})
}
