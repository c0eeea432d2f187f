// Command calendar is the TaskRocket calendar service. It owns recurrence
// rules and meetings (Postgres) and drives recurrence with Dapr actor
// reminders.
package main

import (
	"context"

	"github.com/taskrocket/taskrocket/services/platform/postgres"
	"github.com/taskrocket/taskrocket/services/platform/service"
)

type config struct {
	Port int `env:"PORT" default:"8108"`
	DB   postgres.Config
}

func main() {
	service.Main(service.Spec{Name: "calendar", Serve: serve, Migrate: migrateDB})
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
