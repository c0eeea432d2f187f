// Command projects is the TaskRocket projects service. It owns projects,
// their members and roles, in its own Postgres database.
package main

import (
	"context"
	_ "embed"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/postgres"
	"github.com/taskrocket/taskrocket/services/platform/service"

	"github.com/taskrocket/taskrocket/services/projects/adapters"
	"github.com/taskrocket/taskrocket/services/projects/app"
	"github.com/taskrocket/taskrocket/services/projects/ports"
)

// openAPIDocument is served (as JSON) at GET /openapi.json.
//
//go:embed openapi.yaml
var openAPIDocument []byte

type config struct {
	Port       int `env:"PORT" default:"8103"`
	DB         postgres.Config
	Auth       authn.Config
	UsersAppID string `env:"USERS_APP_ID" default:"users"`
}

func main() {
	service.Main(service.Spec{Name: contracts.AppProjects, Serve: serve, Migrate: service.MigrateDB(adapters.Migrations())})
}

func serve(ctx context.Context, rt *service.Runtime) error {
	var cfg config
	if err := rt.Load(&cfg); err != nil {
		return err
	}
	store, err := rt.OpenStore(ctx, cfg.DB, adapters.Migrations())
	if err != nil {
		return err
	}
	application := app.New(app.Deps{
		Store: adapters.NewStore(store.DB),
		Users: adapters.NewUsers(rt.Sidecar, cfg.UsersAppID),
		Log:   rt.Log,
	})
	srv := rt.Server(cfg.Port, store.Check())
	if err := ports.Register(srv.Engine, application, rt.PortOptions(cfg.Auth, openAPIDocument)); err != nil {
		return err
	}
	return rt.Run(ctx, srv, store.Relay.Run)
}
