package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestServeArguments(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"serve", "extra"}, exitUsage, "不接受文件参数"},
		{[]string{"serve", "--nope"}, exitUsage, "不认识的选项"},
		{[]string{"serve", "--db", t.TempDir() + "/missing/dir/x.db", "--addr", "127.0.0.1:0"}, exitError, "无法打开数据库"},
		{[]string{"serve", "--db", t.TempDir() + "/x.db", "--addr", "256.0.0.1:99999"}, exitError, "无法监听"},
		{[]string{"help", "serve"}, exitOK, "yusuan serve"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(c.args, &stdout, &stderr); code != c.code || !strings.Contains(stdout.String()+stderr.String(), c.want) {
			t.Errorf("%v: exit %d, want %d with %q\n%s%s", c.args, code, c.code, c.want, stdout.String(), stderr.String())
		}
	}
}
