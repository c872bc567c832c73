package reader

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"

	"yusuan/reader/pdftext"
)

func TestZZHeader(t *testing.T) {
	file := os.Getenv("ZZFILE")
	if file == "" {
		t.Skip()
	}
	pageNo, _ := strconv.Atoi(os.Getenv("ZZPAGE"))
	from, _ := strconv.Atoi(os.Getenv("ZZFROM"))
	to, _ := strconv.Atoi(os.Getenv("ZZTO"))
	data, _ := os.ReadFile(file)
	pages, err := pdftext.Extract(context.Background(), "x", data)
	if err != nil {
		t.Fatal(err)
	}
	pg := pdfPages(pages)[pageNo-1]
	lines := pg.lines[from:to]
	cells := headerCells(lines, pg.em, false)
	cols := buildColumns(cells, pg.em)
	for _, c := range cells {
		fmt.Printf("cell %q x[%.1f-%.1f] y[%.1f-%.1f] cy=%.1f leaf=%v span=%d-%d\n", c.text, c.x0, c.x1, c.top, c.bottom, c.cy(), c.leaf, c.first, c.last)
	}
	for j, c := range cols {
		fmt.Printf("col %d center=%.1f [%.1f,%.1f) path=%q\n", j, c.center, c.lo, c.hi, c.path)
	}
}
