// Package logging builds the JSON slog logger every service uses and carries
// request-scoped identifiers (request id, W3C trace id) through contexts so
// that every log line written with a request's context can be correlated
// with the gateway's access log and the sidecars' traces.
package logging

import (
	"context"
	"io"
	"log/slog"
	"strings"
)

type ctxKey int

const (
	requestIDKey ctxKey = iota
	traceParentKey
	userIDKey
)

// New returns a JSON logger tagged with the service name and version.
func New(w io.Writer, service, version, level string) *slog.Logger {
	h := slog.NewJSONHandler(w, &slog.HandlerOptions{Level: ParseLevel(level)})
	return slog.New(contextHandler{h}).With("service", service, "version", version)
}

// ParseLevel maps debug|info|warn|error to a slog level (info otherwise).
func ParseLevel(level string) slog.Level {
	switch strings.ToLower(level) {
	case "debug":
		return slog.LevelDebug
	case "warn", "warning":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	default:
		return slog.LevelInfo
	}
}

// WithRequestID stores the request id in ctx.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey, id)
}

// RequestID returns the request id stored in ctx, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// WithTraceParent stores the W3C traceparent header value in ctx.
func WithTraceParent(ctx context.Context, tp string) context.Context {
	return context.WithValue(ctx, traceParentKey, tp)
}

// TraceParent returns the W3C traceparent stored in ctx, or "".
func TraceParent(ctx context.Context) string {
	tp, _ := ctx.Value(traceParentKey).(string)
	return tp
}

// TraceID extracts the 32-hex trace id from a traceparent
// ("00-<trace-id>-<span-id>-<flags>"), or "" when malformed.
func TraceID(traceparent string) string {
	parts := strings.Split(traceparent, "-")
	if len(parts) != 4 || len(parts[1]) != 32 {
		return ""
	}
	return parts[1]
}

// WithUserID stores the authenticated user's id so log lines name the actor.
func WithUserID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, userIDKey, id)
}

// contextHandler adds the identifiers found in the record's context.
type contextHandler struct{ slog.Handler }

func (h contextHandler) Handle(ctx context.Context, r slog.Record) error {
	if id := RequestID(ctx); id != "" {
		r.AddAttrs(slog.String("request_id", id))
	}
	if tid := TraceID(TraceParent(ctx)); tid != "" {
		r.AddAttrs(slog.String("trace_id", tid))
	}
	if uid, _ := ctx.Value(userIDKey).(string); uid != "" {
		r.AddAttrs(slog.String("user_id", uid))
	}
	return h.Handler.Handle(ctx, r)
}

func (h contextHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return contextHandler{h.Handler.WithAttrs(attrs)}
}

func (h contextHandler) WithGroup(name string) slog.Handler {
	return contextHandler{h.Handler.WithGroup(name)}
}
