package service

import (
	"context"
	"log/slog"

	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/migrate"
	"github.com/taskrocket/taskrocket/services/platform/postgres"
)

// PortOptions are what a service's HTTP layer needs from the runtime to
// register its routes.
type PortOptions struct {
	Log *slog.Logger
	// Verifier checks the access tokens of the public API.
	Verifier *authn.Verifier
	// AppToken (APP_API_TOKEN) is what the sidecar presents on internal
	// calls and event deliveries.
	AppToken string
	// OpenAPI is the service's OpenAPI document (YAML), served as JSON at
	// GET /openapi.json.
	OpenAPI []byte
}

// PortOptions returns the HTTP layer's options: the runtime's logger and
// app token, and a verifier of the access tokens auth issues, whose keys
// are fetched through the sidecar from the auth app of cfg.
func (rt *Runtime) PortOptions(cfg authn.Config, openAPI []byte) PortOptions {
	return PortOptions{
		Log:      rt.Log,
		Verifier: authn.NewVerifier(authn.SidecarKeySource{Sidecar: rt.Sidecar, AppID: cfg.AuthAppID}, cfg.Issuer, cfg.Audience),
		AppToken: rt.Base.Dapr.AppToken,
		OpenAPI:  openAPI,
	}
}

// MigrateDB is the Spec.Migrate of a service with its own database: it
// reads the database settings (the service's DB_* variables) and applies
// the outbox schema and own.
func MigrateDB(own ...migrate.Source) func(ctx context.Context, rt *Runtime) error {
	return func(ctx context.Context, rt *Runtime) error {
		var cfg struct {
			DB postgres.Config
		}
		if err := rt.Load(&cfg); err != nil {
			return err
		}
		return rt.MigrateOnly(ctx, cfg.DB, own...)
	}
}
