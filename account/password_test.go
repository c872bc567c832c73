package account

import (
	"strings"
	"testing"
)

var fast = PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestPasswordHash(t *testing.T) {
	h, err := HashPassword("Correct-horse-9")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %s does not carry the default parameters", h)
	}
	if ok, err := VerifyPassword("Correct-horse-9", h); !ok || err != nil {
		t.Errorf("the right password: %v, %v", ok, err)
	}
	for _, wrong := range []string{"correct-horse-9", "Correct-horse-", "", strings.Repeat("x", MaxPasswordBytes+1)} {
		if ok, _ := VerifyPassword(wrong, h); ok {
			t.Errorf("%q verifies", wrong)
		}
	}
	if NeedsRehash(h) {
		t.Error("a default hash needs rehashing")
	}
	// Parameters travel in the hash: one made with others still verifies.
	h2, _ := HashPasswordWith("Correct-horse-9", fast)
	h3, _ := HashPasswordWith("Correct-horse-9", fast)
	if h2 == h3 {
		t.Error("two hashes of one password are equal: no salt")
	}
	if ok, err := VerifyPassword("Correct-horse-9", h2); !ok || err != nil || !NeedsRehash(h2) {
		t.Errorf("hash with other parameters: %v, %v, rehash %v", ok, err, NeedsRehash(h2))
	}
	for _, bad := range []string{"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=18$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=64,t=0,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=64,t=1,p=1$!!$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5"} {
		if ok, err := VerifyPassword("x", bad); ok || err != ErrBadHash {
			t.Errorf("VerifyPassword(%q) = %v, %v; want ErrBadHash", bad, ok, err)
		}
	}
}

func TestCheckPassword(t *testing.T) {
	for pw, want := range map[string]string{
		"short":                 "密码太短",
		"aaaaaaaaaaaa":          "同一个字符",
		" leading-space-ok":     "空格",
		"my-wang-password":      "登录名",
		"tab\there-and-more":    "控制字符",
		strings.Repeat("长", 90): "太长",
		"Correct-horse-9":       "",
		"十个汉字的密码也可以用":           "",
	} {
		err := CheckPassword(pw, "Wang")
		switch {
		case want == "" && err != nil:
			t.Errorf("CheckPassword(%q) = %v", pw, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("CheckPassword(%q) = %v, want %q", pw, err, want)
		}
	}
	seen := map[string]bool{}
	for range 50 {
		p := GeneratePassword()
		if len(p) != 16 || strings.ContainsAny(p, "0O1lI") || CheckPassword(p, "") != nil || seen[p] {
			t.Fatalf("GeneratePassword() = %q", p)
		}
		seen[p] = true
	}
}

func TestCheckUser(t *testing.T) {
	ok := User{Login: "wang.wu-2", Name: "王五", Role: Preparer, RegionID: 1, DepartmentID: 2, Unit: "本级"}
	if err := ok.Check(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		mod  func(*User)
		want string
	}{
		{func(u *User) { u.Login = "Wang" }, "小写"},
		{func(u *User) { u.Login = "_wang" }, "开头"},
		{func(u *User) { u.Login = "w" }, "2 到 32"},
		{func(u *User) { u.Name = " " }, "姓名"},
		{func(u *User) { u.Role = "boss" }, "未知的角色"},
		{func(u *User) { u.DepartmentID = 0 }, "必须属于一个部门"},
		{func(u *User) { u.Role = Admin; u.Unit = "" }, "面向全地区"},
		{func(u *User) { u.Role = DeptReviewer }, "只有单位填报人"},
		{func(u *User) { u.RegionID = 0 }, "地区"},
	} {
		u := ok
		c.mod(&u)
		if err := u.Check(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Check(%+v) = %v, want %q", u, err, c.want)
		}
	}
}
