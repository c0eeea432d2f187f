// Command priorities is the TaskRocket priorities service. It owns priority
// rules (Postgres) and serves priority-ordered task lists from a Dapr state
// cache.
package main

import (
	"context"

	"github.com/taskrocket/taskrocket/services/platform/postgres"
	"github.com/taskrocket/taskrocket/services/platform/service"
)

type config struct {
	Port int `env:"PORT" default:"8107"`
	DB   postgres.Config
}

func main() {
	service.Main(service.Spec{Name: "priorities", Serve: serve, Migrate: migrateDB})
}

func serve(ctx context.Context, rt *service.Runtime) error {
	var cfg config
	if err := rt.Load(&cfg); err != nil {
		return err
	}
	store, err := rt.OpenStore(ctx, cfg.DB)
	if err != nil {
		return err
	}
	srv := rt.Server(cfg.Port, store.Check())
	return rt.Run(ctx, srv, store.Relay.Run)
}

func migrateDB(ctx context.Context, rt *service.Runtime) error {
	var cfg config
	if err := rt.Load(&cfg); err != nil {
		return err
	}
	return rt.MigrateOnly(ctx, cfg.DB)
}
