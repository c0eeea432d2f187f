// Command priorities is the TaskRocket priorities service. It owns each
// project's priority rules (Postgres), keeps the effective priority of
// every open task current from them (a projection of the tasks topic),
// announces its changes, and serves "next up" from a cache in a Dapr
// state store.
package main

import (
	"context"
	_ "embed"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/membership"
	"github.com/taskrocket/taskrocket/services/platform/postgres"
	"github.com/taskrocket/taskrocket/services/platform/service"
	"github.com/taskrocket/taskrocket/services/platform/statekv"

	"github.com/taskrocket/taskrocket/services/priorities/adapters"
	"github.com/taskrocket/taskrocket/services/priorities/app"
	"github.com/taskrocket/taskrocket/services/priorities/ports"
)

// openAPIDocument is served (as JSON) at GET /openapi.json.
//
//go:embed openapi.yaml
var openAPIDocument []byte

type config struct {
	Port          int `env:"PORT" default:"8107"`
	DB            postgres.Config
	Auth          authn.Config
	ProjectsAppID string `env:"PROJECTS_APP_ID" default:"projects"`
	TasksAppID    string `env:"TASKS_APP_ID" default:"tasks"`
	CacheStore    string `env:"CACHE_STORE" default:"priorities-cache"`
}

func main() {
	service.Main(service.Spec{Name: contracts.AppPriorities, Serve: serve, Migrate: service.MigrateDB(adapters.Migrations())})
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
	cache := adapters.NewCache(statekv.Dapr{Sidecar: rt.Sidecar, Name: cfg.CacheStore})
	rt.Metrics.Register(cache.Collectors()...)
	application := app.New(app.Deps{
		Store:    adapters.NewStore(store.DB),
		Projects: adapters.NewProjects(members),
		Tasks:    adapters.NewTasks(rt.Sidecar, cfg.TasksAppID),
		Cache:    cache,
		Log:      rt.Log,
	})
	scheduler := app.NewScheduler(application)
	srv := rt.Server(cfg.Port, store.Check())
	opts := rt.PortOptions(cfg.Auth, openAPIDocument)
	if err := ports.Register(srv.Engine, application, opts); err != nil {
		return err
	}
	members.Subscribe(srv.Engine, rt.Log, opts.AppToken)
	return rt.Run(ctx, srv, store.Relay.Run, scheduler.Run)
}
