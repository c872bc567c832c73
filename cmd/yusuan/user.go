package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	osuser "os/user"
	"strings"
	"text/tabwriter"
	"time"

	"yusuan/account"
	"yusuan/store"
)

const userUsage = `用法：yusuan user <操作> [参数]

管理工作区（/work/）的本地账号。每项操作都记入审计日志（操作人记为 cli:操作系统用户名）。

操作：
  add <登录名> --name 姓名 --role 角色 --region 地区 [--department 部门] [--unit 单位] [--password-stdin]
        新建账号。角色可写标识或中文名：
          preparer 单位填报人、dept_reviewer 部门审核人（须指定 --department），
          bureau_reviewer 财政局审核人、publisher 公开发布人、admin 管理员（面向全地区）。
        --department 写部门名称或编码（部门须已在数据库中：导入其预算后自动出现，
        或由管理员在工作区“账号管理”页面添加）；
        --unit 只用于单位填报人，限定其填报的单位。地区不存在时新建。
  list [--region 地区]
        列出账号（登录名、姓名、角色、地区、部门、单位、状态）。
  disable <登录名>    停用账号，并结束其全部登录会话。
  enable <登录名>     重新启用账号。
  reset <登录名> [--password-stdin]
        重置密码，同时解除因多次输错密码造成的锁定，并结束其全部登录会话。

密码：加 --password-stdin 时从标准输入读取第一行（至少 10 个字符）；
否则自动生成一个随机密码，只显示这一次。

公共选项：
  --db 数据库      SQLite 数据库文件（不存在时自动创建）或 postgres:// 连接地址；
                   默认取环境变量 YUSUAN_DB，未设置时为当前目录下的 yusuan.db

退出码：0 成功；1 操作失败（账号不存在、登录名已被使用、部门不存在等）；2 参数错误。

示例：
  yusuan user add admin --name 张三 --role 管理员 --region 深圳市龙岗区
  echo '一个足够长的密码' | yusuan user add wang --name 王五 --role 单位填报人 --region 深圳市龙岗区 --department 深圳市龙岗区财政局 --password-stdin
  yusuan user list --region 深圳市龙岗区
`

func runUser(args []string, stdout, stderr io.Writer) int {
	return runUserWith(args, os.Stdin, stdout, stderr)
}

// runUserWith is runUser reading passwords from stdin, for tests.
func runUserWith(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, userUsage)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	op := args[0]
	if strings.HasPrefix(op, "-") {
		fmt.Fprintf(stderr, "参数错误：不认识的选项 %s（先写操作：add、list、disable、enable 或 reset）\n\n%s", op, userUsage)
		return exitUsage
	}
	fs := newFlags("user", userUsage, stderr)
	db := fs.String("db", "", "")
	region := fs.String("region", "", "")
	var name, role, dept, unit *string
	var pwStdin *bool
	switch op {
	case "add":
		name, role = fs.String("name", "", ""), fs.String("role", "", "")
		dept, unit = fs.String("department", "", ""), fs.String("unit", "", "")
		pwStdin = fs.Bool("password-stdin", false, "")
	case "reset":
		pwStdin = fs.Bool("password-stdin", false, "")
	case "list", "disable", "enable":
	default:
		fmt.Fprintf(stderr, "参数错误：未知的操作“%s”，应为 add、list、disable、enable 或 reset\n\n%s", op, userUsage)
		return exitUsage
	}
	pos, code, ok := parse(fs, args[1:], userUsage, stderr)
	if !ok {
		return code
	}
	wantPos := 1
	if op == "list" {
		wantPos = 0
	}
	if len(pos) != wantPos {
		if wantPos == 0 {
			fmt.Fprintf(stderr, "参数错误：user list 不接受其他参数\n\n%s", userUsage)
		} else {
			fmt.Fprintf(stderr, "参数错误：user %s 需要一个登录名\n\n%s", op, userUsage)
		}
		return exitUsage
	}
	if op != "list" && *region != "" && op != "add" {
		fmt.Fprintf(stderr, "参数错误：user %s 不用 --region\n\n%s", op, userUsage)
		return exitUsage
	}
	var login string
	if wantPos == 1 {
		login = strings.TrimSpace(pos[0])
		if op == "add" {
			if err := account.CheckLogin(login); err != nil {
				fmt.Fprintf(stderr, "参数错误：%v\n", err)
				return exitUsage
			}
		}
	}

	ctx, st, done := openInterruptible(databaseOf(*db), stderr)
	if st == nil {
		return exitError
	}
	defer done()
	actor := cliActor()
	now := time.Now()

	switch op {
	case "add":
		return userAdd(ctx, st, actor, login, *name, *role, *region, *dept, *unit, *pwStdin, stdin, stdout, stderr, now)
	case "list":
		return userList(ctx, st, *region, stdout, stderr)
	}
	u, err := st.UserByLogin(ctx, strings.ToLower(login))
	if errors.Is(err, store.ErrNotFound) {
		fmt.Fprintf(stderr, "没有登录名为“%s”的账号。用 yusuan user list 查看全部账号。\n", login)
		return exitError
	}
	if err != nil {
		fmt.Fprintf(stderr, "无法读取账号：%v\n", err)
		return exitError
	}
	switch op {
	case "disable", "enable":
		if err := st.SetDisabled(ctx, actor, u.ID, op == "disable", now); err != nil {
			fmt.Fprintf(stderr, "操作失败：%v\n", err)
			return exitError
		}
		if op == "disable" {
			fmt.Fprintf(stdout, "已停用账号 %s（%s），其登录会话已全部结束。\n", u.Login, u.Name)
		} else {
			fmt.Fprintf(stdout, "已启用账号 %s（%s）。\n", u.Login, u.Name)
		}
		return exitOK
	}
	// reset
	pw, generated, err := readPassword(*pwStdin, stdin, u.Login)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitError
	}
	hash, err := account.HashPassword(pw)
	if err != nil {
		fmt.Fprintf(stderr, "操作失败：%v\n", err)
		return exitError
	}
	if err := st.ResetPassword(ctx, actor, u.ID, hash, now); err != nil {
		fmt.Fprintf(stderr, "操作失败：%v\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "已重置账号 %s（%s）的密码，解除锁定并结束其全部登录会话。\n", u.Login, u.Name)
	if generated {
		fmt.Fprintf(stdout, "新密码（只显示这一次）：%s\n", pw)
	}
	return exitOK
}

func userAdd(ctx context.Context, st *store.Store, actor account.Actor, login, name, roleText, region, dept, unit string,
	pwStdin bool, stdin io.Reader, stdout, stderr io.Writer, now time.Time) int {
	role, err := account.ParseRole(roleText)
	if roleText == "" {
		err = errors.New("需要 --role 角色")
	}
	if err != nil {
		fmt.Fprintf(stderr, "参数错误：%v\n", err)
		return exitUsage
	}
	region = strings.TrimSpace(region)
	if region == "" {
		fmt.Fprintf(stderr, "参数错误：需要 --region 地区\n\n%s", userUsage)
		return exitUsage
	}
	if role.DepartmentScoped() && strings.TrimSpace(dept) == "" {
		fmt.Fprintf(stderr, "参数错误：%s须用 --department 指定部门\n", role.Label())
		return exitUsage
	}
	if !role.DepartmentScoped() && strings.TrimSpace(dept) != "" {
		fmt.Fprintf(stderr, "参数错误：%s面向全地区，不指定 --department\n", role.Label())
		return exitUsage
	}
	u := account.User{Login: login, Name: strings.TrimSpace(name), Role: role, Unit: strings.TrimSpace(unit)}
	// Everything about the account is checked before the database changes.
	u.RegionID = 1 // checked for real below; Check needs a region
	if role.DepartmentScoped() {
		u.DepartmentID = 1
	}
	if err := u.Check(); err != nil {
		fmt.Fprintf(stderr, "参数错误：%v\n", err)
		return exitUsage
	}
	pw, generated, err := readPassword(pwStdin, stdin, login)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitError
	}
	_, err = st.RegionByName(ctx, region)
	newRegion := errors.Is(err, store.ErrNotFound)
	if err != nil && !newRegion {
		fmt.Fprintf(stderr, "无法读取地区：%v\n", err)
		return exitError
	}
	u.DepartmentID = 0
	if role.DepartmentScoped() {
		if newRegion {
			fmt.Fprintf(stderr, "地区“%s”还没有任何部门。请先用 yusuan import 导入该地区部门的预算数据。\n", region)
			return exitError
		}
		depts, err := st.WorkDepartments(ctx, region)
		if err != nil {
			fmt.Fprintf(stderr, "无法读取部门：%v\n", err)
			return exitError
		}
		want := strings.TrimSpace(dept)
		var names []string
		for _, d := range depts {
			if d.Name == want || d.Code != "" && d.Code == want {
				u.DepartmentID = d.ID
				break
			}
			names = append(names, d.Name)
		}
		if u.DepartmentID == 0 {
			if len(names) > 8 {
				names = append(names[:8], "……")
			}
			fmt.Fprintf(stderr, "地区“%s”没有名称或编码为“%s”的部门。已有的部门：%s\n", region, want, strings.Join(names, "、"))
			return exitError
		}
	}
	if u.RegionID, err = st.EnsureRegion(ctx, region); err != nil {
		fmt.Fprintf(stderr, "操作失败：%v\n", err)
		return exitError
	}
	hash, err := account.HashPassword(pw)
	if err != nil {
		fmt.Fprintf(stderr, "操作失败：%v\n", err)
		return exitError
	}
	if _, err := st.CreateUser(ctx, actor, u, hash, now); err != nil {
		if errors.Is(err, store.ErrLoginTaken) {
			fmt.Fprintf(stderr, "登录名“%s”已被使用，请换一个。\n", login)
		} else {
			fmt.Fprintf(stderr, "操作失败：%v\n", err)
		}
		return exitError
	}
	if newRegion {
		fmt.Fprintf(stdout, "已新建地区 %s。\n", region)
	}
	fmt.Fprintf(stdout, "已新建账号 %s（%s，%s，%s）。\n", login, u.Name, role.Label(), region)
	if generated {
		fmt.Fprintf(stdout, "初始密码（只显示这一次）：%s\n", pw)
	}
	return exitOK
}

func userList(ctx context.Context, st *store.Store, region string, stdout, stderr io.Writer) int {
	var f store.UserFilter
	if region = strings.TrimSpace(region); region != "" {
		id, err := st.RegionByName(ctx, region)
		if errors.Is(err, store.ErrNotFound) {
			fmt.Fprintf(stderr, "没有名为“%s”的地区。\n", region)
			return exitError
		}
		if err != nil {
			fmt.Fprintf(stderr, "无法读取地区：%v\n", err)
			return exitError
		}
		f.RegionID = id
	}
	users, err := st.Users(ctx, f)
	if err != nil {
		fmt.Fprintf(stderr, "无法读取账号：%v\n", err)
		return exitError
	}
	if len(users) == 0 {
		fmt.Fprintln(stdout, "还没有账号。用 yusuan user add 新建。")
		return exitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "登录名\t姓名\t角色\t地区\t部门\t单位\t状态")
	now := time.Now()
	for _, u := range users {
		status := "启用"
		switch {
		case u.Disabled:
			status = "已停用"
		case u.Locked(now):
			status = "已锁定至 " + u.LockedUntil.Local().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", u.Login, u.Name, u.Role.Label(), u.Region, dash(u.Department), dash(u.Unit), status)
	}
	tw.Flush()
	fmt.Fprintf(stdout, "共 %d 个账号。\n", len(users))
	return exitOK
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// readPassword reads the password from the first line of stdin, or generates one.
func readPassword(fromStdin bool, stdin io.Reader, login string) (pw string, generated bool, err error) {
	if !fromStdin {
		return account.GeneratePassword(), true, nil
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, account.MaxPasswordBytes+2)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", false, fmt.Errorf("无法从标准输入读取密码：%v", err)
	}
	pw = strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", false, errors.New("标准输入中没有密码（--password-stdin 读取第一行）")
	}
	if err := account.CheckPassword(pw, login); err != nil {
		return "", false, err
	}
	return pw, false, nil
}

// cliActor is who acts from the command line, as the audit log records it: "cli:"
// and the operating system's user.
func cliActor() account.Actor {
	name := os.Getenv("USER")
	if u, err := osuser.Current(); err == nil && u.Username != "" {
		name = u.Username
	}
	if name == "" {
		name = "unknown"
	}
	return account.Actor{User: account.User{Login: "cli:" + name}, Address: "本机命令行"}
}
