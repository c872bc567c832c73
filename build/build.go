// Package build runs the whole pipeline from a budget to the published files: it
// validates the budget, derives its profile's document, renders every format in
// memory, and only then writes them, so a failure leaves the output folder untouched.
package build

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"yusuan/budget"
	"yusuan/budgetfile"
	"yusuan/check"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/profile"
	htmlr "yusuan/render/html"
	pdfr "yusuan/render/pdf"
	xlsxr "yusuan/render/xlsx"
)

// Format is one output format.
type Format struct {
	Ext   string
	Label string
	Write func(io.Writer, *disclosure.Document) error
	// Cost is how long the format takes to render relative to the others; Build
	// starts the slowest first, so that the cores finish together.
	Cost int
}

// Formats are the outputs of a build, in the order they are written. Their costs
// are CPU seconds ×10 at 10,000 line items (BenchmarkBuildLarge).
var Formats = []Format{
	{".html", "网页", htmlr.Write, 5},
	{".xlsx", "Excel 表格", xlsxr.Write, 7},
	{".pdf", "PDF", pdfr.Write, 19},
	{".json", "JSON 数据", writeJSON, 3},
}

// CheckError is returned when the derived document fails its own checks; nothing
// is written then.
type CheckError struct {
	Title  string
	Result check.Result
}

func (e *CheckError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "生成的公开文件《%s》未通过核对（%d 个错误）：", e.Title, e.Result.Count(check.Error))
	for _, f := range e.Result.Findings {
		if f.Severity == check.Error {
			fmt.Fprintf(&b, "\n  %s %s：%s", f.Rule, f.Location, f.Message)
		}
	}
	return b.String()
}

// Derive validates b, derives the department's document of its profile, and runs the
// same checks as yusuan check on it; a document with errors is refused.
func Derive(b *budget.Budget, cat *classification.Catalogue) (*disclosure.Document, error) {
	docs, err := Documents(b, "", cat)
	if err != nil {
		return nil, err
	}
	return docs[0], nil
}

// Documents validates b and derives every document its profile publishes (the
// profile named, or else the budget's own), each checked like Derive's.
func Documents(b *budget.Budget, profileName string, cat *classification.Catalogue) ([]*disclosure.Document, error) {
	docs, err := derive(b, profileName, cat)
	if err != nil {
		return nil, err
	}
	for _, doc := range docs {
		if err := selfCheck(doc, cat); err != nil {
			return nil, err
		}
	}
	return docs, nil
}

// derive validates b and derives every document its profile publishes, unchecked.
func derive(b *budget.Budget, profileName string, cat *classification.Catalogue) ([]*disclosure.Document, error) {
	if err := budget.Validate(b, cat); err != nil {
		return nil, err
	}
	if profileName == "" {
		profileName = b.Profile
	}
	p, err := profile.Get(profileName)
	if err != nil {
		return nil, err
	}
	if b.IsFinal() {
		if f, ok := p.(interface{ FinalAccounts() bool }); !ok || !f.FinalAccounts() {
			return nil, fmt.Errorf("预算数据要求生成部门决算，但%s格式（%s）尚不支持生成部门决算；目前支持部门决算的格式：上海（shanghai）", p.Label(), p.Name())
		}
	}
	docs, err := profile.Documents(p, b, cat)
	if err != nil {
		return nil, fmt.Errorf("生成公开文件失败：%w", err)
	}
	return docs, nil
}

// selfCheck runs the same checks as yusuan check on doc and refuses it if it has errors.
func selfCheck(doc *disclosure.Document, cat *classification.Catalogue) error {
	if res := check.Run(doc, check.Options{Codes: cat}); res.Count(check.Error) > 0 {
		return &CheckError{Title: doc.Title, Result: res}
	}
	return nil
}

// Build validates b, derives every document its profile publishes, checks each and
// renders each in every format, in memory, and returns the files in the order of
// the documents and, within one, of the formats. Nothing is returned unless every
// document passed its checks and every format rendered.
//
// The checks and the renders read the documents only, so they run side by side,
// as many at once as Go may run threads (GOMAXPROCS): a department of a thousand
// units is a document of thousands of pages, and its formats take seconds each.
func Build(b *budget.Budget, profileName string, cat *classification.Catalogue, formats []Format) ([]File, error) {
	docs, err := derive(b, profileName, cat)
	if err != nil {
		return nil, err
	}
	if len(docs) == 1 {
		defer limitMemory(len(b.Items))()
	}
	checks := make([]error, len(docs))
	renders := make([]error, len(docs)*len(formats))
	files := make([]File, len(docs)*len(formats))
	// Each document's renders go slowest format first, its check second: on two
	// cores the check then runs beside the slowest format and the next slowest
	// starts after it, so that the two formats with the largest models in memory
	// (PDF and XLSX, at the end, when each writes its file) do not reach their
	// peaks together, and the cores still finish together.
	var jobs []func()
	for i, doc := range docs {
		base := FileBase(doc)
		for n, j := range slowestFirst(formats) {
			k := i*len(formats) + j
			jobs = append(jobs, func() { files[k], renders[k] = render(doc, base, formats[j]) })
			if n == 0 {
				jobs = append(jobs, func() { checks[i] = selfCheck(doc, cat) })
			}
		}
		if len(formats) == 0 {
			jobs = append(jobs, func() { checks[i] = selfCheck(doc, cat) })
		}
	}
	parallel(jobs)
	for _, err := range append(checks, renders...) {
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// Memory of a build: a large department's live heap peaks at about 30 KB a line
// item (10,000 items: 290 MB, when the PDF writes its file beside the workbook),
// and the collector lets the heap grow to twice what was live at its last run.
const (
	memoryFloor   = 400 << 20 // the least soft limit set
	memoryPerItem = 40 << 10  // the limit a line item above it
)

// limitMemory sets a soft memory limit for the build of one document from items
// line items, unless the process has one (GOMEMLIMIT), and returns the function
// that restores the one before. The collector then runs more often as the heap
// nears the limit, rather than letting a heap of 290 MB live grow to 600 MB: about
// a tenth more CPU time for a build of 10,000 items, and nothing for small ones,
// whose heap never nears it. The limit grows with the budget, so that a larger one
// is not slowed by a limit below what it needs. A profile that publishes many
// documents (Shanghai's 单位预算) holds every one's files until all have passed,
// which no limit of this kind bounds: it builds without.
func limitMemory(items int) (restore func()) {
	limit := max(int64(memoryFloor), int64(items)*memoryPerItem)
	if debug.SetMemoryLimit(-1) != math.MaxInt64 {
		return func() {}
	}
	prev := debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(prev) }
}

// slowestFirst returns the indexes of formats by decreasing cost, equal costs in
// their order.
func slowestFirst(formats []Format) []int {
	order := make([]int, len(formats))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return formats[b].Cost - formats[a].Cost })
	return order
}

// parallel runs the jobs on GOMAXPROCS goroutines and returns when all are done.
func parallel(jobs []func()) {
	next := make(chan func())
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for job := range next {
				job()
			}
		})
	}
	for _, job := range jobs {
		next <- job
	}
	close(next)
	wg.Wait()
}

// File is one rendered output.
type File struct {
	Name string
	Data []byte
}

// Render renders doc in each format, in memory.
func Render(doc *disclosure.Document, formats []Format) ([]File, error) {
	base := FileBase(doc)
	var files []File
	for _, f := range formats {
		file, err := render(doc, base, f)
		if err != nil {
			return nil, err
		}
		files = append(files, file)
	}
	return files, nil
}

// render renders doc in one format as the file base plus the format's extension.
func render(doc *disclosure.Document, base string, f Format) (File, error) {
	var buf bytes.Buffer
	if err := f.Write(&buf, doc); err != nil {
		return File{}, fmt.Errorf("生成%s %s 失败：%w", f.Label, base+f.Ext, err)
	}
	return File{Name: base + f.Ext, Data: buf.Bytes()}, nil
}

// FileBase is the file name of a document without extension: its title, followed by
// its subject when the title does not name it (Shanghai's titles name only the
// district, and a department publishes one 单位预算 per unit), with characters that
// file systems reject replaced.
func FileBase(doc *disclosure.Document) string {
	title := doc.Title
	if doc.Subject != "" && !strings.Contains(title, doc.Subject) {
		title += "（" + doc.Subject + "）"
	}
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, title)
	if name == "" {
		name = "部门预算"
	}
	return name
}

// Run builds the budget at input into dir and returns the paths written. Nothing is
// written unless every format rendered.
// profileName overrides the budget's profile when it is not empty.
func Run(input, dir, profileName string, cat *classification.Catalogue, formats []Format) ([]string, error) {
	b, err := budgetfile.Load(input)
	if err != nil {
		return nil, err
	}
	files, err := Build(b, profileName, cat, formats)
	if err != nil {
		return nil, err
	}
	return WriteAll(dir, files)
}
