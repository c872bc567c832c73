package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"testing"

	"yusuan/disclosure"
	"yusuan/money"
)

// TestTableAlignment: amounts and the dashes standing for them are right-aligned,
// words in an amount column (表12's 主管部门, 总额) are centred labels, and text
// columns read from the left.
func TestTableAlignment(t *testing.T) {
	fonts, err := loadFaces()
	if err != nil {
		t.Fatal(err)
	}
	r := &renderer{faces: fonts, w: pageW, h: pageH}
	a := money.Amount(12345)
	tb := &disclosure.Table{
		Columns: []disclosure.Column{{Kind: disclosure.TextCol, Width: 3}, {Kind: disclosure.AmountCol, Width: 2}, {Kind: disclosure.CodeCol, Width: 1}},
		Header:  [][]disclosure.Cell{{disclosure.T("项目"), disclosure.T("金额"), disclosure.T("编码")}},
		Rows: []disclosure.Row{
			{Cells: []disclosure.Cell{disclosure.T("单位名称"), disclosure.T("主管部门"), disclosure.T("201")}},
			{Cells: []disclosure.Cell{disclosure.T("办公经费"), {Amount: &a}, disclosure.T("")}},
			{Cells: []disclosure.Cell{disclosure.T("其他"), disclosure.T("—"), disclosure.T("")}},
		},
	}
	lay := r.layoutTable(tb, 170)
	want := map[string]byte{"项目": 'C', "金额": 'C', "单位名称": 'L', "主管部门": 'C', "201": 'L', "123.45": 'R', "—": 'R', "办公经费": 'L'}
	for _, c := range lay.cells {
		if len(c.lines) == 0 {
			continue
		}
		if w, ok := want[c.lines[0].s]; ok && c.align != w {
			t.Errorf("%q aligned %c, want %c", c.lines[0].s, c.align, w)
		}
	}
}

// TestBordersDrawnOnce: no two border lines drawn on a page overlap, so every
// edge has the weight of the table's outline.
func TestBordersDrawnOnce(t *testing.T) {
	b := render(t, testDocument())
	stream := regexp.MustCompile(`(?s)/Filter /FlateDecode /Length \d+>>\nstream\n(.*?)\nendstream`)
	seg := regexp.MustCompile(`([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l S`)
	pages, lines := 0, 0
	for _, m := range stream.FindAllSubmatch(b, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		content, err := io.ReadAll(zr)
		if err != nil {
			continue
		}
		pages++
		type key struct {
			horizontal bool
			at         float64
		}
		spans := map[key][][2]float64{}
		for _, s := range seg.FindAllSubmatch(content, -1) {
			var v [4]float64
			for i := range v {
				v[i], _ = strconv.ParseFloat(string(s[i+1]), 64)
			}
			k, span := key{true, v[1]}, [2]float64{min(v[0], v[2]), max(v[0], v[2])}
			if v[0] == v[2] {
				k, span = key{false, v[0]}, [2]float64{min(v[1], v[3]), max(v[1], v[3])}
			}
			for _, o := range spans[k] {
				if span[0] < o[1]-0.01 && o[0] < span[1]-0.01 {
					t.Errorf("page stream %d: line %v overlaps %v on %v", pages, span, o, k)
				}
			}
			spans[k] = append(spans[k], span)
			lines++
		}
	}
	if lines == 0 {
		t.Fatalf("no border lines found in %d page streams", pages)
	}
}
