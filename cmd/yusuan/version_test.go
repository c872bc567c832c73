package main

import (
	"strings"
	"testing"
)

// TestVersionAndHelp: --version names the program; a command's -h prints its usage
// once, and a wrong option its message and the usage once.
func TestVersionAndHelp(t *testing.T) {
	for _, arg := range []string{"--version", "version"} {
		if code, out, _ := runCLI(t, arg); code != exitOK || !strings.HasPrefix(out, "yusuan ") {
			t.Errorf("%s: exit %d, %q", arg, code, out)
		}
	}
	for _, c := range commands() {
		code, out, errs := runCLI(t, c.name, "-h")
		if code != exitOK || strings.Count(out+errs, "用法") != 1 {
			t.Errorf("%s -h: exit %d, usage printed %d times", c.name, code, strings.Count(out+errs, "用法"))
		}
		code, out, errs = runCLI(t, c.name, "--no-such-option")
		if code != exitUsage || strings.Count(out+errs, "用法") != 1 || !strings.Contains(errs, "不认识的选项") {
			t.Errorf("%s --no-such-option: exit %d, %q", c.name, code, errs)
		}
	}
}
