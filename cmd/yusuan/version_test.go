package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"yusuan/classification"
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

// TestSlowReadNotice: only a terminal hears that PDFs take a moment; a report sent to
// a pipe or file stays exactly the report.
func TestSlowReadNotice(t *testing.T) {
	var buf strings.Builder
	announceSlowRead([]input{{path: "a.pdf"}, {path: "b.PDF"}}, &buf)
	if buf.Len() != 0 {
		t.Errorf("a buffer was told %q", buf.String())
	}
	if isTerminal(&buf) {
		t.Error("a buffer taken for a terminal")
	}
}

// TestDemoExamplesAnywhere: away from the repository, the demonstration's examples
// come from the copies built into the binary and import as they do at home.
func TestDemoExamplesAnywhere(t *testing.T) {
	t.Chdir(t.TempDir())
	root, cleanup, err := demoExampleRoot()
	if err != nil {
		t.Fatal(err)
	}
	if root == "" {
		t.Fatal("the examples were found in an empty directory")
	}
	cat := classification.Default()
	for _, p := range demoExamples {
		docs, err := importFile(filepath.Join(root, p), "", "", cat)
		if err != nil || len(docs) == 0 {
			t.Errorf("%s: %d documents, %v", p, len(docs), err)
		}
	}
	cleanup()
	if _, err := os.Stat(root); !os.IsNotExist(err) {
		t.Errorf("the temporary copy %s was left behind", root)
	}
}
