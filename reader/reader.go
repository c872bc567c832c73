// Package reader rebuilds a disclosure from a published file — text laid out like the
// seed (cells separated by tabs), text from `pdftotext -layout`, a PDF, or an XLSX
// workbook — so that checks can run on it. It recognises the profile, the document
// type, the year, the department and the money unit, and keeps every row's position.
package reader

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"yusuan/disclosure"
)

// MaxFileSize bounds what is read at all; a real disclosure is a few megabytes.
const MaxFileSize = 64 << 20

// ErrUnsupported marks a document that was recognised but cannot be checked yet,
// such as a 部门决算.
var ErrUnsupported = errors.New("unsupported document")

// UnsupportedError says which kind of document was recognised.
type UnsupportedError struct {
	File, Kind string
}

func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("文件 %s 是%s，目前只能核对部门预算和单位预算，暂不支持%s", e.File, e.Kind, e.Kind)
}

// Is makes errors.Is(err, ErrUnsupported) hold.
func (e *UnsupportedError) Is(target error) bool { return target == ErrUnsupported }

// ReadFile reads a published document from a file, choosing the reader by its
// extension and content.
func ReadFile(path string) (*disclosure.Document, error) {
	fi, err := os.Stat(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("文件 %s 不存在", path)
		}
		return nil, fmt.Errorf("无法读取文件 %s：%v", path, err)
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%s 是目录，请指定一个公开文件（.txt、.pdf 或 .xlsx）", path)
	}
	if fi.Size() > MaxFileSize {
		return nil, fmt.Errorf("文件 %s 有 %d MB，超过 %d MB 的上限，不像是一份部门预算公开文件", path, fi.Size()>>20, MaxFileSize>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取文件 %s：%v", path, err)
	}
	name := filepath.Base(path)
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".text", ".md":
		return ReadText(name, string(data))
	case ".xlsx":
		return ReadXLSX(name, strings.NewReader(string(data)), int64(len(data)))
	case ".pdf":
		return ReadPDF(context.Background(), name, data)
	}
	return nil, fmt.Errorf("文件 %s 的类型不受支持：应为 .txt、.pdf 或 .xlsx", path)
}

// ReadText reads text: tab-separated tables like the seed's or yusuan's own text,
// or else text laid out with spaces like `pdftotext -layout` output.
func ReadText(name, text string) (*disclosure.Document, error) {
	if !strings.Contains(text, "\t") {
		return ReadLayout(name, text)
	}
	return readTabText(name, text)
}

var (
	yearRe   = regexp.MustCompile(`(20\d\d)\s*年`)
	spacesRe = regexp.MustCompile(`\s+`)
)

// docKind recognises the document type from its title.
func docKind(name, title string) (string, error) {
	t := spacesRe.ReplaceAllString(title, "")
	switch {
	case strings.Contains(t, "决算"):
		kind := "部门决算"
		if strings.Contains(t, "单位决算") {
			kind = "单位决算"
		}
		return "", &UnsupportedError{File: name, Kind: kind}
	case strings.Contains(t, "单位预算"):
		return "单位预算", nil
	case strings.Contains(t, "部门预算") || strings.Contains(t, "区级部门预算"):
		return "部门预算", nil
	}
	return "", fmt.Errorf("文件 %s 的标题“%s”不像部门预算或单位预算公开文件（标题中应有“部门预算”或“单位预算”）", name, title)
}
