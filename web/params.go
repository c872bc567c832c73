package web

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"yusuan/store"
)

// Bounds on what one request may ask for.
const (
	maxLimit       = 200                  // items of one API page
	maxCompared    = 10                   // departments compared side by side
	maxQueryRunes  = store.MaxSearchRunes // a search query
	maxParamRunes  = 100                  // any other text parameter
	minYear        = 1949
	maxYear        = 2200
	defaultLimit   = 50
	maxSearchLimit = 100
)

// pathID reads the numeric {id} of a path.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound
	}
	return id, nil
}

// intParam reads an optional whole-number parameter within [lo, hi]; 0 when absent.
func intParam(r *http.Request, name, label string, lo, hi int) (int, error) {
	s := strings.TrimSpace(r.URL.Query().Get(name))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, invalidf(label + "应为 " + strconv.Itoa(lo) + " 到 " + strconv.Itoa(hi) + " 之间的整数")
	}
	return n, nil
}

func yearParam(r *http.Request, name string) (int, error) {
	return intParam(r, name, "年度", minYear, maxYear)
}

func idParam(r *http.Request, name string) (int64, error) {
	s := strings.TrimSpace(r.URL.Query().Get(name))
	if s == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, invalidf("编号“" + truncate(s, 20) + "”不正确")
	}
	return id, nil
}

// textParam reads a text parameter of at most maxParamRunes.
func textParam(r *http.Request, name string) (string, error) {
	s := strings.TrimSpace(r.URL.Query().Get(name))
	if utf8.RuneCountInString(s) > maxParamRunes {
		return "", invalidf("参数过长（最多 " + strconv.Itoa(maxParamRunes) + " 个字）")
	}
	return s, nil
}

// limitParam reads limit, at most maxLimit.
func limitParam(r *http.Request, def, hi int) (int, error) {
	n, err := intParam(r, "limit", "limit", 1, hi)
	if err != nil {
		return 0, err
	}
	if n == 0 {
		n = def
	}
	return n, nil
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
