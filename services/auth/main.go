// Command auth is the TaskRocket auth service. It owns tokens: it signs
// access tokens, publishes its keys as a JWKS, keeps refresh-token
// families in Dapr state, and announces revoked logins on the sessions
// topic.
package main

import (
	"context"
	_ "embed"
	"fmt"
	"log/slog"
	"time"

	"github.com/taskrocket/taskrocket/services/auth/adapters"
	"github.com/taskrocket/taskrocket/services/auth/app"
	"github.com/taskrocket/taskrocket/services/auth/domain"
	"github.com/taskrocket/taskrocket/services/auth/ports"
	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/service"
)

// openAPI describes every route of the service; served at /openapi.json.
//
//go:embed openapi.yaml
var openAPI []byte

type config struct {
	Port        int           `env:"PORT" default:"8102"`
	PublicURL   string        `env:"PUBLIC_URL" default:"http://127.0.0.1:8080"`
	AccessTTL   time.Duration `env:"ACCESS_TOKEN_TTL" default:"10m"`
	RefreshTTL  time.Duration `env:"REFRESH_TOKEN_TTL" default:"720h"`
	SessionTTL  time.Duration `env:"SESSION_MAX_AGE" default:"2160h"`
	KeyRotation time.Duration `env:"KEY_ROTATION_INTERVAL" default:"720h"`
	KeyReload   time.Duration `env:"KEY_RELOAD_INTERVAL" default:"1m"`
	KeyActivate time.Duration `env:"KEY_ACTIVATION_DELAY" default:"15s"`
	// AnnounceRetry is how often revocations whose event could not be
	// published are published again.
	AnnounceRetry time.Duration `env:"ANNOUNCE_RETRY_INTERVAL" default:"2s"`
	Auth          authn.Config
}

func main() {
	service.Main(service.Spec{Name: contracts.AppAuth, Serve: serve})
}

func serve(ctx context.Context, rt *service.Runtime) error {
	var cfg config
	if err := rt.Load(&cfg); err != nil {
		return err
	}
	store := adapters.NewDaprStore(rt.Sidecar.Client, contracts.StoreAuth)
	opts := cfg.options(rt.Log)
	opts.Announcer = adapters.NewAnnouncer(rt.Sidecar)
	application, err := app.New(opts, store, store)
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	srv := rt.Server(cfg.Port, httpserver.Check{Name: "signing-keys", Fn: application.Keys().Ready})
	if err := cfg.register(srv, application, rt.Base.Dapr.AppToken, rt.Log); err != nil {
		return err
	}
	announce := func(ctx context.Context) error { return application.Announce(ctx, cfg.AnnounceRetry) }
	return rt.Run(ctx, srv, application.Keys().Run, announce)
}

func (cfg config) options(log *slog.Logger) app.Options {
	return app.Options{
		Issuer: cfg.Auth.Issuer, Audience: cfg.Auth.Audience,
		Lifetimes:   domain.Lifetimes{Access: cfg.AccessTTL, Refresh: cfg.RefreshTTL, Session: cfg.SessionTTL},
		KeyRotation: cfg.KeyRotation, KeyReload: cfg.KeyReload, KeyActivation: cfg.KeyActivate, Log: log,
	}
}

func (cfg config) register(srv *httpserver.Server, a *app.Application, appToken string, log *slog.Logger) error {
	return ports.Register(srv.Engine, ports.Options{
		App: a, Verifier: authn.NewVerifier(a.Keys(), cfg.Auth.Issuer, cfg.Auth.Audience),
		AppToken: appToken, PublicURL: cfg.PublicURL, OpenAPI: openAPI, Log: log,
	})
}
