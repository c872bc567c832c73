package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"yusuan/budgetfile"
	"yusuan/disclosure"
)

// exitUnreadable is every command's status when an input cannot be read at
// all: missing, damaged, or another kind of file than the command takes.
const exitUnreadable = 2

// unreadableError is an input a command could not read at all.
type unreadableError struct{ err error }

func (e *unreadableError) Error() string { return e.err.Error() }

func (e *unreadableError) Unwrap() error { return e.err }

// unreadable marks err as an input that could not be read.
func unreadable(err error) error {
	if err == nil {
		return nil
	}
	return &unreadableError{err}
}

// isUnreadable reports whether err, or any error joined in it, says an
// input could not be read.
func isUnreadable(err error) bool {
	var u *unreadableError
	return errors.As(err, &u) || budgetfile.IsUnreadable(err)
}

// exitFor is a command's status for its failure err: exitUnreadable when an
// input could not be read, exitError for errors in what was read.
func exitFor(err error) int {
	if isUnreadable(err) {
		return exitUnreadable
	}
	return exitError
}

// explainBudgetInput adds to a budget file's error what the file is when it
// is no budget but a published document, which yusuan check takes.
func explainBudgetInput(path string, err error) error {
	var re *budgetfile.ReadError
	if !errors.As(err, &re) || !re.NotBudget {
		return err
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf", ".txt", ".xlsx":
	default:
		return err
	}
	doc, rerr := readFile(path)
	if rerr != nil {
		return err
	}
	return unreadable(fmt.Errorf("文件 %s 是已公开的%s，不是预算数据，不能用来生成公开文件；核对已公开的文件请用 yusuan check %s", path, describeDoc(doc), path))
}

// describeDoc names a document read from a published file: its kind and title.
func describeDoc(doc *disclosure.Document) string {
	kind := doc.Kind
	if kind == "" {
		kind = "预算文件"
	}
	if doc.Title != "" {
		return kind + "《" + doc.Title + "》"
	}
	return kind
}

// budgetWorkbookError says that a file given to yusuan check is a budget
// workbook, the input of yusuan validate and build, or returns nil.
func budgetWorkbookError(path string) error {
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil // the reader says why
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !budgetfile.IsWorkbook(f, fi.Size()) {
		return nil
	}
	return fmt.Errorf("文件 %s 是预算数据工作簿（预算填报表），不是已公开的部门预算文件，无法核对；检查其中的数据请用 yusuan validate %s，生成公开文件请用 yusuan build %s -o 输出目录", path, path, path)
}
