// Command gateway is TaskRocket's edge: it routes /api/v1 requests to the
// owning service through Dapr service invocation, checks access tokens
// before routing, applies CORS and per-client rate limits, reports the
// status of every service, and serves the built UI.
package main

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/service"
)

type config struct {
	Port            int           `env:"PORT" default:"8080"`
	UIDir           string        `env:"UI_DIR"`
	CORSOrigins     []string      `env:"CORS_ORIGINS" default:"http://localhost:4200,http://127.0.0.1:4200"`
	RateLimitRPS    float64       `env:"RATE_LIMIT_RPS" default:"100"`
	RateLimitBurst  int           `env:"RATE_LIMIT_BURST" default:"200"`
	UpstreamTimeout time.Duration `env:"UPSTREAM_TIMEOUT" default:"30s"`
	// SessionMaxAge is how long an "active" answer of auth about a login
	// is used without asking again; revocations arrive as events meanwhile.
	SessionMaxAge time.Duration `env:"SESSION_MAX_AGE" default:"10m"`
	// TrustedProxies are the addresses (IPs or CIDRs) whose X-Forwarded-For
	// the gateway believes, e.g. the mesh's ingress proxy. Empty: none; the
	// client address is the connection's peer, so a client cannot pick the
	// address its rate limit and login throttling are counted against.
	TrustedProxies []string `env:"TRUSTED_PROXIES"`
	Auth           authn.Config
}

func main() {
	service.Main(service.Spec{Name: "gateway", Serve: serve})
}

func serve(ctx context.Context, rt *service.Runtime) error {
	var cfg config
	if err := rt.Load(&cfg); err != nil {
		return err
	}
	verifier := authn.NewVerifier(authn.SidecarKeySource{Sidecar: rt.Sidecar, AppID: cfg.Auth.AuthAppID},
		cfg.Auth.Issuer, cfg.Auth.Audience)
	sessions := newSessionView(askAuth(rt.Sidecar, cfg.Auth.AuthAppID), viewOptions{MaxAge: cfg.SessionMaxAge})
	px := newProxy(newRouter(routeTable()), rt.Sidecar, verifier, sessions, rt.Log, cfg.UpstreamTimeout)

	srv := rt.Server(cfg.Port)
	e := srv.Engine
	if err := installEdge(e, cfg.TrustedProxies, cfg.CORSOrigins, cfg.RateLimitRPS, cfg.RateLimitBurst); err != nil {
		return err
	}
	e.POST(routeSessionEvents, daprx.Subscriber(rt.Log, rt.Base.Dapr.AppToken, sessions.handle)...)
	e.GET("/api/v1/status", statusHandler(rt.Sidecar))
	e.GET(StreamPath, newNotificationStream(rt.Sidecar, verifier, sessions, rt.Log, ctx.Done()).handle)
	e.GET("/api/v1/openapi/:service", serviceOpenAPI(rt.Sidecar))
	if err := httpserver.ServeOpenAPI(e, openAPIDocument); err != nil {
		return err
	}
	var ui func(*gin.Context) bool
	if cfg.UIDir != "" {
		if _, err := os.Stat(filepath.Join(cfg.UIDir, "index.html")); err != nil {
			rt.Log.Warn("no built UI found; serving the API only", "dir", cfg.UIDir)
		} else {
			ui = uiHandler(cfg.UIDir)
		}
	}
	e.NoRoute(fallback(px.handle, ui))
	return rt.Run(ctx, srv)
}
