// Package xlsxsafe opens .xlsx workbooks from outside without letting them exhaust
// memory: it reads the zip directory before excelize unpacks anything, refuses zip
// bombs and archives that are no workbook, and opens the rest with excelize's limits.
// Its errors are Chinese phrases for the caller to prefix with the file's name.
package xlsxsafe

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Bounds of what a workbook may unpack to. A real budget or disclosure is a few
// hundred kilobytes; these refuse only files that would exhaust memory.
const (
	MaxUnzipTotal = 256 << 20 // uncompressed bytes of all parts
	maxUnzipEntry = 64 << 20  // uncompressed bytes of one part
	maxZipEntries = 10_000
	// maxZipRatio is the compression ratio above which a large part is treated as a
	// zip bomb: spreadsheet XML compresses to 1/5–1/50, deflate cannot exceed ~1/1032.
	maxZipRatio    = 256
	maxRatioExempt = 1 << 20 // parts smaller than this may compress as well as they like
	maxXMLInMemory = 16 << 20
)

// Open checks the workbook of size bytes in r and opens it with opts, whose unzip
// limits it sets. The caller closes the file.
func Open(r io.ReaderAt, size int64, opts excelize.Options) (*excelize.File, error) {
	if err := Check(r, size); err != nil {
		return nil, err
	}
	opts.UnzipSizeLimit, opts.UnzipXMLSizeLimit = MaxUnzipTotal, maxXMLInMemory
	f, err := excelize.OpenReader(io.NewSectionReader(r, 0, size), opts)
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookFileFormat) || errors.Is(err, zip.ErrFormat) {
			return nil, errors.New("不是有效的 Excel 工作簿（.xlsx）")
		}
		return nil, fmt.Errorf("无法读取工作簿，文件可能已损坏（%v）", err)
	}
	return f, nil
}

// Check looks at the zip directory and refuses archives whose parts would unpack to far
// more than any workbook needs. The sizes in the directory can be trusted: archive/zip
// fails a part that inflates beyond them.
func Check(r io.ReaderAt, size int64) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		head := make([]byte, 8)
		if n, _ := r.ReadAt(head, 0); n == 8 && bytes.Equal(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}) {
			return errors.New("是旧版 Excel（.xls）文件或加密的工作簿：请在 Excel 中取消密码并“另存为” .xlsx 后再读取")
		}
		return errors.New("不是有效的 Excel 工作簿（.xlsx），或文件已损坏、不完整")
	}
	if len(zr.File) > maxZipEntries {
		return fmt.Errorf("压缩包有 %d 个部件，超过上限 %d，不像正常的 Excel 工作簿，拒绝读取", len(zr.File), maxZipEntries)
	}
	var total uint64
	workbook := false
	for _, zf := range zr.File {
		u, c := zf.UncompressedSize64, zf.CompressedSize64
		if u > maxUnzipEntry {
			return fmt.Errorf("压缩包中的部件“%s”解压后有 %d MiB，超过上限 %d MiB（可能是恶意构造的压缩炸弹），拒绝读取", zf.Name, u>>20, maxUnzipEntry>>20)
		}
		if u > maxRatioExempt && (c == 0 || u/c > maxZipRatio) {
			return fmt.Errorf("压缩包中的部件“%s”压缩比异常（%d MiB 压缩为 %d 字节，可能是压缩炸弹），拒绝读取", zf.Name, u>>20, c)
		}
		total += u
		if strings.EqualFold(zf.Name, "xl/workbook.xml") {
			workbook = true
		}
	}
	if total > MaxUnzipTotal {
		return fmt.Errorf("压缩包解压后共有 %d MiB，超过上限 %d MiB，拒绝读取", total>>20, MaxUnzipTotal>>20)
	}
	if !workbook {
		return errors.New("不是有效的 Excel 工作簿（.xlsx）：压缩包中没有工作簿内容")
	}
	return nil
}
