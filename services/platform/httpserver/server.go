// Package httpserver is the gin bootstrap shared by every service: request
// ids, trace propagation, access logs, metrics, panics turned into JSON 500s,
// body limits, health/readiness/metrics/version endpoints and graceful
// shutdown.
package httpserver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/buildinfo"
	"github.com/taskrocket/taskrocket/services/platform/metrics"
)

// setupGin configures gin's process-wide validator once.
var setupGin sync.Once

// Check is one readiness dependency (database, sidecar, ...).
type Check struct {
	Name string
	Fn   func(ctx context.Context) error
}

// Options configure a Server.
type Options struct {
	Service         string
	Addr            string // host:port to listen on
	Logger          *slog.Logger
	Metrics         *metrics.Registry
	Checks          []Check
	BodyLimit       int64         // bytes; 0 means 1 MiB
	ShutdownTimeout time.Duration // 0 means 10s
}

// Server is a gin engine plus its lifecycle.
type Server struct {
	Engine   *gin.Engine
	opts     Options
	draining atomic.Bool
	listener net.Listener
}

// New builds the engine with the shared middleware and operational routes.
// Services add their routes to Engine before calling Run.
func New(opts Options) *Server {
	if opts.BodyLimit == 0 {
		opts.BodyLimit = 1 << 20
	}
	if opts.ShutdownTimeout == 0 {
		opts.ShutdownTimeout = 10 * time.Second
	}
	gin.SetMode(gin.ReleaseMode)
	setupGin.Do(useJSONFieldNames)
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.ContextWithFallback = true
	s := &Server{Engine: e, opts: opts}

	// accessLog wraps recoverJSON so that a panicking request is still
	// logged and counted as the 500 the client received.
	e.Use(requestContext(), accessLog(opts.Logger, opts.Metrics), recoverJSON(opts.Logger), limitBody(opts.BodyLimit))
	e.NoRoute(func(c *gin.Context) {
		writeError(c, http.StatusNotFound, "route_not_found", "no route for "+c.Request.Method+" "+c.Request.URL.Path)
	})
	e.NoMethod(func(c *gin.Context) {
		writeError(c, http.StatusMethodNotAllowed, "method_not_allowed", c.Request.Method+" is not allowed on "+c.Request.URL.Path)
	})

	info := buildinfo.For(opts.Service)
	e.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok", "service": opts.Service}) })
	e.GET("/readyz", s.readyz)
	e.GET("/version", func(c *gin.Context) { c.JSON(http.StatusOK, info) })
	if opts.Metrics != nil {
		e.GET("/metrics", gin.WrapH(opts.Metrics.Handler()))
	}
	return s
}

func (s *Server) readyz(c *gin.Context) {
	if s.draining.Load() {
		writeError(c, http.StatusServiceUnavailable, "shutting_down", "the service is shutting down")
		return
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
	defer cancel()
	type result struct {
		name string
		err  error
	}
	results := make(chan result, len(s.opts.Checks))
	for _, chk := range s.opts.Checks {
		go func() { results <- result{chk.Name, chk.Fn(ctx)} }()
	}
	status, report := http.StatusOK, gin.H{}
	for range s.opts.Checks {
		r := <-results
		report[r.name] = "ok"
		if r.err != nil {
			status, report[r.name] = http.StatusServiceUnavailable, r.err.Error()
		}
	}
	state := "ready"
	if status != http.StatusOK {
		state = "not_ready"
	}
	c.JSON(status, gin.H{"status": state, "checks": report})
}

// Listen binds the address now so callers learn at once whether the port is
// free (and tests can use port 0).
func (s *Server) Listen() (net.Addr, error) {
	if s.listener != nil {
		return s.listener.Addr(), nil
	}
	l, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", s.opts.Addr, err)
	}
	s.listener = l
	return l.Addr(), nil
}

// Run serves until ctx is cancelled, then drains: readiness fails at once,
// in-flight requests get ShutdownTimeout to finish.
func (s *Server) Run(ctx context.Context) error {
	if _, err := s.Listen(); err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           s.Engine,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       120 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(s.listener) }()
	s.opts.Logger.Info("http server listening", "addr", s.listener.Addr().String())

	select {
	case err := <-errc:
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}
	s.draining.Store(true)
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.opts.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("http shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("http server: %w", err)
	}
	s.opts.Logger.Info("http server stopped")
	return nil
}
