package reader_test

import (
	"bytes"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"yusuan/budget/budgettest"
	"yusuan/internal/xlsxsafe/xlsxsafetest"
	"yusuan/reader"
)

// longgangXLSX is the Longgang example rendered as a workbook.
func longgangXLSX(t testing.TB) []byte {
	t.Helper()
	return renderXLSX(t, longgang(t))
}

// edit opens a workbook, changes it and returns the result.
func edit(t testing.TB, data []byte, change func(f *excelize.File)) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	change(f)
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func wantError(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one with %q", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q lacks %q", err, p)
		}
	}
}

func TestXLSXHostile(t *testing.T) {
	real := longgangXLSX(t)
	bomb, err := xlsxsafetest.ZipBomb(1024)
	if err != nil {
		t.Fatal(err)
	}
	sheets := func() []byte {
		f := excelize.NewFile()
		defer f.Close()
		for i := range 101 {
			f.NewSheet("S" + string(rune('A'+i/26)) + string(rune('A'+i%26)))
		}
		var buf bytes.Buffer
		f.WriteTo(&buf)
		return buf.Bytes()
	}()
	tests := []struct {
		name string
		data []byte
		want []string
	}{
		{"not a workbook", []byte("部门预算\t2024"), []string{"文件 x.xlsx", "不是有效的 Excel 工作簿"}},
		{"empty", nil, []string{"文件 x.xlsx", "不是有效的 Excel 工作簿"}},
		{"truncated", real[:len(real)/2], []string{"文件 x.xlsx", "不是有效的 Excel 工作簿"}},
		{"zip bomb", bomb, []string{"文件 x.xlsx", "xl/worksheets/sheet1.xml", "压缩炸弹", "拒绝读取"}},
		{"too many sheets", sheets, []string{"文件 x.xlsx", "102 张工作表", "拒绝读取"}},
		{"too many rows", edit(t, real, func(f *excelize.File) { f.SetCellStr("表3 支出总表", "A30000", "多余") }),
			[]string{"文件 x.xlsx", "工作表“表3 支出总表”", "第 20001 行", "拒绝读取"}},
		{"too many columns", edit(t, real, func(f *excelize.File) { f.SetCellStr("表3 支出总表", "ZZ5", "多余") }),
			[]string{"文件 x.xlsx", "工作表“表3 支出总表”", "第 5 行", "702 列"}},
		{"formula", edit(t, real, func(f *excelize.File) { f.SetCellFormula("表1 收支总表", "B6", "SUM(B7:B9)") }),
			[]string{"文件 x.xlsx", "工作表“表1 收支总表”", "第 6 行 B 列（单元格 B6）", "公式（=SUM(B7:B9)）", "拒绝读取"}},
		{"formula in an empty amount cell", edit(t, real, func(f *excelize.File) {
			f.SetCellFormula("表3 支出总表", "D7", "1+1")
		}), []string{"工作表“表3 支出总表”", "单元格 D7", "公式"}},
		{"not a disclosure", edit(t, real, func(f *excelize.File) { f.SetSheetName("说明", "封底") }),
			[]string{"文件 x.xlsx", "不像预算或决算公开的工作簿"}},
		{"unknown table", edit(t, real, func(f *excelize.File) {
			f.SetCellStr("表2 收入总表", "A1", "表99")
			f.SetCellStr("表2 收入总表", "A2", "别的表")
		}),
			[]string{"工作表“表2 收入总表”", "第 2 行", "不认识的表格“别的表”"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := readXLSX("x.xlsx", tt.data)
			wantError(t, err, tt.want...)
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("refusing took %v", d)
			}
		})
	}
}

func TestReadFileXLSX(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "longgang.xlsx")
	if err := os.WriteFile(good, longgangXLSX(t), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := reader.ReadFile(good)
	if err != nil || len(doc.Tables) != 12 {
		t.Fatalf("ReadFile = %v tables, %v", doc, err)
	}

	// A gigabyte is refused by its size, before anything is read.
	big := filepath.Join(dir, "big.xlsx")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	start := time.Now()
	_, err = reader.ReadFile(big)
	wantError(t, err, "big.xlsx", "1024 MB", "上限")
	if d := time.Since(start); d > time.Second {
		t.Errorf("refusing took %v", d)
	}
	_, err = reader.ReadXLSX("big.xlsx", bytes.NewReader(nil), 1<<30)
	wantError(t, err, "文件 big.xlsx", "上限")
}

func FuzzReadXLSX(f *testing.F) {
	b := budgettest.Random(rand.New(rand.NewSource(1)), budgettest.Options{})
	f.Add(renderXLSX(f, derive(f, b)))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := readXLSX("fuzz.xlsx", data)
		if err == nil && doc == nil {
			t.Fatal("no document and no error")
		}
		if err != nil && !strings.Contains(err.Error(), "fuzz.xlsx") {
			t.Errorf("error %q does not name the file", err)
		}
	})
}

func BenchmarkReadXLSX(b *testing.B) {
	data := longgangXLSX(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readXLSX("longgang.xlsx", data); err != nil {
			b.Fatal(err)
		}
	}
}
