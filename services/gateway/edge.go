package main

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
)

// cors answers preflight requests and adds CORS headers for the allowed
// origins (the UI's dev server, other front ends). The same-origin UI
// served by the gateway needs none of it.
func cors(origins []string) gin.HandlerFunc {
	return func(c *gin.Context) {
		origin := c.GetHeader("Origin")
		if origin == "" || !slices.Contains(origins, origin) {
			if c.Request.Method == http.MethodOptions && origin != "" {
				fail(c, apperr.Forbidden("origin_not_allowed", "cross-origin requests from "+origin+" are not allowed"))
				return
			}
			c.Next()
			return
		}
		h := c.Writer.Header()
		h.Set("Access-Control-Allow-Origin", origin)
		h.Add("Vary", "Origin")
		h.Set("Access-Control-Expose-Headers", "ETag, Location, Retry-After, X-Request-ID, X-Next-Cursor")
		if c.Request.Method == http.MethodOptions {
			h.Set("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE")
			h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, If-Match, X-Request-ID")
			h.Set("Access-Control-Max-Age", "600")
			c.AbortWithStatus(http.StatusNoContent)
			return
		}
		c.Next()
	}
}

// securityHeaders sets the response headers every browser-facing response
// should carry.
func securityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		c.Next()
	}
}

// limiter is a token bucket per client address. Idle buckets are evicted so
// memory stays bounded under address churn.
type limiter struct {
	rps   rate.Limit
	burst int

	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiter(rps float64, burst int) *limiter {
	return &limiter{rps: rate.Limit(rps), burst: burst, buckets: map[string]*bucket{}, swept: time.Now()}
}

func (l *limiter) middleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		if l.rps <= 0 || !strings.HasPrefix(c.Request.URL.Path, "/api/") {
			c.Next()
			return
		}
		res := l.reserve(c.ClientIP(), time.Now())
		if !res.OK() || res.Delay() > 0 {
			wait := res.Delay()
			res.Cancel()
			c.Header("Retry-After", strconv.Itoa(max(1, int(math.Ceil(wait.Seconds())))))
			fail(c, apperr.New(apperr.KindTooManyRequests, "rate_limited", "too many requests; slow down"))
			return
		}
		c.Next()
	}
}

func (l *limiter) reserve(key string, now time.Time) *rate.Reservation {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > time.Minute {
		for k, b := range l.buckets {
			if now.Sub(b.seen) > 10*time.Minute {
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(l.rps, l.burst)}
		l.buckets[key] = b
	}
	b.seen = now
	return b.lim.ReserveN(now, 1)
}

var (
	errInvalidPath = apperr.Invalid("invalid_path", "the request path contains control characters")
	errDotSegment  = apperr.Invalid("invalid_path", "the request path contains \".\" or \"..\" segments")
)

// rejectControlBytes refuses paths with control characters (%00, %0A,
// %7F, ... once decoded): no route, file or service id contains one, and
// they must not reach logs, the sidecar or the file system. It also
// refuses "." and ".." segments (%2e included): routing reads them as
// names, but a server behind the gateway may resolve them, so
// /api/v1/users/../../internal/... would reach an app's internal routes
// through a public one. Clients remove such segments before sending.
func rejectControlBytes() gin.HandlerFunc {
	return func(c *gin.Context) {
		if strings.ContainsFunc(c.Request.URL.Path, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			fail(c, errInvalidPath)
			return
		}
		for seg := range strings.SplitSeq(c.Request.URL.Path, "/") {
			if seg == "." || seg == ".." {
				fail(c, errDotSegment)
				return
			}
		}
		c.Next()
	}
}

// installEdge sets what every request meets first: whose X-Forwarded-For
// is believed (trusted: IPs or CIDRs; none by default), security headers,
// CORS and the per-client rate limit.
func installEdge(e *gin.Engine, trusted, corsOrigins []string, rps float64, burst int) error {
	if err := e.SetTrustedProxies(trusted); err != nil {
		return fmt.Errorf("GATEWAY_TRUSTED_PROXIES: %w", err)
	}
	e.Use(securityHeaders(), rejectControlBytes(), cors(corsOrigins), newLimiter(rps, burst).middleware())
	return nil
}
