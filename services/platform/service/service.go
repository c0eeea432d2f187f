// Package service is the entry point shared by every TaskRocket binary:
// signal handling, the JSON logger, the metric registry, the lazily
// connected sidecar, and the subcommands every image supports
// (serve — the default —, migrate, version).
package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/taskrocket/taskrocket/services/platform/buildinfo"
	"github.com/taskrocket/taskrocket/services/platform/config"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/logging"
	"github.com/taskrocket/taskrocket/services/platform/metrics"
)

// Spec describes one service binary.
type Spec struct {
	Name string // app id, e.g. "users"; also the env prefix (USERS_)
	// Serve runs the service until ctx is cancelled.
	Serve func(ctx context.Context, rt *Runtime) error
	// Migrate applies the service's schema and returns (optional).
	Migrate func(ctx context.Context, rt *Runtime) error
	// Commands are the binary's other subcommands, by name (optional).
	Commands map[string]func(ctx context.Context, rt *Runtime) error
}

// Base is the configuration every service shares.
type Base struct {
	LogLevel string `env:"LOG_LEVEL" default:"info"`
	// PprofAddr, when set (e.g. 127.0.0.1:9392), serves Go's pprof there
	// for profiling (the benchmark sets it); keep it on loopback.
	PprofAddr string `env:"PPROF_ADDR"`
	Dapr      daprx.Config
}

// Runtime is what Serve and Migrate receive.
type Runtime struct {
	Name    string
	Prefix  string
	Log     *slog.Logger
	Metrics *metrics.Registry
	Sidecar *daprx.Sidecar
	Base    Base
}

// Load fills a service-specific configuration struct with the service's
// environment prefix.
func (rt *Runtime) Load(dst any) error {
	return config.Load(rt.Prefix, dst)
}

// Server returns the HTTP server of the service on port, with readiness
// checks; the sidecar check is always included.
func (rt *Runtime) Server(port int, checks ...httpserver.Check) *httpserver.Server {
	checks = append([]httpserver.Check{{Name: "dapr", Fn: rt.Sidecar.Ready}}, checks...)
	return httpserver.New(httpserver.Options{
		Service: rt.Name,
		Addr:    fmt.Sprintf(":%d", port),
		Logger:  rt.Log,
		Metrics: rt.Metrics,
		Checks:  checks,
	})
}

// Main runs the binary described by spec and exits.
func Main(spec Spec) {
	if err := run(spec, os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", spec.Name, err)
		os.Exit(1)
	}
}

func run(spec Spec, args []string) error {
	cmd := "serve"
	if len(args) > 0 {
		cmd = args[0]
	}
	info := buildinfo.For(spec.Name)
	if cmd == "version" {
		return json.NewEncoder(os.Stdout).Encode(info)
	}

	prefix := strings.ToUpper(spec.Name)
	var base Base
	if err := config.Load(prefix, &base); err != nil {
		return err
	}
	log := logging.New(os.Stdout, spec.Name, info.Version, base.LogLevel)
	rt := &Runtime{
		Name: spec.Name, Prefix: prefix, Log: log, Base: base,
		Metrics: metrics.New(spec.Name), Sidecar: daprx.New(base.Dapr),
	}
	defer rt.Sidecar.Close()
	if base.Dapr.AppToken == "" {
		log.Warn("APP_API_TOKEN is not set: internal and subscriber endpoints will refuse every request")
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	switch cmd {
	case "serve":
		log.Info("starting", "commit", info.Commit, "go", info.GoVersion)
		if base.PprofAddr != "" {
			go servePprof(ctx, base.PprofAddr, log)
		}
		err := spec.Serve(ctx, rt)
		if err != nil && !errors.Is(err, context.Canceled) {
			log.Error("stopped with error", "error", err)
			return err
		}
		log.Info("stopped")
		return nil
	case "migrate":
		if spec.Migrate == nil {
			log.Info("no schema to migrate")
			return nil
		}
		if err := spec.Migrate(ctx, rt); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		log.Info("migrations applied")
		return nil
	default:
		if run, ok := spec.Commands[cmd]; ok {
			return run(ctx, rt)
		}
		return fmt.Errorf("unknown command %q (want serve, migrate or version)", cmd)
	}
}
