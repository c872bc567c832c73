package reader

import (
	"cmp"
	"slices"

	"yusuan/disclosure"
)

// Combine joins the two halves of a document that a region publishes as two
// files, the narrative in one and the tables in the other, into a new document.
// The narrative gives the metadata (title, kind, year, department, subject,
// profile and format, money unit, workbook layout), the contents and the parts;
// the other half gives the tables, and its contents when the narrative lists
// none. A metadata field the narrative left empty is taken from the tables half,
// which is how a tables file that names its year or department still helps.
// Notes of both halves are kept, the narrative's first.
//
// Neither input is changed: the new document has slices of its own, though it
// shares the parts' blocks and the *Table values with its inputs.
func Combine(narrative, tables *disclosure.Document) *disclosure.Document {
	doc := *narrative
	doc.Profile = cmp.Or(narrative.Profile, tables.Profile)
	doc.Format = cmp.Or(narrative.Format, tables.Format)
	doc.FormatLabel = cmp.Or(narrative.FormatLabel, tables.FormatLabel)
	doc.Kind = cmp.Or(narrative.Kind, tables.Kind)
	doc.Department = cmp.Or(narrative.Department, tables.Department)
	doc.Subject = cmp.Or(narrative.Subject, tables.Subject)
	doc.Title = cmp.Or(narrative.Title, tables.Title)
	doc.Unit = cmp.Or(narrative.Unit, tables.Unit)
	doc.Year = cmp.Or(narrative.Year, tables.Year)
	doc.Parts = slices.Clone(narrative.Parts)
	doc.Tables = slices.Clone(tables.Tables)
	doc.Contents = slices.Clone(narrative.Contents)
	if len(doc.Contents) == 0 {
		doc.Contents = slices.Clone(tables.Contents)
	}
	doc.Notes = slices.Concat(narrative.Notes, tables.Notes)
	doc.Cover = slices.Clone(narrative.Cover)
	return &doc
}
