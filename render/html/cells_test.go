package html

import (
	"html/template"
	"strings"
	"testing"
)

// cellTmpl is how the page wrote a cell before cellsHTML: cellsHTML must write the
// same bytes.
var cellTmpl = template.Must(template.New("cell").Parse(`{{if .Header}}<th{{else}}<td{{end}}{{if .Scope}} scope="{{.Scope}}"{{end}}{{if .ID}} id="{{.ID}}"{{end}}{{if .Headers}} headers="{{.Headers}}"{{end}}{{if .Class}} class="{{.Class}}"{{end}}{{if gt .ColSpan 1}} colspan="{{.ColSpan}}"{{end}}{{if gt .RowSpan 1}} rowspan="{{.RowSpan}}"{{end}}>{{.Text}}{{if .Header}}</th>{{else}}</td>{{end}}`))

func TestCellsHTMLAsTemplate(t *testing.T) {
	texts := []string{"", "合计", `<script>alert("x")</script>`, "a&b", "it's", "1+1", "nul\x00", "bad\xffutf8", "\ufdd0\uffff", "=SUM(A1)", "{{.}}"}
	var cells []CellView
	for i, s := range texts {
		cells = append(cells, CellView{Header: i%2 == 0, Scope: s, ID: s, Headers: s + " x", Class: s, Text: s, ColSpan: i % 3, RowSpan: i % 4})
	}
	var want strings.Builder
	for _, c := range cells {
		if err := cellTmpl.Execute(&want, c); err != nil {
			t.Fatal(err)
		}
	}
	if got := string(cellsHTML(cells)); got != want.String() {
		t.Errorf("cellsHTML writes\n%s\nthe template wrote\n%s", got, want.String())
	}
}
