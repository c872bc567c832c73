package account

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// PasswordParams are the argon2id parameters of a password hash. They are written
// into each hash (PHC string format), so a change applies to new hashes while old
// ones still verify.
type PasswordParams struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen int // bytes
	KeyLen  int // bytes
}

// DefaultPasswordParams follow OWASP's smallest recommended argon2id setting
// (19 MiB, 2 passes, 1 lane), which keeps a login under a tenth of a second on a
// small server while making each guess cost an attacker the same memory.
var DefaultPasswordParams = PasswordParams{Memory: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// Bounds on passwords and on the parameters a stored hash may ask for, so that a
// crafted hash cannot make verification take all the server's memory.
const (
	MinPasswordRunes = 10
	MaxPasswordBytes = 256
	maxHashMemory    = 1 << 20 // KiB: 1 GiB
	maxHashTime      = 20
)

// ErrBadHash says a stored password hash is not an argon2id PHC string this
// package can verify.
var ErrBadHash = errors.New("account: malformed password hash")

// HashPassword hashes pw with argon2id, a random salt and DefaultPasswordParams,
// and returns the PHC string: $argon2id$v=19$m=…,t=…,p=…$salt$key.
func HashPassword(pw string) (string, error) {
	return HashPasswordWith(pw, DefaultPasswordParams)
}

// HashPasswordWith hashes pw with the given parameters.
func HashPasswordWith(pw string, p PasswordParams) (string, error) {
	if len(pw) > MaxPasswordBytes {
		return "", errors.New("account: password too long")
	}
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(p.KeyLen))
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword reports whether pw matches the PHC string encoded, comparing
// the keys in constant time. It fails only for a hash it cannot read.
func VerifyPassword(pw, encoded string) (bool, error) {
	p, salt, key, err := decodeHash(encoded)
	if err != nil {
		return false, err
	}
	if len(pw) > MaxPasswordBytes {
		return false, nil
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash reports whether encoded was made with other parameters than
// DefaultPasswordParams, so that the caller may store a fresh hash after a
// successful login.
func NeedsRehash(encoded string) bool {
	p, salt, key, err := decodeHash(encoded)
	d := DefaultPasswordParams
	return err != nil || p.Memory != d.Memory || p.Time != d.Time || p.Threads != d.Threads ||
		len(salt) != d.SaltLen || len(key) != d.KeyLen
}

func decodeHash(encoded string) (PasswordParams, []byte, []byte, error) {
	var p PasswordParams
	parts := strings.Split(encoded, "$")
	// "", "argon2id", "v=19", "m=…,t=…,p=…", salt, key
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, ErrBadHash
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, nil, nil, ErrBadHash
	}
	if n, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil || n != 3 {
		return p, nil, nil, ErrBadHash
	}
	if p.Memory < 8 || p.Memory > maxHashMemory || p.Time < 1 || p.Time > maxHashTime || p.Threads < 1 {
		return p, nil, nil, ErrBadHash
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	key, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(salt) < 8 || len(key) < 16 || len(key) > 128 {
		return p, nil, nil, ErrBadHash
	}
	p.SaltLen, p.KeyLen = len(salt), len(key)
	return p, salt, key, nil
}

// CheckPassword says, in Chinese, why pw may not be chosen as the password of
// the account login: too short, too long, one character repeated, or the login
// itself. It returns nil for an acceptable password.
func CheckPassword(pw, login string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case !utf8.ValidString(pw):
		return errors.New("密码含有无法识别的字符")
	case n < MinPasswordRunes:
		return fmt.Errorf("密码太短：至少 %d 个字符，实为 %d 个", MinPasswordRunes, n)
	case len(pw) > MaxPasswordBytes:
		return fmt.Errorf("密码太长：最多 %d 个字节", MaxPasswordBytes)
	case strings.TrimSpace(pw) != pw:
		return errors.New("密码的开头或结尾不能是空格")
	case strings.Count(pw, string([]rune(pw)[:1])) == n:
		return errors.New("密码不能由同一个字符重复组成")
	case login != "" && strings.Contains(strings.ToLower(pw), strings.ToLower(login)):
		return errors.New("密码不能包含登录名")
	}
	for _, r := range pw {
		if unicode.IsControl(r) {
			return errors.New("密码不能含有控制字符")
		}
	}
	return nil
}

// passwordAlphabet leaves out letters and digits that read alike (0 O o, 1 l I).
const passwordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// GeneratePassword returns a random password of 16 characters (about 93 bits),
// for an account whose password the administrator does not choose.
func GeneratePassword() string {
	b := make([]byte, 16)
	for i := range b {
		b[i] = passwordAlphabet[randIndex(len(passwordAlphabet))]
	}
	return string(b)
}

// randIndex returns a uniform random index below n (n ≤ 256) by rejection.
func randIndex(n int) int {
	limit := 256 - 256%n
	var b [1]byte
	for {
		if _, err := rand.Read(b[:]); err != nil {
			panic(err) // crypto/rand never fails on supported systems
		}
		if int(b[0]) < limit {
			return int(b[0]) % n
		}
	}
}

// CheckLogin says, in Chinese, why s may not be a login: logins are 2 to 32
// lowercase letters, digits, dots, hyphens and underscores, beginning with a
// letter or digit, so that they read the same in every log and URL.
func CheckLogin(s string) error {
	if n := len(s); n < 2 || n > 32 {
		return fmt.Errorf("登录名“%s”应为 2 到 32 个字符", truncateRunes(s, 40))
	}
	for i, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || i > 0 && (r == '.' || r == '-' || r == '_')
		if !ok {
			return fmt.Errorf("登录名“%s”只能由小写英文字母、数字和 . - _ 组成，且以字母或数字开头", truncateRunes(s, 40))
		}
	}
	return nil
}

// Check says, in Chinese, what is wrong with u as an account to store: its login,
// name, role, and whether its department matches its role.
func (u User) Check() error {
	if err := CheckLogin(u.Login); err != nil {
		return err
	}
	name := strings.TrimSpace(u.Name)
	switch {
	case name == "":
		return errors.New("姓名不能为空")
	case utf8.RuneCountInString(name) > 50:
		return errors.New("姓名最多 50 个字")
	case !u.Role.Valid():
		_, err := ParseRole(string(u.Role))
		return err
	case u.RegionID == 0:
		return errors.New("账号必须属于一个地区")
	case u.Role.DepartmentScoped() && u.DepartmentID == 0:
		return fmt.Errorf("%s必须属于一个部门", u.Role.Label())
	case !u.Role.DepartmentScoped() && u.DepartmentID != 0:
		return fmt.Errorf("%s面向全地区，不属于某个部门", u.Role.Label())
	case u.Unit != "" && u.Role != Preparer:
		return errors.New("只有单位填报人可以指定单位")
	case utf8.RuneCountInString(u.Unit) > 100:
		return errors.New("单位名称最多 100 个字")
	}
	return nil
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
