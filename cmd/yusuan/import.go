package main

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"yusuan/budgetfile"
	"yusuan/build"
	"yusuan/check"
	"yusuan/classification"
	"yusuan/disclosure"
	"yusuan/profile"
	"yusuan/store"
)

const importUsage = `用法：yusuan import [--db 数据库] [--region 地区] [--synthetic] <文件或目录>...

把部门预算、单位预算和部门决算导入门户数据库。每个参数可以是：
  预算数据（.yaml、.xlsx 预算填报表，或含 budget.yaml / budget.xlsx 的目录）：
      生成公开文件（连同网页、Excel、PDF 文件）并核对后导入；
  已公开的文件（.pdf、.txt、.xlsx）：用与 yusuan check 相同的方法读取并核对后导入，
      核对发现的问题一并保存；
  其他目录：导入其中（含子目录）全部已公开的文件，隐藏文件除外。同一目录中只有扩展名
      不同的几个文件（如 PDF 和由它转出的 .txt）是同一份文件，只导入一个（依次优先 .pdf、.xlsx、.txt）。
文字说明和表格分成两个文件公开的，同一年度、同一部门的两个文件合为一份导入；只有其中一个时不能导入。
所属地区取部门名称开头的行政区划（深圳市信访局 → 深圳市，中共深圳市委宣传部 → 深圳市，
上海市普陀区商务委员会 → 上海市普陀区）；名称不以行政区划开头的部门（国家信访局、外交部）归入“中央”。

整批导入：先读取全部文件，逐个列出无法导入的文件及原因（不是部门预算、单位预算或部门决算，
读不出部门或年度等）；只要有一个出错，数据库就不作任何改动，退出码为 1（有文件无法读取时为 2）。这样改正或移走出错的
文件后可以原样重新导入，已导入的文件不会多出一个版本。
同一部门、年度和类型（单位预算还要同一单位）的文件再次导入时成为新版本，旧版本保留为历史。

选项：
  --db 数据库      SQLite 数据库文件（不存在时自动创建）或 postgres:// 连接地址；
                   默认取环境变量 YUSUAN_DB，未设置时为当前目录下的 yusuan.db
  --region 地区    全部文件所属的地区，如 深圳市龙岗区；默认取预算数据中的地区，或从部门名称推断
  --synthetic      标记为示例数据（生成或重建的数据，不是真实公开的文件）
  --profile 格式   预算数据按指定地区格式生成（shenzhen 深圳、shanghai 上海）
  --codes 文件     使用指定的政府收支分类科目表
  --source-url 地址  已公开文件的原文发布地址（http:// 或 https://），门户在文件页面链接到它；
                   只能在导入一份已公开的文件时使用

示例：
  yusuan import --db portal.db 公开文件目录
  yusuan import --db portal.db 文字部分.pdf 表格部分.pdf
  yusuan import --db portal.db examples/longgang-2024
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
	sourceURL := fs.String("source-url", "", "")
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
		return exitUnreadable
	}

	// Every file is read, derived and checked before the database is touched.
	docs, errs := importInputs(pos, strings.TrimSpace(*region), *prof, cat, stderr)
	if len(errs) > 0 {
		fmt.Fprintf(stderr, "导入失败，数据库未作任何改动。\n")
		for _, err := range errs {
			fmt.Fprintln(stderr, err)
		}
		return exitFor(errors.Join(errs...))
	}
	if u := strings.TrimSpace(*sourceURL); u != "" {
		if len(docs) != 1 || !docs[0].Published {
			fmt.Fprintf(stderr, "参数错误：--source-url 只能在导入一份已公开的文件时使用（本次导入 %d 份）\n", len(docs))
			return exitUsage
		}
		if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
			fmt.Fprintf(stderr, "参数错误：--source-url 应以 http:// 或 https:// 开头，实为“%s”\n", u)
			return exitUsage
		}
		docs[0].SourceURL = u
	}
	set := store.ImportSet{Documents: docs, Synthetic: *synthetic}

	ctx, st, done := openInterruptible(dsn, stderr)
	if st == nil {
		return exitError
	}
	defer done()
	res, err := st.Import(ctx, set)
	if err != nil {
		fmt.Fprintf(stderr, "导入失败，数据库未作任何改动：%v\n", err)
		return exitError
	}
	printImport(stdout, redact(dsn), res)
	return exitOK
}

// importArg is one thing to import, after directories are opened.
type importArg struct {
	path   string
	budget bool // a budget: a .yaml, or a directory holding budget.yaml or budget.xlsx
	err    error
}

// importArgs lists what args name, in order. A directory holding a budget file
// is a budget; any other directory stands for its published files, as yusuan
// check finds them, one form of each (oneForm).
func importArgs(args []string, stderr io.Writer) []importArg {
	var out []importArg
	for _, arg := range args {
		fi, err := os.Stat(arg)
		switch {
		case os.IsNotExist(err):
			out = append(out, importArg{path: arg, err: unreadable(fmt.Errorf("文件 %s 不存在", arg))})
			continue
		case err != nil:
			out = append(out, importArg{path: arg, err: unreadable(fmt.Errorf("无法读取文件 %s：%v", arg, err))})
			continue
		case !fi.IsDir():
			ext := strings.ToLower(filepath.Ext(arg))
			out = append(out, importArg{path: arg, budget: ext == ".yaml" || ext == ".yml"})
			continue
		case holdsBudget(arg):
			out = append(out, importArg{path: arg, budget: true})
			continue
		}
		files, err := filesIn(arg)
		if err != nil {
			out = append(out, importArg{path: arg, err: unreadable(fmt.Errorf("无法读取目录 %s：%v", arg, err))})
			continue
		}
		files, skipped := oneForm(files)
		if len(files) == 0 {
			out = append(out, importArg{path: arg, err: unreadable(fmt.Errorf("目录 %s 中既没有预算数据（budget.yaml 或 budget.xlsx），也没有公开文件（.pdf、.txt 或 .xlsx）", arg))})
		}
		if skipped > 0 {
			fmt.Fprintf(stderr, "目录 %s 中有 %d 个文件与同名的 .pdf 或 .xlsx 文件是同一份文件，已略过。\n", arg, skipped)
		}
		for _, f := range files {
			out = append(out, importArg{path: f})
		}
	}
	return out
}

// holdsBudget reports whether dir holds a budget file, as budgetfile.Load looks for.
func holdsBudget(dir string) bool {
	for _, name := range []string{"budget.yaml", "budget.yml", "budget.xlsx"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	return false
}

// formRank orders the forms a published document is found in: the PDF as
// published, then a workbook, then text, which is most often extracted from
// the PDF beside it (pdftotext -layout).
var formRank = map[string]int{".pdf": 0, ".xlsx": 1, ".txt": 2}

// oneForm keeps, of files in one folder whose names differ only in their
// extension, the one of the lowest formRank, so that a folder of PDFs and
// their text imports each document once. It returns the files in order and
// how many it left out.
func oneForm(files []string) ([]string, int) {
	best := map[string]string{}
	for _, f := range files {
		key := strings.TrimSuffix(f, filepath.Ext(f))
		if b, ok := best[key]; !ok || formRank[strings.ToLower(filepath.Ext(f))] < formRank[strings.ToLower(filepath.Ext(b))] {
			best[key] = f
		}
	}
	var out []string
	for _, f := range files {
		if best[strings.TrimSuffix(f, filepath.Ext(f))] == f {
			out = append(out, f)
		}
	}
	return out, len(files) - len(out)
}

// importInputs reads every input into the documents to import, in the order
// of args, and returns them with every error. Budgets are derived, rendered
// and checked one by one; published files are read and checked as yusuan check
// does, in parallel, with the narrative and the tables of a document published
// as two files joined into one. An .xlsx is tried as a budget workbook first.
func importInputs(args []string, region, profileName string, cat *classification.Catalogue, stderr io.Writer) ([]store.ImportDoc, []error) {
	items := importArgs(args, stderr)
	docs := make([][]store.ImportDoc, len(items))
	errs := make([]error, len(items))
	var published []input
	var publishedAt []int
	budgetErrs := map[int]error{} // of an .xlsx that is not a budget workbook
	for i, it := range items {
		ext := strings.ToLower(filepath.Ext(it.path))
		switch {
		case it.err != nil:
			errs[i] = it.err
		case it.budget:
			docs[i], errs[i] = importBudget(it.path, region, profileName, cat)
		case ext == ".xlsx":
			var berr error
			if docs[i], berr = importBudget(it.path, region, profileName, cat); berr == nil {
				continue
			}
			// A budget workbook with errors in it is no published document.
			if buildErr := (*build.CheckError)(nil); errors.As(berr, &buildErr) || !budgetfile.IsUnreadable(berr) {
				errs[i] = berr
				continue
			}
			budgetErrs[i] = berr
			published, publishedAt = append(published, input{path: it.path}), append(publishedAt, i)
		case ext == ".txt", ext == ".text", ext == ".md", ext == ".pdf":
			published, publishedAt = append(published, input{path: it.path}), append(publishedAt, i)
		default:
			errs[i] = unreadable(fmt.Errorf("文件 %s 的类型不受支持：应为预算数据（.yaml、.xlsx 或目录）或公开文件（.txt、.pdf、.xlsx）", it.path))
		}
	}
	// A tables file joined to its narrative file leaves its own place empty.
	for _, d := range readDocs(published, namesTwoFiles(args), check.Options{Codes: cat}, stderr) {
		i := publishedAt[d.at]
		if d.err != nil {
			errs[i] = unreadable(d.err)
			if berr := budgetErrs[i]; berr != nil {
				errs[i] = unreadable(fmt.Errorf("无法识别 %s：\n  作为预算填报表：%v\n  作为公开文件：%v", items[i].path, indent(berr), indent(d.err)))
			}
			continue
		}
		// A 决算 read from published files has the Outturn of what it prints.
		if d.doc.Kind == store.FinalAccounts && d.doc.Outturn == nil {
			d.doc.Outturn = check.ReadOutturn(d.doc, check.Options{Codes: cat})
		}
		doc, err := checkedDoc(d.files, region, d.doc, d.res)
		if err == nil {
			err = keepOriginals(&doc, d.files)
		}
		docs[i], errs[i] = []store.ImportDoc{doc}, err
	}
	var out []store.ImportDoc
	var failed []error
	for i := range items {
		if errs[i] != nil {
			failed = append(failed, errs[i])
			continue
		}
		out = append(out, docs[i]...)
	}
	return out, failed
}

func importBudget(path, region, profileName string, cat *classification.Catalogue) ([]store.ImportDoc, error) {
	restore := readingInput()
	b, err := budgetfile.Load(path)
	restore()
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

// importFile reads one input, as yusuan import does, into its documents.
func importFile(path, region, profileName string, cat *classification.Catalogue) ([]store.ImportDoc, error) {
	docs, errs := importInputs([]string{path}, region, profileName, cat, io.Discard)
	return docs, errors.Join(errs...)
}

// importDoc checks a document derived from the budget at path and makes it one
// to import.
func importDoc(path, region string, doc *disclosure.Document, cat *classification.Catalogue) (store.ImportDoc, error) {
	return checkedDoc([]string{path}, region, doc, check.Run(doc, check.Options{Codes: cat}))
}

// checkedDoc is a document to import from its files (two for a narrative and
// its tables published apart), once it is known to be a 部门预算 or 单位预算 of
// a department, a year and a region.
func checkedDoc(files []string, region string, doc *disclosure.Document, res check.Result) (store.ImportDoc, error) {
	name := strings.Join(files, " + ")
	var bases []string
	for _, f := range files {
		bases = append(bases, filepath.Base(f))
	}
	dept := store.DepartmentName(doc)
	switch {
	case doc.Kind != store.DepartmentBudget && doc.Kind != store.UnitBudget && doc.Kind != store.FinalAccounts:
		return store.ImportDoc{}, fmt.Errorf("%s：是%s，只能导入部门预算、单位预算和部门决算", name, orUnknown(doc.Kind))
	case len(files) == 1 && halfOf(doc) == narrativeHalf:
		return store.ImportDoc{}, fmt.Errorf("%s：只有文字说明，没有读出表格；文字说明和表格分两个文件公开的，请把两个文件一起导入（两者年度和部门名称须相同）", name)
	case len(files) == 1 && halfOf(doc) == tablesHalf:
		return store.ImportDoc{}, fmt.Errorf("%s：只有表格，没有文字说明；文字说明和表格分两个文件公开的，请把两个文件一起导入（两者年度和部门名称须相同）", name)
	case dept == "":
		return store.ImportDoc{}, fmt.Errorf("%s：读不出部门名称，不是可导入的部门预算、单位预算或部门决算", name)
	case doc.Year < 1949 || doc.Year > 2200:
		return store.ImportDoc{}, fmt.Errorf("%s：读不出预算年度", name)
	}
	if region == "" {
		region = documentRegion(doc)
	}
	if region == "" {
		return store.ImportDoc{}, fmt.Errorf("%s：无法从部门名称“%s”判断所属地区，请用 --region 指定（如 --region 深圳市龙岗区）", name, dept)
	}
	return store.ImportDoc{Region: region, Source: strings.Join(bases, " + "), Disclosure: doc, Check: res}, nil
}

// keepOriginals marks a document read from published files as such and keeps
// the files as they are, so that the portal offers the original for download
// rather than a rendering of what was read from it.
func keepOriginals(d *store.ImportDoc, files []string) error {
	d.Published = true
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("无法读取文件 %s：%v", f, err)
		}
		if len(data) > store.MaxFileSize {
			return fmt.Errorf("文件 %s 有 %d MB，门户最多保存 %d MB 的原文件", f, len(data)>>20, store.MaxFileSize>>20)
		}
		d.Originals = append(d.Originals, store.Original{OriginalInfo: store.OriginalInfo{Name: filepath.Base(f)}, Data: data})
	}
	return nil
}

func orUnknown(kind string) string {
	if kind == "" {
		return "无法识别的文件"
	}
	return kind
}

var leadingYear = regexp.MustCompile(`^\s*\d{4}\s*年`)

// centralRegion is the region of the central government's departments.
const centralRegion = "中央"

// documentRegion infers the region from the names a document is published
// under. A department whose name starts with no area (国家信访局, 外交部) is a
// central one, unless its name starts with a level alone (区财政局), which
// leaves the area unsaid.
func documentRegion(doc *disclosure.Document) string {
	dept := store.DepartmentName(doc)
	for _, name := range []string{dept, leadingYear.ReplaceAllString(doc.Title, "")} {
		if r := regionOf(name); r != "" {
			return r
		}
	}
	if first, _ := utf8.DecodeRuneInString(dept); dept != "" && !strings.ContainsRune(levelRunes, first) {
		return centralRegion
	}
	return ""
}

// regionLevels are the suffixes of administrative areas, from province down to
// district or county; a name starts with at most one of each level.
var regionLevels = [][]string{{"自治区", "省"}, {"自治州", "市"}, {"新区", "区", "县", "旗"}}

// levelRunes end the names of areas; no area's own name holds one before its
// suffix.
const levelRunes = "省市区县旗"

// organisations are the bodies whose local committees put the area after the
// organisation's name (中共深圳市委宣传部, 九三学社深圳市委员会): the Party, the
// Youth League, the other parties and the CPPCC.
var organisations = []string{
	"中国共产党", "中共", "中国共产主义青年团", "共青团", "中国人民政治协商会议", "政协",
	"中国国民党革命委员会", "民革", "中国民主同盟", "民盟", "中国民主建国会", "民建",
	"中国民主促进会", "民进", "中国农工民主党", "农工党", "中国致公党", "致公党",
	"九三学社", "台湾民主自治同盟", "台盟",
}

// regionOf returns the administrative area a department's name starts with
// (深圳市龙岗区政务服务数据管理局 → 深圳市龙岗区), after the name of one of the
// organisations (中共深圳市委宣传部 → 深圳市), or "" when it starts with none.
func regionOf(name string) string {
	name = strings.TrimSpace(name)
	for _, org := range organisations {
		if rest, ok := strings.CutPrefix(name, org); ok {
			if r := areasAt(rest); r != "" {
				return r
			}
		}
	}
	return areasAt(name)
}

// areasAt returns the areas, one of each level at most, s starts with.
func areasAt(s string) string {
	rest := []rune(s)
	var out []rune
	for _, level := range regionLevels {
		if n := areaPrefix(rest, level); n > 0 {
			out, rest = append(out, rest[:n]...), rest[n:]
		}
	}
	return string(out)
}

// areaPrefix returns the length of the area name at the start of s with one of
// the suffixes: one to seven characters before the suffix (黔东南苗族侗族自治州),
// none of them a level's, so that 深圳市城市管理局 does not yield 深圳市城市.
func areaPrefix(s []rune, suffixes []string) int {
	for n := 1; n < len(s) && n <= 7; n++ {
		if strings.ContainsRune(levelRunes, s[n-1]) {
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
		if d.Originals > 0 {
			files += fmt.Sprintf("，保存公开原文 %d 个", d.Originals)
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
