// Package apperr defines the typed errors every layer returns and the one
// place where they become HTTP: a kind picks the status, a stable code tells
// clients what happened, and the message is for humans.
//
// JSON shape: {"error": {"code": "email_taken", "message": "...", "details": {...}}}
package apperr

import (
	"errors"
	"net/http"
	"time"
)

// Kind classifies an error by what the caller can do about it.
type Kind int

const (
	KindInternal Kind = iota
	KindInvalid
	KindUnauthenticated
	KindForbidden
	KindNotFound
	KindConflict
	KindGone
	KindPreconditionFailed
	KindTooLarge
	KindUnsupportedMediaType
	KindTooManyRequests
	KindUnavailable
)

var statusOf = map[Kind]int{
	KindInternal:             http.StatusInternalServerError,
	KindInvalid:              http.StatusBadRequest,
	KindUnauthenticated:      http.StatusUnauthorized,
	KindForbidden:            http.StatusForbidden,
	KindNotFound:             http.StatusNotFound,
	KindConflict:             http.StatusConflict,
	KindGone:                 http.StatusGone,
	KindPreconditionFailed:   http.StatusPreconditionFailed,
	KindTooLarge:             http.StatusRequestEntityTooLarge,
	KindUnsupportedMediaType: http.StatusUnsupportedMediaType,
	KindTooManyRequests:      http.StatusTooManyRequests,
	KindUnavailable:          http.StatusServiceUnavailable,
}

// Error is a domain error with a stable, machine-readable code.
type Error struct {
	Kind    Kind
	Code    string
	Message string
	Details map[string]any
	// RetryAfter, when set on a rate-limit or unavailable error, becomes the
	// Retry-After response header.
	RetryAfter time.Duration
	Err        error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Code + ": " + e.Message + ": " + e.Err.Error()
	}
	return e.Code + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is match two errors of the same code.
func (e *Error) Is(target error) bool {
	var t *Error
	return errors.As(target, &t) && t.Code == e.Code
}

// WithDetails returns a copy carrying structured details (e.g. field errors).
func (e *Error) WithDetails(details map[string]any) *Error {
	c := *e
	c.Details = details
	return &c
}

// New returns an error of the given kind and code.
func New(kind Kind, code, message string) *Error {
	return &Error{Kind: kind, Code: code, Message: message}
}

// Wrap returns an error of the given kind and code that wraps cause.
func Wrap(cause error, kind Kind, code, message string) *Error {
	return &Error{Kind: kind, Code: code, Message: message, Err: cause}
}

// Convenience constructors for the common kinds.
func Invalid(code, message string) *Error   { return New(KindInvalid, code, message) }
func NotFound(code, message string) *Error  { return New(KindNotFound, code, message) }
func Conflict(code, message string) *Error  { return New(KindConflict, code, message) }
func Forbidden(code, message string) *Error { return New(KindForbidden, code, message) }
func Unauthenticated(code, message string) *Error {
	return New(KindUnauthenticated, code, message)
}

// Body is the JSON error document.
type Body struct {
	Error BodyError `json:"error"`
}

// BodyError is the inner object of Body.
type BodyError struct {
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Details map[string]any `json:"details,omitempty"`
}

// HTTP maps any error to a status and body. Errors that are not *Error are
// internal: their text is not shown to clients.
func HTTP(err error) (int, Body) {
	var e *Error
	if !errors.As(err, &e) {
		return http.StatusInternalServerError, Body{BodyError{Code: "internal", Message: "internal server error"}}
	}
	status, ok := statusOf[e.Kind]
	if !ok {
		status = http.StatusInternalServerError
	}
	msg := e.Message
	if e.Kind == KindInternal {
		msg = "internal server error"
	}
	return status, Body{BodyError{Code: e.Code, Message: msg, Details: e.Details}}
}
