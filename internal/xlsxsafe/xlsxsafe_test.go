package xlsxsafe_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"yusuan/internal/xlsxsafe"
	"yusuan/internal/xlsxsafe/xlsxsafetest"
)

func TestOpen(t *testing.T) {
	f := excelize.NewFile()
	var good bytes.Buffer
	if _, err := f.WriteTo(&good); err != nil {
		t.Fatal(err)
	}
	bomb, err := xlsxsafetest.ZipBomb(48)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"workbook", good.Bytes(), ""},
		{"text", []byte("预算"), "不是有效的 Excel 工作簿"},
		{"truncated", good.Bytes()[:good.Len()/2], "不是有效的 Excel 工作簿"},
		{"old xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), "旧版 Excel"},
		{"bomb", bomb, "压缩比异常"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := xlsxsafe.Open(bytes.NewReader(tt.data), int64(len(tt.data)), excelize.Options{})
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				f.Close()
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}
