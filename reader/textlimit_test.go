package reader

import (
	"strings"
	"testing"
)

// TestTextTooLarge refuses text beyond MaxTextSize before reading any of it.
func TestTextTooLarge(t *testing.T) {
	text := strings.Repeat("一般公共预算支出表\t100.00\n", MaxTextSize/30+1)
	_, err := ReadText("big.txt", text)
	if err == nil || !strings.Contains(err.Error(), "文件 big.txt 的文字有 4.7 MB，超过 4 MB 的上限") {
		t.Fatalf("error %v, want the size limit", err)
	}
}
