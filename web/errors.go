package web

import (
	"context"
	"errors"
	"net/http"

	"yusuan/store"
)

// Error codes, mapped to HTTP statuses in one place (status) whatever page or API
// call they come from.
const (
	ENotFound = "not_found"
	EInvalid  = "invalid"
	ETimeout  = "timeout"
	EBusy     = "busy"
	EInternal = "internal"
)

// Error is an error a visitor may read: a code and a Chinese message.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return "web: " + e.Code + ": " + e.Message }

var errNotFound = &Error{ENotFound, "页面不存在"}

func invalidf(msg string) error { return &Error{EInvalid, msg} }

func notFoundf(msg string) error { return &Error{ENotFound, msg} }

// classify turns any error into a visitor's Error: store errors by their kind,
// deadlines as timeouts, anything else as internal (its text stays in the log).
func classify(err error) *Error {
	var e *Error
	switch {
	case errors.As(err, &e):
		return e
	case errors.Is(err, store.ErrNotFound):
		return &Error{ENotFound, "所查找的内容不存在"}
	case errors.Is(err, store.ErrInvalid):
		return &Error{EInvalid, "请求的参数不正确"}
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{ETimeout, "查询超时，请缩小查询范围后重试"}
	}
	return &Error{EInternal, "服务器内部错误，请稍后再试"}
}

func status(code string) int {
	switch code {
	case ENotFound:
		return http.StatusNotFound
	case EInvalid:
		return http.StatusBadRequest
	case ETimeout:
		return http.StatusServiceUnavailable
	case EBusy:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// title is the heading of an error page.
func title(code string) string {
	switch code {
	case ENotFound:
		return "页面不存在"
	case EInvalid:
		return "请求有误"
	case ETimeout:
		return "查询超时"
	case EBusy:
		return "服务繁忙"
	}
	return "服务器错误"
}
