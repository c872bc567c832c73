package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"

	"yusuan/check"
	"yusuan/disclosure"
	"yusuan/reader"
	"yusuan/reader/pdftext"
	"yusuan/report"
)

// coldStartNotice is printed once before the PDF module is compiled without a
// cache, which only a run that reads a PDF does.
const coldStartNotice = "首次使用：正在准备内置的 PDF 解析模块（约 10 秒，之后会缓存）…"

func init() {
	// Every command that reads PDFs (check, import) explains the first wait.
	pdftext.OnColdStart = func() { fmt.Fprintln(os.Stderr, coldStartNotice) }
}

// minProgress is how many files a run needs before it reports progress.
const minProgress = 3

// progress prints a line on stderr as each document is done, when there
// are at least minProgress files; stdout carries only the report.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	done  int
	total int
}

func (p *progress) finished(files []string, err error) {
	if p.total < minProgress {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += len(files)
	note := ""
	if err != nil {
		note = "（无法读取）"
	}
	fmt.Fprintf(p.w, "已核对 %d/%d：%s%s\n", p.done, p.total, strings.Join(files, " + "), note)
}

// parallel calls f(0) … f(n-1) on one goroutine per core.
func parallel(n int, f func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// outcome is what became of one input file.
type outcome struct {
	doc  *disclosure.Document
	err  error
	half halfKind
	// res is set once the document is checked; a half waits for its partner.
	res     check.Result
	checked bool
}

// checkFiles reads and checks the inputs in parallel, joins the halves of
// documents published as two files, and returns one entry per document in
// the order of the inputs; a joined document takes the place of its
// narrative file. twoFiles says the user named exactly two files.
func checkFiles(inputs []input, twoFiles bool, opts check.Options, stderr io.Writer) []report.Entry {
	var entries []report.Entry
	for _, d := range readDocs(inputs, twoFiles, opts, stderr) {
		name := strings.Join(d.files, " + ")
		if d.err != nil {
			entries = append(entries, report.Entry{Summary: report.Summary{File: name}, Err: d.err})
			continue
		}
		entries = append(entries, report.Entry{Summary: report.SummaryOf(name, d.doc), Result: d.res})
	}
	return entries
}

// readDoc is one document read and checked by readDocs: from one file, or
// from a narrative file and a tables file joined.
type readDoc struct {
	at    int      // the input it came from, its narrative file's when joined
	files []string // the file, or the narrative file and the tables file
	doc   *disclosure.Document
	res   check.Result
	err   error
}

// readDocs reads and checks the inputs in parallel, joins the halves of
// documents published as two files, and returns one document per input in
// order, a joined document in the place of its narrative file. yusuan check
// and yusuan import both read published files through it.
func readDocs(inputs []input, twoFiles bool, opts check.Options, stderr io.Writer) []readDoc {
	defer readingInput()()
	prog := &progress{w: stderr, total: len(inputs)}
	out := make([]outcome, len(inputs))
	parallel(len(inputs), func(i int) {
		in := inputs[i]
		o := &out[i]
		if in.err != nil {
			o.err = in.err
		} else {
			o.doc, o.err = readFile(in.path)
		}
		if o.err == nil {
			o.half = halfOf(o.doc)
			if o.half != whole {
				return // checked once all files are read and paired
			}
			o.res, o.err = checkDoc(in.path, o.doc, opts)
			o.checked = true
		}
		prog.finished([]string{in.path}, o.err)
	})

	var narratives, tables []halfDoc
	var narrativeAt, tablesAt []int
	for i, o := range out {
		switch {
		case o.err != nil || o.checked:
		case o.half == narrativeHalf:
			narratives, narrativeAt = append(narratives, halfDoc{inputs[i].path, o.doc}), append(narrativeAt, i)
		case o.half == tablesHalf:
			tables, tablesAt = append(tables, halfDoc{inputs[i].path, o.doc}), append(tablesAt, i)
		}
	}
	// tablesOf[i] is the tables file joined to the narrative file i, which
	// takes its place: joined[tablesOf[i]].
	tablesOf, joined := map[int]int{}, map[int]bool{}
	for _, p := range pairHalves(narratives, tables, twoFiles) {
		n, t := narrativeAt[p.narrative], tablesAt[p.tables]
		tablesOf[n], joined[t] = t, true
	}

	// The remaining halves, joined or alone; a check takes milliseconds, but
	// the same pool keeps this simple.
	var rest []int
	for i, o := range out {
		if o.err == nil && !o.checked && !joined[i] {
			rest = append(rest, i)
		}
	}
	files := make([][]string, len(inputs))
	parallel(len(rest), func(k int) {
		i := rest[k]
		o := &out[i]
		files[i] = []string{inputs[i].path}
		if t, ok := tablesOf[i]; ok {
			files[i] = append(files[i], inputs[t].path)
			o.doc = reader.Combine(o.doc, out[t].doc)
		}
		o.res, o.err = checkDoc(strings.Join(files[i], " + "), o.doc, opts)
		o.checked = true
		prog.finished(files[i], o.err)
	})

	var docs []readDoc
	for i, o := range out {
		if joined[i] {
			continue
		}
		if files[i] == nil {
			files[i] = []string{inputs[i].path}
		}
		docs = append(docs, readDoc{at: i, files: files[i], doc: o.doc, res: o.res, err: o.err})
	}
	return docs
}

// readFile is reader.ReadFile that turns a panic on a hostile file into an
// error, so that one file cannot end a run over many, and that says what a
// budget workbook is rather than reading it as a published one.
func readFile(path string) (doc *disclosure.Document, err error) {
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, fmt.Errorf("文件 %s 无法读取：程序内部错误（%v），请把这份文件提供给开发者", path, p)
		}
	}()
	if err := budgetWorkbookError(path); err != nil {
		return nil, err
	}
	return reader.ReadFile(path)
}

// checkDoc is check.Run that turns a panic into an error naming the file.
func checkDoc(name string, doc *disclosure.Document, opts check.Options) (res check.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("文件 %s 无法核对：程序内部错误（%v），请把这份文件提供给开发者", name, p)
		}
	}()
	return check.Run(doc, opts), nil
}
