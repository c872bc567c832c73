// Package budgetfile reads and writes a department budget in its two input formats:
// the YAML text file (for version control and tests) and the XLSX workbook that
// finance staff fill in. Both hold the same budget.Budget; nothing is lost between them.
package budgetfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"yusuan/budget"
)

// Input bounds. A real department budget is a few hundred kilobytes (10,000 line
// items: 1.5 MB of YAML, 0.4 MB of workbook); these refuse files that would only
// exhaust memory, before any parsing starts. docs/performance.md ("资源限制") gives
// the memory the largest accepted files take.
const (
	// maxXLSXSize bounds an .xlsx file; xlsxsafe bounds what it unpacks to, and
	// maxSheetRows the rows read, which are read as a stream.
	maxXLSXSize = 64 << 20
	// maxYAMLSize bounds a .yaml file, about 55,000 line items. Block-style text
	// is read a piece at a time (yaml_stream.go), in about 11 times its size; a
	// file that must be parsed whole (another style, or one with a syntax error)
	// takes about 25 times.
	maxYAMLSize  = 8 << 20
	maxSheetRows = 100_000
	maxErrors    = 10_000 // of one file: enough to count them, bounded for a file wrong in every cell
)

// Load reads a budget from a .yaml/.yml file, an .xlsx workbook, or a directory
// holding exactly one budget.yaml, budget.yml or budget.xlsx. It reports format
// errors (in Chinese, naming the file and place) but does not call budget.Validate.
func Load(path string) (*budget.Budget, error) {
	b, err := LoadAll(path)
	if err != nil {
		return nil, err
	}
	return b, nil
}

// LoadAll is Load for a report of every error at once. When the file was read
// but holds errors in its cells or lines (a budget.ErrorList), it returns
// them with the budget as far as it was read, the values in error left
// empty, so that validation can look at the rest in the same run (see
// Independent). A file it cannot read at all gives a nil budget.
func LoadAll(path string) (*budget.Budget, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, unreadable(openError(path, err))
	}
	if fi.IsDir() {
		var found []string
		for _, n := range []string{"budget.yaml", "budget.yml", "budget.xlsx"} {
			if _, err := os.Stat(filepath.Join(path, n)); err == nil {
				found = append(found, n)
			}
		}
		switch len(found) {
		case 0:
			return nil, unreadable(fmt.Errorf("目录 %s 中没有预算文件：应有 budget.yaml 或 budget.xlsx", path))
		case 1:
			return LoadAll(filepath.Join(path, found[0]))
		default:
			return nil, unreadable(fmt.Errorf("目录 %s 中有多个预算文件（%s），只能保留一个", path, strings.Join(found, "、")))
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, unreadable(openError(path, err))
	}
	defer f.Close()
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		if err := checkSize(path, fi.Size(), maxYAMLSize); err != nil {
			return nil, err
		}
		return readYAMLText(f, path, fi.Size())
	case ".xlsx":
		return readWorkbook(f, fi.Size(), path)
	}
	return nil, &ReadError{Err: fmt.Errorf("文件 %s 的类型不受支持：预算文件应为 .yaml、.yml 或 .xlsx", path), NotBudget: true}
}

// ReadError is a file that could not be read as a budget at all: missing,
// too large, damaged, or not a budget file. Problems found in a budget that
// was read are a budget.Error or budget.ErrorList instead.
type ReadError struct {
	Err error
	// NotBudget says the file was readable but is something else than a budget:
	// another type of file, or a workbook without the budget's sheets.
	NotBudget bool
}

func (e *ReadError) Error() string { return e.Err.Error() }

func (e *ReadError) Unwrap() error { return e.Err }

// IsUnreadable reports whether err says a file could not be read as a budget
// at all (a ReadError), rather than what is wrong inside one.
func IsUnreadable(err error) bool {
	var re *ReadError
	return errors.As(err, &re)
}

func unreadable(err error) error { return &ReadError{Err: err} }

func openError(path string, err error) error {
	if os.IsNotExist(err) {
		return fmt.Errorf("文件 %s 不存在", path)
	}
	if os.IsPermission(err) {
		return fmt.Errorf("没有权限读取文件 %s", path)
	}
	return fmt.Errorf("无法读取文件 %s：%v", path, err)
}

// checkSize refuses a file of more than limit bytes.
func checkSize(name string, size, limit int64) error {
	if size > limit {
		return unreadable(fmt.Errorf("文件 %s 大小为 %.1f MiB，超过上限 %d MiB，拒绝读取%s", name, float64(size)/(1<<20), limit>>20, sizeHint(limit)))
	}
	return nil
}

// sizeHint suggests what to do with a budget over the YAML limit.
func sizeHint(limit int64) string {
	if limit == maxYAMLSize {
		return "；YAML 预算文件最多约 5 万条支出明细，更大的预算请用 Excel 工作簿（.xlsx，最多 10 万行）"
	}
	return ""
}

// fileError is a problem with a whole file (not one place in it).
func fileError(name, format string, args ...any) error {
	return &budget.Error{Src: budget.Source{File: name}, Msg: fmt.Sprintf(format, args...)}
}
