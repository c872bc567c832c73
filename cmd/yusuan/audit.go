package main

import (
	"fmt"
	"io"
	"strings"
)

const auditUsage = `用法：yusuan audit verify [--db 数据库]

逐条校验工作区审计日志的哈希链：每条记录的哈希与其内容和上一条记录相符。
工作区的“审计日志”页面平时只校验上次校验之后的新记录（每 24 小时逐条校验一次全部记录），
本命令随时逐条校验全部记录。

选项：
  --db 数据库      SQLite 数据库文件或 postgres:// 连接地址；
                   默认取环境变量 YUSUAN_DB，未设置时为当前目录下的 yusuan.db

退出码：0 哈希链完整；1 哈希链断开（指出第一处断开的记录）或无法读取数据库；2 参数错误。
`

func runAudit(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		fmt.Fprint(stderr, auditUsage)
		return exitOK
	}
	if len(args) > 0 && strings.HasPrefix(args[0], "-") {
		fmt.Fprintf(stderr, "参数错误：不认识的选项 %s（先写操作：verify）\n\n%s", args[0], auditUsage)
		return exitUsage
	}
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintf(stderr, "参数错误：应为 yusuan audit verify\n\n%s", auditUsage)
		return exitUsage
	}
	fs := newFlags("audit", auditUsage, stderr)
	db := fs.String("db", "", "")
	pos, code, ok := parse(fs, args[1:], auditUsage, stderr)
	if !ok {
		return code
	}
	if len(pos) != 0 {
		fmt.Fprintf(stderr, "参数错误：audit verify 不接受其他参数\n\n%s", auditUsage)
		return exitUsage
	}
	ctx, st, done := openInterruptible(databaseOf(*db), stderr)
	if st == nil {
		return exitError
	}
	defer done()
	brk, n, err := st.VerifyAudit(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "无法读取审计日志：%v\n", err)
		return exitError
	}
	if brk != nil {
		fmt.Fprintf(stdout, "审计日志的哈希链在第 %d 条记录处断开：%s。\n", brk.ID, brk.Reason)
		return exitError
	}
	fmt.Fprintf(stdout, "审计日志完整：共 %d 条记录，哈希链逐条校验通过。\n", n)
	return exitOK
}
