package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"yusuan/web"
	"yusuan/web/work"
)

const serveUsage = `用法：yusuan serve [--addr 地址:端口] [--work-addr 地址:端口] [--db 数据库] [--region 地区] [--demo]

启动部门预算公开门户：首页、部门、公开文件（文字、表格、图表、下载、核对结果）、
年度和部门比较、地区汇总、搜索、批量数据下载和只读 JSON 接口（/api/openapi.json）。
门户只读，不能通过网页修改任何数据；数据用 yusuan import 导入。
同一地址的 /work/ 下是预算编制与公开工作区（须登录，账号用 yusuan user add 创建）；
用 --work-addr 把工作区放到单独的地址（如只在内网监听），此时公开地址不再提供 /work/。
按 Ctrl+C 停止（正在处理的请求会先完成）。

选项：
  --addr 地址      监听地址，默认 127.0.0.1:8080（对外提供服务用 :8080）
  --work-addr 地址 工作区单独的监听地址，如 127.0.0.1:8081；不设时工作区与门户同一地址（/work/）
  --secure-cookies 工作区的登录 Cookie 一律标记 Secure（经 HTTPS 反向代理提供服务时使用；
                   直接经 TLS 的请求总是如此）
  --trusted-proxy 网段 在反向代理之后运行时，代理的地址或网段（CIDR，多个用逗号分隔，如
                   127.0.0.1,10.0.0.0/8）：只有来自这些地址的请求才采信 X-Forwarded-For，
                   取其中最右边一个不属于这些网段的地址作为访问者地址（用于登录限制和审计日志）；
                   不设时一律取 TCP 连接的对端地址，忽略 X-Forwarded-For
  --db 数据库      SQLite 数据库文件或 postgres:// 连接地址；
                   默认取环境变量 YUSUAN_DB，未设置时为当前目录下的 yusuan.db
  --region 地区    首页默认显示的地区，默认为按名称排序的第一个
  --demo           演示门户：使用 yusuan-demo.db（或 --db 指定的 SQLite 文件），文件不存在时先导入
                   深圳市 2026 年 8 个部门公开的部门预算（从程序内置的 PDF 原文件读取，可下载原文件）、
                   两个真实示例（深圳市龙岗区政务服务数据管理局 2024 年、上海市普陀区商务委员会 2025 年）
                   和虚拟示例区（60 个部门、3 年，标记为虚拟数据），首页先显示深圳市；
                   已有的演示数据库缺少内置的公开预算时补充导入；
                   首次约需 1 分钟，须在仓库根目录运行
`

// Timeouts of the HTTP server: a slow client cannot hold a connection open, and a
// response, bulk downloads included, cannot run forever.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	bulkTimeout       = 5 * time.Minute
	writeTimeout      = bulkTimeout + 30*time.Second
	idleTimeout       = 2 * time.Minute
	shutdownTimeout   = 20 * time.Second
	maxHeaderBytes    = 16 << 10
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", serveUsage, stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "")
	workAddr := fs.String("work-addr", "", "")
	secureCookies := fs.Bool("secure-cookies", false, "")
	trustedProxy := fs.String("trusted-proxy", "", "")
	db := fs.String("db", "", "")
	region := fs.String("region", "", "")
	demoMode := fs.Bool("demo", false, "")
	pos, code, ok := parse(fs, args, serveUsage, stderr)
	if !ok {
		return code
	}
	if len(pos) != 0 {
		fmt.Fprintf(stderr, "参数错误：serve 不接受文件参数\n\n%s", serveUsage)
		return exitUsage
	}
	proxies, err := work.ParseTrustedProxies(*trustedProxy)
	if err != nil {
		fmt.Fprintf(stderr, "参数错误：--trusted-proxy %v\n", err)
		return exitUsage
	}
	dsn := *db
	if dsn == "" && *demoMode {
		dsn = demoDB
	}
	dsn = databaseOf(dsn)
	log := slog.New(slog.NewTextHandler(stderr, nil))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *demoMode {
		if err := prepareDemo(ctx, dsn, stdout, stderr); err != nil {
			fmt.Fprintf(stderr, "无法准备演示数据库：%v\n", err)
			return exitError
		}
		if *region == "" {
			*region = demoRegion
		}
	}
	st := openStore(ctx, dsn, stderr)
	if st == nil {
		return exitError
	}
	defer st.Close()

	portal := web.New(st, web.Options{Region: *region, BulkTimeout: bulkTimeout, Logger: log})
	workArea := work.New(st, work.Options{Logger: log, SecureCookies: *secureCookies, TrustedProxies: proxies})
	publicHandler, workHandler := serveHandlers(portal, workArea, *workAddr != "")
	listeners := []struct {
		addr    string
		handler http.Handler
		what    string
	}{{*addr, publicHandler, "门户已启动"}}
	if *workAddr != "" {
		listeners = append(listeners, struct {
			addr    string
			handler http.Handler
			what    string
		}{*workAddr, workHandler, "工作区已启动"})
	}
	var servers []*http.Server
	errc := make(chan error, len(listeners))
	for _, l := range listeners {
		ln, err := net.Listen("tcp", l.addr)
		if err != nil {
			fmt.Fprintf(stderr, "无法监听 %s：%v\n", l.addr, err)
			for _, srv := range servers {
				srv.Close()
			}
			return exitError
		}
		srv := &http.Server{
			Handler:           l.handler,
			ReadHeaderTimeout: readHeaderTimeout,
			ReadTimeout:       readTimeout,
			WriteTimeout:      writeTimeout,
			IdleTimeout:       idleTimeout,
			MaxHeaderBytes:    maxHeaderBytes,
			ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		}
		servers = append(servers, srv)
		fmt.Fprintf(stdout, "%s：http://%s/（数据库 %s）\n", l.what, ln.Addr(), redact(dsn))
		if *workAddr == "" {
			fmt.Fprintf(stdout, "工作区：http://%s/work/\n", ln.Addr())
		}
		log.Info("serving", "addr", ln.Addr().String(), "db", st.Dialect())
		go func() { errc <- srv.Serve(ln) }()
	}
	select {
	case err := <-errc:
		log.Error("server stopped", "err", err)
		for _, srv := range servers {
			srv.Close()
		}
		return exitError
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	status := exitOK
	for _, srv := range servers {
		if err := srv.Shutdown(sctx); err != nil {
			log.Error("shutdown", "err", err)
			status = exitError
		}
	}
	for range servers {
		if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("server", "err", err)
			status = exitError
		}
	}
	return status
}

// serveHandlers returns the handlers of the public address and, when the work
// area has an address of its own (separate), of that address. Together, the
// work area answers under /work/ and the portal everything else. Apart, the
// public address is the portal alone, which knows nothing of /work/ and answers
// it 404; the work address serves the work area, the portal's static files its
// pages link to, and a redirect to /work/ from its root.
func serveHandlers(portal, workArea http.Handler, separate bool) (public, workOnly http.Handler) {
	if !separate {
		mux := http.NewServeMux()
		mux.Handle(work.Prefix, workArea)
		mux.Handle("/", portal)
		return mux, nil
	}
	mux := http.NewServeMux()
	mux.Handle(work.Prefix, workArea)
	mux.Handle("GET /static/", portal)
	mux.Handle("GET /{$}", http.RedirectHandler(work.Prefix, http.StatusSeeOther))
	mux.Handle("/", http.NotFoundHandler())
	return portal, mux
}
