package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"

	"yusuan/budgetfile"
	"yusuan/build"
	"yusuan/check"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/profile"
	"yusuan/reader"
	"yusuan/store"
)

const importUsage = `用法：yusuan import [--db 数据库] [--region 地区] [--synthetic] <文件>...

把部门预算导入门户数据库。每个文件可以是：
  预算数据（.yaml、.xlsx 预算填报表，或含 budget.yaml / budget.xlsx 的目录）：
      生成公开文件（连同网页、Excel、PDF 文件）并核对后导入；
  已公开的文件（.txt、.pdf、.xlsx）：读取并核对后导入，核对发现的问题一并保存。
先读取全部文件，全部无误后一次写入；任何一个文件出错，数据库都不作任何改动。
同一部门、年度和类型（单位预算还要同一单位）的文件再次导入时成为新版本，旧版本保留为历史。

选项：
  --db 数据库      SQLite 数据库文件（不存在时自动创建）或 postgres:// 连接地址；
                   默认取环境变量 YUSUAN_DB，未设置时为当前目录下的 yusuan.db
  --region 地区    文件所属地区，如 深圳市龙岗区；默认取预算数据中的地区，或从部门名称推断
  --synthetic      标记为示例数据（生成或重建的数据，不是真实公开的文件）
  --profile 格式   预算数据按指定地区格式生成（shenzhen 深圳、shanghai 上海）
  --codes 文件     使用指定的政府收支分类科目表
`

// databaseOf is the database a command uses: the --db flag, else YUSUAN_DB, else defaultDB.
func databaseOf(flag string) string {
	if flag != "" {
		return flag
	}
	if env := os.Getenv("YUSUAN_DB"); env != "" {
		return env
	}
	return defaultDB
}

// defaultDB is the database of yusuan import when neither --db nor YUSUAN_DB says.
const defaultDB = "yusuan.db"

func runImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import", importUsage, stderr)
	db := fs.String("db", "", "")
	region := fs.String("region", "", "")
	synthetic := fs.Bool("synthetic", false, "")
	prof := fs.String("profile", "", "")
	codes := fs.String("codes", "", "")
	pos, code, ok := parse(fs, args, importUsage, stderr)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		fmt.Fprintf(stderr, "参数错误：需要至少一个要导入的文件\n\n%s", importUsage)
		return exitUsage
	}
	if *prof != "" {
		if _, err := profile.Get(*prof); err != nil {
			fmt.Fprintln(stderr, err)
			return exitUsage
		}
	}
	dsn := databaseOf(*db)
	cat, err := catalogue(*codes)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitError
	}

	// Every file is read, derived and checked before the database is touched.
	set := store.ImportSet{Synthetic: *synthetic}
	var errs []string
	for _, p := range pos {
		docs, err := importFile(p, strings.TrimSpace(*region), *prof, cat)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		set.Documents = append(set.Documents, docs...)
	}
	if len(errs) > 0 {
		fmt.Fprintf(stderr, "导入失败，数据库未作任何改动。\n%s\n", strings.Join(errs, "\n"))
		return exitError
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		fmt.Fprintf(stderr, "无法打开数据库 %s：%v\n", redact(dsn), err)
		return exitError
	}
	defer st.Close()
	res, err := st.Import(ctx, set)
	if err != nil {
		fmt.Fprintf(stderr, "导入失败，数据库未作任何改动：%v\n", err)
		return exitError
	}
	printImport(stdout, redact(dsn), res)
	return exitOK
}

// importFile reads one input: a budget (derived into its documents, each rendered
// and checked) or a published document (read and checked). An .xlsx is tried as a
// budget workbook first, then as a published one.
func importFile(path, region, profileName string, cat *classification.Catalogue) ([]store.ImportDoc, error) {
	fi, err := os.Stat(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("文件 %s 不存在", path)
		}
		return nil, fmt.Errorf("无法读取文件 %s：%v", path, err)
	}
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case fi.IsDir(), ext == ".yaml", ext == ".yml":
		return importBudget(path, region, profileName, cat)
	case ext == ".xlsx":
		docs, berr := importBudget(path, region, profileName, cat)
		if berr == nil {
			return docs, nil
		}
		var buildErr *build.CheckError
		if errors.As(berr, &buildErr) {
			return nil, berr
		}
		docs, perr := importPublished(path, region, cat)
		if perr == nil {
			return docs, nil
		}
		return nil, fmt.Errorf("无法识别 %s：\n  作为预算填报表：%v\n  作为公开文件：%v", path, indent(berr), indent(perr))
	case ext == ".txt", ext == ".text", ext == ".md", ext == ".pdf":
		return importPublished(path, region, cat)
	}
	return nil, fmt.Errorf("文件 %s 的类型不受支持：应为预算数据（.yaml、.xlsx 或目录）或公开文件（.txt、.pdf、.xlsx）", path)
}

func importBudget(path, region, profileName string, cat *classification.Catalogue) ([]store.ImportDoc, error) {
	b, err := budgetfile.Load(path)
	if err != nil {
		return nil, err
	}
	docs, err := build.Documents(b, profileName, cat)
	if err != nil {
		return nil, fmt.Errorf("%s：%w", path, err)
	}
	if region == "" {
		region = b.Department.Region
	}
	var out []store.ImportDoc
	for _, doc := range docs {
		d, err := importDoc(path, region, doc, cat)
		if err != nil {
			return nil, err
		}
		d.DepartmentCode = b.Department.Code
		rendered, err := build.Render(doc, build.Formats)
		if err != nil {
			return nil, fmt.Errorf("%s：%w", path, err)
		}
		for _, f := range rendered {
			// The JSON is the stored document itself; the other formats are kept as files.
			if format := strings.TrimPrefix(filepath.Ext(f.Name), "."); format != "json" {
				d.Files = append(d.Files, store.File{Format: format, Name: f.Name, Data: f.Data})
			}
		}
		out = append(out, d)
	}
	return out, nil
}

func importPublished(path, region string, cat *classification.Catalogue) ([]store.ImportDoc, error) {
	doc, err := reader.ReadFile(path)
	if err != nil {
		return nil, err
	}
	d, err := importDoc(path, region, doc, cat)
	if err != nil {
		return nil, err
	}
	return []store.ImportDoc{d}, nil
}

func importDoc(path, region string, doc *disclosure.Document, cat *classification.Catalogue) (store.ImportDoc, error) {
	if region == "" {
		region = documentRegion(doc)
	}
	if region == "" {
		return store.ImportDoc{}, fmt.Errorf("%s：无法从部门名称“%s”判断所属地区，请用 --region 指定（如 --region 深圳市龙岗区）", path, store.DepartmentName(doc))
	}
	return store.ImportDoc{
		Region:     region,
		Source:     filepath.Base(path),
		Disclosure: doc,
		Check:      check.Run(doc, check.Options{Codes: cat}),
	}, nil
}

var leadingYear = regexp.MustCompile(`^\s*\d{4}\s*年`)

// documentRegion infers the region from the names a document is published under.
func documentRegion(doc *disclosure.Document) string {
	for _, name := range []string{store.DepartmentName(doc), leadingYear.ReplaceAllString(doc.Title, "")} {
		if r := regionOf(name); r != "" {
			return r
		}
	}
	return ""
}

// regionLevels are the suffixes of administrative areas, from province down to
// district or county; a name starts with at most one of each level.
var regionLevels = [][]string{{"自治区", "省"}, {"市"}, {"新区", "区", "县", "旗"}}

// regionOf returns the administrative area a department's name starts with
// (深圳市龙岗区政务服务数据管理局 → 深圳市龙岗区), or "" when it starts with none.
func regionOf(name string) string {
	rest := []rune(strings.TrimSpace(name))
	var out []rune
	for _, level := range regionLevels {
		if n := areaPrefix(rest, level); n > 0 {
			out, rest = append(out, rest[:n]...), rest[n:]
		}
	}
	return string(out)
}

// areaPrefix returns the length of the area name at the start of s with one of
// the suffixes: one to six characters before the suffix, none of them a suffix
// itself, so that 深圳市城市管理局 does not yield 深圳市城市.
func areaPrefix(s []rune, suffixes []string) int {
	for n := 1; n < len(s) && n <= 6; n++ {
		if strings.ContainsRune("省市区县旗", s[n-1]) {
			return 0
		}
		for _, suf := range suffixes {
			sr := []rune(suf)
			if n+len(sr) <= len(s) && string(s[n:n+len(sr)]) == suf {
				return n + len(sr)
			}
		}
	}
	return 0
}

func indent(err error) string { return strings.ReplaceAll(err.Error(), "\n", "\n    ") }

// redact hides a PostgreSQL password before the address is printed.
func redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		return u.Redacted()
	}
	return dsn
}

func printImport(w io.Writer, db string, res store.ImportResult) {
	added, replaced := 0, 0
	fmt.Fprintf(w, "已导入 %d 份公开文件到 %s：\n", len(res.Documents), db)
	for _, d := range res.Documents {
		version := fmt.Sprintf("新文件，第 %d 版", d.Number)
		if d.Replaced != 0 {
			version = fmt.Sprintf("第 %d 版，替换第 %d 版（保留为历史版本）", d.Number, d.Number-1)
			replaced++
		} else {
			added++
		}
		files := ""
		if d.Files > 0 {
			files = fmt.Sprintf("，%d 个文件", d.Files)
		}
		who := d.Department
		if d.Kind == store.UnitBudget {
			who += "，" + d.Subject
		}
		fmt.Fprintf(w, "  《%s》（%s，%s）：%s；%d 个金额单元格%s；核对：%d 个错误，%d 个警告，%d 个提示\n",
			d.Title, d.Region, who, version, d.Cells, files, d.Errors, d.Warnings, d.Infos)
	}
	fmt.Fprintf(w, "合计：新增 %d 份，更新 %d 份。\n", added, replaced)
}
