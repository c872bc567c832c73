package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// TestAuditVerify verifies the chain of a database with one account's entry.
func TestAuditVerify(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	var out, errs bytes.Buffer
	if code := runUserWith([]string{"add", "admin", "--name", "张三", "--role", "管理员", "--region", "测试区", "--db", db, "--password-stdin"},
		strings.NewReader("一个足够长的密码abc\n"), &out, &errs); code != exitOK {
		t.Fatalf("user add: %d %s", code, errs.String())
	}
	out.Reset()
	if code := runAudit([]string{"verify", "--db", db}, &out, &errs); code != exitOK || !strings.Contains(out.String(), "共 1 条记录，哈希链逐条校验通过") {
		t.Fatalf("audit verify: %d %q %q", code, out.String(), errs.String())
	}
	if code := runAudit([]string{"check"}, &out, &errs); code != exitUsage {
		t.Errorf("audit check: %d, want %d", code, exitUsage)
	}
}
