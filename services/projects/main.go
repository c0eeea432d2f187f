// Command projects is the TaskRocket projects service. It owns projects,
// their members and roles, in its own Postgres database.
package main

import (
	"context"

	"github.com/taskrocket/taskrocket/services/platform/postgres"
	"github.com/taskrocket/taskrocket/services/platform/service"
)

type config struct {
	Port int `env:"PORT" default:"8103"`
	DB   postgres.Config
}

func main() {
	service.Main(service.Spec{Name: "projects", Serve: serve, Migrate: migrateDB})
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
