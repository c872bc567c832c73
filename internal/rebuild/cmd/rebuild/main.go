// Command rebuild writes a budget.yaml that reproduces a published 部门预算: it reads
// the published file with yusuan's reader, allocates line items to its tables and
// merges them into a hand-written overlay (see package rebuild).
//
//	go run ./internal/rebuild/cmd/rebuild -o examples/x/budget.yaml examples/x/overlay.yaml published.pdf
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"yusuan/budget"
	"yusuan/budgetfile"
	"yusuan/classification"
	"yusuan/internal/rebuild"
	"yusuan/reader"

	"go.yaml.in/yaml/v3"
)

func main() {
	out := flag.String("o", "", "output budget.yaml")
	tails := flag.String("tails", "", "a YAML list of rebuild.Tail")
	flag.Parse()
	if flag.NArg() != 2 || *out == "" {
		fmt.Fprintln(os.Stderr, "用法：rebuild -o budget.yaml 底稿.yaml 公开文件.pdf")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), flag.Arg(1), *out, *tails); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(overlayPath, published, out, tailsPath string) error {
	overlay, err := budgetfile.Load(overlayPath)
	if err != nil {
		return err
	}
	var tails []rebuild.Tail
	if tailsPath != "" {
		data, err := os.ReadFile(tailsPath)
		if err != nil {
			return err
		}
		if err := yaml.Unmarshal(data, &tails); err != nil {
			return fmt.Errorf("%s：%v", tailsPath, err)
		}
	}
	doc, err := reader.ReadFile(published)
	if err != nil {
		return err
	}
	cat := classification.Default()
	b, err := rebuild.Rebuild(doc, overlay, cat, tails...)
	if err != nil {
		return err
	}
	if err := budget.Validate(b, cat); err != nil {
		fmt.Fprintf(os.Stderr, "%v\n（不符合校验，仍写出文件以便查看）\n", err)
	}
	var buf bytes.Buffer
	buf.WriteString(header(overlayPath, published, tailsPath))
	if err := budgetfile.WriteYAML(&buf, b); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

func header(overlay, published, tails string) string {
	flags := ""
	if tails != "" {
		flags = " -tails " + tails
	}
	return "# 由 internal/rebuild 生成，请勿手改：改 " + overlay + " 后重新运行\n" +
		"#   go run ./internal/rebuild/cmd/rebuild" + flags + " -o <本文件> " + overlay + " " + published + "\n" +
		"# 金额单位：元。明细按公开文件各表的末级数字分配（功能分类 × 经济分类 × 项目 × 资金），逐格重现各表。\n"
}
