package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"yusuan/budget"
	"yusuan/build"
	"yusuan/classification"
	"yusuan/demo"
	"yusuan/examples"
	"yusuan/profile/shenzhen"
	"yusuan/store"
)

const demoUsage = `用法：yusuan demo [--db 数据库] [--departments 60] [--years 3] [--seed 1] [--files=false]

生成一个虚拟的示例区（约 60 个部门、300 个预算单位、连续 3 年的部门预算，深圳格式），
逐个部门生成公开文件、核对后导入门户数据库，并标记为示例数据。所有部门名称都以“示例区”开头，
地区显示为“示例区（虚拟数据）”，每份文件的机构设置中注明数据为虚构。
同一个 --seed 总是生成同样的数据；部门数超过 60 个时，依次生成示例二区、示例三区……

选项：
  --db 数据库        SQLite 数据库文件（不存在时自动创建）或 postgres:// 连接地址；
                     默认取环境变量 YUSUAN_DB，未设置时为当前目录下的 yusuan.db
  --departments 数   部门个数，默认 60（一个区）
  --years 年数       每个部门的年度数，默认 3（截至 2025 年）
  --seed 数          随机种子，默认 1
  --files=false      不生成网页、Excel、PDF 文件（每份约 0.1 秒以上），门户只提供 JSON 和 CSV 下载；
                     导入上千个部门时使用
`

func runDemo(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("demo", demoUsage, stderr)
	db := fs.String("db", "", "")
	departments := fs.Int("departments", demo.PerDistrict, "")
	years := fs.Int("years", 3, "")
	seed := fs.Int64("seed", 1, "")
	files := fs.Bool("files", true, "")
	pos, code, ok := parse(fs, args, demoUsage, stderr)
	if !ok {
		return code
	}
	if len(pos) != 0 {
		fmt.Fprintf(stderr, "参数错误：demo 不接受文件参数\n\n%s", demoUsage)
		return exitUsage
	}
	if *departments < 1 || *departments > 10_000 || *years < 1 || *years > 20 {
		fmt.Fprintf(stderr, "参数错误：部门数应为 1 至 10000，年度数应为 1 至 20\n\n%s", demoUsage)
		return exitUsage
	}
	dsn := databaseOf(*db)
	ctx, st, done := openInterruptible(dsn, stderr)
	if st == nil {
		return exitError
	}
	defer done()
	opts := demo.Options{Departments: *departments, Years: *years}
	n, err := importDistrict(ctx, st, *seed, opts, *files, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "导入中断：%v\n已导入的部门保留在数据库中；用同样的参数再次运行会把它们导入为新版本。\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "已导入示例区 %d 个部门的 %d 份公开文件（各年度部门预算和前一年度部门决算）到 %s（标记为示例数据）。\n", *departments, n, redact(dsn))
	return exitOK
}

// demoBatch is one department's documents, ready to import.
type demoBatch struct {
	set store.ImportSet
	err error
}

// importDistrict generates the district and imports it one department at a time,
// so that a load of a thousand departments holds a few departments' documents in
// memory and one short transaction at a time. Generating, deriving, checking and
// rendering run on every core while the store writes, a few departments ahead of
// it at most. It returns the number of documents imported.
func importDistrict(ctx context.Context, st *store.Store, seed int64, opts demo.Options, files bool, progress io.Writer) (int, error) {
	if opts.Departments <= 0 {
		opts.Departments = demo.PerDistrict
	}
	cat := classification.Default()
	source := fmt.Sprintf("yusuan demo --seed %d", seed)
	workers := max(1, runtime.GOMAXPROCS(0))

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Each department gets its own result channel, so that imports happen in order
	// whichever worker finishes first; ahead bounds how far the workers may run
	// before the store.
	results := make([]chan demoBatch, opts.Departments)
	for i := range results {
		results[i] = make(chan demoBatch, 1)
	}
	ahead := make(chan struct{}, 2*workers)
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range opts.Departments {
			select {
			case ahead <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range workers {
		go func() {
			for i := range next {
				set, err := demoSet(seed, i, demo.Department(seed, i, opts), source, files, cat)
				results[i] <- demoBatch{set, err}
			}
		}()
	}

	start, last := time.Now(), time.Now()
	docs := 0
	for i := range results {
		var r demoBatch
		select {
		case r = <-results[i]:
		case <-ctx.Done():
			return docs, ctx.Err()
		}
		if r.err != nil {
			return docs, r.err
		}
		if _, err := st.Import(ctx, r.set); err != nil {
			return docs, err
		}
		<-ahead
		docs += len(r.set.Documents)
		if time.Since(last) >= 2*time.Second || i == len(results)-1 {
			last = time.Now()
			fmt.Fprintf(progress, "示例区：已导入 %d/%d 个部门、%d 份公开文件（%.0f 秒）\n", i+1, len(results), docs, time.Since(start).Seconds())
		}
	}
	return docs, nil
}

// demoSet derives, checks and (with files) renders the budgets of the district's
// k-th department, and the 部门决算 of the year before the latest (in the Shanghai
// format, the one that has a 决算).
func demoSet(seed int64, k int, budgets []*budget.Budget, source string, files bool, cat *classification.Catalogue) (store.ImportSet, error) {
	set := store.ImportSet{Synthetic: true}
	profiles := make([]string, len(budgets))
	for i := range profiles {
		profiles[i] = "shenzhen"
	}
	if n := len(budgets); n >= 2 {
		f, err := demo.Final(seed, k, budgets[n-2])
		if err != nil {
			return set, err
		}
		budgets = append(budgets, f)
		profiles = append(profiles, "shanghai")
	}
	for i, b := range budgets {
		docs, err := build.Documents(b, profiles[i], cat)
		if err != nil {
			return set, fmt.Errorf("%d年%s：%w", b.Year, b.Department.Name, err)
		}
		for _, doc := range docs {
			d, err := importDoc(source, demo.PortalRegion(b), doc, cat)
			if err != nil {
				return set, err
			}
			d.DepartmentCode = b.Department.Code
			if files {
				rendered, err := build.Render(doc, build.Formats)
				if err != nil {
					return set, fmt.Errorf("%s：%w", doc.Title, err)
				}
				for _, f := range rendered {
					if format := strings.TrimPrefix(filepath.Ext(f.Name), "."); format != "json" {
						d.Files = append(d.Files, store.File{Format: format, Name: f.Name, Data: f.Data})
					}
				}
			}
			set.Documents = append(set.Documents, d)
		}
	}
	return set, nil
}

// demoDB is the database of yusuan serve --demo when --db does not say, and
// demoRegion the region its home page shows first: the real region of the
// bundled published budgets.
const (
	demoDB     = "yusuan-demo.db"
	demoRegion = demo.PublishedRegion
)

// demoExamples are the real examples the demonstration portal shows beside the
// synthetic district, in import order: the Longgang budget rebuilt from its
// publication, then the publication itself (its second version, with the four
// contradictions the checker finds), and the Shanghai Putuo budget.
var demoExamples = []string{
	"examples/longgang-2024",
	"profile/shenzhen/testdata/seed-longgang-2024.txt",
	"examples/putuo-shangwuwei-2025",
}

// demoExampleRoot returns the directory that holds demoExamples: the working
// directory when it is the repository's root, else a temporary copy of the copies
// built into the binary, removed by cleanup.
func demoExampleRoot() (root string, cleanup func(), err error) {
	here := true
	for _, p := range demoExamples {
		if _, err := os.Stat(p); err != nil {
			here = false
		}
	}
	if here {
		return "", func() {}, nil
	}
	dir, err := os.MkdirTemp("", "yusuan-examples-")
	if err != nil {
		return "", nil, fmt.Errorf("无法准备内置示例：%v", err)
	}
	cleanup = func() { os.RemoveAll(dir) }
	files := map[string][]byte{demoExamples[1]: shenzhen.PublishedSeed}
	for _, name := range []string{"longgang-2024/budget.yaml", "putuo-shangwuwei-2025/budget.yaml"} {
		b, err := examples.Files.ReadFile(name)
		if err != nil {
			cleanup()
			return "", nil, fmt.Errorf("内置示例 %s 缺失：%v", name, err)
		}
		files["examples/"+name] = b
	}
	for name, b := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		err := os.MkdirAll(filepath.Dir(path), 0o755)
		if err == nil {
			err = os.WriteFile(path, b, 0o644)
		}
		if err != nil {
			cleanup()
			return "", nil, fmt.Errorf("无法写出内置示例 %s：%v", path, err)
		}
	}
	return dir, cleanup, nil
}

// demoDistrict and demoFiles say what prepareDemo loads of the district; tests make
// it smaller.
var (
	demoDistrict = demo.Options{}
	demoFiles    = true
)

// prepareDemo makes the demonstration database at path unless the file exists. It
// is built under a temporary name and renamed when complete, so that an interrupted
// first run leaves no half-loaded database behind to be served later.
func prepareDemo(ctx context.Context, path string, stdout, stderr io.Writer) error {
	if strings.HasPrefix(path, "postgres://") || strings.HasPrefix(path, "postgresql://") {
		return fmt.Errorf("--demo 只使用 SQLite 文件；PostgreSQL 请先用 yusuan import 和 yusuan demo 导入数据")
	}
	cat := classification.Default()
	if _, err := os.Stat(path); err == nil {
		return addPublished(ctx, path, cat, stdout, stderr)
	}
	root, cleanup, err := demoExampleRoot()
	if err != nil {
		return err
	}
	defer cleanup()
	start := time.Now()
	fmt.Fprintf(stdout, "首次启动：正在生成演示数据库 %s——%s %d 年 %d 个部门的公开预算（读取内置的 PDF 原文件）、两个真实示例和虚拟示例区（60 个部门、3 年，含网页、Excel、PDF 文件），约需 1 分钟……\n",
		path, demo.PublishedRegion, demo.PublishedYear, len(demo.Published()))
	tmp := path + ".loading"
	suffixes := []string{"", "-wal", "-shm"}
	for _, s := range suffixes {
		os.Remove(tmp + s)
	}
	st, err := store.Open(ctx, tmp)
	if err != nil {
		return fmt.Errorf("无法创建数据库 %s：%v", tmp, err)
	}
	defer func() {
		st.Close()
		for _, s := range suffixes {
			os.Remove(tmp + s)
		}
	}()
	// The real region first: its documents are the first a visitor meets.
	if _, err := importPublished(ctx, st, cat, stderr); err != nil {
		return err
	}
	for _, p := range demoExamples {
		docs, err := importFile(filepath.Join(root, p), "", "", cat)
		if err != nil {
			return err
		}
		if _, err := st.Import(ctx, store.ImportSet{Documents: docs}); err != nil {
			return fmt.Errorf("导入 %s 失败：%v", p, err)
		}
		fmt.Fprintf(stderr, "已导入示例 %s\n", p)
	}
	if _, err := importDistrict(ctx, st, 1, demoDistrict, demoFiles, stderr); err != nil {
		return fmt.Errorf("导入示例区失败：%v", err)
	}
	if err := st.Close(); err != nil {
		return fmt.Errorf("无法写完数据库 %s：%v", tmp, err)
	}
	for _, s := range suffixes {
		if _, err := os.Stat(tmp + s); err == nil {
			if err := os.Rename(tmp+s, path+s); err != nil {
				return fmt.Errorf("无法把 %s 改名为 %s：%v", tmp+s, path+s, err)
			}
		}
	}
	fmt.Fprintf(stdout, "演示数据库已生成，用时 %.0f 秒。\n", time.Since(start).Seconds())
	return nil
}

// addPublished brings a demonstration database made before the published
// budgets were bundled up to date: it imports those it does not hold yet.
func addPublished(ctx context.Context, path string, cat *classification.Catalogue, stdout, stderr io.Writer) error {
	st, err := store.Open(ctx, path)
	if err != nil {
		return fmt.Errorf("无法打开数据库 %s：%v", path, err)
	}
	defer st.Close()
	start := time.Now()
	n, err := importPublished(ctx, st, cat, stderr)
	if err != nil {
		return err
	}
	if n > 0 {
		fmt.Fprintf(stdout, "已把%s %d 年 %d 份公开预算导入演示数据库 %s，用时 %.0f 秒。\n", demo.PublishedRegion, demo.PublishedYear, n, path, time.Since(start).Seconds())
	}
	return st.Close()
}

// importPublished imports the bundled published budgets that st does not hold
// yet, known by the names of their original files, exactly as yusuan import
// reads published PDFs: each is checked, labelled as read from its published
// file and keeps that file for download. It returns how many it imported.
func importPublished(ctx context.Context, st *store.Store, cat *classification.Catalogue, stderr io.Writer) (int, error) {
	have, err := st.OriginalNames(ctx)
	if err != nil {
		return 0, fmt.Errorf("无法读取数据库：%v", err)
	}
	var todo []demo.PublishedFile
	for _, f := range demo.Published() {
		if !have[f.Name] {
			todo = append(todo, f)
		}
	}
	if len(todo) == 0 {
		return 0, nil
	}
	// The readers take files by path, as yusuan import gives them.
	dir, err := os.MkdirTemp("", "yusuan-published-")
	if err != nil {
		return 0, fmt.Errorf("无法创建临时目录：%v", err)
	}
	defer os.RemoveAll(dir)
	var paths []string
	for _, f := range todo {
		p := filepath.Join(dir, f.Name)
		if err := os.WriteFile(p, f.Data, 0o600); err != nil {
			return 0, fmt.Errorf("无法写出 %s：%v", p, err)
		}
		paths = append(paths, p)
	}
	fmt.Fprintf(stderr, "正在读取内置的%s %d 年公开预算 %d 份（PDF 原文件）……\n", demo.PublishedRegion, demo.PublishedYear, len(paths))
	docs, errs := importInputs(paths, demo.PublishedRegion, "", cat, io.Discard)
	if len(errs) > 0 {
		return 0, fmt.Errorf("无法读取内置的公开预算：%w", errors.Join(errs...))
	}
	if _, err := st.Import(ctx, store.ImportSet{Documents: docs}); err != nil {
		return 0, fmt.Errorf("导入内置的公开预算失败：%v", err)
	}
	fmt.Fprintf(stderr, "已导入%s %d 年公开预算 %d 份（据公开文件读取）\n", demo.PublishedRegion, demo.PublishedYear, len(docs))
	return len(docs), nil
}
