package budgetfile

import (
	"fmt"
	"io"
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"yusuan/budget"
	"yusuan/internal/xlsxsafe"
	"yusuan/money"
)

// ReadXLSX reads a budget from an .xlsx workbook of size bytes. name is the file name
// that errors print. Sheets and columns are found by their header text; every element's
// Src gets the file, sheet, row and the column letter of each field.
func ReadXLSX(r io.ReaderAt, size int64, name string) (*budget.Budget, error) {
	b, err := readWorkbook(r, size, name)
	if err != nil {
		return nil, err
	}
	return b, nil
}

// readWorkbook is ReadXLSX that returns the budget as far as it was read along
// with the errors in its cells (LoadAll).
func readWorkbook(r io.ReaderAt, size int64, name string) (*budget.Budget, error) {
	if err := checkSize(name, size, maxXLSXSize); err != nil {
		return nil, err
	}
	f, err := xlsxsafe.Open(r, size, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, unreadable(fileError(name, "%v", err))
	}
	defer f.Close()
	if !isBudgetWorkbook(f) {
		return nil, &ReadError{Err: fileError(name, "不是预算数据工作簿：没有%s等工作表（可用 yusuan template 生成空白的预算填报模板）", requiredSheets()), NotBudget: true}
	}
	fs, err := scanFormulas(r, size)
	if err != nil {
		return nil, unreadable(fileError(name, "无法读取工作簿，文件可能已损坏（%v）", err))
	}
	x := &xlsxReader{f: f, name: name, cellFormulas: fs}
	return x.read()
}

type xlsxReader struct {
	f            *excelize.File
	name         string
	cellFormulas formulas
	errs         budget.ErrorList
}

// table is one sheet's data rows, cells trimmed and in the order of spec.cols.
type table struct {
	spec *sheetSpec
	cols map[string]string // label → column letter, shared by every Src of the sheet
	at   map[int]int       // 0-based cell index → index into spec.cols
	rows []tableRow
}

type tableRow struct {
	num   int
	cells []string
}

func (x *xlsxReader) fail(sheet string, row int, col, label, format string, args ...any) {
	if len(x.errs) >= maxErrors {
		return
	}
	src := budget.Source{File: x.name, Sheet: sheet, Row: row}
	if col != "" {
		src.Columns = map[string]string{label: col}
	}
	x.errs = append(x.errs, &budget.Error{Src: src, Field: label, Msg: fmt.Sprintf(format, args...)})
}

func (x *xlsxReader) read() (*budget.Budget, error) {
	present := map[string]bool{}
	for _, name := range x.f.GetSheetList() {
		present[name] = true
		if name == shHelp || name == shCodes || sheetByName(name) != nil {
			continue
		}
		if x.hasContent(name) {
			x.fail(name, 0, "", "", "无法识别的工作表：预算工作簿只包含%s；请删除该工作表或把数据移到对应的工作表", sheetList())
		}
	}
	tables := map[string]*table{}
	for i := range sheets {
		s := &sheets[i]
		if !present[s.name] {
			if s.required {
				x.fail("", 0, "", "", "缺少必需的工作表“%s”（%s）", s.name, s.about)
			}
			tables[s.name] = newTable(s)
			continue
		}
		tables[s.name] = x.table(s)
	}
	// Even with sheet or header errors the cells are read: a missing column reads as
	// empty, so the user sees every problem of the workbook at once.
	b := &budget.Budget{}
	x.department(b, tables[shDept])
	x.units(b, tables[shUnits])
	x.unitTexts(b, tables[shUnitText])
	x.projects(b, tables[shProjects])
	x.projectDescriptions(b, tables[shProjectDesc])
	x.items(b, tables[shItems])
	x.procurement(b, tables[shProcurement])
	x.carryForward(b, tables[shCarryNext])
	x.lastYear(b, tables[shLastYear], tables[shSanGong])
	x.unitLastYears(b, tables[shUnitLast])
	x.assets(b, tables[shAssets])
	x.unitAssets(b, tables[shUnitAssets])
	x.performance(b, tables[shTasks], tables[shIndicators], tables[shGoals])
	x.texts(b, tables[shText], tables[shFuncNotes], tables[shGlossary])
	x.final(b, tables)
	return b, x.errs.Err()
}

// isBudgetWorkbook reports whether a workbook is a budget workbook, or at
// least meant to be one: it has one of the required sheets. A workbook with
// none of them is another kind of file, such as a published document's
// tables, and gets one message rather than one per missing sheet.
func isBudgetWorkbook(f *excelize.File) bool {
	for _, name := range f.GetSheetList() {
		if s := sheetByName(name); s != nil && s.required {
			return true
		}
	}
	return false
}

// IsWorkbook reports whether the .xlsx file of size bytes read from r is a
// budget workbook (the template yusuan template writes, filled in or not)
// rather than a published document's tables.
func IsWorkbook(r io.ReaderAt, size int64) bool {
	if size > maxXLSXSize {
		return false
	}
	f, err := xlsxsafe.Open(r, size, excelize.Options{RawCellValue: true})
	if err != nil {
		return false
	}
	defer f.Close()
	return isBudgetWorkbook(f)
}

// requiredSheets names the sheets every budget workbook has: “部门”“单位”….
func requiredSheets() string {
	var names []string
	for _, s := range sheets {
		if s.required {
			names = append(names, "“"+s.name+"”")
		}
	}
	return strings.Join(names, "")
}

func sheetList() string {
	var names []string
	for _, s := range sheets {
		names = append(names, "“"+s.name+"”")
	}
	return strings.Join(names, "")
}

func (x *xlsxReader) hasContent(sheet string) bool {
	rows, err := x.f.Rows(sheet)
	if err != nil {
		return true
	}
	defer rows.Close()
	for n := 0; rows.Next() && n < maxSheetRows; n++ {
		cells, err := rows.Columns()
		if err != nil {
			return true
		}
		for _, c := range cells {
			if clean(c) != "" {
				return true
			}
		}
	}
	return false
}

// clean trims spaces, including the full-width space that Chinese input methods type.
func clean(s string) string { return strings.TrimSpace(strings.Trim(s, "\u3000 \t\r\n")) }

// table reads a sheet: the header row, then every row that is neither empty nor an
// example. Cells in columns without a header and formulas anywhere are errors.
func (x *xlsxReader) table(s *sheetSpec) *table {
	t := newTable(s)
	rows, err := x.f.Rows(s.name)
	if err != nil {
		x.fail(s.name, 0, "", "", "无法读取工作表（%v）", err)
		return t
	}
	defer rows.Close()
	num := 0
	header := false
	for rows.Next() {
		num++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			x.fail(s.name, num, "", "", "无法读取这一行（%v）", err)
			return t
		}
		if num == 1 {
			x.header(t, cells)
			header = true
			continue
		}
		if len(t.rows) >= maxSheetRows {
			x.fail(s.name, num, "", "", "数据超过 %d 行，拒绝读取", maxSheetRows)
			return t
		}
		x.dataRow(t, num, cells)
	}
	if err := rows.Error(); err != nil {
		x.fail(s.name, num, "", "", "无法读取工作表（%v）", err)
	}
	if !header {
		if s.required {
			x.fail(s.name, 1, "", "", "工作表是空的：第 1 行应为标题行（%s）", labels(s))
		}
		return t
	}
	x.formulas(t)
	return t
}

func newTable(s *sheetSpec) *table {
	return &table{spec: s, cols: map[string]string{}, at: map[int]int{}}
}

func labels(s *sheetSpec) string {
	var out []string
	for _, c := range s.cols {
		out = append(out, c.label)
	}
	return strings.Join(out, "、")
}

func (x *xlsxReader) header(t *table, cells []string) {
	s := t.spec
	for i, c := range cells {
		h := clean(c)
		if h == "" {
			continue
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		label := strings.NewReplacer(" ", "", "\u3000", "", "（元）", "", "(元)", "").Replace(h)
		if s.col(label) == nil {
			x.fail(s.name, 1, col, h, "无法识别的列标题“%s”，这张工作表的列为：%s", h, labels(s))
			continue
		}
		if prev, dup := t.cols[label]; dup {
			x.fail(s.name, 1, col, h, "列标题“%s”重复（%s 列已有）", h, prev)
			continue
		}
		t.cols[label] = col
		for j := range s.cols {
			if s.cols[j].label == label {
				t.at[i] = j
			}
		}
	}
	for _, c := range s.cols {
		if _, ok := t.cols[c.label]; !ok && !c.optional {
			x.fail(s.name, 1, "", "", "缺少“%s”列：第 1 行应有标题“%s”", c.label, c.label)
		}
	}
}

func (x *xlsxReader) dataRow(t *table, num int, cells []string) {
	row := tableRow{num: num, cells: make([]string, len(t.spec.cols))}
	empty := true
	for i, c := range cells {
		v := clean(c)
		if v == "" {
			continue
		}
		empty = false
		if i == 0 && strings.HasPrefix(v, exampleMark) {
			return
		}
		if j, ok := t.at[i]; ok {
			row.cells[j] = v
		} else {
			col, _ := excelize.ColumnNumberToName(i + 1)
			x.fail(t.spec.name, num, col, "无标题", "这一列没有标题，却填了“%s”：请删除，或在第 1 行补上正确的列标题", short(v))
		}
	}
	if !empty {
		t.rows = append(t.rows, row)
	}
}

// formulas reports formula cells: the budget must hold the numbers that were
// approved, not a calculation whose cached result another program may not update.
func (x *xlsxReader) formulas(t *table) {
	for _, r := range t.rows {
		for j, c := range t.spec.cols {
			col, ok := t.cols[c.label]
			if !ok || r.cells[j] == "" {
				continue
			}
			if f, ok := x.cellFormulas[t.spec.name][col+strconv.Itoa(r.num)]; ok {
				if f == "" {
					f = "…" // shares the formula of a cell above or to the left
				}
				x.fail(t.spec.name, r.num, col, c.label, "不能使用公式（=%s），请复制后“选择性粘贴 → 数值”", short(f))
			}
		}
	}
}

func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// src is the Source of a row: every field's column letter comes from the header.
func (t *table) src(file string, r tableRow) budget.Source {
	return budget.Source{File: file, Sheet: t.spec.name, Row: r.num, Columns: t.cols}
}

func (t *table) get(r tableRow, label string) string {
	for j, c := range t.spec.cols {
		if c.label == label {
			return r.cells[j]
		}
	}
	panic("budgetfile: no column " + label + " in " + t.spec.name)
}

// Typed cell readers. Each reports a bad cell and returns the zero value.

func (x *xlsxReader) code(t *table, r tableRow, label string) string {
	v := foldDigits(t.get(r, label))
	c, err := parseCode(v, t.spec.col(label).kind == kClassCode)
	if err != nil {
		x.fail(t.spec.name, r.num, t.cols[label], label, "%v", err)
		return v
	}
	return c
}

func (x *xlsxReader) amount(t *table, r tableRow, label string) (money.Amount, bool) {
	v := t.get(r, label)
	if v == "" {
		return 0, false
	}
	a, err := parseAmountCell(foldDigits(v))
	if err != nil {
		x.fail(t.spec.name, r.num, t.cols[label], label, "%v", err)
	}
	return a, true
}

func (x *xlsxReader) integer(sheet string, row int, col, label, v string) int {
	if v == "" {
		return 0
	}
	i, err := strconv.Atoi(foldDigits(v))
	if err != nil || i < -1_000_000_000 || i > 1_000_000_000 {
		x.fail(sheet, row, col, label, "应为整数，实际为“%s”", short(v))
		return 0
	}
	return i
}

func (x *xlsxReader) boolean(t *table, r tableRow, label string) bool {
	switch v := strings.ToUpper(t.get(r, label)); v {
	case "是", "TRUE", "1":
		return true
	case "", "否", "FALSE", "0":
		return false
	default:
		x.fail(t.spec.name, r.num, t.cols[label], label, "应填“是”或“否”，实际为“%s”", short(v))
		return false
	}
}

var fullWidth = strings.NewReplacer("０", "0", "１", "1", "２", "2", "３", "3", "４", "4", "５", "5", "６", "6", "７", "7", "８", "8", "９", "9", "．", ".", "－", "-", "＋", "+")

// foldDigits turns full-width digits, points and signs into ASCII ones, as a Chinese
// input method may type them.
func foldDigits(s string) string { return fullWidth.Replace(s) }

var numberLike = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$`)

// parseCode reads a code cell. A code typed as a number arrives as its number text
// (2010301); one with decimals or in exponent form lost digits to Excel. With withName,
// a classification code may be followed by a space and its name ("2010301 行政运行"),
// as the drop-down lists them; the name is not kept (the catalogue has it).
func parseCode(v string, withName bool) (string, error) {
	if v == "" {
		return "", nil
	}
	if numberLike.MatchString(v) && strings.ContainsAny(v, ".eE") {
		return "", fmt.Errorf("编码“%s”被当成了带小数的数字：编码应为文本，请把该列设为文本格式后重新输入", v)
	}
	if f := strings.Fields(v); withName && len(f) > 1 && digitsOnly(f[0]) && !digitsOnly(f[1][:1]) {
		return f[0], nil
	}
	return v, nil
}

func digitsOnly(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// parseAmountCell reads an amount in 元 from a cell's raw text. Text typed by a person
// must be exact (at most 2 decimals). A number cell may carry binary noise from Excel
// (1234.5600000000001 for 1234.56); Excel keeps 15 significant digits, so the value is
// rounded half up to 15 significant digits, in integers, and must then be whole 分.
func parseAmountCell(v string) (money.Amount, error) {
	if a, err := money.Parse(v, money.UnitYuan); err == nil {
		return a, nil
	}
	if !numberLike.MatchString(v) {
		return 0, fmt.Errorf("应为数字（元），实际为“%s”", short(v))
	}
	mant, exp, _ := strings.Cut(strings.ToLower(v), "e")
	e := 0
	if exp != "" {
		e, _ = strconv.Atoi(exp)
	}
	neg := strings.HasPrefix(mant, "-")
	mant = strings.TrimLeft(mant, "+-")
	ip, fp, _ := strings.Cut(mant, ".")
	m, _ := new(big.Int).SetString("0"+ip+fp, 10)
	e -= len(fp) // value = m × 10^e
	if n := len(m.String()); m.Sign() != 0 && n > 15 {
		d := n - 15
		p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d)), nil)
		half := new(big.Int).Rsh(p, 1)
		m.Div(m.Add(m, half), p)
		e += d
	}
	// In 分: m × 10^(e+2).
	e += 2
	if e < 0 {
		p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-e)), nil)
		q, rem := new(big.Int).QuoRem(m, p, new(big.Int))
		if rem.Sign() != 0 {
			return 0, fmt.Errorf("金额“%s”精确到分以下：最多两位小数", short(v))
		}
		m = q
	} else if e > 0 {
		if e > 17 {
			return 0, fmt.Errorf("金额“%s”超出金额范围", short(v))
		}
		m.Mul(m, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e)), nil))
	}
	if m.Cmp(big.NewInt(1e17)) >= 0 {
		return 0, fmt.Errorf("金额“%s”超出金额范围", short(v))
	}
	a := money.Amount(m.Int64())
	if neg {
		a = -a
	}
	return a, nil
}
