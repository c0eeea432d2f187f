package service

import (
	"context"

	"github.com/taskrocket/taskrocket/services/platform/postgres"
)

// Minimal is the binary of a service whose features are not built yet: it
// serves health, readiness (sidecar, and its database when it owns one),
// metrics and version on its port, and with a database applies the shared
// schema and runs the outbox relay, so the service already takes part in
// the platform (routing, access policies, deployment) with nothing fake.
func Minimal(name string, defaultPort int, ownsDatabase bool) Spec {
	type config struct {
		Port int `env:"PORT"`
	}
	type dbConfig struct {
		DB postgres.Config
	}
	load := func(rt *Runtime) (int, error) {
		var cfg config
		if err := rt.Load(&cfg); err != nil {
			return 0, err
		}
		if cfg.Port == 0 {
			cfg.Port = defaultPort
		}
		return cfg.Port, nil
	}
	spec := Spec{Name: name}
	spec.Serve = func(ctx context.Context, rt *Runtime) error {
		port, err := load(rt)
		if err != nil {
			return err
		}
		if !ownsDatabase {
			return rt.Run(ctx, rt.Server(port))
		}
		var db dbConfig
		if err := rt.Load(&db); err != nil {
			return err
		}
		store, err := rt.OpenStore(ctx, db.DB)
		if err != nil {
			return err
		}
		return rt.Run(ctx, rt.Server(port, store.Check()), store.Relay.Run)
	}
	if ownsDatabase {
		spec.Migrate = func(ctx context.Context, rt *Runtime) error {
			var db dbConfig
			if err := rt.Load(&db); err != nil {
				return err
			}
			return rt.MigrateOnly(ctx, db.DB)
		}
	}
	return spec
}
