package reader

import (
	"fmt"

	"yusuan/disclosure"
)

// readShenzhenLayout refuses a Shenzhen document laid out with spaces (a PDF, or
// `pdftotext -layout` text): its tables merge cells across rows and columns, and
// reading them is not done yet. Saying so beats reading the narrative alone, which
// the checker would take for a document whose tables are images.
func readShenzhenLayout(name string, _ []lline, title, _ string, _, _ int) (*disclosure.Document, error) {
	return nil, fmt.Errorf("文件 %s（%s）是深圳格式的 PDF 或版面文字，目前还不能读取其表格；请提供用制表符分隔表格的文字版本或 XLSX 文件", name, title)
}
