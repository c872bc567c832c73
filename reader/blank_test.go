package reader_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"yusuan/reader"
)

// TestBlankFinalAccountsTemplate: Shanghai's official blank 决算 template is told
// from a published 决算: it is a template with no data, never a document to check,
// while the published 决算 are read with a 决算 format.
func TestBlankFinalAccountsTemplate(t *testing.T) {
	dir := filepath.Join(corpusDir, "juesuan")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	for _, c := range []struct {
		file, format string
	}{
		{"template-shanghai-2024-dept-final-accounts.txt", ""},
		{"template-shanghai-2024-dept-final-accounts.pdf", ""},
		{"putuo-caizhengju-2024-dept-final-accounts.txt", "shanghai-juesuan"},
		{"putuo-caizhengju-2024-dept-final-accounts.pdf", "shanghai-juesuan"},
		{"foshan-guidaojiaotong-2019-dept-final-accounts.txt", "generic-juesuan"},
	} {
		doc, err := reader.ReadFile(filepath.Join(dir, c.file))
		if c.format != "" {
			if err != nil {
				t.Errorf("%s: %v", c.file, err)
			} else if doc.Kind != "部门决算" || doc.Format != c.format {
				t.Errorf("%s: read as %s in %s, want 部门决算 in %s", c.file, doc.Kind, doc.Format, c.format)
			}
			continue
		}
		var u *reader.UnsupportedError
		if !errors.As(err, &u) || !errors.Is(err, reader.ErrUnsupported) || u.Kind != "部门决算" || !u.Blank {
			t.Errorf("%s: err = %v, want an UnsupportedError for a blank 部门决算", c.file, err)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, "空白模板") || strings.Contains(msg, "暂不支持") || !strings.Contains(msg, c.file) {
			t.Errorf("%s: message %q", c.file, msg)
		}
	}
}

// TestBlankTemplateNeedsNoFigures: placeholders left in a document with figures,
// or a few placeholders alone, do not make a blank template.
func TestBlankTemplateNeedsNoFigures(t *testing.T) {
	placeholders := strings.Repeat("本年收入合计XXX万元，占XX%。\n", 6)
	for _, c := range []struct {
		name, text string
		blank      bool
	}{
		{"placeholders", "上海市XX局\n2024年度部门决算\n" + placeholders, true},
		{"zeros", "上海市XX局\n2024年度部门决算\n" + placeholders + "合计 0.00 0.00\n", true},
		{"figures", "上海市XX局\n2024年度部门决算\n" + placeholders + "合计 2,940.05\n", false},
		{"few", "上海市普陀区财政局\n2024年度部门决算\n收入支出总计XXX万元。\n", false},
	} {
		_, err := reader.ReadText(c.name+".txt", c.text)
		var u *reader.UnsupportedError
		if blank := errors.As(err, &u) && u.Blank; blank != c.blank {
			t.Errorf("%s: err = %v, want Blank = %v", c.name, err, c.blank)
		}
	}
}
