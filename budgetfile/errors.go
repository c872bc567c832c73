package budgetfile

import "yusuan/budget"

// Independent returns the errors of validation that are not consequences of
// format errors LoadAll reported for the same file: an error on a value that
// was misread (or on any value of a row that could not be read at all), or on
// a field whose column the sheet lacks, would only say again what a format
// error says, and one that weighs an element
// against others (budget.Error.Joint) may be caused by a value misread
// anywhere: those are returned apart, as doubtful.
func Independent(format, validation budget.ErrorList) (sure, doubtful budget.ErrorList) {
	// A format error without a field is about its whole row.
	type place struct {
		file, sheet string
		row         int
		field       string
	}
	misread := map[place]bool{}
	for _, e := range format {
		if e.Src.Row > 0 {
			misread[place{e.Src.File, e.Src.Sheet, e.Src.Row, e.Field}] = true
		}
	}
	for _, e := range validation {
		switch {
		case misread[place{e.Src.File, e.Src.Sheet, e.Src.Row, e.Field}] || misread[place{e.Src.File, e.Src.Sheet, e.Src.Row, ""}] || missingColumn(e):
		case e.Joint:
			doubtful = append(doubtful, e)
		default:
			sure = append(sure, e)
		}
	}
	return sure, doubtful
}

// missingColumn reports whether e is about a field of a workbook's sheet that
// has no column for it, which the header's error already names.
func missingColumn(e *budget.Error) bool {
	s := sheetByName(e.Src.Sheet)
	if s == nil || e.Field == "" || s.col(e.Field) == nil {
		return false
	}
	_, present := e.Src.Columns[e.Field]
	return !present
}
