package httpserver

import (
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/platform/logging"
	"github.com/taskrocket/taskrocket/services/platform/metrics"
)

// HeaderRequestID carries the request id end to end (gateway → sidecar → app).
const HeaderRequestID = "X-Request-ID"

// Incoming request ids are accepted only when they look like ids, so a
// client cannot inject log content through the header.
var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{8,128}$`)

// requestContext puts the request id and W3C traceparent into the request
// context (for logs and outgoing calls) and echoes the id in the response.
func requestContext() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader(HeaderRequestID)
		if !validRequestID.MatchString(id) {
			id = uuid.NewString()
			c.Request.Header.Set(HeaderRequestID, id)
		}
		ctx := logging.WithRequestID(c.Request.Context(), id)
		if tp := c.GetHeader("traceparent"); tp != "" {
			ctx = logging.WithTraceParent(ctx, tp)
		}
		c.Request = c.Request.WithContext(ctx)
		c.Header(HeaderRequestID, id)
		c.Next()
	}
}

// recoverJSON turns a panic into a logged, JSON-shaped 500.
func recoverJSON(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				log.ErrorContext(c.Request.Context(), "panic while handling request",
					"panic", r, "path", c.Request.URL.Path, "stack", string(debug.Stack()))
				if !c.Writer.Written() {
					writeError(c, http.StatusInternalServerError, "internal", "internal server error")
				}
				c.Abort()
			}
		}()
		c.Next()
	}
}

// accessLog writes one line per request (probes and scrapes at debug level)
// and feeds the request duration histogram.
func accessLog(log *slog.Logger, reg *metrics.Registry) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		elapsed := time.Since(start)
		status := c.Writer.Status()
		route := c.FullPath()
		if reg != nil {
			reg.ObserveRequest(c.Request.Method, route, status, elapsed)
		}
		level := slog.LevelInfo
		switch {
		case route == "/healthz" || route == "/readyz" || route == "/metrics":
			level = slog.LevelDebug // probes: their failures show in /readyz itself
		case status >= 500:
			level = slog.LevelError
		}
		log.Log(c.Request.Context(), level, "http request",
			"method", c.Request.Method, "path", c.Request.URL.Path, "route", route,
			"status", status, "duration_ms", float64(elapsed.Microseconds())/1000,
			"bytes", c.Writer.Size(), "remote", c.ClientIP())
	}
}

// limitBody caps request bodies; reading past the cap fails with
// *http.MaxBytesError, which BindJSON reports as 413 body_too_large.
func limitBody(limit int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.ContentLength > limit {
			writeError(c, http.StatusRequestEntityTooLarge, "body_too_large", "request body is larger than the limit")
			c.Abort()
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
		c.Next()
	}
}
