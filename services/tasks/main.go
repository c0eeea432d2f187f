// Command tasks is the TaskRocket tasks service. It owns tasks, categories
// and tags, in its own Postgres database, and learns who may see and
// change them from its membership view of the projects service.
package main

import (
	"context"
	_ "embed"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/membership"
	"github.com/taskrocket/taskrocket/services/platform/postgres"
	"github.com/taskrocket/taskrocket/services/platform/service"

	"github.com/taskrocket/taskrocket/services/tasks/adapters"
	"github.com/taskrocket/taskrocket/services/tasks/app"
	"github.com/taskrocket/taskrocket/services/tasks/ports"
)

// openAPIDocument is served (as JSON) at GET /openapi.json.
//
//go:embed openapi.yaml
var openAPIDocument []byte

type config struct {
	Port          int `env:"PORT" default:"8104"`
	DB            postgres.Config
	Auth          authn.Config
	ProjectsAppID string `env:"PROJECTS_APP_ID" default:"projects"`
}

func main() {
	service.Main(service.Spec{Name: contracts.AppTasks, Serve: serve, Migrate: service.MigrateDB(adapters.Migrations())})
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
	members := membership.New(rt.Sidecar, cfg.ProjectsAppID, membership.Options{Log: rt.Log})
	rt.Metrics.Register(members.Collectors()...)
	application := app.New(app.Deps{
		Store:    adapters.NewStore(store.DB),
		Projects: adapters.NewProjects(members),
		Log:      rt.Log,
	})
	srv := rt.Server(cfg.Port, store.Check())
	opts := rt.PortOptions(cfg.Auth, openAPIDocument)
	if err := ports.Register(srv.Engine, application, opts); err != nil {
		return err
	}
	members.Subscribe(srv.Engine, rt.Log, opts.AppToken)
	return rt.Run(ctx, srv, store.Relay.Run)
}
