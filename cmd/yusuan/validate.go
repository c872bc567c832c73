package main

import (
	"errors"
	"fmt"
	"io"

	"yusuan/budget"
	"yusuan/budgetfile"
	"yusuan/build"
	"yusuan/classification"
)

// validateBudget loads the budget at path and validates it, reporting every
// error of both kinds in one run: when some values cannot be read, the rest
// of the budget is still validated, leaving out what only repeats the format
// errors and setting apart what they may have caused.
func validateBudget(path string, cat *classification.Catalogue) (*budget.Budget, error) {
	defer readingInput()()
	b, err := budgetfile.LoadAll(path)
	var format budget.ErrorList
	switch {
	case err == nil:
		_, err = build.Derive(b, cat)
		return b, err
	case b == nil || !errors.As(err, &format):
		return nil, err
	}
	var valid budget.ErrorList
	if verr := budget.Validate(b, cat); verr != nil && !errors.As(verr, &valid) {
		return nil, errors.Join(err, verr)
	}
	sure, doubtful := budgetfile.Independent(format, valid)
	list := append(format, sure...).Err().(budget.ErrorList)
	return nil, &errorReport{list: list, doubtful: doubtful}
}

// errorReport is every error validate found, and the errors that may only
// follow from values it could not read.
type errorReport struct {
	list, doubtful budget.ErrorList
}

func (r *errorReport) Error() string { return r.list.Error() }

// maxListed bounds the errors yusuan validate prints; it counts them all.
const maxListed = 200

// writeErrors prints how many errors there are, then the first maxListed.
func writeErrors(w io.Writer, err error) {
	var list, doubtful budget.ErrorList
	var rep *errorReport
	switch {
	case errors.As(err, &rep):
		list, doubtful = rep.list, rep.doubtful
	case errors.As(err, &list):
	default:
		fmt.Fprintln(w, err)
		return
	}
	fmt.Fprintf(w, "共 %d 处错误：\n", len(list))
	writeList(w, list, maxListed)
	if len(doubtful) > 0 {
		fmt.Fprintf(w, "另有 %d 处可能只是以上无法读取的值造成的（重复、引用或合计），改正以上错误后再运行一次即可确认：\n", len(doubtful))
		writeList(w, doubtful, max(maxListed-len(list), 20))
	}
}

func writeList(w io.Writer, list budget.ErrorList, n int) {
	for i, e := range list {
		if i == n {
			fmt.Fprintf(w, "……另有 %d 处错误未列出\n", len(list)-n)
			break
		}
		fmt.Fprintln(w, e)
	}
}
